// Time for the event engine. Injected so that unit tests step time by hand, the CLI runs a flow to
// quiescence in virtual time, and the editor can compress hours of schedules and retries into seconds.

/** Opaque timer handle. */
export type TimerHandle = { readonly id: number };

/** The engine's only source of time. */
export interface Clock {
  /** Current time in epoch milliseconds (virtual when compressed or manual). */
  now(): number;
  /** Runs `fn` after `ms` of this clock's time. */
  setTimer(fn: () => void, ms: number): TimerHandle;
  clearTimer(handle: TimerHandle): void;
  /** Time-compression factor shown beside every timing (1 = real time). */
  readonly compression: number;
}

let nextId = 1;

/**
 * Real time, optionally compressed: with factor 60 a one-minute retry fires after one real second.
 * `startAt` continues another clock's time (a rebuilt engine must not jump back behind its saved deadlines).
 */
export function systemClock(compression = 1, startAt?: number): Clock {
  if (!(compression >= 1)) throw new Error(`time compression must be at least 1 (got ${compression})`);
  const start = Date.now();
  const origin = startAt ?? start;
  const timers = new Map<number, NodeJS.Timeout>();
  return {
    compression,
    now: () => (compression === 1 && startAt === undefined ? Date.now() : origin + Math.round((Date.now() - start) * compression)),
    setTimer(fn, ms) {
      const handle = { id: nextId++ };
      const t = setTimeout(() => {
        timers.delete(handle.id);
        fn();
      }, Math.max(0, ms / compression));
      t.unref?.();
      timers.set(handle.id, t);
      return handle;
    },
    clearTimer(handle) {
      clearTimeout(timers.get(handle.id));
      timers.delete(handle.id);
    },
  };
}

/** Virtual time that moves only when told to: for unit tests and for running a flow to quiescence. */
export class ManualClock implements Clock {
  readonly compression = 1;
  private timers: { id: number; at: number; fn: () => void }[] = [];
  constructor(private time = Date.UTC(2026, 0, 1)) {}

  now(): number {
    return this.time;
  }

  setTimer(fn: () => void, ms: number): TimerHandle {
    const handle = { id: nextId++ };
    this.timers.push({ id: handle.id, at: this.time + Math.max(0, ms), fn });
    return handle;
  }

  clearTimer(handle: TimerHandle): void {
    this.timers = this.timers.filter((t) => t.id !== handle.id);
  }

  /** Due time of the earliest pending timer, if any. */
  nextTimerAt(): number | undefined {
    return this.timers.reduce<number | undefined>((min, t) => (min === undefined || t.at < min ? t.at : min), undefined);
  }

  /** Advances time by `ms`, firing due timers in order (timers they set are honoured too). */
  advance(ms: number): void {
    const until = this.time + ms;
    for (;;) {
      const due = this.timers.filter((t) => t.at <= until).sort((a, b) => a.at - b.at || a.id - b.id)[0];
      if (!due) break;
      this.timers = this.timers.filter((t) => t !== due);
      this.time = Math.max(this.time, due.at);
      due.fn();
    }
    this.time = until;
  }

  /** Jumps to the next timer and fires it (and any due with it); false when none is pending. */
  step(): boolean {
    const at = this.nextTimerAt();
    if (at === undefined) return false;
    this.advance(Math.max(0, at - this.time));
    return true;
  }
}

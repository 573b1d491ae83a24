// Typed trace events: every hop of an event flow (bus → rule → target → queue → function →
// destination) is recorded with the flow's trace id, so views and tests can follow it.

/** Injected faults, marked on every trace event they cause so learners can tell them from real bugs. */
export type FaultKind = 'failure' | 'throttle' | 'duplicate' | 'delay' | 'slow';

/** What happened at one hop. */
export type TraceKind =
  | 'event.put' | 'rule.matched' | 'target.delivered' | 'target.retry' | 'target.failed'
  | 'queue.sent' | 'queue.deduplicated' | 'queue.received' | 'queue.deleted' | 'queue.visibility-changed'
  | 'queue.redriven' | 'queue.purged' | 'queue.moved'
  | 'function.invoked' | 'function.succeeded' | 'function.failed' | 'function.throttled' | 'function.retry-scheduled'
  | 'function.expired' | 'function.dropped' | 'destination.sent' | 'dlq.sent'
  | 'batch.partial-failure' | 'topic.published' | 'subscription.delivered' | 'subscription.filtered'
  | 'schedule.fired' | 'error';

/** One trace event. */
export interface TraceEvent {
  /** Monotonic sequence number (order of emission). */
  seq: number;
  /** Engine-clock time, epoch ms. */
  at: number;
  traceId: string;
  kind: TraceKind;
  /** Resource the hop concerns, e.g. `queue:orders`, `function:process`, `rule:default/orders`. */
  resource: string;
  /** Id of the message, event or invocation that caused this hop. */
  causationId?: string;
  /** Injected fault that caused this hop, if any. */
  fault?: FaultKind;
  /** Kind-specific details (message id, receive count, error, attempt…). */
  detail: Record<string, unknown>;
}

/** Bounded trace history plus live listeners. */
export class TraceLog {
  private events: TraceEvent[] = [];
  private listeners = new Set<(e: TraceEvent) => void>();
  private seq = 0;
  constructor(private readonly now: () => number, private readonly capacity = 10_000) {}

  /** Records a trace event and notifies listeners. */
  emit(e: Omit<TraceEvent, 'seq' | 'at'>): TraceEvent {
    const event: TraceEvent = { seq: ++this.seq, at: this.now(), ...e };
    this.events.push(event);
    // Drop the oldest tenth at once so that trimming stays cheap under a flood.
    if (this.events.length > this.capacity) this.events.splice(0, Math.ceil(this.capacity / 10));
    for (const l of this.listeners) {
      // A view's listener that throws must not break the flow that emitted the event.
      try {
        l(event);
      } catch {
        /* the listener's own problem */
      }
    }
    return event;
  }

  /** History, oldest first, optionally for one trace id. */
  history(traceId?: string): TraceEvent[] {
    return traceId ? this.events.filter((e) => e.traceId === traceId) : [...this.events];
  }

  /** Forgets the history (views' "clear history"); sequence numbers keep counting. */
  clear(): void {
    this.events = [];
  }

  /** Subscribes to new trace events; returns an unsubscribe function. */
  subscribe(listener: (e: TraceEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}

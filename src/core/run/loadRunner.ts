// Runs a load plan for real through an invoker: schedules arrivals, enforces the concurrency
// limit, records each invocation and samples the number of live sandboxes. Cancellable.
import type { InvocationRecord } from '../invoker/types';
import { arrivalOffsets, type LoadPlan } from './loadPlan';
import type { AlivePoint, LoadSample } from './loadStats';

/** What the runner needs from an invoker (kept narrow so tests can fake it). */
export interface LoadTarget {
  invoke(index: number): Promise<InvocationRecord>;
  sandboxCount(): number;
  /** Optional: subscribe to sandbox starts/stops so the "alive" series catches scale-out as it happens. */
  onSandboxCountChange?(listener: () => void): () => void;
}

/** Result of a load run; `cancelled` runs keep the samples finished so far. */
export interface LoadRunResult {
  samples: LoadSample[];
  alive: AlivePoint[];
  cancelled: boolean;
}

/** Minimal cancellation signal (AbortSignal and VS Code tokens both adapt to it). */
export interface CancelSignal {
  readonly aborted: boolean;
}

/** Converts an invocation record into a load sample. */
export function toSample(index: number, scheduledMs: number, startMs: number, endMs: number, record: InvocationRecord): LoadSample {
  return {
    index,
    scheduledMs,
    startMs,
    endMs,
    latencyMs: endMs - startMs,
    cold: record.cold,
    durationMs: record.report.durationMs,
    billedDurationMs: record.report.billedDurationMs,
    initMs: record.report.initDurationMs,
    maxMemoryUsedMb: record.report.maxMemoryUsedMb,
    sandboxId: record.sandboxId,
    error: record.error ? `${record.error.errorType}: ${record.error.errorMessage}` : undefined,
    throttled: record.throttled || undefined,
  };
}

/** Executes the plan; `onProgress(done, total)` is called after each invocation. */
export async function runLoad(
  plan: LoadPlan,
  target: LoadTarget,
  options: { signal?: CancelSignal; onProgress?: (done: number, total: number) => void; now?: () => number } = {},
): Promise<LoadRunResult> {
  const now = options.now ?? (() => performance.now());
  const offsets = arrivalOffsets(plan);
  const samples: LoadSample[] = [];
  const alive: AlivePoint[] = [];
  const t0 = now();
  const sampleAlive = (): void => {
    alive.push({ tMs: now() - t0, alive: target.sandboxCount() });
  };
  sampleAlive();
  const unsubscribe = target.onSandboxCountChange?.(sampleAlive);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < offsets.length && !options.signal?.aborted) {
      const index = next++;
      const wait = offsets[index] - (now() - t0);
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      if (options.signal?.aborted) return;
      const start = now() - t0;
      const record = await target.invoke(index);
      const end = now() - t0;
      samples.push(toSample(index, offsets[index], start, end, record));
      sampleAlive();
      options.onProgress?.(samples.length, offsets.length);
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.min(plan.concurrency, offsets.length) }, worker));
  } finally {
    unsubscribe?.();
  }
  samples.sort((a, b) => a.index - b.index);
  return { samples, alive, cancelled: !!options.signal?.aborted && samples.length < offsets.length };
}

// Memory sweep in the style of AWS Lambda Power Tuning: duration and cost per memory size, with the
// cheapest, fastest and a balanced pick. `measure` is async so the real invoker can drive it.

/** Memory sizes swept by default (MB): the common ones, 1 vCPU, the old maximum and more. */
export const DEFAULT_SWEEP_MEMORIES: readonly number[] = [128, 256, 512, 1024, 1769, 3008, 5120, 10240];

/** One measurement at one memory size; `projected` means the CPU model produced it. */
export interface SweepMeasurement {
  durationMs: number;
  source: 'measured' | 'projected';
}

/** A sweep point: duration and the cost it implies. */
export interface SweepPoint extends SweepMeasurement {
  memoryMb: number;
  costUsd: number;
}

/** Sweep result with the memory sizes of the three picks. */
export interface SweepResult {
  points: SweepPoint[];
  cheapestMb: number;
  fastestMb: number;
  balancedMb: number;
}

/** Options of a sweep. */
export interface SweepOptions {
  memories?: readonly number[];
  measure: (memoryMb: number) => Promise<SweepMeasurement>;
  /** Cost of one configuration, e.g. per 1M invocations. */
  cost: (memoryMb: number, durationMs: number) => number;
  onPoint?: (point: SweepPoint) => void;
  signal?: AbortSignal;
}

/** Measures each memory size in turn (sequentially: parallel runs would compete for the CPU). */
export async function runMemorySweep(options: SweepOptions): Promise<SweepResult> {
  const points: SweepPoint[] = [];
  for (const memoryMb of options.memories ?? DEFAULT_SWEEP_MEMORIES) {
    if (options.signal?.aborted) throw new Error('Memory sweep cancelled');
    const m = await options.measure(memoryMb);
    const point: SweepPoint = { memoryMb, durationMs: m.durationMs, source: m.source, costUsd: options.cost(memoryMb, m.durationMs) };
    points.push(point);
    options.onPoint?.(point);
  }
  return { points, ...pickSweepPoints(points) };
}

/**
 * Cheapest (lowest cost, then faster), fastest (lowest duration, then cheaper) and balanced: the
 * lowest sum of cost and duration each scaled to 0..1 over the sweep, i.e. equal weight to both.
 */
export function pickSweepPoints(points: readonly SweepPoint[]): Pick<SweepResult, 'cheapestMb' | 'fastestMb' | 'balancedMb'> {
  if (!points.length) throw new Error('A sweep needs at least one point');
  const by = (score: (p: SweepPoint) => number) => points.reduce((best, p) => (score(p) < score(best) - 1e-15 || (Math.abs(score(p) - score(best)) <= 1e-15 && p.costUsd < best.costUsd) ? p : best)).memoryMb;
  const scale = (values: number[]) => {
    const min = Math.min(...values);
    const span = Math.max(...values) - min;
    return (v: number) => (span > 0 ? (v - min) / span : 0);
  };
  const c = scale(points.map((p) => p.costUsd));
  const d = scale(points.map((p) => p.durationMs));
  return {
    cheapestMb: by((p) => p.costUsd + p.durationMs * 1e-12),
    fastestMb: by((p) => p.durationMs),
    balancedMb: by((p) => c(p.costUsd) + d(p.durationMs)),
  };
}

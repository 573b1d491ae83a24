// Arrival schedules for a load run: when each of N invocations is sent, relative to the start.
import { exponential, seededRandom } from './random';

/** How invocations arrive during a load run. */
export type ArrivalPattern = 'burst' | 'constant' | 'poisson';

/** A load run's shape, as the learner enters it. */
export interface LoadPlan {
  /** Number of invocations (1–10,000). */
  count: number;
  pattern: ArrivalPattern;
  /** Arrivals per second for `constant` and `poisson` (ignored for `burst`). */
  ratePerSec: number;
  /** At most this many invocations in flight; later arrivals wait (client-side limit, like a queue poller). */
  concurrency: number;
  /** Seed for Poisson arrivals (reproducible runs). */
  seed?: number;
}

/** Problems with a plan, as short messages; empty when valid. */
export function validateLoadPlan(plan: LoadPlan): string[] {
  const problems: string[] = [];
  if (!Number.isInteger(plan.count) || plan.count < 1 || plan.count > 10_000) problems.push('Invocations must be a whole number from 1 to 10000.');
  if (!Number.isInteger(plan.concurrency) || plan.concurrency < 1 || plan.concurrency > 1000) problems.push('Concurrency must be a whole number from 1 to 1000.');
  if (plan.pattern !== 'burst' && !(plan.ratePerSec > 0 && plan.ratePerSec <= 1000)) problems.push('Rate must be above 0 and at most 1000 per second.');
  return problems;
}

/** Offsets in ms at which each invocation is scheduled. Burst sends everything at 0. */
export function arrivalOffsets(plan: LoadPlan): number[] {
  const offsets: number[] = [];
  const random = seededRandom(plan.seed ?? 1);
  let t = 0;
  for (let i = 0; i < plan.count; i++) {
    if (plan.pattern === 'burst') offsets.push(0);
    else if (plan.pattern === 'constant') offsets.push((i * 1000) / plan.ratePerSec);
    else {
      if (i > 0) t += exponential(random, 1000 / plan.ratePerSec);
      offsets.push(t);
    }
  }
  return offsets;
}

// Fault injection for teaching: failures, throttles, slow consumers, duplicates and reordering,
// switched on per function or per queue. Every hop an injected fault causes is marked in its trace.
import type { Random } from '../run/random';
import type { FaultKind } from './trace';

/** Faults for one function. Rates are probabilities in [0, 1]. */
export interface FunctionFaults {
  /** The invocation fails (errorType `InjectedFault`) without running the handler. */
  failureRate?: number;
  /** The invocation is throttled (429), as when reserved concurrency is exhausted. */
  throttleRate?: number;
  /** Every invocation starts this many ms late (a slow consumer). */
  slowMs?: number;
}

/** Faults for one standard queue. */
export interface QueueFaults {
  /** A sent message is stored twice (at-least-once delivery made visible). */
  duplicateRate?: number;
  /** A sent message becomes visible up to this many ms late, so messages arrive out of order. */
  maxDelayMs?: number;
}

/** The engine's fault switches. */
export interface FaultSettings {
  functions: Record<string, FunctionFaults>;
  queues: Record<string, QueueFaults>;
}

/** Validates a rate; throws a clear error when it is not a probability. */
export function checkRate(name: string, rate: number | undefined): void {
  if (rate !== undefined && !(rate >= 0 && rate <= 1)) throw new Error(`${name} must be between 0 and 1 (got ${rate})`);
}

/** Draws the fault (if any) for one invocation of a function. */
export function drawFunctionFault(f: FunctionFaults | undefined, random: Random): FaultKind | undefined {
  if (!f) return undefined;
  if (f.throttleRate && random() < f.throttleRate) return 'throttle';
  if (f.failureRate && random() < f.failureRate) return 'failure';
  return undefined;
}

// Synthetic day-long traffic for the keep-alive what-if. Patterns follow the shapes Shahrad et al.
// (USENIX ATC 2020) saw in the Azure trace: steady Poisson arrivals, timer-driven periodic
// invocations, and bursty applications with long idle gaps. This is a model, not a measurement.
import { exponential, seededRandom } from './random';

/** Shapes of synthetic traffic. */
export type TrafficPattern = 'poisson' | 'periodic' | 'bursty';

/** Parameters for {@link generateTraffic}. */
export interface TrafficOptions {
  pattern: TrafficPattern;
  /** Length of the trace in ms (default one day). */
  horizonMs?: number;
  /** Mean invocations per hour (poisson, bursty) (default 30). */
  perHour?: number;
  /** Period in ms (periodic; default 15 min). */
  periodMs?: number;
  /** Jitter as a fraction of the period (periodic; default 0.02). */
  jitter?: number;
  /** Invocations per burst (bursty; default 10) and spacing inside a burst in ms (default 2,000). */
  burstSize?: number;
  burstSpacingMs?: number;
  seed?: number;
}

/** One day in milliseconds. */
export const DAY_MS = 24 * 60 * 60 * 1000;

/** Generates sorted arrival times (ms from 0) for the pattern. */
export function generateTraffic(options: TrafficOptions): number[] {
  const horizon = options.horizonMs ?? DAY_MS;
  const random = seededRandom(options.seed ?? 42);
  const perHour = options.perHour ?? 30;
  const arrivals: number[] = [];
  switch (options.pattern) {
    case 'poisson': {
      const mean = 3_600_000 / perHour;
      for (let t = exponential(random, mean); t < horizon; t += exponential(random, mean)) arrivals.push(t);
      break;
    }
    case 'periodic': {
      const period = options.periodMs ?? 15 * 60_000;
      const jitter = (options.jitter ?? 0.02) * period;
      for (let t = period; t < horizon; t += period) arrivals.push(Math.max(0, t + (random() * 2 - 1) * jitter));
      break;
    }
    case 'bursty': {
      const size = options.burstSize ?? 10;
      const spacing = options.burstSpacingMs ?? 2_000;
      // Burst starts form a Poisson process whose rate keeps the mean at `perHour` invocations.
      const meanGap = (3_600_000 / perHour) * size;
      for (let start = exponential(random, meanGap); start < horizon; start += exponential(random, meanGap)) {
        for (let i = 0; i < size; i++) {
          const t = start + exponential(random, spacing) + i * spacing;
          if (t < horizon) arrivals.push(t);
        }
      }
      break;
    }
  }
  return arrivals.sort((a, b) => a - b);
}

// Seeded pseudo-random numbers so that simulations and synthetic traffic are reproducible.

/** A function returning uniform numbers in [0, 1). */
export type Random = () => number;

/** Mulberry32: small, fast, good enough for simulation (not for cryptography). */
export function seededRandom(seed: number): Random {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Exponentially distributed sample with the given mean (inter-arrival times of a Poisson process). */
export function exponential(random: Random, mean: number): number {
  return -Math.log(1 - random()) * mean;
}

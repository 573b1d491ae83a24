// Types for waitFor.js (plain CommonJS so that the UI harness scripts can share it with the TypeScript tests).

/** How long to wait for, and how often to look. */
export interface WaitOptions {
  /** Give up after this many milliseconds (default 10 000). */
  timeoutMs?: number;
  /** Milliseconds between two looks (default 50). */
  intervalMs?: number;
}

/** Polls `probe` until it returns a truthy value and resolves with it; rejects naming `what` after the timeout. */
export function waitFor<T>(probe: () => T | Promise<T>, what: string, options?: WaitOptions): Promise<Exclude<T, undefined | null | false | 0 | ''>>;

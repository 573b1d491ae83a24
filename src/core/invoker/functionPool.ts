// The sandboxes of one function: one in-flight invocation per sandbox, a new sandbox when all are
// busy, reserved concurrency as a hard cap (throttle beyond it), provisioned ones pre-warmed and
// never reaped, idle ones shut down after the keep-alive.
import * as fs from 'fs';
import type { CompleteConfig } from './launch';
import type { Sandbox } from './sandbox';

/** How long a handler file's mtime is trusted before it is checked again (keeps stat off the warm hot path). */
export const MTIME_RECHECK_MS = 100;
const mtimes = new Map<string, { checkedAt: number; mtimeMs: number }>();

function handlerMtime(file: string): number {
  const now = performance.now();
  const known = mtimes.get(file);
  if (known && now - known.checkedAt < MTIME_RECHECK_MS) return known.mtimeMs;
  let mtimeMs = 0;
  try {
    mtimeMs = fs.statSync(file).mtimeMs;
  } catch {
    // a missing file surfaces as an init error
  }
  mtimes.set(file, { checkedAt: now, mtimeMs });
  return mtimeMs;
}

/** The code and configuration a sandbox was started with (code edits are seen within MTIME_RECHECK_MS). */
export interface Fingerprint {
  fn: CompleteConfig;
  mtimeMs: number;
}

/** Takes the fingerprint of a function's configuration and code now. */
export function fingerprint(fn: CompleteConfig): Fingerprint {
  return { fn, mtimeMs: handlerMtime(fn.handlerFile) };
}

/** Same code and the same configuration that matters to a running sandbox (compared field by field: no strings built per call). */
export function samePrint(a: Fingerprint, b: Fingerprint): boolean {
  const x = a.fn;
  const y = b.fn;
  return a.mtimeMs === b.mtimeMs && x.runtime === y.runtime && x.handlerFile === y.handlerFile && x.handlerName === y.handlerName &&
    x.memoryMb === y.memoryMb && x.timeoutSec === y.timeoutSec && sameEnv(x.env, y.env);
}

/** Shallow equality of two environment maps. */
export function sameEnv(a: Record<string, string>, b: Record<string, string>): boolean {
  if (a === b) return true;
  let n = 0;
  for (const k in a) {
    if (a[k] !== b[k]) return false;
    n++;
  }
  // Every key of `a` has its value in `b`; equal sizes leave `b` no extra keys.
  return n === Object.keys(b).length;
}

/** Sandboxes of one function. */
export class FunctionPool {
  readonly sandboxes = new Set<Sandbox>();
  fn: CompleteConfig;
  private print: Fingerprint;

  constructor(fn: CompleteConfig, print: Fingerprint) {
    this.fn = fn;
    this.print = print;
  }

  /** Adopts a new configuration; sandboxes of older code retire (idle ones stop now). */
  update(fn: CompleteConfig, print: Fingerprint): Sandbox[] {
    this.fn = fn;
    if (samePrint(print, this.print)) return [];
    this.print = print;
    const stale: Sandbox[] = [];
    for (const s of this.sandboxes) {
      s.retired = true;
      if (s.state === 'idle') stale.push(s);
    }
    return stale;
  }

  /** Sandboxes that count against reserved concurrency (busy or starting). */
  inFlight(): number {
    let n = 0;
    for (const s of this.sandboxes) if (s.state === 'busy' || s.state === 'starting') n++;
    return n;
  }

  /** An idle, current sandbox (provisioned first, then most recently used, as warm as possible). */
  takeIdle(): Sandbox | undefined {
    let best: Sandbox | undefined;
    for (const s of this.sandboxes) {
      if (s.state !== 'idle' || s.retired) continue;
      if (!best || (s.provisioned && !best.provisioned) || (s.provisioned === best.provisioned && s.lastUsed > best.lastUsed)) best = s;
    }
    return best;
  }

  /** Number of live provisioned sandboxes. */
  provisionedCount(): number {
    let n = 0;
    for (const s of this.sandboxes) if (s.provisioned && s.state !== 'dead' && !s.retired) n++;
    return n;
  }

  /** Idle on-demand sandboxes past the keep-alive. */
  expired(now: number): Sandbox[] {
    const limit = this.fn.keepAliveSec * 1000;
    return [...this.sandboxes].filter((s) => s.state === 'idle' && !s.provisioned && now - s.lastUsed >= limit);
  }
}

// Discrete-event simulation of keep-alive policies over a trace of arrivals. It answers "what
// cold-start percentage would I get, and how much idle sandbox time would I pay for?" for fixed
// keep-alive, provisioned concurrency, and the hybrid histogram policy of Shahrad et al.,
// "Serverless in the Wild", USENIX ATC 2020. It is a model calibrated with measured durations,
// not a measurement: the UI must label it so.

/** A keep-alive policy to simulate. */
export type KeepAlivePolicy =
  | { kind: 'fixed'; keepAliveMs: number }
  /** `count` always-warm sandboxes; overflow runs on demand with `keepAliveMs`. */
  | { kind: 'provisioned'; count: number; keepAliveMs: number }
  | ({ kind: 'hybrid' } & HybridOptions);

/** Parameters of the hybrid histogram policy (defaults are the paper's). */
export interface HybridOptions {
  /** Histogram range (default 4 h). */
  rangeMs?: number;
  /** Bin width (default 1 min). */
  binMs?: number;
  /** Pre-warm percentile (default 5) and keep-alive percentile (default 99). */
  headPercentile?: number;
  tailPercentile?: number;
  /** Safety margin: head lowered and tail raised by this fraction (default 0.1). */
  margin?: number;
  /** Below this coefficient of variation of bin counts the histogram is not representative (default 2). */
  minCv?: number;
}

/** Measured inputs that calibrate the simulation. */
export interface SimulationCalibration {
  /** Cold-start overhead (spawn + runtime init + function init) in ms. */
  initMs: number;
  /** Handler duration in ms. */
  durationMs: number;
}

/** What happened to one arrival (kept only when `trace` is requested). */
export interface SimulatedInvocation {
  at: number;
  cold: boolean;
  sandbox: number;
}

/** Aggregate outcome of one policy. */
export interface SimulationResult {
  invocations: number;
  coldStarts: number;
  /** Cold starts as a percentage of invocations (0 when there are none). */
  coldPct: number;
  /** Sandbox time spent alive but not serving a request, in ms (the memory the policy wastes). */
  idleSandboxMs: number;
  /** Largest number of sandboxes alive at once. */
  maxSandboxes: number;
  trace?: SimulatedInvocation[];
}

interface Sandbox {
  id: number;
  provisioned: boolean;
  busyUntil: number;
  /** Time from which the sandbox is loaded and idle (after its last request or its pre-warm). */
  aliveFrom: number;
  expiresAt: number;
}

/** Hybrid-policy windows: unload for `preWarmMs` after a request, then stay loaded `keepAliveMs`. */
export interface HybridWindows {
  preWarmMs: number;
  keepAliveMs: number;
  /** True when the histogram was not representative and the conservative fallback was used. */
  fallback: boolean;
}

/** Idle-time histogram of one application, as the hybrid policy keeps it. */
export class IdleTimeHistogram {
  readonly bins: number[];
  outOfBounds = 0;
  total = 0;
  constructor(private readonly options: Required<HybridOptions>) {
    this.bins = new Array<number>(Math.ceil(options.rangeMs / options.binMs)).fill(0);
  }

  /** Records one idle time (gap between the end of one request and the next arrival). */
  add(idleMs: number): void {
    this.total++;
    const bin = Math.floor(idleMs / this.options.binMs);
    if (bin >= this.bins.length) this.outOfBounds++;
    else this.bins[bin]++;
  }

  /** Current windows: percentiles with margins, or a keep-alive of the whole range as fallback. */
  windows(): HybridWindows {
    const o = this.options;
    const inRange = this.total - this.outOfBounds;
    // Out-of-range idle times would switch the paper's policy to ARIMA forecasting, which we do not model.
    if (inRange === 0 || this.outOfBounds / this.total >= 0.5 || this.cv() < o.minCv) {
      return { preWarmMs: 0, keepAliveMs: o.rangeMs, fallback: true };
    }
    const head = this.percentileBin(o.headPercentile, inRange) * o.binMs;
    const tail = (this.percentileBin(o.tailPercentile, inRange) + 1) * o.binMs;
    const preWarmMs = head * (1 - o.margin);
    return { preWarmMs, keepAliveMs: tail * (1 + o.margin) - preWarmMs, fallback: false };
  }

  /** Coefficient of variation (std / mean) of the bin counts. */
  cv(): number {
    const n = this.bins.length;
    const mean = this.bins.reduce((a, b) => a + b, 0) / n;
    if (mean === 0) return 0;
    const variance = this.bins.reduce((a, b) => a + (b - mean) ** 2, 0) / n;
    return Math.sqrt(variance) / mean;
  }

  private percentileBin(p: number, count: number): number {
    const target = (p / 100) * count;
    let cumulative = 0;
    for (let i = 0; i < this.bins.length; i++) {
      cumulative += this.bins[i];
      if (cumulative >= target && cumulative > 0) return i;
    }
    return this.bins.length - 1;
  }
}

/** Fills in the paper's defaults for the hybrid policy. */
export function hybridDefaults(options: HybridOptions = {}): Required<HybridOptions> {
  return {
    rangeMs: options.rangeMs ?? 4 * 3_600_000,
    binMs: options.binMs ?? 60_000,
    headPercentile: options.headPercentile ?? 5,
    tailPercentile: options.tailPercentile ?? 99,
    margin: options.margin ?? 0.1,
    minCv: options.minCv ?? 2,
  };
}

/**
 * Simulates one policy over sorted `arrivals` (ms). Idle time is counted up to `horizonMs`
 * (default: the last arrival plus one hour), so provisioned sandboxes pay for the whole horizon.
 */
export function simulateKeepAlive(
  arrivals: readonly number[],
  calibration: SimulationCalibration,
  policy: KeepAlivePolicy,
  options: { horizonMs?: number; trace?: boolean } = {},
): SimulationResult {
  const horizon = options.horizonMs ?? (arrivals.length ? arrivals[arrivals.length - 1] + 3_600_000 : 0);
  const histogram = policy.kind === 'hybrid' ? new IdleTimeHistogram(hybridDefaults(policy)) : undefined;
  const sandboxes: Sandbox[] = [];
  const trace: SimulatedInvocation[] = [];
  let nextId = 1;
  let idle = 0;
  let cold = 0;
  let maxAlive = 0;
  let lastFree = -Infinity;
  if (policy.kind === 'provisioned') {
    for (let i = 0; i < policy.count; i++) sandboxes.push({ id: nextId++, provisioned: true, busyUntil: 0, aliveFrom: 0, expiresAt: Infinity });
  }
  const keepAliveFor = (freeAt: number): { aliveFrom: number; expiresAt: number } => {
    if (policy.kind !== 'hybrid') return { aliveFrom: freeAt, expiresAt: freeAt + policy.keepAliveMs };
    const w = histogram!.windows();
    return { aliveFrom: freeAt + w.preWarmMs, expiresAt: freeAt + w.preWarmMs + w.keepAliveMs };
  };

  for (const t of arrivals) {
    // Reap sandboxes whose keep-alive ended before this arrival, charging their idle tail.
    for (let i = sandboxes.length - 1; i >= 0; i--) {
      const s = sandboxes[i];
      if (s.busyUntil <= t && s.expiresAt <= t) {
        idle += Math.max(0, Math.min(s.expiresAt, horizon) - s.aliveFrom);
        sandboxes.splice(i, 1);
      }
    }
    const anyBusy = sandboxes.some((s) => s.busyUntil > t);
    if (histogram && !anyBusy && lastFree > -Infinity) histogram.add(t - lastFree);
    // Provisioned first (as Lambda does), then the most recently used warm sandbox.
    const ready = sandboxes
      .filter((s) => s.busyUntil <= t && s.aliveFrom <= t && t < s.expiresAt)
      .sort((a, b) => Number(b.provisioned) - Number(a.provisioned) || b.aliveFrom - a.aliveFrom);
    let sandbox = ready[0];
    let isCold = false;
    if (sandbox) {
      idle += t - sandbox.aliveFrom;
    } else {
      isCold = true;
      cold++;
      // A sandbox that is unloaded while waiting for its pre-warm is replaced by this cold start.
      const dormant = sandboxes.findIndex((s) => s.busyUntil <= t && s.aliveFrom > t);
      if (dormant >= 0) sandboxes.splice(dormant, 1);
      sandbox = { id: nextId++, provisioned: false, busyUntil: t, aliveFrom: t, expiresAt: Infinity };
      sandboxes.push(sandbox);
    }
    const freeAt = t + (isCold ? calibration.initMs : 0) + calibration.durationMs;
    sandbox.busyUntil = freeAt;
    lastFree = Math.max(lastFree, freeAt);
    if (sandbox.provisioned) {
      sandbox.aliveFrom = freeAt;
    } else {
      Object.assign(sandbox, keepAliveFor(freeAt));
    }
    maxAlive = Math.max(maxAlive, sandboxes.filter((s) => s.busyUntil > t || s.aliveFrom <= t).length);
    if (options.trace) trace.push({ at: t, cold: isCold, sandbox: sandbox.id });
  }
  for (const s of sandboxes) idle += Math.max(0, Math.min(s.expiresAt, horizon) - Math.max(s.aliveFrom, 0));

  return {
    invocations: arrivals.length,
    coldStarts: cold,
    coldPct: arrivals.length ? (cold / arrivals.length) * 100 : 0,
    idleSandboxMs: idle,
    maxSandboxes: maxAlive,
    ...(options.trace ? { trace } : {}),
  };
}

/** A labelled policy, for sweeps. */
export interface LabelledPolicy {
  label: string;
  policy: KeepAlivePolicy;
}

/** The default what-if sweep: fixed keep-alive values, provisioned concurrency and the hybrid policy. */
export function defaultPolicySweep(): LabelledPolicy[] {
  const min = 60_000;
  return [
    ...[1, 5, 10, 20, 60, 240].map((m) => ({ label: `Fixed keep-alive ${m} min`, policy: { kind: 'fixed', keepAliveMs: m * min } as KeepAlivePolicy })),
    ...[1, 2].map((n) => ({ label: `Provisioned ${n} (+10 min keep-alive)`, policy: { kind: 'provisioned', count: n, keepAliveMs: 10 * min } as KeepAlivePolicy })),
    { label: 'Hybrid histogram (Shahrad et al. 2020)', policy: { kind: 'hybrid' } },
  ];
}

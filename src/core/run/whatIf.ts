// The keep-alive what-if: calibrates the simulator with measured invocations and sweeps policies
// over a synthetic day of traffic. Output is a model; `measured` says whether real figures were used.
import type { InvocationRecord } from '../invoker/types';
import { defaultPolicySweep, simulateKeepAlive, type SimulationCalibration } from './keepAliveSim';
import { percentile } from './loadStats';
import { DAY_MS, generateTraffic, type TrafficPattern } from './traffic';

/** Inputs of a keep-alive what-if run. */
export interface WhatIfRequest {
  pattern: TrafficPattern;
  perHour: number;
}

/** One simulated policy (a row of the what-if chart/table). */
export interface WhatIfRow {
  label: string;
  kind: 'fixed' | 'provisioned' | 'hybrid';
  coldPct: number;
  idleSandboxHours: number;
}

/** Result of a what-if run: rows plus the inputs, with which were measured. */
export interface WhatIfResult {
  request: WhatIfRequest;
  invocations: number;
  initMs: number;
  durationMs: number;
  /** True when initMs/durationMs come from this workspace's measured invocations, false for fallbacks. */
  measured: boolean;
  /** Function whose measurements calibrated the run. */
  functionName?: string;
  rows: WhatIfRow[];
}

/** Fallback calibration when nothing has been measured yet: lambda-perf nodejs22.x p50 init (141 ms), a 5 ms handler. */
export const FALLBACK_CALIBRATION: SimulationCalibration = { initMs: 141, durationMs: 5 };

/** Median cold-start overhead and duration from measured records; undefined parts when not measured. */
export function calibrationFromRecords(records: readonly InvocationRecord[]): { initMs?: number; durationMs?: number } {
  const median = (v: number[]): number | undefined => (v.length ? percentile(v.sort((a, b) => a - b), 50) : undefined);
  const served = records.filter((r) => !r.throttled && !r.error);
  const inits = served.filter((r) => r.cold).map((r) => (r.timings.spawnMs ?? 0) + (r.timings.runtimeInitMs ?? 0) + (r.timings.functionInitMs ?? 0) || (r.report.initDurationMs ?? 0)).filter((v) => v > 0);
  return { initMs: median(inits), durationMs: median(served.map((r) => r.report.durationMs)) };
}

/** Runs the sweep for a request, calibrated with `records` of one function. */
export function runWhatIf(request: WhatIfRequest, records: readonly InvocationRecord[], functionName?: string): WhatIfResult {
  const measured = calibrationFromRecords(records);
  const calibration = { initMs: measured.initMs ?? FALLBACK_CALIBRATION.initMs, durationMs: measured.durationMs ?? FALLBACK_CALIBRATION.durationMs };
  const perHour = Math.min(3600, Math.max(0.1, request.perHour));
  const arrivals = generateTraffic({ pattern: request.pattern, perHour, periodMs: 3_600_000 / perHour, seed: 2020 });
  const rows = defaultPolicySweep().map(({ label, policy }) => {
    const r = simulateKeepAlive(arrivals, calibration, policy, { horizonMs: DAY_MS });
    return { label, kind: policy.kind, coldPct: r.coldPct, idleSandboxHours: r.idleSandboxMs / 3_600_000 };
  });
  return {
    request: { pattern: request.pattern, perHour },
    invocations: arrivals.length,
    initMs: calibration.initMs,
    durationMs: calibration.durationMs,
    measured: measured.initMs !== undefined && measured.durationMs !== undefined,
    functionName,
    rows,
  };
}

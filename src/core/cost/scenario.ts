// The Cost panel's model, computed in one pure step from the learner's scenario: the three bills,
// the billing-granularity explainer, provisioned concurrency versus cold starts, and the memory
// sweep. Pure so the CLI, tests and the extension host all get the same numbers.
import { compareProviders } from './calculator';
import { awsBill } from './aws';
import { awsVcpuShare, projectDuration } from './cpuModel';
import { billingGranularity, type GranularityRow } from './granularity';
import { mean } from './format';
import { unconfirmedFigures, type UnconfirmedFigure } from './pricing';
import { DEFAULT_SWEEP_MEMORIES, pickSweepPoints, type SweepPoint, type SweepResult } from './sweep';
import type { AzurePlan, CostArchitecture, CostBreakdown, Provider } from './types';

/** Which measured figure stands for a run's duration. */
export type DurationBasis = 'samples' | 'median' | 'p90';

/** Everything the learner can set in the panel (and what is saved for a reload). */
export interface CostScenario {
  functionName?: string;
  /** Durations measured locally (ms), at `measuredMemoryMb`. */
  durationsMs: number[];
  measuredMemoryMb: number;
  /** Peak memory used (Azure Consumption bills it). */
  maxMemoryUsedMb: number;
  /** Memory to price (slider); differing from the measured memory projects durations by the CPU model. */
  memoryMb: number;
  invocations: number;
  durationBasis: DurationBasis;
  coldFraction: number;
  initMs: number;
  arch: CostArchitecture;
  azurePlan: AzurePlan;
  freeTier: boolean;
  /** Model assumption: share of the run that is CPU-bound (the rest waits and does not scale). */
  cpuBoundFraction: number;
  /** Provisioned concurrency for the what-if (enabled all month). */
  provisionedConcurrency: number;
}

/** Provisioned concurrency versus the cold starts it removes, on AWS, same traffic. */
export interface ProvisionedWhatIf {
  concurrency: number;
  hours: number;
  onDemandTotal: number;
  provisionedTotal: number;
  extraCost: number;
  coldStartsBefore: number;
  coldStartsAfter: number;
  /** Init latency removed across the month (ms). */
  initMsRemoved: number;
}

/** The computed panel model. */
export interface CostModel {
  scenario: CostScenario;
  stats: { count: number; medianMs: number; p90Ms: number; meanMs: number };
  /** Durations priced (after the basis choice and any CPU-model projection). */
  pricedDurationsMs: number[];
  /** True when the priced durations are CPU-model projections, not the measurements. */
  projected: boolean;
  projectionNote?: string;
  providers: Record<Provider, CostBreakdown>;
  granularity: { warm: GranularityRow[]; cold: GranularityRow[] };
  provisioned: ProvisionedWhatIf;
  sweep: Omit<SweepResult, 'points'> & { points: CostSweepPoint[]; costLabel: string };
  unconfirmed: UnconfirmedFigure[];
}

/** A sweep point with the arithmetic behind its duration (measured, or the CPU-model projection). */
export type CostSweepPoint = SweepPoint & { formula: string };

/** Hours in an average month (8,760 / 12), used for "enabled all month". */
export const HOURS_PER_MONTH = 730;

/** Nearest-rank percentile of `values` (p in 0..100). */
export function percentile(values: readonly number[], p: number): number {
  if (!values.length) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

/** Builds a scenario from measured runs (the `serverlessLab.openCost` argument) with sensible defaults. */
export function scenarioFromMeasurements(m: { durationsMs: number[]; maxMemoryUsedMb: number; memoryMb: number; coldFraction?: number; initMs?: number; functionName?: string }): CostScenario {
  const durations = m.durationsMs.filter((d) => Number.isFinite(d) && d >= 0);
  const memory = Math.min(10240, Math.max(128, Math.round(m.memoryMb || 128)));
  return {
    ...(m.functionName ? { functionName: m.functionName } : {}),
    durationsMs: durations.length ? durations : [100],
    measuredMemoryMb: memory,
    maxMemoryUsedMb: Math.max(1, m.maxMemoryUsedMb || memory),
    memoryMb: memory,
    invocations: 1_000_000,
    durationBasis: 'samples',
    coldFraction: Math.min(1, Math.max(0, m.coldFraction ?? 0)),
    initMs: Math.max(0, m.initMs ?? 0),
    arch: 'x86_64',
    azurePlan: 'consumption',
    freeTier: true,
    cpuBoundFraction: 0.5,
    provisionedConcurrency: 0,
  };
}

/** Computes the whole panel model for `s`. */
export function buildCostModel(s: CostScenario): CostModel {
  const medianMs = percentile(s.durationsMs, 50);
  const p90Ms = percentile(s.durationsMs, 90);
  const basis = s.durationBasis === 'median' ? [medianMs] : s.durationBasis === 'p90' ? [p90Ms] : s.durationsMs;
  const threads = 1;
  const referenceVcpu = Math.min(awsVcpuShare(s.measuredMemoryMb), threads);
  const project = (ms: number, memoryMb: number) => projectDuration({ measuredMs: ms, cpuBoundFraction: s.cpuBoundFraction, referenceVcpu, threads }, memoryMb).durationMs;
  const projected = s.memoryMb !== s.measuredMemoryMb;
  const priced = projected ? basis.map((d) => project(d, s.memoryMb)) : [...basis];
  const common = { memoryMb: s.memoryMb, durationMs: priced, invocations: s.invocations, coldFraction: s.coldFraction, initMs: s.initMs, freeTier: s.freeTier };
  const providers = compareProviders({ ...common, arch: s.arch, azurePlan: s.azurePlan, observedMemoryMb: s.maxMemoryUsedMb });

  const onDemand = awsBill({ ...common, provider: 'aws', arch: s.arch });
  const pc = s.provisionedConcurrency;
  const withPc = pc > 0 ? awsBill({ ...common, provider: 'aws', arch: s.arch, provisionedConcurrency: pc, provisionedHours: HOURS_PER_MONTH }) : onDemand;
  const busyS = (s.invocations * mean(priced.map((d) => Math.ceil(d)))) / 1000;
  const capacityS = pc * HOURS_PER_MONTH * 3600;
  const servedByPc = pc > 0 ? (busyS <= capacityS ? 1 : capacityS / busyS) : 0;
  const coldBefore = s.invocations * s.coldFraction;
  const coldAfter = coldBefore * (1 - servedByPc);

  const sweepMemories = [...new Set([...DEFAULT_SWEEP_MEMORIES, s.measuredMemoryMb])].sort((a, b) => a - b);
  const sweepMedian = medianMs;
  const points: CostSweepPoint[] = sweepMemories.map((memoryMb) => {
    const measured = memoryMb === s.measuredMemoryMb;
    const projection = projectDuration({ measuredMs: sweepMedian, cpuBoundFraction: s.cpuBoundFraction, referenceVcpu, threads }, memoryMb);
    const durationMs = measured ? sweepMedian : projection.durationMs;
    const bill = awsBill({ provider: 'aws', arch: s.arch, memoryMb, durationMs, invocations: 1_000_000, freeTier: false });
    const formula = `${measured ? `median of ${s.durationsMs.length} measured runs = ${durationMs.toFixed(1)} ms` : projection.formula}; cost: ${bill.lines.filter((l) => l.usd > 0).map((l) => l.formula).join(' + ')}`;
    return { memoryMb, durationMs, source: measured ? 'measured' : 'projected', costUsd: bill.total, formula };
  });

  return {
    scenario: s,
    stats: { count: s.durationsMs.length, medianMs, p90Ms, meanMs: mean(s.durationsMs) },
    pricedDurationsMs: priced,
    projected,
    ...(projected ? { projectionNote: `Durations at ${s.memoryMb} MB are projected from measurements at ${s.measuredMemoryMb} MB by the CPU model (${Math.round(s.cpuBoundFraction * 100)}% CPU-bound assumed; 1,769 MB = 1 vCPU).` } : {}),
    providers,
    granularity: { warm: billingGranularity(medianMs), cold: billingGranularity(medianMs, s.initMs) },
    provisioned: { concurrency: pc, hours: HOURS_PER_MONTH, onDemandTotal: onDemand.total, provisionedTotal: withPc.total, extraCost: withPc.total - onDemand.total, coldStartsBefore: coldBefore, coldStartsAfter: coldAfter, initMsRemoved: (coldBefore - coldAfter) * s.initMs },
    sweep: { points, ...pickSweepPoints(points), costLabel: `AWS Lambda (${s.arch}) cost per 1M invocations of the median run, no free tier` },
    unconfirmed: unconfirmedFigures(),
  };
}

const clamp = (v: unknown, min: number, max: number, fallback: number): number => (typeof v === 'number' && Number.isFinite(v) ? Math.min(max, Math.max(min, v)) : fallback);

/** Coerces untrusted scenario data (webview messages, saved state) into a valid scenario, or undefined. */
export function normalizeScenario(raw: unknown): CostScenario | undefined {
  if (!raw || typeof raw !== 'object') return undefined;
  const r = raw as Record<string, unknown>;
  if (!Array.isArray(r.durationsMs)) return undefined;
  const durations = r.durationsMs.filter((d): d is number => typeof d === 'number' && Number.isFinite(d) && d >= 0).slice(0, 10_000);
  if (!durations.length) return undefined;
  const measured = Math.round(clamp(r.measuredMemoryMb, 128, 10240, 128));
  return {
    ...(typeof r.functionName === 'string' ? { functionName: r.functionName.slice(0, 200) } : {}),
    durationsMs: durations,
    measuredMemoryMb: measured,
    maxMemoryUsedMb: clamp(r.maxMemoryUsedMb, 1, 10240, measured),
    memoryMb: Math.round(clamp(r.memoryMb, 128, 10240, measured)),
    invocations: Math.round(clamp(r.invocations, 0, 1e11, 1_000_000)),
    durationBasis: r.durationBasis === 'median' || r.durationBasis === 'p90' ? r.durationBasis : 'samples',
    coldFraction: clamp(r.coldFraction, 0, 1, 0),
    initMs: clamp(r.initMs, 0, 600_000, 0),
    arch: r.arch === 'arm64' ? 'arm64' : 'x86_64',
    azurePlan: r.azurePlan === 'flex' ? 'flex' : 'consumption',
    freeTier: r.freeTier !== false,
    cpuBoundFraction: clamp(r.cpuBoundFraction, 0, 1, 0.5),
    provisionedConcurrency: Math.round(clamp(r.provisionedConcurrency, 0, 10_000, 0)),
  };
}

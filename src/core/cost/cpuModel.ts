// The CPU model: Lambda gives CPU in proportion to memory (1,769 MB = 1 vCPU). A measured local
// duration is projected to another memory size by scaling only its CPU-bound part. This is a MODEL:
// local cores are not Lambda vCPUs, and the CPU-bound share is an assumption unless measured.
import { fmtNum } from './format';
import { awsPricing } from './pricing';

/** vCPU share AWS Lambda gives a function of `memoryMb` (1 at 1,769 MB). */
export function awsVcpuShare(memoryMb: number): number {
  return memoryMb / awsPricing.mbPerVcpu.value;
}

/** What the projection starts from. */
export interface ProjectionBasis {
  /** Duration measured locally, in ms. */
  measuredMs: number;
  /** Share of the measured time spent on CPU (0..1); the rest is waiting (I/O, timers) and does not scale. */
  cpuBoundFraction: number;
  /** vCPU available when measuring; a local run gets a whole core, so 1 by default. */
  referenceVcpu?: number;
  /** Threads the code can keep busy; single-threaded code gains nothing past 1 vCPU. Default 1. */
  threads?: number;
}

/** A projected duration, split into its parts, with the formula written out. */
export interface Projection {
  memoryMb: number;
  durationMs: number;
  cpuMs: number;
  waitMs: number;
  vcpu: number;
  formula: string;
}

/** Projects `basis` to `memoryMb`: cpu × (reference vCPU ÷ usable vCPU) + wait. */
export function projectDuration(basis: ProjectionBasis, memoryMb: number): Projection {
  const threads = basis.threads ?? 1;
  const f = Math.min(1, Math.max(0, basis.cpuBoundFraction));
  const reference = Math.min(basis.referenceVcpu ?? 1, threads);
  const vcpu = awsVcpuShare(memoryMb);
  const usable = Math.min(vcpu, threads);
  const cpuMs = basis.measuredMs * f * (reference / usable);
  const waitMs = basis.measuredMs * (1 - f);
  const formula = `${fmtNum(basis.measuredMs)} ms × ${fmtNum(f, 2)} CPU-bound × (${fmtNum(reference, 3)} ÷ min(${fmtNum(memoryMb)} ÷ 1,769, ${threads}) vCPU) + ${fmtNum(basis.measuredMs)} ms × ${fmtNum(1 - f, 2)} waiting = ${fmtNum(cpuMs + waitMs, 1)} ms (model)`;
  return { memoryMb, durationMs: cpuMs + waitMs, cpuMs, waitMs, vcpu, formula };
}

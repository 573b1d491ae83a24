// Google Cloud Run functions monthly bill (request-based billing): vCPU-s + GiB-s + requests, 100 ms steps.
import { assemble, type Credits, samplesOf } from './bill';
import { ceilTo, fmtNum, fmtPrice, fmtUsd, mean } from './format';
import { gcpPricing } from './pricing';
import type { CostBreakdown, CostInput } from './types';

/** The memory setting used for `memoryMb` (next one up) and its vCPU share. */
export function gcpMemoryTier(memoryMb: number): { memoryMib: number; vcpu: number } {
  const tiers = gcpPricing.memoryToVcpu;
  return tiers.find((t) => t.memoryMib >= memoryMb) ?? tiers[tiers.length - 1];
}

/** Billed milliseconds of one request: rounded up to 100 ms. */
export function gcpBilledMs(durationMs: number): number {
  return ceilTo(durationMs, gcpPricing.billingGranularityMs.value);
}

/** Prices one month on Cloud Run functions with request-based billing and concurrency 1. */
export function gcpBill(input: CostInput): CostBreakdown {
  const p = gcpPricing;
  const tier = gcpMemoryTier(input.memoryMb);
  const gib = tier.memoryMib / 1024;
  const samples = samplesOf(input);
  const n = input.invocations;
  const cold = input.coldFraction ?? 0;
  const initMs = input.initMs ?? 0;
  const warmMs = mean(samples.map(gcpBilledMs));
  const coldExtraMs = mean(samples.map((d) => gcpBilledMs(d + initMs) - gcpBilledMs(d)));
  const unitPerSecond = tier.vcpu * p.perVcpuSecond.value + gib * p.perGibSecond.value;
  const priceText = `(${tier.vcpu} vCPU × ${fmtPrice(p.perVcpuSecond.value)} + ${fmtNum(gib, 4)} GiB × ${fmtPrice(p.perGibSecond.value)}) per s`;
  const computeS = (n * warmMs) / 1000;
  const initS = (n * cold * coldExtraMs) / 1000;
  const src = [p.perVcpuSecond.source, p.memoryToVcpuSource];
  const requests = (n * p.requestsPerMillion.value) / 1e6;
  const charges: Parameters<typeof assemble>[1] = {
    requests: { usd: requests, formula: `${fmtNum(n)} requests × ${fmtPrice(p.requestsPerMillion.value)} per 1M = ${fmtUsd(requests)}`, sources: [p.requestsPerMillion.source] },
    compute: { usd: computeS * unitPerSecond, formula: `${fmtNum(n)} requests × ${fmtNum(warmMs)} ms billed (rounded up to 100 ms) = ${fmtNum(computeS)} s × ${priceText} = ${fmtUsd(computeS * unitPerSecond)}`, sources: src },
  };
  if (cold > 0 && initMs > 0) {
    charges.init = { usd: initS * unitPerSecond, formula: `${fmtNum(n)} × ${fmtNum(cold, 4)} cold × ${fmtNum(coldExtraMs)} ms extra billed = ${fmtNum(initS)} s × ${priceText} = ${fmtUsd(initS * unitPerSecond)} (model: instance start-up billed)`, sources: src, unconfirmed: !p.initBilled.confirmed };
  }
  let credits: Credits | undefined;
  if (input.freeTier !== false) {
    const seconds = computeS + initS;
    const freeVcpu = Math.min(seconds * tier.vcpu, p.freeVcpuSeconds.value);
    const freeGib = Math.min(seconds * gib, p.freeGibSeconds.value);
    const freeReq = Math.min(n, p.freeRequests.value);
    credits = {
      requests: (freeReq * p.requestsPerMillion.value) / 1e6,
      duration: freeVcpu * p.perVcpuSecond.value + freeGib * p.perGibSecond.value,
      sources: [p.freeRequests.source],
      formula: `−(${fmtNum(freeReq)} free requests × ${fmtPrice(p.requestsPerMillion.value)} per 1M + ${fmtNum(freeVcpu)} free vCPU-s × ${fmtPrice(p.perVcpuSecond.value)} + ${fmtNum(freeGib)} free GiB-s × ${fmtPrice(p.perGibSecond.value)})`,
    };
  }
  const notes = ['Concurrency 1 per instance is assumed (a request has the instance to itself).'];
  if (tier.memoryMib !== input.memoryMb) notes.push(`Memory ${fmtNum(input.memoryMb)} MB is billed as the next setting, ${fmtNum(tier.memoryMib)} MiB.`);
  if (cold > 0 && initMs > 0) notes.push('Start-up time billed as instance time is a model assumption (unconfirmed for functions).');
  const actualMs = mean(samples);
  return assemble(input, charges, credits, { actualMs, billedMs: warmMs, unusedMs: warmMs - actualMs, billedMemoryMb: tier.memoryMib, rule: 'rounded up to 100 ms' }, notes);
}

// Azure Functions monthly bill: Consumption (observed memory, 100 ms minimum) and Flex Consumption
// on demand (instance memory, 1 s minimum then 100 ms steps). Init time is not billed in this model.
import { assemble, type Credits, samplesOf } from './bill';
import { ceilTo, fmtNum, fmtPrice, fmtUsd, mean } from './format';
import { azurePricing } from './pricing';
import type { CostBreakdown, CostInput } from './types';

/** Billed milliseconds of one Consumption execution: at least 100 ms, rounded up to 1 ms. */
export function azureConsumptionBilledMs(durationMs: number): number {
  return Math.max(azurePricing.consumption.minDurationMs.value, ceilTo(durationMs, 1));
}

/** Billed milliseconds of one Flex execution: at least 1 s, then rounded up to 100 ms. */
export function azureFlexBilledMs(durationMs: number): number {
  return Math.max(azurePricing.flex.minDurationMs.value, ceilTo(durationMs, 100));
}

/** Memory Azure Consumption bills: observed memory rounded up to 128 MB, capped at 1,536 MB. */
export function azureConsumptionBilledMemoryMb(observedMb: number): number {
  const p = azurePricing.consumption;
  return Math.min(p.maxMemoryMb.value, Math.max(p.memoryStepMb.value, ceilTo(observedMb, p.memoryStepMb.value)));
}

/** Prices one month on Azure Functions (Consumption or Flex Consumption on demand). */
export function azureBill(input: CostInput): CostBreakdown {
  const flex = (input.plan ?? 'consumption') === 'flex';
  const p = flex ? azurePricing.flex : azurePricing.consumption;
  const src = [flex ? azurePricing.flex.instanceSizesSource : p.perGbSecond.source, p.perGbSecond.source].filter((s, i, a) => a.indexOf(s) === i);
  const memMb = flex ? input.memoryMb : azureConsumptionBilledMemoryMb(input.observedMemoryMb ?? input.memoryMb);
  const memGb = memMb / 1024;
  const samples = samplesOf(input);
  const n = input.invocations;
  const billedMs = mean(samples.map(flex ? azureFlexBilledMs : azureConsumptionBilledMs));
  const gbs = (n * billedMs * memGb) / 1000;
  const rule = flex ? 'minimum 1 s, then rounded up to 100 ms' : 'minimum 100 ms, rounded up to 1 ms';
  const memText = flex ? `${fmtNum(memMb)} MB instance` : `${fmtNum(memMb)} MB observed (rounded up to 128 MB)`;
  const compute = gbs * p.perGbSecond.value;
  const requests = (n * p.executionsPerMillion.value) / 1e6;
  const charges = {
    requests: { usd: requests, formula: `${fmtNum(n)} executions × ${fmtPrice(p.executionsPerMillion.value)} per 1M = ${fmtUsd(requests)}`, sources: [p.executionsPerMillion.source], unconfirmed: !p.executionsPerMillion.confirmed },
    compute: { usd: compute, formula: `${fmtNum(n)} executions × ${fmtNum(billedMs)} ms billed (${rule}) × ${memText} = ${fmtNum(gbs)} GB-s × ${fmtPrice(p.perGbSecond.value)} per GB-s = ${fmtUsd(compute)}`, sources: src },
  };
  let credits: Credits | undefined;
  if (input.freeTier !== false) {
    const freeExec = Math.min(n, p.freeExecutions.value);
    const freeGbs = Math.min(gbs, p.freeGbSeconds.value);
    credits = {
      requests: (freeExec * p.executionsPerMillion.value) / 1e6,
      duration: freeGbs * p.perGbSecond.value,
      sources: [p.freeGbSeconds.source],
      formula: `−(${fmtNum(freeExec)} free executions × ${fmtPrice(p.executionsPerMillion.value)} per 1M + ${fmtNum(freeGbs)} free GB-s × ${fmtPrice(p.perGbSecond.value)})`,
    };
  }
  const notes = ['Cold-start (init) time is not billed separately in this model.'];
  if (flex) notes.push('Flex bills each instance while it executes; this model assumes one execution per instance at a time. Always-ready instances are not modelled (USD prices unconfirmed).');
  if (!flex && input.observedMemoryMb === undefined) notes.push('Consumption bills observed memory; without a measured peak the configured memory is used.');
  if (!flex) notes.push(LINUX_CONSUMPTION_RETIREMENT);
  const actualMs = mean(samples);
  return assemble(input, charges, credits, { actualMs, billedMs, unusedMs: billedMs - actualMs, billedMemoryMb: memMb, rule }, notes);
}

/** Shown with every Consumption estimate (https://learn.microsoft.com/azure/azure-functions/consumption-plan, checked 2026-11-27). */
export const LINUX_CONSUMPTION_RETIREMENT =
  'On Linux, the Consumption plan retires on 30 September 2028 and gets no new features; Microsoft recommends Flex Consumption for new apps (Windows Consumption is not affected). Source: https://learn.microsoft.com/azure/azure-functions/consumption-plan';

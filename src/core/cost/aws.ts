// AWS Lambda monthly bill: requests, tiered duration, INIT (2025 rule), provisioned concurrency, storage.
import { assemble, type Charge, type Credits, samplesOf, tieredCost, tieredFormula } from './bill';
import { ceilTo, fmtNum, fmtPrice, fmtUsd, mean } from './format';
import { awsPricing } from './pricing';
import type { CostBreakdown, CostInput } from './types';

/** The AWS price table shape (tests pass a variant with an example's rounded unit price). */
export type AwsPrices = typeof awsPricing;

/**
 * Prices one month on AWS Lambda. Model assumptions (also returned as notes): invocations fill the
 * provisioned environments first (as in AWS's own example), overflow runs on demand; provisioned
 * environments are pre-initialised so their invocations have no cold start; tiers are applied to
 * this function's usage only (AWS tiers aggregate the whole account).
 */
export function awsBill(input: CostInput, prices: AwsPrices = awsPricing): CostBreakdown {
  const arch = input.arch ?? 'x86_64';
  const tiers = prices.durationTiers[arch];
  const memGb = input.memoryMb / 1024;
  const samples = samplesOf(input);
  const n = input.invocations;
  const cold = input.coldFraction ?? 0;
  const initMs = input.initMs ?? 0;
  const rule = input.initBilling ?? '2025';
  const warmBilledMs = mean(samples.map((d) => ceilTo(d, 1)));
  const coldExtraMs = rule === '2025' ? mean(samples.map((d) => ceilTo(d + initMs, 1) - ceilTo(d, 1))) : 0;
  const pc = input.provisionedConcurrency ?? 0;
  const pcHours = pc > 0 ? ceilTo((input.provisionedHours ?? 0) * 60, 5) / 60 : 0;
  const capacityS = pc * pcHours * 3600;
  const busyS = (n * warmBilledMs) / 1000;
  const nPc = pc > 0 ? (busyS <= capacityS ? n : (n * capacityS) / busyS) : 0;
  const nOd = n - nPc;
  const src = [prices.requestPerMillion.source];
  const notes: string[] = [];

  const odComputeGbs = (nOd * warmBilledMs * memGb) / 1000;
  const initGbs = (nOd * cold * coldExtraMs * memGb) / 1000;
  const pcGbs = (nPc * warmBilledMs * memGb) / 1000;
  const odGross = tieredCost(odComputeGbs + initGbs, tiers);
  const odShare = odComputeGbs + initGbs > 0 ? odComputeGbs / (odComputeGbs + initGbs) : 1;
  const tierText = odComputeGbs + initGbs > tiers[0].upTo ? `tiered price ${tieredFormula(odComputeGbs + initGbs, tiers, 'GB-s')}` : `${fmtPrice(tiers[0].price.value)} per GB-s`;
  const unconfirmed = tiers.some((t) => !t.price.confirmed) && odComputeGbs + initGbs > tiers[0].upTo;
  const pcDurPrice = prices.provisioned.durationPerGbSecond[arch].value;

  const charges: Record<string, Charge> = {};
  charges.requests = { usd: (n * prices.requestPerMillion.value) / 1e6, formula: `${fmtNum(n)} requests × ${fmtPrice(prices.requestPerMillion.value)} per 1M = ${fmtUsd((n * prices.requestPerMillion.value) / 1e6)}`, sources: src };
  const odText = `${fmtNum(nOd)} on-demand × ${fmtNum(warmBilledMs)} ms billed (rounded up to 1 ms) × ${fmtNum(memGb, 4)} GB = ${fmtNum(odComputeGbs)} GB-s × ${tierText}`;
  const pcText = `${fmtNum(nPc)} on provisioned × ${fmtNum(warmBilledMs)} ms × ${fmtNum(memGb, 4)} GB = ${fmtNum(pcGbs)} GB-s × ${fmtPrice(pcDurPrice)} per GB-s`;
  const computeUsd = odGross * odShare + pcGbs * pcDurPrice;
  charges.compute = { usd: computeUsd, formula: `${nPc > 0 ? (nOd > 0 ? `${pcText} + ${odText}` : pcText) : odText} = ${fmtUsd(computeUsd)}`, sources: src, unconfirmed };
  if (cold > 0 && initMs > 0) {
    const initUsd = odGross * (1 - odShare);
    const why = rule === '2025' ? `${fmtNum(coldExtraMs)} ms extra billed per cold start (INIT billed since ${prices.initBilledSince.value})` : 'legacy rule: INIT not billed';
    charges.init = { usd: initUsd, formula: `${fmtNum(nOd)} on-demand × ${fmtNum(cold, 4)} cold × ${why} × ${fmtNum(memGb, 4)} GB = ${fmtNum(initGbs)} GB-s × ${tierText} = ${fmtUsd(initUsd)}`, sources: [...src, prices.initBilledSince.source] };
  }
  if (pc > 0) {
    const price = prices.provisioned.concurrencyPerGbSecond[arch].value;
    const gbs = pc * memGb * pcHours * 3600;
    charges.provisioned = { usd: gbs * price, formula: `${fmtNum(pc)} environments × ${fmtNum(memGb, 4)} GB × ${fmtNum(pcHours, 4)} h (rounded up to 5 min) × 3,600 s = ${fmtNum(gbs)} GB-s × ${fmtPrice(price)} per GB-s = ${fmtUsd(gbs * price)}`, sources: src };
    notes.push('Invocations fill the provisioned environments first; overflow runs on demand with the cold-start fraction applied. Provisioned environments have no cold starts.');
    if (nOd > 0) notes.push(`Provisioned capacity (${fmtNum(capacityS)} s) is smaller than the traffic needs (${fmtNum(busyS)} s): ${fmtNum(nOd)} invocations spill over to on demand.`);
  }
  const storageMb = input.ephemeralStorageMb ?? prices.ephemeralStorage.includedMb.value;
  if (storageMb > prices.ephemeralStorage.includedMb.value) {
    const extraGb = (storageMb - prices.ephemeralStorage.includedMb.value) / 1024;
    const seconds = memGb > 0 ? (odComputeGbs + initGbs + pcGbs) / memGb : 0;
    const usd = extraGb * seconds * prices.ephemeralStorage.perGbSecond.value;
    charges.storage = { usd, formula: `(${fmtNum(storageMb)} − 512) MB = ${fmtNum(extraGb, 4)} GB × ${fmtNum(seconds)} billed s × ${fmtPrice(prices.ephemeralStorage.perGbSecond.value)} per GB-s = ${fmtUsd(usd)}`, sources: src };
  }

  let credits: Credits | undefined;
  if (input.freeTier !== false && pc === 0) {
    const freeReq = Math.min(n, prices.freeRequests.value);
    const billable = Math.max(0, odComputeGbs + initGbs - prices.freeGbSeconds.value);
    const duration = odGross - tieredCost(billable, tiers);
    const requests = (freeReq * prices.requestPerMillion.value) / 1e6;
    credits = { requests, duration, sources: src, formula: `−(${fmtNum(freeReq)} free requests × ${fmtPrice(prices.requestPerMillion.value)} per 1M + min(${fmtNum(odComputeGbs + initGbs)}, ${fmtNum(prices.freeGbSeconds.value)}) free GB-s × ${tierText})` };
  } else if (input.freeTier !== false) {
    notes.push('The free tier does not apply to functions with provisioned concurrency enabled.');
  }
  notes.push('Price tiers aggregate all functions of an account; here they are applied to this function alone.');
  const actualMs = mean(samples);
  return assemble(input, charges, credits, { actualMs, billedMs: warmBilledMs, unusedMs: warmBilledMs - actualMs, billedMemoryMb: input.memoryMb, rule: 'rounded up to 1 ms' }, notes);
}

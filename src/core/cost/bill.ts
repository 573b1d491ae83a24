// Shared bill assembly: turns gross charges and free-tier credits into lines, items and a total.
import { fmtNum, fmtPrice, fmtUsd } from './format';
import type { BillingSummary, CostBreakdown, CostInput, CostItemId, CostLine } from './types';
import type { PriceTier } from './pricing';

/** A gross charge (before free tier) with its written-out formula. */
export interface Charge {
  usd: number;
  formula: string;
  sources: string[];
  unconfirmed?: boolean;
}

/** Free-tier credits: one on requests, one on duration (shared by compute and init, pro rata). */
export interface Credits {
  requests: number;
  duration: number;
  formula: string;
  sources: string[];
}

const LABELS: Record<CostItemId, string> = {
  requests: 'Requests',
  compute: 'Compute (duration)',
  init: 'Init (cold starts)',
  provisioned: 'Provisioned concurrency',
  storage: 'Ephemeral storage',
  freeTier: 'Free tier applied',
};

/** Cost of `usage` under tiered prices (tiers are cumulative upper bounds). */
export function tieredCost(usage: number, tiers: readonly PriceTier[]): number {
  let cost = 0;
  let floor = 0;
  for (const tier of tiers) {
    if (usage <= floor) break;
    cost += (Math.min(usage, tier.upTo) - floor) * tier.price.value;
    floor = tier.upTo;
  }
  return cost;
}

/** The tiers `usage` falls into, written out: "6,000,000,000 GB-s × $0.0000166667 + 1,000 GB-s × $0.000015". */
export function tieredFormula(usage: number, tiers: readonly PriceTier[], unit: string): string {
  const parts: string[] = [];
  let floor = 0;
  for (const tier of tiers) {
    if (usage <= floor) break;
    parts.push(`${fmtNum(Math.min(usage, tier.upTo) - floor)} ${unit} × ${fmtPrice(tier.price.value)}`);
    floor = tier.upTo;
  }
  return parts.length > 1 ? `(${parts.join(' + ')}, tiered)` : '';
}

/** Assembles the breakdown; every item is present (zero when not applicable) so JSON consumers see a fixed shape. */
export function assemble(
  input: CostInput,
  charges: Partial<Record<Exclude<CostItemId, 'freeTier'>, Charge>>,
  credits: Credits | undefined,
  billing: BillingSummary,
  notes: string[],
): CostBreakdown {
  const items: Record<CostItemId, number> = { requests: 0, compute: 0, init: 0, provisioned: 0, storage: 0, freeTier: 0 };
  const lines: CostLine[] = [];
  const durationGross = (charges.compute?.usd ?? 0) + (charges.init?.usd ?? 0);
  for (const id of ['requests', 'compute', 'init', 'provisioned', 'storage'] as const) {
    const charge = charges[id];
    if (!charge) continue;
    items[id] = charge.usd;
    let credit = 0;
    if (credits && id === 'requests') credit = credits.requests;
    if (credits && (id === 'compute' || id === 'init') && durationGross > 0) credit = credits.duration * (charge.usd / durationGross);
    lines.push({ id, label: LABELS[id], usd: charge.usd, net: Math.max(0, charge.usd - credit), formula: charge.formula, sources: charge.sources, ...(charge.unconfirmed ? { unconfirmed: true } : {}) });
  }
  if (credits) {
    const credit = -(credits.requests + credits.duration);
    items.freeTier = credit === 0 ? 0 : credit;
    lines.push({ id: 'freeTier', label: LABELS.freeTier, usd: items.freeTier, net: items.freeTier, formula: `${credits.formula} = ${fmtUsd(items.freeTier)}`, sources: credits.sources });
  }
  const total = Math.max(0, Object.values(items).reduce((a, b) => a + b, 0));
  return {
    provider: input.provider,
    ...(input.provider === 'azure' ? { plan: input.plan ?? 'consumption' } : {}),
    ...(input.provider === 'aws' ? { arch: input.arch ?? 'x86_64' } : {}),
    currency: 'USD',
    total,
    items,
    lines,
    billing,
    notes,
  };
}

/** The duration samples as an array. */
export function samplesOf(input: CostInput): readonly number[] {
  return typeof input.durationMs === 'number' ? [input.durationMs] : input.durationMs;
}

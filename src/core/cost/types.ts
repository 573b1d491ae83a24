// Types of the cost models: what the calculator takes and the itemised bill it returns.

/** A FaaS provider the cost model knows. */
export type Provider = 'aws' | 'azure' | 'gcp';
/** Azure Functions hosting plan. */
export type AzurePlan = 'consumption' | 'flex';
/** AWS Lambda instruction-set architecture (prices differ). */
export type CostArchitecture = 'x86_64' | 'arm64';
/** Which INIT billing rule applies on AWS: `2025` bills INIT (since 2025-08-01), `legacy` does not. */
export type InitBillingRule = '2025' | 'legacy';

/** Everything the calculator needs for one monthly estimate. */
export interface CostInput {
  provider: Provider;
  /** Azure only; defaults to `consumption`. */
  plan?: AzurePlan;
  /** AWS only; defaults to `x86_64`. */
  arch?: CostArchitecture;
  /** Configured memory in MB (Azure Flex: the instance size). */
  memoryMb: number;
  /** Peak memory actually used; Azure Consumption bills this (rounded up to 128 MB), not the setting. */
  observedMemoryMb?: number;
  /** One duration, or measured per-invocation durations (each sample stands for an equal share of traffic). */
  durationMs: number | readonly number[];
  /** Invocations per month. */
  invocations: number;
  /** Share of invocations that are cold starts (0..1). */
  coldFraction?: number;
  /** Init duration of a cold start, in ms. */
  initMs?: number;
  /** AWS INIT billing rule; defaults to `2025`. */
  initBilling?: InitBillingRule;
  /** AWS provisioned concurrency (environments). */
  provisionedConcurrency?: number;
  /** Hours per month provisioned concurrency is enabled (rounded up to 5 minutes). */
  provisionedHours?: number;
  /** AWS ephemeral storage (/tmp) in MB; 512 MB are included. */
  ephemeralStorageMb?: number;
  /** Apply the monthly free tier / free grant; defaults to true. */
  freeTier?: boolean;
}

/** Item names of the bill (stable: the CLI's `--json` output and docs/cost.md use them). */
export type CostItemId = 'requests' | 'compute' | 'init' | 'provisioned' | 'storage' | 'freeTier';

/** One line of the bill, with its arithmetic written out. */
export interface CostLine {
  id: CostItemId;
  label: string;
  /** Charge before the free tier, in USD (for `freeTier`: the credit, zero or negative). */
  usd: number;
  /** Charge after this line's share of the free tier (equals `usd` for `freeTier`). */
  net: number;
  /** The formula with the actual values substituted, for learners to check. */
  formula: string;
  /** Source URLs of the prices used. */
  sources: string[];
  /** True when a price used could not be confirmed at a primary source. */
  unconfirmed?: boolean;
}

/** Billed versus actual time per invocation (means over the duration samples). */
export interface BillingSummary {
  actualMs: number;
  billedMs: number;
  /** Paid for but not used (billed - actual), per invocation. */
  unusedMs: number;
  /** Memory the price is computed on, in MB. */
  billedMemoryMb: number;
  /** The rounding rule, in words. */
  rule: string;
}

/** The monthly bill of one provider/plan: total at full precision plus its items. */
export interface CostBreakdown {
  provider: Provider;
  plan?: AzurePlan;
  arch?: CostArchitecture;
  currency: 'USD';
  total: number;
  /** Sums per item; `freeTier` is zero or negative, and the items add up to `total`. */
  items: Record<CostItemId, number>;
  lines: CostLine[];
  billing: BillingSummary;
  /** Model assumptions and caveats to show next to the figures. */
  notes: string[];
}

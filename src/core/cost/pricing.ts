// Price data for the cost models, kept apart from the calculator so a price change is a data edit.
// Every figure carries its source URL and the date it was read. `confirmed: false` marks figures that
// come only from secondary copies; the UI labels them "unconfirmed". Region: us-east-1 / East US /
// Tier 1, USD. Read 2026-11-26 from stored copies of the pages below and the team's
// shared/reference/serverless-facts.md (researched the same day).

/** One published price or limit, with where it came from. */
export interface SourcedNumber {
  value: number;
  /** What the value counts, e.g. "USD per GB-s". */
  unit: string;
  source: string;
  /** ISO date the source was read. */
  readOn: string;
  /** False when the figure could not be confirmed at a primary source. */
  confirmed: boolean;
  note?: string;
}

/** A tier of a tiered price: applies to usage up to `upTo` (cumulative, in the price's unit). */
export interface PriceTier {
  upTo: number;
  price: SourcedNumber;
}

const READ = '2026-11-26';
const AWS = 'https://aws.amazon.com/lambda/pricing/';
const AZURE = 'https://azure.microsoft.com/pricing/details/functions/';
const AZURE_FLEX = 'https://learn.microsoft.com/azure/azure-functions/flex-consumption-plan';
const GCP = 'https://cloud.google.com/run/pricing';
const GCP_MEM = 'https://cloud.google.com/functions/docs/configuring/memory';

const n = (value: number, unit: string, source: string, confirmed = true, note?: string): SourcedNumber => ({ value, unit, source, readOn: READ, confirmed, ...(note ? { note } : {}) });

/** AWS Lambda (us-east-1). */
export const awsPricing = {
  requestPerMillion: n(0.2, 'USD per 1M requests', AWS),
  durationTiers: {
    x86_64: [
      { upTo: 6e9, price: n(0.0000166667, 'USD per GB-s', AWS) },
      { upTo: 15e9, price: n(0.000015, 'USD per GB-s', AWS) },
      { upTo: Infinity, price: n(0.0000133334, 'USD per GB-s', AWS) },
    ],
    arm64: [
      { upTo: 7.5e9, price: n(0.0000133334, 'USD per GB-s', AWS) },
      { upTo: 18.75e9, price: n(0.0000120001, 'USD per GB-s', AWS, false, 'arm64 tier boundaries and lower tier prices only seen in secondary copies') },
      { upTo: Infinity, price: n(0.0000106667, 'USD per GB-s', AWS, false, 'arm64 tier boundaries and lower tier prices only seen in secondary copies') },
    ],
  } satisfies Record<'x86_64' | 'arm64', readonly PriceTier[]>,
  freeRequests: n(1_000_000, 'requests per month', AWS),
  freeGbSeconds: n(400_000, 'GB-s per month', AWS),
  billingGranularityMs: n(1, 'ms (duration rounded up)', AWS),
  minMemoryMb: n(128, 'MB', 'https://docs.aws.amazon.com/lambda/latest/dg/configuration-memory.html'),
  maxMemoryMb: n(10240, 'MB', 'https://docs.aws.amazon.com/lambda/latest/dg/configuration-memory.html'),
  mbPerVcpu: n(1769, 'MB of memory per vCPU', 'https://docs.aws.amazon.com/lambda/latest/dg/configuration-memory.html'),
  initBilledSince: { value: '2025-08-01', source: 'https://aws.amazon.com/blogs/compute/aws-lambda-standardizes-billing-for-init-phase/', readOn: READ, confirmed: true },
  provisioned: {
    concurrencyPerGbSecond: {
      x86_64: n(0.0000041667, 'USD per GB-s provisioned', AWS),
      arm64: n(0.0000033334, 'USD per GB-s provisioned', AWS),
    },
    durationPerGbSecond: {
      x86_64: n(0.0000097222, 'USD per GB-s executed on provisioned environments', AWS),
      arm64: n(0.0000077778, 'USD per GB-s executed on provisioned environments', AWS),
    },
    incrementMinutes: n(5, 'minutes (enabled time rounded up)', AWS),
  },
  ephemeralStorage: {
    perGbSecond: n(0.0000000309, 'USD per GB-s above the included storage', AWS),
    includedMb: n(512, 'MB included', AWS),
    maxMb: n(10240, 'MB', 'https://docs.aws.amazon.com/lambda/latest/dg/configuration-ephemeral-storage.html'),
  },
} as const;

/** Azure Functions (East US). */
export const azurePricing = {
  consumption: {
    perGbSecond: n(0.000016, 'USD per GB-s', AZURE),
    executionsPerMillion: n(0.2, 'USD per 1M executions', AZURE),
    freeGbSeconds: n(400_000, 'GB-s per month', AZURE),
    freeExecutions: n(1_000_000, 'executions per month', AZURE),
    memoryStepMb: n(128, 'MB (observed memory rounded up)', AZURE),
    maxMemoryMb: n(1536, 'MB', AZURE),
    minDurationMs: n(100, 'ms minimum per execution', AZURE),
    billingGranularityMs: n(1, 'ms (duration rounded up)', AZURE),
  },
  flex: {
    perGbSecond: n(0.000026, 'USD per GB-s (on demand)', AZURE),
    executionsPerMillion: n(0.4, 'USD per 1M executions (on demand)', AZURE, false, 'USD figure not found at the source; the EUR table gives 0.371 EUR per 1M'),
    freeGbSeconds: n(100_000, 'GB-s per month', AZURE),
    freeExecutions: n(250_000, 'executions per month', AZURE),
    instanceSizesMb: [512, 2048, 4096] as const,
    instanceSizesSource: AZURE_FLEX,
    minDurationMs: n(1000, 'ms minimum per execution', AZURE_FLEX),
    billingGranularityMs: n(100, 'ms (rounded up after the minimum)', AZURE_FLEX),
    // Always-ready baseline and execution prices were not confirmed in USD, so always-ready is not modelled.
  },
} as const;

/** Google Cloud Run functions, request-based billing (Tier 1). */
export const gcpPricing = {
  perVcpuSecond: n(0.000024, 'USD per vCPU-s', GCP),
  perGibSecond: n(0.0000025, 'USD per GiB-s', GCP),
  requestsPerMillion: n(0.4, 'USD per 1M requests', GCP),
  freeVcpuSeconds: n(180_000, 'vCPU-s per month', GCP),
  freeGibSeconds: n(360_000, 'GiB-s per month', GCP),
  freeRequests: n(2_000_000, 'requests per month', GCP),
  billingGranularityMs: n(100, 'ms (rounded up)', GCP),
  /** Memory settings (MiB) and the vCPU each one gets by default. */
  memoryToVcpu: [
    { memoryMib: 128, vcpu: 0.083 },
    { memoryMib: 256, vcpu: 0.167 },
    { memoryMib: 512, vcpu: 0.333 },
    { memoryMib: 1024, vcpu: 0.583 },
    { memoryMib: 2048, vcpu: 1 },
    { memoryMib: 4096, vcpu: 2 },
    { memoryMib: 8192, vcpu: 2 },
    { memoryMib: 16384, vcpu: 4 },
    { memoryMib: 32768, vcpu: 8 },
  ] as const,
  memoryToVcpuSource: GCP_MEM,
  // Init time counted as billable instance time: Cloud Run bills an instance while it starts; not
  // confirmed for functions specifically, so it is labelled as a model assumption in the UI.
  initBilled: { value: true, source: GCP, readOn: READ, confirmed: false },
} as const;

/** A figure the UI must label "unconfirmed", as display text. */
export interface UnconfirmedFigure {
  provider: 'aws' | 'azure' | 'gcp';
  name: string;
  text: string;
  source: string;
  note?: string;
}

/** Every figure or rule that could not be confirmed at a primary source, optionally for one provider. */
export function unconfirmedFigures(provider?: UnconfirmedFigure['provider']): UnconfirmedFigure[] {
  const of = (p: UnconfirmedFigure['provider'], name: string, f: SourcedNumber): UnconfirmedFigure => ({ provider: p, name, text: `${f.value} ${f.unit}`, source: f.source, ...(f.note ? { note: f.note } : {}) });
  const all: UnconfirmedFigure[] = [
    of('aws', 'AWS arm64 duration tier 2', awsPricing.durationTiers.arm64[1].price),
    of('aws', 'AWS arm64 duration tier 3', awsPricing.durationTiers.arm64[2].price),
    of('azure', 'Azure Flex executions (USD)', azurePricing.flex.executionsPerMillion),
    { provider: 'gcp', name: 'Google: cold-start time billed as instance time', text: 'assumed', source: gcpPricing.initBilled.source, note: 'Cloud Run bills instance start-up; not confirmed for functions' },
  ];
  return provider ? all.filter((f) => f.provider === provider) : all;
}

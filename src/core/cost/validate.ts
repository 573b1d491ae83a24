// Input checks shared by the calculator, the CLI (exit 2) and the panel (inline messages).
import { awsPricing, azurePricing, gcpPricing } from './pricing';
import type { CostInput } from './types';

/** Thrown by the calculator for input it cannot price; `problems` are user-facing sentences. */
export class CostInputError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.join(' '));
    this.name = 'CostInputError';
  }
}

const HOURS_PER_MONTH_MAX = 744; // 31 days

const finiteAtLeast = (v: number | undefined, min: number): boolean => v === undefined || (Number.isFinite(v) && v >= min);

/** Returns every problem with `input` (empty when it can be priced). */
export function validateCostInput(input: CostInput): string[] {
  const problems: string[] = [];
  const { provider } = input;
  if (!['aws', 'azure', 'gcp'].includes(provider)) return [`Unknown provider "${provider}": use aws, azure or gcp.`];
  if (input.plan !== undefined && provider !== 'azure') problems.push(`--plan applies to Azure only; ${provider} has a single pay-per-use plan.`);
  if (input.plan !== undefined && !['consumption', 'flex'].includes(input.plan)) problems.push(`Unknown Azure plan "${input.plan}": use consumption or flex.`);
  if (input.arch !== undefined && !['x86_64', 'arm64'].includes(input.arch)) problems.push(`Unknown architecture "${input.arch}": use x86_64 or arm64.`);
  if (input.arch === 'arm64' && provider !== 'aws') problems.push(`arm64 pricing exists only for AWS Lambda; ${provider === 'azure' ? 'Azure Functions' : 'Cloud Run functions'} prices do not depend on the architecture. Drop --arch.`);
  const mem = input.memoryMb;
  if (!Number.isFinite(mem) || mem <= 0) problems.push('Memory must be a positive number of MB.');
  else if (provider === 'aws' && (!Number.isInteger(mem) || mem < awsPricing.minMemoryMb.value || mem > awsPricing.maxMemoryMb.value)) problems.push(`AWS Lambda memory must be a whole number of MB from 128 to 10,240 (got ${mem}).`);
  else if (provider === 'azure' && (input.plan ?? 'consumption') === 'flex' && !(azurePricing.flex.instanceSizesMb as readonly number[]).includes(mem)) problems.push(`Azure Flex Consumption instance memory must be 512, 2048 or 4096 MB (got ${mem}).`);
  else if (provider === 'azure' && (input.plan ?? 'consumption') === 'consumption' && mem > azurePricing.consumption.maxMemoryMb.value) problems.push(`Azure Consumption instances have at most 1,536 MB (got ${mem}); use --plan flex for more.`);
  else if (provider === 'gcp' && mem > gcpPricing.memoryToVcpu[gcpPricing.memoryToVcpu.length - 1].memoryMib) problems.push(`Cloud Run functions memory is at most 32,768 MiB (got ${mem}).`);
  if (!finiteAtLeast(input.observedMemoryMb, 0)) problems.push('Observed memory must be zero or more MB.');
  const samples = typeof input.durationMs === 'number' ? [input.durationMs] : input.durationMs;
  if (!samples.length) problems.push('At least one duration is needed.');
  if (samples.some((d) => !Number.isFinite(d) || d < 0)) problems.push('Durations must be zero or more milliseconds.');
  if (!Number.isInteger(input.invocations) || input.invocations < 0) problems.push(`Invocations must be a whole number, zero or more (got ${input.invocations}).`);
  if (input.coldFraction !== undefined && !(Number.isFinite(input.coldFraction) && input.coldFraction >= 0 && input.coldFraction <= 1)) problems.push(`The cold-start fraction must be between 0 and 1 (got ${input.coldFraction}).`);
  if (!finiteAtLeast(input.initMs, 0)) problems.push(`Init duration must be zero or more ms (got ${input.initMs}).`);
  const pc = input.provisionedConcurrency;
  const hours = input.provisionedHours;
  if (pc !== undefined || hours !== undefined) {
    if (provider !== 'aws') problems.push('Provisioned concurrency is an AWS Lambda feature; drop --provisioned-concurrency/--provisioned-hours for this provider.');
    if (pc !== undefined && (!Number.isInteger(pc) || pc < 0)) problems.push(`Provisioned concurrency must be a whole number, zero or more (got ${pc}).`);
    if (hours !== undefined && !(Number.isFinite(hours) && hours >= 0 && hours <= HOURS_PER_MONTH_MAX)) problems.push(`Provisioned hours must be between 0 and 744 (a 31-day month) (got ${hours}).`);
    if ((pc ?? 0) > 0 && hours === undefined) problems.push('Provisioned concurrency needs --provisioned-hours (how long it is enabled each month).');
    if (hours !== undefined && pc === undefined) problems.push('--provisioned-hours needs --provisioned-concurrency.');
  }
  const storage = input.ephemeralStorageMb;
  if (storage !== undefined) {
    if (provider !== 'aws') problems.push('Ephemeral storage pricing is modelled for AWS Lambda only.');
    else if (!Number.isInteger(storage) || storage < 512 || storage > awsPricing.ephemeralStorage.maxMb.value) problems.push(`Ephemeral storage must be a whole number of MB from 512 to 10,240 (got ${storage}).`);
  }
  return problems;
}

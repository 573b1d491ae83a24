// The cost calculator's entry point: validates, then dispatches to the provider's model.
import { awsBill } from './aws';
import { azureBill } from './azure';
import { gcpBill } from './gcp';
import type { CostBreakdown, CostInput, Provider } from './types';
import { CostInputError, validateCostInput } from './validate';

/** Prices one month for `input`; USD at full precision. Throws CostInputError for invalid input. */
export function estimateCost(input: CostInput): CostBreakdown {
  const problems = validateCostInput(input);
  if (problems.length) throw new CostInputError(problems);
  switch (input.provider) {
    case 'aws':
      return awsBill(input);
    case 'azure':
      return azureBill(input);
    case 'gcp':
      return gcpBill(input);
  }
}

/** The same workload on all three providers, each with its defaults adjusted to be valid. */
export function compareProviders(base: Omit<CostInput, 'provider' | 'plan' | 'arch'> & { arch?: CostInput['arch']; azurePlan?: CostInput['plan'] }): Record<Provider, CostBreakdown> {
  const { arch, azurePlan, provisionedConcurrency, provisionedHours, ephemeralStorageMb, ...common } = base;
  const plan = azurePlan ?? 'consumption';
  const azureMemory = plan === 'flex' ? flexInstanceFor(common.memoryMb) : Math.min(common.memoryMb, 1536);
  return {
    aws: estimateCost({ ...common, provider: 'aws', arch, provisionedConcurrency, provisionedHours, ephemeralStorageMb }),
    azure: estimateCost({ ...common, provider: 'azure', plan, memoryMb: azureMemory, observedMemoryMb: common.observedMemoryMb === undefined ? undefined : Math.min(common.observedMemoryMb, 1536) }),
    gcp: estimateCost({ ...common, provider: 'gcp', memoryMb: Math.min(common.memoryMb, 32768) }),
  };
}

/** Smallest Flex instance size that holds `memoryMb` (4096 MB at most). */
export function flexInstanceFor(memoryMb: number): number {
  return [512, 2048, 4096].find((s) => s >= memoryMb) ?? 4096;
}

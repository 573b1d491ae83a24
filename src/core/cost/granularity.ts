// Billing granularity explainer: the same run billed under each provider's rounding and minimums.
import { azureConsumptionBilledMs, azureFlexBilledMs } from './azure';
import { ceilTo } from './format';
import { gcpBilledMs } from './gcp';

/** How one run is billed by one provider. */
export interface GranularityRow {
  provider: string;
  rule: string;
  actualMs: number;
  billedMs: number;
  /** Paid for but not used. */
  unusedMs: number;
}

/** Bills one run of `durationMs` (plus `initMs` on a cold start where the provider bills it). */
export function billingGranularity(durationMs: number, initMs = 0): GranularityRow[] {
  const row = (provider: string, rule: string, actualMs: number, billedMs: number): GranularityRow => ({ provider, rule, actualMs, billedMs, unusedMs: billedMs - actualMs });
  return [
    row('AWS Lambda', initMs > 0 ? 'duration + INIT, rounded up to 1 ms' : 'rounded up to 1 ms', durationMs + initMs, ceilTo(durationMs + initMs, 1)),
    row('Azure Consumption', 'minimum 100 ms, rounded up to 1 ms (init not billed in this model)', durationMs, azureConsumptionBilledMs(durationMs)),
    row('Azure Flex Consumption', 'minimum 1 s, then rounded up to 100 ms (init not billed in this model)', durationMs, azureFlexBilledMs(durationMs)),
    row('Google Cloud Run functions', initMs > 0 ? 'start-up + request, rounded up to 100 ms (model)' : 'rounded up to 100 ms', durationMs + initMs, gcpBilledMs(durationMs + initMs)),
  ];
}

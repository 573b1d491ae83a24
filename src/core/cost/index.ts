// Public surface of the cost models (pure: no `vscode`), shared by the CLI and the Cost panel.
export * from './types';
export { estimateCost, compareProviders, flexInstanceFor } from './calculator';
export { CostInputError, validateCostInput } from './validate';
export { awsBill, type AwsPrices } from './aws';
export { awsPricing, azurePricing, gcpPricing, unconfirmedFigures, type SourcedNumber, type UnconfirmedFigure } from './pricing';
export { awsVcpuShare, projectDuration, type Projection, type ProjectionBasis } from './cpuModel';
export { runMemorySweep, pickSweepPoints, DEFAULT_SWEEP_MEMORIES, type SweepMeasurement, type SweepPoint, type SweepResult } from './sweep';
export { billingGranularity, type GranularityRow } from './granularity';
export { fmtUsd, fmtNum, fmtPrice, ceilTo } from './format';
export { buildCostModel, normalizeScenario, scenarioFromMeasurements, percentile, HOURS_PER_MONTH, type CostModel, type CostScenario, type CostSweepPoint, type DurationBasis, type ProvisionedWhatIf } from './scenario';

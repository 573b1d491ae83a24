// Pure display helpers that the webviews share with the CLI and core. They live in the core leaf
// modules that own them (one copy) and reach media/ only through here: media imports src/shared only,
// and eslint.config.mjs allows src/shared value imports from these dependency-free core modules alone.
export { fmtNum, fmtPrice, fmtUsd } from '../core/cost/format';
export { BILLED_BANDS, type BilledBandId, type Prediction } from '../core/run/prediction';

// The lazy half of the playground and template features (scripts/lazyModules.mjs): everything that
// needs the matcher, the YAML reader or the sample catalogue is reached through this file, so
// activation loads none of it.
export { Playground, defaultDocuments, type OpenPlaygroundArgs } from './playground';
export { saveAsRule, type SaveAsRuleArgs } from './saveAsRule';
export { diagnoseTemplate, explainLastMatch, patternHover, templateLenses } from './templateEditor';

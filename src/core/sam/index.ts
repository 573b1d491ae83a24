// AWS SAM support: a reader (template.yaml -> function configs with diagnostics) and an exporter.
export { readSamTemplate, type SamDiagnostic, type SamFunction, type SamPosition, type SamReadResult } from './reader';
export { exportSam, functionResource, provisionedAlias, samRuntimes, SamExportError, type FunctionExport, type SamBuildFile, type SamExportResult } from './exporter';
export { esbuildRange } from './buildManifest';
export { executionRole, logRetentionDays, roleIds } from './roles';
export { intrinsicTags, preservingTags } from './cfnTags';
export { exportTrigger, eventTypeToTrigger, requiredEventProperties, type IamStatement } from './triggers';
export { exportedLogicalIds, logicalIdClash } from './logicalIds';

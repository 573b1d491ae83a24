// AWS SAM support: a reader (template.yaml -> function configs with diagnostics) and an exporter.
export { readSamTemplate, type SamDiagnostic, type SamFunction, type SamPosition, type SamReadResult } from './reader';
export { exportSam, functionResource, provisionedAlias, samRuntimes, SamExportError, type FunctionExport, type SamBuildFile, type SamExportOptions, type SamExportResult } from './exporter';
export { exportEventArchitecture, eventIds, type EventExport, type ExportedFunctionRef } from './eventResources';
export { esbuildRange } from './buildManifest';
export { executionRole, logRetentionDays, roleIds } from './roles';
export { intrinsicTags, preservingTags } from './cfnTags';
export { exportTrigger, eventTypeToTrigger, requiredEventProperties, type IamStatement } from './triggers';
export { exportedLogicalIds, logicalIdClash } from './logicalIds';

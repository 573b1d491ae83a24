// AWS SAM support: a reader (template.yaml -> function configs with diagnostics) and an exporter.
export { readSamTemplate, type SamDiagnostic, type SamFunction, type SamPosition, type SamReadResult } from './reader';
export { exportSam, functionResource, samRuntimes, SamExportError, type SamExportResult } from './exporter';
export { intrinsicTags, preservingTags } from './cfnTags';
export { exportTrigger, eventTypeToTrigger, requiredEventProperties } from './triggers';

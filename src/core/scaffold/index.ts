// Scaffolding core: templates manifest, rendering, name validation, planning and functions.json merging.
export * from './manifest';
export * from './names';
export * from './render';
export * from './plan';
export * from './functionsFile';
export { loadTemplates, type TemplateSource } from './loadTemplates';
export { templateCodeIdentifiers, templateFiles, templateNameClash } from './identifiers';
export { checkNewFunctionName } from './nameCheck';

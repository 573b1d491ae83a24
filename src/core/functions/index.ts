// The one function registry: functions.json, SAM templates and the single-file convention, resolved once.
export { FUNCTION_DEFAULTS, defaultFunctionName, defaultHandlerName, runtimeForFile } from './defaults';
export { FUNCTIONS_FILE, parseFunctionsFile, type FunctionEntry } from './functionsFile';
export { locator, parseJsoncWithProblems, type PositionedProblem } from './jsonc';
export { FunctionRegistry, locateSamFunctions, type FunctionsFileResult, type LocatedSamFunction, type RegistryHost, type TemplateResult } from './registry';
export { resolveConvention, resolveEntry, resolveFunction, resolveSam, type ConfigSource, type ResolvedFunction, type SamFunctionLike } from './resolve';
export { nodeRegistryHost } from './nodeHost';

// Resolution of one function's configuration, done once with one set of defaults. Precedence:
// functions.json, then a SAM template, then the single-file convention (defaults).
import * as path from 'node:path';
import type { Architecture, FunctionConfig, RuntimeKind } from '../invoker/types';
import { defaultFunctionName, defaultHandlerName, FUNCTION_DEFAULTS, runtimeForFile } from './defaults';
import type { FunctionEntry } from './functionsFile';

/** A SAM function reduced to what resolution needs (handler file already found on disk). */
export interface SamFunctionLike {
  name: string;
  trigger?: string;
  /** Absolute path of the handler file. */
  handlerFile: string;
  handlerName: string;
  runtime?: RuntimeKind;
  memoryMb?: number;
  timeoutSec?: number;
  env?: Record<string, string>;
  architecture?: Architecture;
}

/** Where a resolved configuration came from (shown in the UI and in records). */
export type ConfigSource = 'functions.json' | 'template.yaml' | 'defaults';

/** The one resolved-function type: a complete config (every default filled), its source and default trigger. */
export interface ResolvedFunction {
  config: FunctionConfig & Required<Pick<FunctionConfig, 'memoryMb' | 'timeoutSec' | 'env' | 'architecture' | 'keepAliveSec'>>;
  source: ConfigSource;
  trigger?: string;
  /** The file that declared it (functions.json or template), absent for defaults. */
  declaredIn?: string;
}

const same = (a: string, b: string): boolean => path.normalize(a) === path.normalize(b);

/** Resolves a functions.json entry (relative to its workspace folder `root`). */
export function resolveEntry(entry: FunctionEntry, root: string, declaredIn?: string): ResolvedFunction {
  const handlerFile = path.resolve(root, entry.handler);
  const runtime = entry.runtime ?? runtimeForFile(handlerFile);
  return {
    config: {
      name: entry.name,
      handlerFile,
      handlerName: entry.handlerName ?? defaultHandlerName(runtime),
      runtime,
      memoryMb: entry.memoryMb ?? FUNCTION_DEFAULTS.memoryMb,
      timeoutSec: entry.timeoutSec ?? FUNCTION_DEFAULTS.timeoutSec,
      env: { ...entry.env },
      architecture: entry.architecture ?? FUNCTION_DEFAULTS.architecture,
      keepAliveSec: entry.keepAliveSec ?? FUNCTION_DEFAULTS.keepAliveSec,
      ...(entry.provisionedConcurrency !== undefined ? { provisionedConcurrency: entry.provisionedConcurrency } : {}),
      ...(entry.reservedConcurrency !== undefined ? { reservedConcurrency: entry.reservedConcurrency } : {}),
    },
    source: 'functions.json',
    ...(entry.trigger !== undefined ? { trigger: entry.trigger } : {}),
    ...(declaredIn ? { declaredIn } : {}),
  };
}

/** Resolves a SAM function (its template already read). */
export function resolveSam(fn: SamFunctionLike, declaredIn?: string): ResolvedFunction {
  return {
    config: {
      name: fn.name,
      handlerFile: fn.handlerFile,
      handlerName: fn.handlerName,
      runtime: fn.runtime ?? runtimeForFile(fn.handlerFile),
      memoryMb: fn.memoryMb ?? FUNCTION_DEFAULTS.memoryMb,
      timeoutSec: fn.timeoutSec ?? FUNCTION_DEFAULTS.timeoutSec,
      env: { ...fn.env },
      architecture: fn.architecture ?? FUNCTION_DEFAULTS.architecture,
      keepAliveSec: FUNCTION_DEFAULTS.keepAliveSec,
    },
    source: 'template.yaml',
    ...(fn.trigger !== undefined ? { trigger: fn.trigger } : {}),
    ...(declaredIn ? { declaredIn } : {}),
  };
}

/** The single-file convention: name from the file (plus the handler when not the conventional one), defaults for the rest. */
export function resolveConvention(handlerFile: string, handlerName?: string): ResolvedFunction {
  const runtime = runtimeForFile(handlerFile);
  const conventional = defaultHandlerName(runtime);
  const name = handlerName ?? conventional;
  const base = defaultFunctionName(handlerFile);
  return {
    config: {
      name: name === conventional || name === 'default' ? base : `${base}-${name}`,
      handlerFile, handlerName: name, runtime,
      memoryMb: FUNCTION_DEFAULTS.memoryMb, timeoutSec: FUNCTION_DEFAULTS.timeoutSec, env: {},
      architecture: FUNCTION_DEFAULTS.architecture, keepAliveSec: FUNCTION_DEFAULTS.keepAliveSec,
    },
    source: 'defaults',
  };
}

/**
 * Resolves the handler `handlerName` in `handlerFile` (absolute): functions.json entries of `root`,
 * then SAM functions, then the convention. Without a name, the first function configured for the
 * file is meant, else the runtime's conventional handler.
 */
export function resolveFunction(
  handlerFile: string,
  handlerName: string | undefined,
  root: string | undefined,
  entries: readonly FunctionEntry[],
  sam: readonly SamFunctionLike[] = [],
  declaredIn?: { functionsFile?: string; templateOf?: (fn: SamFunctionLike) => string | undefined },
): ResolvedFunction {
  // Without a handler name, the first function configured for the file is meant (e.g. `serverless-lab invoke app.js`).
  const matches = (name: string): boolean => handlerName === undefined || name === handlerName;
  if (root) {
    const entry = entries.find((e) => same(path.resolve(root, e.handler), handlerFile) && matches(e.handlerName ?? defaultHandlerName(e.runtime ?? runtimeForFile(handlerFile))));
    if (entry) return resolveEntry(entry, root, declaredIn?.functionsFile);
    // An Azure/Google function's own file runs through its Lambda-style shim (the entry's handler).
    const adapted = entries.find((e) => e.source && same(path.resolve(root, e.source), handlerFile));
    if (adapted) return resolveEntry(adapted, root, declaredIn?.functionsFile);
  }
  const samFn = sam.find((f) => same(f.handlerFile, handlerFile) && matches(f.handlerName));
  if (samFn) return resolveSam(samFn, declaredIn?.templateOf?.(samFn));
  return resolveConvention(handlerFile, handlerName);
}

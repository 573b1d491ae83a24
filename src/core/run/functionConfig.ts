// Workspace function configuration: `.serverless-lab/functions.json` (JSONC) entries, SAM
// functions and defaults, resolved into the invoker's FunctionConfig for a handler. Problems are
// reported with exact positions so the editor can show them as diagnostics on the right line.
import * as path from 'node:path';
import { findNodeAtLocation, parseTree, printParseErrorCode, type Node, type ParseError } from 'jsonc-parser';
import type { Architecture, FunctionConfig, RuntimeKind } from '../invoker/types';

/** Path of the config file, relative to the workspace folder. */
export const FUNCTIONS_FILE = '.serverless-lab/functions.json';

/** A problem at a position (zero-based line/character) in a config or event file. */
export interface PositionedProblem {
  message: string;
  line: number;
  character: number;
  length: number;
  severity: 'error' | 'warning';
}

/** One `functions.<name>` entry after validation (fields absent when invalid). */
export interface FunctionEntry {
  name: string;
  /** Handler path relative to the workspace folder, as written. */
  handler: string;
  handlerName?: string;
  runtime?: RuntimeKind;
  memoryMb?: number;
  timeoutSec?: number;
  env?: Record<string, string>;
  architecture?: Architecture;
  keepAliveSec?: number;
  provisionedConcurrency?: number;
  reservedConcurrency?: number;
  /** Catalogue id of the default sample event (e.g. `sqs`). */
  trigger?: string;
  /** Provider style and, for Azure/Google, the provider-style source the generated shim adapts. */
  provider?: 'aws' | 'azure' | 'gcp';
  source?: string;
  /** Where the entry starts, for "go to config". */
  line: number;
}

/** A SAM function reduced to what resolution needs (filled by the SAM reader). */
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

/** Where a resolved configuration came from (shown in the UI). */
export type ConfigSource = 'functions.json' | 'template.yaml' | 'defaults';

/** Resolution result: the config plus its source and default trigger. */
export interface ResolvedFunction {
  config: FunctionConfig;
  source: ConfigSource;
  trigger?: string;
}

type Check = (node: Node) => string | undefined;
const intIn = (min: number, max: number, what: string): Check => (n) =>
  n.type !== 'number' || !Number.isInteger(n.value) || n.value < min || n.value > max ? `${what} must be a whole number from ${min} to ${max}.` : undefined;

// Ranges from the Lambda docs: configuration-memory.html (128–10,240 MB), configuration-timeout.html (1–900 s).
const FIELD_CHECKS: Record<string, Check> = {
  handler: (n) => (n.type !== 'string' || !n.value ? '"handler" must be a path relative to the workspace folder, e.g. "src/handler.js".' : undefined),
  handlerName: (n) => (n.type !== 'string' || !/^[A-Za-z_$][\w$]*$/.test(n.value) ? '"handlerName" must be an identifier such as "handler" or "lambda_handler".' : undefined),
  runtime: (n) => (n.type !== 'string' || !['nodejs', 'python', 'provided'].includes(n.value) ? '"runtime" must be "nodejs", "python" or "provided".' : undefined),
  memoryMb: intIn(128, 10_240, '"memoryMb"'),
  timeoutSec: intIn(1, 900, '"timeoutSec"'),
  keepAliveSec: intIn(0, Number.MAX_SAFE_INTEGER, '"keepAliveSec"'),
  provisionedConcurrency: intIn(0, 1000, '"provisionedConcurrency"'),
  reservedConcurrency: intIn(0, 1000, '"reservedConcurrency"'),
  architecture: (n) => (n.type !== 'string' || !['x86_64', 'arm64'].includes(n.value) ? '"architecture" must be "x86_64" or "arm64".' : undefined),
  trigger: (n) => (n.type !== 'string' ? '"trigger" must be a sample event id such as "sqs" or "api-gateway-http".' : undefined),
  provider: (n) => (n.type !== 'string' || !['aws', 'azure', 'gcp'].includes(n.value) ? '"provider" must be "aws", "azure" or "gcp".' : undefined),
  source: (n) => (n.type !== 'string' ? '"source" must be the path of the provider-style file.' : undefined),
  env: (n) =>
    n.type !== 'object' || (n.children ?? []).some((p) => p.children?.[1]?.type !== 'string')
      ? '"env" must be an object of string values, e.g. { "TABLE": "orders" }.'
      : undefined,
};

/** Position helper over the original text. */
function locator(text: string): (offset: number) => { line: number; character: number } {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === '\n') starts.push(i + 1);
  return (offset) => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo, character: offset - starts[lo] };
  };
}

/** Parses JSONC text; syntax errors come back positioned (comments and trailing commas allowed). */
export function parseJsoncWithProblems(text: string): { root?: Node; problems: PositionedProblem[] } {
  const errors: ParseError[] = [];
  const root = parseTree(text, errors, { allowTrailingComma: true, disallowComments: false });
  const at = locator(text);
  const problems = errors.map((e) => ({ message: `JSON syntax error: ${printParseErrorCode(e.error)}.`, ...at(e.offset), length: Math.max(1, e.length), severity: 'error' as const }));
  return { root, problems };
}

/** Parses and validates functions.json; invalid fields are reported and left out of the entry. */
export function parseFunctionsFile(text: string): { entries: FunctionEntry[]; problems: PositionedProblem[] } {
  const { root, problems } = parseJsoncWithProblems(text);
  const at = locator(text);
  const problem = (node: Node, message: string, severity: 'error' | 'warning' = 'error'): void => {
    problems.push({ message, ...at(node.offset), length: node.length, severity });
  };
  const entries: FunctionEntry[] = [];
  if (!root) return { entries, problems };
  const functions = findNodeAtLocation(root, ['functions']);
  if (!functions || functions.type !== 'object') {
    if (!problems.length) problem(functions ?? root, 'Expected { "functions": { "<name>": { "handler": "path/to/file.js" } } }.');
    return { entries, problems };
  }
  for (const prop of functions.children ?? []) {
    const [keyNode, valueNode] = prop.children ?? [];
    if (!keyNode || !valueNode) continue;
    const name = String(keyNode.value);
    if (valueNode.type !== 'object') {
      problem(valueNode, `Function "${name}" must be an object with at least "handler".`);
      continue;
    }
    const entry: Record<string, unknown> = { name, line: at(prop.offset).line };
    for (const field of valueNode.children ?? []) {
      const [k, v] = field.children ?? [];
      if (!k || !v) continue;
      const key = String(k.value);
      const check = FIELD_CHECKS[key];
      if (!check) {
        problem(k, `Unknown property "${key}" (known: ${Object.keys(FIELD_CHECKS).join(', ')}).`, 'warning');
        continue;
      }
      const message = check(v);
      if (message) problem(v, message);
      else entry[key] = key === 'env' ? Object.fromEntries((v.children ?? []).map((p) => [String(p.children![0].value), String(p.children![1].value)])) : v.value;
    }
    if (typeof entry.handler !== 'string') {
      if (!(valueNode.children ?? []).some((f) => f.children?.[0]?.value === 'handler')) problem(keyNode, `Function "${name}" has no "handler" (path of the handler file).`);
      continue;
    }
    entries.push(entry as unknown as FunctionEntry);
  }
  return { entries, problems };
}

/** Runtime implied by a file extension. */
export function runtimeForFile(file: string): RuntimeKind {
  return /\.py$/i.test(file) ? 'python' : /(^|[\\/])bootstrap$/.test(file) ? 'provided' : 'nodejs';
}

/** Function name from a file name: base name without extension, made safe for Lambda names. */
export function defaultFunctionName(file: string): string {
  return path.basename(file).replace(/\.[^.]+$/, '').replace(/[^A-Za-z0-9_-]/g, '-') || 'function';
}

/**
 * Resolves the configuration for `handlerName` in `handlerFile` (absolute). Precedence:
 * functions.json, then the SAM template, then defaults (128 MB, 3 s, x86_64, keep-alive 600 s).
 */
export function resolveFunction(
  handlerFile: string,
  handlerName: string,
  workspaceRoot: string | undefined,
  entries: readonly FunctionEntry[],
  sam: readonly SamFunctionLike[] = [],
): ResolvedFunction {
  const same = (a: string, b: string): boolean => path.normalize(a) === path.normalize(b);
  const entry = workspaceRoot
    ? entries.find((e) => same(path.resolve(workspaceRoot, e.handler), handlerFile) && (e.handlerName ?? defaultHandlerName(handlerFile)) === handlerName)
    : undefined;
  // An Azure/Google function's own file runs through its Lambda-style shim (the entry's handler).
  const adapted = !entry && workspaceRoot ? entries.find((e) => e.source && same(path.resolve(workspaceRoot, e.source), handlerFile)) : undefined;
  if (adapted && workspaceRoot) {
    const shim = path.resolve(workspaceRoot, adapted.handler);
    return resolveFunction(shim, adapted.handlerName ?? defaultHandlerName(shim), workspaceRoot, entries, sam);
  }
  if (entry) {
    const config: FunctionConfig = {
      name: entry.name,
      handlerFile,
      handlerName,
      runtime: entry.runtime ?? runtimeForFile(handlerFile),
      memoryMb: entry.memoryMb ?? 128,
      timeoutSec: entry.timeoutSec ?? 3,
      env: entry.env ?? {},
      architecture: entry.architecture ?? 'x86_64',
      keepAliveSec: entry.keepAliveSec ?? 600,
      ...(entry.provisionedConcurrency !== undefined ? { provisionedConcurrency: entry.provisionedConcurrency } : {}),
      ...(entry.reservedConcurrency !== undefined ? { reservedConcurrency: entry.reservedConcurrency } : {}),
    };
    return { config, source: 'functions.json', trigger: entry.trigger };
  }
  const samFn = sam.find((f) => same(f.handlerFile, handlerFile) && f.handlerName === handlerName);
  if (samFn) {
    return {
      config: {
        name: samFn.name, handlerFile, handlerName, runtime: samFn.runtime ?? runtimeForFile(handlerFile),
        memoryMb: samFn.memoryMb ?? 128, timeoutSec: samFn.timeoutSec ?? 3, env: samFn.env ?? {},
        architecture: samFn.architecture ?? 'x86_64', keepAliveSec: 600,
      },
      source: 'template.yaml',
      trigger: samFn.trigger,
    };
  }
  const base = defaultFunctionName(handlerFile);
  return {
    config: {
      name: handlerName === defaultHandlerName(handlerFile) || handlerName === 'default' ? base : `${base}-${handlerName}`,
      handlerFile, handlerName, runtime: runtimeForFile(handlerFile),
      memoryMb: 128, timeoutSec: 3, env: {}, architecture: 'x86_64', keepAliveSec: 600,
    },
    source: 'defaults',
  };
}

/** Conventional handler name per runtime (`handler` for Node, `lambda_handler` for Python). */
export function defaultHandlerName(file: string): string {
  return runtimeForFile(file) === 'python' ? 'lambda_handler' : 'handler';
}

/** Handler names that functions.json or a SAM template lists for `handlerFile` (absolute): detected whatever their name. */
export function listedHandlerNames(handlerFile: string, workspaceRoot: string | undefined, entries: readonly FunctionEntry[], sam: readonly SamFunctionLike[] = []): string[] {
  const same = (a: string, b: string): boolean => path.normalize(a) === path.normalize(b);
  const fromFile = workspaceRoot ? entries.filter((e) => same(path.resolve(workspaceRoot, e.handler), handlerFile)).map((e) => e.handlerName ?? defaultHandlerName(handlerFile)) : [];
  const fromSam = sam.filter((f) => same(f.handlerFile, handlerFile)).map((f) => f.handlerName);
  return [...new Set([...fromFile, ...fromSam])];
}

// `.serverless-lab/functions.json`: the workspace's function configurations (schema:
// schemas/functions.schema.json). Merged with jsonc-parser so the learner's formatting and comments survive.
import { applyEdits, modify, parse, printParseErrorCode, type ParseError } from 'jsonc-parser';

/** Workspace-relative path of the functions file. */
export const functionsFilePath = '.serverless-lab/functions.json';

/** One function's entry, as in schemas/functions.schema.json. */
export interface FunctionEntry {
  /** Handler file, relative to the workspace folder, with forward slashes. */
  handler: string;
  /** Exported function name (nodejs `handler`, python `lambda_handler`). */
  handlerName: string;
  runtime: 'nodejs' | 'python';
  memoryMb: number;
  timeoutSec: number;
  env: Record<string, string>;
  /** Trigger id from templates/manifest.json (e.g. `sqs`), used for sample events and the SAM export. */
  trigger?: string;
  /** Provider style; absent means aws. Non-AWS handlers point at a generated Lambda-style shim. */
  provider?: 'aws' | 'azure' | 'gcp';
  /** For shims: the provider-style source file the shim adapts. */
  source?: string;
  architecture?: 'x86_64' | 'arm64';
  /** EventBridge rules that invoke the function, keyed by event name (schemas/functions.schema.json). */
  events?: Record<string, { pattern: Record<string, unknown>; bus?: string }>;
  keepAliveSec?: number;
  reservedConcurrency?: number;
  provisionedConcurrency?: number;
}

/** The whole file. */
export interface FunctionsFile {
  functions: Record<string, FunctionEntry>;
}

/** Thrown when the existing functions.json cannot be merged; the message names line and column. */
export class FunctionsFileError extends Error {}

function lineCol(text: string, offset: number): string {
  const before = text.slice(0, offset).split('\n');
  return `${before.length}:${before[before.length - 1].length + 1}`;
}

/** Parses functions.json text (JSONC tolerated) or throws with `file:line:col` and the fix. */
export function parseFunctionsFile(text: string, file = functionsFilePath): FunctionsFile {
  const errors: ParseError[] = [];
  const data = parse(text, errors, { allowTrailingComma: true }) as Partial<FunctionsFile> | undefined;
  if (errors.length) {
    const e = errors[0];
    throw new FunctionsFileError(`${file}:${lineCol(text, e.offset)}: ${printParseErrorCode(e.error)}; fix the JSON, then try again`);
  }
  if (data === undefined || data === null || typeof data !== 'object' || Array.isArray(data)) throw new FunctionsFileError(`${file}: expected an object like { "functions": {} }`);
  const functions = data.functions ?? {};
  if (typeof functions !== 'object' || Array.isArray(functions)) throw new FunctionsFileError(`${file}: "functions" must be an object keyed by function name`);
  return { functions };
}

/**
 * Adds one entry to functions.json text (undefined: the file does not exist yet) and returns the new
 * text. Never replaces an existing entry: a name clash throws so the caller can offer another name.
 */
export function addFunctionEntry(existingText: string | undefined, name: string, entry: FunctionEntry): string {
  if (existingText === undefined || existingText.trim() === '') {
    return `${JSON.stringify({ functions: { [name]: entry } }, null, 2)}\n`;
  }
  const current = parseFunctionsFile(existingText);
  if (Object.hasOwn(current.functions, name)) throw new FunctionsFileError(`${functionsFilePath} already has a function named "${name}"`);
  const edits = modify(existingText, ['functions', name], entry, { formattingOptions: { insertSpaces: true, tabSize: 2, eol: '\n' } });
  return applyEdits(existingText, edits);
}

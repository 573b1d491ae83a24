// Parses `.serverless-lab/functions.json` (JSONC) and validates it with ajv against the schema the
// extension contributes (schemas/functions.schema.json), so the editor's own JSON validation and the
// invoker never disagree. Each problem is positioned on the offending key or value.
import Ajv, { type ErrorObject } from 'ajv';
import { findNodeAtLocation, type Node } from 'jsonc-parser';
import schema from '../../../schemas/functions.schema.json';
import type { Architecture, RuntimeKind } from '../invoker/types';
import { locator, parseJsoncWithProblems, type PositionedProblem } from './jsonc';

/** Path of the config file, relative to the workspace folder. */
export const FUNCTIONS_FILE = '.serverless-lab/functions.json';

/** One `functions.<name>` entry after validation (invalid fields are left out). */
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
  /** EventBridge rules that invoke the function (the workspace's event engine reads them; the SAM export writes EventBridgeRule events). */
  events?: Record<string, { pattern: Record<string, unknown>; bus?: string }>;
  /** Zero-based line where the entry starts, for "go to config". */
  line: number;
}

type Validator = ((data: unknown) => boolean) & { errors?: ErrorObject[] | null };
let validator: Validator | undefined;

/** Compiled on first use: compilation is the slow part (and most workspaces have no functions.json). */
function getValidator(): Validator {
  validator ??= new Ajv({ allErrors: true, strict: true }).compile(schema);
  return validator;
}

/** Property names of one function, from the schema itself (listed in "unknown property" messages). */
const KNOWN_FIELDS = Object.keys(schema.definitions.function.properties);

/** Short, actionable wording for a field whose value the schema rejects. */
const FIELD_HINTS: Record<string, string> = {
  handler: 'must be a path relative to the workspace folder, e.g. "src/handler.js".',
  handlerName: 'must be the exported function name, such as "handler" or "lambda_handler".',
  runtime: 'must be "nodejs", "python" or "provided".',
  memoryMb: 'must be a whole number from 128 to 10240 (Lambda\'s range, in MB).',
  timeoutSec: 'must be a whole number from 1 to 900 (Lambda\'s range, in seconds).',
  keepAliveSec: 'must be a whole number of seconds, 0 or more.',
  provisionedConcurrency: 'must be a whole number, 0 or more.',
  reservedConcurrency: 'must be a whole number, 0 or more.',
  architecture: 'must be "x86_64" or "arm64".',
  trigger: 'must be a sample event id such as "sqs" or "api-gateway-http".',
  provider: 'must be "aws", "azure" or "gcp".',
  source: 'must be the path of the provider-style file.',
  events: 'must be an object of rules keyed by event name (letters and digits), each { "pattern": { "source": ["…"] } } with an optional "bus".',
  env: 'must be an object of string values whose names have at least two letters, digits or "_" and start with a letter, e.g. { "TABLE": "orders" }.',
};

function pointer(e: ErrorObject): string[] {
  return e.instancePath.split('/').slice(1).map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** Parses and validates functions.json; invalid fields are reported and left out of the entry. */
export function parseFunctionsFile(text: string): { entries: FunctionEntry[]; problems: PositionedProblem[] } {
  const { root, problems } = parseJsoncWithProblems(text);
  const entries: FunctionEntry[] = [];
  if (!root || problems.length) return { entries, problems };
  const at = locator(text);
  const report = (node: Node, message: string, severity: 'error' | 'warning' = 'error'): void => {
    problems.push({ message, ...at(node.offset), length: Math.max(1, node.length), severity });
  };
  const data = nodeValue(root);
  const validate = getValidator();
  /** Function names whose entry is unusable, and `name/field` pairs whose value is dropped. */
  const badEntries = new Set<string>();
  const badFields = new Set<string>();
  if (!validate(data)) {
    const seen = new Set<string>();
    for (const e of validate.errors ?? []) {
      const segs = pointer(e);
      const keyOf = (node: Node | undefined): Node | undefined => (node?.parent?.type === 'property' ? node.parent.children?.[0] : undefined);
      const node = findNodeAtLocation(root, segs) ?? root;
      let target = node;
      let message: string;
      let severity: 'error' | 'warning' = 'error';
      if (e.keyword === 'propertyNames' || e.propertyName !== undefined) {
        if (e.keyword === 'propertyNames') continue; // its sub-error (with propertyName) carries the detail
        const prop = (node.children ?? []).find((p) => p.children?.[0]?.value === e.propertyName);
        target = prop?.children?.[0] ?? node;
        if (segs.length === 1 && segs[0] === 'functions') {
          badEntries.add(String(e.propertyName));
          message = `Function name "${String(e.propertyName)}" is not valid on Lambda: use letters, digits, "-" or "_", starting with a letter, at most 64 characters.`;
        } else {
          badFields.add(`${segs[1]}/${segs[2]}`);
          message = `"${segs[2]}" ${FIELD_HINTS[segs[2]] ?? e.message}`;
        }
      } else if (e.keyword === 'additionalProperties') {
        const extra = String((e.params as { additionalProperty: string }).additionalProperty);
        const prop = (node.children ?? []).find((p) => p.children?.[0]?.value === extra);
        target = prop?.children?.[0] ?? node;
        severity = 'warning';
        message = segs.length === 2 ? `Unknown property "${extra}" (known: ${KNOWN_FIELDS.join(', ')}).` : `Unknown property "${extra}": the file holds { "functions": { … } }.`;
      } else if (segs.length === 0) {
        message = 'Expected { "functions": { "<name>": { "handler": "path/to/file.js" } } }.';
      } else if (segs.length === 1) {
        message = '"functions" must be an object keyed by function name, e.g. { "orders": { "handler": "src/orders.js" } }.';
      } else if (segs.length === 2) {
        badEntries.add(segs[1]);
        target = keyOf(node) ?? node;
        message = e.keyword === 'required'
          ? `Function "${segs[1]}" has no "handler" (path of the handler file).`
          : `Function "${segs[1]}" must be an object with at least "handler".`;
      } else {
        badFields.add(`${segs[1]}/${segs[2]}`);
        if (segs.length > 3) target = findNodeAtLocation(root, segs.slice(0, 3)) ?? node;
        message = `"${segs[2]}" ${FIELD_HINTS[segs[2]] ?? e.message}`;
      }
      const key = `${target.offset}:${message}`;
      if (seen.has(key)) continue;
      seen.add(key);
      report(target, message, severity);
    }
  }
  problems.sort((a, b) => a.line - b.line || a.character - b.character);
  const functions = findNodeAtLocation(root, ['functions']);
  if (functions?.type !== 'object') return { entries, problems };
  for (const prop of functions.children ?? []) {
    const [keyNode, valueNode] = prop.children ?? [];
    const name = String(keyNode?.value);
    if (!valueNode || valueNode.type !== 'object' || badEntries.has(name)) continue;
    const entry: Record<string, unknown> = { name, line: at(prop.offset).line };
    for (const field of valueNode.children ?? []) {
      const key = String(field.children?.[0]?.value);
      if (KNOWN_FIELDS.includes(key) && !badFields.has(`${name}/${key}`) && field.children?.[1]) entry[key] = nodeValue(field.children[1]);
    }
    if (typeof entry.handler === 'string') entries.push(entry as unknown as FunctionEntry);
  }
  return { entries, problems };
}

/** The plain value of a JSONC node (comments dropped). */
function nodeValue(node: Node): unknown {
  switch (node.type) {
    case 'object':
      return Object.fromEntries((node.children ?? []).map((p) => [String(p.children?.[0]?.value), p.children?.[1] ? nodeValue(p.children[1]) : null]));
    case 'array':
      return (node.children ?? []).map(nodeValue);
    default:
      return node.value;
  }
}

// Reading the playground's two JSON documents: a pattern or event given as text, with any problem
// placed at the offending characters (a PatternError's path is mapped back to the JSON text).
import { parseTree, type Node } from 'jsonc-parser';
import { compilePattern, JsonSyntaxError, parseJson, PatternError, type CompiledPattern } from '../patterns';

/** A problem in a JSON document, as a character range. */
export interface TextProblem {
  message: string;
  offset: number;
  length: number;
}

/** What checkPatternText and readEventText return: the value, or the problem that stops it. */
export type Checked<T> = { ok: true; value: T } | { ok: false; problem: TextProblem };

function offsetOf(text: string, line: number, column: number): number {
  let offset = 0;
  for (let l = 1; l < line; l++) {
    const next = text.indexOf('\n', offset);
    if (next < 0) return text.length;
    offset = next + 1;
  }
  return Math.min(text.length, offset + column - 1);
}

function parse(text: string): Checked<unknown> {
  if (!text.trim()) return { ok: false, problem: { message: 'empty document: write a JSON object', offset: 0, length: 0 } };
  try {
    return { ok: true, value: parseJson(text) };
  } catch (err) {
    const e = err as JsonSyntaxError;
    const offset = e instanceof JsonSyntaxError ? offsetOf(text, e.line, e.column) : 0;
    return { ok: false, problem: { message: e.message, offset, length: 1 } };
  }
}

/** Splits a PatternError path (`detail.price.numeric[1]`, `$or[0].source`) into steps. */
export function splitErrorPath(path: string): (string | number)[] {
  const steps: (string | number)[] = [];
  for (const m of path.matchAll(/([^.[\]]+)|\[(\d+)\]/g)) steps.push(m[2] !== undefined ? Number(m[2]) : (m[1] as string));
  return steps;
}

/**
 * Finds the node a PatternError path names. Keys may contain dots (`"detail.state"` is a valid key), so at
 * each object the longest run of steps that is one of its keys wins.
 */
export function locatePatternPath(text: string, path: string): { offset: number; length: number } | undefined {
  const root = parseTree(text);
  if (!root) return undefined;
  const steps = splitErrorPath(path);
  let node: Node | undefined = root;
  let i = 0;
  while (node && i < steps.length) {
    const step = steps[i];
    if (node.type === 'array' && typeof step === 'number') {
      node = node.children?.[step];
      i++;
      continue;
    }
    if (node.type !== 'object') break;
    let found: Node | undefined;
    for (let n = steps.length - i; n > 0 && !found; n--) {
      const run = steps.slice(i, i + n);
      if (run.some((s) => typeof s === 'number')) continue;
      const key = run.join('.');
      // The last property with the key: in a pattern the last duplicate wins.
      found = [...(node.children ?? [])].reverse().find((p) => p.children?.[0]?.value === key);
      if (found) i += n;
    }
    if (!found) break;
    // A path that ends at a key points at the key and its value; deeper steps continue in the value.
    node = i === steps.length ? found : found.children?.[1];
  }
  return node ? { offset: node.offset, length: node.length } : undefined;
}

/** Parses and compiles a pattern document; an invalid pattern's problem sits on the field it names. */
export function checkPatternText(text: string): Checked<CompiledPattern> {
  const parsed = parse(text);
  if (!parsed.ok) return parsed;
  try {
    return { ok: true, value: compilePattern(parsed.value) };
  } catch (err) {
    if (!(err instanceof PatternError)) throw err;
    const at = (err.path && locatePatternPath(text, err.path)) || { offset: 0, length: Math.min(1, text.length) };
    return { ok: false, problem: { message: err.message, ...at } };
  }
}

/** Parses an event document (any JSON value; EventBridge events are objects). */
export function readEventText(text: string): Checked<unknown> {
  return parse(text);
}

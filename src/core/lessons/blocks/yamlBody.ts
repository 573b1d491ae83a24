// YAML block bodies for the ```run and ```predict directives: parse once, and point problems at
// the line of the offending key (body-relative, 1-based), as the other directives do.
import { isMap, isNode, LineCounter, parseDocument, type Document } from 'yaml';
import type { DirectiveProblem } from '../directives/registry';

/** A parsed block body: plain data plus a way to find the line of any dotted key path. */
export interface YamlBody {
  data: Record<string, unknown>;
  /** 1-based line of the node at `path` (e.g. ['subject', 'invoke', 'handler']); the nearest parent's line when absent. */
  lineOf(...path: Array<string | number>): number;
}

/** Kebab-case ids, as quizzes and exercises use. */
export const KEBAB_ID = /^[a-z0-9]+(-[a-z0-9]+)*$/;

/** Parses `body` as a YAML mapping; returns problems instead when it is not one. */
export function parseYamlBody(body: string, kind: string): { body?: YamlBody; problems: DirectiveProblem[] } {
  const lineCounter = new LineCounter();
  const doc: Document = parseDocument(body, { lineCounter, prettyErrors: false });
  if (doc.errors.length) {
    return { problems: doc.errors.map((e) => ({ line: lineCounter.linePos(e.pos[0]).line, message: `${kind} is not valid YAML: ${e.message.split('\n')[0]}` })) };
  }
  if (!isMap(doc.contents)) return { problems: [{ line: 1, message: `${kind} must be a YAML mapping such as "id: my-${kind}" (see lessons/README.md)` }] };
  const lineOf = (...path: Array<string | number>): number => {
    for (let n = path.length; n > 0; n--) {
      const node = doc.getIn(path.slice(0, n), true);
      if (isNode(node) && node.range) return lineCounter.linePos(node.range[0]).line;
    }
    return 1;
  };
  return { body: { data: doc.toJS() as Record<string, unknown>, lineOf }, problems: [] };
}

/** Reports keys of `value` that are not in `allowed`. */
export function unknownKeys(value: Record<string, unknown>, allowed: readonly string[], where: string, line: (key: string) => number): DirectiveProblem[] {
  return Object.keys(value)
    .filter((k) => !allowed.includes(k))
    .map((k) => ({ line: line(k), message: `unknown ${where} key "${k}" (allowed: ${allowed.join(', ')})` }));
}

/** A plain object (YAML mapping), not an array or null. */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

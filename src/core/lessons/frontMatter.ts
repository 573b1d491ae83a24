import Ajv, { type ErrorObject } from 'ajv';
import { isMap, isNode, LineCounter, parseDocument, type Document } from 'yaml';
import schema from '../../../schemas/lesson.schema.json';
import type { LessonMeta, LessonProblem, LessonSource } from './types';

/** Result of reading a lesson's front matter: the source when valid, and every problem found. */
export interface FrontMatterResult {
  source?: LessonSource;
  problems: LessonProblem[];
}

type Validator = ((data: unknown) => boolean) & { errors?: ErrorObject[] | null };
let validator: Validator | undefined;

/** Compiled once: ajv compilation is the slow part, validation is cheap. */
function getValidator(): Validator {
  validator ??= new Ajv({ allErrors: true, strict: true }).compile(schema);
  return validator;
}

/**
 * Splits `--- yaml ---` front matter from a lesson, validates it against lesson.schema.json and
 * reports each problem at the line of the offending key (or the opening `---` when a key is missing).
 */
export function parseFrontMatter(file: string, text: string): FrontMatterResult {
  const lines = text.split(/\r?\n/);
  const problem = (line: number, message: string): LessonProblem => ({ file, line, message, severity: 'error' });
  if (lines[0]?.trim() !== '---') {
    return { problems: [problem(1, 'missing front matter: a lesson must start with a line "---", then YAML (id, title, track, ...), then "---"')] };
  }
  const end = lines.findIndex((l, i) => i > 0 && l.trim() === '---');
  if (end < 0) return { problems: [problem(1, 'unterminated front matter: add a closing "---" line after the YAML')] };

  const yamlText = lines.slice(1, end).join('\n');
  const lineCounter = new LineCounter();
  const doc = parseDocument(yamlText, { lineCounter, prettyErrors: false });
  // YAML line 1 is file line 2 (the line after the opening ---).
  const fileLine = (offset: number): number => lineCounter.linePos(offset).line + 1;
  const yamlErrors = doc.errors.map((e) => problem(fileLine(e.pos[0]), `front matter is not valid YAML: ${firstLine(e.message)}`));
  if (yamlErrors.length) return { problems: yamlErrors };
  if (!isMap(doc.contents)) return { problems: [problem(2, 'front matter must be a YAML mapping of keys such as "id: my-lesson"')] };

  const data: unknown = doc.toJS();
  const validate = getValidator();
  const keyLines = collectKeyLines(doc, fileLine);
  if (!validate(data)) {
    const problems = (validate.errors ?? []).map((e) => problem(errorLine(doc, e, fileLine), describeError(e)));
    return { problems: dedupe(problems) };
  }
  return {
    source: { file, meta: data as LessonMeta, body: lines.slice(end + 1).join('\n'), bodyLine: end + 2, keyLines },
    problems: [],
  };
}

function collectKeyLines(doc: Document, fileLine: (offset: number) => number): LessonSource['keyLines'] {
  const out: Record<string, number> = {};
  if (!isMap(doc.contents)) return out;
  for (const pair of doc.contents.items) {
    if (isNode(pair.key) && pair.key.range) out[String(pair.key.toJSON())] = fileLine(pair.key.range[0]);
  }
  return out;
}

/** Maps an ajv error's JSON pointer back to the YAML node, hence to a file line. */
function errorLine(doc: Document, e: ErrorObject, fileLine: (offset: number) => number): number {
  const path = e.instancePath.split('/').slice(1).map((seg) => {
    const key = seg.replace(/~1/g, '/').replace(/~0/g, '~');
    return /^\d+$/.test(key) ? Number(key) : key;
  });
  if (e.keyword === 'additionalProperties') path.push((e.params as { additionalProperty: string }).additionalProperty);
  for (let n = path.length; n > 0; n--) {
    const node = doc.getIn(path.slice(0, n), true);
    if (isNode(node) && node.range) {
      // For a key, point at the key itself rather than its value.
      const pair = n === 1 && isMap(doc.contents) ? doc.contents.items.find((p) => isNode(p.key) && p.key.toJSON() === path[0]) : undefined;
      const start = pair && isNode(pair.key) && pair.key.range ? pair.key.range[0] : node.range[0];
      return fileLine(start);
    }
  }
  return 1; // missing top-level key: point at the opening ---
}

function describeError(e: ErrorObject): string {
  const where = e.instancePath ? `"${e.instancePath.slice(1).replace(/\//g, '.')}"` : 'front matter';
  switch (e.keyword) {
    case 'required':
      return `front matter is missing required key "${(e.params as { missingProperty: string }).missingProperty}"`;
    case 'additionalProperties':
      return `unknown front matter key "${(e.params as { additionalProperty: string }).additionalProperty}" (allowed: ${Object.keys(schema.properties).join(', ')})`;
    case 'enum':
      return `${where} must be one of: ${(e.params as { allowedValues: unknown[] }).allowedValues.join(', ')}`;
    case 'pattern':
      return `${where} must be kebab-case (lowercase letters, digits and single hyphens), e.g. "what-is-serverless"`;
    default:
      return `${where} ${e.message ?? 'is invalid'}`;
  }
}

function firstLine(s: string): string {
  return s.split('\n')[0];
}

function dedupe(problems: LessonProblem[]): LessonProblem[] {
  const seen = new Set<string>();
  return problems.filter((p) => {
    const k = `${p.line}:${p.message}`;
    return seen.has(k) ? false : (seen.add(k), true);
  });
}

// Validates a pattern and turns it into sub-rules, as event-ruler's JsonRuleCompiler does: nested
// keys and dotted keys name the same path, a later key overrides an earlier one for the same
// path, and each `$or` branch forks the rule (keys after the `$or` apply to every branch).
import { JsonNumber, entriesOf, isObject, stringifyJson, type JsonObject } from './json';
import { PatternError } from './types';
import { parseValueMatcher } from './operators';
import { exactLiteral, exactNumber, exactString, type Leaf } from './leaves';

/** The condition on one path: any leaf may match a value, or `absent` when `exists: false` is listed. */
export interface Step {
  path: string;
  leaves: Leaf[];
  absent: boolean;
  /** The alternatives as written, for explanations. */
  condition: string;
}

/** One conjunction of steps, sorted by path (event-ruler's evaluation order). */
export type SubRule = Step[];

/** Keys that may not name a field inside an `$or` branch (event-ruler reserves them). */
const reservedInOr = new Set([
  'exactly', 'equals-ignore-case', 'prefix', 'suffix', 'anything-but', 'exists', 'wildcard', 'numeric', 'cidr',
  '=', '<', '<=', '>', '>=', 'regex', 'not-wildcard', 'not-equals-ignore-case', 'date-after', 'date-on-or-after',
  'date-before', 'date-on-or-before', 'in-date-range', 'ip-address-in-range', 'ip-address-not-in-range',
]);

type Draft = Map<string, Step>;

function parseObject(rules: Draft[], prefix: string, obj: JsonObject, inOr: boolean, at: string): void {
  const entries = entriesOf(obj);
  if (entries.length === 0) throw new PatternError(at, 'empty objects are not allowed: add at least one field');
  for (const [key, value] of entries) {
    const here = at ? `${at}.${key}` : key;
    if (key === '$or') {
      parseOr(rules, prefix, value, here);
      continue;
    }
    if (inOr && reservedInOr.has(key)) throw new PatternError(here, `"${key}" is a reserved word and cannot be a field name inside "$or"`);
    const path = prefix ? `${prefix}.${key}` : key;
    if (isObject(value)) parseObject(rules, path, value, inOr, here);
    else if (Array.isArray(value)) writeStep(rules, path, value, here);
    else throw new PatternError(here, `must be an object or an array of values (write ${JSON.stringify(key)}: [${stringifyJson(value)}])`);
  }
}

function parseOr(rules: Draft[], prefix: string, value: unknown, at: string): void {
  if (!Array.isArray(value)) throw new PatternError(at, '"$or" must be an array of at least 2 objects');
  if (value.length < 2) throw new PatternError(at, `"$or" needs at least 2 objects, found ${value.length}`);
  const before = rules.map((r) => new Map(r));
  rules.length = 0;
  value.forEach((branch, i) => {
    if (!isObject(branch)) throw new PatternError(`${at}[${i}]`, 'only JSON objects are allowed in an "$or" array');
    const forked = before.map((r) => new Map(r));
    if (forked.length === 0) forked.push(new Map());
    parseObject(forked, prefix, branch, true, `${at}[${i}]`);
    rules.push(...forked);
  });
}

function writeStep(rules: Draft[], path: string, values: unknown[], at: string): void {
  if (values.length === 0) throw new PatternError(at, 'empty arrays are not allowed: list at least one value or condition');
  const leaves: Leaf[] = [];
  let absent = false;
  values.forEach((value, i) => {
    const here = `${at}[${i}]`;
    if (typeof value === 'string') leaves.push(exactString(value));
    else if (value instanceof JsonNumber) leaves.push(exactNumber(value.text));
    else if (typeof value === 'number') {
      if (!Number.isFinite(value)) throw new PatternError(here, `${value} is not a JSON number`);
      leaves.push(exactNumber(String(value)));
    } else if (value === true || value === false || value === null) leaves.push(exactLiteral(String(value) as 'true'));
    else if (isObject(value)) {
      const matcher = parseValueMatcher(value, here);
      if (matcher === 'absent') absent = true;
      else leaves.push(matcher);
    } else throw new PatternError(here, 'a match value must be a string, number, true, false, null or a {"operator": …} object');
  });
  const step: Step = { path, leaves, absent, condition: stringifyJson(values.length === 1 ? values[0] : values) };
  if (rules.length === 0) rules.push(new Map());
  for (const rule of rules) rule.set(path, step);
}

/** Validates a pattern and returns its sub-rules (one per `$or` combination); throws PatternError. */
export function compileSubRules(pattern: unknown): SubRule[] {
  if (!isObject(pattern)) throw new PatternError('', 'a pattern must be a JSON object, e.g. {"source": ["my.app"]}');
  const rules: Draft[] = [];
  parseObject(rules, '', pattern, false, '');
  return rules.map((rule) => [...rule.values()].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0)));
}

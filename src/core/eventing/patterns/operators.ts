// The `{"operator": …}` objects of the content-filtering language, validated with event-ruler's
// rules (one key per object, the value types each operator takes, numbers that must compare).
import { JsonNumber, entriesOf, isObject, stringifyJson, type JsonObject } from './json';
import { PatternError } from './types';
import { comparableNumber } from './numbers';
import { parseCidr } from './ip';
import { compileWildcard, ignoreCaseRegExp, wildcardMatches } from './text';
import * as leaf from './leaves';

type Matcher = leaf.Leaf | 'absent';

function only(obj: JsonObject, at: string): [string, unknown] {
  const entries = entriesOf(obj);
  if (entries.length === 0) throw new PatternError(at, 'empty matcher object: write an operator such as {"prefix": "abc"}');
  if (entries.length > 1) throw new PatternError(at, `only one key is allowed in a matcher object, found ${entries.map(([k]) => JSON.stringify(k)).join(', ')}`);
  return entries[0] as [string, unknown];
}

function str(value: unknown, at: string, what: string): string {
  if (typeof value !== 'string') throw new PatternError(at, `${what} must be a string, not ${stringifyJson(value)}`);
  return value;
}

function numberText(value: unknown): string | undefined {
  if (value instanceof JsonNumber) return value.text;
  if (typeof value === 'number') return String(value);
  return undefined;
}

/** A pattern number that must take part in numeric comparison. */
function comparable(value: unknown, at: string, what: string): number {
  const text = numberText(value);
  if (text === undefined) throw new PatternError(at, `${what} must be a number, not ${stringifyJson(value)}`);
  const num = comparableNumber(text);
  if (num === undefined) throw new PatternError(at, `cannot compare number ${text}: numeric matching takes finite numbers that a double represents exactly`);
  return num;
}

function wildcardOf(value: unknown, at: string): ReturnType<typeof compileWildcard> & object {
  const w = compileWildcard(str(value, at, 'a wildcard pattern'));
  if (typeof w === 'string') throw new PatternError(at, w);
  return w;
}

function ignoreCaseForm(value: unknown, anchor: 'prefix' | 'suffix', at: string): leaf.Leaf {
  if (!isObject(value)) return anchor === 'prefix' ? leaf.stringTest(prefixOf(str(value, at, 'a prefix'))) : leaf.stringTest(suffixOf(str(value, at, 'a suffix')));
  const [op, inner] = only(value, at);
  if (op !== 'equals-ignore-case') throw new PatternError(`${at}.${op}`, `unsupported ${anchor} pattern "${op}": only {"${anchor}": {"equals-ignore-case": "…"}} is allowed`);
  return leaf.ignoreCase(str(inner, `${at}.${op}`, 'an equals-ignore-case pattern'), anchor);
}

const prefixOf = (p: string) => (s: string): boolean => s.startsWith(p);
const suffixOf = (p: string) => (s: string): boolean => s.endsWith(p);

function numeric(value: unknown, at: string): leaf.Leaf {
  if (!Array.isArray(value)) throw new PatternError(at, 'the value of "numeric" must be an array such as [">", 0, "<=", 5]');
  const [op, n, op2, n2, ...rest] = value;
  const item = (i: number): string => `${at}[${i}]`;
  if (typeof op !== 'string') throw new PatternError(item(0), `expected an operator ("=", "<", "<=", ">", ">="), found ${stringifyJson(op)}`);
  const tooMany = (): PatternError => new PatternError(at, 'too many elements in numeric expression');
  const bound = comparable(n, item(1), `the value of ${op}`);
  if (op === '=' || op === '<' || op === '<=') {
    if (value.length > 2) throw tooMany();
    if (op === '=') return leaf.numericRange(bound, false, bound, false);
    return leaf.numericRange(-Infinity, false, bound, op === '<');
  }
  if (op !== '>' && op !== '>=') throw new PatternError(item(0), `unrecognized numeric operator "${op}": use =, <, <=, > or >=`);
  if (value.length === 2) return leaf.numericRange(bound, op === '>', Infinity, false);
  if (op2 !== '<' && op2 !== '<=') throw new PatternError(item(2), `bad numeric range operator ${stringifyJson(op2)}: a range is [">" or ">=", low, "<" or "<=", high]`);
  const top = comparable(n2, item(3), `the value of ${op2}`);
  if (rest.length > 0) throw tooMany();
  if (!(bound < top)) throw new PatternError(at, `the bottom of the range (${numberText(n)}) must be less than the top (${numberText(n2)})`);
  return leaf.numericRange(bound, op === '>', top, op2 === '<');
}

function anythingButList(value: unknown, at: string): leaf.Leaf {
  const values = Array.isArray(value) ? value : [value];
  const strings = new Set<string>();
  const numbers = new Set<number>();
  values.forEach((v, i) => {
    const here = Array.isArray(value) ? `${at}[${i}]` : at;
    if (typeof v === 'string') strings.add(v);
    else if (numberText(v) !== undefined) numbers.add(comparable(v, here, 'an anything-but value'));
    else throw new PatternError(here, `anything-but takes strings or numbers, not ${stringifyJson(v)}`);
  });
  if (strings.size === 0 && numbers.size === 0) throw new PatternError(at, 'anything-but needs at least one value');
  if (strings.size > 0 && numbers.size > 0) throw new PatternError(at, 'inside an anything-but list, values must be all strings or all numbers, not mixed');
  return leaf.anythingBut(strings, numbers);
}

function anythingButOf(op: string, value: unknown, at: string): leaf.Leaf {
  const values = Array.isArray(value) ? value : [value];
  const tests = values.map((v, i) => {
    const here = Array.isArray(value) ? `${at}[${i}]` : at;
    const s = str(v, here, `an anything-but ${op} value`);
    if ((op === 'prefix' || op === 'suffix') && s === '') throw new PatternError(here, `an empty ${op} is not allowed in anything-but (it would exclude every string)`);
    if (op === 'prefix') return prefixOf(s);
    if (op === 'suffix') return suffixOf(s);
    if (op === 'wildcard') {
      const w = wildcardOf(s, here);
      return (x: string): boolean => wildcardMatches(w, x);
    }
    const re = ignoreCaseRegExp(s, 'whole');
    return (x: string): boolean => re.test(x);
  });
  return leaf.anythingButString(tests);
}

function anythingBut(value: unknown, at: string): leaf.Leaf {
  if (!isObject(value)) {
    if (value === null || typeof value === 'boolean' || isObject(value)) throw new PatternError(at, `anything-but takes a string, a number or a list of them, not ${stringifyJson(value)}`);
    return anythingButList(value, at);
  }
  const [op, inner] = only(value, at);
  if (!['equals-ignore-case', 'prefix', 'suffix', 'wildcard'].includes(op)) {
    throw new PatternError(`${at}.${op}`, `unsupported anything-but pattern "${op}": use a value, a list, or prefix, suffix, equals-ignore-case or wildcard`);
  }
  return anythingButOf(op, inner, `${at}.${op}`);
}

/** Parses one `{"operator": value}` alternative; `'absent'` stands for `{"exists": false}`. */
export function parseValueMatcher(obj: JsonObject, at: string): Matcher {
  const [op, value] = only(obj, at);
  const here = `${at}.${op}`;
  switch (op) {
    case 'exactly':
      return leaf.exactString(str(value, here, 'an exactly pattern'), true);
    case 'prefix':
      return ignoreCaseForm(value, 'prefix', here);
    case 'suffix':
      return ignoreCaseForm(value, 'suffix', here);
    case 'equals-ignore-case':
      return leaf.ignoreCase(str(value, here, 'an equals-ignore-case pattern'), 'whole');
    case 'wildcard':
      return leaf.wildcard(wildcardOf(value, here));
    case 'numeric':
      return numeric(value, here);
    case 'anything-but':
      return anythingBut(value, here);
    case 'exists':
      if (value === true) return leaf.exists;
      if (value === false) return 'absent';
      throw new PatternError(here, `exists must be true or false, not ${stringifyJson(value)}`);
    case 'cidr': {
      const range = parseCidr(str(value, here, 'a cidr pattern'));
      if (typeof range === 'string') throw new PatternError(here, range);
      return leaf.cidr(range);
    }
    default:
      throw new PatternError(here, `unrecognized match type "${op}" (operators are lower case: prefix, suffix, equals-ignore-case, wildcard, anything-but, numeric, exists, cidr, exactly)`);
  }
}

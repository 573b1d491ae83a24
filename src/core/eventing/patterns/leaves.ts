// The value tests a pattern is made of, each with event-ruler's type rules: string operators
// only see strings, numeric ones only comparable numbers, and anything-but holds for any value
// that is not excluded (a number is never excluded by a string, nor the reverse).
import { fieldIp, type Field } from './fields';
import { comparableNumber } from './numbers';
import { inRange, parseIp, type IpRange } from './ip';
import { ignoreCaseRegExp, wildcardMatches, type Wildcard } from './text';

/** One alternative in a field's list, e.g. `"shipped"` or `{"prefix":"ord"}`. */
export interface Leaf {
  test(field: Field): boolean;
  /** Index key when this is a plain value that can be looked up in a hash (rule-set routing). */
  key?: string;
  /** What kind of value can satisfy it, for "why not" explanations. */
  accepts: 'string' | 'number' | 'any';
}

/** An exact string; a string that is an IP literal matches that address however it is written. */
export function exactString(value: string, plain = false): Leaf {
  const ip = plain ? undefined : parseIp(value);
  if (ip) return { accepts: 'string', test: (f) => f.kind === 'string' && sameBytes(fieldIp(f), ip) };
  return { accepts: 'string', key: `s${value}`, test: (f) => f.kind === 'string' && f.text === value };
}

function sameBytes(a: number[] | null, b: number[]): boolean {
  return !!a && a.length === b.length && a.every((x, i) => x === b[i]);
}

/** An exact number: by value when comparable, otherwise by its JSON spelling. */
export function exactNumber(text: string): Leaf {
  const num = comparableNumber(text);
  if (num === undefined) return { accepts: 'number', key: `t${text}`, test: (f) => f.kind === 'number' && f.num === undefined && f.text === text };
  return { accepts: 'number', key: `n${num}`, test: (f) => f.kind === 'number' && f.num === num };
}

/** `true`, `false` or `null`. */
export function exactLiteral(text: 'true' | 'false' | 'null'): Leaf {
  return { accepts: 'any', key: `l${text}`, test: (f) => f.kind === 'literal' && f.text === text };
}

/** A test on string values only. */
export function stringTest(test: (s: string) => boolean): Leaf {
  return { accepts: 'string', test: (f) => f.kind === 'string' && test(f.text) };
}

/** `equals-ignore-case`, alone or inside prefix/suffix. */
export function ignoreCase(value: string, anchor: 'whole' | 'prefix' | 'suffix'): Leaf {
  const re = ignoreCaseRegExp(value, anchor);
  return stringTest((s) => re.test(s));
}

/** `wildcard`. */
export function wildcard(w: Wildcard): Leaf {
  return stringTest((s) => wildcardMatches(w, s));
}

/** A numeric interval; bounds may be infinite. */
export function numericRange(low: number, lowOpen: boolean, high: number, highOpen: boolean): Leaf {
  return {
    accepts: 'number',
    test: (f) => {
      const n = f.num;
      if (f.kind !== 'number' || n === undefined) return false;
      return (lowOpen ? n > low : n >= low) && (highOpen ? n < high : n <= high);
    },
  };
}

/** `cidr`. */
export function cidr(range: IpRange): Leaf {
  return { accepts: 'string', test: (f) => f.kind === 'string' && inInclusive(fieldIp(f), range) };
}

function inInclusive(ip: number[] | null, range: IpRange): boolean {
  return !!ip && inRange(ip, range);
}

/** `exists: true`: any leaf value, including null and "". */
export const exists: Leaf = { accepts: 'any', test: () => true };

/** `anything-but` with excluded strings or (comparable) numbers. */
export function anythingBut(strings: Set<string>, numbers: Set<number>): Leaf {
  return {
    accepts: 'any',
    test: (f) => {
      if (f.kind === 'string') return !strings.has(f.text);
      if (f.kind === 'number' && f.num !== undefined) return !numbers.has(f.num);
      return true;
    },
  };
}

/** `anything-but` with prefix/suffix/equals-ignore-case/wildcard: excludes strings that pass any test. */
export function anythingButString(excluded: ((s: string) => boolean)[]): Leaf {
  return { accepts: 'any', test: (f) => f.kind !== 'string' || !excluded.some((t) => t(f.text)) };
}

// Evaluates the declarative assertions of a checks file against an observation object.
import type { Assertion } from './types';

/** Reads a dotted path (`calls.1.json.count`); array indices are plain numbers. */
export function readPath(root: unknown, dotted: string): unknown {
  let value: unknown = root;
  for (const key of dotted.split('.')) {
    if (value === null || value === undefined) return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

/** JSON-ish type name used by `type:` assertions. */
export function typeName(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

/** Short printable form of a value for messages (long strings are cut). */
export function show(value: unknown): string {
  const text = value === undefined ? 'undefined' : typeof value === 'string' ? value : JSON.stringify(value);
  return text.length > 120 ? `${text.slice(0, 117)}...` : text;
}

/** Checks one assertion; returns undefined when it holds, else what went wrong. */
export function evaluate(assertion: Assertion, observation: unknown): { detail: string; actual: unknown } | undefined {
  const actual = readPath(observation, assertion.path);
  const fail = (why: string): { detail: string; actual: unknown } => ({ detail: `${assertion.path}: ${why}, got ${show(actual)}`, actual });
  if (assertion.exists !== undefined && (actual !== undefined) !== assertion.exists) return fail(assertion.exists ? 'expected a value' : 'expected no value');
  if (assertion.type !== undefined && typeName(actual) !== assertion.type) return fail(`expected type ${assertion.type} (${typeName(actual)})`);
  if ('equals' in assertion && !deepEqual(actual, assertion.equals)) return fail(`expected ${show(assertion.equals)}`);
  if ('notEquals' in assertion && deepEqual(actual, assertion.notEquals)) return fail(`expected anything but ${show(assertion.notEquals)}`);
  if (assertion.lessThan !== undefined && !(typeof actual === 'number' && actual < assertion.lessThan)) return fail(`expected a number under ${assertion.lessThan}`);
  if (assertion.greaterThan !== undefined && !(typeof actual === 'number' && actual > assertion.greaterThan)) return fail(`expected a number over ${assertion.greaterThan}`);
  if (assertion.matches !== undefined && !new RegExp(assertion.matches).test(typeof actual === 'string' ? actual : show(actual))) return fail(`expected to match /${assertion.matches}/`);
  if (assertion.contains !== undefined) {
    const found = Array.isArray(actual) ? actual.some((v) => show(v).includes(assertion.contains as string)) : typeof actual === 'string' && actual.includes(assertion.contains);
    if (!found) return fail(`expected to contain "${assertion.contains}"`);
  }
  return undefined;
}

function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  return ka.length === kb.length && ka.every((k) => deepEqual((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

// Completion in the pattern editor from the chosen sample event: at a key position, the event's
// field names at the same path; inside a field's value list, the event's value(s) there.
import { getLocation } from 'jsonc-parser';
import { stringifyJson } from '../patterns';

/** One suggestion; the extension turns it into a CompletionItem. */
export interface PatternSuggestion {
  kind: 'field' | 'object' | 'value';
  /** What the list shows (a key, or a JSON value). */
  label: string;
  /** Text to insert (keys without quotes: the editor's word range covers them; values as JSON). */
  insertText: string;
  /** The event's value, for the detail line. */
  detail: string;
}

type Json = Record<string, unknown>;
const isObj = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The event's values at a field path; arrays are looked through, as the matcher does. */
function valuesAt(event: unknown, path: string[]): unknown[] {
  let current: unknown[] = [event];
  for (const key of path) {
    const next: unknown[] = [];
    for (const v of current.flatMap((c) => (Array.isArray(c) ? c : [c]))) {
      if (isObj(v) && key in v) next.push(v[key]);
    }
    current = next;
  }
  return current.flatMap((c) => (Array.isArray(c) ? c : [c]));
}

/** The pattern path at a JSON location as an event field path: `$or` and its branch indexes are not fields. */
function fieldPath(path: (string | number)[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < path.length; i++) {
    const step = path[i];
    if (step === '$or') {
      i++; // skip the branch index
      continue;
    }
    if (typeof step === 'string') out.push(...step.split('.'));
  }
  return out;
}

/** Suggestions at `offset` of the pattern text, from `event` (a parsed sample event). */
export function patternSuggestions(patternText: string, offset: number, event: unknown): PatternSuggestion[] {
  const location = getLocation(patternText, offset);
  const path = location.path;
  if (location.isAtPropertyKey) {
    // The path ends with the key being typed (or "" for a new one): suggest its siblings.
    const parents = fieldPath(path.slice(0, -1));
    const present = new Set<string>();
    for (const value of valuesAt(event, parents)) if (isObj(value)) Object.keys(value).forEach((k) => present.add(k));
    return [...present].map((key) => {
      const values = valuesAt(event, [...parents, key]);
      const nested = values.length > 0 && values.every(isObj);
      const sample = values.find((v) => !isObj(v));
      return nested
        ? { kind: 'object' as const, label: key, insertText: key, detail: 'object: nest conditions inside' }
        : { kind: 'field' as const, label: key, insertText: key, detail: sample === undefined ? 'no value' : `event: ${stringifyJson(sample)}` };
    });
  }
  // Inside a field's list (path ends with an index): offer the event's own values there.
  if (typeof path[path.length - 1] === 'number' && path[path.length - 2] !== '$or') {
    const fields = fieldPath(path.slice(0, -1));
    const seen = new Set<string>();
    return valuesAt(event, fields)
      .filter((v) => !isObj(v))
      .map((v) => stringifyJson(v))
      .filter((text) => !seen.has(text) && seen.add(text))
      .map((text) => ({ kind: 'value' as const, label: text, insertText: text, detail: `the event's value at ${fields.join('.')}` }));
  }
  return [];
}

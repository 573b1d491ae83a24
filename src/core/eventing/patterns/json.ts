// Lossless JSON reading for patterns and events. EventBridge compares numbers by their JSON
// spelling as well as by value (`123456789012345678901` and `...900` are different account
// numbers although they are the same double), and it sees every value of a duplicated key, so
// JSON.parse, which rounds numbers and keeps only the last duplicate, is not enough.
import { printParseErrorCode, visit, type ParseErrorCode } from 'jsonc-parser';

/** A JSON number that remembers how it was written (`3.0e2`, `300.000`, `123456789012345678901`). */
export class JsonNumber {
  constructor(readonly text: string) {}
  /** The nearest double, so arithmetic and comparisons still work. */
  valueOf(): number {
    return Number(this.text);
  }
  toJSON(): number {
    return Number(this.text);
  }
  toString(): string {
    return this.text;
  }
}

/** Key under which an object keeps the earlier values of keys that appear more than once. */
export const duplicateEntries: unique symbol = Symbol('duplicateEntries');

/** Key under which an object keeps its keys in source order (JS puts integer-like keys first). */
export const keyOrder: unique symbol = Symbol('keyOrder');

/** A parsed JSON object; `[duplicateEntries]` holds overridden `[key, value]` pairs in source order. */
export interface JsonObject {
  [key: string]: unknown;
  [duplicateEntries]?: [string, unknown][];
  [keyOrder]?: string[];
}

/** Invalid JSON text, with the 1-based line and column of the first problem. */
export class JsonSyntaxError extends Error {
  constructor(readonly line: number, readonly column: number, reason: string) {
    super(`invalid JSON at line ${line}, column ${column}: ${reason}`);
    this.name = 'JsonSyntaxError';
  }
}

function setKey(target: JsonObject, key: string, value: unknown): void {
  if (Object.prototype.hasOwnProperty.call(target, key)) {
    (target[duplicateEntries] ??= []).push([key, target[key]]);
  } else {
    (target[keyOrder] ??= []).push(key);
  }
  // defineProperty, not assignment, so that a key named "__proto__" stays a plain key.
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

/** Parses strict JSON keeping number spellings (as JsonNumber) and duplicate keys; throws JsonSyntaxError. */
export function parseJson(text: string): unknown {
  const stack: (JsonObject | unknown[])[] = [];
  const keys: (string | undefined)[] = [];
  let root: unknown;
  let pendingKey: string | undefined;
  let error: JsonSyntaxError | undefined;
  const put = (value: unknown): void => {
    const parent = stack[stack.length - 1];
    if (!parent) root = value;
    else if (Array.isArray(parent)) parent.push(value);
    else setKey(parent, pendingKey ?? '', value);
  };
  visit(
    text,
    {
      onObjectBegin: () => {
        const obj: JsonObject = {};
        put(obj);
        keys.push(pendingKey);
        stack.push(obj);
      },
      onObjectProperty: (property) => {
        pendingKey = property;
      },
      onObjectEnd: () => {
        stack.pop();
        pendingKey = keys.pop();
      },
      onArrayBegin: () => {
        const arr: unknown[] = [];
        put(arr);
        keys.push(pendingKey);
        stack.push(arr);
      },
      onArrayEnd: () => {
        stack.pop();
        pendingKey = keys.pop();
      },
      onLiteralValue: (value: unknown, offset, length) => {
        put(typeof value === 'number' ? new JsonNumber(text.slice(offset, offset + length)) : value);
      },
      onError: (code: ParseErrorCode, _offset, _length, line, column) => {
        error ??= new JsonSyntaxError(line + 1, column + 1, printParseErrorCode(code));
      },
    },
    { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false },
  );
  if (error) throw error;
  return root;
}

/** Writes a value as JSON, keeping JsonNumber spellings (for explanations and CLI output). */
export function stringifyJson(value: unknown): string {
  if (value instanceof JsonNumber) return value.text;
  if (Array.isArray(value)) return `[${value.map(stringifyJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const parts = ((value as JsonObject)[keyOrder] ?? Object.keys(value)).map((k) => `${JSON.stringify(k)}:${stringifyJson((value as Record<string, unknown>)[k])}`);
    return `{${parts.join(',')}}`;
  }
  return JSON.stringify(value) ?? 'undefined';
}

/** True for a JSON object (not an array, not a number wrapper). */
export function isObject(value: unknown): value is JsonObject {
  return value !== null && typeof value === 'object' && !Array.isArray(value) && !(value instanceof JsonNumber);
}

/** Entries in source order, duplicated keys included (earlier values first). */
export function entriesOf(obj: JsonObject): [string, unknown][] {
  const keys = obj[keyOrder] ?? Object.keys(obj);
  return [...(obj[duplicateEntries] ?? []), ...keys.map((k): [string, unknown] => [k, obj[k]])];
}

/** Errors raised while applying `--set path=value` overrides; the message names the bad part. */
export class SetPathError extends Error {}

/** Splits `Records[0].s3.bucket.name` into `['Records', 0, 's3', 'bucket', 'name']`. */
export function parsePath(path: string): (string | number)[] {
  const parts: (string | number)[] = [];
  const re = /([^.[\]]+)|\[(\d+)\]/g;
  let consumed = 0;
  for (let m = re.exec(path); m; m = re.exec(path)) {
    // Anything skipped between tokens other than '.' means a malformed path (e.g. `a..b`, `a[x]`).
    const gap = path.slice(consumed, m.index);
    if (gap !== '' && gap !== '.') throw new SetPathError(`Malformed path "${path}" near "${gap}". Use dots and [n], e.g. Records[0].body`);
    parts.push(m[2] !== undefined ? Number(m[2]) : m[1]);
    consumed = m.index + m[0].length;
  }
  if (!parts.length || consumed !== path.length) throw new SetPathError(`Malformed path "${path}". Use dots and [n], e.g. Records[0].body`);
  return parts;
}

/**
 * Parses a command-line value. Where the target already holds a string the value stays a string
 * (so `--set body=123` keeps `"123"`); elsewhere JSON is tried first so numbers, booleans and objects work.
 */
export function coerceValue(raw: string, existing: unknown): unknown {
  if (typeof existing === 'string') return raw;
  try {
    return JSON.parse(raw);
  } catch {
    return raw;
  }
}

/** Sets `value` at `path` inside `target` (mutates), creating objects for missing keys but never array slots. */
export function setPath(target: unknown, path: string, raw: string): void {
  const parts = parsePath(path);
  let node = target as Record<string | number, unknown>;
  for (let i = 0; i < parts.length - 1; i++) {
    const key = parts[i];
    let next = node[key];
    if (next === undefined || next === null) {
      if (typeof key === 'number') throw new SetPathError(`"${path}": index [${key}] does not exist in the sample`);
      next = {};
      node[key] = next;
    }
    if (typeof next !== 'object') throw new SetPathError(`"${path}": "${parts.slice(0, i + 1).join('.')}" is a ${typeof next}, not an object`);
    node = next as Record<string | number, unknown>;
  }
  const last = parts[parts.length - 1];
  if (typeof last === 'number' && (!Array.isArray(node) || last > node.length)) {
    throw new SetPathError(`"${path}": index [${last}] is out of range`);
  }
  node[last] = coerceValue(raw, node[last]);
}

/** Reads the value at `path`, or undefined. */
export function getPath(target: unknown, path: string): unknown {
  let node: unknown = target;
  for (const key of parsePath(path)) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string | number, unknown>)[key];
  }
  return node;
}

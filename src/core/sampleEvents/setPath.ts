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

/** The existing key closest to `key` (a typo such as `bdy` for `body`), if one is close enough. */
function closestKey(key: string, node: object): string | undefined {
  const distance = (a: string, b: string): number => {
    const row = Array.from({ length: b.length + 1 }, (_, j) => j);
    for (let i = 1; i <= a.length; i++) {
      let prev = row[0];
      row[0] = i;
      for (let j = 1; j <= b.length; j++) {
        const next = Math.min(row[j] + 1, row[j - 1] + 1, prev + (a[i - 1].toLowerCase() === b[j - 1].toLowerCase() ? 0 : 1));
        prev = row[j];
        row[j] = next;
      }
    }
    return row[b.length];
  };
  const best = Object.keys(node).map((k) => ({ k, d: distance(key, k) })).sort((a, b) => a.d - b.d)[0];
  return best && best.d <= Math.max(1, Math.floor(key.length / 3)) ? best.k : undefined;
}

/** Refuses a key the sample does not have, unless adding it was asked for (`--add`). */
function assertKnown(node: object, key: string | number, path: string, add: boolean): void {
  if (add || typeof key === 'number' || Object.hasOwn(node, key)) return;
  const near = closestKey(key, node);
  throw new SetPathError(`"${path}": the sample has no field "${key}"${near ? ` (did you mean "${near}"?)` : ''}; pass --add to add a new field`);
}

/**
 * Sets `value` at `path` inside `target` (mutates). A key the sample lacks is an error (a typo would
 * otherwise add a field silently) unless `add` is true; missing array slots are never created.
 */
export function setPath(target: unknown, path: string, raw: string, add = false): void {
  const parts = parsePath(path);
  let node = target as Record<string | number, unknown>;
  for (let i = 0; i < parts.length - 1; i++) {
    const key = parts[i];
    assertKnown(node, key, path, add);
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
  assertKnown(node, last, path, add);
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

// Events flattened the way event-ruler sees them: one field per leaf value, named by its dotted
// path, remembering which element of which array it came from (for array consistency).
import { JsonNumber, duplicateEntries, type JsonObject } from './json';
import { comparableNumber } from './numbers';
import { parseIp } from './ip';

/** One leaf value of an event. */
export interface Field {
  kind: 'string' | 'number' | 'literal';
  /** The string's content, the number's JSON spelling, or `true`/`false`/`null`. */
  text: string;
  /** For numbers: the comparable double, undefined when not comparable. */
  num: number | undefined;
  /** `[arrayId, index, arrayId, index, …]`: the array elements (objects or arrays) that contain this value. */
  membership: number[];
  /** Cached address bytes for strings (null: not an IP literal). */
  ip?: number[] | null;
  /** The value as it appeared, for explanations. */
  raw: unknown;
}

/** The event's fields grouped by dotted path. */
export type EventFields = Map<string, Field[]>;

const noMembership: number[] = [];

/** Address bytes of a string field, parsed once. */
export function fieldIp(field: Field): number[] | null {
  if (field.ip === undefined) field.ip = field.kind === 'string' ? parseIp(field.text) ?? null : null;
  return field.ip;
}

function leaf(value: unknown, membership: number[]): Field | undefined {
  if (typeof value === 'string') return { kind: 'string', text: value, num: undefined, membership, raw: value };
  if (value instanceof JsonNumber) return { kind: 'number', text: value.text, num: comparableNumber(value.text), membership, raw: value };
  if (typeof value === 'number') {
    // A number that did not come from JSON text: NaN and Infinity cannot appear in an event.
    if (!Number.isFinite(value)) return undefined;
    return { kind: 'number', text: String(value), num: value === 0 ? 0 : value, membership, raw: value };
  }
  if (value === true || value === false || value === null) return { kind: 'literal', text: String(value), num: undefined, membership, raw: value };
  return undefined;
}

/** The paths rules look at, as a tree of keys (undefined keeps every path). */
export interface PathTree {
  path: string;
  children: Map<string, PathTree>;
}

/** Builds the tree of paths to keep from rule paths (each dotted path and its prefixes). */
export function pathTree(paths: Iterable<string>): PathTree {
  const root: PathTree = { path: '', children: new Map() };
  for (const path of paths) {
    let node = root;
    for (const key of path.split('.')) {
      let child = node.children.get(key);
      if (!child) node.children.set(key, (child = { path: node.path ? `${node.path}.${key}` : key, children: new Map() }));
      node = child;
    }
  }
  return root;
}

/** The subtree for an event key; a key with dots ("detail.state") walks several levels, as event-ruler joins names. */
function childOf(node: PathTree, key: string): PathTree | undefined {
  const direct = node.children.get(key);
  if (direct || !key.includes('.')) return direct;
  let at: PathTree | undefined = node;
  for (const part of key.split('.')) {
    at = at.children.get(part);
    if (!at) return undefined;
  }
  return at;
}

class Flattener {
  private arrays = 0;
  private readonly membership: number[] = [];
  readonly fields: EventFields = new Map();

  private add(path: string, field: Field): void {
    const list = this.fields.get(path);
    if (list) list.push(field);
    else this.fields.set(path, [field]);
  }

  private snapshot(): number[] {
    return this.membership.length === 0 ? noMembership : this.membership.slice();
  }

  value(path: string, node: PathTree | undefined, value: unknown): void {
    if (Array.isArray(value)) return this.array(path, node, value);
    if (value && typeof value === 'object' && !(value instanceof JsonNumber)) return this.object(path, node, value as JsonObject);
    const field = leaf(value, this.snapshot());
    if (field) this.add(path, field);
  }

  object(prefix: string, node: PathTree | undefined, obj: JsonObject): void {
    for (const key of Object.keys(obj)) this.member(prefix, node, key, obj[key]);
    const duplicates = obj[duplicateEntries];
    if (duplicates) for (const [key, value] of duplicates) this.member(prefix, node, key, value);
  }

  private member(prefix: string, node: PathTree | undefined, key: string, value: unknown): void {
    if (!node) return this.value(prefix ? `${prefix}.${key}` : key, undefined, value);
    const child = childOf(node, key);
    if (child) this.value(child.path, child, value);
  }

  private array(path: string, node: PathTree | undefined, items: unknown[]): void {
    const id = this.arrays++;
    for (let index = 0; index < items.length; index++) {
      const item = items[index];
      if (item === null || typeof item !== 'object' || item instanceof JsonNumber) {
        this.value(path, node, item);
        continue;
      }
      this.membership.push(id, index);
      this.value(path, node, item);
      this.membership.length -= 2;
    }
  }
}

/** Flattens an event (a JSON object) into fields; throws when the event is not an object. */
export function flattenEvent(event: unknown, keep?: PathTree): EventFields {
  if (!event || typeof event !== 'object' || Array.isArray(event) || event instanceof JsonNumber) {
    throw new Error('an event must be a JSON object');
  }
  const flattener = new Flattener();
  flattener.object('', keep, event as JsonObject);
  return flattener.fields;
}

/**
 * Merges the array memberships of a match so far with a new field's; undefined when the field
 * comes from a different element of an array already used (event-ruler's array consistency).
 */
export function extendMembership(soFar: number[], field: number[]): number[] | undefined {
  if (field.length === 0) return soFar;
  if (soFar.length === 0) return field;
  let out: number[] | undefined;
  for (let i = 0; i < field.length; i += 2) {
    const id = field[i];
    let seen = -1;
    for (let j = 0; j < soFar.length; j += 2) {
      if (soFar[j] === id) {
        seen = soFar[j + 1] ?? -1;
        break;
      }
    }
    if (seen === -1) (out ??= soFar.slice()).push(id ?? 0, field[i + 1] ?? 0);
    else if (seen !== field[i + 1]) return undefined;
  }
  return out ?? soFar;
}

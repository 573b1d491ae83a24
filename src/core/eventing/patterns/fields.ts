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

/** Which paths to keep: every rule path and each of its dotted prefixes (undefined keeps all). */
export type PathFilter = Set<string> | undefined;

class Flattener {
  private arrays = 0;
  private readonly membership: number[] = [];
  readonly fields: EventFields = new Map();

  constructor(private readonly keep: PathFilter) {}

  private add(path: string, field: Field): void {
    const list = this.fields.get(path);
    if (list) list.push(field);
    else this.fields.set(path, [field]);
  }

  private snapshot(): number[] {
    return this.membership.length === 0 ? noMembership : this.membership.slice();
  }

  value(path: string, value: unknown): void {
    if (Array.isArray(value)) return this.array(path, value);
    if (value && typeof value === 'object' && !(value instanceof JsonNumber)) return this.object(path, value as JsonObject);
    const field = leaf(value, this.snapshot());
    if (field) this.add(path, field);
  }

  object(prefix: string, obj: JsonObject): void {
    for (const key of Object.keys(obj)) this.member(prefix, key, obj[key]);
    const duplicates = obj[duplicateEntries];
    if (duplicates) for (const [key, value] of duplicates) this.member(prefix, key, value);
  }

  private member(prefix: string, key: string, value: unknown): void {
    const path = prefix ? `${prefix}.${key}` : key;
    if (this.keep && !this.keep.has(path)) return;
    this.value(path, value);
  }

  private array(path: string, items: unknown[]): void {
    const id = this.arrays++;
    items.forEach((item, index) => {
      const nested = item !== null && typeof item === 'object' && !(item instanceof JsonNumber);
      if (!nested) return this.value(path, item);
      this.membership.push(id, index);
      this.value(path, item);
      this.membership.length -= 2;
    });
  }
}

/** Flattens an event (a JSON object) into fields; throws when the event is not an object. */
export function flattenEvent(event: unknown, keep?: PathFilter): EventFields {
  if (!event || typeof event !== 'object' || Array.isArray(event) || event instanceof JsonNumber) {
    throw new Error('an event must be a JSON object');
  }
  const flattener = new Flattener(keep);
  flattener.object('', event as JsonObject);
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

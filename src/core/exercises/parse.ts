// Parses the ```exercise block and the YAML checks file, with problems an author can act on.
import { parse as parseYaml } from 'yaml';
import type { Assertion, BaasCheckRequest, BaasCheckSpec, CheckSpec, ChecksFile, ExerciseSpec } from './types';

/** A problem found while parsing; `line` is 1-based inside the parsed text when known. */
export interface ParseProblem {
  line: number;
  message: string;
}

const OPERATORS = ['equals', 'notEquals', 'type', 'lessThan', 'greaterThan', 'matches', 'contains', 'exists'] as const;
const KEBAB = /^[a-z0-9]+(-[a-z0-9]+)*$/;

function loadYaml(text: string): { data?: Record<string, unknown>; problems: ParseProblem[] } {
  try {
    const data: unknown = parseYaml(text);
    if (!data || typeof data !== 'object' || Array.isArray(data)) return { problems: [{ line: 1, message: 'expected a YAML mapping of keys such as "id: my-exercise"' }] };
    return { data: data as Record<string, unknown>, problems: [] };
  } catch (e) {
    const line = (e as { linePos?: Array<{ line: number }> }).linePos?.[0]?.line ?? 1;
    return { problems: [{ line, message: `not valid YAML: ${String((e as Error).message).split('\n')[0]}` }] };
  }
}

/** Line of the first `key:` in the text, so problems point at the offending key. */
function lineOf(text: string, key: string): number {
  const i = text.split(/\r?\n/).findIndex((l) => new RegExp(`^\\s*-?\\s*${key}\\s*:`).test(l));
  return i < 0 ? 1 : i + 1;
}

/** Line of `name: <value>` (a check's own line). */
function nameLine(text: string, name: string): number {
  const i = text.split(/\r?\n/).findIndex((l) => /^\s*-?\s*name\s*:/.test(l) && l.split(':')[1]?.trim().replace(/^["']|["']$/g, '') === name);
  return i < 0 ? 1 : i + 1;
}

/** Parses an ```exercise block body. */
export function parseExerciseBlock(text: string, fallbackId: string): { value?: ExerciseSpec; problems: ParseProblem[] } {
  const { data, problems } = loadYaml(text);
  if (!data) return { problems };
  const allowed = ['id', 'title', 'starter', 'solution', 'checks', 'handler', 'handlerName', 'line', 'hints', 'starterFails'];
  for (const key of Object.keys(data)) if (!allowed.includes(key)) problems.push({ line: lineOf(text, key), message: `unknown key "${key}" (allowed: ${allowed.join(', ')})` });
  const str = (key: string, required = true): string | undefined => {
    const v = data[key];
    if (typeof v === 'string' && v.trim()) return v.trim();
    if (v !== undefined || required) problems.push({ line: lineOf(text, key), message: `"${key}" must be a non-empty string` });
    return undefined;
  };
  const id = str('id', false) ?? fallbackId;
  if (!KEBAB.test(id)) problems.push({ line: lineOf(text, 'id'), message: `"id" must be kebab-case, e.g. "http-handler-node" (got "${id}")` });
  const [title, starter, solution, checks, handler, starterFails] = ['title', 'starter', 'solution', 'checks', 'handler', 'starterFails'].map((k) => str(k));
  const handlerName = str('handlerName', false);
  const hints = data.hints ?? [];
  if (!Array.isArray(hints) || !hints.every((h) => typeof h === 'string' && h.trim())) problems.push({ line: lineOf(text, 'hints'), message: '"hints" must be a list of non-empty strings, in the order they are revealed' });
  const line = data.line;
  if (line !== undefined && !(Number.isInteger(line) && (line as number) >= 1)) problems.push({ line: lineOf(text, 'line'), message: '"line" must be a whole number from 1 (the line of the handler file to open)' });
  if (problems.length || !title || !starter || !solution || !checks || !handler || !starterFails) return { problems };
  return {
    value: { id, title, starter, solution, checks, handler, starterFails, hints: hints as string[], ...(handlerName ? { handlerName } : {}), ...(line ? { line: line as number } : {}) },
    problems,
  };
}

/** Parses a check's `baas:` scenario; returns a message for the author when it is malformed. */
function parseBaasScenario(raw: unknown): BaasCheckSpec | string {
  const b = (raw ?? {}) as Record<string, unknown>;
  const strings = (v: unknown) => v === undefined || (Array.isArray(v) && v.every((x) => typeof x === 'string' && x.trim()));
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return '"baas" must be a mapping of { sql, users, requests }';
  const unknownKey = Object.keys(b).find((k) => !['sql', 'users', 'requests'].includes(k));
  if (unknownKey) return `unknown key "baas.${unknownKey}" (allowed: sql, users, requests)`;
  if (!strings(b.sql)) return '"baas.sql" must be a list of SQL file names in the learner\'s folder, e.g. [policies.sql]';
  if (!strings(b.users)) return '"baas.users" must be a list of user names, e.g. [alice, bob]';
  const users = (b.users as string[] | undefined) ?? [];
  if (!Array.isArray(b.requests)) return '"baas.requests" must be a list of { as, method, path, body } or { as, sql }';
  const requests: BaasCheckRequest[] = [];
  for (const [i, r] of (b.requests as Array<Record<string, unknown>>).entries()) {
    const at = `baas.requests.${i}`;
    if (!r || typeof r !== 'object') return `"${at}" must be a mapping`;
    if ((typeof r.path === 'string') === (typeof r.sql === 'string')) return `"${at}" needs exactly one of "path" (e.g. /rest/v1/notes?select=*) or "sql"`;
    if (typeof r.path === 'string' && !/^\/(rest|auth|storage)\/v1\//.test(r.path)) return `"${at}.path" must start with /rest/v1/, /auth/v1/ or /storage/v1/`;
    if (r.as !== undefined && (typeof r.as !== 'string' || ![...users, 'anon', 'service_role'].includes(r.as))) return `"${at}.as" must be one of ${[...users, 'anon', 'service_role'].join(', ')}`;
    requests.push(r as BaasCheckRequest);
  }
  return { sql: (b.sql as string[] | undefined) ?? [], users, requests };
}

/** Parses a checks file: `checks:` is a list of named checks with calls and assertions. */
export function parseChecksFile(text: string): { value?: ChecksFile; problems: ParseProblem[] } {
  const { data, problems } = loadYaml(text);
  if (!data) return { problems };
  if (!Array.isArray(data.checks) || data.checks.length === 0) return { problems: [{ line: lineOf(text, 'checks'), message: '"checks" must be a non-empty list of { name, message, calls, expect }' }] };
  const checks: CheckSpec[] = [];
  const names = new Set<string>();
  data.checks.forEach((raw: unknown, i: number) => {
    const c = (raw ?? {}) as Record<string, unknown>;
    const at = `check ${i + 1}${typeof c.name === 'string' ? ` ("${c.name}")` : ''}`;
    const line = typeof c.name === 'string' ? nameLine(text, c.name) : 1;
    const bad = (message: string): void => void problems.push({ line, message: `${at}: ${message}` });
    if (typeof c.name !== 'string' || !KEBAB.test(c.name)) return bad('"name" must be a kebab-case name of the mistake, e.g. "body-not-string"');
    if (names.has(c.name)) return bad('duplicate name; every check needs its own');
    names.add(c.name);
    if (typeof c.message !== 'string' || !c.message.trim()) return bad('"message" must say what is wrong and what to do');
    const baas = c.baas === undefined ? undefined : parseBaasScenario(c.baas);
    if (typeof baas === 'string') return bad(baas);
    const calls = Array.isArray(c.calls) ? c.calls : c.event !== undefined ? [{ event: c.event }] : [];
    const events = c.events;
    if (events !== undefined && (!Array.isArray(events) || events.length === 0)) return bad('"events" must be a non-empty list (events to match, or entries to put into the event engine)');
    // A check that reads only the learner's template (`sam.*`) runs nothing, so it needs no calls.
    const staticOnly = Array.isArray(c.expect) && c.expect.length > 0 && c.expect.every((a: unknown) => typeof (a as { path?: unknown })?.path === 'string' && String((a as { path: string }).path).startsWith('sam.'));
    if (!calls.length && !events && !staticOnly && !baas) return bad('give "event" (one call), "calls" (a list of { event, cold }), "events" (for pattern and trace checks) or "baas" (a BaaS scenario); only checks that read nothing but `sam.*` need none');
    if (c.template !== undefined && (typeof c.template !== 'string' || !c.template.trim())) return bad('"template" must be the SAM template\'s path relative to the handler\'s folder');
    if (c.faults !== undefined && (typeof c.faults !== 'object' || c.faults === null || Array.isArray(c.faults))) return bad('"faults" must be a mapping such as { functions: { process: { failureRate: 1 } } }');
    if (!Array.isArray(c.expect) || c.expect.length === 0) return bad('"expect" must be a non-empty list of assertions such as { path: calls.0.response.statusCode, equals: 200 }');
    const expect: Assertion[] = [];
    for (const a of c.expect as Array<Record<string, unknown>>) {
      if (!a || typeof a.path !== 'string') return bad('every assertion needs a "path"');
      const unknown = Object.keys(a).filter((k) => k !== 'path' && !(OPERATORS as readonly string[]).includes(k));
      if (unknown.length) return bad(`unknown assertion key "${unknown[0]}" (allowed: path, ${OPERATORS.join(', ')})`);
      if (!OPERATORS.some((op) => op in a)) return bad(`assertion on "${a.path}" has no operator (${OPERATORS.join(', ')})`);
      if (typeof a.matches === 'string') {
        try {
          new RegExp(a.matches);
        } catch {
          return bad(`"matches" is not a valid regular expression: ${a.matches}`);
        }
      }
      expect.push(a as unknown as Assertion);
    }
    checks.push({
      name: c.name,
      message: c.message.trim(),
      calls: (calls as Array<Record<string, unknown>>).map((k) => ({ event: k.event ?? {}, ...(k.cold ? { cold: true } : {}) })),
      ...(events ? { events: events as unknown[] } : {}),
      ...(typeof c.template === 'string' ? { template: c.template.trim() } : {}),
      ...(c.faults !== undefined ? { faults: c.faults } : {}),
      ...(baas ? { baas } : {}),
      expect,
    });
  });
  return problems.length ? { problems } : { value: { checks }, problems };
}

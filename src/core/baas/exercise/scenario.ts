/**
 * The `baas` exercise observer's work: a fresh in-memory database from the cached template, the learner's SQL
 * applied as the owner, users signed up, then each request made through the real HTTP API (or as SQL under the
 * caller's role), so that checks assert on what RLS really let through. Learner mistakes come back as data
 * (`sqlError`, a request's `error`), never as exceptions.
 */
import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { BaasCheckRequest, BaasCheckSpec } from '../../exercises/types';
import { startBaas, type RunningBaas } from '../index';
import { formatSqlError } from '../db/errors';
import { openPgliteWorker } from '../db/workerDatabase';
import { DatabaseError, type JwtClaims } from '../db/types';

/** What assertions read under `baas`. */
export interface BaasObservation {
  /** The first SQL file that failed, with Postgres's message and a caret under the position; undefined when all applied. */
  sqlError?: string;
  /** The id of each created user, by name. */
  users: Record<string, string>;
  /** One entry per request, in order. */
  requests: Array<{ status: number; body?: unknown; rows?: unknown[]; error?: string; code?: string }>;
}

const PASSWORD = 'exercise-password';

async function readSql(folder: string, file: string): Promise<string> {
  const full = path.resolve(folder, file);
  if (path.relative(folder, full).startsWith('..')) throw new Error(`${file} is outside the exercise folder`);
  return fs.readFile(full, 'utf8');
}

async function request(baas: RunningBaas, r: BaasCheckRequest, token: string | undefined, claims: JwtClaims): Promise<BaasObservation['requests'][number]> {
  if (r.sql !== undefined) {
    try {
      const result = await baas.db.asRole(claims, (tx) => tx.exec(r.sql as string));
      return { status: 200, rows: result.rows };
    } catch (err) {
      if (!(err instanceof DatabaseError)) throw err;
      return { status: 400, error: err.message, code: err.code };
    }
  }
  const method = r.method ?? (r.body === undefined ? 'GET' : 'POST');
  const headers: Record<string, string> = { apikey: baas.anonKey, 'content-type': 'application/json', ...(r.headers ?? {}) };
  if (token) headers.authorization = `Bearer ${token}`;
  const res = await fetch(baas.url + r.path, { method, headers, body: r.body === undefined ? undefined : JSON.stringify(r.body) });
  const text = await res.text();
  let body: unknown = text || undefined;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    // not JSON: keep the text
  }
  const error = res.status >= 400 && body && typeof body === 'object' ? String((body as { message?: unknown; msg?: unknown }).message ?? (body as { msg?: unknown }).msg ?? '') : undefined;
  return { status: res.status, body, ...(Array.isArray(body) ? { rows: body } : {}), ...(error ? { error } : {}) };
}

/** Runs a check's BaaS scenario against the learner's files in `folder`. */
export async function runBaasScenario(spec: BaasCheckSpec, folder: string, options: { templateCacheDir?: string; statementTimeoutMs?: number } = {}): Promise<BaasObservation> {
  const out: BaasObservation = { users: {}, requests: [] };
  const workspace = await fs.mkdtemp(path.join(os.tmpdir(), 'sl-baas-check-'));
  // In a worker thread: the learner's SQL may never end, and checks run in the extension host (the watchdog stops it).
  const db = await openPgliteWorker({ templateCacheDir: options.templateCacheDir, statementTimeoutMs: options.statementTimeoutMs });
  let baas: RunningBaas | undefined;
  try {
    for (const file of spec.sql) {
      let text: string;
      try {
        text = await readSql(folder, file);
      } catch (err) {
        out.sqlError = `${file} could not be read: ${(err as Error).message}`;
        return out;
      }
      try {
        await db.exec(text);
      } catch (err) {
        if (!(err instanceof DatabaseError)) throw err;
        out.sqlError = `${file}: ${formatSqlError(err, text)}`;
        return out;
      }
    }
    baas = await startBaas({ workspace, database: db, autoConfirm: true });
    const tokens: Record<string, { token: string; claims: JwtClaims }> = {
      anon: { token: '', claims: { role: 'anon' } },
      service_role: { token: baas.serviceRoleKey, claims: { role: 'service_role' } },
    };
    for (const name of spec.users) {
      const email = `${name.toLowerCase()}@example.com`;
      const res = await fetch(`${baas.url}/auth/v1/signup`, { method: 'POST', headers: { apikey: baas.anonKey, 'content-type': 'application/json' }, body: JSON.stringify({ email, password: PASSWORD }) });
      const session = (await res.json()) as { access_token: string; user: { id: string } };
      out.users[name] = session.user.id;
      tokens[name] = { token: session.access_token, claims: { role: 'authenticated', sub: session.user.id, email, aud: 'authenticated' } };
    }
    for (const r of spec.requests) {
      const who = tokens[r.as ?? 'anon'];
      out.requests.push(await request(baas, r, who.token || undefined, who.claims));
    }
    return out;
  } finally {
    if (baas) await baas.close();
    else await db.close();
    await fs.rm(workspace, { recursive: true, force: true });
  }
}

// Opening a database from the template takes seconds, and checks usually share one scenario (a YAML anchor):
// the same scenario over the same SQL text gives the same observation, so it runs once.
const recent = new Map<string, Promise<BaasObservation>>();

/** `runBaasScenario`, run once for identical scenarios over identical SQL files (the last 8 are kept). */
export async function runBaasScenarioOnce(spec: BaasCheckSpec, folder: string): Promise<BaasObservation> {
  const hash = createHash('sha256').update(folder).update(JSON.stringify(spec));
  for (const file of spec.sql) hash.update(await readSql(folder, file).catch(() => '\u0000missing'));
  const key = hash.digest('hex');
  let run = recent.get(key);
  if (!run) {
    run = runBaasScenario(spec, folder);
    recent.set(key, run);
    run.catch(() => recent.delete(key));
    if (recent.size > 8) recent.delete(recent.keys().next().value as string);
  }
  return structuredClone(await run);
}

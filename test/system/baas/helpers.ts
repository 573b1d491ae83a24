import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { startBaas, type RunningBaas } from '../../../src/core/baas';
import { defaultTemplateCacheDir } from '../../../src/core/baas/db/pglite';

/** A temp workspace; remove it with `fs.rmSync(dir, { recursive: true, force: true })` in afterEach/after. */
export function tempWorkspace(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'baas-test-'));
}

/** Starts a BaaS on PGlite from the per-user cached template (the first run makes it, ~15-50 s), or on `databaseUrl`; `worker`: PGlite in a worker thread. */
export function startTestBaas(workspace: string, autoConfirm = true, databaseUrl?: string, worker = false): Promise<RunningBaas> {
  return startBaas({ workspace, autoConfirm, databaseUrl, templateCacheDir: defaultTemplateCacheDir(), ...(worker ? { worker: {} } : {}) });
}

/** Calls the API with the given key and optional bearer token; returns status and parsed JSON. */
export async function call(
  baas: RunningBaas,
  method: string,
  url: string,
  options: { apikey?: string | null; bearer?: string; body?: unknown } = {},
): Promise<{ status: number; body: any }> { // eslint-disable-line @typescript-eslint/no-explicit-any -- test responses are read field by field
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  const apikey = options.apikey === undefined ? baas.anonKey : options.apikey;
  if (apikey) headers.apikey = apikey;
  if (options.bearer) headers.authorization = `Bearer ${options.bearer}`;
  const res = await fetch(baas.url + url, { method, headers, body: options.body === undefined ? undefined : JSON.stringify(options.body) });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined };
}

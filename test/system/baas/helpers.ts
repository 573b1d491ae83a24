import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as readline from 'node:readline';
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

/** A running `serverless-lab baas serve`: the JSON of its first line, its stderr so far, and stop (SIGTERM → exit code). */
export interface ServeProcess {
  info: { url: string; anonKey: string; serviceRoleKey: string };
  stderr(): string;
  stop(): Promise<number | null>;
}

/** Spawns `node <cli> baas serve …args` and waits for the first line (url and keys); rejects if it exits first. */
export async function serveBaas(cli: string, args: string[], cwd?: string): Promise<ServeProcess> {
  const child = spawn(process.execPath, [cli, 'baas', 'serve', ...args], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  try {
    const first = await new Promise<string>((resolve, reject) => {
      readline.createInterface({ input: child.stdout }).once('line', resolve);
      child.once('exit', () => reject(new Error(`serve exited before printing its first line: ${stderr}`)));
    });
    return {
      info: JSON.parse(first) as ServeProcess['info'],
      stderr: () => stderr,
      stop: () => {
        child.kill('SIGTERM');
        return exited;
      },
    };
  } catch (err) {
    child.kill('SIGTERM');
    throw err;
  }
}

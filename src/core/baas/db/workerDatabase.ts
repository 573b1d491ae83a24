// PGlite in a worker thread, behind the ordinary `Database` interface. PGlite cannot cancel a running
// statement (statement_timeout does not fire in WASM), so a learner's runaway SQL would block whichever
// thread runs it: here that is a worker, and a watchdog terminates it after `statementTimeoutMs` and reopens
// the data directory (Postgres crash recovery; committed data is safe). See docs/baas.md, "PGlite worker".
//
// The main thread sends one request at a time and keeps PGlite's order: while a transaction is open only its
// statements go out, as PGlite itself would serialise them. So the request in flight is always the one
// running, and the watchdog is one timer on it.
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import { makeDatabase } from './database';
import type { PgliteOptions } from './pglite';
import { DatabaseError, type Database, type JwtClaims, type Queryable, type QueryResult } from './types';
import type { SerializedError, WorkerMessage, WorkerRequest } from './workerProtocol';

/** How long one statement may run before the worker is restarted, unless the caller says otherwise. */
export const DEFAULT_STATEMENT_TIMEOUT_MS = 30_000;

/** Options of the worker-thread database. */
export interface WorkerDatabaseOptions extends PgliteOptions {
  /** A statement running longer than this (ms) is stopped by restarting the worker (default 30 s). */
  statementTimeoutMs?: number;
  /** Told after each restart, with the reason (for the log). */
  onRestart?: (reason: string) => void;
}

type Reply = QueryResult | Uint8Array | undefined;
interface Job {
  request: WorkerRequest;
  resolve(value: Reply): void;
  reject(err: unknown): void;
}

/** Requests that run SQL (the learner's, or ours): the watchdog times these, not opening or dumping. */
const TIMED = new Set<WorkerRequest['type']>(['query', 'queryAs', 'exec', 'begin', 'commit', 'rollback', 'listen', 'unlisten']);
const txOf = (request: WorkerRequest): number | undefined => ('tx' in request ? request.tx : undefined);
const seconds = (ms: number) => (ms % 1000 === 0 ? `${ms / 1000} s` : `${ms} ms`);

/** How to start the worker: the built dist/pgliteWorker.js beside (or above) this bundle, or the TS source through tsx. */
export function workerEntry(): { filename: string; eval: boolean } {
  if (__filename.endsWith('.ts')) {
    // Running from sources (mocha with tsx, `tsx src/cli`): the worker registers tsx itself.
    const source = path.join(__dirname, 'pgliteWorker.ts');
    const load = `require('node:module').createRequire(${JSON.stringify(source)})`;
    return { filename: `${load}('tsx/cjs');\n${load}(${JSON.stringify(source)});`, eval: true };
  }
  // Bundles live in dist/ (the worker itself), dist/lazy/ and dist/cli/.
  const candidates = [path.join(__dirname, 'pgliteWorker.js'), path.join(__dirname, '..', 'pgliteWorker.js')];
  const found = candidates.find((file) => existsSync(file));
  if (!found) throw new Error(`The PGlite worker bundle is missing (looked for ${candidates.join(' and ')}): run "npm run build", or reinstall the extension.`);
  return { filename: found, eval: false };
}

function toError(error: SerializedError): Error {
  if (error.code && /^[0-9A-Z]{5}$/.test(error.code)) return new DatabaseError(error.message, error.code, error.detail, error.hint, error.position);
  const err = new Error(error.message);
  if (error.name) err.name = error.name;
  return err;
}

/** The main-thread side: a queue of requests, one in flight, a watchdog, and a restart when the worker dies. */
class PgliteThread {
  private worker?: Worker;
  private readonly queue: Job[] = [];
  private inFlight?: Job;
  private timer?: NodeJS.Timeout;
  private openTx?: number;
  /** Transactions that a restart ended; their later statements fail, their rollback is a no-op. */
  private readonly lostTx = new Set<number>();
  private nextId = 1;
  private fatal?: Error;
  private closed = false;
  readonly listeners = new Map<string, Set<(payload: string) => void>>();

  constructor(private readonly options: WorkerDatabaseOptions, private readonly timeoutMs: number) {}

  /** Starts the worker and opens the database in it (the first open builds the template if needed: never timed). */
  async start(): Promise<void> {
    this.spawn();
    try {
      await this.call({ type: 'open', dataDir: this.options.dataDir, templateCacheDir: this.options.templateCacheDir });
    } catch (err) {
      const worker = this.worker;
      this.worker = undefined;
      this.closed = true;
      await worker?.terminate();
      throw err;
    }
  }

  /** Begins a transaction (as `claims`' role, when given); resolves with its id once BEGIN has run. */
  async begin(claims?: JwtClaims): Promise<number> {
    const id = this.nextId++;
    await this.send({ type: 'begin', id, claims });
    return id;
  }

  /** Sends a request (queued behind the one in flight) and resolves with its reply. */
  call(request: DistributiveOmit<WorkerRequest, 'id'>): Promise<Reply> {
    return this.send({ ...request, id: this.nextId++ } as WorkerRequest);
  }

  private send(full: WorkerRequest): Promise<Reply> {
    return new Promise<Reply>((resolve, reject) => {
      if (this.fatal) return reject(this.fatal);
      if (this.closed) return reject(new Error('The embedded database is closed.'));
      const tx = txOf(full);
      if (tx !== undefined && tx !== this.openTx) {
        if (this.lostTx.has(tx)) {
          if (full.type === 'rollback' || full.type === 'commit') this.lostTx.delete(tx);
          if (full.type === 'rollback') return resolve(undefined);
          return reject(new DatabaseError('The transaction was rolled back: the embedded database restarted.', '25P02'));
        }
        return reject(new Error('Transaction is closed'));
      }
      if (full.type === 'close') this.closed = true;
      this.queue.push({ request: full, resolve, reject });
      this.pump();
    });
  }

  private spawn(): void {
    const entry = workerEntry();
    const worker = new Worker(entry.filename, { eval: entry.eval });
    worker.on('message', (message: WorkerMessage) => this.received(worker, message));
    worker.on('error', (err) => this.died(worker, `it crashed (${err.message})`));
    worker.on('exit', (code) => this.died(worker, `its thread exited (code ${code})`));
    worker.unref();
    this.worker = worker;
  }

  private pump(): void {
    if (this.inFlight || !this.worker) return;
    // While a transaction is open only its statements may run (as in PGlite); otherwise the oldest request.
    const index = this.queue.findIndex((job) => txOf(job.request) === this.openTx);
    if (index < 0) {
      this.worker.unref();
      return;
    }
    const [job] = this.queue.splice(index, 1);
    this.inFlight = job;
    this.worker.ref(); // an answer is owed: keep the process alive for it
    if (TIMED.has(job.request.type)) this.timer = setTimeout(() => this.stuck(job), this.timeoutMs);
    this.worker.postMessage(job.request);
  }

  private received(worker: Worker, message: WorkerMessage): void {
    if (worker !== this.worker) return;
    if (message.type === 'notify') {
      for (const listener of this.listeners.get(message.channel) ?? []) listener(message.payload);
      return;
    }
    const job = this.inFlight;
    if (!job || job.request.id !== message.id) return;
    clearTimeout(this.timer);
    this.inFlight = undefined;
    const { request } = job;
    if (message.ok && request.type === 'begin') this.openTx = request.id;
    if (request.type === 'commit' || request.type === 'rollback') this.openTx = undefined;
    if (message.ok) job.resolve(message.value);
    else job.reject(toError(message.error));
    if (request.type === 'close') {
      this.worker = undefined;
      void worker.terminate();
      for (const left of this.queue.splice(0)) left.reject(new Error('The embedded database is closed.'));
      return;
    }
    this.pump();
  }

  private stuck(job: Job): void {
    if (this.inFlight !== job || !this.worker) return;
    const restarted = this.options.dataDir
      ? 'so it was restarted; committed data is safe.'
      : 'so it was restarted from the template: this in-memory database lost its data.';
    const error = new DatabaseError(
      `The statement ran longer than ${seconds(this.timeoutMs)} and was stopped. The embedded database (PGlite) cannot cancel a running statement, ${restarted}`,
      '57014',
      undefined,
      'Look for an endless loop (a recursive query without a stopping condition, a policy that queries its own table) or a long pg_sleep.',
    );
    this.restart(error, `a statement ran longer than ${seconds(this.timeoutMs)}`);
  }

  private died(worker: Worker, why: string): void {
    if (worker !== this.worker) return; // a worker we stopped on purpose
    this.restart(new DatabaseError(`The embedded database (PGlite) stopped while running this statement: ${why}. It was restarted.`, 'XX000'), why);
  }

  /** Terminates the worker; the statement in flight fails with `error`, an open transaction is lost, queued work waits for the new worker. */
  private restart(error: Error, reason: string): void {
    const old = this.worker;
    this.worker = undefined;
    clearTimeout(this.timer);
    void old?.terminate();
    const job = this.inFlight;
    this.inFlight = undefined;
    if (this.openTx !== undefined) this.lostTx.add(this.openTx);
    for (let i = this.queue.length - 1; i >= 0; i--) {
      const tx = txOf(this.queue[i].request);
      if (tx === undefined || !this.lostTx.has(tx)) continue;
      const [lost] = this.queue.splice(i, 1);
      if (lost.request.type === 'rollback') lost.resolve(undefined);
      else lost.reject(new DatabaseError('The transaction was rolled back: the embedded database restarted.', '25P02'));
    }
    this.openTx = undefined;
    if (this.closed) {
      // Closing anyway: the data directory is crash-safe, so the close is done without a new worker.
      job?.reject(error);
      for (const left of this.queue.splice(0)) {
        if (left.request.type === 'close') left.resolve(undefined);
        else left.reject(new Error('The embedded database is closed.'));
      }
      return;
    }
    if (job?.request.type === 'open') {
      // Opening itself failed: restarting again would loop.
      this.fatal = new Error(`The embedded database (PGlite) could not be opened: ${reason}. Stop and start the BaaS.`);
      job.reject(this.fatal);
      for (const left of this.queue.splice(0)) left.reject(this.fatal);
      return;
    }
    job?.reject(error);
    this.options.onRestart?.(reason);
    // Reopen first, then LISTEN again on every channel someone still listens to, then whatever was queued.
    const reopen: Job[] = [{ type: 'open' as const, dataDir: this.options.dataDir, templateCacheDir: this.options.templateCacheDir }, ...[...this.listeners.keys()].map((channel) => ({ type: 'listen' as const, channel }))]
      .map((request) => ({ request: { ...request, id: this.nextId++ } as WorkerRequest, resolve: () => undefined, reject: (err: unknown) => this.reopenFailed(err) }));
    this.queue.unshift(...reopen);
    this.spawn();
    this.pump();
  }

  private reopenFailed(err: unknown): void {
    if (this.fatal) return;
    this.fatal = new Error(`The embedded database (PGlite) could not be reopened after a restart: ${(err as Error)?.message ?? String(err)}. Stop and start the BaaS.`);
    for (const left of this.queue.splice(0)) left.reject(this.fatal);
  }
}

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/** Opens PGlite in a worker thread (as `openPglite` would, template and bootstrap included) behind a `Database`. */
export async function openPgliteWorker(options: WorkerDatabaseOptions = {}): Promise<Database> {
  const thread = new PgliteThread(options, options.statementTimeoutMs ?? DEFAULT_STATEMENT_TIMEOUT_MS);
  await thread.start();
  const run = (tx?: number): Queryable => ({
    query: async <T>(sql: string, params?: unknown[]) => (await thread.call({ type: 'query', sql, params, tx })) as QueryResult<T>,
    exec: async (sql: string) => (await thread.call({ type: 'exec', sql, tx })) as QueryResult,
  });
  /** PGlite's transaction semantics across the thread: commit when `fn` resolves, roll back when it throws. */
  const inTransaction = async <T>(fn: (tx: Queryable) => Promise<T>, claims?: JwtClaims): Promise<T> => {
    const tx = await thread.begin(claims);
    let result: T;
    try {
      result = await fn(run(tx));
    } catch (err) {
      await thread.call({ type: 'rollback', tx }).catch(() => undefined);
      throw err;
    }
    await thread.call({ type: 'commit', tx });
    return result;
  };
  const db = makeDatabase({
    kind: 'pglite',
    ...run(),
    transaction: (fn) => inTransaction(fn),
    listen: async (channel, onPayload) => {
      let set = thread.listeners.get(channel);
      if (!set) {
        set = new Set();
        thread.listeners.set(channel, set);
        try {
          await thread.call({ type: 'listen', channel });
        } catch (err) {
          thread.listeners.delete(channel);
          throw err;
        }
      }
      set.add(onPayload);
      return async () => {
        if (!set.delete(onPayload) || set.size || thread.listeners.get(channel) !== set) return;
        thread.listeners.delete(channel);
        await thread.call({ type: 'unlisten', channel });
      };
    },
    close: async () => {
      await thread.call({ type: 'close' });
    },
  });
  return Object.assign(db, {
    // The worker's own `asRole` (makeDatabase's, so the role switch is written once) runs the switch with BEGIN.
    asRole: <T>(claims: JwtClaims, fn: (tx: Queryable) => Promise<T>) => inTransaction(fn, claims),
    // One message: the worker's `queryAs` pipelines the role switch and the statement.
    queryAs: async <T>(claims: JwtClaims, sql: string, params?: unknown[]) => (await thread.call({ type: 'queryAs', claims, sql, params })) as QueryResult<T>,
    dump: async () => {
      const bytes = (await thread.call({ type: 'dump' })) as Uint8Array;
      return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    },
  });
}

// The PGlite worker thread: opens the database exactly as `openPglite` does and answers the main thread's
// requests (workerProtocol.ts). It exists so that a learner's runaway statement blocks this thread, not the
// extension host: the main thread can terminate it (workerDatabase.ts) and reopen the data directory.
// Built to dist/pgliteWorker.js (scripts/build.mjs); from TS sources it is loaded through tsx.
import { parentPort } from 'node:worker_threads';
import { openPglite } from './pglite';
import type { Database, JwtClaims, Queryable, QueryResult } from './types';
import { serializeError, type WorkerMessage, type WorkerRequest } from './workerProtocol';

const port = parentPort;
if (!port) throw new Error('pgliteWorker runs only as a worker thread (workerDatabase.ts starts it).');

let db: Database | undefined;
/** Open transactions by id: the handle PGlite's `transaction` gave us, and how to end it. */
const transactions = new Map<number, { handle: Queryable; end(commit: boolean): void; done: Promise<unknown> }>();
const unlistens = new Map<string, () => Promise<void>>();
const ROLLBACK = Symbol('rollback');

const post = (message: WorkerMessage) => port.postMessage(message);

function database(): Database {
  if (!db) throw new Error('The database is not open.');
  return db;
}

function target(tx: number | undefined): Queryable {
  if (tx === undefined) return database();
  const open = transactions.get(tx);
  if (!open) throw new Error('Transaction is closed');
  return open.handle;
}

/**
 * Enters PGlite's `transaction` and keeps it open until the main thread sends commit or rollback. With claims it
 * enters through `asRole` instead, so a request's role switch costs one message rather than three.
 */
async function begin(id: number, claims?: JwtClaims): Promise<void> {
  let entered!: (handle: Queryable) => void;
  const inside = new Promise<Queryable>((resolve) => (entered = resolve));
  let end!: (commit: boolean) => void;
  const decided = new Promise<boolean>((resolve) => (end = resolve));
  const body = async (handle: Queryable) => {
    entered(handle);
    if (!(await decided)) throw ROLLBACK;
  };
  const done = claims ? database().asRole(claims, body) : database().transaction(body);
  // `done` settles first only when BEGIN itself failed.
  const handle = await Promise.race([inside, done.then(() => undefined)]);
  if (!handle) throw new Error('The transaction ended before it began.');
  transactions.set(id, { handle, end, done });
}

async function finish(tx: number, commit: boolean): Promise<void> {
  const open = transactions.get(tx);
  if (!open) {
    if (commit) throw new Error('Transaction is closed');
    return;
  }
  transactions.delete(tx);
  open.end(commit);
  try {
    await open.done;
  } catch (err) {
    if (err !== ROLLBACK) throw err;
  }
}

async function listen(channel: string): Promise<void> {
  if (unlistens.has(channel)) return;
  unlistens.set(channel, await database().listen(channel, (payload) => post({ type: 'notify', channel, payload })));
}

async function unlisten(channel: string): Promise<void> {
  const stop = unlistens.get(channel);
  unlistens.delete(channel);
  await stop?.();
}

async function handle(request: WorkerRequest): Promise<QueryResult | Uint8Array | undefined> {
  switch (request.type) {
    case 'open':
      db = await openPglite({ dataDir: request.dataDir, templateCacheDir: request.templateCacheDir });
      return undefined;
    case 'query':
      return target(request.tx).query(request.sql, request.params);
    case 'queryAs':
      return database().queryAs(request.claims, request.sql, request.params);
    case 'exec':
      return target(request.tx).exec(request.sql);
    case 'begin':
      await begin(request.id, request.claims);
      return undefined;
    case 'commit':
    case 'rollback':
      await finish(request.tx, request.type === 'commit');
      return undefined;
    case 'listen':
      await listen(request.channel);
      return undefined;
    case 'unlisten':
      await unlisten(request.channel);
      return undefined;
    case 'dump': {
      const dump = await database().dump?.();
      return dump && new Uint8Array(dump.buffer, dump.byteOffset, dump.byteLength);
    }
    case 'close':
      await db?.close();
      db = undefined;
      return undefined;
  }
}

port.on('message', (request: WorkerRequest) => {
  handle(request).then(
    (value) => post({ type: 'reply', id: request.id, ok: true, value }),
    (err: unknown) => post({ type: 'reply', id: request.id, ok: false, error: serializeError(err) }),
  );
});

// Messages between the main thread's `Database` proxy (workerDatabase.ts) and the PGlite worker
// (pgliteWorker.ts). Every request carries an id and gets exactly one reply with that id; notifications
// (LISTEN payloads) flow from the worker unasked. Statements inside a transaction carry the transaction's id.
import type { JwtClaims, QueryResult } from './types';

/** Opens PGlite in the worker exactly as `openPglite` does (template, bootstrap). */
export interface OpenRequest { id: number; type: 'open'; dataDir?: string; templateCacheDir?: string }
/** One parameterised statement; `tx` runs it inside that open transaction. */
export interface QueryRequest { id: number; type: 'query'; sql: string; params?: unknown[]; tx?: number }
/** A script of statements without parameters; `tx` runs it inside that open transaction. */
export interface ExecRequest { id: number; type: 'exec'; sql: string; tx?: number }
/** One statement as `claims`' role in a transaction of its own (`Database.queryAs`). */
export interface QueryAsRequest { id: number; type: 'queryAs'; claims: JwtClaims; sql: string; params?: unknown[] }
/** Starts a transaction (PGlite's `transaction`; with `claims`, `asRole`'s role switch too); its id is the request's id. */
export interface BeginRequest { id: number; type: 'begin'; claims?: JwtClaims }
/** Ends transaction `tx`: commit, or roll back (the caller's function threw). */
export interface EndRequest { id: number; type: 'commit' | 'rollback'; tx: number }
/** LISTENs on a channel (payloads come back as `NotifyMessage`). */
export interface ListenRequest { id: number; type: 'listen' | 'unlisten'; channel: string }
/** The data directory as a gzipped tarball. */
export interface DumpRequest { id: number; type: 'dump' }
/** Closes PGlite cleanly; the worker then exits. */
export interface CloseRequest { id: number; type: 'close' }

/** What the main thread asks the worker. */
export type WorkerRequest = OpenRequest | QueryRequest | QueryAsRequest | ExecRequest | BeginRequest | EndRequest | ListenRequest | DumpRequest | CloseRequest;

/** A Postgres (or other) error, flattened so that it survives structured cloning with its Postgres fields. */
export interface SerializedError {
  message: string;
  name?: string;
  code?: string;
  detail?: string;
  hint?: string;
  position?: number;
}

/** The answer to request `id`: a value (a result, a dump's bytes, nothing) or an error. */
export type ReplyMessage =
  | { type: 'reply'; id: number; ok: true; value?: QueryResult | Uint8Array }
  | { type: 'reply'; id: number; ok: false; error: SerializedError };

/** A LISTEN payload, delivered after its transaction committed. */
export interface NotifyMessage { type: 'notify'; channel: string; payload: string }

/** What the worker sends back. */
export type WorkerMessage = ReplyMessage | NotifyMessage;

/** Flattens an error for postMessage (a DatabaseError keeps code, detail, hint and position). */
export function serializeError(err: unknown): SerializedError {
  if (!err || typeof err !== 'object') return { message: String(err) };
  const e = err as { message?: unknown; name?: unknown; code?: unknown; detail?: unknown; hint?: unknown; position?: unknown };
  const text = (v: unknown) => (typeof v === 'string' ? v : undefined);
  const position = e.position === undefined ? undefined : Number(e.position);
  return {
    message: String(e.message ?? err),
    name: text(e.name),
    code: text(e.code),
    detail: text(e.detail),
    hint: text(e.hint),
    position: Number.isFinite(position) ? position : undefined,
  };
}

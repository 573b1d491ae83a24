/**
 * The request/response shape that the BaaS HTTP server passes to each route handler
 * (`/auth/v1`, `/storage/v1`, `/rest/v1`). Handlers are pure functions of it, so they test without sockets.
 */
import type { Database, JwtClaims } from '../db/types';
import type { RlsReport } from './rest/types';

/** The largest request body the BaaS reads (an upload, a JSON body); larger ones get 413. */
export const MAX_BODY_BYTES = 64 * 1024 * 1024;

/** One HTTP request, with the mount prefix (e.g. `/rest/v1`) already removed from `path`. */
export interface ApiRequest {
  method: string;
  /** The path below the mount point, starting with `/` (e.g. `/todos` for `/rest/v1/todos`). */
  path: string;
  query: URLSearchParams;
  /** Header names are lower-case, as Node gives them. */
  headers: Record<string, string | undefined>;
  body: Buffer;
}

/** One HTTP response; a string or Buffer body is sent as is, `undefined` sends none. */
export interface ApiResponse {
  status: number;
  headers: Record<string, string>;
  body?: string | Buffer;
  /** For the request monitor only (never sent): the SQL run and the row-level security it met. */
  meta?: { sql?: string; rls?: RlsReport };
}

/** One served request, as the request monitor shows it: who, what, the answer and the policies involved. */
export interface RequestLogEntry {
  /** ISO time the request arrived. */
  at: string;
  method: string;
  /** Full path, e.g. `/rest/v1/todos`. */
  path: string;
  query: string;
  status: number;
  durationMs: number;
  /** The caller's verified claims (role, sub, email …); absent when authentication failed. */
  claims?: JwtClaims;
  /** Which policies applied and, when Postgres refused, the refusal (REST tables and storage objects). */
  rls?: RlsReport;
  sql?: string;
}

/** What the server hands to each route, besides the request: the database and the verified caller. */
export interface ApiContext {
  db: Database;
  /** Claims of the verified JWT in `Authorization` (or of the `apikey` when there is none). */
  claims: JwtClaims;
}

/** A mounted route family. */
export type RouteHandler = (req: ApiRequest, ctx: ApiContext) => Promise<ApiResponse>;

/** Builds a JSON response. */
export function json(status: number, value: unknown, headers: Record<string, string> = {}): ApiResponse {
  return { status, headers: { 'content-type': 'application/json; charset=utf-8', ...headers }, body: JSON.stringify(value) };
}

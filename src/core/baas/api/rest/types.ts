/** Shapes shared by the PostgREST-compatible `/rest/v1` layer. */

import type { Database, JwtClaims, Queryable } from '../../db/types';

export type { JwtClaims, Queryable };

/** The part of the BaaS `Database` the REST layer uses: every request runs as its role (`asRole`, `queryAs`), so RLS decides. */
export type RestDatabase = Pick<Database, 'query' | 'asRole' | 'queryAs'>;

/** One HTTP request, already split by the server; `path` is below `/rest/v1`. */
export interface RestRequest {
  method: string;
  /** e.g. `/todos` or `/rpc/add_them` */
  path: string;
  /** Raw query string without the leading `?`. */
  query: string;
  /** Lower-case header names. */
  headers: Record<string, string | undefined>;
  /** Parsed JSON body (undefined when none). */
  body?: unknown;
}

/** What the request monitor shows about row-level security for one request. */
export interface RlsReport {
  table: string;
  rlsEnabled: boolean;
  command: 'SELECT' | 'INSERT' | 'UPDATE' | 'DELETE';
  role: string;
  /** Policies that apply to this command and role; RLS allows a row if any permissive one passes. */
  policies: { name: string; permissive: boolean; roles: string[]; using: string | null; check: string | null }[];
  /** Set when Postgres refused the request (e.g. a WITH CHECK failure, 42501). */
  denied?: string;
}

/** One HTTP response plus metadata for the request monitor. */
export interface RestResponse {
  status: number;
  headers: Record<string, string>;
  /** JSON text, or undefined for an empty body. */
  body?: string;
  meta: { sql?: string; rls?: RlsReport };
}

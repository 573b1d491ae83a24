/** Shapes shared by the PostgREST-compatible `/rest/v1` layer. */

/** Rows and column names from one SQL statement, as `pg` and PGlite return them. */
export interface QueryResult<Row = Record<string, unknown>> {
  rows: Row[];
}

/** Anything that runs one parameterised SQL statement (a database or a transaction). */
export interface Queryable {
  query<Row = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<QueryResult<Row>>;
}

/** JWT claims of the caller; `role` decides the Postgres role the request runs as. */
export interface JwtClaims {
  role: string;
  sub?: string;
  [claim: string]: unknown;
}

/**
 * The part of the BaaS database that the REST layer needs. `asRole` runs `fn` in one
 * transaction after `set local role` and `request.jwt.claims`, so RLS decides every row.
 */
export interface RestDatabase extends Queryable {
  asRole<T>(claims: JwtClaims, fn: (tx: Queryable) => Promise<T>): Promise<T>;
}

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

/**
 * The database seam of the BaaS. Every backend (embedded PGlite, a real Postgres through `pg`) implements
 * `Database`, and every API layer (auth, storage, h15b's `/rest/v1`) talks to Postgres only through it.
 */

/** The three API roles that Supabase defines; each request runs as one of them so that RLS alone decides. */
export type ApiRole = 'anon' | 'authenticated' | 'service_role';

/** The decoded JWT claims of a request, as Supabase puts them in `request.jwt.claims`. */
export interface JwtClaims {
  /** Which Postgres role the request runs as. */
  role: ApiRole;
  /** The user's id (absent for the anon and service-role keys). */
  sub?: string;
  email?: string;
  aud?: string;
  exp?: number;
  session_id?: string;
  [claim: string]: unknown;
}

/** One column of a result, as Postgres describes it (dataTypeID is the type's OID). */
export interface FieldInfo {
  name: string;
  dataTypeID: number;
}

/** The result of one statement. */
export interface QueryResult<T = Record<string, unknown>> {
  rows: T[];
  fields: FieldInfo[];
  /** Rows inserted, updated or deleted, when the statement reports it. */
  affectedRows?: number;
}

/** Runs statements; the handle inside a transaction and the database itself both offer it. */
export interface Queryable {
  /** Runs one parameterised statement (`$1`, `$2`, …). Errors are Postgres's own (`DatabaseError`). */
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<QueryResult<T>>;
  /** Runs a script of several statements without parameters (migrations, `baas sql`); returns the last result. */
  exec(sql: string): Promise<QueryResult>;
}

/** A Postgres database; access is serialised by the implementation where the backend needs it (PGlite). */
export interface Database extends Queryable {
  /** Which backend this is, for messages and tests. */
  readonly kind: 'pglite' | 'postgres';
  /** Runs `fn` inside one transaction: committed when it resolves, rolled back when it throws. */
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  /**
   * Runs `fn` inside one transaction after `select set_config('role', <claims.role>, true),
   * set_config('request.jwt.claims', <claims>, true)` (SET LOCAL ROLE and the claims), as PostgREST does for each request.
   */
  asRole<T>(claims: JwtClaims, fn: (tx: Queryable) => Promise<T>): Promise<T>;
  /**
   * Runs one statement as `claims`' role in a transaction of its own: what `asRole(claims, (tx) => tx.query(sql,
   * params))` does, with the same result and errors. PGlite sends the role switch and the statement to Postgres as
   * one pipeline (Parse, Bind, Execute for each, then one Sync, which ends the implicit transaction), instead of
   * BEGIN, the switch, the statement and COMMIT one after another. A `/rest/v1` read is one such statement.
   */
  queryAs<T = Record<string, unknown>>(claims: JwtClaims, sql: string, params?: unknown[]): Promise<QueryResult<T>>;
  /**
   * LISTENs on a notification channel (`pg_notify`, e.g. from a change trigger); `onPayload` gets each
   * payload after its transaction commits, as Postgres delivers them. Resolves to the UNLISTEN.
   */
  listen(channel: string, onPayload: (payload: string) => void): Promise<() => Promise<void>>;
  /** Closes the database cleanly (PGlite flushes its data directory). */
  close(): Promise<void>;
  /** PGlite only: the whole data directory as a gzipped tarball (the automatic backups). */
  dump?(): Promise<Buffer>;
}

/** A Postgres error, with the fields Postgres reports (`position` is 1-based into the statement). */
export class DatabaseError extends Error {
  constructor(
    message: string,
    /** SQLSTATE code, e.g. `42P01` for an undefined table. */
    readonly code: string | undefined,
    readonly detail?: string,
    readonly hint?: string,
    readonly position?: number,
  ) {
    super(message);
    this.name = 'DatabaseError';
  }
}

import { toDatabaseError } from './errors';
import type { ApiRole, Database, JwtClaims, Queryable, QueryResult } from './types';

const ROLES: readonly ApiRole[] = ['anon', 'authenticated', 'service_role'];

/** Rejects a role the API does not know, before any SQL runs as it. */
const unknownRole = (claims: JwtClaims) =>
  ROLES.includes(claims.role) ? undefined : Promise.reject(new Error(`Unknown API role '${String(claims.role)}'.`));

/** The role switch of every API request, as PostgREST sends it: `$1` the role, `$2` the claims as JSON; both local to the transaction. */
export const SWITCH_ROLE_SQL = `select set_config('role', $1, true), set_config('request.jwt.claims', $2, true)`;

/** The two operations a backend driver supplies; everything else (roles, errors) is shared. */
export interface DriverOps {
  kind: Database['kind'];
  query(sql: string, params?: unknown[]): Promise<QueryResult<never>>;
  exec(sql: string): Promise<QueryResult>;
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  /**
   * Optional: one statement as `role` with `claims` (JSON text) set, in one transaction of its own
   * (`Database.queryAs`), given text or null parameters only; other calls go through `asRole`.
   */
  queryAs?(role: ApiRole, claims: string, sql: string, params: (string | null)[]): Promise<QueryResult<never>>;
  listen(channel: string, onPayload: (payload: string) => void): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

/** Wraps a driver into a `Database`: Postgres errors become `DatabaseError`, and `asRole` switches role as PostgREST does. */
export function makeDatabase(ops: DriverOps): Database {
  const wrap = (q: Queryable): Queryable => ({
    query: (sql, params) => q.query(sql, params).catch((err: unknown) => Promise.reject(toDatabaseError(err))) as never,
    exec: (sql) => q.exec(sql).catch((err: unknown) => Promise.reject(toDatabaseError(err))),
  });
  const { query, exec } = wrap(ops);
  const transaction = async <T>(fn: (tx: Queryable) => Promise<T>): Promise<T> => {
    try {
      return await ops.transaction((tx) => fn(wrap(tx)));
    } catch (err) {
      throw toDatabaseError(err);
    }
  };
  const asRole = <T>(claims: JwtClaims, fn: (tx: Queryable) => Promise<T>): Promise<T> => {
    return unknownRole(claims) ?? transaction(async (tx) => {
      // One statement for both, as PostgREST does: set_config('role', …, true) is SET LOCAL ROLE, and each
      // round trip into the database is a measurable part of a one-row request.
      await tx.query(SWITCH_ROLE_SQL, [claims.role, JSON.stringify(claims)]);
      return fn(tx);
    });
  };
  return {
    kind: ops.kind,
    query,
    exec,
    transaction,
    asRole,
    queryAs: <T>(claims: JwtClaims, sql: string, params: unknown[] = []) => {
      // Text parameters are what the API layers pass; a driver's pipeline sends them as they are (PGlite's own
      // serializers send a string unchanged for every type, so the bytes are those `query` would send).
      if (!ops.queryAs || !params.every((p): p is string | null => typeof p === 'string' || p === null)) return asRole(claims, (tx) => tx.query<T>(sql, params));
      return unknownRole(claims) ?? ops.queryAs(claims.role, JSON.stringify(claims), sql, params).catch((err: unknown) => Promise.reject(toDatabaseError(err))) as Promise<QueryResult<T>>;
    },
    listen: (channel, onPayload) => {
      // The channel is an identifier in LISTEN's text; only plain names pass.
      if (!/^[a-z_][a-z0-9_]*$/.test(channel)) return Promise.reject(new Error(`Invalid channel name '${channel}'.`));
      return ops.listen(channel, onPayload);
    },
    close: () => ops.close(),
  };
}

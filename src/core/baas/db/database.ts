import { toDatabaseError } from './errors';
import type { ApiRole, Database, JwtClaims, Queryable, QueryResult } from './types';

const ROLES: readonly ApiRole[] = ['anon', 'authenticated', 'service_role'];

/** The two operations a backend driver supplies; everything else (roles, errors) is shared. */
export interface DriverOps {
  kind: Database['kind'];
  query(sql: string, params?: unknown[]): Promise<QueryResult<never>>;
  exec(sql: string): Promise<QueryResult>;
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
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
  return {
    kind: ops.kind,
    query,
    exec,
    transaction,
    asRole: (claims: JwtClaims, fn) => {
      if (!ROLES.includes(claims.role)) return Promise.reject(new Error(`Unknown API role '${String(claims.role)}'.`));
      return transaction(async (tx) => {
        // One statement for both, as PostgREST does: set_config('role', …, true) is SET LOCAL ROLE, and each
        // round trip into the database is a measurable part of a one-row request.
        await tx.query(`select set_config('role', $1, true), set_config('request.jwt.claims', $2, true)`, [claims.role, JSON.stringify(claims)]);
        return fn(tx);
      });
    },
    listen: (channel, onPayload) => {
      // The channel is an identifier in LISTEN's text; only plain names pass.
      if (!/^[a-z_][a-z0-9_]*$/.test(channel)) return Promise.reject(new Error(`Invalid channel name '${channel}'.`));
      return ops.listen(channel, onPayload);
    },
    close: () => ops.close(),
  };
}

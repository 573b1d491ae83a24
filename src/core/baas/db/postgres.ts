import { BOOTSTRAP_SQL } from './bootstrap';
import { makeDatabase } from './database';
import type { Database } from './types';

/** Opens a real Postgres server through a connection string, with the `pg` driver, and applies the bootstrap. */
export async function openPostgres(connectionString: string): Promise<Database> {
  const { Pool } = await import('pg');
  const pool = new Pool({ connectionString, max: 8 });
  // An idle client's error (server restart) must not crash the host: it is reported on the next query instead.
  pool.on('error', () => undefined);
  await pool.query(BOOTSTRAP_SQL);
  return makeDatabase({
    kind: 'postgres',
    query: (sql, params) => pool.query(sql, params).then(shape) as never,
    // Without parameters pg uses the simple protocol, which accepts several statements and returns an array.
    exec: (sql) => pool.query(sql).then((r) => shape(Array.isArray(r) ? r[r.length - 1] : r)) as never,
    transaction: async (fn) => {
      const client = await pool.connect();
      try {
        await client.query('begin');
        const result = await fn({
          query: (sql, params) => client.query(sql, params).then(shape) as never,
          exec: (sql) => client.query(sql).then((r) => shape(Array.isArray(r) ? r[r.length - 1] : r)) as never,
        });
        await client.query('commit');
        return result;
      } catch (err) {
        await client.query('rollback').catch(() => undefined);
        throw err;
      } finally {
        client.release();
      }
    },
    listen: async (channel, onPayload) => {
      // LISTEN holds a session: one dedicated client per channel, outside the pool's rotation.
      const client = await pool.connect();
      const onNotification = (n: { channel: string; payload?: string }) => {
        if (n.channel === channel) onPayload(n.payload ?? '');
      };
      client.on('notification', onNotification);
      await client.query(`listen ${channel}`);
      return async () => {
        client.off('notification', onNotification);
        await client.query(`unlisten ${channel}`).catch(() => undefined);
        client.release();
      };
    },
    close: () => pool.end(),
  });
}

function shape(r: { rows: unknown[]; fields: { name: string; dataTypeID: number }[]; rowCount: number | null; command: string }) {
  const affects = r.command === 'INSERT' || r.command === 'UPDATE' || r.command === 'DELETE' || r.command === 'MERGE';
  return {
    rows: r.rows,
    fields: (r.fields ?? []).map((f) => ({ name: f.name, dataTypeID: f.dataTypeID })),
    affectedRows: affects ? (r.rowCount ?? 0) : undefined,
  };
}

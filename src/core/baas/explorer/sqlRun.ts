/** The SQL console's runner: a script as the owner or as a chosen caller, and Postgres error positions as line/column. */
import type { Database, FieldInfo, JwtClaims } from '../db/types';
import { DatabaseError } from '../db/types';

/** The result of a console run (the last statement's rows, as Postgres returns them). */
export interface SqlRunResult {
  fields: FieldInfo[];
  rows: Record<string, unknown>[];
  affectedRows?: number;
  durationMs: number;
}

/**
 * Runs a script; without `claims` as the database owner (DDL, migrations), otherwise inside one transaction as
 * that caller's role with its JWT claims, so RLS applies exactly as it does to API requests.
 */
export async function runSql(db: Database, sql: string, claims?: JwtClaims): Promise<SqlRunResult> {
  const started = performance.now();
  const result = claims ? await db.asRole(claims, (tx) => tx.exec(sql)) : await db.exec(sql);
  return { fields: result.fields, rows: result.rows, affectedRows: result.affectedRows, durationMs: performance.now() - started };
}

/** Where a Postgres error points, 0-based, in the text that was run; undefined when it gives no position. */
export function sqlErrorLocation(sql: string, err: unknown): { line: number; column: number } | undefined {
  const position = err instanceof DatabaseError ? err.position : undefined;
  if (!position || position < 1) return undefined;
  const before = sql.slice(0, Math.min(sql.length, position - 1));
  const line = before.split('\n').length - 1;
  return { line, column: before.length - (before.lastIndexOf('\n') + 1) };
}

/** Makes any value shown in a grid cell into text (JSON for objects, ISO for dates). */
export function cellText(value: unknown): string {
  if (value === null || value === undefined) return 'NULL';
  if (value instanceof Date) return value.toISOString();
  if (value instanceof Uint8Array) return `\\x${Buffer.from(value).toString('hex')}`;
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

import { DatabaseError } from './types';

/** Converts a driver error (PGlite's or pg's, which share Postgres's field names) into our `DatabaseError`. */
export function toDatabaseError(err: unknown): unknown {
  if (!err || typeof err !== 'object' || err instanceof DatabaseError) return err;
  const e = err as { message?: string; code?: string; detail?: string; hint?: string; position?: string | number };
  if (typeof e.code !== 'string' || !/^[0-9A-Z]{5}$/.test(e.code)) return err;
  const position = e.position === undefined ? undefined : Number(e.position);
  return new DatabaseError(String(e.message), e.code, e.detail, e.hint, Number.isFinite(position) ? position : undefined);
}

/** Formats a Postgres error for a terminal: the message, then the statement with a caret under the position. */
export function formatSqlError(err: DatabaseError, sql: string): string {
  const lines = [`ERROR: ${err.message}${err.code ? ` (SQLSTATE ${err.code})` : ''}`];
  if (err.position) {
    const before = sql.slice(0, err.position - 1);
    const lineNo = before.split('\n').length;
    const col = before.length - before.lastIndexOf('\n');
    const text = sql.split('\n')[lineNo - 1] ?? '';
    lines.push(`LINE ${lineNo}: ${text}`, `${' '.repeat(`LINE ${lineNo}: `.length + col - 1)}^`);
  }
  if (err.detail) lines.push(`DETAIL: ${err.detail}`);
  if (err.hint) lines.push(`HINT: ${err.hint}`);
  return lines.join('\n');
}

/**
 * What the Tables view reads and writes. Rows are paged with keyset queries on the primary key (never the whole
 * table, so 100,000 rows page as fast as 100), and every read and write runs as the chosen caller, so RLS applies.
 */
import { quoteIdent } from '../api/rest/sqlBuilder';
import { loadSchema, type PolicyInfo } from '../api/rest/schemaCache';
import type { Database, JwtClaims, Queryable } from '../db/types';

/** A table of `public`, as the tree lists it. */
export interface TableSummary {
  name: string;
  rlsEnabled: boolean;
  primaryKey: string[];
  /** Postgres's estimate (pg_class.reltuples); -1 when the table was never analysed. */
  estimatedRows: number;
}

/** One column. */
export interface ColumnInfo {
  name: string;
  type: string;
  nullable: boolean;
  defaultValue: string | null;
}

/** Everything the Tables view shows about one table's structure. */
export interface TableDetails extends TableSummary {
  columns: ColumnInfo[];
  indexes: { name: string; definition: string }[];
  foreignKeys: { constraint: string; columns: string[]; target: string; targetColumns: string[] }[];
  policies: PolicyInfo[];
}

/** One page of rows, as JSON values (timestamps are ISO strings, bigints strings). */
export interface RowPage {
  table: string;
  columns: string[];
  rows: Record<string, unknown>[];
  /** The primary key of the last row: pass it as `after` for the next page; undefined on the last page. */
  nextCursor?: unknown[];
  /** How the page was read, for a learner who wants the SQL. */
  sql: string;
}

/** Lists the tables of `public`. */
export async function listTables(db: Pick<Queryable, 'query'>): Promise<TableSummary[]> {
  const schema = await loadSchema(db);
  const estimates = await db.query<{ name: string; n: number }>(
    `select c.relname as name, c.reltuples::float8 as n from pg_class c join pg_namespace s on s.oid = c.relnamespace where s.nspname = 'public' and c.relkind in ('r','p')`,
  );
  const byName = new Map(estimates.rows.map((r) => [r.name, Number(r.n)]));
  return [...schema.tables.values()]
    .filter((t) => byName.has(t.name))
    .map((t) => ({ name: t.name, rlsEnabled: t.rlsEnabled, primaryKey: t.primaryKey, estimatedRows: byName.get(t.name) ?? -1 }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

/** Reads a table's columns, indexes, foreign keys and policies. */
export async function describeTable(db: Pick<Queryable, 'query'>, table: string): Promise<TableDetails> {
  const summary = (await listTables(db)).find((t) => t.name === table);
  if (!summary) throw new Error(`There is no table public.${table}. Refresh the BaaS view: it may have been dropped.`);
  const columns = await db.query<ColumnInfo>(
    `select a.attname as name, format_type(a.atttypid, a.atttypmod) as type, not a.attnotnull as nullable, pg_get_expr(d.adbin, d.adrelid) as "defaultValue"
     from pg_attribute a left join pg_attrdef d on d.adrelid = a.attrelid and d.adnum = a.attnum
     where a.attrelid = $1::regclass and a.attnum > 0 and not a.attisdropped order by a.attnum`,
    [`public.${quoteIdent(table)}`],
  );
  const indexes = await db.query<{ name: string; definition: string }>(`select indexname as name, indexdef as definition from pg_indexes where schemaname = 'public' and tablename = $1 order by 1`, [table]);
  const schema = await loadSchema(db);
  return {
    ...summary,
    columns: columns.rows,
    indexes: indexes.rows,
    foreignKeys: schema.foreignKeys.filter((f) => f.table === table).map(({ constraint, columns: c, target, targetColumns }) => ({ constraint, columns: c, target, targetColumns })),
    policies: schema.policies.filter((p) => p.table === table),
  };
}

/** Builds the keyset page query: `where (pk) > (cursor) order by pk limit n`, or offset paging without a key. */
export function pageSql(table: string, primaryKey: string[], limit: number, after?: unknown[], offset = 0): { sql: string; params: unknown[] } {
  const t = `public.${quoteIdent(table)}`;
  const n = Math.max(1, Math.min(1000, Math.floor(limit)));
  if (!primaryKey.length) return { sql: `select * from ${t} limit ${n + 1} offset ${Math.max(0, Math.floor(offset))}`, params: [] };
  const keys = primaryKey.map(quoteIdent).join(', ');
  if (after && after.length !== primaryKey.length) throw new Error(`The page cursor has ${after.length} values but ${table}'s primary key has ${primaryKey.length}.`);
  const where = after ? ` where (${keys}) > (${after.map((_, i) => `$${i + 1}`).join(', ')})` : '';
  // One row more than asked tells whether a next page exists, without counting the table.
  return { sql: `select * from ${t}${where} order by ${keys} limit ${n + 1}`, params: after ? after.map(String) : [] };
}

/** Reads one page of `table` as `claims` (RLS applies). */
export async function readPage(db: Database, claims: JwtClaims, table: TableSummary, limit: number, after?: unknown[], offset = 0): Promise<RowPage> {
  const { sql, params } = pageSql(table.name, table.primaryKey, limit, after, offset);
  // to_json gives JSON-safe values (dates, numerics, bytea) that round-trip back as cursor parameters.
  const wrapped = `select coalesce(json_agg(to_json(r)), '[]')::text as rows from (${sql}) r`;
  const result = await db.asRole(claims, (tx) => tx.query<{ rows: string }>(wrapped, params));
  const rows = JSON.parse(result.rows[0]?.rows ?? '[]') as Record<string, unknown>[];
  const n = Math.max(1, Math.min(1000, Math.floor(limit)));
  const more = rows.length > n;
  const page = more ? rows.slice(0, n) : rows;
  const columns = (await db.query<{ name: string }>(`select attname as name from pg_attribute where attrelid = $1::regclass and attnum > 0 and not attisdropped order by attnum`, [`public.${quoteIdent(table.name)}`])).rows.map((r) => r.name);
  const last = page[page.length - 1];
  return { table: table.name, columns, rows: page, nextCursor: more && last && table.primaryKey.length ? table.primaryKey.map((k) => last[k]) : undefined, sql };
}

/** Inserts one row as `claims`; values are text (or null) that Postgres casts to each column's type. */
export async function insertRow(db: Database, claims: JwtClaims, table: string, values: Record<string, string | null>): Promise<Record<string, unknown> | undefined> {
  const cols = Object.keys(values);
  const sql = cols.length
    ? `insert into public.${quoteIdent(table)} (${cols.map(quoteIdent).join(', ')}) values (${cols.map((_, i) => `$${i + 1}`).join(', ')}) returning to_json(${quoteIdent(table)})::text as row`
    : `insert into public.${quoteIdent(table)} default values returning to_json(${quoteIdent(table)})::text as row`;
  return firstRow(await db.asRole(claims, (tx) => tx.query<{ row: string }>(sql, cols.map((c) => values[c]))));
}

/** Updates the row with primary key `key` as `claims`; returns undefined when RLS (or nothing) matched no row. */
export async function updateRow(db: Database, claims: JwtClaims, table: TableSummary, key: unknown[], changes: Record<string, string | null>): Promise<Record<string, unknown> | undefined> {
  const cols = Object.keys(changes);
  if (!cols.length) throw new Error('Nothing to change.');
  const set = cols.map((c, i) => `${quoteIdent(c)} = $${i + 1}`).join(', ');
  const sql = `update public.${quoteIdent(table.name)} set ${set} where ${keyWhere(table, key, cols.length)} returning to_json(${quoteIdent(table.name)})::text as row`;
  return firstRow(await db.asRole(claims, (tx) => tx.query<{ row: string }>(sql, [...cols.map((c) => changes[c]), ...key.map(String)])));
}

/** Deletes the row with primary key `key` as `claims`; returns how many rows went (0 when RLS hid it). */
export async function deleteRow(db: Database, claims: JwtClaims, table: TableSummary, key: unknown[]): Promise<number> {
  const sql = `delete from public.${quoteIdent(table.name)} where ${keyWhere(table, key, 0)}`;
  const result = await db.asRole(claims, (tx) => tx.query(sql, key.map(String)));
  return result.affectedRows ?? 0;
}

function keyWhere(table: TableSummary, key: unknown[], offset: number): string {
  if (!table.primaryKey.length) throw new Error(`${table.name} has no primary key, so a row cannot be addressed: edit it in the SQL console.`);
  if (key.length !== table.primaryKey.length) throw new Error(`Expected ${table.primaryKey.length} key values for ${table.name}.`);
  return table.primaryKey.map((k, i) => `${quoteIdent(k)} = $${offset + i + 1}`).join(' and ');
}

function firstRow(result: { rows: { row: string }[] }): Record<string, unknown> | undefined {
  const text = result.rows[0]?.row;
  return text ? (JSON.parse(text) as Record<string, unknown>) : undefined;
}

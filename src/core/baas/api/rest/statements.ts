/** Builds the SQL statement for each kind of `/rest/v1` request. */
import { RestError } from './errors';
import { ParsedQuery } from './queryAst';
import { BuildContext, checkEmbedFilters, innerEmbedConditions, orderSql, pageSql, qualified, quoteIdent, requireTable, selectList, whereSql } from './sqlBuilder';

/** A statement whose single result row has `body` (JSON text), `n` (rows) and maybe `total`. */
export interface Statement {
  sql: string;
  params: unknown[];
}

function rowsJson(inner: string, totalSql = ''): string {
  return `select coalesce(json_agg(pgrst_r), '[]'::json)::text as body, count(pgrst_r) as n${totalSql} from (${inner}) as pgrst_r`;
}

/** GET/HEAD: select with filters, order and paging; `withTotal` adds the exact count. */
export function buildRead(ctx: BuildContext, table: string, q: ParsedQuery, withTotal: boolean): Statement {
  ctx.embedFilters = q.embedFilters;
  ctx.seen = new Set();
  requireTable(ctx, table);
  const source = `${qualified(ctx, table)} as pgrst_t0`;
  const list = selectList(ctx, table, 'pgrst_t0', q.select);
  checkEmbedFilters(ctx);
  const inner = `select ${list} from ${source}${whereSql(ctx, 'pgrst_t0', q.where, innerEmbedConditions(ctx, table, 'pgrst_t0', q.select))}${orderSql('pgrst_t0', q.order)}${pageSql(ctx, q.limit, q.offset)}`;
  const total = withTotal
    ? `, (select count(*) from ${source}${whereSql(ctx, 'pgrst_t0', q.where, innerEmbedConditions(ctx, table, 'pgrst_t0', q.select))}) as total`
    : '';
  return { sql: rowsJson(inner, total), params: ctx.params.values };
}

/**
 * Rows of a JSON body: one object or an array of objects with the same keys (PGRST102 otherwise).
 * With `?columns=` (supabase-js sends it for bulk inserts) keys may differ: absent ones become NULL, as in PostgREST.
 */
export function bodyRows(body: unknown, columnsGiven = false): Record<string, unknown>[] {
  const rows = Array.isArray(body) ? body : [body];
  if (rows.some((r) => r === null || typeof r !== 'object' || Array.isArray(r))) {
    throw new RestError(400, 'PGRST102', 'Empty or invalid json', null, 'Send a JSON object or an array of JSON objects.');
  }
  const keys = rows.length ? Object.keys(rows[0]).sort().join(',') : '';
  if (!columnsGiven && rows.some((r) => Object.keys(r).sort().join(',') !== keys)) {
    throw new RestError(400, 'PGRST102', 'All object keys must match', null, 'Give every object in a bulk insert the same keys.');
  }
  return rows as Record<string, unknown>[];
}

function returning(ctx: BuildContext, table: string, mutation: string, q: ParsedQuery, representation: boolean): Statement {
  ctx.embedFilters = q.embedFilters;
  ctx.seen = new Set();
  const list = representation ? selectList(ctx, table, 'pgrst_t0', q.select) : '';
  checkEmbedFilters(ctx);
  // Without return=representation there is no RETURNING, so SELECT policies do not apply, as in PostgREST.
  const sql = representation
    ? `with pgrst_source as (${mutation} returning pgrst_t0.*) ${rowsJson(`select ${list} from pgrst_source as pgrst_t0`)}`
    : `with pgrst_source as (${mutation} returning 1) select null::text as body, count(*) as n from pgrst_source`;
  return { sql, params: ctx.params.values };
}

/** POST: insert one or many rows; `resolution` turns it into an upsert on `on_conflict` (default: primary key). */
export function buildInsert(ctx: BuildContext, table: string, q: ParsedQuery, body: unknown, options: { representation: boolean; resolution?: 'merge-duplicates' | 'ignore-duplicates' }): Statement {
  requireTable(ctx, table);
  const rows = bodyRows(body, q.columns !== undefined);
  const columns = q.columns ?? Object.keys(rows[0] ?? {});
  const target = qualified(ctx, table);
  const cols = columns.map(quoteIdent).join(', ');
  const payload = ctx.params.add(JSON.stringify(rows));
  let mutation = columns.length === 0
    ? `insert into ${target} as pgrst_t0 default values`
    : `insert into ${target} as pgrst_t0 (${cols}) select ${cols} from json_populate_recordset(null::${target}, ${payload}::json)`;
  if (options.resolution) {
    const conflict = q.onConflict ?? ctx.snapshot.tables.get(table)?.primaryKey ?? [];
    if (conflict.length === 0) throw new RestError(400, 'PGRST100', `Upsert on '${table}' needs on_conflict or a primary key`);
    const updates = columns.filter((c) => !conflict.includes(c)).map((c) => `${quoteIdent(c)} = excluded.${quoteIdent(c)}`);
    const action = options.resolution === 'merge-duplicates' && updates.length ? `do update set ${updates.join(', ')}` : 'do nothing';
    mutation += ` on conflict (${conflict.map(quoteIdent).join(', ')}) ${action}`;
  }
  return returning(ctx, table, mutation, q, options.representation);
}

/** PATCH: update the rows matching the filters with the body's keys. */
export function buildUpdate(ctx: BuildContext, table: string, q: ParsedQuery, body: unknown, representation: boolean): Statement | undefined {
  requireTable(ctx, table);
  const [row] = bodyRows(body);
  if (Array.isArray(body) && body.length !== 1) throw new RestError(400, 'PGRST102', 'PATCH needs one JSON object');
  const columns = Object.keys(row);
  if (columns.length === 0) return undefined;
  const target = qualified(ctx, table);
  const payload = ctx.params.add(JSON.stringify(row));
  const set = columns.map((c) => `${quoteIdent(c)} = pgrst_body.${quoteIdent(c)}`).join(', ');
  const mutation = `update ${target} as pgrst_t0 set ${set} from (select * from json_populate_record(null::${target}, ${payload}::json)) as pgrst_body${whereSql(ctx, 'pgrst_t0', q.where)}`;
  return returning(ctx, table, mutation, q, representation);
}

/** DELETE: delete the rows matching the filters. */
export function buildDelete(ctx: BuildContext, table: string, q: ParsedQuery, representation: boolean): Statement {
  requireTable(ctx, table);
  const mutation = `delete from ${qualified(ctx, table)} as pgrst_t0${whereSql(ctx, 'pgrst_t0', q.where)}`;
  return returning(ctx, table, mutation, q, representation);
}

/** A function's signature as pg_proc describes it. */
export interface FunctionInfo {
  argNames: string[];
  argTypes: string[];
  returnsSet: boolean;
  returnsComposite: boolean;
  returnsVoid: boolean;
}

/** The catalog query that finds `schema.name`'s overloads (bind schema, name). */
export const functionLookupSql = `
select coalesce(array_to_json(p.proargnames[1:p.pronargs]), '[]'::json) as "argNames",
  array_to_json(array(select format_type(t, null) from unnest(p.proargtypes) t)) as "argTypes",
  p.proretset as "returnsSet", rt.typtype = 'c' or rt.oid = 'record'::regtype as "returnsComposite", rt.oid = 'void'::regtype as "returnsVoid"
from pg_proc p join pg_namespace n on n.oid = p.pronamespace join pg_type rt on rt.oid = p.prorettype
where n.nspname = $1 and p.proname = $2`;

/** rpc/<fn>: calls the overload whose arguments cover `args`, with values typed by json_to_record. */
export function buildRpc(ctx: BuildContext, name: string, overloads: FunctionInfo[], args: Record<string, unknown>): { statement: Statement; fn: FunctionInfo } {
  const keys = Object.keys(args);
  const fn = overloads.find((o) => keys.every((k) => o.argNames.includes(k)) && o.argNames.length === keys.length)
    ?? overloads.find((o) => keys.every((k) => o.argNames.includes(k)));
  if (!fn) {
    throw new RestError(404, 'PGRST202', `Could not find the function ${ctx.snapshot.schema}.${name}(${keys.join(', ')}) in the schema cache`, null,
      'Check the function name and its argument names.');
  }
  const used = fn.argNames.map((n, i) => ({ n, t: fn.argTypes[i] })).filter((a) => keys.includes(a.n));
  const call = `${qualified(ctx, name)}(${used.map((a) => `${quoteIdent(a.n)} := pgrst_args.${quoteIdent(a.n)}`).join(', ')})`;
  const recordDef = used.map((a) => `${quoteIdent(a.n)} ${a.t}`).join(', ');
  const args0 = used.length ? `json_to_record(${ctx.params.add(JSON.stringify(args))}::json) as pgrst_args(${recordDef})` : '';
  const sql = fn.returnsSet || fn.returnsComposite
    ? `select coalesce(json_agg(pgrst_f), '[]'::json)::text as body, count(*) as n from ${args0 ? `${args0}, lateral ` : ''}${call} as pgrst_f`
    : `select to_json(${call})::text as body, 1 as n${args0 ? ` from ${args0}` : ''}`;
  return { statement: { sql, params: ctx.params.values }, fn };
}

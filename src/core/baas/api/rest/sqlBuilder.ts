/**
 * Turns a parsed PostgREST request into one SQL statement. Identifiers are always quoted with
 * quoteIdent; values always travel as bind parameters, never inside the SQL text.
 */
import { parseError, RestError } from './errors';
import { Condition, filterOperators, OrderTerm, SelectItem } from './queryAst';
import { findRelationship, SchemaSnapshot } from './schemaCache';

/** Quotes an identifier the way Postgres's quote_ident does for any name. */
export function quoteIdent(name: string): string {
  if (name.includes('\0')) throw parseError('Identifiers cannot contain NUL characters');
  return `"${name.replace(/"/g, '""')}"`;
}

/** Collects bind parameters and hands out `$n` placeholders. */
export class Params {
  readonly values: unknown[] = [];
  /** Adds a value and returns its placeholder. */
  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

/** Shared state while building one statement. */
export interface BuildContext {
  snapshot: SchemaSnapshot;
  params: Params;
  /** Counter for unique subquery aliases. */
  aliases: number;
  /** Filters on embedded rows, by embed path (from the query); `seen` collects the embed paths the select built. */
  embedFilters?: { path: string[]; condition: Condition }[];
  seen?: Set<string>;
}

function embedConditions(ctx: BuildContext, path: string[], child: string): string {
  ctx.seen?.add(path.join('.'));
  const mine = (ctx.embedFilters ?? []).filter((f) => f.path.join('.') === path.join('.'));
  return mine.map((f) => ` and ${conditionSql(ctx, child, f.condition)}`).join('');
}

/** PostgREST's PGRST108 for an embedded filter on a resource the select does not embed. */
export function checkEmbedFilters(ctx: BuildContext): void {
  for (const f of ctx.embedFilters ?? []) {
    const name = f.path.join('.');
    if (!ctx.seen?.has(name)) throw new RestError(400, 'PGRST108', `'${name}' is not an embedded resource in this request`, null, `Verify that '${name}' is included in the 'select' query parameter.`);
  }
}

/** `"schema"."table"` */
export function qualified(ctx: BuildContext, table: string): string {
  return `${quoteIdent(ctx.snapshot.schema)}.${quoteIdent(table)}`;
}

/** The select list for `items`, reading from the table aliased `alias`. */
export function selectList(ctx: BuildContext, table: string, alias: string, items: SelectItem[], path: string[] = []): string {
  return items.map((item) => {
    if (item.kind === 'star') return `${alias}.*`;
    if (item.kind === 'column') {
      const cast = item.cast ? `::${item.cast}` : '';
      return `${alias}.${quoteIdent(item.name)}${cast} as ${quoteIdent(item.alias ?? item.name)}`;
    }
    return `${embedSubquery(ctx, table, alias, item, [...path, item.alias ?? item.relation])} as ${quoteIdent(item.alias ?? item.relation)}`;
  }).join(', ');
}

function joinCondition(ctx: BuildContext, table: string, alias: string, item: Extract<SelectItem, { kind: 'embed' }>, childAlias: string): { target: string; on: string; toOne: boolean } {
  const rel = findRelationship(ctx.snapshot, table, item.relation, item.hint);
  if (rel.junction) {
    const j = `pgrst_${++ctx.aliases}`;
    const toParent = rel.columns.map((c, i) => `${j}.${quoteIdent(rel.junction!.columns[i])} = ${alias}.${quoteIdent(c)}`);
    const toChild = rel.targetColumns.map((c, i) => `${j}.${quoteIdent(rel.junction!.targetColumns[i])} = ${childAlias}.${quoteIdent(c)}`);
    return { target: rel.target, on: `exists (select 1 from ${qualified(ctx, rel.junction.table)} as ${j} where ${[...toParent, ...toChild].join(' and ')})`, toOne: false };
  }
  const on = rel.columns.map((c, i) => `${childAlias}.${quoteIdent(rel.targetColumns[i])} = ${alias}.${quoteIdent(c)}`).join(' and ');
  return { target: rel.target, on, toOne: rel.cardinality === 'many-to-one' };
}

function embedSubquery(ctx: BuildContext, table: string, alias: string, item: Extract<SelectItem, { kind: 'embed' }>, path: string[]): string {
  const child = `pgrst_${++ctx.aliases}`;
  const { target, on, toOne } = joinCondition(ctx, table, alias, item, child);
  const inner = `select ${selectList(ctx, target, child, item.select, path)} from ${qualified(ctx, target)} as ${child} where ${on}${embedConditions(ctx, path, child)}`;
  return toOne
    ? `(select row_to_json(${child}_row) from (${inner}) as ${child}_row)`
    : `coalesce((select json_agg(${child}_row) from (${inner}) as ${child}_row), '[]'::json)`;
}

/** `!inner` embeds filter the parent rows: only rows with a related row remain. */
export function innerEmbedConditions(ctx: BuildContext, table: string, alias: string, items: SelectItem[]): string[] {
  const conditions: string[] = [];
  for (const item of items) {
    if (item.kind !== 'embed' || !item.inner) continue;
    const child = `pgrst_${++ctx.aliases}`;
    const { target, on } = joinCondition(ctx, table, alias, item, child);
    // With !inner, a filter on the embed also drops the parent rows it leaves without children (PostgREST's semantics).
    conditions.push(`exists (select 1 from ${qualified(ctx, target)} as ${child} where ${on}${embedConditions(ctx, [item.alias ?? item.relation], child)})`);
  }
  return conditions;
}

/** SQL for one WHERE condition on the table aliased `alias`. */
export function conditionSql(ctx: BuildContext, alias: string, condition: Condition): string {
  let sql: string;
  if (condition.kind === 'filter') {
    const column = `${alias}.${quoteIdent(condition.column)}`;
    if (condition.op === 'in') {
      const list = condition.value as string[];
      sql = list.length === 0 ? 'false' : `${column} in (${list.map((v) => ctx.params.add(v)).join(', ')})`;
    } else if (condition.op === 'is') {
      // Keyword validated by the parser (null, not_null, true, false, unknown): safe to splice.
      sql = `${column} is ${condition.value === 'not_null' ? 'not null' : condition.value as string}`;
    } else {
      sql = `${column} ${filterOperators[condition.op]} ${ctx.params.add(condition.value)}`;
    }
  } else {
    sql = `(${condition.children.map((c) => conditionSql(ctx, alias, c)).join(` ${condition.kind} `)})`;
  }
  return condition.negate ? `not ${sql}` : sql;
}

/** ` where …` or an empty string. */
export function whereSql(ctx: BuildContext, alias: string, conditions: Condition[], extra: string[] = []): string {
  const parts = [...conditions.map((c) => conditionSql(ctx, alias, c)), ...extra];
  return parts.length ? ` where ${parts.join(' and ')}` : '';
}

/** ` order by …` or an empty string. */
export function orderSql(alias: string, order: OrderTerm[]): string {
  if (order.length === 0) return '';
  return ` order by ${order.map((o) => `${alias}.${quoteIdent(o.column)} ${o.direction}${o.nulls ? ` nulls ${o.nulls}` : ''}`).join(', ')}`;
}

/** ` limit … offset …` with bound values. */
export function pageSql(ctx: BuildContext, limit: number | undefined, offset: number | undefined): string {
  return `${limit !== undefined ? ` limit ${ctx.params.add(String(limit))}` : ''}${offset ? ` offset ${ctx.params.add(String(offset))}` : ''}`;
}

/** Ensures the table is exposed, with PostgREST's PGRST205 when it is not. */
export function requireTable(ctx: BuildContext, table: string): void {
  if (!ctx.snapshot.tables.has(table)) {
    throw new RestError(404, 'PGRST205', `Could not find the table '${ctx.snapshot.schema}.${table}' in the schema cache`, null,
      'Create the table (or reload the schema cache if you just did).');
  }
}

/** Wraps rows from `source` (aliased pgrst_t0) as one JSON text body plus their count. */
export function wrapRows(ctx: BuildContext, table: string, source: string, select: SelectItem[]): string {
  return `select coalesce(json_agg(pgrst_r), '[]'::json)::text as body, count(pgrst_r) as n from (select ${selectList(ctx, table, 'pgrst_t0', select)} from ${source} as pgrst_t0) as pgrst_r`;
}

/** Tables, keys, foreign keys and policies of the exposed schema, read from pg_catalog. */
import { RestError } from './errors';
import { Queryable } from './types';

/** One foreign key, seen from the table that embeds the other. */
export interface Relationship {
  constraint: string;
  /** The embedded table. */
  target: string;
  /** Columns of the embedding table, matched pairwise with `targetColumns`. */
  columns: string[];
  targetColumns: string[];
  /** many-to-one: the embedding table holds the key, so the embed is one object (or null). */
  cardinality: 'many-to-one' | 'one-to-many' | 'many-to-many';
  /** many-to-many: the join table, its columns matching `columns` (embedding side) and `targetColumns` (embedded side). */
  junction?: { table: string; columns: string[]; targetColumns: string[] };
}

/** A table or view the API exposes. */
export interface TableInfo {
  name: string;
  rlsEnabled: boolean;
  primaryKey: string[];
}

/** A row-level security policy, as pg_policies describes it. */
export interface PolicyInfo {
  table: string;
  name: string;
  permissive: boolean;
  roles: string[];
  command: string;
  using: string | null;
  check: string | null;
}

/** A snapshot of the schema; reload it when DDL may have changed. */
export interface SchemaSnapshot {
  schema: string;
  tables: Map<string, TableInfo>;
  foreignKeys: { constraint: string; table: string; columns: string[]; target: string; targetColumns: string[] }[];
  policies: PolicyInfo[];
}

const tablesSql = `
select c.relname as name, c.relrowsecurity as rls,
  coalesce((select array_to_json(array(select a.attname from unnest(k.conkey) with ordinality u(attnum, ord)
    join pg_attribute a on a.attrelid = k.conrelid and a.attnum = u.attnum order by u.ord))
    from pg_constraint k where k.conrelid = c.oid and k.contype = 'p'), '[]'::json) as pk
from pg_class c join pg_namespace n on n.oid = c.relnamespace
where n.nspname = $1 and c.relkind in ('r', 'v', 'm', 'p', 'f')`;

const foreignKeysSql = `
select k.conname as constraint, cl.relname as "table", fcl.relname as target,
  array_to_json(array(select a.attname from unnest(k.conkey) with ordinality u(attnum, ord)
    join pg_attribute a on a.attrelid = k.conrelid and a.attnum = u.attnum order by u.ord)) as columns,
  array_to_json(array(select a.attname from unnest(k.confkey) with ordinality u(attnum, ord)
    join pg_attribute a on a.attrelid = k.confrelid and a.attnum = u.attnum order by u.ord)) as "targetColumns"
from pg_constraint k join pg_class cl on cl.oid = k.conrelid join pg_class fcl on fcl.oid = k.confrelid
join pg_namespace n on n.oid = cl.relnamespace join pg_namespace fn on fn.oid = fcl.relnamespace
where k.contype = 'f' and n.nspname = $1 and fn.nspname = $1`;

const policiesSql = `
select tablename as "table", policyname as name, permissive = 'PERMISSIVE' as permissive,
  array_to_json(roles) as roles, cmd as command, qual as using, with_check as "check"
from pg_policies where schemaname = $1`;

/** Reads the schema snapshot (run as the database owner, outside any request's role). */
export async function loadSchema(db: Pick<Queryable, 'query'>, schema = 'public'): Promise<SchemaSnapshot> {
  const tables = await db.query<{ name: string; rls: boolean; pk: string[] }>(tablesSql, [schema]);
  const fks = await db.query<SchemaSnapshot['foreignKeys'][number]>(foreignKeysSql, [schema]);
  const policies = await db.query<PolicyInfo>(policiesSql, [schema]);
  return {
    schema,
    tables: new Map(tables.rows.map((t) => [t.name, { name: t.name, rlsEnabled: t.rls, primaryKey: t.pk }])),
    foreignKeys: fks.rows,
    policies: policies.rows,
  };
}

/** Finds the one foreign key that `select=…,relation(…)` on `table` means (PGRST200/201 otherwise). */
export function findRelationship(snapshot: SchemaSnapshot, table: string, relation: string, hint?: string): Relationship {
  const candidates: Relationship[] = [];
  for (const fk of snapshot.foreignKeys) {
    const viaColumn = fk.columns.length === 1 && fk.columns[0] === relation;
    if (fk.table === table && (fk.target === relation || viaColumn || fk.constraint === relation)) {
      candidates.push({ constraint: fk.constraint, target: fk.target, columns: fk.columns, targetColumns: fk.targetColumns, cardinality: 'many-to-one' });
    }
    if (fk.target === table && (fk.table === relation || fk.constraint === relation)) {
      candidates.push({ constraint: fk.constraint, target: fk.table, columns: fk.targetColumns, targetColumns: fk.columns, cardinality: 'one-to-many' });
    }
  }
  if (candidates.length === 0) candidates.push(...junctions(snapshot, table, relation));
  const matching = hint === undefined ? candidates
    : candidates.filter((c) => c.constraint === hint || c.target === hint || c.junction?.table === hint || (c.cardinality === 'many-to-one' ? c.columns : c.targetColumns).includes(hint));
  if (matching.length === 1) return matching[0];
  if (matching.length === 0) {
    throw new RestError(400, 'PGRST200', `Could not find a relationship between '${table}' and '${relation}' in the schema cache`,
      `Searched for a foreign key relationship between '${table}' and '${relation}' in the schema '${snapshot.schema}', but no matches were found.`,
      'Check the foreign key exists, or reload the schema cache after changing it.');
  }
  throw new RestError(300, 'PGRST201', `Could not embed because more than one relationship was found for '${table}' and '${relation}'`,
    JSON.stringify(matching.map((m) => ({ cardinality: m.cardinality, relationship: m.constraint }))),
    `Try changing '${relation}' to one of: ${matching.map((m) => `'${relation}!${m.constraint}'`).join(', ')}.`);
}

/**
 * Many-to-many through a join table, as PostgREST detects it: a table with foreign keys to both sides whose
 * columns are all part of its primary key (https://docs.postgrest.org/en/v14/references/api/resource_embedding.html, read 2026-11-27).
 */
function junctions(snapshot: SchemaSnapshot, table: string, relation: string): Relationship[] {
  const found: Relationship[] = [];
  for (const [name, info] of snapshot.tables) {
    const fks = snapshot.foreignKeys.filter((fk) => fk.table === name && fk.columns.every((c) => info.primaryKey.includes(c)));
    for (const toTable of fks.filter((fk) => fk.target === table)) {
      for (const toRelation of fks.filter((fk) => fk.target === relation && fk !== toTable)) {
        found.push({
          constraint: `${toTable.constraint},${toRelation.constraint}`,
          target: relation,
          columns: toTable.targetColumns,
          targetColumns: toRelation.targetColumns,
          cardinality: 'many-to-many',
          junction: { table: name, columns: toTable.columns, targetColumns: toRelation.columns },
        });
      }
    }
  }
  return found;
}

/**
 * `baas export`: what a hosted Supabase project needs to match this BaaS, as SQL. The migrations are copied
 * unchanged; one more migration recreates every row-level security policy (public and storage), turns RLS on
 * where it is on here, and defines the storage buckets. It is idempotent, so it applies after migrations that
 * already made some of these. Tables made outside migrations are not exported (the report names them).
 */
import { existsSync, promises as fs } from 'node:fs';
import * as path from 'node:path';
import { listMigrations } from './db/migrations';
import type { Database } from './db/types';

/** What an export wrote. */
export interface ExportResult {
  /** Files written, relative to the output folder. */
  written: string[];
  /** Files already there with the same content. */
  unchanged: string[];
  /** Tables of `public` that no migration mentions: their definition is not in the export. */
  tablesOutsideMigrations: string[];
}

const POLICIES_SQL = `
select format('drop policy if exists %I on %I.%I;', policyname, schemaname, tablename) || chr(10) ||
       format('create policy %I on %I.%I as %s for %s to %s%s%s;', policyname, schemaname, tablename, permissive, cmd,
         (select string_agg(case when r = 'public' then 'public' else quote_ident(r) end, ', ') from unnest(roles) as r),
         coalesce(' using (' || qual || ')', ''), coalesce(' with check (' || with_check || ')', '')) as sql
  from pg_policies where schemaname in ('public', 'storage') order by schemaname, tablename, policyname`;

const RLS_SQL = `
select format('alter table %I.%I enable row level security;', n.nspname, c.relname)
       || case when c.relforcerowsecurity then format(' alter table %I.%I force row level security;', n.nspname, c.relname) else '' end as sql
  from pg_class c join pg_namespace n on n.oid = c.relnamespace
 where n.nspname = 'public' and c.relkind in ('r', 'p') and c.relrowsecurity order by c.relname`;

const BUCKETS_SQL = `
select format('insert into storage.buckets (id, name, public, file_size_limit, allowed_mime_types) values (%L, %L, %L, %s, %L)'
       || ' on conflict (id) do update set public = excluded.public, file_size_limit = excluded.file_size_limit, allowed_mime_types = excluded.allowed_mime_types;',
       id, name, public, coalesce(file_size_limit::text, 'null'), allowed_mime_types) as sql
  from storage.buckets order by id`;

/** The export migration's SQL: policies, RLS switches and buckets of the database, idempotent. */
export async function exportSql(db: Database): Promise<string> {
  const lines = async (sql: string) => (await db.query<{ sql: string }>(sql)).rows.map((r) => r.sql);
  const [rls, policies, buckets] = [await lines(RLS_SQL), await lines(POLICIES_SQL), await lines(BUCKETS_SQL)];
  return [
    '-- Exported by serverless-lab baas export: row-level security, policies and storage buckets.',
    '-- Idempotent: apply after the migrations before it (supabase db push, or psql -f).',
    '',
    '-- Row-level security',
    ...rls,
    '',
    '-- Policies (dropped and recreated, so that this file wins over earlier definitions)',
    ...policies,
    '',
    '-- Storage buckets (the objects themselves are not exported: upload them with the storage API)',
    ...buckets,
    '',
  ].join('\n');
}

function timestamp(after: string | undefined): string {
  const now = new Date().toISOString().replace(/\D/g, '').slice(0, 14);
  // Migrations apply in file-name order: this one must sort after every existing one.
  return after && /^\d+$/.test(after) && after >= now ? String(BigInt(after) + 1n) : now;
}

async function writeOnce(file: string, content: string, force: boolean): Promise<'written' | 'unchanged'> {
  if (existsSync(file)) {
    if ((await fs.readFile(file, 'utf8')) === content) return 'unchanged';
    if (!force) throw new Error(`${file} already exists with other content; choose an empty --out folder or pass --force to overwrite`);
  }
  await fs.mkdir(path.dirname(file), { recursive: true });
  await fs.writeFile(file, content);
  return 'written';
}

/** Writes `<out>/supabase/migrations/`: the workspace's migrations unchanged, then `<timestamp>_serverless_lab_export.sql`. */
export async function exportBaas(db: Database, workspace: string, out: string, options: { force?: boolean } = {}): Promise<ExportResult> {
  const result: ExportResult = { written: [], unchanged: [], tablesOutsideMigrations: [] };
  const migrations = await listMigrations(path.join(workspace, 'supabase', 'migrations'));
  let allText = '';
  for (const m of migrations) {
    const text = await fs.readFile(m.file, 'utf8');
    allText += text.toLowerCase();
    const rel = path.join('supabase', 'migrations', path.basename(m.file));
    result[(await writeOnce(path.join(out, rel), text, options.force ?? false)) === 'written' ? 'written' : 'unchanged'].push(rel);
  }
  const rel = path.join('supabase', 'migrations', `${timestamp(migrations[migrations.length - 1]?.version)}_serverless_lab_export.sql`);
  result[(await writeOnce(path.join(out, rel), await exportSql(db), options.force ?? false)) === 'written' ? 'written' : 'unchanged'].push(rel);
  const tables = (await db.query<{ name: string }>(`select c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace where n.nspname = 'public' and c.relkind in ('r', 'p') order by 1`)).rows;
  result.tablesOutsideMigrations = tables.map((t) => t.name).filter((t) => !allText.includes(t.toLowerCase()));
  return result;
}

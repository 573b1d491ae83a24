import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { RunningBaas } from '../../../src/core/baas';
import { exportBaas } from '../../../src/core/baas/export';
import { openPostgres } from '../../../src/core/baas/db/postgres';
import type { Database } from '../../../src/core/baas/db/types';
import { call, startTestBaas, tempWorkspace } from './helpers';
import { postgresBin, startCluster } from './postgresCluster';

const CLI = path.join(__dirname, '..', '..', '..', 'dist', 'cli.js');
const MIGRATION = `create table todos (id serial primary key, title text not null, owner uuid not null default auth.uid());
alter table todos enable row level security;
create policy "own rows: read" on todos for select to authenticated using (owner = auth.uid());
`;

const policiesOf = async (db: Database) =>
  (await db.query(`select schemaname, tablename, policyname, permissive, roles::text[] as roles, cmd, qual, with_check from pg_policies where schemaname in ('public', 'storage') order by 1, 2, 3`)).rows;
const bucketsOf = async (db: Database) => (await db.query('select id, public, file_size_limit::int as limit, allowed_mime_types from storage.buckets order by id')).rows;

describe('baas export: migrations, policies and buckets apply to a fresh real Postgres', function () {
  this.timeout(240_000);
  let workspace: string;
  let out: string;
  let baas: RunningBaas;
  let cluster: { url: string; stop(): void };

  before(async () => {
    const bin = postgresBin();
    if (!bin) throw new Error('Debian postgresql is not installed: apt-get install -y postgresql');
    workspace = tempWorkspace();
    out = fs.mkdtempSync(path.join(os.tmpdir(), 'baas-export-'));
    fs.mkdirSync(path.join(workspace, 'supabase', 'migrations'), { recursive: true });
    fs.writeFileSync(path.join(workspace, 'supabase', 'migrations', '20260101000000_todos.sql'), MIGRATION);
    baas = await startTestBaas(workspace);
    // Made after the migrations, as a learner does in the SQL console or explorer.
    await baas.db.exec(`
      create policy "own rows: write" on todos for insert to authenticated with check (owner = auth.uid());
      create policy "Users read own files" on storage.objects for select to authenticated using (bucket_id = 'docs' and (storage.foldername(name))[1] = auth.uid()::text);
      create table scratch (id int);`);
    const created = await call(baas, 'POST', '/storage/v1/bucket', { apikey: baas.serviceRoleKey, bearer: baas.serviceRoleKey, body: { name: 'docs', public: false, file_size_limit: '1MB', allowed_mime_types: ['application/pdf', "image/*"] } });
    assert.equal(created.status, 200, JSON.stringify(created.body));
    await call(baas, 'POST', '/storage/v1/bucket', { apikey: baas.serviceRoleKey, bearer: baas.serviceRoleKey, body: { name: "it's-public", public: true } });
    cluster = await startCluster(bin);
  });
  after(async () => {
    await baas?.close();
    cluster?.stop();
    for (const d of [workspace, out]) if (d) fs.rmSync(d, { recursive: true, force: true });
  });

  it('writes the migrations unchanged plus one idempotent export migration that reproduces policies, RLS and buckets', async () => {
    const result = await exportBaas(baas.db, workspace, out);
    assert.equal(result.written.length, 2);
    assert.match(result.written[1], /supabase\/migrations\/\d{14}_serverless_lab_export\.sql$/);
    assert.equal(fs.readFileSync(path.join(out, result.written[0]), 'utf8'), MIGRATION);
    assert.deepEqual(result.tablesOutsideMigrations, ['scratch']);

    const target = await openPostgres(cluster.url); // applies the Supabase-like bootstrap, as a hosted project has
    try {
      const files = fs.readdirSync(path.join(out, 'supabase', 'migrations')).sort();
      for (const f of files) await target.exec(fs.readFileSync(path.join(out, 'supabase', 'migrations', f), 'utf8'));
      // Twice: it must be safe to apply again.
      await target.exec(fs.readFileSync(path.join(out, result.written[1]), 'utf8'));
      assert.deepEqual(await policiesOf(target), await policiesOf(baas.db));
      assert.deepEqual(await bucketsOf(target), await bucketsOf(baas.db));
      assert.deepEqual((await bucketsOf(target)).find((b) => b.id === 'docs'), { id: 'docs', public: false, limit: 1024 * 1024, allowed_mime_types: ['application/pdf', 'image/*'] });
      const rls = await target.query<{ relrowsecurity: boolean }>(`select relrowsecurity from pg_class where oid = 'public.todos'::regclass`);
      assert.equal(rls.rows[0].relrowsecurity, true);
    } finally {
      await target.close();
    }
  });

  it('never overwrites a different file without --force (CLI; needs npm run build)', async () => {
    const other = fs.mkdtempSync(path.join(os.tmpdir(), 'baas-export-'));
    const admin = await openPostgres(cluster.url);
    await admin.exec('create database cli');
    await admin.close();
    try {
      fs.mkdirSync(path.join(other, 'supabase', 'migrations'), { recursive: true });
      fs.writeFileSync(path.join(other, 'supabase', 'migrations', '20260101000000_todos.sql'), '-- the learner edited this\n');
      const r = spawnSync(process.execPath, [CLI, 'baas', 'export', '--out', other, '--database-url', cluster.url.replace(/\/postgres$/, '/cli'), '--dir', workspace], { encoding: 'utf8', timeout: 120_000 });
      assert.notEqual(r.status, 0);
      assert.match(r.stderr, /already exists with other content; choose an empty --out folder or pass --force/);
      assert.equal(fs.readFileSync(path.join(other, 'supabase', 'migrations', '20260101000000_todos.sql'), 'utf8'), '-- the learner edited this\n');
    } finally {
      fs.rmSync(other, { recursive: true, force: true });
    }
  });
});

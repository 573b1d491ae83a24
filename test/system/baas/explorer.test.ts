import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { RunningBaas } from '../../../src/core/baas';
import { applyMigrationFile, applyToCleanDatabase } from '../../../src/core/baas/explorer/migrationActions';
import { RequestLog } from '../../../src/core/baas/explorer/requestLog';
import { runSql, sqlErrorLocation } from '../../../src/core/baas/explorer/sqlRun';
import { deleteRow, describeTable, insertRow, listTables, readPage, updateRow } from '../../../src/core/baas/explorer/tables';
import { claimsFor, listInbox, listUsers } from '../../../src/core/baas/explorer/users';
import { startBaas } from '../../../src/core/baas';
import { defaultTemplateCacheDir } from '../../../src/core/baas/db/pglite';
import { call, tempWorkspace } from './helpers';

// The explorer's core against a real BaaS on PGlite: what the Tables view, SQL console, Users view and request
// monitor read, always as the chosen caller so that RLS decides.
describe('BaaS explorer core (PGlite)', function () {
  this.timeout(180_000);
  let workspace: string;
  let baas: RunningBaas;
  const log = new RequestLog();
  const users: Record<string, { id: string; email: string }> = {};

  before(async () => {
    workspace = tempWorkspace();
    const migrations = path.join(workspace, 'supabase', 'migrations');
    fs.mkdirSync(migrations, { recursive: true });
    fs.writeFileSync(path.join(migrations, '20260101000000_notes.sql'), `
      create table notes (id bigint generated always as identity primary key, user_id uuid not null default auth.uid(), body text not null);
      alter table notes enable row level security;
      create policy "own notes" on notes for all to authenticated using (auth.uid() = user_id) with check (auth.uid() = user_id);
      create table big (id int primary key, label text);
      insert into big select g, 'row ' || g from generate_series(1, 100000) g;`);
    baas = await startBaas({ workspace, autoConfirm: true, templateCacheDir: defaultTemplateCacheDir() });
    baas.onRequest((entry) => log.add(entry));
    for (const name of ['alice', 'bob']) {
      const r = await call(baas, 'POST', '/auth/v1/admin/users', { apikey: baas.serviceRoleKey, bearer: baas.serviceRoleKey, body: { email: `${name}@example.com`, password: 'secret-123', email_confirm: true } });
      assert.equal(r.status, 200, JSON.stringify(r.body));
      users[name] = { id: r.body.id, email: r.body.email };
    }
  });
  after(async () => {
    await baas?.close();
    fs.rmSync(workspace, { recursive: true, force: true });
  });

  it('lists tables with RLS state and describes columns, keys, indexes and policies', async () => {
    const tables = await listTables(baas.db);
    assert.deepEqual(tables.map((t) => [t.name, t.rlsEnabled, t.primaryKey]), [['big', false, ['id']], ['notes', true, ['id']]]);
    const notes = await describeTable(baas.db, 'notes');
    assert.deepEqual(notes.columns.map((c) => c.name), ['id', 'user_id', 'body']);
    assert.deepEqual(notes.policies.map((p) => p.name), ['own notes']);
    assert.ok(notes.indexes.some((i) => i.definition.includes('(id)')));
    await assert.rejects(describeTable(baas.db, 'nope'), /no table public\.nope/);
  });

  it('pages 100,000 rows by keyset, never past the page', async () => {
    const big = (await listTables(baas.db)).find((t) => t.name === 'big');
    assert.ok(big);
    const first = await readPage(baas.db, claimsFor({ kind: 'service' }), big, 100);
    assert.equal(first.rows.length, 100);
    assert.deepEqual(first.nextCursor, [100]);
    assert.match(first.sql, /limit 101$/);
    const second = await readPage(baas.db, claimsFor({ kind: 'service' }), big, 100, first.nextCursor);
    assert.equal(second.rows[0].id, 101);
    const last = await readPage(baas.db, claimsFor({ kind: 'service' }), big, 100, [99950]);
    assert.equal(last.rows.length, 50);
    assert.equal(last.nextCursor, undefined);
  });

  it('inserts, updates and deletes as the impersonated user, and RLS hides other users\' rows', async () => {
    const alice = claimsFor({ kind: 'user', ...users.alice });
    const bob = claimsFor({ kind: 'user', ...users.bob });
    const row = await insertRow(baas.db, alice, 'notes', { body: 'alice note' });
    assert.equal(row?.user_id, users.alice.id);
    await insertRow(baas.db, bob, 'notes', { body: 'bob note' });
    const notes = (await listTables(baas.db)).find((t) => t.name === 'notes');
    assert.ok(notes);
    const asAlice = await readPage(baas.db, alice, notes, 50);
    assert.deepEqual(asAlice.rows.map((r) => r.body), ['alice note']);
    const asAnon = await readPage(baas.db, claimsFor({ kind: 'anon' }), notes, 50);
    assert.deepEqual(asAnon.rows, []);
    const bobsRow = (await readPage(baas.db, bob, notes, 50)).rows[0];
    // Alice cannot change or delete bob's row: RLS matches no row.
    assert.equal(await updateRow(baas.db, alice, notes, [bobsRow.id], { body: 'hacked' }), undefined);
    assert.equal(await deleteRow(baas.db, alice, notes, [bobsRow.id]), 0);
    await assert.rejects(insertRow(baas.db, alice, 'notes', { body: 'forged', user_id: users.bob.id }), /row-level security/);
    assert.equal((await updateRow(baas.db, bob, notes, [bobsRow.id], { body: 'edited' }))?.body, 'edited');
    assert.equal(await deleteRow(baas.db, bob, notes, [bobsRow.id]), 1);
  });

  it('runs console SQL as owner or as a user, and places errors on their line and column', async () => {
    const owner = await runSql(baas.db, 'select count(*)::int as n from notes');
    assert.equal(owner.rows[0].n, 1);
    const asBob = await runSql(baas.db, 'select count(*)::int as n from notes', claimsFor({ kind: 'user', ...users.bob }));
    assert.equal(asBob.rows[0].n, 0);
    const sql = 'select 1;\nselect nope\n  from notes;';
    const err = await runSql(baas.db, sql).then(() => undefined, (e: unknown) => e);
    assert.deepEqual(sqlErrorLocation(sql, err), { line: 1, column: 7 });
  });

  it('logs every request with caller, status and the RLS decision', async () => {
    const token = (await call(baas, 'POST', '/auth/v1/token?grant_type=password', { body: { email: 'alice@example.com', password: 'secret-123' } })).body.access_token as string;
    await call(baas, 'GET', '/rest/v1/notes?select=*', { bearer: token });
    await call(baas, 'POST', '/rest/v1/notes', { bearer: token, body: { body: 'x', user_id: users.bob.id } });
    await call(baas, 'GET', '/rest/v1/notes', {});
    await call(baas, 'GET', '/rest/v1/big?limit=1', { apikey: null });
    const entries = log.list({ text: '/rest/v1/' });
    const [read, forged, anon, nokey] = entries.slice(-4);
    assert.equal(read.caller.kind, 'user');
    assert.equal(read.caller.email, 'alice@example.com');
    assert.equal(read.decision, 'allowed');
    assert.deepEqual(read.rls?.policies.map((p) => p.name), ['own notes']);
    assert.equal(forged.status, 403);
    assert.equal(forged.decision, 'denied');
    assert.match(forged.rls?.denied ?? '', /row-level security/);
    assert.equal(anon.caller.kind, 'anon');
    assert.equal(anon.decision, 'filtered');
    assert.equal(nokey.status, 401);
    assert.equal(nokey.caller.kind, 'unauthenticated');
    assert.deepEqual(log.list({ decision: 'denied' }).map((e) => e.id), [forged.id]);
  });

  it('lists users and the Inbox', async () => {
    assert.deepEqual((await listUsers(baas.db)).map((u) => u.email).sort(), ['alice@example.com', 'bob@example.com']);
    await call(baas, 'POST', '/auth/v1/recover', { body: { email: 'alice@example.com' } });
    const mail = (await listInbox(baas.db))[0];
    assert.equal(mail.to, 'alice@example.com');
    assert.match(mail.link ?? '', /\/auth\/v1\/verify\?token=/);
  });

  it('applies a migration once and proves migrations on a clean database', async () => {
    const file = path.join(workspace, 'supabase', 'migrations', '20260102000000_tags.sql');
    fs.writeFileSync(file, 'create table tags (id int primary key);');
    assert.equal(await applyMigrationFile(baas.db, file), true);
    assert.equal(await applyMigrationFile(baas.db, file), false);
    fs.writeFileSync(path.join(workspace, 'supabase', 'migrations', '20260103000000_bad.sql'), 'create table oops (id int primary key;');
    const clean = await applyToCleanDatabase(file, defaultTemplateCacheDir());
    assert.deepEqual(clean.applied, ['20260101000000_notes.sql', '20260102000000_tags.sql']);
    const bad = await applyToCleanDatabase(path.join(workspace, 'supabase', 'migrations', '20260103000000_bad.sql'), defaultTemplateCacheDir());
    assert.equal(path.basename(bad.failed?.file ?? ''), '20260103000000_bad.sql');
  });
});

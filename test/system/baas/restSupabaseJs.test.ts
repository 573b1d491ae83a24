import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createClient, type SupabaseClient } from '@supabase/supabase-js';
import WebSocket from 'ws';
import type { RunningBaas } from '../../../src/core/baas';
import { startTestBaas, tempWorkspace } from './helpers';

const migration = `
create table todos (id serial primary key, title text not null, done boolean not null default false, owner uuid not null default auth.uid());
create unique index todos_owner_title on todos (owner, title);
alter table todos enable row level security;
create policy "own rows" on todos for all to authenticated using (owner = auth.uid()) with check (owner = auth.uid());
create function add_them(a int, b int) returns int language sql as $$ select a + b $$;
`;

describe('REST /rest/v1 with the real @supabase/supabase-js client', function () {
  this.timeout(180_000);
  let workspace: string;
  let baas: RunningBaas;
  let alice: SupabaseClient;
  let bob: SupabaseClient;
  // On Node 20 createClient needs a WebSocket implementation for realtime, even when realtime is unused.
  const client = () => createClient(baas.url, baas.anonKey, { auth: { persistSession: false, autoRefreshToken: false }, realtime: { transport: WebSocket as never } });

  before(async () => {
    workspace = tempWorkspace();
    fs.mkdirSync(path.join(workspace, 'supabase', 'migrations'), { recursive: true });
    fs.writeFileSync(path.join(workspace, 'supabase', 'migrations', '20260101000000_todos.sql'), migration);
    baas = await startTestBaas(workspace);
    alice = client();
    bob = client();
    assert.equal((await alice.auth.signUp({ email: 'alice@example.com', password: 'alice-pass' })).error, null);
    assert.equal((await bob.auth.signUp({ email: 'bob@example.com', password: 'bob-pass-1' })).error, null);
  });
  after(async () => {
    await baas?.close();
    fs.rmSync(workspace, { recursive: true, force: true });
  });

  it('inserts, selects with eq and order, counts and returns single rows', async () => {
    const inserted = await alice.from('todos').insert([{ title: 'b', done: false }, { title: 'a', done: false }, { title: 'c', done: true }]).select('title');
    assert.equal(inserted.error, null);
    assert.equal(inserted.data?.length, 3);
    const open = await alice.from('todos').select('*').eq('done', false).order('title');
    assert.equal(open.error, null);
    assert.deepEqual(open.data?.map((t) => t.title), ['a', 'b']);
    const counted = await alice.from('todos').select('*', { count: 'exact', head: true });
    assert.equal(counted.error, null);
    assert.equal(counted.count, 3);
    const one = await alice.from('todos').select('title').eq('title', 'c').single();
    assert.deepEqual(one.data, { title: 'c' });
    const none = await alice.from('todos').select('title').eq('title', 'zzz').single();
    assert.equal(none.error?.code, 'PGRST116');
    const maybe = await alice.from('todos').select('title').eq('title', 'zzz').maybeSingle();
    assert.equal(maybe.error, null);
    assert.equal(maybe.data, null);
  });

  it('upserts, updates and deletes', async () => {
    const { data: me } = await alice.auth.getUser();
    const up = await alice.from('todos').upsert({ owner: me.user!.id, title: 'a', done: true }, { onConflict: 'owner,title' }).select('title,done');
    assert.equal(up.error, null);
    assert.deepEqual(up.data, [{ title: 'a', done: true }]);
    const upd = await alice.from('todos').update({ done: false }).eq('title', 'c').select('done');
    assert.deepEqual(upd.data, [{ done: false }]);
    const del = await alice.from('todos').delete().eq('title', 'b');
    assert.equal(del.error, null);
    assert.equal(del.status, 204);
    const left = await alice.from('todos').select('title').order('title');
    assert.deepEqual(left.data?.map((t) => t.title), ['a', 'c']);
  });

  it('keeps bob out of alice\'s rows, and refuses forged owners', async () => {
    const seen = await bob.from('todos').select('*');
    assert.deepEqual(seen.data, []);
    const changed = await bob.from('todos').update({ title: 'hacked' }).eq('title', 'a').select();
    assert.deepEqual(changed.data, []);
    const { data: me } = await alice.auth.getUser();
    const forged = await bob.from('todos').insert({ title: 'forged', owner: me.user!.id });
    assert.equal(forged.error?.code, '42501');
    assert.equal(forged.status, 403);
    const anon = await client().from('todos').select('*');
    assert.deepEqual(anon.data, []);
  });

  it('calls rpc functions', async () => {
    const sum = await alice.rpc('add_them', { a: 2, b: 3 });
    assert.equal(sum.error, null);
    assert.equal(sum.data, 5);
    const missing = await alice.rpc('nope');
    assert.equal(missing.error?.code, 'PGRST202');
  });
});

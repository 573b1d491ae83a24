import { strict as assert } from 'node:assert';
import type { Database } from '../../../src/core/baas/db/types';
import { BACKENDS } from './backends';
import { alice, bob, claims, json, openFixture, rest } from './restFixture';

// The same suite on both backends: embedded PGlite and a throwaway real Postgres cluster.
for (const backend of BACKENDS) describe(`REST /rest/v1 with RLS (${backend})`, function () {
  // A first run makes the cached template database (initdb takes ~15 s on this machine).
  this.timeout(120_000);
  let db: Database;
  let close: () => Promise<void>;
  before(async () => ({ db, close } = await openFixture(backend)));
  after(async () => close?.());

  it('selects, filters and orders only the caller\'s rows', async () => {
    const r = await rest(db, claims.alice, 'GET', '/todos?select=id,title&done=eq.false&order=id.desc');
    assert.equal(r.status, 200);
    assert.deepEqual(json(r), [{ id: 3, title: 'alice 3' }, { id: 1, title: 'alice 1' }]);
    assert.equal(r.headers['content-range'], '0-1/*');
    assert.equal(r.meta.rls?.rlsEnabled, true);
    assert.deepEqual(r.meta.rls?.policies.map((p) => p.name), ['own rows: read']);
    const asBob = await rest(db, claims.bob, 'GET', '/todos?select=title');
    assert.deepEqual(json(asBob), [{ title: 'bob 1' }]);
    assert.deepEqual(json(await rest(db, claims.anon, 'GET', '/todos')), []);
  });

  it('supports renames, casts, in/is/like, nested or/and, nulls ordering, limit and offset', async () => {
    const sel = (q: string) => rest(db, claims.alice, 'GET', `/todos?${q}`).then(json);
    assert.deepEqual(await sel('select=name:title,p:priority::text&id=eq.1'), [{ name: 'alice 1', p: '2' }]);
    assert.deepEqual(await sel('select=id&id=in.(1,3,99)&order=id'), [{ id: 1 }, { id: 3 }]);
    assert.deepEqual(await sel('select=id&priority=is.null'), [{ id: 2 }]);
    assert.deepEqual(await sel('select=id&title=like.*3'), [{ id: 3 }]);
    assert.deepEqual(await sel('select=id&title=ilike.ALICE%202'), [{ id: 2 }]);
    assert.deepEqual(await sel('select=id&or=(done.is.true,and(priority.gte.2,title.not.eq.x))&order=id'), [{ id: 1 }, { id: 2 }]);
    assert.deepEqual(await sel('select=id&not.or=(id.eq.1,id.eq.2)'), [{ id: 3 }]);
    assert.deepEqual(await sel('select=id&order=priority.desc.nullslast'), [{ id: 1 }, { id: 3 }, { id: 2 }]);
    assert.deepEqual(await sel('select=id&order=priority.asc.nullsfirst&limit=2&offset=1'), [{ id: 3 }, { id: 1 }]);
  });

  it('embeds foreign-key resources both ways', async () => {
    assert.deepEqual(json(await rest(db, claims.alice, 'GET', '/todos?select=id,author:authors(name)&order=id')), [
      { id: 1, author: { name: 'Ada' } }, { id: 2, author: { name: 'Grace' } }, { id: 3, author: null },
    ]);
    // RLS applies inside embeds too: Ada's to-dos as seen by alice exclude bob's.
    assert.deepEqual(json(await rest(db, claims.alice, 'GET', '/authors?select=name,todos(id)&id=eq.1')), [{ name: 'Ada', todos: [{ id: 1 }] }]);
    const missing = await rest(db, claims.alice, 'GET', '/todos?select=*,tags(*)');
    assert.equal(missing.status, 400);
    assert.equal((json(missing) as { code: string }).code, 'PGRST200');
  });

  it('embeds many-to-many resources through a join table, both ways, under RLS', async () => {
    assert.deepEqual(json(await rest(db, claims.alice, 'GET', '/todos?select=title,labels(name)&order=id')), [
      { title: 'alice 1', labels: [{ name: 'home' }, { name: 'urgent' }] }, { title: 'alice 2', labels: [] }, { title: 'alice 3', labels: [{ name: 'urgent' }] },
    ]);
    // bob's to-do 4 also has the label "home", but RLS hides it from alice inside the embed too.
    assert.deepEqual(json(await rest(db, claims.alice, 'GET', '/labels?select=name,todos(title)&order=id')), [
      { name: 'home', todos: [{ title: 'alice 1' }] }, { name: 'urgent', todos: [{ title: 'alice 1' }, { title: 'alice 3' }] }, { name: 'unused', todos: [] },
    ]);
    assert.deepEqual(json(await rest(db, claims.alice, 'GET', '/labels?select=name,todos!inner(id)&order=id')), [
      { name: 'home', todos: [{ id: 1 }] }, { name: 'urgent', todos: [{ id: 1 }, { id: 3 }] },
    ], '!inner drops labels with no visible to-do');
    assert.deepEqual(json(await rest(db, claims.alice, 'GET', '/todos?select=id,labels!todo_labels(id)&id=eq.3')), [{ id: 3, labels: [{ id: 2 }] }], 'hint by join table');
  });

  it('filters embedded rows (and, with !inner, the parents), by alias or relation', async () => {
    const get = (q: string) => rest(db, claims.alice, 'GET', q).then(json);
    assert.deepEqual(await get('/todos?select=title,author:authors(name)&author.name=eq.Ada&order=id'), [
      { title: 'alice 1', author: { name: 'Ada' } }, { title: 'alice 2', author: null }, { title: 'alice 3', author: null },
    ]);
    assert.deepEqual(await get('/todos?select=title,author:authors!inner(name)&author.name=eq.Ada'), [{ title: 'alice 1', author: { name: 'Ada' } }]);
    assert.deepEqual(await get('/authors?select=name,todos(title)&todos.done=is.true&order=id'), [{ name: 'Ada', todos: [] }, { name: 'Grace', todos: [{ title: 'alice 2' }] }]);
    assert.deepEqual(await get('/labels?select=name,todos(id)&todos.id=not.eq.1&id=eq.2'), [{ name: 'urgent', todos: [{ id: 3 }] }]);
    const stray = await rest(db, claims.alice, 'GET', '/todos?select=title&authors.name=eq.Ada');
    assert.equal(stray.status, 400);
    assert.deepEqual(json(stray), { code: 'PGRST108', details: null, hint: "Verify that 'authors' is included in the 'select' query parameter.", message: "'authors' is not an embedded resource in this request" });
  });

  it('counts exactly, honours Range headers and answers HEAD without a body', async () => {
    const r = await rest(db, claims.alice, 'GET', '/todos?select=id&order=id', { headers: { prefer: 'count=exact', range: '0-1', 'range-unit': 'items' } });
    assert.equal(r.status, 206);
    assert.equal(r.headers['content-range'], '0-1/3');
    assert.deepEqual(json(r), [{ id: 1 }, { id: 2 }]);
    const head = await rest(db, claims.alice, 'HEAD', '/todos', { headers: { prefer: 'count=exact' } });
    assert.equal(head.status, 200);
    assert.equal(head.body, undefined);
    assert.equal(head.headers['content-range'], '0-2/3');
  });

  it('returns one object for vnd.pgrst.object+json, and PGRST116 otherwise', async () => {
    const accept = { accept: 'application/vnd.pgrst.object+json' };
    const one = await rest(db, claims.alice, 'GET', '/todos?select=title&id=eq.1', { headers: accept });
    assert.equal(one.status, 200);
    assert.deepEqual(json(one), { title: 'alice 1' });
    const many = await rest(db, claims.alice, 'GET', '/todos', { headers: accept });
    assert.equal(many.status, 406);
    assert.deepEqual(json(many), { code: 'PGRST116', details: 'The result contains 3 rows', hint: null, message: 'JSON object requested, multiple (or no) rows returned' });
  });

  it('inserts (single and bulk), upserts, updates and deletes with return preferences', async () => {
    const rep = { prefer: 'return=representation' };
    const ins = await rest(db, claims.alice, 'POST', '/todos?select=title,owner', { headers: rep, body: { title: 'new' } });
    assert.equal(ins.status, 201);
    assert.deepEqual(json(ins), [{ title: 'new', owner: alice }]);
    const bulk = await rest(db, claims.alice, 'POST', '/todos', { body: [{ title: 'b1' }, { title: 'b2' }] });
    assert.equal(bulk.status, 201);
    assert.equal(bulk.body, undefined);
    const up = await rest(db, claims.alice, 'POST', '/todos?on_conflict=title,owner&select=title,done', {
      headers: { prefer: 'return=representation,resolution=merge-duplicates' }, body: [{ title: 'b1', done: true, owner: alice }],
    });
    assert.equal(up.status, 201);
    assert.deepEqual(json(up), [{ title: 'b1', done: true }]);
    const dup = await rest(db, claims.alice, 'POST', '/todos', { body: { title: 'b2', owner: alice } });
    assert.equal(dup.status, 409);
    assert.equal((json(dup) as { code: string }).code, '23505');
    const patch = await rest(db, claims.alice, 'PATCH', '/todos?title=like.b*&select=title,done&order=title', { headers: rep, body: { done: false } });
    assert.deepEqual(json(patch), [{ title: 'b1', done: false }, { title: 'b2', done: false }]);
    assert.equal((await rest(db, claims.alice, 'PATCH', '/todos?title=eq.new', { body: { done: true } })).status, 204);
    const del = await rest(db, claims.alice, 'DELETE', '/todos?title=in.(b1,b2,new)&select=title&order=title', { headers: rep });
    assert.deepEqual(json(del), [{ title: 'b1' }, { title: 'b2' }, { title: 'new' }]);
  });

  it('alice cannot read, change or delete bob\'s rows, nor insert rows as bob', async () => {
    assert.deepEqual(json(await rest(db, claims.alice, 'GET', '/todos?owner=eq.' + bob)), []);
    const patch = await rest(db, claims.alice, 'PATCH', '/todos?title=eq.bob%201', { headers: { prefer: 'return=representation' }, body: { title: 'hacked' } });
    assert.deepEqual(json(patch), []);
    const del = await rest(db, claims.alice, 'DELETE', '/todos?title=eq.bob%201', { headers: { prefer: 'return=representation' } });
    assert.deepEqual(json(del), []);
    const forged = await rest(db, claims.alice, 'POST', '/todos', { body: { title: 'forged', owner: bob } });
    assert.equal(forged.status, 403);
    assert.equal((json(forged) as { code: string }).code, '42501');
    assert.match(forged.meta.rls?.denied ?? '', /row-level security/);
    assert.deepEqual(forged.meta.rls?.policies.map((p) => p.name), ['own rows: insert']);
    const anonInsert = await rest(db, claims.anon, 'POST', '/todos', { body: { title: 'x', owner: bob } });
    assert.equal(anonInsert.status, 401);
    assert.deepEqual(json(await rest(db, claims.bob, 'GET', '/todos?select=title')), [{ title: 'bob 1' }]);
  });

  it('calls rpc functions with named arguments by GET and POST', async () => {
    const get = await rest(db, claims.anon, 'GET', '/rpc/add_them?a=1&b=2');
    assert.equal(get.status, 200);
    assert.equal(json(get), 3);
    assert.equal(json(await rest(db, claims.anon, 'POST', '/rpc/add_them', { body: { a: 40, b: 2 } })), 42);
    const set = json(await rest(db, claims.alice, 'POST', '/rpc/my_todos')) as { title: string }[];
    assert.deepEqual(set.map((t) => t.title), ['alice 1', 'alice 2', 'alice 3']);
    const missing = await rest(db, claims.anon, 'POST', '/rpc/nope', { body: {} });
    assert.equal(missing.status, 404);
    assert.equal((json(missing) as { code: string }).code, 'PGRST202');
  });

  it("reports errors in PostgREST's shape", async () => {
    const noTable = await rest(db, claims.alice, 'GET', '/nothing');
    assert.equal(noTable.status, 404);
    assert.deepEqual(Object.keys(json(noTable) as object).sort(), ['code', 'details', 'hint', 'message']);
    const badColumn = await rest(db, claims.alice, 'GET', '/todos?nope=eq.1');
    assert.equal(badColumn.status, 400);
    assert.equal((json(badColumn) as { code: string }).code, '42703');
    const badValue = await rest(db, claims.alice, 'GET', '/todos?id=eq.abc');
    assert.equal((json(badValue) as { code: string }).code, '22P02');
    // Filter values reach Postgres as text and its own input function decides, on both backends: an empty boolean
    // is Postgres's 22P02 (PGlite's own serializer threw a plain Error, answered as an internal fault), and a
    // prefix that boolin accepts ("tr") filters as true.
    const emptyBool = await rest(db, claims.alice, 'GET', '/todos?done=eq.');
    assert.deepEqual([emptyBool.status, (json(emptyBool) as { code: string }).code], [400, '22P02']);
    const prefix = await rest(db, claims.alice, 'GET', '/todos?done=eq.tr&select=done');
    assert.equal(prefix.status, 200);
    assert.ok((json(prefix) as { done: boolean }[]).every((r) => r.done === true), prefix.body ?? '');
    assert.equal((await rest(db, claims.alice, 'PUT', '/todos', { body: {} })).status, 405);
  });
});

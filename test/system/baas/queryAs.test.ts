// `Database.queryAs`: one statement as an API role in a transaction of its own. On PGlite the role switch and the
// statement go to Postgres as one pipeline with one Sync (src/core/baas/db/pglite.ts); on a real Postgres it is
// `asRole` with one statement. Either way it must answer exactly as `asRole` does, commit or roll back as one
// transaction, and leave nothing of the role or the claims behind on the connection.
import { strict as assert } from 'node:assert';
import { PREPARED_LIMIT } from '../../../src/core/baas/db/pglitePipeline';
import { DatabaseError, type Database } from '../../../src/core/baas/db/types';
import { BACKENDS } from './backends';
import { alice, bob, claims, openFixture } from './restFixture';

const isCode = (code: string) => (err: unknown) => {
  assert.ok(err instanceof DatabaseError, `expected a DatabaseError, got ${String(err)}`);
  assert.equal(err.code, code, err.message);
  return true;
};

for (const backend of BACKENDS) describe(`baas Database.queryAs (${backend})`, function () {
  this.timeout(120_000);
  let db: Database;
  let close: () => Promise<void>;
  before(async () => ({ db, close } = await openFixture(backend)));
  after(async () => close?.());

  const whoAmI = `select current_user::text as role, auth.uid()::text as uid, auth.role() as claimed, count(*)::int as n from todos`;

  it('answers as asRole does: the role, the claims and RLS apply to the statement', async () => {
    for (const who of [claims.alice, claims.bob, claims.anon, claims.service]) {
      const viaQueryAs = await db.queryAs(who, whoAmI);
      const viaAsRole = await db.asRole(who, (tx) => tx.query(whoAmI));
      assert.deepEqual(viaQueryAs.rows, viaAsRole.rows, who.role);
      assert.deepEqual(viaQueryAs.fields, viaAsRole.fields);
    }
    assert.deepEqual((await db.queryAs(claims.alice, whoAmI)).rows, [{ role: 'authenticated', uid: alice, claimed: 'authenticated', n: 3 }]);
    assert.deepEqual((await db.queryAs(claims.bob, whoAmI)).rows, [{ role: 'authenticated', uid: bob, claimed: 'authenticated', n: 1 }]);
    assert.deepEqual((await db.queryAs(claims.anon, whoAmI)).rows, [{ role: 'anon', uid: null, claimed: 'anon', n: 0 }]);
    // Text parameters (the pipeline) and others (the ordinary path) give the same rows.
    const byTitle = 'select id from todos where title = $1 or id = $2';
    assert.deepEqual((await db.queryAs(claims.alice, byTitle, ['alice 3', '1'])).rows, [{ id: 1 }, { id: 3 }]);
    assert.deepEqual((await db.queryAs(claims.alice, byTitle, ['alice 3', 1])).rows, [{ id: 1 }, { id: 3 }]);
    assert.deepEqual((await db.queryAs(claims.alice, byTitle, [null, '4'])).rows, [], 'bob\'s row 4 stays hidden');
  });

  it('leaves neither the role nor the claims on the connection, after success or failure', async () => {
    const after = `select current_user::text as role, coalesce(current_setting('request.jwt.claims', true), '') as claims`;
    await db.queryAs(claims.alice, whoAmI);
    assert.deepEqual((await db.query(after)).rows, [{ role: 'postgres', claims: '' }]);
    await assert.rejects(db.queryAs(claims.alice, 'select nope from todos'), isCode('42703'));
    assert.deepEqual((await db.query(after)).rows, [{ role: 'postgres', claims: '' }]);
    await assert.rejects(db.queryAs({ role: 'postgres' as never }, whoAmI), /Unknown API role 'postgres'/);
  });

  it('reports Postgres errors with their position in the statement, and the next call works', async () => {
    const sql = 'select id, nope from todos';
    const err = await db.queryAs(claims.alice, sql).then(() => undefined, (e: unknown) => e);
    assert.ok(err instanceof DatabaseError, String(err));
    assert.equal(err.code, '42703');
    assert.equal(err.message, 'column "nope" does not exist');
    assert.equal(err.position, sql.indexOf('nope') + 1);
    assert.equal((await db.queryAs(claims.alice, whoAmI)).rows.length, 1);
  });

  it('commits a write at its end and rolls back a refused one, as one transaction', async () => {
    const insert = `insert into todos (title, owner) values ($1, $2::uuid) returning title`;
    assert.deepEqual((await db.queryAs(claims.alice, insert, ['queryAs kept', alice])).rows, [{ title: 'queryAs kept' }]);
    await assert.rejects(db.queryAs(claims.alice, insert, ['queryAs forged', bob]), isCode('42501'));
    const titles = (await db.query<{ title: string }>(`select title from todos where title like 'queryAs%' order by title`)).rows;
    assert.deepEqual(titles, [{ title: 'queryAs kept' }]);
    await db.query(`delete from todos where title like 'queryAs%'`);
  });

  it('answers after DDL changes a statement\'s result, and after DEALLOCATE ALL', async () => {
    await db.exec(`create table shapes (id int primary key, name text); insert into shapes values (1, 'one');
      grant select on shapes to authenticated`);
    const all = 'select * from shapes';
    assert.deepEqual((await db.queryAs(claims.alice, all)).rows, [{ id: 1, name: 'one' }]);
    await db.exec(`alter table shapes add column sides int default 3`);
    assert.deepEqual((await db.queryAs(claims.alice, all)).rows, [{ id: 1, name: 'one', sides: 3 }]);
    await db.exec('deallocate all');
    assert.deepEqual((await db.queryAs(claims.alice, all)).rows, [{ id: 1, name: 'one', sides: 3 }]);
    await db.exec('drop table shapes');
    await assert.rejects(db.queryAs(claims.alice, all), isCode('42P01'));
  });

  if (backend !== 'postgres') it(`keeps at most ${PREPARED_LIMIT} statements prepared, the least recently used closed first`, async () => {
    const open = async () => (await db.query<{ n: number }>('select count(*)::int as n from pg_prepared_statements')).rows[0].n;
    for (let i = 0; i < PREPARED_LIMIT + 30; i++) assert.deepEqual((await db.queryAs(claims.alice, `select ${i} as i`)).rows, [{ i }]);
    assert.ok((await open()) <= PREPARED_LIMIT + 1, `${await open()} prepared`);
    assert.deepEqual((await db.queryAs(claims.alice, 'select 0 as i')).rows, [{ i: 0 }], 'a closed statement is prepared again');
    assert.ok((await open()) <= PREPARED_LIMIT + 1);
  });

  // PGlite has one connection, where a pipeline inside an open BEGIN would run in that transaction and leave its
  // role switch to the statements after it. (A real Postgres pool runs the two on different connections.)
  if (backend !== 'postgres') it('waits for an open transaction instead of running inside it', async () => {
    let settled = false;
    let pending: Promise<unknown> | undefined;
    const roles = await db.transaction(async (tx) => {
      await tx.query(`insert into todos (title, owner) values ('in the open transaction', $1)`, [bob]);
      pending = db.queryAs(claims.alice, whoAmI).finally(() => (settled = true));
      const seen: unknown[] = [];
      for (let i = 0; i < 3; i++) seen.push((await tx.query<{ role: string }>('select current_user::text as role')).rows[0].role);
      assert.equal(settled, false, 'queryAs ran while the transaction was open');
      return seen;
    });
    assert.deepEqual(roles, ['postgres', 'postgres', 'postgres']);
    assert.deepEqual(((await pending) as { rows: unknown[] }).rows, [{ role: 'authenticated', uid: alice, claimed: 'authenticated', n: 3 }]);
    await db.query(`delete from todos where title = 'in the open transaction'`);
  });
});

// Our statement names are serverless_lab_<n>, counted from 1 on each open database. A learner's own PREPARE of such a
// name must not break the API for long, nor lose the learner's statement.
for (const backend of ['pglite', 'pglite-worker'] as const) describe(`baas Database.queryAs beside a learner's prepared statements (${backend})`, function () {
  this.timeout(120_000);
  let db: Database;
  let close: () => Promise<void>;
  before(async () => ({ db, close } = await openFixture(backend)));
  after(async () => close?.());

  it('runs under new names when a learner took ours, and leaves the learner\'s statements alone', async () => {
    // The first request would name its two statements _1 and _2, the retry _3 and _4: both collide.
    await db.exec(`prepare serverless_lab_2 as select 'mine' as owner; prepare serverless_lab_4 as select 'also mine' as owner`);
    await assert.rejects(db.queryAs(claims.alice, 'select count(*)::int as n from todos'), isCode('42P05'));
    assert.deepEqual((await db.queryAs(claims.alice, 'select count(*)::int as n from todos')).rows, [{ n: 3 }], 'the next request runs under _5 and _6');
    assert.deepEqual((await db.query('execute serverless_lab_2')).rows, [{ owner: 'mine' }]);
    assert.deepEqual((await db.query('execute serverless_lab_4')).rows, [{ owner: 'also mine' }]);
    // A new statement beside the prepared role switch (_5) would be _7: taken, so it runs as _8.
    await db.exec(`prepare serverless_lab_7 as select 'mine too' as owner`);
    assert.deepEqual((await db.queryAs(claims.bob, 'select count(*)::int as bobs from todos')).rows, [{ bobs: 1 }]);
    assert.deepEqual((await db.query('execute serverless_lab_7')).rows, [{ owner: 'mine too' }]);
  });
});

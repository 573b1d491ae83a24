// PGlite in a worker thread (src/core/baas/db/workerDatabase.ts): a runaway statement is stopped by the
// watchdog while this thread keeps running, committed data survives the restart, LISTEN comes back, and
// Postgres errors and transactions behave as with PGlite on this thread. (The REST and storage suites run on
// the worker too: BACKENDS in backends.ts.)
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import { openBaasDatabase } from '../../../src/core/baas';
import { formatSqlError } from '../../../src/core/baas/db/errors';
import { defaultTemplateCacheDir } from '../../../src/core/baas/db/pglite';
import { DatabaseError, type Database } from '../../../src/core/baas/db/types';
import { waitFor } from '../../helpers/waitFor';
import { tempWorkspace } from './helpers';

const isCode = (code: string, message?: RegExp) => (err: unknown) => {
  assert.ok(err instanceof DatabaseError, `expected a DatabaseError, got ${String(err)}`);
  assert.equal(err.code, code, err.message);
  if (message) assert.match(err.message, message);
  return true;
};

describe('baas database in a worker thread (PGlite + watchdog)', function () {
  this.timeout(180_000);
  let workspace: string;
  let db: Database;
  const restarts: string[] = [];

  before(async () => {
    workspace = tempWorkspace();
    db = await openBaasDatabase({ workspace, templateCacheDir: defaultTemplateCacheDir(), worker: { statementTimeoutMs: 1000, onRestart: (r) => restarts.push(r) } });
    await db.exec(`create table notes (body text); insert into notes values ('kept');`);
  });

  after(async () => {
    await db?.close();
    fs.rmSync(workspace, { recursive: true, force: true });
  });

  it('stops a runaway pg_sleep(60) after 1 s while this thread keeps running; queued and later queries see the committed data', async () => {
    let ticks = 0;
    let last = Date.now();
    let longestGap = 0;
    const timer = setInterval(() => {
      ticks++;
      longestGap = Math.max(longestGap, Date.now() - last);
      last = Date.now();
    }, 50);
    const started = Date.now();
    const runaway = db.query('select pg_sleep(60)');
    const queued = db.query<{ n: number }>('select count(*)::int as n from notes'); // waits behind the runaway, never ran
    try {
      await assert.rejects(runaway, isCode('57014', /^The statement ran longer than 1 s and was stopped\. The embedded database \(PGlite\) cannot cancel a running statement, so it was restarted; committed data is safe\.$/));
    } finally {
      clearInterval(timer);
    }
    const elapsed = Date.now() - started;
    assert.ok(elapsed < 8000, `rejected after ${elapsed} ms`);
    assert.ok(ticks >= 5 && longestGap < 1000, `this thread kept running: ${ticks} ticks, longest gap ${longestGap} ms`);
    assert.deepEqual((await queued).rows, [{ n: 1 }], 'a query queued behind the runaway runs on the restarted worker');
    assert.deepEqual((await db.query('select body from notes')).rows, [{ body: 'kept' }]);
    assert.deepEqual(restarts, ['a statement ran longer than 1 s']);
  });

  it('rolls back a transaction whose statement ran away, and LISTENs again after the restart', async () => {
    const payloads: string[] = [];
    const unlisten = await db.listen('worker_test', (p) => payloads.push(p));
    try {
      await assert.rejects(
        db.transaction(async (tx) => {
          await tx.query(`insert into notes values ('lost')`);
          await tx.query('with recursive r(n) as (select 1 union all select n + 1 from r) select count(*) from r');
        }),
        isCode('57014'),
      );
      assert.deepEqual((await db.query('select body from notes order by 1')).rows, [{ body: 'kept' }], 'the transaction was rolled back');
      await db.transaction(async (tx) => {
        await tx.query(`insert into notes values ('after')`);
        await tx.query(`select pg_notify('worker_test', 'after restart')`);
      });
      await waitFor(() => payloads.includes('after restart'), 'the notification after the restart');
      assert.deepEqual((await db.query('select body from notes order by 1')).rows, [{ body: 'after' }, { body: 'kept' }]);
    } finally {
      await unlisten();
    }
  });

  it('stops a runaway statement sent by queryAs (a REST read), and the next one runs as its role', async () => {
    const alice = { role: 'authenticated' as const, sub: '00000000-0000-0000-0000-00000000a11c' };
    await assert.rejects(db.queryAs(alice, 'select pg_sleep(60)'), isCode('57014'));
    assert.equal(restarts.at(-1), 'a statement ran longer than 1 s');
    assert.deepEqual((await db.queryAs(alice, 'select current_user::text as role, auth.uid()::text as uid')).rows, [{ role: 'authenticated', uid: alice.sub }]);
    assert.deepEqual((await db.query('select current_user::text as role')).rows, [{ role: 'postgres' }]);
  });

  it('keeps Postgres error fields, rollback on throw, serialisation and asRole across the thread', async () => {
    const sql = 'select *\nfron notes';
    const syntax = await db.exec(sql).then(() => undefined, (err: unknown) => err);
    assert.ok(syntax instanceof DatabaseError && syntax.code === '42601' && syntax.position === 10, String(syntax));
    assert.match(formatSqlError(syntax, sql), /LINE 2: fron notes\n {8}\^/);

    await db.exec('create table uniq (id int primary key)');
    await db.query('insert into uniq values (1)');
    await assert.rejects(db.query('insert into uniq values ($1)', [1]), (err: unknown) => isCode('23505')(err) && (err as DatabaseError).detail === 'Key (id)=(1) already exists.');

    await assert.rejects(db.transaction(async (tx) => {
      await tx.query('insert into uniq values (2)');
      throw new Error('boom');
    }), /boom/);
    assert.deepEqual((await db.query('select id from uniq order by 1')).rows, [{ id: 1 }], 'a throwing function rolls back');

    // A query from outside waits until the open transaction commits, as PGlite serialises them.
    let outside: Promise<{ rows: { n: number }[] }> | undefined;
    await db.transaction(async (tx) => {
      await tx.query('insert into uniq values (3)');
      outside = db.query<{ n: number }>('select count(*)::int as n from uniq');
      await tx.query('select 1'); // the outside query had its chance to overtake
    });
    assert.deepEqual((await outside!).rows, [{ n: 2 }]);

    const who = await db.asRole({ role: 'authenticated', sub: '00000000-0000-0000-0000-00000000a11c' }, (tx) => tx.query('select current_user as role, auth.uid()::text as uid'));
    assert.deepEqual(who.rows, [{ role: 'authenticated', uid: '00000000-0000-0000-0000-00000000a11c' }]);
    const dump = await db.dump!();
    assert.ok(Buffer.isBuffer(dump) && dump[0] === 0x1f && dump[1] === 0x8b, 'dump is a gzipped tarball');
  });
});

import { strict as assert } from 'node:assert';
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as readline from 'node:readline';
import { BAAS_DATA_DIR, openBaasDatabase } from '../../../src/core/baas';
import { BaasDataError, listBackups, resetDatabase, restoreBackup } from '../../../src/core/baas/db/recovery';
import { tempWorkspace } from './helpers';

const CLI = path.join(__dirname, '..', '..', '..', 'dist', 'cli.js');
const migrate = (ws: string, name: string, sql: string) => {
  fs.mkdirSync(path.join(ws, 'supabase', 'migrations'), { recursive: true });
  fs.writeFileSync(path.join(ws, 'supabase', 'migrations', name), sql);
};

describe('baas data directory: lock, automatic backup, damage and recovery (PGlite)', function () {
  this.timeout(300_000);
  let ws: string;
  beforeEach(() => (ws = tempWorkspace()));
  afterEach(() => fs.rmSync(ws, { recursive: true, force: true }));

  it('lets one process at a time open a workspace database, and takes over a lock left by a dead process', async () => {
    const first = await openBaasDatabase({ workspace: ws });
    try {
      await assert.rejects(openBaasDatabase({ workspace: ws }), (err: unknown) => {
        assert.ok(err instanceof BaasDataError);
        assert.equal(err.kind, 'locked');
        assert.match(err.message, /is in use by process \d+ \(this one\): another VS Code window or `serverless-lab baas serve`/);
        return true;
      });
    } finally {
      await first.close();
    }
    const dead = spawnSync(process.execPath, ['-e', '0']).pid;
    fs.writeFileSync(path.join(ws, BAAS_DATA_DIR, 'db.lock'), JSON.stringify({ pid: dead }));
    const again = await openBaasDatabase({ workspace: ws });
    await again.close();
    assert.ok(!fs.existsSync(path.join(ws, BAAS_DATA_DIR, 'db.lock')), 'close releases the lock');
  });

  it('backs up before migrations; a damaged database says how to recover, and restore brings the data back', async () => {
    migrate(ws, '001_notes.sql', 'create table notes (body text);');
    let db = await openBaasDatabase({ workspace: ws });
    await db.query(`insert into notes values ('kept')`);
    await db.close();
    const baasDir = path.join(ws, BAAS_DATA_DIR);
    assert.deepEqual(await listBackups(baasDir), [], 'a fresh database has nothing to back up');
    migrate(ws, '002_tags.sql', 'create table tags (name text);');
    db = await openBaasDatabase({ workspace: ws });
    await db.close();
    assert.equal((await listBackups(baasDir)).length, 1, 'one backup, taken before 002 ran');

    fs.writeFileSync(path.join(baasDir, 'db', 'global', 'pg_control'), Buffer.alloc(8192, 7));
    const error = await openBaasDatabase({ workspace: ws }).then(() => undefined, (err: unknown) => err);
    assert.ok(error instanceof BaasDataError, String(error));
    assert.equal(error.kind, 'damaged');
    assert.match(error.message, /could not be opened .*restore the automatic backup db-\d{8}T\d{6}\.tar\.gz \(serverless-lab baas restore --dir .*\), or reset it to an empty database \(serverless-lab baas reset --dir .*\)/);
    assert.ok(!fs.existsSync(path.join(baasDir, 'db.lock')), 'a failed open releases the lock');

    const { keptAt } = await restoreBackup(baasDir);
    assert.ok(keptAt && fs.existsSync(path.join(keptAt, 'global', 'pg_control')), 'the damaged folder is kept, not deleted');
    db = await openBaasDatabase({ workspace: ws });
    try {
      assert.deepEqual((await db.query('select body from notes')).rows, [{ body: 'kept' }]);
      assert.deepEqual((await db.query(`select count(*)::int as n from pg_tables where tablename = 'tags'`)).rows, [{ n: 1 }], '002 applied again after the restore');
    } finally {
      await db.close();
    }
    await resetDatabase(baasDir);
    db = await openBaasDatabase({ workspace: ws });
    try {
      assert.deepEqual((await db.query('select body from notes')).rows, [], 'reset: migrations only, no rows');
    } finally {
      await db.close();
    }
  });

  it('loses no acknowledged write when the server is killed during writes (needs npm run build)', async () => {
    migrate(ws, '001_events.sql', 'create table events (n int primary key);');
    const child = spawn(process.execPath, [CLI, 'baas', 'serve', '--dir', ws], { stdio: ['ignore', 'pipe', 'pipe'] });
    const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
    const info = JSON.parse(
      await new Promise<string>((resolve, reject) => {
        readline.createInterface({ input: child.stdout! }).once('line', resolve);
        child.once('exit', () => reject(new Error('serve exited before printing its first line')));
      }),
    ) as { url: string; serviceRoleKey: string };
    const headers = { apikey: info.serviceRoleKey, authorization: `Bearer ${info.serviceRoleKey}`, 'content-type': 'application/json' };
    const acked: number[] = [];
    let n = 0;
    // Four writers; the kill lands while requests are in flight.
    const writers = Array.from({ length: 4 }, async () => {
      for (;;) {
        const value = ++n;
        const res = await fetch(`${info.url}/rest/v1/events`, { method: 'POST', headers, body: JSON.stringify({ n: value }) }).catch(() => undefined);
        if (!res) return;
        if (res.status === 201) acked.push(value);
        if (acked.length >= 40 && !child.killed) child.kill('SIGKILL');
      }
    });
    await Promise.all(writers);
    await exited;
    const db = await openBaasDatabase({ workspace: ws }); // the lock of the killed server is stale: taken over
    try {
      const stored = new Set((await db.query<{ n: number }>('select n from events')).rows.map((r) => r.n));
      assert.ok(acked.length >= 40);
      assert.deepEqual(acked.filter((v) => !stored.has(v)), [], `every acknowledged insert survived (${acked.length} acked, ${stored.size} stored)`);
    } finally {
      await db.close();
    }
  });
});

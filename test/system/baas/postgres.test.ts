import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import { startBaas, type RunningBaas } from '../../../src/core/baas';
import { call, tempWorkspace } from './helpers';
import { postgresBin, startCluster } from './postgresCluster';

const bin = postgresBin();

describe('baas on a real Postgres server', function () {
  this.timeout(180_000);
  let cluster: { url: string; stop(): void };
  let workspace: string;
  let baas: RunningBaas;
  before(async function () {
    // Debian's postgresql package is a CI prerequisite (.ci/run); without it say so rather than pass.
    if (!bin) throw new Error('Debian postgresql is not installed: apt-get install -y postgresql');
    cluster = await startCluster(bin);
    workspace = tempWorkspace();
    baas = await startBaas({ workspace, databaseUrl: cluster.url, autoConfirm: true });
  });
  after(async () => {
    await baas?.close();
    cluster?.stop();
    if (workspace) fs.rmSync(workspace, { recursive: true, force: true });
  });

  it('signs up, signs in and enforces RLS per user through asRole', async () => {
    const up = await call(baas, 'POST', '/auth/v1/signup', { body: { email: 'pg@example.com', password: 'secret123' } });
    assert.equal(up.status, 200);
    const inn = await call(baas, 'POST', '/auth/v1/token?grant_type=password', { body: { email: 'pg@example.com', password: 'secret123' } });
    assert.equal(inn.status, 200);
    await baas.db.exec(`create table public.notes (id serial primary key, owner uuid default auth.uid(), body text);
      alter table notes enable row level security;
      create policy own on notes using (owner = auth.uid()) with check (owner = auth.uid());`);
    const alice = { role: 'authenticated' as const, sub: up.body.user.id as string };
    await baas.db.asRole(alice, (tx) => tx.query(`insert into notes (body) values ('mine')`));
    const bob = { role: 'authenticated' as const, sub: '22222222-2222-2222-2222-222222222222' };
    assert.equal((await baas.db.asRole(bob, (tx) => tx.query('select * from notes'))).rows.length, 0);
    assert.equal((await baas.db.asRole(alice, (tx) => tx.query('select * from notes'))).rows.length, 1);
    await assert.rejects(baas.db.asRole(bob, (tx) => tx.query(`insert into notes (owner, body) values ($1, 'forged')`, [alice.sub])), /row-level security/);
  });
});

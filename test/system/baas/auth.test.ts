import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import { SignJWT } from 'jose';
import type { RunningBaas } from '../../../src/core/baas';
import { BACKENDS } from './backends';
import { call, startTestBaas, tempWorkspace } from './helpers';
import { postgresBin, startCluster } from './postgresCluster';

// The same suite runs on every backend: embedded PGlite (in-thread and in a worker) and a throwaway real Postgres cluster.
for (const backend of BACKENDS) describe(`baas /auth/v1 (${backend})`, function () {
  this.timeout(180_000);
  let workspace: string;
  let baas: RunningBaas;
  let cluster: { url: string; stop(): void } | undefined;
  let databaseUrl: string | undefined;
  before(async () => {
    workspace = tempWorkspace();
    if (backend === 'postgres') {
      const bin = postgresBin();
      if (!bin) throw new Error('Debian postgresql is not installed: apt-get install -y postgresql');
      cluster = await startCluster(bin);
      databaseUrl = cluster.url;
    }
    baas = await startTestBaas(workspace, true, databaseUrl, backend === 'pglite-worker');
  });
  after(async () => {
    await baas?.close();
    cluster?.stop();
    fs.rmSync(workspace, { recursive: true, force: true });
  });

  const signUp = (email: string) => call(baas, 'POST', '/auth/v1/signup', { body: { email, password: 'correct horse' } });

  it('signs up, signs in and returns the user for its token', async () => {
    const up = await signUp('alice@example.com');
    assert.equal(up.status, 200);
    assert.equal(up.body.user.email, 'alice@example.com');
    const bad = await call(baas, 'POST', '/auth/v1/token?grant_type=password', { body: { email: 'alice@example.com', password: 'wrong one' } });
    assert.equal(bad.status, 400);
    assert.equal(bad.body.error_code, 'invalid_credentials');
    const inn = await call(baas, 'POST', '/auth/v1/token?grant_type=password', { body: { email: 'alice@example.com', password: 'correct horse' } });
    assert.equal(inn.status, 200);
    const me = await call(baas, 'GET', '/auth/v1/user', { bearer: inn.body.access_token });
    assert.equal(me.status, 200);
    assert.equal(me.body.id, up.body.user.id);
    const payload = JSON.parse(Buffer.from(inn.body.access_token.split('.')[1], 'base64url').toString());
    assert.deepEqual([payload.sub, payload.role, payload.email, payload.aud], [up.body.user.id, 'authenticated', 'alice@example.com', 'authenticated']);
    assert.ok(payload.session_id && payload.exp > Date.now() / 1000);
  });

  it('rotates refresh tokens, and reuse of a rotated one revokes the session', async () => {
    const s = (await signUp('bob@example.com')).body;
    const r1 = await call(baas, 'POST', '/auth/v1/token?grant_type=refresh_token', { body: { refresh_token: s.refresh_token } });
    assert.equal(r1.status, 200);
    assert.notEqual(r1.body.refresh_token, s.refresh_token);
    const reuse = await call(baas, 'POST', '/auth/v1/token?grant_type=refresh_token', { body: { refresh_token: s.refresh_token } });
    assert.equal(reuse.status, 400);
    assert.equal(reuse.body.error_code, 'refresh_token_already_used');
    // The session is gone: even the newest token no longer works.
    const after = await call(baas, 'POST', '/auth/v1/token?grant_type=refresh_token', { body: { refresh_token: r1.body.refresh_token } });
    assert.equal(after.status, 400);
  });

  it('ends the session on logout', async () => {
    const s = (await signUp('carol@example.com')).body;
    const out = await call(baas, 'POST', '/auth/v1/logout', { bearer: s.access_token });
    assert.equal(out.status, 204);
    const r = await call(baas, 'POST', '/auth/v1/token?grant_type=refresh_token', { body: { refresh_token: s.refresh_token } });
    assert.equal(r.status, 400);
  });

  it('answers 401 and no data without a valid apikey or token', async () => {
    const s = (await signUp('dave@example.com')).body;
    assert.equal((await call(baas, 'GET', '/auth/v1/user', { apikey: null, bearer: s.access_token })).status, 401);
    assert.equal((await call(baas, 'GET', '/auth/v1/user', { apikey: 'not.a.jwt' })).status, 401);
    const [h, p] = s.access_token.split('.');
    const tampered = JSON.parse(Buffer.from(p, 'base64url').toString());
    tampered.role = 'service_role';
    const forged = `${h}.${Buffer.from(JSON.stringify(tampered)).toString('base64url')}.${s.access_token.split('.')[2]}`;
    const none = `${Buffer.from('{"alg":"none","typ":"JWT"}').toString('base64url')}.${Buffer.from(JSON.stringify(tampered)).toString('base64url')}.`;
    const wrongSecret = await new SignJWT({ role: 'service_role' }).setProtectedHeader({ alg: 'HS256' }).setExpirationTime('1h').sign(new TextEncoder().encode('x'.repeat(64)));
    const expired = await new SignJWT({ role: 'authenticated', sub: s.user.id })
      .setProtectedHeader({ alg: 'HS256' })
      .setExpirationTime(Math.floor(Date.now() / 1000) - 60)
      .sign(new TextEncoder().encode(fs.readFileSync(`${workspace}/.serverless-lab/baas/jwt-secret`, 'utf8')));
    for (const bad of [forged, none, wrongSecret, expired]) {
      const r = await call(baas, 'GET', '/auth/v1/admin/users', { bearer: bad });
      assert.equal(r.status, 401, bad);
      assert.equal(r.body.users, undefined);
    }
    const admin = await call(baas, 'GET', '/auth/v1/admin/users', { apikey: baas.serviceRoleKey, bearer: baas.serviceRoleKey });
    assert.equal(admin.status, 200);
    assert.ok(admin.body.users.length >= 1);
    assert.equal((await call(baas, 'GET', '/auth/v1/admin/users')).status, 403);
  });

  it('keeps users across a restart', async () => {
    await signUp('erin@example.com');
    await baas.close();
    baas = await startTestBaas(workspace, true, databaseUrl, backend === 'pglite-worker');
    const inn = await call(baas, 'POST', '/auth/v1/token?grant_type=password', { body: { email: 'erin@example.com', password: 'correct horse' } });
    assert.equal(inn.status, 200);
  });
});

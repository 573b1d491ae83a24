// The local mail API (`/mail/v1/send`): a function's transactional mail lands in the Inbox, marked as sent by a function.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import type { RunningBaas } from '../../../src/core/baas';
import { listInbox } from '../../../src/core/baas/explorer/users';
import { baasEnvironment } from '../../../src/core/baas/functionEnv';
import { FUNCTION_MAIL_KIND } from '../../../src/core/baas/mail';
import { call, startTestBaas, tempWorkspace } from './helpers';

describe('BaaS mail API (a model of a transactional mail provider)', function () {
  this.timeout(180_000);
  let workspace: string;
  let baas: RunningBaas;

  before(async () => {
    workspace = tempWorkspace();
    baas = await startTestBaas(workspace);
  });
  after(async () => {
    await baas?.close();
    fs.rmSync(workspace, { recursive: true, force: true });
  });

  it('stores a mail sent with the service-role key in the Inbox, kind "function", one row per recipient', async () => {
    const sent = await call(baas, 'POST', '/mail/v1/send', { apikey: baas.serviceRoleKey, body: { from: 'hello@example.com', to: ['Ada@Example.com', 'bob@example.com'], subject: 'Welcome', text: 'Hello Ada' } });
    assert.equal(sent.status, 200, JSON.stringify(sent.body));
    assert.match(sent.body.id, /^\d+$/);
    const inbox = await listInbox(baas.db);
    const mine = inbox.filter((m) => m.subject === 'Welcome').map((m) => ({ to: m.to, kind: m.kind, body: m.body, link: m.link }));
    assert.deepEqual(mine.sort((a, b) => a.to.localeCompare(b.to)), [
      { to: 'ada@example.com', kind: FUNCTION_MAIL_KIND, body: 'Hello Ada', link: null },
      { to: 'bob@example.com', kind: FUNCTION_MAIL_KIND, body: 'Hello Ada', link: null },
    ]);
  });

  it('refuses the anon key, a missing key, missing fields and bad addresses in Resend\'s error shape, storing nothing', async () => {
    const before = (await listInbox(baas.db)).length;
    const anon = await call(baas, 'POST', '/mail/v1/send', { body: { to: 'a@example.com', subject: 's', text: 't' } });
    assert.equal(anon.status, 403);
    assert.deepEqual(Object.keys(anon.body).sort(), ['message', 'name', 'statusCode']);
    assert.match(anon.body.message, /SUPABASE_SERVICE_ROLE_KEY/);
    assert.equal((await call(baas, 'POST', '/mail/v1/send', { apikey: null, body: { to: 'a@example.com', subject: 's', text: 't' } })).status, 401);
    const missing = await call(baas, 'POST', '/mail/v1/send', { apikey: baas.serviceRoleKey, body: { to: 'a@example.com' } });
    assert.equal(missing.status, 422);
    assert.equal(missing.body.name, 'missing_required_field');
    assert.match(missing.body.message, /subject.*text/);
    const bad = await call(baas, 'POST', '/mail/v1/send', { apikey: baas.serviceRoleKey, body: { to: 'not an address', subject: 's', text: 't' } });
    assert.equal(bad.status, 422);
    assert.equal(bad.body.name, 'validation_error');
    assert.equal((await call(baas, 'GET', '/mail/v1/send', { apikey: baas.serviceRoleKey })).status, 404);
    assert.equal((await listInbox(baas.db)).length, before);
  });

  it('gives functions the mail URL and key beside the Supabase variables', async () => {
    const env = baasEnvironment(baas);
    assert.equal(env.MAIL_API_URL, `${baas.url}/mail/v1/send`);
    assert.equal(env.MAIL_API_KEY, baas.serviceRoleKey);
    assert.equal(env.SUPABASE_SERVICE_ROLE_KEY, baas.serviceRoleKey);
    const res = await fetch(env.MAIL_API_URL, { method: 'POST', headers: { 'content-type': 'application/json', apikey: env.MAIL_API_KEY, authorization: `Bearer ${env.MAIL_API_KEY}` }, body: JSON.stringify({ to: 'carol@example.com', subject: 'Hi', text: 'x' }) });
    assert.equal(res.status, 200);
  });
});

import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { serveBaas, tempWorkspace } from './helpers';

const CLI = path.join(__dirname, '..', '..', '..', 'dist', 'cli.js');

describe('serverless-lab baas serve (needs npm run build)', function () {
  this.timeout(180_000);
  let workspace: string;
  beforeEach(() => (workspace = tempWorkspace()));
  afterEach(() => fs.rmSync(workspace, { recursive: true, force: true }));

  it('prints url and keys as its first line, serves, and stops cleanly on SIGTERM', async () => {
    const serve = await serveBaas(CLI, ['--dir', workspace, '--auto-confirm']);
    const { info } = serve;
    assert.deepEqual(Object.keys(info), ['url', 'anonKey', 'serviceRoleKey']);
    assert.match(info.url, /^http:\/\/127\.0\.0\.1:\d+$/);
    const res = await fetch(`${info.url}/auth/v1/settings`, { headers: { apikey: info.anonKey } });
    assert.equal(res.status, 200);
    assert.equal((await fetch(`${info.url}/auth/v1/settings`)).status, 401);
    assert.equal(await serve.stop(), 0, serve.stderr());
  });
});

describe('serverless-lab baas serve: a runaway statement (needs npm run build)', function () {
  this.timeout(180_000);
  let workspace: string;
  beforeEach(() => (workspace = tempWorkspace()));
  afterEach(() => fs.rmSync(workspace, { recursive: true, force: true }));

  it('stops it after --statement-timeout, says so on stderr, and keeps serving the committed data', async () => {
    fs.mkdirSync(path.join(workspace, 'supabase', 'migrations'), { recursive: true });
    fs.writeFileSync(path.join(workspace, 'supabase', 'migrations', '001_slow.sql'),
      `create table notes (body text); insert into notes values ('kept');\ncreate function slow() returns void language sql as $$ select pg_sleep(60) $$;`);
    const serve = await serveBaas(CLI, ['--dir', workspace, '--statement-timeout', '1']);
    let code: number | null;
    try {
      const { info } = serve;
      const headers = { apikey: info.serviceRoleKey, authorization: `Bearer ${info.serviceRoleKey}`, 'content-type': 'application/json' };
      const started = Date.now();
      const slow = await fetch(`${info.url}/rest/v1/rpc/slow`, { method: 'POST', headers, body: '{}' });
      assert.equal(slow.status, 500, await slow.text());
      assert.ok(Date.now() - started < 15_000, `answered after ${Date.now() - started} ms`);
      const notes = await fetch(`${info.url}/rest/v1/notes?select=body`, { headers });
      assert.equal(notes.status, 200);
      assert.deepEqual(await notes.json(), [{ body: 'kept' }]);
      assert.match(serve.stderr(), /the embedded database was restarted: a statement ran longer than 1 s/);
    } finally {
      code = await serve.stop();
    }
    assert.equal(code, 0);
  });
});

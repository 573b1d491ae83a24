import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { RunningBaas } from '../../../src/core/baas';
import { provideBaasEnvironment } from '../../../src/core/baas/functionEnv';
import { createRuntime, type RuntimeService } from '../../../src/core/runtime';
import { bootstrapDir, buildBootstraps } from '../invoker/helpers';
import { call, startTestBaas, tempWorkspace } from './helpers';

const fixtures = path.join(__dirname, 'fixtures', 'functionEnv');

describe('functions get SUPABASE_URL and SUPABASE_ANON_KEY from the running BaaS', function () {
  this.timeout(240_000);
  let workspace: string;
  let functions: string;
  let baas: RunningBaas;
  let runtime: RuntimeService;
  let running: RunningBaas | undefined;

  before(async () => {
    workspace = tempWorkspace();
    // The function folder resolves supabase-js and ws from the repository, as a learner's would from their node_modules.
    functions = fs.mkdtempSync(path.join(os.tmpdir(), 'baas-fn-'));
    for (const f of fs.readdirSync(fixtures)) fs.copyFileSync(path.join(fixtures, f), path.join(functions, f));
    fs.symlinkSync(path.resolve(__dirname, '../../../node_modules'), path.join(functions, 'node_modules'), 'dir');
    await buildBootstraps();
    baas = await startTestBaas(workspace);
    await baas.db.exec(`
      create table todos (id serial primary key, title text not null, owner uuid not null default auth.uid());
      alter table todos enable row level security;
      create policy "own rows" on todos for select to authenticated using (owner = auth.uid());`);
    const ids: Record<string, string> = {};
    for (const name of ['alice', 'bob']) {
      const up = await call(baas, 'POST', '/auth/v1/signup', { body: { email: `${name}@example.com`, password: 'correct horse' } });
      ids[name] = up.body.user.id;
    }
    await baas.db.query('insert into todos (title, owner) values ($1, $2), ($3, $2), ($4, $5)', ['alice a', ids.alice, 'alice b', 'bob a', ids.bob]);
    runtime = createRuntime({ folders: [functions], invoker: { bootstrapDir } });
    running = baas;
    provideBaasEnvironment(runtime, () => running);
  });
  after(async () => {
    await runtime?.invoker.dispose();
    await baas?.close();
    fs.rmSync(workspace, { recursive: true, force: true });
    fs.rmSync(functions, { recursive: true, force: true });
  });

  for (const file of ['reader.js', 'reader.py']) {
    it(`${file} reads through RLS: nothing as anon, only the caller's rows when signed in`, async () => {
      const anon = await runtime.invoke(file, {}, { source: 'baas-trigger', forceCold: true });
      assert.equal(anon.error, undefined, JSON.stringify(anon.error));
      assert.deepEqual(anon.response, []);
      const alice = await runtime.invoke(file, { email: 'alice@example.com', password: 'correct horse' }, { source: 'baas-trigger' });
      assert.equal(alice.error, undefined, JSON.stringify(alice.error));
      assert.deepEqual(alice.response, ['alice a', 'alice b']);
    });
  }

  it('adds nothing while the BaaS is stopped', async () => {
    running = undefined;
    try {
      const r = await runtime.invoke('reader.py', {}, { source: 'baas-trigger', forceCold: true });
      assert.deepEqual([r.error?.errorType, r.error?.errorMessage], ['KeyError', "'SUPABASE_ANON_KEY'"]);
    } finally {
      running = baas;
    }
  });
});

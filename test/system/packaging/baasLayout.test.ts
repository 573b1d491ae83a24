// The BaaS must start from the packaged extension alone: PGlite, pg and jose are external to the bundles,
// so the .vsix ships them (see .vscodeignore). This copies exactly what `vsce ls` selects into a folder
// outside the repository, where no other node_modules can be found, and runs the BaaS from there.
import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

import { serveBaas } from '../baas/helpers';

const root = path.resolve(__dirname, '..', '..', '..');

describe('packaging: the BaaS runs from the .vsix file selection alone', function () {
  this.timeout(300_000);
  let layout: string;
  let workspace: string;

  before(() => {
    assert.ok(fs.existsSync(path.join(root, 'dist', 'cli.js')), 'dist/ is not built: run npm run build first');
    const vsce = path.join(path.dirname(require.resolve('@vscode/vsce/package.json')), 'vsce');
    const r = spawnSync(process.execPath, [vsce, 'ls'], { cwd: root, encoding: 'utf8', timeout: 120_000 });
    assert.strictEqual(r.status, 0, `vsce ls failed: ${r.stderr || r.error}`);
    layout = fs.mkdtempSync(path.join(os.tmpdir(), 'vsix-layout-'));
    for (const f of r.stdout.split('\n').map((l) => l.trim()).filter(Boolean)) {
      fs.mkdirSync(path.dirname(path.join(layout, f)), { recursive: true });
      fs.copyFileSync(path.join(root, f), path.join(layout, f));
    }
    workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'vsix-baas-'));
  });
  after(() => {
    for (const d of [layout, workspace]) if (d) fs.rmSync(d, { recursive: true, force: true });
  });

  it('creates a database with PGlite (wasm and data files included) and runs SQL through the packaged CLI', () => {
    const r = spawnSync(process.execPath, [path.join(layout, 'dist', 'cli.js'), 'baas', 'sql', 'select 40 + 2 as answer, auth.role() as role', '--dir', workspace], {
      cwd: layout,
      encoding: 'utf8',
      timeout: 240_000,
    });
    assert.strictEqual(r.status, 0, r.stderr);
    assert.deepStrictEqual(JSON.parse(r.stdout), [{ answer: 42, role: null }]);
    assert.ok(fs.existsSync(path.join(workspace, '.serverless-lab', 'baas', 'db', 'PG_VERSION')));
  });

  it('serves through the packaged CLI with PGlite in its worker thread (dist/pgliteWorker.js)', async () => {
    const serve = await serveBaas(path.join(layout, 'dist', 'cli.js'), ['--dir', workspace], layout);
    let code: number | null;
    try {
      const { info } = serve;
      const res = await fetch(`${info.url}/auth/v1/admin/users`, { headers: { apikey: info.serviceRoleKey, authorization: `Bearer ${info.serviceRoleKey}` } });
      assert.strictEqual(res.status, 200, await res.clone().text());
      assert.deepStrictEqual(((await res.json()) as { users: unknown[] }).users, []);
    } finally {
      code = await serve.stop();
    }
    assert.strictEqual(code, 0, serve.stderr());
  });

  it('resolves pg and jose from the packaged node_modules', () => {
    const script = "require('pg'); import('jose').then((j) => console.log(typeof j.jwtVerify, require.resolve('pg')))";
    const r = spawnSync(process.execPath, ['-e', script], { cwd: layout, encoding: 'utf8', timeout: 60_000 });
    assert.strictEqual(r.status, 0, r.stderr);
    assert.strictEqual(r.stdout.trim(), `function ${path.join(fs.realpathSync(layout), 'node_modules', 'pg', 'lib', 'index.js')}`);
  });
});

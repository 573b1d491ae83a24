import { strict as assert } from 'node:assert';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as readline from 'node:readline';
import { tempWorkspace } from './helpers';

const CLI = path.join(__dirname, '..', '..', '..', 'dist', 'cli.js');

describe('serverless-lab baas serve (needs npm run build)', function () {
  this.timeout(180_000);
  let workspace: string;
  beforeEach(() => (workspace = tempWorkspace()));
  afterEach(() => fs.rmSync(workspace, { recursive: true, force: true }));

  it('prints url and keys as its first line, serves, and stops cleanly on SIGTERM', async () => {
    const child = spawn(process.execPath, [CLI, 'baas', 'serve', '--dir', workspace, '--auto-confirm'], { stdio: ['ignore', 'pipe', 'inherit'] });
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    const first = await new Promise<string>((resolve, reject) => {
      readline.createInterface({ input: child.stdout! }).once('line', resolve);
      child.once('exit', () => reject(new Error('serve exited before printing its first line')));
    });
    const info = JSON.parse(first) as { url: string; anonKey: string; serviceRoleKey: string };
    assert.deepEqual(Object.keys(info), ['url', 'anonKey', 'serviceRoleKey']);
    assert.match(info.url, /^http:\/\/127\.0\.0\.1:\d+$/);
    const res = await fetch(`${info.url}/auth/v1/settings`, { headers: { apikey: info.anonKey } });
    assert.equal(res.status, 200);
    assert.equal((await fetch(`${info.url}/auth/v1/settings`)).status, 401);
    child.kill('SIGTERM');
    assert.equal(await exited, 0);
  });
});

// Issue 12 §3.5: child processes count and die with their sandbox. The whole tree's memory counts
// against Memory Size, the whole tree (detached and re-parented children too) is killed when the
// sandbox ends, and the CLI never waits on a handler's leftover children.
import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as esbuild from 'esbuild';
import * as path from 'path';
import { createInvoker, type Invoker } from '../../../src/core/invoker';
import { hostPlatform } from '../../../src/core/invoker/platform';
import { bootstrapDir, buildBootstraps, makeDir, newInvoker, nodeFn, removeDir, waitFor } from '../../unit/invoker/helpers';
import { alive } from './procState';

const root = path.resolve(__dirname, '..', '..', '..');
const caps = hostPlatform().capabilities;

/** A handler that starts `node -e <code>` as a child (options in JSON) and returns its pid once it prints "ready". */
function childHandler(code: string, options: string, wait: string): string {
  return `const { spawn } = require('child_process');
exports.handler = () => new Promise((resolve, reject) => {
  const child = spawn(process.execPath, ['-e', ${JSON.stringify(code)}], ${options});
  child.on('error', reject);
  ${wait}
});
`;
}

describe('system: invoker process trees', function () {
  this.timeout(60000);
  let invoker: Invoker;
  let dir: string | undefined;

  beforeEach(async () => {
    invoker = await newInvoker();
  });
  afterEach(async () => {
    await invoker.dispose();
    removeDir(dir);
    dir = undefined;
  });

  it("counts a child's memory: a 128 MB function whose child holds 600 MB runs out of memory", async () => {
    const hog = "const b = Buffer.alloc(600 * 1024 * 1024, 1); console.log('ready', b.length); setInterval(() => {}, 1000);";
    dir = makeDir({ 'hog.js': childHandler(hog, "{ stdio: ['ignore', 'pipe', 'inherit'] }", "child.stdout.once('data', () => setTimeout(() => resolve('survived'), 2000));") });
    const r = await invoker.invoke(nodeFn(dir, 'hog.js', { timeoutSec: 20 }), { event: {} });
    if (caps.memoryLimitEnforced) {
      assert.strictEqual(r.error?.errorType, 'Runtime.OutOfMemory', JSON.stringify(r.error ?? r.response));
      assert.ok(r.report.maxMemoryUsedMb >= 128, `Max Memory Used ${r.report.maxMemoryUsedMb} MB`);
    } else {
      assert.strictEqual(r.platformLimits?.memoryLimitEnforced, false);
      assert.ok(r.platformLimits?.notes.includes('memory limit not enforced on this OS'));
    }
  });

  it('on an OS without memory enforcement (injected platform), the record says so instead of killing', async () => {
    const platform = { ...hostPlatform(), capabilities: { ...caps, memoryLimitEnforced: false, memoryMeasurement: 'runtime-report' as const } };
    const lenient = createInvoker({ bootstrapDir, platform });
    try {
      dir = makeDir({ 'big.js': 'const keep = []; exports.handler = async () => { keep.push(Buffer.alloc(200 * 1024 * 1024, 1)); return keep.length; };\n' });
      const r = await lenient.invoke(nodeFn(dir, 'big.js', { timeoutSec: 20 }), { event: {} });
      assert.strictEqual(r.response, 1, JSON.stringify(r.error));
      assert.strictEqual(r.platformLimits?.memoryLimitEnforced, false);
      assert.ok(r.platformLimits?.notes.includes('memory limit not enforced on this OS'), JSON.stringify(r.platformLimits));
    } finally {
      await lenient.dispose();
    }
  });

  it('kills the whole tree when the sandbox ends: a detached child and a re-parented grandchild', async () => {
    // The child starts a detached grandchild, prints both pids and exits: the grandchild is an orphan.
    const parent = "const { spawn } = require('child_process'); const g = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { detached: true, stdio: 'ignore' }); g.unref(); console.log(process.pid + ' ' + g.pid);";
    dir = makeDir({
      'tree.js': childHandler(parent, "{ stdio: ['ignore', 'pipe', 'inherit'] }", `const detached = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { detached: true, stdio: 'ignore' });
  detached.unref();
  let out = '';
  child.stdout.on('data', (c) => (out += c));
  child.on('exit', () => resolve({ detached: detached.pid, grandchild: Number(out.trim().split(' ')[1]) }));`),
    });
    // Four Node processes hold ~40 MB each: room enough, since the whole tree counts.
    const r = await invoker.invoke(nodeFn(dir, 'tree.js', { memoryMb: 512 }), { event: {} });
    const pids = r.response as { detached: number; grandchild: number };
    assert.ok(pids?.detached > 0 && pids.grandchild > 0, JSON.stringify(r.error ?? r.response) + r.logs.join("\n"));
    assert.ok(alive(pids.detached) && alive(pids.grandchild), 'both running while the sandbox lives');
    await invoker.stopSandboxes();
    const gone = await waitFor(() => !alive(pids.detached) && !alive(pids.grandchild), 5000);
    // Clean up before asserting, so a failure leaves nothing behind.
    for (const p of [pids.detached, pids.grandchild]) try { process.kill(p, 'SIGKILL'); } catch { /* gone */ }
    if (caps.orphansKilled) assert.ok(gone, 'detached child and orphaned grandchild killed with the sandbox');
    else assert.ok(r.platformLimits?.notes.some((n) => n.includes('detached child processes')));
  });

  it('the CLI exits promptly although a detached child keeps the sandbox stdout open', async () => {
    await buildBootstraps();
    const cliBundle = path.join(root, 'out', 'system-cli', 'cli.js');
    await esbuild.build({ entryPoints: [path.join(root, 'src', 'cli', 'index.ts')], outfile: cliBundle, bundle: true, platform: 'node', format: 'cjs', target: 'node20', mainFields: ['module', 'main'], logLevel: 'error' });
    // The child holds the sandbox's stdout for 60 s; before the fix the CLI waited that long.
    dir = makeDir({ 'leak.js': childHandler('setTimeout(() => {}, 60000)', "{ detached: true, stdio: ['ignore', 'inherit', 'inherit'] }", 'child.unref(); resolve(child.pid);') });
    const r = spawnSync(process.execPath, [cliBundle, 'invoke', path.join(dir, 'leak.js'), '--json'], { env: { ...process.env, SERVERLESS_LAB_BOOTSTRAP_DIR: bootstrapDir }, encoding: 'utf8', timeout: 20000 });
    const record = r.stdout ? JSON.parse(r.stdout.trim().split('\n')[0]) : undefined;
    const child = typeof record?.response === 'number' ? record.response : 0;
    if (child) try { process.kill(child, 'SIGKILL'); } catch { /* gone, as it should be */ }
    assert.strictEqual(r.error, undefined, 'the CLI did not exit within 20 s');
    assert.strictEqual(r.status, 0, r.stderr);
    assert.ok(child > 0, r.stdout);
  });
});

// `serverless-lab invoke` flags that show platform behaviour from a terminal (issue 12 §3 items 9, 10):
// reserved and provisioned concurrency, --gap between sequential calls, contended Init figures labelled.
import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as esbuild from 'esbuild';
import * as os from 'os';
import * as path from 'path';
import type { InvocationRecord } from '../../../src/core/invoker';
import { bootstrapDir, buildBootstraps, makeDir, removeDir } from '../../unit/invoker/helpers';

const root = path.resolve(__dirname, '..', '..', '..');
const cliBundle = path.join(root, 'out', 'system-cli', 'cli.js');
const env = { ...process.env, SERVERLESS_LAB_BOOTSTRAP_DIR: bootstrapDir };

function cli(args: string[]) {
  return spawnSync(process.execPath, [cliBundle, 'invoke', ...args], { env, encoding: 'utf8', timeout: 60000 });
}

function records(stdout: string): InvocationRecord[] {
  return stdout.trim().split('\n').map((l) => JSON.parse(l) as InvocationRecord);
}

describe('invoker fidelity: CLI flags', function () {
  this.timeout(90000);
  let dir: string;

  before(async () => {
    await buildBootstraps();
    await esbuild.build({
      entryPoints: [path.join(root, 'src', 'cli', 'index.ts')], outfile: cliBundle, bundle: true, platform: 'node', format: 'cjs',
      target: 'node20', mainFields: ['module', 'main'], logLevel: 'error',
    });
    dir = makeDir({
      'slow.js': 'exports.handler = () => new Promise((resolve) => setTimeout(() => resolve("ok"), 300));\n',
      'fast.js': 'exports.handler = async () => "ok";\n',
      'late.js': 'exports.handler = async () => { setTimeout(() => Promise.reject(new Error("late boom")), 50); return "ok"; };\n',
    });
  });
  after(() => removeDir(dir));

  it('--reserved-concurrency throttles invocations beyond it with TooManyRequestsException', () => {
    const r = cli([path.join(dir, 'slow.js'), '--reserved-concurrency', '1', '--concurrency', '2', '--repeat', '2', '--json']);
    const errors = records(r.stdout).map((x) => x.error?.errorType ?? 'ok').sort();
    assert.deepStrictEqual(errors, ['TooManyRequestsException', 'ok'], r.stdout + r.stderr);
    assert.strictEqual(r.status, 1);
  });

  it('--provisioned-concurrency initializes before the first call, which then shows no Init Duration', () => {
    const r = cli([path.join(dir, 'fast.js'), '--provisioned-concurrency', '1', '--json']);
    assert.strictEqual(r.status, 0, r.stderr);
    const [first] = records(r.stdout);
    assert.deepStrictEqual([first.response, first.cold, first.report.initDurationMs], ['ok', false, undefined]);
  });

  it('--gap idles between sequential calls, so work left running fails the next call', () => {
    const r = cli([path.join(dir, 'late.js'), '--repeat', '2', '--gap', '400', '--json']);
    const [first, second] = records(r.stdout);
    assert.strictEqual(first.response, 'ok');
    assert.ok(second.timings.startedAt - first.timings.startedAt >= 400, 'the second call waited for the gap');
    assert.strictEqual(second.error?.errorType, 'Runtime.UnhandledPromiseRejection', r.stdout);
    assert.strictEqual(second.leftoverFrom, first.requestId);
    const text = cli([path.join(dir, 'late.js'), '--repeat', '2', '--gap', '400']);
    assert.match(text.stdout, /^\[serverless-lab\] This error did not come from this invocation's code path: work left running by invocation [0-9a-f-]{36}/m);
  });

  it('rejects bad flag values with exit status 2', () => {
    const r = cli([path.join(dir, 'fast.js'), '--gap', 'soon']);
    assert.strictEqual(r.status, 2);
    assert.match(r.stderr, /^--gap soon: expected a whole number ≥ 0\./);
  });

  it('labels Init Duration as inflated by the local machine when cold starts outnumber the cores', () => {
    const n = String(os.availableParallelism() + 2);
    const r = cli([path.join(dir, 'fast.js'), '--concurrency', n, '--repeat', n, '--json']);
    const all = records(r.stdout);
    assert.strictEqual(all.length, Number(n));
    for (const x of all) {
      assert.strictEqual(x.hostContended, true, JSON.stringify(x.host));
      assert.strictEqual(x.host?.concurrentInits, Number(n));
      assert.strictEqual(x.host?.cores, os.availableParallelism());
    }
    const text = cli([path.join(dir, 'fast.js'), '--concurrency', n, '--repeat', n]);
    assert.match(text.stdout, new RegExp(`^\\[serverless-lab\\] Init Duration inflated by the local machine: ${n} cold starts ran at once on ${os.availableParallelism()} cores`, 'm'));
    const alone = records(cli([path.join(dir, 'fast.js'), '--json']).stdout)[0];
    assert.strictEqual(alone.hostContended, undefined);
    assert.strictEqual(alone.host?.concurrentInits, 1);
  });
});

// `serverless-lab invoke` end to end through the real CLI entry point (bundled from source with esbuild).
import * as assert from 'assert';
import * as esbuild from 'esbuild';
import { spawn, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { parseEvent } from '../../../src/cli/commands/invoke';
import { runtimeForFile } from '../../../src/core/functions';
import { bootstrapDir, buildBootstraps, makeDir, removeDir, waitFor } from './helpers';

const root = path.resolve(__dirname, '..', '..', '..');
/** The CLI bundled from source the way scripts/build.mjs does (fast to start, unlike tsx). */
const cliBundle = path.join(root, 'out', 'unit-cli', 'cli.js');
const env = { ...process.env, SERVERLESS_LAB_BOOTSTRAP_DIR: bootstrapDir };

function cli(args: string[], input?: string) {
  return spawnSync(process.execPath, [cliBundle, 'invoke', ...args], { env, encoding: 'utf8', input, timeout: 30000 });
}

/** Live processes whose environment carries `marker` (sandboxes started by a CLI run). */
function markedProcesses(marker: string): number[] {
  return fs.readdirSync('/proc').filter((p) => /^\d+$/.test(p)).filter((p) => {
    try {
      const stat = fs.readFileSync(`/proc/${p}/stat`, 'latin1');
      return stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z' && fs.readFileSync(`/proc/${p}/environ`, 'latin1').includes(marker);
    } catch {
      return false;
    }
  }).map(Number);
}

describe('invoker: serverless-lab invoke (CLI)', function () {
  this.timeout(60000);
  let dir: string;

  before(async () => {
    await buildBootstraps();
    await esbuild.build({
      entryPoints: [path.join(root, 'src', 'cli', 'index.ts')], outfile: cliBundle, bundle: true, platform: 'node', format: 'cjs',
      target: 'node20', mainFields: ['module', 'main'], logLevel: 'error',
    });
    // dist/cli.js requires each command's own bundle from cli/ beside it (scripts/build.mjs does the same).
    await esbuild.build({
      entryPoints: [path.join(root, 'src', 'cli', 'commands', 'invoke.ts')], outdir: path.join(path.dirname(cliBundle), 'cli'), bundle: true, platform: 'node', format: 'cjs',
      target: 'node20', mainFields: ['module', 'main'], logLevel: 'error',
    });
  });
  beforeEach(() => {
    dir = makeDir({
      'hello.js': "let n = 0; exports.handler = async (e) => { n++; console.log('event', JSON.stringify(e)); return { n, env: process.env.GREETING }; };\n",
      'event.json': '{ "name": "learner" }\n',
      'bad.json': '{\n  "name": "learner",\n  "age": \n}\n',
      'hang.js': 'exports.handler = () => new Promise((resolve) => setTimeout(resolve, 600000));\n',
    });
  });
  afterEach(() => removeDir(dir));

  it('prints one JSON record per invocation with --json, reusing the warm sandbox with --repeat', () => {
    const r = cli([path.join(dir, 'hello.js'), '--event', path.join(dir, 'event.json'), '--repeat', '2', '--env', 'GREETING=hi', '--json']);
    assert.strictEqual(r.status, 0, r.stderr);
    const records = r.stdout.trim().split('\n').map((l) => JSON.parse(l));
    assert.strictEqual(records.length, 2);
    assert.deepStrictEqual(records.map((x) => x.cold), [true, false]);
    assert.deepStrictEqual(records.map((x) => x.response), [{ n: 1, env: 'hi' }, { n: 2, env: 'hi' }]);
    for (const rec of records) {
      assert.match(rec.requestId, /^[0-9a-f-]{36}$/);
      assert.ok(Array.isArray(rec.logs) && rec.logs.some((l: string) => l.startsWith('REPORT RequestId: ')));
      for (const k of ['durationMs', 'billedDurationMs', 'memorySizeMb', 'maxMemoryUsedMb']) assert.strictEqual(typeof rec.report[k], 'number');
    }
    assert.strictEqual(typeof records[0].report.initDurationMs, 'number');
    assert.strictEqual(records[1].report.initDurationMs, undefined);
  });

  it('prints the logs with the REPORT line, then the response, in text mode; reads the event from stdin', () => {
    const r = cli([path.join(dir, 'hello.js'), '--event', '-', '--memory', '256', '--timeout', '5'], '{"from":"stdin"}');
    assert.strictEqual(r.status, 0, r.stderr);
    assert.match(r.stdout, /^START RequestId: [0-9a-f-]{36} Version: \$LATEST$/m);
    assert.match(r.stdout, /\tINFO\tevent \{"from":"stdin"\}$/m);
    assert.match(r.stdout, /^REPORT RequestId: [0-9a-f-]{36}\tDuration: [\d.]+ ms\tBilled Duration: \d+ ms\tMemory Size: 256 MB\tMax Memory Used: \d+ MB\tInit Duration: [\d.]+ ms$/m);
    assert.match(r.stdout, /"n": 1/);
  });

  it('rejects a malformed event file with file:line:col and a non-zero exit, invoking nothing', () => {
    const bad = path.join(dir, 'bad.json');
    const r = cli([path.join(dir, 'hello.js'), '--event', bad, '--env', 'SL_TEST_MARK=malformed']);
    assert.strictEqual(r.status, 2);
    assert.strictEqual(r.stdout, '', 'nothing was invoked');
    assert.ok(r.stderr.startsWith(`${bad}:4:1: invalid JSON event (ValueExpected)`), r.stderr);
  });

  it('exits 1 when an invocation fails, and stops its sandboxes on SIGTERM', async () => {
    const failed = cli([path.join(dir, 'hang.js'), '--timeout', '1', '--json']);
    assert.strictEqual(failed.status, 1);
    assert.strictEqual(JSON.parse(failed.stdout).error.errorType, 'Sandbox.Timedout');
    const marker = `SL_TEST_MARK=sigterm-${process.pid}-${Date.now()}`;
    const child = spawn(process.execPath, [cliBundle, 'invoke', path.join(dir, 'hang.js'), '--timeout', '60', '--concurrency', '2', '--repeat', '2', '--env', marker], { env, stdio: 'ignore' });
    try {
      assert.ok(await waitFor(() => markedProcesses(marker).length === 2, 20000), 'two sandboxes running');
      child.kill('SIGTERM');
      assert.ok(await waitFor(() => markedProcesses(marker).length === 0, 5000), 'sandboxes stopped after SIGTERM');
    } finally {
      child.kill('SIGKILL');
    }
  });

  it('leaves no sandbox behind even when the host is SIGKILLed mid-invocation (busy loop)', async () => {
    const loop = path.join(dir, 'loop.js');
    fs.writeFileSync(loop, 'exports.handler = async () => { for (;;) {} };\n');
    const marker = `SL_TEST_MARK=sigkill-${process.pid}-${Date.now()}`;
    const child = spawn(process.execPath, [cliBundle, 'invoke', loop, '--timeout', '60', '--env', marker], { env, cwd: root, stdio: 'ignore' });
    try {
      assert.ok(await waitFor(() => markedProcesses(marker).length === 1, 20000), 'sandbox running');
      child.kill('SIGKILL');
      assert.ok(await waitFor(() => markedProcesses(marker).length === 0, 5000), 'the kernel killed the orphaned sandbox');
    } finally {
      child.kill('SIGKILL');
    }
  });

  it('parses the JSONC events the extension writes, refuses malformed ones with a position, and infers runtimes from the file name', () => {
    assert.deepStrictEqual(parseEvent('{"a": [1, 2]}', 'e.json'), { a: [1, 2] });
    assert.deepStrictEqual(parseEvent('// saved by the extension\n{"a": 1,}', 'e.json'), { a: 1 });
    assert.throws(() => parseEvent('{\n  "a": 1\n  "b": 2\n}', 'e.json'), /^Error: e\.json:3:3: invalid JSON event \(CommaExpected\)/);
    assert.throws(() => parseEvent('  \n', 'e.json'), /e\.json:1:1: The event file is empty/);
    assert.strictEqual(runtimeForFile('/x/app.py'), 'python');
    assert.strictEqual(runtimeForFile('/x/index.mjs'), 'nodejs');
    assert.strictEqual(runtimeForFile('/x/handler.ts'), 'nodejs');
    assert.strictEqual(runtimeForFile('/x/bootstrap'), 'provided');
  });
});

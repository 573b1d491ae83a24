// The platform lines of failed and cold invocations (issue 12 §3 item 6) and the sandbox-reuse and log
// items of §3 item 10: REPORT Status suffixes, INIT_START, one INIT_REPORT, liveness, newline-less floods.
import * as assert from 'assert';
import * as path from 'path';
import { createInvoker, type Invoker } from '../../../src/core/invoker';
import { bootstrapDir, buildBootstraps, makeDir, newInvoker, nodeFn, removeDir } from '../../unit/invoker/helpers';

const REPORT_HEAD = /^REPORT RequestId: [0-9a-f-]{36}\tDuration: (\d+\.\d\d) ms\tBilled Duration: (\d+) ms\tMemory Size: 128 MB\tMax Memory Used: (\d+) MB/;

describe('invoker fidelity: REPORT lines and sandbox reuse', function () {
  this.timeout(40000);
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

  const report = (logs: string[]) => logs[logs.length - 1];

  it('ends a timed-out REPORT with Status: timeout and Duration equal to the timeout', async () => {
    dir = makeDir({ 'slow.js': 'exports.handler = () => new Promise((resolve) => setTimeout(resolve, 60000));\n' });
    const r = await invoker.invoke(nodeFn(dir, 'slow.js', { timeoutSec: 1 }), { event: {} });
    assert.strictEqual(r.error?.errorType, 'Sandbox.Timedout');
    const line = report(r.logs);
    assert.match(line, /\tStatus: timeout$/, line);
    assert.strictEqual(REPORT_HEAD.exec(line)?.[1], '1000.00', line);
    assert.strictEqual(r.report.durationMs, 1000);
  });

  it('ends an out-of-memory REPORT with Status: error and Runtime.OutOfMemory, Max Memory Used = Memory Size', async () => {
    dir = makeDir({ 'bomb.js': 'exports.handler = async () => { const keep = []; for (;;) keep.push(Buffer.alloc(4 * 1024 * 1024, 1)); };\n' });
    const r = await invoker.invoke(nodeFn(dir, 'bomb.js', { timeoutSec: 30 }), { event: {} });
    assert.strictEqual(r.error?.errorType, 'Runtime.OutOfMemory', JSON.stringify(r.error));
    const line = report(r.logs);
    assert.match(line, /\tStatus: error\tError Type: Runtime\.OutOfMemory$/, line);
    assert.strictEqual(REPORT_HEAD.exec(line)?.[3], '128', line);
  });

  it('writes INIT_START before init output on cold starts only, and no Status on success', async () => {
    dir = makeDir({ 'index.js': "console.log('init');\nexports.handler = async () => 1;\n" });
    const fn = nodeFn(dir);
    const cold = await invoker.invoke(fn, { event: {} });
    const warm = await invoker.invoke(fn, { event: {} });
    assert.match(cold.logs[0], new RegExp(`^INIT_START Runtime Version: nodejs:${process.versions.node.split('.')[0]}\\.local\\tRuntime Version ARN: arn:aws:lambda:us-east-1::runtime:local-nodejs-${process.versions.node}$`));
    assert.match(cold.logs[1], /\tINFO\tinit$/);
    assert.ok(!warm.logs.some((l) => l.startsWith('INIT_START')));
    assert.doesNotMatch(report(cold.logs), /Status/);
  });

  it('reports an init timeout with exactly one INIT_REPORT line', async () => {
    await buildBootstraps();
    const capped = createInvoker({ bootstrapDir, initCapMs: 400 });
    try {
      dir = makeDir({ 'busy.js': 'const end = Date.now() + 5000; while (Date.now() < end) {}\nexports.handler = async () => 1;\n' });
      const r = await capped.invoke(nodeFn(dir, 'busy.js'), { event: {} });
      assert.strictEqual(r.error?.errorType, 'Sandbox.Timedout');
      assert.deepStrictEqual(r.logs.filter((l) => l.startsWith('INIT_REPORT')), ['INIT_REPORT Init Duration: 400.00 ms\tPhase: init\tStatus: timeout']);
      assert.match(report(r.logs), /\tStatus: timeout$/);
    } finally {
      await capped.dispose();
    }
  });

  it('does not reuse a runtime that died right after responding: the next call gets a fresh sandbox', async () => {
    // A custom runtime that answers one event and exits instead of asking for the next one.
    dir = makeDir({
      bootstrap: `#!/bin/sh
api="http://$AWS_LAMBDA_RUNTIME_API/2018-06-01/runtime"
id=$(curl -sS -D - -o /dev/null "$api/invocation/next" | tr -d '\\r' | sed -n 's/^[Ll]ambda-[Rr]untime-[Aa]ws-[Rr]equest-[Ii]d: //p')
curl -sS -o /dev/null -X POST -d '"once"' "$api/invocation/$id/response"
exit 0
`,
    });
    const fn = { name: `once-${path.basename(dir)}`, handlerFile: path.join(dir, 'bootstrap'), handlerName: 'h', runtime: 'provided' as const };
    const first = await invoker.invoke(fn, { event: {} });
    const second = await invoker.invoke(fn, { event: {} });
    assert.deepStrictEqual([first.response, second.response], ['once', 'once'], JSON.stringify(second.error));
    assert.strictEqual(second.cold, true);
    assert.notStrictEqual(second.sandboxId, first.sandboxId);
  });

  it('keeps the first 256 KiB of a log flood that has no newline', async () => {
    dir = makeDir({ 'flood.js': "exports.handler = async () => { process.stdout.write('x'.repeat(2 * 1024 * 1024)); return 'ok'; };\n" });
    const r = await invoker.invoke(nodeFn(dir, 'flood.js'), { event: {} });
    assert.strictEqual(r.response, 'ok');
    const kept = r.logs.filter((l) => /^x+$/.test(l)).reduce((n, l) => n + l.length, 0);
    assert.ok(kept > 250 * 1024 && kept <= 256 * 1024, `kept ${kept} bytes`);
    assert.ok(r.logs.some((l) => l.startsWith('[serverless-lab] log output truncated')));
  });
});

// Hostile handlers: each abuse must end in a Lambda-shaped error, never hang or break the invoker,
// and the very next invocation of the same function must succeed.
import * as assert from 'assert';
import * as path from 'path';
import type { FunctionConfig, Invoker } from '../../../src/core/invoker';
import { makeDir, newInvoker, removeDir, sandboxProcesses, waitFor } from './helpers';

const HANDLER = `
exports.handler = async (event) => {
  switch (event.mode) {
    case 'loop': for (;;) {}
    case 'bomb': { const keep = []; for (;;) keep.push(Buffer.alloc(4 * 1024 * 1024, 1)); }
    case 'heap': { const keep = []; for (;;) keep.push({ a: Math.random(), b: [1, 2, 3], c: 'x' + Math.random() }); }
    case 'exit': process.exit(3);
    case 'flood': for (;;) process.stdout.write('flood '.repeat(10000) + '\\n');
    // A timer keeps the event loop busy: with an empty loop the runtime would end it at once (Runtime.NodeJsExit).
    case 'never': return new Promise((resolve) => setTimeout(resolve, 600000));
    default: return { ok: true, pid: process.pid };
  }
};
`;

// A custom runtime written in Node: answers normally, or dies halfway through posting a response.
const CRASHY_BOOTSTRAP = `#!/usr/bin/env node
const http = require('http');
const net = require('net');
const [host, port] = process.env.AWS_LAMBDA_RUNTIME_API.split(':');
function next() {
  http.get({ host, port, path: '/2018-06-01/runtime/invocation/next' }, (res) => {
    let body = '';
    res.on('data', (c) => (body += c));
    res.on('end', () => {
      const id = res.headers['lambda-runtime-aws-request-id'];
      const path = '/2018-06-01/runtime/invocation/' + id + '/response';
      if (JSON.parse(body).crash) {
        const s = net.connect(Number(port), host, () => {
          s.write('POST ' + path + ' HTTP/1.1\\r\\nHost: x\\r\\nContent-Length: 1000\\r\\n\\r\\n{"partial":');
          setTimeout(() => process.exit(1), 20);
        });
        return;
      }
      const req = http.request({ host, port, path, method: 'POST' }, (r) => { r.resume(); r.on('end', next); });
      req.end(JSON.stringify({ fine: true }));
    });
  });
}
next();
`;

describe('invoker: abuse (each followed by a successful invocation)', function () {
  this.timeout(30000);
  let invoker: Invoker;
  let dir: string;
  let fn: FunctionConfig;

  before(async () => {
    invoker = await newInvoker();
    dir = makeDir({ 'abuse.js': HANDLER, 'crashy/bootstrap': CRASHY_BOOTSTRAP, 'slow.js': 'exports.handler = async () => { await new Promise(r => setTimeout(r, 300)); return "slow ok"; };\n' });
    fn = { name: 'abuse', handlerFile: path.join(dir, 'abuse.js'), handlerName: 'handler', runtime: 'nodejs', timeoutSec: 1 };
  });
  after(async () => {
    await invoker.dispose();
    removeDir(dir);
    assert.deepStrictEqual(await waitForNoSandboxes(), [], 'no sandbox process is left after the suite');
  });

  async function expectRecovery(): Promise<void> {
    const ok = await invoker.invoke(fn, { event: {} });
    assert.deepStrictEqual((ok.response as { ok: boolean }).ok, true, `recovery failed: ${JSON.stringify(ok.error)}`);
  }

  it('an infinite loop is killed at the timeout with "Task timed out after 1.00 seconds"', async () => {
    const r = await invoker.invoke(fn, { event: { mode: 'loop' } });
    assert.strictEqual(r.error?.errorType, 'Sandbox.Timedout');
    assert.match(r.error!.errorMessage, /Task timed out after 1\.00 seconds$/);
    assert.ok(r.logs.some((l) => / Task timed out after 1\.00 seconds$/.test(l)));
    assert.ok(r.report.durationMs >= 1000 && r.report.durationMs < 2500, `duration ${r.report.durationMs}`);
    await expectRecovery();
  });

  it('a memory bomb is killed when RSS exceeds Memory Size, with Runtime.OutOfMemory', async () => {
    // A generous timeout: on a loaded machine filling 128 MB can take longer than the suite's 1 s default, and
    // the point here is the memory kill, not the timeout.
    const r = await invoker.invoke({ ...fn, timeoutSec: 20 }, { event: { mode: 'bomb' } });
    assert.strictEqual(r.error?.errorType, 'Runtime.OutOfMemory', JSON.stringify(r.error));
    assert.match(r.error!.errorMessage, /Error: Runtime exited with error: signal: killed$/);
    assert.ok(r.report.maxMemoryUsedMb >= 128, `max memory ${r.report.maxMemoryUsedMb}`);
    await expectRecovery();
  });

  it('a V8 heap bomb also ends as Runtime.OutOfMemory', async () => {
    const r = await invoker.invoke({ ...fn, timeoutSec: 20 }, { event: { mode: 'heap' } });
    assert.strictEqual(r.error?.errorType, 'Runtime.OutOfMemory', JSON.stringify(r.error));
    await expectRecovery();
  });

  it('process.exit is reported as Runtime.ExitError and the sandbox is replaced', async () => {
    const before = await invoker.invoke(fn, { event: {} });
    const r = await invoker.invoke(fn, { event: { mode: 'exit' } });
    assert.deepStrictEqual(r.error, { errorType: 'Runtime.ExitError', errorMessage: `RequestId: ${r.requestId} Error: Runtime exited with error: exit status 3` });
    const after = await invoker.invoke(fn, { event: {} });
    assert.strictEqual(after.cold, true);
    assert.notStrictEqual((after.response as { pid: number }).pid, (before.response as { pid: number }).pid);
  });

  it('a stdout flood is capped and truncated, the host keeps up, and the timeout still applies', async () => {
    const r = await invoker.invoke(fn, { event: { mode: 'flood' } });
    assert.strictEqual(r.error?.errorType, 'Sandbox.Timedout');
    assert.ok(r.logs.some((l) => l.startsWith('[serverless-lab] log output truncated')));
    const bytes = r.logs.reduce((n, l) => n + l.length, 0);
    assert.ok(bytes < 300 * 1024, `kept ${bytes} bytes of logs`);
    await expectRecovery();
  });

  it('a handler that never resolves times out', async () => {
    const r = await invoker.invoke(fn, { event: { mode: 'never' } });
    assert.strictEqual(r.error?.errorType, 'Sandbox.Timedout');
    await expectRecovery();
  });

  it('the timeout counts only from each invocation: idle time between warm calls never times a sandbox out', async () => {
    const first = await invoker.invoke(fn, { event: {} });
    await new Promise((r) => setTimeout(r, 1300));
    const second = await invoker.invoke(fn, { event: {} });
    assert.strictEqual(second.error, undefined);
    assert.strictEqual(second.sandboxId, first.sandboxId, 'the idle sandbox survived a timeout-length pause');
    const hung = await invoker.invoke(fn, { event: { mode: 'never' } });
    assert.strictEqual(hung.error?.errorType, 'Sandbox.Timedout');
    assert.ok(hung.report.durationMs >= 1000 && hung.report.durationMs < 2500, `timed out after ${hung.report.durationMs} ms`);
    await expectRecovery();
  });

  it('a runtime that crashes in the middle of posting a response gives Runtime.ExitError, then works again', async () => {
    const custom: FunctionConfig = { name: 'crashy', handlerFile: path.join(dir, 'crashy', 'bootstrap'), handlerName: 'handler', runtime: 'provided' };
    const r = await invoker.invoke(custom, { event: { crash: true } });
    assert.strictEqual(r.error?.errorType, 'Runtime.ExitError', JSON.stringify(r.error));
    assert.match(r.error!.errorMessage, /exit status 1$/);
    const ok = await invoker.invoke(custom, { event: {} });
    assert.deepStrictEqual(ok.response, { fine: true });
    await expectRecovery();
  });

  it('50 concurrent invocations against reserved concurrency 5: 5 run, 45 are throttled, none lost or stuck', async () => {
    const limited: FunctionConfig = { name: 'limited', handlerFile: path.join(dir, 'slow.js'), handlerName: 'handler', runtime: 'nodejs', reservedConcurrency: 5, timeoutSec: 10 };
    const records = await Promise.all(Array.from({ length: 50 }, () => invoker.invoke(limited, { event: {} })));
    assert.strictEqual(records.length, 50);
    assert.strictEqual(new Set(records.map((r) => r.requestId)).size, 50);
    const ok = records.filter((r) => r.response === 'slow ok');
    const throttled = records.filter((r) => r.throttled);
    assert.strictEqual(ok.length, 5);
    assert.strictEqual(throttled.length, 45);
    for (const t of throttled) assert.deepStrictEqual(t.error, { errorType: 'TooManyRequestsException', errorMessage: 'Rate Exceeded.' });
    assert.ok(invoker.sandboxCount('limited') <= 5);
    const again = await invoker.invoke(limited, { event: {} });
    assert.strictEqual(again.response, 'slow ok');
    assert.strictEqual(again.cold, false);
    await expectRecovery();
  });
});

async function waitForNoSandboxes(): Promise<number[]> {
  await waitFor(() => sandboxProcesses().length === 0, 3000);
  return sandboxProcesses();
}

// Pool behaviour: one in-flight invocation per sandbox, growth when busy, provisioned concurrency.
import * as assert from 'assert';
import * as path from 'path';
import type { FunctionConfig, Invoker } from '../../../src/core/invoker';
import { makeDir, newInvoker, removeDir } from './helpers';

describe('invoker: sandbox pool', function () {
  this.timeout(30000);
  let invoker: Invoker;
  let dir: string;
  let fn: FunctionConfig;

  beforeEach(async () => {
    invoker = await newInvoker();
    dir = makeDir({ 'wait.js': 'exports.handler = async (e) => { await new Promise(r => setTimeout(r, e.ms || 0)); return process.pid; };\n' });
    fn = { name: 'pool', handlerFile: path.join(dir, 'wait.js'), handlerName: 'handler', runtime: 'nodejs' };
  });
  afterEach(async () => {
    await invoker.dispose();
    removeDir(dir);
  });

  it('starts a new sandbox when all are busy and never runs two invocations in one sandbox', async () => {
    const records = await Promise.all([1, 2, 3].map(() => invoker.invoke(fn, { event: { ms: 200 } })));
    assert.strictEqual(new Set(records.map((r) => r.response)).size, 3, 'three processes served three overlapping invocations');
    assert.ok(records.every((r) => r.cold));
    assert.strictEqual(invoker.sandboxCount('pool'), 3);
    const warm = await Promise.all([1, 2].map(() => invoker.invoke(fn, { event: { ms: 50 } })));
    assert.ok(warm.every((r) => !r.cold), 'idle sandboxes are reused');
    assert.strictEqual(invoker.sandboxCount('pool'), 3);
  });

  it('pre-warms provisioned concurrency: no Init Duration on first use, never reaped by the keep-alive', async () => {
    const provisioned = { ...fn, name: 'prov', provisionedConcurrency: 2, keepAliveSec: 0.2 };
    const started: number[] = [];
    invoker.on('sandboxStarted', (e) => started.push(e.pid));
    await invoker.warm(provisioned);
    assert.strictEqual(invoker.sandboxCount('prov'), 2);
    assert.strictEqual(started.length, 2);
    const r = await invoker.invoke(provisioned, { event: {} });
    assert.strictEqual(r.cold, false);
    assert.strictEqual(r.report.initDurationMs, undefined);
    assert.ok(!r.logs.some((l) => l.includes('Init Duration')));
    assert.ok(started.includes(r.response as number));
    await new Promise((res) => setTimeout(res, 1500));
    assert.strictEqual(invoker.sandboxCount('prov'), 2, 'provisioned sandboxes survive the keep-alive');
    await invoker.warm(provisioned);
    assert.strictEqual(started.length, 2, 'warm() tops up only what is missing');
  });

  it('stops the sandboxes of one function only', async () => {
    await invoker.invoke(fn, { event: {} });
    await invoker.invoke({ ...fn, name: 'other' }, { event: {} });
    await invoker.stopSandboxes('pool');
    assert.strictEqual(invoker.sandboxCount('pool'), 0);
    assert.strictEqual(invoker.sandboxCount('other'), 1);
    assert.strictEqual(invoker.sandboxCount(), 1);
  });
});

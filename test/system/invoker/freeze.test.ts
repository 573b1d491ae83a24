// Issue 12 §3.1: idle sandboxes are frozen between invocations, as Lambda freezes execution
// environments, so timers don't tick and fire-and-forget work doesn't finish while idle.
// Where the OS can't freeze (Windows), the record says so instead.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import type { Invoker } from '../../../src/core/invoker';
import { hostPlatform } from '../../../src/core/invoker/platform';
import { makeDir, newInvoker, nodeFn, removeDir, waitFor } from '../../unit/invoker/helpers';
import { processState } from './procState';

const canFreeze = hostPlatform().capabilities.freeze;
/** The idle gap itself is what is tested (a sandbox sitting idle), not a wait for a condition. */
const idle = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('system: invoker freezes idle sandboxes', function () {
  this.timeout(30000);
  let invoker: Invoker;
  let dir: string | undefined;
  let pid = 0;

  beforeEach(async () => {
    invoker = await newInvoker();
    invoker.on('sandboxStarted', (e) => (pid = e.pid));
  });
  afterEach(async () => {
    await invoker.dispose();
    removeDir(dir);
    dir = undefined;
  });

  it('a 10 ms setInterval does not tick while the sandbox sits idle for a second', async () => {
    dir = makeDir({ 'tick.js': 'let ticks = 0; setInterval(() => ticks++, 10);\nexports.handler = async () => ticks;\n' });
    const fn = nodeFn(dir, 'tick.js');
    const first = await invoker.invoke(fn, { event: {} });
    assert.strictEqual(first.error, undefined);
    if (canFreeze) assert.ok(await waitFor(() => processState(pid) === 'T', 3000), `sandbox ${pid} frozen (state ${processState(pid)})`);
    await idle(1000);
    const second = await invoker.invoke(fn, { event: {} });
    const ticked = (second.response as number) - (first.response as number);
    if (canFreeze) {
      // Unfrozen, ~100 ticks; frozen, at most the grace period's and the thaw's.
      assert.ok(ticked <= 5, `ticked ${ticked} times while idle`);
      assert.strictEqual(second.platformLimits, undefined);
    } else {
      assert.ok(ticked > 20, `ticked ${ticked} times while idle`);
      assert.strictEqual(second.platformLimits?.frozenWhileIdle, false);
    }
  });

  it('fire-and-forget work does not finish while idle, and resumes on the next invocation', async () => {
    dir = makeDir({ 'ff.js': "const fs = require('fs');\nexports.handler = async (e) => { setTimeout(() => fs.writeFileSync(e.flag, 'done'), 100); return 'sent'; };\n" });
    const flag = path.join(dir, 'flag');
    const fn = nodeFn(dir, 'ff.js');
    assert.strictEqual((await invoker.invoke(fn, { event: { flag } })).response, 'sent');
    await idle(600);
    if (!canFreeze) return assert.ok(fs.existsSync(flag), 'without a freeze, background work finishes');
    assert.ok(!fs.existsSync(flag), 'background work finished while the sandbox was frozen');
    // Thawed by the next invocation, the pending timer runs (Lambda: it may run during a later call).
    await invoker.invoke(fn, { event: { flag: path.join(dir, 'other') } });
    assert.ok(await waitFor(() => fs.existsSync(flag), 3000), 'the timer ran after the thaw');
  });

  it('keeps freezing and thawing a Python sandbox, and stops a frozen sandbox cleanly', async () => {
    dir = makeDir({ 'h.py': 'n = 0\ndef lambda_handler(event, context):\n    global n\n    n += 1\n    return n\n' });
    const fn = { name: 'py-freeze', handlerFile: path.join(dir, 'h.py'), handlerName: 'lambda_handler', runtime: 'python' as const };
    for (let i = 1; i <= 3; i++) {
      const r = await invoker.invoke(fn, { event: {} });
      assert.strictEqual(r.response, i, JSON.stringify(r.error));
      if (canFreeze) assert.ok(await waitFor(() => processState(pid) === 'T', 3000), 'frozen between invocations');
    }
    await invoker.stopSandboxes();
    assert.strictEqual(invoker.sandboxCount(), 0);
    assert.ok(await waitFor(() => processState(pid) === '' || processState(pid) === 'Z', 3000), 'frozen sandbox killed');
  });
});

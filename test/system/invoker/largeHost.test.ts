// A sandbox's Max Memory Used is its own: Linux carries ru_maxrss across fork and exec, so a sandbox
// spawned by a large host (an extension host is often 300–500 MB) used to report the host's peak, and a
// 128 MB function was killed as out of memory on its first call.
import { strict as assert } from 'assert';
import { makeDir, newInvoker, nodeFn, removeDir } from './helpers';
import type { FunctionConfig, Invoker } from '../../../src/core/invoker';

describe('invoker: sandboxes of a large host', function () {
  this.timeout(60000);
  let invoker: Invoker;
  let dir: string;
  let ballast: Buffer | undefined;

  before(async () => {
    invoker = await newInvoker();
    dir = makeDir({ 'ok.js': 'exports.handler = async () => "ok";\n', 'ok.py': 'def lambda_handler(event, context):\n    return "ok"\n' });
    // 300 MB of touched memory in the host, so every sandbox is forked from a process above Memory Size.
    ballast = Buffer.alloc(300 * 1024 * 1024, 1);
  });
  after(async () => {
    ballast = undefined;
    await invoker.dispose();
    removeDir(dir);
  });

  const python: FunctionConfig = { name: 'okPy', handlerFile: '', handlerName: 'lambda_handler', runtime: 'python' };
  for (const [label, fn] of [['Node', () => nodeFn(dir, 'ok.js')], ['Python', () => ({ ...python, handlerFile: `${dir}/ok.py` })]] as const) {
    it(`a 128 MB ${label} function is not charged the host's memory`, async () => {
      assert.ok(ballast && ballast[ballast.length - 1] === 1);
      const r = await invoker.invoke(fn(), { event: {} });
      assert.strictEqual(r.error, undefined, JSON.stringify(r.error));
      assert.strictEqual(r.response, 'ok');
      assert.ok(r.report.maxMemoryUsedMb > 0 && r.report.maxMemoryUsedMb < 128, `Max Memory Used ${r.report.maxMemoryUsedMb} MB`);
    });
  }
});

// Lambda fidelity of the Node sandbox (issue 12 §3 items 2, 4, 7, 8): leftover rejections, promises that
// can never settle, the `trace` error document and the environment handler code sees.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import type { Invoker } from '../../../src/core/invoker';
import { makeDir, newInvoker, nodeFn, removeDir, waitFor } from '../../unit/invoker/helpers';

describe('invoker fidelity: Node runtime', function () {
  this.timeout(30000);
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

  it('fails the next invocation with Runtime.UnhandledPromiseRejection when earlier leftover work rejects, and says so', async () => {
    dir = makeDir({
      'late.js': `const fs = require('fs');
exports.handler = async (event) => {
  if (event.leave) setTimeout(() => { fs.writeFileSync(event.leave, 'x'); Promise.reject(new Error('late boom')); }, 20);
  return 'done';
};
`,
    });
    const marker = path.join(dir, 'rejected');
    const fn = nodeFn(dir, 'late.js');
    const first = await invoker.invoke(fn, { event: { leave: marker } });
    assert.strictEqual(first.response, 'done');
    assert.ok(await waitFor(() => fs.existsSync(marker), 5000), 'the leftover timer ran');
    const second = await invoker.invoke(fn, { event: {} });
    assert.deepStrictEqual([second.error?.errorType, second.error?.errorMessage], ['Runtime.UnhandledPromiseRejection', 'Error: late boom'], JSON.stringify(second));
    assert.strictEqual(second.error?.trace?.[0], 'Runtime.UnhandledPromiseRejection: Error: late boom');
    assert.strictEqual(second.leftoverFrom, first.requestId);
    assert.match(second.notes?.join(' ') ?? '', new RegExp(`left running by invocation ${first.requestId}`));
    // Logged once, under the invocation that reports it: never `undefined`, never an opaque exit status.
    const rejection = second.logs.filter((l) => l.includes('\tERROR\tUnhandled Promise Rejection \t'));
    assert.strictEqual(rejection.length, 1, second.logs.join('\n'));
    assert.ok(rejection[0].includes(`\t${second.requestId}\tERROR\t`), rejection[0]);
    assert.ok(!second.logs.some((l) => l.includes('\tundefined\t') || l.includes('exit status')), second.logs.join('\n'));
    assert.ok(!first.logs.some((l) => l.includes('late boom')));
    // The environment is replaced, as after any runtime crash.
    const third = await invoker.invoke(fn, { event: {} });
    assert.strictEqual(third.response, 'done');
    assert.strictEqual(third.cold, true);
  });

  it('ends an async handler whose promise can never settle at once with Runtime.NodeJsExit, and stays warm', async () => {
    dir = makeDir({
      'never.js': 'let n = 0;\nexports.handler = async () => { n++; if (n === 1) return new Promise(() => {}); return n; };\n',
      'plain.js': 'exports.handler = () => new Promise(() => {});\n',
    });
    const fn = nodeFn(dir, 'never.js', { timeoutSec: 10 });
    const r = await invoker.invoke(fn, { event: {} });
    assert.strictEqual(r.error?.errorType, 'Runtime.NodeJsExit', JSON.stringify(r.error));
    assert.strictEqual(r.error?.errorMessage, 'The Lambda runtime client detected an unexpected Node.js exit code. This is most commonly caused by a Promise that was never settled. For more information, see https://nodejs.org/docs/latest/api/process.html#exit-codes');
    assert.ok(r.report.durationMs < 5000, `ended at once, not at the 10 s timeout (${r.report.durationMs} ms)`);
    assert.ok(r.logs.some((l) => l.includes(`\t${r.requestId}\tERROR\tInvoke Error \t{"errorType":"Runtime.NodeJsExit"`)), r.logs.join('\n'));
    const next = await invoker.invoke(fn, { event: {} });
    assert.deepStrictEqual([next.response, next.cold], [2, false]);
    // A non-async handler with the same promise answers null (the runtime's default exit listener).
    const plain = await invoker.invoke(nodeFn(dir, 'plain.js', { timeoutSec: 10 }), { event: {} });
    assert.deepStrictEqual([plain.error, plain.response], [undefined, null]);
  });

  it('returns the Node error document with `trace` whose first line is `Type: message`', async () => {
    dir = makeDir({ 'err.js': "exports.handler = async () => { throw new TypeError('bad input'); };\n" });
    const r = await invoker.invoke(nodeFn(dir, 'err.js'), { event: {} });
    assert.deepStrictEqual(Object.keys(r.error ?? {}), ['errorType', 'errorMessage', 'trace']);
    assert.strictEqual(r.error?.trace?.[0], 'TypeError: bad input');
    assert.match(r.error?.trace?.[1] ?? '', /^ {4}at .*err\.js:1:/);
  });

  it("hides the invoker's own variables and sets NODE_PATH and LD_LIBRARY_PATH in Lambda's pattern", async () => {
    dir = makeDir({ 'env.js': 'exports.handler = async () => process.env;\n' });
    const r = await invoker.invoke(nodeFn(dir, 'env.js'), { event: {} });
    const env = r.response as Record<string, string>;
    assert.deepStrictEqual(Object.keys(env).filter((k) => k.startsWith('SL_') || k === 'ELECTRON_RUN_AS_NODE'), []);
    const runtimeDir = env.LAMBDA_RUNTIME_DIR;
    assert.strictEqual(env.LAMBDA_TASK_ROOT, dir);
    assert.strictEqual(env.LD_LIBRARY_PATH, [runtimeDir, `${runtimeDir}/lib`, dir, `${dir}/lib`].join(':'));
    assert.strictEqual(env.NODE_PATH, `${runtimeDir}/node_modules`);
  });

  it("rejects Lambda's reserved variables in user configuration with Lambda's message, starting nothing", async () => {
    dir = makeDir({ 'index.js': 'exports.handler = async (e, context) => context.memoryLimitInMB;\n' });
    const r = await invoker.invoke(nodeFn(dir, 'index.js', { env: { AWS_LAMBDA_FUNCTION_MEMORY_SIZE: '10240', OK_VAR: '1', AWS_REGION: 'eu-west-1' } }), { event: {} });
    assert.deepStrictEqual(r.error, {
      errorType: 'InvalidParameterValueException',
      errorMessage: 'Lambda was unable to configure your environment variables because the environment variables you have provided contains reserved keys that are currently not supported for modification. Reserved keys used in this request: AWS_LAMBDA_FUNCTION_MEMORY_SIZE, AWS_REGION',
    });
    assert.strictEqual(invoker.sandboxCount(), 0);
  });
});

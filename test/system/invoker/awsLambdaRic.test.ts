// The official AWS runtime interface client (aws-lambda-ric) against our Runtime API, as a custom
// runtime. aws-lambda-ric builds native code (curl, aws-lambda-cpp: needs autoconf, automake,
// libtool, cmake, g++), so it is not a project dependency: the test harness installs it
// (scripts/harness/setup.js, run by `npm run test:system`, `npm test` and .ci/run) into ~/.cache/serverless-lab/harness/ric,
// or AWS_LAMBDA_RIC_DIR=<dir> points at another install.
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { Invoker } from '../../../src/core/invoker';
import { makeDir, newInvoker, removeDir } from './helpers';

function findRic(): string | undefined {
  const harnessDir = process.env.SL_HARNESS_DIR || path.join(os.homedir(), '.cache', 'serverless-lab', 'harness');
  const candidates = [path.join(process.env.AWS_LAMBDA_RIC_DIR || path.join(harnessDir, 'ric'), 'node_modules', 'aws-lambda-ric')];
  try {
    candidates.push(path.dirname(require.resolve('aws-lambda-ric/package.json')));
  } catch {
    // not installed in the project
  }
  return candidates.find((dir) => dir && fs.existsSync(path.join(dir, 'bin', 'index.mjs'))) || undefined;
}

const ricDir = findRic();
describe('invoker: official aws-lambda-ric client against our Runtime API', function () {
  this.timeout(30000);
  before(() => {
    // Not a silent skip: the harness setup installs the client, so its absence is a broken setup.
    assert.ok(ricDir, 'aws-lambda-ric is not installed: run `npm run harness` (npm run test:system does) or set AWS_LAMBDA_RIC_DIR');
  });
  let invoker: Invoker;
  let dir: string;

  beforeEach(async () => {
    invoker = await newInvoker();
    dir = makeDir({
      bootstrap: `#!/bin/sh\nexec "${process.execPath}" "${path.join(ricDir ?? '', 'bin', 'index.mjs')}" "$_HANDLER"\n`,
      'app.js': "let n = 0;\nexports.handler = async (event, context) => { n++; console.log('via ric', context.awsRequestId); if (event.fail) throw new RangeError('ric says no'); return { n, echo: event, fn: context.functionName }; };\n",
    });
  });
  afterEach(async () => {
    await invoker.dispose();
    removeDir(dir);
  });

  it('runs a Node handler through aws-lambda-ric: cold, warm, and an error', async () => {
    const fn = { name: 'ric', handlerFile: path.join(dir, 'bootstrap'), handlerName: 'app.handler', runtime: 'provided' as const, timeoutSec: 10 };
    const cold = await invoker.invoke(fn, { event: { a: 1 } });
    assert.deepStrictEqual(cold.response, { n: 1, echo: { a: 1 }, fn: 'ric' }, JSON.stringify(cold));
    assert.ok(cold.logs.some((l) => l.includes(`via ric ${cold.requestId}`)), cold.logs.join('\n'));
    const warm = await invoker.invoke(fn, { event: { fail: true } });
    assert.strictEqual(warm.cold, false);
    assert.strictEqual(warm.error?.errorType, 'RangeError');
    assert.strictEqual(warm.error?.errorMessage, 'ric says no');
    const again = await invoker.invoke(fn, { event: {} });
    assert.strictEqual((again.response as { n: number }).n, 3, 'module state survives in the warm environment');
    assert.strictEqual(again.sandboxId, cold.sandboxId);
  });
});

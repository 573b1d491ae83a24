// "One registry": the CLI and a headless caller (createRuntime) resolve and run a function from
// functions.json, from a SAM template and by the single-file convention identically. The editor's
// side of the same claim runs in the extension host (test/integration/run.test.ts).
import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as path from 'path';
import { createRuntime, type RuntimeRecord } from '../../../src/core/runtime';
import { bootstrapDir, buildBootstraps, makeDir, removeDir } from '../invoker/helpers';
import { buildCli, cliBundle } from '../helpers/cliBundle';

const HANDLER = 'exports.handler = async () => ({ name: process.env.AWS_LAMBDA_FUNCTION_NAME, memory: process.env.AWS_LAMBDA_FUNCTION_MEMORY_SIZE, table: process.env.TABLE ?? null });\n';

describe('runtime: the CLI and a headless caller resolve the same function the same way', function () {
  this.timeout(60000);
  let ws: string;

  before(async () => {
    await Promise.all([buildBootstraps(), buildCli()]);
    ws = makeDir({
      '.serverless-lab/functions.json': '{\n  // JSONC, as the extension writes it\n  "functions": { "orders": { "handler": "src/orders.js", "memoryMb": 256, "env": { "TABLE": "orders" }, "timeoutSec": 5 } },\n}\n',
      'src/orders.js': HANDLER,
      'sam/template.yaml': 'Transform: AWS::Serverless-2016-10-31\nResources:\n  HelloFn:\n    Type: AWS::Serverless::Function\n    Properties:\n      CodeUri: src/\n      Handler: app.handler\n      Runtime: nodejs22.x\n      MemorySize: 512\n',
      'sam/src/app.js': HANDLER,
      'lib/plain.js': HANDLER,
      'events/e.json': '// a saved event, with a comment\n{ "a": 1, }\n',
    });
  });
  after(() => removeDir(ws));

  // The CLI runs in lib/: a file path is relative to the current directory there, to the workspace folder headlessly.
  for (const [target, cliTarget] of [['orders', 'orders'], ['HelloFn', 'HelloFn'], ['lib/plain.js', 'plain.js']]) {
    it(`resolves and runs ${target} identically`, async () => {
      const runtime = createRuntime({ folders: [ws], invoker: { bootstrapDir } });
      let headless: RuntimeRecord;
      try {
        headless = await runtime.invoke(target, { a: 1 }, { source: 'exercise-check' });
      } finally {
        await runtime.invoker.dispose();
      }
      const r = spawnSync(process.execPath, [cliBundle, 'invoke', cliTarget, '--event', path.join(ws, 'events/e.json'), '--json'], {
        cwd: path.join(ws, 'lib'), encoding: 'utf8', timeout: 30000, env: { ...process.env, SERVERLESS_LAB_BOOTSTRAP_DIR: bootstrapDir },
      });
      assert.strictEqual(r.status, 0, r.stderr);
      const cli = JSON.parse(r.stdout) as RuntimeRecord;
      assert.strictEqual(headless.error, undefined);
      assert.deepStrictEqual(cli.function, headless.function);
      assert.deepStrictEqual([cli.functionName, cli.response, cli.report.memorySizeMb], [headless.functionName, headless.response, headless.report.memorySizeMb]);
      assert.deepStrictEqual([cli.source, headless.source], ['cli', 'exercise-check']);
    });
  }

  it('names the known functions when the CLI is given an unknown one, invoking nothing', () => {
    const r = spawnSync(process.execPath, [cliBundle, 'invoke', 'nope'], { cwd: ws, encoding: 'utf8', timeout: 30000 });
    assert.strictEqual(r.status, 2);
    assert.strictEqual(r.stdout, '');
    assert.match(r.stderr, /nope: no such function or handler file.*\(orders, HelloFn\)/);
  });
});

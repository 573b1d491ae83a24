// The Python runtime: the seed example of every tutorial, context, errors and exits.
import * as assert from 'assert';
import * as path from 'path';
import type { FunctionConfig, Invoker } from '../../../src/core/invoker';
import { makeDir, newInvoker, removeDir } from './helpers';

const APP = `import json
import os
count = 0
print("init")

def lambda_handler(event, context):
    global count
    count += 1
    mode = event.get("mode")
    if mode == "raise":
        raise ValueError("bad value")
    if mode == "exit":
        import sys
        sys.exit(4)
    print("handling", context.aws_request_id)
    return {
        "statusCode": 200,
        "body": json.dumps({"count": count, "name": context.function_name, "mem": context.memory_limit_in_mb,
                            "arn": context.invoked_function_arn, "remaining": context.get_remaining_time_in_millis(),
                            "region": os.environ["AWS_REGION"], "handler": os.environ["_HANDLER"], "tmp": os.environ["TMPDIR"]}),
    }
`;

describe('invoker: Python runtime', function () {
  this.timeout(30000);
  let invoker: Invoker;
  let dir: string;
  let fn: FunctionConfig;

  beforeEach(async () => {
    invoker = await newInvoker();
    dir = makeDir({ 'app.py': APP, 'broken.py': 'def lambda_handler(event, context)\n    return 1\n', 'imp.py': 'import not_a_module_xyz\n', 'noh.py': 'x = 1\n' });
    fn = { name: 'pyfn', handlerFile: path.join(dir, 'app.py'), handlerName: 'lambda_handler', runtime: 'python' };
  });
  afterEach(async () => {
    await invoker.dispose();
    removeDir(dir);
  });

  it('runs lambda_handler returning {statusCode, body} cold, then warm, with correct REPORT lines', async () => {
    const cold = await invoker.invoke(fn, { event: { hello: 'world' } });
    const warm = await invoker.invoke(fn, { event: {} });
    assert.strictEqual(cold.error, undefined, JSON.stringify(cold.error));
    const body = JSON.parse((cold.response as { body: string }).body);
    assert.strictEqual((cold.response as { statusCode: number }).statusCode, 200);
    assert.strictEqual(body.count, 1);
    assert.strictEqual(JSON.parse((warm.response as { body: string }).body).count, 2, 'module state survives warm');
    assert.strictEqual(body.name, 'pyfn');
    assert.strictEqual(body.mem, 128);
    assert.strictEqual(body.arn, 'arn:aws:lambda:us-east-1:123456789012:function:pyfn');
    assert.ok(body.remaining > 2000 && body.remaining <= 3000);
    assert.strictEqual(body.handler, 'app.lambda_handler');
    assert.ok(cold.cold && !warm.cold);
    assert.match(cold.logs.shift()!, /^INIT_START Runtime Version: python:3\.\d+\.local\tRuntime Version ARN: /);
    assert.strictEqual(cold.logs[0], 'init');
    assert.strictEqual(cold.logs[1], `START RequestId: ${cold.requestId} Version: $LATEST`);
    assert.strictEqual(cold.logs[2], `handling ${cold.requestId}`);
    const report = /^REPORT RequestId: ([0-9a-f-]{36})\tDuration: (\d+\.\d\d) ms\tBilled Duration: (\d+) ms\tMemory Size: 128 MB\tMax Memory Used: (\d+) MB(?:\tInit Duration: (\d+\.\d\d) ms)?$/;
    const c = report.exec(cold.logs[cold.logs.length - 1]);
    const w = report.exec(warm.logs[warm.logs.length - 1]);
    assert.ok(c && w, 'REPORT lines match Lambda format');
    assert.strictEqual(c![1], cold.requestId);
    assert.ok(c![5] !== undefined && w![5] === undefined, 'Init Duration only on the cold start');
    assert.strictEqual(Number(c![3]), Math.ceil(Number(c![2]) + Number(c![5]) - 1e-9));
    assert.ok(Number(c![4]) > 3 && Number(c![4]) < 128, 'real peak RSS of the interpreter');
  });

  it('returns exceptions in the Python error shape and keeps the sandbox', async () => {
    const r = await invoker.invoke(fn, { event: { mode: 'raise' } });
    assert.strictEqual(r.error?.errorType, 'ValueError');
    assert.strictEqual(r.error?.errorMessage, 'bad value');
    assert.ok(r.error?.stackTrace?.some((l) => l.includes('app.py')));
    assert.ok(r.logs.some((l) => l.startsWith('[ERROR] ValueError: bad value')));
    const ok = await invoker.invoke(fn, { event: {} });
    assert.strictEqual(ok.cold, false);
  });

  it('sys.exit gives Runtime.ExitError and a fresh sandbox next time', async () => {
    const r = await invoker.invoke(fn, { event: { mode: 'exit' } });
    assert.strictEqual(r.error?.errorType, 'Runtime.ExitError');
    assert.match(r.error!.errorMessage, /exit status 4$/);
    const ok = await invoker.invoke(fn, { event: {} });
    assert.strictEqual(ok.cold, true);
    assert.strictEqual((ok.response as { statusCode: number }).statusCode, 200);
  });

  it('maps init failures to Runtime.UserCodeSyntaxError, Runtime.ImportModuleError and Runtime.HandlerNotFound', async () => {
    const syn = await invoker.invoke({ ...fn, name: 'b', handlerFile: path.join(dir, 'broken.py') }, { event: {} });
    assert.strictEqual(syn.error?.errorType, 'Runtime.UserCodeSyntaxError');
    const imp = await invoker.invoke({ ...fn, name: 'i', handlerFile: path.join(dir, 'imp.py') }, { event: {} });
    assert.strictEqual(imp.error?.errorType, 'Runtime.ImportModuleError');
    assert.match(imp.error!.errorMessage, /^Unable to import module 'imp': No module named 'not_a_module_xyz'/);
    const noh = await invoker.invoke({ ...fn, name: 'n', handlerFile: path.join(dir, 'noh.py') }, { event: {} });
    assert.deepStrictEqual([noh.error?.errorType, noh.error?.errorMessage], ['Runtime.HandlerNotFound', "Handler 'lambda_handler' missing on module 'noh'"]);
  });
});

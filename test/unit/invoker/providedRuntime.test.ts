// Custom runtimes: a learner-written `bootstrap` (here a shell script with curl) speaks the Runtime API itself.
import * as assert from 'assert';
import * as path from 'path';
import type { Invoker } from '../../../src/core/invoker';
import { makeDir, newInvoker, removeDir } from './helpers';

const SHELL_BOOTSTRAP = `#!/bin/sh
set -eu
echo "init from $_HANDLER"
API="http://$AWS_LAMBDA_RUNTIME_API/2018-06-01/runtime"
while true; do
  HEADERS="$(mktemp)"
  EVENT=$(curl -sS -D "$HEADERS" "$API/invocation/next")
  ID=$(grep -i lambda-runtime-aws-request-id "$HEADERS" | tr -d '[:space:]' | cut -d: -f2)
  echo "event: $EVENT"
  if [ "$EVENT" = '{"fail":true}' ]; then
    curl -sS -X POST "$API/invocation/$ID/error" -H 'Lambda-Runtime-Function-Error-Type: Custom.Failure' -d '{"errorMessage":"shell says no","errorType":"Custom.Failure"}' >/dev/null
  else
    curl -sS -X POST "$API/invocation/$ID/response" -d "{\\"echo\\":$EVENT}" >/dev/null
  fi
done
`;

describe('invoker: provided (custom runtime)', function () {
  this.timeout(30000);
  let invoker: Invoker;
  let dir: string;

  beforeEach(async () => {
    invoker = await newInvoker();
    dir = makeDir({ bootstrap: SHELL_BOOTSTRAP });
  });
  afterEach(async () => {
    await invoker.dispose();
    removeDir(dir);
  });

  it('runs a shell bootstrap cold then warm, with its errors in Lambda shape', async () => {
    const fn = { name: 'shell', handlerFile: path.join(dir, 'bootstrap'), handlerName: 'function.handler', runtime: 'provided' as const };
    const cold = await invoker.invoke(fn, { event: { a: 1 } });
    assert.deepStrictEqual(cold.response, { echo: { a: 1 } }, JSON.stringify(cold));
    assert.match(cold.logs[0], /^INIT_START Runtime Version: provided:al2023\.local\t/);
    assert.strictEqual(cold.logs[1], 'init from function.handler');
    assert.ok(cold.logs.includes('event: {"a":1}'));
    assert.ok(cold.report.initDurationMs! > 0 && cold.report.maxMemoryUsedMb > 0);
    const warm = await invoker.invoke(fn, { event: { fail: true } });
    assert.strictEqual(warm.cold, false);
    assert.deepStrictEqual(warm.error, { errorType: 'Custom.Failure', errorMessage: 'shell says no' });
  });

  it('reports a bootstrap that is not executable as Runtime.InvalidEntrypoint', async () => {
    const d2 = makeDir({ 'not-exec': 'echo hi\n' });
    try {
      const r = await invoker.invoke({ name: 'ne', handlerFile: path.join(d2, 'not-exec'), handlerName: 'x', runtime: 'provided' }, { event: {} });
      assert.strictEqual(r.error?.errorType, 'Runtime.InvalidEntrypoint');
    } finally {
      removeDir(d2);
    }
  });
});

import * as assert from 'assert';
import { billedMs, endLine, exitError, makeReport, outOfMemoryError, reportLine, startLine, timeoutError } from '../../../src/core/invoker/lambdaFormat';

describe('invoker: Lambda log lines and billing', () => {
  const id = '8f5e5d8a-0000-4000-8000-000000000001';

  it('formats START, END and REPORT exactly like Lambda (tabs, two decimals, Init Duration on cold only)', () => {
    assert.strictEqual(startLine(id), `START RequestId: ${id} Version: $LATEST`);
    assert.strictEqual(endLine(id), `END RequestId: ${id}`);
    const cold = makeReport(15.74, 130.49, 128, 56 * 1024, '2025');
    assert.strictEqual(reportLine(id, cold), `REPORT RequestId: ${id}\tDuration: 15.74 ms\tBilled Duration: 147 ms\tMemory Size: 128 MB\tMax Memory Used: 56 MB\tInit Duration: 130.49 ms`);
    const warm = makeReport(1.2, undefined, 256, 40 * 1024 + 1, '2025');
    assert.strictEqual(reportLine(id, warm), `REPORT RequestId: ${id}\tDuration: 1.20 ms\tBilled Duration: 2 ms\tMemory Size: 256 MB\tMax Memory Used: 41 MB`);
  });

  it('bills INIT since 2025-08-01 and not under the legacy rule, rounding up to 1 ms', () => {
    assert.strictEqual(billedMs(15.74, 130.49, '2025'), 147);
    assert.strictEqual(billedMs(15.74, 130.49, 'legacy'), 16);
    assert.strictEqual(billedMs(3, undefined, '2025'), 3);
    assert.strictEqual(billedMs(0.01, undefined, 'legacy'), 1);
    assert.strictEqual(billedMs(0.7, 0.3, '2025'), 1);
  });

  it('shapes timeout, OOM and exit errors as Lambda does', () => {
    assert.deepStrictEqual(timeoutError(id, 3), { errorType: 'Sandbox.Timedout', errorMessage: `RequestId: ${id} Error: Task timed out after 3.00 seconds` });
    assert.deepStrictEqual(outOfMemoryError(id), { errorType: 'Runtime.OutOfMemory', errorMessage: `RequestId: ${id} Error: Runtime exited with error: signal: killed` });
    assert.strictEqual(exitError(id, 2, null).errorMessage, `RequestId: ${id} Error: Runtime exited with error: exit status 2`);
    assert.strictEqual(exitError(id, 0, null).errorMessage, `RequestId: ${id} Error: Runtime exited without providing a reason`);
    assert.strictEqual(exitError(id, null, 'SIGKILL').errorMessage, `RequestId: ${id} Error: Runtime exited with error: signal: killed`);
    assert.strictEqual(exitError(id, 1, null).errorType, 'Runtime.ExitError');
  });
});

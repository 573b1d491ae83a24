// Pure pieces of the fidelity work: REPORT suffixes, INIT lines, reserved variables, the log cap and
// the overlap counter behind `hostContended`.
import * as assert from 'assert';
import { contentionNote, InitOverlap } from '../../../src/core/invoker/hostLoad';
import { checkUserEnv, libraryPaths } from '../../../src/core/invoker/lambdaEnv';
import { initReportLine, initStartLine, reportLine } from '../../../src/core/invoker/lambdaFormat';
import { LogSink } from '../../../src/core/invoker/logCapture';
import { initDurationLabel } from '../../../src/shared/initDurationLabel';

const id = '6f7f0961-1d24-4b5a-9e4c-0c2b1f6d2a11';
const base = { durationMs: 3000, billedDurationMs: 3000, memorySizeMb: 128, maxMemoryUsedMb: 41 };

describe('invoker fidelity: formats and counters', () => {
  it('appends Status (and Error Type for errors) to REPORT only when the platform ended the call', () => {
    assert.strictEqual(reportLine(id, { ...base, status: 'timeout' }), `REPORT RequestId: ${id}\tDuration: 3000.00 ms\tBilled Duration: 3000 ms\tMemory Size: 128 MB\tMax Memory Used: 41 MB\tStatus: timeout`);
    assert.ok(reportLine(id, { ...base, maxMemoryUsedMb: 128, status: 'error', errorType: 'Runtime.OutOfMemory' }).endsWith('\tMax Memory Used: 128 MB\tStatus: error\tError Type: Runtime.OutOfMemory'));
    assert.ok(reportLine(id, base).endsWith('\tMax Memory Used: 41 MB'));
  });

  it('formats INIT_START and INIT_REPORT as Lambda does', () => {
    assert.strictEqual(initStartLine('python', '3.12.3', 'eu-south-1'), 'INIT_START Runtime Version: python:3.12.local\tRuntime Version ARN: arn:aws:lambda:eu-south-1::runtime:local-python-3.12.3');
    assert.strictEqual(initReportLine(10000, 'timeout', 'Sandbox.Timedout'), 'INIT_REPORT Init Duration: 10000.00 ms\tPhase: init\tStatus: timeout');
    assert.strictEqual(initReportLine(12.5, 'error', 'Runtime.ImportModuleError'), 'INIT_REPORT Init Duration: 12.50 ms\tPhase: init\tStatus: error\tError Type: Runtime.ImportModuleError');
  });

  it('rejects reserved keys with Lambda\'s message and the invoker\'s own keys with a local one', () => {
    assert.strictEqual(checkUserEnv({ A_B: '1', NODE_PATH: '/x', AWS_LAMBDA_LOG_LEVEL: 'DEBUG' }), undefined);
    assert.match(checkUserEnv({ _HANDLER: 'x' })!.errorMessage, /contains reserved keys that are currently not supported for modification\. Reserved keys used in this request: _HANDLER$/);
    assert.match(checkUserEnv({ SL_HANDLER_FILE: 'x' })!.errorMessage, /^Environment variable SL_HANDLER_FILE is used by Serverless Lab's local invoker itself/);
    assert.deepStrictEqual(libraryPaths('python', '/task', '/rt'), { LD_LIBRARY_PATH: '/rt:/rt/lib:/task:/task/lib', PYTHONPATH: '/rt' });
  });

  it('keeps the part of a line that fits under the cap, then only counts', () => {
    const sink = new LogSink(100);
    sink.add('a'.repeat(10));
    sink.add('b'.repeat(500));
    sink.add('c');
    const lines = sink.finish();
    assert.deepStrictEqual(lines.slice(0, 2), ['a'.repeat(10), 'b'.repeat(88)]);
    assert.match(lines[2], /^\[serverless-lab\] log output truncated: 414 bytes over/);
  });

  it('flags INITs that overlapped more cold starts than there are cores', () => {
    const overlap = new InitOverlap(2, () => 3.456);
    const a = overlap.begin();
    const b = overlap.begin();
    const endA = overlap.end(a);
    assert.deepStrictEqual(endA, { host: { cores: 2, concurrentInits: 2, loadAverage1m: 3.46 }, contended: false });
    const c = overlap.begin();
    const d = overlap.begin();
    assert.deepStrictEqual([overlap.end(b).host.concurrentInits, overlap.end(c).contended, overlap.end(d).contended], [3, true, true]);
    const windows = new InitOverlap(4, () => undefined);
    const alone = windows.end(windows.begin());
    assert.deepStrictEqual(alone, { host: { cores: 4, concurrentInits: 1 }, contended: false });
    assert.match(contentionNote({ cores: 2, concurrentInits: 5 }), /^Init Duration inflated by the local machine: 5 cold starts ran at once on 2 cores\. /);
  });

  it('labels a contended Init Duration in the panel as inflated by the local machine', () => {
    assert.strictEqual(initDurationLabel({ report: { ...base, initDurationMs: 411.5 }, hostContended: true }), '411.50 ms (inflated by the local machine)');
    assert.strictEqual(initDurationLabel({ report: { ...base, initDurationMs: 61.2 } }), '61.20 ms');
    assert.strictEqual(initDurationLabel({ report: base }), '– (warm)');
  });
});

import * as assert from 'node:assert/strict';
import type { InvocationRecord } from '../../../src/core/invoker/types';
import { bandOf, explainColdWarm, formatGap, gradePrediction } from '../../../src/core/run/prediction';
import { parseFrame, stackLines } from '../../../src/shared/stackFrames';
import { initBarsMs, timelineSegments } from '../../../src/shared/timeline';

const cold: InvocationRecord = {
  requestId: 'r1', functionName: 'f', cold: true, sandboxId: 's1', logs: [],
  timings: { spawnMs: 20, runtimeInitMs: 30, functionInitMs: 12.5, invokeMs: 4, startedAt: 10_000 },
  report: { durationMs: 4, billedDurationMs: 67, memorySizeMb: 128, maxMemoryUsedMb: 50, initDurationMs: 62.5 },
};
const warm: InvocationRecord = { ...cold, requestId: 'r2', cold: false, timings: { invokeMs: 2, startedAt: 14_000 }, report: { durationMs: 2, billedDurationMs: 2, memorySizeMb: 128, maxMemoryUsedMb: 50 } };

describe('run/prediction and timeline', () => {
  it('lays out cold phases back to back, with the invoke bar equal to REPORT Duration', () => {
    const segs = timelineSegments(cold);
    assert.deepEqual(segs.map((s) => [s.phase, s.startMs, s.durationMs]), [['spawn', 0, 20], ['runtimeInit', 20, 30], ['functionInit', 50, 12.5], ['invoke', 62.5, 4]]);
    assert.equal(initBarsMs(cold), cold.report.initDurationMs);
    assert.deepEqual(timelineSegments(warm).map((s) => s.phase), ['invoke']);
    assert.equal(initBarsMs(warm), undefined);
  });

  it('grades predictions and explains warm reuse with the gap and keep-alive', () => {
    const explanation = explainColdWarm(warm, { finishedAt: 10_000, sandboxId: 's1' }, 600, false);
    assert.match(explanation, /^Warm: a sandbox from 4 s ago was reused; idle keep-alive is 10 min/);
    const g = gradePrediction({ cold: false, band: '10to100' }, warm, explanation);
    assert.deepEqual([g.coldCorrect, g.bandCorrect, g.actualBand, g.score], [true, false, 'lt10', 1]);
  });

  it('explains cold starts by cause', () => {
    assert.match(explainColdWarm(cold, undefined, 600, false), /first invocation/);
    assert.match(explainColdWarm(cold, undefined, 600, true), /Invoke cold/);
    assert.match(explainColdWarm({ ...cold, timings: { ...cold.timings, startedAt: 2_000_000 } }, { finishedAt: 0 }, 600, false), /33 min 20 s ago, longer than the idle keep-alive of 10 min/);
    assert.match(explainColdWarm(cold, { finishedAt: 9_000 }, 600, false), /no idle sandbox/);
  });

  it('bands and gaps', () => {
    assert.deepEqual([bandOf(0), bandOf(10), bandOf(999), bandOf(1000)], ['lt10', '10to100', '100to1000', 'gt1000']);
    assert.deepEqual([formatGap(4000), formatGap(3_700_000)], ['4 s', '1 h 1 min']);
  });
});

describe('run/stackFrames', () => {
  it('finds Node.js and Python frame locations', () => {
    assert.deepEqual(parseFrame('    at Runtime.handler (/ws/src/handler.js:12:9)'), { file: '/ws/src/handler.js', line: 12, column: 9, start: 24, length: 23 });
    assert.equal(parseFrame('    at file:///ws/a%20b.mjs:3:1')?.file, '/ws/a b.mjs');
    assert.equal(parseFrame('    at node:internal/modules/cjs/loader:1:1'), undefined);
    assert.deepEqual(parseFrame('  File "/ws/app.py", line 7, in lambda_handler')?.line, 7);
    assert.deepEqual(stackLines(['  File "/ws/app.py", line 7, in h\n    raise X\n']), ['  File "/ws/app.py", line 7, in h', '    raise X']);
  });
});

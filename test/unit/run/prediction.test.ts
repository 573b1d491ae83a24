import * as assert from 'node:assert/strict';
import type { InvocationRecord } from '../../../src/core/invoker/types';
import { bandOf, explainColdWarm, formatGap, gradePrediction } from '../../../src/core/run/prediction';
import { initBarsMs, timelineSegments } from '../../../src/core/run/timeline';

const cold: InvocationRecord = {
  requestId: 'r1', functionName: 'f', cold: true, sandboxId: 's1', logs: [],
  timings: { spawnMs: 20, runtimeInitMs: 30, functionInitMs: 12.5, invokeMs: 4, startedAt: 10_000 },
  report: { durationMs: 4, billedDurationMs: 47, memorySizeMb: 128, maxMemoryUsedMb: 50, initDurationMs: 42.5 },
};
const warm: InvocationRecord = { ...cold, requestId: 'r2', cold: false, timings: { invokeMs: 2, startedAt: 14_000 }, report: { durationMs: 2, billedDurationMs: 2, memorySizeMb: 128, maxMemoryUsedMb: 50 } };

describe('run/prediction and timeline', () => {
  it('lays out cold phases back to back, with the invoke bar equal to REPORT Duration', () => {
    const segs = timelineSegments(cold);
    assert.deepEqual(segs.map((s) => [s.phase, s.startMs, s.durationMs]), [['spawn', 0, 20], ['runtimeInit', 20, 30], ['functionInit', 50, 12.5], ['invoke', 62.5, 4]]);
    assert.equal(initBarsMs(cold), 42.5);
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

import * as assert from 'node:assert/strict';
import type { InvocationRecord } from '../../../src/core/invoker/types';
import { arrivalOffsets, validateLoadPlan } from '../../../src/core/run/loadPlan';
import { runLoad } from '../../../src/core/run/loadRunner';
import { histogram, percentile, samplesToCsv, summarizeLoad, type LoadSample } from '../../../src/core/run/loadStats';

const sample = (i: number, latencyMs: number, cold = false): LoadSample => ({
  index: i, scheduledMs: 0, startMs: i, endMs: i + latencyMs, latencyMs, cold, durationMs: latencyMs, billedDurationMs: Math.ceil(latencyMs), maxMemoryUsedMb: 40,
});

function fakeRecord(cold: boolean, durationMs: number): InvocationRecord {
  return {
    requestId: 'r', functionName: 'f', cold, sandboxId: 's', logs: [], response: {},
    timings: { invokeMs: durationMs, startedAt: 0 },
    report: { durationMs, billedDurationMs: Math.ceil(durationMs), memorySizeMb: 128, maxMemoryUsedMb: 40 },
  };
}

describe('run/load', () => {
  it('uses nearest-rank percentiles', () => {
    const v = Array.from({ length: 100 }, (_, i) => i + 1);
    assert.equal(percentile(v, 50), 50);
    assert.equal(percentile(v, 90), 90);
    assert.equal(percentile(v, 99), 99);
    assert.equal(percentile([7], 99), 7);
    assert.ok(Number.isNaN(percentile([], 50)));
  });

  it('builds a histogram on nice boundaries that counts every value', () => {
    const bins = histogram([1, 2, 3, 10, 19, 20]);
    assert.equal(bins.reduce((a, b) => a + b.count, 0), 6);
    assert.equal(bins[0].fromMs, 1);
    assert.equal(bins[1].fromMs - bins[0].fromMs, 1);
  });

  it('summarises cold share, errors and throttles', () => {
    const s = [sample(0, 300, true), sample(1, 10), sample(2, 12), { ...sample(3, 0), throttled: true, error: 'TooManyRequestsException: Rate exceeded' }];
    const sum = summarizeLoad(s, [{ tMs: 0, alive: 0 }, { tMs: 5, alive: 2 }]);
    assert.equal(sum.count, 4);
    assert.equal(sum.throttled, 1);
    assert.equal(sum.errors, 0);
    assert.equal(sum.coldStarts, 1);
    assert.ok(Math.abs(sum.coldPct - 100 / 3) < 1e-9);
    assert.equal(sum.p50, 12);
    assert.equal(sum.maxAlive, 2);
  });

  it('generates burst, constant and Poisson arrivals', () => {
    assert.deepEqual(arrivalOffsets({ count: 3, pattern: 'burst', ratePerSec: 1, concurrency: 1 }), [0, 0, 0]);
    assert.deepEqual(arrivalOffsets({ count: 3, pattern: 'constant', ratePerSec: 4, concurrency: 1 }), [0, 250, 500]);
    const p = arrivalOffsets({ count: 2000, pattern: 'poisson', ratePerSec: 10, concurrency: 1, seed: 5 });
    const mean = p[p.length - 1] / (p.length - 1);
    assert.ok(Math.abs(mean - 100) < 10, `mean gap ${mean}`);
    assert.deepEqual(validateLoadPlan({ count: 0, pattern: 'poisson', ratePerSec: 0, concurrency: 1 }).length, 2);
  });

  it('exports CSV with quoting', () => {
    const csv = samplesToCsv([{ ...sample(0, 1.23456), error: 'Error: "bad", really' }]);
    const [header, row] = csv.trim().split('\n');
    assert.ok(header.startsWith('index,scheduledMs'));
    assert.ok(row.includes('1.235'));
    assert.ok(row.endsWith('"Error: ""bad"", really"'));
  });

  it('runs a plan with a concurrency limit and can be cancelled', async () => {
    let inFlight = 0;
    let peak = 0;
    const target = {
      sandboxCount: () => inFlight,
      invoke: async (i: number) => {
        inFlight++;
        peak = Math.max(peak, inFlight);
        await new Promise((r) => setTimeout(r, 5));
        inFlight--;
        return fakeRecord(i < 2, 5);
      },
    };
    const done: number[] = [];
    let listener: (() => void) | undefined;
    let unsubscribed = false;
    const watched = { ...target, invoke: async (i: number) => { listener?.(); return target.invoke(i); }, onSandboxCountChange: (l: () => void) => { listener = l; return () => { unsubscribed = true; }; } };
    const r = await runLoad({ count: 10, pattern: 'burst', ratePerSec: 1, concurrency: 2 }, watched, { onProgress: (d) => done.push(d) });
    assert.equal(r.alive.length, 1 + 10 + 10, 'one sample at start, one per change event, one per completion');
    assert.ok(unsubscribed);
    assert.equal(r.samples.length, 10);
    assert.equal(peak, 2);
    assert.deepEqual(r.samples.map((s) => s.index), [...Array(10).keys()]);
    assert.equal(done[done.length - 1], 10);
    const signal = { aborted: false };
    const cancelled = await runLoad({ count: 50, pattern: 'constant', ratePerSec: 100, concurrency: 1 }, target, {
      signal, onProgress: (d) => { if (d === 3) signal.aborted = true; },
    });
    assert.equal(cancelled.cancelled, true);
    assert.equal(cancelled.samples.length, 3);
  });
});

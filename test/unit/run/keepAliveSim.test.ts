import * as assert from 'node:assert/strict';
import { IdleTimeHistogram, defaultPolicySweep, hybridDefaults, simulateKeepAlive } from '../../../src/core/run/keepAliveSim';
import { DAY_MS, generateTraffic } from '../../../src/core/run/traffic';
import { runWhatIf } from '../../../src/core/run/whatIf';

const calibration = { initMs: 200, durationMs: 100 };
const MIN = 60_000;

describe('run/keepAliveSim', () => {
  it('matches a hand-checked trace for a fixed 10-minute keep-alive', () => {
    // t=0 cold (busy to 300); t=1000 warm (idle 700); t=300000 warm (idle 298900);
    // t=1200000: sandbox expired at 900100 after 600000 idle -> cold; new sandbox idles 600000 more.
    const r = simulateKeepAlive([0, 1000, 300_000, 1_200_000], calibration, { kind: 'fixed', keepAliveMs: 10 * MIN }, { horizonMs: 2_000_000, trace: true });
    assert.deepEqual(r.trace!.map((i) => i.cold), [true, false, false, true]);
    assert.deepEqual(r.trace!.map((i) => i.sandbox), [1, 1, 1, 2]);
    assert.equal(r.coldStarts, 2);
    assert.equal(r.coldPct, 50);
    assert.equal(r.idleSandboxMs, 700 + 298_900 + 600_000 + 600_000);
    assert.equal(r.maxSandboxes, 1);
  });

  it('matches a hand-checked trace for the hybrid histogram policy', () => {
    // t=0 cold, empty histogram -> fallback keep-alive 4 h; t=600000 warm (idle 599700), idle time 599700 -> bin 9.
    // Windows: pre-warm 9 min * 0.9 = 486000, keep alive until 10 min * 1.1 = 660000.
    // After t=600000 (free 600100) the sandbox unloads, reloads at 1086100 -> t=1200000 warm (idle 113900).
    const r = simulateKeepAlive([0, 600_000, 1_200_000], calibration, { kind: 'hybrid' }, { horizonMs: 1_300_000, trace: true });
    assert.deepEqual(r.trace!.map((i) => i.cold), [true, false, false]);
    assert.equal(r.idleSandboxMs, 599_700 + 113_900);
  });

  it('gives provisioned sandboxes no cold starts but charges their whole horizon', () => {
    const r = simulateKeepAlive([1000, 5000], calibration, { kind: 'provisioned', count: 1, keepAliveMs: 0 }, { horizonMs: 10_000 });
    assert.equal(r.coldStarts, 0);
    assert.equal(r.idleSandboxMs, 10_000 - 200);
  });

  it('scales out for concurrent arrivals', () => {
    const r = simulateKeepAlive([0, 10, 20], calibration, { kind: 'fixed', keepAliveMs: MIN }, { trace: true });
    assert.equal(r.coldStarts, 3);
    assert.equal(r.maxSandboxes, 3);
  });

  it('computes hybrid windows from percentiles with a 10% margin and falls back on a flat histogram', () => {
    const h = new IdleTimeHistogram(hybridDefaults());
    for (let i = 0; i < 100; i++) h.add(30 * MIN + 5_000);
    const w = h.windows();
    assert.equal(w.fallback, false);
    assert.equal(w.preWarmMs, 30 * MIN * 0.9);
    assert.equal(w.preWarmMs + w.keepAliveMs, 31 * MIN * 1.1);
    const flat = new IdleTimeHistogram(hybridDefaults());
    for (let i = 0; i < 240; i++) flat.add(i * MIN);
    assert.deepEqual(flat.windows(), { preWarmMs: 0, keepAliveMs: 4 * 60 * MIN, fallback: true });
  });

  it('moves the cold-start percentage with the keep-alive over a day of traffic', () => {
    const arrivals = generateTraffic({ pattern: 'poisson', perHour: 6, seed: 7 });
    assert.ok(arrivals.length > 100 && arrivals[arrivals.length - 1] < DAY_MS);
    const short = simulateKeepAlive(arrivals, calibration, { kind: 'fixed', keepAliveMs: MIN });
    const long = simulateKeepAlive(arrivals, calibration, { kind: 'fixed', keepAliveMs: 60 * MIN });
    assert.ok(short.coldPct > long.coldPct, `${short.coldPct} > ${long.coldPct}`);
    assert.ok(short.idleSandboxMs < long.idleSandboxMs);
  });

  it('beats a long fixed keep-alive on periodic traffic with the hybrid policy', () => {
    const arrivals = generateTraffic({ pattern: 'periodic', periodMs: 30 * MIN, seed: 3 });
    const fixed = simulateKeepAlive(arrivals, calibration, { kind: 'fixed', keepAliveMs: 60 * MIN });
    const hybrid = simulateKeepAlive(arrivals, calibration, { kind: 'hybrid' });
    assert.ok(hybrid.idleSandboxMs < fixed.idleSandboxMs / 2, `${hybrid.idleSandboxMs} vs ${fixed.idleSandboxMs}`);
    assert.ok(hybrid.coldPct < 10, `hybrid cold ${hybrid.coldPct}%`);
  });

  it('runs the default sweep over a bursty day quickly', () => {
    const arrivals = generateTraffic({ pattern: 'bursty', perHour: 60, seed: 1 });
    const t0 = performance.now();
    const rows = defaultPolicySweep().map((p) => simulateKeepAlive(arrivals, calibration, p.policy));
    assert.equal(rows.length, 9);
    assert.ok(performance.now() - t0 < 2000);
  });
});

describe('run/whatIf', () => {
  it('calibrates from measured cold starts and falls back when nothing was measured', () => {
    const base = { requestId: 'r', functionName: 'f', logs: [], sandboxId: 's' };
    const records = [
      { ...base, cold: true, timings: { spawnMs: 40, runtimeInitMs: 30, functionInitMs: 10, invokeMs: 3, startedAt: 0 }, report: { durationMs: 3, billedDurationMs: 33, memorySizeMb: 128, maxMemoryUsedMb: 40, initDurationMs: 40 } },
      { ...base, cold: false, timings: { invokeMs: 1, startedAt: 0 }, report: { durationMs: 1, billedDurationMs: 1, memorySizeMb: 128, maxMemoryUsedMb: 40 } },
    ];
    const measured = runWhatIf({ pattern: 'periodic', perHour: 4 }, records, 'f');
    assert.equal(measured.measured, true);
    assert.equal(measured.initMs, 80);
    assert.equal(measured.durationMs, 1);
    assert.equal(measured.rows.length, 9);
    assert.equal(measured.rows.find((r) => r.label.startsWith('Fixed keep-alive 1 min'))!.coldPct, 100);
    const fallback = runWhatIf({ pattern: 'poisson', perHour: 4 }, []);
    assert.equal(fallback.measured, false);
    assert.equal(fallback.initMs, 141);
  });
});

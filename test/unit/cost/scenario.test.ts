import { strict as assert } from 'node:assert';
import { buildCostModel, normalizeScenario, percentile, scenarioFromMeasurements } from '../../../src/core/cost';

const measured = { durationsMs: [40, 42, 45, 50, 180], maxMemoryUsedMb: 70, memoryMb: 256, coldFraction: 0.2, initMs: 150, functionName: 'hello' };

describe('cost: panel model', () => {
  it('uses nearest-rank percentiles', () => {
    assert.equal(percentile([40, 42, 45, 50, 180], 50), 45);
    assert.equal(percentile([40, 42, 45, 50, 180], 90), 180);
  });

  it('prices the measured durations on all three providers without projection at the measured memory', () => {
    const model = buildCostModel(scenarioFromMeasurements(measured));
    assert.equal(model.projected, false);
    assert.deepEqual(model.pricedDurationsMs, measured.durationsMs);
    assert.equal(model.stats.medianMs, 45);
    for (const p of ['aws', 'azure', 'gcp'] as const) assert.ok(model.providers[p].total >= 0);
    assert.equal(model.providers.azure.billing.billedMemoryMb, 128, 'Azure bills the 70 MB peak as 128 MB');
  });

  it('projects durations with the CPU model when the memory slider moves, and says so', () => {
    const s = { ...scenarioFromMeasurements(measured), memoryMb: 1024, cpuBoundFraction: 1 };
    const model = buildCostModel(s);
    assert.equal(model.projected, true);
    assert.match(model.projectionNote ?? '', /projected .* CPU model/);
    assert.ok(Math.abs(model.pricedDurationsMs[0] - 40 * (256 / 1024)) < 1e-9);
  });

  it('marks only the measured memory size as measured in the sweep', () => {
    const model = buildCostModel(scenarioFromMeasurements(measured));
    const measuredPoints = model.sweep.points.filter((p) => p.source === 'measured');
    assert.deepEqual(measuredPoints.map((p) => p.memoryMb), [256]);
    assert.ok(model.sweep.points.some((p) => p.memoryMb === 1769));
  });

  it('shows what provisioned concurrency costs next to the cold starts it removes', () => {
    const model = buildCostModel({ ...scenarioFromMeasurements(measured), provisionedConcurrency: 2 });
    assert.equal(model.provisioned.coldStartsBefore, 200_000);
    assert.equal(model.provisioned.coldStartsAfter, 0);
    assert.ok(model.provisioned.extraCost > 0);
    assert.equal(model.provisioned.initMsRemoved, 200_000 * 150);
  });

  it('normalizes untrusted scenario data', () => {
    assert.equal(normalizeScenario({ durationsMs: 'x' }), undefined);
    const s = normalizeScenario({ durationsMs: [10, -1, 'a'], measuredMemoryMb: 99999, memoryMb: 1, invocations: -5, coldFraction: 3, arch: 'sparc' });
    assert.ok(s);
    assert.deepEqual(s.durationsMs, [10]);
    assert.equal(s.measuredMemoryMb, 10240);
    assert.equal(s.memoryMb, 128);
    assert.equal(s.invocations, 0);
    assert.equal(s.coldFraction, 1);
    assert.equal(s.arch, 'x86_64');
  });
});

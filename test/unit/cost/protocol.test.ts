import { strict as assert } from 'node:assert';
import { scenarioFromMeasurements } from '../../../src/core/cost';
import { COST_STATE_VERSION, migrateCostState, parseOpenCostArgs } from '../../../src/shared/costProtocol';

describe('cost: panel protocol', () => {
  it('accepts the invocation panel\'s argument and drops unknown or malformed optional fields', () => {
    const args = parseOpenCostArgs({ durationsMs: [12.5, 30], maxMemoryUsedMb: 60, memoryMb: 128, coldFraction: 0.1, initMs: undefined, functionName: 'f', extra: 1 });
    assert.deepEqual(args, { durationsMs: [12.5, 30], maxMemoryUsedMb: 60, memoryMb: 128, coldFraction: 0.1, functionName: 'f' });
  });

  it('rejects arguments without usable durations or memory', () => {
    assert.equal(parseOpenCostArgs({ durationsMs: [], memoryMb: 128 }), undefined);
    assert.equal(parseOpenCostArgs({ durationsMs: [-1], memoryMb: 128 }), undefined);
    assert.equal(parseOpenCostArgs({ durationsMs: [1] }), undefined);
    assert.equal(parseOpenCostArgs('fast'), undefined);
  });

  it('restores saved state of the current version and refuses other versions', () => {
    const scenario = scenarioFromMeasurements({ durationsMs: [10], maxMemoryUsedMb: 50, memoryMb: 256 });
    assert.deepEqual(migrateCostState({ version: COST_STATE_VERSION, scenario })?.scenario, scenario);
    assert.equal(migrateCostState({ version: 0, scenario }), undefined);
    assert.equal(migrateCostState({ version: COST_STATE_VERSION, scenario: { durationsMs: [] } }), undefined);
  });
});

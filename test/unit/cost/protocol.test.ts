import { strict as assert } from 'node:assert';
import { scenarioFromMeasurements } from '../../../src/core/cost';
import { COST_HOST_SCHEMA, COST_STATE_VERSION, COST_WEBVIEW_SCHEMA, migrateCostState, parseOpenCostArgs } from '../../../src/shared/costProtocol';
import { parseMessage } from '../../../src/shared/webviewMessaging';

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

describe('cost: messages are validated at the boundary', () => {
  it('accepts update requests and replies, and refuses the old shapes', () => {
    assert.ok(parseMessage({ type: 'update', requestId: 2, scenario: { durationsMs: [1] } }, COST_WEBVIEW_SCHEMA));
    assert.equal(parseMessage({ type: 'update', scenario: { durationsMs: [1] } }, COST_WEBVIEW_SCHEMA), undefined, 'no requestId');
    assert.ok(parseMessage({ type: 'reply', requestId: 2, error: 'no durations' }, COST_HOST_SCHEMA));
    assert.equal(parseMessage({ type: 'error', requestId: 2, message: 'x' }, COST_HOST_SCHEMA), undefined);
    assert.equal(parseMessage({ type: 'model', model: {} }, COST_HOST_SCHEMA), undefined, 'a model without its scenario');
  });
});

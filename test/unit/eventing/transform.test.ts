import * as assert from 'assert';
import { fillTemplate, readJsonPath, targetPayload } from '../../../src/core/eventing/transform';

describe('eventing target input (InputPath, InputTransformer)', () => {
  const event = { id: 'e1', time: '2026-01-01T00:00:00Z', detail: { order: { id: 'o-7', total: 42, items: [{ sku: 'a' }] }, 'weird-key': true } };
  const rule = { ruleName: 'r', ruleArn: 'arn:aws:events:us-east-1:123456789012:rule/r', ingestionTime: '2026-01-01T00:00:00Z' };

  it('reads JSONPath steps, indexes and quoted keys', () => {
    assert.strictEqual(readJsonPath(event, '$.detail.order.items[0].sku'), 'a');
    assert.strictEqual(readJsonPath(event, "$.detail['weird-key']"), true);
    assert.strictEqual(readJsonPath(event, '$.detail.missing.x'), undefined);
    assert.throws(() => readJsonPath(event, 'detail'), /must start with/);
  });

  it('sends the whole event, a constant Input, or the InputPath part', () => {
    assert.strictEqual(targetPayload(event, {}, rule), event);
    assert.deepStrictEqual(targetPayload(event, { input: '{"fixed":1}' }, rule), { fixed: 1 });
    assert.deepStrictEqual(targetPayload(event, { inputPath: '$.detail.order' }, rule), event.detail.order);
    assert.throws(() => targetPayload(event, { input: '{}', inputPath: '$' }, rule), /Only one of/);
  });

  it('fills a JSON template: values outside quotes as JSON, inside quotes as text', () => {
    const out = targetPayload(event, { inputTransformer: { inputPathsMap: { id: '$.detail.order.id', total: '$.detail.order.total', order: '$.detail.order' }, inputTemplate: '{"orderId": <id>, "label": "order <id> of <total> EUR", "raw": <order>, "rule": "<aws.events.rule-name>"}' } }, rule);
    assert.deepStrictEqual(out, { orderId: 'o-7', label: 'order o-7 of 42 EUR', raw: event.detail.order, rule: 'r' });
  });

  it('delivers a non-JSON template as text and a missing path as null', () => {
    assert.strictEqual(fillTemplate('"Order <id> placed"', { id: 'o-7' }), '"Order o-7 placed"');
    assert.deepStrictEqual(targetPayload(event, { inputTransformer: { inputPathsMap: { x: '$.nope' }, inputTemplate: '{"x": <x>}' } }, rule), { x: null });
    assert.strictEqual(targetPayload(event, { inputTransformer: { inputPathsMap: { id: '$.detail.order.id' }, inputTemplate: 'Order <id> placed' } }, rule), 'Order "o-7" placed');
  });
});

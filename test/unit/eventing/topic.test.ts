import * as assert from 'assert';
import { EventEngine, ManualClock } from '../../../src/core/eventing';
import { attributesForFilter } from '../../../src/core/eventing/topic';
import { fakeRuntime } from './fakeRuntime';

describe('eventing topics (SNS semantics)', () => {
  it('fans out to queues (envelope or raw) and functions, applying attribute and body filter policies', async () => {
    const runtime = fakeRuntime({ fn: () => null });
    const engine = new EventEngine({ runtime, clock: new ManualClock() });
    const topic = engine.createTopic('orders');
    const wrapped = engine.createQueue('wrapped');
    const raw = engine.createQueue('raw');
    const big = engine.createQueue('big');
    topic.subscribe({ protocol: 'sqs', endpoint: wrapped.arn });
    topic.subscribe({ protocol: 'sqs', endpoint: raw.arn, rawMessageDelivery: true, filterPolicy: { kind: ['placed'] } });
    topic.subscribe({ protocol: 'sqs', endpoint: big.arn, filterPolicyScope: 'MessageBody', filterPolicy: { size: ['big'] } });
    topic.subscribe({ protocol: 'lambda', endpoint: EventEngine.functionArn('fn') });
    const attrs = { kind: { DataType: 'String', StringValue: 'placed' } };
    const id = engine.publish('orders', { message: '{"size":"big"}', subject: 'S', attributes: attrs });
    engine.publish('orders', { message: '{"size":"small"}', attributes: { kind: { DataType: 'String', StringValue: 'other' } } });
    await engine.settle();
    const env = JSON.parse(wrapped.stored()[0].body);
    assert.strictEqual(env.Type, 'Notification');
    assert.strictEqual(env.MessageId, id);
    assert.strictEqual(env.TopicArn, topic.arn);
    assert.deepStrictEqual(env.MessageAttributes, { kind: { Type: 'String', Value: 'placed' } });
    assert.strictEqual(wrapped.stored().length, 2);
    assert.deepStrictEqual(raw.stored().map((m) => m.body), ['{"size":"big"}']);
    assert.deepStrictEqual(raw.stored()[0].attributes, attrs);
    assert.deepStrictEqual(big.stored().map((m) => JSON.parse(m.body).Message), ['{"size":"big"}']);
    const sns = (runtime.calls[0].event as { Records: { EventSource: string; Sns: Record<string, unknown> }[] }).Records[0];
    assert.strictEqual(sns.EventSource, 'aws:sns');
    assert.strictEqual(sns.Sns.Message, '{"size":"big"}');
    assert.strictEqual(runtime.calls[0].options.source, 'topic');
  });

  it('maps attribute types for filter policies (numbers, string arrays; binary ignored)', () => {
    assert.deepStrictEqual(attributesForFilter({
      n: { DataType: 'Number', StringValue: '3.5' }, a: { DataType: 'String.Array', StringValue: '["x","y"]' },
      s: { DataType: 'String', StringValue: 'v' }, b: { DataType: 'Binary', BinaryValue: 'AA==' },
    }), { n: 3.5, a: ['x', 'y'], s: 'v' });
  });

  it('rejects invalid filter policies, with SNS limits: 5 keys, 150 combinations, no nesting on attributes', () => {
    const engine = new EventEngine({ runtime: fakeRuntime({}), clock: new ManualClock() });
    const t = engine.createTopic('t');
    assert.throws(() => t.subscribe({ protocol: 'sqs', endpoint: 'x', filterPolicy: { k: 'not-a-list' } }), /FilterPolicy/);
    assert.throws(() => t.subscribe({ protocol: 'sqs', endpoint: 'a', filterPolicy: { a: [1], b: [1], c: [1], d: [1], e: [1], f: [1] } }), /at most 5 keys/);
    const many = Array.from({ length: 13 }, (_, i) => i);
    assert.throws(() => t.subscribe({ protocol: 'sqs', endpoint: 'b', filterPolicy: { a: many, b: many } }), /169 value combinations/);
    assert.throws(() => t.subscribe({ protocol: 'sqs', endpoint: 'c', filterPolicy: { order: { kind: ['x'] } } }), /nested/);
    assert.ok(t.subscribe({ protocol: 'sqs', endpoint: 'd', filterPolicyScope: 'MessageBody', filterPolicy: { order: { kind: ['x'] } } }));
  });

  it('filters on numeric ranges as SNS documents them, and refuses numbers SNS cannot compare', async () => {
    const engine = new EventEngine({ runtime: fakeRuntime({}), clock: new ManualClock() });
    const topic = engine.createTopic('prices');
    const mid = engine.createQueue('mid');
    topic.subscribe({ protocol: 'sqs', endpoint: mid.arn, rawMessageDelivery: true, filterPolicy: { price: [{ numeric: ['>', 0, '<=', 150] }] } });
    for (const price of ['0', '0.5', '150', '150.00001', '3.015e2', '-1']) engine.publish('prices', { message: price, attributes: { price: { DataType: 'Number', StringValue: price } } });
    await engine.settle();
    assert.deepStrictEqual(mid.stored().map((m) => m.body), ['0.5', '150']);
    const refuse = (policy: unknown) => assert.throws(() => topic.subscribe({ protocol: 'sqs', endpoint: engine.createQueue(`q${Math.random().toString(36).slice(2, 8)}`).arn, filterPolicy: policy }), /InvalidParameter|-1,000,000,000 to 1,000,000,000/);
    refuse({ price: [{ numeric: ['>', 1e10] }] });
    refuse({ price: [{ numeric: ['>=', 0, '<', 0.000001] }] });
    refuse({ price: [-2e9] });
    refuse({ price: [{ 'anything-but': [1.123456] }] });
    // At the limits, and exponents that leave five decimals or fewer, are fine.
    for (const ok of [{ price: [{ numeric: ['>=', -1e9, '<=', 1e9] }] }, { price: [{ numeric: ['=', 1.00001] }] }, { price: [{ numeric: ['<', 1.2345e-1] }] }]) {
      topic.subscribe({ protocol: 'sqs', endpoint: engine.createQueue(`ok${Math.random().toString(36).slice(2, 8)}`).arn, filterPolicy: ok });
    }
  });
});

import * as assert from 'assert';
import { EventEngine, ManualClock, type TraceEvent } from '../../../src/core/eventing';
import { fakeRuntime } from './fakeRuntime';

describe('eventing buses, rules and targets', () => {
  let clock: ManualClock;
  let engine: EventEngine;
  let trace: TraceEvent[];
  beforeEach(() => {
    clock = new ManualClock();
    engine = new EventEngine({ runtime: fakeRuntime({ fn: () => null }), clock, knownFunctions: ['fn'] });
    trace = [];
    engine.onTrace((e) => trace.push(e));
  });

  it('routes a put event by pattern to a queue with the EventBridge envelope, carrying one trace id', () => {
    const q = engine.createQueue('orders');
    const bus = engine.bus();
    bus.putRule({ name: 'placed', eventPattern: { source: ['shop'], 'detail-type': ['OrderPlaced'] }, state: 'ENABLED' });
    bus.putTargets('placed', [{ id: 'q', arn: q.arn }]);
    const res = engine.putEvents([
      { Source: 'shop', DetailType: 'OrderPlaced', Detail: '{"id":1}' },
      { Source: 'shop', DetailType: 'OrderShipped', Detail: '{"id":2}' },
      { Source: 'shop', DetailType: 'OrderPlaced', Detail: 'not json' },
    ], 'trace-1');
    assert.strictEqual(res.failedEntryCount, 1);
    assert.deepStrictEqual(res.entries[2], { ErrorCode: 'MalformedDetail', ErrorMessage: 'Detail is malformed.' });
    const [m] = q.stored();
    const body = JSON.parse(m.body);
    assert.deepStrictEqual(Object.keys(body), ['version', 'id', 'detail-type', 'source', 'account', 'time', 'region', 'resources', 'detail']);
    assert.strictEqual(body.id, (res.entries[0] as { EventId: string }).EventId);
    assert.match(body.time, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    assert.strictEqual(q.stored().length, 1);
    assert.deepStrictEqual(trace.filter((e) => e.traceId === 'trace-1').map((e) => e.kind), ['event.put', 'rule.matched', 'queue.sent', 'target.delivered', 'event.put']);
  });

  it('rejects an invalid pattern and unknown rules with AWS error codes', () => {
    assert.throws(() => engine.bus().putRule({ name: 'bad', eventPattern: { source: 'not-a-list' }, state: 'ENABLED' }), (e: Error & { code?: string }) => e.code === 'InvalidEventPatternException');
    assert.throws(() => engine.bus().putTargets('nope', []), (e: Error & { code?: string }) => e.code === 'ResourceNotFoundException');
    assert.throws(() => engine.bus('other'), /does not exist/);
  });

  it('retries an undeliverable target with backoff, then sends the event to the target DLQ with the error attributes', async () => {
    const dlq = engine.createQueue('rule-dlq');
    const bus = engine.bus();
    bus.putRule({ name: 'r', eventPattern: { source: ['s'] }, state: 'ENABLED' });
    bus.putTargets('r', [{ id: 'gone', arn: EventEngine.functionArn('missing'), retryPolicy: { maximumRetryAttempts: 3 }, deadLetterArn: dlq.arn }]);
    engine.putEvents([{ Source: 's', DetailType: 'd', Detail: '{}' }]);
    await engine.settle();
    const retries = trace.filter((e) => e.kind === 'target.retry').map((e) => e.detail.afterMs);
    assert.deepStrictEqual(retries, [1000, 2000, 4000]);
    const [m] = dlq.stored();
    assert.strictEqual(m.attributes.ERROR_CODE.StringValue, 'ResourceNotFoundException');
    assert.strictEqual(m.attributes.TARGET_ARN.StringValue, EventEngine.functionArn('missing'));
    assert.strictEqual(JSON.parse(m.body).source, 's');
  });

  it('forwards to another bus, and invokes function targets asynchronously with source event-rule', async () => {
    const runtime = fakeRuntime({ fn: () => null });
    engine = new EventEngine({ runtime, clock });
    const other = engine.createBus('audit');
    other.putRule({ name: 'all', eventPattern: { source: ['s'] }, state: 'ENABLED' });
    other.putTargets('all', [{ id: 'f', arn: EventEngine.functionArn('fn'), inputPath: '$.detail' }]);
    engine.bus().putRule({ name: 'fwd', eventPattern: { source: ['s'] }, state: 'ENABLED', targets: [{ id: 'b', arn: other.arn }] });
    engine.putEvents([{ Source: 's', DetailType: 'd', Detail: '{"k":1}' }]);
    await engine.settle();
    assert.strictEqual(runtime.calls.length, 1);
    assert.deepStrictEqual(runtime.calls[0].event, { k: 1 });
    assert.strictEqual(runtime.calls[0].options.invocationType, 'Event');
    assert.strictEqual(runtime.calls[0].options.source, 'event-rule');
  });

  it('fires schedule rules through an injected parser, as "Scheduled Event"s', async () => {
    const runtime = fakeRuntime({ fn: () => null });
    engine = new EventEngine({ runtime, clock, parseSchedule: () => ({ next: (after) => new Date(after.getTime() + 60_000) }) });
    engine.bus().putRule({ name: 'tick', scheduleExpression: 'rate(1 minute)', state: 'ENABLED', targets: [{ id: 'f', arn: EventEngine.functionArn('fn') }] });
    engine.start();
    clock.advance(180_000);
    await engine.settle();
    engine.stop();
    assert.strictEqual(runtime.calls.length, 3);
    assert.strictEqual((runtime.calls[0].event as Record<string, unknown>)['detail-type'], 'Scheduled Event');
    assert.strictEqual(runtime.calls[0].options.source, 'schedule');
  });

  it('keeps routing when a trace listener throws', () => {
    const q = engine.createQueue('q');
    engine.bus().putRule({ name: 'r', eventPattern: { source: ['s'] }, state: 'ENABLED', targets: [{ id: 'q', arn: q.arn }] });
    engine.onTrace(() => {
      throw new Error('broken view');
    });
    assert.strictEqual(engine.putEvents([{ Source: 's', DetailType: 'd', Detail: '{}' }]).failedEntryCount, 0);
    assert.strictEqual(q.stored().length, 1);
  });

  it('fires rate() and cron() rules with the schedules module by default', async () => {
    const runtime = fakeRuntime({ fn: () => null });
    engine = new EventEngine({ runtime, clock });
    engine.bus().putRule({ name: 'every5', scheduleExpression: 'rate(5 minutes)', state: 'ENABLED', targets: [{ id: 'f', arn: EventEngine.functionArn('fn'), input: '{"r":1}' }] });
    engine.bus().putRule({ name: 'hourly', scheduleExpression: 'cron(0 * * * ? *)', state: 'ENABLED', targets: [{ id: 'f', arn: EventEngine.functionArn('fn'), input: '{"c":1}' }] });
    engine.start();
    clock.advance(60 * 60_000);
    await engine.settle();
    engine.stop();
    assert.strictEqual(runtime.calls.filter((c) => (c.event as { r?: number }).r).length, 12);
    assert.strictEqual(runtime.calls.filter((c) => (c.event as { c?: number }).c).length, 1);
  });
});

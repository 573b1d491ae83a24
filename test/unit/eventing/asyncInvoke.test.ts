import * as assert from 'assert';
import { EventEngine, ManualClock, type TraceEvent } from '../../../src/core/eventing';
import { fakeRuntime } from './fakeRuntime';

describe('eventing async invocation (Lambda retry semantics)', () => {
  let clock: ManualClock;
  const start = Date.UTC(2026, 0, 1);
  beforeEach(() => (clock = new ManualClock(start)));

  function failing(times: number) {
    let n = 0;
    return () => {
      if (n++ < times) throw new Error(`boom ${n}`);
      return { ok: true };
    };
  }

  it('retries a failing function after 1 then 2 more minutes, then sends the event to its DLQ with the error attributes', async () => {
    const runtime = fakeRuntime({ fn: failing(99) });
    const engine = new EventEngine({ runtime, clock });
    const dlq = engine.createQueue('fn-dlq');
    engine.setAsyncConfig('fn', { deadLetterArn: dlq.arn });
    const times: number[] = [];
    engine.onTrace((e) => e.kind === 'function.invoked' && times.push(e.at - start));
    engine.deliver(EventEngine.functionArn('fn'), { order: 1 }, { traceId: 't1', source: 'event-rule' });
    assert.strictEqual(await engine.settle(), true);
    assert.deepStrictEqual(times, [0, 60_000, 180_000]);
    assert.strictEqual(runtime.calls.length, 3);
    assert.ok(runtime.calls.every((c) => c.options.invocationType === 'Event' && c.options.traceId === 't1'));
    const [m] = dlq.stored();
    assert.deepStrictEqual(JSON.parse(m.body), { order: 1 });
    assert.strictEqual(m.attributes.ErrorMessage.StringValue, 'boom 3');
    assert.strictEqual(m.attributes.ErrorCode.StringValue, '200');
    assert.strictEqual(m.traceId, 't1');
  });

  it('succeeds on a retry and sends an on-success record; honours maximumRetryAttempts 0 with an on-failure record', async () => {
    const runtime = fakeRuntime({ flaky: failing(1), broken: failing(99) });
    const engine = new EventEngine({ runtime, clock });
    const ok = engine.createQueue('ok');
    const bad = engine.createQueue('bad');
    engine.setAsyncConfig('flaky', { onSuccessArn: ok.arn });
    engine.setAsyncConfig('broken', { maximumRetryAttempts: 0, onFailureArn: bad.arn });
    engine.deliver(EventEngine.functionArn('flaky'), { a: 1 }, { traceId: 't' });
    engine.deliver(EventEngine.functionArn('broken'), { b: 2 }, { traceId: 't' });
    await engine.settle();
    const success = JSON.parse(ok.stored()[0].body);
    assert.strictEqual(success.requestContext.condition, 'Success');
    assert.strictEqual(success.requestContext.approximateInvokeCount, 2);
    assert.deepStrictEqual(success.responsePayload, { ok: true });
    const failure = JSON.parse(bad.stored()[0].body);
    assert.strictEqual(failure.requestContext.condition, 'RetriesExhausted');
    assert.strictEqual(failure.requestContext.approximateInvokeCount, 1);
    assert.strictEqual(failure.responseContext.functionError, 'Unhandled');
    assert.deepStrictEqual(failure.requestPayload, { b: 2 });
    assert.strictEqual(runtime.calls.filter((c) => c.functionName === 'broken').length, 1);
  });

  it('drops an event whose retry would exceed the maximum event age (EventAgeExceeded)', async () => {
    const engine = new EventEngine({ runtime: fakeRuntime({ fn: failing(99) }), clock });
    const bad = engine.createQueue('bad');
    engine.setAsyncConfig('fn', { maximumEventAgeInSeconds: 90, onFailureArn: bad.arn });
    engine.deliver(EventEngine.functionArn('fn'), {}, { traceId: 't' });
    await engine.settle();
    assert.strictEqual(JSON.parse(bad.stored()[0].body).requestContext.condition, 'EventAgeExceeded');
    assert.strictEqual(JSON.parse(bad.stored()[0].body).requestContext.approximateInvokeCount, 2);
  });

  it('retries injected throttles with backoff from 1 s, without using up retry attempts, and marks the fault in traces', async () => {
    const runtime = fakeRuntime({ fn: () => 'done' });
    let draws = 0;
    // Throttle draws come first: the first three invocations are throttled, then none.
    const engine = new EventEngine({ runtime, clock, random: () => (draws++ < 3 ? 0 : 0.99) });
    engine.setFaults({ functions: { fn: { throttleRate: 0.5 } }, queues: {} });
    const trace: TraceEvent[] = [];
    engine.onTrace((e) => trace.push(e));
    engine.deliver(EventEngine.functionArn('fn'), {}, { traceId: 't' });
    await engine.settle();
    const invoked = trace.filter((e) => e.kind === 'function.invoked').map((e) => e.at - start);
    assert.deepStrictEqual(invoked, [0, 1000, 3000, 7000]);
    assert.strictEqual(trace.filter((e) => e.kind === 'function.throttled').every((e) => e.fault === 'throttle'), true);
    assert.strictEqual(runtime.calls.length, 1, 'injected throttles never reach the runtime');
  });

  it('retries throttles reported by the runtime (reserved concurrency exhausted) until the event is too old', async () => {
    const throttled = () => {
      const e = new Error('Rate Exceeded.');
      e.name = 'TooManyRequestsException';
      throw e;
    };
    const runtime = fakeRuntime({ fn: throttled });
    const engine = new EventEngine({ runtime, clock });
    const bad = engine.createQueue('bad');
    engine.setAsyncConfig('fn', { maximumEventAgeInSeconds: 60, onFailureArn: bad.arn });
    engine.deliver(EventEngine.functionArn('fn'), {}, { traceId: 't' });
    await engine.settle();
    // 0, 1, 3, 7, 15, 31 s; the next retry (63 s) would pass the 60 s maximum event age.
    assert.strictEqual(runtime.calls.length, 6);
    const record = JSON.parse(bad.stored()[0].body);
    assert.strictEqual(record.requestContext.condition, 'EventAgeExceeded');
    assert.strictEqual(record.responseContext.statusCode, 429);
  });
});

import * as assert from 'assert';
import { EventEngine, ManualClock, type TraceEvent } from '../../../src/core/eventing';
import { seededRandom } from '../../../src/core/run/random';
import { fakeRuntime } from './fakeRuntime';

describe('eventing fault injection', () => {
  it('fails about the configured share of invocations without running the handler, and marks each in the trace', async () => {
    const runtime = fakeRuntime({ fn: () => null });
    const engine = new EventEngine({ runtime, clock: new ManualClock(), random: seededRandom(7) });
    engine.setFaults({ functions: { fn: { failureRate: 0.3 } }, queues: {} });
    engine.setAsyncConfig('fn', { maximumRetryAttempts: 0 });
    const trace: TraceEvent[] = [];
    engine.onTrace((e) => trace.push(e));
    for (let i = 0; i < 200; i++) engine.deliver(EventEngine.functionArn('fn'), { i }, { traceId: `t${i}` });
    await engine.settle();
    const failed = trace.filter((e) => e.kind === 'function.failed');
    assert.ok(failed.length > 40 && failed.length < 80, `about 30% of 200 failed (got ${failed.length})`);
    assert.ok(failed.every((e) => e.fault === 'failure'));
    assert.strictEqual(runtime.calls.length, 200 - failed.length);
  });

  it('duplicates and delays standard-queue messages, marked as injected', () => {
    const engine = new EventEngine({ runtime: fakeRuntime({}), clock: new ManualClock(), random: () => 0.5 });
    const q = engine.createQueue('q');
    engine.setFaults({ functions: {}, queues: { q: { duplicateRate: 1, maxDelayMs: 10_000 } } });
    engine.sendMessage('q', { body: 'x' });
    assert.deepStrictEqual(q.stored().map((m) => m.fault), ['delay', 'duplicate']);
    assert.strictEqual(q.counts().delayed, 2);
    assert.throws(() => engine.setFaults({ functions: { f: { failureRate: 2 } }, queues: {} }), /between 0 and 1/);
  });
});

describe('eventing fault injection: slow consumer', () => {
  it('starts every invocation slowMs late, marked "slow"', async () => {
    const clock = new ManualClock();
    const runtime = fakeRuntime({ fn: () => null });
    const engine = new EventEngine({ runtime, clock });
    engine.setFaults({ functions: { fn: { slowMs: 5000 } }, queues: {} });
    const invoked: TraceEvent[] = [];
    engine.onTrace((e) => e.kind === 'function.invoked' && invoked.push(e));
    const t0 = clock.now();
    engine.deliver(EventEngine.functionArn('fn'), {}, { traceId: 't' });
    await engine.settle();
    assert.deepStrictEqual(invoked.map((e) => [e.at - t0, e.fault]), [[5000, 'slow']]);
  });
});

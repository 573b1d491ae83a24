import * as assert from 'assert';
import { EventEngine, ManualClock } from '../../../src/core/eventing';
import { failedMessageIds } from '../../../src/core/eventing/esm';
import { waitFor } from '../../helpers/waitFor';
import { fakeRuntime } from './fakeRuntime';

describe('eventing SQS event source mapping', () => {
  describe('ReportBatchItemFailures rules', () => {
    const ids = ['m1', 'm2', 'm3'];
    const ok = (response: unknown) => ({ status: 'ok', response });
    it('treats empty and null responses and lists as complete success', () => {
      for (const r of [undefined, null, {}, { batchItemFailures: [] }, { batchItemFailures: null }]) assert.deepStrictEqual(failedMessageIds(ids, ok(r), true), [], JSON.stringify(r));
    });
    it('fails only the listed items', () => {
      assert.deepStrictEqual(failedMessageIds(ids, ok({ batchItemFailures: [{ itemIdentifier: 'm2' }] }), true), ['m2']);
    });
    it('treats invalid responses and identifiers as complete failure', () => {
      for (const r of ['text', [1], { batchItemFailures: 'x' }, { batchItemFailures: [{ itemIdentifier: '' }] }, { batchItemFailures: [{ itemIdentifier: null }] }, { batchItemFailures: [{ id: 'm1' }] }, { batchItemFailures: [{ itemIdentifier: 'zzz' }] }]) {
        assert.deepStrictEqual(failedMessageIds(ids, ok(r), true), ids, JSON.stringify(r));
      }
    });
    it('fails the whole batch on a function error, and ignores the response without the setting', () => {
      assert.deepStrictEqual(failedMessageIds(ids, { status: 'error' }, true), ids);
      assert.deepStrictEqual(failedMessageIds(ids, ok({ batchItemFailures: [{ itemIdentifier: 'm1' }] }), false), []);
    });
  });

  it('batches messages, deletes successes, returns reported failures after the visibility timeout, then redrives them to the DLQ', async () => {
    const clock = new ManualClock();
    const seen: { ids: string[]; at: number }[] = [];
    const runtime = fakeRuntime({
      worker: (event) => {
        const records = (event as { Records: { messageId: string; body: string }[] }).Records;
        seen.push({ ids: records.map((r) => r.body), at: clock.now() });
        return { batchItemFailures: records.filter((r) => r.body === 'bad').map((r) => ({ itemIdentifier: r.messageId })) };
      },
    });
    const engine = new EventEngine({ runtime, clock });
    const dlq = engine.createQueue('dlq');
    const q = engine.createQueue('work', { visibilityTimeout: 30, redrivePolicy: { deadLetterTargetArn: dlq.arn, maxReceiveCount: 2 } });
    engine.addQueueMapping({ queue: 'work', functionName: 'worker', batchSize: 10, reportBatchItemFailures: true, maximumConcurrency: 2 });
    for (const b of ['a', 'bad', 'c']) q.send({ body: b });
    engine.start();
    assert.strictEqual(await engine.settle(), true);
    engine.stop();
    const t0 = seen[0].at;
    assert.deepStrictEqual(seen.map((s) => [s.ids, s.at - t0]), [[['a', 'bad', 'c'], 0], [['bad'], 30_000]]);
    assert.deepStrictEqual(dlq.stored().map((m) => m.body), ['bad']);
    assert.strictEqual(q.stored().length, 0);
    const event = runtime.calls[0].event as { Records: Record<string, unknown>[] };
    assert.strictEqual(event.Records[0].eventSource, 'aws:sqs');
    assert.strictEqual(event.Records[0].eventSourceARN, q.arn);
    assert.strictEqual((event.Records[0].attributes as Record<string, string>).ApproximateReceiveCount, '1');
    assert.strictEqual(runtime.calls[0].options.source, 'queue');
  });

  it('under time compression, keeps a batch in flight while its function runs, then lets the rest of the visibility timeout pass', async () => {
    // ×3600 turns a 30 s visibility timeout into 8 real ms, less than a cold start: the function's own run is not compressed.
    const clock = new ManualClock();
    Object.defineProperty(clock, 'compression', { value: 3600 });
    const finish: (() => void)[] = [];
    const runtime = fakeRuntime({ worker: () => new Promise<void>((_, reject) => finish.push(() => reject(new Error('bad order')))) });
    const engine = new EventEngine({ runtime, clock });
    const dlq = engine.createQueue('dlq');
    const q = engine.createQueue('work', { visibilityTimeout: 30, redrivePolicy: { deadLetterTargetArn: dlq.arn, maxReceiveCount: 2 } });
    engine.addQueueMapping({ queue: 'work', functionName: 'worker' });
    q.send({ body: 'm' });
    engine.start();
    try {
      await waitFor(() => (finish.length === 1 ? true : undefined), 'the first invocation');
      clock.advance(3_600_000); // an hour of model time while the function is still running
      await new Promise((r) => setImmediate(r));
      assert.strictEqual(runtime.calls.length, 1, 'not received again while its invocation runs');
      assert.deepStrictEqual(q.counts(), { visible: 0, inFlight: 1, delayed: 0 });
      finish[0]();
      await waitFor(() => (q.counts().inFlight === 1 && q.stored()[0].visibleAt > clock.now() ? true : undefined), 'the hold to end with the timeout still running');
      const left = q.stored()[0].visibleAt - clock.now();
      assert.ok(left > 29_000 && left <= 30_000, `most of the 30 s timeout is left after a run of a few real ms (${left} ms)`);
      clock.advance(30_000);
      await waitFor(() => (finish.length === 2 ? true : undefined), 'the second receive');
      finish[1]();
      await waitFor(() => (dlq.stored().length === 1 ? true : (clock.advance(30_000), undefined)), 'the redrive to the DLQ');
      assert.strictEqual(runtime.calls.length, 2, 'received twice (maxReceiveCount 2), then redriven');
    } finally {
      engine.stop();
    }
  });

  it('waits for the batching window to fill a batch (each poller keeps its own window)', async () => {
    const clock = new ManualClock();
    const t0 = clock.now();
    const batches: [number, number][] = [];
    const engine = new EventEngine({ runtime: fakeRuntime({ w: (e) => void batches.push([(e as { Records: unknown[] }).Records.length, clock.now() - t0]) }), clock });
    const q = engine.createQueue('q');
    engine.addQueueMapping({ queue: 'q', functionName: 'w', batchSize: 20, maximumBatchingWindowInSeconds: 5, maximumConcurrency: 2 });
    engine.start();
    q.send({ body: '1' });
    await new Promise((r) => setImmediate(r)); // let the poller open its window
    clock.advance(2000);
    for (let i = 0; i < 3; i++) q.send({ body: 'x' });
    await engine.settle();
    engine.stop();
    // Which poller wins each message is a race, as in Lambda; the windows are not.
    assert.deepStrictEqual(batches.map(([, at]) => at), [5000, 7000]);
    assert.strictEqual(batches.reduce((n, [size]) => n + size, 0), 4);
  });
});

import * as assert from 'assert';
import { EventEngine, ManualClock } from '../../../src/core/eventing';
import { fakeRuntime } from './fakeRuntime';

describe('eventing queue (SQS semantics, fake clock)', () => {
  let clock: ManualClock;
  let engine: EventEngine;
  beforeEach(() => {
    clock = new ManualClock();
    engine = new EventEngine({ runtime: fakeRuntime({}), clock });
  });

  it('hides a received message for the visibility timeout, then returns it with a higher receive count', async () => {
    const q = engine.createQueue('orders', { visibilityTimeout: 30 });
    q.send({ body: 'a' });
    const [first] = await q.receive();
    assert.strictEqual(first.receiveCount, 1);
    assert.deepStrictEqual(await q.receive(), [], 'invisible while in flight');
    clock.advance(29_999);
    assert.deepStrictEqual(await q.receive(), []);
    clock.advance(1);
    const [again] = await q.receive();
    assert.strictEqual(again.messageId, first.messageId);
    assert.strictEqual(again.receiveCount, 2);
    assert.notStrictEqual(again.receiptHandle, first.receiptHandle);
  });

  it('deletes only by the latest receipt handle and changes visibility', async () => {
    const q = engine.createQueue('q');
    q.send({ body: 'a' });
    const [m] = await q.receive({ visibilityTimeout: 100 });
    q.changeVisibility(m.receiptHandle, 0);
    const [m2] = await q.receive();
    q.delete(m.receiptHandle); // stale handle: no effect
    assert.strictEqual(q.stored().length, 1);
    q.delete(m2.receiptHandle);
    assert.strictEqual(q.stored().length, 0);
    assert.throws(() => q.changeVisibility('nope', 1), /ReceiptHandleIsInvalid|not a valid receipt handle/);
  });

  it('honours delay seconds and long polling wakes when a delayed message becomes visible', async () => {
    const q = engine.createQueue('q', { delaySeconds: 5 });
    q.send({ body: 'later' });
    assert.deepStrictEqual(await q.receive(), []);
    const polled = q.receive({ waitTimeSeconds: 20 });
    clock.advance(5000);
    const got = await polled;
    assert.strictEqual(got[0].body, 'later');
  });

  it('a long poll that finds nothing resolves empty after the wait time', async () => {
    const q = engine.createQueue('q');
    let result: unknown;
    void q.receive({ waitTimeSeconds: 3 }).then((r) => (result = r));
    clock.advance(2999);
    await Promise.resolve();
    assert.strictEqual(result, undefined);
    clock.advance(1);
    await new Promise((r) => setImmediate(r));
    assert.deepStrictEqual(result, []);
  });

  it('moves a message to the DLQ when it would be received more than maxReceiveCount times, and redrives it back', async () => {
    const dlq = engine.createQueue('orders-dlq');
    const q = engine.createQueue('orders', { visibilityTimeout: 10, redrivePolicy: { deadLetterTargetArn: dlq.arn, maxReceiveCount: 2 } });
    const { messageId } = q.send({ body: 'poison' });
    for (let i = 0; i < 2; i++) {
      assert.strictEqual((await q.receive()).length, 1);
      clock.advance(10_000);
    }
    assert.deepStrictEqual(await q.receive(), [], 'third receive redrives instead of delivering');
    assert.strictEqual(q.stored().length, 0);
    assert.deepStrictEqual(dlq.stored().map((m) => m.messageId), [messageId]);
    assert.strictEqual(engine.redriveBack('orders-dlq'), 1);
    const [back] = await q.receive();
    assert.strictEqual(back.messageId, messageId);
    assert.strictEqual(back.receiveCount, 1);
  });

  it('FIFO: delivers each group in order and holds a group while a message of it is in flight', async () => {
    const q = engine.createQueue('jobs.fifo', { contentBasedDeduplication: true });
    for (const [g, b] of [['a', 'a1'], ['b', 'b1'], ['a', 'a2'], ['b', 'b2']]) q.send({ body: b, groupId: g });
    const first = await q.receive({ maxMessages: 10 });
    assert.deepStrictEqual(first.map((m) => m.body), ['a1', 'b1', 'a2', 'b2']);
    first.forEach((m) => q.changeVisibility(m.receiptHandle, 0));
    const [a1] = await q.receive();
    assert.strictEqual(a1.body, 'a1');
    const rest = await q.receive({ maxMessages: 10 });
    assert.deepStrictEqual(rest.map((m) => m.body), ['b1', 'b2'], 'group a is blocked behind in-flight a1');
    q.delete(a1.receiptHandle);
    assert.deepStrictEqual((await q.receive()).map((m) => m.body), ['a2']);
  });

  it('FIFO: deduplicates within five minutes (explicit and content-based ids), not after', () => {
    const q = engine.createQueue('d.fifo', { contentBasedDeduplication: true });
    const a = q.send({ body: 'x', groupId: 'g' });
    const b = q.send({ body: 'x', groupId: 'g' });
    assert.strictEqual(b.deduplicated, true);
    assert.strictEqual(b.messageId, a.messageId);
    q.send({ body: 'y', groupId: 'g', dedupId: 'id-1' });
    assert.strictEqual(q.send({ body: 'z', groupId: 'g', dedupId: 'id-1' }).deduplicated, true);
    assert.strictEqual(q.stored().length, 2);
    clock.advance(5 * 60_000);
    assert.strictEqual(q.send({ body: 'x', groupId: 'g' }).deduplicated, undefined);
    assert.strictEqual(q.stored().length, 3);
  });

  it('rejects FIFO sends without a group or dedup id, and bad attributes', () => {
    const q = engine.createQueue('n.fifo');
    assert.throws(() => q.send({ body: 'x' }), /MessageGroupId/);
    assert.throws(() => q.send({ body: 'x', groupId: 'g' }), /ContentBasedDeduplication/);
    assert.throws(() => engine.createQueue('v', { visibilityTimeout: 50_000 }), /VisibilityTimeout/);
    assert.throws(() => engine.createQueue('bad name'), /alphanumeric/);
  });

  it('purges every message', () => {
    const q = engine.createQueue('q');
    q.send({ body: 'a' });
    q.send({ body: 'b' });
    assert.strictEqual(q.purge(), 2);
    assert.deepStrictEqual(q.counts(), { visible: 0, inFlight: 0, delayed: 0 });
  });
});

import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { EventEngine, FileStateStore, ManualClock } from '../../../src/core/eventing';
import { fakeRuntime } from './fakeRuntime';

describe('eventing persistence', () => {
  let dir: string | undefined;
  afterEach(() => dir && fs.rmSync(dir, { recursive: true, force: true }));

  it('restores queue and DLQ contents after a restart; an in-flight message returns when its visibility timeout passes', async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sl-eventing-'));
    const clock = new ManualClock();
    const first = new EventEngine({ runtime: fakeRuntime({}), clock, store: new FileStateStore(dir) });
    first.start();
    const q = first.createQueue('orders', { visibilityTimeout: 60 });
    first.createQueue('orders-dlq').send({ body: 'dead' });
    q.send({ body: 'waiting' });
    q.send({ body: 'in-flight' });
    await q.receive(); // "waiting" is now in flight: the host dies mid-delivery
    first.flush();
    assert.match(fs.readFileSync(path.join(dir, '.gitignore'), 'utf8'), /^\*$/m, 'state is git-ignored');

    const second = new EventEngine({ runtime: fakeRuntime({}), clock, store: new FileStateStore(dir) });
    second.start();
    const q2 = second.queue('orders');
    assert.ok(q2, 'queue created from the saved state');
    assert.strictEqual(q2.attributes.visibilityTimeout, 60);
    assert.deepStrictEqual(second.queue('orders-dlq')?.stored().map((m) => m.body), ['dead']);
    assert.deepStrictEqual((await q2.receive({ maxMessages: 10 })).map((m) => m.body), ['in-flight']);
    clock.advance(60_000);
    const [again] = await q2.receive();
    assert.strictEqual(again.body, 'waiting');
    assert.strictEqual(again.receiveCount, 2);
  });

  it('explains how to recover from a corrupt state file', () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sl-eventing-'));
    fs.writeFileSync(path.join(dir, 'queues.json'), '{oops');
    assert.throws(() => new FileStateStore(dir as string).load(), /queues\.json: saved queue state is not valid JSON.*move the file away/);
  });

  it('keeps FIFO deduplication ids across a restart, for the rest of their five minutes', () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sl-eventing-'));
    const clock = new ManualClock();
    const first = new EventEngine({ runtime: fakeRuntime({}), clock, store: new FileStateStore(dir) });
    first.start();
    const sent = first.createQueue('pay.fifo', { contentBasedDeduplication: true }).send({ body: 'charge 30', groupId: 'g', dedupId: 'order-1' });
    first.stop();

    clock.advance(4 * 60_000);
    const second = new EventEngine({ runtime: fakeRuntime({}), clock, store: new FileStateStore(dir) });
    second.start();
    const again = second.queue('pay.fifo')!.send({ body: 'charge 30', groupId: 'g', dedupId: 'order-1' });
    assert.deepStrictEqual([again.deduplicated, again.messageId], [true, sent.messageId], 'a retry after a reload is still a duplicate');
    assert.strictEqual(second.queue('pay.fifo')!.stored().length, 1);
    // Content-based ids are kept too; a second message with new content is not a duplicate.
    assert.strictEqual(second.queue('pay.fifo')!.send({ body: 'charge 31', groupId: 'g' }).deduplicated, undefined);
    second.stop();

    clock.advance(60_000);
    const third = new EventEngine({ runtime: fakeRuntime({}), clock, store: new FileStateStore(dir) });
    third.start();
    assert.notStrictEqual(third.queue('pay.fifo')!.send({ body: 'charge 30', groupId: 'g', dedupId: 'order-1' }).deduplicated, true, 'past five minutes the id is forgotten');
    third.stop();
  });
});

import * as assert from 'assert';
import {
  ChangeMessageVisibilityCommand, CreateQueueCommand, DeleteMessageBatchCommand, DeleteMessageCommand, GetQueueAttributesCommand,
  GetQueueUrlCommand, PurgeQueueCommand, ReceiveMessageCommand, SendMessageBatchCommand, SendMessageCommand, SQSClient,
} from '@aws-sdk/client-sqs';
import { EventEngine, systemClock } from '../../../src/core/eventing';
import { fakeRuntime } from '../../unit/eventing/fakeRuntime';
import { startWorld, type World } from './world';

describe('system: SQS endpoint with @aws-sdk/client-sqs', () => {
  let world: World;
  let sqs: SQSClient;
  beforeEach(async () => {
    world = await startWorld();
    sqs = new SQSClient(world.client);
  });
  afterEach(async () => {
    sqs.destroy();
    await world.stop();
  });

  it('sends and receives with message attributes (the SDK checks the body digests; the attribute digests agree)', async () => {
    const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: 'orders' }));
    assert.strictEqual(QueueUrl, `${world.endpoint.url}/123456789012/orders`);
    const sent = await sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: 'hello', MessageAttributes: { kind: { DataType: 'String', StringValue: 'greeting' }, n: { DataType: 'Number', StringValue: '3' }, b: { DataType: 'Binary', BinaryValue: Buffer.from([1, 2, 3]) } } }));
    assert.ok(sent.MessageId);
    const got = await sqs.send(new ReceiveMessageCommand({ QueueUrl, MessageAttributeNames: ['All'], MessageSystemAttributeNames: ['ApproximateReceiveCount'], WaitTimeSeconds: 1 }));
    assert.strictEqual(got.Messages?.[0].Body, 'hello');
    assert.strictEqual(got.Messages?.[0].MessageAttributes?.kind.StringValue, 'greeting');
    assert.deepStrictEqual([...(got.Messages?.[0].MessageAttributes?.b.BinaryValue ?? [])], [1, 2, 3]);
    assert.strictEqual(got.Messages?.[0].Attributes?.ApproximateReceiveCount, '1');
    assert.match(sent.MD5OfMessageAttributes ?? '', /^[0-9a-f]{32}$/);
    assert.strictEqual(got.Messages?.[0].MD5OfMessageAttributes, sent.MD5OfMessageAttributes);
    await sqs.send(new DeleteMessageCommand({ QueueUrl, ReceiptHandle: got.Messages?.[0].ReceiptHandle }));
    const attrs = await sqs.send(new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['All'] }));
    assert.strictEqual(attrs.Attributes?.ApproximateNumberOfMessages, '0');
    assert.strictEqual(attrs.Attributes?.QueueArn, 'arn:aws:sqs:us-east-1:123456789012:orders');
  });

  it('returns a message after its visibility timeout expires (long poll waits for it)', async () => {
    const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: 'vis', Attributes: { VisibilityTimeout: '1' } }));
    await sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: 'x' }));
    const first = await sqs.send(new ReceiveMessageCommand({ QueueUrl }));
    const started = Date.now();
    const again = await sqs.send(new ReceiveMessageCommand({ QueueUrl, WaitTimeSeconds: 5, MessageSystemAttributeNames: ['ApproximateReceiveCount'] }));
    assert.strictEqual(again.Messages?.[0].MessageId, first.Messages?.[0].MessageId);
    assert.strictEqual(again.Messages?.[0].Attributes?.ApproximateReceiveCount, '2');
    assert.ok(Date.now() - started >= 900, 'not before the visibility timeout');
    await sqs.send(new ChangeMessageVisibilityCommand({ QueueUrl, ReceiptHandle: again.Messages?.[0].ReceiptHandle, VisibilityTimeout: 0 }));
    assert.strictEqual((await sqs.send(new ReceiveMessageCommand({ QueueUrl }))).Messages?.length, 1);
  });

  it('redrives to the DLQ after maxReceiveCount', async () => {
    const dlq = await sqs.send(new CreateQueueCommand({ QueueName: 'dlq' }));
    const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: 'src', Attributes: { RedrivePolicy: JSON.stringify({ deadLetterTargetArn: 'arn:aws:sqs:us-east-1:123456789012:dlq', maxReceiveCount: '2' }) } }));
    const { MessageId } = await sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: 'poison' }));
    for (let i = 0; i < 2; i++) assert.strictEqual((await sqs.send(new ReceiveMessageCommand({ QueueUrl, VisibilityTimeout: 0 }))).Messages?.length, 1);
    assert.strictEqual((await sqs.send(new ReceiveMessageCommand({ QueueUrl }))).Messages, undefined);
    const dead = await sqs.send(new ReceiveMessageCommand({ QueueUrl: dlq.QueueUrl }));
    assert.strictEqual(dead.Messages?.[0].MessageId, MessageId);
  });

  it('keeps FIFO order per message group and deduplicates', async () => {
    const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: 'jobs.fifo', Attributes: { FifoQueue: 'true', ContentBasedDeduplication: 'true' } }));
    for (const body of ['1', '2', '3', '2']) await sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: body, MessageGroupId: 'g' }));
    const got = await sqs.send(new ReceiveMessageCommand({ QueueUrl, MaxNumberOfMessages: 10, MessageSystemAttributeNames: ['All'] }));
    assert.deepStrictEqual(got.Messages?.map((m) => m.Body), ['1', '2', '3']);
    assert.ok(got.Messages?.every((m) => m.Attributes?.MessageGroupId === 'g' && m.Attributes.SequenceNumber));
  });

  it('serves a rebuilt engine on the same URL, with the sandboxes\' environment unchanged throughout', async () => {
    await sqs.send(new CreateQueueCommand({ QueueName: 'before' }));
    const env = world.endpoint.environment();
    const rebuilt = new EventEngine({ runtime: fakeRuntime({}), clock: systemClock() });
    rebuilt.createQueue('after');
    world.endpoint.serve(rebuilt);
    assert.deepStrictEqual(world.endpoint.environment(), env);
    const { QueueUrl } = await sqs.send(new GetQueueUrlCommand({ QueueName: 'after' }));
    await sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: 'to the new engine' }));
    assert.deepStrictEqual(rebuilt.queue('after')?.stored().map((m) => m.body), ['to the new engine']);
    await assert.rejects(sqs.send(new GetQueueUrlCommand({ QueueName: 'before' })), /does not exist/);
    rebuilt.stop();
  });

  it('sends and deletes in batches, purges, and reports errors in the SQS shape', async () => {
    const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: 'batch' }));
    const sent = await sqs.send(new SendMessageBatchCommand({ QueueUrl, Entries: [{ Id: 'a', MessageBody: '1' }, { Id: 'b', MessageBody: '2' }, { Id: 'c', MessageBody: '' }] }));
    assert.deepStrictEqual(sent.Successful?.map((s) => s.Id), ['a', 'b']);
    assert.strictEqual(sent.Failed?.[0].Id, 'c');
    const got = await sqs.send(new ReceiveMessageCommand({ QueueUrl, MaxNumberOfMessages: 10 }));
    const del = await sqs.send(new DeleteMessageBatchCommand({ QueueUrl, Entries: got.Messages?.map((m, i) => ({ Id: String(i), ReceiptHandle: m.ReceiptHandle })) }));
    assert.strictEqual(del.Successful?.length, 2);
    await sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: 'x' }));
    await sqs.send(new PurgeQueueCommand({ QueueUrl }));
    assert.strictEqual(world.engine.queue('batch')?.stored().length, 0);
    await assert.rejects(sqs.send(new GetQueueUrlCommand({ QueueName: 'missing' })), (err: Error & { $metadata?: { httpStatusCode?: number } }) => {
      assert.match(err.name, /QueueDoesNotExist|NonExistentQueue/);
      assert.strictEqual(err.$metadata?.httpStatusCode, 400);
      return true;
    });
  });
});

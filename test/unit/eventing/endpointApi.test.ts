import * as assert from 'assert';
import { EventEngine, ManualClock } from '../../../src/core/eventing';
import { handleEvents } from '../../../src/core/eventing/endpoint/eventsApi';
import { handleSns } from '../../../src/core/eventing/endpoint/snsApi';
import { handleSqs } from '../../../src/core/eventing/endpoint/sqsApi';
import { fakeRuntime } from './fakeRuntime';

const url = 'http://127.0.0.1:1';

describe('eventing endpoint operations (in process)', () => {
  let engine: EventEngine;
  beforeEach(() => (engine = new EventEngine({ runtime: fakeRuntime({}), clock: new ManualClock() })));
  const sqs = (action: string, body: Record<string, unknown>) => handleSqs(engine, url, action, body);

  it('CreateQueue is idempotent for the same attributes and refuses different ones', async () => {
    const a = await sqs('CreateQueue', { QueueName: 'q', Attributes: { VisibilityTimeout: '10' } });
    assert.deepStrictEqual(await sqs('CreateQueue', { QueueName: 'q', Attributes: { VisibilityTimeout: '10' } }), a);
    await assert.rejects(sqs('CreateQueue', { QueueName: 'q', Attributes: { VisibilityTimeout: '20' } }), (e: Error & { code?: string }) => e.code === 'QueueAlreadyExists');
  });

  it('checks batch entries: empty, more than 10, duplicate ids', async () => {
    await sqs('CreateQueue', { QueueName: 'q' });
    const QueueUrl = `${url}/123456789012/q`;
    await assert.rejects(sqs('SendMessageBatch', { QueueUrl, Entries: [] }), /at least one entry/);
    await assert.rejects(sqs('SendMessageBatch', { QueueUrl, Entries: Array.from({ length: 11 }, (_, i) => ({ Id: `${i}`, MessageBody: 'x' })) }), /Maximum number of entries/);
    await assert.rejects(sqs('DeleteMessageBatch', { QueueUrl, Entries: [{ Id: 'a', ReceiptHandle: 'x' }, { Id: 'a', ReceiptHandle: 'y' }] }), (e: Error & { code?: string }) => e.code === 'BatchEntryIdsNotDistinct');
  });

  it('returns only the requested message attributes (names and prefix.*) and system attributes', async () => {
    await sqs('CreateQueue', { QueueName: 'q' });
    const QueueUrl = `${url}/123456789012/q`;
    await sqs('SendMessage', { QueueUrl, MessageBody: 'b', MessageAttributes: { 'order.id': { DataType: 'String', StringValue: '1' }, 'order.kind': { DataType: 'String', StringValue: 'k' }, other: { DataType: 'Number', StringValue: '2' } } });
    const got = (await sqs('ReceiveMessage', { QueueUrl, MessageAttributeNames: ['order.*'], AttributeNames: ['SentTimestamp'], VisibilityTimeout: 0 })) as { Messages: Record<string, unknown>[] };
    assert.deepStrictEqual(Object.keys(got.Messages[0].MessageAttributes as object), ['order.id', 'order.kind']);
    assert.deepStrictEqual(Object.keys(got.Messages[0].Attributes as object), ['SentTimestamp']);
    const bare = (await sqs('ReceiveMessage', { QueueUrl })) as { Messages: Record<string, unknown>[] };
    assert.strictEqual(bare.Messages[0].MessageAttributes, undefined);
    assert.strictEqual(bare.Messages[0].Attributes, undefined);
    const attrs = (await sqs('GetQueueAttributes', { QueueUrl, AttributeNames: ['ApproximateNumberOfMessagesNotVisible'] })) as { Attributes: Record<string, string> };
    assert.deepStrictEqual(attrs.Attributes, { ApproximateNumberOfMessagesNotVisible: '1' });
  });

  it('reads PutEvents Time as epoch seconds (the SDKs send it so) and names unsupported operations', () => {
    const q = engine.createQueue('q');
    handleEvents(engine, 'PutRule', { Name: 'r', EventPattern: '{"source":["s"]}' });
    handleEvents(engine, 'PutTargets', { Rule: 'r', Targets: [{ Id: 't', Arn: q.arn }] });
    handleEvents(engine, 'PutEvents', { Entries: [{ Source: 's', DetailType: 'd', Detail: '{}', Time: 1767225600 }] });
    assert.strictEqual(JSON.parse(q.stored()[0].body).time, '2026-01-01T00:00:00Z');
    assert.throws(() => handleEvents(engine, 'DeleteRule', {}), /AWSEvents.DeleteRule is not supported/);
    assert.throws(() => handleEvents(engine, 'PutRule', { Name: 'x', EventPattern: '{nope' }), /not valid JSON/);
  });

  it('SNS query: Publish with attribute entries, Subscribe attributes, and XML escaping', () => {
    const q = engine.createQueue('q');
    const topic = engine.createTopic('t');
    const form = (o: Record<string, string>) => new URLSearchParams(o);
    const sub = handleSns(engine, form({ Action: 'Subscribe', TopicArn: topic.arn, Protocol: 'sqs', Endpoint: q.arn, 'Attributes.entry.1.key': 'RawMessageDelivery', 'Attributes.entry.1.value': 'true' }));
    assert.match(sub, /<SubscribeResponse xmlns="http:\/\/sns.amazonaws.com\/doc\/2010-03-31\/"><SubscribeResult><SubscriptionArn>arn:aws:sns:/);
    const pub = handleSns(engine, form({ Action: 'Publish', TopicArn: topic.arn, Message: '<b>&', 'MessageAttributes.entry.1.Name': 'k', 'MessageAttributes.entry.1.Value.DataType': 'String', 'MessageAttributes.entry.1.Value.StringValue': 'v' }));
    assert.match(pub, /<PublishResult><MessageId>[0-9a-f-]{36}<\/MessageId><\/PublishResult>/);
    assert.strictEqual(q.stored()[0].body, '<b>&');
    assert.deepStrictEqual(q.stored()[0].attributes, { k: { DataType: 'String', StringValue: 'v' } });
    assert.throws(() => handleSns(engine, form({ Action: 'Publish', TopicArn: topic.arn })), /Message is required/);
    assert.throws(() => handleSns(engine, form({ Action: 'Subscribe', TopicArn: topic.arn, Protocol: 'email', Endpoint: 'a@b' })), /email is not supported locally/);
  });
});

import * as assert from 'assert';
import { EventBridgeClient, ListRulesCommand, PutEventsCommand, PutRuleCommand, PutTargetsCommand } from '@aws-sdk/client-eventbridge';
import { CreateTopicCommand, PublishCommand, SNSClient, SubscribeCommand } from '@aws-sdk/client-sns';
import { CreateQueueCommand, ReceiveMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { startWorld, type World } from './world';

describe('system: EventBridge and SNS endpoints with the AWS SDK v3', () => {
  let world: World;
  let sqs: SQSClient;
  let events: EventBridgeClient;
  let sns: SNSClient;
  beforeEach(async () => {
    world = await startWorld();
    sqs = new SQSClient(world.client);
    events = new EventBridgeClient(world.client);
    sns = new SNSClient(world.client);
  });
  afterEach(async () => {
    for (const c of [sqs, events, sns]) c.destroy();
    await world.stop();
  });

  it('routes PutEvents by a rule into a queue, with an input transformer', async () => {
    const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: 'placed' }));
    const { RuleArn } = await events.send(new PutRuleCommand({ Name: 'placed', EventPattern: JSON.stringify({ source: ['shop'], 'detail-type': ['OrderPlaced'] }) }));
    assert.strictEqual(RuleArn, 'arn:aws:events:us-east-1:123456789012:rule/placed');
    await events.send(new PutTargetsCommand({ Rule: 'placed', Targets: [{ Id: 'q', Arn: 'arn:aws:sqs:us-east-1:123456789012:placed', InputTransformer: { InputPathsMap: { id: '$.detail.id' }, InputTemplate: '{"order": <id>}' } }] }));
    const put = await events.send(new PutEventsCommand({ Entries: [
      { Source: 'shop', DetailType: 'OrderPlaced', Detail: JSON.stringify({ id: 'o-1' }), Time: new Date('2026-03-01T10:00:00Z') },
      { Source: 'shop', DetailType: 'OrderShipped', Detail: JSON.stringify({ id: 'o-2' }) },
    ] }));
    assert.strictEqual(put.FailedEntryCount, 0);
    assert.strictEqual(put.Entries?.length, 2);
    const got = await sqs.send(new ReceiveMessageCommand({ QueueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 1 }));
    assert.deepStrictEqual(got.Messages?.map((m) => JSON.parse(m.Body ?? '')), [{ order: 'o-1' }]);
    const rules = await events.send(new ListRulesCommand({}));
    assert.deepStrictEqual(rules.Rules?.map((r) => [r.Name, r.State]), [['placed', 'ENABLED']]);
  });

  it('reports an invalid pattern and a missing rule in the EventBridge error shape', async () => {
    await assert.rejects(events.send(new PutRuleCommand({ Name: 'bad', EventPattern: '{"source":"x"}' })), (e: Error) => e.name === 'InvalidEventPatternException');
    await assert.rejects(events.send(new PutTargetsCommand({ Rule: 'nope', Targets: [{ Id: 'a', Arn: 'arn:aws:sqs:us-east-1:123456789012:x' }] })), (e: Error) => e.name === 'ResourceNotFoundException');
  });

  it('publishes to a topic that fans out to queues: envelope, raw with a filter policy', async () => {
    const { TopicArn } = await sns.send(new CreateTopicCommand({ Name: 'alerts' }));
    const all = await sqs.send(new CreateQueueCommand({ QueueName: 'all' }));
    const high = await sqs.send(new CreateQueueCommand({ QueueName: 'high' }));
    await sns.send(new SubscribeCommand({ TopicArn, Protocol: 'sqs', Endpoint: 'arn:aws:sqs:us-east-1:123456789012:all' }));
    const sub = await sns.send(new SubscribeCommand({ TopicArn, Protocol: 'sqs', Endpoint: 'arn:aws:sqs:us-east-1:123456789012:high', Attributes: { RawMessageDelivery: 'true', FilterPolicy: JSON.stringify({ severity: ['high'] }) } }));
    assert.match(sub.SubscriptionArn ?? '', /^arn:aws:sns:us-east-1:123456789012:alerts:/);
    const pub = await sns.send(new PublishCommand({ TopicArn, Message: 'disk full', Subject: 'ops', MessageAttributes: { severity: { DataType: 'String', StringValue: 'high' } } }));
    await sns.send(new PublishCommand({ TopicArn, Message: 'disk ok', MessageAttributes: { severity: { DataType: 'String', StringValue: 'low' } } }));
    const wrapped = await sqs.send(new ReceiveMessageCommand({ QueueUrl: all.QueueUrl, MaxNumberOfMessages: 10 }));
    const envelope = JSON.parse(wrapped.Messages?.[0].Body ?? '{}');
    assert.strictEqual(envelope.Type, 'Notification');
    assert.strictEqual(envelope.MessageId, pub.MessageId);
    assert.strictEqual(envelope.Subject, 'ops');
    assert.strictEqual(wrapped.Messages?.length, 2);
    const raw = await sqs.send(new ReceiveMessageCommand({ QueueUrl: high.QueueUrl, MaxNumberOfMessages: 10, MessageAttributeNames: ['All'] }));
    assert.deepStrictEqual(raw.Messages?.map((m) => [m.Body, m.MessageAttributes?.severity.StringValue]), [['disk full', 'high']]);
    await assert.rejects(sns.send(new PublishCommand({ TopicArn: 'arn:aws:sns:us-east-1:123456789012:none', Message: 'x' })), (e: Error) => e.name === 'NotFoundException' || e.name === 'NotFound');
  });
});

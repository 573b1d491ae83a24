import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { readEventArchitecture } from '../../../src/core/eventing/definitions';

const fixture = fs.readFileSync(path.join(__dirname, '..', '..', 'fixtures', 'eventing', 'orders.template.yaml'), 'utf8');

describe('eventing definitions from a SAM template', () => {
  it('reads queues with redrive, a rule with its target, and the SQS event source mapping', () => {
    const { architecture: a, diagnostics } = readEventArchitecture(fixture, 'template.yaml');
    assert.deepStrictEqual(diagnostics.filter((d) => d.severity === 'error'), []);
    assert.deepStrictEqual(a.queues.map((q) => q.name), ['orders-dlq', 'orders']);
    assert.deepStrictEqual(a.queues[1].attributes.redrivePolicy, { deadLetterTargetArn: 'arn:aws:sqs:us-east-1:123456789012:orders-dlq', maxReceiveCount: 3 });
    assert.strictEqual(a.rules[0].name, 'OrderPlacedRule');
    assert.strictEqual(a.rules[0].targets[0].arn, 'arn:aws:sqs:us-east-1:123456789012:orders');
    assert.strictEqual(a.rules[0].targets[0].inputPath, '$.detail');
    assert.strictEqual(a.mappings[0].queue, 'orders');
    assert.strictEqual(a.mappings[0].functionName, 'ProcessOrder');
    assert.strictEqual(a.mappings[0].reportBatchItemFailures, true);
  });

  it('reads function event sources (EventBridgeRule, SNS, Schedule) and async settings', () => {
    const text = `Transform: AWS::Serverless-2016-10-31
Resources:
  Alerts:
    Type: AWS::SNS::Topic
  Failures:
    Type: AWS::SQS::Queue
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Handler: app.handler
      Runtime: nodejs22.x
      CodeUri: .
      DeadLetterQueue: { Type: SQS, TargetArn: !GetAtt Failures.Arn }
      EventInvokeConfig:
        MaximumRetryAttempts: 1
        DestinationConfig:
          OnFailure: { Type: SQS, Destination: !GetAtt Failures.Arn }
      Events:
        Placed:
          Type: EventBridgeRule
          Properties:
            Pattern: { source: [shop] }
        Alert:
          Type: SNS
          Properties:
            Topic: !Ref Alerts
            FilterPolicy: { severity: [high] }
        Nightly:
          Type: Schedule
          Properties:
            Schedule: rate(1 day)
`;
    const { architecture: a, diagnostics } = readEventArchitecture(text, 't.yaml');
    assert.deepStrictEqual(diagnostics.filter((d) => d.severity === 'error'), []);
    assert.deepStrictEqual(a.rules.map((r) => [r.name, r.eventPattern ? 'pattern' : r.scheduleExpression]), [['FnPlaced', 'pattern'], ['FnNightly', 'rate(1 day)']]);
    assert.deepStrictEqual(a.subscriptions.map((s) => [s.topic, s.protocol, s.endpoint]), [['Alerts', 'lambda', 'arn:aws:lambda:us-east-1:123456789012:function:Fn']]);
    assert.deepStrictEqual(a.asyncConfigs.Fn, { maximumRetryAttempts: 1, maximumEventAgeInSeconds: undefined, onSuccessArn: undefined, onFailureArn: 'arn:aws:sqs:us-east-1:123456789012:Failures', deadLetterArn: 'arn:aws:sqs:us-east-1:123456789012:Failures' });
  });

  it('puts problems on the exact line: a bad pattern, an unknown target, a missing DLQ, a bad schedule', () => {
    const text = `Resources:
  Q:
    Type: AWS::SQS::Queue
    Properties:
      RedrivePolicy:
        deadLetterTargetArn: arn:aws:sqs:us-east-1:123456789012:nowhere
        maxReceiveCount: 2
  BadPattern:
    Type: AWS::Events::Rule
    Properties:
      EventPattern:
        source: shop
  UnknownTarget:
    Type: AWS::Events::Rule
    Properties:
      EventPattern: { source: [shop] }
      Targets:
        - Id: T
          Arn: arn:aws:sqs:us-east-1:123456789012:missing
  Tick:
    Type: AWS::Events::Rule
    Properties:
      ScheduleExpression: every day
`;
    const parse = (e: string) => {
      if (!/^rate\(/.test(e)) throw new Error('expected rate(...)');
      return { next: () => undefined };
    };
    const { diagnostics } = readEventArchitecture(text, 't.yaml', parse);
    const byLine = diagnostics.filter((d) => d.severity === 'error').map((d) => [d.start.line + 1, d.message.split(':')[0]]);
    assert.deepStrictEqual(byLine, [
      [11, 'Invalid event pattern'],
      [23, 'Invalid schedule expression "every day"'],
      [18, 'Rule UnknownTarget'],
      [5, 'Queue Q'],
    ]);
  });
});

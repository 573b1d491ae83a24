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

  it('puts problems in function events on their line too, with the real schedule parser', () => {
    const text = `Transform: AWS::Serverless-2016-10-31
Resources:
  Orders:
    Type: AWS::SQS::Queue
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      CodeUri: .
      Handler: handler.handler
      Runtime: nodejs20.x
      Events:
        FromMissingQueue:
          Type: SQS
          Properties:
            Queue: arn:aws:sqs:us-east-1:123456789012:missing
        BadRule:
          Type: EventBridgeRule
          Properties:
            Pattern:
              detail: { total: [{ numeric: [">"] }] }
        Nightly:
          Type: Schedule
          Properties:
            Schedule: cron(0 25 * * ? *)
        BothDays:
          Type: ScheduleV2
          Properties:
            ScheduleExpression: cron(0 2 1 * MON *)
  Hourly:
    Type: AWS::Events::Rule
    Properties:
      ScheduleExpression: rate(1 hours)
      Targets:
        - Id: fn
          Arn: !GetAtt Fn.Arn
`;
    const { diagnostics } = readEventArchitecture(text, 't.yaml');
    const errors = diagnostics.filter((d) => d.severity === 'error').map((d) => [d.start.line + 1, d.message]);
    const at = (line: number, pattern: RegExp) => assert.ok(errors.some(([l, m]) => l === line && pattern.test(String(m))), `no error on line ${line} matching ${pattern}: ${JSON.stringify(errors)}`);
    at(15, /SQS event source missing is not a queue/);
    at(19, /Invalid event pattern/);
    at(24, /cron\(0 25/);
    at(28, /cron\(0 2 1 \* MON/);
    at(32, /rate\(1 hours\)/);
    assert.strictEqual(errors.length, 5, JSON.stringify(errors));
  });
});

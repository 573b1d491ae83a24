// Expands every exported template with aws-sam-translator (what SAM CLI and cfn-lint run) and checks
// the IAM that would actually be deployed: no statement on Resource "*", no wildcard action, and no
// managed policy (AWS managed policies cannot be read offline; those SAM attaches grant on "*").
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'yaml';
import { arnOf } from '../../../src/core/eventing/arn';
import type { EventArchitecture } from '../../../src/core/eventing/definitions';
import { exportSam, intrinsicTags } from '../../../src/core/sam';
import { loadTemplates, renderFunction, type FunctionEntry } from '../../../src/core/scaffold';
import { realPython } from '../scaffold/python';

const repo = path.resolve(__dirname, '../../..');
const templates = loadTemplates(path.join(repo, 'templates'));

/** Every AWS template in every language, as scaffolding writes it to functions.json. */
function everyAwsFunction(): Record<string, FunctionEntry> {
  const out: Record<string, FunctionEntry> = {};
  for (const t of templates.manifest.triggers.filter((x) => x.provider === 'aws')) {
    for (const language of t.languages) {
      const name = `${t.id.replace(/-/g, '')}${language}`;
      out[name] = renderFunction(templates.manifest, templates.read, { provider: 'aws', language, trigger: t.id, name }).entry;
    }
  }
  return out;
}

type Cfn = { Resources: Record<string, { Type: string; Properties?: Record<string, unknown> }> };

/** Runs the SAM transform over a template (YAML text) and returns the CloudFormation it deploys. */
function expand(templateText: string): Cfn {
  const input = JSON.stringify(parse(templateText, { customTags: intrinsicTags }));
  const out = execFileSync(realPython(), [path.join(__dirname, 'expandSam.py')], { input, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  return JSON.parse(out) as Cfn;
}

type Statement = { Effect?: string; Action?: string | string[]; Resource?: unknown; Principal?: unknown; Condition?: Record<string, Record<string, unknown>> };

/** Every problem in the expanded template's IAM: wildcard resources or actions, and managed policies. */
function iamProblems(cfn: Cfn): string[] {
  const problems: string[] = [];
  const checkDocument = (where: string, doc: { Statement?: Statement | Statement[] } | undefined) => {
    for (const s of [doc?.Statement ?? []].flat()) {
      if (s.Effect !== 'Allow') continue;
      const actions = [s.Action ?? []].flat();
      if ([s.Resource].flat().some((r) => r === '*')) problems.push(`${where}: ${actions.join(', ')} on Resource "*"`);
      for (const a of actions) if (a === '*' || a.endsWith(':*')) problems.push(`${where}: wildcard action ${a}`);
      // Resource policies: a service may deliver only on behalf of the one rule or topic named (confused deputy).
      if (s.Principal !== undefined) {
        if (JSON.stringify(s.Principal).includes('"*"')) problems.push(`${where}: principal "*"`);
        if (!s.Condition?.ArnEquals?.['aws:SourceArn']) problems.push(`${where}: ${actions.join(', ')} for ${JSON.stringify(s.Principal)} without an aws:SourceArn condition`);
      }
    }
  };
  for (const [id, r] of Object.entries(cfn.Resources)) {
    const p = r.Properties ?? {};
    if (r.Type === 'AWS::IAM::Role') {
      for (const arn of (p.ManagedPolicyArns as unknown[] | undefined) ?? []) problems.push(`${id}: managed policy ${JSON.stringify(arn)}`);
      for (const policy of (p.Policies as { PolicyName: string; PolicyDocument: { Statement?: Statement[] } }[] | undefined) ?? []) checkDocument(`${id}/${policy.PolicyName}`, policy.PolicyDocument);
    }
    if (['AWS::IAM::Policy', 'AWS::IAM::ManagedPolicy', 'AWS::SQS::QueuePolicy', 'AWS::SNS::TopicPolicy'].includes(r.Type)) checkDocument(id, p.PolicyDocument as { Statement?: Statement[] });
    // SAM's S3 permission names the account instead (a bucket ARN there would be circular); either limits who may invoke.
    if (r.Type === 'AWS::Lambda::Permission' && !p.SourceArn && !p.SourceAccount) problems.push(`${id}: ${String(p.Principal)} may invoke ${JSON.stringify(p.FunctionName)} without a SourceArn`);
  }
  return problems;
}

describe('SAM export: the expanded roles are least-privilege', function () {
  this.timeout(180000);
  const functions = everyAwsFunction();
  // One function per trigger also carries reserved and provisioned concurrency (alias + version).
  functions.sqstypescript = { ...functions.sqstypescript, reservedConcurrency: 5, provisionedConcurrency: 2 };
  const { text, added, skipped } = exportSam(functions);
  let expanded: Cfn;
  before(() => { expanded = expand(text); });

  it('exports every AWS template in every language', () => {
    assert.deepEqual(skipped, []);
    assert.equal(added.length, Object.keys(functions).length);
  });

  it('expands the functions.json rules of the BaaS triggers to EventBridge rules with their patterns, each invoking its function', () => {
    const rules = Object.values(expanded.Resources).filter((r) => r.Type === 'AWS::Events::Rule').map((r) => r.Properties as { EventPattern: { source: string[] }; Targets: { Arn: { 'Fn::GetAtt': string[] } }[] });
    for (const [trigger, source] of [['baassignup', 'serverless-lab.auth'], ['baasrowinserted', 'serverless-lab.database'], ['baasfileuploaded', 'aws.s3']]) {
      const ours = rules.filter((r) => r.Targets.some((t) => t.Arn['Fn::GetAtt'][0].toLowerCase().startsWith(trigger)));
      assert.equal(ours.length, 3, `${trigger}: one rule per language`);
      for (const r of ours) assert.deepEqual(r.EventPattern.source, [source]);
    }
  });

  it('has no statement on "*", no wildcard action and no managed policy in any role', () => {
    assert.deepEqual(iamProblems(expanded), []);
  });

  it('gives each function exactly one role, its own, scoped to its own log group', () => {
    const functionsOut = Object.entries(expanded.Resources).filter(([, r]) => r.Type === 'AWS::Lambda::Function');
    assert.equal(functionsOut.length, Object.keys(functions).length);
    for (const [id, r] of functionsOut) {
      assert.deepEqual(r.Properties?.Role, { 'Fn::GetAtt': [`${id}Role`, 'Arn'] }, id);
      assert.deepEqual(r.Properties?.LoggingConfig, { LogGroup: { Ref: `${id}LogGroup` } }, id);
    }
    assert.equal(Object.values(expanded.Resources).filter((r) => r.Type === 'AWS::IAM::Role').length, Object.keys(functions).length, 'SAM generated no extra role');
  });

  it('the check can fail: SAM\'s own role for an SQS or DynamoDB function is flagged', () => {
    // What the export wrote before: no Role, so SAM creates one and attaches the event sources' managed policies.
    const samDefault = [
      'Transform: AWS::Serverless-2016-10-31',
      'Resources:',
      '  Queue: { Type: AWS::SQS::Queue }',
      '  Table: { Type: AWS::DynamoDB::Table, Properties: { BillingMode: PAY_PER_REQUEST, AttributeDefinitions: [{ AttributeName: id, AttributeType: S }], KeySchema: [{ AttributeName: id, KeyType: HASH }], StreamSpecification: { StreamViewType: NEW_IMAGE } } }',
      '  Fn:',
      '    Type: AWS::Serverless::Function',
      '    Properties:',
      '      { CodeUri: fn/, Handler: handler.handler, Runtime: nodejs22.x, Policies: [{ SQSPollerPolicy: { QueueName: !GetAtt Queue.QueueName } }],',
      '        Events: { Q: { Type: SQS, Properties: { Queue: !GetAtt Queue.Arn } }, S: { Type: DynamoDB, Properties: { Stream: !GetAtt Table.StreamArn, StartingPosition: LATEST } } } }',
    ].join('\n');
    const problems = iamProblems(expand(samDefault));
    assert.ok(problems.some((p) => p.includes('AWSLambdaSQSQueueExecutionRole')), problems.join('\n'));
    assert.ok(problems.some((p) => p.includes('AWSLambdaDynamoDBExecutionRole')), problems.join('\n'));
    assert.ok(problems.some((p) => p.includes('AWSLambdaBasicExecutionRole')), problems.join('\n'));
  });

  it('the check can fail: a statement on "*" is flagged', () => {
    const broad = text.replace('Resource: !GetAtt Sqstypescript' + 'Queue.Arn', "Resource: '*'");
    assert.notEqual(broad, text);
    assert.match(iamProblems(expand(broad)).join('\n'), /sqs:ReceiveMessage, sqs:DeleteMessage, sqs:GetQueueAttributes on Resource "\*"/);
  });

  it('passes cfn-lint, concurrency included', () => {
    assertCfnLint(text);
  });
});

/** Runs cfn-lint on a template text; fails with its output. */
function assertCfnLint(text: string): void {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sl-sam-lp-'));
  try {
    fs.writeFileSync(path.join(dir, 'template.yaml'), text);
    const res = spawnSync(path.join(path.dirname(realPython()), 'cfn-lint'), ['template.yaml'], { cwd: dir, encoding: 'utf8' });
    assert.equal(res.status, 0, `${res.stdout}${res.stderr}`);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const fnEntry = (name: string): FunctionEntry => ({ handler: `src/${name}/handler.js`, handlerName: 'handler', runtime: 'nodejs', memoryMb: 128, timeoutSec: 10, env: {} });
const q = (name: string) => arnOf('queue', name);

/** Order placed -> rule -> queue -> function -> DLQ; a topic fan-out with a filter; a schedule; a FIFO target; bus to bus; async destinations. */
const architecture: EventArchitecture = {
  queues: [
    { name: 'orders-dlq', attributes: {} },
    { name: 'orders', attributes: { visibilityTimeout: 60, redrivePolicy: { deadLetterTargetArn: q('orders-dlq'), maxReceiveCount: 3 } } },
    { name: 'rule-dlq', attributes: {} },
    { name: 'audit', attributes: {} },
    { name: 'notify-failures', attributes: {} },
    { name: 'payments.fifo', attributes: { fifoQueue: true, contentBasedDeduplication: true } },
  ],
  buses: ['shop'],
  topics: ['order-events'],
  rules: [
    {
      name: 'order-placed', bus: 'shop', state: 'ENABLED', eventPattern: { source: ['shop'], 'detail-type': ['OrderPlaced'] },
      targets: [
        { id: 'orders', arn: q('orders'), deadLetterArn: q('rule-dlq'), retryPolicy: { maximumRetryAttempts: 5 } },
        { id: 'fanout', arn: arnOf('topic', 'order-events'), inputPath: '$.detail' },
        { id: 'payments', arn: q('payments.fifo'), messageGroupId: 'orders' },
        { id: 'forward', arn: arnOf('bus', 'default') },
      ],
    },
    { name: 'nightly', bus: 'default', state: 'ENABLED', scheduleExpression: 'cron(0 2 * * ? *)', targets: [{ id: 'report', arn: arnOf('function', 'report') }] },
  ],
  subscriptions: [
    { topic: 'order-events', protocol: 'sqs', endpoint: q('audit'), rawMessageDelivery: true },
    { topic: 'order-events', protocol: 'lambda', endpoint: arnOf('function', 'notify'), filterPolicy: { total: [{ numeric: ['>', 100] }] }, filterPolicyScope: 'MessageBody' },
  ],
  mappings: [{ queue: 'orders', functionName: 'processOrders', batchSize: 10, reportBatchItemFailures: true, maximumConcurrency: 5 }],
  asyncConfigs: { notify: { maximumRetryAttempts: 1, onFailureArn: q('notify-failures') } },
  functions: [],
};

describe('SAM export: event resources with least-privilege permissions per hop', function () {
  this.timeout(180000);
  const { text, added, eventResources, eventNotes } = exportSam({ processOrders: fnEntry('processOrders'), notify: fnEntry('notify'), report: fnEntry('report') }, undefined, { architecture });
  let expanded: Cfn;
  before(() => { expanded = expand(text); });
  const res = (id: string) => expanded.Resources[id]?.Properties ?? assert.fail(`no resource ${id}`);

  it('writes every queue, bus, topic, subscription, rule, mapping and async setting', () => {
    assert.deepEqual(added, ['ProcessOrders', 'Notify', 'Report']);
    assert.deepEqual(eventNotes, []);
    for (const id of ['OrdersQueue', 'OrdersDlqQueue', 'PaymentsFifoQueue', 'ShopBus', 'OrderEventsTopic', 'ShopOrderPlacedRule', 'NightlyRule', 'ProcessOrdersOrdersMapping', 'NotifyEventInvokeConfig']) assert.ok(eventResources.includes(id), id);
    assert.deepEqual(res('OrdersQueue').RedrivePolicy, { deadLetterTargetArn: { 'Fn::GetAtt': ['OrdersDlqQueue', 'Arn'] }, maxReceiveCount: 3 });
    assert.equal(res('PaymentsFifoQueue').QueueName, 'payments.fifo');
    assert.equal(res('PaymentsFifoQueue').FifoQueue, true);
    assert.equal(res('NightlyRule').ScheduleExpression, 'cron(0 2 * * ? *)');
  });

  it('has no statement on "*", no wildcard action, no managed policy, and every resource policy names its source', () => {
    assert.deepEqual(iamProblems(expanded), []);
  });

  it('grants each hop exactly its action on its resource', () => {
    const statements = (id: string) => (res(id).PolicyDocument as { Statement: Statement[] }).Statement;
    // The queue accepts SendMessage from the order rule (target and nothing else).
    assert.deepEqual(statements('OrdersQueuePolicy'), [{ Effect: 'Allow', Principal: { Service: 'events.amazonaws.com' }, Action: 'sqs:SendMessage', Resource: { 'Fn::GetAtt': ['OrdersQueue', 'Arn'] }, Condition: { ArnEquals: { 'aws:SourceArn': { 'Fn::GetAtt': ['ShopOrderPlacedRule', 'Arn'] } } } }]);
    assert.equal(statements('RuleDlqQueuePolicy')[0].Action, 'sqs:SendMessage');
    assert.deepEqual(statements('AuditQueuePolicy')[0].Condition, { ArnEquals: { 'aws:SourceArn': { Ref: 'OrderEventsTopic' } } });
    assert.equal(statements('OrderEventsTopicPolicy')[0].Action, 'sns:Publish');
    // The poller's role: receive/delete/attributes on the orders queue only.
    assert.deepEqual(statements('ProcessOrdersEventsPolicy'), [{ Effect: 'Allow', Action: ['sqs:ReceiveMessage', 'sqs:DeleteMessage', 'sqs:GetQueueAttributes'], Resource: { 'Fn::GetAtt': ['OrdersQueue', 'Arn'] } }]);
    assert.deepEqual(res('ProcessOrdersEventsPolicy').Roles, [{ Ref: 'ProcessOrdersRole' }]);
    assert.deepEqual(statements('NotifyEventsPolicy'), [{ Effect: 'Allow', Action: ['sqs:SendMessage'], Resource: { 'Fn::GetAtt': ['NotifyFailuresQueue', 'Arn'] } }]);
    assert.deepEqual(res('NightlyRuleReportPermission'), { Action: 'lambda:InvokeFunction', FunctionName: { 'Fn::GetAtt': ['Report', 'Arn'] }, Principal: 'events.amazonaws.com', SourceArn: { 'Fn::GetAtt': ['NightlyRule', 'Arn'] } });
    assert.equal(res('OrderEventsToNotifySubscriptionPermission').Principal, 'sns.amazonaws.com');
    // Bus to bus: a role the rule assumes, allowed PutEvents on the target bus only.
    const forward = (res('ShopOrderPlacedRule').Targets as Array<Record<string, unknown>>).find((t) => t.Id === 'forward');
    assert.deepEqual(forward?.RoleArn, { 'Fn::GetAtt': ['ShopOrderPlacedRuleForwardRole', 'Arn'] });
  });

  it('the check can fail: a queue policy without its source condition is flagged', () => {
    const copy = JSON.parse(JSON.stringify(expanded)) as Cfn;
    delete (copy.Resources.OrdersQueuePolicy.Properties!.PolicyDocument as { Statement: Statement[] }).Statement[0].Condition;
    delete copy.Resources.NightlyRuleReportPermission.Properties!.SourceArn;
    const problems = iamProblems(copy).join('\n');
    assert.match(problems, /OrdersQueuePolicy: sqs:SendMessage for \{"Service":"events.amazonaws.com"\} without an aws:SourceArn condition/);
    assert.match(problems, /NightlyRuleReportPermission: events.amazonaws.com may invoke/);
  });

  it('passes cfn-lint', () => {
    assertCfnLint(text);
  });
});

// Expands every exported template with aws-sam-translator (what SAM CLI and cfn-lint run) and checks
// the IAM that would actually be deployed: no statement on Resource "*", no wildcard action, and no
// managed policy (AWS managed policies cannot be read offline; those SAM attaches grant on "*").
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'yaml';
import { exportSam, intrinsicTags } from '../../../src/core/sam';
import { loadTemplates, renderFunction, type FunctionEntry } from '../../../src/core/scaffold';
import { realPython } from '../../unit/scaffold/python';

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

type Statement = { Effect?: string; Action?: string | string[]; Resource?: unknown };

/** Every problem in the expanded template's IAM: wildcard resources or actions, and managed policies. */
function iamProblems(cfn: Cfn): string[] {
  const problems: string[] = [];
  const checkDocument = (where: string, doc: { Statement?: Statement | Statement[] } | undefined) => {
    for (const s of [doc?.Statement ?? []].flat()) {
      if (s.Effect !== 'Allow') continue;
      const actions = [s.Action ?? []].flat();
      if ([s.Resource].flat().some((r) => r === '*')) problems.push(`${where}: ${actions.join(', ')} on Resource "*"`);
      for (const a of actions) if (a === '*' || a.endsWith(':*')) problems.push(`${where}: wildcard action ${a}`);
    }
  };
  for (const [id, r] of Object.entries(cfn.Resources)) {
    const p = r.Properties ?? {};
    if (r.Type === 'AWS::IAM::Role') {
      for (const arn of (p.ManagedPolicyArns as unknown[] | undefined) ?? []) problems.push(`${id}: managed policy ${JSON.stringify(arn)}`);
      for (const policy of (p.Policies as { PolicyName: string; PolicyDocument: { Statement?: Statement[] } }[] | undefined) ?? []) checkDocument(`${id}/${policy.PolicyName}`, policy.PolicyDocument);
    }
    if (r.Type === 'AWS::IAM::Policy' || r.Type === 'AWS::IAM::ManagedPolicy') checkDocument(id, p.PolicyDocument as { Statement?: Statement[] });
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
    assert.equal(added.length, 27);
  });

  it('has no statement on "*", no wildcard action and no managed policy in any role', () => {
    assert.deepEqual(iamProblems(expanded), []);
  });

  it('gives each function exactly one role, its own, scoped to its own log group', () => {
    const functionsOut = Object.entries(expanded.Resources).filter(([, r]) => r.Type === 'AWS::Lambda::Function');
    assert.equal(functionsOut.length, 27);
    for (const [id, r] of functionsOut) {
      assert.deepEqual(r.Properties?.Role, { 'Fn::GetAtt': [`${id}Role`, 'Arn'] }, id);
      assert.deepEqual(r.Properties?.LoggingConfig, { LogGroup: { Ref: `${id}LogGroup` } }, id);
    }
    assert.equal(Object.values(expanded.Resources).filter((r) => r.Type === 'AWS::IAM::Role').length, 27, 'SAM generated no extra role');
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
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sl-sam-lp-'));
    try {
      fs.writeFileSync(path.join(dir, 'template.yaml'), text);
      const res = spawnSync(path.join(path.dirname(realPython()), 'cfn-lint'), ['template.yaml'], { cwd: dir, encoding: 'utf8' });
      assert.equal(res.status, 0, `${res.stdout}${res.stderr}`);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

import * as assert from 'assert';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseChecksFile } from '../../../src/core/exercises/parse';
import { ObserverFailure, type ObserverContext } from '../../../src/core/exercises/observerTypes';
import { broadGrants, observeSamTemplate, samObserver } from '../../../src/core/exercises/samObserver';

const TEMPLATE = `AWSTemplateFormatVersion: '2010-09-09'
Transform: AWS::Serverless-2016-10-31
Globals:
  Function:
    Timeout: 10
Resources:
  Orders:
    Type: AWS::DynamoDB::Table
  Reader:
    Type: AWS::Serverless::Function
    Properties:
      CodeUri: src/
      Handler: reader.handler
      Runtime: nodejs22.x
      MemorySize: 512
      Policies:
        - DynamoDBReadPolicy:
            TableName: !Ref Orders
        - Statement:
            - Effect: Allow
              Action: [s3:GetObject]
              Resource: !Sub 'arn:aws:s3:::photos/*'
      Events:
        Get:
          Type: HttpApi
  Admin:
    Type: AWS::Serverless::Function
    Properties:
      CodeUri: src/
      Handler: admin.handler
      Runtime: python3.13
      Policies: AmazonS3FullAccess
  Loose:
    Type: AWS::Serverless::Function
    Properties:
      CodeUri: src/
      Handler: loose.handler
      Runtime: nodejs22.x
      Policies:
        - Effect: Allow
          Action: 'sqs:*'
          Resource: '*'
        - Effect: Deny
          Action: '*'
          Resource: '*'
`;

describe('exercises: sam observer', () => {
  it('summarises functions: settings with Globals, policy templates with their parameters, inline statements, events', () => {
    const sam = observeSamTemplate(TEMPLATE, 'template.yaml');
    assert.deepStrictEqual(sam.errors, []);
    assert.deepStrictEqual(sam.resources.Orders, { type: 'AWS::DynamoDB::Table', properties: {} });
    assert.deepStrictEqual(sam.resources.Reader.properties.MemorySize, 512);
    const reader = sam.functions.Reader;
    assert.deepStrictEqual([reader.runtime, reader.handler, reader.memoryMb, reader.timeoutSec], ['nodejs22.x', 'reader.handler', 512, 10]);
    assert.deepStrictEqual(reader.policies, ['DynamoDBReadPolicy']);
    assert.deepStrictEqual(reader.templates, { DynamoDBReadPolicy: { TableName: { Ref: 'Orders' } } });
    assert.deepStrictEqual(reader.statements, [{ effect: 'Allow', actions: ['s3:GetObject'], resources: ['{"Fn::Sub":"arn:aws:s3:::photos/*"}'] }]);
    assert.deepStrictEqual(reader.broad, [], 'a scoped template and a scoped statement are least-privilege');
    assert.deepStrictEqual(reader.events, ['HttpApi']);
  });

  it('flags full-access managed policies and Allow wildcards, not Deny statements', () => {
    const sam = observeSamTemplate(TEMPLATE, 'template.yaml');
    assert.deepStrictEqual(sam.functions.Admin.policies, ['AmazonS3FullAccess']);
    assert.deepStrictEqual(sam.functions.Admin.broad, ['managed AmazonS3FullAccess']);
    assert.deepStrictEqual(sam.functions.Loose.broad, ['action sqs:*', 'resource *']);
    assert.deepStrictEqual(broadGrants(['arn:aws:iam::aws:policy/AdministratorAccess', 'AWSLambdaBasicExecutionRole'], [{ effect: 'Allow', actions: ['*'], resources: ['arn:aws:sqs:us-east-1:1:q'] }]), ['managed arn:aws:iam::aws:policy/AdministratorAccess', 'action *']);
  });

  it('reports the SAM reader\'s errors with 1-based line:column, and YAML errors without functions', () => {
    const bad = observeSamTemplate(TEMPLATE.replace('MemorySize: 512', 'MemorySize: 99999'), 'template.yaml');
    assert.strictEqual(bad.errors.length, 1);
    assert.match(bad.errors[0], /^15:\d+ Reader: MemorySize must be a whole number of MB from 128 to 10240/);
    const broken = observeSamTemplate('Resources:\n  A: [unclosed\n', 'template.yaml');
    assert.ok(broken.errors.length > 0 && broken.errors[0].includes('YAML'), broken.errors.join());
    assert.deepStrictEqual(broken.functions, {});
  });

  it('reads template.yaml beside the handler (or the check\'s template), and fails clearly when it is missing', async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'sl-sam-observer-'));
    try {
      await fs.writeFile(path.join(dir, 'other.yaml'), TEMPLATE);
      const context = (template?: string): ObserverContext => ({ records: [], storeDir: dir, handlerFile: path.join(dir, 'template.yaml'), folder: dir, check: { name: 'c', message: 'm', calls: [], expect: [], ...(template ? { template } : {}) }, runtime: undefined as never });
      const seen = (await samObserver.observe(context('other.yaml'))) as ReturnType<typeof observeSamTemplate>;
      assert.deepStrictEqual(Object.keys(seen.functions), ['Reader', 'Admin', 'Loose']);
      await assert.rejects(async () => samObserver.observe(context()), (e: unknown) => e instanceof ObserverFailure && /template\.yaml was not found next to template\.yaml/.test(e.message));
    } finally {
      await fs.rm(dir, { recursive: true, force: true });
    }
  });

  it('lets a check that reads only `sam.*` go without calls, but no other check', () => {
    const ok = parseChecksFile('checks:\n  - name: scoped\n    message: m\n    expect:\n      - { path: sam.functions.A.broad, equals: [] }\n');
    assert.deepStrictEqual(ok.problems, []);
    assert.deepStrictEqual(ok.value?.checks[0].calls, []);
    const mixed = parseChecksFile('checks:\n  - name: mixed\n    message: m\n    expect:\n      - { path: sam.errors, equals: [] }\n      - { path: calls.0.statusCode, equals: 200 }\n');
    assert.match(mixed.problems[0]?.message ?? '', /give "event"/);
  });
});

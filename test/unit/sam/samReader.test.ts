import assert from 'node:assert/strict';
import { readSamTemplate } from '../../../src/core/sam';

const template = `AWSTemplateFormatVersion: '2010-09-09'
Transform: AWS::Serverless-2016-10-31
Parameters:
  Mem:
    Type: Number
    Default: 512
Globals:
  Function:
    Runtime: python3.12
    Timeout: 10
    Environment:
      Variables:
        STAGE: dev
        SHARED: global
Resources:
  HelloWorldFunction:
    Type: AWS::Serverless::Function
    Properties:
      CodeUri: hello_world/
      Handler: pkg.app.lambda_handler
      MemorySize: !Ref Mem
      Architectures: [arm64]
      Environment:
        Variables:
          SHARED: mine
          TABLE: !Ref OrdersTable
          URL: !Sub "https://\${AWS::Region}.example.com"
      Events:
        Hello:
          Type: Api
          Properties:
            Path: /hello
            Method: get
  NodeFn:
    Type: AWS::Serverless::Function
    Properties:
      CodeUri: ./src
      Handler: handlers/app.lambdaHandler
      Runtime: nodejs22.x
      Timeout: 1000
      Events:
        Q:
          Type: SQS
          Properties:
            BatchSize: 5
  NoRuntime:
    Type: AWS::Serverless::Function
    Globals: ignored
    Properties:
      Handler: x.handler
  OrdersTable:
    Type: AWS::DynamoDB::Table
`;

describe('SAM reader', () => {
  const { functions, diagnostics } = readSamTemplate(template, 'template.yaml');
  const byId = Object.fromEntries(functions.map((f) => [f.logicalId, f]));

  it('reads Handler, Runtime, MemorySize, Timeout, Environment, CodeUri with Globals and parameter defaults', () => {
    const f = byId.HelloWorldFunction;
    assert.equal(f.runtimeKind, 'python');
    assert.equal(f.runtime, 'python3.12');
    assert.equal(f.memoryMb, 512);
    assert.equal(f.timeoutSec, 10);
    assert.equal(f.architecture, 'arm64');
    assert.equal(f.handlerName, 'lambda_handler');
    assert.deepEqual(f.handlerFileCandidates, ['hello_world/pkg/app.py']);
    assert.equal(f.env.STAGE, 'dev');
    assert.equal(f.env.SHARED, 'mine');
    assert.equal(f.trigger, 'rest-api');
    assert.deepEqual(f.range.start, { line: 15, character: 2 });
  });

  it('maps Node handlers to candidate files under CodeUri', () => {
    assert.deepEqual(byId.NodeFn.handlerFileCandidates, ['src/handlers/app.js', 'src/handlers/app.mjs', 'src/handlers/app.cjs', 'src/handlers/app.ts']);
    assert.equal(byId.NodeFn.handlerName, 'lambdaHandler');
  });

  it('reports problems on the exact line', () => {
    const find = (re: RegExp) => diagnostics.find((d) => re.test(d.message));
    assert.equal(find(/TABLE is resolved only at deploy time/)?.start.line, 25);
    assert.equal(find(/URL is resolved only at deploy time/)?.severity, 'warning');
    assert.equal(find(/Timeout must be 1–900 seconds \(got 1000\)/)?.start.line, 39);
    assert.equal(find(/event Q \(SQS\) needs Queue/)?.start.line, 41);
    const noRuntime = find(/NoRuntime: one of "CodeUri" or "InlineCode" is required/);
    assert.equal(noRuntime?.start.line, 48);
    assert.equal(byId.NoRuntime.runtime, 'python3.12', 'Runtime comes from Globals');
    assert.equal(functions.length, 3, 'the table is not a function');
  });

  it('returns YAML syntax errors as diagnostics instead of throwing', () => {
    const r = readSamTemplate('Resources:\n  A:\n    Type: [unclosed\n', 'bad.yaml');
    assert.equal(r.functions.length, 0);
    assert.equal(r.diagnostics[0].severity, 'error');
    assert.equal(r.diagnostics[0].file, 'bad.yaml');
    assert.ok(r.diagnostics[0].start.line >= 2);
  });

  it('flags a template without Resources or the SAM transform', () => {
    assert.match(readSamTemplate('foo: 1\n', 't.yaml').diagnostics[0].message, /Resources/);
    assert.match(readSamTemplate('Resources: {}\n', 't.yaml').diagnostics[0].message, /Transform/);
  });
});

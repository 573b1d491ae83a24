import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { esbuildRange, exportSam, intrinsicTags, SamExportError } from '../../../src/core/sam';
import type { FunctionEntry } from '../../../src/core/scaffold';

const repo = path.resolve(__dirname, '../../..');
const fn = (over: Partial<FunctionEntry> = {}): FunctionEntry => ({ handler: 'functions/orders/handler.js', handlerName: 'handler', runtime: 'nodejs', memoryMb: 128, timeoutSec: 3, env: {}, ...over });
type Template = { Resources: Record<string, { Type: string; Properties: Record<string, unknown> }> };
const read = (text: string) => parse(text, { customTags: intrinsicTags }) as Template;

describe('SAM export: roles', () => {
  it('gives every function its own role and log group instead of SAM policy templates', () => {
    const t = read(exportSam({ orders: fn({ trigger: 'sqs' }) }).text);
    const props = t.Resources.Orders.Properties;
    assert.deepEqual(props.Role, { 'Fn::GetAtt': ['OrdersRole', 'Arn'] });
    assert.deepEqual(props.LoggingConfig, { LogGroup: { Ref: 'OrdersLogGroup' } });
    assert.equal(props.Policies, undefined, 'SAM rejects Policies next to Role, and templates would bring no scoping here');
    assert.equal(t.Resources.OrdersLogGroup.Type, 'AWS::Logs::LogGroup');
    const statements = (t.Resources.OrdersRole.Properties.Policies as { PolicyDocument: { Statement: { Action: string[]; Resource: unknown }[] } }[])[0].PolicyDocument.Statement;
    assert.deepEqual(statements.map((s) => [s.Action, s.Resource]), [
      [['logs:CreateLogStream', 'logs:PutLogEvents'], { 'Fn::GetAtt': ['OrdersLogGroup', 'Arn'] }],
      [['sqs:ReceiveMessage', 'sqs:DeleteMessage', 'sqs:GetQueueAttributes'], { 'Fn::GetAtt': ['OrdersQueue', 'Arn'] }],
    ]);
  });
});

describe('SAM export: concurrency', () => {
  it('exports reservedConcurrency and provisionedConcurrency (with the alias SAM needs to publish a version)', () => {
    const props = read(exportSam({ orders: fn({ reservedConcurrency: 10, provisionedConcurrency: 2 }) }).text).Resources.Orders.Properties;
    assert.equal(props.ReservedConcurrentExecutions, 10);
    assert.equal(props.AutoPublishAlias, 'live');
    assert.deepEqual(props.ProvisionedConcurrencyConfig, { ProvisionedConcurrentExecutions: 2 });
  });
  it('keeps reserved concurrency 0 (it throttles every call) and writes no alias without provisioned concurrency', () => {
    const props = read(exportSam({ orders: fn({ reservedConcurrency: 0, provisionedConcurrency: 0 }) }).text).Resources.Orders.Properties;
    assert.equal(props.ReservedConcurrentExecutions, 0);
    assert.equal(props.AutoPublishAlias, undefined);
    assert.equal(props.ProvisionedConcurrencyConfig, undefined);
  });
  it('skips a function whose provisioned concurrency exceeds its reserved concurrency, saying why', () => {
    const r = exportSam({ orders: fn({ reservedConcurrency: 1, provisionedConcurrency: 2 }) });
    assert.deepEqual(r.added, []);
    assert.match(r.skipped[0].reason, /provisionedConcurrency \(2\) cannot exceed reservedConcurrency \(1\)/);
  });
});

describe('SAM export: merging', () => {
  const existing = ["AWSTemplateFormatVersion: '2010-09-09'", 'Transform: AWS::Serverless-2016-10-31', 'Resources:', '  Table:', '    Type: AWS::SNS::Topic', ''];
  it('keeps CRLF line endings: every line of the merged file ends in CRLF', () => {
    const out = exportSam({ orders: fn() }, existing.join('\r\n')).text;
    assert.ok(out.includes('  Orders:\r\n'), 'the new resource is inserted');
    assert.doesNotMatch(out, /[^\r]\n/, 'no bare LF');
    assert.ok(out.startsWith(existing.slice(0, 5).join('\r\n')), 'the original text is kept');
  });
  it('keeps CRLF when it appends a missing section', () => {
    const out = exportSam({ orders: fn() }, "AWSTemplateFormatVersion: '2010-09-09'\r\nDescription: x\r\n").text;
    assert.match(out, /Resources:\r\n {2}Orders:\r\n/);
    assert.doesNotMatch(out, /[^\r]\n/);
  });
  it('keeps LF files LF', () => {
    assert.doesNotMatch(exportSam({ orders: fn() }, existing.join('\n')).text, /\r/);
  });
  it('refuses a JSON template.yaml, saying JSON is not merged and why', () => {
    const json = JSON.stringify({ AWSTemplateFormatVersion: '2010-09-09', Resources: { Table: { Type: 'AWS::SNS::Topic' } } }, null, 2);
    assert.throws(() => exportSam({ orders: fn() }, json), (e: Error) => e instanceof SamExportError && /written in JSON, and JSON templates are not merged: .*every existing line stays/.test(e.message));
  });
  it('names the other function when two functions of one export share a logical id', () => {
    const r = exportSam({ processOrder: fn(), 'process-order': fn() });
    assert.deepEqual(r.added, ['ProcessOrder']);
    assert.match(r.skipped[0].reason, /logical id "ProcessOrder" is already used by function "processOrder" in this export/);
    assert.doesNotMatch(r.skipped[0].reason, /template\.yaml/);
  });
});

describe('SAM export: sam build for TypeScript', () => {
  const ts = fn({ handler: 'functions/orders/handler.ts' });
  it('asks for a package.json in CodeUri with esbuild as a production dependency', () => {
    const r = exportSam({ orders: ts, plain: fn({ handler: 'functions/plain/handler.js' }) });
    assert.deepEqual(r.files.map((f) => f.path), ['functions/orders/package.json']);
    const manifest = JSON.parse(r.files[0].content) as { name: string; dependencies: Record<string, string>; devDependencies?: unknown };
    assert.deepEqual(manifest.dependencies, { esbuild: esbuildRange });
    assert.equal(manifest.devDependencies, undefined, 'sam build installs with --omit=dev');
    assert.equal(manifest.name, 'orders');
    const props = read(r.text).Resources.Orders;
    assert.equal((props.Properties.CodeUri as string), 'functions/orders/');
  });
  it('checks an existing package.json instead of replacing it', () => {
    const [file] = exportSam({ orders: ts }).files;
    assert.equal(file.check(JSON.stringify({ dependencies: { esbuild: '^0.28.0' } })), undefined);
    assert.match(file.check(JSON.stringify({ devDependencies: { esbuild: '^0.28.0' } }))!, /no "esbuild" in "dependencies".*npm install --prefix functions\/orders --save esbuild/);
    assert.match(file.check('{ not json')!, /not valid JSON/);
  });
  it('writes the esbuild range this project builds and tests with', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(repo, 'package.json'), 'utf8')) as { dependencies?: Record<string, string>; devDependencies?: Record<string, string> };
    assert.equal(esbuildRange, pkg.dependencies?.esbuild ?? pkg.devDependencies?.esbuild);
  });
});

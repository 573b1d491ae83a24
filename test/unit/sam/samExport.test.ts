import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'yaml';
import { exportSam, intrinsicTags, readSamTemplate } from '../../../src/core/sam';
import type { FunctionEntry } from '../../../src/core/scaffold';
import { realPython } from '../scaffold/python';

const triggers = ['http-api', 'rest-api', 's3', 'sqs', 'sns', 'eventbridge', 'schedule', 'dynamodb', 'cognito-post-confirmation'];
const exts = ['ts', 'js', 'py'];
/** A multi-function workspace: every AWS trigger, languages rotating. */
const workspace: Record<string, FunctionEntry> = Object.fromEntries(triggers.map((trigger, i) => {
  const ext = exts[i % 3];
  const name = `fn-${trigger}`;
  return [name, { handler: `functions/${name}/handler.${ext}`, handlerName: ext === 'py' ? 'lambda_handler' : 'handler', runtime: ext === 'py' ? 'python' : 'nodejs', memoryMb: 128 + i, timeoutSec: 3 + i, env: { SERVICE_NAME: name }, trigger }];
}));

/** cfn-lint (PyPI; preinstalled with this machine kind's Python): runs the SAM transform and CloudFormation's resource schemas. */
function cfnLint(cwd: string): { status: number | null; output: string } {
  const exe = path.join(path.dirname(realPython()), 'cfn-lint');
  assert.ok(fs.existsSync(exe), `cfn-lint not found at ${exe}; install it with pip install cfn-lint`);
  const res = spawnSync(exe, ['template.yaml'], { cwd, encoding: 'utf8' });
  return { status: res.status, output: `${res.stdout}${res.stderr}` };
}

describe('SAM export', function () {
  this.timeout(60000);
  let dir: string;
  beforeEach(() => { dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sl-sam-')); });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('passes cfn-lint (SAM transform + CloudFormation resource schemas) for a multi-function workspace', () => {
    const { text, added, skipped } = exportSam(workspace);
    assert.equal(added.length, triggers.length);
    assert.deepEqual(skipped, []);
    fs.writeFileSync(path.join(dir, 'template.yaml'), text);
    const res = cfnLint(dir);
    assert.equal(res.status, 0, res.output);
  });

  it('cfn-lint does reject a broken export (the check can fail)', () => {
    const text = exportSam(workspace).text.replace('Runtime: nodejs22.x', 'Runtime: nodejs4.3');
    fs.writeFileSync(path.join(dir, 'template.yaml'), text);
    assert.notEqual(cfnLint(dir).status, 0);
  });

  it('round-trips: the SAM reader gives back the same functions', () => {
    const { functions, diagnostics } = readSamTemplate(exportSam(workspace).text, 'template.yaml');
    assert.deepEqual(diagnostics, []);
    const back = Object.fromEntries(functions.map((f) => [f.name, f]));
    assert.deepEqual(Object.keys(back).sort(), Object.keys(workspace).sort());
    for (const [name, fn] of Object.entries(workspace)) {
      const f = back[name];
      assert.ok(f.handlerFileCandidates.includes(fn.handler), `${name}: ${fn.handler} not in ${f.handlerFileCandidates.join(', ')}`);
      if (fn.handler.endsWith('.ts')) assert.equal(f.handlerFileCandidates[0], fn.handler, 'esbuild EntryPoints pin the TypeScript file');
      assert.deepEqual(
        { handlerName: f.handlerName, runtime: f.runtimeKind, memoryMb: f.memoryMb, timeoutSec: f.timeoutSec, env: f.env, trigger: f.trigger },
        { handlerName: fn.handlerName, runtime: fn.runtime, memoryMb: fn.memoryMb, timeoutSec: fn.timeoutSec, env: fn.env, trigger: fn.trigger },
      );
    }
  });

  it('writes no SAM policy templates or managed policies: each function names its own role (expanded check: test/system/sam)', () => {
    const doc = parse(exportSam(workspace).text, { customTags: intrinsicTags }) as { Resources: Record<string, { Type: string; Properties: Record<string, unknown> }> };
    for (const [id, r] of Object.entries(doc.Resources)) {
      if (r.Type === 'AWS::Serverless::Function') {
        assert.equal(r.Properties.Policies, undefined, id);
        assert.deepEqual(r.Properties.Role, { 'Fn::GetAtt': [`${id}Role`, 'Arn'] }, id);
      }
      if (r.Type === 'AWS::IAM::Role') assert.equal(r.Properties.ManagedPolicyArns, undefined, id);
    }
  });

  it('merges into an existing template without clobbering it', () => {
    const existing = [
      '# my stack',
      "AWSTemplateFormatVersion: '2010-09-09'",
      'Transform: AWS::Serverless-2016-10-31',
      'Resources:',
      '  FnSqs: # hand-tuned',
      '    Type: AWS::Serverless::Function',
      '    Properties:',
      '      CodeUri: src/',
      '      Handler: app.handler',
      '      Runtime: python3.12',
      '      Environment:',
      '        Variables:',
      '          TABLE: !Ref Table',
      '  Table:',
      '    Type: AWS::SNS::Topic',
      '    # trailing comment stays with Table',
      '',
      'Outputs:',
      '  TableName:',
      '    Value: !Ref Table',
      '',
    ].join('\n');
    const result = exportSam(workspace, existing);
    assert.deepEqual(result.skipped.map((s) => s.name), ['fn-sqs']);
    assert.match(result.skipped[0].reason, /already has a resource "FnSqs"/);
    // Every original line survives, unchanged and in order; the new text is only inserted.
    const out = result.text.split('\n');
    let at = 0;
    for (const line of existing.split('\n')) {
      at = out.indexOf(line, at);
      assert.ok(at >= 0, `lost or changed: ${JSON.stringify(line)}`);
      at++;
    }
    assert.ok(out.indexOf('Outputs:') > out.indexOf('  FnCognitoPostConfirmation:'), 'resources are inserted inside Resources');
    fs.writeFileSync(path.join(dir, 'template.yaml'), result.text);
    const res = cfnLint(dir);
    assert.equal(res.status, 0, res.output);
    const read = readSamTemplate(result.text, 'template.yaml');
    assert.equal(read.functions.find((f) => f.logicalId === 'FnSqs')?.runtime, 'python3.12');
    assert.equal(read.functions.length, triggers.length);
  });

  it('skips Azure/Google functions and invalid environment names with a reason', () => {
    const r = exportSam({
      az: { handler: 'functions/az/lambdaShim.ts', handlerName: 'handler', runtime: 'nodejs', memoryMb: 128, timeoutSec: 3, env: {}, provider: 'azure' },
      bad: { handler: 'functions/bad/handler.js', handlerName: 'handler', runtime: 'nodejs', memoryMb: 128, timeoutSec: 3, env: { A: 'x' } },
    });
    assert.deepEqual(r.added, []);
    assert.match(r.skipped[0].reason, /azure function/);
    assert.match(r.skipped[1].reason, /"A" is invalid/);
  });
});

// The SAM templates that curriculum exercises ship: every solution passes cfn-lint (what `sam validate
// --lint` runs), the IaC starter does not, and the least-privilege solution's expanded roles (through
// aws-sam-translator, as SAM CLI and cfn-lint expand them) hold no wildcard in their inline policies.
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'yaml';
import { intrinsicTags } from '../../../src/core/sam';
import { realPython } from '../scaffold/python';

const lessons = path.resolve(__dirname, '../../../lessons');

/** Every `<exercise>/{starter,solution}/template.yaml` in the curriculum's lesson folders (lessons/<track>/…; the older lessons/exercises/ are not curriculum folders). */
function templates(kind: 'starter' | 'solution'): string[] {
  const out: string[] = [];
  const walk = (dir: string): void => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory() && p !== path.join(lessons, 'exercises')) walk(p);
      else if (e.name === 'template.yaml' && path.basename(dir) === kind) out.push(p);
    }
  };
  walk(lessons);
  return out.sort();
}

function cfnLint(file: string): { status: number | null; output: string } {
  const exe = path.join(path.dirname(realPython()), 'cfn-lint');
  assert.ok(fs.existsSync(exe), `cfn-lint not found at ${exe}; install it with pip install cfn-lint`);
  const res = spawnSync(exe, [path.basename(file)], { cwd: path.dirname(file), encoding: 'utf8' });
  return { status: res.status, output: `${res.stdout}${res.stderr}` };
}

type Statement = { Effect?: string; Action?: string | string[]; Resource?: unknown };
type Cfn = { Resources: Record<string, { Type: string; Properties?: Record<string, unknown> }> };

/** Wildcard actions and "*" resources in the inline policies of every role of an expanded template. */
function inlineWildcards(cfn: Cfn): string[] {
  const problems: string[] = [];
  for (const [id, r] of Object.entries(cfn.Resources).filter(([, x]) => x.Type === 'AWS::IAM::Role')) {
    for (const policy of (r.Properties?.Policies as { PolicyName: string; PolicyDocument: { Statement?: Statement[] } }[] | undefined) ?? []) {
      for (const s of [policy.PolicyDocument.Statement ?? []].flat().filter((x) => x.Effect === 'Allow')) {
        const actions = [s.Action ?? []].flat();
        if ([s.Resource].flat().some((x) => x === '*')) problems.push(`${id}/${policy.PolicyName}: ${actions.join(', ')} on "*"`);
        for (const a of actions) if (a === '*' || a.endsWith(':*')) problems.push(`${id}/${policy.PolicyName}: ${a}`);
      }
    }
  }
  return problems;
}

function expand(file: string): Cfn {
  const input = JSON.stringify(parse(fs.readFileSync(file, 'utf8'), { customTags: intrinsicTags }));
  const out = execFileSync(realPython(), [path.resolve(__dirname, '../sam/expandSam.py')], { input, encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 });
  return JSON.parse(out) as Cfn;
}

describe('curriculum: exercise SAM templates', function () {
  this.timeout(120000);

  it('every solution template passes cfn-lint', () => {
    const solutions = templates('solution');
    assert.ok(solutions.length >= 3, `expected the curriculum's template exercises, found ${solutions.join(', ')}`);
    for (const file of solutions) {
      const { status, output } = cfnLint(file);
      assert.equal(status, 0, `${path.relative(lessons, file)}:\n${output}`);
    }
  });

  it('the IaC starter fails cfn-lint (the exercise is real), and passes once its handler is added, apart from the errors the lesson names', () => {
    const starter = path.join(lessons, 'best-practices/infrastructure-as-code/fix-the-template/starter/template.yaml');
    assert.notEqual(cfnLint(starter).status, 0);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sl-iac-'));
    try {
      const withHandler = fs.readFileSync(starter, 'utf8').replace('      Runtime: nodejs16.x', '      Handler: thumbnail.handler\n      Runtime: nodejs16.x');
      fs.writeFileSync(path.join(dir, 'template.yaml'), withHandler);
      const codes = [...new Set(cfnLint(path.join(dir, 'template.yaml')).output.match(/\b[EW]\d{4}\b/g) ?? [])].sort();
      assert.deepEqual(codes, ['E2533', 'E3034', 'E3505'], 'the lesson lists these codes');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('the least-privilege solution expands to roles whose inline policies name their table and queue, without wildcards', () => {
    const file = path.join(lessons, 'best-practices/least-privilege/scope-the-policies/solution/template.yaml');
    const cfn = expand(file);
    assert.deepEqual(inlineWildcards(cfn), []);
    const roleText = JSON.stringify(Object.values(cfn.Resources).filter((r) => r.Type === 'AWS::IAM::Role'));
    assert.match(roleText, /dynamodb:GetItem/);
    assert.match(roleText, /sqs:SendMessage/);
  });

  it('the check can fail: a wildcard statement is flagged after expansion', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sl-lp-'));
    try {
      const starter = fs.readFileSync(path.join(lessons, 'best-practices/least-privilege/scope-the-policies/starter/template.yaml'), 'utf8');
      // The starter's managed policy cannot be expanded offline; keep its wildcard statement only.
      fs.writeFileSync(path.join(dir, 'template.yaml'), starter.replace('        - AmazonDynamoDBFullAccess', '        - DynamoDBReadPolicy: { TableName: !Ref Orders }'));
      assert.match(inlineWildcards(expand(path.join(dir, 'template.yaml'))).join('\n'), /sqs:\*/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

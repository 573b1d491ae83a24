// Rules that functions.json declares on functions (`events`): what New Function writes for the BaaS triggers,
// so a scaffolded function fires without a template. The SAM export writes the same rule as an EventBridgeRule event.
import * as assert from 'assert';
import { parse } from 'yaml';
import { ManualClock } from '../../../src/core/eventing';
import { readEventArchitecture } from '../../../src/core/eventing/definitions';
import { readFunctionRules } from '../../../src/core/eventing/functionRules';
import { readWorkspaceArchitecture } from '../../../src/core/eventing/workspaceArchitecture';
import { WorkspaceEngine } from '../../../src/core/eventing/workspaceEngine';
import { parseFunctionsFile } from '../../../src/core/functions/functionsFile';
import { exportSam, intrinsicTags } from '../../../src/core/sam';
import { fakeRuntime } from './fakeRuntime';

const signup = { pattern: { source: ['serverless-lab.auth'], 'detail-type': ['User Signed Up'] } };
const source = (events: Record<string, unknown>, name = 'welcomeMail') => ({ file: '/w/.serverless-lab/functions.json', functions: [{ name, line: 3, events: events as never }] });
const signupEntry = { Source: 'serverless-lab.auth', DetailType: 'User Signed Up', Detail: JSON.stringify({ type: 'signup', user: { id: 'u1', email: 'ada@example.com' } }) };

describe('functions.json rules (events)', () => {
  it('turns each event into a rule on the default bus targeting the function, named as the SAM export names it', () => {
    const { rules, problems } = readFunctionRules([source({ UserSignedUp: signup })], [], []);
    assert.deepStrictEqual(problems, []);
    assert.deepStrictEqual(rules.map((r) => [r.rule.name, r.rule.bus, r.rule.targets.map((t) => t.arn), r.line]), [['WelcomeMailUserSignedUp', 'default', ['arn:aws:lambda:us-east-1:123456789012:function:welcomeMail'], 3]]);
  });

  it('reports an invalid pattern and an unknown bus on the entry line, and leaves those rules out', () => {
    const { rules, problems } = readFunctionRules([source({ Bad: { pattern: { source: 'not a list' } }, Elsewhere: { ...signup, bus: 'orders' } })], [], []);
    assert.deepStrictEqual(rules, []);
    assert.strictEqual(problems.length, 2);
    assert.match(problems[0].message, /welcomeMail, event Bad: invalid event pattern/);
    assert.match(problems[1].message, /bus "orders" does not exist; declare an AWS::Events::EventBus/);
    assert.deepStrictEqual(problems.map((p) => [p.severity, p.start.line, p.file]), [['error', 3, '/w/.serverless-lab/functions.json'], ['error', 3, '/w/.serverless-lab/functions.json']]);
    assert.strictEqual(readFunctionRules([source({ Elsewhere: { ...signup, bus: 'orders' } })], [], ['orders']).rules.length, 1, 'a bus a template declares is fine');
  });

  it('leaves a function a template declares to the template (after a SAM export both have the rule: it must fire once)', () => {
    const template = exportSam({ welcomeMail: { handler: 'functions/welcomeMail/handler.js', handlerName: 'handler', runtime: 'nodejs', memoryMb: 128, timeoutSec: 5, env: {}, events: { UserSignedUp: signup } } }).text;
    const ws = readWorkspaceArchitecture([{ file: '/w/template.yaml', text: template }], [source({ UserSignedUp: signup })]);
    assert.deepStrictEqual(ws.architecture.rules.map((r) => r.name), ['WelcomeMailUserSignedUp'], 'one rule, from the template');
    assert.deepStrictEqual(ws.problems.map((p) => [p.severity, p.file]), [['info', '/w/.serverless-lab/functions.json']]);
  });

  it('the SAM export writes a valid EventBridgeRule event with the same pattern, which the SAM reader routes the same way', () => {
    const result = exportSam({ welcomeMail: { handler: 'functions/welcomeMail/handler.ts', handlerName: 'handler', runtime: 'nodejs', memoryMb: 128, timeoutSec: 5, env: {}, trigger: 'baas-signup', events: { UserSignedUp: signup, Other: { pattern: { source: ['shop'] }, bus: 'orders' } } } });
    const t = parse(result.text, { customTags: intrinsicTags }) as { Resources: Record<string, { Properties: { Events: Record<string, unknown> } }> };
    assert.deepStrictEqual(t.Resources.WelcomeMail.Properties.Events, {
      UserSignedUp: { Type: 'EventBridgeRule', Properties: { Pattern: signup.pattern } },
      Other: { Type: 'EventBridgeRule', Properties: { Pattern: { source: ['shop'] }, EventBusName: 'orders' } },
    });
    assert.ok(result.eventNotes.some((n) => /UserSignedUp matches serverless-lab\.auth events, which only the local BaaS puts/.test(n)), result.eventNotes.join('\n'));
    const read = readEventArchitecture(result.text, '/w/template.yaml');
    assert.deepStrictEqual(read.diagnostics.filter((d) => d.severity === 'error'), []);
    const rule = read.architecture.rules.find((r) => r.name === 'WelcomeMailUserSignedUp');
    assert.deepStrictEqual(rule?.eventPattern, signup.pattern);
  });

  it('functions.json parsing keeps a valid events object and reports a malformed one on its line', () => {
    const ok = parseFunctionsFile(JSON.stringify({ functions: { welcomeMail: { handler: 'h.js', events: { UserSignedUp: signup } } } }));
    assert.deepStrictEqual(ok.problems, []);
    assert.deepStrictEqual(ok.entries[0].events, { UserSignedUp: signup });
    const bad = parseFunctionsFile('{ "functions": { "w": { "handler": "h.js",\n "events": { "On-SignUp": { "pattern": {} } } } } }');
    assert.ok(bad.problems.some((p) => p.line === 1 && /events/.test(p.message)), JSON.stringify(bad.problems));
    assert.strictEqual(bad.entries[0].events, undefined, 'a malformed events field is left out, not half-used');
  });

  it('the workspace engine routes a matching event to the function with no template at all', async () => {
    const runtime = fakeRuntime({ welcomeMail: (e) => e });
    const ws = new WorkspaceEngine({ runtime, clock: (startAt) => new ManualClock(startAt) });
    ws.load([], ['welcomeMail'], [source({ UserSignedUp: signup })]);
    assert.strictEqual(ws.engine.putEvents([signupEntry]).failedEntryCount, 0);
    assert.strictEqual(ws.engine.putEvents([{ ...signupEntry, DetailType: 'Something Else' }]).failedEntryCount, 0);
    assert.ok(await ws.engine.settle());
    assert.deepStrictEqual(runtime.calls.map((c) => [c.functionName, (c.event as { 'detail-type': string })['detail-type'], c.options.invocationType]), [['welcomeMail', 'User Signed Up', 'Event']]);
    ws.dispose();
  });
});

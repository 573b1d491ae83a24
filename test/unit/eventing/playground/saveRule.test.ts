import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { planRuleInsertion, SaveRuleError, templateResources, type SaveRuleRequest } from '../../../../src/core/eventing/playground/saveRule';
import { readEventArchitecture } from '../../../../src/core/eventing/definitions';

const dir = path.resolve(__dirname, '../../../fixtures/eventing/playground');
const read = (name: string) => fs.readFileSync(path.join(dir, name), 'utf8');
const template = read('commented.template.yaml');
const pattern = { source: ['shop.orders'], 'detail-type': ['OrderPlaced'], detail: { total: [{ numeric: ['>', 100] }], ip: ['10.0.0.1'], code: ['123'] } };
const ruleRequest: SaveRuleRequest = { kind: 'resource', logicalId: 'BigOrdersRule', pattern, target: { logicalId: 'Notify', type: 'topic' }, busLogicalId: 'ShopBus' };
const eventRequest: SaveRuleRequest = { kind: 'functionEvent', functionLogicalId: 'Audit', eventName: 'BigOrders', pattern, busLogicalId: 'ShopBus' };

describe('eventing/playground Save as rule', () => {
  it('lists functions, queues, topics and buses as targets', () => {
    assert.deepEqual(templateResources(template).map((r) => `${r.type}:${r.logicalId}`), ['bus:ShopBus', 'queue:OrdersQueue', 'topic:Notify', 'function:ProcessOrder', 'function:Audit']);
  });

  it('adds an AWS::Events::Rule resource as one insertion, the rest of the file byte for byte (golden)', () => {
    const result = planRuleInsertion(template, ruleRequest);
    assert.equal(result.text, read('commented.rule.expected.yaml'));
    assert.equal(result.text.slice(0, result.offset) + result.text.slice(result.offset + result.insert.length), template);
    assert.equal(result.text.split('\n')[result.line], '    BigOrdersRule:');
  });

  it('adds an EventBridgeRule event to a function without Events (golden)', () => {
    const result = planRuleInsertion(template, eventRequest);
    assert.equal(result.text, read('commented.event.expected.yaml'));
    assert.equal(result.text.split('\n')[result.line].trim(), 'BigOrders:');
  });

  it('writes rules the event engine reads back with the same pattern and target', () => {
    const rule = readEventArchitecture(planRuleInsertion(template, ruleRequest).text, 'template.yaml').architecture.rules.find((r) => r.name === 'BigOrdersRule');
    assert.deepEqual(rule?.eventPattern, pattern);
    assert.equal(rule?.bus, 'shop');
    assert.equal(rule?.targets[0]?.arn, 'arn:aws:sns:us-east-1:123456789012:Notify');
    const event = readEventArchitecture(planRuleInsertion(template, { ...eventRequest, functionLogicalId: 'ProcessOrder' }).text, 'template.yaml');
    assert.deepEqual(event.diagnostics.filter((d) => d.severity === 'error'), []);
    assert.deepEqual(event.architecture.rules.find((r) => r.name === 'ProcessOrderBigOrders')?.eventPattern, pattern);
    assert.equal(event.architecture.mappings.length, 1, 'the existing SQS event is kept');
  });

  it('refuses a logical id the template uses, or one SAM derives from an event', () => {
    assert.throws(() => planRuleInsertion(template, { ...ruleRequest, logicalId: 'OrdersQueue' }), (e: Error) => e instanceof SaveRuleError && /already uses the logical id "OrdersQueue"/.test(e.message));
    assert.throws(() => planRuleInsertion(template, { ...ruleRequest, logicalId: 'ProcessOrderOrders' }), SaveRuleError);
    assert.throws(() => planRuleInsertion(template, { ...eventRequest, functionLogicalId: 'ProcessOrder', eventName: 'Orders' }), /already has an event named "Orders"/);
    assert.throws(() => planRuleInsertion(template, { ...ruleRequest, logicalId: 'big-orders' }), /letters and digits only/);
  });

  it('refuses a template with YAML errors, naming the line', () => {
    assert.throws(() => planRuleInsertion(`${template}\n  bad: [unclosed\n`, ruleRequest), /YAML error at line \d+/);
  });

  it('keeps CRLF line endings, and inserts after a block scalar or at a file without a final newline', () => {
    const crlf = planRuleInsertion(template.replace(/\n/g, '\r\n'), ruleRequest);
    assert.equal(crlf.text, read('commented.rule.expected.yaml').replace(/\n/g, '\r\n'));
    const blockLast = 'Resources:\n  Fn:\n    Type: AWS::Serverless::Function\n    Properties:\n      Handler: index.handler\n      InlineCode: |\n        exports.handler = async () => {};\n';
    const after = planRuleInsertion(blockLast, { ...eventRequest, functionLogicalId: 'Fn', busLogicalId: undefined });
    assert.ok(after.text.startsWith(blockLast), after.text);
    assert.match(after.text.slice(blockLast.length), /^ {6}Events:\n {8}BigOrders:\n {10}Type: EventBridgeRule/);
    const noNewline = planRuleInsertion('Resources:\n  Q:\n    Type: AWS::SQS::Queue', { ...ruleRequest, target: { logicalId: 'Q', type: 'queue' }, busLogicalId: undefined });
    assert.match(noNewline.text, /^Resources:\n {2}Q:\n {4}Type: AWS::SQS::Queue\n {2}BigOrdersRule:\n/);
    assert.match(noNewline.text, /Arn: !GetAtt Q\.Arn\n$/);
  });
});

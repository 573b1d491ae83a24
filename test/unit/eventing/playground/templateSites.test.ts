import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { eventDiagnostics, eventSites } from '../../../../src/core/eventing/playground/templateSites';

const fixtures = path.resolve(__dirname, '../../../fixtures/eventing');
const orders = fs.readFileSync(path.join(fixtures, 'orders.template.yaml'), 'utf8');
const lineOf = (text: string, needle: string) => text.split('\n').findIndex((l) => l.includes(needle));

describe('eventing/playground template sites (lens and hover placement)', () => {
  it('puts each queue and rule on its logical id line, with its engine name and flow node id', () => {
    const sites = eventSites(orders, 'template.yaml');
    assert.deepEqual(sites.map((s) => [s.kind, s.name, s.nodeId, s.line]), [
      ['queue', 'orders-dlq', 'queue:orders-dlq', lineOf(orders, 'OrdersDlq:')],
      ['queue', 'orders', 'queue:orders', lineOf(orders, 'OrdersQueue:')],
      ['rule', 'OrderPlacedRule', 'rule:default/OrderPlacedRule', lineOf(orders, 'OrderPlacedRule:')],
    ]);
    const rule = sites[2];
    assert.deepEqual(rule?.pattern, { source: ['shop.orders'], 'detail-type': ['OrderPlaced'] });
    assert.deepEqual(rule?.patternLines, { start: lineOf(orders, 'EventPattern:'), end: lineOf(orders, 'detail-type: [OrderPlaced]') });
  });

  it('finds function events (rules and schedules), topics and buses by name', () => {
    const text = `${orders}      Events:\n        Big:\n          Type: EventBridgeRule\n          Properties:\n            EventBusName: shop\n            Pattern:\n              source: [shop]\n        Tick:\n          Type: Schedule\n          Properties:\n            Schedule: rate(5 minutes)\n  Alerts:\n    Type: AWS::SNS::Topic\n    Properties:\n      TopicName: alerts\n  Shop:\n    Type: AWS::Events::EventBus\n    Properties:\n      Name: shop\n`
      .replace(/ {6}Events:\n {8}Orders:[\s\S]*?ReportBatchItemFailures\]\n/, '');
    const byName = new Map(eventSites(text, 'template.yaml').map((s) => [s.name, s]));
    assert.equal(byName.get('ProcessOrderBig')?.line, lineOf(text, 'Big:'));
    assert.equal(byName.get('ProcessOrderBig')?.nodeId, 'rule:shop/ProcessOrderBig');
    assert.equal(byName.get('ProcessOrderBig')?.patternLines?.start, lineOf(text, '            Pattern:'));
    assert.equal(byName.get('ProcessOrderTick')?.kind, 'schedule');
    assert.equal(byName.get('alerts')?.line, lineOf(text, 'Alerts:'));
    assert.equal(byName.get('shop')?.kind, 'bus');
  });

  it('reports bad patterns, unknown targets, missing queues and malformed cron on their lines, not function problems', () => {
    const text = orders
      .replace('detail-type: [OrderPlaced]', 'detail-type: [{prefix: 1}]')
      .replace('Arn: !GetAtt OrdersQueue.Arn', 'Arn: arn:aws:sqs:us-east-1:123456789012:nope')
      .replace('Handler: process.handler', 'Handler: missing.handler')
      + '  Tick:\n    Type: AWS::Events::Rule\n    Properties:\n      ScheduleExpression: cron(0 12 * * * *)\n';
    const diagnostics = eventDiagnostics(text, 'template.yaml');
    const lines = diagnostics.map((d) => [d.start.line, d.message.split(':')[0]]);
    assert.deepEqual(lines, [
      [lineOf(text, 'EventPattern:'), 'Invalid event pattern'],
      [lineOf(text, 'ScheduleExpression:'), 'Invalid schedule expression "cron(0 12 * * * *)"'],
    ]);
    const withTarget = eventDiagnostics(orders.replace('Arn: !GetAtt OrdersQueue.Arn', 'Arn: arn:aws:sqs:us-east-1:123456789012:nope'), 'template.yaml');
    assert.equal(withTarget.length, 1);
    assert.match(withTarget[0]?.message ?? '', /target ToQueue .* is not a queue, topic, bus or function/);
    assert.equal(withTarget[0]?.start.line, lineOf(orders, '- Id: ToQueue'));
  });
});

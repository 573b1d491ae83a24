import * as assert from 'assert';
import { arnOf } from '../../../src/core/eventing/arn';
import { readEventArchitecture, type EventArchitecture } from '../../../src/core/eventing/definitions';
import { exportSam } from '../../../src/core/sam';
import type { FunctionEntry } from '../../../src/core/scaffold/functionsFile';

const fnEntry = (name: string): FunctionEntry => ({ handler: `src/${name}/handler.js`, handlerName: 'handler', runtime: 'nodejs', memoryMb: 128, timeoutSec: 10, env: {} });
const q = (name: string) => arnOf('queue', name);

const architecture: EventArchitecture = {
  queues: [
    { name: 'orders-dlq', attributes: {} },
    { name: 'orders', attributes: { visibilityTimeout: 60, redrivePolicy: { deadLetterTargetArn: q('orders-dlq'), maxReceiveCount: 3 } } },
    { name: 'payments.fifo', attributes: { fifoQueue: true, contentBasedDeduplication: true } },
  ],
  buses: ['shop'],
  topics: ['order-events'],
  rules: [
    { name: 'order-placed', bus: 'shop', state: 'ENABLED', eventPattern: { source: ['shop'] }, targets: [{ id: 'orders', arn: q('orders') }, { id: 'pay', arn: q('payments.fifo'), messageGroupId: 'g' }] },
    { name: 'nightly', bus: 'default', state: 'ENABLED', scheduleExpression: 'rate(1 day)', targets: [{ id: 'report', arn: arnOf('function', 'report') }] },
  ],
  subscriptions: [{ topic: 'order-events', protocol: 'lambda', endpoint: arnOf('function', 'report'), filterPolicy: { kind: ['big'] } }],
  mappings: [{ queue: 'orders', functionName: 'processOrders', batchSize: 5, reportBatchItemFailures: true }],
  asyncConfigs: { report: { maximumRetryAttempts: 0 } },
  functions: [],
};

describe('SAM export of the event architecture', () => {
  it('reads back as the same architecture, so the engine runs what will deploy', () => {
    const { text, eventNotes } = exportSam({ processOrders: fnEntry('processOrders'), report: fnEntry('report') }, undefined, { architecture });
    assert.deepStrictEqual(eventNotes, []);
    const { architecture: back, diagnostics } = readEventArchitecture(text, 'template.yaml');
    // Handler files do not exist here: only the reader's warnings about them are allowed.
    assert.deepStrictEqual(diagnostics.filter((d) => d.severity === 'error'), []);
    assert.deepStrictEqual(back.queues.map((x) => [x.name, x.attributes.redrivePolicy?.deadLetterTargetArn, x.attributes.fifoQueue ?? false]).sort(), [['orders', q('orders-dlq'), false], ['orders-dlq', undefined, false], ['payments.fifo', undefined, true]]);
    assert.deepStrictEqual(back.buses, ['shop']);
    const rule = back.rules.find((r) => r.name === 'order-placed');
    assert.deepStrictEqual([rule?.bus, rule?.targets.map((t) => [t.arn, t.messageGroupId])], ['shop', [[q('orders'), undefined], [q('payments.fifo'), 'g']]]);
    assert.strictEqual(back.rules.find((r) => r.name === 'nightly')?.scheduleExpression, 'rate(1 day)');
    assert.deepStrictEqual(back.mappings.map((m) => [m.queue, m.functionName, m.batchSize, m.reportBatchItemFailures]), [['orders', 'processOrders', 5, true]]);
    assert.deepStrictEqual(back.subscriptions.map((s) => [s.topic, s.protocol, s.endpoint, s.filterPolicy]), [['order-events', 'lambda', arnOf('function', 'report'), { kind: ['big'] }]]);
    assert.strictEqual(back.asyncConfigs.report?.maximumRetryAttempts, 0);
  });

  it('never replaces a resource the template has, and names what it left out', () => {
    const existing = 'Resources:\n  OrdersQueue:\n    Type: AWS::SQS::Queue # mine\n';
    const { text, eventNotes, eventResources } = exportSam({}, existing, { architecture: { ...architecture, mappings: [], asyncConfigs: {}, subscriptions: [] } });
    assert.ok(text.startsWith(existing), text);
    assert.ok(!eventResources.includes('OrdersQueue'));
    assert.match(eventNotes.join('\n'), /OrdersQueue: template\.yaml already has a resource "OrdersQueue"/);
    assert.match(eventNotes.join('\n'), /rule default\/nightly target report: arn:aws:lambda:us-east-1:123456789012:function:report is not in the exported template/);
  });
});

import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { EventEngine, ManualClock } from '../../../src/core/eventing';
import { applyArchitecture, readEventArchitecture } from '../../../src/core/eventing/definitions';
import { RecentEvents } from '../../../src/core/eventing/recentEvents';
import { buildFlowState, inspectEvent, inspectQueue, inspectRule, targetOfNode, toFlowTrace } from '../../../src/extension/eventing/flowModel';
import { fakeRuntime } from './fakeRuntime';

const ORDER_FLOW = fs.readFileSync(path.join(__dirname, '../../fixtures/eventing/orderFlow/template.yaml'), 'utf8');

describe('eventing flow panel model', () => {
  async function orderFlow() {
    const runtime = fakeRuntime({ ProcessOrder: () => { throw new Error('order o1 has no total'); } });
    const engine = new EventEngine({ runtime, clock: new ManualClock() });
    applyArchitecture(engine, readEventArchitecture(ORDER_FLOW, 'template.yaml').architecture);
    const recent = new RecentEvents();
    engine.onTrace((e) => recent.add(e));
    engine.start();
    engine.putEvents([{ Source: 'shop.orders', DetailType: 'OrderPlaced', Detail: '{"orderId":"o1"}' }, { Source: 'shop.users', DetailType: 'UserCreated', Detail: '{}' }]);
    assert.ok(await engine.settle());
    return { engine, recent };
  }

  it('draws the template as bus → rule → queue → function, with the redrive edge to a DLQ and live counts', async () => {
    const { engine } = await orderFlow();
    const state = buildFlowState(engine, { functions: ['ProcessOrder'], templates: ['template.yaml'], problems: [] });
    const kinds = Object.fromEntries(state.nodes.map((n) => [n.id, n.kind]));
    assert.deepStrictEqual(kinds, { 'queue:orders-dlq': 'dlq', 'queue:orders': 'queue', 'function:ProcessOrder': 'function', 'bus:default': 'bus', 'rule:default/OrderPlacedRule': 'rule' });
    assert.deepStrictEqual(state.edges.map((e) => `${e.from} ${e.kind} ${e.to}`).sort(), [
      'bus:default route rule:default/OrderPlacedRule',
      'queue:orders mapping function:ProcessOrder',
      'queue:orders redrive queue:orders-dlq',
      'rule:default/OrderPlacedRule target queue:orders',
    ]);
    assert.strictEqual(state.dlqMessages, 1);
    assert.deepStrictEqual(state.nodes.find((n) => n.id === 'queue:orders-dlq')?.counts, { visible: 1, inFlight: 0, delayed: 0 });
    engine.setFaults({ functions: { ProcessOrder: { failureRate: 0.3 } }, queues: {} });
    assert.strictEqual(buildFlowState(engine, { functions: [], templates: [], problems: [] }).nodes.find((n) => n.id === 'function:ProcessOrder')?.fault, '30% failures');
  });

  it('explains a rule field by field against recent events, matched or not', async () => {
    const { engine, recent } = await orderFlow();
    const result = inspectRule(engine, 'default', 'OrderPlacedRule', recent.list(10, 'default'));
    assert.strictEqual(result.kind, 'rule');
    if (result.kind !== 'rule') return;
    assert.deepStrictEqual(result.verdicts.map((v) => v.matched), [false, true]);
    const why = result.verdicts[0].leaves.find((l) => l.path === 'source');
    assert.deepStrictEqual([why?.matched, why?.actual], [false, 'shop.users']);
  });

  it('shows an event hop by hop with its failed invocations, and the dead-lettered message with its trace', async () => {
    const { engine } = await orderFlow();
    const queue = inspectQueue(engine, 'orders-dlq');
    assert.ok(queue.kind === 'queue' && queue.isDlq && queue.sources[0] === 'orders');
    if (queue.kind !== 'queue') return;
    assert.strictEqual(queue.messages.length, 1);
    const trace = inspectEvent(engine, queue.messages[0].traceId, () => undefined);
    assert.ok(trace.kind === 'event');
    if (trace.kind !== 'event') return;
    const kinds = trace.hops.map((h) => h.kind);
    for (const k of ['event.put', 'rule.matched', 'target.delivered', 'queue.sent', 'function.failed', 'queue.redriven']) assert.ok(kinds.includes(k), `${k} in ${kinds.join(', ')}`);
    assert.ok(trace.hops.find((h) => h.kind === 'target.delivered')?.detail.payload, 'the payload after input transformation');
    const failed = trace.hops.find((h) => h.kind === 'function.failed');
    assert.ok(failed?.invocation?.requestId);
    assert.match(toFlowTrace(engine.trace.history(queue.messages[0].traceId).find((e) => e.kind === 'function.failed')!).summary ?? '', /has no total/);
  });

  it('maps a CodeLens node id to what the panel inspects', () => {
    assert.deepStrictEqual(targetOfNode('queue:orders-dlq'), { kind: 'queue', name: 'orders-dlq' });
    assert.deepStrictEqual(targetOfNode('rule:shop/big-orders'), { kind: 'rule', bus: 'shop', rule: 'big-orders' });
    assert.strictEqual(targetOfNode('function:ProcessOrder'), undefined);
    assert.strictEqual(targetOfNode(undefined), undefined);
  });
});

import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { ManualClock, MemoryStateStore } from '../../../src/core/eventing';
import { RecentEvents } from '../../../src/core/eventing/recentEvents';
import type { TraceEvent } from '../../../src/core/eventing/trace';
import { readWorkspaceArchitecture } from '../../../src/core/eventing/workspaceArchitecture';
import { WorkspaceEngine } from '../../../src/core/eventing/workspaceEngine';
import { fakeRuntime } from './fakeRuntime';

const ORDER_FLOW = fs.readFileSync(path.join(__dirname, '../../fixtures/eventing/orderFlow/template.yaml'), 'utf8');
const placed = (total: unknown) => ({ Source: 'shop.orders', DetailType: 'OrderPlaced', Detail: JSON.stringify({ orderId: 'o1', total }) });

describe('eventing workspace engine (the editor host’s pure part)', () => {
  it('merges templates and reports a queue declared twice on the second template', () => {
    const ws = readWorkspaceArchitecture([{ file: 'a.yaml', text: ORDER_FLOW }, { file: 'b.yaml', text: ORDER_FLOW }]);
    assert.deepStrictEqual(ws.architecture.queues.map((q) => q.name), ['orders-dlq', 'orders']);
    assert.deepStrictEqual(ws.files, ['a.yaml', 'b.yaml']);
    const dup = ws.problems.filter((p) => p.file === 'b.yaml').map((p) => p.message);
    assert.ok(dup.some((m) => /Queue orders is also declared in a\.yaml/.test(m)), dup.join('\n'));
    assert.ok(!ws.problems.some((p) => p.file === 'a.yaml'));
  });

  it('keeps the last events of each bus with the rules that matched them, newest first and bounded', () => {
    const recent = new RecentEvents(2);
    const put = (seq: number, id: string, bus = 'default'): TraceEvent => ({ seq, at: seq, traceId: `t${seq}`, kind: 'event.put', resource: `bus:${bus}`, detail: { eventId: id, event: { id, source: 's' } } });
    recent.add(put(1, 'e1'));
    recent.add(put(2, 'e2'));
    recent.add({ seq: 3, at: 3, traceId: 't2', kind: 'rule.matched', resource: 'rule:default/big', causationId: 'e2', detail: {} });
    recent.add(put(4, 'e3', 'other'));
    assert.deepStrictEqual(recent.list(10).map((e) => [e.eventId, e.bus, e.matchedRules]), [['e3', 'other', []], ['e2', 'default', ['big']]]);
    assert.deepStrictEqual(recent.list(10, 'default').map((e) => e.eventId), ['e2']);
    recent.clear();
    assert.strictEqual(recent.list().length, 0);
  });

  it('routes through the loaded template, keeps queue contents, faults and paused schedules across a reload, and forwards traces from the new engine', async () => {
    const store = new MemoryStateStore();
    const clocks: ManualClock[] = [];
    const runtime = fakeRuntime({ ProcessOrder: () => { throw new Error('handler bug'); } });
    const ws = new WorkspaceEngine({ runtime, store, clock: (startAt) => { clocks.push(new ManualClock(startAt)); return clocks[clocks.length - 1]; } });
    const kinds: string[] = [];
    let changes = 0;
    ws.onTrace((e) => kinds.push(e.kind));
    ws.onChange(() => changes++);
    ws.load([{ file: '/w/template.yaml', text: ORDER_FLOW }], ['ProcessOrder']);
    assert.deepStrictEqual(ws.problems(), []);
    ws.setFaults({ functions: { ProcessOrder: { failureRate: 0.3 } }, queues: {} });
    ws.setSchedulesPaused(true);
    const result = ws.engine.putEvents([placed(5)]);
    assert.strictEqual(result.failedEntryCount, 0);
    assert.ok(await ws.engine.settle());
    // Every delivery fails (handler bug or injected fault), so after maxReceiveCount receives the message is in the DLQ.
    const dlq = ws.engine.snapshot().queues.find((q) => q.name === 'orders-dlq');
    assert.strictEqual(dlq?.visible, 1);
    assert.deepStrictEqual(ws.recent.list(1)[0].matchedRules, ['OrderPlacedRule']);

    ws.load([{ file: '/w/template.yaml', text: ORDER_FLOW }], ['ProcessOrder']);
    assert.strictEqual(clocks.length, 3, 'one engine at construction and one per load');
    const snap = ws.engine.snapshot();
    assert.strictEqual(snap.queues.find((q) => q.name === 'orders-dlq')?.visible, 1, 'the DLQ survives the reload through the store');
    assert.deepStrictEqual(snap.faults.functions.ProcessOrder, { failureRate: 0.3 });
    assert.strictEqual(snap.schedulesPaused, true);
    assert.ok(changes >= 4, `changes: ${changes}`);
    const before = kinds.length;
    assert.strictEqual(ws.engine.redriveBack('orders-dlq'), 1);
    assert.ok(kinds.slice(before).includes('queue.moved'), 'traces of the new engine reach old subscribers');
    ws.dispose();
  });

  it('reports a template problem with its file and line and still runs what applied', () => {
    const ws = new WorkspaceEngine({ runtime: fakeRuntime({}), clock: () => new ManualClock() });
    const broken = ORDER_FLOW.replace('deadLetterTargetArn: !GetAtt OrdersDlq.Arn', 'deadLetterTargetArn: arn:aws:sqs:us-east-1:123456789012:missing');
    ws.load([{ file: '/w/template.yaml', text: broken }]);
    const problem = ws.problems().find((p) => /missing/.test(p.message));
    assert.ok(problem, JSON.stringify(ws.problems()));
    assert.strictEqual(problem.file, '/w/template.yaml');
    assert.strictEqual(problem.start.line, broken.split('\n').findIndex((l) => l.includes('RedrivePolicy')));
    assert.ok(ws.engine.queue('orders-dlq'), 'resources that applied still exist');
    ws.dispose();
  });

  it('starts with empty, unsaved queues and says why when the saved state cannot be read', () => {
    const store = { load: () => { throw new Error('queues.json: saved queue state is not valid JSON'); }, save: () => undefined };
    const ws = new WorkspaceEngine({ runtime: fakeRuntime({}), store, clock: () => new ManualClock() });
    ws.load([{ file: '/w/template.yaml', text: ORDER_FLOW }]);
    assert.match(ws.startProblems()[0]?.message ?? '', /not valid JSON.*start empty/);
    assert.ok(ws.engine.queue('orders'));
    ws.dispose();
  });

  it('pauses schedule rules without stopping anything else, and resumes them from now', async () => {
    const clock = new ManualClock();
    const runtime = fakeRuntime({ Tick: () => 'ok' });
    const ws = new WorkspaceEngine({ runtime, clock: () => clock });
    const template = ['Transform: AWS::Serverless-2016-10-31', 'Resources:', '  Tick:', '    Type: AWS::Serverless::Function', '    Properties:', '      Handler: app.handler', '      Runtime: nodejs20.x', '      Events:', '        Every:', '          Type: Schedule', '          Properties:', '            Schedule: rate(1 minute)'].join('\n');
    ws.load([{ file: '/w/template.yaml', text: template }], ['Tick']);
    ws.setSchedulesPaused(true);
    clock.advance(5 * 60_000);
    await ws.engine.settle();
    assert.strictEqual(runtime.calls.length, 0, 'paused: no firing');
    ws.setSchedulesPaused(false);
    clock.advance(60_000);
    await ws.engine.settle();
    assert.ok(runtime.calls.length >= 1, 'resumed: fires again');
    assert.strictEqual(ws.engine.snapshot().schedulesPaused, false);
    ws.dispose();
  });
});

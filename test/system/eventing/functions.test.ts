import * as assert from 'assert';
import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import * as fs from 'fs';
import * as path from 'path';
import { loadWorkspace } from '../../../src/cli/eventing/workspace';
import { EventEngine, ManualClock, type TraceEvent } from '../../../src/core/eventing';
import { applyArchitecture } from '../../../src/core/eventing/definitions';
import type { Invoker } from '../../../src/core/invoker';
import { createRuntime } from '../../../src/core/runtime';
import type { RuntimeRecord } from '../../../src/core/runtime/types';
import { bootstrapDir, buildBootstraps } from '../../unit/invoker/helpers';
import { startWorld, type World } from './world';

const root = path.resolve(__dirname, '..', '..', '..');
const fixtures = path.join(root, 'test', 'fixtures', 'eventing');

/** A workspace folder inside the repo (so that handlers can require the repo's node_modules). */
function workspace(files: Record<string, string>): string {
  fs.mkdirSync(path.join(root, 'out'), { recursive: true });
  const dir = fs.mkdtempSync(path.join(root, 'out', 'eventing-ws-'));
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

describe('system: event flows with real function invocations', function () {
  this.timeout(120_000);
  let invoker: Invoker | undefined;
  let world: World | undefined;
  let dir: string | undefined;
  before(() => buildBootstraps());
  afterEach(async () => {
    await world?.stop();
    await invoker?.dispose();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
    world = invoker = dir = undefined;
  });

  /** Loads a workspace into an engine on a ManualClock, with its endpoint. */
  async function load(wsDir: string): Promise<{ engine: EventEngine; records: RuntimeRecord[]; trace: TraceEvent[] }> {
    const ws = loadWorkspace(wsDir);
    assert.deepStrictEqual(ws.errors, []);
    const runtime = createRuntime({ folders: [wsDir], invoker: { bootstrapDir } });
    invoker = runtime.invoker;
    const records: RuntimeRecord[] = [];
    runtime.onInvocation((r) => records.push(r));
    world = await startWorld(runtime, new ManualClock(), { knownFunctions: ws.functions.map((f) => f.name) });
    runtime.addEnvironmentProvider(world.endpoint.environment);
    applyArchitecture(world.engine, ws.architecture as NonNullable<typeof ws.architecture>);
    world.engine.start();
    const trace: TraceEvent[] = [];
    world.engine.onTrace((e) => trace.push(e));
    return { engine: world.engine, records, trace };
  }

  it('retries a failing function target twice (1 and 2 minutes later), then sends the event to its DLQ', async () => {
    dir = workspace({
      'template.yaml': `Transform: AWS::Serverless-2016-10-31
Resources:
  FailedOrders:
    Type: AWS::SQS::Queue
  Charge:
    Type: AWS::Serverless::Function
    Properties:
      CodeUri: .
      Handler: charge.handler
      Runtime: nodejs22.x
      DeadLetterQueue: { Type: SQS, TargetArn: !GetAtt FailedOrders.Arn }
      Events:
        Placed:
          Type: EventBridgeRule
          Properties:
            Pattern: { source: [shop] }
`,
      'charge.js': `exports.handler = async (e) => { throw new Error('card declined for ' + e.detail.id); };`,
    });
    const { engine, records, trace } = await load(dir);
    const start = engine.clock.now();
    engine.putEvents([{ Source: 'shop', DetailType: 'OrderPlaced', Detail: '{"id":"o-9"}' }]);
    assert.strictEqual(await engine.settle(), true);
    assert.strictEqual(records.length, 3);
    assert.ok(records.every((r) => r.invocationType === 'Event' && r.source === 'event-rule' && r.error?.errorMessage === 'card declined for o-9'));
    assert.deepStrictEqual(trace.filter((e) => e.kind === 'function.invoked').map((e) => e.at - start), [0, 60_000, 180_000]);
    const [dead] = engine.queue('FailedOrders')?.stored() ?? [];
    assert.strictEqual(JSON.parse(dead.body).detail.id, 'o-9');
    assert.strictEqual(dead.attributes.ErrorMessage.StringValue, 'card declined for o-9');
  });

  it('queue → function: partial batch failures return only the failed messages; the handler reaches the endpoint through the SDK with no configuration', async () => {
    dir = workspace({
      'template.yaml': `Transform: AWS::Serverless-2016-10-31
Resources:
  Work:
    Type: AWS::SQS::Queue
    Properties: { VisibilityTimeout: 30 }
  Audit:
    Type: AWS::SQS::Queue
  Worker:
    Type: AWS::Serverless::Function
    Properties:
      CodeUri: .
      Handler: worker.handler
      Runtime: nodejs22.x
      Timeout: 10
      Events:
        Jobs:
          Type: SQS
          Properties:
            Queue: !GetAtt Work.Arn
            FunctionResponseTypes: [ReportBatchItemFailures]
`,
      'worker.js': `const { SQSClient, GetQueueUrlCommand, SendMessageCommand } = require('@aws-sdk/client-sqs');
const sqs = new SQSClient({});
let failedOnce = new Set();
exports.handler = async (event) => {
  const { QueueUrl } = await sqs.send(new GetQueueUrlCommand({ QueueName: 'Audit' }));
  const batchItemFailures = [];
  for (const r of event.Records) {
    if (r.body.startsWith('flaky') && r.attributes.ApproximateReceiveCount === '1') batchItemFailures.push({ itemIdentifier: r.messageId });
    else await sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: r.body + '#' + r.attributes.ApproximateReceiveCount }));
  }
  return { batchItemFailures };
};`,
    });
    const { engine, records } = await load(dir);
    for (const body of ['a', 'flaky-b', 'c']) engine.sendMessage('Work', { body });
    assert.strictEqual(await engine.settle(), true);
    const audit = engine.queue('Audit')?.stored().map((m) => m.body).sort();
    assert.deepStrictEqual(audit, ['a#1', 'c#1', 'flaky-b#2']);
    assert.ok(records.length >= 2 && records.every((r) => r.source === 'queue' && !r.error), JSON.stringify(records.map((r) => r.error)));
    assert.strictEqual(engine.queue('Work')?.stored().length, 0);
  });

  it('a Python rule target reaches the endpoint with boto3.client("sqs") and no configuration', async () => {
    dir = workspace({
      'template.yaml': `Transform: AWS::Serverless-2016-10-31
Resources:
  Receipts:
    Type: AWS::SQS::Queue
  Notify:
    Type: AWS::Serverless::Function
    Properties:
      CodeUri: .
      Handler: notify.handler
      Runtime: python3.13
      Timeout: 15
      Events:
        Placed:
          Type: EventBridgeRule
          Properties:
            Pattern: { source: [shop] }
            InputPath: $.detail
`,
      'notify.py': `import boto3
sqs = boto3.client("sqs")

def handler(event, context):
    url = sqs.get_queue_url(QueueName="Receipts")["QueueUrl"]
    sqs.send_message(QueueUrl=url, MessageBody="receipt for " + event["id"])
    return {"ok": True}
`,
    });
    const { engine, records } = await load(dir);
    engine.putEvents([{ Source: 'shop', DetailType: 'OrderPlaced', Detail: '{"id":"o-5"}' }]);
    assert.strictEqual(await engine.settle(), true);
    assert.deepStrictEqual(records.map((r) => r.error), [undefined]);
    assert.deepStrictEqual(engine.queue('Receipts')?.stored().map((m) => m.body), ['receipt for o-5']);
  });

  it('done when: order placed → rule → SQS → function failing 30% → DLQ, 100 events put through the SDK', async () => {
    dir = workspace({ 'template.yaml': fs.readFileSync(path.join(fixtures, 'orders.template.yaml'), 'utf8'), 'src/process.js': fs.readFileSync(path.join(fixtures, 'src', 'process.js'), 'utf8') });
    const { engine, records, trace } = await load(dir);
    const client = new EventBridgeClient((world as World).client);
    for (let batch = 0; batch < 10; batch++) {
      const Entries = Array.from({ length: 10 }, (_, i) => ({ Source: 'shop.orders', DetailType: 'OrderPlaced', Detail: JSON.stringify({ id: batch * 10 + i }) }));
      const res = await client.send(new PutEventsCommand({ Entries }));
      assert.strictEqual(res.FailedEntryCount, 0);
    }
    client.destroy();
    assert.strictEqual(await engine.settle(), true);
    const failing = (id: number) => id % 10 < 3;
    const dlqIds = (engine.queue('orders-dlq')?.stored() ?? []).map((m) => (JSON.parse(m.body) as { id: number }).id).sort((a, b) => a - b);
    assert.deepStrictEqual(dlqIds, Array.from({ length: 100 }, (_, i) => i).filter(failing));
    // Each failing order was received exactly maxReceiveCount (3) times, each other order once.
    const receives = new Map<string, number>();
    const idOf = new Map<string, number>();
    for (const e of trace) if (e.kind === 'queue.received') receives.set(String(e.detail.messageId), (receives.get(String(e.detail.messageId)) ?? 0) + 1);
    for (const m of engine.queue('orders-dlq')?.stored() ?? []) idOf.set(m.messageId, (JSON.parse(m.body) as { id: number }).id);
    assert.strictEqual(receives.size, 100);
    for (const [messageId, count] of receives) assert.strictEqual(count, idOf.has(messageId) ? 3 : 1, `message ${messageId}`);
    // Invocations: every one from the queue, none failed as a whole, and 70 + 30×3 = 160 records delivered in total.
    assert.ok(records.every((r) => r.source === 'queue' && !r.error));
    assert.strictEqual([...receives.values()].reduce((a, b) => a + b, 0), 160);
    assert.strictEqual(trace.filter((e) => e.kind === 'queue.redriven').length, 30);
    assert.strictEqual(engine.queue('orders')?.stored().length, 0);
  });
});

// `serverless-lab sam export --events <snapshot.json>`: resources a learner created at run time (an
// engine snapshot) become template resources, with functions.json's functions and per-hop permissions.
import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { parse } from 'yaml';
import { EventEngine, ManualClock } from '../../../src/core/eventing';
import { intrinsicTags } from '../../../src/core/sam';

const root = path.resolve(__dirname, '..', '..', '..');
const cli = path.join(root, 'dist', 'cli.js');

describe('sam export --events', function () {
  this.timeout(60000);
  let dir: string;
  beforeEach(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sl-sam-events-'))));
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('writes the snapshot\'s queues, rule and mapping next to the functions, and reports what it left out', () => {
    assert.ok(fs.existsSync(cli), 'run npm run build first');
    const runtime = { invoke: () => Promise.reject(new Error('unused')), addEnvironmentProvider: () => () => undefined, onInvocation: () => () => undefined };
    const engine = new EventEngine({ runtime, clock: new ManualClock() });
    const dlq = engine.createQueue('orders-dlq');
    const orders = engine.createQueue('orders', { redrivePolicy: { deadLetterTargetArn: dlq.arn, maxReceiveCount: 3 } });
    engine.bus('default').putRule({ name: 'placed', state: 'ENABLED', eventPattern: { source: ['shop'] } });
    engine.bus('default').putTargets('placed', [{ id: 'q', arn: orders.arn }, { id: 'gone', arn: EventEngine.functionArn('nowhere') }]);
    engine.addQueueMapping({ queue: 'orders', functionName: 'process', batchSize: 5 });
    fs.writeFileSync(path.join(dir, 'snapshot.json'), JSON.stringify(engine.snapshot()));
    fs.mkdirSync(path.join(dir, '.serverless-lab'));
    fs.writeFileSync(path.join(dir, '.serverless-lab', 'functions.json'), JSON.stringify({ functions: { process: { handler: 'process/handler.js', handlerName: 'handler', runtime: 'nodejs', memoryMb: 128, timeoutSec: 10, env: {} } } }));

    const r = spawnSync(process.execPath, [cli, 'sam', 'export', '--dir', dir, '--events', path.join(dir, 'snapshot.json')], { encoding: 'utf8' });
    assert.strictEqual(r.status, 0, r.stderr);
    assert.match(r.stdout, /wrote .*template\.yaml \(Process, .*OrdersQueue.*PlacedRule/);
    assert.match(r.stderr, /events: rule default\/placed target gone: arn:aws:lambda:us-east-1:123456789012:function:nowhere is not in the exported template/);
    const t = parse(fs.readFileSync(path.join(dir, 'template.yaml'), 'utf8'), { customTags: intrinsicTags }) as { Resources: Record<string, { Type: string; Properties: Record<string, unknown> }> };
    assert.strictEqual(t.Resources.OrdersQueue.Type, 'AWS::SQS::Queue');
    assert.strictEqual(t.Resources.PlacedRule.Type, 'AWS::Events::Rule');
    assert.deepStrictEqual(t.Resources.ProcessOrdersMapping.Properties.FunctionName, { Ref: 'Process' });
    assert.deepStrictEqual(t.Resources.ProcessEventsPolicy.Properties.Roles, [{ Ref: 'ProcessRole' }]);

    const bad = spawnSync(process.execPath, [cli, 'sam', 'export', '--dir', dir, '--merge', '--events', path.join(dir, 'template.yaml')], { encoding: 'utf8' });
    assert.notStrictEqual(bad.status, 0);
    assert.match(bad.stderr, /template\.yaml: .*give an engine snapshot or an event architecture as JSON/);
  });
});

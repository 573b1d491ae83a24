// The event engine in the real extension host: a SAM template with rule → function (async, retried,
// then dead-lettered) and queue → function + DLQ (redrive after maxReceiveCount), run through the
// extension's one runtime service on a virtual clock. Asserts invocations, retries and DLQ contents.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import { EventEngine, ManualClock, applyArchitecture, readEventArchitecture } from '../../src/core/eventing';
import type { RuntimeRecord } from '../../src/core/runtime/types';
import type { SlApi } from '../../src/extension/services';
import { waitFor } from '../helpers/waitFor';

const EXTENSION_ID = 'serverless-lab.serverless-lab';

const TEMPLATE = `Transform: AWS::Serverless-2016-10-31
Resources:
  Placed:
    Type: AWS::Events::Rule
    Properties:
      EventPattern: { source: [it.shop], detail-type: [OrderPlaced] }
      Targets:
        - Id: notify
          Arn: !GetAtt ItNotify.Arn
  ItNotify:
    Type: AWS::Serverless::Function
    Properties:
      CodeUri: notify/
      Handler: handler.handler
      Runtime: nodejs20.x
      DeadLetterQueue: { Type: SQS, TargetArn: !GetAtt NotifyDlq.Arn }
      EventInvokeConfig: { MaximumRetryAttempts: 1 }
  NotifyDlq:
    Type: AWS::SQS::Queue
    Properties: { QueueName: it-notify-dlq }
  Orders:
    Type: AWS::SQS::Queue
    Properties:
      QueueName: it-orders
      RedrivePolicy: { deadLetterTargetArn: !GetAtt OrdersDlq.Arn, maxReceiveCount: 2 }
  OrdersDlq:
    Type: AWS::SQS::Queue
    Properties: { QueueName: it-orders-dlq }
  ItProcess:
    Type: AWS::Serverless::Function
    Properties:
      CodeUri: process/
      Handler: handler.handler
      Runtime: nodejs20.x
      Events:
        FromOrders:
          Type: SQS
          Properties: { Queue: !GetAtt Orders.Arn, BatchSize: 1 }
`;

describe('event engine (extension host)', function () {
  this.timeout(120000);
  let dir: string;

  before(async () => {
    const folder = vscode.workspace.workspaceFolders?.[0];
    assert.ok(folder, 'the harness opens a workspace folder');
    dir = path.join(folder.uri.fsPath, 'eventing-it');
    fs.rmSync(dir, { recursive: true, force: true });
    fs.mkdirSync(path.join(dir, 'notify'), { recursive: true });
    fs.mkdirSync(path.join(dir, 'process'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'template.yaml'), TEMPLATE);
    fs.writeFileSync(path.join(dir, 'notify', 'handler.js'), 'exports.handler = async (event) => { if (event.detail.fail) throw new Error(`cannot notify ${event.detail.orderId}`); return { notified: event.detail.orderId }; };\n');
    fs.writeFileSync(path.join(dir, 'process', 'handler.js'), 'exports.handler = async (event) => { for (const r of event.Records) if (JSON.parse(r.body).bad) throw new Error("bad order"); };\n');
  });

  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('puts events through rule → function and queue → function, with retries and DLQs', async () => {
    const ext = vscode.extensions.getExtension<SlApi>(EXTENSION_ID);
    assert.ok(ext);
    const api = await ext.activate();
    assert.ok(api.testing, 'the test-mode API is exposed');
    const runtime = await api.testing.runtime();
    // The extension's registry resolves the template's functions by name, as the engine asks for them.
    await waitFor(async () => ((await runtime.registry.list()).filter((f) => ['ItNotify', 'ItProcess'].includes(f.config.name)).length === 2 ? true : undefined), 'the registry to read the template', { timeoutMs: 20000 });

    const text = fs.readFileSync(path.join(dir, 'template.yaml'), 'utf8');
    const { architecture, diagnostics } = readEventArchitecture(text, path.join(dir, 'template.yaml'));
    assert.deepStrictEqual(diagnostics.filter((d) => d.severity === 'error'), []);
    const engine = new EventEngine({ runtime, clock: new ManualClock(), knownFunctions: architecture.functions });
    applyArchitecture(engine, architecture);
    const records: RuntimeRecord[] = [];
    const unsubscribe = runtime.onInvocation((r) => records.push(r));
    try {
      engine.start();
      const put = engine.putEvents([
        { Source: 'it.shop', DetailType: 'OrderPlaced', Detail: JSON.stringify({ orderId: 'o-1' }) },
        { Source: 'it.shop', DetailType: 'OrderPlaced', Detail: JSON.stringify({ orderId: 'o-2', fail: true }) },
        { Source: 'it.other', DetailType: 'OrderPlaced', Detail: JSON.stringify({ orderId: 'o-3' }) },
      ]);
      assert.strictEqual(put.failedEntryCount, 0);
      engine.sendMessage('it-orders', { body: JSON.stringify({ id: 'm-1' }) });
      engine.sendMessage('it-orders', { body: JSON.stringify({ id: 'm-2', bad: true }) });
      assert.ok(await engine.settle(5000), 'the flow settles');
    } finally {
      engine.stop();
      unsubscribe();
    }

    const notify = records.filter((r) => r.function?.handlerFile.endsWith(path.join('notify', 'handler.js')));
    // o-1 once; o-2 once plus one retry (MaximumRetryAttempts: 1); o-3 matched no rule.
    assert.strictEqual(notify.length, 3, JSON.stringify(notify.map((r) => r.error ?? r.response)));
    assert.ok(notify.every((r) => r.invocationType === 'Event' && r.source === 'event-rule' && r.traceId), 'rule targets are asynchronous invocations with a trace id');
    assert.deepStrictEqual(notify.filter((r) => r.error).map((r) => r.error?.errorMessage), ['cannot notify o-2', 'cannot notify o-2']);
    const dlq = engine.queue('it-notify-dlq')!.stored();
    assert.deepStrictEqual(dlq.map((m) => JSON.parse(m.body).detail.orderId), ['o-2']);
    assert.strictEqual(dlq[0].attributes.ErrorMessage?.StringValue, 'cannot notify o-2');

    const processed = records.filter((r) => r.function?.handlerFile.endsWith(path.join('process', 'handler.js')));
    assert.ok(processed.every((r) => r.invocationType === 'RequestResponse' && r.source === 'queue'), 'pollers invoke synchronously');
    // m-1 once; m-2 received twice (maxReceiveCount 2), then redriven.
    assert.strictEqual(processed.length, 3);
    assert.deepStrictEqual(engine.queue('it-orders-dlq')!.stored().map((m) => JSON.parse(m.body).id), ['m-2']);
    assert.strictEqual(engine.queue('it-orders')!.stored().length, 0);
    assert.ok(engine.trace.history().some((e) => e.kind === 'queue.redriven'), 'the trace shows the redrive');
  });

  it('services.eventing(): the editor\'s own engine loads the template and delivers with retries and DLQs (compressed time)', async () => {
    const api = await vscode.extensions.getExtension<SlApi>(EXTENSION_ID)!.activate();
    assert.ok(api.testing);
    const runtime = await api.testing.runtime();
    const config = vscode.workspace.getConfiguration('serverlessLab');
    // An hour per second: the 1-minute retry and the 30 s visibility timeout pass in milliseconds.
    await config.update('events.timeCompression', 3600, vscode.ConfigurationTarget.Workspace);
    const records: RuntimeRecord[] = [];
    const unsubscribe = runtime.onInvocation((r) => records.push(r));
    try {
      const host = await api.testing.eventing();
      await host.reload();
      const engine = await waitFor(async () => (host.engine().queue('it-orders') && host.engine().clock.compression === 3600 ? host.engine() : undefined), 'the host to load the template with compression', { timeoutMs: 20000 });
      assert.strictEqual(engine.putEvents([{ Source: 'it.shop', DetailType: 'OrderPlaced', Detail: JSON.stringify({ orderId: 'h-2', fail: true }) }]).failedEntryCount, 0);
      engine.sendMessage('it-orders', { body: JSON.stringify({ id: 'h-m', bad: true }) });
      await waitFor(async () => (engine.queue('it-notify-dlq')!.stored().some((m) => JSON.parse(m.body).detail?.orderId === 'h-2') && engine.queue('it-orders-dlq')!.stored().some((m) => JSON.parse(m.body).id === 'h-m') ? true : undefined), 'both DLQs to receive their message', { timeoutMs: 60000 });
      const notify = records.filter((r) => r.function?.handlerFile.endsWith(path.join('notify', 'handler.js')) && r.error?.errorMessage === 'cannot notify h-2');
      assert.strictEqual(notify.length, 2, 'one attempt and one retry');
      assert.strictEqual(records.filter((r) => r.source === 'queue' && r.function?.handlerFile.endsWith(path.join('process', 'handler.js'))).length, 2, 'received twice, then redriven');
    } finally {
      unsubscribe();
      await config.update('events.timeCompression', undefined, vscode.ConfigurationTarget.Workspace);
    }
  });
});

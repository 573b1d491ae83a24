// The event engine in the real extension host: a template "order placed → rule → queue → function
// (failing, plus 30% injected faults) → DLQ" is loaded, events are put through the command, the Event
// Flow panel's state (its protocol's FlowState) is checked, and Redrive DLQ empties the DLQ once fixed.
import * as assert from 'assert';
import * as path from 'path';
import * as vscode from 'vscode';
import type { SlApi } from '../../src/extension/services';
import type { FlowState } from '../../src/shared/eventFlowProtocol';
import { waitFor } from '../helpers/waitFor';

const EXTENSION_ID = 'serverless-lab.serverless-lab';
const FIXED_HANDLER = 'exports.handler = async (event) => ({ processed: event.Records.length });\n';

describe('event flow', function () {
  this.timeout(120_000);
  let api: SlApi;
  let dir: vscode.Uri;

  const flow = () => vscode.commands.executeCommand<FlowState>('serverlessLab.openEventFlow');
  const node = (s: FlowState, id: string) => s.nodes.find((n) => n.id === id);
  const depth = (s: FlowState, id: string) => {
    const c = node(s, id)?.counts;
    return c ? c.visible + c.inFlight + c.delayed : -1;
  };

  before(async () => {
    const ext = vscode.extensions.getExtension<SlApi>(EXTENSION_ID)!;
    api = await ext.activate();
    const root = vscode.workspace.workspaceFolders![0].uri;
    dir = vscode.Uri.joinPath(root, 'orders-flow');
    const fixture = vscode.Uri.file(path.join(ext.extensionPath, 'test', 'fixtures', 'eventing', 'orderFlow'));
    await vscode.workspace.fs.copy(fixture, dir, { overwrite: true });
    // The 30 s visibility timeout passes in 1.5 s: retries and the DLQ happen within the test, yet a cold start
    // (about a second under load) still finishes inside it, so a slow success is not received twice.
    await vscode.workspace.getConfiguration('serverlessLab').update('events.timeCompression', 20, vscode.ConfigurationTarget.Workspace);
  });

  after(async () => {
    await vscode.workspace.getConfiguration('serverlessLab').update('events.timeCompression', undefined, vscode.ConfigurationTarget.Workspace);
    await vscode.window.tabGroups.close(vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter((t) => t.input instanceof vscode.TabInputWebview && t.input.viewType.endsWith('serverlessLab.eventFlow')));
    await vscode.workspace.fs.delete(dir, { recursive: true, useTrash: false }).then(undefined, () => undefined);
    await vscode.commands.executeCommand('serverlessLab.stopAllSandboxes');
  });

  it('draws the template, routes events put through the command, fills the DLQ, and Redrive DLQ empties it after the fix', async () => {
    const host = await api.testing!.eventing();
    await host.reload();
    const state = await waitFor(async () => {
      const s = await flow();
      return node(s, 'queue:orders') && node(s, 'function:ProcessOrder') ? s : undefined;
    }, 'the flow state with the template’s queue and function');
    assert.strictEqual(state.compression, 20);
    assert.strictEqual(node(state, 'queue:orders-dlq')?.kind, 'dlq');
    const edges = state.edges.map((e) => `${e.from} ${e.kind} ${e.to}`);
    for (const e of ['bus:default route rule:default/OrderPlacedRule', 'rule:default/OrderPlacedRule target queue:orders', 'queue:orders mapping function:ProcessOrder', 'queue:orders redrive queue:orders-dlq']) assert.ok(edges.includes(e), `${e} in ${edges.join(', ')}`);
    assert.strictEqual(await waitFor(() => vscode.window.tabGroups.all.flatMap((g) => g.tabs).find((t) => t.input instanceof vscode.TabInputWebview && t.input.viewType.endsWith('serverlessLab.eventFlow'))?.label, 'the Event Flow tab'), 'Event Flow');

    host.setFaults({ functions: { ProcessOrder: { failureRate: 0.3 } }, queues: {} });
    assert.strictEqual(node(await flow(), 'function:ProcessOrder')?.fault, '30% failures', 'the injected fault is visible on the node');
    const bad = 3;
    for (let i = 0; i < 6; i++) {
      const detail = i < bad ? { orderId: `o${i}` } : { orderId: `o${i}`, total: 10 * i };
      const id = await vscode.commands.executeCommand<string>('serverlessLab.putEvent', { source: 'shop.orders', 'detail-type': 'OrderPlaced', detail });
      assert.ok(id, 'Put Event returns the event id');
    }
    // Orders without a total fail every time, so they reach the DLQ after maxReceiveCount receives; others may too (30% injected).
    const filled = await waitFor(async () => {
      const s = await flow();
      return depth(s, 'queue:orders') === 0 && host.engine().isIdle() && depth(s, 'queue:orders-dlq') >= bad ? s : undefined;
    }, 'the queue drained and the DLQ filled', { timeoutMs: 90_000, intervalMs: 200 });
    const inDlq = depth(filled, 'queue:orders-dlq');
    assert.strictEqual(filled.dlqMessages, inDlq);
    const kinds = host.engine().trace.history().map((e) => e.kind);
    assert.ok(kinds.includes('function.failed') && kinds.includes('queue.redriven'), 'failures and the redrive to the DLQ are traced');

    // Fix the handler, stop the old sandboxes, turn faults off, then redrive through the command.
    await vscode.workspace.fs.writeFile(vscode.Uri.joinPath(dir, 'process', 'app.js'), new TextEncoder().encode(FIXED_HANDLER));
    await vscode.commands.executeCommand('serverlessLab.stopAllSandboxes');
    host.setFaults({ functions: {}, queues: {} });
    const moved = await vscode.commands.executeCommand<number>('serverlessLab.redriveDlq', 'orders-dlq');
    assert.strictEqual(moved, inDlq);
    const empty = await waitFor(async () => {
      const s = await flow();
      return depth(s, 'queue:orders') === 0 && depth(s, 'queue:orders-dlq') === 0 && host.engine().isIdle() ? s : undefined;
    }, 'the redriven messages processed', { timeoutMs: 60_000, intervalMs: 200 }).catch((err: Error) => {
      const last = host.engine().trace.history().slice(-12).map((e) => `${e.kind} ${e.resource} ${JSON.stringify(e.detail).slice(0, 160)}`);
      throw new Error(`${err.message}\nqueues: ${JSON.stringify(host.engine().snapshot().queues.map((q) => [q.name, q.visible, q.inFlight, q.delayed]))}\n${last.join('\n')}`);
    });
    assert.strictEqual(empty.dlqMessages, 0);
  });
});

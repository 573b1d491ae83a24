// The single Event Flow panel: creates or restores it, sends the diagram's state and batched trace
// events (at most one batch per 100 ms, so 100 events/s never flood the page), and answers the page's
// inspect and control requests. Lives in the lazy eventingUi bundle, so it logs through the logger it is given.
import * as path from 'path';
import * as vscode from 'vscode';
import type { TraceEvent } from '../../core/eventing';
import type { RuntimeRecord } from '../../core/runtime/types';
import { EVENT_FLOW_VIEW_TYPE, EVENT_FLOW_WEBVIEW_SCHEMA, type EventFlowHostMessage, type EventFlowWebviewMessage, type FlowAction, type FlowState, type FlowTraceEvent, type InspectTarget } from '../../shared/eventFlowProtocol';
import { answerRequest, parseMessage } from '../../shared/webviewMessaging';
import type { Logger } from '../log';
import { webviewPage } from '../webviewHtml';
import { buildFlowState, inspectEvent, inspectQueue, inspectRule, targetOfNode, toFlowTrace } from './flowModel';
import type { EventingHost } from './host';

const BATCH_MS = 100;

const RECORDS_KEPT = 500;

/** What the panel needs besides the host. */
export interface FlowPanelDeps {
  extensionUri: vscode.Uri;
  log: Logger;
  /** Runs a control that needs the editor (confirmations, commands). */
  act(action: FlowAction): Promise<string>;
  /** Subscribes to finished invocations (for records linked from function hops). */
  onInvocation(listener: (record: RuntimeRecord) => void): () => void;
  /** Function names of the workspace (drawn even before any route reaches them). */
  functions(): readonly string[];
}

/** Owns the Event Flow panel. */
export class FlowPanel implements vscode.Disposable {
  private panel?: vscode.WebviewPanel;
  private ready = false;
  private pending: FlowTraceEvent[] = [];
  private timer?: NodeJS.Timeout;
  private stateDirty = false;
  private readonly records = new Map<string, RuntimeRecord>();
  private readonly subscriptions: vscode.Disposable[] = [];
  private restoreTarget?: InspectTarget;
  /** The last state posted (what the page draws); a hook for integration tests. */
  lastState?: FlowState;

  constructor(private readonly host: EventingHost, private readonly deps: FlowPanelDeps) {
    const off = deps.onInvocation((r) => {
      this.records.set(r.requestId, r);
      if (this.records.size > RECORDS_KEPT) this.records.delete(this.records.keys().next().value as string);
    });
    this.subscriptions.push({ dispose: off }, host.onTrace((e) => this.onTrace(e)), host.onDidChange(() => this.markDirty()));
  }

  /** Opens (or reveals) the panel; `nodeId` (`queue:orders`, `rule:default/placed`) opens that node's details. */
  open(nodeId?: string): FlowState {
    const target = targetOfNode(nodeId);
    if (!this.panel) {
      this.restoreTarget = target;
      this.attach(vscode.window.createWebviewPanel(EVENT_FLOW_VIEW_TYPE, 'Event Flow', vscode.ViewColumn.Active, this.options()));
    } else {
      this.panel.reveal(undefined, false);
      if (target && this.ready) this.post({ type: 'inspect', target });
    }
    return this.currentState();
  }

  /** Adopts a panel VS Code restored after a reload. */
  restore(panel: vscode.WebviewPanel, inspected: InspectTarget | undefined): void {
    this.panel?.dispose();
    panel.webview.options = this.options();
    this.restoreTarget = inspected;
    this.attach(panel);
  }

  /** The state as the page would get it now. */
  currentState(): FlowState {
    const root = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
    const rel = (f: string) => (root ? path.relative(root, f) : f);
    const problems = [
      ...this.host.problems().filter((p) => p.severity === 'error').map((p) => `${rel(p.file)}:${p.start.line + 1}: ${p.message}`),
      ...this.host.startProblems().map((p) => p.message),
    ];
    this.lastState = buildFlowState(this.host.engine(), { functions: this.deps.functions(), templates: this.host.templates().map(rel), problems });
    return this.lastState;
  }

  private options(): vscode.WebviewPanelOptions & vscode.WebviewOptions {
    return { enableScripts: true, localResourceRoots: [vscode.Uri.joinPath(this.deps.extensionUri, 'dist', 'media')] };
  }

  private attach(panel: vscode.WebviewPanel): void {
    this.panel = panel;
    this.ready = false;
    panel.webview.html = webviewPage(panel.webview, this.deps.extensionUri, { view: 'eventFlow', title: 'Event Flow', body: '<main id="app" aria-busy="true"><p class="loading">Loading the event flow…</p></main>' });
    const subs = [
      panel.webview.onDidReceiveMessage((raw: unknown) => {
        const message = parseMessage<EventFlowWebviewMessage>(raw, EVENT_FLOW_WEBVIEW_SCHEMA);
        if (message) this.onMessage(message);
        else this.deps.log.warn(`ignored a malformed message from the flow page: ${JSON.stringify(raw)?.slice(0, 200)}`);
      }),
      panel.onDidDispose(() => {
        subs.forEach((d) => d.dispose());
        if (this.panel === panel) this.panel = undefined;
      }),
    ];
  }

  private onTrace(e: TraceEvent): void {
    if (!this.panel || !this.ready) return;
    this.pending.push(toFlowTrace(e));
    // Queue counts change with most hops; the state goes with the same batch.
    this.markDirty();
  }

  private markDirty(): void {
    this.stateDirty = true;
    this.timer ??= setTimeout(() => this.flush(), BATCH_MS);
  }

  private flush(): void {
    this.timer = undefined;
    if (!this.panel || !this.ready) return;
    if (this.stateDirty) {
      this.stateDirty = false;
      this.post({ type: 'state', state: this.currentState() });
    }
    // Under a flood the page animates at most the newest 200 hops of a batch; the activity list says so.
    if (this.pending.length) this.post({ type: 'traces', events: this.pending.splice(0).slice(-200) });
  }

  private onMessage(m: EventFlowWebviewMessage): void {
    switch (m.type) {
      case 'ready':
        this.ready = true;
        this.post({ type: 'state', state: this.currentState() });
        // The page re-inspects from its own saved state; the serializer's copy covers a page that lost it.
        if (this.restoreTarget) this.post({ type: 'inspect', target: this.restoreTarget });
        this.restoreTarget = undefined;
        return;
      case 'inspect':
        void answerRequest(m.requestId, () => this.inspect(m.target), (r) => this.post(r)).catch((err: unknown) => this.deps.log.warn(`inspect failed: ${String(err)}`));
        return;
      case 'act':
        void answerRequest(m.requestId, async () => {
          const text = await this.deps.act(m.act);
          this.markDirty();
          return text;
        }, (r) => this.post(r)).catch((err: unknown) => this.deps.log.warn(`${m.act.action} failed: ${String(err)}`));
        return;
      default: {
        const never: never = m;
        this.deps.log.warn(`unknown message from the flow page: ${JSON.stringify(never)}`);
      }
    }
  }

  /** Answers an inspect request (also used by tests through the command). */
  inspect(target: InspectTarget): unknown {
    const engine = this.host.engine();
    switch (target.kind) {
      case 'event': return inspectEvent(engine, target.traceId, (id) => this.records.get(id));
      case 'rule': return inspectRule(engine, target.bus, target.rule, this.host.recentEvents(20, target.bus));
      case 'queue': return inspectQueue(engine, target.name);
    }
  }

  private post(message: EventFlowHostMessage): void {
    void this.panel?.webview.postMessage(message).then(undefined, (err: unknown) => this.deps.log.warn(`post failed: ${String(err)}`));
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.subscriptions.forEach((d) => d.dispose());
    this.panel?.dispose();
  }
}

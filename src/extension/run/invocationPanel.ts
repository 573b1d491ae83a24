// The invocation panel: one webview showing history, REPORT cards, timeline, load results and the
// keep-alive what-if. The host waits for "ready" before posting; a serializer restores it on reload.
import * as vscode from 'vscode';
import { INVOCATION_VIEW_TYPE, INVOCATION_WEBVIEW_SCHEMA, type HistoryEntry, type InvocationHostMessage, type InvocationRequest, type InvocationWebviewMessage, type LoadRunView, type PanelView, type WhatIfRequest, type WhatIfResult } from '../../shared/invocationProtocol';
import { answerRequest, parseMessage } from '../../shared/webviewMessaging';
import type { Prediction } from '../../core/run/prediction';
import { reportError } from '../commandBoundary';
import { getLogger } from '../log';
import { webviewPage } from '../webviewHtml';
import type { InvocationHistory } from './history';

const log = getLogger('run.panel');
export { INVOCATION_VIEW_TYPE };

/** What the panel asks the rest of the run feature to do. */
export interface PanelActions {
  invokeAgain(requestId: string, cold: boolean, prediction?: Prediction): Promise<void>;
  runWhatIf(request: WhatIfRequest): Promise<WhatIfResult>;
  exportLoad(format: 'csv' | 'json'): Promise<void>;
  openCost(source: 'invocation' | 'load', requestId?: string): Promise<void>;
  runLoad(requestId: string): Promise<void>;
  saveTestEvent(requestId: string): Promise<void>;
}

/** Manages the single invocation panel. */
export class InvocationPanel implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private ready = false;
  private queue: InvocationHostMessage[] = [];
  private readonly disposables: vscode.Disposable[] = [];

  constructor(private readonly extensionUri: vscode.Uri, private readonly history: InvocationHistory, private readonly actions: PanelActions) {
    this.disposables.push(vscode.window.registerWebviewPanelSerializer(INVOCATION_VIEW_TYPE, {
      deserializeWebviewPanel: async (panel) => this.attach(panel),
    }));
  }

  /** Shows the panel (creating it if needed) without stealing focus from the editor. */
  show(view?: PanelView, preserveFocus = true): void {
    if (this.panel) this.panel.reveal(undefined, preserveFocus);
    else {
      const panel = vscode.window.createWebviewPanel(INVOCATION_VIEW_TYPE, 'Serverless Lab: Invocations', { viewColumn: vscode.ViewColumn.Beside, preserveFocus }, this.options());
      this.attach(panel);
    }
    if (view) this.post({ type: 'showView', view });
  }

  /** Whether the panel is open. */
  get isOpen(): boolean {
    return !!this.panel;
  }

  /** Adds a new invocation to the panel (opening it when `reveal`). */
  showEntry(entry: HistoryEntry, reveal: boolean): void {
    if (reveal) this.show('invocation');
    this.post({ type: 'invocation', entry });
  }

  /** Shows a load run's results. */
  showLoad(load: LoadRunView): void {
    this.show('load');
    this.post({ type: 'loadResult', load });
  }

  private options(): vscode.WebviewPanelOptions & vscode.WebviewOptions {
    return { enableScripts: true, localResourceRoots: [vscode.Uri.joinPath(this.extensionUri, 'dist', 'media')] };
  }

  private attach(panel: vscode.WebviewPanel): void {
    this.panel = panel;
    this.ready = false;
    panel.webview.options = this.options();
    panel.webview.html = this.html(panel.webview);
    const subs = [
      panel.webview.onDidReceiveMessage((raw: unknown) => {
        const message = parseMessage<InvocationWebviewMessage>(raw, INVOCATION_WEBVIEW_SCHEMA);
        if (message) void this.onMessage(message);
        else log.warn(`ignored a malformed message from the invocation page: ${JSON.stringify(raw)?.slice(0, 200)}`);
      }),
      panel.onDidDispose(() => {
        this.panel = undefined;
        this.ready = false;
        for (const s of subs) s.dispose();
      }),
    ];
  }

  private post(message: InvocationHostMessage): void {
    if (!this.panel) return;
    if (!this.ready) {
      // 'init' is sent on ready anyway; queue the rest so nothing is posted before the webview listens.
      if (message.type !== 'invocation') this.queue.push(message);
      return;
    }
    void this.panel.webview.postMessage(message);
  }

  private async onMessage(message: InvocationWebviewMessage): Promise<void> {
    try {
      switch (message.type) {
        case 'ready': {
          this.ready = true;
          const history = this.history.all();
          await this.panel?.webview.postMessage({ type: 'init', history, load: this.history.lastLoad(), selectRequestId: history[0]?.record.requestId } satisfies InvocationHostMessage);
          for (const m of this.queue.splice(0)) await this.panel?.webview.postMessage(m);
          return;
        }
        case 'openLocation': {
          const uri = vscode.Uri.file(message.file);
          const pos = new vscode.Position(Math.max(0, message.line - 1), Math.max(0, message.column - 1));
          await vscode.window.showTextDocument(uri, { selection: new vscode.Range(pos, pos), viewColumn: vscode.ViewColumn.One });
          return;
        }
        case 'clearHistory':
          await this.history.clear();
          this.post({ type: 'init', history: [] });
          return;
        case 'invokeAgain':
        case 'runWhatIf':
        case 'exportLoad':
        case 'openCost':
        case 'runLoad':
        case 'saveTestEvent':
          // Every request gets exactly one reply, so the page can stop its busy state whatever happens.
          await answerRequest(message.requestId, () => this.handle(message), (reply) => this.panel?.webview.postMessage(reply));
          return;
        default: {
          const unknown: never = message;
          log.warn(`unknown message ${JSON.stringify(unknown)}`);
        }
      }
    } catch (err) {
      reportError('Invocation panel', err);
    }
  }

  /** Does what a request asks; its result (if any) goes back in the reply. */
  private async handle(request: InvocationRequest): Promise<WhatIfResult | undefined> {
    switch (request.type) {
      case 'invokeAgain':
        await this.actions.invokeAgain(request.entryId, request.cold, request.prediction);
        return undefined;
      case 'runWhatIf':
        return this.actions.runWhatIf(request.request);
      case 'exportLoad':
        await this.actions.exportLoad(request.format);
        return undefined;
      case 'openCost':
        await this.actions.openCost(request.source, request.entryId);
        return undefined;
      case 'runLoad':
        await this.actions.runLoad(request.entryId);
        return undefined;
      case 'saveTestEvent':
        await this.actions.saveTestEvent(request.entryId);
        return undefined;
      default: {
        const unknown: never = request;
        throw new Error(`unknown request ${JSON.stringify(unknown)}`);
      }
    }
  }

  private html(webview: vscode.Webview): string {
    return webviewPage(webview, this.extensionUri, {
      view: 'invocation',
      title: 'Serverless Lab: Invocations',
      body: '<div id="app" role="application" aria-label="Serverless Lab invocations"></div>',
      dataImages: true,
    });
  }

  dispose(): void {
    this.panel?.dispose();
    for (const d of this.disposables) d.dispose();
  }
}

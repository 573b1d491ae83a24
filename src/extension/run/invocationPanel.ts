// The invocation panel: one webview showing history, REPORT cards, timeline, load results and the
// keep-alive what-if. The host waits for "ready" before posting; a serializer restores it on reload.
import * as vscode from 'vscode';
import type { HistoryEntry, HostToWebview, LoadRunView, PanelView, WebviewToHost, WhatIfRequest, WhatIfResult } from '../../shared/invocationProtocol';
import type { Prediction } from '../../core/run/prediction';
import { reportError } from '../commandBoundary';
import { getLogger } from '../log';
import { webviewPage } from '../webviewHtml';
import type { InvocationHistory } from './history';

const log = getLogger('run.panel');
/** Webview type id (also used by the serializer and package.json activation). */
export const INVOCATION_VIEW_TYPE = 'serverlessLab.invocations';

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
  private queue: HostToWebview[] = [];
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
      panel.webview.onDidReceiveMessage((m: WebviewToHost) => void this.onMessage(m)),
      panel.onDidDispose(() => {
        this.panel = undefined;
        this.ready = false;
        for (const s of subs) s.dispose();
      }),
    ];
  }

  private post(message: HostToWebview): void {
    if (!this.panel) return;
    if (!this.ready) {
      // 'init' is sent on ready anyway; queue the rest so nothing is posted before the webview listens.
      if (message.type !== 'invocation') this.queue.push(message);
      return;
    }
    void this.panel.webview.postMessage(message);
  }

  private async onMessage(message: WebviewToHost): Promise<void> {
    try {
      switch (message.type) {
        case 'ready': {
          this.ready = true;
          const history = this.history.all();
          await this.panel?.webview.postMessage({ type: 'init', history, load: this.history.lastLoad(), selectRequestId: history[0]?.record.requestId } satisfies HostToWebview);
          for (const m of this.queue.splice(0)) await this.panel?.webview.postMessage(m);
          return;
        }
        case 'openLocation': {
          const uri = vscode.Uri.file(message.file);
          const pos = new vscode.Position(Math.max(0, message.line - 1), Math.max(0, message.column - 1));
          await vscode.window.showTextDocument(uri, { selection: new vscode.Range(pos, pos), viewColumn: vscode.ViewColumn.One });
          return;
        }
        case 'invokeAgain':
          return await this.actions.invokeAgain(message.requestId, message.cold, message.prediction);
        case 'runWhatIf':
          try {
            const result = await this.actions.runWhatIf(message.request);
            this.post({ type: 'whatIfResult', id: message.id, result });
          } catch (err) {
            this.post({ type: 'whatIfResult', id: message.id, error: err instanceof Error ? err.message : String(err) });
          }
          return;
        case 'exportLoad':
          return await this.actions.exportLoad(message.format);
        case 'openCost':
          return await this.actions.openCost(message.source, message.requestId);
        case 'runLoad':
          return await this.actions.runLoad(message.requestId);
        case 'saveTestEvent':
          return await this.actions.saveTestEvent(message.requestId);
        case 'clearHistory':
          await this.history.clear();
          this.post({ type: 'init', history: [] });
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

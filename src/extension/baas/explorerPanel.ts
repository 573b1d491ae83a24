// The single BaaS Explorer panel: tabs for tables, SQL results, policies, users, storage, requests, the Inbox and devices.
// The host waits for the page's `ready` before posting, answers its requests as the acting-as caller, and
// streams request-monitor entries while the panel is open.
import * as vscode from 'vscode';
import {
  BAAS_EXPLORER_VIEW_TYPE,
  BAAS_EXPLORER_WEBVIEW_SCHEMA,
  type BaasExplorerHostMessage,
  type BaasExplorerState,
  type BaasExplorerWebviewMessage,
  type ExplorerTab,
  type SqlConsoleResult,
} from '../../shared/baasExplorerProtocol';
import { answerRequest, parseMessage } from '../../shared/webviewMessaging';
import { CommandIds } from '../commandIds';
import { getLogger } from '../log';
import { webviewPage } from '../webviewHtml';
import { answerExplorerRequest, explorerStatus } from './explorerRequests';
import type { BaasHost } from './host';

const log = getLogger('baas-explorer');

/** Owns the explorer panel. */
export class ExplorerPanelManager implements vscode.Disposable {
  private panel?: vscode.WebviewPanel;
  private ready = false;
  private pending: BaasExplorerHostMessage[] = [];
  private readonly subs: vscode.Disposable[] = [];
  private unsubscribe?: () => void;

  constructor(private readonly extensionUri: vscode.Uri, private readonly host: BaasHost) {
    this.subs.push(
      host.onDidChange(() => this.post({ type: 'status', status: explorerStatus(host) })),
      host.onDidChangeData(() => this.post({ type: 'dataChanged' })),
    );
    this.unsubscribe = host.requests.onEntry((entry) => this.post({ type: 'requestAdded', entry }));
  }

  /** Opens (or reveals) the panel, on `tab` when given. */
  open(tab?: ExplorerTab, table?: string, preserveFocus = false): void {
    if (!this.panel) this.attach(vscode.window.createWebviewPanel(BAAS_EXPLORER_VIEW_TYPE, 'BaaS Explorer', { viewColumn: vscode.ViewColumn.Active, preserveFocus }, this.options()));
    else this.panel.reveal(undefined, preserveFocus);
    if (tab) this.post({ type: 'show', tab, table });
  }

  /** Shows the SQL console's result in the SQL tab (opening the panel beside the editor). */
  showSqlResult(result: SqlConsoleResult): void {
    if (!this.panel) this.attach(vscode.window.createWebviewPanel(BAAS_EXPLORER_VIEW_TYPE, 'BaaS Explorer', { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true }, this.options()));
    else this.panel.reveal(undefined, true);
    this.post({ type: 'show', tab: 'sql' });
    this.post({ type: 'sqlResult', result });
  }

  /** Adopts a panel VS Code restored after a reload. */
  restore(panel: vscode.WebviewPanel, state: BaasExplorerState | undefined): void {
    this.panel?.dispose();
    panel.webview.options = this.options();
    this.attach(panel);
    if (state) this.post({ type: 'show', tab: state.tab, table: state.table });
  }

  private options(): vscode.WebviewPanelOptions & vscode.WebviewOptions {
    return { enableScripts: true, localResourceRoots: [vscode.Uri.joinPath(this.extensionUri, 'dist', 'media')] };
  }

  private attach(panel: vscode.WebviewPanel): void {
    this.panel = panel;
    this.ready = false;
    panel.webview.html = webviewPage(panel.webview, this.extensionUri, {
      view: 'baasExplorer',
      title: 'BaaS Explorer',
      // Storage previews show images as data: URLs (the bytes come from the host, never from a remote URL).
      dataImages: true,
      body: '<main id="app" aria-busy="true"><p class="loading">Loading the BaaS Explorer…</p></main>',
    });
    const subs = [
      panel.webview.onDidReceiveMessage((raw: unknown) => {
        const message = parseMessage<BaasExplorerWebviewMessage>(raw, BAAS_EXPLORER_WEBVIEW_SCHEMA);
        if (message) this.onMessage(message);
        else log.warn(`ignored a malformed message from the explorer page: ${JSON.stringify(raw)?.slice(0, 200)}`);
      }),
      panel.onDidDispose(() => {
        subs.forEach((d) => d.dispose());
        if (this.panel === panel) this.panel = undefined;
      }),
    ];
  }

  private onMessage(m: BaasExplorerWebviewMessage): void {
    switch (m.type) {
      case 'ready': {
        this.ready = true;
        const queued = this.pending.splice(0);
        this.post({ type: 'status', status: explorerStatus(this.host) });
        queued.forEach((q) => this.post(q));
        return;
      }
      case 'openSqlConsole':
        void vscode.commands.executeCommand(CommandIds.baasRunSql);
        return;
      case 'state':
        return; // the page keeps it with setState(); the serializer reads it on restore
      default:
        void answerRequest(m.requestId, () => answerExplorerRequest(this.host, m), (reply) => this.post(reply)).catch((err: unknown) =>
          log.warn(`${m.type} failed: ${err instanceof Error ? err.message : String(err)}`),
        );
    }
  }

  private post(message: BaasExplorerHostMessage): void {
    if (!this.panel) return;
    if (!this.ready) {
      // Status and replies are recomputed on ready; keep only what the page asked to show.
      if (message.type === 'show' || message.type === 'sqlResult') this.pending.push(message);
      return;
    }
    void this.panel.webview.postMessage(message).then(undefined, (err: unknown) => log.warn(`post failed: ${String(err)}`));
  }

  dispose(): void {
    this.unsubscribe?.();
    this.subs.forEach((d) => d.dispose());
    this.panel?.dispose();
  }
}

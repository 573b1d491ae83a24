import type * as vscode from 'vscode';
import { webviewPage } from '../webviewHtml';

/** The Cost page shell; the model arrives as a message after the page says it is ready. */
export function costHtml(webview: vscode.Webview, extensionUri: vscode.Uri): string {
  return webviewPage(webview, extensionUri, {
    view: 'cost',
    title: 'Cost',
    body: '<main id="app" aria-busy="true"><p class="loading">Computing the estimate…</p></main>',
  });
}

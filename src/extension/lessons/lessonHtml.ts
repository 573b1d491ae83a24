import type * as vscode from 'vscode';
import { webviewPage } from '../webviewHtml';

/** The lesson page shell; the lesson itself arrives as a message after the page says it is ready. */
export function lessonHtml(webview: vscode.Webview, extensionUri: vscode.Uri): string {
  return webviewPage(webview, extensionUri, {
    view: 'lesson',
    title: 'Lesson',
    body: '<main id="app" aria-busy="true"><p class="loading">Loading lesson…</p></main>',
  });
}

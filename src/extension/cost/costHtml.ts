import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';

/**
 * The Cost page shell: strict CSP with a nonce; script and styles only from dist/media. The model
 * arrives as a message after the page says it is ready. Chart.js draws on canvas, so no inline styles.
 */
export function costHtml(webview: vscode.Webview, extensionUri: vscode.Uri): string {
  const nonce = randomBytes(16).toString('base64');
  const media = (file: string): string => webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'dist', 'media', file)).toString();
  const csp = ["default-src 'none'", `style-src ${webview.cspSource}`, `font-src ${webview.cspSource}`, `img-src ${webview.cspSource}`, `script-src 'nonce-${nonce}'`].join('; ');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${media('codicons/codicon.css')}">
<link rel="stylesheet" href="${media('cost.css')}">
<title>Cost</title>
</head>
<body>
<main id="app" aria-busy="true"><p class="loading">Computing the estimate…</p></main>
<script nonce="${nonce}" src="${media('cost.js')}"></script>
</body>
</html>`;
}

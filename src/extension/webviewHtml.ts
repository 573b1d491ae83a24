import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';

/** What differs between our webview pages; everything else (CSP, nonce, assets) is shared. */
export interface WebviewPageOptions {
  /** Bundle name under dist/media: loads `<view>.js` and `<view>.css`. */
  view: string;
  title: string;
  /** Static placeholder markup shown until the page's script takes over (never data). */
  body: string;
  /** Allow `data:` images (Chart.js exports); off by default. */
  dataImages?: boolean;
}

/**
 * The page shell every panel uses: strict CSP (`default-src 'none'`) with a per-load nonce, and scripts,
 * styles and fonts only from dist/media. Data never goes into this HTML: it arrives as messages after the
 * page says it is ready.
 */
export function webviewPage(webview: vscode.Webview, extensionUri: vscode.Uri, options: WebviewPageOptions): string {
  const nonce = randomBytes(16).toString('base64');
  const media = (file: string): string => webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'dist', 'media', file)).toString();
  const csp = [
    "default-src 'none'",
    `style-src ${webview.cspSource}`,
    `font-src ${webview.cspSource}`,
    `img-src ${webview.cspSource}${options.dataImages ? ' data:' : ''}`,
    `script-src 'nonce-${nonce}'`,
  ].join('; ');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${media('codicons/codicon.css')}">
<link rel="stylesheet" href="${media(`${options.view}.css`)}">
<title>${options.title}</title>
</head>
<body>
${options.body}
<script nonce="${nonce}" src="${media(`${options.view}.js`)}"></script>
</body>
</html>`;
}

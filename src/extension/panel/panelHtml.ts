/**
 * The panel's HTML: a strict CSP (scripts only by nonce, no eval; inline styles because Plotly injects them; images
 * from data:/blob: for Plotly.toImage) and the two resources it loads, dist/webview.js and media/panel.css.
 */
import { randomBytes } from 'node:crypto';
import type * as vscode from 'vscode';

export interface PanelResources {
  readonly cspSource: string;
  readonly scriptUri: string;
  readonly styleUri: string;
  readonly nonce: string;
}

export function contentSecurityPolicy(cspSource: string, nonce: string): string {
  return [
    "default-src 'none'",
    `script-src 'nonce-${nonce}'`,
    `style-src ${cspSource} 'unsafe-inline'`,
    `img-src ${cspSource} data: blob:`,
    `font-src ${cspSource}`,
  ].join('; ');
}

/** 32 random base64 characters, fresh for every page. */
export function makeNonce(): string {
  return randomBytes(24).toString('base64');
}

function attribute(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
}

/** Pure: the page for the given resource URIs. */
export function panelHtmlText({ cspSource, scriptUri, styleUri, nonce }: PanelResources): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${attribute(contentSecurityPolicy(cspSource, nonce))}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${attribute(styleUri)}">
<title>ActViz plot</title>
</head>
<body>
<main id="app" aria-busy="true"><p class="loading">Loading plot…</p></main>
<script nonce="${attribute(nonce)}" src="${attribute(scriptUri)}"></script>
</body>
</html>`;
}

export function panelHtml(webview: vscode.Webview, extensionUri: vscode.Uri, uri: typeof vscode.Uri): string {
  return panelHtmlText({
    cspSource: webview.cspSource,
    scriptUri: webview.asWebviewUri(uri.joinPath(extensionUri, 'dist', 'webview.js')).toString(),
    styleUri: webview.asWebviewUri(uri.joinPath(extensionUri, 'media', 'panel.css')).toString(),
    nonce: makeNonce(),
  });
}

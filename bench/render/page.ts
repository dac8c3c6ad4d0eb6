/**
 * A plot panel outside VS Code: dist/webview.js and media/panel.css in headless Chromium, under the panel's CSP, with
 * a stand-in `acquireVsCodeApi` that records posted messages and VS Code-like theme variables. The render benchmark
 * and quick visual checks use it; the e2e tests use the real workbench instead.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { chromium } from 'playwright-core';

export const repoRoot = path.resolve(__dirname, '..', '..', '..');
const origin = 'http://actviz.bench';

/** A few of VS Code's theme variables (Dark Modern / Light Modern values), enough for the panel and the plot. */
export const themes = {
  dark: {
    kind: 'vscode-dark',
    vars: {
      'editor-background': '#1f1f1f', 'editor-foreground': '#cccccc', foreground: '#cccccc', descriptionForeground: '#9d9d9d',
      'charts-blue': '#3794ff', 'charts-orange': '#d18616', 'charts-green': '#89d185', 'charts-red': '#f14c4c', 'charts-purple': '#b180d7', 'charts-yellow': '#cca700', 'charts-lines': 'rgba(204, 204, 204, 0.5)',
      'input-background': '#313131', 'input-foreground': '#cccccc', 'input-border': '#3c3c3c', 'button-background': '#0078d4', 'button-foreground': '#ffffff',
      'button-secondaryBackground': '#313131', 'button-secondaryForeground': '#cccccc', errorForeground: '#f85149', 'editorWarning-foreground': '#cca700',
      'editorHoverWidget-background': '#202020', 'editorHoverWidget-foreground': '#cccccc', 'editorHoverWidget-border': '#454545', focusBorder: '#0078d4',
      'font-family': 'system-ui, "Ubuntu", "Droid Sans", sans-serif', 'font-size': '13px', 'editor-font-family': '"Droid Sans Mono", monospace', 'editor-font-size': '14px',
    },
  },
  light: {
    kind: 'vscode-light',
    vars: {
      'editor-background': '#ffffff', 'editor-foreground': '#3b3b3b', foreground: '#3b3b3b', descriptionForeground: '#3b3b3b',
      'charts-blue': '#1a85ff', 'charts-orange': '#d18616', 'charts-green': '#388a34', 'charts-red': '#e51400', 'charts-purple': '#652d90', 'charts-yellow': '#bf8803', 'charts-lines': 'rgba(59, 59, 59, 0.5)',
      'input-background': '#ffffff', 'input-foreground': '#3b3b3b', 'input-border': '#cecece', 'button-background': '#005fb8', 'button-foreground': '#ffffff',
      'button-secondaryBackground': '#e5e5e5', 'button-secondaryForeground': '#3b3b3b', errorForeground: '#f85149', 'editorWarning-foreground': '#bf8803',
      'editorHoverWidget-background': '#f8f8f8', 'editorHoverWidget-foreground': '#3b3b3b', 'editorHoverWidget-border': '#c8c8c8', focusBorder: '#005fb8',
      'font-family': 'system-ui, "Ubuntu", "Droid Sans", sans-serif', 'font-size': '13px', 'editor-font-family': '"Droid Sans Mono", monospace', 'editor-font-size': '14px',
    },
  },
} as const;

export type ThemeName = keyof typeof themes;

function styleOf(theme: ThemeName): string {
  return Object.entries(themes[theme].vars).map(([k, v]) => `--vscode-${k}: ${v};`).join(' ');
}

/** The page: the panel's CSP and markup, the theme on <html>/<body>, and a recording `acquireVsCodeApi`. */
export function pageHtml(theme: ThemeName, state?: unknown): string {
  const csp = `default-src 'none'; script-src 'nonce-bench'; style-src ${origin} 'unsafe-inline'; img-src ${origin} data: blob:; font-src ${origin}`;
  return `<!DOCTYPE html><html lang="en" style='${styleOf(theme)}'><head><meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<link rel="stylesheet" href="${origin}/media/panel.css"></head>
<body class="${themes[theme].kind}" data-vscode-theme-kind="${themes[theme].kind}">
<main id="app" aria-busy="true"><p class="loading">Loading plot…</p></main>
<script nonce="bench">
window.__posted = []; window.__state = ${JSON.stringify(state ?? null)};
window.acquireVsCodeApi = () => ({ postMessage: (m) => window.__posted.push(m), getState: () => window.__state, setState: (s) => (window.__state = s) });
</script>
<script nonce="bench" src="${origin}/dist/webview.js"></script></body></html>`;
}

export async function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update'],
  });
}

/** Opens the panel page; resolves once the script posted `ready`. */
export async function openPanel(
  browser: Browser,
  theme: ThemeName,
  options: { state?: unknown; width?: number; height?: number; /** Another build of webview.js to serve. */ bundle?: string } = {},
): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: options.width ?? 1100, height: options.height ?? 720 } });
  await page.route(`${origin}/**`, async (route) => {
    const url = new URL(route.request().url());
    if (url.pathname === '/') return route.fulfill({ contentType: 'text/html', body: pageHtml(theme, options.state) });
    const file = url.pathname === '/dist/webview.js' && options.bundle ? options.bundle : path.join(repoRoot, url.pathname);
    if (file === options.bundle) return route.fulfill({ contentType: 'text/javascript', body: fs.readFileSync(file) });
    if (!file.startsWith(path.join(repoRoot, 'dist')) && !file.startsWith(path.join(repoRoot, 'media'))) return route.fulfill({ status: 404 });
    const type = file.endsWith('.css') ? 'text/css' : 'text/javascript';
    return route.fulfill({ contentType: type, body: fs.readFileSync(file) });
  });
  await page.goto(`${origin}/`);
  await page.waitForFunction(() => (window as unknown as { __posted: { type: string }[] }).__posted.some((m) => m.type === 'ready'));
  return page;
}

/** Sends a host message to the panel, as VS Code's postMessage would. */
export async function send(page: Page, message: unknown): Promise<void> {
  await page.evaluate((m) => window.postMessage(m, '*'), message);
}

/** Messages the panel posted so far. */
export async function posted(page: Page): Promise<{ type: string; [key: string]: unknown }[]> {
  return page.evaluate(() => (window as unknown as { __posted: { type: string }[] }).__posted) as Promise<{ type: string; [key: string]: unknown }[]>;
}

/** A model as the host would send it. */
export function model(series: { expr: string; label?: string; params?: Record<string, number> }[], extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    series, range: [-5, 5], view: [-5, 5], points: 1000, show: { f: true, d1: true, d2: false },
    layers: { saturation: true, kinks: true, warnings: true }, saturationThreshold: 0.01, framework: 'torch', ...extra,
  };
}

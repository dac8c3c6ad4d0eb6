import * as cp from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { BrowserContext, FrameLocator, Page } from 'playwright-core';
import type { RunningServer } from '../../scripts/vscode-server.cjs';
import { repoRoot, vscodeServer } from '../integration/launcher/vscodeServer';

/**
 * One real VS Code workbench per e2e run, shared by every spec: VS Code's server with the packaged .vsix installed,
 * a fresh copy of test/fixtures/workspace, and headless Chromium on it. Get it with `await workbench()`; the root
 * hooks in `mochaHooks` take a screenshot of every failing test and close everything after the run.
 * Every helper waits on a condition with a generous time-out (2 shared cores), never on a fixed sleep.
 */

/** Where screenshots go (gitignored). */
export const resultsDir = path.join(repoRoot, 'test-results');

/** A generous default wait: the workbench, Plotly and notebooks are slow on 2 shared cores. */
export const LONG = 120_000;

/** What `hoverWord` found in the hover widget. */
export interface HoverContent {
  /** The widget's innerText. */
  text: string;
  /** The `src` of every image in the widget (data: URIs for ActViz's plots), after they loaded. */
  images: string[];
}

function log(message: string): void {
  process.stderr.write(`[e2e] ${message}\n`);
}

function sanitize(name: string): string {
  return name.replace(/[^\w.-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 120) || 'screenshot';
}

/** Builds the production .vsix once per run (vsce runs vscode:prepublish), or takes ACTVIZ_VSIX if set. */
function buildVsix(dir: string): string {
  const prebuilt = process.env.ACTVIZ_VSIX;
  if (prebuilt) {
    if (!fs.existsSync(prebuilt)) throw new Error(`ACTVIZ_VSIX=${prebuilt} does not exist`);
    return path.resolve(prebuilt);
  }
  const vsix = path.join(dir, 'actviz.vsix');
  log('packaging the extension (vsce package, production build)…');
  const started = Date.now();
  const result = cp.spawnSync('npx', ['vsce', 'package', '--no-dependencies', '-o', vsix], {
    cwd: repoRoot,
    encoding: 'utf8',
    timeout: 600_000,
    env: { ...process.env, npm_config_update_notifier: 'false' },
  });
  if (result.status !== 0 || !fs.existsSync(vsix)) {
    throw new Error(`vsce package failed (${result.error?.message ?? `exit ${result.status}`}):\n${result.stdout}\n${result.stderr}`);
  }
  log(`packaged ${path.basename(vsix)} (${Math.round(fs.statSync(vsix).size / 1024)} KiB) in ${Math.round((Date.now() - started) / 1000)} s`);
  return vsix;
}

export class Workbench {
  private constructor(
    /** The workbench page: use it for anything the helpers do not cover. */
    readonly page: Page,
    /** The browser context (one persistent Chromium profile). */
    readonly context: BrowserContext,
    /** The running VS Code server (origin, user data dir, log file). */
    readonly server: RunningServer,
    /** The opened folder: a fresh temp copy of test/fixtures/workspace; tests may write into it. */
    readonly workspaceDir: string,
    private readonly tmpRoot: string,
  ) {}

  /** Packages and installs the extension, starts the server and Chromium, and waits until the workbench restored. */
  static async start(): Promise<Workbench> {
    const started = Date.now();
    fs.mkdirSync(resultsDir, { recursive: true });
    const tmpRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'actviz-e2e-'));
    const userDataDir = path.join(tmpRoot, 'user-data');
    const extensionsDir = path.join(tmpRoot, 'extensions');
    const workspaceDir = path.join(tmpRoot, 'workspace');
    fs.mkdirSync(extensionsDir, { recursive: true });
    fs.cpSync(path.join(repoRoot, 'test', 'fixtures', 'workspace'), workspaceDir, { recursive: true });
    let server: RunningServer | undefined;
    let context: BrowserContext | undefined;
    try {
      vscodeServer.chromiumPath();
      await vscodeServer.ensureInstalled({ log });
      const vsix = buildVsix(tmpRoot);
      await vscodeServer.installExtension(vsix, { userDataDir, extensionsDir });
      server = await vscodeServer.startServer({ userDataDir, extensionsDir, log });
      context = await vscodeServer.launchBrowser(path.join(tmpRoot, 'chromium'));
      context.setDefaultTimeout(LONG);
      const page = context.pages()[0] ?? (await context.newPage());
      const consoleLog = fs.createWriteStream(path.join(resultsDir, 'e2e-console.log'));
      page.on('console', (message) => consoleLog.write(`[${message.type()}] ${message.text()}\n`));
      page.on('pageerror', (error) => consoleLog.write(`[pageerror] ${error.message}\n`));
      await page.goto(server.url({ folder: workspaceDir }), { timeout: 120_000 });
      await page.waitForFunction(() => 'driver' in window, undefined, { timeout: 120_000 });
      await page.evaluate(() => (window as unknown as { driver: { whenWorkbenchRestored(): Promise<void> } }).driver.whenWorkbenchRestored());
      await page.locator('.monaco-workbench').waitFor({ state: 'visible', timeout: LONG });
      await vscodeServer.waitForSettingsTheme(page, server.settingsPath, [extensionsDir], LONG);
      log(`workbench restored in ${Math.round((Date.now() - started) / 1000)} s at ${server.origin}`);
      return new Workbench(page, context, server, workspaceDir, tmpRoot);
    } catch (error) {
      await context?.close().catch(() => undefined);
      await server?.stop();
      fs.rmSync(tmpRoot, { recursive: true, force: true });
      throw error;
    }
  }

  /** Closes Chromium, kills the server's process group and removes every temp dir. */
  async close(): Promise<void> {
    await this.context.close().catch(() => undefined);
    await this.server.stop();
    fs.rmSync(this.tmpRoot, { recursive: true, force: true });
  }

  /**
   * Runs a command from the palette by its full title as listed, e.g. 'ActViz: Plot Expression…': F1, type, wait
   * for the row, select it. Escapes and retries when the list missed a command that registered a moment later.
   */
  async runCommand(title: string, attempts = 4): Promise<void> {
    const input = this.page.locator('.quick-input-widget .quick-input-box input');
    const row = this.page.locator(`.quick-input-list .monaco-list-row[aria-label^="${cssString(title)}"]`).first();
    for (let attempt = 1; ; attempt++) {
      await this.page.keyboard.press('F1');
      await input.waitFor({ state: 'visible', timeout: LONG });
      await input.fill(`>${title}`);
      const last = attempt >= attempts;
      try {
        await row.waitFor({ state: 'visible', timeout: last ? LONG : 10_000 });
        // The palette can close or re-render under the pointer (focus moves, a reload finishes): retry from F1.
        await row.click({ timeout: last ? LONG : 15_000 });
        return;
      } catch (error) {
        await this.page.keyboard.press('Escape');
        if (last) throw new Error(`could not run '${title}' from the palette: ${String(error)}`);
      }
    }
  }

  /**
   * Opens a workspace file by its path relative to the workspace (Ctrl+P quick open with the absolute path, so that
   * exactly that file matches) and waits until its editor tab is active.
   */
  async openFile(relativePath: string): Promise<void> {
    const absolute = path.join(this.workspaceDir, relativePath);
    if (!fs.existsSync(absolute)) throw new Error(`openFile: ${relativePath} does not exist in the workspace (${this.workspaceDir})`);
    const name = path.basename(relativePath);
    const input = this.page.locator('.quick-input-widget .quick-input-box input');
    const row = this.page.locator(`.quick-input-list .monaco-list-row[aria-label^="${cssString(name)}"]`).first();
    const tab = this.page.locator(`.tabs-container .tab.active[data-resource-name="${cssString(name)}"]`);
    for (let attempt = 1; ; attempt++) {
      const last = attempt >= 3;
      try {
        await this.page.keyboard.press('Control+P');
        await input.waitFor({ state: 'visible', timeout: LONG });
        await input.fill(absolute);
        await row.click({ timeout: last ? LONG : 20_000 });
        await tab.waitFor({ state: 'visible', timeout: last ? LONG : 30_000 });
        return;
      } catch (error) {
        await this.page.keyboard.press('Escape');
        if (last) throw new Error(`could not open '${relativePath}' with quick open: ${String(error)}`);
      }
    }
  }

  /**
   * The content frame of a visible webview panel such as ActViz's plot (the innermost webview frame; notebook
   * outputs excluded); `index` picks among several (0 = first in DOM order, -1 = last).
   */
  webviewFrame(index = -1): FrameLocator {
    const frames = this.page
      .locator('xpath=//iframe[contains(@class,"webview") and contains(@class,"ready") and not(ancestor::*[contains(concat(" ",@class," ")," notebook-editor ")])]')
      .filter({ visible: true });
    return frames.nth(index).contentFrame().frameLocator('iframe#active-frame');
  }

  /** The content frame holding the outputs of the active notebook editor. */
  notebookOutputFrame(): FrameLocator {
    return this.page.frameLocator('.notebook-editor iframe.webview.ready').first().frameLocator('iframe#active-frame');
  }

  /**
   * Hovers the `occurrence`-th (0-based, in screen order) appearance of `text` among the visible editor lines, moving
   * the mouse there in steps, and returns the hover widget's text and image sources once it is visible and loaded.
   */
  async hoverWord(text: string, occurrence = 0): Promise<HoverContent> {
    const hover = this.page.locator('.monaco-hover:visible').first();
    let point: { x: number; y: number };
    try {
      const handle = await this.page.waitForFunction(findTextPoint, { text, occurrence }, { timeout: LONG });
      point = (await handle.jsonValue()) as { x: number; y: number };
    } catch {
      throw new Error(`'${text}' (occurrence ${occurrence}) did not appear on any visible editor line within ${LONG / 1000} s`);
    }
    // A language provider that is still starting answers the first hover request with nothing, and the editor does not
    // ask again while the mouse rests: leave and come back until the widget shows.
    const deadline = Date.now() + LONG;
    for (;;) {
      await this.page.mouse.move(5, 5, { steps: 2 });
      await hover.waitFor({ state: 'hidden', timeout: 10_000 }).catch(() => undefined);
      await this.page.mouse.move(point.x, point.y, { steps: 12 });
      try {
        await hover.waitFor({ state: 'visible', timeout: Math.max(1000, Math.min(15_000, deadline - Date.now())) });
        break;
      } catch {
        if (Date.now() >= deadline) throw new Error(`no hover appeared over '${text}' within ${LONG / 1000} s`);
      }
    }
    await this.page.waitForFunction(
      () => {
        const widget = [...document.querySelectorAll<HTMLElement>('.monaco-hover')].find((el) => el.offsetParent !== null);
        if (!widget || /^\s*Loading\.\.\.\s*$/.test(widget.innerText)) return false;
        return [...widget.querySelectorAll('img')].every((img) => img.complete);
      },
      undefined,
      { timeout: LONG },
    );
    return hover.evaluate((widget: HTMLElement) => ({
      text: widget.innerText,
      images: [...widget.querySelectorAll('img')].map((img) => img.getAttribute('src') ?? ''),
    }));
  }

  /**
   * Switches the colour theme with the theme picker (Preferences: Color Theme) and waits until the workbench shows it
   * and the user settings.json stores it. `name` is the settings id or label, e.g. 'Dark Modern' (the
   * tests' default), 'Light Modern', 'Default High Contrast'.
   */
  async setColorTheme(name: string): Promise<void> {
    const theme = vscodeServer.findColorTheme(name, [this.server.extensionsDir]);
    const shown = (): Promise<boolean> =>
      this.page.evaluate(({ uiTheme, suffix }) => {
        const classes = [...(document.querySelector('.monaco-workbench')?.classList ?? [])];
        return classes.includes(uiTheme) && classes.some((c) => c.endsWith(suffix));
      }, { uiTheme: theme.uiTheme, suffix: theme.classSuffix });
    if (await shown()) return;
    await this.runCommand('Preferences: Color Theme');
    await this.page.locator('.quick-input-widget .quick-input-box input').fill(theme.label);
    const row = this.page
      .locator('.quick-input-list .monaco-list-row')
      .filter({ has: this.page.locator('.label-name').getByText(theme.label, { exact: true }) })
      .first();
    await row.click({ timeout: LONG });
    try {
      await this.page.waitForFunction(
        ({ uiTheme, suffix }) => {
          const classes = [...(document.querySelector('.monaco-workbench')?.classList ?? [])];
          return classes.includes(uiTheme) && classes.some((c) => c.endsWith(suffix));
        },
        { uiTheme: theme.uiTheme, suffix: theme.classSuffix },
        { timeout: LONG },
      );
    } catch {
      throw new Error(`colour theme '${name}' did not apply within ${LONG / 1000} s`);
    }
    // The picker stores the choice asynchronously; wait for it, so that a reload keeps the theme.
    const deadline = Date.now() + LONG;
    const stored = (): boolean => {
      try {
        return (JSON.parse(fs.readFileSync(this.server.settingsPath, 'utf8')) as Record<string, unknown>)['workbench.colorTheme'] === theme.settingsId;
      } catch {
        return false;
      }
    };
    while (!stored()) {
      if (Date.now() > deadline) throw new Error(`colour theme '${name}' applied but was not stored in ${this.server.settingsPath}`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }

  /** Saves a full-page screenshot to `test-results/<name>.png` and returns its path. */
  async screenshot(name: string): Promise<string> {
    const file = path.join(resultsDir, `${sanitize(name)}.png`);
    await this.page.screenshot({ path: file });
    return file;
  }
}

/** Escapes a value for a double-quoted CSS attribute selector. */
function cssString(value: string): string {
  return value.replace(/["\\]/g, '\\$&');
}

/**
 * Runs in the page: the screen point in the middle of the `occurrence`-th match of `text` over the visible editor
 * lines. Monaco splits a line into token spans and renders spaces as U+00A0, so the match runs over the line's joined
 * text nodes, and a DOM Range over the matching node offsets gives its rectangle.
 */
function findTextPoint({ text, occurrence }: { text: string; occurrence: number }): { x: number; y: number } | null {
  const lines = [...document.querySelectorAll<HTMLElement>('.monaco-editor .view-lines .view-line')]
    .filter((line) => line.offsetParent !== null)
    .sort((a, b) => a.getBoundingClientRect().top - b.getBoundingClientRect().top || a.getBoundingClientRect().left - b.getBoundingClientRect().left);
  let seen = 0;
  for (const line of lines) {
    const nodes: Text[] = [];
    const walker = document.createTreeWalker(line, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) nodes.push(node as Text);
    const joined = nodes.map((node) => node.data).join('').replace(/\u00a0/g, ' ');
    for (let at = joined.indexOf(text); at >= 0; at = joined.indexOf(text, at + 1)) {
      if (seen++ < occurrence) continue;
      const locate = (offset: number, preferNext: boolean): [Text, number] => {
        let start = 0;
        for (const node of nodes) {
          const end = start + node.data.length;
          if (offset < end || (offset === end && !preferNext)) return [node, offset - start];
          start = end;
        }
        const last = nodes[nodes.length - 1];
        return [last, last.data.length];
      };
      const range = document.createRange();
      range.setStart(...locate(at, true));
      range.setEnd(...locate(at + text.length, false));
      const rect = range.getBoundingClientRect();
      if (rect.width === 0) continue;
      return { x: rect.left + rect.width / 2, y: rect.top + rect.height / 2 };
    }
  }
  return null;
}

let shared: Promise<Workbench> | undefined;

/** The run's shared workbench, started on first use. */
export function workbench(): Promise<Workbench> {
  shared ??= Workbench.start();
  return shared;
}

/** Closes the shared workbench if one was started. */
export async function closeWorkbench(): Promise<void> {
  if (!shared) return;
  const pending = shared;
  shared = undefined;
  const instance = await pending.catch(() => undefined);
  await instance?.close();
}

/** Mocha root hooks (run.ts installs them): a screenshot of every failing test, and closing after the run. */
export const mochaHooks = {
  async afterEach(this: Mocha.Context): Promise<void> {
    const test = this.currentTest;
    if (!test || test.state !== 'failed' || !shared) return;
    const instance = await shared.catch(() => undefined);
    if (!instance) return;
    const file = await instance.screenshot(`FAILED-${test.fullTitle()}`).catch(() => undefined);
    if (file) log(`screenshot of the failure: ${path.relative(repoRoot, file)}`);
    // Leave no palette, input box or modal dialog open for the next test.
    for (let i = 0; i < 2; i++) await instance.page.keyboard.press('Escape').catch(() => undefined);
  },
  async afterAll(): Promise<void> {
    await closeWorkbench();
  },
};

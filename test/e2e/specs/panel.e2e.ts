import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { FrameLocator } from 'playwright-core';
import { LONG, resultsDir, workbench } from '../workbench';
import type { Workbench } from '../workbench';

// The plot panel end to end: every ActViz command from the command palette of a real workbench, the plot read back
// from the webview's DOM (Plotly's SVG), a slider moved, a CSV exported through the save dialog, a bad expression,
// dark and light screenshots, and the panel restored after a reload. Also measures time to first plot.

const quickInput = '.quick-input-widget .quick-input-box input';

/** The panel's state as its page sees it: status, the curves Plotly drew (one path string per curve), timings. */
interface PanelDom {
  status: string;
  view: string;
  /** Curves drawn as lines. */
  traces: number;
  paths: string[];
  legend: string[];
  background: string;
  measures: Record<string, number>;
}

function readPanel(frame: FrameLocator): Promise<PanelDom> {
  return frame.locator('#app').evaluate((app: HTMLElement) => {
    const measures: Record<string, number> = {};
    for (const entry of performance.getEntriesByType('measure')) measures[entry.name] = entry.duration;
    const start = performance.getEntriesByName('actviz:script-start', 'mark')[0];
    if (start) measures['actviz:script-start'] = start.startTime;
    const svg = app.querySelector<SVGElement>('svg.main-svg');
    // Curves only: a scatter trace drawn as a line (kink markers and legend swatches have no js-line path).
    const lines = [...app.querySelectorAll('.scatterlayer .trace')].filter((t) => [...t.querySelectorAll('path.js-line')].some((p) => (p.getAttribute('d') ?? '').length > 2));
    return {
      status: app.dataset.status ?? '',
      view: app.dataset.view ?? '',
      traces: lines.length,
      paths: lines.map((t) => [...t.querySelectorAll('path.js-line')].map((p) => p.getAttribute('d') ?? '').join(' ')),
      legend: [...app.querySelectorAll('.legend .legendtext')].map((t) => t.textContent ?? ''),
      background: svg ? getComputedStyle(svg).backgroundColor : '',
      measures,
    };
  });
}

/** Waits until the newest panel has drawn (or shows an error) and returns what it shows. */
async function settledPanel(wb: Workbench, status: 'plotted' | 'error' = 'plotted'): Promise<{ frame: FrameLocator; dom: PanelDom }> {
  const frame = wb.webviewFrame();
  await frame.locator(`#app[data-status="${status}"]`).waitFor({ state: 'attached', timeout: 2 * LONG });
  if (status === 'plotted') await frame.locator('.scatterlayer .trace, .barlayer .trace').first().waitFor({ state: 'attached', timeout: LONG });
  return { frame, dom: await readPanel(frame) };
}

async function closeEditors(wb: Workbench): Promise<void> {
  await wb.runCommand('View: Close All Editors');
  await wb.page.locator('iframe.webview').first().waitFor({ state: 'detached', timeout: LONG }).catch(() => undefined);
}

/** Types into the open quick input and waits for the list or message to react. */
async function type(wb: Workbench, text: string): Promise<void> {
  const input = wb.page.locator(quickInput);
  await input.waitFor({ state: 'visible', timeout: LONG });
  await input.fill(text);
}

/**
 * Switches the colour theme through the palette ("Preferences: Color Theme"), as a user does, and waits until the
 * workbench wears it (`vs-dark` or `vs` on .monaco-workbench). Writing settings.json (Workbench.setColorTheme) did
 * not always reach this server's workbench in time, so the UI path is used here.
 */
async function useTheme(wb: Workbench, name: 'Dark Modern' | 'Light Modern' | 'Dark High Contrast'): Promise<void> {
  const wanted = name === 'Dark Modern' ? /\bvs-dark\b/ : name === 'Light Modern' ? /\bvs\b(?!-)/ : /\bhc-black\b/;
  const classes = async (): Promise<string> => (await wb.page.locator('.monaco-workbench').first().getAttribute('class')) ?? '';
  if (wanted.test(await classes())) return;
  await wb.runCommand('Preferences: Color Theme');
  await type(wb, name);
  await wb.page.locator(`.quick-input-list .monaco-list-row[aria-label^="${name}"]`).first().waitFor({ state: 'visible', timeout: LONG });
  await wb.page.keyboard.press('Enter');
  await wb.page.waitForFunction(
    (source) => new RegExp(source).test(document.querySelector('.monaco-workbench')?.className ?? ''),
    wanted.source,
    { timeout: LONG },
  );
}

const timings: Record<string, unknown>[] = [];

describe('ActViz plot panel (palette → webview)', () => {
  after(() => {
    if (timings.length === 0) return;
    fs.mkdirSync(resultsDir, { recursive: true });
    fs.writeFileSync(path.join(resultsDir, 'panel-timings.json'), `${JSON.stringify(timings, null, 2)}\n`);
  });

  it('Plot Expression… validates while typing, then plots f and f′ and measures time to first plot', async () => {
    const wb = await workbench();
    await useTheme(wb, 'Dark Modern');
    await wb.runCommand('ActViz: Plot Expression…');
    await type(wb, 'gleu(x)');
    const message = wb.page.locator('.quick-input-widget .quick-input-message');
    await message.filter({ hasText: "unknown function 'gleu'" }).waitFor({ state: 'visible', timeout: LONG });
    assert.match((await message.innerText()).replace(/\s+/g, ' '), /did you mean 'gelu'\?\) \(columns 1–4: “gleu”\)/);
    await wb.page.keyboard.press('Enter');
    // Enter on an invalid expression keeps the box open.
    await wb.page.locator(quickInput).waitFor({ state: 'visible' });
    await type(wb, 'x*sigmoid(x)');
    await message.filter({ hasText: 'unknown function' }).waitFor({ state: 'hidden', timeout: LONG });
    const started = Date.now();
    await wb.page.keyboard.press('Enter');
    const { dom } = await settledPanel(wb);
    const wall = Date.now() - started;
    assert.equal(dom.traces, 2, 'f and f′');
    assert.ok(dom.paths.every((d) => d.length > 100), 'each curve is a real path');
    assert.deepEqual(dom.legend.slice(0, 2), ['f', 'f′']);
    assert.equal(dom.view, 'function');
    const reported = await wb.webviewFrame().locator('#app').evaluate(() => (window as unknown as { actviz?: { firstPlotTimings?: Record<string, number> } }).actviz?.firstPlotTimings ?? {});
    const measured = {
      case: 'Plot Expression x*sigmoid(x), cold webview',
      'palette Enter → plotted (wall ms)': wall,
      'VS Code: command → webview navigation (ms)': reported['webview:command-to-navigation'],
      'blank webview: navigation → our script (ms)': dom.measures['actviz:script-start'],
      'Plotly evaluation (ms)': dom.measures['actviz:plotly-eval'],
      'our first evaluation + figure (ms)': dom.measures['actviz:first-figure'],
      'one newPlot (ms)': dom.measures['actviz:newplot'],
    };
    timings.push(measured);
    process.stderr.write(`[e2e] first plot: ${JSON.stringify(measured)}\n`);
    assert.equal(typeof dom.measures['actviz:plotly-eval'], 'number');
    assert.equal(typeof dom.measures['actviz:newplot'], 'number');
  });

  it('moves a slider and sees the curve change', async () => {
    const wb = await workbench();
    await closeEditors(wb);
    await wb.runCommand('ActViz: Plot Expression…');
    // The last expression is offered again (globalState), selected so typing replaces it.
    await wb.page.waitForFunction((selector) => document.querySelector<HTMLInputElement>(selector)?.value === 'x*sigmoid(x)', quickInput, { timeout: LONG });
    await type(wb, 'F.leaky_relu(x, negative_slope=0.2)');
    await wb.page.keyboard.press('Enter');
    const { frame, dom } = await settledPanel(wb);
    const warm = await frame.locator('#app').evaluate(() => (window as unknown as { actviz?: { firstPlotTimings?: Record<string, number> } }).actviz?.firstPlotTimings ?? {});
    timings.push({ case: 'Plot Expression F.leaky_relu, second panel of the session (warm webview host)', ...warm });
    process.stderr.write(`[e2e] first plot, warm: ${JSON.stringify(warm)}\n`);
    const slider = frame.locator('input[type=range][data-name="negative_slope"]');
    assert.equal(await slider.inputValue(), '0.2');
    assert.equal(await frame.locator('.slider .default-mark').getAttribute('title'), 'default 0.01');
    await slider.focus();
    for (let i = 0; i < 10; i++) await slider.press('ArrowRight');
    await frame.locator('.slider output').filter({ hasText: '0.30' }).waitFor({ timeout: LONG });
    await wb.page.waitForFunction(() => true);
    const changed = await (async () => {
      for (let i = 0; i < 100; i++) {
        const now = await readPanel(frame);
        if (now.paths[0] && now.paths[0] !== dom.paths[0]) return now;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      return undefined;
    })();
    assert.ok(changed, 'the f path changed after the slider moved');
    assert.equal(changed.traces, dom.traces);
    await wb.screenshot('panel-slider-dark');
  });

  it('Plot Activation Function… overlays several picked entries, with a legend', async () => {
    const wb = await workbench();
    await closeEditors(wb);
    await wb.runCommand('ActViz: Plot Activation Function…');
    for (const [query, label] of [['relu', 'relu'], ['F.silu', 'silu']] as const) {
      await type(wb, query);
      const row = wb.page.locator(`.quick-input-list .monaco-list-row[aria-label^="${label},"], .quick-input-list .monaco-list-row[aria-label^="${label} "]`).first();
      await row.waitFor({ state: 'visible', timeout: LONG });
      await row.click();
      await wb.page.locator('.quick-input-list .monaco-list-row[aria-checked="true"]').first().waitFor({ state: 'attached', timeout: LONG });
    }
    await wb.page.keyboard.press('Enter');
    const { dom } = await settledPanel(wb);
    assert.equal(dom.traces >= 4, true, `${dom.traces} traces`);
    assert.ok(dom.legend.some((t) => t.includes('relu(x)')) && dom.legend.some((t) => t.includes('silu(x)')), dom.legend.join(', '));
  });

  it('Compare Framework Defaults… overlays the frameworks and marks the kink conventions', async () => {
    const wb = await workbench();
    await closeEditors(wb);
    await wb.runCommand('ActViz: Compare Framework Defaults…');
    await type(wb, 'leaky_relu');
    await wb.page.locator('.quick-input-list .monaco-list-row[aria-label^="leaky_relu"]').first().waitFor({ state: 'visible', timeout: LONG });
    await wb.page.keyboard.press('Enter');
    const { dom } = await settledPanel(wb);
    const legend = dom.legend.join(' | ');
    for (const name of ['PyTorch', 'TensorFlow', 'Keras']) assert.ok(legend.includes(name), legend);
    assert.ok(legend.includes('f′ at kink (convention)'), legend);
    await wb.screenshot('panel-compare-dark');
    // "Copy as code" goes through the host to the clipboard, in the chosen framework's spelling.
    await wb.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: wb.server.origin });
    const { frame } = await settledPanel(wb);
    await frame.locator('#code-target').selectOption('jax');
    await frame.locator('#copy-code').click();
    // Read the clipboard from the workbench page (focused again first, which the clipboard API requires).
    await wb.page.locator('.statusbar').click({ position: { x: 600, y: 5 } });
    let clipboard = '';
    const deadline = Date.now() + LONG;
    while (!clipboard.includes('jax.nn') && Date.now() < deadline) {
      clipboard = await wb.page.evaluate(() => navigator.clipboard.readText().catch((e: unknown) => `unreadable: ${String(e)}`));
      if (!clipboard.includes('jax.nn')) await new Promise((resolve) => setTimeout(resolve, 250));
    }
    assert.match(clipboard, /^import jax$/m);
    assert.match(clipboard, /jax\.nn\.leaky_relu\(x, negative_slope=0\.2\)/);
  });

  it('Plot Selection plots the call under the cursor; a bad selection shows its message with a caret', async () => {
    const wb = await workbench();
    await closeEditors(wb);
    fs.writeFileSync(path.join(wb.workspaceDir, 'act.py'), 'import torch.nn.functional as F\n\nout = F.gelu(h)\nbad = relu(x\n');
    await wb.openFile('act.py');
    const gelu = wb.page.locator('.monaco-editor .view-line', { hasText: 'out = F.gelu(h)' });
    await gelu.click({ position: { x: 90, y: 5 } });
    await wb.runCommand('ActViz: Plot Selection');
    const { frame } = await settledPanel(wb);
    assert.equal(await frame.locator('code.expr').first().innerText(), 'F.gelu(x)');
    await wb.page.locator('.monaco-editor .view-line', { hasText: 'bad = relu(x' }).click();
    await wb.page.keyboard.press('Home');
    await wb.page.keyboard.press('Shift+End');
    await wb.runCommand('ActViz: Plot Selection');
    const bad = await settledPanel(wb, 'error');
    assert.match(await bad.frame.locator('.problem-message').innerText(), /expected '\)' to close '\('/);
    assert.equal((await bad.frame.locator('.problem-source .caret').innerText()).trim(), '^');
    assert.match(await bad.frame.locator('.status').innerText(), /fix the expression/);
    await wb.screenshot('panel-error-dark');
  });

  it('Export Plot… writes a CSV through the save dialog', async () => {
    const wb = await workbench();
    await closeEditors(wb);
    await wb.runCommand('ActViz: Plot Expression…');
    await type(wb, 'tanh(x)');
    await wb.page.keyboard.press('Enter');
    await settledPanel(wb);
    await wb.runCommand('ActViz: Export Plot…');
    await type(wb, 'CSV');
    await wb.page.locator('.quick-input-list .monaco-list-row[aria-label^="CSV"]').first().waitFor({ state: 'visible', timeout: LONG });
    await wb.page.keyboard.press('Enter');
    // VS Code's own save dialog (a quick input with the path): name the file in the workspace and accept.
    const target = path.join(wb.workspaceDir, 'tanh-export.csv');
    const input = wb.page.locator(quickInput);
    await wb.page.waitForFunction((selector) => {
      const el = document.querySelector<HTMLInputElement>(selector);
      return !!el && el.offsetParent !== null && el.value.endsWith('.csv');
    }, quickInput, { timeout: LONG });
    await input.fill(target);
    await wb.page.keyboard.press('Enter');
    const deadline = Date.now() + LONG;
    while (!fs.existsSync(target) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 200));
    const rows = fs.readFileSync(target, 'utf8').trim().split('\n');
    assert.equal(rows[0], 'x,f,df,d2f');
    assert.equal(rows.length, 1001);
    const [x, f, df, d2f] = (rows[500] as string).split(',').map(Number) as [number, number, number, number];
    const t = Math.tanh(x);
    assert.ok(Math.abs(f - t) < 1e-15 && Math.abs(df - (1 - t * t)) < 1e-15 && Math.abs(d2f + 2 * t * (1 - t * t)) < 1e-14, rows[500]);
  });

  it('shows a vector expression as bars and a Jacobian heat-map with the explanation', async () => {
    const wb = await workbench();
    await closeEditors(wb);
    await wb.runCommand('ActViz: Plot Expression…');
    await type(wb, 'softmax([2, 1, -1, 0.5] / T)');
    await wb.page.keyboard.press('Enter');
    const { frame, dom } = await settledPanel(wb);
    assert.equal(dom.view, 'jacobian');
    // Input and output bars (4 + 4) and the 4 × 4 Jacobian cells.
    assert.equal(await frame.locator('.barlayer .point').count(), 8 + 16, 'bars and heat-map cells are drawn');
    assert.equal(await frame.locator('.colorbar').count(), 1, 'the heat-map has its colour scale');
    assert.match(await frame.locator('.explain').innerText(), /softmax cross-entropy is the loss/);
    assert.equal(await frame.locator('input[type=range][data-name="T"]').count(), 1);
  });

  it('looks right in dark and light themes and re-themes live', async () => {
    const wb = await workbench();
    await closeEditors(wb);
    await useTheme(wb, 'Dark Modern');
    await wb.runCommand('ActViz: Plot Activation Function…');
    for (const query of ['gelu', 'sigmoid']) {
      await type(wb, query);
      const row = wb.page.locator(`.quick-input-list .monaco-list-row[aria-label^="${query},"], .quick-input-list .monaco-list-row[aria-label^="${query} "]`).first();
      await row.waitFor({ state: 'visible', timeout: LONG });
      await row.click();
    }
    await wb.page.keyboard.press('Enter');
    const dark = await settledPanel(wb);
    const darkBackground = dark.dom.background;
    assert.ok(isDark(darkBackground), `plot background in the dark theme: ${darkBackground}`);
    const chartColors = await dark.frame.locator('body').evaluate(() =>
      ['blue', 'orange', 'green', 'red'].map((c) => `${c} ${getComputedStyle(document.documentElement).getPropertyValue(`--vscode-charts-${c}`).trim()}`).join(', '));
    process.stderr.write(`[e2e] Dark Modern chart colours: ${chartColors}\n`);
    await wb.screenshot('panel-dark');
    await useTheme(wb, 'Light Modern');
    await wb.page.waitForFunction(() => true);
    let light = await readPanel(dark.frame);
    for (let i = 0; i < 100 && !isLight(light.background); i++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      light = await readPanel(dark.frame);
    }
    assert.ok(isLight(light.background), `plot background after switching to light: ${light.background}`);
    assert.equal(light.traces, dark.dom.traces);
    await wb.screenshot('panel-light');
    await useTheme(wb, 'Dark High Contrast');
    let contrast = await readPanel(dark.frame);
    for (let i = 0; i < 100 && luminance(contrast.background) > 0.02; i++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      contrast = await readPanel(dark.frame);
    }
    assert.ok(luminance(contrast.background) <= 0.02, `plot background in high contrast: ${contrast.background}`);
    await wb.screenshot('panel-high-contrast');
    await useTheme(wb, 'Dark Modern');
  });

  it('restores the open plot after a window reload (serializer + state)', async () => {
    const wb = await workbench();
    await closeEditors(wb);
    await wb.runCommand('ActViz: Plot Expression…');
    await type(wb, 'hardswish(x)');
    await wb.page.keyboard.press('Enter');
    await settledPanel(wb);
    // Reload as a user does (Developer: Reload Window): the workbench saves its editors before it goes.
    await Promise.all([wb.page.waitForNavigation({ timeout: 2 * LONG }), wb.runCommand('Developer: Reload Window')]);
    await wb.page.waitForFunction(() => 'driver' in window, undefined, { timeout: 2 * LONG });
    await wb.page.evaluate(() => (window as unknown as { driver: { whenWorkbenchRestored(): Promise<void> } }).driver.whenWorkbenchRestored());
    const tab = wb.page.locator('.tabs-container .tab', { hasText: 'hardswish' });
    await tab.first().waitFor({ state: 'visible', timeout: 2 * LONG });
    await tab.first().click();
    const { frame, dom } = await settledPanel(wb);
    assert.equal(await frame.locator('code.expr').first().innerText(), 'hardswish(x)');
    assert.equal(dom.traces >= 2, true);
  });
});

function rgb(color: string): [number, number, number] | undefined {
  const m = /rgba?\((\d+),\s*(\d+),\s*(\d+)/.exec(color);
  return m ? [Number(m[1]), Number(m[2]), Number(m[3])] : undefined;
}

function luminance(color: string): number {
  const c = rgb(color);
  return c ? (0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2]) / 255 : NaN;
}

function isDark(color: string): boolean {
  return luminance(color) < 0.3;
}

function isLight(color: string): boolean {
  return luminance(color) > 0.7;
}

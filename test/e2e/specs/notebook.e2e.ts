import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { FrameLocator } from 'playwright-core';
import { LONG, resultsDir, workbench } from '../workbench';
import type { Workbench } from '../workbench';

const repo = path.resolve(__dirname, '../../../..');
const mime = 'application/vnd.actviz.v1+json';

function log(message: string): void {
  process.stderr.write(`[e2e notebook] ${message}\n`);
}

interface Payload {
  expr?: string | string[];
  derivatives?: number[];
  series?: unknown[];
  title?: string;
}

/** The ActViz payloads saved in a notebook file, in output order. */
function savedPayloads(file: string): Payload[] {
  const notebook = JSON.parse(fs.readFileSync(file, 'utf8')) as { cells: { outputs?: { data?: Record<string, unknown> }[] }[] };
  return notebook.cells.flatMap((cell) => (cell.outputs ?? []).filter((o) => o.data && mime in o.data).map((o) => o.data?.[mime] as Payload));
}

/** What one ActViz output in the notebook webview looks like right now. */
interface OutputState {
  state: string;
  /** Traces Plotly holds (`gd.data`) and trace groups drawn in its SVG. */
  traces: number;
  drawnTraces: number;
  title: string;
  error: string;
  background: string;
}

/** The ActViz outputs of the notebook in cell order (the webview places each output at its cell's offset). */
function readOutputs(frame: FrameLocator): Promise<OutputState[]> {
  return frame.locator('.actviz-output').evaluateAll((outputs) =>
    [...outputs].sort((a, b) => a.getBoundingClientRect().top - b.getBoundingClientRect().top).map((output) => {
      const graph = output.querySelector('.js-plotly-plot') as (HTMLElement & { data?: unknown[]; _fullLayout?: { paper_bgcolor?: string } }) | null;
      return {
        state: output.getAttribute('data-actviz-state') ?? '',
        traces: graph?.data?.length ?? 0,
        drawnTraces: graph ? graph.querySelectorAll('.scatterlayer .trace, .barlayer .trace, .heatmaplayer .hm').length : 0,
        // The shared figure puts the title at the head of the legend.
        title: graph?.querySelector('.legendtitletext, .gtitle')?.textContent ?? '',
        error: output.querySelector('.actviz-error')?.textContent ?? '',
        background: graph?._fullLayout?.paper_bgcolor ?? '',
      };
    }),
  );
}

function finished(outputs: readonly OutputState[]): number {
  return outputs.filter((o) => o.state === 'drawn' || o.state === 'error').length;
}

/**
 * Walks the active notebook from its first code cell to its last cell with the keyboard (each step reveals the next
 * cell, as a reader scrolling would), then waits until `expected` ActViz outputs have finished (drawn or error box).
 * Outputs draw only once scrolled into view, so this is what "the whole notebook rendered" takes.
 */
async function renderAll(wb: Workbench, expected: number): Promise<OutputState[]> {
  const frame = wb.notebookOutputFrame();
  await frame.locator('.actviz-output').first().waitFor({ state: 'attached', timeout: LONG });
  await focusCellList(wb);
  const focused = (): Promise<string | null> =>
    wb.page.evaluate(() => {
      const visible = [...document.querySelectorAll<HTMLElement>('.notebook-editor')].find((e) => e.querySelector('.monaco-list') !== null && e.getBoundingClientRect().width > 0);
      return visible?.querySelector('.monaco-list-row.focused')?.getAttribute('data-index') ?? null;
    });
  for (;;) {
    if (finished(await readOutputs(frame)) >= expected) break;
    const before = await focused();
    await wb.page.keyboard.press('ArrowDown');
    const moved = await wb.page
      .waitForFunction(
        (previous) => {
          const visible = [...document.querySelectorAll<HTMLElement>('.notebook-editor')].find((e) => e.querySelector('.monaco-list') !== null && e.getBoundingClientRect().width > 0);
          return visible?.querySelector('.monaco-list-row.focused')?.getAttribute('data-index') !== previous;
        },
        before,
        { timeout: 10_000 },
      )
      .then(() => true, () => false);
    if (!moved) break; // the last cell
  }
  const deadline = Date.now() + 2 * LONG;
  for (;;) {
    const outputs = await readOutputs(frame);
    if (finished(outputs) >= expected) return outputs;
    if (Date.now() > deadline) throw new Error(`only ${finished(outputs)} of ${expected} outputs rendered: ${outputs.map((o) => o.state).join(' ')}`);
    await wb.page.waitForTimeout(100);
  }
}

function focusedRow(wb: Workbench): Promise<number> {
  return wb.page.evaluate(() => {
    const visible = [...document.querySelectorAll<HTMLElement>('.notebook-editor')].find((e) => e.querySelector('.monaco-list') !== null && e.getBoundingClientRect().width > 0);
    return Number(visible?.querySelector('.monaco-list-row.focused')?.getAttribute('data-index') ?? -1);
  });
}

// The notebook's cell list lives in an overlay `.notebook-editor` positioned outside the layout flow (its offsetParent
// is null), so the page functions below find it as the `.notebook-editor` that holds a list and has a size.

/** Puts keyboard focus on the cell list (not in a cell's editor), where the arrow keys move between cells. */
async function focusCellList(wb: Workbench): Promise<void> {
  // Click into a code cell's editor that is on screen (the list also keeps rows just outside the viewport).
  const point = await wb.page.evaluate(() => {
    const notebook = [...document.querySelectorAll<HTMLElement>('.notebook-editor')].find((e) => e.querySelector('.monaco-list') !== null && e.getBoundingClientRect().width > 0);
    // The cell list is the notebook's tallest list (breadcrumbs and widgets hold small ones).
    const list = [...(notebook?.querySelectorAll('.monaco-list') ?? [])]
      .map((l) => l.getBoundingClientRect())
      .sort((a, b) => b.height - a.height)[0];
    if (!notebook || !list) return null;
    for (const editor of notebook.querySelectorAll<HTMLElement>('.code-cell-row .monaco-editor')) {
      const r = editor.getBoundingClientRect();
      const top = Math.max(r.top, list.top);
      const bottom = Math.min(r.bottom, list.bottom);
      if (bottom - top >= 8 && r.width > 0) return { x: r.left + Math.min(60, r.width / 2), y: (top + bottom) / 2 };
    }
    return null;
  });
  assert.ok(point, 'no code cell on screen to focus the notebook with');
  await wb.page.mouse.click(point.x, point.y);
  await wb.page.keyboard.press('Escape');
}

/** Moves the focused cell to `index` with the arrow keys, so the notebook scrolls it into view. */
async function revealCell(wb: Workbench, index: number): Promise<void> {
  await focusCellList(wb);
  for (let step = 0; step < 200; step++) {
    const current = await focusedRow(wb);
    if (current === index) return;
    await wb.page.keyboard.press(current < index ? 'ArrowDown' : 'ArrowUp');
    await wb.page.waitForFunction(
      (previous) => {
        const visible = [...document.querySelectorAll<HTMLElement>('.notebook-editor')].find((e) => e.querySelector('.monaco-list') !== null && e.getBoundingClientRect().width > 0);
        return Number(visible?.querySelector('.monaco-list-row.focused')?.getAttribute('data-index') ?? -1) !== previous;
      },
      current,
      { timeout: 10_000 },
    );
  }
  throw new Error(`could not reach cell ${index}`);
}

async function closeEditors(wb: Workbench): Promise<void> {
  await wb.runCommand('View: Close All Editors');
  await wb.page.locator('.notebook-editor').filter({ visible: true }).waitFor({ state: 'detached', timeout: LONG }).catch(() => undefined);
}

describe('Notebook: ActViz outputs in the real workbench', () => {
  // One notebook at a time, so the output frame and the focused row belong to the notebook under test.
  beforeEach(async () => {
    await closeEditors(await workbench());
  });

  it('draws every saved output of the demo notebook as a Plotly plot, in dark and light themes', async () => {
    const wb = await workbench();
    const demo = path.join(repo, 'demo', 'activations.ipynb');
    fs.copyFileSync(demo, path.join(wb.workspaceDir, 'activations.ipynb'));
    const payloads = savedPayloads(demo);
    assert.ok(payloads.length >= 14);

    const started = Date.now();
    await wb.openFile('activations.ipynb');
    const outputs = await renderAll(wb, payloads.length);
    const seconds = (Date.now() - started) / 1000;
    log(`demo notebook: ${payloads.length} ActViz outputs rendered fully in ${seconds.toFixed(1)} s (open + scroll through)`);
    fs.mkdirSync(resultsDir, { recursive: true });
    fs.writeFileSync(path.join(resultsDir, 'notebook-timing.json'), `${JSON.stringify({ demoOutputs: payloads.length, demoRenderSeconds: seconds }, null, 2)}\n`);

    assert.equal(outputs.length, payloads.length, 'one ActViz output per saved payload');
    outputs.forEach((output, i) => {
      const payload = payloads[i];
      assert.equal(output.state, 'drawn', `output ${i} (${JSON.stringify(payload.expr)}): ${output.error}`);
      const exprs = [payload.expr ?? []].flat();
      // An expression without x draws bars (input, output) and a heat-map or gradient bars: at least two traces.
      const isVector = exprs.length === 1 && !/\bx\b/.test(exprs[0]);
      const curves = isVector ? 2 : exprs.length * (1 + (payload.derivatives ?? [1]).length) + (payload.series?.length ?? 0);
      assert.ok(output.traces >= curves, `output ${i} (${exprs.join(', ')}) has ${output.traces} traces, expected at least ${curves}`);
      assert.ok(output.drawnTraces >= curves, `output ${i}: Plotly drew ${output.drawnTraces} trace groups, expected at least ${curves}`);
      if (payload.title) assert.equal(output.title, payload.title, `output ${i} shows its title`);
    });

    // Screenshots at the saturation plot; the theme switch must re-colour the plots without re-running anything.
    const cells = (JSON.parse(fs.readFileSync(demo, 'utf8')) as { cells: { source: string[] }[] }).cells;
    const showcase = cells.findIndex((c) => c.source.join('').includes('saturation=0.01'));
    assert.ok(showcase > 0, 'the demo has a saturation plot');
    await revealCell(wb, showcase);
    const darkBackground = (await readOutputs(wb.notebookOutputFrame()))[0].background;
    await wb.screenshot('notebook-demo-dark');
    await wb.setColorTheme('Light Modern');
    const frame = wb.notebookOutputFrame();
    const relit = Date.now() + LONG;
    let lightBackground = darkBackground;
    while (lightBackground === darkBackground && Date.now() < relit) {
      lightBackground = (await readOutputs(frame))[0]?.background ?? darkBackground;
      if (lightBackground === darkBackground) await wb.page.waitForTimeout(100);
    }
    assert.notEqual(lightBackground, darkBackground, 'the plot background follows the theme');
    await wb.screenshot('notebook-demo-light');
    await wb.setColorTheme('Dark Modern');
    await closeEditors(wb);
  });

  it('shows an error box naming the field for each bad payload, and a hostile title only as text', async () => {
    const wb = await workbench();
    const file = path.join(wb.workspaceDir, 'notebooks', 'bad-payloads.ipynb');
    const sources = (JSON.parse(fs.readFileSync(file, 'utf8')) as { cells: { cell_type: string; source: string[] }[] }).cells
      .filter((c) => c.cell_type === 'code')
      .map((c) => c.source.join(''));
    await wb.openFile('notebooks/bad-payloads.ipynb');
    const outputs = await renderAll(wb, sources.length);
    assert.equal(outputs.length, sources.length);
    outputs.forEach((output, i) => {
      const expected = /expect: ([^)]+)\)/.exec(sources[i])?.[1] ?? 'plot';
      if (expected === 'plot') {
        assert.equal(output.state, 'drawn', `${sources[i]}: ${output.error}`);
        assert.ok(output.traces >= 2, `${sources[i]}: ${output.traces} traces`);
      } else {
        assert.equal(output.state, 'error', sources[i]);
        assert.ok(output.error.includes(expected), `${sources[i]}: error box says ${output.error}`);
      }
    });
    const hostile = outputs.find((o) => o.title.includes('<img'));
    assert.ok(hostile, 'the hostile title is shown literally');
    const frame = wb.notebookOutputFrame();
    assert.equal(await frame.locator('img[src="x"], .actviz-output script').count(), 0, 'no element came from payload text');
    assert.equal(await frame.locator('body[data-pwned]').count(), 0, 'no payload script ran');
    await wb.screenshot('notebook-bad-payloads');
    await closeEditors(wb);
  });

  it('opens a notebook of 40 outputs and draws them as they scroll into view', async () => {
    const wb = await workbench();
    const started = Date.now();
    await wb.openFile('notebooks/forty-outputs.ipynb');
    const frame = wb.notebookOutputFrame();
    await frame.locator('.actviz-output[data-actviz-state="drawn"]').first().waitFor({ state: 'attached', timeout: LONG });
    const first = (Date.now() - started) / 1000;
    const outputs = await renderAll(wb, 40);
    const all = (Date.now() - started) / 1000;
    log(`40-output notebook: first plot after ${first.toFixed(1)} s, all 40 after ${all.toFixed(1)} s of scrolling`);
    assert.equal(outputs.filter((o) => o.state === 'drawn').length, 40);
    const timing = path.join(resultsDir, 'notebook-timing.json');
    const previous = fs.existsSync(timing) ? (JSON.parse(fs.readFileSync(timing, 'utf8')) as object) : {};
    fs.writeFileSync(timing, `${JSON.stringify({ ...previous, fortyFirstPlotSeconds: first, fortyAllSeconds: all }, null, 2)}\n`);
    await closeEditors(wb);
  });
});

import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';

/** What `actviz._test.panels` reports about each open plot panel. */
interface PanelSummary {
  id: number;
  title: string;
  visible: boolean;
  active: boolean;
  model?: { series: { expr: string; label?: string; framework?: string; params?: Record<string, number> }[]; range: [number, number]; view: [number, number] };
  timings?: Record<string, number>;
}

interface PanelInfo {
  id: number;
  created: boolean;
  title: string;
}

const DRAW_TIMEOUT = 120_000;

function panels(): Thenable<PanelSummary[]> {
  return vscode.commands.executeCommand<PanelSummary[]>('actviz._test.panels');
}

async function until<T>(what: string, probe: () => Promise<T | undefined> | T | undefined, timeoutMs = DRAW_TIMEOUT): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** The panel once its page has drawn the first plot (it reports its timings then). */
function drawn(id: number): Promise<PanelSummary> {
  return until(`panel ${id} to draw`, async () => (await panels()).find((p) => p.id === id && p.timings !== undefined));
}

async function plot(command: string, args?: unknown): Promise<PanelInfo> {
  const info = await vscode.commands.executeCommand<PanelInfo | undefined>(command, args);
  assert.ok(info, `${command} opened no panel`);
  return info;
}

async function closeAll(): Promise<void> {
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  await until('panels to close', async () => ((await panels()).length === 0 ? true : undefined), 20_000);
}

async function setReuse(value: boolean | undefined): Promise<void> {
  await vscode.workspace.getConfiguration('actviz').update('plot.reusePanel', value, vscode.ConfigurationTarget.Global);
}

suite('Plot panel and commands', () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'actviz-panel-'));

  suiteSetup(async () => {
    await vscode.extensions.getExtension('actviz.actviz')?.activate();
  });

  teardown(async () => {
    await setReuse(undefined);
    await closeAll();
  });

  suiteTeardown(() => fs.rmSync(tmp, { recursive: true, force: true }));

  /** A saved file, so closing its editor asks nothing. */
  function pythonFile(name: string, content: string): vscode.Uri {
    const file = path.join(tmp, name);
    fs.writeFileSync(file, content);
    return vscode.Uri.file(file);
  }

  test('Plot Expression with arguments opens a panel that draws the expression', async () => {
    const info = await plot('actviz.plotExpression', { expr: 'F.leaky_relu(x, 0.2)', from: -2, to: 3 });
    assert.equal(info.created, true);
    const panel = await drawn(info.id);
    assert.deepEqual(panel.model?.series.map((s) => s.expr), ['F.leaky_relu(x, 0.2)']);
    assert.deepEqual(panel.model?.view, [-2, 3]);
    assert.match(panel.title, /ActViz: F\.leaky_relu/);
    for (const key of ['webview:plotly-eval', 'webview:newplot', 'host:command-to-first-plot']) {
      assert.equal(typeof panel.timings?.[key], 'number', `timing ${key}`);
    }
  });

  test('a second plot reuses the active panel by default', async () => {
    const first = await plot('actviz.plotExpression', { expr: 'relu(x)' });
    await drawn(first.id);
    const second = await plot('actviz.plotExpression', { expr: ['gelu(x)', 'silu(x)'] });
    assert.equal(second.created, false);
    assert.equal(second.id, first.id);
    const open = await panels();
    assert.equal(open.length, 1);
    assert.deepEqual(open[0]?.model?.series.map((s) => s.expr), ['gelu(x)', 'silu(x)']);
  });

  test('with actviz.plot.reusePanel off, or newPanel, every plot opens its own panel', async () => {
    await setReuse(false);
    const a = await plot('actviz.plotExpression', { expr: 'relu(x)' });
    const b = await plot('actviz.plotExpression', { expr: 'tanh(x)' });
    assert.equal(b.created, true);
    assert.notEqual(a.id, b.id);
    await setReuse(true);
    const c = await plot('actviz.plotExpression', { expr: 'sigmoid(x)', newPanel: true });
    assert.equal(c.created, true);
    assert.equal((await panels()).length, 3);
  });

  test('Plot Activation Function with names plots catalogue entries over their range', async () => {
    const info = await plot('actviz.plotActivation', { expr: ['relu', 'gelu'] });
    const panel = await drawn(info.id);
    assert.deepEqual(panel.model?.series.map((s) => s.expr), ['relu(x)', 'gelu(x)']);
  });

  test('Compare Framework Defaults accepts the hover link shape { fn } and overlays each framework', async () => {
    const info = await plot('actviz.compareDefaults', { fn: 'leaky_relu' });
    const panel = await drawn(info.id);
    const series = panel.model?.series ?? [];
    assert.ok(series.length >= 3, `${series.length} series`);
    const labels = series.map((s) => s.label ?? '').join(' | ');
    for (const name of ['PyTorch', 'TensorFlow', 'Keras']) assert.ok(labels.includes(name), labels);
    assert.match(panel.title, /Leaky ReLU across frameworks/);
  });

  test('Plot Selection plots the activation call under the cursor with the file’s framework', async () => {
    const source = 'import torch\nimport torch.nn.functional as F\n\ndef forward(h):\n    return F.leaky_relu(h, 0.2)\n';
    const document = await vscode.workspace.openTextDocument(pythonFile('model.py', source));
    const editor = await vscode.window.showTextDocument(document);
    const offset = source.indexOf('leaky_relu') + 3;
    editor.selection = new vscode.Selection(document.positionAt(offset), document.positionAt(offset));
    const info = await plot('actviz.plotSelection');
    const panel = await drawn(info.id);
    assert.deepEqual(JSON.parse(JSON.stringify(panel.model?.series)), [{ expr: 'F.leaky_relu(x, 0.2)', framework: 'torch' }]);
  });

  test('Plot Selection plots a selected expression', async () => {
    const source = 'y = x * torch.sigmoid(x)\n';
    const document = await vscode.workspace.openTextDocument(pythonFile('swish.py', source));
    const editor = await vscode.window.showTextDocument(document);
    editor.selection = new vscode.Selection(document.positionAt(4), document.positionAt(source.length - 1));
    const info = await plot('actviz.plotSelection');
    assert.deepEqual((await panels()).find((p) => p.id === info.id)?.model?.series.map((s) => s.expr), ['x * torch.sigmoid(x)']);
  });

  test('Export Plot writes CSV from the host, and SVG and PNG from the panel', async () => {
    const info = await plot('actviz.plotExpression', { expr: 'leaky_relu(x)', params: { negative_slope: 0.25 }, from: -2, to: 2 });
    await drawn(info.id);
    const csv = path.join(tmp, 'plot.csv');
    assert.ok(await vscode.commands.executeCommand('actviz.exportPlot', { format: 'csv', target: csv }));
    const rows = fs.readFileSync(csv, 'utf8').trim().split('\n');
    assert.equal(rows[0], 'x,f,df,d2f');
    assert.equal(rows[1], '-2,-0.5,0.25,0');
    assert.equal(rows.length, 1001);

    const svg = path.join(tmp, 'plot.svg');
    await vscode.commands.executeCommand('actviz.exportPlot', { format: 'svg', target: svg });
    const svgText = fs.readFileSync(svg, 'utf8');
    assert.match(svgText, /^<svg/);
    assert.match(svgText, /class="scatterlayer/);

    const png = path.join(tmp, 'plot.png');
    await vscode.commands.executeCommand('actviz.exportPlot', { format: 'png', target: png });
    const bytes = fs.readFileSync(png);
    assert.deepEqual([...bytes.subarray(0, 4)], [0x89, 0x50, 0x4e, 0x47]);
    assert.ok(bytes.length > 5000, `${bytes.length} bytes`);
  });

  test('bad arguments and no panel give an error message, never an exception', async () => {
    assert.equal(await vscode.commands.executeCommand('actviz.plotExpression', { expr: 42 }), undefined);
    assert.equal(await vscode.commands.executeCommand('actviz.compareDefaults', { fn: 'no_such_function' }), undefined);
    assert.equal(await vscode.commands.executeCommand('actviz.exportPlot', { format: 'csv', target: path.join(tmp, 'none.csv') }), undefined);
    assert.equal(fs.existsSync(path.join(tmp, 'none.csv')), false);
  });

  test('a bad expression still opens a panel (it shows the message there)', async () => {
    const info = await plot('actviz.plotExpression', { expr: 'gleu(x)' });
    assert.equal((await panels()).find((p) => p.id === info.id)?.model?.series[0]?.expr, 'gleu(x)');
  });

  test('the serializer revives a restored panel from its saved state', async () => {
    const model = {
      series: [{ expr: 'softplus(x)', params: { beta: 2 } }], range: [-4, 4], view: [-1, 1], points: 500,
      show: { f: true, d1: true, d2: false }, layers: { saturation: true, kinks: true, warnings: true }, saturationThreshold: 0.01, framework: 'torch',
    };
    const raw = vscode.window.createWebviewPanel('actviz.plot', 'restored', vscode.ViewColumn.One, {});
    const id = await vscode.commands.executeCommand<number>('actviz._test.revive', raw, { model });
    assert.equal(typeof id, 'number');
    const panel = await drawn(id);
    assert.deepEqual(JSON.parse(JSON.stringify(panel.model?.series)), model.series);
    assert.deepEqual(panel.model?.view, [-1, 1]);
    assert.match(panel.title, /softplus/);
  });

  test('the serializer ignores an invalid saved state without failing', async () => {
    const raw = vscode.window.createWebviewPanel('actviz.plot', 'restored', vscode.ViewColumn.One, {});
    const id = await vscode.commands.executeCommand<number>('actviz._test.revive', raw, { model: { series: '<script>' } });
    const panel = (await panels()).find((p) => p.id === id);
    assert.ok(panel);
    assert.equal(panel.model, undefined);
  });
});

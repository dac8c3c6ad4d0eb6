import * as assert from 'node:assert/strict';
import { JSDOM } from 'jsdom';
import type { PlotlyLike } from '../../../src/browser/chart';
import type { HostMessage, WebviewMessage } from '../../../src/shared/messages';
import type { PlotModel } from '../../../src/shared/plotModel';
import { PlotPanelView } from '../../../src/webview/panel';

interface Drawn {
  readonly method: 'newPlot' | 'react';
  readonly data: Record<string, unknown>[];
  readonly layout: Record<string, unknown>;
}

/** Records what would be drawn (jsdom cannot lay out Plotly's SVG) and lets a test fire zoom events. */
class FakePlotly implements PlotlyLike {
  readonly drawn: Drawn[] = [];
  relayout: ((event: unknown) => void) | undefined;

  newPlot(element: HTMLElement, data: unknown, layout: unknown): Promise<unknown> {
    this.drawn.push({ method: 'newPlot', data: data as Record<string, unknown>[], layout: layout as Record<string, unknown> });
    Object.assign(element, { on: (event: string, handler: (e: unknown) => void) => event === 'plotly_relayout' && (this.relayout = handler) });
    return Promise.resolve(element);
  }

  react(_element: HTMLElement, data: unknown, layout: unknown): Promise<unknown> {
    this.drawn.push({ method: 'react', data: data as Record<string, unknown>[], layout: layout as Record<string, unknown> });
    return Promise.resolve();
  }

  purge(): void {
    // nothing to free: nothing was drawn
  }

  toImage(_el: HTMLElement, options: { format: string }): Promise<string> {
    return Promise.resolve(options.format === 'png' ? 'data:image/png;base64,iVBORw==' : 'data:image/svg+xml,%3Csvg%2F%3E');
  }

  get last(): Drawn {
    const d = this.drawn[this.drawn.length - 1];
    assert.ok(d, 'nothing was drawn');
    return d;
  }
}

function model(series: PlotModel['series'], patch: Partial<PlotModel> = {}): PlotModel {
  return {
    series, range: [-5, 5], view: [-5, 5], points: 201, show: { f: true, d1: true, d2: false },
    layers: { saturation: true, kinks: true, warnings: true }, saturationThreshold: 0.01, framework: 'torch', ...patch,
  };
}

interface Harness {
  readonly dom: JSDOM;
  readonly view: PlotPanelView;
  readonly plotly: FakePlotly;
  readonly posted: WebviewMessage[];
  readonly state: { model?: PlotModel };
  readonly root: HTMLElement;
  settle(): Promise<void>;
}

async function harness(initial?: PlotModel): Promise<Harness> {
  const dom = new JSDOM('<!DOCTYPE html><html><body class="vscode-dark" data-vscode-theme-kind="vscode-dark"><main id="app"></main></body></html>');
  const g = globalThis as unknown as Record<string, unknown>;
  g.document = dom.window.document;
  g.MutationObserver = dom.window.MutationObserver;
  const plotly = new FakePlotly();
  const posted: WebviewMessage[] = [];
  const state: { model?: PlotModel } = {};
  const root = dom.window.document.getElementById('app') as HTMLElement;
  const view = new PlotPanelView(root, { post: (m) => posted.push(m), setState: (s) => (state.model = s.model) }, { plotly, requestFrame: (cb) => setTimeout(cb, 0) });
  await view.start(initial);
  const settle = async (): Promise<void> => {
    await new Promise((resolve) => setTimeout(resolve, 5));
    await view.chartInstance?.settled();
  };
  await settle();
  return { dom, view, plotly, posted, state, root, settle };
}

function lineNames(d: Drawn): string[] {
  return d.data.filter((t) => t.mode === 'lines' && Array.isArray(t.x) && (t.x as unknown[]).length > 1).map((t) => String(t.name));
}

function input(h: Harness, selector: string): HTMLInputElement {
  const found = h.root.querySelector(selector);
  assert.ok(found, `no ${selector}`);
  return found as HTMLInputElement;
}

function fire(h: Harness, target: Element, type: string): void {
  target.dispatchEvent(new h.dom.window.Event(type, { bubbles: true }));
}

describe('webview/panel', () => {
  afterEach(() => {
    const g = globalThis as unknown as Record<string, unknown>;
    delete g.document;
    delete g.MutationObserver;
  });

  it('draws a shown model once with newPlot, then reports the first plot with its timings', async () => {
    const h = await harness();
    assert.equal(h.root.dataset.status, 'empty');
    await h.view.handle({ type: 'show', model: model([{ expr: 'gelu(x)' }]) });
    await h.settle();
    assert.equal(h.plotly.drawn.length, 1);
    assert.equal(h.plotly.last.method, 'newPlot');
    assert.deepEqual(lineNames(h.plotly.last), ['f', 'f′']);
    assert.equal(h.root.dataset.status, 'plotted');
    const rendered = h.posted.find((m) => m.type === 'rendered');
    assert.ok(rendered && rendered.type === 'rendered' && typeof rendered.timings['webview:first-figure'] === 'number');
  });

  it('restores a saved model without the host', async () => {
    const h = await harness(model([{ expr: 'relu(x)' }, { expr: 'silu(x)' }]));
    assert.deepEqual(lineNames(h.plotly.last), ['f · relu(x)', 'f′ · relu(x)', 'f · silu(x)', 'f′ · silu(x)']);
  });

  it('builds one slider per parameter with the default marked, and a move re-renders with react and persists', async () => {
    const h = await harness(model([{ expr: 'F.leaky_relu(x, negative_slope=0.2)' }]));
    const slider = input(h, 'input[type=range][data-name=negative_slope]');
    assert.equal(slider.value, '0.2');
    assert.equal(h.root.querySelector('.slider .default-mark')?.getAttribute('title'), 'default 0.01');
    const before = (h.plotly.last.data[0]?.y as number[])[0];
    slider.value = '0.5';
    fire(h, slider, 'input');
    await h.settle();
    assert.equal(h.plotly.last.method, 'react');
    const after = (h.plotly.last.data[0]?.y as number[])[0];
    assert.equal(before, -1);
    assert.equal(after, -2.5, 'f(−5) with slope 0.5');
    assert.equal(h.root.querySelector('.slider output')?.textContent, '0.50');
    fire(h, slider, 'change');
    assert.equal(h.state.model?.series[0]?.params?.negative_slope, 0.5, 'saved on release');
  });

  it('coalesces a burst of slider moves into one render with the last value', async () => {
    const h = await harness(model([{ expr: 'leaky_relu(x)' }]));
    const renders = h.plotly.drawn.length;
    const slider = input(h, 'input[type=range]');
    for (const v of ['0.1', '0.2', '0.3', '0.4']) {
      slider.value = v;
      fire(h, slider, 'input');
    }
    await h.settle();
    assert.equal(h.plotly.drawn.length, renders + 1);
    assert.equal((h.plotly.last.data[0]?.y as number[])[0], -2);
  });

  it('re-samples the visible range after a zoom, at the same density', async () => {
    const h = await harness(model([{ expr: 'tanh(x)' }]));
    h.plotly.relayout?.({ 'xaxis.range[0]': -0.5, 'xaxis.range[1]': 0.5 });
    await h.settle();
    const x = h.plotly.last.data[0]?.x as number[];
    assert.equal(x[0], -0.5);
    assert.equal(x[x.length - 1], 0.5);
    assert.equal(x.length, 201);
    assert.equal(input(h, '#x-from').value, '-0.5');
    h.plotly.relayout?.({ 'xaxis.autorange': true });
    await h.settle();
    assert.deepEqual((h.plotly.last.layout.xaxis as { range: number[] }).range, [-5, 5]);
  });

  it('takes a typed x-range, refusing a reversed one', async () => {
    const h = await harness(model([{ expr: 'x' }]));
    const from = input(h, '#x-from');
    const to = input(h, '#x-to');
    from.value = '1';
    to.value = '3';
    fire(h, to, 'change');
    await h.settle();
    assert.deepEqual((h.plotly.last.layout.xaxis as { range: number[] }).range, [1, 3]);
    from.value = '9';
    fire(h, from, 'change');
    await h.settle();
    assert.ok(from.hasAttribute('aria-invalid'));
    assert.deepEqual((h.plotly.last.layout.xaxis as { range: number[] }).range, [1, 3]);
  });

  it('toggles f″ and the kink markers', async () => {
    const h = await harness(model([{ expr: 'relu(x)' }]));
    assert.ok(h.plotly.last.data.some((t) => t.name === 'kinks'));
    const d2 = input(h, 'input[data-toggle=d2]');
    d2.checked = true;
    fire(h, d2, 'change');
    const kinks = input(h, 'input[data-toggle=kinks]');
    kinks.checked = false;
    fire(h, kinks, 'change');
    await h.settle();
    assert.deepEqual(lineNames(h.plotly.last), ['f', 'f′', 'f″']);
    assert.ok(!h.plotly.last.data.some((t) => t.name === 'kinks'));
    assert.equal(h.state.model?.show.d2, true);
  });

  it('shows a bad expression as its message with a caret under the span, never a blank panel', async () => {
    const h = await harness(model([{ expr: 'relu(x) + gleu(x)' }]));
    assert.equal(h.root.dataset.status, 'error');
    assert.match(h.root.querySelector('.problem-message')?.textContent ?? '', /unknown function 'gleu' \(did you mean 'gelu'\?\)/);
    const caret = h.root.querySelector('.problem-source .caret')?.textContent;
    assert.equal(caret, `${' '.repeat(10)}^^^^`);
    assert.match(h.root.querySelector('.status')?.textContent ?? '', /fix the expression/);
  });

  it('plots the good expressions of an overlay and flags the bad one', async () => {
    const h = await harness(model([{ expr: 'relu(x)' }, { expr: 'relu(x' }]));
    assert.equal(h.root.dataset.status, 'plotted');
    assert.equal(h.root.querySelectorAll('.problem').length, 1);
    assert.ok(lineNames(h.plotly.last).length > 0);
  });

  it('inserts hostile expression text as text only', async () => {
    const hostile = '<img src=x onerror="globalThis.pwned=1">';
    const h = await harness(model([{ expr: hostile, label: '<b>label</b>' }]));
    assert.equal(h.root.querySelectorAll('img, b').length, 0);
    assert.equal(h.root.querySelector('code.expr')?.textContent, '<b>label</b>');
    assert.equal((globalThis as { pwned?: unknown }).pwned, undefined);
  });

  it('shows lint warnings beside the expression, and hides them with their toggle', async () => {
    const h = await harness(model([{ expr: 'log(1+exp(x))' }]));
    assert.match(h.root.querySelector('.lint')?.textContent ?? '', /softplus/);
    const box = input(h, 'input[data-toggle=warnings]');
    box.checked = false;
    fire(h, box, 'change');
    assert.equal(h.root.querySelectorAll('.lint').length, 0);
  });

  it('shows softmax with a temperature slider, bars, a Jacobian heat-map and the explanation', async () => {
    const h = await harness(model([{ expr: 'softmax([2, 1, -1] / T)' }]));
    assert.deepEqual(h.plotly.last.data.map((t) => t.name), ['input z', 'output (softmax)', 'Jacobian ∂y/∂z']);
    assert.equal(h.root.dataset.view, 'jacobian');
    assert.match(h.root.querySelector('.explain')?.textContent ?? '', /softmax cross-entropy is the loss/);
    const t = input(h, 'input[type=range][data-name=T]');
    const before = JSON.stringify(h.plotly.last.data[1]?.y);
    t.value = '0.5';
    fire(h, t, 'input');
    await h.settle();
    assert.notEqual(JSON.stringify(h.plotly.last.data[1]?.y), before, 'a lower temperature sharpens the output');
  });

  it('answers an image request with a data URL and the same id', async () => {
    const h = await harness(model([{ expr: 'x' }]));
    const request: HostMessage = { type: 'exportImage', id: 7, format: 'png', width: 800, height: 400 };
    await h.view.handle(request);
    const image = h.posted.find((m) => m.type === 'image');
    assert.deepEqual(image, { type: 'image', id: 7, format: 'png', dataUrl: 'data:image/png;base64,iVBORw==' });
  });

  it('sends the export and copy-code buttons to the host', async () => {
    const h = await harness(model([{ expr: 'x' }]));
    (h.root.querySelector('button[data-export=csv]') as HTMLButtonElement).click();
    (h.root.querySelector('#code-target') as HTMLSelectElement).value = 'jax';
    (h.root.querySelector('#copy-code') as HTMLButtonElement).click();
    await h.settle();
    // Node has no navigator.clipboard here, so the page leaves the copying to the host.
    assert.deepEqual(h.posted.filter((m) => m.type === 'requestExport' || m.type === 'copyCode'), [
      { type: 'requestExport', format: 'csv' },
      { type: 'copyCode', target: 'jax', copied: false },
    ]);
  });
});

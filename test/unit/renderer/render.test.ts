import * as assert from 'node:assert/strict';
import { JSDOM } from 'jsdom';
import type { OutputItem } from 'vscode-notebook-renderer';
import type { PlotlyLike } from '../../../src/browser/chart';
import { caretLines, createRenderer } from '../../../src/renderer/render';
import type { ActvizRenderer, RendererDeps } from '../../../src/renderer/render';

const mime = 'application/vnd.actviz.v1+json';

interface PlotCall {
  readonly method: 'newPlot' | 'react';
  readonly element: HTMLElement;
  readonly data: Record<string, unknown>[];
  readonly layout: Record<string, unknown>;
  readonly config: Record<string, unknown>;
}

/** Records what would have been drawn; jsdom cannot lay out Plotly's SVG. */
class FakePlotly implements PlotlyLike {
  readonly calls: PlotCall[] = [];
  readonly purged: HTMLElement[] = [];
  readonly handlers = new Map<HTMLElement, (event: unknown) => void>();

  newPlot(element: HTMLElement, data: unknown, layout: unknown, config?: unknown): Promise<unknown> {
    this.calls.push({ method: 'newPlot', element, data: data as Record<string, unknown>[], layout: layout as Record<string, unknown>, config: config as Record<string, unknown> });
    // Plotly adds an event API to the graph div; the renderer listens for zoom and pan through it.
    Object.assign(element, { on: (event: string, handler: (e: unknown) => void) => event === 'plotly_relayout' && this.handlers.set(element, handler) });
    return Promise.resolve(element);
  }

  react(element: HTMLElement, data: unknown, layout: unknown, config?: unknown): Promise<unknown> {
    this.calls.push({ method: 'react', element, data: data as Record<string, unknown>[], layout: layout as Record<string, unknown>, config: config as Record<string, unknown> });
    return Promise.resolve(element);
  }

  purge(element: HTMLElement): void {
    this.purged.push(element);
  }

  toImage(): Promise<string> {
    return Promise.resolve('');
  }

  last(element?: HTMLElement): PlotCall {
    const calls = element ? this.calls.filter((c) => c.element === element) : this.calls;
    const call = calls[calls.length - 1];
    assert.ok(call, 'nothing was drawn');
    return call;
  }
}

/** An `OutputItem` as VS Code hands it to a renderer (the shape of VS Code's own notebook-renderers tests). */
function outputItem(value: unknown, id = 'cell-1-output-0', itemMime = mime): OutputItem {
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return {
    id,
    mime: itemMime,
    metadata: {},
    text: () => text,
    json: () => JSON.parse(text) as unknown,
    data: () => new TextEncoder().encode(text),
    blob: () => new Blob([text]),
  };
}

interface Harness {
  readonly dom: JSDOM;
  readonly plotly: FakePlotly;
  readonly renderer: ActvizRenderer;
  /** Outputs waiting to scroll into view, in render order. */
  readonly waiting: { element: HTMLElement; show: () => void }[];
  element(): HTMLElement;
  render(value: unknown, id?: string): HTMLElement;
  showAll(): Promise<void>;
}

function harness(options: { visible?: boolean; deps?: Partial<RendererDeps> } = {}): Harness {
  const dom = new JSDOM('<!DOCTYPE html><html><head></head><body class="vscode-light" data-vscode-theme-kind="vscode-light"></body></html>');
  const plotly = new FakePlotly();
  const waiting: Harness['waiting'] = [];
  const logged: unknown[] = [];
  const renderer = createRenderer({
    plotly,
    requestFrame: (callback) => setTimeout(callback, 0),
    whenVisible: (element, show) => {
      if (options.visible !== false) {
        show();
        return () => undefined;
      }
      const stop = (): void => {
        const i = waiting.indexOf(entry);
        if (i >= 0) waiting.splice(i, 1);
      };
      // Like an IntersectionObserver that disconnects after the first intersection.
      const entry = { element, show: () => (stop(), show()) };
      waiting.push(entry);
      return stop;
    },
    watchTheme: () => () => undefined,
    log: (...args) => logged.push(args),
    ...options.deps,
  });
  const element = (): HTMLElement => {
    const div = dom.window.document.createElement('div');
    dom.window.document.body.appendChild(div);
    return div;
  };
  return {
    dom,
    plotly,
    renderer,
    waiting,
    element,
    render(value, id) {
      const target = element();
      renderer.renderOutputItem(outputItem(value, id), target, new dom.window.AbortController().signal as unknown as AbortSignal);
      return target;
    },
    async showAll() {
      for (const entry of [...waiting]) entry.show();
      await renderer.settled();
    },
  };
}

function names(call: PlotCall): string[] {
  return call.data.map((trace) => String(trace.name));
}

function trace(call: PlotCall, name: string): Record<string, unknown> {
  const found = call.data.find((t) => t.name === name);
  assert.ok(found, `no trace named ${name}; traces: ${names(call).join(', ')}`);
  return found;
}

function numbersOf(values: unknown): number[] {
  return (values as (number | null)[]).filter((v): v is number => typeof v === 'number');
}

/** The value of a drawn curve at the sample nearest to x. */
function valueAt(t: Record<string, unknown>, x: number): number {
  const xs = t.x as (number | null)[];
  const ys = t.y as (number | null)[];
  let best = -1;
  xs.forEach((v, i) => {
    if (v !== null && ys[i] !== null && (best < 0 || Math.abs(v - x) < Math.abs((xs[best] as number) - x))) best = i;
  });
  assert.ok(best >= 0, 'the curve has no finite point');
  return ys[best] as number;
}

function errorText(element: HTMLElement): string {
  const box = element.querySelector('.actviz-error');
  assert.ok(box, `expected an error box, got: ${element.innerHTML.slice(0, 300)}`);
  return box.textContent ?? '';
}

describe('notebook renderer', () => {
  describe('plots expressions', () => {
    it('draws f and f′ of one expression over its range when the output is visible', async () => {
      const h = harness();
      const element = h.render({ version: 1, expr: 'tanh(x)', range: [-4, 4], points: 801 });
      await h.renderer.settled();
      const call = h.plotly.last();
      assert.equal(call.method, 'newPlot');
      assert.ok(element.contains(call.element), 'Plotly draws inside the output element');
      assert.deepEqual(names(call).slice(0, 2), ['f', 'f′']);
      const f = trace(call, 'f');
      const xs = numbersOf(f.x);
      assert.equal(xs[0], -4);
      assert.equal(xs[xs.length - 1], 4);
      assert.ok(Math.abs(valueAt(f, 1) - Math.tanh(1)) < 1e-12);
      assert.ok(Math.abs(valueAt(trace(call, 'f′'), 1) - (1 - Math.tanh(1) ** 2)) < 1e-12);
      assert.deepEqual((call.layout.xaxis as { range: number[] }).range, [-4, 4]);
      assert.equal(call.layout.hovermode, 'x unified');
      assert.equal(call.config.scrollZoom, false, 'the wheel scrolls the notebook instead of zooming the plot');
      assert.equal(call.config.displaylogo, false, 'the shared configuration still applies');
      assert.equal(element.querySelector('.actviz-output')?.getAttribute('data-actviz-state'), 'drawn');
    });

    it('overlays several expressions with f″ when asked, and labels each curve', async () => {
      const h = harness();
      h.render({ expr: ['relu(x)', 'silu(x)'], derivatives: [1, 2] });
      await h.renderer.settled();
      const call = h.plotly.last();
      for (const name of ['f · relu(x)', 'f′ · relu(x)', 'f″ · relu(x)', 'f · silu(x)', 'f′ · silu(x)', 'f″ · silu(x)']) trace(call, name);
      assert.deepEqual((call.layout.xaxis as { range: number[] }).range, [-5, 5], 'the default range');
    });

    it('draws f alone for an empty derivatives list', async () => {
      const h = harness();
      h.render({ expr: 'sigmoid(x)', derivatives: [] });
      await h.renderer.settled();
      assert.deepEqual(names(h.plotly.last()).filter((n) => n.startsWith('f')), ['f']);
    });

    it('shades saturation when the payload asks for it', async () => {
      const h = harness();
      h.render({ expr: 'sigmoid(x)', range: [-10, 10], saturation: 0.01 });
      await h.renderer.settled();
      const shading = h.plotly.last().data.find((t) => t.fill === 'toself');
      assert.ok(shading, 'a shaded region');
      const xs = numbersOf(shading.x);
      assert.equal(Math.min(...xs), -10, 'the left tail is shaded from the edge');
      assert.equal(Math.max(...xs), 10, 'and so is the right tail');
      assert.ok(!xs.some((x) => Math.abs(x) < 4), 'the middle, where σ′ ≥ 0.01, is not shaded');
    });

    it('overlays precomputed series on an expression', async () => {
      const h = harness();
      const x = [-2, -1.5, -1, -0.5, 0, 0.5, 1, 1.5, 2];
      const y = [-0.0455, -0.1002, -0.1587, -0.1543, 0, 0.3457, 0.8413, 1.3998, null];
      h.render({ expr: 'gelu(x)', range: [-2, 2], x, series: [{ name: 'torch float32', y }] });
      await h.renderer.settled();
      const series = trace(h.plotly.last(), 'f · torch float32');
      assert.deepEqual(series.x, x);
      assert.deepEqual(series.y, y, 'values pass through unchanged, null stays a gap');
      trace(h.plotly.last(), 'f · gelu(x)');
    });

    it('plots series alone over the extent of x', async () => {
      const h = harness();
      h.render({ x: [-3, 0, 7], series: [{ name: 'measured', y: [1, 2, 3] }] });
      await h.renderer.settled();
      assert.deepEqual((h.plotly.last().layout.xaxis as { range: number[] }).range, [-3, 7]);
    });

    it('draws an expression without x as bars with its Jacobian', async () => {
      const h = harness();
      h.render({ expr: 'softmax([1, 2, 3] / T)', params: { T: 0.5 } });
      await h.renderer.settled();
      const call = h.plotly.last();
      // The shared figure draws the Jacobian's cells as coloured bars on a second axis pair.
      const jacobian = trace(call, 'Jacobian ∂y/∂z');
      assert.equal(jacobian.xaxis, 'x2');
      assert.equal((jacobian.x as unknown[]).length, 9, 'one cell per entry of the 3 × 3 Jacobian');
      const output = call.data.find((t) => t.type === 'bar' && String(t.name).startsWith('output')) as { y: number[] };
      const e = [1, 2, 3].map((z) => Math.exp(z / 0.5));
      const sum = e[0] + e[1] + e[2];
      output.y.forEach((v, i) => assert.ok(Math.abs(v - e[i] / sum) < 1e-12, `softmax[${i}]`));
    });
  });

  describe('renders only what is visible', () => {
    it('waits for an output to scroll into view before calling Plotly', async () => {
      const h = harness({ visible: false });
      const element = h.render({ expr: 'relu(x)' });
      await h.renderer.settled();
      assert.equal(h.plotly.calls.length, 0);
      assert.equal(element.querySelector('.actviz-output')?.getAttribute('data-actviz-state'), 'waiting');
      assert.match(element.textContent ?? '', /relu\(x\)/, 'a placeholder says what will be drawn');
      await h.showAll();
      assert.equal(h.plotly.calls.length, 1);
    });

    it('draws 3 of 40 outputs when only 3 are on screen, and the rest as they arrive', async () => {
      const h = harness({ visible: false });
      for (let i = 0; i < 40; i++) h.render({ expr: `leaky_relu(x, ${(i + 1) / 100})` }, `out-${i}`);
      assert.equal(h.waiting.length, 40);
      for (const entry of h.waiting.slice(0, 3)) entry.show();
      await h.renderer.settled();
      assert.equal(h.plotly.calls.filter((c) => c.method === 'newPlot').length, 3);
      await h.showAll();
      assert.equal(h.plotly.calls.filter((c) => c.method === 'newPlot').length, 40);
    });

    it('never draws an output disposed before it became visible', async () => {
      const h = harness({ visible: false });
      h.render({ expr: 'relu(x)' }, 'gone');
      const entry = h.waiting[0];
      h.renderer.disposeOutputItem('gone');
      entry?.show();
      await h.renderer.settled();
      assert.equal(h.plotly.calls.length, 0);
    });
  });

  describe('interacts', () => {
    it('offers a slider per numeric parameter and redraws when it moves', async () => {
      const h = harness();
      const element = h.render({ expr: 'leaky_relu(x)', range: [-4, 4], params: { negative_slope: 0.1 } });
      await h.renderer.settled();
      const input = element.querySelector<HTMLInputElement>('input[type=range][data-param="negative_slope"]');
      assert.ok(input, 'a negative_slope slider');
      assert.equal(Number(input.value), 0.1);
      assert.ok(Math.abs(valueAt(trace(h.plotly.last(), 'f'), -4) - -0.4) < 1e-12);
      assert.match(element.querySelector('.actviz-slider')?.textContent ?? '', /default 0\.01/);
      input.value = '0.5';
      input.dispatchEvent(new h.dom.window.Event('input'));
      await h.renderer.settled();
      const call = h.plotly.last();
      assert.equal(call.method, 'react');
      assert.ok(Math.abs(valueAt(trace(call, 'f'), -4) - -2) < 1e-12, 'the curve follows the slider');
      assert.equal(element.querySelector('.actviz-slider-value')?.textContent, '0.5');
    });

    it('keeps each framework its own default when their curves are overlaid', async () => {
      const h = harness();
      const element = h.render({ expr: ['F.leaky_relu(x)', 'tf.nn.leaky_relu(x)', 'nn.LeakyReLU()(x)'], range: [-4, 4] });
      await h.renderer.settled();
      const call = h.plotly.last();
      assert.ok(Math.abs(valueAt(trace(call, 'f · F.leaky_relu(x)'), -4) - -0.04) < 1e-12);
      assert.ok(Math.abs(valueAt(trace(call, 'f · tf.nn.leaky_relu(x)'), -4) - -0.8) < 1e-12);
      const labels = [...element.querySelectorAll('.actviz-slider-name')].map((n) => n.textContent);
      assert.deepEqual(labels, ['negative_slope', 'negative_slope · tf.nn.leaky_relu(x)']);
      const tf = element.querySelector<HTMLInputElement>('input[data-param="negative_slope@1"]');
      assert.ok(tf);
      tf.value = '0.5';
      tf.dispatchEvent(new h.dom.window.Event('input'));
      await h.renderer.settled();
      const moved = h.plotly.last();
      assert.ok(Math.abs(valueAt(trace(moved, 'f · tf.nn.leaky_relu(x)'), -4) - -2) < 1e-12, 'the TF slider moves the TF curve');
      assert.ok(Math.abs(valueAt(trace(moved, 'f · F.leaky_relu(x)'), -4) - -0.04) < 1e-12, 'and leaves PyTorch alone');
    });

    it('re-samples the visible range after a zoom', async () => {
      const h = harness();
      h.render({ expr: 'tanh(x)', range: [-100, 100], points: 200 });
      await h.renderer.settled();
      const graph = h.plotly.last().element;
      h.plotly.handlers.get(graph)?.({ 'xaxis.range[0]': -1, 'xaxis.range[1]': 1 });
      await h.renderer.settled();
      const xs = numbersOf(trace(h.plotly.last(), 'f').x);
      assert.equal(xs[0], -1);
      assert.equal(xs[xs.length - 1], 1);
      assert.equal(xs.length, 200, 'the zoomed range gets the full density');
    });

    it('re-themes on a theme change without re-running the cell', async () => {
      let announce: () => void = () => undefined;
      const h = harness({ deps: { watchTheme: (onChange) => ((announce = onChange), () => undefined) } });
      h.render({ expr: 'gelu(x)' });
      await h.renderer.settled();
      const before = h.plotly.last().layout.paper_bgcolor;
      h.dom.window.document.body.className = 'vscode-dark';
      h.dom.window.document.body.dataset.vscodeThemeKind = 'vscode-dark';
      announce();
      await h.renderer.settled();
      const after = h.plotly.last();
      assert.equal(after.method, 'react');
      assert.notEqual(after.layout.paper_bgcolor, before);
    });

    it('watches body attributes for theme changes by default', async () => {
      const h = harness({ deps: { watchTheme: undefined } });
      // theme.ts observes with the page's MutationObserver, which Node lacks.
      (globalThis as { MutationObserver?: unknown }).MutationObserver = h.dom.window.MutationObserver;
      try {
        h.render({ expr: 'gelu(x)' });
        await h.renderer.settled();
        const drawn = h.plotly.calls.length;
        h.dom.window.document.body.className = 'vscode-dark';
        h.dom.window.document.body.dataset.vscodeThemeKind = 'vscode-dark';
        await new Promise((resolve) => setTimeout(resolve, 20));
        await h.renderer.settled();
        assert.equal(h.plotly.calls.length, drawn + 1);
      } finally {
        h.renderer.disposeOutputItem();
        delete (globalThis as { MutationObserver?: unknown }).MutationObserver;
      }
    });
  });

  describe('shows errors instead of plots', () => {
    const cases: { name: string; payload: unknown; expect: RegExp[] }[] = [
      { name: 'an unknown field', payload: { expr: 'x', colour: 'red' }, expect: [/colour/, /not a field/] },
      { name: 'huge points', payload: { expr: 'x', points: 1e7 }, expect: [/points/, /between 2 and 20000/] },
      { name: 'a non-finite range', payload: { expr: 'x', range: [null, 1] }, expect: [/range\[0\]/, /finite number/] },
      { name: 'a value expression mixed with curves', payload: { expr: ['relu(x)', 'softmax([1, 2])'] }, expect: [/expr\[1\]/, /own output/] },
      { name: 'an unused parameter', payload: { expr: 'relu(x)', params: { T: 2 } }, expect: [/params\.T/, /no expression has a parameter named 'T'/] },
    ];
    for (const { name, payload, expect } of cases) {
      it(`names the field for ${name}`, async () => {
        const h = harness();
        const element = h.render(payload);
        await h.renderer.settled();
        const text = errorText(element);
        for (const pattern of expect) assert.match(text, pattern);
        assert.equal(h.plotly.calls.length, 0);
        assert.equal(element.querySelector('.actviz-output')?.getAttribute('data-actviz-state'), 'error');
      });
    }

    it('shows the expression with a caret under the bad span', async () => {
      const h = harness();
      const element = h.render({ expr: ['relu(x)', 'gleu(x) + 1'] });
      const text = errorText(element);
      assert.match(text, /expr\[1\]/);
      assert.match(text, /gleu/);
      const pre = element.querySelector('.actviz-error-source');
      assert.ok(pre, 'a source line with a caret');
      const [line, caret] = (pre.textContent ?? '').split('\n');
      assert.equal(line, 'gleu(x) + 1');
      assert.equal(caret?.indexOf('^'), 0);
      assert.ok((caret?.trim().length ?? 0) >= 1);
    });

    it('explains output that is not JSON', () => {
      const h = harness();
      const element = h.element();
      h.renderer.renderOutputItem(outputItem('{"expr": "x",'), element);
      assert.match(errorText(element), /not valid JSON/);
    });

    it('refuses a MIME type it was not built for', () => {
      const h = harness();
      const element = h.element();
      h.renderer.renderOutputItem(outputItem({ expr: 'x' }, 'o', 'text/html'), element);
      assert.match(errorText(element), /unexpected MIME type 'text\/html'/);
    });

    it('reports a failing plot library in the output instead of throwing', async () => {
      const failing = new FakePlotly();
      failing.newPlot = () => Promise.reject(new Error('WebGL is not available'));
      const h = harness({ deps: { plotly: failing } });
      const element = h.render({ expr: 'relu(x)' });
      await h.renderer.settled();
      assert.match(errorText(element), /could not draw the plot[\s\S]*WebGL is not available/);
    });
  });

  describe('keeps payload text out of the HTML', () => {
    const hostile = '<img src=x onerror="globalThis.pwned=1"><script>globalThis.pwned=1</script>';

    it('shows a hostile title as text and escapes it for Plotly', async () => {
      const h = harness();
      const element = h.render({ expr: 'relu(x)', title: hostile, x: [0, 1], series: [{ name: hostile, y: [0, 1] }] });
      await h.renderer.settled();
      assert.equal(element.querySelector('img, script'), null);
      const call = h.plotly.last();
      const title = (call.layout.legend as { title: { text: string } }).title.text;
      assert.match(title, /&lt;img src=x/, 'the title is there, escaped');
      assert.ok(!/<(?!\/?b>)/.test(title), `Plotly would parse tags other than our own <b> in ${title}`);
      assert.ok(names(call).every((n) => !n.includes('<')), 'series names are escaped too');
    });

    it('shows hostile expressions and field names in error boxes as text', () => {
      const h = harness();
      const one = h.render({ expr: hostile });
      const two = h.render(JSON.parse(`{"expr": "x", ${JSON.stringify(hostile)}: 1}`));
      for (const element of [one, two]) {
        assert.ok(element.querySelector('.actviz-error'), 'an error box');
        assert.equal(element.querySelector('img, script'), null);
      }
      assert.match(one.textContent ?? '', /<img src=x/, 'the expression is quoted verbatim as text');
      assert.equal((h.dom.window as unknown as { pwned?: number }).pwned, undefined);
    });
  });

  describe('frees Plotly', () => {
    it('purges an output on dispose', async () => {
      const h = harness();
      h.render({ expr: 'relu(x)' }, 'a');
      h.render({ expr: 'tanh(x)' }, 'b');
      await h.renderer.settled();
      const [a, b] = h.plotly.calls.map((c) => c.element);
      h.renderer.disposeOutputItem('a');
      assert.deepEqual(h.plotly.purged, [a]);
      assert.equal(h.renderer.size, 1);
      h.renderer.disposeOutputItem();
      assert.deepEqual(h.plotly.purged, [a, b]);
      assert.equal(h.renderer.size, 0);
    });

    it('purges the previous plot when an output is rendered again', async () => {
      const h = harness();
      h.render({ expr: 'relu(x)' }, 'same');
      await h.renderer.settled();
      const first = h.plotly.last().element;
      h.render({ expr: 'tanh(x)' }, 'same');
      await h.renderer.settled();
      assert.deepEqual(h.plotly.purged, [first]);
      assert.equal(h.renderer.size, 1);
    });

    it('ignores disposing an unknown output', () => {
      const h = harness();
      h.renderer.disposeOutputItem('never-rendered');
      assert.equal(h.plotly.purged.length, 0);
    });
  });

  describe('caretLines', () => {
    const cases: { source: string; span: { start: number; end: number }; caret: string }[] = [
      { source: 'gleu(x)', span: { start: 0, end: 4 }, caret: '^^^^' },
      { source: '2 +', span: { start: 3, end: 3 }, caret: '   ^' },
      { source: 'relu(x', span: { start: 4, end: 99 }, caret: '    ^^' },
    ];
    for (const { source, span, caret } of cases) {
      it(`underlines ${JSON.stringify(span)} of '${source}'`, () => {
        assert.deepEqual(caretLines(source, span), [source, caret]);
      });
    }
  });
});

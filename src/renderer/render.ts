/**
 * The notebook renderer for `application/vnd.actviz.v1+json`: validates the payload, compiles its expressions with
 * the core, and draws f, f′, f″ (or bars and a Jacobian) with sliders for the numeric parameters. Plotly work waits
 * until an output scrolls into view, so a notebook with dozens of outputs opens smoothly; every failure becomes an
 * error box in the output, never an exception in the notebook. Payload text reaches the DOM only as `textContent`.
 */
import type { OutputItem, RendererApi } from 'vscode-notebook-renderer';
import { Chart, loadPlotly } from '../browser/chart';
import type { PlotlyLike, XRangeChange } from '../browser/chart';
import { readTheme, watchTheme } from '../browser/theme';
import { compileSpec, expressionParams, initialSliderValues } from '../shared/compileSpec';
import type { CompiledSpec, Slider, SpecProblem } from '../shared/compileSpec';
import { functionFigure, vectorFigure } from '../shared/figure';
import type { Figure, KinkPoint, PlotTheme, SeriesData } from '../shared/figure';
import { actvizMime, defaultRange, validatePlotSpec } from '../shared/plotSpec';
import type { PlotSpecError } from '../shared/plotSpec';
import { rendererStyles } from './styles';

/** What the renderer needs from its surroundings; tests replace each part. */
export interface RendererDeps {
  /** Plotly or a stand-in; the bundled Plotly is loaded on the first visible output when absent. */
  readonly plotly?: PlotlyLike;
  /** Calls `show` once `element` is (nearly) on screen; returns a function that stops waiting. */
  readonly whenVisible?: (element: HTMLElement, show: () => void) => () => void;
  readonly readTheme?: (element: HTMLElement) => PlotTheme;
  /** Calls `onChange` on every theme switch; returns a function that stops watching. */
  readonly watchTheme?: (onChange: () => void) => () => void;
  readonly requestFrame?: (callback: () => void) => unknown;
  /** Where details of unexpected failures go (the webview console by default). */
  readonly log?: (message: string, error?: unknown) => void;
}

/** The `RendererApi` plus what tests and the e2e timing read. */
export interface ActvizRenderer extends RendererApi {
  renderOutputItem(outputItem: OutputItem, element: HTMLElement, signal?: AbortSignal): void;
  disposeOutputItem(id?: string): void;
  /** Outputs currently alive, by output id. */
  readonly size: number;
  /** Resolves when every visible output has been drawn. */
  settled(): Promise<void>;
}

/** Payload problems as the error box lists them. */
interface BoxEntry {
  readonly path: string;
  readonly message: string;
  readonly source?: string;
  readonly span?: { readonly start: number; readonly end: number };
}

const plotHeight = 360;
/** Start drawing a little before an output scrolls in, so it is ready when it arrives. */
const visibleMargin = '200px 0px';

function defaultWhenVisible(element: HTMLElement, show: () => void): () => void {
  const view = element.ownerDocument.defaultView as (Window & typeof globalThis) | null;
  if (!view || typeof view.IntersectionObserver !== 'function') {
    show();
    return () => undefined;
  }
  const observer = new view.IntersectionObserver(
    (entries) => {
      if (entries.some((e) => e.isIntersecting)) {
        observer.disconnect();
        show();
      }
    },
    { rootMargin: visibleMargin },
  );
  observer.observe(element);
  return () => observer.disconnect();
}

/**
 * Plotly with the notebook's configuration on top of the shared one: the mouse wheel must scroll the notebook, not
 * zoom whichever plot happens to be under the pointer (zoom stays on drag and the mode bar).
 */
export function forNotebook(plotly: PlotlyLike): PlotlyLike {
  const config = (shared: unknown): unknown => ({ ...(typeof shared === 'object' && shared !== null ? shared : {}), scrollZoom: false });
  return {
    newPlot: (element, data, layout, shared) => plotly.newPlot(element, data, layout, config(shared)),
    react: (element, data, layout, shared) => plotly.react(element, data, layout, config(shared)),
    purge: (element) => plotly.purge(element),
    toImage: (element, options) => plotly.toImage(element, options),
    ...(plotly.Plots && { Plots: plotly.Plots }),
  };
}

function el<K extends keyof HTMLElementTagNameMap>(doc: Document, tag: K, className?: string, text?: string): HTMLElementTagNameMap[K] {
  const node = doc.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

function installStyles(element: HTMLElement): void {
  const root = element.getRootNode();
  const doc = element.ownerDocument;
  const shadow = doc.defaultView?.ShadowRoot;
  const host: ParentNode = shadow && root instanceof shadow ? root : (doc.head ?? doc.documentElement);
  if (host.querySelector('style[data-actviz-renderer]')) return;
  const style = el(doc, 'style');
  style.dataset.actvizRenderer = '';
  style.textContent = rendererStyles;
  host.appendChild(style);
}

/** The expression with a caret line under the span the core blamed. */
export function caretLines(source: string, span: { start: number; end: number }): [string, string] {
  const start = Math.min(Math.max(0, span.start), source.length);
  const end = Math.min(Math.max(start + 1, span.end), Math.max(source.length, start + 1));
  return [source, ' '.repeat(start) + '^'.repeat(end - start)];
}

function errorBox(doc: Document, heading: string, entries: readonly BoxEntry[]): HTMLElement {
  const box = el(doc, 'div', 'actviz-error');
  box.setAttribute('role', 'alert');
  box.appendChild(el(doc, 'div', 'actviz-error-heading', heading));
  const list = el(doc, 'ul', 'actviz-error-list');
  for (const entry of entries) {
    const item = el(doc, 'li', 'actviz-error-item');
    if (entry.path) {
      item.appendChild(el(doc, 'code', 'actviz-error-path', entry.path));
      item.appendChild(doc.createTextNode(' '));
    }
    item.appendChild(el(doc, 'span', 'actviz-error-message', entry.message));
    if (entry.source !== undefined && entry.span) {
      const [line, caret] = caretLines(entry.source, entry.span);
      item.appendChild(el(doc, 'pre', 'actviz-error-source', `${line}\n${caret}`));
    }
    list.appendChild(item);
  }
  box.appendChild(list);
  return box;
}

function specErrors(errors: readonly PlotSpecError[]): BoxEntry[] {
  return errors.map((e) => ({ path: e.path, message: e.message }));
}

function problemEntries(problems: readonly SpecProblem[]): BoxEntry[] {
  return problems.map((p) => ({ path: p.path, message: p.message, ...(p.source !== undefined && { source: p.source }), ...(p.span && { span: p.span }) }));
}

function formatValue(value: number): string {
  return Number.isInteger(value) ? String(value) : String(Number(value.toPrecision(6)));
}

/** One rendered output: its DOM, its chart once visible, its slider values and visible range. */
class OutputView {
  private chart: Chart | undefined;
  private stopWaiting: () => void = () => undefined;
  private disposed = false;
  private drawing: Promise<void> = Promise.resolve();
  /** Slider values by slider key. */
  private readonly values: Map<string, number>;
  private view: [number, number];
  private readonly home: [number, number];
  private readonly plotElement: HTMLElement;
  private readonly statusElement: HTMLElement;

  constructor(
    readonly root: HTMLElement,
    private readonly compiled: CompiledSpec,
    private readonly deps: RendererDeps,
    private readonly theme: () => PlotTheme,
  ) {
    const doc = root.ownerDocument;
    const spec = compiled.spec;
    this.values = initialSliderValues(compiled.sliders);
    this.home = [...(spec.range ?? (spec.data ? extent(spec.data.x) : defaultRange))] as [number, number];
    this.view = [...this.home] as [number, number];

    root.dataset.actvizState = 'waiting';
    this.plotElement = el(doc, 'div', 'actviz-plot');
    this.plotElement.style.height = `${plotHeight}px`;
    this.plotElement.appendChild(el(doc, 'div', 'actviz-placeholder', `ActViz · ${spec.title ?? (spec.expr.join(', ') || 'series')}`));
    root.appendChild(this.plotElement);
    if (compiled.sliders.length > 0) root.appendChild(this.sliderBox(doc, compiled.sliders));
    const notes = compiled.compiled.flatMap((c, i) => c.warnings.map((w) => `expr[${i}]: ${w.message}${w.suggestion ? ` (use ${w.suggestion})` : ''}`));
    if (notes.length > 0) {
      const list = el(doc, 'ul', 'actviz-notes');
      for (const note of notes) list.appendChild(el(doc, 'li', undefined, note));
      root.appendChild(list);
    }
    this.statusElement = el(doc, 'div', 'actviz-status');
    root.appendChild(this.statusElement);
  }

  /** Waits for visibility, then draws. */
  start(): void {
    const whenVisible = this.deps.whenVisible ?? defaultWhenVisible;
    let shown = false;
    this.stopWaiting = whenVisible(this.root, () => {
      if (shown) return;
      shown = true;
      this.drawing = this.firstDraw();
    });
  }

  /** Never rejects: a failed draw has already been reported in the output. */
  settled(): Promise<void> {
    return this.drawing.then(() => this.chart?.settled()).catch(() => undefined);
  }

  /** Re-draws with the current theme (VS Code switched themes; the cell is not re-run). */
  retheme(): void {
    this.chart?.schedule(() => this.figure());
  }

  dispose(): void {
    this.disposed = true;
    this.stopWaiting();
    this.chart?.dispose();
    this.chart = undefined;
  }

  private async firstDraw(): Promise<void> {
    if (this.disposed) return;
    this.root.dataset.actvizState = 'drawing';
    try {
      const chart = await Chart.create(this.plotElement, {
        plotly: forNotebook(this.deps.plotly ?? (await loadPlotly())),
        ...(this.deps.requestFrame && { requestFrame: this.deps.requestFrame }),
        onXRange: (change) => this.zoomed(change),
      });
      if (this.disposed) {
        chart.dispose();
        return;
      }
      this.chart = chart;
      const figure = this.figure();
      if (!figure) return;
      this.plotElement.replaceChildren();
      await chart.render(figure);
      if (!this.disposed) this.root.dataset.actvizState = 'drawn';
    } catch (error) {
      // A chart whose first render failed cannot recover (its render queue stays rejected): drop it.
      this.chart?.dispose();
      this.chart = undefined;
      this.fail('could not draw the plot', error);
    }
  }

  private zoomed(change: XRangeChange): void {
    if (this.compiled.kind !== 'function') return;
    this.view = change.kind === 'range' ? change.range : ([...this.home] as [number, number]);
    this.chart?.schedule(() => this.figure());
  }

  /** The figure for the current slider values, range and theme; undefined (with a message) if evaluation failed. */
  private figure(): Figure | undefined {
    try {
      const figure = this.compiled.kind === 'value' ? this.vectorFigure() : this.functionFigure();
      if (this.root.dataset.actvizState === 'error') {
        // A slider moved back to values that evaluate: clear the earlier message.
        this.statusElement.replaceChildren();
        this.root.dataset.actvizState = this.chart ? 'drawn' : 'drawing';
      }
      return figure;
    } catch (error) {
      this.fail('could not evaluate the expressions', error);
      return undefined;
    }
  }

  private functionFigure(): Figure {
    const { spec, compiled } = this.compiled;
    const order = spec.derivatives.length > 0 ? Math.max(...spec.derivatives) : 0;
    const series: SeriesData[] = compiled.map((c, i) => {
      const params = expressionParams(this.compiled.sliders, this.values, i);
      const samples = c.sample({ from: this.view[0], to: this.view[1], points: spec.points, order: order as 0 | 1 | 2, params });
      const kinks: KinkPoint[] = c.kinks(params).map((k) => ({ ...k, y: c.at([k.x], 0, params).y[0] }));
      return { label: spec.expr[i], samples, kinks };
    });
    for (const s of spec.data?.series ?? []) series.push({ label: s.name, samples: { x: spec.data!.x, y: s.y } });
    return functionFigure({
      series,
      show: { f: true, d1: spec.derivatives.includes(1), d2: spec.derivatives.includes(2) },
      view: this.view,
      theme: this.theme(),
      layers: { kinks: true, saturation: spec.saturation !== undefined },
      ...(spec.saturation !== undefined && { saturationThreshold: spec.saturation }),
      ...(spec.title !== undefined && { title: spec.title }),
      uirevision: 'actviz',
    });
  }

  private vectorFigure(): Figure {
    const { spec, compiled } = this.compiled;
    return vectorFigure({
      label: spec.expr[0],
      result: compiled[0].vector(expressionParams(this.compiled.sliders, this.values, 0)),
      theme: this.theme(),
      ...(spec.title !== undefined && { title: spec.title }),
    });
  }

  private sliderBox(doc: Document, sliders: readonly Slider[]): HTMLElement {
    const box = el(doc, 'div', 'actviz-sliders');
    for (const slider of sliders) {
      const p = slider.parameter;
      const row = el(doc, 'label', 'actviz-slider');
      row.appendChild(el(doc, 'span', 'actviz-slider-name', slider.label));
      const input = el(doc, 'input');
      input.type = 'range';
      input.min = String(Math.min(p.min, p.value));
      input.max = String(Math.max(p.max, p.value));
      input.step = String(p.step > 0 ? p.step : 'any');
      input.value = String(p.value);
      input.dataset.param = slider.key;
      input.setAttribute('aria-label', `${slider.label}${p.description ? `: ${p.description}` : ''}`);
      row.appendChild(input);
      const shown = el(doc, 'output', 'actviz-slider-value', formatValue(p.value));
      row.appendChild(shown);
      const isDefault = (v: number): boolean => Math.abs(v - p.default) <= 1e-12 * Math.max(1, Math.abs(p.default));
      const mark = el(doc, 'span', 'actviz-slider-default', isDefault(p.value) ? 'default' : `default ${formatValue(p.default)}`);
      row.appendChild(mark);
      if (p.description) row.title = p.description;
      input.addEventListener('input', () => {
        const v = Number(input.value);
        if (!Number.isFinite(v)) return;
        this.values.set(slider.key, v);
        shown.textContent = formatValue(v);
        mark.textContent = isDefault(v) ? 'default' : `default ${formatValue(p.default)}`;
        this.chart?.schedule(() => this.figure());
      });
      box.appendChild(row);
    }
    return box;
  }

  private fail(what: string, error: unknown): void {
    const message = error instanceof Error ? error.message : String(error);
    this.deps.log?.(`ActViz renderer: ${what}`, error);
    this.statusElement.replaceChildren(errorBox(this.root.ownerDocument, `ActViz ${what}`, [{ path: '', message }]));
    this.root.dataset.actvizState = 'error';
  }
}

function extent(x: Float64Array): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of x) {
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  return lo < hi ? [lo, hi] : [lo - 1, lo + 1];
}

/**
 * The renderer. `renderOutputItem` validates and compiles at once (errors show immediately) and draws when the
 * output becomes visible; `disposeOutputItem` purges Plotly for one output, or for all when called without an id.
 */
export function createRenderer(deps: RendererDeps = {}): ActvizRenderer {
  const views = new Map<string, OutputView>();
  const log = deps.log ?? ((message: string, error?: unknown) => console.error(message, error));
  const depsWithLog: RendererDeps = { ...deps, log };
  let stopWatching: (() => void) | undefined;
  const themeOf = (element: HTMLElement): PlotTheme => (deps.readTheme ?? readTheme)(element);

  const ensureThemeWatch = (element: HTMLElement): void => {
    if (stopWatching) return;
    const onChange = (): void => {
      for (const view of views.values()) view.retheme();
    };
    stopWatching = deps.watchTheme ? deps.watchTheme(onChange) : watchTheme(onChange, element.ownerDocument.body);
  };

  const dispose = (id: string): void => {
    views.get(id)?.dispose();
    views.delete(id);
  };

  const render = (item: OutputItem, element: HTMLElement, signal?: AbortSignal): void => {
    dispose(item.id);
    element.replaceChildren();
    installStyles(element);
    const doc = element.ownerDocument;
    const root = el(doc, 'div', 'actviz-output');
    element.appendChild(root);
    const showErrors = (heading: string, entries: readonly BoxEntry[]): void => {
      root.dataset.actvizState = 'error';
      root.appendChild(errorBox(doc, heading, entries));
    };

    if (item.mime !== actvizMime) {
      showErrors('ActViz cannot render this output', [{ path: '', message: `unexpected MIME type '${item.mime}' (expected ${actvizMime})` }]);
      return;
    }
    let payload: unknown;
    try {
      payload = item.json();
    } catch (error) {
      showErrors('ActViz cannot render this output', [{ path: '', message: `the output is not valid JSON (${error instanceof Error ? error.message : String(error)})` }]);
      return;
    }
    const validated = validatePlotSpec(payload);
    if (!validated.ok) {
      showErrors(`ActViz cannot render this output: the payload does not match ${actvizMime}`, specErrors(validated.errors));
      return;
    }
    const compiled = compileSpec(validated.spec);
    if (!compiled.ok) {
      showErrors('ActViz cannot render this output', problemEntries(compiled.problems));
      return;
    }
    const view = new OutputView(root, compiled.value, depsWithLog, () => themeOf(root));
    views.set(item.id, view);
    ensureThemeWatch(element);
    signal?.addEventListener('abort', () => dispose(item.id), { once: true });
    view.start();
  };

  return {
    renderOutputItem(item, element, signal) {
      try {
        render(item, element, signal);
      } catch (error) {
        // Last line of defence: a bug here must still leave a message, not a blank output or a notebook exception.
        log('ActViz renderer failed', error);
        element.replaceChildren(errorBox(element.ownerDocument, 'ActViz could not render this output', [{ path: '', message: error instanceof Error ? error.message : String(error) }]));
      }
    },
    disposeOutputItem(id) {
      try {
        if (id === undefined) {
          for (const key of [...views.keys()]) dispose(key);
          stopWatching?.();
          stopWatching = undefined;
        } else {
          dispose(id);
        }
      } catch (error) {
        log('ActViz renderer: dispose failed', error);
      }
    },
    get size() {
      return views.size;
    },
    async settled() {
      await Promise.all([...views.values()].map((v) => v.settled()));
    },
  };
}

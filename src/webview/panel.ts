/**
 * The plot panel inside the webview: expression chips with problems and lint warnings, x-range inputs, curve and layer
 * toggles, one slider per numeric parameter, export and "Copy as code" buttons, and the chart. Every change updates
 * the model, re-evaluates with the core here in the page (zoom re-samples the visible range), re-renders at most
 * once per animation frame, and is persisted with setState and reported to the host.
 */
import { Chart } from '../browser/chart';
import type { ChartOptions, PlotlyLike, XRangeChange } from '../browser/chart';
import { readTheme, watchTheme } from '../browser/theme';
import { modelCode } from '../shared/code';
import { explainVector } from '../shared/explain';
import { functionFigure, vectorFigure, vectorView } from '../shared/figure';
import type { Figure, PlotTheme, SeriesData } from '../shared/figure';
import type { CodeTarget, ExportFormat, HostMessage, WebviewMessage } from '../shared/messages';
import { compileSeries, evaluateSeries, modelLimits, neededOrder, problemOf, slidersFor } from '../shared/plotModel';
import type { CompiledSeries, ExpressionProblem, PlotModel, SliderSpec } from '../shared/plotModel';
import { el, problemBlock } from './dom';

export interface PanelHost {
  post(message: WebviewMessage): void;
  setState(state: { model: PlotModel }): void;
}

export interface PanelOptions {
  /** A Plotly stand-in for tests; the bundled Plotly otherwise. */
  readonly plotly?: PlotlyLike;
  readonly requestFrame?: ChartOptions['requestFrame'];
}

/** Per-render cost of our own work (evaluation and figure building), for the benchmark and the e2e test. */
export interface RenderStats {
  renders: number;
  lastComputeMs: number;
  totalComputeMs: number;
}

type Status = 'loading' | 'plotted' | 'empty' | 'error';

const stateDelayMs = 150;

export class PlotPanelView {
  private model: PlotModel | undefined;
  private compiled: CompiledSeries[] = [];
  /** Problems found while evaluating (not compiling), by series index. */
  private runtimeProblems = new Map<number, ExpressionProblem>();
  /** The y-range last drawn, kept while slider moves leave the curves inside it (reset by zoom, toggles, new models). */
  private lastYRange: [number, number] | undefined;
  private chart: Chart | undefined;
  private theme: PlotTheme;
  private firstPlotReported = false;
  /** Epoch ms of the command that opened this page's first plot (from the host). */
  private commandAt: number | undefined;
  /** What the page measured up to its first plot (also sent to the host), in ms. */
  firstPlotTimings: Readonly<Record<string, number>> | undefined;
  private stateTimer: ReturnType<typeof setTimeout> | undefined;
  readonly stats: RenderStats = { renders: 0, lastComputeMs: 0, totalComputeMs: 0 };

  private readonly seriesList: HTMLElement;
  private readonly fromInput: HTMLInputElement;
  private readonly toInput: HTMLInputElement;
  private readonly toggles = new Map<string, HTMLInputElement>();
  private readonly sliders: HTMLElement;
  private readonly plot: HTMLElement;
  private readonly status: HTMLElement;
  private readonly explain: HTMLElement;
  private readonly codeTarget: HTMLSelectElement;

  constructor(
    private readonly root: HTMLElement,
    private readonly host: PanelHost,
    private readonly options: PanelOptions = {},
  ) {
    this.theme = readTheme(root.ownerDocument.body);
    this.seriesList = el('div', { className: 'series-list', 'aria-label': 'Expressions' });
    this.fromInput = el('input', { type: 'number', id: 'x-from', step: 'any', 'aria-label': 'x from' });
    this.toInput = el('input', { type: 'number', id: 'x-to', step: 'any', 'aria-label': 'x to' });
    this.sliders = el('section', { className: 'sliders', 'aria-label': 'Parameters' });
    this.plot = el('div', { className: 'plot', id: 'plot' });
    this.status = el('div', { className: 'status', role: 'status' }, ['Loading Plotly…']);
    this.explain = el('section', { className: 'explain', 'aria-label': 'Explanation' });
    this.codeTarget = el('select', { id: 'code-target', 'aria-label': 'Framework for Copy as code' }, [
      el('option', { value: 'torch' }, ['PyTorch']), el('option', { value: 'keras' }, ['Keras']), el('option', { value: 'jax' }, ['JAX']),
    ]);
    this.buildShell();
    this.setStatus('loading', 'Loading Plotly…');
  }

  /** Loads Plotly and draws `initial` (a restored model) if given. */
  async start(initial?: PlotModel): Promise<void> {
    if (initial) this.show(initial);
    watchTheme((theme) => {
      this.theme = theme;
      this.renderSeriesList();
      this.scheduleRender();
    }, this.root.ownerDocument.body);
    try {
      this.chart = await Chart.create(this.plot, {
        ...(this.options.plotly ? { plotly: this.options.plotly } : {}),
        ...(this.options.requestFrame ? { requestFrame: this.options.requestFrame } : {}),
        onXRange: (change) => this.onXRange(change),
      });
    } catch (error) {
      this.setStatus('error', `Plotly could not be loaded: ${error instanceof Error ? error.message : String(error)}`);
      this.host.post({ type: 'log', level: 'error', message: `Plotly failed to load: ${String(error)}` });
      return;
    }
    if (this.model) this.scheduleRender();
    else this.setStatus('empty', 'Nothing to plot yet. Run “ActViz: Plot Expression…”.');
    if (typeof ResizeObserver === 'function') new ResizeObserver(() => this.chart?.resize()).observe(this.plot);
  }

  /** The model now shown (for tests). */
  get current(): PlotModel | undefined {
    return this.model;
  }

  get chartInstance(): Chart | undefined {
    return this.chart;
  }

  async handle(message: HostMessage): Promise<void> {
    switch (message.type) {
      case 'show':
        if (message.commandAt !== undefined && !this.firstPlotReported) this.commandAt = message.commandAt;
        this.show(message.model);
        this.persist(true);
        break;
      case 'exportImage': {
        const { id, format, width, height } = message;
        try {
          if (!this.chart) throw new Error('the chart is not ready');
          await this.chart.settled();
          const dataUrl = await this.chart.toImage({ format, width, height, ...(format === 'png' ? { scale: 2 } : {}) });
          this.host.post({ type: 'image', id, format, dataUrl });
        } catch (error) {
          this.host.post({ type: 'image', id, format, error: error instanceof Error ? error.message : String(error) });
        }
        break;
      }
    }
  }

  /** Replaces the whole model: recompiles, rebuilds the controls, redraws. */
  show(model: PlotModel): void {
    const previous = this.model;
    this.model = model;
    // Compile once per expression; slider moves and zooms only re-evaluate.
    const reusable = new Map<string, CompiledSeries>();
    if (previous) this.compiled.forEach((c) => reusable.set(this.compileKey(c.spec.expr, c.spec.framework ?? previous.framework), c));
    this.compiled = model.series.map((spec) => {
      const old = reusable.get(this.compileKey(spec.expr, spec.framework ?? model.framework));
      return old && old.label === (spec.label ?? old.label) ? { ...old, spec } : compileSeries(spec, model.framework);
    });
    this.runtimeProblems.clear();
    this.lastYRange = undefined;
    this.fromInput.value = String(model.view[0]);
    this.toInput.value = String(model.view[1]);
    for (const [key, box] of this.toggles) {
      box.checked = key in model.show ? model.show[key as keyof PlotModel['show']] : model.layers[key as keyof PlotModel['layers']];
    }
    this.renderSeriesList();
    this.renderSliders();
    this.scheduleRender();
  }

  private compileKey(expr: string, framework: string): string {
    return `${framework}\u0000${expr}`;
  }

  // -------------------------------------------------------------------------------------------------------------------
  // Shell and controls

  private buildShell(): void {
    const toggle = (key: string, label: string, title: string): HTMLElement => {
      const box = el('input', { type: 'checkbox', 'data-toggle': key });
      box.addEventListener('change', () => this.onToggle(key, box.checked));
      this.toggles.set(key, box);
      return el('label', { className: 'toggle', title }, [box, label]);
    };
    const reset = el('button', { type: 'button', id: 'x-reset', title: 'Back to the initial x-range (double-click the plot does the same)' }, ['Reset']);
    reset.addEventListener('click', () => this.setView(this.model?.range));
    for (const input of [this.fromInput, this.toInput]) {
      input.addEventListener('change', () => this.onRangeInput());
      input.addEventListener('keydown', (e) => {
        if (e.key === 'Enter') this.onRangeInput();
      });
    }
    const exportButton = (format: ExportFormat): HTMLElement => {
      const button = el('button', { type: 'button', 'data-export': format, title: `Export as ${format.toUpperCase()}` }, [format.toUpperCase()]);
      button.addEventListener('click', () => this.host.post({ type: 'requestExport', format }));
      return button;
    };
    const copy = el('button', { type: 'button', id: 'copy-code', title: 'Copy the built-in functions with their current parameters as code' }, ['Copy as code']);
    copy.addEventListener('click', () => void this.copyCode(this.codeTarget.value as CodeTarget));

    const controls = el('div', { className: 'controls' }, [
      el('fieldset', { className: 'range' }, [
        el('legend', {}, ['x-range']),
        el('label', { for: 'x-from' }, ['from']), this.fromInput,
        el('label', { for: 'x-to' }, ['to']), this.toInput,
        reset,
      ]),
      el('fieldset', { className: 'toggles' }, [
        el('legend', {}, ['Show']),
        toggle('f', 'f', 'the function'), toggle('d1', 'f′', 'first derivative'), toggle('d2', 'f″', 'second derivative'),
        el('span', { className: 'separator', 'aria-hidden': 'true' }, ['|']),
        toggle('saturation', 'saturation', 'shade where |f′| is below the threshold (vanishing gradient)'),
        toggle('kinks', 'kinks', 'mark non-differentiable points and the derivative convention used there'),
        toggle('warnings', 'warnings', 'numerical-stability warnings beside the expression'),
      ]),
      el('fieldset', { className: 'actions' }, [
        el('legend', {}, ['Export']),
        exportButton('png'), exportButton('svg'), exportButton('csv'),
        this.codeTarget, copy,
      ]),
    ]);
    this.root.replaceChildren(
      el('header', { className: 'toolbar' }, [this.seriesList, controls]),
      this.sliders,
      el('div', { className: 'plot-area' }, [this.plot, this.status]),
      this.explain,
    );
    this.root.removeAttribute('aria-busy');
  }

  /** Writes the code to the clipboard here, where the click happened; the host confirms (or writes it if this fails). */
  private async copyCode(target: CodeTarget): Promise<void> {
    const text = this.model ? modelCode(this.model, target) : undefined;
    let copied = false;
    if (text && typeof navigator !== 'undefined' && navigator.clipboard) {
      try {
        await navigator.clipboard.writeText(text);
        copied = true;
      } catch {
        copied = false;
      }
    }
    this.host.post({ type: 'copyCode', target, copied });
  }

  private seriesColor(index: number): string {
    const palette = this.theme.palette;
    return palette[(this.compiled.length === 1 ? 0 : index) % palette.length] as string;
  }

  private renderSeriesList(): void {
    const model = this.model;
    if (!model) return;
    const items = this.compiled.map((c, index) => {
      const swatch = el('span', { className: 'swatch', 'aria-hidden': 'true' });
      swatch.style.setProperty('background', this.seriesColor(index));
      const children: (Node | undefined)[] = [
        el('div', { className: 'series-head' }, [swatch, el('code', { className: 'expr', title: c.spec.expr }, [c.label])]),
      ];
      if (c.label !== c.spec.expr) children.push(el('div', { className: 'expr-source' }, [c.spec.expr]));
      const problem = c.ok ? this.runtimeProblems.get(index) : c.problem;
      if (problem) children.push(problemBlock(problem.message, problem.source, problem.span.start, problem.span.end));
      if (c.ok && model.layers.warnings) {
        for (const w of c.compiled.warnings) {
          const text = `⚠ ${w.message}${w.suggestion ? ` → ${w.suggestion}` : ''}`;
          const block = problemBlock(text, c.spec.expr, w.span.start, w.span.end);
          block.className = 'lint';
          block.setAttribute('role', 'note');
          children.push(block);
        }
      }
      if (c.ok && c.freeNames.length > 0) children.push(el('div', { className: 'note' }, [`free parameter${c.freeNames.length > 1 ? 's' : ''}: ${c.freeNames.join(', ')}`]));
      return el('div', { className: `series${problem ? ' has-problem' : ''}`, 'data-series': index }, children.filter((n): n is Node => n !== undefined));
    });
    this.seriesList.replaceChildren(...items);
  }

  private renderSliders(): void {
    const model = this.model;
    if (!model) return;
    const specs: SliderSpec[] = [];
    this.compiled.forEach((c, index) => {
      if (c.ok) specs.push(...slidersFor(c.compiled.parameters, c.spec.params, index));
    });
    const several = this.compiled.length > 1;
    this.sliders.replaceChildren(...specs.map((s) => this.sliderRow(s, several)));
    this.sliders.hidden = specs.length === 0;
  }

  private sliderRow(spec: SliderSpec, several: boolean): HTMLElement {
    const id = `p-${spec.series}-${spec.name}`;
    const format = (v: number): string => v.toFixed(spec.decimals);
    const input = el('input', {
      type: 'range', id, min: spec.min, max: spec.max, step: spec.step, value: spec.value, list: `${id}-marks`,
      'data-series': spec.series, 'data-name': spec.name, 'aria-describedby': `${id}-help`,
    });
    input.value = String(spec.value);
    const output = el('output', { for: id, className: 'value' }, [format(spec.value)]);
    const mark = el('span', { className: 'default-mark', title: `default ${format(spec.default)}`, 'aria-hidden': 'true' });
    mark.style.setProperty('--at', String(spec.defaultAt));
    const marks = el('datalist', { id: `${id}-marks` }, [el('option', { value: spec.default, label: 'default' })]);
    const reset = el('button', { type: 'button', className: 'reset', title: `Reset ${spec.name} to its default` }, [`default ${format(spec.default)}`]);
    const owner = spec.owner ? ` · ${spec.owner}` : '';
    const seriesLabel = several ? ` · ${this.compiled[spec.series]?.label ?? ''}` : '';
    const swatch = el('span', { className: 'swatch', 'aria-hidden': 'true' });
    swatch.style.setProperty('background', this.seriesColor(spec.series));
    const apply = (value: number): void => {
      output.textContent = format(value);
      row.classList.toggle('at-default', Math.abs(value - spec.default) <= spec.step / 2);
      this.setParam(spec.series, spec.name, value);
    };
    input.addEventListener('input', () => apply(Number(input.value)));
    input.addEventListener('change', () => this.persist(true));
    reset.addEventListener('click', () => {
      input.value = String(spec.default);
      apply(spec.default);
      this.persist(true);
    });
    const row = el('div', { className: 'slider', 'data-series': spec.series, 'data-name': spec.name }, [
      el('label', { for: id }, [several ? swatch : undefined, el('span', { className: 'name' }, [spec.name]), el('span', { className: 'owner' }, [`${owner}${seriesLabel}`])]),
      el('div', { className: 'track' }, [input, mark, marks]),
      output,
      reset,
      el('div', { className: 'help', id: `${id}-help` }, [spec.description]),
    ]);
    row.classList.toggle('at-default', Math.abs(spec.value - spec.default) <= spec.step / 2);
    return row;
  }

  private setStatus(status: Status, text: string): void {
    this.root.dataset.status = status;
    this.status.textContent = text;
    this.status.hidden = status === 'plotted';
    this.plot.classList.toggle('is-empty', status !== 'plotted');
  }

  // -------------------------------------------------------------------------------------------------------------------
  // Changes

  private update(change: (model: PlotModel) => PlotModel): void {
    if (!this.model) return;
    this.model = change(this.model);
  }

  private setParam(series: number, name: string, value: number): void {
    this.update((m) => ({
      ...m,
      series: m.series.map((s, i) => (i === series ? { ...s, params: { ...(s.params ?? {}), [name]: value } } : s)),
    }));
    this.compiled = this.compiled.map((c, i) => (i === series && this.model ? { ...c, spec: this.model.series[i] as (typeof c)['spec'] } : c));
    this.scheduleRender();
    this.persist(false);
  }

  private onToggle(key: string, on: boolean): void {
    this.lastYRange = undefined;
    this.update((m) => (key in m.show ? { ...m, show: { ...m.show, [key]: on } } : { ...m, layers: { ...m.layers, [key]: on } }));
    if (key === 'warnings') this.renderSeriesList();
    this.scheduleRender();
    this.persist(true);
  }

  private setView(view: readonly [number, number] | undefined): void {
    if (!view || !this.model) return;
    this.lastYRange = undefined;
    this.update((m) => ({ ...m, view }));
    this.fromInput.value = String(view[0]);
    this.toInput.value = String(view[1]);
    this.fromInput.removeAttribute('aria-invalid');
    this.toInput.removeAttribute('aria-invalid');
    this.scheduleRender();
    this.persist(true);
  }

  private onRangeInput(): void {
    const from = Number(this.fromInput.value);
    const to = Number(this.toInput.value);
    const limit = modelLimits.maxAbsRange;
    const valid = this.fromInput.value.trim() !== '' && this.toInput.value.trim() !== '' && Number.isFinite(from) && Number.isFinite(to) && from < to && Math.abs(from) <= limit && Math.abs(to) <= limit;
    this.fromInput.toggleAttribute('aria-invalid', !valid);
    this.toInput.toggleAttribute('aria-invalid', !valid);
    this.fromInput.title = valid ? '' : `from must be less than to, both within ±${limit}`;
    if (valid) this.setView([from, to]);
  }

  private onXRange(change: XRangeChange): void {
    if (!this.model) return;
    if (change.kind === 'auto') this.setView(this.model.range);
    else {
      const limit = modelLimits.maxAbsRange;
      const [a, b] = change.range;
      this.setView([Math.max(-limit, a), Math.min(limit, b)]);
    }
  }

  /**
   * Saves the model (setState) and tells the host: at once for discrete changes, after a pause while a slider is
   * dragged (its release saves at once), so a drag costs no serialisation per frame.
   */
  private persist(now: boolean): void {
    if (!this.model) return;
    clearTimeout(this.stateTimer);
    const save = (): void => {
      if (!this.model) return;
      this.host.setState({ model: this.model });
      this.host.post({ type: 'state', model: this.model });
    };
    if (now) save();
    else this.stateTimer = setTimeout(save, stateDelayMs);
  }

  // -------------------------------------------------------------------------------------------------------------------
  // Evaluation and rendering

  private scheduleRender(): void {
    if (!this.chart || !this.model) return;
    this.chart.schedule(() => this.buildFigure());
    if (!this.firstPlotReported) void this.reportFirstPlot();
  }

  private async reportFirstPlot(): Promise<void> {
    this.firstPlotReported = true;
    await this.chart?.settled();
    const timings: Record<string, number> = {};
    const measure = (name: string): number | undefined => performance.getEntriesByName(name, 'measure').at(-1)?.duration;
    const mark = (name: string): number | undefined => performance.getEntriesByName(name, 'mark').at(-1)?.startTime;
    const entries: [string, number | undefined][] = [
      ['webview:script-start', mark('actviz:script-start')],
      ['webview:plotly-eval', measure('actviz:plotly-eval')],
      ['webview:first-figure', measure('actviz:first-figure')],
      ['webview:newplot', measure('actviz:newplot')],
      ['webview:first-plot', mark('actviz:newplot:end')],
    ];
    // VS Code's part: from the command to the start of this page's navigation (same machine, same clock).
    if (this.commandAt !== undefined) entries.unshift(['webview:command-to-navigation', performance.timeOrigin - this.commandAt]);
    for (const [k, v] of entries) if (v !== undefined) timings[k] = Math.round(v * 10) / 10;
    this.firstPlotTimings = timings;
    this.host.post({ type: 'rendered', timings });
  }

  /** Evaluates every expression over the view and builds the figure; undefined when there is nothing to draw. */
  private buildFigure(): Figure | undefined {
    const model = this.model;
    if (!model) return undefined;
    const first = this.stats.renders === 0;
    if (first) performance.mark('actviz:first-figure:start');
    const started = performance.now();
    const problemsBefore = this.runtimeProblems.size;
    this.runtimeProblems.clear();
    const usable = this.compiled.map((c, i) => ({ c, i })).filter(({ c }) => c.ok);
    let figure: Figure | undefined;
    let explanation: string[] = [];
    const only = usable.length === 1 && this.compiled.length === 1 ? usable[0] : undefined;
    if (only && only.c.ok && only.c.compiled.kind === 'value') {
      try {
        const result = only.c.compiled.vector(only.c.spec.params);
        figure = vectorFigure({ label: only.c.label, result, theme: this.theme, ...(model.title ? { title: model.title } : {}) });
        explanation = explainVector(result);
        this.root.dataset.view = vectorView(result);
      } catch (error) {
        this.runtimeProblems.set(only.i, problemOf(error, only.c.spec.expr));
      }
    } else {
      const order = neededOrder(model);
      const series: SeriesData[] = [];
      for (const { c, i } of usable) {
        if (!c.ok) continue;
        if (c.compiled.kind === 'value') {
          this.runtimeProblems.set(i, { message: 'this expression has no x: plot it on its own to see its values and Jacobian', source: c.spec.expr, span: { start: 0, end: c.spec.expr.length } });
          continue;
        }
        try {
          series.push({ ...evaluateSeries(c.compiled, c.label, model.view, model.points, order, c.spec.params, model.layers.kinks), colorIndex: i });
        } catch (error) {
          this.runtimeProblems.set(i, problemOf(error, c.spec.expr));
        }
      }
      if (series.length > 0) {
        figure = functionFigure({
          series,
          show: model.show,
          view: model.view,
          theme: this.theme,
          layers: model.layers,
          saturationThreshold: model.saturationThreshold,
          ...(model.title ? { title: model.title } : {}),
          ...(this.lastYRange ? { previousYRange: this.lastYRange } : {}),
          uirevision: 'panel',
        });
        this.lastYRange = (figure.layout.yaxis as { range: [number, number] }).range;
        this.root.dataset.view = 'function';
      }
    }
    const elapsed = performance.now() - started;
    if (first) {
      performance.mark('actviz:first-figure:end');
      performance.measure('actviz:first-figure', 'actviz:first-figure:start', 'actviz:first-figure:end');
    }
    this.stats.renders++;
    this.stats.lastComputeMs = elapsed;
    this.stats.totalComputeMs += elapsed;
    if (this.runtimeProblems.size > 0 || problemsBefore > 0) this.renderSeriesList();
    this.explain.replaceChildren(...explanation.map((p) => el('p', {}, [p])));
    this.explain.hidden = explanation.length === 0;
    if (figure) {
      this.setStatus('plotted', '');
    } else {
      const broken = this.compiled.some((c) => !c.ok) || this.runtimeProblems.size > 0;
      this.setStatus(broken ? 'error' : 'empty', broken ? 'Nothing to plot: fix the expression above.' : 'Nothing to plot.');
      // Keep an empty, themed plot rather than the previous curves.
      figure = { data: [], layout: { paper_bgcolor: this.theme.background, plot_bgcolor: this.theme.background, xaxis: { visible: false }, yaxis: { visible: false } } };
    }
    return figure;
  }
}

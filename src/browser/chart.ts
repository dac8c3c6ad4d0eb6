/**
 * The only module that calls Plotly (panel webview and notebook renderer alike). It loads plotly.js-basic-dist-min:
 * every plot here, the Jacobian heat-map included, is drawn with scatter and bar traces, and that bundle evaluates ~6×
 * faster than plotly.js-dist-min, more than halving the time to first plot (bench/render/firstPlot.ts). Plotly is
 * loaded on first use, so the page can show its controls first and the cost of evaluating it is measured on its own
 * (`actviz:plotly-eval`); tests inject a fake `PlotlyLike` and never load it. Renders go through `Plotly.react`,
 * throttled to one per animation frame, always with the newest figure.
 */
import type { Figure } from '../shared/figure';

export interface ImageOptions {
  readonly format: 'png' | 'svg';
  readonly width: number;
  readonly height: number;
  readonly scale?: number;
}

/** The part of Plotly's API used here. */
export interface PlotlyLike {
  newPlot(el: HTMLElement, data: unknown, layout: unknown, config?: unknown): Promise<unknown>;
  react(el: HTMLElement, data: unknown, layout: unknown, config?: unknown): Promise<unknown>;
  purge(el: HTMLElement): void;
  toImage(el: HTMLElement, options: ImageOptions): Promise<string>;
  Plots?: { resize(el: HTMLElement): unknown };
}

let loading: Promise<PlotlyLike> | undefined;

/** Evaluates the bundled Plotly once per page, marking `actviz:plotly-eval` around it. */
export function loadPlotly(): Promise<PlotlyLike> {
  loading ??= (async () => {
    performance.mark('actviz:plotly-eval:start');
    const module = (await import('plotly.js-basic-dist-min')) as { default?: unknown };
    const plotly = (module.default ?? module) as PlotlyLike;
    performance.mark('actviz:plotly-eval:end');
    performance.measure('actviz:plotly-eval', 'actviz:plotly-eval:start', 'actviz:plotly-eval:end');
    return plotly;
  })();
  return loading;
}

/** A change of the visible x-range by zoom or pan, or a reset to the automatic range (double-click). */
export type XRangeChange = { readonly kind: 'range'; readonly range: [number, number] } | { readonly kind: 'auto' };

/** Reads a `plotly_relayout` event; undefined when the x-axis did not change. */
export function parseRelayout(event: unknown): XRangeChange | undefined {
  if (typeof event !== 'object' || event === null) return undefined;
  const e = event as Record<string, unknown>;
  if (e['xaxis.autorange'] === true) return { kind: 'auto' };
  const pair = e['xaxis.range'];
  const from = Array.isArray(pair) ? pair[0] : e['xaxis.range[0]'];
  const to = Array.isArray(pair) ? pair[1] : e['xaxis.range[1]'];
  if (typeof from !== 'number' || typeof to !== 'number' || !Number.isFinite(from) || !Number.isFinite(to)) return undefined;
  return from < to ? { kind: 'range', range: [from, to] } : from > to ? { kind: 'range', range: [to, from] } : undefined;
}

export interface ChartOptions {
  /** Plotly or a stand-in; loads the bundled Plotly when absent. */
  readonly plotly?: PlotlyLike;
  /** Called after the user zooms or pans the x-axis (not after our own renders). */
  readonly onXRange?: (change: XRangeChange) => void;
  /** Schedules work before the next paint; `requestAnimationFrame` by default. */
  readonly requestFrame?: (callback: () => void) => unknown;
  /** Plotly's config: interactive by default, static for images and previews. */
  readonly staticPlot?: boolean;
}

type PlotlyElement = HTMLElement & { on?(event: string, handler: (e: unknown) => void): void; removeAllListeners?(event: string): void };

export const plotConfig = {
  displaylogo: false,
  responsive: true,
  scrollZoom: true,
  // Plotly's own download button cannot save from a webview; export goes through the extension host instead.
  modeBarButtonsToRemove: ['toImage', 'select2d', 'lasso2d', 'sendDataToCloud'],
} as const;

/** A scheduled render has no caller to reject to; the next one starts afresh, so log and go on. */
function reportDrawError(error: unknown): void {
  console.error('ActViz: drawing the plot failed', error);
}

/** One Plotly plot in one element. */
export class Chart {
  private drawn = false;
  private pending: (() => Figure | undefined) | undefined;
  private scheduled = false;
  private rendering: Promise<void> = Promise.resolve();
  private disposed = false;
  private renders = 0;
  private drawMs = 0;

  private constructor(
    readonly element: HTMLElement,
    private readonly plotly: PlotlyLike,
    private readonly options: ChartOptions,
  ) {}

  /** Loads Plotly if needed; the element stays empty until the first `render`. */
  static async create(element: HTMLElement, options: ChartOptions = {}): Promise<Chart> {
    const plotly = options.plotly ?? (await loadPlotly());
    return new Chart(element, plotly, options);
  }

  /** Number of completed renders, for tests and benchmarks. */
  get renderCount(): number {
    return this.renders;
  }

  /** Time spent inside Plotly's newPlot/react, summed over renders (ms), for the render benchmark. */
  get plotlyMs(): number {
    return this.drawMs;
  }

  /** Draws `figure` now (`newPlot` the first time, `react` after that). */
  render(figure: Figure): Promise<void> {
    const drawn = this.rendering.then(() => this.draw(figure));
    // The queue goes on from a settled promise: one failed draw must not stop every later render (nor hang settled()).
    this.rendering = drawn.catch(() => undefined);
    return drawn;
  }

  /**
   * Builds and draws a figure before the next paint. Calls made before then replace each other, so a dragged slider
   * costs one evaluation and one `react` per frame, with the newest value.
   */
  schedule(build: () => Figure | undefined): void {
    this.pending = build;
    if (this.scheduled) return;
    this.scheduled = true;
    const frame = this.options.requestFrame ?? ((cb: () => void) => requestAnimationFrame(cb));
    frame(() => {
      // Wait for a render in progress, so at most one react is in flight.
      void this.rendering.then(() => {
        this.scheduled = false;
        const next = this.pending;
        this.pending = undefined;
        try {
          const figure = next?.();
          if (figure) this.render(figure).catch(reportDrawError);
        } catch (error) {
          reportDrawError(error);
        }
      });
    });
  }

  /** Resolves once every render requested so far has been drawn. */
  async settled(): Promise<void> {
    while (this.scheduled) await new Promise((resolve) => setTimeout(resolve, 5));
    await this.rendering;
  }

  toImage(options: ImageOptions): Promise<string> {
    return this.plotly.toImage(this.element, options);
  }

  resize(): void {
    if (this.drawn) this.plotly.Plots?.resize(this.element);
  }

  dispose(): void {
    this.disposed = true;
    this.pending = undefined;
    const el = this.element as PlotlyElement;
    el.removeAllListeners?.('plotly_relayout');
    this.plotly.purge(this.element);
  }

  private async draw(figure: Figure): Promise<void> {
    if (this.disposed) return;
    const config = this.options.staticPlot ? { ...plotConfig, staticPlot: true, responsive: false } : plotConfig;
    const started = performance.now();
    if (!this.drawn) {
      performance.mark('actviz:newplot:start');
      await this.plotly.newPlot(this.element, figure.data, figure.layout, config);
      performance.mark('actviz:newplot:end');
      performance.measure('actviz:newplot', 'actviz:newplot:start', 'actviz:newplot:end');
      this.drawn = true;
      const el = this.element as PlotlyElement;
      if (this.options.onXRange && typeof el.on === 'function') {
        el.on('plotly_relayout', (event) => {
          const change = parseRelayout(event);
          if (change) this.options.onXRange?.(change);
        });
      }
    } else {
      await this.plotly.react(this.element, figure.data, figure.layout, config);
    }
    this.drawMs += performance.now() - started;
    this.renders++;
  }
}

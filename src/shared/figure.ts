/**
 * Samples → Plotly figure, as plain JSON (`{ data, layout }`): no Plotly import, no DOM, so the panel, the notebook
 * renderer and unit tests share it. NaN and ±Infinity become `null` (a gap); jumps are split so no vertical segment is
 * drawn across a discontinuity; optional layers add saturation shading and kink markers. Every string that comes from
 * an expression is escaped, because Plotly interprets a small HTML-like markup in names and hover text.
 */
import type { VectorResult } from '../core/index';

/** Colours and fonts a figure is drawn with; the browser reads them from `--vscode-*` variables (browser/theme.ts). */
export interface PlotTheme {
  readonly kind: 'light' | 'dark' | 'high-contrast' | 'high-contrast-light';
  readonly foreground: string;
  readonly background: string;
  readonly grid: string;
  readonly zeroLine: string;
  readonly hoverBackground: string;
  readonly hoverForeground: string;
  readonly hoverBorder: string;
  readonly fontFamily: string;
  readonly fontSize: number;
  /** Series colours, in order; series i always gets palette[i % length]. */
  readonly palette: readonly string[];
  /** Fill of the saturation shading (already translucent). */
  readonly saturation: string;
  /** Colour of kink markers. */
  readonly marker: string;
  /** Low and high ends of the diverging colour scale of Jacobian heat-maps (the middle is the background). */
  readonly negative: string;
  readonly positive: string;
}

/** Colours close to VS Code's default themes, for when CSS variables are missing (tests, exports, notebooks). */
export function fallbackTheme(kind: PlotTheme['kind']): PlotTheme {
  const dark = kind === 'dark' || kind === 'high-contrast';
  const contrast = kind === 'high-contrast' || kind === 'high-contrast-light';
  const foreground = dark ? '#cccccc' : '#3b3b3b';
  const background = kind === 'high-contrast' ? '#000000' : dark ? '#1f1f1f' : '#ffffff';
  const palette = dark
    ? ['#3794ff', '#d18616', '#89d185', '#f14c4c', '#b180d7', '#cca700', '#4ec9b0', '#c586c0']
    : ['#1a85ff', '#d18616', '#388a34', '#e51400', '#652d90', '#bf8803', '#007acc', '#af00db'];
  return {
    kind,
    foreground: contrast ? (dark ? '#ffffff' : '#000000') : foreground,
    background,
    grid: withAlpha(foreground, contrast ? 0.35 : 0.15),
    zeroLine: withAlpha(foreground, contrast ? 0.8 : 0.4),
    hoverBackground: dark ? '#252526' : '#f8f8f8',
    hoverForeground: contrast ? (dark ? '#ffffff' : '#000000') : foreground,
    hoverBorder: withAlpha(foreground, 0.4),
    fontFamily: '-apple-system, BlinkMacSystemFont, "Segoe UI", Ubuntu, "Droid Sans", sans-serif',
    fontSize: 13,
    palette,
    saturation: withAlpha(dark ? '#f14c4c' : '#e51400', dark ? 0.14 : 0.1),
    marker: contrast ? (dark ? '#ffffff' : '#000000') : dark ? '#ffffff' : '#000000',
    negative: palette[0] as string,
    positive: dark ? '#f14c4c' : '#e51400',
  };
}

/** `#rgb`, `#rgba`, `#rrggbb`, `#rrggbbaa` or `rgb(a)(…)` as [r, g, b, alpha]; undefined for anything else. */
export function parseColor(color: string): [number, number, number, number] | undefined {
  const c = color.trim();
  let rgba: [number, number, number, number] | undefined;
  const hex = /^#([0-9a-f]{3,8})$/i.exec(c);
  if (hex) {
    const h = hex[1] as string;
    if (h.length === 3 || h.length === 4) {
      const v = [...h].map((d) => parseInt(d + d, 16));
      rgba = [v[0] as number, v[1] as number, v[2] as number, h.length === 4 ? (v[3] as number) / 255 : 1];
    } else if (h.length === 6 || h.length === 8) {
      const v = [0, 2, 4, 6].map((i) => parseInt(h.slice(i, i + 2) || 'ff', 16));
      rgba = [v[0] as number, v[1] as number, v[2] as number, (v[3] as number) / 255];
    }
  }
  const fn = /^rgba?\(\s*([\d.]+)[\s,]+([\d.]+)[\s,]+([\d.]+)(?:[\s,/]+([\d.]+%?))?\s*\)$/i.exec(c);
  if (fn) {
    const a = fn[4] === undefined ? 1 : fn[4].endsWith('%') ? parseFloat(fn[4]) / 100 : parseFloat(fn[4]);
    rgba = [Number(fn[1]), Number(fn[2]), Number(fn[3]), a];
  }
  return rgba && rgba.every((v) => Number.isFinite(v)) ? rgba : undefined;
}

/** The colour with its alpha multiplied by `alpha`; colours it cannot read pass unchanged. */
export function withAlpha(color: string, alpha: number): string {
  const rgba = parseColor(color);
  if (!rgba) return color.trim();
  const a = Math.round(Math.min(1, Math.max(0, rgba[3] * alpha)) * 1000) / 1000;
  return `rgba(${Math.round(rgba[0])}, ${Math.round(rgba[1])}, ${Math.round(rgba[2])}, ${a})`;
}

/**
 * WCAG contrast ratio of `color` drawn over `background` (1 … 21), with the colour's alpha blended in;
 * NaN when either cannot be read.
 */
export function contrastRatio(color: string, background: string): number {
  const fg = parseColor(color);
  const bg = parseColor(background);
  if (!fg || !bg) return NaN;
  const blended = [0, 1, 2].map((i) => (fg[i] as number) * fg[3] + (bg[i] as number) * (1 - fg[3]));
  const luminance = (rgb: readonly number[]): number => {
    const [r, g, b] = rgb.map((v) => {
      const c = v / 255;
      return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    }) as [number, number, number];
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const a = luminance(blended);
  const b = luminance(bg);
  return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
}

/** Text for Plotly names, titles and hover text: its pseudo-HTML must show `<b>` literally, not bold. */
export function plotlyText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

// ---------------------------------------------------------------------------------------------------------------------
// Plain-JSON figure types (a subset of Plotly's schema: what this module writes)

export type Json = null | boolean | number | string | readonly Json[] | { readonly [key: string]: Json | undefined };
export type Trace = Readonly<Record<string, Json | undefined>> & { readonly type: 'scatter' | 'bar' | 'heatmap' };
export type Layout = Readonly<Record<string, Json | undefined>>;

export interface Figure {
  readonly data: readonly Trace[];
  readonly layout: Layout;
}

/** Evaluated curves of one expression; `x` evenly spaced and increasing. */
export interface SeriesSamples {
  readonly x: ArrayLike<number>;
  readonly y: ArrayLike<number>;
  readonly dy?: ArrayLike<number>;
  readonly d2y?: ArrayLike<number>;
}

/** A kink with its place on the curve and the derivative convention used there. */
export interface KinkPoint {
  readonly x: number;
  readonly y: number;
  readonly dy: number;
  readonly note: string;
}

export interface SeriesData {
  /** What the legend says (the expression, or "PyTorch: F.leaky_relu"). */
  readonly label: string;
  readonly samples: SeriesSamples;
  readonly kinks?: readonly KinkPoint[];
  /** Palette slot when several series are drawn; the series' position by default (keeps colours stable when one fails). */
  readonly colorIndex?: number;
}

export interface FunctionFigureOptions {
  readonly series: readonly SeriesData[];
  /** Which curves to draw; a derivative is drawn only when its samples exist. */
  readonly show: { readonly f: boolean; readonly d1: boolean; readonly d2: boolean };
  /** Visible x-range. */
  readonly view: readonly [number, number];
  readonly theme: PlotTheme;
  readonly layers?: { readonly saturation?: boolean; readonly kinks?: boolean };
  /** Shade where |f′| < this (0 = off). */
  readonly saturationThreshold?: number;
  readonly title?: string;
  /**
   * The y-range of the previous render of the same plot. Kept while the new curves fit it and fill at least 70 % of
   * its height, so a dragged slider moves the curves instead of re-ticking the axis every frame (cheaper for Plotly,
   * calmer to watch).
   */
  readonly previousYRange?: readonly [number, number];
  /** Keeps Plotly's UI state (legend clicks) across re-renders with the same value. */
  readonly uirevision?: string | number;
  /** Fixed size for static renders (exports, notebooks); responsive when absent. */
  readonly width?: number;
  readonly height?: number;
}

const orderMarks = ['', '′', '″'] as const;
/** Height of one series' saturation strip, as a fraction of the plot height. */
const stripHeight = 0.025;
const dashes = ['solid', 'dash', 'dot'] as const;

function finite(v: number): boolean {
  return v === v && v !== Infinity && v !== -Infinity;
}

/** Curve name for the legend and the unified hover: "f′" for one series, "f′ · relu(x)" for several. */
export function curveName(label: string, order: 0 | 1 | 2, single: boolean): string {
  const symbol = `f${orderMarks[order]}`;
  return single ? symbol : `${symbol} · ${label}`;
}

/**
 * Points where the curve jumps: the change between neighbours disagrees with what the slope (the next derivative)
 * predicts, and is large on the scale of the visible curve. Without a slope, a change far larger than its neighbours'.
 * Returns the index i of each jump between i and i + 1.
 */
export function findJumps(x: ArrayLike<number>, y: ArrayLike<number>, slope: ArrayLike<number> | undefined, span: number): number[] {
  const jumps: number[] = [];
  const n = Math.min(x.length, y.length);
  if (n < 3 || !(span > 0)) return jumps;
  const significant = 0.01 * span;
  for (let i = 0; i + 1 < n; i++) {
    const a = y[i] as number;
    const b = y[i + 1] as number;
    if (!finite(a) || !finite(b)) continue;
    const change = b - a;
    const size = Math.abs(change);
    if (size <= significant) continue;
    if (slope) {
      const s0 = slope[i] as number;
      const s1 = slope[i + 1] as number;
      if (finite(s0) && finite(s1)) {
        const predicted = ((x[i + 1] as number) - (x[i] as number)) * (s0 + s1) * 0.5;
        if (Math.abs(change - predicted) > 0.5 * size) jumps.push(i);
        continue;
      }
    }
    const before = i > 0 && finite(y[i - 1] as number) ? Math.abs(a - (y[i - 1] as number)) : 0;
    const after = i + 2 < n && finite(y[i + 2] as number) ? Math.abs((y[i + 2] as number) - b) : 0;
    if (size > 8 * Math.max(before, after)) jumps.push(i);
  }
  return jumps;
}

/** x and y as JSON arrays with `null` for NaN/±Infinity and an extra `null` inside each jump. */
export function lineArrays(x: ArrayLike<number>, y: ArrayLike<number>, jumps: readonly number[]): { x: (number | null)[]; y: (number | null)[] } {
  const n = Math.min(x.length, y.length);
  if (jumps.length === 0) return { x: jsonNumbers(x, n), y: jsonNumbers(y, n) };
  const xs: (number | null)[] = new Array(n + jumps.length);
  const ys: (number | null)[] = new Array(n + jumps.length);
  let k = 0;
  let j = 0;
  for (let i = 0; i < n; i++) {
    const xv = x[i] as number;
    const yv = y[i] as number;
    xs[k] = finite(xv) ? xv : null;
    ys[k] = finite(yv) ? yv : null;
    k++;
    if (j < jumps.length && jumps[j] === i) {
      xs[k] = ((x[i] as number) + (x[i + 1] as number)) / 2;
      ys[k] = null;
      k++;
      j++;
    }
  }
  xs.length = k;
  ys.length = k;
  return { x: xs, y: ys };
}

let lastGrid: { source: Float64Array; json: (number | null)[] } | undefined;

/**
 * The x grid as a JSON array, the same array as last time when the grid is unchanged (every frame of a slider drag):
 * no copy, and Plotly sees an x it already knows.
 */
function gridArray(x: ArrayLike<number>): (number | null)[] {
  const last = lastGrid;
  if (last && last.source.length === x.length) {
    let same = true;
    for (let i = 0; i < x.length; i++) {
      if (last.source[i] !== x[i]) {
        same = false;
        break;
      }
    }
    if (same) return last.json;
  }
  const json = jsonNumbers(x, x.length);
  lastGrid = { source: Float64Array.from(x), json };
  return json;
}

/** The first n values as a JSON array, null for NaN and ±Infinity. */
function jsonNumbers(values: ArrayLike<number>, n: number): (number | null)[] {
  const out: (number | null)[] = new Array(n);
  for (let i = 0; i < n; i++) {
    const v = values[i] as number;
    out[i] = finite(v) ? v : null;
  }
  return out;
}

/**
 * The y-range that shows the visible parts of the drawn curves: min..max with a margin, or, when a few points dwarf
 * the rest (an asymptote), the 2nd..98th percentile so the shape stays readable.
 */
export function visibleYRange(curves: readonly ArrayLike<number>[], xs: readonly ArrayLike<number>[], view: readonly [number, number]): [number, number] {
  const [from, to] = view;
  let total = 0;
  for (const y of curves) total += y.length;
  // One pass: min/max, plus a strided subsample (enough to spot a handful of huge values) for the percentiles.
  const stride = Math.max(1, Math.floor(total / 512));
  const sample = new Float64Array(Math.ceil(total / stride) + curves.length);
  let lo = Infinity;
  let hi = -Infinity;
  let count = 0;
  let m = 0;
  for (let c = 0; c < curves.length; c++) {
    const y = curves[c] as ArrayLike<number>;
    const x = xs[c] as ArrayLike<number>;
    for (let i = 0; i < y.length; i++) {
      const v = y[i] as number;
      const xv = x[i] as number;
      if (!finite(v) || xv < from || xv > to) continue;
      if (v < lo) lo = v;
      if (v > hi) hi = v;
      if (count++ % stride === 0) sample[m++] = v;
    }
  }
  if (count === 0) return [-1, 1];
  if (m > 20) {
    const sorted = sample.subarray(0, m).sort();
    const p2 = sorted[Math.floor(0.02 * (m - 1))] as number;
    const p98 = sorted[Math.ceil(0.98 * (m - 1))] as number;
    if ((p98 - p2) * 5 < hi - lo) {
      lo = p2;
      hi = p98;
    }
  }
  if (hi - lo < 1e-12 * Math.max(1, Math.abs(hi))) {
    const pad = Math.max(1, Math.abs(hi) * 0.1);
    return [lo - pad, hi + pad];
  }
  const pad = 0.06 * (hi - lo);
  return [lo - pad, hi + pad];
}

/** `ideal`, or `previous` when `ideal` lies inside it and spans at least 70 % of it. */
export function stableYRange(ideal: [number, number], previous: readonly [number, number] | undefined): [number, number] {
  if (!previous) return ideal;
  const [lo, hi] = previous;
  const fits = ideal[0] >= lo && ideal[1] <= hi;
  const fills = ideal[1] - ideal[0] >= 0.7 * (hi - lo);
  return fits && fills ? [lo, hi] : ideal;
}

/** x-intervals where |f′| < threshold, merged, each at least one sample wide. */
export function saturatedIntervals(x: ArrayLike<number>, dy: ArrayLike<number>, threshold: number): [number, number][] {
  const intervals: [number, number][] = [];
  if (!(threshold > 0)) return intervals;
  const n = Math.min(x.length, dy.length);
  let start = -1;
  for (let i = 0; i <= n; i++) {
    const flat = i < n && finite(dy[i] as number) && Math.abs(dy[i] as number) < threshold;
    if (flat && start < 0) start = i;
    if (!flat && start >= 0) {
      const end = i - 1;
      const step = n > 1 ? ((x[n - 1] as number) - (x[0] as number)) / (n - 1) : 0;
      const a = (x[start] as number) - (start > 0 ? step / 2 : 0);
      const b = (x[end] as number) + (end < n - 1 ? step / 2 : 0);
      if (b > a) intervals.push([a, b]);
      start = -1;
    }
  }
  return intervals;
}

function baseLayout(theme: PlotTheme, title: string | undefined, size: { width?: number; height?: number }): Record<string, Json | undefined> {
  const font = { family: theme.fontFamily, size: theme.fontSize, color: theme.foreground };
  return {
    paper_bgcolor: theme.background,
    plot_bgcolor: theme.background,
    font,
    margin: { l: 56, r: 16, t: 36, b: 44 },
    hoverlabel: { bgcolor: theme.hoverBackground, bordercolor: theme.hoverBorder, font: { ...font, color: theme.hoverForeground } },
    // The title heads the legend above the plot, so the two never overlap however many entries there are.
    legend: {
      orientation: 'h', x: 0, y: 1.01, xanchor: 'left', yanchor: 'bottom', bgcolor: 'rgba(0,0,0,0)', font,
      ...(title ? { title: { text: `<b>${plotlyText(title)}</b>`, side: 'top left', font: { ...font, size: theme.fontSize + 1 } } } : {}),
    },
    ...(size.width ? { width: size.width } : {}),
    ...(size.height ? { height: size.height } : {}),
    ...(size.width || size.height ? {} : { autosize: true }),
  };
}

function axis(theme: PlotTheme, extra: Record<string, Json | undefined>): Record<string, Json | undefined> {
  return {
    color: theme.foreground,
    gridcolor: theme.grid,
    zerolinecolor: theme.zeroLine,
    zerolinewidth: 1,
    linecolor: theme.grid,
    tickfont: { family: theme.fontFamily, size: theme.fontSize - 1, color: theme.foreground },
    automargin: true,
    ...extra,
  };
}

/** f, f′, f″ of every series against x, with the optional analysis layers. */
export function functionFigure(options: FunctionFigureOptions): Figure {
  const { series, show, view, theme } = options;
  const single = series.length === 1;
  const data: Trace[] = [];
  /** Saturation shading, drawn first so it sits below the curves. */
  const shading: Trace[] = [];
  const drawn: ArrayLike<number>[] = [];
  const drawnX: ArrayLike<number>[] = [];
  const layers = options.layers ?? {};
  const threshold = options.saturationThreshold ?? 0;

  // A first pass over the values only, so jumps are judged on the scale of what is visible.
  series.forEach(({ samples }) => {
    const curves: [boolean, ArrayLike<number> | undefined][] = [[show.f, samples.y], [show.d1, samples.dy], [show.d2, samples.d2y]];
    for (const [wanted, values] of curves) {
      if (wanted && values) {
        drawn.push(values);
        drawnX.push(samples.x);
      }
    }
  });
  const yRange = stableYRange(visibleYRange(drawn, drawnX, view), options.previousYRange);
  const span = yRange[1] - yRange[0];

  const firstOrder = show.f ? 0 : show.d1 ? 1 : 2;
  series.forEach((s, index) => {
    const { samples } = s;
    const curves = [samples.y, samples.dy, samples.d2y] as const;
    const wanted = [show.f, show.d1, show.d2] as const;
    let sharedX: (number | null)[] | undefined;
    for (const order of [0, 1, 2] as const) {
      const values = curves[order];
      if (!wanted[order] || !values) continue;
      const color = theme.palette[(single ? order : (s.colorIndex ?? index)) % theme.palette.length] as string;
      const jumps = findJumps(samples.x, values, curves[order + 1] as ArrayLike<number> | undefined, span);
      // Curves without jumps share one x array (Plotly only reads it), which saves a copy per curve per frame.
      const { x, y } = jumps.length === 0 ? { x: (sharedX ??= gridArray(samples.x)), y: jsonNumbers(values, Math.min(values.length, samples.x.length)) } : lineArrays(samples.x, values, jumps);
      const name = curveName(s.label, order, single);
      // Several series: one legend entry per series (its first curve), the line styles explained once below.
      const inLegend = single || order === firstOrder;
      data.push({
        type: 'scatter',
        mode: 'lines',
        name: plotlyText(name),
        legendgroup: `s${index}`,
        showlegend: inLegend,
        x,
        y,
        connectgaps: false,
        line: { color, width: order === 0 ? 2.25 : 1.75, dash: dashes[order], shape: 'linear' },
        hovertemplate: '%{y:.6g}',
        meta: { series: index, order },
      });
    }
    if (layers.saturation && threshold > 0 && samples.dy) {
      // One series: shade the whole height. Several: a strip per series along the bottom, in its colour, so the
      // shadings neither pile up nor hide which curve saturates. A filled trace in data coordinates (the y-range is
      // ours) rather than layout shapes: Plotly redraws it with the curves, much cheaper while a slider moves.
      const strip = single ? undefined : index;
      const fill = strip === undefined ? theme.saturation : withAlpha(theme.palette[(s.colorIndex ?? index) % theme.palette.length] as string, 0.45);
      const bottom = strip === undefined ? 0 : strip * stripHeight;
      const top = strip === undefined ? 1 : bottom + stripHeight * 0.8;
      const y0 = yRange[0] + bottom * span;
      const y1 = yRange[0] + top * span;
      const px: (number | null)[] = [];
      const py: (number | null)[] = [];
      for (const [a, b] of saturatedIntervals(samples.x, samples.dy, threshold)) {
        const x0 = Math.max(a, view[0]);
        const x1 = Math.min(b, view[1]);
        if (x1 <= x0) continue;
        if (px.length > 0) {
          px.push(null);
          py.push(null);
        }
        px.push(x0, x0, x1, x1, x0);
        py.push(y0, y1, y1, y0, y0);
      }
      if (px.length > 0) {
        shading.push({
          type: 'scatter', mode: 'none', fill: 'toself', fillcolor: fill, x: px, y: py, connectgaps: false, hoverinfo: 'skip',
          name: plotlyText(`|f′| < ${threshold}`), showlegend: single, legendgroup: 'saturation', legendrank: 2000,
        });
      }
    }
  });

  if (!single) {
    const styles = ([[show.d1, 1], [show.d2, 2]] as const).filter(([wanted, order]) => wanted && order !== firstOrder && series.some((s) => (order === 1 ? s.samples.dy : s.samples.d2y)));
    for (const [, order] of styles) {
      data.push({
        type: 'scatter', mode: 'lines', x: [null], y: [null], name: order === 1 ? 'f′ (dashed)' : 'f″ (dotted)',
        line: { color: withAlpha(theme.foreground, 0.75), width: 1.75, dash: dashes[order] }, hoverinfo: 'skip', showlegend: true, legendgroup: 'styles',
      });
    }
  }

  if (!single && shading.length > 0) {
    data.push({
      type: 'scatter', mode: 'markers', x: [null], y: [null], name: plotlyText(`|f′| < ${threshold} (strips)`),
      marker: { symbol: 'square', size: 12, color: withAlpha(theme.foreground, 0.35), line: { width: 0 } },
      hoverinfo: 'skip', showlegend: true, legendgroup: 'saturation',
    });
  }

  if (layers.kinks) {
    const kx: number[] = [];
    const ky: number[] = [];
    const kText: string[] = [];
    const dx: number[] = [];
    const dyv: number[] = [];
    const dText: string[] = [];
    series.forEach((s) => {
      for (const k of s.kinks ?? []) {
        if (!(k.x >= view[0] && k.x <= view[1])) continue;
        const prefix = single ? '' : `${s.label}: `;
        if (show.f && finite(k.y)) {
          kx.push(k.x);
          ky.push(k.y);
          kText.push(plotlyText(`${prefix}kink at x = ${k.x}`));
        }
        if (show.d1 && finite(k.dy)) {
          dx.push(k.x);
          dyv.push(k.dy);
          dText.push(plotlyText(`${prefix}${k.note}`));
        }
      }
    });
    if (kx.length > 0) {
      data.push({
        type: 'scatter', mode: 'markers', name: 'kinks', legendgroup: 'kinks', x: kx, y: ky, text: kText,
        marker: { symbol: 'circle-open', size: 10, color: theme.marker, line: { width: 2, color: theme.marker } },
        hovertemplate: '%{text}<extra></extra>',
      });
    }
    if (dx.length > 0) {
      data.push({
        type: 'scatter', mode: 'markers', name: 'f′ at kink (convention)', legendgroup: 'kinks', x: dx, y: dyv, text: dText,
        marker: { symbol: 'diamond', size: 9, color: theme.marker, line: { width: 1, color: theme.background } },
        hovertemplate: '%{text}<extra></extra>',
      });
    }
  }

  const layout: Record<string, Json | undefined> = {
    ...baseLayout(theme, options.title, options),
    hovermode: 'x unified',
    dragmode: 'zoom',
    showlegend: true,
    xaxis: axis(theme, { range: [view[0], view[1]], autorange: false, title: { text: 'x', standoff: 4 }, hoverformat: '.4g' }),
    yaxis: axis(theme, { range: yRange, autorange: false, fixedrange: false }),
    ...(options.uirevision !== undefined ? { uirevision: options.uirevision } : {}),
  };
  return { data: [...shading, ...data], layout };
}

// ---------------------------------------------------------------------------------------------------------------------
// Expressions without x: bars and a Jacobian heat-map

export interface VectorFigureOptions {
  readonly label: string;
  readonly result: VectorResult;
  readonly theme: PlotTheme;
  readonly title?: string;
  readonly width?: number;
  readonly height?: number;
}

/** Softmax of the logits, computed stably: what cross-entropy compares with the one-hot target. */
export function softmaxOf(z: ArrayLike<number>): number[] {
  const values = Array.from(z);
  const max = Math.max(...values);
  const e = values.map((v) => Math.exp(v - max));
  const sum = e.reduce((a, b) => a + b, 0);
  return e.map((v) => v / sum);
}

function json(values: ArrayLike<number>): (number | null)[] {
  return Array.from(values, (v) => (finite(v) ? v : null));
}

function indexLabels(n: number, symbol: string): string[] {
  return Array.from({ length: n }, (_, i) => `${symbol}${subscript(i)}`);
}

function subscript(i: number): string {
  return String(i).replace(/\d/g, (d) => '₀₁₂₃₄₅₆₇₈₉'[Number(d)] as string);
}

/** What kind of vector view a result gets. */
export function vectorView(result: VectorResult): 'loss' | 'jacobian' | 'bars' {
  const n = result.inputs?.length ?? 0;
  const rows = result.jacobian?.length ?? 0;
  if (result.isScalar && result.inputs && rows === 1 && n > 0) return 'loss';
  if (result.inputs && rows === result.values.length && rows > 0 && n > 0) return 'jacobian';
  return 'bars';
}

/**
 * Bars of the output next to a heat-map of its Jacobian (softmax, log_softmax …), or, for a loss of logits
 * (cross_entropy), the loss with softmax(z), the one-hot target and the gradient softmax − onehot as bars.
 */
export function vectorFigure(options: VectorFigureOptions): Figure {
  const { result, theme } = options;
  const view = vectorView(result);
  const palette = theme.palette;
  const color = (i: number): string => palette[i % palette.length] as string;
  const data: Trace[] = [];
  const annotations: Json[] = [];
  const layout: Record<string, Json | undefined> = {
    ...baseLayout(theme, options.title, options),
    hovermode: 'closest',
    barmode: 'group',
    showlegend: true,
  };
  layout.margin = { l: 56, r: 16, t: 44, b: 44 };

  if (view === 'loss') {
    const z = result.inputs as Float64Array;
    const gradient = result.jacobian?.[0] as Float64Array;
    const p = softmaxOf(z);
    const onehot = p.map((v, i) => Math.round((v - (gradient[i] as number)) * 1e9) / 1e9);
    const labels = indexLabels(z.length, 'z');
    data.push(
      { type: 'bar', name: 'softmax(z)', x: labels, y: json(p), marker: { color: color(0) }, hovertemplate: '%{y:.6g}' },
      { type: 'bar', name: 'one-hot target', x: labels, y: json(onehot), marker: { color: color(2) }, hovertemplate: '%{y:.6g}' },
      { type: 'bar', name: '∂loss/∂z = softmax − onehot', x: labels, y: json(gradient), marker: { color: color(3) }, hovertemplate: '%{y:.6g}' },
    );
    const loss = result.values[0] as number;
    annotations.push({
      xref: 'paper', yref: 'paper', x: 1, y: 1.02, xanchor: 'right', yanchor: 'bottom', showarrow: false,
      text: plotlyText(`loss = ${finite(loss) ? loss.toPrecision(6) : String(loss)}`), font: { color: theme.foreground, size: theme.fontSize },
    });
    layout.xaxis = axis(theme, { type: 'category', title: { text: 'logit' } });
    layout.yaxis = axis(theme, { title: { text: 'value' }, zeroline: true });
  } else {
    const n = result.values.length;
    const outLabels = indexLabels(n, 'y');
    const jacobian = view === 'jacobian';
    if (jacobian && result.inputs) {
      data.push({
        type: 'bar', name: 'input z', x: indexLabels(result.inputs.length, 'i'), y: json(result.inputs), marker: { color: color(1) },
        hovertemplate: '%{y:.6g}', xaxis: 'x', yaxis: 'y',
      });
      data.push({
        type: 'bar', name: plotlyText(`output (${result.fn ?? options.label})`), x: indexLabels(n, 'i'), y: json(result.values),
        marker: { color: color(0) }, hovertemplate: '%{y:.6g}', xaxis: 'x', yaxis: 'y',
      });
      const rows = result.jacobian as readonly Float64Array[];
      let bound = 0;
      for (const row of rows) for (const v of row) if (finite(v)) bound = Math.max(bound, Math.abs(v));
      bound = bound || 1;
      const inLabels = indexLabels(result.inputs.length, 'z');
      // The heat-map is drawn as one bar per cell (row i: base i, height 1), coloured by value: Plotly's `heatmap`
      // trace is not in the basic bundle the panel loads, and bars in data units tile exactly at any plot size.
      const cellX: string[] = [];
      const cellBase: number[] = [];
      const cellColor: (number | null)[] = [];
      const cellData: [string, number | null][] = [];
      rows.forEach((row, i) => {
        row.forEach((v, j) => {
          cellX.push(inLabels[j] as string);
          cellBase.push(i);
          cellColor.push(finite(v) ? v : null);
          cellData.push([outLabels[i] as string, finite(v) ? v : null]);
        });
      });
      data.push({
        type: 'bar', name: 'Jacobian ∂y/∂z', x: cellX, y: cellBase.map(() => 1), base: cellBase, width: 1, xaxis: 'x2', yaxis: 'y2',
        marker: {
          color: cellColor, cmin: -bound, cmax: bound,
          colorscale: [[0, theme.negative], [0.5, theme.background], [1, theme.positive]],
          line: { width: 1, color: theme.background }, showscale: true,
          colorbar: { thickness: 10, len: 0.8, tickfont: { color: theme.foreground, size: theme.fontSize - 2 }, outlinewidth: 0 },
        },
        customdata: cellData, showlegend: false, meta: { jacobian: true },
        hovertemplate: '∂%{customdata[0]}/∂%{x} = %{customdata[1]:.6g}<extra></extra>',
      });
      if (n <= 8 && result.inputs.length <= 8) {
        rows.forEach((row, i) => {
          for (let j = 0; j < row.length; j++) {
            const v = row[j] as number;
            annotations.push({
              xref: 'x2', yref: 'y2', x: inLabels[j] as string, y: i + 0.5, showarrow: false,
              text: finite(v) ? v.toFixed(3) : 'NaN', font: { color: theme.foreground, size: theme.fontSize - 2 },
            });
          }
        });
      }
      layout.xaxis = axis(theme, { domain: [0, 0.44], type: 'category' });
      layout.yaxis = axis(theme, { anchor: 'x', zeroline: true });
      layout.xaxis2 = axis(theme, { domain: [0.56, 1], anchor: 'y2', type: 'category', title: { text: 'input z_j' }, showgrid: false, side: 'bottom' });
      layout.yaxis2 = axis(theme, {
        anchor: 'x2', range: [rows.length, 0], tickvals: outLabels.map((_, i) => i + 0.5), ticktext: outLabels,
        title: { text: 'output y_i' }, showgrid: false, zeroline: false,
      });
      annotations.push({
        xref: 'paper', yref: 'paper', x: 0.78, y: 1.02, xanchor: 'center', yanchor: 'bottom', showarrow: false,
        text: 'Jacobian ∂yᵢ/∂zⱼ', font: { color: theme.foreground, size: theme.fontSize },
      });
    } else {
      data.push({
        type: 'bar', name: plotlyText(result.isScalar ? 'value' : `output (${result.fn ?? options.label})`),
        x: result.isScalar ? ['value'] : outLabels, y: json(result.values), marker: { color: color(0) }, hovertemplate: '%{y:.6g}',
      });
      layout.xaxis = axis(theme, { type: 'category' });
      layout.yaxis = axis(theme, { zeroline: true });
    }
  }
  layout.annotations = annotations;
  return { data, layout };
}

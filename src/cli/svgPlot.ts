/** Values of a curve or its xs: Float64Arrays from the core, or plain arrays in tests. */
export type Numbers = ArrayLike<number> & Iterable<number>;

/** One line of the plot: its values at the shared xs, and how it looks. */
export interface Curve {
  /** Shown in the legend ('f(x)', 'f′(x)'). */
  readonly label: string;
  /** Suffix of the path's class (`curve curve-f`), for tools and tests. */
  readonly id: string;
  readonly ys: Numbers;
  readonly color: string;
  readonly width: number;
  readonly dash?: string;
}

export interface SvgPlotOptions {
  readonly title: string;
  readonly xs: Numbers;
  readonly curves: readonly Curve[];
  readonly width: number;
  readonly height: number;
  /** x positions of kinks: a curve that jumps there is not joined across (f′ of relu is a step, not a ramp). */
  readonly breaks?: readonly number[];
}

/** Light theme: Tailwind-like greys, a blue f, an orange f′, a green dashed f″. */
export const THEME = {
  background: '#ffffff',
  frame: '#d1d5db',
  grid: '#eef0f3',
  axis: '#6b7280',
  tick: '#4b5563',
  title: '#111827',
  f: '#2563eb',
  df: '#ea580c',
  d2f: '#16a34a',
  font: "system-ui, -apple-system, 'Segoe UI', Helvetica, Arial, sans-serif",
} as const;

const MARGIN = { left: 64, right: 24, top: 44, bottom: 48 };

/** Numbers for SVG attributes: at most two decimals, no trailing zeros, never `-0`. */
function px(n: number): string {
  const r = Math.round(n * 100) / 100;
  return r === 0 ? '0' : String(r);
}

export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c] ?? c);
}

/**
 * Round tick positions (1, 2 or 5 × 10^k apart) covering [lo, hi], about `target` of them, and the decimals needed
 * to print them.
 */
export function niceTicks(lo: number, hi: number, target: number): { ticks: number[]; decimals: number } {
  const span = hi - lo;
  if (!(span > 0) || !Number.isFinite(span)) return { ticks: [lo], decimals: 0 };
  const raw = span / Math.max(1, target);
  const power = Math.pow(10, Math.floor(Math.log10(raw)));
  const fraction = raw / power;
  const step = (fraction <= 1.5 ? 1 : fraction <= 3 ? 2 : fraction <= 7 ? 5 : 10) * power;
  const decimals = Math.max(0, -Math.floor(Math.log10(step) + 1e-9));
  const ticks: number[] = [];
  for (let k = Math.ceil(lo / step - 1e-9); k * step <= hi + step * 1e-9; k++) {
    ticks.push(Number((k * step).toFixed(decimals)));
  }
  return { ticks, decimals };
}

/** A tick label: fixed decimals, a true minus sign, exponent form for very large or small magnitudes. */
export function formatTick(value: number, decimals: number): string {
  const magnitude = Math.abs(value);
  let text: string;
  if (value === 0) text = '0';
  else if (magnitude >= 1e6 || decimals > 6) text = value.toExponential(2).replace(/\.?0+e/, 'e');
  else text = value.toFixed(decimals);
  return text.replace(/^-/, '\u2212');
}

function quantile(sorted: Float64Array, q: number): number {
  const i = (sorted.length - 1) * q;
  const lo = Math.floor(i);
  const hi = Math.ceil(i);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (i - lo);
}

/**
 * The y-range to show: all finite values, unless a few extreme ones (a pole, an exploding tail) would flatten the
 * rest, in which case the 1st–99th percentile, widened a little. Padded by 6 % either side.
 */
export function yRange(curves: readonly Curve[]): { lo: number; hi: number; clipped: boolean } {
  const finite: number[] = [];
  for (const c of curves) for (const y of c.ys) if (Number.isFinite(y)) finite.push(y);
  if (finite.length === 0) return { lo: -1, hi: 1, clipped: false };
  const sorted = Float64Array.from(finite).sort();
  let lo = sorted[0];
  let hi = sorted[sorted.length - 1];
  let clipped = false;
  const qlo = quantile(sorted, 0.01);
  const qhi = quantile(sorted, 0.99);
  if (qhi > qlo && hi - lo > 8 * (qhi - qlo)) {
    const pad = 0.25 * (qhi - qlo);
    lo = Math.max(lo, qlo - pad);
    hi = Math.min(hi, qhi + pad);
    clipped = true;
  }
  if (hi === lo) {
    const d = lo === 0 ? 1 : Math.abs(lo) * 0.1;
    return { lo: lo - d, hi: hi + d, clipped };
  }
  const pad = (hi - lo) * 0.06;
  return { lo: lo - pad, hi: hi + pad, clipped };
}

/**
 * Path data for one curve: a new `M` after every NaN/±Infinity (a gap) and wherever the curve leaves the plot on
 * one side and comes back from the other (a pole), coordinates clamped to a band around the plot so they stay small.
 */
export function curvePath(
  xs: ArrayLike<number>,
  ys: ArrayLike<number>,
  toX: (x: number) => number,
  toY: (y: number) => number,
  top: number,
  bottom: number,
  breaks: readonly number[] = [],
): string {
  const band = (bottom - top) * 2;
  const jump = (bottom - top) * 0.02;
  const parts: string[] = [];
  let open = false;
  let previousSide = 0;
  let previousX = NaN;
  let previousY = NaN;
  for (let i = 0; i < xs.length; i++) {
    const x = xs[i];
    const y = ys[i];
    if (!Number.isFinite(x) || !Number.isFinite(y)) {
      open = false;
      continue;
    }
    const sy = toY(y);
    const side = sy < top ? -1 : sy > bottom ? 1 : 0;
    if (open && side !== 0 && previousSide === -side) open = false;
    if (open && Math.abs(sy - previousY) > jump && breaks.some((b) => b >= previousX && b <= x)) open = false;
    previousSide = side;
    previousX = x;
    previousY = sy;
    const cy = Math.min(bottom + band, Math.max(top - band, sy));
    parts.push(`${open ? 'L' : 'M'}${px(toX(x))} ${px(cy)}`);
    open = true;
  }
  return parts.join('');
}

/** A standalone SVG document: title, framed plot with grid, ticks and axis labels, the curves, and a legend. */
export function renderSvgPlot(options: SvgPlotOptions): string {
  const { xs, curves, width, height } = options;
  const left = MARGIN.left;
  const right = width - MARGIN.right;
  const top = MARGIN.top;
  const bottom = height - MARGIN.bottom;

  let xlo = Infinity;
  let xhi = -Infinity;
  for (const x of xs) {
    if (Number.isFinite(x)) {
      xlo = Math.min(xlo, x);
      xhi = Math.max(xhi, x);
    }
  }
  if (!(xhi > xlo)) {
    xlo = Number.isFinite(xlo) ? xlo - 1 : -1;
    xhi = xlo + 2;
  }
  const { lo: ylo, hi: yhi, clipped } = yRange(curves);
  const toX = (x: number) => left + ((x - xlo) / (xhi - xlo)) * (right - left);
  const toY = (y: number) => bottom - ((y - ylo) / (yhi - ylo)) * (bottom - top);

  const xt = niceTicks(xlo, xhi, Math.max(2, Math.round((right - left) / 90)));
  const yt = niceTicks(ylo, yhi, Math.max(2, Math.round((bottom - top) / 60)));
  const font = `font-family="${escapeXml(THEME.font)}"`;
  const out: string[] = [];

  out.push(
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">`,
    `<title>${escapeXml(options.title)}</title>`,
    `<defs><clipPath id="plot-area"><rect x="${left}" y="${top}" width="${px(right - left)}" height="${px(bottom - top)}"/></clipPath></defs>`,
    `<rect class="background" width="${width}" height="${height}" fill="${THEME.background}"/>`,
  );

  out.push(`<g class="grid" stroke="${THEME.grid}" stroke-width="1">`);
  for (const t of xt.ticks) out.push(`<line x1="${px(toX(t))}" y1="${top}" x2="${px(toX(t))}" y2="${bottom}"/>`);
  for (const t of yt.ticks) out.push(`<line x1="${left}" y1="${px(toY(t))}" x2="${right}" y2="${px(toY(t))}"/>`);
  out.push('</g>');

  out.push(`<g class="axes" stroke="${THEME.axis}" stroke-width="1">`);
  if (ylo < 0 && yhi > 0) out.push(`<line class="axis-x" x1="${left}" y1="${px(toY(0))}" x2="${right}" y2="${px(toY(0))}"/>`);
  if (xlo < 0 && xhi > 0) out.push(`<line class="axis-y" x1="${px(toX(0))}" y1="${top}" x2="${px(toX(0))}" y2="${bottom}"/>`);
  out.push('</g>');
  out.push(
    `<rect class="frame" x="${left}" y="${top}" width="${px(right - left)}" height="${px(bottom - top)}" fill="none" stroke="${THEME.frame}"/>`,
  );

  out.push(`<g class="ticks" stroke="${THEME.axis}">`);
  for (const t of xt.ticks) out.push(`<line x1="${px(toX(t))}" y1="${bottom}" x2="${px(toX(t))}" y2="${bottom + 5}"/>`);
  for (const t of yt.ticks) out.push(`<line x1="${left - 5}" y1="${px(toY(t))}" x2="${left}" y2="${px(toY(t))}"/>`);
  out.push('</g>');

  out.push(`<g class="tick-labels" ${font} font-size="12" fill="${THEME.tick}">`);
  for (const t of xt.ticks) {
    out.push(`<text x="${px(toX(t))}" y="${bottom + 19}" text-anchor="middle">${formatTick(t, xt.decimals)}</text>`);
  }
  for (const t of yt.ticks) {
    out.push(`<text x="${left - 9}" y="${px(toY(t) + 4)}" text-anchor="end">${formatTick(t, yt.decimals)}</text>`);
  }
  out.push('</g>');

  out.push(
    `<g class="axis-labels" ${font} font-size="13" fill="${THEME.tick}">`,
    `<text x="${px((left + right) / 2)}" y="${height - 10}" text-anchor="middle" font-style="italic">x</text>`,
    `<text x="16" y="${px((top + bottom) / 2)}" text-anchor="middle" font-style="italic" transform="rotate(-90 16 ${px((top + bottom) / 2)})">y</text>`,
    '</g>',
  );
  const note = clipped ? ' (y clipped)' : '';
  out.push(
    `<text class="title" x="${left}" y="${top - 16}" ${font} font-size="15" font-weight="600" fill="${THEME.title}">${escapeXml(truncate(options.title, Math.floor((right - left) / 8)))}<tspan font-weight="400" fill="${THEME.tick}" font-size="12">${escapeXml(note)}</tspan></text>`,
  );

  out.push(`<g class="curves" clip-path="url(#plot-area)" fill="none" stroke-linejoin="round" stroke-linecap="round">`);
  for (const c of curves) {
    const d = curvePath(xs, c.ys, toX, toY, top, bottom, options.breaks);
    const dash = c.dash ? ` stroke-dasharray="${c.dash}"` : '';
    out.push(`<path class="curve curve-${c.id}" data-label="${escapeXml(c.label)}" stroke="${c.color}" stroke-width="${c.width}"${dash} d="${d}"/>`);
  }
  out.push('</g>');

  out.push(legend(curves, { left, right, top, bottom }, (c, i) => [toX(xs[i]), toY(c.ys[i])], font));
  out.push('</svg>', '');
  return out.join('\n');
}

interface Box {
  readonly left: number;
  readonly right: number;
  readonly top: number;
  readonly bottom: number;
}

/** The legend, in whichever corner of the plot the curves cross least (top-right first on ties). */
function legend(curves: readonly Curve[], plot: Box, at: (c: Curve, i: number) => [number, number], font: string): string {
  const rowHeight = 20;
  const boxWidth = 34 + Math.max(...curves.map((c) => c.label.length)) * 7.5 + 14;
  const boxHeight = curves.length * rowHeight + 10;
  const corners: [number, number][] = [
    [plot.right - boxWidth - 10, plot.top + 10],
    [plot.left + 10, plot.top + 10],
    [plot.right - boxWidth - 10, plot.bottom - boxHeight - 10],
    [plot.left + 10, plot.bottom - boxHeight - 10],
  ];
  const crossings = corners.map(([cx, cy]) => {
    let n = 0;
    for (const c of curves) {
      for (let i = 0; i < c.ys.length; i++) {
        const [px, py] = at(c, i);
        if (px >= cx - 4 && px <= cx + boxWidth + 4 && py >= cy - 4 && py <= cy + boxHeight + 4) n++;
      }
    }
    return n;
  });
  const best = crossings.indexOf(Math.min(...crossings));
  const [x0, y0] = corners[best];
  const rows = curves.map((c, i) => {
    const y = y0 + 15 + i * rowHeight;
    const dash = c.dash ? ` stroke-dasharray="${c.dash}"` : '';
    return (
      `<line x1="${px(x0 + 10)}" y1="${px(y)}" x2="${px(x0 + 34)}" y2="${px(y)}" stroke="${c.color}" stroke-width="${c.width}"${dash} stroke-linecap="round"/>` +
      `<text x="${px(x0 + 42)}" y="${px(y + 4)}" ${font} font-size="12" fill="${THEME.title}">${escapeXml(c.label)}</text>`
    );
  });
  return [
    '<g class="legend">',
    `<rect x="${px(x0)}" y="${px(y0)}" width="${px(boxWidth)}" height="${px(boxHeight)}" rx="4" fill="#ffffff" fill-opacity="0.92" stroke="${THEME.frame}"/>`,
    ...rows,
    '</g>',
  ].join('\n');
}

function truncate(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ');
  return flat.length <= max ? flat : `${flat.slice(0, Math.max(1, max - 1))}…`;
}

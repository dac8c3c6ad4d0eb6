/**
 * A small SVG of f and f′ for hovers: integer coordinates in a 10× viewBox (cheap to format, performance.md §5),
 * colours baked in for the theme kind because a hover image cannot read theme variables, ASCII only, base64 data URI.
 */

export type ThemeKind = 'light' | 'dark' | 'highContrast' | 'highContrastLight';

interface Palette {
  readonly f: string;
  readonly df: string;
  readonly axis: string;
  readonly text: string;
  /** Stroke widths in viewBox units (tenths of a pixel). */
  readonly strokeF: number;
  readonly strokeDf: number;
  readonly strokeAxis: number;
}

const palettes: Readonly<Record<ThemeKind, Palette>> = {
  light: { f: '#0066B8', df: '#C4501B', axis: '#C8C8C8', text: '#6F6F6F', strokeF: 18, strokeDf: 14, strokeAxis: 8 },
  dark: { f: '#4DAAFC', df: '#F2A65A', axis: '#4A4A4A', text: '#9D9D9D', strokeF: 18, strokeDf: 14, strokeAxis: 8 },
  highContrast: { f: '#00E0FF', df: '#FFD700', axis: '#FFFFFF', text: '#FFFFFF', strokeF: 24, strokeDf: 20, strokeAxis: 10 },
  highContrastLight: { f: '#0F4A85', df: '#B5200D', axis: '#000000', text: '#000000', strokeF: 24, strokeDf: 20, strokeAxis: 10 },
};

export interface SparklineOptions {
  /** Size in CSS pixels. */
  readonly width: number;
  readonly height: number;
  readonly theme: ThemeKind;
}

const S = 10;
const FONT = 10 * S;

/**
 * The SVG markup of f (solid) and, when given, f′ (dashed) over the sampled x. Non-finite samples leave gaps; the
 * y-range covers both curves and 0, so the x-axis is always in view.
 */
export function sparklineSvg(x: Float64Array, y: Float64Array, dy: Float64Array | undefined, options: SparklineOptions): string {
  const palette = palettes[options.theme];
  const W = Math.round(options.width) * S;
  const H = Math.round(options.height) * S;
  const left = 3 * S;
  const right = W - 3 * S;
  const top = 4 * S;
  const bottom = H - 12 * S;
  const n = x.length;
  const from = x[0];
  const to = x[n - 1];

  let lo = 0;
  let hi = 0;
  const widen = (values: Float64Array): void => {
    for (const v of values) {
      // infinities are gaps in the curve, so they must not stretch the scale
      if (v < lo && v !== -Infinity) lo = v;
      else if (v > hi && v !== Infinity) hi = v;
    }
  };
  widen(y);
  if (dy) widen(dy);
  if (hi - lo < 1e-12) {
    hi += 1;
    lo -= 1;
  }
  const margin = (hi - lo) * 0.05;
  lo -= margin;
  hi += margin;
  const sx = (right - left) / (to - from);
  const sy = (bottom - top) / (hi - lo);
  const px = (v: number): number => Math.round(left + (v - from) * sx);
  const py = (v: number): number => Math.round(bottom - (v - lo) * sy);

  const axisY = py(0);
  let axes = `M${left} ${axisY}H${right}`;
  const zeroX = from < 0 && to > 0 ? px(0) : -1;
  if (zeroX >= 0) axes += `M${zeroX} ${top}V${bottom}`;

  let svg =
    `<svg xmlns="http://www.w3.org/2000/svg" width="${W / S}" height="${H / S}" viewBox="0 0 ${W} ${H}">` +
    `<path d="${axes}" stroke="${palette.axis}" stroke-width="${palette.strokeAxis}" fill="none"/>`;
  svg += curve(x, y, px, py, 'f', palette.f, palette.strokeF, '');
  if (dy) svg += curve(x, dy, px, py, 'df', palette.df, palette.strokeDf, ' stroke-dasharray="45 30"');

  const baseline = H - 2 * S;
  const label = (value: number, at: number, anchor: string, yPos: number): string =>
    `<text x="${at}" y="${yPos}" text-anchor="${anchor}" fill="${palette.text}">${formatTick(value)}</text>`;
  svg += `<g font-family="sans-serif" font-size="${FONT}">`;
  svg += label(from, left, 'start', baseline) + label(to, right, 'end', baseline);
  if (zeroX >= 0 && zeroX - left > 25 * S && right - zeroX > 25 * S) svg += label(0, zeroX, 'middle', baseline);
  // y-extent labels go to the corners the curves leave free: the top of the end where they are low, and vice versa
  const leftLow = endHeight(y, dy, 0) <= endHeight(y, dy, n - 1);
  const [topX, topAnchor, bottomX, bottomAnchor] = leftLow
    ? [left + 2 * S, 'start', right - 2 * S, 'end']
    : [right - 2 * S, 'end', left + 2 * S, 'start'];
  svg += label(hi - margin, topX, topAnchor, top + FONT - 2 * S);
  if (lo + margin < 0) svg += label(lo + margin, bottomX, bottomAnchor, bottom - 2 * S);
  // the legend sits in the label band under the plot, between the 0 and the right end
  const legendX = Math.round(left + (right - left) * 0.62);
  svg += `<text x="${legendX}" y="${baseline}" fill="${palette.f}" font-weight="bold">f</text>`;
  if (dy) svg += `<text x="${legendX + 12 * S}" y="${baseline}" fill="${palette.df}" font-weight="bold">f&#8242;</text>`;
  return `${svg}</g></svg>`;
}

/** The higher of f and f′ at sample i, ignoring non-finite values (−∞ when neither is finite). */
function endHeight(y: Float64Array, dy: Float64Array | undefined, i: number): number {
  const a = Number.isFinite(y[i]) ? y[i] : -Infinity;
  const b = dy && Number.isFinite(dy[i]) ? dy[i] : -Infinity;
  return Math.max(a, b);
}

/** One `<polyline>` per run of finite samples, grouped under a class naming the curve. */
function curve(
  x: Float64Array,
  v: Float64Array,
  px: (v: number) => number,
  py: (v: number) => number,
  name: string,
  colour: string,
  width: number,
  extra: string,
): string {
  let out = `<g class="${name}" fill="none" stroke="${colour}" stroke-width="${width}" stroke-linejoin="round"${extra}>`;
  let points = '';
  let count = 0;
  let lastX = NaN;
  let lastY = NaN;
  const flush = (): void => {
    if (count > 1) out += `<polyline points="${points}"/>`;
    points = '';
    count = 0;
    lastX = lastY = NaN;
  };
  for (let i = 0; i < v.length; i++) {
    const value = v[i];
    if (!Number.isFinite(value)) {
      flush();
      continue;
    }
    const X = px(x[i]);
    const Y = py(value);
    if (X === lastX && Y === lastY) continue;
    points += count === 0 ? `${X},${Y}` : ` ${X},${Y}`;
    count++;
    lastX = X;
    lastY = Y;
  }
  flush();
  return `${out}</g>`;
}

/** Short axis labels, ASCII only (U+2212 minus as an entity). */
function formatTick(v: number): string {
  const a = Math.abs(v);
  let s: string;
  if (a === 0) s = '0';
  else if (a >= 1e4 || a < 1e-3) s = v.toExponential(1).replace('e+', 'e');
  else s = String(Number(v.toPrecision(3)));
  return s.replace('-', '&#8722;');
}

/** `data:image/svg+xml;base64,…`; base64 because spaces break data URIs in hovers (microsoft/vscode #51290). */
export function svgDataUri(svg: string): string {
  return `data:image/svg+xml;base64,${Buffer.from(svg, 'latin1').toString('base64')}`;
}

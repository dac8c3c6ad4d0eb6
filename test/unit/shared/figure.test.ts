import * as assert from 'node:assert/strict';
import { compile } from '../../../src/core/index';
import {
  curveName, fallbackTheme, findJumps, functionFigure, lineArrays, plotlyText, saturatedIntervals, softmaxOf, vectorFigure, vectorView,
  stableYRange, visibleYRange, withAlpha,
} from '../../../src/shared/figure';
import type { FunctionFigureOptions, SeriesData, Trace } from '../../../src/shared/figure';

const dark = fallbackTheme('dark');
const light = fallbackTheme('light');

function grid(from: number, to: number, n: number): Float64Array {
  return Float64Array.from({ length: n }, (_, i) => from + ((to - from) * i) / (n - 1));
}

function series(label: string, f: (x: number) => number, df?: (x: number) => number, n = 201, range: [number, number] = [-5, 5]): SeriesData {
  const x = grid(range[0], range[1], n);
  return { label, samples: { x, y: x.map(f), ...(df ? { dy: x.map(df) } : {}) } };
}

function figure(overrides: Partial<FunctionFigureOptions>): ReturnType<typeof functionFigure> {
  return functionFigure({ series: [], show: { f: true, d1: true, d2: false }, view: [-5, 5], theme: dark, ...overrides });
}

/** Curves with data (not the legend-only entries that explain line styles). */
const lines = (data: readonly Trace[]): Trace[] => data.filter((t) => t.type === 'scatter' && t.mode === 'lines' && Array.isArray(t.x) && t.x.length > 1);

describe('shared/figure', () => {
  describe('functionFigure', () => {
    it('draws f and f′ as SVG scatter lines (never scattergl) with unified hover', () => {
      const fig = figure({ series: [series('tanh(x)', Math.tanh, (x) => 1 - Math.tanh(x) ** 2)] });
      assert.deepEqual(fig.data.map((t) => t.type), ['scatter', 'scatter']);
      assert.equal(fig.layout.hovermode, 'x unified');
      assert.deepEqual(lines(fig.data).map((t) => t.name), ['f', 'f′']);
      assert.ok(!JSON.stringify(fig).includes('scattergl'));
    });

    it('hides each curve its toggle turns off, and draws f″ only when its samples exist', () => {
      const s = series('x^2', (x) => x * x, (x) => 2 * x);
      assert.deepEqual(lines(figure({ series: [s], show: { f: false, d1: true, d2: true } }).data).map((t) => t.name), ['f′']);
      assert.deepEqual(lines(figure({ series: [s], show: { f: true, d1: false, d2: false } }).data).map((t) => t.name), ['f']);
    });

    it('gives every expression of an overlay its own colour, shared by its f, f′ and f″, and names them in the legend', () => {
      const fig = figure({ series: [series('relu(x)', (x) => Math.max(0, x), (x) => (x > 0 ? 1 : 0)), series('silu(x)', (x) => x / (1 + Math.exp(-x)), () => 0.5)] });
      const traces = lines(fig.data);
      assert.deepEqual(traces.map((t) => t.name), ['f · relu(x)', 'f′ · relu(x)', 'f · silu(x)', 'f′ · silu(x)']);
      const colors = traces.map((t) => (t.line as { color: string }).color);
      assert.equal(colors[0], colors[1]);
      assert.equal(colors[2], colors[3]);
      assert.notEqual(colors[0], colors[2]);
      assert.deepEqual(traces.map((t) => (t.line as { dash: string }).dash), ['solid', 'dash', 'solid', 'dash']);
      // One legend entry per expression, and one explaining the dashed f′.
      const legend = fig.data.filter((t) => t.showlegend !== false).map((t) => t.name);
      assert.deepEqual(legend, ['f · relu(x)', 'f · silu(x)', 'f′ (dashed)']);
    });

    it('keeps a series colour by its position when an earlier series is missing (colorIndex)', () => {
      const s = { ...series('b', (x) => x, () => 1), colorIndex: 2 };
      const fig = figure({ series: [series('a', (x) => x, () => 1), s] });
      assert.equal((lines(fig.data)[2]?.line as { color: string }).color, dark.palette[2]);
    });

    it('turns NaN and ±Infinity into null gaps', () => {
      const x = Float64Array.from([-1, -0.5, 0, 0.5, 1]);
      const y = Float64Array.from([NaN, Infinity, 0, -Infinity, 1]);
      const fig = figure({ series: [{ label: 'g', samples: { x, y } }], show: { f: true, d1: false, d2: false }, view: [-1, 1] });
      assert.deepEqual(lines(fig.data)[0]?.y, [null, null, 0, null, 1]);
      assert.equal(lines(fig.data)[0]?.connectgaps, false);
    });

    it('splits the line at a jump instead of drawing a vertical segment (threshold from the core)', () => {
      const f = compile('threshold(x, 1, -1)');
      const s = f.sample({ from: -5, to: 5, points: 1000, order: 2 });
      const fig = figure({ series: [{ label: 'threshold', samples: s }] });
      const y = lines(fig.data)[0]?.y as (number | null)[];
      const x = lines(fig.data)[0]?.x as (number | null)[];
      const gaps = y.map((v, i) => (v === null ? x[i] : undefined)).filter((v) => v !== undefined) as number[];
      assert.equal(gaps.length, 1, 'one gap in f');
      assert.ok(Math.abs((gaps[0] as number) - 1) < 0.02, `the gap sits at the threshold, not at ${gaps[0]}`);
    });

    it('does not split smooth curves or kinks', () => {
      for (const expr of ['tanh(x)', 'relu(x)', 'leaky_relu(x, 0.5)', 'x*sigmoid(x)', 'exp(x)']) {
        const s = compile(expr).sample({ from: -5, to: 5, points: 1000, order: 2 });
        const y = lines(figure({ series: [{ label: expr, samples: s }], show: { f: true, d1: false, d2: false } }).data)[0]?.y as unknown[];
        assert.equal(y.filter((v) => v === null).length, 0, `${expr} has no gaps`);
      }
    });

    it('auto-scales y to the visible curves with a margin', () => {
      const fig = figure({ series: [series('x', (x) => x, () => 1, 201, [-10, 10])], view: [-2, 2] });
      const [lo, hi] = (fig.layout.yaxis as { range: [number, number] }).range;
      assert.ok(lo < -2 && lo > -2.5, `low end ${lo}`);
      assert.ok(hi > 2 && hi < 2.5, `high end ${hi}`);
      assert.deepEqual((fig.layout.xaxis as { range: number[] }).range, [-2, 2]);
    });

    /** The shaded x-intervals and their y extent, from the fill traces (5-point rectangles separated by nulls). */
    function shaded(fig: ReturnType<typeof functionFigure>): { x0: number; x1: number; y0: number; y1: number; color: string }[][] {
      return fig.data.filter((t) => t.fill === 'toself').map((t) => {
        const x = t.x as (number | null)[];
        const y = t.y as (number | null)[];
        const out = [];
        for (let i = 0; i + 4 < x.length; i += 6) out.push({ x0: x[i] as number, x1: x[i + 2] as number, y0: y[i] as number, y1: y[i + 1] as number, color: String(t.fillcolor) });
        return out;
      });
    }

    it('shades where |f′| is below the threshold over the whole visible height for one series, below the curves', () => {
      const fig = figure({
        series: [series('sigmoid', (x) => 1 / (1 + Math.exp(-x)), (x) => Math.exp(-x) / (1 + Math.exp(-x)) ** 2, 1001, [-10, 10])],
        view: [-10, 10], layers: { saturation: true }, saturationThreshold: 0.01,
      });
      const [rects] = shaded(fig);
      assert.equal(rects?.length, 2, 'both tails');
      const left = rects?.[0] as { x0: number; x1: number; y0: number; y1: number };
      // σ′(x) = 0.01 at |x| ≈ 4.5951
      assert.ok(Math.abs(left.x1 + 4.595) < 0.03, `left tail ends at ${left.x1}`);
      assert.deepEqual([left.y0, left.y1], (fig.layout.yaxis as { range: number[] }).range);
      assert.equal(fig.data[0]?.fill, 'toself', 'drawn first, so below the curves');
      assert.equal(fig.data[0]?.hoverinfo, 'skip');
      assert.equal(fig.data[0]?.name, '|f′| &lt; 0.01');
    });

    it('draws saturation as one strip per series along the bottom, in its colour, when several are overlaid', () => {
      const flat = series('0', () => 0, () => 0);
      const fig = figure({ series: [flat, { ...flat, label: '1' }], layers: { saturation: true }, saturationThreshold: 0.01 });
      const [a, b] = shaded(fig).map((r) => r[0] as { y0: number; y1: number; color: string });
      const [lo, hi] = (fig.layout.yaxis as { range: number[] }).range as [number, number];
      assert.ok(a && b && a.y1 <= b.y0, 'strips do not overlap');
      assert.ok(b && b.y1 < lo + 0.1 * (hi - lo), 'strips stay at the bottom');
      assert.notEqual(a?.color, b?.color);
      assert.ok(fig.data.some((t) => t.name === '|f′| &lt; 0.01 (strips)'));
    });

    it('does not shade when the layer is off or the threshold is 0', () => {
      const s = series('0', () => 0, () => 0);
      assert.equal(shaded(figure({ series: [s], layers: { saturation: false }, saturationThreshold: 0.01 })).length, 0);
      assert.equal(shaded(figure({ series: [s], layers: { saturation: true }, saturationThreshold: 0 })).length, 0);
    });

    it('marks kinks on f and the derivative convention on f′, with the note as hover text', () => {
      const kink = { x: 0, y: 0, dy: 0.2, note: 'leaky_relu′(0) = α in PyTorch' };
      const s = { ...series('leaky', (x) => (x > 0 ? x : 0.2 * x), (x) => (x > 0 ? 1 : 0.2)), kinks: [kink] };
      const fig = figure({ series: [s], layers: { kinks: true } });
      const markers = fig.data.filter((t) => t.mode === 'markers');
      assert.deepEqual(markers.map((t) => [t.x, t.y]), [[[0], [0]], [[0], [0.2]]]);
      assert.deepEqual(markers[1]?.text, ['leaky_relu′(0) = α in PyTorch']);
      assert.equal(figure({ series: [s], layers: { kinks: false } }).data.filter((t) => t.mode === 'markers').length, 0);
    });

    it('escapes markup in labels so Plotly shows it as text', () => {
      const fig = figure({ series: [series('<b>x</b> & <img src=x onerror=alert(1)>', (x) => x, () => 1), series('y', (x) => x)], title: '<i>t</i>' });
      const text = JSON.stringify(fig);
      assert.ok(!text.includes('<b>x') && !text.includes('<img') && !text.includes('<i>'));
      assert.ok(text.includes('&lt;img src=x onerror=alert(1)&gt;'));
      assert.ok(text.includes('&lt;i&gt;t&lt;/i&gt;'));
    });

    it('takes every colour from the theme: no white plot in a dark theme', () => {
      for (const theme of [dark, light, fallbackTheme('high-contrast')]) {
        const fig = figure({ series: [series('x', (x) => x, () => 1)], theme });
        assert.equal(fig.layout.paper_bgcolor, theme.background);
        assert.equal(fig.layout.plot_bgcolor, theme.background);
        assert.equal((fig.layout.font as { color: string }).color, theme.foreground);
        assert.equal((fig.layout.xaxis as { gridcolor: string }).gridcolor, theme.grid);
      }
      assert.equal(dark.background, '#1f1f1f');
    });

    it('is plain JSON: survives JSON round trips unchanged', () => {
      const s = compile('gelu(x)').sample({ from: -3, to: 3, points: 50, order: 2 });
      const fig = figure({ series: [{ label: 'gelu', samples: s, kinks: [] }], show: { f: true, d1: true, d2: true }, layers: { saturation: true, kinks: true }, saturationThreshold: 0.01 });
      assert.deepEqual(JSON.parse(JSON.stringify(fig)), fig);
    });
  });

  describe('helpers', () => {
    it('names curves f, f′, f″, with the label when several are shown', () => {
      assert.equal(curveName('relu(x)', 2, true), 'f″');
      assert.equal(curveName('relu(x)', 1, false), 'f′ · relu(x)');
    });

    it('finds a jump by the slope disagreeing with the change, and without a slope by size alone', () => {
      const x = [0, 1, 2, 3, 4, 5];
      assert.deepEqual(findJumps(x, [0, 0, 0, 5, 5, 5], [0, 0, 0, 0, 0, 0], 5), [2]);
      assert.deepEqual(findJumps(x, [0, 1, 2, 3, 4, 5], [1, 1, 1, 1, 1, 1], 5), []);
      assert.deepEqual(findJumps(x, [0, 0.01, 0.02, 5, 5.01, 5.02], undefined, 5), [2]);
    });

    it('inserts one null per jump between the two sides', () => {
      assert.deepEqual(lineArrays([0, 1, 2], [0, 0, 5], [1]), { x: [0, 1, 1.5, 2], y: [0, 0, null, 5] });
    });

    it('ignores a few huge values when scaling y (an asymptote)', () => {
      const x = grid(-1, 1, 1000);
      const y = x.map((v) => 1 / v);
      const [lo, hi] = visibleYRange([y], [x], [-1, 1]);
      assert.ok(hi < 100 && lo > -100 && hi > 20 && lo < -20, `range ${lo}…${hi}`);
      assert.deepEqual(visibleYRange([Float64Array.from([NaN])], [Float64Array.from([0])], [-1, 1]), [-1, 1]);
      const [a, b] = visibleYRange([Float64Array.from([3, 3])], [Float64Array.from([0, 1])], [-1, 2]);
      assert.ok(a < 3 && b > 3, 'a constant gets a range around it');
    });

    it('keeps the previous y-range while the curves fit it and fill most of it', () => {
      assert.deepEqual(stableYRange([0, 0.9], [-0.1, 1]), [-0.1, 1]);
      assert.deepEqual(stableYRange([0, 1.2], [-0.1, 1]), [0, 1.2], 'grows when a curve leaves it');
      assert.deepEqual(stableYRange([0, 0.3], [-0.1, 1]), [0, 0.3], 'shrinks when the curves use little of it');
      assert.deepEqual(stableYRange([0, 1], undefined), [0, 1]);
    });

    it('merges saturated samples into intervals', () => {
      assert.deepEqual(saturatedIntervals([0, 1, 2, 3, 4], [0, 0, 1, 1, 0], 0.5), [[0, 1.5], [3.5, 4]]);
      assert.deepEqual(saturatedIntervals([0, 1], [0, 0], 0), []);
    });

    it('mixes alpha into hex and rgb colours', () => {
      assert.equal(withAlpha('#ff0000', 0.5), 'rgba(255, 0, 0, 0.5)');
      assert.equal(withAlpha('#f00', 0.25), 'rgba(255, 0, 0, 0.25)');
      assert.equal(withAlpha('#ff000080', 0.5), 'rgba(255, 0, 0, 0.251)');
      assert.equal(withAlpha('rgba(10, 20, 30, 0.5)', 0.5), 'rgba(10, 20, 30, 0.25)');
      assert.equal(withAlpha('var(--x)', 0.5), 'var(--x)');
    });

    it('escapes Plotly pseudo-HTML', () => {
      assert.equal(plotlyText('a < b && c > d'), 'a &lt; b &amp;&amp; c &gt; d');
    });
  });

  describe('vectorFigure', () => {
    it('shows softmax as bars of input and output beside a Jacobian heat-map', () => {
      const result = compile('softmax([2, 1, -1] / T)', { params: { T: 1 } }).vector({ T: 0.5 });
      assert.equal(vectorView(result), 'jacobian');
      const fig = vectorFigure({ label: 'softmax', result, theme: dark });
      assert.deepEqual(fig.data.map((t) => t.type), ['bar', 'bar', 'bar']);
      // The Jacobian: one bar per cell (row i from base i to i + 1), coloured by value on a scale centred at 0.
      const cells = fig.data[2] as unknown as { name: string; x: string[]; base: number[]; marker: { color: number[]; cmin: number; cmax: number }; xaxis: string };
      assert.equal(cells.name, 'Jacobian ∂y/∂z');
      assert.equal(cells.xaxis, 'x2');
      assert.equal(cells.marker.color.length, 9);
      assert.deepEqual(cells.base, [0, 0, 0, 1, 1, 1, 2, 2, 2]);
      assert.deepEqual(cells.x.slice(0, 3), ['z₀', 'z₁', 'z₂']);
      assert.equal(cells.marker.cmin, -cells.marker.cmax);
      const s = result.values;
      for (let i = 0; i < 3; i++) {
        const row = cells.marker.color.slice(3 * i, 3 * i + 3);
        assert.ok(Math.abs(row.reduce((a, b) => a + b, 0)) < 1e-12, 'each Jacobian row of softmax sums to 0');
        assert.ok(Math.abs((row[i] as number) - (s[i] as number) * (1 - (s[i] as number))) < 1e-12, 'diagonal s(1 − s)');
      }
      assert.ok(!JSON.stringify(fig).includes('heatmap'), 'no trace type outside the basic Plotly bundle');
    });

    it('shows cross_entropy as softmax, one-hot target and the gradient softmax − onehot, with the loss', () => {
      const result = compile('cross_entropy([2, 1, -1], 0)').vector();
      assert.equal(vectorView(result), 'loss');
      const fig = vectorFigure({ label: 'ce', result, theme: light });
      const [p, onehot, gradient] = fig.data as unknown as { y: number[] }[];
      const expected = softmaxOf([2, 1, -1]);
      p?.y.forEach((v, i) => assert.ok(Math.abs(v - (expected[i] as number)) < 1e-12));
      assert.deepEqual(onehot?.y, [1, 0, 0]);
      gradient?.y.forEach((v, i) => assert.ok(Math.abs(v - ((expected[i] as number) - (i === 0 ? 1 : 0))) < 1e-12));
      const loss = -Math.log(expected[0] as number);
      assert.ok(JSON.stringify(fig.layout.annotations).includes(`loss = ${loss.toPrecision(6)}`));
    });

    it('shows a plain value as one bar', () => {
      const fig = vectorFigure({ label: '2+3', result: { values: Float64Array.from([5]), isScalar: true }, theme: dark });
      assert.equal(vectorView({ values: Float64Array.from([5]), isScalar: true }), 'bars');
      assert.deepEqual(fig.data[0]?.y, [5]);
    });
  });
});

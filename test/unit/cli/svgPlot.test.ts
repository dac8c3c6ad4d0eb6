import * as assert from 'node:assert/strict';
import { curvePath, escapeXml, formatTick, niceTicks, renderSvgPlot, THEME, yRange } from '../../../src/cli/svgPlot';
import type { Curve } from '../../../src/cli/svgPlot';
import { parseSvg } from './parseSvg';

function grid(from: number, to: number, n: number): Float64Array {
  return Float64Array.from({ length: n }, (_, i) => from + ((to - from) * i) / (n - 1));
}

const xs = grid(-4, 4, 81);
const sigmoid = xs.map((x) => 1 / (1 + Math.exp(-x)));
const sigmoidPrime = sigmoid.map((s) => s * (1 - s));
const curves: Curve[] = [
  { label: 'f(x)', id: 'f', ys: sigmoid, color: THEME.f, width: 2 },
  { label: 'f′(x)', id: 'df', ys: sigmoidPrime, color: THEME.df, width: 1.5 },
];

describe('cli svg plot', () => {
  describe('niceTicks', () => {
    const cases: [number, number, number, number[]][] = [
      [-5, 5, 8, [-5, -4, -3, -2, -1, 0, 1, 2, 3, 4, 5]],
      [-6, 6, 6, [-6, -4, -2, 0, 2, 4, 6]],
      [0, 1, 5, [0, 0.2, 0.4, 0.6, 0.8, 1]],
      [-0.03, 1.03, 6, [0, 0.2, 0.4, 0.6, 0.8, 1]],
      [0.1, 0.35, 5, [0.1, 0.15, 0.2, 0.25, 0.3, 0.35]],
    ];
    for (const [lo, hi, target, ticks] of cases) {
      it(`puts round ticks on [${lo}, ${hi}]: ${ticks.join(' ')}`, () => assert.deepEqual(niceTicks(lo, hi, target).ticks, ticks));
    }
    it('keeps every tick inside the range and at most about twice the target in count', () => {
      for (const [lo, hi] of [[-1e-9, 3e-9], [12345, 12399], [-800, 800], [0.5, 0.5000001]]) {
        const { ticks } = niceTicks(lo, hi, 6);
        assert.ok(ticks.length >= 2 && ticks.length <= 13, `${ticks.length} ticks on [${lo}, ${hi}]`);
        for (const t of ticks) assert.ok(t >= lo - 1e-12 * Math.abs(lo) && t <= hi + 1e-12 * Math.abs(hi), `${t} in range`);
      }
    });
    it('labels ticks with fixed decimals and a true minus sign', () => {
      assert.equal(formatTick(-0.5, 1), '\u22120.5');
      assert.equal(formatTick(0, 2), '0');
      assert.equal(formatTick(0.30000000000000004, 1), '0.3');
      assert.equal(formatTick(2e7, 0), '2e+7');
    });
  });

  describe('yRange', () => {
    it('covers every finite value with a margin and ignores NaN and infinities', () => {
      const r = yRange([{ ...curves[0], ys: Float64Array.from([0, NaN, 1, Infinity, -Infinity]) }]);
      assert.ok(r.lo < 0 && r.lo > -0.1 && r.hi > 1 && r.hi < 1.1, `${r.lo}..${r.hi}`);
      assert.equal(r.clipped, false);
    });
    it('clips to the bulk of the values when a pole would flatten the curve', () => {
      const ys = grid(-3, 3, 200).map((x, i) => (i === 100 ? 1e6 : Math.sin(x)));
      const r = yRange([{ ...curves[0], ys }]);
      assert.equal(r.clipped, true);
      assert.ok(r.hi < 2 && r.lo > -2 && r.hi > 0.99 && r.lo < -0.99, `${r.lo}..${r.hi}`);
    });
    it('gives a flat line some height and an all-NaN curve a default range', () => {
      const flat = yRange([{ ...curves[0], ys: Float64Array.from([2, 2, 2]) }]);
      assert.ok(flat.lo < 2 && flat.hi > 2);
      assert.deepEqual(yRange([{ ...curves[0], ys: Float64Array.from([NaN, NaN]) }]), { lo: -1, hi: 1, clipped: false });
    });
  });

  describe('curvePath', () => {
    const identity = (v: number) => v;
    it('starts a new subpath after each NaN, so gaps stay gaps', () => {
      const d = curvePath([0, 1, 2, 3, 4, 5], [1, 2, NaN, 4, 5, Infinity], identity, identity, -100, 100);
      assert.equal(d, 'M0 1L1 2M3 4L4 5');
    });
    it('breaks the line where it leaves on one side and returns from the other (a pole)', () => {
      const d = curvePath([0, 1, 2, 3], [1, 500, -500, 1], identity, identity, -100, 100);
      assert.equal((d.match(/M/g) ?? []).length, 2);
    });
    it('does not join a step across a kink, but joins a continuous curve there', () => {
      const xsK = [-2, -1, 0, 1, 2];
      assert.equal(curvePath(xsK, [0.2, 0.2, 0.2, 1, 1], identity, (v) => v * 100, -1000, 1000, [0]), 'M-2 20L-1 20L0 20M1 100L2 100');
      assert.equal(curvePath(xsK, [0, 0, 0, 0.001, 0.002], identity, (v) => v * 100, -1000, 1000, [0]), 'M-2 0L-1 0L0 0L1 0.1L2 0.2');
      assert.equal(curvePath(xsK, [0.2, 0.2, 0.2, 1, 1], identity, (v) => v * 100, -1000, 1000), 'M-2 20L-1 20L0 20L1 100L2 100');
    });
    it('clamps far-away coordinates to a band around the plot', () => {
      const d = curvePath([0, 1], [0, 1e300], identity, identity, 0, 10);
      assert.equal(d, 'M0 0L1 30');
    });
  });

  describe('renderSvgPlot', () => {
    const svg = renderSvgPlot({ title: 'x*sigmoid(x) < "a" & \'b\'', xs, curves, width: 800, height: 450 });
    const doc = parseSvg(svg);

    it('is a well-formed standalone SVG of the requested size with a white background', () => {
      assert.ok(svg.startsWith('<?xml version="1.0" encoding="UTF-8"?>'));
      assert.equal(doc.documentElement.getAttribute('width'), '800');
      assert.equal(doc.documentElement.getAttribute('viewBox'), '0 0 800 450');
      const background = doc.querySelector('rect.background');
      assert.equal(background?.getAttribute('fill'), '#ffffff');
    });
    it('draws one path per curve, each a single unbroken subpath across the grid', () => {
      const paths = [...doc.getElementsByTagName('path')];
      assert.equal(paths.length, 2);
      assert.deepEqual(paths.map((p) => p.getAttribute('class')), ['curve curve-f', 'curve curve-df']);
      for (const p of paths) {
        const d = p.getAttribute('d') ?? '';
        assert.equal((d.match(/M/g) ?? []).length, 1);
        assert.equal((d.match(/L/g) ?? []).length, xs.length - 1);
      }
    });
    it('keeps the curves inside the clipped plot area', () => {
      const group = doc.querySelector('g.curves');
      assert.equal(group?.getAttribute('clip-path'), 'url(#plot-area)');
      assert.ok(doc.getElementById('plot-area'));
    });
    it('has axes, ticks with labels, axis labels and a legend naming f and f′', () => {
      assert.ok(doc.querySelector('line.axis-y'), 'the y axis at x = 0');
      const labels = [...doc.querySelectorAll('g.tick-labels text')].map((t) => t.textContent);
      assert.ok(labels.includes('\u22124') && labels.includes('4') && labels.includes('0.4'), labels.join(' '));
      assert.ok(doc.querySelectorAll('g.ticks line').length >= 8);
      const axisLabels = [...doc.querySelectorAll('g.axis-labels text')].map((t) => t.textContent);
      assert.deepEqual(axisLabels, ['x', 'y']);
      const legend = [...doc.querySelectorAll('g.legend text')].map((t) => t.textContent);
      assert.deepEqual(legend, ['f(x)', 'f′(x)']);
    });
    it('puts the legend in a corner the curves leave free', () => {
      const legendBox = (svgText: string) => {
        const rect = parseSvg(svgText).querySelector('g.legend rect');
        return { x: Number(rect?.getAttribute('x')), y: Number(rect?.getAttribute('y')) };
      };
      const rising = legendBox(svg);
      assert.ok(rising.x < 400 && rising.y < 225, `sigmoid fills the top right, so top left: ${JSON.stringify(rising)}`);
      const falling = legendBox(
        renderSvgPlot({ title: 'f', xs, curves: [{ ...curves[0], ys: sigmoid.map((s) => 1 - s) }], width: 800, height: 450 }),
      );
      assert.ok(falling.x > 400 && falling.y < 225, `a falling curve leaves the top right: ${JSON.stringify(falling)}`);
    });
    it('escapes the title', () => {
      assert.equal(doc.getElementsByTagName('title')[0]?.textContent, 'x*sigmoid(x) < "a" & \'b\'');
      assert.equal(escapeXml('<&>"\''), '&lt;&amp;&gt;&quot;&apos;');
    });
    it('maps the curve into the plot area: sigmoid rises from bottom to top', () => {
      const d = doc.querySelector('path.curve-f')?.getAttribute('d') ?? '';
      const points = [...d.matchAll(/[ML](-?[\d.]+) (-?[\d.]+)/g)].map((m) => [Number(m[1]), Number(m[2])]);
      const [x0, y0] = points[0];
      const [x1, y1] = points[points.length - 1];
      assert.ok(x0 < x1, 'left to right');
      assert.ok(y0 > y1, 'SVG y grows downwards, so a rising curve ends higher up');
      for (const [px, py] of points) assert.ok(px >= 0 && px <= 800 && py >= 0 && py <= 450, `${px},${py}`);
    });
    it('shows gaps for NaN and notes an all-NaN curve without failing', () => {
      const holes = renderSvgPlot({
        title: 'log(x)',
        xs,
        curves: [{ ...curves[0], ys: xs.map((x) => (x > 0 ? Math.log(x) : NaN)) }, { ...curves[1], ys: xs.map(() => NaN) }],
        width: 400,
        height: 300,
      });
      const parsed = parseSvg(holes);
      const [f, df] = [...parsed.getElementsByTagName('path')].map((p) => p.getAttribute('d') ?? '');
      assert.equal((f.match(/M/g) ?? []).length, 1);
      assert.ok(f.length > 0);
      assert.equal(df, '');
    });
  });
});

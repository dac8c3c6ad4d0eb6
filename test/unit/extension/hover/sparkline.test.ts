import * as assert from 'node:assert/strict';
import { compile } from '../../../../src/core/index';
import type { ThemeKind } from '../../../../src/extension/hover/sparkline';
import { sparklineSvg, svgDataUri } from '../../../../src/extension/hover/sparkline';

const options = { width: 240, height: 120, theme: 'dark' as ThemeKind };

function sampled(expr: string, points = 121) {
  return compile(expr).sample({ from: -4, to: 4, points, order: 1 });
}

/** The point lists of every polyline in a curve group, as numbers. */
function polylines(svg: string, curve: 'f' | 'df'): number[][][] {
  const group = new RegExp(`<g class="${curve}"[^>]*>(.*?)</g>`).exec(svg);
  assert.ok(group, `no ${curve} group`);
  return [...group[1].matchAll(/<polyline points="([^"]*)"\/>/g)].map((m) => m[1].split(' ').map((p) => p.split(',').map(Number)));
}

describe('hover sparkline', () => {
  it('draws f and f′ as two groups of integer-coordinate polylines inside the viewBox', () => {
    const s = sampled('gelu(x)');
    const svg = sparklineSvg(s.x, s.y, s.dy, options);
    assert.match(svg, /viewBox="0 0 2400 1200"/);
    for (const curve of ['f', 'df'] as const) {
      const lines = polylines(svg, curve);
      assert.equal(lines.length, 1);
      assert.ok(lines[0].length > 50, `${curve} has ${lines[0].length} points`);
      for (const [x, y] of lines[0]) {
        assert.ok(Number.isInteger(x) && Number.isInteger(y), `${x},${y} are integers`);
        assert.ok(x >= 0 && x <= 2400 && y >= 0 && y <= 1200, `${x},${y} inside the viewBox`);
      }
    }
  });

  it('draws f′ dashed and in another colour than f', () => {
    const s = sampled('silu(x)');
    const svg = sparklineSvg(s.x, s.y, s.dy, options);
    const f = /<g class="f"[^>]*stroke="(#[0-9A-F]{6})"[^>]*>/.exec(svg);
    const df = /<g class="df"[^>]*stroke="(#[0-9A-F]{6})"[^>]*stroke-dasharray/.exec(svg);
    assert.ok(f && df);
    assert.notEqual(f[1], df[1]);
  });

  it('draws only f when no derivative is given', () => {
    const s = sampled('tanh(x)');
    const svg = sparklineSvg(s.x, s.y, undefined, options);
    assert.doesNotMatch(svg, /class="df"/);
    assert.equal(polylines(svg, 'f').length, 1);
  });

  it('puts larger values higher (SVG y grows downwards)', () => {
    const s = sampled('x');
    const [points] = polylines(sparklineSvg(s.x, s.y, undefined, options), 'f');
    assert.ok(points[0][1] > points[points.length - 1][1]);
    assert.ok(points[0][0] < points[points.length - 1][0]);
  });

  it('leaves a gap where the function is not finite, without stretching the scale', () => {
    const x = Float64Array.from({ length: 21 }, (_, i) => -1 + i / 10);
    const y = x.map((v) => (Math.abs(v) < 0.15 ? NaN : v > 0.8 ? Infinity : v));
    const svg = sparklineSvg(x, y, undefined, options);
    const lines = polylines(svg, 'f');
    assert.equal(lines.length, 2);
    const ys = lines.flat().map(([, yy]) => yy);
    assert.ok(Math.max(...ys) - Math.min(...ys) > 500, 'the finite part still uses the height');
  });

  it('handles a constant function without dividing by zero', () => {
    const x = Float64Array.from([-1, 0, 1]);
    const svg = sparklineSvg(x, Float64Array.from([0, 0, 0]), Float64Array.from([0, 0, 0]), options);
    assert.doesNotMatch(svg, /NaN|Infinity/);
  });

  it('labels the x-range ends with a real minus sign, ASCII-only', () => {
    const s = sampled('relu(x)');
    const svg = sparklineSvg(s.x, s.y, s.dy, options);
    assert.match(svg, />&#8722;4</);
    assert.match(svg, />4</);
    assert.match(svg, /f&#8242;/);
    assert.ok(/^[\x20-\x7e]*$/.test(svg), 'ASCII only');
  });

  it('bakes different colours for each theme kind, and thicker strokes for high contrast', () => {
    const s = sampled('sigmoid(x)');
    const svgs = (['light', 'dark', 'highContrast', 'highContrastLight'] as const).map((theme) => sparklineSvg(s.x, s.y, s.dy, { ...options, theme }));
    assert.equal(new Set(svgs).size, 4);
    const width = (svg: string) => Number(/<g class="f"[^>]*stroke-width="(\d+)"/.exec(svg)![1]);
    assert.ok(width(svgs[2]) > width(svgs[1]));
  });

  it('sizes the SVG in pixels as asked', () => {
    const s = sampled('elu(x)');
    assert.match(sparklineSvg(s.x, s.y, s.dy, { ...options, width: 300, height: 90 }), /width="300" height="90" viewBox="0 0 3000 900"/);
  });

  it('makes a base64 data URI that decodes back to the SVG and stays far below the hover limit', () => {
    const s = sampled('mish(x)', 200);
    const svg = sparklineSvg(s.x, s.y, s.dy, { ...options, width: 800, height: 400 });
    const uri = svgDataUri(svg);
    assert.match(uri, /^data:image\/svg\+xml;base64,[A-Za-z0-9+/]+=*$/);
    assert.equal(Buffer.from(uri.slice(uri.indexOf(',') + 1), 'base64').toString('latin1'), svg);
    assert.ok(uri.length < 10_000, `${uri.length} characters`);
  });
});

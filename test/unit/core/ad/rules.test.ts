import * as assert from 'node:assert/strict';
import { Reg, MaxMinVV, ClampOp, ReduceExtremumOp } from '../../../../src/core/ad/ops';
import { UNARY } from '../../../../src/core/ad/unary';
import type { UnaryName } from '../../../../src/core/ad/unary';
import { compile } from '../../../../src/core/index';

/** Points inside each primitive's domain, away from kinks. */
const DOMAIN: Readonly<Record<UnaryName, readonly number[]>> = {
  neg: [-2, 0.3, 5], square: [-2, 0.3, 5], exp: [-3, 0.2, 4], expm1: [-3, 1e-3, 4], log: [0.05, 1, 30], log1p: [-0.5, 0.01, 20],
  sqrt: [0.01, 2, 50], abs: [-2, 0.7], sign: [-2, 0.7], relu: [-2, 0.7], sin: [-2, 0.3, 4], cos: [-2, 0.3, 4], sinh: [-2, 0.3, 4],
  cosh: [-2, 0.3, 4], tanh: [-3, -0.2, 0.9, 2.5], erf: [-2, 0.1, 1.7], erfc: [-2, 0.1, 1.7], sigmoid: [-6, -0.4, 0.8, 9],
  softplus: [-6, -0.4, 0.8, 9],
};

function rule(name: UnaryName, xs: readonly number[], order: 0 | 1 | 2) {
  const a = Float64Array.from(xs);
  const g = [new Float64Array(xs.length), new Float64Array(xs.length), new Float64Array(xs.length)];
  UNARY.get(name)!.chunk(a, xs.length, order, g[0], g[1], g[2]);
  return g;
}

describe('core/ad: forward-mode rules', () => {
  describe('unary primitives: the chunk rule agrees with the scalar value and with central differences', () => {
    for (const [name, points] of Object.entries(DOMAIN) as [UnaryName, readonly number[]][]) {
      it(name, () => {
        const prim = UNARY.get(name)!;
        const [g0, g1, g2] = rule(name, points, 2);
        const [v0] = rule(name, points, 0);
        points.forEach((x, i) => {
          assert.ok(Object.is(g0[i], prim.value(x)), `${name}(${x}) order 2 vs scalar`);
          assert.ok(Object.is(v0[i], prim.value(x)), `${name}(${x}) order 0 vs scalar`);
          const h = 1e-5 * Math.max(0.01, Math.abs(x));
          const d1 = (prim.value(x + h) - prim.value(x - h)) / (2 * h);
          const [, p1] = rule(name, [x + h], 1);
          const [, m1] = rule(name, [x - h], 1);
          const d2 = (p1[0] - m1[0]) / (2 * h);
          assert.ok(Math.abs(g1[i] - d1) <= 1e-7 * Math.max(1, Math.abs(d1)), `${name}′(${x}): ${g1[i]} vs ${d1}`);
          assert.ok(Math.abs(g2[i] - d2) <= 1e-6 * Math.max(1, Math.abs(d2)), `${name}″(${x}): ${g2[i]} vs ${d2}`);
        });
      });
    }

    it('keep PyTorch’s conventions at kinks and propagate NaN', () => {
      assert.deepEqual(rule('abs', [0, -0], 2).map((a) => Array.from(a)), [[0, 0], [0, -0], [0, 0]]);
      assert.deepEqual(Array.from(rule('relu', [0], 2)[1]), [0]);
      assert.deepEqual(Array.from(rule('sign', [0], 2)[1]), [0]);
      for (const name of UNARY.keys()) {
        const [v, d1] = rule(name, [NaN], 2);
        assert.ok(Number.isNaN(v[0]), `${name}(NaN)`);
        if (name !== 'sign' && name !== 'neg' && name !== 'square' && name !== 'relu') assert.ok(Number.isNaN(d1[0]), `${name}′(NaN)`);
      }
    });
  });

  describe('piecewise operations split the gradient as PyTorch does', () => {
    const reg = (v: number, d1: number, d2 = 0): Reg => {
      const r = Reg.of(1);
      r.v[0] = v;
      r.d1[0] = d1;
      r.d2[0] = d2;
      return r;
    };

    it('torch.maximum/minimum: ½ to each side at a tie', () => {
      const o = Reg.of(1);
      new MaxMinVV(true, reg(1, 3, 4), reg(1, 5, 6), o).run(1, 2);
      assert.deepEqual([o.v[0], o.d1[0], o.d2[0]], [1, 4, 5]);
      new MaxMinVV(false, reg(1, 3, 4), reg(2, 5, 6), o).run(1, 2);
      assert.deepEqual([o.v[0], o.d1[0], o.d2[0]], [1, 3, 4]);
    });

    it('torch.max over a vector: evenly among ties', () => {
      const o = Reg.of(1);
      new ReduceExtremumOp(true, [reg(2, 3), reg(2, 6), reg(1, 100)], o).run(1, 1);
      assert.deepEqual([o.v[0], o.d1[0]], [2, 4.5]);
    });

    it('clamp: the input’s gradient on the closed interval, the bound’s outside (clamp_backward_min_max)', () => {
      const o = Reg.of(1);
      const cases: readonly [number, number, number, number][] = [
        // x, lo, hi, expected d1 (x′ = 1, lo′ = 10, hi′ = 100)
        [0, -1, 1, 1], [-1, -1, 1, 1], [1, -1, 1, 1], [-2, -1, 1, 10], [2, -1, 1, 100], [1, 1, 1, 1], [0, 2, 1, 100],
        // lo = hi with x outside: PyTorch gives no gradient to anyone (x < lo, but lo < hi fails; x > hi fails)
        [0, 1, 1, 0],
      ];
      for (const [x, lo, hi, d] of cases) {
        new ClampOp(reg(x, 1), reg(lo, 10), reg(hi, 100), o).run(1, 1);
        assert.equal(o.v[0], Math.min(Math.max(x, lo), hi), `clamp(${x}, ${lo}, ${hi})`);
        assert.equal(o.d1[0], d, `clamp′(${x}, ${lo}, ${hi})`);
      }
    });
  });

  describe('the tape and the x-free path compute the same numbers', () => {
    const sources = [
      'exp(X) - log(X) + sqrt(X)', 'X**3 / (1 + X**2)', '2**X + X**0.5 + X**X', 'max(X, 1) + min(X, 1) + clamp(X, 0, 2)',
      'where(X > 1, X, -X) + (X <= 2) + (X == 1)', 'erf(X) + erfc(X) + tanh(X) + sinh(X)', 'softmax([X, 1, 2])[1]',
      'cross_entropy([X, 1, -1], 0)', 'gelu(X) + silu(X) + leaky_relu(X, 0.3) + elu(X)', 'sparsemax([X, 0.5, 0])[0]',
      'logsumexp([X, 2, 3])', 'binary_cross_entropy_with_logits(X, 0.3)', '1 / X - 5 / X + X / 7 - (3 - X)',
    ];
    for (const src of sources) {
      it(src, () => {
        const f = compile(src.replace(/X/g, 'x'));
        for (const x of [0.3, 1, 1.7, -2.2]) {
          const tape = f.at([x], 2).y[0];
          const scalar = compile(src.replace(/X/g, 'T'), { params: { T: x } }).vector().values[0];
          assert.ok(Object.is(tape, scalar) || (Number.isNaN(tape) && Number.isNaN(scalar)), `${src} at ${x}: ${tape} vs ${scalar}`);
        }
      });
    }
  });

  it('gives the same derivatives at every order (order 1 and 2 agree on f and f′)', () => {
    const f = compile('x*sigmoid(x) + softmax([x, 2*x, 1])[2] + abs(x)**1.5');
    const xs = [-2, -0.1, 0.4, 3];
    const [a, b, c] = [f.at(xs, 0), f.at(xs, 1), f.at(xs, 2)];
    assert.deepEqual(Array.from(a.y), Array.from(b.y));
    assert.deepEqual(Array.from(b.y), Array.from(c.y));
    assert.deepEqual(Array.from(b.dy!), Array.from(c.dy!));
  });
});

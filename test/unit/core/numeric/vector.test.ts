import * as assert from 'node:assert/strict';
import {
  bceWithLogitsJet, crelu, crossEntropy, glu, gluJacobian, logSoftmax, logSoftmaxJacobian, logSumExp, softmax,
  softmaxJacobian, softmin, sparsemax, sparsemaxJacobian,
} from '../../../../src/core/numeric/vector';
import type { Encoded, VectorFixture } from '../activations/torchFixture';
import { decode, isClose, loadTorchFixtures } from '../activations/torchFixture';

const REL = 1e-12;
const ABS = 1e-300;
const nums = (values: readonly Encoded[]) => values.map((v) => decode(v) as number);

function assertAllClose(actual: ArrayLike<number>, expected: readonly number[], what: string, abs = ABS): void {
  assert.equal(actual.length, expected.length, what);
  for (let i = 0; i < expected.length; i++) {
    assert.ok(isClose(actual[i], expected[i], REL, abs), `${what}[${i}] = ${actual[i]}, PyTorch ${expected[i]}`);
  }
}

/** Our value and Jacobian rows for a fixture's function, computed by numeric/vector.ts. */
function evaluate(fx: VectorFixture): { value: Float64Array; jacobian: Float64Array[] } {
  const v = nums(fx.input);
  switch (fx.fn) {
    case 'softmax':
    case 'softmax2d': {
      const s = softmax(v);
      return { value: s, jacobian: softmaxJacobian(s) };
    }
    case 'log_softmax':
      return { value: logSoftmax(v), jacobian: logSoftmaxJacobian(softmax(v)) };
    case 'softmin': {
      const s = softmin(v);
      return { value: s, jacobian: softmaxJacobian(s).map((row) => row.map((a) => -a)) };
    }
    case 'logsumexp':
      return { value: Float64Array.of(logSumExp(v)), jacobian: [softmax(v)] };
    case 'crelu':
      return {
        value: crelu(v),
        jacobian: [
          ...v.map((a, i) => Float64Array.from(v, (_, j) => (i === j && a > 0 ? 1 : 0))),
          ...v.map((a, i) => Float64Array.from(v, (_, j) => (i === j && a < 0 ? -1 : 0))),
        ],
      };
    case 'glu':
      return { value: glu(v), jacobian: gluJacobian(v) };
    default:
      throw new Error(`no kernel for ${fx.fn}`);
  }
}

describe('vector kernels against PyTorch 1.13', () => {
  const fixtures = loadTorchFixtures();
  for (const fx of fixtures.vector) {
    it(`${fx.fn}(${JSON.stringify(fx.input)}) matches PyTorch's value${fx.jacobian ? ' and Jacobian' : ''}`, () => {
      const ours = evaluate(fx);
      assertAllClose(ours.value, nums(fx.value), 'value');
      if (fx.jacobian) {
        const ref = fx.ref_jacobian;
        fx.jacobian.forEach((row, i) => {
          const torch = nums(row);
          torch.forEach((expected, j) => {
            const actual = ours.jacobian[i][j];
            if (isClose(actual, expected, REL, ABS)) return;
            // PyTorch's glu backward forms σ(1 − σ) from σ, which cancels for a gate b ≫ 0: compare with mpmath there
            const gate = nums(fx.input)[j];
            assert.ok(fx.fn === 'glu' && ref && j >= torch.length / 2 && gate > 9, `J[${i}][${j}] = ${actual}, PyTorch ${expected}`);
            const exact = decode(ref[i][j]) as number;
            assert.ok(!isClose(expected, exact, REL, ABS) && isClose(actual, exact, REL, ABS), `J[${i}][${j}] = ${actual}, mpmath ${exact}`);
          });
        });
      }
    });
  }

  for (const fx of fixtures.loss.cross_entropy) {
    it(`cross_entropy(${JSON.stringify(fx.logits)}, ${fx.target}, label_smoothing=${fx.params.label_smoothing}) matches value and gradient`, () => {
      const ours = crossEntropy(nums(fx.logits), fx.target, fx.params.label_smoothing);
      // gradients that cancel to ~1e-17 (softmax − one-hot) are compared absolutely
      assertAllClose([ours.value], [decode(fx.value) as number], 'value');
      assertAllClose(ours.grad, nums(fx.grad), 'grad', 1e-16);
    });
  }

  it('binary_cross_entropy_with_logits matches value, d/dx and d²/dx² for targets 0, 0.3, 1 and pos_weight 1, 2.5', () => {
    const out = new Float64Array(3);
    let viaReference = 0;
    for (const fx of fixtures.loss.binary_cross_entropy_with_logits) {
      const x = decode(fx.x) as number;
      bceWithLogitsJet(x, fx.target, fx.params.pos_weight, out);
      const torch = [decode(fx.value), decode(fx.d1), decode(fx.d2)] as number[];
      const exact = nums(fx.ref);
      torch.forEach((expected, k) => {
        const what = `bce[${k}](${x}, t=${fx.target}, w=${fx.params.pos_weight}) = ${out[k]}`;
        assert.ok(isClose(out[k], exact[k], REL, 1e-16), `${what}, mpmath ${exact[k]}`);
        if (isClose(out[k], expected, REL, 1e-16)) return;
        // PyTorch 1.13 forms the value as (1 − t)x + L·log(e^{−m} + e^{−x−m}) without log1p and the gradient as
        // L·σ(x) − w·t, which lose digits where the loss is tiny (σ(x) ≈ t); its f″ forms σ′ as σ(1 − σ) (x ≫ 0)
        const documented = k < 2 ? exact[0] < 1e-4 : x > 9;
        assert.ok(documented && !isClose(expected, exact[0], REL, 1e-16), `${what}, PyTorch ${expected}`);
        viaReference++;
      });
    }
    assert.ok(viaReference > 0);
  });
});

describe('sparsemax', () => {
  it('projects onto the simplex with exact zeros', () => {
    assert.deepEqual([...sparsemax([1, 2, 3])], [0, 0, 1]);
    const p = sparsemax([0.5, 0.6, 0.1]);
    const tau = (1.2 - 1) / 3;
    assertAllClose(p, [0.5 - tau, 0.6 - tau, 0.1 - tau], 'p');
    assert.ok(Math.abs(p.reduce((a, b) => a + b, 0) - 1) < 1e-15);
    assert.deepEqual([...sparsemax([0, 0])], [0.5, 0.5]);
  });

  it('has the Jacobian diag(1_S) − 1_S1_Sᵀ/|S|, as central differences confirm', () => {
    const v = [0.5, 0.6, 0.1, -2];
    const J = sparsemaxJacobian(sparsemax(v));
    const h = 1e-7;
    for (let j = 0; j < v.length; j++) {
      const up = sparsemax(v.map((a, k) => (k === j ? a + h : a)));
      const down = sparsemax(v.map((a, k) => (k === j ? a - h : a)));
      for (let i = 0; i < v.length; i++) assert.ok(Math.abs((up[i] - down[i]) / (2 * h) - J[i][j]) < 1e-7, `J[${i}][${j}]`);
    }
    assert.deepEqual([...J[3]], [0, 0, 0, 0]);
  });

  it('propagates NaN', () => {
    assert.ok(sparsemax([NaN, 1]).every(Number.isNaN));
  });
});

describe('non-finite inputs follow PyTorch', () => {
  it('gives NaN for softmax with +∞ and ±∞ for logsumexp', () => {
    assert.ok(softmax([Infinity, 0, 1]).some(Number.isNaN));
    assert.equal(logSumExp([Infinity, 0]), Infinity);
    assert.equal(logSumExp([-Infinity, -Infinity]), -Infinity);
    assert.ok(Number.isNaN(logSumExp([NaN, 0])));
  });

  it('rejects a target outside the classes with NaN rather than throwing', () => {
    assert.ok(Number.isNaN(crossEntropy([1, 2], 2).value));
    assert.ok(Number.isNaN(crossEntropy([1, 2], 0.5).value));
  });
});

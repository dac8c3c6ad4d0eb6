import * as assert from 'node:assert/strict';
import { compile } from '../../../../src/core/index';
import { decode, isClose, loadTorchFixtures } from '../activations/torchFixture';
import type { Encoded } from '../activations/torchFixture';

const REL = 1e-12;
const ABS = 1e-15;

/** A fixture number as expression source: repr round-trips, non-finite values use the language's names. */
function lit(v: Encoded): string {
  const n = decode(v)!;
  if (Number.isNaN(n)) return 'nan';
  if (n === Infinity) return 'inf';
  if (n === -Infinity) return '-inf';
  return String(n);
}

function assertAllClose(actual: ArrayLike<number>, expected: readonly Encoded[], what: string, rel = REL, abs = ABS): void {
  assert.equal(actual.length, expected.length, `${what}: length`);
  for (let i = 0; i < expected.length; i++) {
    const e = decode(expected[i]);
    if (e === null) continue;
    assert.ok(isClose(actual[i], e, rel, abs), `${what}[${i}]: expected ${e}, got ${actual[i]}`);
  }
}

const softmax = (v: readonly number[]): number[] => {
  const m = Math.max(...v);
  const e = v.map((a) => Math.exp(a - m));
  const s = e.reduce((a, b) => a + b, 0);
  return e.map((a) => a / s);
};

describe('core/eval: vector functions and losses', () => {
  const fixtures = loadTorchFixtures();

  describe('values and Jacobians match PyTorch 1.13 (float64)', () => {
    for (const fx of fixtures.vector) {
      const src = `${fx.fn}([${fx.input.map(lit).join(', ')}])`;
      it(`${src}`, () => {
        const v = compile(src).vector();
        assertAllClose(v.values, fx.value, `${src} value`);
        assert.equal(v.fn, fx.fn);
        assert.deepEqual(Array.from(v.inputs!).map(String), fx.input.map((e) => String(decode(e))));
        if (fx.jacobian === null) return;
        assert.equal(v.jacobian!.length, fx.jacobian.length);
        const input = fx.input.map((e) => decode(e)!);
        fx.jacobian.forEach((row, i) => {
          const expected = row.map((e, j) => {
            // PyTorch's GLU backward forms σ(b)(1 − σ(b)) from σ(b), which cancels for |b| ≫ 0; compare with a·σ′(b)
            const half = input.length / 2;
            if (fx.fn !== 'glu' || j !== i + half || Math.abs(input[j]) <= 9) return e;
            const b = Math.abs(input[j]);
            return input[i] * (Math.exp(-b) / (1 + Math.exp(-b)) ** 2);
          });
          assertAllClose(v.jacobian![i], expected, `${src} ∂[${i}]`);
        });
      });
    }
  });

  describe('cross_entropy matches PyTorch: value and gradient with respect to the logits', () => {
    for (const fx of fixtures.loss.cross_entropy) {
      const src = `cross_entropy([${fx.logits.map(lit).join(', ')}], ${fx.target}, label_smoothing=${fx.params.label_smoothing})`;
      it(src, () => {
        const v = compile(src).vector();
        assert.equal(v.isScalar, true);
        assertAllClose(v.values, [fx.value], `${src} value`);
        assertAllClose(v.jacobian![0], fx.grad, `${src} grad`);
      });
    }
  });

  describe('binary_cross_entropy_with_logits matches PyTorch: value, f′ and f″ in x', () => {
    for (const fx of fixtures.loss.binary_cross_entropy_with_logits) {
      const src = `binary_cross_entropy_with_logits(x, ${fx.target}, pos_weight=${fx.params.pos_weight})`;
      const x = decode(fx.x)!;
      it(`${src} at x = ${x}`, () => {
        const r = compile(src).at([x], 2);
        const w = fx.params.pos_weight, y = fx.target;
        const sigma = (z: number): number => (z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z)));
        const softplus = (z: number): number => Math.max(z, 0) + Math.log1p(Math.exp(-Math.abs(z)));
        const sigmaPrime = Math.exp(-Math.abs(x)) / (1 + Math.exp(-Math.abs(x))) ** 2;
        // For |x| > 9 PyTorch cancels: (1 − y)x − (1 + (w − 1)y)·logsigmoid(x) loses softplus(−|x|), f′ = (…)σ(x) − w·y
        // and f″ = (…)σ(1 − σ) lose their tails. There the reference is the closed form, which must still agree with
        // PyTorch to the digits PyTorch keeps.
        const closed = [
          (1 - y) * softplus(x) + w * y * softplus(-x),
          (1 - y) * sigma(x) - w * y * sigma(-x),
          (1 + (w - 1) * y) * sigmaPrime,
        ];
        const torch = [fx.value, fx.d1, fx.d2].map((e) => decode(e)!);
        if (Math.abs(x) > 9) closed.forEach((c, k) => assert.ok(isClose(c, torch[k], 1e-8, 1e-8), `closed form ${k} vs PyTorch`));
        const [value, d1, d2] = Math.abs(x) > 9 ? closed : torch;
        assertAllClose([r.y[0], r.dy![0], r.d2y![0]], [value, d1, d2], `${src}`, REL, 1e-300);
      });
    }
  });

  it('differentiates cross_entropy([x, 1, -1], 0) as softmax(…)[0] − 1 and its f″ as s(1 − s)', () => {
    const f = compile('cross_entropy([x, 1, -1], 0)');
    for (const x of [-30, -3, -0.5, 0, 0.5, 2, 30]) {
      const s = softmax([x, 1, -1])[0];
      const r = f.at([x], 2);
      assert.ok(isClose(r.dy![0], s - 1, 1e-14, 1e-16), `f′(${x})`);
      assert.ok(isClose(r.d2y![0], s * (1 - s), 1e-12, 1e-16), `f″(${x})`);
      assert.ok(isClose(r.y[0], -Math.log(s), 1e-14, 1e-16), `f(${x})`);
    }
  });

  it('gives the softmax Jacobian diag(s) − s·sᵀ for random inputs and temperatures', () => {
    let seed = 7;
    const random = (): number => ((seed = (seed * 16807) % 2147483647) / 2147483647) * 10 - 5;
    for (let trial = 0; trial < 20; trial++) {
      const n = 2 + (trial % 6);
      const v = Array.from({ length: n }, random);
      const T = 0.5 + (trial % 3);
      const r = compile(`softmax([${v.join(', ')}] / T)`, { params: { T } }).vector();
      const s = softmax(v.map((a) => a / T));
      for (let i = 0; i < n; i++) {
        assert.ok(isClose(r.values[i], s[i], 1e-14, 1e-16));
        assert.ok(isClose(r.inputs![i], v[i] / T, 1e-15, 0));
        for (let j = 0; j < n; j++) {
          const expected = (i === j ? s[i] : 0) - s[i] * s[j];
          assert.ok(isClose(r.jacobian![i][j], expected, 1e-13, 1e-16), `J[${i}][${j}]`);
        }
      }
    }
  });

  it('gives the log_softmax Jacobian I − 1·sᵀ and the logsumexp gradient s', () => {
    const v = [0.3, -1.2, 2.5, 0];
    const s = softmax(v);
    const ls = compile(`log_softmax([${v.join(', ')}])`).vector();
    const lse = compile(`logsumexp([${v.join(', ')}])`).vector();
    for (let i = 0; i < v.length; i++) {
      for (let j = 0; j < v.length; j++) assert.ok(isClose(ls.jacobian![i][j], (i === j ? 1 : 0) - s[j], 1e-14, 1e-16));
      assert.ok(isClose(lse.jacobian![0][i], s[i], 1e-14, 1e-16));
    }
  });

  it('takes the Jacobian through the module form and with a parameterised temperature', () => {
    const a = compile('nn.Softmax(dim=-1)([1, 2, 3])').vector();
    const b = compile('softmax([1, 2, 3])').vector();
    assert.deepEqual(a.jacobian!.map((r) => Array.from(r)), b.jacobian!.map((r) => Array.from(r)));
    const g = compile('gumbel_softmax([1, 2, 3], tau=T)', { params: { T: 2 } });
    const sharp = g.vector({ T: 0.5 });
    const flat = g.vector();
    assert.ok(sharp.values[2] > flat.values[2]);
    assert.deepEqual(Array.from(flat.values), Array.from(compile('softmax([1, 2, 3] / 2)').vector().values));
  });

  it('evaluates gumbel_softmax(hard=True) as a one-hot with the soft gradient (straight through)', () => {
    const hard = compile('gumbel_softmax([1, 3, 2], hard=True)').vector();
    const soft = compile('softmax([1, 3, 2])').vector();
    assert.deepEqual(Array.from(hard.values).map((v) => Math.round(v * 1e12) / 1e12), [0, 1, 0]);
    hard.jacobian!.forEach((row, i) => row.forEach((d, j) => assert.ok(isClose(d, soft.jacobian![i][j], 1e-15, 1e-16))));
    const f = compile('gumbel_softmax([x, 0], hard=True)[0]').at([-1, 1], 1);
    assert.deepEqual(Array.from(f.y).map(Math.round), [0, 1]);
    const s = softmax([1, 0])[0];
    assert.ok(isClose(f.dy![1], s * (1 - s), 1e-14, 0));
  });

  it('computes sparsemax with outputs summing to 1 and the support Jacobian', () => {
    const r = compile('sparsemax([0.5, 0.8, -1, 0.6])').vector();
    const sum = Array.from(r.values).reduce((a, b) => a + b, 0);
    assert.ok(Math.abs(sum - 1) < 1e-15);
    assert.equal(r.values[2], 0);
    assert.deepEqual(Array.from(r.values).map((v) => Math.round(v * 1e12) / 1e12), [0.2, 0.5, 0, 0.3]);
    // support {0, 1, 3}: J = diag(1_S) − 1_S·1_Sᵀ/|S|
    const S = [true, true, false, true];
    for (let i = 0; i < 4; i++) {
      for (let j = 0; j < 4; j++) {
        const expected = S[i] && S[j] ? (i === j ? 1 : 0) - 1 / 3 : 0;
        assert.ok(isClose(r.jacobian![i][j], expected, 1e-15, 1e-16), `J[${i}][${j}]`);
      }
    }
    const one = compile('sparsemax([x, 0])[0]').at([-2, 0.5, 2], 2);
    assert.deepEqual(Array.from(one.y), [0, 0.75, 1]);
    assert.deepEqual(Array.from(one.dy!), [0, 0.5, 0]);
  });

  it('computes GLU and CReLU element-wise', () => {
    const r = compile('glu([x, 2, 0, x])[1]').at([1], 2);
    const s = 1 / (1 + Math.exp(-1));
    assert.ok(isClose(r.y[0], 2 * s, 1e-15, 0));
    assert.ok(isClose(r.dy![0], 2 * s * (1 - s), 1e-15, 0));
    assert.deepEqual(Array.from(compile('crelu(-2)').vector().values), [0, 2]);
    assert.deepEqual(Array.from(compile('crelu([1, -3])').vector().values), [1, 0, 0, 3]);
  });

  it('averages binary_cross_entropy_with_logits over vectors (reduction mean)', () => {
    const v = compile('binary_cross_entropy_with_logits([1, -2], [1, 0])').vector().values[0];
    const sp = (z: number): number => Math.log1p(Math.exp(z));
    assert.ok(isClose(v, (sp(-1) + sp(-2)) / 2, 1e-15, 0));
  });

  it('accepts soft targets in cross_entropy', () => {
    const v = compile('cross_entropy([1, 2, 3], [0.2, 0.3, 0.5])').vector();
    const ls = [1, 2, 3].map((a) => a - Math.log(Math.exp(1) + Math.exp(2) + Math.exp(3)));
    const expected = -(0.2 * ls[0] + 0.3 * ls[1] + 0.5 * ls[2]);
    assert.ok(isClose(v.values[0], expected, 1e-14, 0));
  });

  it('omits the Jacobian when the outermost call is not a vector function of a vector', () => {
    assert.equal(compile('softmax([1, 2])[0]').vector().jacobian, undefined);
    assert.equal(compile('sum([1, 2])').vector().jacobian, undefined);
  });
});

import * as assert from 'node:assert/strict';
import { compile, LimitError, ParseError, ResolveError } from '../../../../src/core/index';
import type { Order , ExpressionError} from '../../../../src/core/index';
import { ERRORS, VALUES } from '../../../fixtures/expressions';

const CLASSES = { ParseError, ResolveError, LimitError } as const;

/** Equal up to `rel` relative error (absolute near 0); NaN equals NaN, infinities must match exactly. */
export function assertClose(actual: number, expected: number, rel: number, what: string): void {
  if (Number.isNaN(expected)) return assert.ok(Number.isNaN(actual), `${what}: expected NaN, got ${actual}`);
  if (!Number.isFinite(expected)) return assert.equal(actual, expected, what);
  const err = Math.abs(actual - expected);
  assert.ok(err <= rel * Math.max(1, Math.abs(expected)), `${what}: expected ${expected}, got ${actual} (error ${err})`);
}

function at(src: string, x: number, order: Order = 2, params?: Record<string, number>) {
  const r = compile(src, params === undefined ? undefined : { params }).at([x], order);
  return { y: r.y[0], d1: r.dy?.[0], d2: r.d2y?.[0] };
}

describe('core/eval: compile and evaluate', () => {
  describe('values and derivatives against closed forms', () => {
    for (const c of VALUES) {
      it(`${c.src} at x = ${c.x} is ${c.y} with f′ = ${c.d1}, f″ = ${c.d2}`, () => {
        const r = at(c.src, c.x);
        assertClose(r.y, c.y, 1e-14, 'f');
        assertClose(r.d1!, c.d1, 1e-14, 'f′');
        assertClose(r.d2!, c.d2, 1e-14, 'f″');
      });
    }
  });

  describe('central differences for composite expressions (away from kinks)', () => {
    const composites = [
      'x*sigmoid(x)', 'x*tanh(softplus(x))', '0.5*x*(1+tanh(sqrt(2/pi)*(x+0.044715*x^3)))', 'x*0.5*erfc(-x/sqrt(2))',
      'log(1+exp(x))', 'sqrt(x*x + 4)', 'exp(-x**2/2) / (1 + x**2)', 'sin(x)*cosh(x/3) - expm1(x/4)', 'log1p(x*x)',
      '2**x + x**x', '(x+1)**T', 'softmax([x, 0.5, -x])[0]', 'log_softmax([x, 2*x, 1])[2]', 'cross_entropy([x, 1, -1], 0)',
      'logsumexp([x, x**2, 1])', 'binary_cross_entropy_with_logits(x, 0.3)', 'glu([x, 1, 2, x])[1]', 'F.gelu(x) / (1 + abs(x))',
      'elu(x) * selu(x)', 'softmin([x, 1])[0] * mish(x)', 'gumbel_softmax([x, 1], tau=0.5)[1]', 'F.silu(x) ** 2',
    ];
    const points = [-2.3, -0.7, 0.4, 1.1, 2.9];
    for (const src of composites) {
      it(`matches differences of ${src}`, () => {
        const f = compile(src, { params: { T: 1.7 } });
        const h = 1e-5;
        for (const x0 of points) {
          const r = f.at([x0 - h, x0, x0 + h], 2);
          if (!Number.isFinite(r.y[1])) continue;
          const d1 = (r.y[2] - r.y[0]) / (2 * h);
          const d2 = (r.dy![2] - r.dy![0]) / (2 * h);
          assertClose(r.dy![1], d1, 2e-6, `${src}: f′(${x0})`);
          assertClose(r.d2y![1], d2, 2e-6, `${src}: f″(${x0})`);
        }
      });
    }
  });

  describe('resolution errors carry their class and span', () => {
    for (const c of ERRORS.filter((e) => e.error === 'ResolveError')) {
      it(`rejects ${JSON.stringify(c.src)}: ${c.message}`, () => {
        assert.throws(
          () => compile(c.src),
          (e: unknown) => {
            assert.ok(e instanceof CLASSES[c.error], `expected ${c.error}, got ${String(e)}`);
            assert.deepEqual((e as ExpressionError).span, { start: c.start, end: c.end }, (e as Error).message);
            if (c.exact) assert.equal((e as Error).message, c.message);
            else assert.ok((e as Error).message.includes(c.message), `message ${JSON.stringify((e as Error).message)}`);
            return true;
          },
        );
      });
    }
  });

  describe('closed world', () => {
    for (const name of ['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf', 'prototype', '__defineGetter__']) {
      it(`does not resolve ${name} as a name, a function or a prefixed function`, () => {
        for (const src of [name, `${name}(x)`, `F.${name}(x)`, `nn.${name}()(x)`, `torch.${name}(x)`, `math.${name}`, `x + ${name}`]) {
          assert.throws(() => compile(src), ResolveError, src);
        }
      });
    }

    it('declares a free name only through options.params, and only as an own property', () => {
      assert.throws(() => compile('x * T'), ResolveError);
      assert.equal(compile('x * T', { params: { T: 2 } }).at([3], 0).y[0], 6);
      const inherited = Object.create({ T: 2 }) as Record<string, number>;
      assert.throws(() => compile('x * T', { params: inherited }), ResolveError);
    });

    it('ignores per-call values that are not own numeric properties', () => {
      const f = compile('x * T', { params: { T: 2 } });
      assert.equal(f.at([1], 0, Object.create({ T: 5 }) as Record<string, number>).y[0], 2);
      assert.equal(f.at([1], 0, { T: '5' } as unknown as Record<string, number>).y[0], 2);
    });
  });

  describe('parameters', () => {
    it('turns a literal catalogue parameter into a slider with the framework default', () => {
      const f = compile('leaky_relu(x, 0.1)');
      assert.equal(f.parameters.length, 1);
      const [p] = f.parameters;
      assert.equal(p.name, 'negative_slope');
      assert.equal(p.value, 0.1);
      assert.equal(p.default, 0.01);
      assert.equal(p.owner, 'leaky_relu');
      assert.ok(p.min <= 0.1 && p.max >= 0.1 && p.step > 0);
    });

    it('turns an omitted catalogue parameter into a slider at its default', () => {
      const [p] = compile('tf.nn.leaky_relu(x)').parameters;
      assert.deepEqual([p.name, p.value, p.default], ['negative_slope', 0.2, 0.2]);
    });

    it('changes slider values per call without recompiling, and keeps calls independent', () => {
      const f = compile('leaky_relu(x, 0.1)');
      assert.equal(f.at([-1], 1, { negative_slope: 0.5 }).y[0], -0.5);
      assert.equal(f.at([-1], 1, { negative_slope: 0.5 }).dy![0], 0.5);
      assert.equal(f.at([-1], 1).y[0], -0.1);
      assert.deepEqual(Array.from(f.sample({ from: -2, to: 0, points: 3, order: 0, params: { negative_slope: 2 } }).y), [-4, -2, 0]);
      assert.equal(f.kinks({ negative_slope: 0.7 })[0].dy, 0.7);
    });

    it('applies options.params overrides of catalogue parameters', () => {
      const f = compile('leaky_relu(x)', { params: { negative_slope: 0.3 } });
      assert.equal(f.parameters[0].value, 0.3);
      assert.equal(f.parameters[0].default, 0.01);
      assert.equal(f.at([-1], 0).y[0], -0.3);
    });

    it('treats a declared catalogue parameter name used on its own as the same slider', () => {
      for (const src of ['leaky_relu(x) + negative_slope', 'negative_slope + leaky_relu(x)']) {
        const f = compile(src, { params: { negative_slope: 0.3 } });
        assert.deepEqual(f.parameters.map((p) => p.name), ['negative_slope'], src);
        assert.equal(f.at([-1], 0, { negative_slope: 0.5 }).y[0], 0, src);
      }
    });

    it('makes free names sliders and evaluates x-free parameter expressions per call', () => {
      const f = compile('leaky_relu(x, T / 10)', { params: { T: 1 } });
      assert.deepEqual(f.parameters.map((p) => p.name), ['T']);
      assert.equal(f.at([-1], 1).dy![0], 0.1);
      assert.equal(f.at([-1], 1, { T: 5 }).dy![0], 0.5);
      assert.equal(f.calls[0].params.negative_slope, 0.1);
    });

    it('shares one slider between equal uses and numbers differing ones', () => {
      assert.deepEqual(compile('elu(x) - elu(-x)').parameters.map((p) => p.name), ['alpha']);
      const f = compile('leaky_relu(x, 0.1) + leaky_relu(x, 0.3)');
      assert.deepEqual(f.parameters.map((p) => [p.name, p.value]), [['negative_slope', 0.1], ['negative_slope_2', 0.3]]);
      assert.equal(f.at([-1], 0, { negative_slope_2: 1 }).y[0], -1.1);
    });

    it('gives literal signed numbers as slider values', () => {
      assert.equal(compile('hardtanh(x, -2, 3)').parameters.find((p) => p.name === 'min_val')?.value, -2);
    });
  });

  describe('framework-prefixed names take that framework’s defaults', () => {
    const cases: readonly (readonly [string, number, number])[] = [
      // [source, x, expected f(x)]
      ['tf.nn.leaky_relu(x)', -1, -0.2],
      ['tf.nn.leaky_relu(x, alpha=0.1)', -1, -0.1],
      ['keras.layers.LeakyReLU()(x)', -1, -0.3],
      ['tf.keras.layers.LeakyReLU()(x)', -1, -0.3],
      ['keras.activations.leaky_relu(x)', -1, -0.2],
      ['nn.LeakyReLU(0.2)(x)', -1, -0.2],
      ['torch.nn.LeakyReLU(negative_slope=0.05)(x)', -1, -0.05],
      ['nn.LeakyReLU()(x)', -1, -0.01],
      ['F.leaky_relu(x)', -1, -0.01],
      ['jax.nn.leaky_relu(x)', -1, -0.01],
      ['leaky_relu(x)', -1, -0.01],
    ];
    for (const [src, x, y] of cases) {
      it(`${src} at ${x} is ${y}`, () => assertClose(compile(src).at([x], 0).y[0], y, 1e-15, src));
    }

    it('jax.nn.gelu uses the tanh form and F.gelu the exact one', () => {
      const x = [-3, -1, 1, 3];
      const jax = compile('jax.nn.gelu(x)').at(x, 0).y;
      const tanh = compile("F.gelu(x, approximate='tanh')").at(x, 0).y;
      const exact = compile('F.gelu(x)').at(x, 0).y;
      assert.deepEqual(Array.from(jax), Array.from(tanh));
      assertClose(exact[0], -0.0040496941, 1e-8, 'exact gelu(-3)');
      assertClose(tanh[0], -0.0036373921, 1e-8, 'tanh gelu(-3)');
      assert.equal(compile('jax.nn.gelu(x, approximate=False)').at([-3], 0).y[0], exact[0]);
      assert.equal(compile("torch.nn.GELU(approximate='tanh')(x)").at([-3], 0).y[0], tanh[0]);
    });

    it('bare names follow options.framework', () => {
      assert.equal(compile('leaky_relu(x)', { framework: 'tf' }).at([-1], 0).y[0], -0.2);
      assert.equal(compile('leaky_relu(x)', { framework: 'torch' }).at([-1], 0).y[0], -0.01);
      assert.equal(compile('gelu(x)', { framework: 'jax' }).at([-3], 0).y[0], compile("gelu(x, approximate='tanh')").at([-3], 0).y[0]);
    });

    it('resolves bare alias spellings to their canonical entry', () => {
      for (const [alias, canonical] of [['swish', 'silu'], ['expit', 'sigmoid'], ['hard_swish', 'hardswish'], ['F.silu', 'silu']]) {
        const f = compile(`${alias}(x)`);
        assert.equal(f.calls[0].name, canonical, alias);
        assert.equal(f.at([0.7], 0).y[0], compile(`${canonical}(x)`).at([0.7], 0).y[0], alias);
      }
    });

    it('records each catalogue call with what was written, its framework and parameters', () => {
      const f = compile('tf.nn.leaky_relu(x) + F.gelu(2*x)');
      assert.equal(f.calls.length, 2);
      const [a, b] = f.calls;
      assert.deepEqual([a.name, a.written, a.framework, a.appliedToX, a.params.negative_slope], ['leaky_relu', 'tf.nn.leaky_relu', 'tf', true, 0.2]);
      assert.deepEqual(a.span, { start: 0, end: 19 });
      assert.deepEqual([b.name, b.written, b.framework, b.appliedToX, b.params.approximate], ['gelu', 'F.gelu', 'torch', false, 'none']);
    });

    it('lists kinks only of calls applied directly to x', () => {
      assert.deepEqual(compile('relu(x) + leaky_relu(2*x)').kinks().map((k) => k.x), [0]);
      assert.deepEqual(compile('hardtanh(x, -2, 3)').kinks().map((k) => k.x), [-2, 3]);
      assert.deepEqual(compile('gelu(x)').kinks(), []);
    });

    it('evaluates random functions deterministically and says so', () => {
      const f = compile('F.rrelu(x)');
      assert.equal(f.at([-1], 1).dy![0], (1 / 8 + 1 / 3) / 2);
      assert.ok(f.warnings.some((w) => w.severity === 'info' && /eval/i.test(w.message)));
      assert.ok((f.calls[0].note ?? '').length > 0);
      const g = compile('gumbel_softmax([x, 0], tau=1)[0]');
      assert.deepEqual(Array.from(g.at([0.3], 0).y), Array.from(compile('softmax([x, 0])[0]').at([0.3], 0).y));
      assert.ok(g.warnings.some((w) => w.severity === 'info'));
    });
  });

  describe('vectors', () => {
    it('broadcasts scalars over vectors and indexes from either end', () => {
      const v = compile('[1, 2, 3] / T', { params: { T: 2 } }).vector();
      assert.deepEqual(Array.from(v.values), [0.5, 1, 1.5]);
      assert.equal(v.isScalar, false);
      assert.equal(compile('([1, 2, 3] * 2 - 1)[-1]').vector().values[0], 5);
      assert.equal(compile('(2 - [1, 2, 3])[0]').vector().values[0], 1);
      assert.equal(compile('sum([1, 2, 3] ** 2)').vector().values[0], 14);
      assert.deepEqual(Array.from(compile('[1, 2] < [2, 2]').vector().values), [1, 0]);
      assert.deepEqual(Array.from(compile('exp([0, 1])').vector().values), [1, Math.E]);
      assert.deepEqual(Array.from(compile('max([1, 5], [3, 2])').vector().values), [3, 5]);
      assert.equal(compile('max([1, 5, 3])').vector().values[0], 5);
      assert.equal(compile('min(4, 2, 3)').vector().values[0], 2);
    });

    it('reports a scalar value expression as a scalar', () => {
      const v = compile('2 * 3').vector();
      assert.deepEqual([v.isScalar, Array.from(v.values)], [true, [6]]);
      assert.equal(compile('2 * 3').kind, 'value');
      assert.equal(compile('x * 0').kind, 'function');
    });

    it('refuses vector() for expressions of x and plotting for vectors without x', () => {
      assert.throws(() => compile('x').vector(), ResolveError);
      assert.throws(() => compile('[1, 2]').sample({ from: 0, to: 1, points: 2 }), ResolveError);
    });

    it('plots a constant expression as a constant with zero derivatives', () => {
      const r = compile('softmax([1, 2])[0]').sample({ from: 0, to: 1, points: 3, order: 2 });
      assert.deepEqual(Array.from(r.dy!), [0, 0, 0]);
      assert.ok(r.y.every((v) => v === r.y[0]));
    });
  });

  describe('sampling', () => {
    it('samples an evenly spaced grid that ends exactly at both bounds', () => {
      const r = compile('x').sample({ from: -1, to: 0.3, points: 14, order: 0 });
      assert.equal(r.x[0], -1);
      assert.equal(r.x[13], 0.3);
      assert.deepEqual(Array.from(r.y), Array.from(r.x));
      assert.equal(r.dy, undefined);
    });

    it('returns derivatives up to the requested order only (default 1)', () => {
      const f = compile('x**2');
      assert.deepEqual(Object.keys(f.sample({ from: 0, to: 1, points: 2 })).sort(), ['dy', 'x', 'y']);
      assert.deepEqual(Object.keys(f.sample({ from: 0, to: 1, points: 2, order: 2 })).sort(), ['d2y', 'dy', 'x', 'y']);
      assert.deepEqual(Object.keys(f.at([1], 0)).sort(), ['x', 'y']);
    });

    it('evaluates grids longer than one chunk consistently', () => {
      const f = compile('x*sigmoid(x) + max(x, 0)');
      const n = 5_003;
      const grid = f.sample({ from: -4, to: 4, points: n, order: 2 });
      const pointwise = f.at([grid.x[0], grid.x[1234], grid.x[n - 1]], 2);
      assert.deepEqual([grid.y[0], grid.y[1234], grid.y[n - 1]], Array.from(pointwise.y));
      assert.deepEqual([grid.d2y![0], grid.d2y![1234], grid.d2y![n - 1]], Array.from(pointwise.d2y!));
    });

    it('never throws for out-of-domain points: NaN propagates', () => {
      const r = compile('sqrt(x) + log(x)').at([-1, NaN, Infinity, -Infinity], 2);
      assert.ok(Number.isNaN(r.y[0]) && Number.isNaN(r.y[1]) && r.y[2] === Infinity && Number.isNaN(r.y[3]));
      const s = compile('x*sigmoid(x)').at([NaN], 2);
      assert.ok(Number.isNaN(s.y[0]) && Number.isNaN(s.dy![0]) && Number.isNaN(s.d2y![0]));
    });

    it('rejects bad sampling options with a LimitError', () => {
      const f = compile('x');
      const bad: unknown[] = [
        { from: 0, to: 1, points: 10_000_001 }, { from: 0, to: 1, points: 1 }, { from: 0, to: 1, points: 2.5 },
        { from: 0, to: 1, points: NaN }, { from: NaN, to: 1, points: 10 }, { from: 0, to: Infinity, points: 10 },
        { from: 0, to: 1, points: 10, order: 3 }, { from: '0', to: 1, points: 10 },
      ];
      for (const options of bad) {
        assert.throws(() => f.sample(options as never), (e: unknown) => e instanceof LimitError && e.span.end === 1, JSON.stringify(options));
      }
      assert.throws(() => f.at({ length: 10_000_001 } as ArrayLike<number>), LimitError);
      assert.throws(() => f.at([1], 5 as Order), LimitError);
    });
  });

  it('accepts only strings as sources', () => {
    assert.throws(() => compile(42 as unknown as string), ParseError);
  });
});

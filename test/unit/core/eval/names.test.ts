import * as assert from 'node:assert/strict';
import { catalogue, compile, findActivation, ResolveError } from '../../../../src/core/index';
import type { ActivationInfo, ElementwiseKernel } from '../../../../src/core/index';
import { compileWith } from '../../../../src/core/eval/compile';
import { closest, editDistance, NameTable, normalizePrefix } from '../../../../src/core/names';
import { decode, loadTorchFixtures } from '../activations/torchFixture';

/** A small catalogue double: enough aliases to exercise every resolution rule without the real registry. */
function entry(name: string, extra: Partial<ActivationInfo>): ActivationInfo {
  const kernel: ElementwiseKernel = {
    value: (x, p) => x * (p[0] ?? 1) + (p[1] ?? 0),
    jet: (x, p, out) => {
      out[0] = x * (p[0] ?? 1) + (p[1] ?? 0);
      out[1] = p[0] ?? 1;
      out[2] = 0;
    },
  };
  return {
    name, title: name, summary: '', kind: 'elementwise', formula: { text: '', latex: '' }, derivative: { text: '', latex: '' },
    params: [], aliases: [], properties: { range: '', monotonic: true, smooth: true, zeroCentred: false, saturates: '' },
    kinks: () => [], plotRange: [-1, 1], source: '', kernel: () => kernel, ...extra,
  };
}

const scale = entry('scale', {
  params: [
    { name: 'factor', kind: 'number', default: 2, range: [0, 5], step: 0.1, description: 'slope' },
    { name: 'offset', kind: 'number', default: 0, range: [-1, 1], step: 0.1, description: 'shift' },
    { name: 'inplace', kind: 'boolean', default: false, description: '', ignored: true },
  ],
  aliases: [
    { framework: 'torch', name: 'torch.nn.functional.scale', kind: 'function' },
    { framework: 'torch', name: 'torch.nn.Scale', kind: 'module', positional: ['factor', 'offset', 'inplace'] },
    { framework: 'tf', name: 'tf.nn.scale', kind: 'function', defaults: { factor: 3 }, keywords: { k: 'factor' }, accepts: ['factor'] },
    { framework: 'jax', name: 'jax.nn.stretch', kind: 'function', defaults: { factor: 4 }, positional: ['offset', 'factor'] },
    { framework: 'flax', name: 'flax.linen.scale', kind: 'function', defaults: { factor: 5 } },
  ],
});

const mode = entry('mode', {
  params: [{ name: 'approximate', kind: 'string', default: 'none', choices: ['none', 'tanh'], description: '' }],
  aliases: [
    { framework: 'keras', name: 'keras.ops.mode', kind: 'function', defaults: { approximate: 'tanh' }, values: { approximate: { true: 'tanh', false: 'none' } } },
  ],
  kernel: (options) => {
    const k = options.approximate === 'tanh' ? 10 : 1;
    return { value: (x) => k * x, jet: (x, _p, out) => ((out[0] = k * x), (out[1] = k), (out[2] = 0)) };
  },
});

const needy = entry('needy', {
  params: [{ name: 'threshold', kind: 'number', default: NaN, description: 'required' }],
  aliases: [{ framework: 'torch', name: 'torch.nn.functional.needy', kind: 'function' }],
});

const table = new NameTable([scale, mode, needy]);
const run = (src: string, x = 1, framework?: 'torch' | 'tf' | 'jax') => compileWith(table, src, { framework }).at([x], 1).y[0];

describe('core/names: resolution through aliases', () => {
  it('normalises short prefixes', () => {
    assert.equal(normalizePrefix('F.gelu'), 'torch.nn.functional.gelu');
    assert.equal(normalizePrefix('nn.GELU'), 'torch.nn.GELU');
    assert.equal(normalizePrefix('tf.keras.activations.gelu'), 'keras.activations.gelu');
    assert.equal(normalizePrefix('tf.keras.layers.ReLU'), 'keras.layers.ReLU');
    assert.equal(normalizePrefix('jax.nn.gelu'), 'jax.nn.gelu');
  });

  it('uses PyTorch defaults for bare canonical names and the framework’s under its prefix', () => {
    assert.equal(run('scale(x)'), 2);
    assert.equal(run('F.scale(x)'), 2);
    assert.equal(run('tf.nn.scale(x)'), 3);
    assert.equal(run('jax.nn.stretch(x)'), 4);
    assert.equal(run('nn.scale(x)'), 5, 'flax.linen imported as nn');
    assert.equal(run('stretch(x)'), 4, 'a bare spelling with defaults of its own keeps them');
    assert.equal(run('scale(x)', 1, 'tf'), 3, 'bare name under options.framework');
  });

  it('applies keyword renames, positional order and accepted parameters of the alias', () => {
    assert.equal(run('tf.nn.scale(x, k=7)'), 7);
    assert.equal(run('jax.nn.stretch(x, 1, 3)'), 4, 'jax order: offset, factor');
    assert.throws(() => run('tf.nn.scale(x, offset=1)'), (e: unknown) => e instanceof ResolveError && /accepts: k\b/.test(e.message));
    assert.equal(compileWith(table, 'tf.nn.scale(x)').parameters.map((p) => p.name).join(), 'factor', 'no slider for a parameter the spelling lacks');
  });

  it('constructs modules with their positional order and applies them', () => {
    assert.equal(run('nn.Scale(3, 1)(x)', 2), 7);
    assert.equal(run('torch.nn.Scale(offset=1)(x)', 2), 5);
    assert.equal(run('nn.Scale(3, 1, True)(x)', 2), 7, 'ignored parameters are accepted');
    assert.throws(() => run('nn.Scale(1, 2, True, 4)(x)'), ResolveError);
  });

  it('maps a framework’s spelling of option values', () => {
    assert.equal(run('keras.ops.mode(x)'), 10);
    assert.equal(run('keras.ops.mode(x, approximate=False)'), 1);
    assert.equal(run("mode(x, approximate='tanh')"), 10);
    assert.throws(() => run("mode(x, approximate='fast')"), (e: unknown) => e instanceof ResolveError && e.message.includes("(choices: 'none', 'tanh')"));
  });

  it('demands required parameters', () => {
    assert.throws(() => run('F.needy(x)'), (e: unknown) => e instanceof ResolveError && e.message.includes("missing the required argument 'threshold'"));
    assert.equal(run('F.needy(x, 0.5)', 2), 1);
  });

  it('suggests near misses and nothing for unrelated words', () => {
    assert.equal(closest('gleu', ['gelu', 'GELU', 'relu']), 'gelu');
    assert.equal(closest('sigmiod', ['sigmoid', 'silu']), 'sigmoid');
    assert.equal(closest('banana', ['gelu', 'relu']), undefined);
    assert.equal(closest('xy', ['x', 'e']), undefined);
    assert.equal(editDistance('gleu', 'gelu'), 1);
    assert.equal(editDistance('Relu', 'relu'), 0);
  });

  it('resolves only from its own tables', () => {
    for (const name of ['constructor', '__proto__', 'toString', 'hasOwnProperty', 'F.constructor', 'torch.nn.__proto__']) {
      assert.equal(table.resolve(name), undefined, name);
      assert.equal(findActivation(name), undefined, name);
    }
  });
});

describe('core/names: findActivation over the real catalogue', () => {
  const cases: readonly (readonly [string, string, string | undefined])[] = [
    ['relu', 'relu', 'torch'],
    ['F.silu', 'silu', 'torch'],
    ['torch.nn.GELU', 'gelu', 'torch'],
    ['nn.LeakyReLU', 'leaky_relu', 'torch'],
    ['tf.nn.relu', 'relu', 'tf'],
    ['jax.nn.gelu', 'gelu', 'jax'],
    ['gelu_new', 'gelu', undefined],
    ['keras.layers.LeakyReLU', 'leaky_relu', 'keras'],
    ['swish', 'silu', undefined],
    ['expit', 'sigmoid', undefined],
    ['hard_swish', 'hardswish', undefined],
  ];
  for (const [name, canonical, framework] of cases) {
    it(`finds ${name} → ${canonical}`, () => {
      const hit = findActivation(name);
      assert.equal(hit?.activation.name, canonical);
      if (framework !== undefined) assert.equal(hit?.alias?.framework, framework);
    });
  }

  it('gives spellings that define a variant their own defaults', () => {
    const tanhForm = compile("gelu(x, approximate='tanh')").at([-1.3], 1);
    const gelu_new = compile('gelu_new(x)').at([-1.3], 1);
    assert.deepEqual([gelu_new.y[0], gelu_new.dy![0]], [tanhForm.y[0], tanhForm.dy![0]]);
    assert.equal(compile('quick_gelu(x)').at([-1], 0).y[0], compile('tf.nn.silu(x, beta=1.702)').at([-1], 0).y[0]);
    assert.equal(compile('swish(x)').at([-1], 0).y[0], compile('silu(x)').at([-1], 0).y[0]);
  });

  it('returns undefined for unknown names and non-strings', () => {
    assert.equal(findActivation('relu7'), undefined);
    assert.equal(findActivation(''), undefined);
    assert.equal(findActivation(undefined as unknown as string), undefined);
  });
});

describe('core/eval: every catalogue function through the engine', () => {
  const fixtures = loadTorchFixtures();
  const out = new Float64Array(3);

  for (const activation of catalogue.filter((a) => a.kind === 'elementwise')) {
    it(`${activation.name}(x) gives the kernel's f, f′, f″ exactly and lists its parameters`, () => {
      const f = compileWith(new NameTable(catalogue), `${activation.name}(x)`);
      const numeric = activation.params.filter((p) => p.kind === 'number');
      const sliders = numeric.filter((p) => !p.ignored).map((p) => p.name);
      assert.deepEqual(f.parameters.map((p) => p.name), sliders.filter((n) => Number.isFinite(f.parameters.find((p) => p.name === n)?.value)));
      const p = Float64Array.from(numeric, (spec) => f.parameters.find((s) => s.name === spec.name)?.value ?? (spec.default as number));
      const options: Record<string, string | boolean> = {};
      for (const spec of activation.params) if (spec.kind !== 'number') options[spec.name] = spec.default as string | boolean;
      const kernel = activation.kernel!(options);
      const xs = [-800, -20, -3, -1, -0.5, -1e-9, 0, 1e-9, 0.5, 1, 3, 6, 20, 800, NaN];
      const r = f.at(xs, 2);
      xs.forEach((x, i) => {
        kernel.jet(x, p, out);
        assert.ok(Object.is(r.y[i], out[0]) || (Number.isNaN(r.y[i]) && Number.isNaN(out[0])), `f(${x})`);
        assert.ok(Object.is(r.dy![i], out[1]) || (Number.isNaN(r.dy![i]) && Number.isNaN(out[1])), `f′(${x})`);
        assert.ok(Object.is(r.d2y![i], out[2]) || (Number.isNaN(r.d2y![i]) && Number.isNaN(out[2])), `f″(${x})`);
        const v = f.at([x], 0).y[0];
        assert.ok(Object.is(v, kernel.value(x, p)) || Number.isNaN(v), `order-0 f(${x})`);
      });
    });
  }

  describe('the PyTorch expressions of the fixture compile to the same numbers as the kernels', () => {
    for (const fx of fixtures.elementwise.filter((e) => !e.composite && !e.torch.includes('tensor') && !e.torch.includes('training'))) {
      it(`${fx.torch} (${fx.label})`, () => {
        const f = compileWith(new NameTable(catalogue), fx.torch);
        for (const [name, value] of Object.entries(fx.params)) {
          const slider = f.parameters.find((p) => p.name === name);
          if (slider !== undefined) assert.equal(slider.value, value, name);
        }
        const xs = fx.x.map((e) => decode(e)!);
        const r = f.at(xs, 2);
        const activation = catalogue.find((a) => a.name === fx.name)!;
        const p = Float64Array.from(activation.params.filter((s) => s.kind === 'number'), (s) => fx.params[s.name] ?? (s.default as number));
        const kernel = activation.kernel!(fx.options);
        xs.forEach((x, i) => {
          kernel.jet(x, p, out);
          assert.ok(Object.is(r.y[i], out[0]) || (Number.isNaN(r.y[i]) && Number.isNaN(out[0])), `f(${x})`);
          assert.ok(Object.is(r.dy![i], out[1]) || (Number.isNaN(r.dy![i]) && Number.isNaN(out[1])), `f′(${x})`);
        });
      });
    }
  });

  describe('composite PyTorch expressions match PyTorch where PyTorch does not cancel', () => {
    for (const fx of fixtures.elementwise.filter((e) => e.composite && !e.torch.startsWith('stable'))) {
      it(`${fx.torch}`, () => {
        const f = compileWith(new NameTable(catalogue), fx.torch.replace(/torch\.sigmoid/g, 'sigmoid'));
        const xs = fx.x.map((e) => decode(e)!);
        const r = f.at(xs, 2);
        xs.forEach((x, i) => {
          if (fx.kinks.some((k) => Math.abs(k - x) < 1e-6) || Math.abs(x) > 9) return;
          for (const [got, want, q] of [[r.y[i], fx.f[i], 'f'], [r.dy![i], fx.d1[i], 'f′'], [r.d2y![i], fx.d2[i], 'f″']] as const) {
            const w = decode(want);
            if (w === null) continue;
            assert.ok(Math.abs(got - w) <= 1e-12 * Math.max(1, Math.abs(w)), `${q}(${x}): ${got} vs ${w}`);
          }
        });
      });
    }
  });
});

import * as assert from 'node:assert/strict';
import { activations } from '../../../../src/core/activations/index';
import type { ActivationInfo, Alias, Framework, ParamValue } from '../../../../src/core/types';
import { numericParams } from './torchFixture';

const FRAMEWORKS: readonly Framework[] = ['torch', 'tf', 'keras', 'keras2', 'jax', 'flax', 'tfjs', 'hf'];

/** Every spelling of the catalogue, by alias name. */
const aliasIndex = new Map<string, { info: ActivationInfo; alias: Alias }>();
for (const info of activations) for (const alias of info.aliases) aliasIndex.set(alias.name, { info, alias });

function lookup(aliasName: string): { info: ActivationInfo; alias: Alias } {
  const hit = aliasIndex.get(aliasName);
  assert.ok(hit, `no alias ${aliasName}`);
  return hit;
}

/** The value of `param` under a spelling: the alias's default if it sets one, else PyTorch's. */
function effectiveDefault(aliasName: string, param: string): ParamValue {
  const { info, alias } = lookup(aliasName);
  const spec = info.params.find((p) => p.name === param);
  assert.ok(spec, `${info.name} has no parameter ${param}`);
  return alias.defaults?.[param] ?? spec.default;
}

describe('activation registry', () => {
  it('covers the whole catalogue of functions.md §1', () => {
    const expected = [
      'relu', 'relu6', 'leaky_relu', 'prelu', 'rrelu', 'elu', 'selu', 'celu', 'gelu', 'silu', 'mish', 'softplus',
      'squareplus', 'sparse_plus', 'softsign', 'sigmoid', 'logsigmoid', 'hardsigmoid', 'sparse_sigmoid', 'hardswish',
      'tanh', 'hardtanh', 'tanhshrink', 'softshrink', 'hardshrink', 'threshold', 'identity', 'exponential', 'crelu', 'glu',
      'softmax', 'log_softmax', 'softmin', 'softmax2d', 'gumbel_softmax', 'sparsemax', 'logsumexp', 'cross_entropy',
      'binary_cross_entropy_with_logits',
    ];
    assert.deepEqual([...activations.map((a) => a.name)].sort(), [...expected].sort());
  });

  it('has unique snake_case canonical names', () => {
    const names = activations.map((a) => a.name);
    assert.equal(new Set(names).size, names.length);
    for (const name of names) assert.match(name, /^[a-z][a-z0-9_]*$/);
  });

  it('gives element-wise entries a kernel and vector or loss entries none', () => {
    for (const info of activations) {
      assert.equal(typeof info.kernel === 'function', info.kind === 'elementwise', info.name);
    }
    assert.deepEqual(activations.filter((a) => a.kind === 'loss').map((a) => a.name), ['cross_entropy', 'binary_cross_entropy_with_logits']);
  });

  it('describes every entry for people: title, one-sentence summary, formula and derivative in text and LaTeX, source link', () => {
    for (const info of activations) {
      assert.ok(info.title.length > 0 && info.summary.length > 20, info.name);
      assert.ok(info.formula.text && info.formula.latex && info.derivative.text && info.derivative.latex, info.name);
      assert.match(info.source, /^https:\/\//, info.name);
      assert.ok(info.plotRange[0] < info.plotRange[1], info.name);
      assert.ok(info.properties.range && info.properties.saturates, info.name);
    }
  });

  it('says how the random functions are made deterministic, and only for them', () => {
    const noted = activations.filter((a) => a.deterministicNote !== undefined).map((a) => a.name);
    assert.deepEqual(noted.sort(), ['gumbel_softmax', 'rrelu']);
  });
});

describe('parameter specs', () => {
  for (const info of activations) {
    it(`${info.name}: ranges hold the defaults, choices hold the default, ignored parameters come last`, () => {
      let seenIgnored = false;
      for (const spec of info.params) {
        if (spec.ignored) seenIgnored = true;
        else assert.ok(!seenIgnored || spec.kind !== 'number', `${info.name}.${spec.name} follows an ignored parameter`);
        if (spec.kind === 'number' && !spec.ignored) {
          assert.ok(spec.range && spec.step && spec.step > 0, `${info.name}.${spec.name} needs a range and step`);
          assert.ok(spec.range[0] < spec.range[1], `${info.name}.${spec.name} range`);
          const v = spec.default as number;
          assert.ok(spec.range[0] <= v && v <= spec.range[1], `${info.name}.${spec.name} default ${v} outside ${spec.range}`);
        }
        if (spec.kind === 'string' && !spec.ignored) assert.ok(spec.choices?.includes(spec.default as string), `${info.name}.${spec.name}`);
        assert.equal(typeof spec.default, spec.kind, `${info.name}.${spec.name} default type`);
        assert.ok(spec.description.length > 0);
      }
      assert.equal(new Set(info.params.map((p) => p.name)).size, info.params.length);
    });
  }

  it('uses PyTorch keyword names and defaults', () => {
    const expected: Record<string, Record<string, ParamValue>> = {
      leaky_relu: { negative_slope: 0.01 },
      prelu: { weight: 0.25 },
      rrelu: { lower: 1 / 8, upper: 1 / 3 },
      elu: { alpha: 1 },
      celu: { alpha: 1 },
      gelu: { approximate: 'none' },
      softplus: { beta: 1, threshold: 20 },
      hardtanh: { min_val: -1, max_val: 1 },
      softshrink: { lambd: 0.5 },
      hardshrink: { lambd: 0.5 },
      squareplus: { b: 4 },
      hardsigmoid: { slope: 1 / 6 },
    };
    for (const [name, params] of Object.entries(expected)) {
      const info = activations.find((a) => a.name === name) as ActivationInfo;
      for (const [param, value] of Object.entries(params)) {
        assert.equal(info.params.find((p) => p.name === param)?.default, value, `${name}.${param}`);
      }
    }
  });
});

describe('alias tables', () => {
  it('never reuse a name across the catalogue, nor another entry’s canonical name', () => {
    const seen = new Map<string, string>();
    const canonical = new Map(activations.map((a) => [a.name, a.name]));
    for (const info of activations) {
      for (const alias of info.aliases) {
        assert.ok(!seen.has(alias.name), `${alias.name} in ${info.name} and ${seen.get(alias.name)}`);
        seen.set(alias.name, info.name);
        const other = canonical.get(alias.name);
        assert.ok(other === undefined || other === info.name, `${alias.name} of ${info.name} is the canonical name of ${other}`);
      }
    }
  });

  for (const info of activations) {
    it(`${info.name}: every alias names real parameters with values of the right kind`, () => {
      const specs = new Map(info.params.map((p) => [p.name, p]));
      assert.ok(info.aliases.length > 0);
      for (const alias of info.aliases) {
        const where = `${info.name} ← ${alias.name}`;
        assert.ok(FRAMEWORKS.includes(alias.framework), where);
        assert.ok(['function', 'module', 'string'].includes(alias.kind), where);
        if (alias.kind === 'string') assert.ok(!alias.name.includes('.'), `${where}: a string identifier has no dots`);
        else assert.match(alias.name, /^[A-Za-z_][\w]*(\.[A-Za-z_]\w*)+$/, where);
        for (const [param, value] of Object.entries(alias.defaults ?? {})) {
          const spec = specs.get(param);
          assert.ok(spec, `${where}: default for unknown parameter ${param}`);
          assert.equal(typeof value, spec.kind, `${where}: ${param}`);
          if (spec.choices) assert.ok(spec.choices.includes(value as string), `${where}: ${param}=${String(value)}`);
        }
        for (const [keyword, canonical] of Object.entries(alias.keywords ?? {})) {
          assert.ok(specs.has(canonical), `${where}: keyword ${keyword} → unknown ${canonical}`);
          assert.ok(!specs.has(keyword) || keyword === canonical, `${where}: keyword ${keyword} shadows a parameter`);
        }
        for (const param of alias.positional ?? []) assert.ok(specs.has(param), `${where}: positional ${param}`);
        for (const param of alias.accepts ?? []) assert.ok(specs.has(param), `${where}: accepts ${param}`);
        for (const [param, table] of Object.entries(alias.values ?? {})) {
          const spec = specs.get(param);
          assert.ok(spec?.choices, `${where}: values for ${param}`);
          for (const v of Object.values(table)) assert.ok(spec.choices.includes(v as string), `${where}: ${param} → ${String(v)}`);
        }
      }
    });
  }

  it('spells PyTorch names in full, with modules constructed positionally as in PyTorch', () => {
    assert.equal(lookup('torch.nn.functional.leaky_relu').alias.kind, 'function');
    assert.deepEqual(lookup('torch.nn.LeakyReLU').alias.positional, ['negative_slope', 'inplace']);
    assert.deepEqual(lookup('torch.nn.Softplus').alias.positional, ['beta', 'threshold']);
    assert.deepEqual(lookup('torch.nn.Hardtanh').alias.positional, ['min_val', 'max_val', 'inplace']);
    assert.deepEqual(lookup('torch.nn.PReLU').alias.positional, ['num_parameters', 'weight']);
    assert.deepEqual(lookup('torch.nn.PReLU').alias.keywords, { init: 'weight' });
    assert.deepEqual(lookup('torch.nn.GELU').alias.positional, ['approximate']);
    assert.equal(lookup('torch.special.expit').info.name, 'sigmoid');
    assert.equal(lookup('jax.nn.soft_sign').info.name, 'softsign');
    assert.equal(lookup('keras.activations.hard_swish').info.name, 'hardswish');
  });

  it('maps string identifiers of Keras, TF.js and Hugging Face configs', () => {
    const cases: [string, string, Record<string, ParamValue>][] = [
      ['gelu_new', 'gelu', { approximate: 'tanh' }],
      ['gelu_pytorch_tanh', 'gelu', { approximate: 'tanh' }],
      ['gelu_fast', 'gelu', { approximate: 'tanh' }],
      ['quick_gelu', 'silu', { beta: 1.702 }],
      ['swish', 'silu', { beta: 1 }],
      ['hardSigmoid', 'hardsigmoid', { slope: 0.2 }],
      ['hard_sigmoid', 'hardsigmoid', { slope: 1 / 6 }],
      ['linear', 'identity', {}],
      ['log_sigmoid', 'logsigmoid', {}],
    ];
    for (const [name, canonical, params] of cases) {
      const { info, alias } = lookup(name);
      assert.equal(alias.kind, 'string', name);
      assert.equal(info.name, canonical, name);
      for (const [param, value] of Object.entries(params)) assert.equal(effectiveDefault(name, param), value, `${name}.${param}`);
    }
  });

  it('maps the boolean approximate= of Keras, TF and JAX to the tanh form', () => {
    for (const name of ['keras.activations.gelu', 'keras.ops.gelu', 'tf.nn.gelu', 'jax.nn.gelu', 'flax.linen.gelu']) {
      const values = lookup(name).alias.values?.approximate;
      assert.equal(values?.true, 'tanh', name);
      assert.equal(values?.false, 'none', name);
    }
  });
});

describe('defaults that disagree between frameworks (functions.md)', () => {
  const table: [string, string, ParamValue][] = [
    // LeakyReLU slope: 0.01 / 0.2 / 0.3
    ['torch.nn.functional.leaky_relu', 'negative_slope', 0.01],
    ['torch.nn.LeakyReLU', 'negative_slope', 0.01],
    ['jax.nn.leaky_relu', 'negative_slope', 0.01],
    ['flax.linen.leaky_relu', 'negative_slope', 0.01],
    ['tf.nn.leaky_relu', 'negative_slope', 0.2],
    ['keras.activations.leaky_relu', 'negative_slope', 0.2],
    ['keras.ops.leaky_relu', 'negative_slope', 0.2],
    ['tf.leakyRelu', 'negative_slope', 0.2],
    ['keras.layers.LeakyReLU', 'negative_slope', 0.3],
    ['tf.layers.leakyReLU', 'negative_slope', 0.3],
    // GELU: exact in PyTorch, TF, keras.activations; tanh in JAX and keras.ops
    ['torch.nn.functional.gelu', 'approximate', 'none'],
    ['tf.nn.gelu', 'approximate', 'none'],
    ['keras.activations.gelu', 'approximate', 'none'],
    ['jax.nn.gelu', 'approximate', 'tanh'],
    ['flax.linen.gelu', 'approximate', 'tanh'],
    ['keras.ops.gelu', 'approximate', 'tanh'],
    // Hard sigmoid: slope 1/6 vs 0.2
    ['torch.nn.functional.hardsigmoid', 'slope', 1 / 6],
    ['keras.activations.hard_sigmoid', 'slope', 1 / 6],
    ['jax.nn.hard_sigmoid', 'slope', 1 / 6],
    ['tf.keras.backend.hard_sigmoid', 'slope', 0.2],
    ['hardSigmoid', 'slope', 0.2],
    // PReLU init: 0.25 / 0.01 / 0
    ['torch.nn.PReLU', 'weight', 0.25],
    ['flax.linen.PReLU', 'weight', 0.01],
    ['keras.layers.PReLU', 'weight', 0],
    ['tf.layers.prelu', 'weight', 0],
    // Softmax axis: −1 everywhere but TF.js layers.softmax (1)
    ['keras.activations.softmax', 'dim', -1],
    ['tf.layers.softmax', 'dim', 1],
  ];
  for (const [name, param, value] of table) {
    it(`${name}: ${param} = ${String(value)}`, () => assert.equal(effectiveDefault(name, param), value));
  }

  it('accepts softplus parameters only under PyTorch names', () => {
    const softplus = activations.find((a) => a.name === 'softplus') as ActivationInfo;
    for (const alias of softplus.aliases) {
      if (alias.framework === 'torch') assert.equal(alias.accepts, undefined, alias.name);
      else assert.deepEqual(alias.accepts, [], alias.name);
    }
  });

  it('fixes ELU α at 1 in tf.nn and TF.js', () => {
    for (const name of ['tf.nn.elu', 'tf.elu', 'tf.layers.elu']) {
      assert.deepEqual(lookup(name).alias.accepts, [], name);
      assert.equal(effectiveDefault(name, 'alpha'), 1);
    }
  });

  it('notes the LeakyReLU subgradient at 0 (α in PyTorch, 1 in JAX)', () => {
    assert.match(lookup('jax.nn.leaky_relu').alias.note ?? '', /gradient at 0 is 1/);
    const info = lookup('torch.nn.functional.leaky_relu').info;
    assert.equal(info.kinks([0.2])[0].dy, 0.2);
  });
});

describe('kernels and kinks', () => {
  const elementwise = activations.filter((a) => a.kind === 'elementwise');
  for (const info of elementwise) {
    const kernels = (info.params.find((p) => p.kind === 'string')?.choices ?? [undefined]).map((choice) => {
      const option = info.params.find((p) => p.kind === 'string');
      return info.kernel?.(option && choice ? { [option.name]: choice } : {});
    });
    const p = numericParams(info);

    it(`${info.name}: NaN in gives NaN out for f, f′ and f″`, () => {
      for (const kernel of kernels) {
        assert.ok(kernel);
        assert.ok(Number.isNaN(kernel.value(NaN, p)));
        const out = new Float64Array(3);
        kernel.jet(NaN, p, out);
        assert.deepEqual([...out].map(Number.isNaN), [true, true, true]);
      }
    });

    it(`${info.name}: finite for finite x across ±800, never NaN or ±∞ (except eˣ overflowing)`, () => {
      const out = new Float64Array(3);
      for (const kernel of kernels) {
        assert.ok(kernel);
        for (let x = -800; x <= 800; x += 0.5) {
          kernel.jet(x, p, out);
          const finite = [...out].every(Number.isFinite);
          if (info.name === 'exponential' && x > 709.78) assert.equal(out[0], Infinity);
          else assert.ok(finite, `${info.name}(${x}) = ${[...out].join(', ')}`);
        }
      }
    });

    it(`${info.name}: the kinks' f′ is what the kernel gives there`, () => {
      const out = new Float64Array(3);
      for (const kink of info.kinks(p)) {
        assert.ok(kink.note.length > 0);
        for (const kernel of kernels) {
          kernel?.jet(kink.x, p, out);
          assert.equal(out[1], kink.dy, `${info.name}′(${kink.x})`);
        }
      }
      // softplus is smooth; its listed kink is PyTorch's threshold switch to x. softsign and sparse_plus are C¹ only.
      const smooth = (info.kinks(p).length === 0 || info.name === 'softplus') && !['softsign', 'sparse_plus'].includes(info.name);
      assert.equal(info.properties.smooth, smooth, info.name);
    });
  }

  it('states PyTorch’s values at the kinks (functions.md §2)', () => {
    const at = (name: string, x: number, params?: Record<string, number>, options: Record<string, string> = {}) => {
      const info = activations.find((a) => a.name === name) as ActivationInfo;
      const out = new Float64Array(3);
      info.kernel?.(options).jet(x, numericParams(info, params), out);
      return [...out];
    };
    assert.deepEqual(at('relu', 0), [0, 0, 0]);
    assert.deepEqual(at('relu6', 6), [6, 0, 0]);
    assert.deepEqual(at('leaky_relu', 0, { negative_slope: 0.2 }).slice(1), [0.2, 0]);
    assert.deepEqual(at('leaky_relu', -0, { negative_slope: 0.2 }).slice(1), [0.2, 0]);
    assert.equal(at('rrelu', 0)[1], 11 / 48);
    assert.deepEqual(at('elu', 0, { alpha: 2 }), [0, 2, 0]);
    assert.deepEqual(at('selu', 0), [0, 1.6732632423543772 * 1.0507009873554805, 0]);
    assert.deepEqual(at('celu', 0, { alpha: 2 }), [0, 1, 0]);
    assert.deepEqual(at('softsign', 0), [0, 1, 0]);
    assert.deepEqual(at('softplus', 20).slice(1), [0.9999999979388464, 0]);
    assert.deepEqual(at('hardsigmoid', 3).slice(0, 2), [1, 0]);
    assert.deepEqual(at('hardsigmoid', -3).slice(0, 2), [0, 0]);
    assert.deepEqual(at('hardswish', -3).slice(1), [-0.5, 0]);
    assert.deepEqual(at('hardswish', 3), [3, 1.5, 0]);
    assert.deepEqual(at('hardtanh', -2, { min_val: -2, max_val: 3 }), [-2, 0, 0]);
    assert.deepEqual(at('hardshrink', 0.5), [0, 0, 0]);
    assert.deepEqual(at('softshrink', -0.5), [0, 0, 0]);
    assert.deepEqual(at('threshold', 1, { threshold: 1, value: -2 }), [-2, 0, 0]);
  });
});

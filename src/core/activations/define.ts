/**
 * Helpers that keep the catalogue entries declarative: alias spellings per framework, parameter specs, and the NaN
 * guard every kernel shares.
 *
 * Conventions every entry follows (the evaluator relies on them):
 * - The kernel's `p` holds the entry's 'number' parameters in `params` order. Ignored parameters (`inplace`, `dim`,
 *   `num_parameters` …) come last in `params`, so `p` indices agree whether or not a reader skips them.
 * - Alias names are full dotted names as written in code ('torch.nn.functional.gelu', 'keras.layers.LeakyReLU'), or bare
 *   identifiers for kind 'string'. Short prefixes (`F.`, `nn.`, `jnn.`) are the resolver's business.
 */
import type { Alias, ElementwiseKernel, Framework, ParamSpec, ParamValue } from '../types';

type AliasOptions = Pick<Alias, 'defaults' | 'keywords' | 'positional' | 'note' | 'accepts' | 'values'>;

function alias(framework: Framework, name: string, kind: Alias['kind'], options?: AliasOptions): Alias {
  return { framework, name, kind, ...options };
}

/** PyTorch functional form `torch.nn.functional.<name>`. */
export const torchFunctional = (name: string, options?: AliasOptions): Alias =>
  alias('torch', `torch.nn.functional.${name}`, 'function', options);

/** PyTorch module `torch.nn.<Name>`, constructed with `positional` arguments in this order. */
export const torchModule = (name: string, positional: readonly string[], options?: AliasOptions): Alias =>
  alias('torch', `torch.nn.${name}`, 'module', { positional, ...options });

/** Top-level `torch.<name>` or `torch.special.<name>` (give the full suffix). */
export const torchOp = (name: string, options?: AliasOptions): Alias => alias('torch', `torch.${name}`, 'function', options);

/** Keras 3 `keras.activations.<name>` and its TF ≥ 2.16 spelling `tf.keras.activations.<name>`, plus the string. */
export const kerasActivation = (name: string, options?: AliasOptions): Alias[] => [
  alias('keras', `keras.activations.${name}`, 'function', options),
  alias('keras', `tf.keras.activations.${name}`, 'function', options),
  alias('keras', name, 'string', options),
];

/** Keras 3 `keras.ops.<name>`. */
export const kerasOp = (name: string, options?: AliasOptions): Alias =>
  alias('keras', `keras.ops.${name}`, 'function', options);

/** Keras layer `keras.layers.<Name>` (and `tf.keras.layers.<Name>`), constructed with `positional` arguments. */
export const kerasLayer = (name: string, positional: readonly string[], options?: AliasOptions): Alias[] => [
  alias('keras', `keras.layers.${name}`, 'module', { positional, ...options }),
  alias('keras', `tf.keras.layers.${name}`, 'module', { positional, ...options }),
];

/** TensorFlow `tf.nn.<name>` (or another `tf.` path given in full with `full`). */
export const tfNn = (name: string, options?: AliasOptions): Alias => alias('tf', `tf.nn.${name}`, 'function', options);
export const tfPath = (path: string, options?: AliasOptions): Alias => alias('tf', `tf.${path}`, 'function', options);

/** JAX `jax.nn.<name>`. */
export const jaxNn = (name: string, options?: AliasOptions): Alias => alias('jax', `jax.nn.${name}`, 'function', options);

/** Flax `flax.linen.<name>` (functions re-exported from jax.nn, or a module when `module` is given). */
export const flax = (name: string, options?: AliasOptions): Alias => alias('flax', `flax.linen.${name}`, 'function', options);
export const flaxModule = (name: string, positional: readonly string[], options?: AliasOptions): Alias =>
  alias('flax', `flax.linen.${name}`, 'module', { positional, ...options });

/** TF.js core op `tf.<name>` (camelCase), e.g. 'tf.leakyRelu'. */
export const tfjsOp = (name: string, options?: AliasOptions): Alias => alias('tfjs', `tf.${name}`, 'function', options);
/** TF.js layer factory `tf.layers.<name>`, configured with one object, e.g. `tf.layers.leakyReLU({alpha})`. */
export const tfjsLayer = (name: string, options?: AliasOptions): Alias =>
  alias('tfjs', `tf.layers.${name}`, 'module', { positional: [], ...options });
/** TF.js `activation: '<name>'` string that is not also a Keras string. */
export const tfjsString = (name: string, options?: AliasOptions): Alias => alias('tfjs', name, 'string', options);

/** Hugging Face Transformers `ACT2FN` key (`hidden_act="gelu_new"`). */
export const hfString = (name: string, options?: AliasOptions): Alias => alias('hf', name, 'string', options);

/** Keras 2 / tf.keras ≤ 2.15 spelling where it differs from Keras 3. */
export const keras2 = (name: string, options?: AliasOptions): Alias => alias('keras2', name, 'function', options);

export function numberParam(
  name: string,
  value: number,
  range: readonly [number, number],
  step: number,
  description: string,
): ParamSpec {
  return { name, kind: 'number', default: value, range, step, description };
}

export function stringParam(name: string, value: string, choices: readonly string[], description: string): ParamSpec {
  return { name, kind: 'string', default: value, choices, description };
}

/** A parameter accepted for compatibility that does not change the curve. */
export function ignoredParam(name: string, kind: ParamSpec['kind'], value: ParamValue, description: string): ParamSpec {
  return { name, kind, default: value, description, ignored: true };
}

export const inplace = ignoredParam('inplace', 'boolean', false, 'in-place update; no effect on values');

/**
 * Builds a kernel from `value` and a jet that may ignore NaN: NaN in gives NaN in all three outputs, so a piecewise
 * rule (`x > 0 ? 1 : 0`) never turns NaN into a finite slope.
 */
export function kernelOf(
  value: (x: number, p: ArrayLike<number>) => number,
  jet: (x: number, p: ArrayLike<number>, out: Float64Array) => void,
): ElementwiseKernel {
  return {
    value,
    jet(x, p, out) {
      if (x !== x) {
        out[0] = out[1] = out[2] = NaN;
        return;
      }
      jet(x, p, out);
    },
  };
}

/** For parameter-free functions: the same kernel whatever the options. */
export const fixedKernel = (k: ElementwiseKernel) => (): ElementwiseKernel => k;

export const noKinks = (): readonly never[] => [];

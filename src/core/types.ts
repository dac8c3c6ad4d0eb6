/**
 * The public types of the math core: what the catalogue describes and what a compiled expression offers.
 * Every surface (extension host, webview, notebook renderer, CLI) programs against these.
 */

/** Half-open UTF-16 offsets into the expression source. */
export interface Span {
  readonly start: number;
  readonly end: number;
}

/** Which library a name comes from; selects that library's defaults and keyword names. */
export type Framework = 'torch' | 'tf' | 'keras' | 'keras2' | 'jax' | 'flax' | 'tfjs' | 'hf';

/** 0: value only; 1: value and f′; 2: value, f′ and f″. */
export type Order = 0 | 1 | 2;

// ---------------------------------------------------------------------------------------------------------------------
// Catalogue

export type ParamValue = number | string | boolean;

/** One parameter of a catalogue function, named as PyTorch names it. */
export interface ParamSpec {
  /** PyTorch's keyword (`negative_slope`, `beta`, `lambd`, `approximate` …). */
  readonly name: string;
  /** 'number' parameters become sliders; 'string'/'boolean' ones select a variant at compile time. */
  readonly kind: 'number' | 'string' | 'boolean';
  /** PyTorch's default (or, for functions PyTorch lacks, the defining framework's). */
  readonly default: ParamValue;
  /** For 'string' parameters: the accepted values (e.g. ['none', 'tanh']). */
  readonly choices?: readonly string[];
  /** Sensible slider range and step for 'number' parameters. */
  readonly range?: readonly [number, number];
  readonly step?: number;
  /** One line for people: "slope for x < 0". */
  readonly description: string;
  /** Accepted but without effect on the curve (`inplace`, `num_parameters`, `dim`, `axis` …). */
  readonly ignored?: boolean;
}

/** How a framework spells a catalogue function, and what it changes. */
export interface Alias {
  readonly framework: Framework;
  /**
   * The full name as written in code: 'torch.nn.functional.leaky_relu', 'tf.nn.leaky_relu', 'jax.nn.gelu',
   * 'torch.nn.LeakyReLU' (kind 'module'), 'tf.layers.leakyReLU' (tfjs), or a bare string identifier 'gelu_new'
   * (kind 'string', as in `activation="gelu_new"` / `hidden_act="gelu_new"`).
   */
  readonly name: string;
  /** 'function': called with x first; 'module': constructed with parameters, then called with x; 'string': identifier. */
  readonly kind: 'function' | 'module' | 'string';
  /** Defaults that differ from PyTorch's under this name, by canonical parameter name. */
  readonly defaults?: Readonly<Record<string, ParamValue>>;
  /** This framework's keyword → canonical parameter name (e.g. { alpha: 'negative_slope' }). */
  readonly keywords?: Readonly<Record<string, string>>;
  /**
   * Canonical parameter names in the order this name takes them positionally (after x for functions; the
   * constructor's arguments for modules). Defaults to the entry's `params` order.
   */
  readonly positional?: readonly string[];
  /** Anything a user should know about this spelling ("Keras 2 definition: clip(0.2x + 0.5, 0, 1)"). */
  readonly note?: string;
  /**
   * Canonical parameters this spelling accepts as arguments, when fewer than the entry's (`tf.nn.elu` takes no alpha,
   * `keras.activations.softplus` no beta/threshold); the others stay at this alias's defaults. Absent: all of them.
   */
  readonly accepts?: readonly string[];
  /**
   * This framework's spelling of a parameter's values, by canonical parameter name: for Keras/TF/JAX `gelu`,
   * { approximate: { true: 'tanh', false: 'none' } } (the keys are the written value, `String(value)`).
   */
  readonly values?: Readonly<Record<string, Readonly<Record<string, ParamValue>>>>;
}

/** A point where f is not differentiable and the derivative PyTorch's autograd reports there. */
export interface Kink {
  readonly x: number;
  /** f′ PyTorch uses at x (the convention). */
  readonly dy: number;
  /** "relu′(0) = 0 (PyTorch takes the left branch)". */
  readonly note: string;
}

export interface Properties {
  /** Output range in plain text, e.g. "(0, 1)", "[0, ∞)". */
  readonly range: string;
  readonly monotonic: boolean;
  /** Infinitely differentiable everywhere. */
  readonly smooth: boolean;
  readonly zeroCentred: boolean;
  /** Where the gradient vanishes, in words: "both tails", "x < 0", "never". */
  readonly saturates: string;
}

/** Scalar kernel of an element-wise function: value and exact derivatives with respect to its input. */
export interface ElementwiseKernel {
  /** f(x) for the numeric parameters `p`, in the order of the entry's numeric params. */
  value(x: number, p: ArrayLike<number>): number;
  /** Writes f(x), f′(x), f″(x) into out[0], out[1], out[2], with PyTorch's convention at kinks. */
  jet(x: number, p: ArrayLike<number>, out: Float64Array): void;
}

export interface ActivationInfo {
  /** Canonical name, PyTorch's functional spelling: 'leaky_relu', 'gelu', 'hardswish', 'softmax'. */
  readonly name: string;
  /** For people: 'Leaky ReLU'. */
  readonly title: string;
  /** One sentence: what it is and why you would use it. */
  readonly summary: string;
  /** 'elementwise' maps R→R; 'vector' maps a vector to a vector or scalar (softmax, logsumexp, glu …); 'loss' takes targets. */
  readonly kind: 'elementwise' | 'vector' | 'loss';
  readonly formula: { readonly text: string; readonly latex: string };
  readonly derivative: { readonly text: string; readonly latex: string };
  readonly params: readonly ParamSpec[];
  readonly aliases: readonly Alias[];
  readonly properties: Properties;
  /** Non-differentiable points for the given numeric parameters (empty for smooth functions). */
  kinks(p: ArrayLike<number>): readonly Kink[];
  /** A range of x that shows the interesting part, for the given numeric parameters. */
  readonly plotRange: readonly [number, number];
  /** Paper or documentation link. */
  readonly source: string;
  /** Set for random functions (rrelu, gumbel_softmax): how ActViz evaluates them deterministically. */
  readonly deterministicNote?: string;
  /** Element-wise kernel for the given string/boolean options (e.g. { approximate: 'tanh' }). Absent for vector kinds. */
  kernel?(options: Readonly<Record<string, string | boolean>>): ElementwiseKernel;
}

// ---------------------------------------------------------------------------------------------------------------------
// Compiled expressions

export interface CompileOptions {
  /**
   * Extra names the expression may use as free parameters (a temperature `T`), and overrides of catalogue
   * parameters by canonical name ({ negative_slope: 0.3 }); both can be changed later per call without recompiling.
   */
  readonly params?: Readonly<Record<string, number>>;
  /** Framework whose defaults apply to bare names (`leaky_relu(x)`); default 'torch'. */
  readonly framework?: Framework;
}

/** A slider: a numeric parameter of the compiled expression. */
export interface ParameterInfo {
  /** Key used in `params` of sample/at/vector: the canonical parameter name or the free name. */
  readonly name: string;
  /** Value in effect at compile time: the literal written in the source, an override, or the default. */
  readonly value: number;
  /** The default of the framework whose name was used (marked on the slider). */
  readonly default: number;
  readonly min: number;
  readonly max: number;
  readonly step: number;
  /** Catalogue function it belongs to ('leaky_relu'); absent for free names. */
  readonly owner?: string;
  readonly description: string;
}

/** A numerically risky pattern with a better spelling (`log(1+exp(x))` → `softplus(x)`). */
export interface Diagnostic {
  readonly severity: 'warning' | 'info';
  readonly message: string;
  readonly span: Span;
  /** The replacement text, when there is one. */
  readonly suggestion?: string;
}

/** Sampled f and its derivatives. NaN marks points outside the domain. */
export interface Samples {
  readonly x: Float64Array;
  readonly y: Float64Array;
  readonly dy?: Float64Array;
  readonly d2y?: Float64Array;
}

export interface SampleOptions {
  readonly from: number;
  readonly to: number;
  /** 2 … 10 000 000 */
  readonly points: number;
  /** default 1 */
  readonly order?: Order;
  readonly params?: Readonly<Record<string, number>>;
}

/** Value of an expression without x. */
export interface VectorResult {
  /** The result; a scalar expression gives length 1. */
  readonly values: Float64Array;
  readonly isScalar: boolean;
  /**
   * When the outermost call is a vector function of a vector argument (softmax([1, 2, 3] / T)): that argument's
   * value, and the Jacobian rows ∂values[i]/∂inputs[j].
   */
  readonly inputs?: Float64Array;
  readonly jacobian?: readonly Float64Array[];
  /** The outermost vector function's canonical name ('softmax', 'cross_entropy' …). */
  readonly fn?: string;
}

/** A use of a catalogue function in the expression, with its resolved options. */
export interface CallInfo {
  readonly name: string;
  /** The name as written ('F.leaky_relu', 'nn.LeakyReLU'). */
  readonly written: string;
  readonly framework: Framework;
  readonly span: Span;
  /** All parameter values in effect, canonical names. */
  readonly params: Readonly<Record<string, ParamValue>>;
  /** True when the call's argument is exactly `x`, so the catalogue's kinks apply to the plot. */
  readonly appliedToX: boolean;
  /**
   * What a user should know about this spelling: how a random function is evaluated deterministically (rrelu in eval
   * mode, gumbel_softmax without noise) or the alias's note ("keras.layers.LeakyReLU defaults to 0.3").
   */
  readonly note?: string;
}

export interface Compiled {
  readonly source: string;
  /** 'function': depends on x (plot f, f′, f″ against x); 'value': no x (bars, Jacobian). */
  readonly kind: 'function' | 'value';
  readonly parameters: readonly ParameterInfo[];
  readonly warnings: readonly Diagnostic[];
  readonly calls: readonly CallInfo[];
  /** Kinks of catalogue calls applied directly to x, for the given parameter values. */
  kinks(params?: Readonly<Record<string, number>>): readonly Kink[];
  /** f (and derivatives up to `order`) on an evenly spaced grid. Throws only `ExpressionError` for bad options. */
  sample(options: SampleOptions): Samples;
  /** f (and derivatives up to `order`) at the given points. */
  at(xs: ArrayLike<number>, order?: Order, params?: Readonly<Record<string, number>>): Samples;
  /** The value of an expression without x; throws `ExpressionError` if the expression depends on x. */
  vector(params?: Readonly<Record<string, number>>): VectorResult;
}

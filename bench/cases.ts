import type { Loops } from './handwritten';
import { geluErfLoops, geluTanhLoops, leakyReluLoops, sigmoidLoops, siluLoops, softplusLoops, tanhLoops } from './handwritten';

/** One benchmarked activation: how a user writes it for the core, its mathjs spelling, and the hand-written loops. */
export interface ActivationCase {
  readonly name: string;
  /** User-style input, as performance.md's "builtin" column. */
  readonly core: string;
  /** Elementary form for mathjs (it has no activation functions). */
  readonly mathjs: string;
  /** mathjs can differentiate it (`derivative` has no rule for erf or max). */
  readonly mathjsGradient: boolean;
  readonly loops: Loops;
}

export const ACTIVATIONS: readonly ActivationCase[] = [
  { name: 'sigmoid', core: 'sigmoid(x)', mathjs: '1 / (1 + exp(-x))', mathjsGradient: true, loops: sigmoidLoops },
  { name: 'tanh', core: 'tanh(x)', mathjs: 'tanh(x)', mathjsGradient: true, loops: tanhLoops },
  {
    name: 'gelu (tanh)',
    core: "gelu(x, approximate='tanh')",
    mathjs: '0.5 * x * (1 + tanh(sqrt(2 / pi) * (x + 0.044715 * x^3)))',
    mathjsGradient: true,
    loops: geluTanhLoops,
  },
  { name: 'gelu (erf)', core: 'gelu(x)', mathjs: '0.5 * x * (1 + erf(x / sqrt(2)))', mathjsGradient: false, loops: geluErfLoops },
  { name: 'silu', core: 'x*sigmoid(x)', mathjs: 'x / (1 + exp(-x))', mathjsGradient: true, loops: siluLoops },
  { name: 'softplus', core: 'softplus(x)', mathjs: 'log(1 + exp(x))', mathjsGradient: true, loops: softplusLoops },
  { name: 'leaky_relu(x,0.1)', core: 'leaky_relu(x, 0.1)', mathjs: 'max(x, 0.1 * x)', mathjsGradient: false, loops: leakyReluLoops },
];

/**
 * Expressions the shared evaluator sees before any timing, as a long-lived extension host would, so V8 cannot
 * specialise the interpreter for the one expression being measured.
 */
export const FEED: readonly string[] = [
  'relu(x)',
  'x*tanh(softplus(x))',
  'elu(x, 0.5)',
  'hardswish(x)',
  'softsign(x)',
  'selu(x)',
  'mish(x)',
  'log1p(exp(x))',
  'where(x > 0, x, expm1(x))',
  'sin(x)*exp(-x*x)',
  'softmax([x, 0, 1])[0]',
  'cross_entropy([x, 1, -1], 0)',
  'clamp(x, -1, 1)',
  'x**3 - 2*x',
  'sqrt(abs(x) + 1)',
  'celu(x, alpha=2)',
  'hardtanh(x)',
  'logsigmoid(x)',
  'tanhshrink(x)',
  'sigmoid(2*x)*x + erf(x)',
  "F.gelu(x, approximate='tanh') - 0.5*x",
  'max(x, 0.1*x) + min(x, 0)',
];

/**
 * Families of distinct expression strings for one-shot latency (prepare, hover): `k` picks the family and changes a
 * constant, so no cache can answer. The first five are the ones mathjs can differentiate.
 */
export const LATENCY_FAMILIES: readonly { readonly core: (c: string) => string; readonly mathjs: (c: string) => string }[] = [
  { core: (c) => `x*sigmoid(${c}*x)`, mathjs: (c) => `x / (1 + exp(-${c}*x))` },
  { core: (c) => `tanh(${c}*x)`, mathjs: (c) => `tanh(${c}*x)` },
  {
    core: (c) => `gelu(${c}*x, approximate='tanh')`,
    mathjs: (c) => `0.5*(${c}*x)*(1 + tanh(sqrt(2/pi)*(${c}*x + 0.044715*(${c}*x)^3)))`,
  },
  { core: (c) => `sigmoid(x - ${c})`, mathjs: (c) => `1 / (1 + exp(-(x - ${c})))` },
  { core: (c) => `softplus(x + ${c})`, mathjs: (c) => `log(1 + exp(x + ${c}))` },
  { core: (c) => `gelu(x) * ${c}`, mathjs: (c) => `0.5*x*(1 + erf(x/sqrt(2))) * ${c}` },
  { core: (c) => `${c}*leaky_relu(x, 0.1)`, mathjs: (c) => `${c}*max(x, 0.1*x)` },
];

export const DIFFERENTIABLE_FAMILIES = 5;

/** A distinct constant for sample k: 1.0001, 1.0002, … */
export function constantFor(k: number): string {
  return (1 + (k + 1) * 1e-4).toFixed(4);
}

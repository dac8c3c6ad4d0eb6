/**
 * Unary primitives of the expression language with their forward-mode rules, kept side by side.
 *
 * Each primitive g gives its value for one number (constant folding, x-free parts) and a chunk rule that writes g(a),
 * g′(a) and g″(a) for a whole chunk of arguments; the tape then applies the chain rule
 * (g∘a)′ = g′·a′, (g∘a)″ = g″·a′² + g′·a″ in one shared loop. Kinks follow PyTorch autograd: abs′(0) = 0, sign′ = 0,
 * relu′(0) = 0.
 */
import { erf, erfc, sigmoid, sigmoidDerivative, softplus, TWO_OVER_SQRT_PI } from '../numeric/special';
import type { Order } from '../types';

export type UnaryName =
  | 'neg' | 'exp' | 'log' | 'log1p' | 'expm1' | 'sqrt' | 'abs' | 'sign' | 'sin' | 'cos' | 'sinh' | 'cosh' | 'tanh'
  | 'erf' | 'erfc' | 'sigmoid' | 'relu' | 'softplus' | 'square';

/**
 * Writes g(a[i]) into g0, and for order ≥ 1 g′ into g1, for order 2 g″ into g2 (i < n). The three outputs never alias
 * `a`, so a rule may read a[i] after writing.
 */
export type ChunkRule = (a: Float64Array, n: number, order: Order, g0: Float64Array, g1: Float64Array, g2: Float64Array) => void;

export interface UnaryPrimitive {
  readonly value: (a: number) => number;
  readonly chunk: ChunkRule;
}

/** σ(a) with σ′ = σ(a)σ(−a) and σ″ = −σ′·tanh(a/2), which keep full precision in both tails (as the catalogue's). */
function sigmoidChunk(a: Float64Array, n: number, order: Order, g0: Float64Array, g1: Float64Array, g2: Float64Array): void {
  if (order === 0) {
    for (let i = 0; i < n; i++) g0[i] = sigmoid(a[i]);
    return;
  }
  for (let i = 0; i < n; i++) {
    const x = a[i];
    const e = Math.exp(-Math.abs(x));
    const d = 1 + e;
    const s = x >= 0 ? 1 / d : e / d;
    const s1 = e / (d * d);
    g0[i] = s;
    g1[i] = s1;
    if (order === 2) g2[i] = -s1 * Math.tanh(0.5 * x);
  }
}

/** tanh with tanh′ = sech²: 1 − t² would cancel to 0 once t rounds to ±1 (|x| ≳ 19). Same rule as the catalogue. */
function tanhChunk(a: Float64Array, n: number, order: Order, g0: Float64Array, g1: Float64Array, g2: Float64Array): void {
  if (order === 0) {
    for (let i = 0; i < n; i++) g0[i] = Math.tanh(a[i]);
    return;
  }
  for (let i = 0; i < n; i++) {
    const x = a[i];
    const t = Math.tanh(x);
    const c = 1 / Math.cosh(x);
    const s2 = c * c;
    g0[i] = t;
    g1[i] = s2;
    if (order === 2) g2[i] = -2 * t * s2;
  }
}

function erfChunk(a: Float64Array, n: number, order: Order, g0: Float64Array, g1: Float64Array, g2: Float64Array): void {
  for (let i = 0; i < n; i++) {
    const x = a[i];
    g0[i] = erf(x);
    if (order === 0) continue;
    const d = TWO_OVER_SQRT_PI * Math.exp(-x * x);
    g1[i] = d;
    g2[i] = -2 * x * d;
  }
}

function erfcChunk(a: Float64Array, n: number, order: Order, g0: Float64Array, g1: Float64Array, g2: Float64Array): void {
  for (let i = 0; i < n; i++) {
    const x = a[i];
    g0[i] = erfc(x);
    if (order === 0) continue;
    const d = -TWO_OVER_SQRT_PI * Math.exp(-x * x);
    g1[i] = d;
    g2[i] = -2 * x * d;
  }
}

/** Stable log(1 + eᵃ) with the smooth derivatives σ(a), σ′(a): the building block of BCE with logits. */
function softplusChunk(a: Float64Array, n: number, order: Order, g0: Float64Array, g1: Float64Array, g2: Float64Array): void {
  for (let i = 0; i < n; i++) {
    const x = a[i];
    g0[i] = softplus(x);
    if (order === 0) continue;
    g1[i] = sigmoid(x);
    g2[i] = sigmoidDerivative(x);
  }
}

export const UNARY: ReadonlyMap<UnaryName, UnaryPrimitive> = new Map<UnaryName, UnaryPrimitive>([
  ['neg', {
    value: (a) => -a,
    chunk(a, n, order, g0, g1, g2) {
      for (let i = 0; i < n; i++) g0[i] = -a[i];
      if (order > 0) g1.fill(-1, 0, n);
      if (order > 1) g2.fill(0, 0, n);
    },
  }],
  ['square', {
    value: (a) => a * a,
    chunk(a, n, order, g0, g1, g2) {
      for (let i = 0; i < n; i++) g0[i] = a[i] * a[i];
      if (order > 0) for (let i = 0; i < n; i++) g1[i] = 2 * a[i];
      if (order > 1) g2.fill(2, 0, n);
    },
  }],
  ['exp', {
    value: Math.exp,
    chunk(a, n, order, g0, g1, g2) {
      for (let i = 0; i < n; i++) g0[i] = Math.exp(a[i]);
      if (order > 0) g1.set(g0.subarray(0, n));
      if (order > 1) g2.set(g0.subarray(0, n));
    },
  }],
  ['expm1', {
    value: Math.expm1,
    chunk(a, n, order, g0, g1, g2) {
      for (let i = 0; i < n; i++) g0[i] = Math.expm1(a[i]);
      if (order > 0) for (let i = 0; i < n; i++) g1[i] = Math.exp(a[i]);
      if (order > 1) g2.set(g1.subarray(0, n));
    },
  }],
  ['log', {
    value: Math.log,
    chunk(a, n, order, g0, g1, g2) {
      for (let i = 0; i < n; i++) g0[i] = Math.log(a[i]);
      if (order > 0) for (let i = 0; i < n; i++) g1[i] = 1 / a[i];
      if (order > 1) for (let i = 0; i < n; i++) g2[i] = -g1[i] * g1[i];
    },
  }],
  ['log1p', {
    value: Math.log1p,
    chunk(a, n, order, g0, g1, g2) {
      for (let i = 0; i < n; i++) g0[i] = Math.log1p(a[i]);
      if (order > 0) for (let i = 0; i < n; i++) g1[i] = 1 / (1 + a[i]);
      if (order > 1) for (let i = 0; i < n; i++) g2[i] = -g1[i] * g1[i];
    },
  }],
  ['sqrt', {
    value: Math.sqrt,
    chunk(a, n, order, g0, g1, g2) {
      for (let i = 0; i < n; i++) g0[i] = Math.sqrt(a[i]);
      // sqrt′(0) = +inf, as PyTorch's grad / (2·result)
      if (order > 0) for (let i = 0; i < n; i++) g1[i] = 0.5 / g0[i];
      if (order > 1) for (let i = 0; i < n; i++) g2[i] = (-0.5 * g1[i]) / a[i];
    },
  }],
  ['abs', {
    value: Math.abs,
    chunk(a, n, order, g0, g1, g2) {
      for (let i = 0; i < n; i++) g0[i] = Math.abs(a[i]);
      // abs′ = sgn(a): 0 at 0 (PyTorch), NaN for NaN
      if (order > 0) for (let i = 0; i < n; i++) g1[i] = Math.sign(a[i]) || 0 * a[i];
      if (order > 1) g2.fill(0, 0, n);
    },
  }],
  ['sign', {
    value: Math.sign,
    chunk(a, n, order, g0, g1, g2) {
      for (let i = 0; i < n; i++) g0[i] = Math.sign(a[i]);
      if (order > 0) g1.fill(0, 0, n);
      if (order > 1) g2.fill(0, 0, n);
    },
  }],
  ['relu', {
    value: (a) => (a <= 0 ? 0 : a),
    chunk(a, n, order, g0, g1, g2) {
      for (let i = 0; i < n; i++) g0[i] = a[i] <= 0 ? 0 : a[i];
      if (order > 0) for (let i = 0; i < n; i++) g1[i] = a[i] > 0 ? 1 : a[i] <= 0 ? 0 : NaN;
      if (order > 1) g2.fill(0, 0, n);
    },
  }],
  ['sin', {
    value: Math.sin,
    chunk(a, n, order, g0, g1, g2) {
      for (let i = 0; i < n; i++) g0[i] = Math.sin(a[i]);
      if (order > 0) for (let i = 0; i < n; i++) g1[i] = Math.cos(a[i]);
      if (order > 1) for (let i = 0; i < n; i++) g2[i] = -g0[i];
    },
  }],
  ['cos', {
    value: Math.cos,
    chunk(a, n, order, g0, g1, g2) {
      for (let i = 0; i < n; i++) g0[i] = Math.cos(a[i]);
      if (order > 0) for (let i = 0; i < n; i++) g1[i] = -Math.sin(a[i]);
      if (order > 1) for (let i = 0; i < n; i++) g2[i] = -g0[i];
    },
  }],
  ['sinh', {
    value: Math.sinh,
    chunk(a, n, order, g0, g1, g2) {
      for (let i = 0; i < n; i++) g0[i] = Math.sinh(a[i]);
      if (order > 0) for (let i = 0; i < n; i++) g1[i] = Math.cosh(a[i]);
      if (order > 1) g2.set(g0.subarray(0, n));
    },
  }],
  ['cosh', {
    value: Math.cosh,
    chunk(a, n, order, g0, g1, g2) {
      for (let i = 0; i < n; i++) g0[i] = Math.cosh(a[i]);
      if (order > 0) for (let i = 0; i < n; i++) g1[i] = Math.sinh(a[i]);
      if (order > 1) g2.set(g0.subarray(0, n));
    },
  }],
  ['tanh', { value: Math.tanh, chunk: tanhChunk }],
  ['erf', { value: erf, chunk: erfChunk }],
  ['erfc', { value: erfc, chunk: erfcChunk }],
  ['sigmoid', { value: sigmoid, chunk: sigmoidChunk }],
  ['softplus', { value: softplus, chunk: softplusChunk }],
]);

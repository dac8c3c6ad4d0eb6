/**
 * Chunk loops for the hottest catalogue activations, so the tape calls no kernel per point (a megamorphic call that
 * cannot be inlined) and computes f″ only when asked. Each loop reproduces its catalogue kernel bit for bit — same
 * helpers, same operation order — and test/unit/core/eval/names.test.ts compares every catalogue entry through the
 * engine with its kernel on the PyTorch fixture grids, so a kernel change that is not mirrored here fails loudly.
 */
import { erf, erfc, normalPdf, SQRT1_2, softplus as softplusStable } from '../numeric/special';
import type { Order } from '../types';

/** Writes f, f′ (order ≥ 1) and f″ (order 2) of the activation for a chunk; p holds its numeric parameters. */
export type ActivationChunk = (
  a: Float64Array, n: number, order: Order, p: Float64Array, g0: Float64Array, g1: Float64Array, g2: Float64Array,
) => void;

function relu(a: Float64Array, n: number, order: Order, _p: Float64Array, g0: Float64Array, g1: Float64Array, g2: Float64Array): void {
  for (let i = 0; i < n; i++) {
    const x = a[i];
    const pos = x > 0;
    g0[i] = pos ? x : x !== x ? x : 0;
    if (order === 0) continue;
    g1[i] = x !== x ? NaN : pos ? 1 : 0;
    g2[i] = x !== x ? NaN : 0;
  }
}

function leakyRelu(a: Float64Array, n: number, order: Order, p: Float64Array, g0: Float64Array, g1: Float64Array, g2: Float64Array): void {
  const slope = p[0];
  if (order === 0) {
    for (let i = 0; i < n; i++) {
      const x = a[i];
      g0[i] = x > 0 ? x : slope * x;
    }
    return;
  }
  for (let i = 0; i < n; i++) {
    const x = a[i];
    if (x !== x) {
      g0[i] = g1[i] = g2[i] = NaN;
      continue;
    }
    const pos = x > 0;
    g0[i] = pos ? x : slope * x;
    g1[i] = pos ? 1 : slope;
    g2[i] = 0;
  }
}

/** σ, σ′ = σ(x)σ(−x) from one exponential; σ″ = −σ′·tanh(x/2). */
function sigmoid(a: Float64Array, n: number, order: Order, _p: Float64Array, g0: Float64Array, g1: Float64Array, g2: Float64Array): void {
  for (let i = 0; i < n; i++) {
    const x = a[i];
    const e = Math.exp(-Math.abs(x));
    const d = 1 + e;
    g0[i] = x >= 0 ? 1 / d : e / d;
    if (order === 0) continue;
    const s1 = e / (d * d);
    g1[i] = s1;
    if (order === 2) g2[i] = -s1 * Math.tanh(0.5 * x);
  }
}

/** x·σ(βx): f′ = σ + z·σ′, f″ = β·σ′·(2 − z·tanh(z/2)), z = βx. */
function silu(a: Float64Array, n: number, order: Order, p: Float64Array, g0: Float64Array, g1: Float64Array, g2: Float64Array): void {
  const b = p[0];
  for (let i = 0; i < n; i++) {
    const x = a[i];
    const z = b * x;
    const e = Math.exp(-Math.abs(z));
    const d = 1 + e;
    const s = z >= 0 ? 1 / d : e / d;
    if (x !== x) {
      g0[i] = g1[i] = g2[i] = NaN;
      continue;
    }
    g0[i] = x * s;
    if (order === 0) continue;
    const s1 = e / (d * d);
    g1[i] = s + z * s1;
    if (order === 2) g2[i] = s1 === 0 ? 0 : b * s1 * (2 - z * Math.tanh(0.5 * z));
  }
}

/** PyTorch's softplus(β, threshold): x above the threshold, log(1 + e^{βx})/β below; p = [β, threshold]. */
function softplus(a: Float64Array, n: number, order: Order, p: Float64Array, g0: Float64Array, g1: Float64Array, g2: Float64Array): void {
  const b = p[0], threshold = p[1];
  for (let i = 0; i < n; i++) {
    const x = a[i];
    if (x !== x) {
      g0[i] = g1[i] = g2[i] = NaN;
      continue;
    }
    const z = b * x;
    if (z > threshold) {
      g0[i] = x;
      g1[i] = 1;
      g2[i] = 0;
      continue;
    }
    g0[i] = softplusStable(z) / b;
    if (order === 0) continue;
    const e = Math.exp(z);
    g1[i] = e === Infinity ? 1 : e / (e + 1);
    if (order === 2) {
      const f = Math.exp(-Math.abs(z));
      const d = 1 + f;
      g2[i] = z < threshold ? b * (f / (d * d)) : 0;
    }
  }
}

/** x·Φ(x) with Φ from erf for x ≥ 0 and erfc for x < 0 (no cancellation in the left tail). */
function geluExact(a: Float64Array, n: number, order: Order, _p: Float64Array, g0: Float64Array, g1: Float64Array, g2: Float64Array): void {
  for (let i = 0; i < n; i++) {
    const x = a[i];
    if (x !== x) {
      g0[i] = g1[i] = g2[i] = NaN;
      continue;
    }
    const cdf = x < 0 ? 0.5 * erfc(-x * SQRT1_2) : 0.5 * (1 + erf(x * SQRT1_2));
    g0[i] = x * cdf;
    if (order === 0) continue;
    const pdf = normalPdf(x);
    g1[i] = pdf === 0 ? cdf : cdf + x * pdf;
    g2[i] = pdf === 0 ? 0 : pdf * (2 - x * x);
  }
}

const GELU_K = Math.sqrt(2 / Math.PI);
const GELU_KAPPA = 0.044715;

/** ½x(1 + tanh u) evaluated as x·σ(2u), u = k(x + 0.044715x³). */
function geluTanh(a: Float64Array, n: number, order: Order, _p: Float64Array, g0: Float64Array, g1: Float64Array, g2: Float64Array): void {
  for (let i = 0; i < n; i++) {
    const x = a[i];
    if (x !== x) {
      g0[i] = g1[i] = g2[i] = NaN;
      continue;
    }
    const x2 = x * x;
    const z = 2 * GELU_K * (x + GELU_KAPPA * (x * x * x));
    const e = Math.exp(-Math.abs(z));
    const d = 1 + e;
    const s = z >= 0 ? 1 / d : e / d;
    g0[i] = x * s;
    if (order === 0) continue;
    const s1 = e / (d * d);
    if (s1 === 0) {
      g1[i] = s;
      g2[i] = 0;
      continue;
    }
    const dz = 2 * GELU_K * (1 + 3 * GELU_KAPPA * x2);
    g1[i] = s + x * s1 * dz;
    if (order === 2) {
      const d2z = 12 * GELU_K * GELU_KAPPA * x;
      const s2 = -s1 * Math.tanh(0.5 * z);
      g2[i] = 2 * s1 * dz + x * (s2 * dz * dz + s1 * d2z);
    }
  }
}

/** The loop for a catalogue entry with these options, if it has one. */
export function fastActivation(name: string, options: Readonly<Record<string, string | boolean>>): ActivationChunk | undefined {
  switch (name) {
    case 'relu':
      return relu;
    case 'leaky_relu':
      return leakyRelu;
    case 'sigmoid':
      return sigmoid;
    case 'silu':
      return silu;
    case 'softplus':
      return softplus;
    case 'gelu':
      return options.approximate === 'tanh' ? geluTanh : options.approximate === 'none' ? geluExact : undefined;
    default:
      return undefined;
  }
}

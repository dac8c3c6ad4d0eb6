/**
 * Stable float64 kernels of the vector functions and losses of the catalogue (softmax family, logsumexp, sparsemax,
 * glu, crelu, cross-entropy, binary cross-entropy with logits), with their exact Jacobians or derivatives.
 * NaN and infinity follow PyTorch 1.13: a +∞ logit makes softmax NaN; logsumexp gives ±∞ without NaN.
 */
import { sigmoid, sigmoidDerivative, softplus } from './special';

/** log Σ e^{vᵢ} with the max shift; +∞ if any entry is +∞, −∞ if all are −∞ (or v is empty), NaN if any is NaN. */
export function logSumExp(v: readonly number[] | Float64Array): number {
  let m = -Infinity;
  for (const x of v) {
    if (x !== x) return NaN;
    if (x > m) m = x;
  }
  if (m === Infinity || m === -Infinity) return m;
  let s = 0;
  for (const x of v) s += Math.exp(x - m);
  return m + Math.log(s);
}

/** softmax(v) = e^{v − max}/Σ e^{v − max}. A +∞ entry or all −∞ entries give NaN, as in PyTorch and JAX. */
export function softmax(v: ArrayLike<number>): Float64Array {
  const n = v.length;
  const out = new Float64Array(n);
  let m = -Infinity;
  for (let i = 0; i < n; i++) m = v[i] > m || v[i] !== v[i] ? v[i] : m;
  let s = 0;
  for (let i = 0; i < n; i++) {
    out[i] = Math.exp(v[i] - m);
    s += out[i];
  }
  for (let i = 0; i < n; i++) out[i] /= s;
  return out;
}

/** log_softmax(v) = v − max − log Σ e^{v − max}, never log(softmax(v)). */
export function logSoftmax(v: ArrayLike<number>): Float64Array {
  const n = v.length;
  const out = new Float64Array(n);
  let m = -Infinity;
  for (let i = 0; i < n; i++) m = v[i] > m || v[i] !== v[i] ? v[i] : m;
  let s = 0;
  for (let i = 0; i < n; i++) s += Math.exp(v[i] - m);
  const logS = Math.log(s);
  for (let i = 0; i < n; i++) out[i] = v[i] - m - logS;
  return out;
}

/** softmin(v) = softmax(−v). */
export function softmin(v: ArrayLike<number>): Float64Array {
  return softmax(Array.from(v, (x) => -x));
}

/** Rows ∂sᵢ/∂vⱼ = sᵢ(δᵢⱼ − sⱼ) of softmax, from its output s (negate for softmin). */
export function softmaxJacobian(s: ArrayLike<number>): Float64Array[] {
  const n = s.length;
  const rows: Float64Array[] = [];
  for (let i = 0; i < n; i++) {
    const row = new Float64Array(n);
    for (let j = 0; j < n; j++) row[j] = (i === j ? s[i] : 0) - s[i] * s[j];
    rows.push(row);
  }
  return rows;
}

/** Rows ∂(log_softmax)ᵢ/∂vⱼ = δᵢⱼ − sⱼ, from s = softmax(v). */
export function logSoftmaxJacobian(s: ArrayLike<number>): Float64Array[] {
  const n = s.length;
  const rows: Float64Array[] = [];
  for (let i = 0; i < n; i++) {
    const row = new Float64Array(n);
    for (let j = 0; j < n; j++) row[j] = (i === j ? 1 : 0) - s[j];
    rows.push(row);
  }
  return rows;
}

/**
 * sparsemax(v) = max(v − τ, 0) with Σ = 1 (Martins & Astudillo 2016, Algorithm 1: sort, find the support size k,
 * τ = (Σ_{top k} v − 1)/k).
 */
export function sparsemax(v: ArrayLike<number>): Float64Array {
  const n = v.length;
  const out = new Float64Array(n);
  if (n === 0) return out;
  const sorted = Float64Array.from(v).sort().reverse();
  if (sorted.some((x) => x !== x)) return out.fill(NaN);
  let cumulative = 0;
  let k = 0;
  let top = 0;
  for (let i = 0; i < n; i++) {
    cumulative += sorted[i];
    if (1 + (i + 1) * sorted[i] > cumulative) {
      k = i + 1;
      top = cumulative;
    }
  }
  const tau = (top - 1) / k;
  for (let i = 0; i < n; i++) out[i] = Math.max(v[i] - tau, 0);
  return out;
}

/** Rows of the sparsemax Jacobian from its output p: on the support S, δᵢⱼ − 1/|S|; zero elsewhere. */
export function sparsemaxJacobian(p: ArrayLike<number>): Float64Array[] {
  const n = p.length;
  let size = 0;
  for (let i = 0; i < n; i++) if (p[i] > 0) size++;
  const rows: Float64Array[] = [];
  for (let i = 0; i < n; i++) {
    const row = new Float64Array(n);
    if (p[i] > 0) for (let j = 0; j < n; j++) if (p[j] > 0) row[j] = (i === j ? 1 : 0) - 1 / size;
    rows.push(row);
  }
  return rows;
}

/** glu(v) = a ⊗ σ(b) with a, b the first and second half of v (v must have even length; odd gives []). */
export function glu(v: ArrayLike<number>): Float64Array {
  if (v.length % 2 !== 0) return new Float64Array(0);
  const h = v.length / 2;
  const out = new Float64Array(h);
  for (let i = 0; i < h; i++) out[i] = v[i] * sigmoid(v[i + h]);
  return out;
}

/** Rows ∂gluᵢ/∂vⱼ: σ(bᵢ) at aᵢ and aᵢσ′(bᵢ) at bᵢ. */
export function gluJacobian(v: ArrayLike<number>): Float64Array[] {
  const h = v.length / 2;
  const rows: Float64Array[] = [];
  for (let i = 0; i < h; i++) {
    const row = new Float64Array(v.length);
    row[i] = sigmoid(v[i + h]);
    row[i + h] = v[i] * sigmoidDerivative(v[i + h]);
    rows.push(row);
  }
  return rows;
}

/** crelu(v) = [relu(v), relu(−v)]. */
export function crelu(v: ArrayLike<number>): Float64Array {
  const n = v.length;
  const out = new Float64Array(2 * n);
  for (let i = 0; i < n; i++) {
    out[i] = v[i] > 0 ? v[i] : v[i] !== v[i] ? v[i] : 0;
    out[i + n] = v[i] < 0 ? -v[i] : v[i] !== v[i] ? v[i] : 0;
  }
  return out;
}

/**
 * PyTorch's F.cross_entropy for one example with a class index: −log_softmax(x)[t], with label smoothing ε
 * (1 − ε)·(−log p_t) + ε·mean_j(−log p_j); gradient softmax(x) − ((1 − ε)·onehot(t) + ε/C).
 * A target outside [0, C) gives NaN.
 */
export function crossEntropy(logits: ArrayLike<number>, target: number, labelSmoothing = 0): { value: number; grad: Float64Array } {
  const n = logits.length;
  const grad = new Float64Array(n);
  if (!Number.isInteger(target) || target < 0 || target >= n) return { value: NaN, grad: grad.fill(NaN) };
  const logp = logSoftmax(logits);
  const s = softmax(logits);
  let mean = 0;
  for (let j = 0; j < n; j++) mean -= logp[j];
  mean /= n;
  const value = (1 - labelSmoothing) * -logp[target] + (labelSmoothing > 0 ? labelSmoothing * mean : 0);
  for (let j = 0; j < n; j++) grad[j] = s[j] - ((j === target ? 1 - labelSmoothing : 0) + labelSmoothing / n);
  return { value, grad };
}

/**
 * PyTorch's F.binary_cross_entropy_with_logits for one logit x, target t and pos_weight w, with d/dx and d²/dx²:
 * ℓ = −[w·t·log σ(x) + (1 − t)·log σ(−x)] = w·t·softplus(−x) + (1 − t)·softplus(x). Both terms are non-negative, so
 * nothing cancels (PyTorch's (1 − t)·x + L·softplus(−x) cancels for x ≪ 0, and 1.13 also skips log1p).
 */
export function bceWithLogitsJet(x: number, target: number, posWeight: number, out: Float64Array): void {
  const positive = posWeight * target;
  const negative = 1 - target;
  out[0] = positive * softplus(-x) + negative * softplus(x);
  out[1] = negative * sigmoid(x) - positive * sigmoid(-x);
  out[2] = (positive + negative) * sigmoidDerivative(x);
}

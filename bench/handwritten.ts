/**
 * The physical limit: one hand-written loop per activation and order, each filling freshly allocated Float64Arrays
 * for x, f (and f′, f″) on an evenly spaced grid, exactly the work `compiled.sample()` does. Every loop is its own
 * function, so V8 sees one monomorphic call site per loop (the best case the core is compared with).
 */
import { erf, erfc } from '../src/core/numeric/special';

export interface Grid {
  readonly x: Float64Array;
  readonly y: Float64Array;
  readonly dy?: Float64Array;
  readonly d2y?: Float64Array;
}

export type Loop = (from: number, to: number, n: number) => Grid;

/** Loops for orders 0, 1, 2. */
export type Loops = readonly [Loop, Loop, Loop];

const SQRT_2_OVER_PI = Math.sqrt(2 / Math.PI);
const GELU_C = 0.044715;
const INV_SQRT_2PI = 1 / Math.sqrt(2 * Math.PI);

function sig(x: number): number {
  if (x >= 0) return 1 / (1 + Math.exp(-x));
  const e = Math.exp(x);
  return e / (1 + e);
}

export const sigmoidLoops: Loops = [
  (from, to, n) => {
    const h = (to - from) / (n - 1);
    const x = new Float64Array(n);
    const y = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const v = from + i * h;
      x[i] = v;
      y[i] = sig(v);
    }
    return { x, y };
  },
  (from, to, n) => {
    const h = (to - from) / (n - 1);
    const x = new Float64Array(n);
    const y = new Float64Array(n);
    const dy = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const v = from + i * h;
      const s = sig(v);
      x[i] = v;
      y[i] = s;
      dy[i] = s * (1 - s);
    }
    return { x, y, dy };
  },
  (from, to, n) => {
    const h = (to - from) / (n - 1);
    const x = new Float64Array(n);
    const y = new Float64Array(n);
    const dy = new Float64Array(n);
    const d2y = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const v = from + i * h;
      const s = sig(v);
      const d = s * (1 - s);
      x[i] = v;
      y[i] = s;
      dy[i] = d;
      d2y[i] = d * (1 - 2 * s);
    }
    return { x, y, dy, d2y };
  },
];

export const tanhLoops: Loops = [
  (from, to, n) => {
    const h = (to - from) / (n - 1);
    const x = new Float64Array(n);
    const y = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const v = from + i * h;
      x[i] = v;
      y[i] = Math.tanh(v);
    }
    return { x, y };
  },
  (from, to, n) => {
    const h = (to - from) / (n - 1);
    const x = new Float64Array(n);
    const y = new Float64Array(n);
    const dy = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const v = from + i * h;
      const t = Math.tanh(v);
      x[i] = v;
      y[i] = t;
      dy[i] = 1 - t * t;
    }
    return { x, y, dy };
  },
  (from, to, n) => {
    const h = (to - from) / (n - 1);
    const x = new Float64Array(n);
    const y = new Float64Array(n);
    const dy = new Float64Array(n);
    const d2y = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const v = from + i * h;
      const t = Math.tanh(v);
      const d = 1 - t * t;
      x[i] = v;
      y[i] = t;
      dy[i] = d;
      d2y[i] = -2 * t * d;
    }
    return { x, y, dy, d2y };
  },
];

export const geluTanhLoops: Loops = [
  (from, to, n) => {
    const h = (to - from) / (n - 1);
    const x = new Float64Array(n);
    const y = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const v = from + i * h;
      x[i] = v;
      y[i] = 0.5 * v * (1 + Math.tanh(SQRT_2_OVER_PI * (v + GELU_C * v * v * v)));
    }
    return { x, y };
  },
  (from, to, n) => {
    const h = (to - from) / (n - 1);
    const x = new Float64Array(n);
    const y = new Float64Array(n);
    const dy = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const v = from + i * h;
      const v2 = v * v;
      const t = Math.tanh(SQRT_2_OVER_PI * (v + GELU_C * v2 * v));
      const du = SQRT_2_OVER_PI * (1 + 3 * GELU_C * v2);
      x[i] = v;
      y[i] = 0.5 * v * (1 + t);
      dy[i] = 0.5 * (1 + t) + 0.5 * v * (1 - t * t) * du;
    }
    return { x, y, dy };
  },
  (from, to, n) => {
    const h = (to - from) / (n - 1);
    const x = new Float64Array(n);
    const y = new Float64Array(n);
    const dy = new Float64Array(n);
    const d2y = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const v = from + i * h;
      const v2 = v * v;
      const t = Math.tanh(SQRT_2_OVER_PI * (v + GELU_C * v2 * v));
      const s = 1 - t * t;
      const du = SQRT_2_OVER_PI * (1 + 3 * GELU_C * v2);
      const d2u = SQRT_2_OVER_PI * 6 * GELU_C * v;
      x[i] = v;
      y[i] = 0.5 * v * (1 + t);
      dy[i] = 0.5 * (1 + t) + 0.5 * v * s * du;
      d2y[i] = s * du + 0.5 * v * (s * d2u - 2 * t * s * du * du);
    }
    return { x, y, dy, d2y };
  },
];

/** Φ(x) with the same erf/erfc split the core uses (msun erf from src/core/numeric), so both pay the same erf. */
function cdf(v: number): number {
  return v < 0 ? 0.5 * erfc(-v * Math.SQRT1_2) : 0.5 * (1 + erf(v * Math.SQRT1_2));
}

export const geluErfLoops: Loops = [
  (from, to, n) => {
    const h = (to - from) / (n - 1);
    const x = new Float64Array(n);
    const y = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const v = from + i * h;
      x[i] = v;
      y[i] = v * cdf(v);
    }
    return { x, y };
  },
  (from, to, n) => {
    const h = (to - from) / (n - 1);
    const x = new Float64Array(n);
    const y = new Float64Array(n);
    const dy = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const v = from + i * h;
      const c = cdf(v);
      const p = INV_SQRT_2PI * Math.exp(-0.5 * v * v);
      x[i] = v;
      y[i] = v * c;
      dy[i] = c + v * p;
    }
    return { x, y, dy };
  },
  (from, to, n) => {
    const h = (to - from) / (n - 1);
    const x = new Float64Array(n);
    const y = new Float64Array(n);
    const dy = new Float64Array(n);
    const d2y = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const v = from + i * h;
      const c = cdf(v);
      const p = INV_SQRT_2PI * Math.exp(-0.5 * v * v);
      x[i] = v;
      y[i] = v * c;
      dy[i] = c + v * p;
      d2y[i] = p * (2 - v * v);
    }
    return { x, y, dy, d2y };
  },
];

export const siluLoops: Loops = [
  (from, to, n) => {
    const h = (to - from) / (n - 1);
    const x = new Float64Array(n);
    const y = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const v = from + i * h;
      x[i] = v;
      y[i] = v * sig(v);
    }
    return { x, y };
  },
  (from, to, n) => {
    const h = (to - from) / (n - 1);
    const x = new Float64Array(n);
    const y = new Float64Array(n);
    const dy = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const v = from + i * h;
      const s = sig(v);
      x[i] = v;
      y[i] = v * s;
      dy[i] = s * (1 + v * (1 - s));
    }
    return { x, y, dy };
  },
  (from, to, n) => {
    const h = (to - from) / (n - 1);
    const x = new Float64Array(n);
    const y = new Float64Array(n);
    const dy = new Float64Array(n);
    const d2y = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const v = from + i * h;
      const s = sig(v);
      const d = s * (1 - s);
      x[i] = v;
      y[i] = v * s;
      dy[i] = s + v * d;
      d2y[i] = d * (2 + v * (1 - 2 * s));
    }
    return { x, y, dy, d2y };
  },
];

/** PyTorch's softplus (β = 1, threshold = 20): x above the threshold, else the stable max(x,0) + log1p(e^{−|x|}). */
const THRESHOLD = 20;

export const softplusLoops: Loops = [
  (from, to, n) => {
    const h = (to - from) / (n - 1);
    const x = new Float64Array(n);
    const y = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const v = from + i * h;
      x[i] = v;
      y[i] = v > THRESHOLD ? v : Math.max(v, 0) + Math.log1p(Math.exp(-Math.abs(v)));
    }
    return { x, y };
  },
  (from, to, n) => {
    const h = (to - from) / (n - 1);
    const x = new Float64Array(n);
    const y = new Float64Array(n);
    const dy = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const v = from + i * h;
      x[i] = v;
      if (v > THRESHOLD) {
        y[i] = v;
        dy[i] = 1;
      } else {
        const e = Math.exp(-Math.abs(v));
        y[i] = Math.max(v, 0) + Math.log1p(e);
        dy[i] = v >= 0 ? 1 / (1 + e) : e / (1 + e);
      }
    }
    return { x, y, dy };
  },
  (from, to, n) => {
    const h = (to - from) / (n - 1);
    const x = new Float64Array(n);
    const y = new Float64Array(n);
    const dy = new Float64Array(n);
    const d2y = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const v = from + i * h;
      x[i] = v;
      if (v > THRESHOLD) {
        y[i] = v;
        dy[i] = 1;
        d2y[i] = 0;
      } else {
        const e = Math.exp(-Math.abs(v));
        const q = 1 + e;
        y[i] = Math.max(v, 0) + Math.log1p(e);
        dy[i] = v >= 0 ? 1 / q : e / q;
        d2y[i] = e / (q * q);
      }
    }
    return { x, y, dy, d2y };
  },
];

const SLOPE = 0.1;

/** leaky_relu(x, 0.1) with PyTorch's convention f′(0) = slope (the test is x > 0). */
export const leakyReluLoops: Loops = [
  (from, to, n) => {
    const h = (to - from) / (n - 1);
    const x = new Float64Array(n);
    const y = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const v = from + i * h;
      x[i] = v;
      y[i] = v > 0 ? v : SLOPE * v;
    }
    return { x, y };
  },
  (from, to, n) => {
    const h = (to - from) / (n - 1);
    const x = new Float64Array(n);
    const y = new Float64Array(n);
    const dy = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const v = from + i * h;
      x[i] = v;
      if (v > 0) {
        y[i] = v;
        dy[i] = 1;
      } else {
        y[i] = SLOPE * v;
        dy[i] = SLOPE;
      }
    }
    return { x, y, dy };
  },
  (from, to, n) => {
    const h = (to - from) / (n - 1);
    const x = new Float64Array(n);
    const y = new Float64Array(n);
    const dy = new Float64Array(n);
    const d2y = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const v = from + i * h;
      x[i] = v;
      if (v > 0) {
        y[i] = v;
        dy[i] = 1;
      } else {
        y[i] = SLOPE * v;
        dy[i] = SLOPE;
      }
      d2y[i] = 0;
    }
    return { x, y, dy, d2y };
  },
];

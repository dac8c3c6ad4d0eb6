/**
 * Chunk operations of the tape, each with its forward-mode rule for value, f′ and f″ over a chunk of lanes.
 *
 * A register holds value, first and second derivative for every lane of a chunk. One loop per operation and order;
 * operands that do not vary within a call (constants, sliders) are read as scalars from the uniform array `u`.
 * Kinks follow PyTorch autograd: torch.maximum/minimum split the gradient ½/½ at a tie, clamp passes it on the closed
 * interval [min, max], comparisons and sign have zero derivative, `where` selects the branch's derivative.
 */
import type { Order } from '../types';
import type { ActivationChunk } from './fast';
import type { UnaryPrimitive } from './unary';
import type { ElementwiseKernel } from '../types';
import { cpow } from '../eval/ir';

/**
 * Value, f′ and f″ for every lane of a chunk. The arrays are replaced per chunk for x (a view of the caller's points)
 * and for the result (views of the output arrays), so neither is copied; operations read them at each run.
 */
const EMPTY = new Float64Array(0);

export class Reg {
  constructor(
    public v: Float64Array,
    public d1: Float64Array,
    public d2: Float64Array,
  ) {}

  static of(size: number): Reg {
    if (size === 0) return new Reg(EMPTY, EMPTY, EMPTY);
    return new Reg(new Float64Array(size), new Float64Array(size), new Float64Array(size));
  }
}

export interface Op {
  run(n: number, order: Order): void;
}

/** Chain rule for a unary g: (g∘a)′ = g′·a′, (g∘a)″ = g″·a′² + g′·a″, with g′, g″ given per lane in s. */
function chain(n: number, order: Order, a: Reg, s: Reg, o: Reg): void {
  const a1 = a.d1, g1 = s.d1, o1 = o.d1;
  if (order === 1) {
    for (let i = 0; i < n; i++) o1[i] = g1[i] * a1[i];
    return;
  }
  const a2 = a.d2, g2 = s.d2, o2 = o.d2;
  for (let i = 0; i < n; i++) {
    const d = a1[i];
    const h = g1[i];
    o1[i] = h * d;
    o2[i] = g2[i] * d * d + h * a2[i];
  }
}

export class UnaryOp implements Op {
  /** @param onX the operand is x itself (a′ = 1, a″ = 0), so g′ and g″ are the result's derivatives. */
  constructor(
    private readonly prim: UnaryPrimitive,
    private readonly a: Reg,
    private readonly o: Reg,
    private readonly scratch: Reg,
    private readonly onX: boolean,
  ) {}

  run(n: number, order: Order): void {
    const { a, o } = this;
    if (order === 0 || this.onX) {
      this.prim.chunk(a.v, n, order, o.v, o.d1, o.d2);
      return;
    }
    this.prim.chunk(a.v, n, order, o.v, this.scratch.d1, this.scratch.d2);
    chain(n, order, a, this.scratch, o);
  }
}

/**
 * A catalogue activation: the kernel is called per lane with a reused output buffer; p holds its numeric parameters
 * for this call.
 */
export class ActivationOp implements Op {
  private readonly out = new Float64Array(3);

  constructor(
    private readonly kernel: ElementwiseKernel,
    private readonly chunk: ActivationChunk | undefined,
    readonly p: Float64Array,
    private readonly a: Reg,
    private readonly o: Reg,
    private readonly scratch: Reg,
    private readonly onX: boolean,
  ) {}

  run(n: number, order: Order): void {
    if (this.chunk !== undefined) {
      const target = this.onX || order === 0 ? this.o : this.scratch;
      this.chunk(this.a.v, n, order, this.p, this.o.v, target.d1, target.d2);
      if (!this.onX && order > 0) chain(n, order, this.a, this.scratch, this.o);
      return;
    }
    const k = this.kernel, p = this.p, av = this.a.v, ov = this.o.v;
    if (order === 0) {
      for (let i = 0; i < n; i++) ov[i] = k.value(av[i], p);
      return;
    }
    const out = this.out;
    const target = this.onX ? this.o : this.scratch;
    const t1 = target.d1;
    if (order === 1) {
      for (let i = 0; i < n; i++) {
        k.jet(av[i], p, out);
        ov[i] = out[0];
        t1[i] = out[1];
      }
    } else {
      const t2 = target.d2;
      for (let i = 0; i < n; i++) {
        k.jet(av[i], p, out);
        ov[i] = out[0];
        t1[i] = out[1];
        t2[i] = out[2];
      }
    }
    if (!this.onX) chain(n, order, this.a, this.scratch, this.o);
  }
}

export class StopOp implements Op {
  constructor(
    private readonly a: Reg,
    private readonly o: Reg,
  ) {}

  run(n: number, order: Order): void {
    this.o.v.set(this.a.v.subarray(0, n));
    if (order > 0) this.o.d1.fill(0, 0, n);
    if (order > 1) this.o.d2.fill(0, 0, n);
  }
}

// ---------------------------------------------------------------------------------------------------------------------
// Arithmetic. Suffixes: V = varying register, U = uniform scalar u[k].

export class AddVV implements Op {
  constructor(private readonly a: Reg, private readonly b: Reg, private readonly o: Reg) {}
  run(n: number, order: Order): void {
    const { a, b, o } = this;
    const av = a.v, bv = b.v, ov = o.v;
    for (let i = 0; i < n; i++) ov[i] = av[i] + bv[i];
    if (order === 0) return;
    const a1 = a.d1, b1 = b.d1, o1 = o.d1;
    for (let i = 0; i < n; i++) o1[i] = a1[i] + b1[i];
    if (order === 1) return;
    const a2 = a.d2, b2 = b.d2, o2 = o.d2;
    for (let i = 0; i < n; i++) o2[i] = a2[i] + b2[i];
  }
}

/** a + u, or u − a when negate (the constant on the left of a subtraction). */
export class AddVU implements Op {
  constructor(
    private readonly a: Reg,
    private readonly u: Float64Array,
    private readonly k: number,
    private readonly o: Reg,
    private readonly negate: boolean,
  ) {}
  run(n: number, order: Order): void {
    const { a, o } = this;
    const c = this.u[this.k], av = a.v, ov = o.v;
    if (this.negate) {
      for (let i = 0; i < n; i++) ov[i] = c - av[i];
      if (order > 0) for (let i = 0, a1 = a.d1, o1 = o.d1; i < n; i++) o1[i] = -a1[i];
      if (order > 1) for (let i = 0, a2 = a.d2, o2 = o.d2; i < n; i++) o2[i] = -a2[i];
      return;
    }
    for (let i = 0; i < n; i++) ov[i] = av[i] + c;
    if (order > 0) o.d1.set(a.d1.subarray(0, n));
    if (order > 1) o.d2.set(a.d2.subarray(0, n));
  }
}

export class SubVV implements Op {
  constructor(private readonly a: Reg, private readonly b: Reg, private readonly o: Reg) {}
  run(n: number, order: Order): void {
    const { a, b, o } = this;
    const av = a.v, bv = b.v, ov = o.v;
    for (let i = 0; i < n; i++) ov[i] = av[i] - bv[i];
    if (order === 0) return;
    const a1 = a.d1, b1 = b.d1, o1 = o.d1;
    for (let i = 0; i < n; i++) o1[i] = a1[i] - b1[i];
    if (order === 1) return;
    const a2 = a.d2, b2 = b.d2, o2 = o.d2;
    for (let i = 0; i < n; i++) o2[i] = a2[i] - b2[i];
  }
}

/** a − u (kept as a subtraction: adding −u could round differently only for −0, but say what is meant). */
export class SubVU implements Op {
  constructor(private readonly a: Reg, private readonly u: Float64Array, private readonly k: number, private readonly o: Reg) {}
  run(n: number, order: Order): void {
    const c = this.u[this.k], av = this.a.v, ov = this.o.v;
    for (let i = 0; i < n; i++) ov[i] = av[i] - c;
    if (order > 0) this.o.d1.set(this.a.d1.subarray(0, n));
    if (order > 1) this.o.d2.set(this.a.d2.subarray(0, n));
  }
}

export class MulVV implements Op {
  constructor(private readonly a: Reg, private readonly b: Reg, private readonly o: Reg) {}
  run(n: number, order: Order): void {
    const { a, b, o } = this;
    const av = a.v, bv = b.v, ov = o.v;
    if (order === 0) {
      for (let i = 0; i < n; i++) ov[i] = av[i] * bv[i];
      return;
    }
    const a1 = a.d1, b1 = b.d1, o1 = o.d1;
    if (order === 1) {
      for (let i = 0; i < n; i++) {
        const x = av[i], y = bv[i];
        ov[i] = x * y;
        o1[i] = a1[i] * y + x * b1[i];
      }
      return;
    }
    const a2 = a.d2, b2 = b.d2, o2 = o.d2;
    for (let i = 0; i < n; i++) {
      const x = av[i], y = bv[i], x1 = a1[i], y1 = b1[i];
      ov[i] = x * y;
      o1[i] = x1 * y + x * y1;
      o2[i] = a2[i] * y + 2 * x1 * y1 + x * b2[i];
    }
  }
}

export class MulVU implements Op {
  constructor(private readonly a: Reg, private readonly u: Float64Array, private readonly k: number, private readonly o: Reg) {}
  run(n: number, order: Order): void {
    const { a, o } = this;
    const c = this.u[this.k], av = a.v, ov = o.v;
    for (let i = 0; i < n; i++) ov[i] = c * av[i];
    if (order > 0) for (let i = 0, a1 = a.d1, o1 = o.d1; i < n; i++) o1[i] = c * a1[i];
    if (order > 1) for (let i = 0, a2 = a.d2, o2 = o.d2; i < n; i++) o2[i] = c * a2[i];
  }
}

/** q = a/b: q′ = (a′ − q·b′)/b, q″ = (a″ − 2q′b′ − q·b″)/b. */
export class DivVV implements Op {
  constructor(private readonly a: Reg, private readonly b: Reg, private readonly o: Reg) {}
  run(n: number, order: Order): void {
    const { a, b, o } = this;
    const av = a.v, bv = b.v, ov = o.v;
    if (order === 0) {
      for (let i = 0; i < n; i++) ov[i] = av[i] / bv[i];
      return;
    }
    const a1 = a.d1, b1 = b.d1, o1 = o.d1, a2 = a.d2, b2 = b.d2, o2 = o.d2;
    for (let i = 0; i < n; i++) {
      const y = bv[i];
      const q = av[i] / y;
      const q1 = (a1[i] - q * b1[i]) / y;
      ov[i] = q;
      o1[i] = q1;
      if (order === 2) o2[i] = (a2[i] - 2 * q1 * b1[i] - q * b2[i]) / y;
    }
  }
}

export class DivVU implements Op {
  constructor(private readonly a: Reg, private readonly u: Float64Array, private readonly k: number, private readonly o: Reg) {}
  run(n: number, order: Order): void {
    const { a, o } = this;
    const c = this.u[this.k], av = a.v, ov = o.v;
    for (let i = 0; i < n; i++) ov[i] = av[i] / c;
    if (order > 0) for (let i = 0, a1 = a.d1, o1 = o.d1; i < n; i++) o1[i] = a1[i] / c;
    if (order > 1) for (let i = 0, a2 = a.d2, o2 = o.d2; i < n; i++) o2[i] = a2[i] / c;
  }
}

/** q = c/b: q′ = −q·b′/b, q″ = (−2q′b′ − q·b″)/b. */
export class DivUV implements Op {
  constructor(private readonly u: Float64Array, private readonly k: number, private readonly b: Reg, private readonly o: Reg) {}
  run(n: number, order: Order): void {
    const { b, o } = this;
    const c = this.u[this.k], bv = b.v, ov = o.v;
    if (order === 0) {
      for (let i = 0; i < n; i++) ov[i] = c / bv[i];
      return;
    }
    const b1 = b.d1, o1 = o.d1, b2 = b.d2, o2 = o.d2;
    for (let i = 0; i < n; i++) {
      const y = bv[i];
      const q = c / y;
      const q1 = (-q * b1[i]) / y;
      ov[i] = q;
      o1[i] = q1;
      if (order === 2) o2[i] = (-2 * q1 * b1[i] - q * b2[i]) / y;
    }
  }
}

/**
 * aᶜ for a uniform exponent c. PyTorch's pow backward: c·aᶜ⁻¹, and exactly 0 when c = 0; its double backward likewise
 * gives c(c−1)·aᶜ⁻² with 0 when c − 1 = 0 (so x**1 has f″ = 0 even at x = 0).
 */
export class PowVU implements Op {
  constructor(private readonly a: Reg, private readonly u: Float64Array, private readonly k: number, private readonly o: Reg) {}
  run(n: number, order: Order): void {
    const { a, o } = this;
    const c = this.u[this.k], av = a.v, ov = o.v;
    if (c === 2) {
      for (let i = 0; i < n; i++) ov[i] = av[i] * av[i];
    } else {
      for (let i = 0; i < n; i++) ov[i] = cpow(av[i], c);
    }
    if (order === 0) return;
    const a1 = a.d1, o1 = o.d1, a2 = a.d2, o2 = o.d2;
    for (let i = 0; i < n; i++) {
      const x = av[i];
      const g1 = c === 0 ? 0 : c === 2 ? 2 * x : c * cpow(x, c - 1);
      const d = a1[i];
      o1[i] = g1 * d;
      if (order === 2) {
        const g2 = c === 0 || c === 1 ? 0 : c === 2 ? 2 : c * (c - 1) * cpow(x, c - 2);
        o2[i] = g2 * d * d + g1 * a2[i];
      }
    }
  }
}

/** cᵇ for a uniform base: ln c·cᵇ, with PyTorch's 0 where c = 0 and b ≥ 0. */
export class PowUV implements Op {
  constructor(private readonly u: Float64Array, private readonly k: number, private readonly b: Reg, private readonly o: Reg) {}
  run(n: number, order: Order): void {
    const { b, o } = this;
    const c = this.u[this.k], bv = b.v, ov = o.v;
    for (let i = 0; i < n; i++) ov[i] = cpow(c, bv[i]);
    if (order === 0) return;
    const lnc = Math.log(c);
    const b1 = b.d1, o1 = o.d1, b2 = b.d2, o2 = o.d2;
    for (let i = 0; i < n; i++) {
      const masked = c === 0 && bv[i] >= 0;
      const g1 = masked ? 0 : ov[i] * lnc;
      const d = b1[i];
      o1[i] = g1 * d;
      if (order === 2) o2[i] = (masked ? 0 : g1 * lnc) * d * d + g1 * b2[i];
    }
  }
}

/**
 * aᵇ with both varying: f′ = b·aᵇ⁻¹·a′ + aᵇ·ln a·b′ (PyTorch masks the second term to 0 where a = 0 and b ≥ 0);
 * f″ from f = exp(b·ln a) where a > 0, else from the power rule in a alone.
 */
export class PowVV implements Op {
  constructor(private readonly a: Reg, private readonly b: Reg, private readonly o: Reg) {}
  run(n: number, order: Order): void {
    const { a, b, o } = this;
    const av = a.v, bv = b.v, ov = o.v;
    for (let i = 0; i < n; i++) ov[i] = cpow(av[i], bv[i]);
    if (order === 0) return;
    const a1 = a.d1, b1 = b.d1, o1 = o.d1, a2 = a.d2, b2 = b.d2, o2 = o.d2;
    for (let i = 0; i < n; i++) {
      const x = av[i], y = bv[i], f = ov[i];
      const x1 = a1[i], y1 = b1[i];
      const dA = y === 0 ? 0 : y * cpow(x, y - 1);
      const lnx = Math.log(x);
      const dB = x === 0 && y >= 0 ? 0 : f * lnx;
      o1[i] = dA * x1 + dB * y1;
      if (order !== 2) continue;
      if (x > 0) {
        // f = e^g, g = y·ln x: f″ = f·(g′² + g″)
        const L1 = x1 / x;
        const L2 = (a2[i] * x - x1 * x1) / (x * x);
        const g1 = y1 * lnx + y * L1;
        const g2 = b2[i] * lnx + 2 * y1 * L1 + y * L2;
        o2[i] = f * (g1 * g1 + g2);
      } else {
        const dAA = y === 0 || y === 1 ? 0 : y * (y - 1) * cpow(x, y - 2);
        o2[i] = dAA * x1 * x1 + dA * a2[i] + dB * b2[i];
      }
    }
  }
}

// ---------------------------------------------------------------------------------------------------------------------
// Piecewise operations. Uniform operands arrive as broadcast registers (value filled per call, derivatives zero).

/** torch.maximum / torch.minimum: the larger (smaller) operand's derivative, the mean of both at a tie. */
export class MaxMinVV implements Op {
  constructor(private readonly isMax: boolean, private readonly a: Reg, private readonly b: Reg, private readonly o: Reg) {}
  run(n: number, order: Order): void {
    const { a, b, o } = this;
    const av = a.v, bv = b.v, ov = o.v;
    const sign = this.isMax ? 1 : -1;
    for (let i = 0; i < n; i++) ov[i] = this.isMax ? Math.max(av[i], bv[i]) : Math.min(av[i], bv[i]);
    if (order === 0) return;
    const a1 = a.d1, b1 = b.d1, o1 = o.d1, a2 = a.d2, b2 = b.d2, o2 = o.d2;
    for (let i = 0; i < n; i++) {
      const diff = sign * (av[i] - bv[i]);
      if (diff > 0) {
        o1[i] = a1[i];
        if (order === 2) o2[i] = a2[i];
      } else if (diff < 0) {
        o1[i] = b1[i];
        if (order === 2) o2[i] = b2[i];
      } else {
        o1[i] = 0.5 * (a1[i] + b1[i]);
        if (order === 2) o2[i] = 0.5 * (a2[i] + b2[i]);
      }
    }
  }
}

export type CompareName = 'lt' | 'le' | 'gt' | 'ge' | 'eq' | 'ne';

/** Comparisons give 0 or 1 with zero derivative. */
export class CompareVV implements Op {
  constructor(private readonly op: CompareName, private readonly a: Reg, private readonly b: Reg, private readonly o: Reg) {}
  run(n: number, order: Order): void {
    const av = this.a.v, bv = this.b.v, ov = this.o.v;
    switch (this.op) {
      case 'lt':
        for (let i = 0; i < n; i++) ov[i] = av[i] < bv[i] ? 1 : 0;
        break;
      case 'le':
        for (let i = 0; i < n; i++) ov[i] = av[i] <= bv[i] ? 1 : 0;
        break;
      case 'gt':
        for (let i = 0; i < n; i++) ov[i] = av[i] > bv[i] ? 1 : 0;
        break;
      case 'ge':
        for (let i = 0; i < n; i++) ov[i] = av[i] >= bv[i] ? 1 : 0;
        break;
      case 'eq':
        for (let i = 0; i < n; i++) ov[i] = av[i] === bv[i] ? 1 : 0;
        break;
      case 'ne':
        for (let i = 0; i < n; i++) ov[i] = av[i] !== bv[i] ? 1 : 0;
        break;
    }
    if (order > 0) this.o.d1.fill(0, 0, n);
    if (order > 1) this.o.d2.fill(0, 0, n);
  }
}

/** where(c, a, b): the chosen branch's value and derivatives; any nonzero c (NaN included) is true, as in Python. */
export class WhereOp implements Op {
  constructor(private readonly c: Reg, private readonly a: Reg, private readonly b: Reg, private readonly o: Reg) {}
  run(n: number, order: Order): void {
    const cv = this.c.v, a = this.a, b = this.b, o = this.o;
    for (let i = 0; i < n; i++) o.v[i] = cv[i] !== 0 ? a.v[i] : b.v[i];
    if (order > 0) for (let i = 0; i < n; i++) o.d1[i] = cv[i] !== 0 ? a.d1[i] : b.d1[i];
    if (order > 1) for (let i = 0; i < n; i++) o.d2[i] = cv[i] !== 0 ? a.d2[i] : b.d2[i];
  }
}

/**
 * torch.clamp(a, lo, hi) = min(max(a, lo), hi). Gradient masks as PyTorch's clamp_backward_min_max: a gets it where
 * lo ≤ a ≤ hi (bounds included), lo where a < lo and lo < hi, hi where a > hi or hi < lo.
 */
export class ClampOp implements Op {
  constructor(private readonly a: Reg, private readonly lo: Reg, private readonly hi: Reg, private readonly o: Reg) {}
  run(n: number, order: Order): void {
    const { a, lo, hi, o } = this;
    const av = a.v, lv = lo.v, hv = hi.v, ov = o.v;
    for (let i = 0; i < n; i++) ov[i] = Math.min(Math.max(av[i], lv[i]), hv[i]);
    if (order === 0) return;
    for (let i = 0; i < n; i++) {
      const x = av[i], l = lv[i], h = hv[i];
      const pick = x >= l && x <= h ? a : x < l && l < h ? lo : x > h || h < l ? hi : undefined;
      o.d1[i] = pick === undefined ? 0 : pick.d1[i];
      if (order === 2) o.d2[i] = pick === undefined ? 0 : pick.d2[i];
    }
  }
}

export class SumOp implements Op {
  constructor(private readonly args: readonly Reg[], private readonly o: Reg) {}
  run(n: number, order: Order): void {
    const o = this.o;
    o.v.fill(0, 0, n);
    if (order > 0) o.d1.fill(0, 0, n);
    if (order > 1) o.d2.fill(0, 0, n);
    for (const a of this.args) {
      const av = a.v, ov = o.v;
      for (let i = 0; i < n; i++) ov[i] += av[i];
      if (order > 0) for (let i = 0, a1 = a.d1, o1 = o.d1; i < n; i++) o1[i] += a1[i];
      if (order > 1) for (let i = 0, a2 = a.d2, o2 = o.d2; i < n; i++) o2[i] += a2[i];
    }
  }
}

/** max/min over a vector, as torch.max(t)/torch.min(t): the gradient is shared evenly among tied elements. */
export class ReduceExtremumOp implements Op {
  constructor(private readonly isMax: boolean, private readonly args: readonly Reg[], private readonly o: Reg) {}
  run(n: number, order: Order): void {
    const { args, o } = this;
    const ov = o.v;
    ov.fill(this.isMax ? -Infinity : Infinity, 0, n);
    for (const a of args) {
      const av = a.v;
      if (this.isMax) for (let i = 0; i < n; i++) ov[i] = Math.max(ov[i], av[i]);
      else for (let i = 0; i < n; i++) ov[i] = Math.min(ov[i], av[i]);
    }
    if (order === 0) return;
    for (let i = 0; i < n; i++) {
      const m = ov[i];
      let count = 0, s1 = 0, s2 = 0;
      for (const a of args) {
        if (a.v[i] === m) {
          count++;
          s1 += a.d1[i];
          if (order === 2) s2 += a.d2[i];
        }
      }
      o.d1[i] = count === 0 ? NaN : s1 / count;
      if (order === 2) o.d2[i] = count === 0 ? NaN : s2 / count;
    }
  }
}

/**
 * Sparsemax threshold τ(v). Piecewise linear: on the support S = {i : vᵢ > τ}, τ = (Σ_S vᵢ − 1)/|S|, so τ′ and τ″ are
 * the means of the support's first and second derivatives.
 */
export class SparsemaxTauOp implements Op {
  private readonly values: Float64Array;
  private readonly scratch: Float64Array;

  constructor(
    private readonly args: readonly Reg[],
    private readonly o: Reg,
    private readonly tau: (values: Float64Array, scratch: Float64Array) => number,
  ) {
    this.values = new Float64Array(args.length);
    this.scratch = new Float64Array(args.length);
  }

  run(n: number, order: Order): void {
    const { args, o, values } = this;
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < args.length; j++) values[j] = args[j].v[i];
      const t = this.tau(values, this.scratch);
      o.v[i] = t;
      if (order === 0) continue;
      let count = 0, s1 = 0, s2 = 0;
      for (let j = 0; j < args.length; j++) {
        if (values[j] > t) {
          count++;
          s1 += args[j].d1[i];
          if (order === 2) s2 += args[j].d2[i];
        }
      }
      o.d1[i] = count === 0 ? NaN : s1 / count;
      if (order === 2) o.d2[i] = count === 0 ? NaN : s2 / count;
    }
  }
}

/**
 * The resolved expression as a DAG of scalar nodes. Vectors are unrolled at compile time (lengths are static), equal
 * subterms are shared (hash-consing), constant subterms are folded. A node is "varying" when it depends on the variable
 * leaf (x, or the seeded inputs of a Jacobian program); everything else is "uniform" and is computed once per call.
 */
import type { ActivationChunk } from '../ad/fast';
import type { UnaryName } from '../ad/unary';
import { UNARY } from '../ad/unary';
import type { ElementwiseKernel } from '../types';

export type BinaryName = 'add' | 'sub' | 'mul' | 'div' | 'pow' | 'max' | 'min' | 'lt' | 'le' | 'gt' | 'ge' | 'eq' | 'ne';
export type ReduceName = 'sum' | 'max' | 'min' | 'sparsemax_tau';

/** A catalogue kernel with a stable identity, so equal calls share a node. */
export interface KernelRef {
  readonly id: number;
  readonly name: string;
  readonly kernel: ElementwiseKernel;
  /** A loop equal to the kernel, for the hottest entries (ad/fast.ts). */
  readonly chunk?: ActivationChunk;
}

export type IRNode =
  | { readonly kind: 'const'; readonly value: number }
  | { readonly kind: 'param'; readonly slot: number }
  | { readonly kind: 'x' }
  /** Jacobian programs: input element `index`, whose value is node `source` of the main program. */
  | { readonly kind: 'seed'; readonly index: number; readonly source: number }
  | { readonly kind: 'unary'; readonly op: UnaryName; readonly a: number }
  | { readonly kind: 'stop'; readonly a: number }
  | { readonly kind: 'binary'; readonly op: BinaryName; readonly a: number; readonly b: number }
  | { readonly kind: 'where'; readonly c: number; readonly a: number; readonly b: number }
  | { readonly kind: 'clamp'; readonly a: number; readonly lo: number; readonly hi: number }
  | { readonly kind: 'reduce'; readonly op: ReduceName; readonly args: readonly number[] }
  | { readonly kind: 'act'; readonly kernel: KernelRef; readonly a: number; readonly params: readonly number[] };

export function operands(node: IRNode): readonly number[] {
  switch (node.kind) {
    case 'unary':
    case 'stop':
      return [node.a];
    case 'binary':
      return [node.a, node.b];
    case 'where':
      return [node.c, node.a, node.b];
    case 'clamp':
      return [node.a, node.lo, node.hi];
    case 'reduce':
      return node.args;
    case 'act':
      return [node.a, ...node.params];
    default:
      return [];
  }
}

/** C's pow, which JavaScript's differs from at 1^y and (−1)^±∞ (both 1 in C, Python and PyTorch). */
export function cpow(a: number, b: number): number {
  if (a === 1) return 1;
  if (a === -1 && (b === Infinity || b === -Infinity)) return 1;
  return Math.pow(a, b);
}

export function binaryValue(op: BinaryName, a: number, b: number): number {
  switch (op) {
    case 'add':
      return a + b;
    case 'sub':
      return a - b;
    case 'mul':
      return a * b;
    case 'div':
      return a / b;
    case 'pow':
      return cpow(a, b);
    case 'max':
      return Math.max(a, b);
    case 'min':
      return Math.min(a, b);
    case 'lt':
      return a < b ? 1 : 0;
    case 'le':
      return a <= b ? 1 : 0;
    case 'gt':
      return a > b ? 1 : 0;
    case 'ge':
      return a >= b ? 1 : 0;
    case 'eq':
      return a === b ? 1 : 0;
    case 'ne':
      return a !== b ? 1 : 0;
  }
}

/** Threshold τ of sparsemax: the outputs max(vᵢ − τ, 0) sum to 1 (Martins & Astudillo 2016, Algorithm 1). */
export function sparsemaxTau(values: ArrayLike<number>, scratch: Float64Array): number {
  const n = values.length;
  for (let i = 0; i < n; i++) {
    if (values[i] !== values[i]) return NaN;
    scratch[i] = values[i];
  }
  const z = scratch.subarray(0, n).sort().reverse();
  let cumulative = 0;
  let bestSum = 0;
  let k = 0;
  for (let j = 0; j < n; j++) {
    cumulative += z[j];
    if (1 + (j + 1) * z[j] > cumulative) {
      k = j + 1;
      bestSum = cumulative;
    }
  }
  return (bestSum - 1) / k;
}

export function reduceValue(op: ReduceName, values: ArrayLike<number>, scratch: Float64Array): number {
  const n = values.length;
  switch (op) {
    case 'sum': {
      let s = 0;
      for (let i = 0; i < n; i++) s += values[i];
      return s;
    }
    case 'max': {
      let m = -Infinity;
      for (let i = 0; i < n; i++) m = Math.max(m, values[i]);
      return m;
    }
    case 'min': {
      let m = Infinity;
      for (let i = 0; i < n; i++) m = Math.min(m, values[i]);
      return m;
    }
    case 'sparsemax_tau':
      return sparsemaxTau(values, scratch);
  }
}

/** Truthiness of a `where` condition, as Python's: any nonzero number, NaN included. */
export const truthy = (c: number): boolean => c !== 0;

export class Graph {
  readonly nodes: IRNode[] = [];
  readonly varying: boolean[] = [];
  private readonly keys = new Map<string, number>();
  private scratch = new Float64Array(0);

  constant(value: number): number {
    const key = Object.is(value, -0) ? 'c:-0' : `c:${value}`;
    return this.intern(key, { kind: 'const', value }, false);
  }

  param(slot: number): number {
    return this.intern(`p:${slot}`, { kind: 'param', slot }, false);
  }

  x(): number {
    return this.intern('x', { kind: 'x' }, true);
  }

  seed(index: number, source: number): number {
    return this.intern(`s:${index}`, { kind: 'seed', index, source }, true);
  }

  isConst(id: number): boolean {
    return this.nodes[id].kind === 'const';
  }

  constValue(id: number): number {
    const node = this.nodes[id];
    return node.kind === 'const' ? node.value : NaN;
  }

  unary(op: UnaryName, a: number): number {
    if (this.isConst(a)) return this.constant(UNARY.get(op)!.value(this.constValue(a)));
    return this.intern(`u:${op}:${a}`, { kind: 'unary', op, a }, this.varying[a]);
  }

  /** Value of `a` with zero derivative (the max shift inside softmax and logsumexp). */
  stop(a: number): number {
    if (!this.varying[a]) return a;
    return this.intern(`stop:${a}`, { kind: 'stop', a }, true);
  }

  binary(op: BinaryName, a: number, b: number): number {
    if (this.isConst(a) && this.isConst(b)) return this.constant(binaryValue(op, this.constValue(a), this.constValue(b)));
    return this.intern(`b:${op}:${a}:${b}`, { kind: 'binary', op, a, b }, this.varying[a] || this.varying[b]);
  }

  where(c: number, a: number, b: number): number {
    if (this.isConst(c) && this.isConst(a) && this.isConst(b)) {
      return this.constant(truthy(this.constValue(c)) ? this.constValue(a) : this.constValue(b));
    }
    const varying = this.varying[c] || this.varying[a] || this.varying[b];
    return this.intern(`w:${c}:${a}:${b}`, { kind: 'where', c, a, b }, varying);
  }

  clamp(a: number, lo: number, hi: number): number {
    if (this.isConst(a) && this.isConst(lo) && this.isConst(hi)) {
      return this.constant(Math.min(Math.max(this.constValue(a), this.constValue(lo)), this.constValue(hi)));
    }
    const varying = this.varying[a] || this.varying[lo] || this.varying[hi];
    return this.intern(`cl:${a}:${lo}:${hi}`, { kind: 'clamp', a, lo, hi }, varying);
  }

  reduce(op: ReduceName, args: readonly number[]): number {
    if (args.every((a) => this.isConst(a))) {
      if (this.scratch.length < args.length) this.scratch = new Float64Array(args.length);
      return this.constant(reduceValue(op, args.map((a) => this.constValue(a)), this.scratch));
    }
    if (args.length === 1 && op !== 'sparsemax_tau') return args[0];
    const varying = args.some((a) => this.varying[a]);
    return this.intern(`r:${op}:${args.join(',')}`, { kind: 'reduce', op, args }, varying);
  }

  act(kernel: KernelRef, a: number, params: readonly number[]): number {
    if (this.isConst(a) && params.every((p) => this.isConst(p))) {
      const p = Float64Array.from(params, (id) => this.constValue(id));
      return this.constant(kernel.kernel.value(this.constValue(a), p));
    }
    const varying = this.varying[a] || params.some((p) => this.varying[p]);
    return this.intern(`a:${kernel.id}:${a}:${params.join(',')}`, { kind: 'act', kernel, a, params }, varying);
  }

  private intern(key: string, node: IRNode, varying: boolean): number {
    const existing = this.keys.get(key);
    if (existing !== undefined) return existing;
    const id = this.nodes.length;
    this.nodes.push(node);
    this.varying.push(varying);
    this.keys.set(key, id);
    return id;
  }
}

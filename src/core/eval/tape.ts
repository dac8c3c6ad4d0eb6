/**
 * The chunked array-at-a-time evaluator (performance.md: "tape-dual"). A program is built once per compiled expression:
 * x-free nodes become one scalar pass per call, varying nodes become a list of chunk operations over registers that are
 * recycled once their last reader has run. No eval, no new Function: safe under a webview CSP.
 */
import type { Op } from '../ad/ops';
import {
  ActivationOp, AddVU, AddVV, ClampOp, CompareVV, DivUV, DivVU, DivVV, MaxMinVV, MulVU, MulVV, PowUV, PowVU, PowVV,
  ReduceExtremumOp, Reg, SparsemaxTauOp, StopOp, SubVU, SubVV, SumOp, UnaryOp, WhereOp,
} from '../ad/ops';
import type { CompareName } from '../ad/ops';
import { UNARY } from '../ad/unary';
import type { Order } from '../types';
import type { Graph, IRNode } from './ir';
import { binaryValue, operands, reduceValue, sparsemaxTau, truthy } from './ir';

/** Lanes per chunk: large enough to amortise per-op dispatch, small enough to keep registers in cache. */
export const CHUNK = 512;
const EMPTY = new Float64Array(0);

/** Shared register memory for value, f′ and f″ lanes; it only grows. */
const arenas: Float64Array[] = [EMPTY, EMPTY, EMPTY];

function arena(kind: number, length: number): Float64Array {
  if (arenas[kind].length < length) arenas[kind] = new Float64Array(Math.max(length, 2 * arenas[kind].length));
  return arenas[kind];
}
/** Register memory a program may use; very wide expressions get shorter chunks instead of more memory. */
const REGISTER_BUDGET_BYTES = 16 * 1024 * 1024;

interface ActBinding {
  readonly p: Float64Array;
  readonly params: readonly number[];
}

export class Program {
  /** Value of every node that does not vary within a call, indexed by node id. */
  readonly u: Float64Array;
  readonly chunk: number;
  private readonly uniformIds: number[] = [];
  private readonly ops: Op[] = [];
  private readonly acts: ActBinding[] = [];
  private readonly broadcasts: { readonly reg: Reg; readonly id: number }[] = [];
  private readonly seeds: { readonly reg: Reg; readonly index: number; readonly source: number }[] = [];
  private xReg: Reg | undefined;
  /** Register of each root, or undefined when that root is uniform (read it from u). */
  readonly rootRegs: (Reg | undefined)[];
  private scratchValues = EMPTY;
  /** Every register, allocated lazily at the size the calls need (a 200-point hover does not pay for 512 lanes). */
  private readonly registers: Reg[];
  private readonly carved: (Float64Array | undefined)[] = [undefined, undefined, undefined];
  private readonly carvedSize = [0, 0, 0];

  constructor(
    private readonly graph: Graph,
    readonly roots: readonly number[],
  ) {
    const { nodes, varying } = graph;
    this.u = new Float64Array(nodes.length);
    const count = nodes.length;
    for (let id = 0; id < count; id++) if (!varying[id]) this.uniformIds.push(id);
    const args = nodes.map(operands);

    // Only varying nodes the roots depend on become operations (hash-consing leaves unused siblings behind, e.g. the
    // other outputs of softmax(…)[0]).
    const needed = new Uint8Array(count);
    for (const r of roots) needed[r] = 1;
    for (let id = count - 1; id >= 0; id--) {
      if (needed[id] === 1 && varying[id]) for (const j of args[id]) needed[j] = 1;
    }
    const live = (id: number): boolean => varying[id] && needed[id] === 1;

    // Liveness: the last varying reader of each varying node; roots live to the end.
    const lastUse = new Int32Array(count).fill(-1);
    for (let id = 0; id < count; id++) {
      if (!live(id)) continue;
      for (const j of args[id]) if (varying[j]) lastUse[j] = id;
    }
    for (const r of roots) lastUse[r] = count;

    // Pass 1: assign register numbers (pinned leaves and broadcasts never return to the free list).
    const regOf = new Int32Array(count).fill(-1);
    const broadcastOf = new Map<number, number>();
    const free: number[] = [];
    let registers = 0;
    const needsBroadcast = (node: IRNode, id: number): readonly number[] => {
      switch (node.kind) {
        case 'binary':
          return node.op === 'add' || node.op === 'sub' || node.op === 'mul' || node.op === 'div' || node.op === 'pow'
            ? [] : [node.a, node.b];
        case 'where':
        case 'clamp':
        case 'reduce':
          return args[id];
        default:
          return [];
      }
    };
    for (let id = 0; id < count; id++) {
      if (!live(id)) continue;
      const node = nodes[id];
      for (const j of needsBroadcast(node, id)) {
        if (!varying[j] && !broadcastOf.has(j)) broadcastOf.set(j, registers++);
      }
      if (node.kind === 'x' || node.kind === 'seed') {
        regOf[id] = registers++;
        continue;
      }
      regOf[id] = free.length > 0 ? free.pop()! : registers++;
      const own = args[id];
      own.forEach((j, k) => {
        const leaf = nodes[j].kind === 'x' || nodes[j].kind === 'seed';
        // an operand used twice (x*x) is freed once
        if (varying[j] && lastUse[j] === id && !leaf && own.indexOf(j) === k) free.push(regOf[j]);
      });
    }
    this.chunk = Math.max(8, Math.min(CHUNK, Math.floor(REGISTER_BUDGET_BYTES / (24 * Math.max(1, registers + 1)))));

    // Pass 2: registers and operations.
    const regs: Reg[] = [];
    for (let r = 0; r < registers; r++) regs.push(Reg.of(0));
    const scratch = Reg.of(0);
    this.registers = [...regs, scratch];
    const reg = (id: number): Reg => (varying[id] ? regs[regOf[id]] : regs[broadcastOf.get(id)!]);
    for (const [id, r] of broadcastOf) this.broadcasts.push({ reg: regs[r], id });
    for (let id = 0; id < count; id++) {
      if (!live(id)) continue;
      const node = nodes[id];
      const o = regs[regOf[id]];
      switch (node.kind) {
        case 'x':
          this.xReg = o;
          break;
        case 'seed':
          this.seeds.push({ reg: o, index: node.index, source: node.source });
          break;
        case 'unary':
          this.ops.push(new UnaryOp(UNARY.get(node.op)!, reg(node.a), o, scratch, nodes[node.a].kind === 'x'));
          break;
        case 'stop':
          this.ops.push(new StopOp(reg(node.a), o));
          break;
        case 'act': {
          const p = new Float64Array(node.params.length);
          this.acts.push({ p, params: node.params });
          this.ops.push(new ActivationOp(node.kernel.kernel, node.kernel.chunk, p, reg(node.a), o, scratch, nodes[node.a].kind === 'x'));
          break;
        }
        case 'binary':
          this.ops.push(this.binaryOp(node, o, reg));
          break;
        case 'where':
          this.ops.push(new WhereOp(reg(node.c), reg(node.a), reg(node.b), o));
          break;
        case 'clamp':
          this.ops.push(new ClampOp(reg(node.a), reg(node.lo), reg(node.hi), o));
          break;
        case 'reduce': {
          const args = node.args.map(reg);
          if (node.op === 'sum') this.ops.push(new SumOp(args, o));
          else if (node.op === 'sparsemax_tau') this.ops.push(new SparsemaxTauOp(args, o, sparsemaxTau));
          else this.ops.push(new ReduceExtremumOp(node.op === 'max', args, o));
          break;
        }
        default:
          break;
      }
    }
    this.rootRegs = roots.map((r) => (varying[r] ? regs[regOf[r]] : undefined));
  }

  private binaryOp(node: Extract<IRNode, { kind: 'binary' }>, o: Reg, reg: (id: number) => Reg): Op {
    const { varying } = this.graph;
    const { a, b, op } = node;
    const u = this.u;
    const va = varying[a], vb = varying[b];
    switch (op) {
      case 'add':
        if (va && vb) return new AddVV(reg(a), reg(b), o);
        return va ? new AddVU(reg(a), u, b, o, false) : new AddVU(reg(b), u, a, o, false);
      case 'sub':
        if (va && vb) return new SubVV(reg(a), reg(b), o);
        return va ? new SubVU(reg(a), u, b, o) : new AddVU(reg(b), u, a, o, true);
      case 'mul':
        if (va && vb) return new MulVV(reg(a), reg(b), o);
        return va ? new MulVU(reg(a), u, b, o) : new MulVU(reg(b), u, a, o);
      case 'div':
        if (va && vb) return new DivVV(reg(a), reg(b), o);
        return va ? new DivVU(reg(a), u, b, o) : new DivUV(u, a, reg(b), o);
      case 'pow':
        if (va && vb) return new PowVV(reg(a), reg(b), o);
        return va ? new PowVU(reg(a), u, b, o) : new PowUV(u, a, reg(b), o);
      case 'max':
      case 'min':
        return new MaxMinVV(op === 'max', reg(a), reg(b), o);
      default:
        return new CompareVV(op as CompareName, reg(a), reg(b), o);
    }
  }

  /**
   * Points the registers at `lanes` (≤ chunk) lanes of the shared arena, derivative arrays only up to `order`. Register
   * contents never outlive a call (prepare() and the run refill everything they read), so all programs share one
   * arena: a hover allocates no register memory at all once the arena has grown.
   */
  reserve(lanes: number, order: Order): void {
    const size = Math.min(this.chunk, Math.max(lanes, 1));
    const regs = this.registers;
    for (let k = 0; k <= order; k++) {
      const store = arena(k, size * regs.length);
      if (this.carved[k] === store && this.carvedSize[k] >= size) continue;
      this.carved[k] = store;
      this.carvedSize[k] = size;
      for (let r = 0; r < regs.length; r++) {
        const view = store.subarray(r * size, (r + 1) * size);
        if (k === 0) regs[r].v = view;
        else if (k === 1) regs[r].d1 = view;
        else regs[r].d2 = view;
      }
    }
  }

  /** Computes every uniform node for these slider values (and seed values, for Jacobian programs). */
  prepare(pvals: ArrayLike<number>): void {
    const { nodes } = this.graph;
    const u = this.u;
    for (const id of this.uniformIds) u[id] = this.uniformValue(nodes[id], pvals);
    for (const { reg, id } of this.broadcasts) reg.v.fill(u[id]);
    for (const { p, params } of this.acts) for (let k = 0; k < params.length; k++) p[k] = u[params[k]];
  }

  /**
   * The arena is shared between programs: after reserve() and prepare(), refill what this program expects to find in
   * its registers (broadcast values with zero derivatives, x′ = 1).
   */
  refill(order: Order): void {
    for (const { reg, id } of this.broadcasts) reg.v.fill(this.u[id]);
    if (order >= 1) {
      this.xReg?.d1.fill(1);
      for (const { reg } of this.broadcasts) reg.d1.fill(0);
    }
    if (order === 2) {
      this.xReg?.d2.fill(0);
      for (const { reg } of this.broadcasts) reg.d2.fill(0);
    }
  }

  /** Seeds take their values from another program's uniform array (the main program of a vector expression). */
  setSeedValues(source: Float64Array): void {
    for (const s of this.seeds) s.reg.v.fill(source[s.source]);
  }

  get seedCount(): number {
    return this.seeds.length;
  }

  /**
   * Runs lanes [start, start + n) with n ≤ chunk. The caller fills x values with `xValues` first (function programs);
   * Jacobian programs seed dᵢ/dinputⱼ = δ(lane, index).
   */
  runChunk(start: number, n: number, order: Order): void {
    for (const s of this.seeds) {
      const d1 = s.reg.d1;
      d1.fill(0, 0, n);
      const lane = s.index - start;
      if (lane >= 0 && lane < n) d1[lane] = 1;
    }
    for (const op of this.ops) op.run(n, order);
  }

  /**
   * Evaluates the single root of a function program at the points x, writing straight into the output arrays: x and
   * the result registers become views for each chunk, so nothing is copied.
   */
  runInto(x: Float64Array, order: Order, y: Float64Array, dy: Float64Array | undefined, d2y: Float64Array | undefined): void {
    const xReg = this.xReg!;
    const root = this.rootRegs[0]!;
    const n = x.length;
    this.reserve(n, order);
    this.refill(order);
    if (root === xReg) {
      y.set(x);
      dy?.fill(1);
      return;
    }
    const own = { x: xReg.v, v: root.v, d1: root.d1, d2: root.d2 };
    try {
      for (let start = 0; start < n; start += this.chunk) {
        const end = Math.min(n, start + this.chunk);
        xReg.v = x.subarray(start, end);
        root.v = y.subarray(start, end);
        if (dy !== undefined) root.d1 = dy.subarray(start, end);
        if (d2y !== undefined) root.d2 = d2y.subarray(start, end);
        for (const op of this.ops) op.run(end - start, order);
      }
    } finally {
      xReg.v = own.x;
      root.v = own.v;
      root.d1 = own.d1;
      root.d2 = own.d2;
    }
  }

  private uniformValue(node: IRNode, pvals: ArrayLike<number>): number {
    const u = this.u;
    switch (node.kind) {
      case 'const':
        return node.value;
      case 'param':
        return pvals[node.slot];
      case 'unary':
        return UNARY.get(node.op)!.value(u[node.a]);
      case 'stop':
        return u[node.a];
      case 'binary':
        return binaryValue(node.op, u[node.a], u[node.b]);
      case 'where':
        return truthy(u[node.c]) ? u[node.a] : u[node.b];
      case 'clamp':
        return Math.min(Math.max(u[node.a], u[node.lo]), u[node.hi]);
      case 'reduce': {
        const n = node.args.length;
        if (this.scratchValues.length < 2 * n) this.scratchValues = new Float64Array(2 * n);
        const values = this.scratchValues.subarray(0, n);
        for (let k = 0; k < n; k++) values[k] = u[node.args[k]];
        return reduceValue(node.op, values, this.scratchValues.subarray(n, 2 * n));
      }
      case 'act': {
        const p = Float64Array.from(node.params, (id) => u[id]);
        return node.kernel.kernel.value(u[node.a], p);
      }
      default:
        return NaN;
    }
  }
}

/**
 * A compiled expression: the resolved DAG turned into tape programs, evaluated over grids, point lists or (without x)
 * as a vector with its Jacobian. Slider values are inputs of every call; nothing recompiles.
 */
import { LimitError, ResolveError } from '../parse/errors';
import type {
  CallInfo, Compiled, Diagnostic, Kink, Order, ParamValue, ParameterInfo, SampleOptions, Samples, VectorResult,
} from '../types';
import { Program } from './tape';
import type { Resolved } from './resolve';
import { elements } from './values';

/** Most points one call may evaluate. */
export const MAX_POINTS = 10_000_000;
/** Largest input vector a Jacobian is computed for (its size grows with the square). */
export const MAX_JACOBIAN_INPUTS = 512;

type Params = Readonly<Record<string, number>> | undefined;

export class CompiledExpression implements Compiled {
  readonly kind: 'function' | 'value';
  readonly parameters: readonly ParameterInfo[];
  readonly warnings: readonly Diagnostic[];
  private readonly main: Program;
  private readonly jacobianProgram: Program | undefined;
  private readonly defaults: Float64Array;
  private readonly whole;

  constructor(
    readonly source: string,
    private readonly resolved: Resolved,
    warnings: readonly Diagnostic[],
  ) {
    this.kind = resolved.kind;
    this.parameters = resolved.parameters;
    this.warnings = warnings;
    this.whole = { start: 0, end: source.length };
    this.defaults = Float64Array.from(resolved.parameters, (p) => p.value);
    this.main = new Program(resolved.graph, elements(resolved.result));
    const plan = resolved.jacobian;
    this.jacobianProgram = plan !== undefined && plan.inputs.length <= MAX_JACOBIAN_INPUTS ? new Program(plan.graph, plan.roots) : undefined;
  }

  private callInfos: readonly CallInfo[] | undefined;

  /** Catalogue calls with the parameter values in effect at compile time (computed on first use). */
  get calls(): readonly CallInfo[] {
    if (this.callInfos === undefined) {
      this.main.prepare(this.defaults);
      const u = this.main.u;
      this.callInfos = this.resolved.calls.map((c) => {
        const params: Record<string, ParamValue> = { ...c.options };
        for (const [name, id] of c.numeric) params[name] = u[id];
        const info: CallInfo = { name: c.name, written: c.written, framework: c.framework, span: c.span, params, appliedToX: c.appliedToX };
        return c.note === undefined ? info : { ...info, note: c.note };
      });
    }
    return this.callInfos;
  }

  /** Slider values for one call: compile-time values overridden by `params` (own properties only). */
  private pvals(params: Params): Float64Array {
    if (params === undefined || params === null) return this.defaults;
    const p = Float64Array.from(this.defaults);
    this.parameters.forEach((info, i) => {
      if (Object.prototype.hasOwnProperty.call(params, info.name)) {
        const v = params[info.name];
        if (typeof v === 'number') p[i] = v;
      }
    });
    return p;
  }

  kinks(params?: Params): readonly Kink[] {
    this.main.prepare(this.pvals(params));
    const u = this.main.u;
    const seen = new Set<string>();
    const result: Kink[] = [];
    for (const source of this.resolved.kinkSources) {
      const p = Float64Array.from(source.params, (id) => u[id]);
      for (const k of source.activation.kinks(p)) {
        const key = `${k.x}:${k.dy}:${k.note}`;
        if (!seen.has(key)) {
          seen.add(key);
          result.push(k);
        }
      }
    }
    return result.sort((a, b) => a.x - b.x);
  }

  sample(options: SampleOptions): Samples {
    const { from, to, points } = options ?? ({} as SampleOptions);
    if (typeof points !== 'number' || !Number.isInteger(points) || points < 2 || points > MAX_POINTS) {
      throw new LimitError(`points must be an integer from 2 to ${MAX_POINTS} (got ${String(points)})`, this.whole);
    }
    if (typeof from !== 'number' || typeof to !== 'number' || !Number.isFinite(from) || !Number.isFinite(to)) {
      throw new LimitError(`the range must be two finite numbers (got ${String(from)} … ${String(to)})`, this.whole);
    }
    const x = new Float64Array(points);
    const h = (to - from) / (points - 1);
    for (let i = 0; i < points; i++) x[i] = from + i * h;
    x[points - 1] = to;
    return this.evaluate(x, this.order(options.order), this.pvals(options.params));
  }

  at(xs: ArrayLike<number>, order?: Order, params?: Params): Samples {
    if (xs === null || typeof xs !== 'object' || typeof xs.length !== 'number') {
      throw new LimitError('at() expects an array of numbers', this.whole);
    }
    if (xs.length > MAX_POINTS) throw new LimitError(`at most ${MAX_POINTS} points per call (got ${xs.length})`, this.whole);
    let x: Float64Array;
    if (xs instanceof Float64Array) {
      x = xs.slice();
    } else {
      x = new Float64Array(xs.length);
      for (let i = 0; i < x.length; i++) x[i] = Number(xs[i]);
    }
    return this.evaluate(x, this.order(order), this.pvals(params));
  }

  vector(params?: Params): VectorResult {
    if (this.kind === 'function') {
      throw new ResolveError('the expression depends on x: sample it (or evaluate it at points) instead', this.whole);
    }
    const pvals = this.pvals(params);
    this.main.prepare(pvals);
    const u = this.main.u;
    const values = Float64Array.from(this.main.roots, (id) => u[id]);
    const isScalar = this.resolved.result.t === 'num';
    const call = this.resolved.vectorCall;
    if (call === undefined) return { values, isScalar };
    const inputs = Float64Array.from(call.input, (id) => u[id]);
    const jac = this.jacobianProgram;
    if (jac === undefined) return { values, isScalar, inputs, fn: call.fn };
    jac.reserve(inputs.length, 1);
    jac.prepare(pvals);
    jac.refill(1);
    jac.setSeedValues(u);
    const lanes = inputs.length;
    const jacobian = jac.roots.map(() => new Float64Array(lanes));
    for (let start = 0; start < lanes; start += jac.chunk) {
      const n = Math.min(jac.chunk, lanes - start);
      jac.runChunk(start, n, 1);
      jac.rootRegs.forEach((reg, i) => {
        if (reg !== undefined) jacobian[i].set(reg.d1.subarray(0, n), start);
      });
    }
    return { values, isScalar, inputs, jacobian, fn: call.fn };
  }

  private order(order: unknown): Order {
    if (order === undefined) return 1;
    if (order === 0 || order === 1 || order === 2) return order;
    throw new LimitError(`order must be 0, 1 or 2 (got ${String(order)})`, this.whole);
  }

  private evaluate(x: Float64Array, order: Order, pvals: Float64Array): Samples {
    const n = x.length;
    const y = new Float64Array(n);
    const dy = order >= 1 ? new Float64Array(n) : undefined;
    const d2y = order === 2 ? new Float64Array(n) : undefined;
    const program = this.main;
    program.prepare(pvals);
    if (this.kind === 'value') {
      if (this.resolved.result.t === 'vec' && this.resolved.result.ids.length !== 1) {
        throw new ResolveError('the expression is a vector without x: use vector() to evaluate it', this.whole);
      }
      y.fill(program.u[program.roots[0]]);
      return samples(x, y, dy, d2y);
    }
    program.runInto(x, order, y, dy, d2y);
    return samples(x, y, dy, d2y);
  }
}

function samples(x: Float64Array, y: Float64Array, dy?: Float64Array, d2y?: Float64Array): Samples {
  if (d2y !== undefined) return { x, y, dy, d2y };
  if (dy !== undefined) return { x, y, dy };
  return { x, y };
}

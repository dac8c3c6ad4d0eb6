/**
 * Vector functions and losses, built from scalar primitives on unrolled vectors so f′ and f″ (and Jacobians) come from
 * the same forward-mode rules. The max shift is a stop-gradient: it changes no derivative, only the rounding.
 */
import { ResolveError } from '../parse/errors';
import type { Span } from '../types';
import type { Graph } from './ir';
import type { Numeric, Val } from './values';
import { elements, map2 } from './values';

/** Parameters of the call, by canonical name: number parameters as uniform nodes, options as their values. */
export interface VectorParams {
  number(name: string, fallback: number): number;
  flag(name: string, fallback: boolean): boolean;
}

export interface VectorFunction {
  /** Tensor inputs in order (cross_entropy takes logits and a target). */
  readonly inputs: readonly string[];
  build(g: Graph, inputs: readonly Numeric[], params: VectorParams, span: Span): Val;
}

function requireVector(v: Numeric, name: string, span: Span, min = 1): readonly number[] {
  const ids = elements(v);
  if (v.t !== 'vec' && min > 1) throw new ResolveError(`${name}() expects a vector, e.g. ${name}([x, 0, 1])`, span);
  if (ids.length < min) throw new ResolveError(`${name}() needs at least ${min} element${min === 1 ? '' : 's'}`, span);
  return ids;
}

const sub = (g: Graph, a: number, b: number): number => g.binary('sub', a, b);

/** exp(vᵢ − m) / Σⱼ exp(vⱼ − m) with m = stop(max v), as PyTorch and JAX. */
export function softmaxIds(g: Graph, v: readonly number[]): number[] {
  const m = g.stop(g.reduce('max', v));
  const e = v.map((a) => g.unary('exp', sub(g, a, m)));
  const s = g.reduce('sum', e);
  return e.map((a) => g.binary('div', a, s));
}

/** (vᵢ − m) − log Σⱼ exp(vⱼ − m): never log(softmax). */
export function logSoftmaxIds(g: Graph, v: readonly number[]): number[] {
  const m = g.stop(g.reduce('max', v));
  const shifted = v.map((a) => sub(g, a, m));
  const lse = g.unary('log', g.reduce('sum', shifted.map((a) => g.unary('exp', a))));
  return shifted.map((a) => sub(g, a, lse));
}

/** PyTorch's logsumexp: the shift is 0 when max v is infinite, so +∞ gives +∞ and all −∞ gives −∞ (no NaN). */
export function logsumexpId(g: Graph, v: readonly number[]): number {
  const m = g.reduce('max', v);
  const infinite = g.binary('eq', g.unary('abs', m), g.constant(Infinity));
  const shift = g.stop(g.where(infinite, g.constant(0), m));
  const sum = g.reduce('sum', v.map((a) => g.unary('exp', sub(g, a, shift))));
  return g.binary('add', g.unary('log', sum), shift);
}

/** One-hot of the first maximum (torch.argmax picks the first), with zero derivative. */
function firstArgmaxOneHot(g: Graph, v: readonly number[]): number[] {
  const m = g.reduce('max', v);
  const one = g.constant(1);
  let noneBefore = one;
  return v.map((a) => {
    const isMax = g.binary('eq', a, m);
    const hot = g.binary('mul', isMax, noneBefore);
    noneBefore = g.binary('mul', noneBefore, g.binary('sub', one, isMax));
    return g.stop(hot);
  });
}

const vectorOf = (ids: readonly number[]): Val => ({ t: 'vec', ids });

export const VECTOR_FUNCTIONS: ReadonlyMap<string, VectorFunction> = new Map<string, VectorFunction>([
  ['softmax', { inputs: ['input'], build: (g, [v], _p, span) => vectorOf(softmaxIds(g, requireVector(v, 'softmax', span))) }],
  ['softmax2d', { inputs: ['input'], build: (g, [v], _p, span) => vectorOf(softmaxIds(g, requireVector(v, 'softmax2d', span))) }],
  ['log_softmax', { inputs: ['input'], build: (g, [v], _p, span) => vectorOf(logSoftmaxIds(g, requireVector(v, 'log_softmax', span))) }],
  ['softmin', {
    inputs: ['input'],
    build: (g, [v], _p, span) => vectorOf(softmaxIds(g, requireVector(v, 'softmin', span).map((a) => g.unary('neg', a)))),
  }],
  ['logsumexp', { inputs: ['input'], build: (g, [v], _p, span) => ({ t: 'num', id: logsumexpId(g, requireVector(v, 'logsumexp', span)) }) }],
  ['gumbel_softmax', {
    inputs: ['logits'],
    // noise-free: the Gumbel noise is set to 0, so this is softmax(v/τ); hard=True gives the straight-through one-hot
    build: (g, [v], params, span) => {
      const ids = requireVector(v, 'gumbel_softmax', span);
      const tau = params.number('tau', 1);
      const soft = softmaxIds(g, ids.map((a) => g.binary('div', a, tau)));
      if (!params.flag('hard', false)) return vectorOf(soft);
      const hard = firstArgmaxOneHot(g, soft);
      return vectorOf(soft.map((s, i) => g.binary('add', g.binary('sub', hard[i], g.stop(s)), s)));
    },
  }],
  ['sparsemax', {
    inputs: ['input'],
    build: (g, [v], _p, span) => {
      const ids = requireVector(v, 'sparsemax', span);
      const tau = g.reduce('sparsemax_tau', ids);
      return vectorOf(ids.map((a) => g.unary('relu', sub(g, a, tau))));
    },
  }],
  ['glu', {
    inputs: ['input'],
    build: (g, [v], _p, span) => {
      const ids = requireVector(v, 'glu', span, 2);
      if (ids.length % 2 !== 0) throw new ResolveError(`glu() halves its input, so it needs an even length (got ${ids.length})`, span);
      const half = ids.length / 2;
      return vectorOf(ids.slice(0, half).map((a, i) => g.binary('mul', a, g.unary('sigmoid', ids[half + i]))));
    },
  }],
  ['crelu', {
    inputs: ['features'],
    build: (g, [v]) => {
      const ids = elements(v);
      return vectorOf([...ids.map((a) => g.unary('relu', a)), ...ids.map((a) => g.unary('relu', g.unary('neg', a)))]);
    },
  }],
  ['cross_entropy', {
    inputs: ['input', 'target'],
    build: (g, [logits, target], params, span) => {
      const ids = requireVector(logits, 'cross_entropy', span, 1);
      if (logits.t !== 'vec') throw new ResolveError('cross_entropy() expects a vector of logits, e.g. cross_entropy([x, 1, -1], 0)', span);
      const ls = logSoftmaxIds(g, ids);
      const c = ids.length;
      const eps = params.number('label_smoothing', 0);
      const keep = g.binary('sub', g.constant(1), eps);
      if (target.t === 'num') {
        const k = g.constValue(target.id);
        if (!g.isConst(target.id) || !Number.isInteger(k)) {
          throw new ResolveError('the target of cross_entropy() must be a constant class index (an integer) or a vector of probabilities', span);
        }
        if (k < 0 || k >= c) throw new ResolveError(`class index ${k} is out of range for ${c} logits (0 … ${c - 1})`, span);
        const nll = g.unary('neg', ls[k]);
        if (g.isConst(eps) && g.constValue(eps) === 0) return { t: 'num', id: nll };
        // PyTorch: (1 − ε)·nll + ε/C · Σ −log_softmax
        const smooth = g.binary('div', g.unary('neg', g.reduce('sum', ls)), g.constant(c));
        return { t: 'num', id: g.binary('add', g.binary('mul', keep, nll), g.binary('mul', eps, smooth)) };
      }
      if (target.ids.length !== c) throw new ResolveError(`cross_entropy() got ${c} logits but ${target.ids.length} target probabilities`, span);
      // soft targets: −Σ tᵢ·log_softmaxᵢ, with targets smoothed to (1 − ε)·t + ε/C
      const smoothed = target.ids.map((t) => g.binary('add', g.binary('mul', keep, t), g.binary('div', eps, g.constant(c))));
      const terms = smoothed.map((t, i) => g.binary('mul', t, ls[i]));
      return { t: 'num', id: g.unary('neg', g.reduce('sum', terms)) };
    },
  }],
  ['binary_cross_entropy_with_logits', {
    inputs: ['input', 'target'],
    // PyTorch's (1 − y)·x + (1 + (w − 1)·y)·softplus(−x), written as (1 − y)·softplus(x) + w·y·softplus(−x) (equal,
    // since softplus(x) = x + softplus(−x)) so that f′ = (1 − y)·σ(x) − w·y·σ(−x) never cancels; PyTorch's σ(x) − y
    // does for large x. Mean over elements, PyTorch's default reduction.
    build: (g, [x, y], params, span) => {
      const w = params.number('pos_weight', 1);
      const one = g.constant(1);
      const losses = map2(x, y, span, (a, t) => {
        const positive = g.binary('mul', g.binary('sub', one, t), g.unary('softplus', a));
        const weight = g.isConst(w) && g.constValue(w) === 1 ? t : g.binary('mul', w, t);
        return g.binary('add', positive, g.binary('mul', weight, g.unary('softplus', g.unary('neg', a))));
      });
      const ids = elements(losses);
      if (losses.t === 'num') return losses;
      return { t: 'num', id: g.binary('div', g.reduce('sum', ids), g.constant(ids.length)) };
    },
  }],
]);

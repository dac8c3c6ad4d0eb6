/**
 * Compile-time values of subexpressions: a scalar node, a vector of scalar nodes (unrolled), or an option literal.
 */
import { ResolveError } from '../parse/errors';
import type { Resolution } from '../names';
import type { CallExpr } from '../parse/ast';
import type { Span } from '../types';
import type { Graph } from './ir';

export type Val =
  | { readonly t: 'num'; readonly id: number }
  | { readonly t: 'vec'; readonly ids: readonly number[] }
  | { readonly t: 'str'; readonly s: string }
  | { readonly t: 'bool'; readonly b: boolean }
  /** A constructed module (`nn.LeakyReLU(0.2)`) waiting to be applied to its input. */
  | { readonly t: 'module'; readonly resolution: Resolution; readonly written: string; readonly ctor: CallExpr };

export type Numeric = Extract<Val, { t: 'num' } | { t: 'vec' }>;

export const num = (id: number): Val => ({ t: 'num', id });
export const vec = (ids: readonly number[]): Val => ({ t: 'vec', ids });

export function describeVal(v: Val): string {
  switch (v.t) {
    case 'num':
      return 'a number';
    case 'vec':
      return `a vector of ${v.ids.length}`;
    case 'str':
      return 'a string';
    case 'bool':
      return 'a boolean';
    case 'module':
      return `the module ${v.written}(…)`;
  }
}

/** Numbers and vectors as they are; True/False as 1/0 (Python's bool is an int); anything else is an error. */
export function numeric(graph: Graph, v: Val, span: Span, what: string): Numeric {
  if (v.t === 'num' || v.t === 'vec') return v;
  if (v.t === 'bool') return { t: 'num', id: graph.constant(v.b ? 1 : 0) };
  if (v.t === 'module') {
    throw new ResolveError(
      `'${v.written}' is a module: construct it, then apply it to an input, e.g. ${v.written}(…)(x)`,
      v.ctor.callee.span,
    );
  }
  throw new ResolveError(`${what} expects a number or a vector, not ${describeVal(v)}`, span);
}

export function scalar(graph: Graph, v: Val, span: Span, what: string): number {
  const n = numeric(graph, v, span, what);
  if (n.t === 'vec') throw new ResolveError(`${what} expects a number, not ${describeVal(n)}`, span);
  return n.id;
}

export function map1(v: Numeric, f: (id: number) => number): Numeric {
  return v.t === 'num' ? { t: 'num', id: f(v.id) } : { t: 'vec', ids: v.ids.map(f) };
}

/** Element-wise combination with broadcasting of scalars against vectors; vectors must have equal lengths. */
export function map2(a: Numeric, b: Numeric, span: Span, f: (x: number, y: number) => number): Numeric {
  if (a.t === 'num' && b.t === 'num') return { t: 'num', id: f(a.id, b.id) };
  if (a.t === 'vec' && b.t === 'vec') {
    if (a.ids.length !== b.ids.length) {
      throw new ResolveError(`vectors of lengths ${a.ids.length} and ${b.ids.length} cannot be combined element-wise`, span);
    }
    return { t: 'vec', ids: a.ids.map((x, i) => f(x, b.ids[i])) };
  }
  if (a.t === 'vec') return { t: 'vec', ids: a.ids.map((x) => f(x, (b as { id: number }).id)) };
  return { t: 'vec', ids: (b as { ids: readonly number[] }).ids.map((y) => f(a.id, y)) };
}

export function map3(a: Numeric, b: Numeric, c: Numeric, span: Span, f: (x: number, y: number, z: number) => number): Numeric {
  const lengths = [a, b, c].filter((v) => v.t === 'vec').map((v) => (v as { ids: readonly number[] }).ids.length);
  if (lengths.length === 0) return { t: 'num', id: f((a as { id: number }).id, (b as { id: number }).id, (c as { id: number }).id) };
  if (lengths.some((l) => l !== lengths[0])) {
    throw new ResolveError(`vectors of lengths ${lengths.join(', ')} cannot be combined element-wise`, span);
  }
  const at = (v: Numeric, i: number): number => (v.t === 'num' ? v.id : v.ids[i]);
  const ids: number[] = [];
  for (let i = 0; i < lengths[0]; i++) ids.push(f(at(a, i), at(b, i), at(c, i)));
  return { t: 'vec', ids };
}

export function elements(v: Numeric): readonly number[] {
  return v.t === 'num' ? [v.id] : v.ids;
}

/**
 * Elementary functions of the expression language (exp, log, …, min, max, clamp, where, sum), callable bare or under
 * the prefixes of the libraries people paste from (`torch.exp`, `np.maximum`, `math.erf`, `tf.clip_by_value`).
 */
import type { UnaryName } from '../ad/unary';
import { ResolveError } from '../parse/errors';
import type { Span } from '../types';
import type { BinaryName, Graph } from './ir';
import type { Numeric, Val } from './values';
import { elements, map1, map2, map3, numeric } from './values';

export interface Builtin {
  /** Positional parameter names; the first `required` must be given. */
  readonly params: readonly string[];
  readonly required: number;
  /** Accepts any number of positional arguments (Python's max(a, b, c)). */
  readonly variadic?: boolean;
  /** Other libraries' keyword names → ours. */
  readonly keywords?: ReadonlyMap<string, string>;
  build(g: Graph, args: readonly (Val | undefined)[], span: Span, written: string): Val;
}

/** Library prefixes under which the elementary functions are also recognised. */
export const BUILTIN_PREFIXES: readonly string[] = [
  'torch.special.', 'torch.', 'math.', 'numpy.', 'np.', 'jax.numpy.', 'jnp.', 'tf.math.', 'tf.', 'keras.ops.',
  'scipy.special.', 'special.',
];

const arg = (g: Graph, v: Val | undefined, span: Span, written: string): Numeric => numeric(g, v!, span, `${written}()`);

function unary(op: UnaryName): Builtin {
  return { params: ['input'], required: 1, build: (g, [a], span, w) => map1(arg(g, a, span, w), (id) => g.unary(op, id)) };
}

function binary(op: BinaryName): Builtin {
  return {
    params: ['input', 'other'],
    required: 2,
    build: (g, [a, b], span, w) => map2(arg(g, a, span, w), arg(g, b, span, w), span, (x, y) => g.binary(op, x, y)),
  };
}

/** max/min: of a vector with one argument (torch.max(t)), element-wise with two (torch.maximum), of all with more. */
function extremum(op: 'max' | 'min'): Builtin {
  return {
    params: ['input', 'other'],
    required: 1,
    variadic: true,
    build(g, args, span, w) {
      const values = args.map((a) => arg(g, a, span, w));
      if (values.length === 1) {
        const ids = elements(values[0]);
        if (ids.length === 0) throw new ResolveError(`${w}() of an empty vector`, span);
        return { t: 'num', id: g.reduce(op, ids) };
      }
      if (values.length === 2) return map2(values[0], values[1], span, (x, y) => g.binary(op, x, y));
      if (values.some((v) => v.t === 'vec')) throw new ResolveError(`${w}() of more than two arguments takes numbers only`, span);
      return { t: 'num', id: g.reduce(op, values.map((v) => (v as { id: number }).id)) };
    },
  };
}

function pairwise(op: 'max' | 'min'): Builtin {
  return binary(op);
}

const clampBuiltin: Builtin = {
  params: ['input', 'min', 'max'],
  required: 1,
  keywords: new Map([
    ['a_min', 'min'], ['a_max', 'max'], ['clip_value_min', 'min'], ['clip_value_max', 'max'], ['x', 'input'], ['a', 'input'],
    ['t', 'input'],
  ]),
  build(g, [a, lo, hi], span, w) {
    if (lo === undefined && hi === undefined) throw new ResolveError(`${w}() needs at least one of min and max`, span);
    const isNone = (v: Val | undefined): boolean => v === undefined;
    const low = isNone(lo) ? { t: 'num' as const, id: g.constant(-Infinity) } : arg(g, lo, span, w);
    const high = isNone(hi) ? { t: 'num' as const, id: g.constant(Infinity) } : arg(g, hi, span, w);
    return map3(arg(g, a, span, w), low, high, span, (x, l, h) => g.clamp(x, l, h));
  },
};

const whereBuiltin: Builtin = {
  params: ['condition', 'input', 'other'],
  required: 3,
  keywords: new Map([['x', 'input'], ['y', 'other'], ['cond', 'condition']]),
  build: (g, [c, a, b], span, w) =>
    map3(arg(g, c, span, w), arg(g, a, span, w), arg(g, b, span, w), span, (x, y, z) => g.where(x, y, z)),
};

const sumBuiltin: Builtin = {
  params: ['input'],
  required: 1,
  build: (g, [a], span, w) => ({ t: 'num', id: g.reduce('sum', elements(arg(g, a, span, w))) }),
};

const unaryNames: readonly [string, UnaryName][] = [
  ['exp', 'exp'], ['log', 'log'], ['log1p', 'log1p'], ['expm1', 'expm1'], ['sqrt', 'sqrt'], ['abs', 'abs'], ['fabs', 'abs'],
  ['absolute', 'abs'], ['sign', 'sign'], ['sin', 'sin'], ['cos', 'cos'], ['sinh', 'sinh'], ['cosh', 'cosh'], ['tanh', 'tanh'],
  ['erf', 'erf'], ['erfc', 'erfc'], ['square', 'square'], ['negative', 'neg'],
];

export const BUILTINS: ReadonlyMap<string, Builtin> = new Map<string, Builtin>([
  ...unaryNames.map(([name, op]): [string, Builtin] => [name, unary(op)]),
  ['pow', binary('pow')],
  ['power', binary('pow')],
  ['max', extremum('max')],
  ['min', extremum('min')],
  ['amax', extremum('max')],
  ['amin', extremum('min')],
  ['reduce_max', extremum('max')],
  ['reduce_min', extremum('min')],
  ['maximum', pairwise('max')],
  ['minimum', pairwise('min')],
  ['clamp', clampBuiltin],
  ['clip', clampBuiltin],
  ['clip_by_value', clampBuiltin],
  ['where', whereBuiltin],
  ['sum', sumBuiltin],
  ['reduce_sum', sumBuiltin],
]);

/** The builtin a written name refers to, bare or under a library prefix. */
export function findBuiltin(written: string): { readonly name: string; readonly builtin: Builtin } | undefined {
  const bare = BUILTINS.get(written);
  if (bare !== undefined) return { name: written, builtin: bare };
  for (const prefix of BUILTIN_PREFIXES) {
    if (written.startsWith(prefix)) {
      const rest = written.slice(prefix.length);
      const b = BUILTINS.get(rest);
      if (b !== undefined) return { name: rest, builtin: b };
    }
  }
  return undefined;
}

/** Constants, bare or under a library prefix. */
const CONSTANTS = new Map<string, number>([
  ['pi', Math.PI], ['e', Math.E], ['inf', Infinity], ['nan', NaN],
]);

export function findConstant(written: string): number | undefined {
  const bare = CONSTANTS.get(written);
  if (bare !== undefined || written === 'nan') return bare;
  for (const prefix of ['math.', 'np.', 'numpy.', 'torch.', 'jnp.', 'jax.numpy.']) {
    if (written.startsWith(prefix)) {
      const rest = written.slice(prefix.length);
      if (CONSTANTS.has(rest)) return CONSTANTS.get(rest);
    }
  }
  return undefined;
}

export const CONSTANT_NAMES: readonly string[] = [...CONSTANTS.keys()];

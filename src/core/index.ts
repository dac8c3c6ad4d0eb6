/**
 * The math core's public surface: parse, compile and evaluate activation expressions with exact derivatives.
 * Pure TypeScript: no vscode, DOM or Node imports, so the host, webview, renderer, CLI and tests share it.
 *
 * @example
 * const f = compile('F.leaky_relu(x, negative_slope=0.2)');
 * const { x, y, dy } = f.sample({ from: -3, to: 3, points: 7, order: 1 });
 */
export type * from './types';
export { ExpressionError, ParseError, ResolveError, LimitError } from './parse/errors';

import { activations } from './activations/index';
import { compileWith } from './eval/compile';
import { NameTable } from './names';
import type { ActivationInfo, Alias, CompileOptions, Compiled } from './types';

let table: NameTable | undefined;

function names(): NameTable {
  table ??= new NameTable(activations);
  return table;
}

/**
 * Parses and resolves `source` once; the result evaluates over grids many times. Throws `ExpressionError` (ParseError,
 * ResolveError, LimitError) with a span and a plain message, and nothing else.
 *
 * @example
 * compile('softmax([x, 0, 1])[0]').at([0, 1], 2);           // f, f′, f″ at two points
 * compile('leaky_relu(x)', { framework: 'tf' }).parameters;  // negative_slope = 0.2 (tf.nn's default)
 */
export function compile(source: string, options?: CompileOptions): Compiled {
  return compileWith(names(), source, options);
}

/** The activation catalogue (functions.md), one entry per canonical function. */
export const catalogue: readonly ActivationInfo[] = activations;

/**
 * A catalogue entry by canonical name or by any alias as written in code ('F.silu', 'torch.nn.GELU', 'tf.nn.relu',
 * 'jax.nn.gelu') or as a string identifier ('gelu_new'), with the alias that matched; undefined if unknown.
 *
 * @example
 * findActivation('nn.LeakyReLU')?.alias?.defaults; // PyTorch module: no overrides, slope 0.01
 */
export function findActivation(name: string): { readonly activation: ActivationInfo; readonly alias?: Alias } | undefined {
  if (typeof name !== 'string') return undefined;
  const r = names().resolve(name.trim());
  if (r === undefined) return undefined;
  return r.alias === undefined ? { activation: r.activation } : { activation: r.activation, alias: r.alias };
}

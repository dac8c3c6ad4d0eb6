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

import type { ActivationInfo, Alias, CompileOptions, Compiled } from './types';

/** Parses and resolves `source` once; the result evaluates over grids many times. Throws `ExpressionError`. */
export function compile(source: string, options?: CompileOptions): Compiled {
  void source;
  void options;
  throw new Error('compile: not implemented yet');
}

/** The activation catalogue (functions.md), one entry per canonical function. */
export const catalogue: readonly ActivationInfo[] = [];

/**
 * A catalogue entry by canonical name or by any alias as written in code ('F.silu', 'torch.nn.GELU', 'tf.nn.relu',
 * 'jax.nn.gelu') or as a string identifier ('gelu_new'), with the alias that matched; undefined if unknown.
 */
export function findActivation(name: string): { readonly activation: ActivationInfo; readonly alias?: Alias } | undefined {
  void name;
  return undefined;
}

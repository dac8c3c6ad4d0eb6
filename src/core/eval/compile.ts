/**
 * compile(): parse, resolve against a name table, lint, and build the evaluator. index.ts binds it to the catalogue;
 * tests may bind it to a table of their own.
 */
import type { NameTable } from '../names';
import { lint } from '../lint';
import { LimitError, ParseError } from '../parse/errors';
import { parse } from '../parse/parser';
import type { CompileOptions, Compiled, Framework } from '../types';
import { CompiledExpression } from './compiled';
import { resolve } from './resolve';

const FRAMEWORKS: ReadonlySet<string> = new Set<Framework>(['torch', 'tf', 'keras', 'keras2', 'jax', 'flax', 'tfjs', 'hf']);

export function compileWith(names: NameTable, source: string, options?: CompileOptions): Compiled {
  if (typeof source !== 'string') throw new ParseError('the expression must be a string', { start: 0, end: 0 });
  const framework = options?.framework !== undefined && FRAMEWORKS.has(options.framework) ? options.framework : 'torch';
  const declared = new Map<string, number>();
  const params = options?.params;
  if (params !== undefined && params !== null && typeof params === 'object') {
    for (const key of Object.keys(params)) {
      const v = params[key];
      if (typeof v === 'number') declared.set(key, v);
    }
  }
  const ast = parse(source);
  try {
    const resolved = resolve(ast, source, { names, framework, declared });
    const warnings = [...lint(ast, source, names), ...resolved.diagnostics];
    return new CompiledExpression(source, resolved, warnings);
  } catch (e) {
    // a last guard: resolution walks the tree recursively, so an extreme (but parseable) shape may exhaust the stack
    if (e instanceof RangeError) throw new LimitError('the expression is too complex to compile', { start: 0, end: source.length });
    throw e;
  }
}

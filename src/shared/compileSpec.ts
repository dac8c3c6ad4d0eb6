/**
 * Compiles the expressions of a validated notebook payload with the core and checks that they fit together: one
 * vector expression alone, or any number of x-expressions (with optional series), and no parameter nobody uses.
 * Shared by the notebook renderer and the ActViz notebook kernel so both reject the same payloads the same way.
 */
import { compile, ExpressionError } from '../core/index';
import type { Compiled, ParameterInfo, Span } from '../core/index';
import type { PlotSpec } from './plotSpec';

/** Something wrong with a payload that only the core can tell: a bad expression, a misfit, an unused parameter. */
export interface SpecProblem {
  /** Payload path: 'expr[1]', 'params.T', 'series'. */
  readonly path: string;
  readonly message: string;
  /** For expression errors: the expression and the span the core blamed, to draw a caret. */
  readonly source?: string;
  readonly span?: Span;
  /** 'ParseError', 'ResolveError', 'LimitError', or 'PlotSpecError' for misfits. */
  readonly kind: string;
}

export interface CompiledSpec {
  readonly spec: PlotSpec;
  /** 'function': curves against x; 'value': one vector expression (bars and Jacobian). */
  readonly kind: 'function' | 'value';
  /** One per `spec.expr`, in order. */
  readonly compiled: readonly Compiled[];
  /** Sliders: every numeric parameter of every expression, first occurrence wins, valued from `spec.params`. */
  readonly parameters: readonly ParameterInfo[];
}

export type CompileSpecResult =
  | { readonly ok: true; readonly value: CompiledSpec }
  | { readonly ok: false; readonly problems: readonly SpecProblem[] };

function compileOne(spec: PlotSpec, index: number): { compiled: Compiled } | { problem: SpecProblem } {
  const source = spec.expr[index];
  const path = `expr[${index}]`;
  try {
    return { compiled: compile(source, { params: spec.params, ...(spec.framework && { framework: spec.framework }) }) };
  } catch (error) {
    if (error instanceof ExpressionError) {
      return { problem: { path, message: error.message, source, span: error.span, kind: error.name } };
    }
    // A core bug must still end in a message, never in an exception inside the notebook.
    const message = `could not compile: ${error instanceof Error ? error.message : String(error)}`;
    return { problem: { path, message, source, kind: 'Error' } };
  }
}

/** Never throws: every failure comes back as problems naming the payload field. */
export function compileSpec(spec: PlotSpec): CompileSpecResult {
  const problems: SpecProblem[] = [];
  const compiled: Compiled[] = [];
  spec.expr.forEach((_, i) => {
    const result = compileOne(spec, i);
    if ('problem' in result) problems.push(result.problem);
    else compiled.push(result.compiled);
  });
  if (problems.length > 0) return { ok: false, problems };

  const valueIndex = compiled.findIndex((c) => c.kind === 'value');
  if (valueIndex >= 0 && (compiled.length > 1 || spec.data)) {
    const other = compiled.length > 1 ? 'other expressions' : 'series';
    problems.push({
      path: `expr[${valueIndex}]`,
      message: `'${spec.expr[valueIndex]}' has no x, so it is drawn as bars on its own; it cannot be overlaid on ${other}. Put it in its own output.`,
      kind: 'PlotSpecError',
    });
    return { ok: false, problems };
  }

  const parameters: ParameterInfo[] = [];
  const seen = new Set<string>();
  for (const c of compiled) {
    for (const p of c.parameters) {
      if (seen.has(p.name)) continue;
      seen.add(p.name);
      const override = Object.prototype.hasOwnProperty.call(spec.params, p.name) ? spec.params[p.name] : undefined;
      parameters.push(override === undefined ? p : { ...p, value: override });
    }
  }
  for (const name of Object.keys(spec.params)) {
    if (seen.has(name)) continue;
    const known = parameters.length > 0 ? ` (parameters here: ${parameters.map((p) => p.name).join(', ')})` : ' (these expressions have no parameters)';
    problems.push({ path: `params.${name}`, message: `no expression has a parameter named '${name}'${known}`, kind: 'PlotSpecError' });
  }
  if (problems.length > 0) return { ok: false, problems };

  return { ok: true, value: { spec, kind: valueIndex >= 0 ? 'value' : 'function', compiled, parameters } };
}

/** Current slider values as the `params` argument of `sample`/`vector`. */
export function parameterValues(parameters: readonly ParameterInfo[]): Record<string, number> {
  const values = Object.create(null) as Record<string, number>;
  for (const p of parameters) values[p.name] = p.value;
  return values;
}

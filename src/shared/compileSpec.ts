/**
 * Compiles the expressions of a validated notebook payload with the core and checks that they fit together: one
 * vector expression alone, or any number of x-expressions (with optional series), and no parameter nobody uses.
 * Shared by the notebook renderer and the ActViz notebook kernel so both reject the same payloads the same way.
 */
import { compile, ExpressionError, LimitError, ParseError, ResolveError } from '../core/index';
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

/**
 * One slider. Expressions share a slider when they have a parameter of that name at the same value; when they differ
 * (`F.leaky_relu(x)` at 0.01 beside `tf.nn.leaky_relu(x)` at 0.2) each keeps its own, so comparing framework
 * defaults does not silently set them all to the first one's value.
 */
export interface Slider {
  /** Unique among the sliders of one payload: the parameter name, or `name@i` for the expression-specific ones. */
  readonly key: string;
  /** The parameter as the core describes it, valued from the payload. */
  readonly parameter: ParameterInfo;
  /** What the slider is labelled: `negative_slope`, or `negative_slope · tf.nn.leaky_relu(x)`. */
  readonly label: string;
  /** Indices into `expr` of the expressions this slider drives. */
  readonly expressions: readonly number[];
}

export interface CompiledSpec {
  readonly spec: PlotSpec;
  /** 'function': curves against x; 'value': one vector expression (bars and Jacobian). */
  readonly kind: 'function' | 'value';
  /** One per `spec.expr`, in order. */
  readonly compiled: readonly Compiled[];
  readonly sliders: readonly Slider[];
}

export type CompileSpecResult =
  | { readonly ok: true; readonly value: CompiledSpec }
  | { readonly ok: false; readonly problems: readonly SpecProblem[] };

/**
 * 'ParseError', 'ResolveError', 'LimitError' or 'ExpressionError' by class, not by `error.name`: a minified bundle
 * renames classes, and the core derives `name` from the class.
 */
export function expressionErrorName(error: ExpressionError): string {
  if (error instanceof ParseError) return 'ParseError';
  if (error instanceof ResolveError) return 'ResolveError';
  if (error instanceof LimitError) return 'LimitError';
  return 'ExpressionError';
}

function compileOne(spec: PlotSpec, index: number): { compiled: Compiled } | { problem: SpecProblem } {
  const source = spec.expr[index];
  const path = `expr[${index}]`;
  try {
    return { compiled: compile(source, { params: spec.params, ...(spec.framework && { framework: spec.framework }) }) };
  } catch (error) {
    if (error instanceof ExpressionError) {
      return { problem: { path, message: error.message, source, span: error.span, kind: expressionErrorName(error) } };
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

  const sliders = buildSliders(spec, compiled);
  const names = new Set(sliders.map((s) => s.parameter.name));
  for (const name of Object.keys(spec.params)) {
    if (names.has(name)) continue;
    const known = names.size > 0 ? ` (parameters here: ${[...names].join(', ')})` : ' (these expressions have no parameters)';
    problems.push({ path: `params.${name}`, message: `no expression has a parameter named '${name}'${known}`, kind: 'PlotSpecError' });
  }
  if (problems.length > 0) return { ok: false, problems };

  return { ok: true, value: { spec, kind: valueIndex >= 0 ? 'value' : 'function', compiled, sliders } };
}

function buildSliders(spec: PlotSpec, compiled: readonly Compiled[]): Slider[] {
  const groups = new Map<string, { parameter: ParameterInfo; expressions: number[] }[]>();
  compiled.forEach((c, index) => {
    for (const parameter of c.parameters) {
      const same = groups.get(parameter.name) ?? [];
      groups.set(parameter.name, same);
      const match = same.find((g) => g.parameter.value === parameter.value && g.parameter.default === parameter.default);
      if (match) match.expressions.push(index);
      else same.push({ parameter, expressions: [index] });
    }
  });
  const sliders: Slider[] = [];
  for (const [name, same] of groups) {
    for (const { parameter, expressions } of same) {
      const shared = same.length === 1;
      const label = shared || expressions.length > 1 ? name : `${name} · ${spec.expr[expressions[0]]}`;
      sliders.push({ key: shared ? name : `${name}@${expressions[0]}`, parameter, label, expressions });
    }
  }
  return sliders;
}

/** Slider values by slider key, initialised from the payload. */
export function initialSliderValues(sliders: readonly Slider[]): Map<string, number> {
  return new Map(sliders.map((s) => [s.key, s.parameter.value]));
}

/** The `params` argument of `sample`/`vector` for expression `index`: the values of the sliders that drive it. */
export function expressionParams(sliders: readonly Slider[], values: ReadonlyMap<string, number>, index: number): Record<string, number> {
  const params = Object.create(null) as Record<string, number>;
  for (const slider of sliders) {
    if (slider.expressions.includes(index)) params[slider.parameter.name] = values.get(slider.key) ?? slider.parameter.value;
  }
  return params;
}

/**
 * What a plot panel shows (expressions, x-range, curves, layers, slider values), how it is checked when it crosses
 * the webview boundary, and how it is turned into evaluated series through the core. The model is plain JSON: the
 * webview persists it with setState, the host keeps the latest copy for CSV export and "Copy as code".
 */
import { catalogue, compile, ExpressionError, findActivation } from '../core/index';
import type { Compiled, Framework, ParameterInfo, Span, VectorResult } from '../core/index';
import type { KinkPoint, SeriesData } from './figure';

export interface SeriesSpec {
  readonly expr: string;
  /** Legend text; the expression when absent. */
  readonly label?: string;
  /** Whose defaults bare names use in this expression; the model's framework when absent. */
  readonly framework?: Framework;
  /** Slider values and free parameters (T) by name. */
  readonly params?: Readonly<Record<string, number>>;
}

export interface PlotModel {
  readonly series: readonly SeriesSpec[];
  /** The x-range the plot opened with (double-click returns to it). */
  readonly range: readonly [number, number];
  /** The x-range visible now. */
  readonly view: readonly [number, number];
  /** Points per curve. */
  readonly points: number;
  readonly show: { readonly f: boolean; readonly d1: boolean; readonly d2: boolean };
  readonly layers: { readonly saturation: boolean; readonly kinks: boolean; readonly warnings: boolean };
  /** |f′| below this is shaded as saturated. */
  readonly saturationThreshold: number;
  readonly framework: Framework;
  readonly title?: string;
}

export const modelLimits = {
  maxSeries: 8,
  maxExpressionLength: 10_000,
  maxLabelLength: 200,
  maxTitleLength: 200,
  maxParams: 32,
  maxAbsRange: 1e6,
  minPoints: 10,
  maxPoints: 20_000,
  /** Names the core may not know that become free parameters (sliders), at most this many per expression. */
  maxFreeNames: 4,
} as const;

export const frameworks: readonly Framework[] = ['torch', 'tf', 'keras', 'keras2', 'jax', 'flax', 'tfjs', 'hf'];

/** People's names for frameworks, for labels and pickers. */
export const frameworkTitles: Readonly<Record<Framework, string>> = {
  torch: 'PyTorch', tf: 'TensorFlow', keras: 'Keras 3', keras2: 'Keras 2', jax: 'JAX', flax: 'Flax', tfjs: 'TF.js', hf: 'Hugging Face',
};

export type Validation<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: string };

const identifier = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;
const reserved = new Set(['__proto__', 'constructor', 'prototype']);

function isRecord(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

function own(record: Record<string, unknown>, key: string): unknown {
  return Object.prototype.hasOwnProperty.call(record, key) ? record[key] : undefined;
}

function fail<T>(error: string): Validation<T> {
  return { ok: false, error };
}

/** A parameter record with checked names and finite values, in a null-prototype object. */
export function validateParams(value: unknown, path: string): Validation<Record<string, number>> {
  if (!isRecord(value)) return fail(`${path} must be an object of name: number`);
  const keys = Object.keys(value);
  if (keys.length > modelLimits.maxParams) return fail(`${path} has ${keys.length} entries; the limit is ${modelLimits.maxParams}`);
  const params = Object.create(null) as Record<string, number>;
  for (const key of keys) {
    if (!identifier.test(key) || reserved.has(key)) return fail(`${path} has an invalid parameter name`);
    const v = value[key];
    if (typeof v !== 'number' || !Number.isFinite(v)) return fail(`${path}.${key} must be a finite number`);
    params[key] = v;
  }
  return { ok: true, value: params };
}

export function validateRange(value: unknown, path: string): Validation<[number, number]> {
  if (!Array.isArray(value) || value.length !== 2) return fail(`${path} must be [from, to]`);
  const [from, to] = value as unknown[];
  const ok = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v) && Math.abs(v) <= modelLimits.maxAbsRange;
  if (!ok(from) || !ok(to)) return fail(`${path} must hold finite numbers within ±${modelLimits.maxAbsRange}`);
  if (!(from < to)) return fail(`${path} must run from a smaller to a larger number`);
  return { ok: true, value: [from, to] };
}

function validateFlags<K extends string>(value: unknown, keys: readonly K[], path: string): Validation<Record<K, boolean>> {
  if (!isRecord(value)) return fail(`${path} must be an object`);
  const out = {} as Record<K, boolean>;
  for (const key of keys) {
    const v = own(value, key);
    if (typeof v !== 'boolean') return fail(`${path}.${key} must be true or false`);
    out[key] = v;
  }
  return { ok: true, value: out };
}

function validateSeries(value: unknown, index: number): Validation<SeriesSpec> {
  const path = `series[${index}]`;
  if (!isRecord(value)) return fail(`${path} must be an object`);
  for (const key of Object.keys(value)) {
    if (!['expr', 'label', 'framework', 'params'].includes(key)) return fail(`${path} has an unknown field`);
  }
  const expr = own(value, 'expr');
  if (typeof expr !== 'string' || expr.trim() === '' || expr.length > modelLimits.maxExpressionLength) {
    return fail(`${path}.expr must be a non-empty string of at most ${modelLimits.maxExpressionLength} characters`);
  }
  const spec: { expr: string; label?: string; framework?: Framework; params?: Record<string, number> } = { expr };
  const label = own(value, 'label');
  if (label !== undefined) {
    if (typeof label !== 'string' || label.length > modelLimits.maxLabelLength) return fail(`${path}.label must be a short string`);
    spec.label = label;
  }
  const framework = own(value, 'framework');
  if (framework !== undefined) {
    if (!frameworks.includes(framework as Framework)) return fail(`${path}.framework must be one of ${frameworks.join(', ')}`);
    spec.framework = framework as Framework;
  }
  const params = own(value, 'params');
  if (params !== undefined) {
    const checked = validateParams(params, `${path}.params`);
    if (!checked.ok) return checked;
    spec.params = checked.value;
  }
  return { ok: true, value: spec };
}

/** Checks a model that crossed the webview boundary (either way) or came back from a serializer. Never throws. */
export function validatePlotModel(value: unknown): Validation<PlotModel> {
  if (!isRecord(value)) return fail('the plot model must be an object');
  const known = ['series', 'range', 'view', 'points', 'show', 'layers', 'saturationThreshold', 'framework', 'title'];
  for (const key of Object.keys(value)) if (!known.includes(key)) return fail('the plot model has an unknown field');
  const rawSeries = own(value, 'series');
  if (!Array.isArray(rawSeries) || rawSeries.length < 1 || rawSeries.length > modelLimits.maxSeries) {
    return fail(`series must hold 1 to ${modelLimits.maxSeries} expressions`);
  }
  const series: SeriesSpec[] = [];
  for (let i = 0; i < rawSeries.length; i++) {
    const s = validateSeries(rawSeries[i], i);
    if (!s.ok) return s;
    series.push(s.value);
  }
  const range = validateRange(own(value, 'range'), 'range');
  if (!range.ok) return range;
  const view = validateRange(own(value, 'view'), 'view');
  if (!view.ok) return view;
  const points = own(value, 'points');
  if (typeof points !== 'number' || !Number.isInteger(points) || points < modelLimits.minPoints || points > modelLimits.maxPoints) {
    return fail(`points must be a whole number from ${modelLimits.minPoints} to ${modelLimits.maxPoints}`);
  }
  const show = validateFlags(own(value, 'show'), ['f', 'd1', 'd2'] as const, 'show');
  if (!show.ok) return show;
  const layers = validateFlags(own(value, 'layers'), ['saturation', 'kinks', 'warnings'] as const, 'layers');
  if (!layers.ok) return layers;
  const threshold = own(value, 'saturationThreshold');
  if (typeof threshold !== 'number' || !(threshold >= 0 && threshold <= 1)) return fail('saturationThreshold must be a number from 0 to 1');
  const framework = own(value, 'framework');
  if (!frameworks.includes(framework as Framework)) return fail(`framework must be one of ${frameworks.join(', ')}`);
  const title = own(value, 'title');
  if (title !== undefined && (typeof title !== 'string' || title.length > modelLimits.maxTitleLength)) return fail('title must be a short string');
  return {
    ok: true,
    value: {
      series, range: range.value, view: view.value, points, show: show.value, layers: layers.value,
      saturationThreshold: threshold, framework: framework as Framework, ...(title !== undefined ? { title: title as string } : {}),
    },
  };
}

/** Settings a new model starts from. */
export interface ModelDefaults {
  readonly range: readonly [number, number];
  readonly points: number;
  readonly showFirstDerivative: boolean;
  readonly showSecondDerivative: boolean;
  readonly saturationThreshold: number;
  readonly framework: Framework;
}

export function newModel(series: readonly SeriesSpec[], defaults: ModelDefaults, options: { range?: readonly [number, number]; title?: string } = {}): PlotModel {
  const range = options.range ?? defaults.range;
  return {
    series,
    range,
    view: range,
    points: defaults.points,
    show: { f: true, d1: defaults.showFirstDerivative, d2: defaults.showSecondDerivative },
    layers: { saturation: defaults.saturationThreshold > 0, kinks: true, warnings: true },
    saturationThreshold: defaults.saturationThreshold,
    framework: defaults.framework,
    ...(options.title ? { title: options.title } : {}),
  };
}

// ---------------------------------------------------------------------------------------------------------------------
// Compiling and evaluating

/** A compile error as shown under the expression: message, source and the span to underline. */
export interface ExpressionProblem {
  readonly message: string;
  readonly source: string;
  readonly span: Span;
}

export type CompiledSeries =
  | { readonly ok: true; readonly spec: SeriesSpec; readonly label: string; readonly compiled: Compiled; readonly freeNames: readonly string[] }
  | { readonly ok: false; readonly spec: SeriesSpec; readonly label: string; readonly problem: ExpressionProblem };

/** Legend text for an expression: its label, or the expression on one line, shortened. */
export function seriesLabel(spec: SeriesSpec): string {
  if (spec.label) return spec.label;
  const flat = spec.expr.replace(/\s+/g, ' ').trim();
  return flat.length > 60 ? `${flat.slice(0, 59)}…` : flat;
}

/** The bare name an "unknown name" error points at, if it could be a free parameter (not a call, not an attribute). */
function freeNameCandidate(source: string, span: Span): string | undefined {
  const text = source.slice(span.start, span.end);
  if (!/^[A-Za-z_][A-Za-z0-9_]{0,31}$/.test(text) || text === 'x' || reserved.has(text)) return undefined;
  if (source.slice(span.end).trimStart().startsWith('(')) return undefined;
  if (source.slice(0, span.start).trimEnd().endsWith('.') || source.slice(span.end).startsWith('.')) return undefined;
  if (findActivation(text) || looksLikeFunctionName(text)) return undefined;
  return text;
}

const elementary = ['exp', 'log', 'log1p', 'expm1', 'sqrt', 'abs', 'sign', 'sin', 'cos', 'sinh', 'cosh', 'tanh', 'erf', 'erfc', 'min', 'max', 'clamp', 'clip', 'where', 'sum', 'inf', 'pi'];
let functionNames: Set<string> | undefined;

function editDistance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      row[j] = Math.min((previous[j] as number) + 1, (row[j - 1] as number) + 1, (previous[j - 1] as number) + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = row;
  }
  return previous[b.length] as number;
}

/** A misspelt function written without its call (`x*sigmoud`) should stay an error, not become a slider. */
function looksLikeFunctionName(name: string): boolean {
  if (name.length < 3) return false;
  if (!functionNames) {
    functionNames = new Set(elementary);
    for (const a of catalogue) {
      functionNames.add(a.name.toLowerCase());
      for (const alias of a.aliases) functionNames.add((alias.name.split('.').pop() ?? '').toLowerCase());
    }
  }
  const lower = name.toLowerCase();
  const limit = lower.length >= 6 ? 2 : 1;
  for (const known of functionNames) if (editDistance(lower, known, limit) <= limit) return true;
  return false;
}

export function problemOf(error: unknown, source: string): ExpressionProblem {
  if (error instanceof ExpressionError) {
    const start = Math.max(0, Math.min(source.length, error.span.start));
    const end = Math.max(start, Math.min(source.length, error.span.end));
    return { message: error.message, source, span: { start, end } };
  }
  const message = error instanceof Error ? error.message : String(error);
  return { message: `could not evaluate: ${message}`, source, span: { start: 0, end: source.length } };
}

/**
 * Compiles one expression. A bare name the core does not know (`T` in `softmax([1, 2, 3] / T)`) is declared as a free
 * parameter and retried, so it gets a slider; anything else is reported as a problem with its span. Never throws.
 */
export function compileSeries(spec: SeriesSpec, defaultFramework: Framework): CompiledSeries {
  const label = seriesLabel(spec);
  const framework = spec.framework ?? defaultFramework;
  const free: Record<string, number> = Object.create(null) as Record<string, number>;
  let firstError: unknown;
  for (let attempt = 0; attempt <= modelLimits.maxFreeNames; attempt++) {
    try {
      const params = { ...free, ...(spec.params ?? {}) };
      const compiled = compile(spec.expr, { framework, ...(Object.keys(params).length > 0 ? { params } : {}) });
      // Parameters without an owning catalogue function are free names (declared here or passed in params).
      const freeNames = compiled.parameters.filter((p) => !p.owner).map((p) => p.name);
      return { ok: true, spec, label, compiled, freeNames };
    } catch (error) {
      firstError ??= error;
      const name = error instanceof ExpressionError ? freeNameCandidate(spec.expr, error.span) : undefined;
      if (!name || name in free) break;
      free[name] = spec.params?.[name] ?? 1;
    }
  }
  return { ok: false, spec, label, problem: problemOf(firstError, spec.expr) };
}

/** One slider: a numeric parameter with the range it moves in and the default it marks. */
export interface SliderSpec {
  readonly series: number;
  readonly name: string;
  readonly owner?: string;
  readonly description: string;
  readonly value: number;
  readonly default: number;
  readonly min: number;
  readonly max: number;
  readonly step: number;
  /** Where the default sits along the track, 0…1. */
  readonly defaultAt: number;
  /** Decimals that show a value at this step. */
  readonly decimals: number;
}

/** Sliders for a compiled expression's parameters; current values come from the model, the range always holds them. */
export function slidersFor(parameters: readonly ParameterInfo[], current: Readonly<Record<string, number>> | undefined, series = 0): SliderSpec[] {
  return parameters.map((p) => {
    const own = current && Object.prototype.hasOwnProperty.call(current, p.name) ? current[p.name] : undefined;
    const value = typeof own === 'number' && Number.isFinite(own) ? own : p.value;
    let min = Number.isFinite(p.min) ? p.min : Math.min(value, p.default) - 1;
    let max = Number.isFinite(p.max) ? p.max : Math.max(value, p.default) + 1;
    min = Math.min(min, value, p.default);
    max = Math.max(max, value, p.default);
    if (!(max > min)) max = min + 1;
    const step = Number.isFinite(p.step) && p.step > 0 && p.step <= max - min ? p.step : (max - min) / 100;
    const decimals = Math.min(6, Math.max(0, Math.ceil(-Math.log10(step) - 1e-9)));
    return {
      series, name: p.name, ...(p.owner ? { owner: p.owner } : {}), description: p.description,
      value, default: p.default, min, max, step, defaultAt: (p.default - min) / (max - min), decimals,
    };
  });
}

/** The order of derivatives a model needs: f′ for saturation shading even when f′ is hidden. */
export function neededOrder(model: PlotModel): 0 | 1 | 2 {
  if (model.show.d2) return 2;
  if (model.show.d1 || (model.layers.saturation && model.saturationThreshold > 0)) return 1;
  return 0;
}

/** Samples one compiled expression over the view, with its kinks placed on the curve. Throws only ExpressionError. */
export function evaluateSeries(
  compiled: Compiled,
  label: string,
  view: readonly [number, number],
  points: number,
  order: 0 | 1 | 2,
  params: Readonly<Record<string, number>> | undefined,
  withKinks: boolean,
): SeriesData {
  const samples = compiled.sample({ from: view[0], to: view[1], points, order, ...(params ? { params } : {}) });
  if (!withKinks) return { label, samples };
  const kinks: KinkPoint[] = [];
  const found = compiled.kinks(params);
  if (found.length > 0) {
    const at = compiled.at(found.map((k) => k.x), 0, params);
    found.forEach((k, i) => kinks.push({ x: k.x, y: at.y[i] as number, dy: k.dy, note: k.note }));
  }
  return { label, samples, kinks };
}

export function evaluateVector(compiled: Compiled, params: Readonly<Record<string, number>> | undefined): VectorResult {
  return compiled.vector(params);
}

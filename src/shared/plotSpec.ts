/**
 * The notebook payload `application/vnd.actviz.v1+json`: what a Python helper, the ActViz notebook kernel or a user
 * writes into an output, and its validation. Payloads carry expressions (and optionally precomputed series), never
 * markup; every payload is treated as hostile input because the renderer also runs in untrusted workspaces.
 * `schemas/actviz.v1.schema.json` documents the same format for people and editors.
 */
import type { Framework } from '../core/index';

export const actvizMime = 'application/vnd.actviz.v1+json';

/** Bounds that keep one output cheap to render and its error messages short. */
export const plotSpecLimits = {
  defaultPoints: 1000,
  minPoints: 2,
  maxPoints: 20000,
  /** |from|, |to| of `range`. */
  maxAbsRange: 1e6,
  maxExpressions: 8,
  /** Largest |f′| threshold for saturation shading. */
  maxSaturation: 1,
  maxExpressionLength: 1000,
  maxTitleLength: 200,
  maxParams: 32,
  maxParamNameLength: 64,
  maxSeries: 16,
  maxSeriesPoints: 20000,
  maxSeriesNameLength: 100,
  /** Validation stops collecting after this many errors (a junk payload can hold thousands). */
  maxErrors: 20,
} as const;

export const defaultRange: readonly [number, number] = [-5, 5];

const frameworks: readonly Framework[] = ['torch', 'tf', 'keras', 'keras2', 'jax', 'flax', 'tfjs', 'hf'];

/** The payload as written in JSON (see the schema). */
export interface PlotSpecJson {
  version?: 1;
  expr?: string | string[];
  range?: [number, number];
  points?: number;
  derivatives?: (1 | 2)[];
  params?: Record<string, number>;
  framework?: Framework;
  saturation?: number;
  title?: string;
  x?: number[];
  series?: { name: string; y: (number | null)[] }[];
}

/** A precomputed curve; NaN where the JSON had `null` (a gap). */
export interface Series {
  readonly name: string;
  readonly y: Float64Array;
}

/** A validated, normalised payload. */
export interface PlotSpec {
  readonly version: 1;
  /** Expressions overlaid in order; empty when the payload only carries series. */
  readonly expr: readonly string[];
  /** Absent when the payload did not give one (the renderer picks it). */
  readonly range?: readonly [number, number];
  readonly points: number;
  /** Sorted and unique. */
  readonly derivatives: readonly (1 | 2)[];
  /** Parameter values by name; a null-prototype record so no key can reach Object.prototype. */
  readonly params: Readonly<Record<string, number>>;
  readonly framework?: Framework;
  /** Shade where |f′| is below this (saturation, vanishing gradients); absent or 0 = no shading. */
  readonly saturation?: number;
  readonly title?: string;
  readonly data?: { readonly x: Float64Array; readonly series: readonly Series[] };
}

export interface PlotSpecError {
  /** Where in the payload: 'range[1]', 'params.negative_slope', 'series[0].y[17]', or '' for the payload itself. */
  readonly path: string;
  readonly message: string;
}

export type PlotSpecResult =
  | { readonly ok: true; readonly spec: PlotSpec }
  | { readonly ok: false; readonly errors: readonly PlotSpecError[] };

const knownFields = new Set(['version', 'expr', 'range', 'points', 'derivatives', 'params', 'framework', 'saturation', 'title', 'x', 'series']);
const seriesFields = new Set(['name', 'y']);
const identifier = /^[A-Za-z_][A-Za-z0-9_]*$/;
/** Valid identifiers that name JavaScript object machinery rather than a parameter. */
const reservedNames = new Set(['__proto__', 'constructor', 'prototype']);

/** `'a'`, `"it's"`: a key quoted for a message, cut short so a 10 MB key cannot flood the error box. */
function quote(key: string): string {
  const shown = key.length > 40 ? `${key.slice(0, 40)}…` : key;
  return JSON.stringify(shown);
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'number') return Number.isNaN(value) ? 'NaN' : Number.isFinite(value) ? `the number ${value}` : String(value);
  if (typeof value === 'string') return 'a string';
  if (typeof value === 'object') return 'an object';
  if (value === undefined) return 'undefined';
  return `a ${typeof value}`;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

function join(path: string, key: string | number): string {
  if (typeof key === 'number') return `${path}[${key}]`;
  const shown = identifier.test(key) && key.length <= 40 ? key : `[${quote(key)}]`;
  if (!path) return shown.startsWith('[') ? shown : key;
  return shown.startsWith('[') ? `${path}${shown}` : `${path}.${shown}`;
}

class Collector {
  readonly errors: PlotSpecError[] = [];
  private truncated = false;

  add(path: string, message: string): void {
    if (this.errors.length < plotSpecLimits.maxErrors) {
      this.errors.push({ path, message });
    } else if (!this.truncated) {
      this.truncated = true;
      this.errors.push({ path: '', message: 'more errors not shown' });
    }
  }

  get count(): number {
    return this.errors.length;
  }
}

function readString(value: unknown, path: string, maxLength: number, out: Collector): string | undefined {
  if (typeof value !== 'string') {
    out.add(path, `must be a string, not ${describe(value)}`);
    return undefined;
  }
  if (value.length > maxLength) {
    out.add(path, `is ${value.length} characters long; the limit is ${maxLength}`);
    return undefined;
  }
  return value;
}

function readExpressions(value: unknown, out: Collector): string[] | undefined {
  const limit = plotSpecLimits.maxExpressionLength;
  const nonEmpty = (text: string | undefined, path: string): string | undefined => {
    if (text !== undefined && text.trim() === '') {
      out.add(path, 'must not be empty');
      return undefined;
    }
    return text;
  };
  if (typeof value === 'string') {
    const text = nonEmpty(readString(value, 'expr', limit, out), 'expr');
    return text === undefined ? undefined : [text];
  }
  if (!Array.isArray(value)) {
    out.add('expr', `must be a string or an array of strings, not ${describe(value)}`);
    return undefined;
  }
  if (value.length === 0) {
    out.add('expr', 'must not be an empty array (leave it out to plot only series)');
    return undefined;
  }
  if (value.length > plotSpecLimits.maxExpressions) {
    out.add('expr', `has ${value.length} expressions; the limit is ${plotSpecLimits.maxExpressions}`);
    return undefined;
  }
  const result: string[] = [];
  value.forEach((item, i) => {
    const text = nonEmpty(readString(item, `expr[${i}]`, limit, out), `expr[${i}]`);
    if (text !== undefined) result.push(text);
  });
  return result.length === value.length ? result : undefined;
}

function readFinite(value: unknown, path: string, out: Collector): number | undefined {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    out.add(path, `must be a finite number, not ${describe(value)}`);
    return undefined;
  }
  return value;
}

function readRange(value: unknown, out: Collector): [number, number] | undefined {
  if (!Array.isArray(value) || value.length !== 2) {
    out.add('range', `must be an array of two numbers [from, to], not ${Array.isArray(value) ? `an array of ${value.length}` : describe(value)}`);
    return undefined;
  }
  const before = out.count;
  const ends = value.map((v: unknown, i) => {
    const n = readFinite(v, `range[${i}]`, out);
    if (n !== undefined && Math.abs(n) > plotSpecLimits.maxAbsRange) {
      out.add(`range[${i}]`, `must lie within ±${plotSpecLimits.maxAbsRange}`);
    }
    return n;
  });
  if (out.count > before) return undefined;
  const [from, to] = ends as [number, number];
  if (!(from < to)) {
    out.add('range', `must run from a smaller to a larger number, not [${from}, ${to}]`);
    return undefined;
  }
  return [from, to];
}

function readPoints(value: unknown, out: Collector): number | undefined {
  const { minPoints, maxPoints } = plotSpecLimits;
  if (typeof value !== 'number' || !Number.isInteger(value)) {
    out.add('points', `must be a whole number, not ${describe(value)}`);
    return undefined;
  }
  if (value < minPoints || value > maxPoints) {
    out.add('points', `must be between ${minPoints} and ${maxPoints}, not ${value}`);
    return undefined;
  }
  return value;
}

function readDerivatives(value: unknown, out: Collector): (1 | 2)[] | undefined {
  if (!Array.isArray(value)) {
    out.add('derivatives', `must be an array such as [1, 2], not ${describe(value)}`);
    return undefined;
  }
  if (value.length > 2) {
    out.add('derivatives', `may list 1 and 2 only, not ${value.length} entries`);
    return undefined;
  }
  const orders = new Set<1 | 2>();
  for (let i = 0; i < value.length; i++) {
    const order: unknown = value[i];
    if (order !== 1 && order !== 2) {
      out.add(`derivatives[${i}]`, `must be 1 (f′) or 2 (f″), not ${describe(order)}`);
      return undefined;
    }
    orders.add(order);
  }
  return [...orders].sort();
}

function readParams(value: unknown, out: Collector): Record<string, number> | undefined {
  if (!isPlainObject(value)) {
    out.add('params', `must be an object of name: number, not ${describe(value)}`);
    return undefined;
  }
  const keys = Object.keys(value);
  if (keys.length > plotSpecLimits.maxParams) {
    out.add('params', `has ${keys.length} entries; the limit is ${plotSpecLimits.maxParams}`);
    return undefined;
  }
  const params = Object.create(null) as Record<string, number>;
  const before = out.count;
  for (const key of keys) {
    const path = join('params', key);
    if (key.length > plotSpecLimits.maxParamNameLength || !identifier.test(key)) {
      out.add(path, 'is not a parameter name (letters, digits and _, not starting with a digit, at most 64 characters)');
      continue;
    }
    if (reservedNames.has(key)) {
      out.add(path, `${quote(key)} is a reserved name, not a parameter`);
      continue;
    }
    const n = readFinite(value[key], path, out);
    if (n !== undefined) params[key] = n;
  }
  return out.count > before ? undefined : params;
}

function readFramework(value: unknown, out: Collector): Framework | undefined {
  if (typeof value !== 'string' || !frameworks.includes(value as Framework)) {
    out.add('framework', `must be one of ${frameworks.join(', ')}, not ${typeof value === 'string' ? quote(value) : describe(value)}`);
    return undefined;
  }
  return value as Framework;
}

function readSaturation(value: unknown, out: Collector): number | undefined {
  const n = readFinite(value, 'saturation', out);
  if (n !== undefined && (n < 0 || n > plotSpecLimits.maxSaturation)) {
    out.add('saturation', `must be between 0 and ${plotSpecLimits.maxSaturation} (a threshold on |f′|), not ${n}`);
    return undefined;
  }
  return n;
}

function readNumbers(value: unknown, path: string, allowNull: boolean, out: Collector): Float64Array | undefined {
  const limit = plotSpecLimits.maxSeriesPoints;
  if (!Array.isArray(value)) {
    out.add(path, `must be an array of numbers, not ${describe(value)}`);
    return undefined;
  }
  if (value.length > limit) {
    out.add(path, `has ${value.length} values; the limit is ${limit}`);
    return undefined;
  }
  const numbers = new Float64Array(value.length);
  for (let i = 0; i < value.length; i++) {
    const v: unknown = value[i];
    if (v === null && allowNull) {
      numbers[i] = NaN;
    } else if (typeof v === 'number' && Number.isFinite(v)) {
      numbers[i] = v;
    } else {
      // One message per array: a 20 000-element array of junk must not produce 20 000 errors.
      out.add(`${path}[${i}]`, `must be a finite number${allowNull ? ' or null (a gap)' : ''}, not ${describe(v)}`);
      return undefined;
    }
  }
  return numbers;
}

function readSeries(value: unknown, xLength: number | undefined, out: Collector): Series[] | undefined {
  if (!Array.isArray(value)) {
    out.add('series', `must be an array of { "name", "y" } objects, not ${describe(value)}`);
    return undefined;
  }
  if (value.length === 0 || value.length > plotSpecLimits.maxSeries) {
    out.add('series', `must hold 1 to ${plotSpecLimits.maxSeries} series, not ${value.length}`);
    return undefined;
  }
  const before = out.count;
  const series: Series[] = [];
  value.forEach((item: unknown, i) => {
    const path = `series[${i}]`;
    if (!isPlainObject(item)) {
      out.add(path, `must be an object { "name", "y" }, not ${describe(item)}`);
      return;
    }
    for (const key of Object.keys(item)) {
      if (!seriesFields.has(key)) out.add(join(path, key), 'is not a field of a series (expected name and y)');
    }
    if (!('name' in item)) out.add(`${path}.name`, 'is required');
    if (!('y' in item)) out.add(`${path}.y`, 'is required');
    const name = 'name' in item ? readString(item.name, `${path}.name`, plotSpecLimits.maxSeriesNameLength, out) : undefined;
    const y = 'y' in item ? readNumbers(item.y, `${path}.y`, true, out) : undefined;
    if (y && xLength !== undefined && y.length !== xLength) {
      out.add(`${path}.y`, `has ${y.length} values but x has ${xLength}`);
      return;
    }
    if (name !== undefined && y) series.push({ name, y });
  });
  return out.count > before ? undefined : series;
}

/**
 * Checks an untrusted payload (usually `outputItem.json()`) field by field. Never throws; on failure every error names
 * the field it is about, so the renderer can show "range[1]: must be a finite number, not NaN".
 */
export function validatePlotSpec(payload: unknown): PlotSpecResult {
  const out = new Collector();
  if (!isPlainObject(payload)) {
    out.add('', `the payload must be a JSON object, not ${describe(payload)}`);
    return { ok: false, errors: out.errors };
  }
  for (const key of Object.keys(payload)) {
    if (!knownFields.has(key)) {
      out.add(join('', key), `is not a field of ${actvizMime} (known: ${[...knownFields].join(', ')})`);
    }
  }
  const has = (key: string): boolean => Object.prototype.hasOwnProperty.call(payload, key);

  if (has('version') && payload.version !== 1) {
    out.add('version', `must be 1 (this renderer reads version 1), not ${describe(payload.version)}`);
  }
  const expr = has('expr') ? readExpressions(payload.expr, out) : undefined;
  const range = has('range') ? readRange(payload.range, out) : undefined;
  const points = has('points') ? readPoints(payload.points, out) : undefined;
  const derivatives = has('derivatives') ? readDerivatives(payload.derivatives, out) : undefined;
  const params = has('params') ? readParams(payload.params, out) : undefined;
  const framework = has('framework') ? readFramework(payload.framework, out) : undefined;
  const saturation = has('saturation') ? readSaturation(payload.saturation, out) : undefined;
  const title = has('title') ? readString(payload.title, 'title', plotSpecLimits.maxTitleLength, out) : undefined;

  let data: PlotSpec['data'];
  if (has('x') || has('series')) {
    if (!has('x')) out.add('x', 'is required when series are given');
    if (!has('series')) out.add('series', 'is required when x is given');
    const x = has('x') ? readNumbers(payload.x, 'x', false, out) : undefined;
    if (x && x.length < 2) out.add('x', `must hold at least 2 values, not ${x.length}`);
    const series = has('series') ? readSeries(payload.series, x?.length, out) : undefined;
    if (x && series) data = { x, series };
  }
  if (!has('expr') && !has('x') && !has('series')) {
    out.add('expr', 'is required (or give x and series to plot precomputed data)');
  }

  if (out.count > 0) return { ok: false, errors: out.errors };
  const spec: PlotSpec = {
    version: 1,
    expr: expr ?? [],
    ...(range && { range }),
    points: points ?? plotSpecLimits.defaultPoints,
    derivatives: derivatives ?? [1],
    params: params ?? (Object.create(null) as Record<string, number>),
    ...(framework && { framework }),
    ...(saturation !== undefined && saturation > 0 && { saturation }),
    ...(title !== undefined && { title }),
    ...(data && { data }),
  };
  return { ok: true, spec };
}

/** "range[1]: must be a finite number, not NaN" — one line per error. */
export function formatPlotSpecErrors(errors: readonly PlotSpecError[]): string {
  return errors.map((e) => (e.path ? `${e.path}: ${e.message}` : e.message)).join('\n');
}

/**
 * Arguments the plot commands accept from code (hover links, notebooks, tests, keybindings), checked like any other
 * untrusted input. `command:` URIs pass a JSON object as the first argument; a bare string is an expression.
 */
import type { Framework } from '../../core/index';
import { frameworks, modelLimits, validateParams, validateRange } from '../../shared/plotModel';
import type { Validation } from '../../shared/plotModel';
import { exportFormats } from '../../shared/messages';
import type { ExportFormat } from '../../shared/messages';

export interface PlotArgs {
  readonly expr: readonly string[];
  readonly range?: readonly [number, number];
  readonly params?: Readonly<Record<string, number>>;
  readonly framework?: Framework;
  readonly title?: string;
  /** Open a new panel even when the setting says reuse (e.g. a second, independent plot). */
  readonly newPanel?: boolean;
}

export interface CompareArgs {
  /** Catalogue function or any alias of it ('leaky_relu', 'nn.GELU'). */
  readonly fn: string;
  readonly range?: readonly [number, number];
}

export interface ExportArgs {
  readonly format?: ExportFormat;
  /** Where to write, skipping the save dialog (a file path or URI string). */
  readonly target?: string;
  readonly width?: number;
  readonly height?: number;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function own(record: Record<string, unknown>, key: string): unknown {
  return Object.prototype.hasOwnProperty.call(record, key) ? record[key] : undefined;
}

const fail = <T>(error: string): Validation<T> => ({ ok: false, error });

function expressions(value: unknown): Validation<string[]> {
  const list = typeof value === 'string' ? [value] : value;
  if (!Array.isArray(list) || list.length === 0 || list.length > modelLimits.maxSeries) {
    return fail(`expr must be an expression or a list of 1 to ${modelLimits.maxSeries} expressions`);
  }
  for (const e of list) {
    if (typeof e !== 'string' || e.trim() === '' || e.length > modelLimits.maxExpressionLength) return fail('expr must hold non-empty strings');
  }
  return { ok: true, value: list as string[] };
}

function rangeOf(args: Record<string, unknown>): Validation<[number, number] | undefined> {
  const range = own(args, 'range');
  if (range !== undefined) return validateRange(range, 'range');
  const from = own(args, 'from');
  const to = own(args, 'to');
  if (from === undefined && to === undefined) return { ok: true, value: undefined };
  if (from === undefined || to === undefined) return fail('give both from and to');
  return validateRange([from, to], 'from/to');
}

/** `undefined` arguments (palette use) give `undefined`: ask the user. */
export function parsePlotArgs(value: unknown): Validation<PlotArgs | undefined> {
  if (value === undefined || value === null) return { ok: true, value: undefined };
  if (typeof value === 'string') {
    const e = expressions(value);
    return e.ok ? { ok: true, value: { expr: e.value } } : e;
  }
  if (!isRecord(value)) return fail('expected { expr, from?, to?, params?, framework? }');
  const e = expressions(own(value, 'expr'));
  if (!e.ok) return e;
  const range = rangeOf(value);
  if (!range.ok) return range;
  const args: { -readonly [K in keyof PlotArgs]: PlotArgs[K] } = { expr: e.value };
  if (range.value) args.range = range.value;
  const params = own(value, 'params');
  if (params !== undefined) {
    const p = validateParams(params, 'params');
    if (!p.ok) return p;
    args.params = p.value;
  }
  const framework = own(value, 'framework');
  if (framework !== undefined) {
    if (!frameworks.includes(framework as Framework)) return fail(`framework must be one of ${frameworks.join(', ')}`);
    args.framework = framework as Framework;
  }
  const title = own(value, 'title');
  if (title !== undefined) {
    if (typeof title !== 'string' || title.length > modelLimits.maxTitleLength) return fail('title must be a short string');
    args.title = title;
  }
  const newPanel = own(value, 'newPanel');
  if (newPanel !== undefined) {
    if (typeof newPanel !== 'boolean') return fail('newPanel must be true or false');
    args.newPanel = newPanel;
  }
  return { ok: true, value: args };
}

/** Accepts `{ fn }` (hover links), `{ expr }`, or a bare name. */
export function parseCompareArgs(value: unknown): Validation<CompareArgs | undefined> {
  if (value === undefined || value === null) return { ok: true, value: undefined };
  if (typeof value === 'string') return value.trim() && value.length <= 200 ? { ok: true, value: { fn: value.trim() } } : fail('fn must be a function name');
  if (!isRecord(value)) return fail('expected { fn, from?, to? }');
  const fn = own(value, 'fn') ?? own(value, 'expr') ?? own(value, 'name');
  if (typeof fn !== 'string' || fn.trim() === '' || fn.length > 200) return fail('fn must be a function name');
  const range = rangeOf(value);
  if (!range.ok) return range;
  return { ok: true, value: { fn: fn.trim(), ...(range.value ? { range: range.value } : {}) } };
}

export function parseExportArgs(value: unknown): Validation<ExportArgs> {
  if (value === undefined || value === null) return { ok: true, value: {} };
  if (typeof value === 'string') {
    return (exportFormats as readonly string[]).includes(value) ? { ok: true, value: { format: value as ExportFormat } } : fail('format must be png, svg or csv');
  }
  if (!isRecord(value)) return fail('expected { format?, target? }');
  const out: { -readonly [K in keyof ExportArgs]: ExportArgs[K] } = {};
  const format = own(value, 'format');
  if (format !== undefined) {
    if (!(exportFormats as readonly unknown[]).includes(format)) return fail('format must be png, svg or csv');
    out.format = format as ExportFormat;
  }
  const target = own(value, 'target') ?? own(value, 'uri');
  if (target !== undefined) {
    const text = typeof target === 'string' ? target : isRecord(target) && typeof target.toString === 'function' ? String(target) : undefined;
    if (!text || text.length > 4096) return fail('target must be a file path or URI');
    out.target = text;
  }
  for (const key of ['width', 'height'] as const) {
    const v = own(value, key);
    if (v === undefined) continue;
    if (typeof v !== 'number' || !Number.isInteger(v) || v < 50 || v > 8000) return fail(`${key} must be a whole number from 50 to 8000`);
    out[key] = v;
  }
  return { ok: true, value: out };
}

import type { Framework, Order } from '../core/index';

/** Where a piece of the command line sits: argument `index` of argv, characters [start, end) of it. */
export interface ArgRef {
  readonly index: number;
  readonly start: number;
  readonly end: number;
}

/** Bad command-line input: a message for people and the argument it is about (absent: the whole line). */
export class UsageError extends Error {
  constructor(message: string, readonly ref?: ArgRef) {
    super(message);
    this.name = 'UsageError';
  }
}

export interface GridRequest {
  readonly from: number;
  readonly to: number;
  readonly points: number;
}

interface ExpressionCommon {
  readonly expression: string;
  readonly expressionRef: ArgRef;
  readonly order: Order;
  /** Parameter overrides by name, each with the argument that set it (to point at it if the name is unknown). */
  readonly params: ReadonlyMap<string, { readonly value: number; readonly ref: ArgRef }>;
  readonly framework?: Framework;
}

export interface EvalCommand extends ExpressionCommon {
  readonly kind: 'eval';
  readonly at?: readonly number[];
  readonly grid: GridRequest;
  readonly format: 'json' | 'csv';
}

export interface PlotCommand extends ExpressionCommon {
  readonly kind: 'plot';
  /** Unset when --from/--to were not given: the plot then picks the activation's own range. */
  readonly from?: number;
  readonly to?: number;
  readonly points: number;
  /** Output file; undefined or '-' writes to standard output. */
  readonly svg?: string;
  readonly svgRef?: ArgRef;
  readonly width: number;
  readonly height: number;
  /** Ref of --to (or --from) so a range problem found later can point at it. */
  readonly rangeRef?: ArgRef;
}

export interface ListCommand {
  readonly kind: 'list';
  readonly format: 'table' | 'json';
}

export type Command = { readonly kind: 'help' } | EvalCommand | PlotCommand | ListCommand;

export const FRAMEWORKS: readonly Framework[] = ['torch', 'tf', 'keras', 'jax', 'keras2', 'flax', 'tfjs', 'hf'];
export const MAX_POINTS = 10_000_000;
export const MAX_PLOT_POINTS = 100_000;
export const DEFAULT_EVAL_GRID: GridRequest = { from: -5, to: 5, points: 101 };
export const DEFAULT_PLOT_POINTS = 801;

type CommandName = 'eval' | 'plot' | 'list';
const COMMANDS: readonly CommandName[] = ['eval', 'plot', 'list'];

/** Options that take a value; every other option is a flag. */
const VALUE_OPTIONS = new Set(['at', 'from', 'to', 'points', 'order', 'param', 'framework', 'svg', 'width', 'height']);
const REPEATABLE = new Set(['param']);

const OPTIONS_OF: Readonly<Record<CommandName, readonly string[]>> = {
  eval: ['at', 'from', 'to', 'points', 'order', 'json', 'csv', 'param', 'framework'],
  plot: ['from', 'to', 'points', 'order', 'svg', 'width', 'height', 'param', 'framework'],
  list: ['json'],
};

interface OptionValue {
  readonly value: string;
  /** The option itself (`--from` or `--from=-5`). */
  readonly optionRef: ArgRef;
  /** Its value, inside the same argument (`--from=-5`) or the next one. */
  readonly valueRef: ArgRef;
}

interface RawArgs {
  readonly command: CommandName;
  readonly positionals: { readonly value: string; readonly ref: ArgRef }[];
  readonly options: Map<string, OptionValue[]>;
}

const wholeArg = (argv: readonly string[], index: number): ArgRef => ({ index, start: 0, end: argv[index].length });
const endOfLine = (argv: readonly string[]): ArgRef => ({ index: argv.length, start: 0, end: 0 });

/** Reads the command line; throws `UsageError` pointing at the offending argument. */
export function parseArgs(argv: readonly string[]): Command {
  if (argv.length === 0) return { kind: 'help' };
  const dashDash = argv.indexOf('--');
  const options = dashDash < 0 ? argv : argv.slice(0, dashDash);
  if (options.includes('--help') || options.includes('-h') || argv[0] === 'help') return { kind: 'help' };

  const raw = readRaw(argv);
  switch (raw.command) {
    case 'eval':
      return evalCommand(argv, raw);
    case 'plot':
      return plotCommand(argv, raw);
    case 'list':
      return listCommand(raw);
  }
}

function readRaw(argv: readonly string[]): RawArgs {
  const name = argv[0];
  const command = COMMANDS.find((c) => c === name);
  if (command === undefined) {
    if (name.startsWith('-')) {
      throw new UsageError(`expected a command (eval, plot or list) before '${name}'`, wholeArg(argv, 0));
    }
    const guess = closest(name, COMMANDS);
    const hint = guess ? ` (did you mean '${guess}'?)` : ' (expected eval, plot or list)';
    throw new UsageError(`unknown command '${name}'${hint}`, wholeArg(argv, 0));
  }

  const allowed = OPTIONS_OF[command];
  const positionals: RawArgs['positionals'] = [];
  const options = new Map<string, OptionValue[]>();
  let onlyPositionals = false;
  for (let i = 1; i < argv.length; i++) {
    const arg = argv[i];
    if (onlyPositionals || !arg.startsWith('--') || arg === '-') {
      positionals.push({ value: arg, ref: wholeArg(argv, i) });
      continue;
    }
    if (arg === '--') {
      onlyPositionals = true;
      continue;
    }
    const eq = arg.indexOf('=');
    const name = arg.slice(2, eq < 0 ? undefined : eq);
    const optionRef: ArgRef = { index: i, start: 0, end: eq < 0 ? arg.length : eq };
    if (!allowed.includes(name)) throw unknownOption(command, name, optionRef);

    let entry: OptionValue;
    if (VALUE_OPTIONS.has(name)) {
      if (eq >= 0) {
        entry = { value: arg.slice(eq + 1), optionRef, valueRef: { index: i, start: eq + 1, end: arg.length } };
      } else {
        const next = argv[i + 1];
        if (next === undefined || (next.startsWith('--') && !looksNumeric(next))) {
          throw new UsageError(`missing value for --${name}`, next === undefined ? endOfLine(argv) : optionRef);
        }
        i++;
        entry = { value: next, optionRef, valueRef: wholeArg(argv, i) };
      }
      if (entry.value === '') throw new UsageError(`missing value for --${name}`, optionRef);
    } else {
      if (eq >= 0) throw new UsageError(`option --${name} takes no value`, { index: i, start: 0, end: arg.length });
      entry = { value: '', optionRef, valueRef: optionRef };
    }

    const seen = options.get(name);
    if (seen && !REPEATABLE.has(name)) throw new UsageError(`option --${name} given twice`, optionRef);
    if (seen) seen.push(entry);
    else options.set(name, [entry]);
  }
  return { command, positionals, options };
}

function unknownOption(command: CommandName, name: string, ref: ArgRef): UsageError {
  const elsewhere = COMMANDS.filter((c) => c !== command && OPTIONS_OF[c].includes(name));
  if (elsewhere.length > 0) {
    return new UsageError(`option --${name} applies to '${elsewhere.join("' and '")}', not '${command}'`, ref);
  }
  const guess = closest(name, OPTIONS_OF[command]);
  const hint = guess ? ` (did you mean --${guess}?)` : '';
  return new UsageError(`unknown option '--${name}' for '${command}'${hint}`, ref);
}

function expressionOf(argv: readonly string[], command: CommandName, raw: RawArgs): { expression: string; expressionRef: ArgRef } {
  const [first, second] = raw.positionals;
  if (first === undefined) {
    throw new UsageError(`'${command}' needs an expression, e.g. actviz ${command} "x*sigmoid(x)"`, endOfLine(argv));
  }
  if (second !== undefined) {
    throw new UsageError(`unexpected argument '${second.value}' (quote the whole expression)`, second.ref);
  }
  return { expression: first.value, expressionRef: first.ref };
}

function single(raw: RawArgs, name: string): OptionValue | undefined {
  return raw.options.get(name)?.[0];
}

function commonOf(argv: readonly string[], command: CommandName, raw: RawArgs, defaultOrder: Order) {
  const { expression, expressionRef } = expressionOf(argv, command, raw);
  const orderOption = single(raw, 'order');
  const order = orderOption ? parseOrder(orderOption) : defaultOrder;
  const frameworkOption = single(raw, 'framework');
  let framework: Framework | undefined;
  if (frameworkOption) {
    framework = FRAMEWORKS.find((f) => f === frameworkOption.value);
    if (framework === undefined) {
      throw new UsageError(
        `unknown framework '${frameworkOption.value}' (expected ${FRAMEWORKS.slice(0, 4).join(', ')})`,
        frameworkOption.valueRef,
      );
    }
  }
  const params = new Map<string, { value: number; ref: ArgRef }>();
  for (const option of raw.options.get('param') ?? []) {
    const { name, value } = parseParam(option);
    if (params.has(name)) throw new UsageError(`parameter '${name}' given twice`, option.valueRef);
    params.set(name, { value, ref: option.valueRef });
  }
  return { expression, expressionRef, order, framework, params };
}

function evalCommand(argv: readonly string[], raw: RawArgs): EvalCommand {
  const common = commonOf(argv, 'eval', raw, 1);
  const json = single(raw, 'json');
  const csv = single(raw, 'csv');
  if (json && csv) {
    const later = json.optionRef.index > csv.optionRef.index ? json : csv;
    throw new UsageError('choose one output format: --json or --csv', later.optionRef);
  }
  const atOption = single(raw, 'at');
  const gridOption = single(raw, 'from') ?? single(raw, 'to') ?? single(raw, 'points');
  if (atOption && gridOption) {
    const later = atOption.optionRef.index > gridOption.optionRef.index ? atOption : gridOption;
    throw new UsageError('use either --at or --from/--to/--points, not both', later.optionRef);
  }
  const at = atOption ? parseList(atOption) : undefined;
  const { from, to } = readRange(raw, DEFAULT_EVAL_GRID.from, DEFAULT_EVAL_GRID.to);
  const pointsOption = single(raw, 'points');
  const points = pointsOption ? parsePoints(pointsOption, MAX_POINTS) : DEFAULT_EVAL_GRID.points;
  return { kind: 'eval', ...common, at, grid: { from, to, points }, format: csv ? 'csv' : 'json' };
}

function plotCommand(argv: readonly string[], raw: RawArgs): PlotCommand {
  const common = commonOf(argv, 'plot', raw, 1);
  const fromOption = single(raw, 'from');
  const toOption = single(raw, 'to');
  const range = fromOption || toOption ? readRange(raw, -5, 5) : undefined;
  const pointsOption = single(raw, 'points');
  const points = pointsOption ? parsePoints(pointsOption, MAX_PLOT_POINTS) : DEFAULT_PLOT_POINTS;
  const svgOption = single(raw, 'svg');
  const widthOption = single(raw, 'width');
  const heightOption = single(raw, 'height');
  return {
    kind: 'plot',
    ...common,
    from: range?.from,
    to: range?.to,
    points,
    svg: svgOption?.value,
    svgRef: svgOption?.valueRef,
    width: widthOption ? parseInteger(widthOption, 200, 4000) : 800,
    height: heightOption ? parseInteger(heightOption, 150, 3000) : 450,
    rangeRef: (toOption ?? fromOption)?.valueRef,
  };
}

function listCommand(raw: RawArgs): ListCommand {
  const extra = raw.positionals[0];
  if (extra) throw new UsageError(`unexpected argument '${extra.value}' ('list' takes no expression)`, extra.ref);
  return { kind: 'list', format: single(raw, 'json') ? 'json' : 'table' };
}

function readRange(raw: RawArgs, defaultFrom: number, defaultTo: number): { from: number; to: number } {
  const fromOption = single(raw, 'from');
  const toOption = single(raw, 'to');
  const from = fromOption ? parseFinite(fromOption) : defaultFrom;
  const to = toOption ? parseFinite(toOption) : defaultTo;
  if (!(from < to)) {
    const ref = (toOption ?? fromOption)?.valueRef;
    throw new UsageError(`--from (${from}) must be less than --to (${to})`, ref);
  }
  return { from, to };
}

const NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;
const INFINITY = /^([+-]?)(?:inf|infinity)$/i;

function looksNumeric(text: string): boolean {
  return NUMBER.test(text.trim());
}

/** A decimal number as written in code; `inf`, `-inf`, `Infinity` and `nan` too when `allowNonFinite`. */
export function parseNumber(text: string, allowNonFinite: boolean): number | undefined {
  const t = text.trim();
  if (NUMBER.test(t)) {
    const n = Number(t);
    return allowNonFinite || Number.isFinite(n) ? n : undefined;
  }
  if (!allowNonFinite) return undefined;
  const inf = INFINITY.exec(t);
  if (inf) return inf[1] === '-' ? -Infinity : Infinity;
  if (/^nan$/i.test(t)) return NaN;
  return undefined;
}

function parseFinite(option: OptionValue): number {
  const n = parseNumber(option.value, false);
  if (n === undefined) {
    const what = parseNumber(option.value, true) === undefined ? 'not a number' : 'must be finite';
    throw new UsageError(`bad number '${option.value}': ${what}`, option.valueRef);
  }
  return n;
}

function parseInteger(option: OptionValue, min: number, max: number): number {
  const n = parseNumber(option.value, false);
  if (n === undefined || !Number.isInteger(n)) {
    throw new UsageError(`bad number '${option.value}': expected a whole number from ${min} to ${max}`, option.valueRef);
  }
  if (n < min || n > max) throw new UsageError(`${n} is out of range: expected ${min} to ${max}`, option.valueRef);
  return n;
}

function parsePoints(option: OptionValue, max: number): number {
  const n = parseNumber(option.value, false);
  if (n === undefined || !Number.isInteger(n)) {
    throw new UsageError(`bad number '${option.value}': --points takes a whole number from 2 to ${max}`, option.valueRef);
  }
  if (n < 2 || n > max) throw new UsageError(`--points ${n} is out of range: expected 2 to ${max}`, option.valueRef);
  return n;
}

function parseOrder(option: OptionValue): Order {
  const v = option.value.trim();
  if (v === '0' || v === '1' || v === '2') return Number(v) as Order;
  throw new UsageError(`bad order '${option.value}': expected 0, 1 or 2`, option.valueRef);
}

/** `--at -1,0,0.5`: each item checked, the caret points at the bad one. */
function parseList(option: OptionValue): number[] {
  const values: number[] = [];
  const base = option.valueRef.start;
  let start = 0;
  const text = option.value;
  for (;;) {
    const comma = text.indexOf(',', start);
    const end = comma < 0 ? text.length : comma;
    const item = text.slice(start, end);
    const ref: ArgRef = { index: option.valueRef.index, start: base + start, end: base + end };
    if (item.trim() === '') throw new UsageError('empty value in --at (expected numbers separated by commas)', ref);
    const n = parseNumber(item, true);
    if (n === undefined) throw new UsageError(`bad number '${item.trim()}' in --at`, ref);
    values.push(n);
    if (values.length > MAX_POINTS) throw new UsageError(`--at takes at most ${MAX_POINTS} values`, ref);
    if (comma < 0) return values;
    start = comma + 1;
  }
}

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

function parseParam(option: OptionValue): { name: string; value: number } {
  const text = option.value;
  const eq = text.indexOf('=');
  const base = option.valueRef.start;
  const index = option.valueRef.index;
  if (eq < 0) throw new UsageError(`bad parameter '${text}': expected name=value, e.g. negative_slope=0.2`, option.valueRef);
  const name = text.slice(0, eq).trim();
  if (!IDENTIFIER.test(name)) {
    throw new UsageError(`bad parameter name '${name}'`, { index, start: base, end: base + Math.max(eq, 1) });
  }
  const valueText = text.slice(eq + 1);
  const value = parseNumber(valueText, false);
  const valueRef: ArgRef = { index, start: base + eq + 1, end: base + text.length };
  if (valueText.trim() === '') throw new UsageError(`missing value for parameter '${name}'`, valueRef);
  if (value === undefined) throw new UsageError(`bad number '${valueText.trim()}' for parameter '${name}'`, valueRef);
  return { name, value };
}

/** The candidate within edit distance 2 of `word`, if one is clearly closest. */
export function closest(word: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = 3;
  for (const c of candidates) {
    const d = editDistance(word.toLowerCase(), c.toLowerCase());
    if (d < bestDistance) {
      best = c;
      bestDistance = d;
    }
  }
  return best;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost);
    }
    previous = current;
  }
  return previous[b.length];
}

/**
 * The cell language of the ActViz notebook kernel: one expression per line (overlaid in one plot), `#` comments and
 * `%` directives. Turns a cell into notebook payloads or into errors that point at a line and column of the cell.
 *
 *     # Leaky ReLU in two frameworks
 *     %range -4 4
 *     %params negative_slope=0.1
 *     %derivatives 1 2
 *     F.leaky_relu(x)
 *     tf.nn.leaky_relu(x)      # TensorFlow's default slope is 0.2
 *
 * Expressions with x share one output; each expression without x (`softmax([1, 2, 3] / T)`) gets an output of its own.
 */
import { compile, ExpressionError } from '../core/index';
import type { Framework, Span } from '../core/index';
import { compileSpec, expressionErrorName } from './compileSpec';
import type { PlotSpecJson } from './plotSpec';
import { validatePlotSpec } from './plotSpec';

/** A problem in a cell, located in the cell's text (0-based line and column, UTF-16). */
export interface CellError {
  /** 'ParseError', 'ResolveError', 'LimitError' from the core, or 'DirectiveError'. */
  readonly name: string;
  readonly message: string;
  readonly line: number;
  readonly column: number;
  /** Characters to underline (at least 1). */
  readonly length: number;
}

export type CellResult =
  | { readonly ok: true; readonly payloads: readonly PlotSpecJson[] }
  | { readonly ok: false; readonly errors: readonly CellError[] };

export const directiveNames = ['range', 'params', 'points', 'derivatives', 'saturation', 'title', 'framework'] as const;
type DirectiveName = (typeof directiveNames)[number];

interface Located {
  readonly text: string;
  readonly line: number;
  /** Column of `text`'s first character in its line. */
  readonly column: number;
}

interface ParsedCell {
  readonly expressions: Located[];
  readonly directives: Map<DirectiveName, Located & { readonly args: string }>;
  readonly errors: CellError[];
  readonly payload: PlotSpecJson;
}

const numberPattern = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

/** Where a `#` comment starts outside quotes, or the line's length. */
function commentStart(line: string): number {
  let quote: string | undefined;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quote) {
      if (c === quote) quote = undefined;
    } else if (c === '"' || c === "'") {
      quote = c;
    } else if (c === '#') {
      return i;
    }
  }
  return line.length;
}

function trimmed(line: string, lineNo: number, end: number): Located {
  const head = line.slice(0, end);
  const start = head.length - head.trimStart().length;
  return { text: head.trim(), line: lineNo, column: start };
}

function directiveError(at: Located, message: string): CellError {
  return { name: 'DirectiveError', message, line: at.line, column: at.column, length: Math.max(1, at.text.length) };
}

function parseNumber(token: string): number | undefined {
  return numberPattern.test(token) ? Number(token) : undefined;
}

/** Tokens of a directive's arguments: whitespace or commas separate; brackets around a list are allowed. */
function tokens(args: string): string[] {
  return args.replace(/^\[|\]$/g, '').split(/[\s,]+/).filter((t) => t.length > 0);
}

function applyDirective(name: DirectiveName, at: Located & { args: string }, payload: PlotSpecJson, errors: CellError[]): void {
  const args = tokens(at.args);
  const fail = (message: string) => errors.push(directiveError(at, message));
  switch (name) {
    case 'range': {
      const ends = args.map(parseNumber);
      if (ends.length !== 2 || ends.some((n) => n === undefined)) {
        fail(`%range takes two numbers, as in '%range -4 4', not '${at.args}'`);
        return;
      }
      payload.range = ends as [number, number];
      return;
    }
    case 'points': {
      const n = args.length === 1 ? parseNumber(args[0]) : undefined;
      if (n === undefined) {
        fail(`%points takes one whole number, as in '%points 500', not '${at.args}'`);
        return;
      }
      payload.points = n;
      return;
    }
    case 'derivatives': {
      if (args.length === 1 && (args[0] === 'none' || args[0] === '0')) {
        payload.derivatives = [];
        return;
      }
      const orders = args.map(parseNumber);
      if (orders.some((n) => n !== 1 && n !== 2)) {
        fail(`%derivatives takes 1 and/or 2 (or 'none'), as in '%derivatives 1 2', not '${at.args}'`);
        return;
      }
      payload.derivatives = orders as (1 | 2)[];
      return;
    }
    case 'params': {
      const params: Record<string, number> = Object.create(null) as Record<string, number>;
      const pairs = at.args.replace(/\s*=\s*/g, '=').split(/[\s,]+/).filter((t) => t.length > 0);
      if (pairs.length === 0) {
        fail("%params takes name=value pairs, as in '%params negative_slope=0.1 T=0.5'");
        return;
      }
      for (const pair of pairs) {
        const [key, value, ...rest] = pair.split('=');
        const n = value === undefined ? undefined : parseNumber(value);
        if (rest.length > 0 || !key || n === undefined) {
          fail(`%params takes name=value pairs with numeric values, as in '%params negative_slope=0.1'; '${pair}' is not one`);
          return;
        }
        params[key] = n;
      }
      payload.params = params;
      return;
    }
    case 'saturation': {
      const n = args.length === 1 ? parseNumber(args[0]) : undefined;
      if (n === undefined) {
        fail(`%saturation takes one threshold on |f′|, as in '%saturation 0.01', not '${at.args}'`);
        return;
      }
      payload.saturation = n;
      return;
    }
    case 'title':
      payload.title = at.args.trim();
      return;
    case 'framework':
      if (args.length !== 1) {
        fail(`%framework takes one name such as torch, tf, keras or jax, not '${at.args}'`);
        return;
      }
      payload.framework = args[0] as Framework;
      return;
  }
}

function parseCell(text: string): ParsedCell {
  const expressions: Located[] = [];
  const directives: ParsedCell['directives'] = new Map();
  const errors: CellError[] = [];
  const payload: PlotSpecJson = { version: 1 };
  text.split(/\r?\n/).forEach((line, lineNo) => {
    const bare = line.trimStart();
    if (bare.startsWith('%')) {
      // %title keeps its '#' characters ("Layer #3"); other directives allow trailing comments.
      const isTitle = /^%title\b/.test(bare);
      const at = trimmed(line, lineNo, isTitle ? line.length : commentStart(line));
      const match = /^%([A-Za-z_]\w*)\s*(.*)$/s.exec(at.text);
      const name = match?.[1] ?? '';
      if (!(directiveNames as readonly string[]).includes(name)) {
        errors.push(directiveError(at, `unknown directive '%${name}' (known: ${directiveNames.map((d) => `%${d}`).join(', ')})`));
        return;
      }
      const directive = { ...at, args: match?.[2] ?? '' };
      const earlier = directives.get(name as DirectiveName);
      if (earlier) {
        errors.push(directiveError(at, `%${name} is given twice (first on line ${earlier.line + 1})`));
        return;
      }
      directives.set(name as DirectiveName, directive);
      applyDirective(name as DirectiveName, directive, payload, errors);
      return;
    }
    const expression = trimmed(line, lineNo, commentStart(line));
    if (expression.text) expressions.push(expression);
  });
  return { expressions, directives, errors, payload };
}

/** The cell position a payload path refers to: a directive's line, or an expression (with an offset into it). */
function locate(cell: ParsedCell, lines: readonly Located[], path: string, span?: Span): Omit<CellError, 'name' | 'message'> {
  const exprIndex = /^expr\[(\d+)\]/.exec(path);
  if (exprIndex) {
    const at = lines[Number(exprIndex[1])];
    if (span) {
      const start = Math.min(Math.max(0, span.start), at.text.length);
      const end = Math.min(Math.max(start, span.end), at.text.length);
      return { line: at.line, column: at.column + start, length: Math.max(1, end - start) };
    }
    return { line: at.line, column: at.column, length: Math.max(1, at.text.length) };
  }
  const field = /^[a-z]+/.exec(path)?.[0] as DirectiveName | undefined;
  const directive = field && cell.directives.get(field);
  if (directive) return { line: directive.line, column: directive.column, length: Math.max(1, directive.text.length) };
  const first = lines[0] ?? cell.expressions[0];
  return first ? { line: first.line, column: first.column, length: Math.max(1, first.text.length) } : { line: 0, column: 0, length: 1 };
}

/** Validates and compiles one payload built from `lines` (only validates with `compileToo` false); errors are placed in the cell. */
function check(cell: ParsedCell, lines: readonly Located[], payload: PlotSpecJson, compileToo = true): CellError[] {
  const validated = validatePlotSpec(payload);
  if (!validated.ok) {
    return validated.errors.map((e) => ({ name: 'DirectiveError', message: describePath(e.path, e.message), ...locate(cell, lines, e.path) }));
  }
  if (!compileToo) return [];
  const compiled = compileSpec(validated.spec);
  if (compiled.ok) return [];
  return compiled.problems.map((p) => ({
    name: p.kind,
    message: p.path.startsWith('expr[') ? p.message : describePath(p.path, p.message),
    ...locate(cell, lines, p.path, p.span),
  }));
}

/** 'range[1]: must be …' reads as '%range[1]: must be …' in a cell. */
function describePath(path: string, message: string): string {
  const field = /^[a-z]+/.exec(path)?.[0];
  if (field && (directiveNames as readonly string[]).includes(field)) return `%${path}: ${message}`;
  return path ? `${path}: ${message}` : message;
}

/**
 * Parses a cell and compiles its expressions. Never throws. An empty cell (only comments and directives) gives no
 * payloads; otherwise one payload for all expressions with x, then one per expression without x. Each payload carries
 * only the %params its own expressions use.
 */
export function runCell(text: string): CellResult {
  const cell = parseCell(text);
  if (cell.errors.length > 0) return { ok: false, errors: cell.errors };

  // Directives first, against a placeholder expression, so their errors point at their own lines.
  const directivesOnly = check(cell, [], { ...cell.payload, expr: 'x' }, false);
  if (directivesOnly.length > 0) return { ok: false, errors: directivesOnly };
  if (cell.expressions.length === 0) return { ok: true, payloads: [] };

  const params = cell.payload.params ?? {};
  const curves: Located[] = [];
  const values: Located[] = [];
  const used = new Map<Located, Set<string>>();
  const errors: CellError[] = [];
  for (const line of cell.expressions) {
    try {
      const compiled = compile(line.text, { params, ...(cell.payload.framework && { framework: cell.payload.framework }) });
      (compiled.kind === 'value' ? values : curves).push(line);
      used.set(line, new Set(compiled.parameters.map((p) => p.name)));
    } catch (error) {
      const span = error instanceof ExpressionError ? error.span : undefined;
      const name = error instanceof ExpressionError ? expressionErrorName(error) : 'Error';
      const message = error instanceof Error ? error.message : String(error);
      errors.push({ name, message, ...locate(cell, [line], 'expr[0]', span) });
    }
  }
  if (errors.length > 0) return { ok: false, errors };

  const unused = Object.keys(params).filter((name) => !cell.expressions.some((line) => used.get(line)?.has(name)));
  if (unused.length > 0) {
    const at = cell.directives.get('params') ?? cell.expressions[0];
    const list = unused.map((n) => `'${n}'`).join(', ');
    return { ok: false, errors: [directiveError(at, `%params: no expression in this cell has a parameter named ${list}`)] };
  }

  const groups = [...(curves.length > 0 ? [curves] : []), ...values.map((v) => [v])];
  const payloads: PlotSpecJson[] = [];
  for (const group of groups) {
    const payload: PlotSpecJson = { ...cell.payload, expr: group.length === 1 ? group[0].text : group.map((l) => l.text) };
    const own = Object.keys(params).filter((name) => group.some((line) => used.get(line)?.has(name)));
    if (own.length > 0) payload.params = Object.fromEntries(own.map((name) => [name, params[name]]));
    else delete payload.params;
    const problems = check(cell, group, payload);
    if (problems.length > 0) return { ok: false, errors: problems };
    payloads.push(payload);
  }
  return { ok: true, payloads };
}

/**
 * The error as people read it in a cell output:
 *
 *     line 2, column 1: unknown function 'gleu' (did you mean 'gelu'?)
 *       gleu(x)
 *       ^^^^
 */
export function formatCellError(text: string, error: CellError): string {
  const source = text.split(/\r?\n/)[error.line] ?? '';
  const caret = ' '.repeat(error.column) + '^'.repeat(Math.max(1, Math.min(error.length, source.length - error.column || 1)));
  return `line ${error.line + 1}, column ${error.column + 1}: ${error.message}\n  ${source}\n  ${caret}`;
}

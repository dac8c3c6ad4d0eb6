import type { ActivationInfo, Order, Samples, Span } from '../core/index';
import type { ArgRef } from './args';

/** Receives output in pieces, so ten million points never become one giant string. */
export type Write = (chunk: string) => void;

/**
 * A number exactly as JSON.stringify writes it (shortest round-trip form); non-finite values as the strings
 * "NaN", "Infinity", "-Infinity", which JSON cannot otherwise hold.
 */
export function jsonNumber(n: number): string {
  return Number.isFinite(n) ? JSON.stringify(n) : `"${String(n)}"`;
}

/** The same number for CSV: shortest round-trip form, bare NaN / Infinity / -Infinity. */
export function csvNumber(n: number): string {
  return Number.isFinite(n) ? JSON.stringify(n) : String(n);
}

/** Collects small pieces and hands them on in chunks of about 64 KiB. */
export function chunked(write: Write): { push(text: string): void; flush(): void } {
  let buffer = '';
  return {
    push(text) {
      buffer += text;
      if (buffer.length >= 65536) {
        write(buffer);
        buffer = '';
      }
    },
    flush() {
      if (buffer.length > 0) write(buffer);
      buffer = '';
    },
  };
}

/** The columns an order asks for, in output order. */
export function columnsOf(samples: Samples, order: Order): { name: 'x' | 'y' | 'dy' | 'd2y'; values: ArrayLike<number> }[] {
  const columns: { name: 'x' | 'y' | 'dy' | 'd2y'; values: ArrayLike<number> }[] = [
    { name: 'x', values: samples.x },
    { name: 'y', values: samples.y },
  ];
  if (order >= 1) columns.push({ name: 'dy', values: required(samples.dy, 'dy') });
  if (order >= 2) columns.push({ name: 'd2y', values: required(samples.d2y, 'd2y') });
  return columns;
}

function required(values: Float64Array | undefined, name: string): Float64Array {
  if (values === undefined) throw new Error(`the core returned no ${name}`);
  return values;
}

/** `{"x":[…],"y":[…],"dy":[…],"d2y":[…]}` on one line, keys as present for the order. */
export function writeSamplesJson(samples: Samples, order: Order, write: Write): void {
  const out = chunked(write);
  columnsOf(samples, order).forEach((column, c) => {
    out.push(`${c === 0 ? '{' : ','}"${column.name}":[`);
    const values = column.values;
    for (let i = 0; i < values.length; i++) out.push(i === 0 ? jsonNumber(values[i]) : `,${jsonNumber(values[i])}`);
    out.push(']');
  });
  out.push('}\n');
  out.flush();
}

/** Header `x,y,dy,d2y` (as present), then one row per point. */
export function writeSamplesCsv(samples: Samples, order: Order, write: Write): void {
  const out = chunked(write);
  const columns = columnsOf(samples, order);
  out.push(`${columns.map((c) => c.name).join(',')}\n`);
  const rows = samples.x.length;
  for (let i = 0; i < rows; i++) {
    let line = csvNumber(columns[0].values[i]);
    for (let c = 1; c < columns.length; c++) line += `,${csvNumber(columns[c].values[i])}`;
    out.push(`${line}\n`);
  }
  out.flush();
}

/** `{"value": 0.5}` for a scalar, `{"value": [0.09, 0.24, 0.67]}` for a vector. */
export function formatValueJson(values: ArrayLike<number>, isScalar: boolean): string {
  if (isScalar) return `{"value":${jsonNumber(values[0])}}\n`;
  return `{"value":[${Array.from(values, jsonNumber).join(',')}]}\n`;
}

export function formatValueCsv(values: ArrayLike<number>): string {
  return `value\n${Array.from(values, (v) => `${csvNumber(v)}\n`).join('')}`;
}

// ---------------------------------------------------------------------------------------------------------------------
// Error pointers

const WINDOW = 100;

/**
 * Two lines: `text` (control characters shown as spaces, long text cut to a window around the span) and a caret
 * line `^~~~` under `span`. Offsets are UTF-16, like the core's spans.
 */
export function caretLines(text: string, span: Span, indent = '  '): string {
  let start = clamp(span.start, 0, text.length);
  let end = clamp(Math.max(span.end, start), start, text.length);
  let shown = Array.from(text, (ch) => (ch.length === 1 && (ch.charCodeAt(0) < 32 || ch.charCodeAt(0) === 127) ? ' ' : ch)).join('');
  if (shown.length > WINDOW) {
    const from = clamp(start - 30, 0, Math.max(0, shown.length - WINDOW));
    const to = Math.min(shown.length, from + WINDOW);
    const head = from > 0 ? '…' : '';
    const tail = to < shown.length ? '…' : '';
    shown = head + shown.slice(from, to) + tail;
    start = start - from + head.length;
    end = Math.min(end, to) - from + head.length;
  }
  const width = Math.max(1, end - start);
  const caret = ' '.repeat(start) + '^' + '~'.repeat(width - 1);
  return `${indent}${shown}\n${indent}${caret}\n`;
}

function clamp(n: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, n));
}

const SAFE_ARG = /^[A-Za-z0-9_@%+=:,./-]+$/;

/** One argument as a POSIX shell would need it written, with where each of its characters lands. */
function quoteArg(arg: string): { text: string; offsets: number[] } {
  if (SAFE_ARG.test(arg)) return { text: arg, offsets: Array.from({ length: arg.length + 1 }, (_, i) => i) };
  let text = "'";
  const offsets: number[] = [];
  for (const ch of arg) {
    for (let k = 0; k < ch.length; k++) offsets.push(text.length + k);
    text += ch === "'" ? "'\\''" : ch;
  }
  offsets.push(text.length);
  text += "'";
  return { text, offsets };
}

/** The command line as typed (`actviz eval 'x*sigmoid(x)' --points 1`) and the span of `ref` in it. */
export function commandLine(argv: readonly string[], ref: ArgRef | undefined, program = 'actviz'): { text: string; span: Span } {
  let text = program;
  let span: Span = { start: 0, end: text.length };
  argv.forEach((arg, index) => {
    const quoted = quoteArg(arg);
    const base = text.length + 1;
    text += ` ${quoted.text}`;
    if (ref && ref.index === index) {
      const whole = ref.start === 0 && ref.end === arg.length;
      span = whole
        ? { start: base, end: base + quoted.text.length }
        : { start: base + quoted.offsets[ref.start], end: base + quoted.offsets[ref.end] };
    }
  });
  if (ref && ref.index >= argv.length) span = { start: text.length + 1, end: text.length + 1 };
  return { text, span };
}

/** `actviz: message` then the source and a caret under the span. */
export function formatError(message: string, source: string, span: Span | undefined): string {
  const head = `actviz: ${message}\n`;
  return span ? head + caretLines(source, span) : `${head}  ${source}\n`;
}

// ---------------------------------------------------------------------------------------------------------------------
// Catalogue listing

/** One line per activation: name, title and formula in aligned columns under a header. */
export function formatCatalogueTable(entries: readonly ActivationInfo[]): string {
  const rows = entries.map((a) => [a.name, a.title, oneLine(a.formula.text)]);
  const header = ['NAME', 'TITLE', 'FORMULA'];
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => r[c].length)));
  const line = (cells: string[]) =>
    cells.map((cell, c) => (c === cells.length - 1 ? cell : cell.padEnd(widths[c]))).join('  ').trimEnd();
  return [header, ...rows].map(line).join('\n') + '\n';
}

/** Everything data-like about each entry (functions such as kinks/kernel are left out by JSON). */
export function formatCatalogueJson(entries: readonly ActivationInfo[]): string {
  return JSON.stringify(
    entries.map((a) => ({
      name: a.name,
      title: a.title,
      kind: a.kind,
      summary: a.summary,
      formula: a.formula,
      derivative: a.derivative,
      params: a.params,
      properties: a.properties,
      plotRange: a.plotRange,
      aliases: a.aliases,
      source: a.source,
      ...(a.deterministicNote ? { deterministicNote: a.deterministicNote } : {}),
    })),
    null,
    2,
  ) + '\n';
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

export const USAGE = `actviz: evaluate and plot activation functions with exact first and second derivatives

Usage:
  actviz eval "<expr>" [--at X1,X2,… | --from A --to B --points N] [--order 0|1|2] [--json | --csv]
  actviz plot "<expr>" [--svg FILE] [--from A --to B --points N] [--order 0|1|2] [--width W] [--height H]
  actviz list [--json]
  actviz --help

Options:
  --at LIST          comma-separated x values, e.g. --at -1,0,0.5 (inf, -inf and nan allowed)
  --from A --to B    ends of an evenly spaced grid (eval default -5 to 5; plot default: the activation's range)
  --points N         grid size: 2 to ${(10_000_000).toLocaleString('en-US')} for eval (default 101), up to 100,000 for plot (default 801)
  --order K          0: f only; 1: f and f′ (default); 2: f, f′ and f″
  --json, --csv      eval output: one JSON object (default) or CSV columns x,y,dy,d2y
  --param NAME=V     set a parameter, repeatable: --param negative_slope=0.2 --param T=0.5
  --framework F      whose defaults bare names use: torch (default), tf, keras or jax
  --svg FILE         where plot writes the SVG (default: standard output)
  --width, --height  SVG size in pixels (default 800 × 450)
  -h, --help         this text

Output: non-finite numbers appear as "NaN", "Infinity" and "-Infinity". An expression without x prints {"value": …}.

Examples:
  actviz eval "x*sigmoid(x)" --at 0.5,1,2 --order 2 --json
  actviz eval "F.leaky_relu(x, negative_slope=0.2)" --from -1 --to 1 --points 5 --csv
  actviz eval "softmax([x, 0, 1] / T)[0]" --param T=0.5 --at 0
  actviz eval "cross_entropy([2, 1, -1], 0)"
  actviz plot "jax.nn.gelu(x)" --svg gelu.svg
  actviz list

Exit status: 0 success, 2 bad input (message and a caret on stderr), 1 internal error.
`;

import { catalogue, compile, ExpressionError, findActivation } from '../core/index';
import type { Compiled, Samples } from '../core/index';
import { parseArgs, UsageError } from './args';
import type { ArgRef, EvalCommand, ListCommand, PlotCommand } from './args';
import {
  commandLine,
  formatCatalogueJson,
  formatCatalogueTable,
  formatError,
  formatValueCsv,
  formatValueJson,
  USAGE,
  writeSamplesCsv,
  writeSamplesJson,
} from './format';
import { renderSvgPlot, THEME } from './svgPlot';
import type { Curve } from './svgPlot';

/** Everything the CLI does to the outside world, so tests can run it in-process. */
export interface CliIo {
  out(text: string): void;
  err(text: string): void;
  writeFile(path: string, text: string): void;
}

export const EXIT_OK = 0;
export const EXIT_INTERNAL = 1;
export const EXIT_BAD_INPUT = 2;

/** An error about the expression text itself, found by the CLI rather than the core. */
class ExpressionInputError extends Error {
  constructor(message: string, readonly span: { start: number; end: number }) {
    super(message);
  }
}

/** A usage problem found after parsing (a parameter the expression lacks, an unwritable file). */
class LateUsageError extends UsageError {}

/** Runs one command line; returns the exit status. Never throws. */
export function runCli(argv: readonly string[], io: CliIo): number {
  let expression: string | undefined;
  try {
    const command = parseArgs(argv);
    switch (command.kind) {
      case 'help':
        io.out(USAGE);
        return EXIT_OK;
      case 'list':
        runList(command, io);
        return EXIT_OK;
      case 'eval':
        expression = command.expression;
        runEval(command, io);
        return EXIT_OK;
      case 'plot':
        expression = command.expression;
        runPlot(command, io);
        return EXIT_OK;
    }
  } catch (error) {
    return report(error, argv, expression, io);
  }
}

function report(error: unknown, argv: readonly string[], expression: string | undefined, io: CliIo): number {
  try {
    if (error instanceof UsageError) {
      const line = commandLine(argv, error.ref);
      io.err(formatError(error.message, line.text, line.span));
      return EXIT_BAD_INPUT;
    }
    if ((error instanceof ExpressionError || error instanceof ExpressionInputError) && expression !== undefined) {
      io.err(formatError(error.message, expression, error.span));
      return EXIT_BAD_INPUT;
    }
    const message = error instanceof Error ? error.message : String(error);
    io.err(`actviz: internal error: ${message.split('\n')[0]}\n`);
  } catch {
    io.err('actviz: internal error\n');
  }
  return EXIT_INTERNAL;
}

function compileFor(command: EvalCommand | PlotCommand): Compiled {
  const compiled = compile(command.expression, { params: paramsOf(command), framework: command.framework });
  const known = new Set(compiled.parameters.map((p) => p.name));
  for (const [name, { ref }] of command.params) {
    if (!known.has(name)) {
      const list = [...known].join(', ');
      throw new LateUsageError(
        `the expression has no parameter '${name}' (${list ? `it has: ${list}` : 'it has none'})`,
        paramNameRef(ref, name),
      );
    }
  }
  return compiled;
}

/** Narrows a `name=value` reference to its name. */
function paramNameRef(ref: ArgRef, name: string): ArgRef {
  return { index: ref.index, start: ref.start, end: ref.start + name.length };
}

function paramsOf(command: EvalCommand | PlotCommand): Record<string, number> | undefined {
  if (command.params.size === 0) return undefined;
  const params: Record<string, number> = {};
  for (const [name, { value }] of command.params) params[name] = value;
  return params;
}

function runEval(command: EvalCommand, io: CliIo): void {
  const compiled = compileFor(command);
  const params = paramsOf(command);
  if (compiled.kind === 'value') {
    const { values, isScalar } = compiled.vector(params);
    io.out(command.format === 'csv' ? formatValueCsv(values) : formatValueJson(values, isScalar));
    return;
  }
  const samples: Samples = command.at
    ? compiled.at(Float64Array.from(command.at), command.order, params)
    : compiled.sample({ ...command.grid, order: command.order, params });
  if (command.format === 'csv') writeSamplesCsv(samples, command.order, (chunk) => io.out(chunk));
  else writeSamplesJson(samples, command.order, (chunk) => io.out(chunk));
}

function runPlot(command: PlotCommand, io: CliIo): void {
  const compiled = compileFor(command);
  if (compiled.kind === 'value') {
    throw new ExpressionInputError(
      "plot needs an expression in x (this one has no x: use 'actviz eval' to print its value)",
      { start: 0, end: command.expression.length },
    );
  }
  const [from, to] = command.from !== undefined && command.to !== undefined ? [command.from, command.to] : rangeFor(compiled);
  const samples = compiled.sample({ from, to, points: command.points, order: command.order, params: paramsOf(command) });
  const curves: Curve[] = [{ label: 'f(x)', id: 'f', ys: samples.y, color: THEME.f, width: 2.25 }];
  if (command.order >= 1 && samples.dy) curves.push({ label: 'f′(x)', id: 'df', ys: samples.dy, color: THEME.df, width: 1.75 });
  if (command.order >= 2 && samples.d2y) {
    curves.push({ label: 'f″(x)', id: 'd2f', ys: samples.d2y, color: THEME.d2f, width: 1.5, dash: '6 4' });
  }
  const breaks = compiled.kinks(paramsOf(command)).map((k) => k.x);
  const svg = renderSvgPlot({ title: command.expression, xs: samples.x, curves, width: command.width, height: command.height, breaks });
  if (command.svg === undefined || command.svg === '-') {
    io.out(svg);
    return;
  }
  try {
    io.writeFile(command.svg, svg);
  } catch (error) {
    const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
    throw new LateUsageError(`cannot write '${command.svg}': ${reason}`, command.svgRef);
  }
}

/** The plot range of the only catalogue function in the expression, else [−5, 5]. */
function rangeFor(compiled: Compiled): [number, number] {
  const names = new Set(compiled.calls.map((c) => c.name));
  if (names.size === 1) {
    const [name] = names;
    const range = findActivation(name)?.activation.plotRange;
    if (range && Number.isFinite(range[0]) && Number.isFinite(range[1]) && range[0] < range[1]) return [range[0], range[1]];
  }
  return [-5, 5];
}

function runList(command: ListCommand, io: CliIo): void {
  io.out(command.format === 'json' ? formatCatalogueJson(catalogue) : formatCatalogueTable(catalogue));
}

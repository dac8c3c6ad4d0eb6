/**
 * `npm run bench`: the math core against hand-written loops, against mathjs, prepare and hover latency, with the
 * targets of performance.md next to the measured values. Results also go to bench/results/latest.json.
 *
 * Flags: --quick (fewer rounds, one repeat), --repeats N, --rounds N, --wall (elapsed instead of CPU time),
 * --render (run bench/render if it exists).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as mathjs from 'mathjs';
import { compile } from '../src/core/index';
import type { Compiled, Order } from '../src/core/index';
import { ACTIVATIONS, constantFor, DIFFERENTIABLE_FAMILIES, FEED, LATENCY_FAMILIES } from './cases';
import type { ActivationCase } from './cases';
import { consume, geomean, maxRelativeError, measureCell, measureLatency, median, quantile, sinkValue, useClock } from './harness';
import type { Clock, HarnessOptions, Method } from './harness';
import { findHoverPipeline } from './hoverPipeline';

const FROM = -6;
const TO = 6;
const SIZES = [1e3, 1e5] as const;
const ORDERS: readonly Order[] = [0, 1, 2];
const MATHJS_N = 1e4;
const HOVER_POINTS = 200;
const ROOT = path.resolve(__dirname, '../..');

interface Flags {
  readonly rounds: number;
  readonly repeats: number;
  readonly render: boolean;
  readonly quick: boolean;
  readonly clock: Clock;
}

function readFlags(argv: readonly string[]): Flags {
  const quick = argv.includes('--quick');
  const value = (name: string, fallback: number) => {
    const i = argv.indexOf(name);
    const n = i >= 0 ? Number(argv[i + 1]) : NaN;
    return Number.isInteger(n) && n > 0 ? n : fallback;
  };
  return {
    quick,
    rounds: value('--rounds', quick ? 5 : 9),
    repeats: value('--repeats', quick ? 1 : 2),
    render: argv.includes('--render'),
    clock: argv.includes('--wall') ? 'wall' : 'cpu',
  };
}

const orderLabel = ['f', 'f+f′', 'f+f′+f″'] as const;
const sizeLabel = (n: number) => `1e${Math.round(Math.log10(n))}`;
const fmt = (v: number, digits = 2) => (Number.isFinite(v) ? v.toFixed(digits) : String(v));
const fmtNs = (v: number) => (v >= 100 ? v.toFixed(0) : v >= 10 ? v.toFixed(1) : v.toFixed(2));
const fmtErr = (v: number) => (v === 0 ? '0' : v.toExponential(1));

/** A plain-text table; `left` is how many leading columns are text (left-aligned), the rest are numbers. */
function table(header: readonly string[], rows: readonly (readonly string[])[], left = 1): string {
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => (r[c] ?? '').length)));
  const line = (cells: readonly string[]) =>
    cells.map((cell, c) => (c < left ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join('  ').trimEnd();
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

// -------------------------------------------------------------------------------------------------------------------
// Methods

function coreMethod(f: Compiled, n: number, order: Order): Method {
  return { name: 'core', run: () => f.sample({ from: FROM, to: TO, points: n, order }) };
}

function handMethod(c: ActivationCase, n: number, order: Order): Method {
  const loop = c.loops[order];
  return { name: 'hand', run: () => loop(FROM, TO, n) };
}

interface MathjsEvaluator {
  evaluate(scope: Map<string, number>): unknown;
}

function mathjsValueMethod(code: MathjsEvaluator, n: number): Method {
  return {
    name: 'mathjs',
    run: () => {
      const h = (TO - FROM) / (n - 1);
      const x = new Float64Array(n);
      const y = new Float64Array(n);
      const scope = new Map<string, number>();
      for (let i = 0; i < n; i++) {
        const v = FROM + i * h;
        x[i] = v;
        scope.set('x', v);
        y[i] = code.evaluate(scope) as number;
      }
      return { x, y };
    },
  };
}

function mathjsGradientMethod(code: MathjsEvaluator, gradient: MathjsEvaluator, n: number): Method {
  return {
    name: 'mathjs',
    run: () => {
      const h = (TO - FROM) / (n - 1);
      const x = new Float64Array(n);
      const y = new Float64Array(n);
      const dy = new Float64Array(n);
      const scope = new Map<string, number>();
      for (let i = 0; i < n; i++) {
        const v = FROM + i * h;
        x[i] = v;
        scope.set('x', v);
        y[i] = code.evaluate(scope) as number;
        dy[i] = gradient.evaluate(scope) as number;
      }
      return { x, y, dy };
    },
  };
}

interface Output {
  readonly y: ArrayLike<number>;
  readonly dy?: ArrayLike<number>;
  readonly d2y?: ArrayLike<number>;
}

/** Max relative error of f, f′, f″ (as far as both have them). */
function compare(actual: Output, expected: Output): number[] {
  const errors = [maxRelativeError(actual.y, expected.y)];
  if (actual.dy && expected.dy) errors.push(maxRelativeError(actual.dy, expected.dy));
  if (actual.d2y && expected.d2y) errors.push(maxRelativeError(actual.d2y, expected.d2y));
  return errors;
}

// -------------------------------------------------------------------------------------------------------------------
// Sections

function feedCore(): void {
  for (const source of FEED) {
    try {
      const f = compile(source);
      for (let k = 0; k < 5; k++) {
        for (const order of ORDERS) {
          if (f.kind === 'function') consume(f.sample({ from: FROM, to: TO, points: 1000, order }));
        }
      }
    } catch (error) {
      console.log(`  (feed: '${source}' did not compile: ${(error as Error).message})`);
    }
  }
}

interface AccuracyRow {
  readonly activation: string;
  readonly core: number[];
  readonly mathjs: number[];
}

function checkAccuracy(compiled: Map<string, Compiled>, mathjsCode: Map<string, { value: MathjsEvaluator; gradient?: MathjsEvaluator }>): AccuracyRow[] {
  const n = 1001;
  return ACTIVATIONS.map((c) => {
    const hand = c.loops[2](FROM, TO, n);
    const core = compiled.get(c.name)!.sample({ from: FROM, to: TO, points: n, order: 2 });
    const m = mathjsCode.get(c.name)!;
    const mathValue = mathjsValueMethod(m.value, n).run() as Output;
    const mathOut = m.gradient ? (mathjsGradientMethod(m.value, m.gradient, n).run() as Output) : mathValue;
    return { activation: c.name, core: compare(core, hand), mathjs: compare(mathOut, hand) };
  });
}

interface CoreCell {
  readonly activation: string;
  readonly n: number;
  readonly order: Order;
  readonly handNs: number;
  readonly coreNs: number;
  readonly ratio: number;
  readonly spread: number;
}

function coreVsHand(compiled: Map<string, Compiled>, options: HarnessOptions): CoreCell[] {
  const cells: CoreCell[] = [];
  for (const n of SIZES) {
    for (const order of ORDERS) {
      for (const c of ACTIVATIONS) {
        const t = measureCell([handMethod(c, n, order), coreMethod(compiled.get(c.name)!, n, order)], n, options);
        cells.push({ activation: c.name, n, order, handNs: t.ns.hand, coreNs: t.ns.core, ratio: t.ratio.core, spread: t.spread.core });
      }
    }
  }
  return cells;
}

interface MathjsCell {
  readonly activation: string;
  readonly kind: 'value' | 'value+gradient';
  readonly handNs: number;
  readonly coreNs: number;
  readonly mathjsNs: number;
  /** Median over rounds of mathjs ns / core ns in the same round. */
  readonly speedup: number;
  readonly coreRatio: number;
}

function coreVsMathjs(
  compiled: Map<string, Compiled>,
  mathjsCode: Map<string, { value: MathjsEvaluator; gradient?: MathjsEvaluator }>,
  options: HarnessOptions,
): MathjsCell[] {
  const cells: MathjsCell[] = [];
  for (const kind of ['value', 'value+gradient'] as const) {
    const order: Order = kind === 'value' ? 0 : 1;
    for (const c of ACTIVATIONS) {
      const m = mathjsCode.get(c.name)!;
      if (kind === 'value+gradient' && !m.gradient) continue;
      const mathjsRun = kind === 'value' ? mathjsValueMethod(m.value, MATHJS_N) : mathjsGradientMethod(m.value, m.gradient!, MATHJS_N);
      const t = measureCell(
        [handMethod(c, MATHJS_N, order), coreMethod(compiled.get(c.name)!, MATHJS_N, order), mathjsRun],
        MATHJS_N,
        options,
      );
      const speedups = t.rounds.mathjs.map((ms, r) => ms / t.rounds.core[r]);
      cells.push({
        activation: c.name,
        kind,
        handNs: t.ns.hand,
        coreNs: t.ns.core,
        mathjsNs: t.ns.mathjs,
        speedup: median(speedups),
        coreRatio: t.ratio.core,
      });
    }
  }
  return cells;
}

interface LatencyStats {
  readonly median: number;
  readonly p90: number;
  readonly p99: number;
}

const stats = (us: readonly number[]): LatencyStats => ({ median: median(us), p90: quantile(us, 0.9), p99: quantile(us, 0.99) });

function prepareLatency(samples: number): Record<string, LatencyStats> {
  const source = (k: number) => LATENCY_FAMILIES[k % LATENCY_FAMILIES.length];
  const raw = measureLatency(
    [
      { name: 'core compile', run: (k) => compile(source(k).core(constantFor(k))) },
      { name: 'mathjs compile', run: (k) => mathjs.compile(source(k).mathjs(constantFor(k))) },
    ],
    samples,
    Math.round(samples / 4),
  );
  return Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, stats(v)]));
}

function hoverLatency(samples: number): Record<string, LatencyStats> {
  const family = (k: number) => LATENCY_FAMILIES[k % DIFFERENTIABLE_FAMILIES];
  const raw = measureLatency(
    [
      {
        name: 'core',
        run: (k) => compile(family(k).core(constantFor(k))).sample({ from: -4, to: 4, points: HOVER_POINTS, order: 1 }),
      },
      {
        name: 'mathjs',
        run: (k) => {
          const node = mathjs.parse(family(k).mathjs(constantFor(k)));
          const value = node.compile();
          const gradient = mathjs.derivative(node, 'x', { simplify: false }).compile();
          const h = 8 / (HOVER_POINTS - 1);
          const y = new Float64Array(HOVER_POINTS);
          const dy = new Float64Array(HOVER_POINTS);
          const scope = new Map<string, number>();
          for (let i = 0; i < HOVER_POINTS; i++) {
            scope.set('x', -4 + i * h);
            y[i] = value.evaluate(scope) as number;
            dy[i] = gradient.evaluate(scope) as number;
          }
          return { y, dy };
        },
      },
    ],
    samples,
    Math.round(samples / 4),
  );
  return Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, stats(v)]));
}

// -------------------------------------------------------------------------------------------------------------------
// Main

function machine(): string {
  const cpus = os.cpus();
  const load = os.loadavg().map((l) => l.toFixed(2)).join(' ');
  let mathjsVersion = '?';
  try {
    mathjsVersion = (JSON.parse(readFileSync(path.join(ROOT, 'node_modules/mathjs/package.json'), 'utf8')) as { version: string }).version;
  } catch {
    // version stays unknown
  }
  return `Node ${process.version} (V8 ${process.versions.v8}), ${cpus.length} × ${cpus[0]?.model.trim() ?? 'cpu'}, load ${load}, mathjs ${mathjsVersion}`;
}

function compileAll(): Map<string, Compiled> {
  const compiled = new Map<string, Compiled>();
  for (const c of ACTIVATIONS) compiled.set(c.name, compile(c.core));
  return compiled;
}

function compileMathjs(): Map<string, { value: MathjsEvaluator; gradient?: MathjsEvaluator }> {
  const out = new Map<string, { value: MathjsEvaluator; gradient?: MathjsEvaluator }>();
  for (const c of ACTIVATIONS) {
    const value = mathjs.compile(c.mathjs);
    const gradient = c.mathjsGradient ? mathjs.derivative(c.mathjs, 'x', { simplify: false }).compile() : undefined;
    out.set(c.name, { value, gradient });
  }
  return out;
}

/** Per-cell median over repeats of each numeric field. */
function medianOver<T extends object>(repeats: readonly T[][], numeric: readonly (keyof T)[]): T[] {
  return repeats[0].map((cell, i) => {
    const merged = { ...cell };
    for (const key of numeric) {
      (merged as Record<keyof T, unknown>)[key] = median(repeats.map((r) => r[i][key] as number));
    }
    return merged;
  });
}

interface Target {
  readonly id: string;
  readonly target: string;
  readonly measured: string;
  readonly pass: boolean | undefined;
}

function main(): void {
  const flags = readFlags(process.argv.slice(2));
  const started = Date.now();
  useClock(flags.clock);
  const options: HarnessOptions = { rounds: flags.rounds, sampleMs: flags.quick ? 4 : 6, warmupMs: flags.quick ? 15 : 25 };
  console.log(`ActViz benchmark: ${machine()}`);
  console.log(
    `grid [${FROM}, ${TO}], Float64Array; ${flags.rounds} interleaved rounds × ${flags.repeats} repeat(s); ratios are medians of per-round paired ratios;`,
  );
  console.log(`clock: ${flags.clock === 'cpu' ? 'process CPU time, so time other jobs hold the cores is not counted (--wall for elapsed time)' : 'wall time'}\n`);

  let compiled: Map<string, Compiled>;
  try {
    compiled = compileAll();
  } catch (error) {
    console.error(`The core cannot compile the benchmark expressions yet: ${(error as Error).message}`);
    process.exitCode = 1;
    return;
  }
  const mathjsCode = compileMathjs();

  console.log(`Feeding the core ${FEED.length} other expressions first (no single-expression specialisation)…`);
  feedCore();

  const accuracy = checkAccuracy(compiled, mathjsCode);
  console.log('\n1. Output check before timing: max relative error vs the hand-written loop (f / f′ / f″; floor 1e-12)');
  console.log(
    table(
      ['activation', 'core f', 'core f′', 'core f″', 'mathjs f', 'mathjs f′'],
      accuracy.map((a) => [a.activation, ...a.core.map(fmtErr), fmtErr(a.mathjs[0]), a.mathjs[1] === undefined ? '–' : fmtErr(a.mathjs[1])]),
    ),
  );
  console.log('   gelu (erf): the hand-written loop calls the core\'s own msun erf/erfc (src/core/numeric/special.ts) with the');
  console.log('   same erf/erfc split; φ is one Math.exp there. softplus: PyTorch threshold 20, stable max(x,0)+log1p(e^−|x|).');
  console.log('   gelu (tanh): a difference near 1e-6 is the hand loop\'s 1 + tanh(u) cancelling at x = −6 (f ≈ −8.4e-11); the');
  console.log('   core evaluates x·σ(2u), which agrees with a 40-digit reference to ~1e-15 there.');

  const coreRepeats: CoreCell[][] = [];
  const mathjsRepeats: MathjsCell[][] = [];
  for (let r = 0; r < flags.repeats; r++) {
    console.log(`\nrepeat ${r + 1}/${flags.repeats}: core vs hand-written (${ACTIVATIONS.length} × ${SIZES.length} sizes × 3 orders)…`);
    coreRepeats.push(coreVsHand(compiled, options));
    console.log(`repeat ${r + 1}/${flags.repeats}: core vs mathjs at N=${MATHJS_N}…`);
    mathjsRepeats.push(coreVsMathjs(compiled, mathjsCode, { ...options, sampleMs: options.sampleMs * 2 }));
  }
  const cells = medianOver(coreRepeats, ['handNs', 'coreNs', 'ratio', 'spread']);
  const mathCells = medianOver(mathjsRepeats, ['handNs', 'coreNs', 'mathjsNs', 'speedup', 'coreRatio']);

  console.log('\n2. Core `sample()` vs the hand-written loop: paired ratio (ns/point hand → core)');
  const cellOf = (name: string, n: number, order: Order) => cells.find((c) => c.activation === name && c.n === n && c.order === order)!;
  const summary = (n: number, order: Order) => {
    const sel = cells.filter((c) => c.n === n && c.order === order);
    const worst = sel.reduce((a, b) => (b.ratio > a.ratio ? b : a));
    return { geomean: geomean(sel.map((c) => c.ratio)), worst: worst.ratio, worstName: worst.activation };
  };
  for (const n of SIZES) {
    console.log(
      table(
        [`N = ${sizeLabel(n)}`, ...ORDERS.map((order) => `${orderLabel[order]}`)],
        [
          ...ACTIVATIONS.map((a) => [
            a.name,
            ...ORDERS.map((order) => {
              const c = cellOf(a.name, n, order);
              return `${fmt(c.ratio)}× (${fmtNs(c.handNs)} → ${fmtNs(c.coreNs)})`;
            }),
          ]),
          ['geomean', ...ORDERS.map((order) => `${fmt(summary(n, order).geomean)}×`)],
          ['worst', ...ORDERS.map((order) => `${fmt(summary(n, order).worst)}× ${summary(n, order).worstName}`)],
        ],
      ),
    );
    console.log('');
  }

  console.log(`3. Core vs mathjs at N=${MATHJS_N} (mathjs compile(e).evaluate(Map) per point; derivative(e,'x',{simplify:false}))`);
  console.log(
    table(
      ['activation', 'kind', 'hand ns/pt', 'core ns/pt', 'mathjs ns/pt', 'core speed-up'],
      mathCells.map((m) => [m.activation, m.kind, fmtNs(m.handNs), fmtNs(m.coreNs), fmtNs(m.mathjsNs), `${fmt(m.speedup, 1)}×`]),
    ),
  );
  const speedValue = geomean(mathCells.filter((m) => m.kind === 'value').map((m) => m.speedup));
  const speedGradient = geomean(mathCells.filter((m) => m.kind === 'value+gradient').map((m) => m.speedup));
  const worstValue = Math.min(...mathCells.filter((m) => m.kind === 'value').map((m) => m.speedup));
  const worstGradient = Math.min(...mathCells.filter((m) => m.kind === 'value+gradient').map((m) => m.speedup));
  console.log(`   geomean speed-up: values ${fmt(speedValue, 1)}× (lowest ${fmt(worstValue, 1)}×), value+gradient ${fmt(speedGradient, 1)}× (lowest ${fmt(worstGradient, 1)}×)`);

  const latencySamples = flags.quick ? 300 : 800;
  const prepare = prepareLatency(latencySamples);
  const hover = hoverLatency(latencySamples);
  console.log(`\n4. One-shot latency, µs (${latencySamples} distinct expression strings each, approaches interleaved)`);
  console.log(
    table(
      ['case', 'median', 'p90', 'p99'],
      [
        ['prepare: core compile (parse+compile)', ...statCells(prepare['core compile'])],
        ['prepare: mathjs compile (parse+compile)', ...statCells(prepare['mathjs compile'])],
        [`hover-sized: core compile + f,f′ on ${HOVER_POINTS} pts`, ...statCells(hover.core)],
        [`hover-sized: mathjs parse+derivative+compile + f,f′`, ...statCells(hover.mathjs)],
      ],
    ),
  );

  const pipeline = findHoverPipeline(ROOT, constantFor);
  let pipelineStats: LatencyStats | undefined;
  if (pipeline.run) {
    const run = pipeline.run;
    const raw = measureLatency([{ name: 'pipeline', run: (k) => run(k) }], latencySamples, Math.round(latencySamples / 4));
    pipelineStats = stats(raw.pipeline);
    console.log(table(['case', 'median', 'p90', 'p99'], [['hover pipeline: buildHover on a Python document', ...statCells(pipelineStats)]]));
    console.log(`   (${pipeline.description})`);
  } else {
    console.log(`   hover pipeline: skipped (${pipeline.description})`);
  }

  const c1 = summary(1e5, 1);
  const c1small = summary(1e3, 1);
  const targets: Target[] = [
    { id: 'C1', target: 'f+f′ ≤ 2.5× hand-written, geomean (N=1e5)', measured: `${fmt(c1.geomean)}×`, pass: c1.geomean <= 2.5 },
    { id: 'C1', target: 'f+f′ worst activation ≤ 6× (N=1e5)', measured: `${fmt(c1.worst)}× (${c1.worstName})`, pass: c1.worst <= 6 },
    { id: 'C1', target: 'f+f′ ≤ 2.5× geomean, worst ≤ 6× (N=1e3)', measured: `${fmt(c1small.geomean)}×, ${fmt(c1small.worst)}× (${c1small.worstName})`, pass: c1small.geomean <= 2.5 && c1small.worst <= 6 },
    { id: 'C4', target: 'values ≥ 10× faster than mathjs (geomean, N=1e4)', measured: `${fmt(speedValue, 1)}×`, pass: speedValue >= 10 },
    { id: 'C5', target: 'value+gradient ≥ 15× faster than mathjs (5 acts)', measured: `${fmt(speedGradient, 1)}×`, pass: speedGradient >= 15 },
    {
      id: 'C6',
      target: 'prepare ≤ 1.0× mathjs compile (median)',
      measured: `${fmt(prepare['core compile'].median / prepare['mathjs compile'].median)}× (${fmt(prepare['core compile'].median, 1)} vs ${fmt(prepare['mathjs compile'].median, 1)} µs)`,
      pass: prepare['core compile'].median <= prepare['mathjs compile'].median,
    },
    { id: 'C7', target: `hover-sized ≤ 0.25 ms median`, measured: `${fmt(hover.core.median / 1000, 3)} ms`, pass: hover.core.median <= 250 },
    { id: 'C7', target: 'hover-sized p99 ≤ 1 ms', measured: `${fmt(hover.core.p99 / 1000, 3)} ms`, pass: hover.core.p99 <= 1000 },
    {
      id: 'C7',
      target: 'hover-sized ≤ 0.25× mathjs derivative hover',
      measured: `${fmt(hover.core.median / hover.mathjs.median)}×`,
      pass: hover.core.median <= 0.25 * hover.mathjs.median,
    },
  ];
  if (pipelineStats) {
    targets.push({ id: 'C7', target: 'hover pipeline ≤ 0.25 ms median', measured: `${fmt(pipelineStats.median / 1000, 3)} ms`, pass: pipelineStats.median <= 250 });
  }
  for (const order of [0, 2] as const) {
    for (const n of SIZES) {
      const s = summary(n, order);
      targets.push({ id: '–', target: `(info) ${orderLabel[order]} vs hand-written, N=${sizeLabel(n)}`, measured: `${fmt(s.geomean)}× geomean, worst ${fmt(s.worst)}× (${s.worstName})`, pass: undefined });
    }
  }
  console.log('\n5. Targets (performance.md)');
  console.log(table(['id', 'target', 'measured', 'status'], targets.map((t) => [t.id, t.target, t.measured, t.pass === undefined ? '' : t.pass ? 'PASS' : 'MISS']), 4));

  let render: string | undefined;
  if (flags.render) render = runRenderBench();

  const seconds = (Date.now() - started) / 1000;
  console.log(`\nTotal ${seconds.toFixed(0)} s. (sink ${sinkValue() === 0 ? 0 : 1})`);
  const resultsDir = path.join(ROOT, 'bench', 'results');
  mkdirSync(resultsDir, { recursive: true });
  const file = path.join(resultsDir, 'latest.json');
  writeFileSync(
    file,
    `${JSON.stringify(
      {
        date: new Date().toISOString(),
        machine: machine(),
        flags,
        grid: [FROM, TO],
        accuracy,
        coreVsHand: cells,
        coreVsMathjs: mathCells,
        mathjsSpeedup: { value: speedValue, valueGradient: speedGradient, lowestValue: worstValue, lowestValueGradient: worstGradient },
        prepare,
        hover,
        hoverPipeline: pipelineStats ? { description: pipeline.description, ...pipelineStats } : { skipped: pipeline.description },
        targets,
        render,
        seconds,
      },
      null,
      2,
    )}\n`,
  );
  console.log(`Results written to ${path.relative(ROOT, file)}`);
}

function statCells(s: LatencyStats): string[] {
  return [fmt(s.median, 1), fmt(s.p90, 1), fmt(s.p99, 1)];
}

/** The panel engineer's browser benchmark, if there is one: bench/render/*.ts compiled to out/bench/render. */
function runRenderBench(): string {
  const dir = path.join(ROOT, 'out', 'bench', 'render');
  if (!existsSync(path.join(ROOT, 'bench', 'render')) || !existsSync(dir)) {
    console.log('\nrender benchmark: skipped (no bench/render yet)');
    return 'skipped: no bench/render';
  }
  const entries = readdirSync(dir);
  const entry = ['run.js', 'index.js', 'main.js', 'bench.js', 'render.js'].find((f) => entries.includes(f));
  if (!entry) {
    console.log('\nrender benchmark: skipped (bench/render has no entry point run.ts/index.ts/main.ts yet)');
    return 'skipped: no entry point in bench/render';
  }
  console.log(`\n6. Render benchmark (node out/bench/render/${entry})`);
  const result = spawnSync(process.execPath, [path.join(dir, entry)], { stdio: 'inherit', cwd: ROOT, timeout: 600_000 });
  return `out/bench/render/${entry} exited ${result.status}`;
}

main();

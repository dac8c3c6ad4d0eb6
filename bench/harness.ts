/**
 * Side-by-side timing as performance.md § method describes: calibrate each method to a fixed time per sample, warm
 * up, then interleaved rounds with a rotating order; report the median ns/point and the median of per-round paired
 * ratios (which cancels most of the machine's drift between rounds).
 */

/** Something that does the work for one grid of `points` and returns a value the harness keeps (no dead code). */
export interface Method {
  readonly name: string;
  readonly run: () => unknown;
}

export interface HarnessOptions {
  readonly rounds: number;
  /** Wall time of one timed sample of one method. */
  readonly sampleMs: number;
  /** Warm-up time per method before the rounds. */
  readonly warmupMs: number;
}

export interface CellTiming {
  /** Median ns/point per method, by name. */
  readonly ns: Record<string, number>;
  /** Median over rounds of ns[m] / ns[baseline] measured in the same round, by method name. */
  readonly ratio: Record<string, number>;
  /** Interquartile range of the ratios divided by their median, by method name (a noise gauge). */
  readonly spread: Record<string, number>;
  /** ns/point of every round, by method name (for paired ratios between non-baseline methods). */
  readonly rounds: Record<string, number[]>;
}

let sink = 0;

/** Keeps results observable so V8 cannot drop the work. */
export function consume(result: unknown): void {
  if (result && typeof result === 'object') {
    const y = (result as { y?: ArrayLike<number> }).y;
    if (y && y.length > 0) sink += y[y.length >> 1];
  } else if (typeof result === 'number') {
    sink += result;
  }
}

export function sinkValue(): number {
  return sink;
}

export type Clock = 'cpu' | 'wall';

const cpuNs = (): number => {
  const u = process.cpuUsage();
  return (u.user + u.system) * 1000;
};
const wallNs = (): number => Number(process.hrtime.bigint());
let now: () => number = cpuNs;

/**
 * 'cpu' (default) times with this process's CPU time (all its threads, µs resolution), which stays meaningful when
 * other jobs share the two cores and preempt us; 'wall' is elapsed time, equal to it on a quiet machine.
 */
export function useClock(clock: Clock): void {
  now = clock === 'cpu' ? cpuNs : wallNs;
}

/** Runs `fn` `iterations` times; returns the elapsed nanoseconds. */
export function timeIterations(fn: () => unknown, iterations: number): number {
  const start = now();
  for (let i = 0; i < iterations; i++) consume(fn());
  return now() - start;
}

/** Iterations that make one sample last about `ms`. */
export function calibrate(fn: () => unknown, ms: number): number {
  let iterations = 1;
  for (;;) {
    const ns = timeIterations(fn, iterations);
    if (ns >= 2e6 || iterations >= 1 << 24) {
      return Math.max(1, Math.round((iterations * ms * 1e6) / Math.max(ns, 1)));
    }
    iterations *= ns < 2e5 ? 10 : 2;
  }
}

export function warmUp(fn: () => unknown, ms: number): void {
  const end = Date.now() + ms;
  while (Date.now() < end) consume(fn());
}

export function median(values: readonly number[]): number {
  return quantile(values, 0.5);
}

export function quantile(values: readonly number[], q: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const i = (sorted.length - 1) * q;
  const lo = Math.floor(i);
  const hi = Math.ceil(i);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (i - lo);
}

export function geomean(values: readonly number[]): number {
  const finite = values.filter((v) => v > 0 && Number.isFinite(v));
  if (finite.length === 0) return NaN;
  return Math.exp(finite.reduce((s, v) => s + Math.log(v), 0) / finite.length);
}

/**
 * Times `methods` side by side over `points` points each; ratios are to `methods[0]` (the baseline), measured
 * within the same round.
 */
export function measureCell(methods: readonly Method[], points: number, options: HarnessOptions): CellTiming {
  for (const m of methods) warmUp(m.run, options.warmupMs);
  const iterations = methods.map((m) => calibrate(m.run, options.sampleMs));
  const perRound: number[][] = methods.map(() => []);
  for (let round = 0; round < options.rounds; round++) {
    for (let k = 0; k < methods.length; k++) {
      const j = (k + round) % methods.length;
      perRound[j].push(timeIterations(methods[j].run, iterations[j]) / (iterations[j] * points));
    }
  }
  const ns: Record<string, number> = {};
  const ratio: Record<string, number> = {};
  const spread: Record<string, number> = {};
  const rounds: Record<string, number[]> = {};
  methods.forEach((m, j) => {
    rounds[m.name] = perRound[j];
    ns[m.name] = median(perRound[j]);
    const ratios = perRound[j].map((t, r) => t / perRound[0][r]);
    ratio[m.name] = median(ratios);
    spread[m.name] = (quantile(ratios, 0.75) - quantile(ratios, 0.25)) / ratio[m.name];
  });
  return { ns, ratio, spread, rounds };
}

/**
 * Latency of one-shot work on many distinct inputs, approaches interleaved sample by sample so they share the
 * machine's state. Returns µs samples per approach.
 */
export function measureLatency(
  approaches: readonly { readonly name: string; readonly run: (k: number) => unknown }[],
  samples: number,
  warmup: number,
): Record<string, number[]> {
  const out: Record<string, number[]> = {};
  for (const a of approaches) out[a.name] = [];
  for (let k = 0; k < warmup + samples; k++) {
    for (let j = 0; j < approaches.length; j++) {
      const a = approaches[(j + k) % approaches.length];
      const start = now();
      consume(a.run(k));
      const us = (now() - start) / 1000;
      if (k >= warmup) out[a.name].push(us);
    }
  }
  return out;
}

/** Largest relative difference between two arrays (NaN on only one side counts as Infinity). */
export function maxRelativeError(actual: ArrayLike<number>, expected: ArrayLike<number>, floor = 1e-12): number {
  if (actual.length !== expected.length) return Infinity;
  let worst = 0;
  for (let i = 0; i < actual.length; i++) {
    const a = actual[i];
    const e = expected[i];
    if (Number.isNaN(a) || Number.isNaN(e)) {
      if (Number.isNaN(a) !== Number.isNaN(e)) return Infinity;
      continue;
    }
    if (a === e) continue;
    const err = Math.abs(a - e) / Math.max(Math.abs(e), Math.abs(a), floor);
    if (!(err <= worst)) worst = err;
  }
  return worst;
}

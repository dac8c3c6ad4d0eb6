/**
 * Render benchmark of the plot panel (performance.md §4, target R1): the real panel page (dist/webview.js under the
 * panel's CSP) in headless Chromium, a slider dragged once per animation frame for a few seconds, 1 000 points per
 * curve and f, f′, f″ shown (3 traces). Reports re-renders per second, our share of each render (evaluation with the
 * core + figure building) next to Plotly.react's, and main-thread CPU from the DevTools protocol.
 *
 *   node esbuild.js && npx tsc -p test && node out/bench/render/slider.js [--seconds 6] [--rounds 3]
 *
 * Writes bench/results/render.json. Absolute numbers on a shared 2-core VM are pessimistic (performance.md).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { CDPSession, Page } from 'playwright-core';
import { launch, model, openPanel, repoRoot, send } from './page';

interface Round {
  renders: number;
  elapsedMs: number;
  computeMs: number;
  plotlyMs: number;
  cpuMs: number;
}

export interface SliderResult {
  readonly case: string;
  readonly points: number;
  readonly traces: number;
  readonly rendersPerSecond: number;
  /** Our evaluation + figure building per render (ms), and as a share of the time per render. */
  readonly computeMsPerRender: number;
  readonly computeShare: number;
  readonly plotlyMsPerRender: number;
  /** Main-thread CPU per render (ms), from Performance.getMetrics TaskDuration. */
  readonly cpuMsPerRender: number;
  /** Re-renders per second the main thread could sustain (1000 / CPU ms per render): robust to a busy machine. */
  readonly cpuBoundRendersPerSecond: number;
  /** Our evaluation + figure building as a share of the main-thread CPU per render. */
  readonly computeShareOfCpu: number;
  readonly rounds: readonly Round[];
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

async function taskSeconds(session: CDPSession): Promise<number> {
  const { metrics } = (await session.send('Performance.getMetrics')) as { metrics: { name: string; value: number }[] };
  return metrics.find((m) => m.name === 'TaskDuration')?.value ?? NaN;
}

/** Drags the first slider of the page once per animation frame for `seconds`, then waits for the last render. */
async function drag(page: Page, seconds: number): Promise<Omit<Round, 'cpuMs'>> {
  return page.evaluate(async (duration) => {
    interface View { stats: { totalComputeMs: number; renders: number }; chartInstance: { renderCount: number; plotlyMs: number; settled(): Promise<void> } }
    const view = (window as unknown as { actviz: View }).actviz;
    const chart = view.chartInstance;
    const slider = document.querySelector<HTMLInputElement>('input[type=range]');
    if (!slider) throw new Error('no slider');
    const min = Number(slider.min);
    const max = Number(slider.max);
    await chart.settled();
    const r0 = chart.renderCount;
    const p0 = chart.plotlyMs;
    const c0 = view.stats.totalComputeMs;
    const start = performance.now();
    let k = 0;
    await new Promise<void>((resolve) => {
      const tick = (): void => {
        if (performance.now() - start >= duration * 1000) return resolve();
        k++;
        // A triangle wave over the slider's range: every frame a new value, as when dragging.
        const phase = (k % 60) / 30;
        slider.value = String(min + (max - min) * (phase <= 1 ? phase : 2 - phase));
        slider.dispatchEvent(new Event('input', { bubbles: true }));
        requestAnimationFrame(tick);
      };
      requestAnimationFrame(tick);
    });
    await chart.settled();
    return {
      renders: chart.renderCount - r0,
      elapsedMs: performance.now() - start,
      computeMs: view.stats.totalComputeMs - c0,
      plotlyMs: chart.plotlyMs - p0,
    };
  }, seconds);
}

export async function sliderBench(options: { seconds?: number; rounds?: number } = {}): Promise<SliderResult[]> {
  const seconds = options.seconds ?? 6;
  const roundsWanted = options.rounds ?? 3;
  const cases: [string, Record<string, unknown>][] = [
    ['softplus(x, beta) — f, f′, f″ (smooth)', model([{ expr: 'softplus(x, beta=1)' }], { show: { f: true, d1: true, d2: true } })],
    ['elu(x, alpha) — f, f′, f″ with kink marker and shading', model([{ expr: 'elu(x, alpha=1)' }], { show: { f: true, d1: true, d2: true } })],
  ];
  const browser = await launch();
  const results: SliderResult[] = [];
  try {
    for (const [name, m] of cases) {
      const page = await openPanel(browser, 'dark');
      const session = await page.context().newCDPSession(page);
      await session.send('Performance.enable');
      await send(page, { type: 'show', model: m });
      await page.waitForSelector('#app[data-status=plotted]', { timeout: 300_000 });
      await drag(page, 1); // warm-up: JIT, Plotly's first react
      const rounds: Round[] = [];
      for (let r = 0; r < roundsWanted; r++) {
        const cpu0 = await taskSeconds(session);
        const round = await drag(page, seconds);
        const cpu1 = await taskSeconds(session);
        rounds.push({ ...round, cpuMs: (cpu1 - cpu0) * 1000 });
      }
      const perRender = (f: (r: Round) => number): number => median(rounds.map((r) => f(r) / Math.max(1, r.renders)));
      const traces = await page.evaluate(() => [...document.querySelectorAll('.scatterlayer .trace')].filter((t) => [...t.querySelectorAll('path.js-line')].some((p) => (p.getAttribute('d') ?? '').length > 2)).length);
      results.push({
        case: name,
        points: 1000,
        traces,
        rendersPerSecond: median(rounds.map((r) => (r.renders * 1000) / r.elapsedMs)),
        computeMsPerRender: perRender((r) => r.computeMs),
        computeShare: median(rounds.map((r) => r.computeMs / r.elapsedMs)),
        plotlyMsPerRender: perRender((r) => r.plotlyMs),
        cpuMsPerRender: perRender((r) => r.cpuMs),
        cpuBoundRendersPerSecond: 1000 / perRender((r) => r.cpuMs),
        computeShareOfCpu: median(rounds.map((r) => r.computeMs / r.cpuMs)),
        rounds,
      });
      await page.close();
    }
  } finally {
    await browser.close();
  }
  return results;
}

function format(results: readonly SliderResult[]): string {
  const rows = results.map((r) =>
    `| ${r.case} | ${r.points} × ${r.traces} | ${r.rendersPerSecond.toFixed(1)} | ${r.cpuBoundRendersPerSecond.toFixed(1)} | ${r.computeMsPerRender.toFixed(2)} | ${(r.computeShare * 100).toFixed(2)} % | ${(r.computeShareOfCpu * 100).toFixed(2)} % | ${r.plotlyMsPerRender.toFixed(1)} | ${r.cpuMsPerRender.toFixed(1)} |`);
  return [
    '| case | points × curves | re-renders/s (rAF-paced) | bound by CPU /s | ours ms/render | ours share of frame time | ours share of CPU | Plotly ms/render | main-thread CPU ms/render |',
    '|---|---|---|---|---|---|---|---|---|',
    ...rows,
  ].join('\n');
}

if (require.main === module) {
  const arg = (name: string): number | undefined => {
    const i = process.argv.indexOf(`--${name}`);
    return i >= 0 ? Number(process.argv[i + 1]) : undefined;
  };
  sliderBench({ seconds: arg('seconds'), rounds: arg('rounds') }).then(
    (results) => {
      console.log(format(results));
      const dir = path.join(repoRoot, 'bench', 'results');
      fs.mkdirSync(dir, { recursive: true });
      fs.writeFileSync(path.join(dir, 'render.json'), `${JSON.stringify({ date: new Date().toISOString(), results }, null, 2)}\n`);
    },
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}

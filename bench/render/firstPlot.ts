/**
 * Time to first plot in the panel page for two builds of the webview bundle, interleaved: the bundled Plotly
 * (plotly.js-dist-min, the baseline) against a candidate (e.g. plotly.js-basic-dist-min, aliased at build time).
 * Each round opens a fresh page per build and reads the page's own marks: our script start (blank page), Plotly's
 * evaluation, our first evaluation and figure, one newPlot.
 *
 *   node out/bench/render/firstPlot.js <baseline.js> <candidate.js> [rounds]
 */
import { launch, model, openPanel, send } from './page';

interface Marks {
  scriptStart: number;
  plotlyEval: number;
  firstFigure: number;
  newPlot: number;
  firstPlot: number;
}

async function once(bundle: string, expr: string): Promise<Marks> {
  const browser = await launch();
  try {
    const page = await openPanel(browser, 'dark', { bundle });
    await send(page, { type: 'show', model: model([{ expr }]) });
    await page.waitForSelector('#app[data-status=plotted]', { timeout: 300_000 });
    return await page.evaluate(() => {
      const measure = (n: string): number => performance.getEntriesByName(n, 'measure').at(-1)?.duration ?? NaN;
      const mark = (n: string): number => performance.getEntriesByName(n, 'mark').at(-1)?.startTime ?? NaN;
      return {
        scriptStart: mark('actviz:script-start'),
        plotlyEval: measure('actviz:plotly-eval'),
        firstFigure: measure('actviz:first-figure'),
        newPlot: measure('actviz:newplot'),
        firstPlot: mark('actviz:newplot:end'),
      };
    });
  } finally {
    await browser.close();
  }
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
}

async function main(): Promise<void> {
  const [baseline, candidate, rounds = '5'] = process.argv.slice(2);
  if (!baseline || !candidate) throw new Error('usage: firstPlot.js <baseline.js> <candidate.js> [rounds]');
  const results: Record<string, Marks[]> = { baseline: [], candidate: [] };
  const expressions = (process.env.ACTVIZ_EXPRESSIONS ?? 'x*sigmoid(x);softmax([2, 1, -1, 0.5] / T)').split(';');
  for (let r = 0; r < Number(rounds); r++) {
    const order = r % 2 === 0 ? (['baseline', 'candidate'] as const) : (['candidate', 'baseline'] as const);
    for (const which of order) results[which]?.push(await once(which === 'baseline' ? baseline : candidate, expressions[r % expressions.length] as string));
  }
  console.log('| build | blank page → our script | Plotly eval | our first figure | newPlot | navigation → first plot |');
  console.log('|---|---|---|---|---|---|');
  for (const [name, marks] of Object.entries(results)) {
    const m = (k: keyof Marks): string => median(marks.map((x) => x[k])).toFixed(0);
    console.log(`| ${name} | ${m('scriptStart')} ms | ${m('plotlyEval')} ms | ${m('firstFigure')} ms | ${m('newPlot')} ms | ${m('firstPlot')} ms |`);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});

/** Quick visual check: `node out/bench/render/look.js <dir>` writes screenshots of typical panels in both themes. */
import * as path from 'node:path';
import { launch, model, openPanel, send } from './page';

async function main(): Promise<void> {
  const dir = process.argv[2] ?? '/tmp/actviz-look';
  const browser = await launch();
  const cases: [string, Record<string, unknown>][] = [
    ['leaky', model([{ expr: 'F.leaky_relu(x, negative_slope=0.2)' }])],
    ['overlay', model([{ expr: 'relu(x)' }, { expr: 'gelu(x)' }, { expr: 'x*sigmoid(x)' }], { show: { f: true, d1: true, d2: true } })],
    ['softmax', model([{ expr: 'softmax([2, 1, -1, 0.5] / T)', params: { T: 1 } }])],
    ['ce', model([{ expr: 'cross_entropy([2, 1, -1], 0)' }])],
    ['error', model([{ expr: 'gleu(x) + relu(x' }])],
    ['lint', model([{ expr: 'log(1+exp(x))' }, { expr: 'threshold(x, 1, -1)' }])],
  ];
  for (const theme of ['dark', 'light'] as const) {
    for (const [name, m] of cases) {
      const page = await openPanel(browser, theme);
      await send(page, { type: 'show', model: m });
      await page.waitForFunction(() => ['plotted', 'error', 'empty'].includes(document.getElementById('app')?.dataset.status ?? ''), undefined, { timeout: 120_000 });
      await page.waitForTimeout(300);
      await page.screenshot({ path: path.join(dir, `${name}-${theme}.png`) });
      await page.close();
    }
  }
  await browser.close();
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});

import * as assert from 'node:assert/strict';
import type { HoverContent, Workbench } from '../workbench';
import { LONG, workbench } from '../workbench';

/** The decoded SVG of the hover's plot image. */
function plotSvg(hover: HoverContent): string {
  const src = hover.images.find((s) => s.startsWith('data:image/svg+xml;base64,'));
  assert.ok(src, `no plot image in the hover; images: ${hover.images.map((s) => s.slice(0, 40)).join(', ') || 'none'}`);
  return Buffer.from(src.slice(src.indexOf(',') + 1), 'base64').toString('latin1');
}

/** Checks that the SVG holds two curves, f and f′, each a polyline with many points; returns f's colour. */
function assertTwoCurves(svg: string): string {
  const colours: string[] = [];
  for (const curve of ['f', 'df']) {
    const group = new RegExp(`<g class="${curve}"[^>]*stroke="(#[0-9A-Fa-f]{6})"[^>]*>(.*?)</g>`).exec(svg);
    assert.ok(group, `no ${curve} curve in the SVG`);
    const points = /<polyline points="([^"]+)"/.exec(group[2]);
    assert.ok(points && points[1].split(' ').length > 50, `${curve} is not a drawn curve`);
    colours.push(group[1]);
  }
  assert.notEqual(colours[0], colours[1], 'f and f′ share a colour');
  return colours[0];
}

/** The rendered and natural size of the visible hover's plot image. */
async function imageSize(): Promise<{ width: number; height: number; naturalWidth: number; naturalHeight: number }> {
  const wb = await workbench();
  const image = wb.page.locator('.monaco-hover:visible img[src^="data:image/svg+xml"]').first();
  await image.waitFor({ state: 'visible' });
  return image.evaluate((img: HTMLImageElement) => {
    const rect = img.getBoundingClientRect();
    return { width: rect.width, height: rect.height, naturalWidth: img.naturalWidth, naturalHeight: img.naturalHeight };
  });
}

/**
 * Picks a colour theme in 'Preferences: Color Theme' as a user would and waits for the workbench to show its kind.
 * (The shared `setColorTheme` helper, which writes settings.json, did not apply a theme on this machine.)
 */
async function pickColorTheme(wb: Workbench, label: string, kind: 'vs' | 'vs-dark'): Promise<void> {
  await wb.runCommand('Preferences: Color Theme');
  const input = wb.page.locator('.quick-input-widget .quick-input-box input');
  await input.waitFor({ state: 'visible', timeout: LONG });
  await input.fill(label);
  await wb.page.locator(`.quick-input-list .monaco-list-row[aria-label*="${label}"]`).first().click({ timeout: LONG });
  await wb.page.waitForFunction((cls) => document.querySelector('.monaco-workbench')?.classList.contains(cls) ?? false, kind, { timeout: LONG });
}

describe('Hover previews in the real workbench', () => {
  it('shows GELU with a plot of f and f′ when the mouse rests on nn.GELU', async () => {
    const wb = await workbench();
    await wb.openFile('hover/model.py');
    const hover = await wb.hoverWord('GELU');
    assert.match(hover.text, /GELU · torch\.nn\.GELU\(approximate="tanh"\) · PyTorch module/, `hover text: ${hover.text}`);
    assert.match(hover.text, /f′\(x\) = Φ\(x\) \+ x·φ\(x\)/);
    assert.match(hover.text, /Open plot · Compare defaults/);
    assertTwoCurves(plotSvg(hover));
    const size = await imageSize();
    assert.ok(size.width > 0 && size.height > 0, `rendered ${size.width}×${size.height}`);
    assert.ok(size.naturalWidth > 0 && size.naturalHeight > 0, `natural ${size.naturalWidth}×${size.naturalHeight}`);
    assert.deepEqual([Math.round(size.width), Math.round(size.height)], [240, 120]);
    await wb.screenshot('hover-nn-GELU');
  });

  it('shows TensorFlow\'s leaky_relu with the written alpha on tf.nn.leaky_relu(x, alpha=0.1)', async () => {
    const wb = await workbench();
    await wb.openFile('hover/model.py');
    // the second leaky_relu on screen is tf.nn.leaky_relu (the first is F.leaky_relu)
    const hover = await wb.hoverWord('leaky_relu', 1);
    assert.match(hover.text, /Leaky ReLU · tf\.nn\.leaky_relu\(x, alpha=0\.1\) · TensorFlow function/, `hover text: ${hover.text}`);
    assert.match(hover.text, /alpha \(negative_slope\) = 0\.1 \(written\)/);
    assert.match(hover.text, /0\.01 in PyTorch, JAX, Flax/);
    assertTwoCurves(plotSvg(hover));
    const size = await imageSize();
    assert.ok(size.width > 0 && size.height > 0 && size.naturalWidth > 0, `image ${JSON.stringify(size)}`);
    await wb.screenshot('hover-tf-nn-leaky_relu');
  });

  it('draws the plot in the light theme\'s colours after a theme switch', async () => {
    const wb = await workbench();
    await wb.openFile('hover/model.py');
    const dark = assertTwoCurves(plotSvg(await wb.hoverWord('GELU')));
    try {
      await pickColorTheme(wb, 'Light Modern', 'vs');
      const light = assertTwoCurves(plotSvg(await wb.hoverWord('GELU')));
      assert.notEqual(light, dark);
      await wb.screenshot('hover-nn-GELU-light');
    } finally {
      await pickColorTheme(wb, 'Dark Modern', 'vs-dark');
    }
  });
});

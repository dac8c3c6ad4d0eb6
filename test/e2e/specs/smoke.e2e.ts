import * as assert from 'node:assert/strict';
import { workbench } from '../workbench';

describe('Smoke: ActViz in the real workbench', () => {
  it('lists ActViz commands in the palette and opens the expression input box', async () => {
    const wb = await workbench();
    await wb.openFile('model.py');
    await wb.runCommand('ActViz: Plot Expression…');
    const input = wb.page.locator('.quick-input-widget .quick-input-box input');
    // The palette closes and the command's own input box opens in the same widget: visible, not in '>' mode.
    await wb.page.waitForFunction(() => {
      const box = document.querySelector<HTMLInputElement>('.quick-input-widget .quick-input-box input');
      return box !== null && box.offsetParent !== null && !box.value.startsWith('>');
    });
    assert.match(await wb.page.locator('.quick-input-widget .quick-input-title').innerText(), /Plot Expression/);
    await wb.screenshot('smoke-plot-expression-input');
    await wb.page.keyboard.press('Escape');
    await input.waitFor({ state: 'hidden' });
  });

  it('shows the workbench with the fixture workspace open', async () => {
    const wb = await workbench();
    const tab = wb.page.locator('.tabs-container .tab[data-resource-name="model.py"]');
    assert.equal(await tab.count(), 1, 'model.py has no editor tab');
    await wb.screenshot('smoke-workbench');
  });
});

import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { workbench } from '../workbench';

// The helpers every other spec relies on, checked against VS Code's built-in features so that a broken helper is
// not mistaken for a broken ActViz surface.
describe('Workbench helpers on built-in VS Code features', () => {
  it('hoverWord reads the hover of a built-in language provider (CSS)', async () => {
    const wb = await workbench();
    fs.writeFileSync(path.join(wb.workspaceDir, 'probe.css'), 'body {\n  color: red;\n}\n');
    await wb.openFile('probe.css');
    const hover = await wb.hoverWord('color');
    assert.match(hover.text, /Sets the color of an element's text/, `hover text was: ${hover.text}`);
  });

  it('webviewFrame reaches into a webview panel (Markdown preview)', async () => {
    const wb = await workbench();
    fs.writeFileSync(path.join(wb.workspaceDir, 'notes.md'), '# Probe heading\n\nSome *text*.\n');
    await wb.openFile('notes.md');
    await wb.runCommand('Markdown: Open Preview to the Side');
    await wb.webviewFrame().locator('h1', { hasText: 'Probe heading' }).waitFor({ state: 'visible' });
  });

  it('notebookOutputFrame reaches the saved outputs of a notebook', async () => {
    const wb = await workbench();
    const notebook = {
      cells: [
        {
          cell_type: 'code', execution_count: 1, metadata: {}, source: ['print("probe")'],
          outputs: [{ output_type: 'stream', name: 'stdout', text: ['notebook probe output\n'] }],
        },
      ],
      metadata: { language_info: { name: 'python' } }, nbformat: 4, nbformat_minor: 5,
    };
    fs.writeFileSync(path.join(wb.workspaceDir, 'probe.ipynb'), JSON.stringify(notebook));
    await wb.openFile('probe.ipynb');
    await wb.notebookOutputFrame().getByText('notebook probe output').waitFor({ state: 'visible' });
  });

  it('setColorTheme switches the workbench theme', async () => {
    const wb = await workbench();
    await wb.setColorTheme('Light Modern');
    assert.match((await wb.page.locator('.monaco-workbench').first().getAttribute('class')) ?? '', /\bvs\b/);
    await wb.screenshot('workbench-light');
    await wb.setColorTheme('Dark Modern');
    assert.match((await wb.page.locator('.monaco-workbench').first().getAttribute('class')) ?? '', /\bvs-dark\b/);
    assert.equal(JSON.parse(fs.readFileSync(wb.server.settingsPath, 'utf8'))['workbench.colorTheme'], 'Dark Modern');
    await assert.rejects(wb.setColorTheme('No Such Theme'), /no colour theme 'No Such Theme'/);
  });
});

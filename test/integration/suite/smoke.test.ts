import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';

interface Manifest {
  contributes: {
    commands: { command: string; title: string }[];
    configuration: { properties: Record<string, { default: unknown }> };
    notebookRenderer: { id: string; entrypoint: string; mimeTypes: string[] }[];
  };
}

const extensionId = 'actviz.actviz';

function extension(): vscode.Extension<unknown> {
  const found = vscode.extensions.getExtension(extensionId);
  assert.ok(found, `extension ${extensionId} is not installed in this VS Code`);
  return found;
}

suite('Smoke: the extension in a real VS Code', () => {
  suiteSetup(async () => {
    await extension().activate();
  });

  test('activates without errors', () => {
    assert.equal(extension().isActive, true);
  });

  test('registers every command it contributes', async () => {
    const contributed = (extension().packageJSON as Manifest).contributes.commands.map((c) => c.command);
    assert.ok(contributed.length > 0, 'the manifest contributes no commands');
    const registered = new Set(await vscode.commands.getCommands(true));
    const missing = contributed.filter((command) => !registered.has(command));
    assert.deepEqual(missing, [], `contributed but not registered: ${missing.join(', ')}`);
  });

  test('contributes the notebook renderer for the ActViz MIME type, and its entrypoint is built', async () => {
    const renderers = (extension().packageJSON as Manifest).contributes.notebookRenderer;
    const renderer = renderers.find((r) => r.mimeTypes.includes('application/vnd.actviz.v1+json'));
    assert.ok(renderer, 'no notebookRenderer for application/vnd.actviz.v1+json');
    const entry = vscode.Uri.joinPath(extension().extensionUri, renderer.entrypoint);
    const stat = await vscode.workspace.fs.stat(entry);
    assert.ok(stat.size > 0, `${renderer.entrypoint} is empty`);
  });

  test('reads every setting with the default the manifest declares', () => {
    const properties = (extension().packageJSON as Manifest).contributes.configuration.properties;
    const keys = Object.keys(properties);
    assert.ok(keys.length > 0, 'the manifest contributes no settings');
    const config = vscode.workspace.getConfiguration();
    for (const key of keys) {
      assert.ok(key.startsWith('actviz.'), `setting ${key} is outside the actviz.* namespace`);
      assert.deepEqual(config.inspect(key)?.defaultValue, properties[key].default, `default of ${key}`);
      assert.deepEqual(config.get(key), properties[key].default, `value of ${key} in a clean profile`);
    }
  });

  test('opens the fixture workspace with model.py as Python', async () => {
    const folder = vscode.workspace.workspaceFolders?.[0];
    assert.ok(folder, 'no workspace folder is open');
    const document = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(folder.uri, 'model.py'));
    assert.equal(document.languageId, 'python');
    assert.match(document.getText(), /nn\.GELU/);
  });
});

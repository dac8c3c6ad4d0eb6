import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';

/**
 * Hovers through VS Code's own hover pipeline (`vscode.executeHoverProvider`) on the fixture files in
 * test/fixtures/workspace/hover: the right entry with the written arguments and a plot, nothing on comments and
 * unrelated strings, settings applied live, notebook cells reading imports from other cells.
 */

interface Probe {
  /** Text to find in the file; the position is `shift` characters into it. */
  readonly find: string;
  readonly shift: number;
  /** What ActViz's hover must say; null: there must be no ActViz hover here. */
  readonly expect: readonly RegExp[] | null;
}

const probes: Readonly<Record<string, readonly Probe[]>> = {
  'hover/model.py': [
    { find: 'nn.GELU(approximate', shift: 4, expect: [/^\*\*GELU\*\* · `torch\.nn\.GELU\(approximate="tanh"\)` · PyTorch module/, /- `approximate` = \*\*"tanh"\*\* \(written\)/] },
    { find: 'nn.LeakyReLU(0.2)', shift: 5, expect: [/`torch\.nn\.LeakyReLU\(negative_slope=0\.2\)`/, /0\.3 in keras\.layers\.LeakyReLU/] },
    { find: 'self.act(self', shift: 6, expect: [/\*\*GELU\*\*/, /`self\.act` is assigned `nn\.GELU\(approximate="tanh"\)`/] },
    { find: 'F.leaky_relu(h', shift: 4, expect: [/`torch\.nn\.functional\.leaky_relu\(x, negative_slope=0\.1\)`/, /f′\(0\) = 0\.1/] },
    { find: 'torch.sigmoid', shift: 8, expect: [/\*\*Sigmoid\*\* · `torch\.sigmoid\(x\)` · PyTorch function/] },
    { find: 'tf.nn.leaky_relu', shift: 8, expect: [/`tf\.nn\.leaky_relu\(x, alpha=0\.1\)` · TensorFlow function/, /- `alpha \(negative_slope\)` = \*\*0\.1\*\* \(written\)/] },
    { find: 'activation="gelu"', shift: 13, expect: [/\*\*GELU\*\* · `'gelu'` · Keras activation string \(activation\)/] },
    { find: 'nn.ReLU in this docstring', shift: 4, expect: null },
    { find: 'nn.Tanh in a comment', shift: 4, expect: null },
    { find: 'my_relu(h)', shift: 3, expect: null },
    { find: 'nn.Linear(width', shift: 4, expect: null },
  ],
  'hover/flax_model.py': [
    { find: 'nn.gelu(x, approximate=False)', shift: 4, expect: [/`flax\.linen\.gelu\(x, approximate=False\)` · Flax function/, /'tanh' in JAX, Flax|'tanh' in .*Flax/] },
    { find: 'nn.Dense', shift: 4, expect: null },
  ],
  'hover/model.ts': [
    { find: 'tf.leakyRelu(x, 0.1)', shift: 5, expect: [/`tf\.leakyRelu\(x, 0\.1\)` · TensorFlow\.js function/] },
    { find: 'tf.layers.leakyReLU', shift: 12, expect: [/`tf\.layers\.leakyReLU\(\{alpha: 0\.25\}\)` · TensorFlow\.js layer/] },
    { find: "activation: 'relu'", shift: 14, expect: [/\*\*ReLU\*\*/] },
    { find: 'tf.sigmoid(h)', shift: 5, expect: [/\*\*Sigmoid\*\*/] },
    { find: 'tf.relu in a comment', shift: 4, expect: null },
    { find: "console.log('tanh')", shift: 14, expect: null },
  ],
  'hover/config.json': [
    { find: '"gelu_new"', shift: 3, expect: [/`'gelu_new'` · Hugging Face ACT2FN name/, /\*\*'tanh'\*\* \(fixed by `gelu_new`\)/] },
    { find: '"tanh"', shift: 2, expect: [/\*\*Tanh\*\*/] },
    { find: '"sigmoid"', shift: 2, expect: null },
    { find: '"hidden_act"', shift: 2, expect: null },
  ],
  'hover/config.yaml': [
    { find: 'gelu_new', shift: 2, expect: [/Hugging Face ACT2FN name/] },
    { find: 'swish', shift: 2, expect: [/\*\*SiLU \/ Swish\*\*/] },
    { find: '- tanh', shift: 3, expect: [/\*\*Tanh\*\*/] },
    { find: 'activation: relu', shift: 13, expect: null },
    { find: 'name: sigmoid', shift: 8, expect: null },
  ],
  'hover/notes.md': [
    { find: '`nn.GELU`', shift: 5, expect: [/`torch\.nn\.GELU\(approximate='none'\)` · PyTorch module/] },
    { find: 'jax.nn.gelu(x)', shift: 8, expect: [/`jax\.nn\.gelu\(x, approximate=True\)` · JAX function/] },
    { find: '`keras.layers.LeakyReLU`', shift: 15, expect: [/`keras\.layers\.LeakyReLU\(negative_slope=0\.3\)`/] },
    { find: 'GELU in prose', shift: 1, expect: null },
  ],
};

function workspaceUri(relative: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'no workspace folder is open');
  return vscode.Uri.joinPath(folder.uri, ...relative.split('/'));
}

function markdownOf(hover: vscode.Hover): string {
  return hover.contents.map((c) => (typeof c === 'string' ? c : c.value)).join('\n');
}

/** ActViz's hovers among all providers' hovers at the position (ours are the ones with the Compare defaults link). */
async function actvizHovers(uri: vscode.Uri, position: vscode.Position): Promise<vscode.Hover[]> {
  const hovers = (await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, position)) ?? [];
  return hovers.filter((h) => markdownOf(h).includes('command:actviz.compareDefaults'));
}

async function positionOf(relative: string, find: string, shift: number): Promise<{ document: vscode.TextDocument; position: vscode.Position }> {
  const document = await vscode.workspace.openTextDocument(workspaceUri(relative));
  const at = document.getText().indexOf(find);
  assert.ok(at >= 0, `${JSON.stringify(find)} is not in ${relative}`);
  return { document, position: document.positionAt(at + shift) };
}

/** Updates a global setting and waits until the extension can see it. */
async function setSetting(key: string, value: unknown): Promise<void> {
  await vscode.workspace.getConfiguration('actviz').update(key, value, vscode.ConfigurationTarget.Global);
  const deadline = Date.now() + 10_000;
  while (JSON.stringify(vscode.workspace.getConfiguration('actviz').get(key)) !== JSON.stringify(value ?? vscode.workspace.getConfiguration('actviz').inspect(key)?.defaultValue)) {
    if (Date.now() > deadline) throw new Error(`setting actviz.${key} did not apply`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Polls until `check` passes (settings and themes reach the extension host asynchronously). */
async function eventually(check: () => Promise<void>, timeout = 20_000): Promise<void> {
  const deadline = Date.now() + timeout;
  for (;;) {
    try {
      await check();
      return;
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}

suite('Hover previews on activation names', () => {
  suiteSetup(async () => {
    const extension = vscode.extensions.getExtension('actviz.actviz');
    assert.ok(extension, 'the ActViz extension is not installed');
    await extension.activate();
  });

  for (const [file, list] of Object.entries(probes)) {
    for (const probe of list) {
      const title = probe.expect ? `${file}: ${probe.find} shows the preview` : `${file}: ${probe.find} shows no ActViz hover`;
      test(title, async () => {
        const { document, position } = await positionOf(file, probe.find, probe.shift);
        const hovers = await actvizHovers(document.uri, position);
        if (!probe.expect) {
          assert.equal(hovers.length, 0, `unexpected hover: ${hovers.map(markdownOf).join('\n---\n').slice(0, 300)}`);
          return;
        }
        assert.equal(hovers.length, 1, 'exactly one ActViz hover');
        const markdown = markdownOf(hovers[0]);
        for (const pattern of probe.expect) assert.match(markdown, pattern);
        assert.match(markdown, /!\[[^\]]*\]\(data:image\/svg\+xml;base64,[A-Za-z0-9+/=]+\|width=240,height=120\)/, 'a sized plot image');
        const range = hovers[0].range;
        assert.ok(range?.contains(position), 'the hover range covers the position');
      });
    }
  }

  test('trusts only the two ActViz commands in the hover', async () => {
    const { document, position } = await positionOf('hover/model.py', 'nn.LeakyReLU(0.2)', 5);
    const [hover] = await actvizHovers(document.uri, position);
    const content = hover.contents[0];
    assert.ok(content instanceof vscode.MarkdownString);
    assert.deepEqual(content.isTrusted, { enabledCommands: ['actviz.plotExpression', 'actviz.compareDefaults'] });
    const link = /\(command:actviz\.plotExpression\?([^ ()]+) "/.exec(content.value);
    assert.ok(link, 'an Open plot link');
    assert.deepEqual(JSON.parse(decodeURIComponent(link[1])), [{ expr: 'leaky_relu(x, negative_slope=0.2)', from: -4, to: 4, params: { negative_slope: 0.2 } }]);
  });

  test("the hover's links open a plot and a comparison with their arguments", async () => {
    const { document, position } = await positionOf('hover/model.py', 'tf.nn.leaky_relu', 8);
    const [hover] = await actvizHovers(document.uri, position);
    const markdown = markdownOf(hover);
    for (const command of ['actviz.plotExpression', 'actviz.compareDefaults']) {
      const link = new RegExp(`\\(command:${command.replace('.', '\\.')}\\?([^ ()]+) "`).exec(markdown);
      assert.ok(link, `a ${command} link`);
      const args = JSON.parse(decodeURIComponent(link[1])) as unknown[];
      const panel = await vscode.commands.executeCommand(command, ...args);
      assert.ok(panel, `${command} opened nothing for ${JSON.stringify(args)}`);
    }
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  test('appears alongside the TypeScript language service hover, not instead of it', async () => {
    const { document, position } = await positionOf('hover/model.ts', 'tf.sigmoid(h)', 5);
    await eventually(async () => {
      const hovers = (await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, position)) ?? [];
      const ours = hovers.filter((h) => markdownOf(h).includes('command:actviz.compareDefaults'));
      assert.equal(ours.length, 1, 'our hover');
      assert.ok(hovers.length >= 2, `only ${hovers.length} hover(s): the TypeScript hover is missing`);
    }, 60_000);
  });

  test('follows the settings live: disabled, languages, image size', async () => {
    const { document, position } = await positionOf('hover/model.py', 'nn.LeakyReLU(0.2)', 5);
    const json = await positionOf('hover/config.json', '"gelu_new"', 3);
    try {
      await setSetting('hover.enabled', false);
      await eventually(async () => assert.equal((await actvizHovers(document.uri, position)).length, 0));
      await setSetting('hover.enabled', undefined);
      await eventually(async () => assert.equal((await actvizHovers(document.uri, position)).length, 1));

      await setSetting('hover.languages', ['python']);
      await eventually(async () => assert.equal((await actvizHovers(json.document.uri, json.position)).length, 0));
      assert.equal((await actvizHovers(document.uri, position)).length, 1);
      await setSetting('hover.languages', undefined);
      await eventually(async () => assert.equal((await actvizHovers(json.document.uri, json.position)).length, 1));

      await setSetting('hover.imageWidth', 320);
      await setSetting('hover.showDerivative', false);
      await eventually(async () => {
        const [hover] = await actvizHovers(document.uri, position);
        const markdown = markdownOf(hover);
        assert.match(markdown, /\|width=320,height=120\)/);
        const uri = /\((data:image\/svg\+xml;base64,[^|]+)\|/.exec(markdown)![1];
        assert.doesNotMatch(Buffer.from(uri.split(',')[1], 'base64').toString('latin1'), /class="df"/);
      });
    } finally {
      for (const key of ['hover.enabled', 'hover.languages', 'hover.imageWidth', 'hover.showDerivative']) await setSetting(key, undefined);
    }
  });

  test('re-makes the image in the new colours when the theme kind changes', async () => {
    const { document, position } = await positionOf('hover/model.py', 'torch.sigmoid', 8);
    const strokeOf = async (): Promise<string> => {
      const [hover] = await actvizHovers(document.uri, position);
      const uri = /\((data:image\/svg\+xml;base64,[^|]+)\|/.exec(markdownOf(hover))![1];
      return /<g class="f"[^>]*stroke="(#[0-9A-F]{6})"/.exec(Buffer.from(uri.split(',')[1], 'base64').toString('latin1'))![1];
    };
    const workbench = vscode.workspace.getConfiguration('workbench');
    const before = await strokeOf();
    const startKind = vscode.window.activeColorTheme.kind;
    const target = startKind === vscode.ColorThemeKind.Light ? 'Default Dark Modern' : 'Default Light Modern';
    try {
      const changed = new Promise<void>((resolve) => {
        const sub = vscode.window.onDidChangeActiveColorTheme(() => {
          sub.dispose();
          resolve();
        });
      });
      await workbench.update('colorTheme', target, vscode.ConfigurationTarget.Global);
      await changed;
      await eventually(async () => assert.notEqual(await strokeOf(), before));
    } finally {
      await workbench.update('colorTheme', undefined, vscode.ConfigurationTarget.Global);
    }
  });

  test('reads imports from the other cells of a notebook', async () => {
    const data = new vscode.NotebookData([
      new vscode.NotebookCellData(vscode.NotebookCellKind.Code, 'import flax.linen as nn\nimport torch.nn.functional as F', 'python'),
      new vscode.NotebookCellData(vscode.NotebookCellKind.Code, 'y = nn.gelu(x)\nz = F.silu(y)', 'python'),
    ]);
    const notebook = await vscode.workspace.openNotebookDocument('jupyter-notebook', data);
    await vscode.window.showNotebookDocument(notebook);
    const cell = notebook.cellAt(1).document;
    assert.equal(cell.uri.scheme, 'vscode-notebook-cell');
    const gelu = await actvizHovers(cell.uri, cell.positionAt(cell.getText().indexOf('gelu') + 1));
    assert.equal(gelu.length, 1);
    assert.match(markdownOf(gelu[0]), /`flax\.linen\.gelu\(x, approximate=True\)` · Flax function/);
    const silu = await actvizHovers(cell.uri, cell.positionAt(cell.getText().indexOf('silu') + 1));
    assert.match(markdownOf(silu[0]), /`torch\.nn\.functional\.silu\(x\)`/);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });
});

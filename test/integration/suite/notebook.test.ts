import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';

const extensionId = 'actviz.actviz';
const controllerId = 'actviz-kernel';
const mime = 'application/vnd.actviz.v1+json';
const errorMime = 'application/vnd.code.notebook.error';

/** Polls `probe` until it returns a value, or fails after `timeout` ms saying what it waited for. */
async function waitFor<T>(what: string, probe: () => T | undefined, timeout = 30_000): Promise<T> {
  const deadline = Date.now() + timeout;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeout} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

function decode(item: vscode.NotebookCellOutputItem): string {
  return new TextDecoder().decode(item.data);
}

function itemOf(output: vscode.NotebookCellOutput, itemMime: string): vscode.NotebookCellOutputItem {
  const item = output.items.find((i) => i.mime === itemMime);
  assert.ok(item, `no ${itemMime} item; the output has ${output.items.map((i) => i.mime).join(', ')}`);
  return item;
}

let created = 0;
const scratch: vscode.Uri[] = [];

/**
 * Writes a Jupyter notebook with these code cells into the workspace, opens it and selects the ActViz kernel. A file
 * rather than an untitled notebook, so teardown can save it (which flushes the ipynb extension's pending metadata
 * edits) and close it without a dialog.
 */
async function notebookWithActvizKernel(...cells: string[]): Promise<vscode.NotebookDocument> {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'no workspace folder is open');
  const uri = vscode.Uri.joinPath(folder.uri, `actviz-kernel-test-${++created}.ipynb`);
  const ipynb = {
    cells: cells.map((source) => ({ cell_type: 'code', execution_count: null, metadata: {}, outputs: [], source })),
    metadata: { language_info: { name: 'python' } },
    nbformat: 4,
    nbformat_minor: 5,
  };
  await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(JSON.stringify(ipynb)));
  scratch.push(uri);
  const notebook = await vscode.workspace.openNotebookDocument(uri);
  await vscode.window.showNotebookDocument(notebook);
  await vscode.commands.executeCommand('notebook.selectKernel', { id: controllerId, extension: extensionId });
  return notebook;
}

/** Runs cell `index` and returns its outputs once the execution has finished. */
async function execute(notebook: vscode.NotebookDocument, index: number): Promise<readonly vscode.NotebookCellOutput[]> {
  await vscode.commands.executeCommand('notebook.cell.execute', { ranges: [{ start: index, end: index + 1 }], document: notebook.uri });
  const cell = notebook.cellAt(index);
  await waitFor(`cell ${index} to finish executing`, () => (cell.executionSummary?.success !== undefined ? true : undefined));
  return cell.outputs;
}

suite('Notebook: the ActViz kernel and the renderer MIME type', () => {
  suiteSetup(async () => {
    await vscode.extensions.getExtension(extensionId)?.activate();
  });

  teardown(async () => {
    for (const notebook of vscode.workspace.notebookDocuments) {
      if (notebook.isDirty) await notebook.save();
    }
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    for (const uri of scratch.splice(0)) await vscode.workspace.fs.delete(uri);
  });

  test('runs an expression cell and emits the ActViz MIME with a text/plain fallback', async () => {
    const notebook = await notebookWithActvizKernel('# Leaky ReLU, two frameworks\n%range -4 4\n%derivatives 1 2\nF.leaky_relu(x)\ntf.nn.leaky_relu(x)');
    const outputs = await execute(notebook, 0);
    const cell = notebook.cellAt(0);
    assert.equal(cell.executionSummary?.success, true);
    assert.equal(typeof cell.executionSummary?.executionOrder, 'number', 'the kernel numbers its executions');
    assert.equal(outputs.length, 1);
    assert.deepEqual(JSON.parse(decode(itemOf(outputs[0], mime))), {
      version: 1, range: [-4, 4], derivatives: [1, 2], expr: ['F.leaky_relu(x)', 'tf.nn.leaky_relu(x)'],
    });
    assert.match(decode(itemOf(outputs[0], 'text/plain')), /^ActViz plot: F\.leaky_relu\(x\), tf\.nn\.leaky_relu\(x\) \(f, f′, f″\) on \[-4, 4\]/);

    // Saved, the output is an nbformat display output whose +json bundle is a JSON object, as Python's would be.
    assert.ok(await notebook.save());
    const saved = JSON.parse(new TextDecoder().decode(await vscode.workspace.fs.readFile(notebook.uri))) as {
      cells: { outputs: { output_type: string; data: Record<string, unknown> }[] }[];
    };
    const [output] = saved.cells[0].outputs;
    assert.ok(['display_data', 'execute_result'].includes(output.output_type), output.output_type);
    assert.match([output.data['text/plain']].flat().join(''), /^ActViz plot: /);
    assert.deepEqual((output.data[mime] as { expr: string[] }).expr, ['F.leaky_relu(x)', 'tf.nn.leaky_relu(x)']);
  });

  test('gives an expression without x its own output, with its values in the text', async () => {
    const notebook = await notebookWithActvizKernel('%params T=0.5\nrelu(x)\nsoftmax([1, 2, 3] / T)');
    const outputs = await execute(notebook, 0);
    assert.equal(outputs.length, 2);
    assert.deepEqual(JSON.parse(decode(itemOf(outputs[0], mime))), { version: 1, expr: 'relu(x)' });
    assert.deepEqual(JSON.parse(decode(itemOf(outputs[1], mime))), { version: 1, expr: 'softmax([1, 2, 3] / T)', params: { T: 0.5 } });
    assert.match(decode(itemOf(outputs[1], 'text/plain')), /= \[0\.01588, 0\.1173, 0\.8668\]/);
  });

  test('turns a bad expression into a cell error that points at it', async () => {
    const notebook = await notebookWithActvizKernel('relu(x)\n  gleu(x)');
    const outputs = await execute(notebook, 0);
    assert.equal(notebook.cellAt(0).executionSummary?.success, false);
    assert.equal(outputs.length, 1);
    const error = JSON.parse(decode(itemOf(outputs[0], errorMime))) as { name: string; message: string; stack: string };
    assert.equal(error.name, 'ResolveError');
    assert.match(error.message, /^line 2, column 3: unknown function 'gleu'/);
    assert.match(error.stack, /\n {4}gleu\(x\)\n {4}\^\^\^\^/, `the stack shows a caret:\n${error.stack}`);
    assert.equal(outputs[0].items.some((i) => i.mime === mime), false, 'no plot for a failed cell');
  });

  test('turns a bad directive into a cell error', async () => {
    const notebook = await notebookWithActvizKernel('%points 1000000000\nrelu(x)');
    const outputs = await execute(notebook, 0);
    const error = JSON.parse(decode(itemOf(outputs[0], errorMime))) as { message: string };
    assert.match(error.message, /line 1, column 1: %points: must be between 2 and 20000/);
  });

  test('re-running a cell replaces its outputs', async () => {
    const notebook = await notebookWithActvizKernel('gleu(x)');
    await execute(notebook, 0);
    const edit = new vscode.WorkspaceEdit();
    edit.replace(notebook.cellAt(0).document.uri, new vscode.Range(0, 0, 0, 4), 'gelu');
    assert.ok(await vscode.workspace.applyEdit(edit));
    const outputs = await execute(notebook, 0);
    assert.equal(outputs.length, 1);
    assert.deepEqual(JSON.parse(decode(itemOf(outputs[0], mime))), { version: 1, expr: 'gelu(x)' });
  });

  test('reads saved ActViz outputs back from an .ipynb file as JSON', async () => {
    const folder = vscode.workspace.workspaceFolders?.[0];
    assert.ok(folder, 'no workspace folder is open');
    const notebook = await vscode.workspace.openNotebookDocument(vscode.Uri.joinPath(folder.uri, 'notebooks', 'bad-payloads.ipynb'));
    const first = notebook.getCells().find((cell) => cell.outputs.length > 0);
    assert.ok(first, 'the fixture has saved outputs');
    assert.deepEqual(JSON.parse(decode(itemOf(first.outputs[0], mime))), { version: 1, expr: 'relu(x)', range: [-2, 2], derivatives: [1] });
    assert.match(decode(itemOf(first.outputs[0], 'text/plain')), /^ActViz plot: relu\(x\)/);
  });
});

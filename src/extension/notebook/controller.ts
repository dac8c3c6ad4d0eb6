import * as vscode from 'vscode';
import { formatCellError, runCell } from '../../shared/cellScript';
import type { CellError } from '../../shared/cellScript';
import { actvizMime } from '../../shared/plotSpec';
import { summarizePayload } from '../../shared/plotSummary';

/**
 * The "ActViz" kernel for Jupyter notebooks: runs cells written in the expression language (one expression per line,
 * `%range`/`%params`/… directives, `#` comments) without Python and emits ActViz outputs with a text/plain fallback.
 * Expression errors become cell errors that quote the line with a caret under the offending span.
 */
export class ActvizController implements vscode.Disposable {
  static readonly id = 'actviz-kernel';
  static readonly notebookType = 'jupyter-notebook';
  static readonly label = 'ActViz';

  private readonly controller: vscode.NotebookController;
  private executionOrder = 0;

  constructor(private readonly log: vscode.LogOutputChannel) {
    this.controller = vscode.notebooks.createNotebookController(ActvizController.id, ActvizController.notebookType, ActvizController.label);
    this.controller.description = 'Activation expressions, no Python needed';
    this.controller.detail = 'One expression per line (overlaid); %range -4 4, %params name=value, %points N, %derivatives 1 2, %saturation ε, %framework tf, %title …';
    this.controller.supportsExecutionOrder = true;
    this.controller.executeHandler = (cells) => this.executeAll(cells);
  }

  dispose(): void {
    this.controller.dispose();
  }

  private async executeAll(cells: readonly vscode.NotebookCell[]): Promise<void> {
    for (const cell of cells) {
      if (cell.kind !== vscode.NotebookCellKind.Code) continue;
      await this.execute(cell);
    }
  }

  private async execute(cell: vscode.NotebookCell): Promise<void> {
    const execution = this.controller.createNotebookCellExecution(cell);
    execution.executionOrder = ++this.executionOrder;
    execution.start(Date.now());
    let success = false;
    try {
      const text = cell.document.getText();
      const result = runCell(text);
      if (result.ok) {
        await execution.replaceOutput(
          result.payloads.map(
            (payload) =>
              new vscode.NotebookCellOutput([
                vscode.NotebookCellOutputItem.json(payload, actvizMime),
                vscode.NotebookCellOutputItem.text(summarizePayload(payload), 'text/plain'),
              ]),
          ),
        );
        success = true;
      } else {
        await execution.replaceOutput(new vscode.NotebookCellOutput([vscode.NotebookCellOutputItem.error(cellError(text, result.errors))]));
      }
    } catch (error) {
      // runCell never throws by contract; anything here is a bug, reported in the cell rather than lost.
      this.log.error('ActViz kernel: cell execution failed', error);
      const failure = error instanceof Error ? error : new Error(String(error));
      await execution.replaceOutput(new vscode.NotebookCellOutput([vscode.NotebookCellOutputItem.error(failure)]));
    } finally {
      execution.end(success, Date.now());
    }
  }
}

/** One Error for all of a cell's problems: the first as the message, every one with its caret in the stack. */
export function cellError(text: string, errors: readonly CellError[]): Error {
  const first = errors[0];
  const error = new Error(first ? formatCellError(text, first).split('\n')[0] : 'the cell could not be run');
  error.name = first?.name ?? 'Error';
  error.stack = errors.map((e) => `${e.name}: ${formatCellError(text, e)}`).join('\n\n');
  return error;
}

import * as vscode from 'vscode';
import type { PanelInfo } from '../panel/plotPanel';
import { openPlot, UserError } from './context';
import type { CommandContext } from './context';
import { rememberExpressions } from './plotExpression';
import { findCallAt, inferFramework, selectionExpression } from './selection';

/**
 * ActViz: Plot Selection — the selected expression, or the activation call under the cursor, with the defaults of
 * the framework the file imports (else `actviz.defaultFramework`).
 */
export async function plotSelection(ctx: CommandContext): Promise<PanelInfo | undefined> {
  const commandStart = Date.now();
  const editor = vscode.window.activeTextEditor;
  if (!editor) throw new UserError('Plot Selection needs an editor: select an expression or put the cursor on an activation call.');
  const document = editor.document;
  const text = document.getText();
  const framework = inferFramework(text) ?? ctx.services.settings.value.defaultFramework;
  const expressions: string[] = [];
  for (const selection of editor.selections) {
    if (selection.isEmpty) {
      const call = findCallAt(text, document.offsetAt(selection.active));
      if (call) expressions.push(call.expr);
    } else {
      const expr = selectionExpression(document.getText(selection));
      if (expr) expressions.push(expr);
    }
  }
  const unique = [...new Set(expressions)].slice(0, 8);
  if (unique.length === 0) {
    throw new UserError('No activation call under the cursor. Select an expression (e.g. x*sigmoid(x)) or put the cursor on a call such as F.gelu(h).');
  }
  await rememberExpressions(ctx, unique);
  return openPlot(ctx, unique.map((expr) => ({ expr, framework })), { framework, commandStart });
}

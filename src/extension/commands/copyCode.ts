import * as vscode from 'vscode';
import { modelCode } from '../../shared/code';
import type { CodeTarget } from '../../shared/messages';
import type { PlotPanel } from '../panel/plotPanel';
import { UserError } from './context';
import type { CommandContext } from './context';

const titles: Record<CodeTarget, string> = { torch: 'PyTorch', keras: 'Keras', jax: 'JAX' };

/**
 * "Copy as code" from the panel: the framework spelling of every plotted built-in, with current parameters. The page
 * copies it itself when it can (the click's user activation lives there); otherwise the host writes the clipboard.
 */
export async function copyCode(_ctx: CommandContext, panel: PlotPanel, target: CodeTarget, copied: boolean): Promise<string | undefined> {
  const model = panel.current;
  if (!model) throw new UserError('Copy as code: the panel has no plot yet.');
  const text = modelCode(model, target);
  if (!text) throw new UserError('Copy as code: no expression in this plot compiles.');
  if (!copied) await vscode.env.clipboard.writeText(text);
  void vscode.window.showInformationMessage(`ActViz: copied the ${titles[target]} code to the clipboard`);
  return text;
}

import * as vscode from 'vscode';
import { codeSnippet } from '../../shared/code';
import type { CodeTarget } from '../../shared/messages';
import { compileSeries } from '../../shared/plotModel';
import type { PlotPanel } from '../panel/plotPanel';
import { UserError } from './context';
import type { CommandContext } from './context';

const titles: Record<CodeTarget, string> = { torch: 'PyTorch', keras: 'Keras', jax: 'JAX' };

/** "Copy as code" from the panel: the framework spelling of every plotted built-in, with current parameters. */
export async function copyCode(_ctx: CommandContext, panel: PlotPanel, target: CodeTarget): Promise<string> {
  const model = panel.current;
  if (!model) throw new UserError('Copy as code: the panel has no plot yet.');
  const parts: string[] = [];
  for (const spec of model.series) {
    const compiled = compileSeries(spec, model.framework);
    if (compiled.ok) parts.push(codeSnippet(compiled.compiled, spec.params, target));
  }
  if (parts.length === 0) throw new UserError('Copy as code: no expression in this plot compiles.');
  const text = `${parts.join('\n\n')}\n`;
  await vscode.env.clipboard.writeText(text);
  void vscode.window.showInformationMessage(`ActViz: copied the ${titles[target]} code to the clipboard`);
  return text;
}

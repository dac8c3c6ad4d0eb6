import * as vscode from 'vscode';
import { catalogue } from '../../core/index';
import type { ActivationInfo } from '../../core/index';
import { compareCandidates, comparePlan } from '../../shared/compare';
import type { PanelInfo } from '../panel/plotPanel';
import { parseCompareArgs } from './args';
import { catalogueItem } from './catalogueItems';
import { openPlot, UserError } from './context';
import type { CommandContext } from './context';

/** Functions spelled by at least two frameworks: the ones worth comparing. Those known to disagree come first. */
function comparable(): ActivationInfo[] {
  const disagree = new Set(['leaky_relu', 'gelu', 'hardsigmoid', 'hard_sigmoid', 'prelu', 'elu', 'softplus', 'relu']);
  const list = catalogue.filter((a) => new Set(compareCandidates(a).map((c) => c.framework)).size >= 2);
  return [...list.filter((a) => disagree.has(a.name)), ...list.filter((a) => !disagree.has(a.name))];
}

/**
 * ActViz: Compare Framework Defaults… — one function as PyTorch, TensorFlow, Keras and JAX define it, overlaid, with
 * kink conventions marked. Arguments: `{ fn: 'leaky_relu' }` (hover links) or a name.
 */
export async function compareDefaults(ctx: CommandContext, raw?: unknown): Promise<PanelInfo | undefined> {
  const commandStart = Date.now();
  const args = parseCompareArgs(raw);
  if (!args.ok) throw new UserError(`Compare Framework Defaults: ${args.error}`);
  let name = args.value?.fn;
  if (!name) {
    const items = comparable().map((activation) => ({ ...catalogueItem(activation), activation }));
    const picked = await vscode.window.showQuickPick(items, {
      title: 'ActViz: Compare Framework Defaults',
      placeHolder: 'A function whose definition or defaults differ between frameworks',
      matchOnDescription: true,
      matchOnDetail: true,
    });
    if (!picked) return undefined;
    name = picked.activation.name;
  }
  const plan = comparePlan(name);
  if (!plan) throw new UserError(`Compare Framework Defaults: unknown function '${name}'`);
  ctx.services.log.info(`ActViz: comparing ${plan.activation.name}: ${plan.notes.join('; ')}`);
  const range = args.value?.range ?? plan.activation.plotRange;
  return openPlot(ctx, plan.series, { range, title: `${plan.activation.title} across frameworks`, commandStart });
}

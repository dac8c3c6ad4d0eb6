import * as vscode from 'vscode';
import { catalogue, findActivation } from '../../core/index';
import type { ActivationInfo } from '../../core/index';
import type { PanelInfo } from '../panel/plotPanel';
import { parsePlotArgs } from './args';
import { catalogueItem, entryExpression, unionRange } from './catalogueItems';
import { openPlot, UserError } from './context';
import type { CommandContext } from './context';

type Item = vscode.QuickPickItem & { readonly activation: ActivationInfo };

async function pickActivations(): Promise<ActivationInfo[] | undefined> {
  const items: Item[] = catalogue.map((activation) => ({ ...catalogueItem(activation), activation }));
  const picked = await vscode.window.showQuickPick(items, {
    title: 'ActViz: Plot Activation Function',
    placeHolder: 'Type a name or any framework spelling (F.silu, tf.nn.swish, jax.nn.gelu); select several to overlay',
    canPickMany: true,
    matchOnDescription: true,
    matchOnDetail: true,
  });
  return picked && picked.length > 0 ? picked.map((p) => p.activation) : undefined;
}

/**
 * ActViz: Plot Activation Function… — a multi-select QuickPick over the catalogue. With arguments, names
 * (`{ expr: ['relu', 'gelu'] }`) plot those entries and anything else plots as an expression.
 */
export async function plotActivation(ctx: CommandContext, raw?: unknown): Promise<PanelInfo | undefined> {
  const commandStart = Date.now();
  const args = parsePlotArgs(raw);
  if (!args.ok) throw new UserError(`Plot Activation Function: ${args.error}`);
  if (args.value) {
    const entries = args.value.expr.map((e) => (/^[\w.]+$/.test(e.trim()) ? findActivation(e.trim())?.activation : undefined));
    const { params, framework, title, newPanel } = args.value;
    const series = args.value.expr.map((e, i) => ({
      expr: entries[i] ? entryExpression(entries[i] as ActivationInfo) : e,
      ...(params ? { params } : {}), ...(framework ? { framework } : {}),
    }));
    const found = entries.filter((e): e is ActivationInfo => e !== undefined);
    const range = args.value.range ?? (found.length === entries.length ? unionRange(found) : undefined);
    return openPlot(ctx, series, { ...(range ? { range } : {}), ...(title ? { title } : {}), ...(framework ? { framework } : {}), ...(newPanel ? { newPanel } : {}), commandStart });
  }
  const picked = await pickActivations();
  if (!picked) return undefined;
  const chosen = picked;
  const elementwise = chosen.filter((a) => a.kind === 'elementwise');
  const others = chosen.filter((a) => a.kind !== 'elementwise');
  let first: PanelInfo | undefined;
  if (elementwise.length > 0) {
    const range = unionRange(elementwise);
    first = openPlot(ctx, elementwise.map((a) => ({ expr: entryExpression(a) })), { ...(range ? { range } : {}), commandStart: Date.now() });
  }
  // Vector functions and losses cannot share an x-axis with curves: each gets its own plot.
  for (const activation of others) {
    const info = openPlot(ctx, [{ expr: entryExpression(activation) }], { newPanel: first !== undefined, commandStart: Date.now() });
    first ??= info;
  }
  return first;
}

import * as vscode from 'vscode';
import type { Services } from '../services';
import { PlotPanel } from '../panel/plotPanel';
import type { PanelActions } from '../panel/plotPanel';
import { compareDefaults } from './compareDefaults';
import { guard } from './context';
import type { CommandContext } from './context';
import { copyCode } from './copyCode';
import { exportPanel, exportPlot } from './exportPlot';
import { CommandId } from './ids';
import { plotActivation } from './plotActivation';
import { plotExpression } from './plotExpression';
import { plotSelection } from './plotSelection';

/** Registers the plot commands, the panel serializer and two internal commands the integration tests use. */
export function registerCommands(services: Services): void {
  // Commands and the panel's buttons share these; both go through `guard`, so nothing throws into VS Code.
  const actions: PanelActions = {
    exportPlot: (panel, format) => guard(ctx, 'Export Plot', () => exportPanel(ctx, panel, { format })),
    copyCode: (panel, target, copied) => guard(ctx, 'Copy as code', () => copyCode(ctx, panel, target, copied)),
  };
  const ctx: CommandContext = { services, actions };
  const command = (id: string, name: string, handler: (...args: unknown[]) => unknown): vscode.Disposable =>
    vscode.commands.registerCommand(id, (...args: unknown[]) => guard(ctx, name, () => handler(...args)));

  services.context.subscriptions.push(
    command(CommandId.PlotActivation, 'Plot Activation Function', (arg) => plotActivation(ctx, arg)),
    command(CommandId.PlotExpression, 'Plot Expression', (arg) => plotExpression(ctx, arg)),
    command(CommandId.PlotSelection, 'Plot Selection', () => plotSelection(ctx)),
    command(CommandId.CompareDefaults, 'Compare Framework Defaults', (arg) => compareDefaults(ctx, arg)),
    command(CommandId.ExportPlot, 'Export Plot', (arg) => exportPlot(ctx, arg)),
    vscode.window.registerWebviewPanelSerializer(PlotPanel.viewType, PlotPanel.serializer(services, actions)),
    vscode.commands.registerCommand(CommandId.TestPanels, () =>
      PlotPanel.all().map((p) => ({
        id: p.id, title: p.panel.title, visible: p.visible, active: PlotPanel.active() === p, model: p.current, timings: p.lastTimings,
      })),
    ),
    vscode.commands.registerCommand(CommandId.TestRevive, (panel: unknown, state: unknown) => {
      if (!panel || typeof (panel as vscode.WebviewPanel).webview !== 'object') return undefined;
      return PlotPanel.revive(services, actions, panel as vscode.WebviewPanel, state).id;
    }),
    { dispose: () => PlotPanel.all().forEach((p) => p.dispose()) },
  );
}

/**
 * What every command handler gets, and the two things they share: opening a plot (new or reused panel, per the
 * setting) and turning failures into an error message plus a log entry instead of an exception.
 */
import * as vscode from 'vscode';
import type { Services } from '../services';
import { PlotPanel } from '../panel/plotPanel';
import type { PanelActions, PanelInfo } from '../panel/plotPanel';
import { newModel } from '../../shared/plotModel';
import type { PlotModel, SeriesSpec } from '../../shared/plotModel';
import type { Framework } from '../../core/index';

export interface CommandContext {
  readonly services: Services;
  readonly actions: PanelActions;
}

/** A failure meant for the user: shown as is, without a stack in the log. */
export class UserError extends Error {}

export interface OpenOptions {
  readonly range?: readonly [number, number];
  readonly title?: string;
  readonly framework?: Framework;
  readonly newPanel?: boolean;
  readonly commandStart?: number;
}

export function modelFor(ctx: CommandContext, series: readonly SeriesSpec[], options: OpenOptions = {}): PlotModel {
  const { plot, defaultFramework } = ctx.services.settings.value;
  const model = newModel(series, {
    range: plot.range, points: plot.samples, showFirstDerivative: plot.showFirstDerivative,
    showSecondDerivative: plot.showSecondDerivative, saturationThreshold: plot.saturationThreshold,
    framework: options.framework ?? defaultFramework,
  }, { ...(options.range ? { range: options.range } : {}), ...(options.title ? { title: options.title } : {}) });
  return model;
}

export function openPlot(ctx: CommandContext, series: readonly SeriesSpec[], options: OpenOptions = {}): PanelInfo {
  const model = modelFor(ctx, series, options);
  const reuse = ctx.services.settings.value.plot.reusePanel && !options.newPanel;
  return PlotPanel.show(ctx.services, ctx.actions, model, { reuse, commandStart: options.commandStart ?? Date.now() });
}

/** Runs a command body; errors become `showErrorMessage` (details in the log) and the command returns undefined. */
export async function guard<T>(ctx: CommandContext, name: string, body: () => Promise<T> | T): Promise<T | undefined> {
  try {
    return await body();
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (error instanceof UserError) ctx.services.log.warn(`${name}: ${message}`);
    else ctx.services.log.error(`${name} failed: ${error instanceof Error ? (error.stack ?? message) : message}`);
    void vscode.window.showErrorMessage(`ActViz: ${message}`);
    return undefined;
  }
}

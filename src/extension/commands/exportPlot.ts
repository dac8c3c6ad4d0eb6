import * as vscode from 'vscode';
import { modelCsv } from '../../shared/csv';
import type { ExportFormat } from '../../shared/messages';
import { PlotPanel } from '../panel/plotPanel';
import { parseExportArgs } from './args';
import type { ExportArgs } from './args';
import { UserError } from './context';
import type { CommandContext } from './context';

const formats: readonly { label: string; description: string; format: ExportFormat }[] = [
  { label: 'PNG', description: 'image, as the plot looks now', format: 'png' },
  { label: 'SVG', description: 'vector image', format: 'svg' },
  { label: 'CSV', description: 'x, f, f′, f″ of every expression over the visible range', format: 'csv' },
];

function fileStem(panel: PlotPanel): string {
  const first = panel.current?.series[0];
  const base = panel.current?.title ?? first?.label ?? first?.expr ?? 'plot';
  const stem = base.replace(/[^A-Za-z0-9_.-]+/g, '_').replace(/^_+|_+$/g, '').slice(0, 40);
  return `actviz-${stem || 'plot'}`;
}

function targetUri(target: string): vscode.Uri {
  return /^[a-z][a-z0-9+.-]+:/i.test(target) && !/^[a-z]:[\\/]/i.test(target) ? vscode.Uri.parse(target, true) : vscode.Uri.file(target);
}

async function destination(panel: PlotPanel, format: ExportFormat, args: ExportArgs): Promise<vscode.Uri | undefined> {
  if (args.target) return targetUri(args.target);
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  const name = `${fileStem(panel)}.${format}`;
  return vscode.window.showSaveDialog({
    title: `ActViz: Export plot as ${format.toUpperCase()}`,
    ...(folder ? { defaultUri: vscode.Uri.joinPath(folder, name) } : {}),
    filters: { [format.toUpperCase()]: [format] },
  });
}

/** Writes the panel's plot in `format`; returns the file written. */
export async function exportPanel(ctx: CommandContext, panel: PlotPanel, args: ExportArgs): Promise<vscode.Uri | undefined> {
  let format = args.format;
  if (!format) {
    const picked = await vscode.window.showQuickPick(formats, { title: 'ActViz: Export Plot', placeHolder: 'Format' });
    if (!picked) return undefined;
    format = picked.format;
  }
  const model = panel.current;
  if (!model) throw new UserError('Export Plot: the panel has no plot yet.');
  const uri = await destination(panel, format, args);
  if (!uri) return undefined;
  let bytes: Uint8Array;
  if (format === 'csv') {
    const { csv, skipped } = modelCsv(model);
    if (skipped.length > 0) ctx.services.log.warn(`ActViz: CSV export left out ${skipped.join('; ')}`);
    bytes = Buffer.from(csv, 'utf8');
  } else {
    bytes = await panel.requestImage(format, args.width ?? 1200, args.height ?? 700);
  }
  await vscode.workspace.fs.writeFile(uri, bytes);
  ctx.services.log.info(`ActViz: exported ${format.toUpperCase()} (${bytes.length} bytes) to ${uri.toString(true)}`);
  void vscode.window.showInformationMessage(`ActViz: saved ${uri.scheme === 'file' ? uri.fsPath : uri.toString(true)}`);
  return uri;
}

/**
 * ActViz: Export Plot… — PNG or SVG (Plotly.toImage in the panel, sent to the host) or CSV (computed by the host) of
 * the active plot panel, saved where the user chooses. Arguments: `{ format?, target? }`.
 */
export async function exportPlot(ctx: CommandContext, raw?: unknown): Promise<string | undefined> {
  const args = parseExportArgs(raw);
  if (!args.ok) throw new UserError(`Export Plot: ${args.error}`);
  const panel = PlotPanel.active();
  if (!panel) throw new UserError('Export Plot: no plot is open. Plot something first (ActViz: Plot Expression…).');
  const uri = await exportPanel(ctx, panel, args.value);
  return uri?.toString();
}

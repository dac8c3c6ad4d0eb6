/**
 * The thin VS Code side of hovers: settings, theme kind, notebook neighbours and cancellation around the pure engine.
 * It never throws into VS Code: failures are logged and give no hover.
 */
import * as vscode from 'vscode';
import type { Settings } from '../config';
import { hoverCommands } from './hoverContent';
import type { HoverDocument, HoverEngine } from './hoverEngine';
import type { ThemeKind } from './sparkline';

export function themeKind(kind: vscode.ColorThemeKind): ThemeKind {
  switch (kind) {
    case vscode.ColorThemeKind.Light:
      return 'light';
    case vscode.ColorThemeKind.HighContrast:
      return 'highContrast';
    case vscode.ColorThemeKind.HighContrastLight:
      return 'highContrastLight';
    default:
      return 'dark';
  }
}

function hoverDocument(document: vscode.TextDocument): HoverDocument {
  return { key: document.uri.toString(), version: document.version, languageId: document.languageId, getText: () => document.getText() };
}

/** The other cells of the notebook a cell belongs to, in the same language: their imports apply to this cell. */
function notebookNeighbours(document: vscode.TextDocument): HoverDocument[] {
  if (document.uri.scheme !== 'vscode-notebook-cell') return [];
  const notebook = vscode.workspace.notebookDocuments.find(
    (nb) => nb.uri.path === document.uri.path && nb.getCells().some((cell) => cell.document === document),
  );
  if (!notebook) return [];
  return notebook
    .getCells()
    .filter((cell) => cell.document !== document && cell.document.languageId === document.languageId)
    .map((cell) => hoverDocument(cell.document));
}

export class ActivationHoverProvider implements vscode.HoverProvider {
  constructor(
    private readonly engine: HoverEngine,
    private readonly settings: Settings,
    private readonly log: vscode.LogOutputChannel,
  ) {}

  provideHover(document: vscode.TextDocument, position: vscode.Position, token: vscode.CancellationToken): vscode.Hover | undefined {
    try {
      const hover = this.settings.value.hover;
      if (!hover.enabled || token.isCancellationRequested || !hover.languages.includes(document.languageId)) return undefined;
      const result = this.engine.hover(
        hoverDocument(document),
        document.offsetAt(position),
        {
          theme: themeKind(vscode.window.activeColorTheme.kind),
          range: hover.range,
          width: hover.imageWidth,
          height: hover.imageHeight,
          showDerivative: hover.showDerivative,
        },
        notebookNeighbours(document),
      );
      if (!result || token.isCancellationRequested) return undefined;
      const markdown = new vscode.MarkdownString(result.markdown);
      markdown.isTrusted = { enabledCommands: [...hoverCommands] };
      return new vscode.Hover(markdown, new vscode.Range(document.positionAt(result.start), document.positionAt(result.end)));
    } catch (e) {
      this.log.error(`hover at ${document.uri.toString()}:${position.line + 1}:${position.character + 1} failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
      return undefined;
    }
  }
}

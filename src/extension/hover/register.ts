import * as vscode from 'vscode';
import type { ActvizSettings } from '../config';
import type { Services } from '../services';
import { HoverEngine } from './hoverEngine';
import { ActivationHoverProvider } from './hoverProvider';

/**
 * Registers the activation hover for the configured languages (by language only, so notebook cells match too) and
 * keeps it in step with the settings, the colour theme and closed documents.
 */
export function registerHover(services: Services): void {
  const engine = new HoverEngine();
  const provider = new ActivationHoverProvider(engine, services.settings, services.log);
  let registration: vscode.Disposable | undefined;
  let registeredFor = '';

  const update = (settings: ActvizSettings): void => {
    const languages = settings.hover.enabled ? [...settings.hover.languages] : [];
    const key = JSON.stringify(languages);
    if (key === registeredFor) return;
    registeredFor = key;
    registration?.dispose();
    registration = languages.length > 0 ? vscode.languages.registerHoverProvider(languages.map((language) => ({ language })), provider) : undefined;
    services.log.debug(`hover provider registered for: ${languages.join(', ') || 'nothing'}`);
  };
  update(services.settings.value);

  services.context.subscriptions.push(
    services.settings.onDidChange(update),
    vscode.window.onDidChangeActiveColorTheme(() => engine.clearImages()),
    vscode.workspace.onDidCloseTextDocument((document) => engine.forget(document.uri.toString())),
    { dispose: () => registration?.dispose() },
  );
}

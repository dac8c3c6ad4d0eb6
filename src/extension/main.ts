import * as vscode from 'vscode';
import { Settings } from './config';
import { registerCommands } from './commands/register';
import { registerHover } from './hover/register';
import { registerNotebook } from './notebook/register';
import type { Services } from './services';

/** Wires the three surfaces (plot panel and commands, hovers, notebooks); every disposable goes to the context. */
export function activate(context: vscode.ExtensionContext): void {
  const log = vscode.window.createOutputChannel('ActViz', { log: true });
  const settings = new Settings();
  context.subscriptions.push(log, settings);
  const services: Services = { context, settings, log };
  registerCommands(services);
  registerHover(services);
  registerNotebook(services);
  log.info('ActViz activated');
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}

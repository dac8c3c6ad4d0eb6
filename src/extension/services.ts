import type * as vscode from 'vscode';
import type { Settings } from './config';

/** What every feature gets from `activate`: the context, validated settings and the log channel. */
export interface Services {
  readonly context: vscode.ExtensionContext;
  readonly settings: Settings;
  readonly log: vscode.LogOutputChannel;
}

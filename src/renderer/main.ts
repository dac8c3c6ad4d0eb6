import type { ActivationFunction } from 'vscode-notebook-renderer';
import { createRenderer } from './render';

/**
 * Entry point of the `actviz.renderer` notebook renderer. It renders in untrusted workspaces too: a payload holds only
 * data and expressions of ActViz's closed language (no HTML, no code), and every payload is validated as hostile input.
 */
export const activate: ActivationFunction = () => createRenderer();

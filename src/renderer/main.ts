import type { ActivationFunction } from 'vscode-notebook-renderer';

/** Placeholder renderer until the notebook surface is built. */
export const activate: ActivationFunction = () => ({
  renderOutputItem(item, element) {
    element.textContent = item.text();
  },
});

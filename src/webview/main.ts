// The plot panel's script: restores its own state, talks to the host through validated messages, runs the panel.
performance.mark('actviz:script-start');

import { validateHostMessage } from '../shared/messages';
import type { WebviewMessage } from '../shared/messages';
import { validatePlotModel } from '../shared/plotModel';
import type { PlotModel } from '../shared/plotModel';
import { PlotPanelView } from './panel';

interface SavedState {
  model?: unknown;
}

const vscode = acquireVsCodeApi<SavedState>();
const post = (message: WebviewMessage): void => vscode.postMessage(message);

window.addEventListener('error', (event) => post({ type: 'log', level: 'error', message: `${event.message} (${event.filename}:${event.lineno})` }));
window.addEventListener('unhandledrejection', (event) => post({ type: 'log', level: 'error', message: String(event.reason) }));

const root = document.getElementById('app') ?? document.body.appendChild(document.createElement('main'));
const view = new PlotPanelView(root, { post, setState: (state: { model: PlotModel }) => vscode.setState(state) });
// For the e2e test and the render benchmark: the view's render statistics.
(window as unknown as { actviz?: PlotPanelView }).actviz = view;

window.addEventListener('message', (event: MessageEvent<unknown>) => {
  const checked = validateHostMessage(event.data);
  if (!checked.ok) {
    post({ type: 'log', level: 'warn', message: `ignored a message from the host: ${checked.error}` });
    return;
  }
  void view.handle(checked.value);
});

const saved = validatePlotModel(vscode.getState()?.model);
post({ type: 'ready' });
void view.start(saved.ok ? saved.value : undefined);

import type { Services } from '../services';
import { ActvizController } from './controller';

/**
 * Notebook support in the extension host: the ActViz kernel. The renderer itself (`dist/renderer.js`) needs no host
 * code; it is contributed in package.json and runs in the notebook webview.
 */
export function registerNotebook(services: Services): void {
  services.context.subscriptions.push(new ActvizController(services.log));
}

import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';

/** The hover engineer's pure entry point, if it exists: something to time per distinct document, or why not. */
export interface HoverPipeline {
  readonly description: string;
  readonly run?: (k: number) => unknown;
}

/** `buildHover(text, offset, options)` from src/extension/hover/hoverEngine.ts (pure: no vscode import). */
type BuildHover = (
  text: string,
  offset: number,
  options: {
    languageId: string;
    theme: string;
    range: readonly [number, number];
    width: number;
    height: number;
    showDerivative: boolean;
  },
) => { markdown?: unknown; image?: { uri?: unknown } } | undefined;

/**
 * Python documents as a user hovers them, each with a distinct constant and variable name so no cache could answer;
 * `name` is where the pointer rests.
 */
const DOCUMENTS: readonly { readonly name: string; readonly text: (k: number, c: string) => string }[] = [
  { name: 'leaky_relu', text: (k, c) => `import torch.nn.functional as F\nh${k} = layer(x)\ny = F.leaky_relu(h${k}, negative_slope=${c} - 1)\n` },
  { name: 'softplus', text: (k, c) => `import torch.nn.functional as F\nh${k} = layer(x)\ny = F.softplus(h${k}, beta=${c})\n` },
  { name: 'GELU', text: (k) => `import torch\nact${k} = torch.nn.GELU(approximate='tanh')\n` },
  { name: 'gelu', text: (k) => `import jax\ny${k} = jax.nn.gelu(h)\n` },
  { name: 'silu', text: (k) => `import torch.nn.functional as F\ny${k} = F.silu(h)\n` },
  { name: 'sigmoid', text: (k) => `import torch\ny${k} = torch.sigmoid(h)\n` },
  { name: 'elu', text: (k, c) => `import torch.nn.functional as F\ny${k} = F.elu(h, alpha=${c})\n` },
];

/** Hover settings at their package.json defaults. */
const OPTIONS = { languageId: 'python', theme: 'light', range: [-4, 4] as const, width: 240, height: 120, showDerivative: true };

/**
 * Finds `buildHover` in the compiled hover engine and checks that it answers every benchmark document with a plot
 * before anything is timed.
 */
export function findHoverPipeline(root: string, constant: (k: number) => string): HoverPipeline {
  const file = path.join(root, 'out', 'src', 'extension', 'hover', 'hoverEngine.js');
  if (!existsSync(file)) return { description: 'no src/extension/hover/hoverEngine.ts (buildHover) yet' };
  let buildHover: BuildHover;
  try {
    const exports = createRequire(__filename)(file) as { buildHover?: unknown };
    if (typeof exports.buildHover !== 'function') return { description: 'hoverEngine has no exported buildHover' };
    buildHover = exports.buildHover as BuildHover;
  } catch (error) {
    return { description: `hoverEngine does not load outside VS Code: ${(error as Error).message.split('\n')[0]}` };
  }
  const documentFor = (k: number) => {
    const d = DOCUMENTS[k % DOCUMENTS.length];
    const text = d.text(k, constant(k));
    return { text, offset: text.lastIndexOf(d.name) + 1 };
  };
  for (let k = 0; k < DOCUMENTS.length; k++) {
    const { text, offset } = documentFor(k);
    const result = buildHover(text, offset, OPTIONS);
    if (!result || typeof result.markdown !== 'string' || typeof result.image?.uri !== 'string') {
      return { description: `buildHover gave no plotted hover for ${JSON.stringify(text)} at ${offset}` };
    }
  }
  return {
    description: `buildHover (locate, resolve, compile, f,f′ on 121 pts, sparkline SVG, data URI, markdown), ${DOCUMENTS.length} Python documents`,
    run: (k) => {
      const { text, offset } = documentFor(k);
      return buildHover(text, offset, OPTIONS);
    },
  };
}

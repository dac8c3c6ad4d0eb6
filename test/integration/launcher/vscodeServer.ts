import * as fs from 'node:fs';
import * as path from 'node:path';
import { createRequire } from 'node:module';
import type * as VsServer from '../../../scripts/vscode-server.cjs';

/** The repository root: the nearest folder above this file whose package.json is ActViz's (works from `out/`). */
export const repoRoot = ((): string => {
  for (let dir = __dirname; dir !== path.dirname(dir); dir = path.dirname(dir)) {
    const manifest = path.join(dir, 'package.json');
    if (fs.existsSync(manifest) && JSON.parse(fs.readFileSync(manifest, 'utf8')).name === 'actviz') return dir;
  }
  throw new Error(`no ActViz package.json above ${__dirname}`);
})();

/** scripts/vscode-server.cjs, loaded from the repository root at run time (tsc does not copy it into out/). */
export const vscodeServer = createRequire(__filename)(path.join(repoRoot, 'scripts', 'vscode-server.cjs')) as typeof VsServer;

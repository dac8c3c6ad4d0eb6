import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runTests } from '@vscode/test-electron';
import { repoRoot } from './launcher/vscodeServer';

/**
 * Runs the extension-host suites (index.ts) with @vscode/test-electron. Desktop VS Code cannot be downloaded here, so
 * by default `vscodeExecutablePath` is our launcher, which runs the same suites in VS Code's server + headless
 * Chromium. `ACTVIZ_VSCODE=desktop` uses the downloaded desktop VS Code instead (same suites, same runner).
 */
async function main(): Promise<number> {
  const mode = process.env.ACTVIZ_VSCODE ?? 'server';
  if (mode !== 'server' && mode !== 'desktop') {
    console.error(`ACTVIZ_VSCODE must be 'server' or 'desktop', not '${mode}'`);
    return 2;
  }
  const workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'actviz-workspace-'));
  fs.cpSync(path.join(repoRoot, 'test', 'fixtures', 'workspace'), workspace, { recursive: true });
  const options = {
    extensionDevelopmentPath: repoRoot,
    extensionTestsPath: path.join(__dirname, 'index'),
    launchArgs: [workspace],
  };
  try {
    if (mode === 'server') {
      await runTests({ ...options, vscodeExecutablePath: path.join(repoRoot, 'test', 'integration', 'launcher', 'code') });
    } else {
      const userDir = path.join(repoRoot, '.vscode-test', 'user-data', 'User');
      fs.mkdirSync(userDir, { recursive: true });
      fs.copyFileSync(path.join(repoRoot, 'test', 'vscode-settings.json'), path.join(userDir, 'settings.json'));
      await runTests({ ...options, launchArgs: [workspace, '--disable-extensions'] });
    }
    return 0;
  } catch (error) {
    console.error(`Integration tests failed: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  } finally {
    fs.rmSync(workspace, { recursive: true, force: true });
  }
}

main().then((code) => process.exit(code));

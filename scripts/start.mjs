// `npm start`: builds, then opens VS Code with ActViz loaded as development extension on the demo workspace.
// Desktop `code` when it is on PATH (ACTVIZ_VSCODE=server forces the browser); otherwise VS Code's server (installed
// on demand under .vscode-test/) on 127.0.0.1, whose URL is printed; Ctrl-C stops everything.
// `npm start -- --check` opens that URL in headless Chromium, saves test-results/start.png and stops again.
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const vscodeServer = require('./vscode-server.cjs');

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const demo = path.join(root, 'demo');
const check = process.argv.includes('--check');
const say = (message) => console.log(`[start] ${message}`);

function build() {
  const result = spawnSync(process.platform === 'win32' ? 'npm.cmd' : 'npm', ['run', '--silent', 'build'], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) {
    console.error('[start] the build failed; fix the errors above and run npm start again');
    process.exit(1);
  }
}

function hasDesktopCode() {
  if (process.env.ACTVIZ_VSCODE === 'server' || check) return false;
  const probe = spawnSync('code', ['--version'], { encoding: 'utf8', timeout: 30_000 });
  return probe.status === 0 && !/code-server/i.test(probe.stdout ?? '');
}

/** Opens the workbench in headless Chromium, waits until it restored with ActViz active, and screenshots it. */
async function selfCheck(url) {
  const profile = mkdtempSync(path.join(os.tmpdir(), 'actviz-start-check-'));
  const browser = await vscodeServer.launchBrowser(profile);
  try {
    const page = browser.pages()[0] ?? (await browser.newPage());
    await page.goto(url, { timeout: 120_000 });
    await page.waitForFunction(() => 'driver' in globalThis, undefined, { timeout: 120_000 });
    await page.evaluate(() => globalThis.driver.whenWorkbenchRestored());
    await page.keyboard.press('Control+P');
    await page.locator('.quick-input-widget .quick-input-box input').fill('model.py');
    await page.locator('.quick-input-list .monaco-list-row[aria-label*="model.py"]').first().waitFor({ timeout: 60_000 });
    await page.keyboard.press('Enter');
    await page.locator('.tabs-container .tab.active[data-resource-name="model.py"]').waitFor({ timeout: 60_000 });
    await page.locator('.monaco-editor .view-lines').first().waitFor({ timeout: 60_000 });
    const file = path.join(root, 'test-results', 'start.png');
    mkdirSync(path.dirname(file), { recursive: true });
    await page.screenshot({ path: file });
    say(`workbench checked: screenshot ${path.relative(root, file)}`);
  } finally {
    await browser.close().catch(() => undefined);
    rmSync(profile, { recursive: true, force: true });
  }
}

async function main() {
  build();
  if (hasDesktopCode()) {
    say('opening desktop VS Code with ActViz as development extension on demo/');
    const child = spawn('code', [`--extensionDevelopmentPath=${root}`, demo], { stdio: 'inherit' });
    child.on('exit', (code) => process.exit(code ?? 0));
    return;
  }
  const port = process.env.ACTVIZ_PORT ? Number(process.env.ACTVIZ_PORT) : undefined;
  const server = await vscodeServer.startServer({
    userDataDir: path.join(root, '.vscode-test', 'start-user-data'),
    extensionsDir: path.join(root, '.vscode-test', 'start-extensions'),
    keepSettings: true,
    port,
    log: say,
  });
  const url = server.url({ folder: demo, extensionDevelopmentPath: root });
  if (check) {
    try {
      await selfCheck(url);
    } finally {
      await server.stop();
    }
    return;
  }
  console.log(`\nActViz is running in VS Code's web workbench. Open this URL in a browser on this machine:\n\n  ${url}\n\nCtrl-C stops the server.`);
  // The server runs in its own process group; vscode-server.cjs kills it on Ctrl-C. Stay alive while it lives.
  for (;;) {
    await delay(2000);
    try {
      process.kill(-server.pgid, 0);
    } catch {
      console.error(`[start] VS Code's server stopped (log: ${server.logFile})`);
      process.exit(1);
    }
  }
}

main().catch((error) => {
  console.error(`[start] ${error instanceof Error ? error.message : error}`);
  process.exit(1);
});

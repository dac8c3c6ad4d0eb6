import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { format } from 'node:util';
import type { BrowserContext } from 'playwright-core';
import { repoRoot, vscodeServer } from './vscodeServer';

/**
 * Stands in for the `code` executable that `@vscode/test-electron` spawns: reads VS Code's command line, starts VS
 * Code's server with fresh directories, opens the workbench in headless Chromium with the extension under development
 * and the test entry in the payload, forwards the extension host's output, and exits with the suite's exit code.
 * (`--user-data-dir`/`--extensions-dir` from the runner are ignored: every run starts clean.)
 */

interface LaunchRequest {
  extensionDevelopmentPath?: string;
  extensionTestsPath?: string;
  folder?: string;
}

function parseCommandLine(argv: readonly string[]): LaunchRequest {
  const request: LaunchRequest = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const [flag, inline] = arg.startsWith('--') ? splitFlag(arg) : [undefined, undefined];
    const value = (): string => inline ?? argv[++i];
    if (flag === '--extensionDevelopmentPath') request.extensionDevelopmentPath = path.resolve(value());
    else if (flag === '--extensionTestsPath') request.extensionTestsPath = path.resolve(value());
    else if (flag === undefined) request.folder = path.resolve(arg);
  }
  return request;
}

function splitFlag(arg: string): [string, string | undefined] {
  const eq = arg.indexOf('=');
  return eq < 0 ? [arg, undefined] : [arg.slice(0, eq), arg.slice(eq + 1)];
}

function say(message: string): void {
  process.stderr.write(`[launcher] ${message}\n`);
}

/** Workbench chatter that says nothing about the extension; it still goes to the log file. */
const noise = [
  /^Ignoring fetching additional builtin extensions/, /^Updating additional builtin extensions cache/,
  /^Resolv(ing|ed) connection token/, /^Creating a socket/, /\[reconnection-grace-time\]/, /^\[Service Worker\]/,
  /^\[AgentHost/, /^\[AccountPolicyGate\]/, /authentication provider 'github'/, /^Creation of workbench contribution/,
  /^Canceled/, /ERR_NAME_NOT_RESOLVED/, /status of 404/,
];

/**
 * The workbench's log and the extension host's console (mocha's reporter) arrive here as printf-style arguments.
 * Everything goes to `log`; all but known workbench chatter also to our stdout/stderr (ACTVIZ_VERBOSE=1: everything).
 */
function forwarder(log: fs.WriteStream): (type: string, args: unknown) => void {
  const verbose = Boolean(process.env.ACTVIZ_VERBOSE);
  return (type, args) => {
    const parts = Array.isArray(args) ? args : [args];
    const text = format(...parts);
    log.write(`[${type}] ${text}\n`);
    if (!verbose && noise.some((pattern) => pattern.test(text))) return;
    (type === 'error' ? process.stderr : process.stdout).write(`${text}\n`);
  };
}

async function main(): Promise<number> {
  const request = parseCommandLine(process.argv.slice(2));
  if (!request.extensionTestsPath) {
    say('no --extensionTestsPath: this launcher only runs extension-host tests (use `npm start` to open a workbench)');
    return 2;
  }
  const timeoutMs = Number(process.env.ACTVIZ_INTEGRATION_TIMEOUT_MS ?? 15 * 60_000);
  const resultsDir = path.join(repoRoot, 'test-results');
  fs.mkdirSync(resultsDir, { recursive: true });
  vscodeServer.chromiumPath();
  const server = await vscodeServer.startServer({ log: say });
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'actviz-chromium-'));
  const workbenchLog = fs.createWriteStream(path.join(resultsDir, 'integration-workbench.log'));
  let browser: BrowserContext | undefined;
  try {
    browser = await vscodeServer.launchBrowser(profile);
    const page = browser.pages()[0] ?? (await browser.newPage());
    let settle: (code: number) => void = () => undefined;
    const exitCode = new Promise<number>((resolve) => (settle = resolve));
    await page.exposeFunction('codeAutomationExit', (code: number) => settle(code));
    await page.exposeFunction('codeAutomationLog', forwarder(workbenchLog));
    page.on('crash', () => {
      say('the workbench page crashed');
      settle(1);
    });
    page.on('pageerror', (error) => workbenchLog.write(`[pageerror] ${error.message}\n`));
    const url = server.url(request);
    say(`opening ${url}`);
    await page.goto(url, { timeout: 120_000 });
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<number>((resolve) => {
      timer = setTimeout(() => {
        say(`no result from the extension host after ${timeoutMs / 1000} s (logs in ${path.relative(repoRoot, resultsDir)}/integration-*.log)`);
        resolve(1);
      }, timeoutMs);
    });
    const code = await Promise.race([exitCode, timedOut]);
    clearTimeout(timer);
    return code;
  } finally {
    await browser?.close().catch(() => undefined);
    workbenchLog.end();
    fs.rmSync(profile, { recursive: true, force: true });
    fs.copyFileSync(server.logFile, path.join(resultsDir, 'integration-server.log'));
    await server.stop();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    say(error instanceof Error ? error.message : String(error));
    process.exit(1);
  },
);

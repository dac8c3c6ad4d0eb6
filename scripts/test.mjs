// `npm test`: type-check → lint → build → unit → integration (real VS Code) → e2e (real workbench + browser).
// Every step runs as a child in its own process group; VS Code's server installs in the background from the start.
// Ends with exactly one line `N passed, N failed` summing all suites; any failure, or a suite that could not run
// (VS Code or Chromium missing), makes the exit code non-zero.
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { createWriteStream, existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const vscodeServer = require('./vscode-server.cjs');

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const runId = `test-${process.pid}-${randomUUID().slice(0, 8)}`;
const resultsDir = path.join(root, 'test-results');
mkdirSync(resultsDir, { recursive: true });

/** @type {Set<import('node:child_process').ChildProcess>} */
const running = new Set();

function killGroup(pid, signal = 'SIGKILL') {
  try {
    process.kill(-pid, signal);
  } catch {
    // Already gone.
  }
}

/**
 * Kills every process that still carries this run's ACTVIZ_RUN_ID in its environment (servers, extension hosts,
 * browsers started by a step that died too hard to clean up) and returns what it found.
 */
function sweep(id = runId) {
  const marker = `ACTVIZ_RUN_ID=${id}\0`;
  const found = [];
  let pids = [];
  try {
    pids = readdirSync('/proc').filter((name) => /^\d+$/.test(name)).map(Number);
  } catch {
    return found;
  }
  for (const pid of pids) {
    if (pid === process.pid) continue;
    try {
      if (!readFileSync(`/proc/${pid}/environ`, 'latin1').includes(marker)) continue;
      const command = readFileSync(`/proc/${pid}/cmdline`, 'latin1').split('\0').join(' ').trim().slice(0, 100);
      process.kill(pid, 'SIGKILL');
      found.push(`${pid} ${command}`);
    } catch {
      // Gone, or not ours to read.
    }
  }
  return found;
}

function stopEverything() {
  for (const child of running) if (child.pid) killGroup(child.pid);
  vscodeServer.reapRun(runId);
  sweep();
}

for (const [signal, code] of [['SIGINT', 130], ['SIGTERM', 143], ['SIGHUP', 129]]) {
  process.on(signal, () => {
    console.error(`\n${signal}: stopping every process of this run`);
    stopEverything();
    process.exit(code);
  });
}
process.on('exit', stopEverything);

/**
 * Runs a command in its own process group, echoing its output (also to `log` if given), and collects the
 * `ACTVIZ-RESULT {...}` lines it prints. Whatever the group leaves behind is killed when it exits.
 */
function run(command, args, { log, quiet = false, id = runId } = {}) {
  return new Promise((resolve) => {
    const started = Date.now();
    const child = spawn(command, args, {
      cwd: root,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, ACTVIZ_RUN_ID: id, FORCE_COLOR: '0', npm_config_update_notifier: 'false' },
    });
    running.add(child);
    const file = log ? createWriteStream(log) : undefined;
    /** @type {object[]} */
    const results = [];
    let pending = '';
    const take = (chunk, stream) => {
      file?.write(chunk);
      if (!quiet) stream.write(chunk);
      pending += chunk.toString();
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) {
        const match = /ACTVIZ-RESULT (\{.*\})\s*$/.exec(line);
        if (match) {
          try {
            results.push(JSON.parse(match[1]));
          } catch {
            // A garbled line counts as no result.
          }
        }
      }
    };
    child.stdout.on('data', (chunk) => take(chunk, process.stdout));
    child.stderr.on('data', (chunk) => take(chunk, process.stderr));
    const finish = (code) => {
      running.delete(child);
      if (child.pid) killGroup(child.pid);
      file?.end();
      resolve({ code, results, seconds: Math.round((Date.now() - started) / 1000) });
    };
    child.on('error', (error) => {
      console.error(`${command} could not start: ${error.message}`);
      finish(127);
    });
    child.on('close', (code, signal) => finish(code ?? (signal ? 128 : 1)));
  });
}

const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';

/** @type {{ name: string, check?: boolean, passed: number, failed: number, pending: number, seconds: number, note: string }[]} */
const rows = [];

function banner(title) {
  console.log(`\n━━━ ${title} ${'━'.repeat(Math.max(0, 100 - title.length))}`);
}

/** A check that is not a test suite: it adds one failure when it fails, nothing when it passes. */
async function check(name, command, args) {
  banner(name);
  const { code, seconds } = await run(command, args);
  rows.push({ name, check: true, passed: 0, failed: code === 0 ? 0 : 1, pending: 0, seconds, note: code === 0 ? 'ok' : `exit ${code}` });
  return code === 0;
}

/** What a step left running (it should leave nothing): killed, listed, and counted as a failure. */
const leftovers = [];

/** A test suite: its counts come from its ACTVIZ-RESULT line; no line (it could not run) is one failure. */
async function suite(name, command, args) {
  banner(name);
  const { code, results, seconds } = await run(command, args);
  const left = [...vscodeServer.reapRun(runId).map((g) => `group ${g.pgid} ${g.what}`), ...sweep()];
  if (left.length > 0) {
    console.error(`${name} left processes running (killed now):\n  ${left.join('\n  ')}`);
    leftovers.push(...left.map((l) => `${name}: ${l}`));
  }
  const result = results.find((r) => r.suite === name);
  if (!result) {
    rows.push({ name, passed: 0, failed: 1, pending: 0, seconds, note: `did not run (exit ${code})` });
    return false;
  }
  let failed = result.failed;
  let note = code === 0 ? 'ok' : `exit ${code}`;
  if (code !== 0 && failed === 0) {
    failed = 1;
    note = `exit ${code} although no test failed`;
  }
  rows.push({ name, passed: result.passed, failed, pending: result.pending ?? 0, seconds, note });
  return failed === 0;
}

function notRun(name, why) {
  banner(name);
  console.log(`not run: ${why}`);
  rows.push({ name, passed: 0, failed: 1, pending: 0, seconds: 0, note: `not run: ${why}` });
}

const started = Date.now();

// VS Code's server takes minutes to install the first time: start now, in parallel with the static checks.
let chromiumProblem;
try {
  vscodeServer.chromiumPath();
} catch (error) {
  chromiumProblem = error.message;
}
const install = vscodeServer.isInstalled()
  ? Promise.resolve({ code: 0 })
  : run(process.execPath, [path.join(root, 'scripts', 'vscode-server.cjs'), 'install'], {
      log: path.join(resultsDir, 'vscode-server-install.log'),
      quiet: true,
      id: `${runId}-install`,
    });
if (!vscodeServer.isInstalled()) console.log(`installing VS Code's server in the background (log: test-results/vscode-server-install.log)`);

const typesOk = await check('check-types', npm, ['run', '--silent', 'check-types']);
await check('lint', npm, ['run', '--silent', 'lint']);
const buildOk = await check('build', npm, ['run', '--silent', 'build']);
await check('compile-tests', npm, ['run', '--silent', 'compile-tests']);
await suite('unit', npx, ['mocha', '--reporter', './scripts/mocha-result-reporter.cjs', '--reporter-option', 'suite=unit']);

banner('VS Code server');
const installed = await install;
const serverProblem =
  installed.code === 0 && vscodeServer.isInstalled()
    ? undefined
    : `VS Code's server could not be installed (see test-results/vscode-server-install.log; needs: apt-get install chromium libkrb5-dev)`;
console.log(serverProblem ?? `ready (${path.relative(root, vscodeServer.layout.codeServer)})`);
// tsc emits despite type errors (counted above): only a missing runner blocks the suites.
const runnersMissing = ['out/test/integration/runTest.js', 'out/test/e2e/run.js'].filter((file) => !existsSync(path.join(root, file)));
const blocker =
  serverProblem ??
  chromiumProblem ??
  (buildOk ? undefined : 'the build failed') ??
  (runnersMissing.length === 0 ? undefined : `compile-tests did not emit ${runnersMissing.join(', ')}`);

if (blocker) notRun('integration', blocker);
else await suite('integration', process.execPath, [path.join(root, 'out', 'test', 'integration', 'runTest.js')]);

if (blocker || !typesOk) notRun('e2e', blocker ?? 'the type-check failed, so the .vsix cannot be packaged');
else await suite('e2e', process.execPath, [path.join(root, 'out', 'test', 'e2e', 'run.js')]);

leftovers.push(...vscodeServer.reapRun(runId).map((g) => `group ${g.pgid} ${g.what}`), ...sweep());
if (leftovers.length > 0) {
  rows.push({ name: 'cleanup', check: true, passed: 0, failed: 1, pending: 0, seconds: 0, note: `${leftovers.length} process(es) survived their step` });
}

banner('summary');
for (const row of rows) {
  const counts = row.check || row.note.startsWith('not run') || row.note.startsWith('did not run') ? '' : `${row.passed} passed, ${row.failed} failed${row.pending ? `, ${row.pending} pending` : ''}`;
  console.log(`${row.failed > 0 ? '✗' : '✓'} ${row.name.padEnd(14)} ${counts.padEnd(34)} ${String(row.seconds).padStart(4)} s  ${row.note}`);
}
console.log(`total ${Math.round((Date.now() - started) / 1000)} s`);
const passed = rows.reduce((sum, row) => sum + row.passed, 0);
const failed = rows.reduce((sum, row) => sum + row.failed, 0);
console.log(`${passed} passed, ${failed} failed`);
process.exitCode = failed > 0 ? 1 : 0;

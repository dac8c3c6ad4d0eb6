import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';

/**
 * The `--extensionTestsPath` entry: VS Code loads this module in the extension host and awaits `run()`.
 * Runs every `suite/*.test.js` with mocha's TDD UI, prints each test (spec reporter) and ends with one
 * `ACTVIZ-RESULT {...}` line that scripts/test.mjs parses. An empty or unloadable suite is a failure.
 */
export async function run(): Promise<void> {
  const mocha = new Mocha({
    ui: 'tdd',
    color: false,
    reporter: 'spec',
    timeout: Number(process.env.ACTVIZ_TEST_TIMEOUT_MS ?? 60_000),
    forbidOnly: true,
    grep: process.env.ACTVIZ_GREP || undefined,
  });
  const suiteDir = path.join(__dirname, 'suite');
  const files = fs.readdirSync(suiteDir).filter((name) => name.endsWith('.test.js')).sort();
  for (const name of files) mocha.addFile(path.join(suiteDir, name));

  let stats = { passes: 0, failures: 0, pending: 0, tests: 0 };
  let loadError: string | undefined;
  try {
    await mocha.loadFilesAsync();
    stats = await new Promise((resolve) => {
      const runner = mocha.run(() => resolve({ ...stats, ...runner.stats }));
    });
  } catch (error) {
    loadError = error instanceof Error ? (error.stack ?? error.message) : String(error);
    console.error(`Integration suites could not run: ${loadError}`);
  }
  const failed = stats.failures + (loadError ? 1 : 0) + (stats.passes + stats.failures === 0 && !loadError ? 1 : 0);
  const result = { suite: 'integration', passed: stats.passes, failed, pending: stats.pending, files: files.length };
  console.log(`ACTVIZ-RESULT ${JSON.stringify(result)}`);
  if (failed > 0) {
    throw new Error(loadError ? 'integration suites failed to load' : stats.passes + stats.failures === 0 ? 'no integration tests ran' : `${failed} integration test(s) failed`);
  }
}

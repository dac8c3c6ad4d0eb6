import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';
import { mochaHooks } from './workbench';

/**
 * Runs the end-to-end specs (`specs/*.e2e.js`) with mocha's BDD UI against one shared workbench.
 * `node out/test/e2e/run.js [name…]` runs only the spec files whose names contain one of the arguments;
 * ACTVIZ_GREP filters by test title. Ends with an `ACTVIZ-RESULT {...}` line for scripts/test.mjs.
 */
async function main(): Promise<number> {
  const filters = process.argv.slice(2);
  const specDir = path.join(__dirname, 'specs');
  const files = fs
    .readdirSync(specDir)
    .filter((name) => name.endsWith('.e2e.js'))
    .filter((name) => filters.length === 0 || filters.some((filter) => name.includes(filter)))
    .sort();
  const mocha = new Mocha({
    ui: 'bdd',
    reporter: 'spec',
    timeout: Number(process.env.ACTVIZ_TEST_TIMEOUT_MS ?? 300_000),
    forbidOnly: true,
    rootHooks: mochaHooks,
    grep: process.env.ACTVIZ_GREP || undefined,
  });
  for (const name of files) mocha.addFile(path.join(specDir, name));

  let stats = { passes: 0, failures: 0, pending: 0 };
  let loadError = false;
  try {
    await mocha.loadFilesAsync();
    stats = await new Promise((resolve) => {
      const runner = mocha.run(() => resolve({ ...stats, ...runner.stats }));
    });
  } catch (error) {
    loadError = true;
    console.error(`E2E specs could not run: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  }
  const ran = stats.passes + stats.failures;
  const failed = stats.failures + (loadError ? 1 : 0) + (ran === 0 && !loadError ? 1 : 0);
  if (ran === 0 && !loadError) console.error(`no e2e tests ran (spec files: ${files.join(', ') || 'none'})`);
  console.log(`ACTVIZ-RESULT ${JSON.stringify({ suite: 'e2e', passed: stats.passes, failed, pending: stats.pending, files: files.length })}`);
  return failed > 0 ? 1 : 0;
}

// Exit explicitly: the root hooks closed the workbench, and nothing else may keep this process alive.
main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);

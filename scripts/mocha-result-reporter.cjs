// @ts-check
'use strict';
/**
 * Mocha's spec reporter plus one closing `ACTVIZ-RESULT {...}` line with the counts, which scripts/test.mjs parses
 * (`mocha --reporter ./scripts/mocha-result-reporter.cjs --reporter-option suite=unit`).
 */
const Mocha = require('mocha');

const { EVENT_RUN_END } = Mocha.Runner.constants;

class ResultReporter extends Mocha.reporters.Spec {
  /** @param {Mocha.Runner} runner @param {{ reporterOptions?: { suite?: string } }} options */
  constructor(runner, options) {
    super(runner, options);
    const suite = options.reporterOptions?.suite ?? 'unit';
    runner.once(EVENT_RUN_END, () => {
      const stats = runner.stats ?? { passes: 0, failures: 0, pending: 0 };
      const result = { suite, passed: stats.passes, failed: stats.failures, pending: stats.pending };
      // After the spec reporter's epilogue, which also listens for the end of the run.
      process.nextTick(() => console.log(`ACTVIZ-RESULT ${JSON.stringify(result)}`));
    });
  }
}

module.exports = ResultReporter;

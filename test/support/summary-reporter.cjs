// Prints the plain closing line CI reads: "N passed, N failed" (", N skipped" when any), and,
// when Chromium is missing, what that means for the browser tests and how to get it.
const { existsSync } = require('node:fs');

class SummaryReporter {
  onRunComplete(_contexts, results) {
    const skipped = results.numPendingTests + results.numTodoTests;
    const failed = results.numFailedTests + results.numRuntimeErrorTestSuites;
    let line = `${results.numPassedTests} passed, ${failed} failed`;
    if (skipped > 0) line += `, ${skipped} skipped`;
    process.stdout.write(`\n${line}\n`);
    const chromium = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
    if (!existsSync(chromium)) {
      const ci = process.env.CI && !/^(false|0|no)$/i.test(process.env.CI);
      process.stdout.write(
        `Chromium not found at ${chromium}: the browser tests ${ci ? 'failed (CI=true)' : 'were skipped'}. ` +
          'Install it (Debian/Ubuntu: apt-get install chromium) or set CHROMIUM_PATH to a Chromium binary.\n',
      );
    }
  }
}
module.exports = SummaryReporter;

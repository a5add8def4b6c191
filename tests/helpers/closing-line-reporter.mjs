/**
 * Prints the plain closing line `N passed, N failed` (and skipped) that CI
 * reads, counted over every test of every file in every browser.
 */
export function closingLineReporter() {
  let passed = 0;
  let failed = 0;
  let skipped = 0;
  const walk = (suite) => {
    for (const test of suite?.tests ?? []) {
      if (test.skipped) skipped++;
      else if (test.passed) passed++;
      else failed++;
    }
    for (const child of suite?.suites ?? []) walk(child);
  };
  return {
    onTestRunFinished({ sessions }) {
      for (const session of sessions) {
        walk(session.testResults);
        // a file that failed to load counts as a failure even with no test in it
        if (!session.passed && (session.errors?.length ?? 0) > 0) failed++;
      }
    },
    stop() {
      console.log(`browser: ${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
    },
  };
}

/**
 * `npm test`: every test of the project, in the order that fails fastest.
 * 1. type check; 2. build (the CDN build is under test too);
 * 3. size budgets; 4. browser tests in Chromium.
 * Ends with one line `N passed, N failed` over all suites.
 */
import { ensureChromium } from './ensure-chromium.mjs';
import { mustRun, run } from './run.mjs';

const totals = { passed: 0, failed: 0 };
function count(output, passed, failed) {
  totals.passed += Number(output.match(passed)?.[1] ?? 0);
  totals.failed += Number(output.match(failed)?.[1] ?? 0);
}

await ensureChromium();
await mustRun('npx', ['tsc', '-p', 'tsconfig.json', '--noEmit']);
await mustRun('npx', ['tsc', '-p', 'tests/tsconfig.json']);
await mustRun('node', ['scripts/build.mjs']);

let failed = false;
const sizes = await run('node', ['--test', '--test-reporter=spec', 'tests/size-budget.test.mjs'], { capture: true });
count(sizes.output, /^ℹ pass (\d+)/m, /^ℹ fail (\d+)/m);
failed ||= sizes.code !== 0;

const browser = await run('npx', ['wtr'], { capture: true });
count(browser.output, /^browser: (\d+) passed/m, /^browser: \d+ passed, (\d+) failed/m);
failed ||= browser.code !== 0;

if (failed && totals.failed === 0) totals.failed = 1; // a suite that crashed before counting
console.log(`\n${totals.passed} passed, ${totals.failed} failed`);
process.exit(failed ? 1 : 0);

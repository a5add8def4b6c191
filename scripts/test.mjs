/**
 * `npm test`: every test of the project, in the order that fails fastest.
 * 1. type check (widgets, browser tests, backend and Node tests); 2. build
 * (the CDN build and the backend bundle are under test too); 3. size budgets;
 * 4. browser tests (wtr, Chromium); 5. Node tests: unit tests (QR Platba),
 * the backend on PGlite and
 * on a throwaway PostgreSQL cluster started here, the NIA simulator, and the
 * flow tests (Chromium driving the demo town against the real backend,
 * broker and simulator). Ends with one line `N passed, N failed`.
 */
import { readdirSync } from 'node:fs';
import { ensureChromium } from './ensure-chromium.mjs';
import { postgresAvailable, startPostgres } from './pg-cluster.mjs';
import { mustRun, run } from './run.mjs';

const totals = { passed: 0, failed: 0 };
let failed = false;
function count({ code, output }, passed, failures) {
  totals.passed += [...output.matchAll(passed)].reduce((sum, match) => sum + Number(match[1]), 0);
  totals.failed += [...output.matchAll(failures)].reduce((sum, match) => sum + Number(match[1]), 0);
  failed ||= code !== 0;
}
const NODE_PASS = /^ℹ pass (\d+)/gm;
const NODE_FAIL = /^ℹ fail (\d+)/gm;
/** Node 20's test runner takes files, not patterns. */
const testFiles = (dir) => readdirSync(dir).filter((name) => name.endsWith('.test.ts')).map((name) => `${dir}/${name}`);

await ensureChromium();
await mustRun('npx', ['tsc', '-p', 'tsconfig.json', '--noEmit']);
await mustRun('npx', ['tsc', '-p', 'tests/tsconfig.json']);
await mustRun('npx', ['tsc', '-p', 'server/tsconfig.json']);
await mustRun('node', ['scripts/build.mjs']);

count(await run('node', ['--test', '--test-reporter=spec', 'tests/size-budget.test.mjs'], { capture: true }), NODE_PASS, NODE_FAIL);
// (in CI the line comes after terminal control codes: no ^ anchor)
count(await run('npx', ['wtr'], { capture: true }), /browser: (\d+) passed/g, /browser: \d+ passed, (\d+) failed/g);

// The backend's tests run on PGlite always, and on real PostgreSQL here.
let postgres;
if (postgresAvailable()) {
  postgres = await startPostgres();
  console.log(`PostgreSQL for the tests at ${postgres.url}`);
} else if (process.env.CI) {
  console.error('PostgreSQL is not installed: the server tests need it in CI (apt-get install postgresql).');
  failed = true;
} else {
  console.warn('PostgreSQL is not installed: server tests run on PGlite only.');
}
try {
  const env = { ...process.env, ...(postgres ? { TEST_DATABASE_URL: postgres.url } : {}) };
  count(
    await run(
      'node',
      ['--import', 'tsx', '--test', '--test-reporter=spec', '--test-concurrency=2', ...['tests/unit', 'tests/server', 'tests/nia-simulator', 'tests/flow'].flatMap(testFiles)],
      { capture: true, env },
    ),
    NODE_PASS,
    NODE_FAIL,
  );
} finally {
  postgres?.stop();
}

if (failed && totals.failed === 0) totals.failed = 1; // a suite that crashed before counting
console.log(`\n${totals.passed} passed, ${totals.failed} failed`);
process.exit(failed ? 1 : 0);

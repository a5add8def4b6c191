/**
 * Size budgets of the CDN build (size-budget.json), one test per file and per
 * scenario so a failure names what is over. Builds nothing: run `npx rollup -c`
 * first. Run: node --test tests/size-budget.test.mjs
 */
import assert from 'node:assert/strict';
import test from 'node:test';
import {
  FORBIDDEN_ON_CRITICAL_PATH,
  MissingBuildError,
  evaluate,
  scenarioFiles,
  staticClosure,
} from '../scripts/size-budget.mjs';

let result;
let setupError;
try {
  result = evaluate();
} catch (error) {
  setupError = error;
}

if (setupError) {
  test('CDN build (dist/cdn) can be measured', () => {
    if (setupError instanceof MissingBuildError) assert.fail(setupError.message);
    throw setupError;
  });
} else {
  const { analysis, config } = result;
  const remedy = 'shrink it, or if the growth is intended raise budgets.files in size-budget.json (`node scripts/bench.mjs --update-budgets`)';

  for (const file of result.files) {
    test(`file ${file.name} is within its gzip budget`, () => {
      assert.notEqual(file.budget, undefined, `${file.file}: no budget in size-budget.json (budgets.files["${file.name}"]); gzip is ${file.gzip} B`);
      assert.ok(file.gzip <= file.budget, `${file.file}: gzip ${file.gzip} B is over its budget of ${file.budget} B by ${file.gzip - file.budget} B; ${remedy}`);
    });
  }

  for (const scenario of result.scenarios) {
    test(`scenario ${scenario.name} [${scenario.tags.join(', ')}] is within its gzip budget`, () => {
      if (scenario.error) assert.fail(scenario.error);
      assert.notEqual(scenario.budget, undefined, `no budget in size-budget.json (budgets.scenarios["${scenario.name}"]); gzip is ${scenario.gzip} B`);
      assert.ok(
        scenario.gzip <= scenario.budget,
        `gzip ${scenario.gzip} B (${scenario.files.join(' + ')}) is over the budget of ${scenario.budget} B by ${scenario.gzip - scenario.budget} B`,
      );
    });
  }

  test('the loader entry statically imports no widget chunk', () => {
    assert.ok(analysis.tags.size > 0, `${analysis.loader} has no dynamic import("./<tag>-<hash>.js") at all`);
    const widgetChunks = new Set(analysis.tags.values());
    const eager = staticClosure(analysis, [analysis.loader]).filter((file) => widgetChunks.has(file));
    assert.deepEqual(eager, [], `${analysis.loader} statically imports widget chunk(s) ${eager.join(', ')}: every widget must be loaded with import() when its tag is on the page`);
  });

  test('oidc-client-ts is not on the critical path of the minimal page', () => {
    const scenario = config.scenarios['minimal-page'];
    assert.ok(scenario, 'size-budget.json defines no "minimal-page" scenario');
    const tags = Array.isArray(scenario) ? scenario : scenario.tags;
    for (const file of scenarioFiles(analysis, tags)) {
      const { code } = analysis.files.get(file);
      for (const needle of FORBIDDEN_ON_CRITICAL_PATH) {
        assert.ok(
          !file.includes(needle) && !code.includes(needle),
          `${file} is statically reachable from the minimal page and contains "${needle}": load oidc-client-ts with import() only when sign-in is needed`,
        );
      }
    }
  });
}

#!/usr/bin/env node
/**
 * The benchmarks (`npm run bench`): the size report of the CDN build, then the
 * voting load benchmark (`scripts/bench-votes.ts`, on PGlite and PostgreSQL).
 *
 *   node scripts/bench.mjs                  both; builds only if dist/cdn is missing
 *   node scripts/bench.mjs --sizes          the size report only (what --check and --update-budgets imply)
 *   node scripts/bench.mjs --load           the voting load benchmark only
 *   node scripts/bench.mjs --build          run `npx rollup -c` first
 *   node scripts/bench.mjs --check          exit 1 when a file or scenario is over its gzip budget
 *   node scripts/bench.mjs --update-budgets rewrite the per-file budgets of size-budget.json to the
 *                                           current gzip size + 10 %, rounded up to 512 B
 *                                           (scenario budgets are requirements and stay as they are)
 *
 * Writes bench-results/sizes.json. Budgets and scenarios live in size-budget.json.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { BUDGET_FILE, CDN_DIR, ROOT, evaluate, loadBudget, roundBudget } from './size-budget.mjs';

const args = new Set(process.argv.slice(2));
const known = ['--build', '--check', '--update-budgets', '--sizes', '--load', '--help'];
for (const arg of args) {
  if (!known.includes(arg)) {
    console.error(`bench: unknown option ${arg} (known: ${known.join(', ')})`);
    process.exit(2);
  }
}
if (args.has('--help')) {
  console.log('usage: node scripts/bench.mjs [--build] [--check] [--update-budgets] [--sizes | --load]');
  process.exit(0);
}

/** The voting load benchmark, its own process (it starts the backend and a load generator). */
function loadBenchmark() {
  const load = spawnSync('node', ['--import', 'tsx', 'scripts/bench-votes.ts'], { cwd: ROOT, stdio: 'inherit' });
  return load.status ?? 1;
}
if (args.has('--load')) process.exit(loadBenchmark());
const withLoad = !['--sizes', '--check', '--update-budgets'].some((flag) => args.has(flag));

const { loader } = loadBudget();
if (args.has('--build') || !existsSync(join(CDN_DIR, loader))) {
  console.log(args.has('--build') ? 'bench: building (npx rollup -c)…' : `bench: ${join('dist', 'cdn', loader)} is missing, building (npx rollup -c)…`);
  const build = spawnSync('npx', ['rollup', '-c'], { cwd: ROOT, stdio: 'inherit', shell: process.platform === 'win32' });
  if (build.status !== 0) {
    console.error(`bench: the build failed (exit ${build.status ?? build.signal}).`);
    process.exit(build.status || 1);
  }
}

if (args.has('--update-budgets')) {
  const raw = JSON.parse(readFileSync(BUDGET_FILE, 'utf8'));
  const { files } = evaluate();
  raw.budgets ??= {};
  raw.budgets.files = Object.fromEntries(files.map((file) => [file.name, roundBudget(file.gzip)]));
  writeFileSync(BUDGET_FILE, `${JSON.stringify(raw, null, 2)}\n`);
  console.log(`bench: per-file budgets in ${BUDGET_FILE} set to gzip + 10 %, rounded up to 512 B.`);
}

const result = evaluate();

const kb = (bytes) => (bytes === undefined ? '—' : `${(bytes / 1024).toFixed(2)} KB`);
const cell = (bytes) => (bytes === undefined ? '—' : `${bytes} B`);
function table(header, rows) {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => String(row[i]).length)));
  const line = (row) => row.map((value, i) => (i === 0 ? String(value).padEnd(widths[i]) : String(value).padStart(widths[i]))).join('  ');
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

console.log(`\nCDN build ${CDN_DIR} (gzip level 9, brotli quality 11; budgets are gzip)\n`);
console.log(
  table(
    ['file', 'raw', 'gzip', 'brotli', 'budget gzip', 'status'],
    result.files.map((f) => [f.name, cell(f.raw), cell(f.gzip), cell(f.brotli), cell(f.budget), f.status]),
  ),
);
console.log('\nScenarios (loader + chunks for the tags, static imports followed; sum of separately compressed files)\n');
console.log(
  table(
    ['scenario', 'raw', 'gzip', 'brotli', 'budget gzip', 'status'],
    result.scenarios.map((s) => [s.name, cell(s.raw), `${cell(s.gzip)} (${kb(s.gzip)})`, cell(s.brotli), `${cell(s.budget)} (${kb(s.budget)})`, s.status]),
  ),
);
for (const s of result.scenarios) {
  console.log(`  ${s.name}: tags [${s.tags.join(', ')}] → ${s.error ?? s.files.join(' + ')}`);
}
for (const warning of result.warnings) console.log(`warning: ${warning}`);

const report = {
  generatedAt: new Date().toISOString(),
  node: process.version,
  commit: spawnSync('git', ['rev-parse', 'HEAD'], { cwd: ROOT, encoding: 'utf8' }).stdout?.trim() || null,
  dir: 'dist/cdn',
  compression: { gzip: { level: 9 }, brotli: { quality: 11 } },
  budgetsAre: 'gzip bytes',
  files: result.files,
  scenarios: result.scenarios,
  problems: result.problems,
  warnings: result.warnings,
};
mkdirSync(join(ROOT, 'bench-results'), { recursive: true });
writeFileSync(join(ROOT, 'bench-results', 'sizes.json'), `${JSON.stringify(report, null, 2)}\n`);
console.log('\nWrote bench-results/sizes.json');

if (result.problems.length > 0) {
  console.log(`\n${result.problems.length} over budget or unchecked:`);
  for (const problem of result.problems) console.log(`  ✗ ${problem}`);
  if (args.has('--check')) process.exit(1);
  console.log('(report only; run with --check to fail on these)');
} else {
  console.log('\nAll files and scenarios are within budget.');
}
if (withLoad) process.exit(loadBenchmark());

/**
 * Measuring code shared by `scripts/bench.mjs` and `tests/size-budget.test.mjs`.
 *
 * It reads the CDN build (`dist/cdn/`), measures every `.js` file (raw, gzip
 * level 9, brotli quality 11), follows the chunks' relative `import`s to build
 * the module graph, and works out page scenarios: the loader plus every chunk a
 * page with a given set of tags downloads before those widgets run. Sizes are
 * summed per file because each file is transferred and compressed separately.
 *
 * Nothing here builds: callers decide whether `dist/cdn` must be (re)built.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, posix, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants as zlibConstants, gzipSync } from 'node:zlib';
import { parseAst } from 'rollup/parseAst';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
/** `SIZE_BUDGET_CDN_DIR` measures another directory (used to test these checks on fixtures). */
export const CDN_DIR = process.env.SIZE_BUDGET_CDN_DIR ? resolve(process.env.SIZE_BUDGET_CDN_DIR) : join(ROOT, 'dist', 'cdn');
export const BUDGET_FILE = join(ROOT, 'size-budget.json');

/** Strings that must never be in a chunk on the `minimal-page` critical path. */
export const FORBIDDEN_ON_CRITICAL_PATH = ['oidc-client-ts', 'UserManager'];

/** Rollup's `[hash]` in `chunkFileNames: '[name]-[hash].js'`: 8 base64url characters. */
const HASHED = /^(.+)-[A-Za-z0-9_-]{8}\.js$/;

/** Budget headroom: current size + 10 %, rounded up to the next 512 bytes. */
export function roundBudget(bytes) {
  return Math.ceil((bytes * 1.1) / 512) * 512;
}

export function loadBudget(file = BUDGET_FILE) {
  const budget = JSON.parse(readFileSync(file, 'utf8'));
  return {
    loader: budget.loader ?? 'obec-widgets.js',
    scenarios: budget.scenarios ?? {},
    budgets: { files: budget.budgets?.files ?? {}, scenarios: budget.budgets?.scenarios ?? {} },
  };
}

/**
 * The stable name of a CDN file: entry files (`[name].js`, the loader) keep
 * their name, chunks (`[name]-[hash].js`) lose the hash.
 */
export function logicalName(fileName, loaderFile = 'obec-widgets.js') {
  if (fileName === loaderFile) return fileName.replace(/\.js$/, '');
  const match = HASHED.exec(fileName);
  return match ? match[1] : fileName.replace(/\.js$/, '');
}

/**
 * The relative imports of one ES module chunk, from its syntax tree (so an
 * `import(` inside a string or template does not count).
 * `static`: `import … from`, `import "…"`, `export … from`; `dynamic`: `import("…")`.
 */
export function parseImports(code) {
  const ast = parseAst(code);
  const found = { static: new Set(), dynamic: new Set() };
  const visit = (node) => {
    if (Array.isArray(node)) {
      for (const child of node) visit(child);
      return;
    }
    if (node === null || typeof node !== 'object') return;
    switch (node.type) {
      case 'ImportDeclaration':
      case 'ExportAllDeclaration':
      case 'ExportNamedDeclaration':
        if (node.source && typeof node.source.value === 'string') found.static.add(node.source.value);
        break;
      case 'ImportExpression':
        if (node.source?.type === 'Literal' && typeof node.source.value === 'string') found.dynamic.add(node.source.value);
        else if (node.source?.type === 'TemplateLiteral' && node.source.expressions.length === 0) found.dynamic.add(node.source.quasis[0].value.cooked);
        break;
    }
    for (const [key, value] of Object.entries(node)) {
      if (key !== 'type' && key !== 'start' && key !== 'end' && value && typeof value === 'object') visit(value);
    }
  };
  visit(ast);
  return { static: [...found.static], dynamic: [...found.dynamic] };
}

export function measure(buffer) {
  return {
    raw: buffer.length,
    gzip: gzipSync(buffer, { level: 9 }).length,
    brotli: brotliCompressSync(buffer, {
      params: {
        [zlibConstants.BROTLI_PARAM_QUALITY]: 11,
        [zlibConstants.BROTLI_PARAM_MODE]: zlibConstants.BROTLI_MODE_TEXT,
        [zlibConstants.BROTLI_PARAM_SIZE_HINT]: buffer.length,
      },
    }).length,
  };
}

/** Resolves a relative specifier of `fromFile` to a file name inside the CDN directory, or null. */
function resolveSpecifier(fromFile, specifier) {
  if (!specifier.startsWith('./') && !specifier.startsWith('../')) return null;
  const target = posix.normalize(posix.join(posix.dirname(fromFile), specifier));
  return target.startsWith('../') ? null : target;
}

export class MissingBuildError extends Error {}

/**
 * Reads and measures `dir` (default `dist/cdn`). Returns the files keyed by file
 * name, the loader's file name and the tag → chunk map the loader implies.
 */
export function analyzeCdn({ dir = CDN_DIR, loader = 'obec-widgets.js' } = {}) {
  if (!existsSync(dir) || !existsSync(join(dir, loader))) {
    throw new MissingBuildError(
      `No CDN build: ${join(dir, loader)} does not exist. Run \`npx rollup -c\` (or \`node scripts/bench.mjs --build\`) first.`,
    );
  }
  const names = readdirSync(dir, { recursive: true })
    .map((name) => String(name).split('\\').join('/'))
    .filter((name) => name.endsWith('.js'))
    .sort();

  const parsed = new Map();
  for (const file of names) {
    const buffer = readFileSync(join(dir, file));
    const code = buffer.toString('utf8');
    const imports = parseImports(code);
    parsed.set(file, {
      buffer,
      code,
      imports: imports.static.map((s) => resolveSpecifier(file, s)).filter((f) => f && names.includes(f)),
      dynamicImports: imports.dynamic.map((s) => resolveSpecifier(file, s)).filter((f) => f && names.includes(f)),
      externalImports: [...imports.static, ...imports.dynamic].filter((s) => !resolveSpecifier(file, s)),
    });
  }

  // Rollup does not empty dist/cdn, so chunks of earlier builds linger there.
  // The build's files are its entries (`[name].js`, no hash) and everything
  // they import, statically or dynamically; anything else is stale.
  const live = new Set();
  const queue = names.filter((file) => file === loader || !HASHED.test(posix.basename(file)));
  while (queue.length > 0) {
    const file = queue.shift();
    if (live.has(file)) continue;
    live.add(file);
    queue.push(...parsed.get(file).imports, ...parsed.get(file).dynamicImports);
  }
  const warnings = [];
  const stale = names.filter((file) => !live.has(file));
  if (stale.length > 0) {
    warnings.push(`ignored ${stale.length} stale file(s) no entry imports (left by an earlier build; rollup does not empty dist/cdn): ${stale.join(', ')}`);
  }

  const files = new Map();
  const taken = new Map();
  for (const file of names.filter((f) => live.has(f))) {
    const { buffer, ...info } = parsed.get(file);
    let name = logicalName(posix.basename(file), loader);
    if (posix.dirname(file) !== '.') name = `${posix.dirname(file)}/${name}`;
    if (taken.has(name)) {
      const count = taken.get(name) + 1;
      taken.set(name, count);
      warnings.push(`${file} and an earlier file are both named "${name}"; reported as "${name}#${count}".`);
      name = `${name}#${count}`;
    } else taken.set(name, 1);
    files.set(file, { file, name, ...measure(buffer), ...info });
  }

  // Tag → chunk: the loader's `import("./<tag>-<hash>.js")`.
  const tags = new Map();
  for (const target of files.get(loader).dynamicImports) tags.set(files.get(target).name, target);
  return { dir, loader, files, tags, stale, warnings };
}

/** Every file reachable from `start` through static imports, `start` included. */
export function staticClosure(analysis, start) {
  const seen = new Set();
  const queue = [...start];
  while (queue.length > 0) {
    const file = queue.shift();
    if (seen.has(file) || !analysis.files.has(file)) continue;
    seen.add(file);
    queue.push(...analysis.files.get(file).imports);
  }
  return [...seen];
}

/**
 * The files a page with `tags` downloads: loader + each tag's chunk, with their
 * static imports. With `withLoader: false`, only the tags' chunks and what they
 * statically import (e.g. "Lit + core + one widget": the shared chunk and the widget).
 */
export function scenarioFiles(analysis, tags, { withLoader = true } = {}) {
  const missing = tags.filter((tag) => !analysis.tags.has(tag));
  if (missing.length > 0) {
    throw new Error(`The loader imports no chunk for ${missing.map((t) => `<${t}>`).join(', ')} (known: ${[...analysis.tags.keys()].join(', ')}).`);
  }
  const chunks = tags.map((tag) => analysis.tags.get(tag));
  return staticClosure(analysis, withLoader ? [analysis.loader, ...chunks] : chunks);
}

function status(size, budget) {
  if (budget === undefined) return 'no budget';
  return size <= budget ? 'ok' : 'OVER';
}

/**
 * Measures `dist/cdn` against `size-budget.json`. `problems` lists, one line
 * each, everything `--check` fails on: a file or scenario over its gzip budget,
 * a file without a budget, a scenario that cannot be resolved.
 */
export function evaluate({ dir = CDN_DIR, budgetFile = BUDGET_FILE } = {}) {
  const config = loadBudget(budgetFile);
  const analysis = analyzeCdn({ dir, loader: config.loader });
  const problems = [];

  const files = [...analysis.files.values()]
    .sort((a, b) => (a.file === analysis.loader ? -1 : b.file === analysis.loader ? 1 : a.name.localeCompare(b.name)))
    .map(({ code, ...file }) => {
      const budget = config.budgets.files[file.name];
      const result = { ...file, budget, status: status(file.gzip, budget) };
      if (result.status === 'OVER') problems.push(`file ${file.name} (${file.file}): gzip ${file.gzip} B > budget ${budget} B`);
      if (result.status === 'no budget') problems.push(`file ${file.name} (${file.file}): no gzip budget in size-budget.json (budgets.files["${file.name}"])`);
      return result;
    });

  const scenarios = Object.entries(config.scenarios).map(([name, definition]) => {
    // a scenario is a list of tags (a whole page, loader included) or { tags, withLoader }
    const { tags, withLoader = true } = Array.isArray(definition) ? { tags: definition } : definition;
    const budget = config.budgets.scenarios[name];
    let members;
    try {
      members = scenarioFiles(analysis, tags, { withLoader });
    } catch (error) {
      problems.push(`scenario ${name}: ${error.message}`);
      return { name, tags, files: [], raw: 0, gzip: 0, brotli: 0, budget, status: 'error', error: error.message };
    }
    const sum = (key) => members.reduce((total, file) => total + analysis.files.get(file)[key], 0);
    const result = {
      name,
      tags,
      files: members.map((file) => analysis.files.get(file).name),
      raw: sum('raw'),
      gzip: sum('gzip'),
      brotli: sum('brotli'),
      budget,
      status: status(sum('gzip'), budget),
    };
    if (result.status === 'OVER') problems.push(`scenario ${name} [${tags.join(', ')}]: gzip ${result.gzip} B > budget ${budget} B`);
    if (result.status === 'no budget') problems.push(`scenario ${name}: no gzip budget in size-budget.json (budgets.scenarios["${name}"])`);
    return result;
  });

  const present = new Set(files.map((file) => file.name));
  const warnings = [...analysis.warnings];
  for (const name of Object.keys(config.budgets.files)) {
    if (!present.has(name)) warnings.push(`size-budget.json has a budget for "${name}", which the build no longer produces.`);
  }
  return { analysis, config, files, scenarios, problems, warnings };
}

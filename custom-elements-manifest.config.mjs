// Custom Elements Manifest for obec-widgets: `npm run analyze` writes
// ./custom-elements.json, which IDEs, Storybook (args tables in the docs
// pages) and consumers of the npm package read.
//
// The element classes live in components/<tag>/<tag>.component.ts; they are
// registered in components/<tag>/<tag>.ts through the guarded
// `defineElement('tag', Class)` helper instead of `@customElement` or
// `customElements.define`, which the analyzer does not recognise. The
// `defineElementPlugin` below reads those calls and links the tag names.
import fs from 'node:fs';
import path from 'node:path';

const ROOT = path.dirname(new URL(import.meta.url).pathname);

/** Every `.ts` file under `dir` (repo-relative, POSIX separators). */
function tsFilesUnder(dir) {
  const out = [];
  const walk = (rel) => {
    for (const entry of fs.readdirSync(path.join(ROOT, rel), { withFileTypes: true })) {
      const child = path.posix.join(rel, entry.name);
      if (entry.isDirectory()) walk(child);
      else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts')) out.push(child);
    }
  };
  if (fs.existsSync(path.join(ROOT, dir))) walk(dir);
  return out.sort();
}

/** `./obec-portal.component.js` imported from `components/obec-portal/obec-portal.ts` → the `.ts` module path. */
function resolveSpecifier(fromFile, specifier) {
  if (!specifier.startsWith('.')) return undefined;
  return path.posix.normalize(path.posix.join(path.posix.dirname(fromFile), specifier)).replace(/\.js$/, '.ts');
}

/**
 * Reads `defineElement('obec-portal', ObecPortal)` calls in the registration
 * modules (`components/<tag>/<tag>.ts`, outside the analyzer's globs), then:
 * - sets `tagName` and `customElement: true` on the class declaration,
 * - adds a module for the registration file with its `js` re-exports and a
 *   `custom-element-definition` export, as `customElements.define` would get.
 * Calls inside analyzed modules are handled too.
 */
function defineElementPlugin({ dir = 'components', helper = 'defineElement' } = {}) {
  let ts;

  /** Finds `helper('tag', Identifier)` calls and the import each identifier comes from. */
  function scan(sourceFile, fileName) {
    const imports = new Map();
    const localExports = [];
    const definitions = [];
    const visit = (node) => {
      if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
        const named = node.importClause?.namedBindings;
        if (named && ts.isNamedImports(named)) {
          for (const element of named.elements) {
            imports.set(element.name.text, {
              name: (element.propertyName ?? element.name).text,
              module: resolveSpecifier(fileName, node.moduleSpecifier.text),
            });
          }
        }
      }
      if (ts.isExportDeclaration(node) && !node.moduleSpecifier && node.exportClause && ts.isNamedExports(node.exportClause)) {
        for (const element of node.exportClause.elements) {
          localExports.push({ exported: element.name.text, local: (element.propertyName ?? element.name).text });
        }
      }
      if (
        ts.isCallExpression(node) &&
        ts.isIdentifier(node.expression) &&
        node.expression.text === helper &&
        node.arguments.length >= 2 &&
        ts.isStringLiteralLike(node.arguments[0]) &&
        ts.isIdentifier(node.arguments[1])
      ) {
        definitions.push({ tag: node.arguments[0].text, local: node.arguments[1].text });
      }
      ts.forEachChild(node, visit);
    };
    visit(sourceFile);
    const where = (local) => imports.get(local) ?? { name: local, module: fileName };
    return {
      definitions: definitions.map((d) => ({ tag: d.tag, declaration: where(d.local) })),
      exports: localExports.map((e) => ({ name: e.exported, declaration: where(e.local) })),
    };
  }

  function link(manifest, fileName, { definitions, exports }) {
    if (definitions.length === 0) return;
    let moduleDoc = manifest.modules.find((m) => m.path === fileName);
    if (!moduleDoc) {
      moduleDoc = { kind: 'javascript-module', path: fileName, declarations: [], exports: [] };
      manifest.modules.push(moduleDoc);
    }
    moduleDoc.exports ??= [];
    for (const { name, declaration } of exports) {
      if (!moduleDoc.exports.some((e) => e.kind === 'js' && e.name === name)) {
        moduleDoc.exports.push({ kind: 'js', name, declaration: { name: declaration.name, module: declaration.module } });
      }
    }
    for (const { tag, declaration } of definitions) {
      const target = manifest.modules.find((m) => m.path === declaration.module);
      const klass = target?.declarations?.find((d) => d.kind === 'class' && d.name === declaration.name);
      if (!klass) {
        console.warn(`[define-element] ${fileName}: ${helper}('${tag}', ${declaration.name}): class not found in ${declaration.module ?? '?'} (is it in the globs?)`);
        continue;
      }
      klass.tagName = tag;
      klass.customElement = true;
      if (!moduleDoc.exports.some((e) => e.kind === 'custom-element-definition' && e.name === tag)) {
        moduleDoc.exports.push({
          kind: 'custom-element-definition',
          name: tag,
          declaration: { name: declaration.name, module: declaration.module },
        });
      }
    }
  }

  return {
    name: 'obec-define-element',
    initialize({ ts: typescript }) {
      ts = typescript;
    },
    packageLinkPhase({ customElementsManifest }) {
      for (const fileName of tsFilesUnder(dir)) {
        const text = fs.readFileSync(path.join(ROOT, fileName), 'utf8');
        if (!text.includes(`${helper}(`)) continue;
        const sourceFile = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true);
        link(customElementsManifest, fileName, scan(sourceFile, fileName));
      }
    },
  };
}

/**
 * Small corrections to what the analyzer infers from our sources:
 * - `@description` in a class JSDoc becomes the declaration's description (the
 *   analyzer only takes the free text before the first tag, which is empty
 *   when the comment starts with `@summary`);
 * - abstract classes (the `ObecElement` base) are not custom elements, even
 *   though they extend `LitElement`;
 * - a superclass imported as `../../src/base/obec-element.js` points at the
 *   `.ts` module in the manifest (`src/base/obec-element.ts`).
 */
function obecFixupsPlugin() {
  const abstractClasses = new Set();
  return {
    name: 'obec-fixups',
    analyzePhase({ ts, node, moduleDoc }) {
      if (!ts.isClassDeclaration(node) || !node.name) return;
      const classDoc = moduleDoc.declarations?.find((d) => d.kind === 'class' && d.name === node.name.text);
      if (!classDoc) return;
      if (node.modifiers?.some((m) => m.kind === ts.SyntaxKind.AbstractKeyword)) {
        abstractClasses.add(`${moduleDoc.path}#${classDoc.name}`);
      }
      for (const jsDoc of node.jsDoc ?? []) {
        for (const tag of jsDoc.tags ?? []) {
          if (tag.tagName.text !== 'description') continue;
          const text = typeof tag.comment === 'string' ? tag.comment : ts.getTextOfJSDocComment(tag.comment);
          if (text?.trim()) classDoc.description = text.trim();
        }
      }
    },
    packageLinkPhase({ customElementsManifest }) {
      const paths = new Set(customElementsManifest.modules.map((m) => m.path));
      for (const moduleDoc of customElementsManifest.modules) {
        for (const declaration of moduleDoc.declarations ?? []) {
          if (declaration.kind !== 'class') continue;
          if (abstractClasses.has(`${moduleDoc.path}#${declaration.name}`) && !declaration.tagName) {
            delete declaration.customElement;
          }
          const superModule = declaration.superclass?.module;
          if (superModule) {
            const candidate = superModule.replace(/^\/+/, '').replace(/\.js$/, '.ts');
            if (paths.has(candidate)) declaration.superclass.module = candidate;
          }
        }
      }
    },
  };
}

/**
 * Private members are implementation detail, not API: drop them (and the
 * `#private` ones) so docs tables and IDEs list what a page author can use.
 */
function dropPrivateMembersPlugin() {
  return {
    name: 'obec-drop-private-members',
    packageLinkPhase({ customElementsManifest }) {
      for (const moduleDoc of customElementsManifest.modules) {
        for (const declaration of moduleDoc.declarations ?? []) {
          if (!declaration.members) continue;
          declaration.members = declaration.members.filter(
            (member) => member.privacy !== 'private' && !member.name.startsWith('#'),
          );
        }
      }
    },
  };
}

export default {
  // The element classes, plus the base class their inherited API (`lang`, …) comes from.
  globs: [
    'components/**/*.component.ts',
    'components/obec-form/fields/field-base.ts',
    // the office's sections: an element per file, defined in the same file
    'components/obec-office/sections/{fees,forms,polls,reports,staff,audit}.ts',
    'components/obec-office/office-shared.ts',
    'src/base/obec-element.ts',
  ],
  exclude: ['**/*.stories.ts', '**/*.test.ts'],
  outdir: '.',
  litelement: true,
  dependencies: false,
  // package.json already has "customElements": "custom-elements.json".
  packagejson: false,
  plugins: [defineElementPlugin(), obecFixupsPlugin(), dropPrivateMembersPlugin()],
};

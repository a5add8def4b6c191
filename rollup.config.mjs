import { nodeResolve } from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import esbuild from 'rollup-plugin-esbuild';
import { minifyLiterals } from './scripts/minify-literals.mjs';

/**
 * Two builds:
 * - `dist/`: the npm package. One ES module per source file (so an app's
 *   bundler takes only what it imports); every widget file imports the same
 *   core modules. lit, zod and oidc-client-ts stay bare imports, deduplicated
 *   by the app's bundler.
 * - `dist/cdn/`: the single script tag. `obec-widgets.js` is the loader; every
 *   widget is its own chunk, fetched when its tag is on the page; Lit, zod/mini
 *   and the core are one shared chunk. Minified, no dev-mode code. Heavy
 *   dependencies that only one widget uses (oidc-client-ts) stay in that
 *   widget's chunks.
 */
const external = (id) => /^(lit|lit-html|lit-element|@lit\/[^/]+|zod|oidc-client-ts|uqr)(\/|$)/.test(id);
const typescript = () => esbuild({ target: 'es2021', tsconfig: 'tsconfig.json', sourceMap: true });

/**
 * The shared chunk: Lit, zod/mini, @lit/context and @lit/task, and the core of
 * src/ (base element, configuration, API client, i18n, theme, the common
 * contract). Capability code (src/payments, src/forms, a capability's contract,
 * the formats of money and dates) goes with the widget that uses it, or to a
 * chunk of its own when several do. zod's schema kinds live in one module, so
 * every kind any widget uses lands here: browser code sticks to the kinds the
 * core already needs (object, string, number, boolean, enum, array, optional,
 * refine, custom). Lit's directives (repeat, live, …) go with the widgets
 * that use them.
 */
const SHARED =
  /\/node_modules\/(lit|lit-html|lit-element|@lit\/reactive-element|@lit\/context|@lit\/task|zod)\/(?!directives?[/.-])|\/src\/(base|config|api|theme|session)\/|\/src\/i18n\/(?!format\.ts)|\/src\/(define|version)\.ts$|\/src\/contract\/(index|error|health|ready)\.ts$/;

export default [
  {
    input: ['src/all.ts', 'src/loader.ts', 'src/index.ts', 'components/obec-portal/obec-portal.ts', 'components/obec-diagnostics/obec-diagnostics.ts', 'components/obec-login/obec-login.ts', 'components/obec-fee-payment/obec-fee-payment.ts', 'components/obec-form/obec-form.ts', 'components/obec-form/fields/fields.ts'],
    external,
    plugins: [nodeResolve(), typescript()],
    output: {
      dir: 'dist',
      format: 'es',
      sourcemap: true,
      preserveModules: true,
      preserveModulesRoot: '.',
      entryFileNames: '[name].js',
    },
  },
  {
    input: { 'obec-widgets': 'src/loader.ts' },
    plugins: [
      nodeResolve({ exportConditions: ['production'] }),
      minifyLiterals(),
      typescript(),
      terser({ ecma: 2021, module: true, compress: { passes: 2, pure_getters: true }, format: { comments: false } }),
    ],
    onwarn(warning, warn) {
      // zod ships comments rollup cannot place and a harmless import cycle.
      if (warning.code === 'CIRCULAR_DEPENDENCY' || warning.code === 'INVALID_ANNOTATION') return;
      warn(warning);
    },
    output: {
      dir: 'dist/cdn',
      format: 'es',
      sourcemap: true,
      entryFileNames: '[name].js',
      // the office's sections are named apart from the contract modules of the same name (fees, forms, polls)
      chunkFileNames: (chunk) => (chunk.facadeModuleId?.includes('/components/obec-office/sections/') ? 'section-[name]-[hash].js' : '[name]-[hash].js'),
      // Code only ever imported on demand (translations, the wording of
      // configuration problems) stays out of the shared chunk.
      manualChunks: (id, { getModuleInfo }) => {
        const info = getModuleInfo(id);
        const onlyLazy = info && info.importers.length === 0 && info.dynamicImporters.length > 0;
        return SHARED.test(id) && !onlyLazy ? 'shared' : undefined;
      },
    },
  },
];

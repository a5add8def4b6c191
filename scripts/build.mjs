/**
 * `npm run build`: the npm package and the CDN build (rollup), type
 * declarations (tsc), the custom-elements manifest, the theme sheets, and the
 * reference backend as one Node module (`dist/server/main.js`, run by
 * `npm start`) with its migrations beside it.
 */
import { cp, mkdir, rm } from 'node:fs/promises';
import { build } from 'esbuild';
import { mustRun } from './run.mjs';

await rm('dist', { recursive: true, force: true });
await mustRun('npx', ['rollup', '-c', '--silent']);
await mustRun('npx', ['tsc', '-p', 'tsconfig.build.json']);
await mustRun('npx', ['cem', 'analyze', '--config', 'custom-elements-manifest.config.mjs', '--quiet']);
// the theme sheet beside the npm modules and beside the script-tag build
for (const dir of ['dist/themes', 'dist/cdn/themes']) {
  await mkdir(dir, { recursive: true });
  await cp('src/theme/gov-bridge.css', `${dir}/gov-bridge.css`);
}
await build({
  entryPoints: ['server/main.ts'],
  outfile: 'dist/server/main.js',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  sourcemap: true,
  logLevel: 'warning',
});
await cp('server/storage/migrations', 'dist/server/migrations', { recursive: true });
console.log('built dist/ (npm), dist/cdn/ (script tag), dist/server/ (backend), custom-elements.json');

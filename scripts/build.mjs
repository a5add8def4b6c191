/**
 * `npm run build`: the npm package and the CDN build (rollup), type
 * declarations (tsc), the custom-elements manifest, and the theme sheets.
 */
import { cp, mkdir, rm } from 'node:fs/promises';
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
console.log('built dist/ (npm), dist/cdn/ (script tag), custom-elements.json');

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
await mkdir('dist/themes', { recursive: true });
await cp('src/theme/gov-bridge.css', 'dist/themes/gov-bridge.css');
console.log('built dist/ (npm), dist/cdn/ (script tag), custom-elements.json');

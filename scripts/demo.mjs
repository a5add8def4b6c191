/**
 * `npm run demo`: builds the widgets, then starts the whole demo town
 * (demo/main.ts: NIA simulator, backend with broker and embedded database,
 * the town's website) on 127.0.0.1. `--no-build` skips the build.
 */
import { mustRun } from './run.mjs';

if (!process.argv.includes('--no-build')) await mustRun('node', ['scripts/build.mjs']);
await mustRun('node', ['--import', 'tsx', 'demo/main.ts']);

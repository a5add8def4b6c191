/**
 * The reference backend: `node dist/server/main.js` (or `npm run server`).
 * Configured by environment variables (see README); a wrong one stops it with
 * one line naming the variable.
 */
import { ConfigError, loadConfig } from './config.js';
import { startBackend } from './start.js';

try {
  const config = loadConfig();
  const backend = await startBackend(config);
  console.log(`obec-widgets backend on ${config.PUBLIC_URL} (api ${config.apiUrl}, broker ${config.issuerUrl}, database ${backend.db.kind})`);
  const stop = async () => {
    await backend.close();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
} catch (error) {
  if (error instanceof ConfigError) {
    console.error(`obec-widgets backend: ${error.message}`);
    process.exit(2);
  }
  throw error;
}

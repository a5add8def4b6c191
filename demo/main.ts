/**
 * `npm run demo` runs this after building the widgets: the demo town, its
 * backend and the NIA simulator on 127.0.0.1 (ports 8080, 8081, 8082;
 * DEMO_SITE_PORT, DEMO_BACKEND_PORT, DEMO_NIA_PORT change them).
 */
import { startDemo } from './start.js';

const port = (name: string, fallback: number) => Number(process.env[name] ?? fallback);
const demo = await startDemo({
  sitePort: port('DEMO_SITE_PORT', 8080),
  backendPort: port('DEMO_BACKEND_PORT', 8081),
  niaPort: port('DEMO_NIA_PORT', 8082),
  databaseUrl: process.env.DATABASE_URL,
});
console.log(`
Demo town Javorná Lhota:  ${demo.siteUrl}/
  backend (API, broker):  ${demo.backendUrl}/api/health · ${demo.backendUrl}/openapi.json
  NIA simulator:          ${demo.niaUrl}/sim/
Sign in with any test citizen of the simulator. Ctrl+C stops everything.`);
const stop = async () => {
  await demo.close();
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);

/**
 * Starts the NIA simulator from the command line:
 *
 *   npx tsx demo/nia-simulator/main.ts
 *
 * Environment:
 *   NIA_SIM_PORT        port (default 8082; 0 = any free port)
 *   NIA_SIM_HOST        host (default 127.0.0.1)
 *   NIA_SIM_SEPS        optional path to a JSON array of SepRegistration; an entry
 *                       may give "encryptionKeyFile" (a PEM file, relative to the
 *                       JSON file) instead of "encryptionKey"
 *   NIA_SIM_PUBLIC_URL  optional base URL written into discovery (proxy, container)
 */
import { readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { startNiaSimulator } from './nia-simulator.js';
import type { SepRegistration } from './nia-simulator.js';

async function loadSeps(path: string): Promise<SepRegistration[]> {
  const file = resolve(path);
  const parsed: unknown = JSON.parse(await readFile(file, 'utf8'));
  if (!Array.isArray(parsed)) throw new Error(`${path}: expected a JSON array of SeP registrations`);
  return Promise.all(
    parsed.map(async (entry: unknown) => {
      if (typeof entry !== 'object' || entry === null) throw new Error(`${path}: every entry must be an object`);
      const { encryptionKeyFile, ...rest } = entry as Record<string, unknown>;
      if (typeof encryptionKeyFile === 'string' && rest.encryptionKey === undefined) {
        rest.encryptionKey = await readFile(resolve(dirname(file), encryptionKeyFile), 'utf8');
      }
      return rest as unknown as SepRegistration;
    }),
  );
}

const port = Number(process.env.NIA_SIM_PORT ?? 8082);
if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`NIA_SIM_PORT is not a port: ${process.env.NIA_SIM_PORT}`);
const host = process.env.NIA_SIM_HOST || '127.0.0.1';
const seps = process.env.NIA_SIM_SEPS ? await loadSeps(process.env.NIA_SIM_SEPS) : [];

const simulator = await startNiaSimulator({
  host,
  port,
  seps,
  ...(process.env.NIA_SIM_PUBLIC_URL ? { publicUrl: process.env.NIA_SIM_PUBLIC_URL } : {}),
});

console.log(`NIA simulator (not the real NIA): ${simulator.url}`);
console.log(`  discovery: ${simulator.url}/fpsts/oidc/openid-configuration`);
console.log(`  overview:  ${simulator.url}/sim/`);
console.log(`  registered SePs: ${seps.length ? seps.map((s) => s.clientId).join(', ') : 'none (POST /sim/seps)'}`);
console.log('(Ctrl+C stops it)');

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    simulator.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  });
}

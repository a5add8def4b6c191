import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { loadConfig, type Config } from '../../server/config.js';
import { openDatabase, type Database } from '../../server/storage/database.js';

/**
 * The databases every server test runs on: the embedded PGlite always, and a
 * real PostgreSQL when TEST_DATABASE_URL is set (`npm test` starts a
 * throwaway cluster and sets it). Each call gives a fresh, empty database.
 */
export const DATABASES: { name: 'pglite' | 'postgres'; open(): Promise<Database> }[] = [
  { name: 'pglite', open: () => openDatabase({}) },
  ...(process.env.TEST_DATABASE_URL ? [{ name: 'postgres' as const, open: async () => openDatabase({ url: await freshPostgresDatabase() }) }] : []),
];

/** A new, empty database in the test cluster (TEST_DATABASE_URL); its URL. */
export async function freshPostgresDatabase(): Promise<string> {
  const admin = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
  await admin.connect();
  const name = `test_${randomBytes(6).toString('hex')}`;
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(process.env.TEST_DATABASE_URL!);
  url.pathname = `/${name}`;
  return url.href;
}

/** A valid configuration for tests, with overrides. */
export function testConfig(overrides: Record<string, string> = {}): Config {
  return loadConfig({
    PORT: '0',
    LOG_LEVEL: 'silent',
    NIA_CLIENT_ID: 'https://obec.example/sep',
    ALLOWED_ORIGINS: 'http://town.test',
    BROKER_CLIENTS: JSON.stringify([{ client_id: 'town-web', origins: ['http://town.test'] }]),
    ...overrides,
  });
}

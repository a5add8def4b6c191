import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import pg from 'pg';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../server/app.js';
import { createBroker } from '../../server/broker/broker.js';
import { loadConfig, type Config } from '../../server/config.js';
import { apiRoutesOf, rootRoutesOf } from '../../server/start.js';
import { openDatabase, type Database } from '../../server/storage/database.js';
import type { Upstream } from '../../server/broker/upstream.js';

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

/** An upstream that is never reached: tests that sign nobody in at NIA. */
export const NO_UPSTREAM: Upstream = {
  name: 'none',
  authorizationUrl: async () => assert.fail('no sign-in here'),
  complete: async () => assert.fail('no sign-in here'),
  endSessionUrl: async () => undefined,
};

/** A port free on 127.0.0.1 right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export const sleep = (ms: number) => new Promise((resume) => setTimeout(resume, ms));

/** Polls `check` until it holds, at most `ms`; false if it never did. */
export async function eventually(check: () => Promise<boolean> | boolean, ms = 5_000): Promise<boolean> {
  for (let waited = 0; waited <= ms; waited += 25) {
    if (await check()) return true;
    await sleep(25);
  }
  return false;
}

/** The backend on `db` with its broker (no upstream) and every API route, ready for `inject`; not listening. */
export async function startApp(config: Config, db: Database): Promise<FastifyInstance> {
  const broker = await createBroker({ config, db, upstream: NO_UPSTREAM });
  const app = await buildApp({
    config,
    db,
    mountBroker: (mounted) => broker.mount(mounted),
    authenticate: (authorization) => broker.verifyAccessToken(authorization),
    apiRoutes: apiRoutesOf(config, db),
    rootRoutes: rootRoutesOf(config, db),
  });
  await app.ready();
  return app;
}

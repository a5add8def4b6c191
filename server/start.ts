import type { FastifyInstance } from 'fastify';
import { buildApp } from './app.js';
import { createBroker, type Broker } from './broker/broker.js';
import { niaKeys } from './broker/keys.js';
import { niaUpstream } from './broker/nia.js';
import { standardOidcUpstream } from './broker/standard-oidc.js';
import type { Upstream } from './broker/upstream.js';
import type { Config } from './config.js';
import { open311Routes } from './feedback/open311.js';
import { feedbackRoutes } from './feedback/routes.js';
import { loadReportCategories } from './feedback/service.js';
import { feeRoutes } from './fees/routes.js';
import { loadFormsDir } from './forms/definitions.js';
import { formRoutes } from './forms/routes.js';
import { loadStaffFile } from './office/staff-file.js';
import { staffRoutes } from './office/staff-routes.js';
import { indicatorRoutes } from './office/indicator-routes.js';
import { createPayments, type Payments } from './payments/routes.js';
import { loadPollsDir } from './polls/definitions.js';
import { pollRoutes } from './polls/routes.js';
import { citizenRoutes } from './routes/citizen.js';
import { migrate } from './storage/migrate.js';
import { openDatabase, type Database } from './storage/database.js';

export interface Backend {
  app: FastifyInstance;
  db: Database;
  broker: Broker;
  /** The PEM public key to register at NIA as the SeP's encryption key (UPSTREAM=nia). */
  niaPublicKey?: string;
  url: string;
  close(): Promise<void>;
}

async function upstreamFor(config: Config, db: Database): Promise<{ upstream: Upstream; niaPublicKey?: string }> {
  if (config.UPSTREAM === 'oidc') {
    return {
      upstream: standardOidcUpstream({
        issuer: config.OIDC_ISSUER!,
        clientId: config.OIDC_CLIENT_ID!,
        clientSecret: config.OIDC_CLIENT_SECRET,
        redirectUri: `${config.PUBLIC_URL}/broker/callback`,
        postLogoutRedirectUri: `${config.PUBLIC_URL}/broker/logged-out`,
      }),
    };
  }
  const keys = await niaKeys(db, config.NIA_KEY_FILE);
  return {
    niaPublicKey: keys.publicPem,
    upstream: niaUpstream({
      baseUrl: config.NIA_URL,
      clientId: config.NIA_CLIENT_ID!,
      redirectUri: `${config.PUBLIC_URL}/broker/callback`,
      issuer: config.NIA_ISSUER,
      decryptionKey: keys.privateKey,
    }),
  };
}

/**
 * The capabilities' API routes (under /api). Card payments are given when the
 * gateway also serves pages of its own (the sandbox), mounted outside /api.
 */
export function apiRoutesOf(config: Config, db: Database, payments: Payments = createPayments(config, db)): (api: FastifyInstance) => Promise<void> {
  return async (api) => {
    citizenRoutes(api, db);
    await feeRoutes(api, db, config);
    await payments.routes(api);
    await formRoutes(api, db, config);
    await pollRoutes(api, db, config);
    await feedbackRoutes(api, db, config);
    await indicatorRoutes(api, db, config);
    await staffRoutes(api, db);
  };
}

/** The routes outside /api: Open311 GeoReport v2 over the problem reports. */
export function rootRoutesOf(config: Config, db: Database): (app: FastifyInstance) => Promise<void> {
  return (app) => open311Routes(app, db, config);
}

/** Opens the database, migrates it, builds the app with the broker, and listens. */
export async function startBackend(config: Config, options: { db?: Database; upstream?: Upstream } = {}): Promise<Backend> {
  const db = options.db ?? (await openDatabase({ url: config.DATABASE_URL, dataDir: config.DATA_DIR }));
  await migrate(db);
  if (config.FORMS_DIR) await loadFormsDir(db, config.FORMS_DIR);
  if (config.POLLS_DIR) await loadPollsDir(db, config.POLLS_DIR, config.residentLocalities);
  if (config.REPORT_CATEGORIES) await loadReportCategories(db, config.REPORT_CATEGORIES);
  if (config.OFFICE_STAFF) await loadStaffFile(db, config.OFFICE_STAFF);
  const { upstream, niaPublicKey } = options.upstream ? { upstream: options.upstream, niaPublicKey: undefined } : await upstreamFor(config, db);
  const broker = await createBroker({ config, db, upstream });
  const payments = createPayments(config, db);
  const app = await buildApp({
    config,
    db,
    mountBroker: async (instance) => {
      await broker.mount(instance);
      // the sandbox gateway's hosted card page (PAYMENT_GATEWAY=sandbox)
      await payments.mountPages(instance);
      if (niaPublicKey) {
        instance.get('/broker/nia-encryption-key.pem', async (_request, reply) => reply.type('application/x-pem-file').send(niaPublicKey));
      }
    },
    authenticate: (authorization) => broker.verifyAccessToken(authorization),
    apiRoutes: apiRoutesOf(config, db, payments),
    rootRoutes: rootRoutesOf(config, db),
  });
  const address = await app.listen({ host: config.HOST, port: config.PORT });
  return {
    app,
    db,
    broker,
    niaPublicKey,
    url: address,
    async close() {
      await app.close();
      if (!options.db) await db.close();
    },
  };
}

import { createServer, type Server } from 'node:http';
import { join, resolve } from 'node:path';
import { loadConfig } from '../server/config.js';
import { startBackend, type Backend } from '../server/start.js';
import { DEMO_TOWN } from './nia-simulator/citizens.js';
import { defaultCitizens, startNiaSimulator, type NiaSimulator } from './nia-simulator/nia-simulator.js';
import { seedDemo } from './seed.js';
import { seedUsage } from './seed-usage.js';
// @ts-expect-error: a plain .mjs module of the build scripts
import { createStaticServer } from '../scripts/static-server.mjs';

export interface DemoOptions {
  sitePort?: number;
  backendPort?: number;
  niaPort?: number;
  /** Where the demo's PGlite database lives (default `.data/demo`). */
  dataDir?: string;
  /** postgres:// URL instead of PGlite. */
  databaseUrl?: string;
  logLevel?: string;
  /** More sites (or brokers) that sign in at this broker. */
  extraBrokerClients?: { client_id: string; origins: string[] }[];
  /** The office's bearer token for the fee imports (default `demo-office-token`). */
  officeToken?: string;
  /** More backend settings, over the demo's own (the flow tests raise rate limits with them). */
  env?: Record<string, string>;
}

export interface Demo {
  siteUrl: string;
  backendUrl: string;
  niaUrl: string;
  backend: Backend;
  nia: NiaSimulator;
  /** Bearer token of the office routes (`/api/office/…`). */
  officeToken: string;
  /** Stops the backend and starts it again on the same port and database (what a deploy does). */
  restartBackend(): Promise<void>;
  close(): Promise<void>;
}

export const DEMO_CLIENT_ID = 'javorna-lhota-web';
/** The demo town's SeP "unique URL", as a town registers it in the NIA portal. */
export const DEMO_SEP = 'https://www.javorna-lhota.example/sep';

/** The port the demo pages name for the backend (`http://127.0.0.1:8081`). */
const PAGES_BACKEND = 'http://127.0.0.1:8081';

async function freePort(): Promise<number> {
  const probe = createServer();
  const port = await listen(probe, 0);
  await new Promise((done) => probe.close(done));
  return port;
}

const listen = (server: Server, port: number) =>
  new Promise<number>((done, fail) => {
    server.once('error', fail);
    server.listen(port, '127.0.0.1', () => done((server.address() as { port: number }).port));
  });

/**
 * The whole demo town on 127.0.0.1: the NIA simulator, the reference backend
 * (API and identity broker, embedded database), and the town's website with
 * the widgets embedded from the CDN build exactly as an agency would.
 * Port 0 picks free ports (the flow tests do).
 */
export async function startDemo(options: DemoOptions = {}): Promise<Demo> {
  const root = resolve(import.meta.dirname, '..');
  // The backend's port must be known before it starts (it is in its public URL).
  const backendPort = options.backendPort || (await freePort());
  const backendUrl = `http://127.0.0.1:${backendPort}`;
  const site = createStaticServer({
    rewriteHtml: backendUrl === PAGES_BACKEND ? undefined : (html: string) => html.replaceAll(PAGES_BACKEND, backendUrl),
    mounts: { '/': join(root, 'demo/site'), '/obec-widgets/': join(root, 'dist/cdn'), '/ukazky/': join(root, 'demo/office') },
    headers: {
      // images: the map's tiles from OpenStreetMap, report photos from the backend, previews of chosen photos (blob:)
      'Content-Security-Policy':
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob: http://127.0.0.1:* https://tile.openstreetmap.org; connect-src 'self' http://127.0.0.1:*; object-src 'none'; base-uri 'none'",
    },
  }) as Server;
  const sitePort = await listen(site, options.sitePort ?? 8080);
  const siteUrl = `http://127.0.0.1:${sitePort}`;

  // the same citizens at the simulator and in the town's fees (the minor's birth date moves with the calendar)
  const citizens = defaultCitizens();
  const nia = await startNiaSimulator({ host: '127.0.0.1', port: options.niaPort ?? 8082, citizens });
  const officeToken = options.officeToken ?? 'demo-office-token';

  const config = loadConfig({
    HOST: '127.0.0.1',
    PORT: String(backendPort),
    PUBLIC_URL: backendUrl,
    DATA_DIR: options.dataDir ?? join(root, '.data/demo'),
    DATABASE_URL: options.databaseUrl,
    ALLOWED_ORIGINS: siteUrl,
    BROKER_CLIENTS: JSON.stringify([
      { client_id: DEMO_CLIENT_ID, client_name: 'Obec Javorná Lhota', origins: [siteUrl] },
      ...(options.extraBrokerClients ?? []),
    ]),
    UPSTREAM: 'nia',
    NIA_URL: nia.url,
    NIA_CLIENT_ID: DEMO_SEP,
    NIA_LOA: 'loasubstantial',
    LOG_LEVEL: options.logLevel ?? 'warn',
    TOWN_NAME: 'Obec Javorná Lhota',
    TOWN_ACCOUNT: '19-2000145399/0800',
    OFFICE_API_TOKEN: officeToken,
    // the town office's staff: the clerk Alena Svobodová and the mayor Karel Veselý (admin) sign in through the NIA simulator
    OFFICE_STAFF: join(root, 'demo/office-staff.json'),
    // card payments through the sandbox gateway the backend serves itself (no real money)
    PAYMENT_GATEWAY: 'sandbox',
    // the town's forms as JSON files (the grant application and the dog registration)
    FORMS_DIR: join(root, 'demo/forms'),
    // the town's polls and participatory budgets as JSON files; residents by the address in their identity
    POLLS_DIR: join(root, 'demo/polls'),
    RESIDENT_LOCALITIES: `${DEMO_TOWN.postcode} ${DEMO_TOWN.name}`,
    // problem reports: the town's boundary and map, its addresses for the address search, the report categories
    TOWN_AREA: join(root, 'demo/feedback/town-area.json'),
    TOWN_ADDRESSES: join(root, 'demo/feedback/addresses.json'),
    REPORT_CATEGORIES: join(root, 'demo/feedback/categories.json'),
    // OpenStreetMap's tiles (the tests have no internet: the map then shows the boundary on a plain background)
    MAP_TILES: 'https://tile.openstreetmap.org/{z}/{x}/{y}.png',
    MAP_TILES_ATTRIBUTION: '© OpenStreetMap contributors',
    // the usage indicators: public on the demo site ("Jak nám to jde"), the share of citizens of 1 850 people
    TOWN_POPULATION: '1850',
    INDICATORS_PUBLIC: 'true',
    ...options.env,
  });
  let backend = await startBackend(config);
  await seedDemo(backend.db, citizens, config);
  await seedUsage(backend.db, siteUrl);
  // What a town does once in the NIA portal: register its SeP with the broker's callback and key.
  nia.register({
    clientId: DEMO_SEP,
    redirectUris: [`${config.PUBLIC_URL}/broker/callback`],
    logoutUrl: `${config.PUBLIC_URL}/broker/logged-out`,
    encryptionKey: backend.niaPublicKey!,
  });

  return {
    siteUrl,
    backendUrl: config.PUBLIC_URL,
    niaUrl: nia.url,
    get backend() {
      return backend;
    },
    nia,
    officeToken,
    async restartBackend() {
      await backend.close();
      backend = await startBackend(config);
    },
    async close() {
      await new Promise((done) => site.close(done));
      await backend.close();
      await nia.close();
    },
  };
}

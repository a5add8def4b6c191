import assert from 'node:assert/strict';
import { createServer, request as forward, type Server } from 'node:http';
import { join, resolve } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { startNiaSimulator, type NiaSimulator } from '../../demo/nia-simulator/nia-simulator.js';
import { DEMO_CLIENT_ID, DEMO_SEP } from '../../demo/start.js';
import { loadConfig } from '../../server/config.js';
import { startBackend, type Backend } from '../../server/start.js';
// @ts-expect-error: a plain .mjs module of the build scripts
import { createStaticServer } from '../../scripts/static-server.mjs';
import { freshPostgresDatabase } from '../server/harness.js';
import { launchChromium, listen, newContext, signIn, widgetText } from './harness.js';


/** A round-robin load balancer: every request goes to the next instance. Counts what each one served. */
function loadBalancer(targets: number[]) {
  const served = targets.map(() => 0);
  let next = 0;
  const server = createServer((incoming, outgoing) => {
    const index = next++ % targets.length;
    served[index]!++;
    const upstream = forward(
      { host: '127.0.0.1', port: targets[index], path: incoming.url, method: incoming.method, headers: incoming.headers },
      (answer) => {
        outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(outgoing);
      },
    );
    upstream.on('error', () => outgoing.writeHead(502).end());
    incoming.pipe(upstream);
  });
  return { server, served };
}

/**
 * Two backend instances behind one load balancer on one PostgreSQL database
 * must behave as one: every request of the sign-in may land on either, and
 * nothing either keeps in its own memory may be needed by the other.
 */
describe('two backend instances behind a load balancer on one PostgreSQL', { skip: !process.env.TEST_DATABASE_URL && 'needs TEST_DATABASE_URL (npm test starts PostgreSQL)' }, () => {
  let nia: NiaSimulator;
  let backends: Backend[] = [];
  let balancer: ReturnType<typeof loadBalancer>;
  let site: Server;
  let siteUrl = '';
  let browser: Browser;
  let page: Page;

  before(async () => {
    const databaseUrl = await freshPostgresDatabase();

    nia = await startNiaSimulator({ host: '127.0.0.1', port: 0 });
    const root = resolve(import.meta.dirname, '../..');
    site = createStaticServer({
      mounts: { '/': join(root, 'demo/site'), '/obec-widgets/': join(root, 'dist/cdn') },
      rewriteHtml: (html: string) => html.replaceAll('http://127.0.0.1:8081', publicUrl),
    }) as Server;
    siteUrl = `http://127.0.0.1:${await listen(site)}`;

    const probe = createServer();
    const publicPort = await listen(probe);
    await new Promise((done) => probe.close(done));
    const publicUrl = `http://127.0.0.1:${publicPort}`;
    const env = {
      PORT: '0',
      PUBLIC_URL: publicUrl,
      DATABASE_URL: databaseUrl,
      ALLOWED_ORIGINS: siteUrl,
      BROKER_CLIENTS: JSON.stringify([{ client_id: DEMO_CLIENT_ID, origins: [siteUrl] }]),
      NIA_URL: nia.url,
      NIA_CLIENT_ID: DEMO_SEP,
      LOG_LEVEL: 'silent',
    };
    // both start at once, as a deploy does: migrations and generated keys must not collide
    const started = await Promise.allSettled([startBackend(loadConfig(env)), startBackend(loadConfig(env))]);
    backends = started.flatMap((result) => (result.status === 'fulfilled' ? [result.value] : []));
    const failure = started.find((result) => result.status === 'rejected');
    if (failure) throw (failure as PromiseRejectedResult).reason;
    assert.equal(backends[0]!.niaPublicKey, backends[1]!.niaPublicKey, 'the instances made different keys');
    balancer = loadBalancer(backends.map((backend) => Number(new URL(backend.url).port)));
    await listen(balancer.server, publicPort);
    nia.register({ clientId: DEMO_SEP, redirectUris: [`${publicUrl}/broker/callback`], logoutUrl: `${publicUrl}/broker/logged-out`, encryptionKey: backends[0]!.niaPublicKey! });

    browser = await launchChromium();
    page = await (await newContext(browser)).newPage();
  });

  after(async () => {
    await browser?.close();
    balancer?.server.close();
    site?.close();
    await Promise.all(backends.map((backend) => backend.close()));
    await nia?.close();
  });

  test('a citizen signs in, renews and signs out with every request on either instance', async () => {
    await page.goto(`${siteUrl}/`);
    await signIn(page, { citizen: /Jan Novák/ });
    await page.locator('obec-login').getByRole('button', { name: /Nabídka účtu/ }).waitFor();
    assert.match(await widgetText(page, 'obec-diagnostics'), /Přihlášený občan\s*Jan Novák/);

    // renewal and API calls, alternating between the instances
    for (let round = 0; round < 3; round++) {
      const result = await page.evaluate(async () => {
        const key = Object.keys(localStorage).find((name) => name.startsWith('oidc.user:'))!;
        const stored = JSON.parse(localStorage.getItem(key)!);
        stored.expires_at = Math.floor(Date.now() / 1000) - 5;
        localStorage.setItem(key, JSON.stringify(stored));
        const runtime = (document.querySelector('obec-portal') as unknown as { runtime: { session: { accessToken(): Promise<string> }; config: { api: string } } }).runtime;
        const token = await runtime.session.accessToken();
        const answers = [];
        for (let i = 0; i < 2; i++) answers.push((await fetch(`${runtime.config.api}/me`, { headers: { Authorization: `Bearer ${token}` } })).status);
        return answers;
      });
      assert.deepEqual(result, [200, 200]);
    }

    await page.locator('obec-login').getByRole('button', { name: /Nabídka účtu/ }).click();
    await page.locator('obec-login').getByRole('button', { name: 'Odhlásit se' }).click();
    await page.locator('obec-login').getByRole('button', { name: 'Přihlásit se' }).waitFor();
    await page.locator('obec-login').getByRole('button', { name: 'Přihlásit se' }).click();
    await page.getByRole('heading', { name: 'Výběr prostředku pro přihlášení' }).waitFor();

    assert.ok(balancer.served.every((count) => count >= 5), `one instance served almost nothing: ${balancer.served}`);
  });
});

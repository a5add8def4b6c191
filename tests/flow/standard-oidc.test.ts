import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { DEMO_CLIENT_ID } from '../../demo/start.js';
import { loadConfig } from '../../server/config.js';
import { startBackend, type Backend } from '../../server/start.js';
// @ts-expect-error: a plain .mjs module of the build scripts
import { createStaticServer } from '../../scripts/static-server.mjs';
import { launchChromium, listen, newContext, signIn, startTestDemo, widgetText } from './harness.js';


/**
 * A town that already runs an identity server uses the broker's standard
 * OpenID Connect upstream. The identity server here is a real one: another
 * instance of this broker (public clients, PKCE required), itself signing in
 * at the NIA simulator. Town site → broker B → identity server A → NIA, and back.
 */
describe('the broker with a standard OpenID Connect identity server upstream', () => {
  let identityServer: Awaited<ReturnType<typeof startTestDemo>>;
  let broker: Backend;
  let site: Server;
  let siteUrl = '';
  let dataDir = '';
  let browser: Browser;
  let page: Page;

  before(async () => {
    const probe = createServer();
    const brokerPort = await listen(probe);
    await new Promise((done) => probe.close(done));
    const brokerUrl = `http://127.0.0.1:${brokerPort}`;
    identityServer = await startTestDemo({ extraBrokerClients: [{ client_id: 'neighbour-broker', origins: [brokerUrl] }] });

    const root = resolve(import.meta.dirname, '../..');
    site = createStaticServer({
      mounts: { '/': join(root, 'demo/site'), '/obec-widgets/': join(root, 'dist/cdn') },
      rewriteHtml: (html: string) => html.replaceAll('http://127.0.0.1:8081', brokerUrl),
    }) as Server;
    siteUrl = `http://127.0.0.1:${await listen(site)}`;
    dataDir = mkdtempSync(join(tmpdir(), 'obec-oidc-'));
    broker = await startBackend(
      loadConfig({
        PORT: String(brokerPort),
        PUBLIC_URL: brokerUrl,
        DATA_DIR: dataDir,
        ALLOWED_ORIGINS: siteUrl,
        BROKER_CLIENTS: JSON.stringify([{ client_id: DEMO_CLIENT_ID, origins: [siteUrl] }]),
        UPSTREAM: 'oidc',
        OIDC_ISSUER: `${identityServer.backendUrl}/oidc`,
        OIDC_CLIENT_ID: 'neighbour-broker',
        LOG_LEVEL: 'silent',
      }),
    );
    browser = await launchChromium();
    page = await (await newContext(browser)).newPage();
  });

  after(async () => {
    await browser?.close();
    site?.close();
    await broker?.close();
    await identityServer?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  test('signs in through the identity server, and signs out of every link of the chain', async () => {
    await page.goto(`${siteUrl}/kontakt.html`);
    await signIn(page, { citizen: /Petr Procházka/ });
    await page.locator('obec-login').getByRole('button', { name: /Nabídka účtu/ }).waitFor();
    assert.equal(page.url(), `${siteUrl}/kontakt.html`);
    assert.match(await widgetText(page, 'obec-diagnostics'), /Přihlášený občan\s*Petr Procházka/);

    const me = await page.evaluate(async () => {
      const runtime = (document.querySelector('obec-portal') as unknown as { runtime: { session: { accessToken(): Promise<string> }; config: { api: string } } }).runtime;
      const token = await runtime.session.accessToken();
      return (await fetch(`${runtime.config.api}/me`, { headers: { Authorization: `Bearer ${token}` } })).json();
    });
    assert.equal(me.family_name, 'Procházka');
    assert.match(me.subject, /^oidc:[\w-]+:CZ\/CZ\//, 'the subject should be the identity server’s, namespaced');

    await page.locator('obec-login').getByRole('button', { name: /Nabídka účtu/ }).click();
    await page.locator('obec-login').getByRole('button', { name: 'Odhlásit se' }).click();
    await page.waitForURL(`${siteUrl}/kontakt.html`);
    await page.locator('obec-login').getByRole('button', { name: 'Přihlásit se' }).click();
    // out of broker B, identity server A and NIA: the next sign-in asks at NIA again
    await page.getByRole('heading', { name: 'Výběr prostředku pro přihlášení' }).waitFor();
  });
});

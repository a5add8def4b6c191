import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { axeViolations, launchChromium, newContext, pageEvents, recordPageEvents, signIn, signInAtNia, startTestDemo, widgetText } from './harness.js';

type TestDemo = Awaited<ReturnType<typeof startTestDemo>>;

/** The citizen's whole sign-in journey on the demo town, in Chromium, against the real backend, broker and NIA simulator. */
describe('sign in with NIA on the demo town', () => {
  let demo: TestDemo;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let callbackUrl = '';

  const loginText = () => widgetText(page, 'obec-login');
  const accountButton = (target = page) => target.locator('obec-login').getByRole('button', { name: /Nabídka účtu/ });

  before(async () => {
    demo = await startTestDemo();
    browser = await launchChromium();
    context = await newContext(browser);
    await recordPageEvents(context);
    page = await context.newPage();
  });
  after(async () => {
    await browser?.close();
    await demo?.close().catch(() => undefined); // the last test has stopped the NIA simulator already
  });

  test('signs in and lands back on the same page and place, named by every widget, the address cleaned', async () => {
    const address = `${demo.siteUrl}/poplatky.html?tema=odpady#obsah`;
    await page.goto(address);
    assert.deepEqual(await axeViolations(page), []);
    page.on('framenavigated', (frame) => {
      if (frame === page.mainFrame() && frame.url().includes('code=')) callbackUrl ||= frame.url();
    });
    await signIn(page, { citizen: /Žofie Dvořáková/ });
    await accountButton().waitFor();
    assert.equal(page.url(), address);
    assert.match(callbackUrl, /[?&]code=.*[?&]state=/);
    assert.match(await loginText(), /Žofie Dvořáková/);
    assert.match(await widgetText(page, 'obec-diagnostics'), /Přihlášený občan\s*Žofie Dvořáková/);
    assert.deepEqual(await pageEvents(page), ['obec-sign-in:Žofie Dvořáková']);
    // back from the sign-in, focus is on the account button
    assert.equal(await page.evaluate(() => document.activeElement?.shadowRoot?.activeElement?.getAttribute('part')), 'button');
    assert.deepEqual(await axeViolations(page), []);
  });

  test('the account menu works by keyboard and passes axe', async () => {
    await accountButton().focus();
    await page.keyboard.press('Enter');
    const signOut = page.locator('obec-login').getByRole('button', { name: 'Odhlásit se' });
    await signOut.waitFor();
    assert.equal(await page.evaluate(() => document.activeElement?.shadowRoot?.activeElement?.getAttribute('part')), 'sign-out');
    assert.match(await loginText(), /značná úroveň ověření/);
    assert.deepEqual(await axeViolations(page), []);
    await page.keyboard.press('Escape');
    await signOut.waitFor({ state: 'hidden' });
    assert.equal(await page.evaluate(() => document.activeElement?.shadowRoot?.activeElement?.getAttribute('part')), 'button');
  });

  test('the API accepts the citizen’s access token', async () => {
    const me = await page.evaluate(async () => {
      const runtime = (document.querySelector('obec-portal') as unknown as { runtime: { session: { accessToken(): Promise<string> }; config: { api: string } } }).runtime;
      const token = await runtime.session.accessToken();
      return (await fetch(`${runtime.config.api}/me`, { headers: { Authorization: `Bearer ${token}` } })).json();
    });
    assert.equal(me.name, 'Žofie Dvořáková');
    assert.equal(me.loa, 'loasubstantial');
    assert.match(me.subject, /^CZ\/CZ\/[0-9a-f-]{36}$/);
  });

  test('reloading keeps the citizen signed in', async () => {
    await page.reload();
    await accountButton().waitFor();
    assert.match(await loginText(), /Žofie Dvořáková/);
  });

  test('an access token about to expire is renewed with the refresh token, even after the backend restarted', async () => {
    const expireAndRenew = () =>
      page.evaluate(async () => {
        const key = Object.keys(localStorage).find((name) => name.startsWith('oidc.user:'))!;
        const stored = JSON.parse(localStorage.getItem(key)!);
        const before = stored.access_token;
        stored.expires_at = Math.floor(Date.now() / 1000) - 5;
        localStorage.setItem(key, JSON.stringify(stored));
        const runtime = (document.querySelector('obec-portal') as unknown as { runtime: { session: { accessToken(): Promise<string> }; config: { api: string } } }).runtime;
        const token = await runtime.session.accessToken();
        const me = await (await fetch(`${runtime.config.api}/me`, { headers: { Authorization: `Bearer ${token}` } })).json();
        return { renewed: Boolean(token) && token !== before, name: me.name };
      });
    assert.deepEqual(await expireAndRenew(), { renewed: true, name: 'Žofie Dvořáková' });
    // sessions, grants and refresh tokens live in the database: a restart signs nobody out
    await demo.restartBackend();
    assert.deepEqual(await expireAndRenew(), { renewed: true, name: 'Žofie Dvořáková' });
  });

  test('another tab of the site knows the citizen, and learns of the sign-out', async () => {
    const other = await context.newPage();
    await other.goto(`${demo.siteUrl}/kontakt.html`);
    await accountButton(other).waitFor();

    await accountButton().click();
    await page.locator('obec-login').getByRole('button', { name: 'Odhlásit se' }).click();
    // out at the broker, out at NIA, and back on the same page
    await page.waitForURL(`${demo.siteUrl}/poplatky.html?tema=odpady#obsah`);
    await page.locator('obec-login').getByRole('button', { name: 'Přihlásit se' }).waitFor();
    assert.match(await widgetText(page, 'obec-diagnostics'), /Přihlášený občan\s*nikdo/);

    await other.locator('obec-login').getByRole('button', { name: 'Přihlásit se' }).waitFor();
    assert.deepEqual(await pageEvents(other), ['obec-sign-out:Žofie Dvořáková']);
    await other.close();
  });

  test('after signing out, the next sign-in asks again at NIA', async () => {
    await page.locator('obec-login').getByRole('button', { name: 'Přihlásit se' }).click();
    await page.getByRole('heading', { name: 'Výběr prostředku pro přihlášení' }).waitFor();
    assert.ok(page.url().startsWith(demo.niaUrl), `expected NIA, at ${page.url()}`);
    await page.getByRole('button', { name: 'Zrušit' }).click();
    await page.waitForURL((url) => url.href.startsWith(demo.siteUrl));
  });

  test('cancelling at NIA brings the citizen back with a clear message', async () => {
    const message = page.locator('obec-login').getByRole('alert');
    await message.waitFor();
    assert.match(await message.innerText(), /Přihlášení jste zrušili/);
    assert.ok(!page.url().includes('error='), `the address still carries the error: ${page.url()}`);
    assert.deepEqual(await axeViolations(page), []);
  });

  test('refusing consent at NIA is a cancelled sign-in too', async () => {
    await page.goto(`${demo.siteUrl}/`);
    await page.getByRole('button', { name: 'Přihlásit se' }).click();
    await page.getByRole('button', { name: /NIA ID/ }).click();
    await page.getByRole('radio', { name: /Jan Novák/ }).check();
    await page.getByRole('button', { name: 'Přihlásit', exact: true }).click();
    await page.getByRole('button', { name: 'Nesouhlasím' }).click();
    const message = page.locator('obec-login').getByRole('alert');
    await message.waitFor();
    assert.match(await message.innerText(), /Přihlášení jste zrušili/);
    assert.match(await loginText(), /Zkusit znovu/);
  });

  test('a callback replayed later is refused as stale, and the address cleaned', async () => {
    await page.goto(callbackUrl);
    const message = page.locator('obec-login').getByRole('alert');
    await message.waitFor();
    assert.match(await message.innerText(), /už neplatí/);
    assert.ok(!page.url().includes('code='));
  });

  test('a level-of-assurance requirement hides the weaker identity means', async () => {
    await page.goto(`${demo.siteUrl}/`);
    await page.locator('obec-login').evaluate((login) => login.setAttribute('loa', 'loahigh'));
    await page.getByRole('button', { name: 'Přihlásit se' }).click();
    await page.getByRole('heading', { name: 'Výběr prostředku pro přihlášení' }).waitFor();
    const means = await page.locator('form button[name="means"]').allInnerTexts();
    assert.equal(means.length, 1);
    assert.match(means[0]!, /eObčanka/);
    await page.getByRole('button', { name: 'Zrušit' }).click();
    await page.waitForURL((url) => url.href.startsWith(demo.siteUrl));
  });

  test('a tampered state on the way back from NIA is refused with a clear message', async () => {
    await page.goto(`${demo.siteUrl}/participace.html`);
    // NIA's answer is a redirect to the broker's callback; change its `state` on the way
    await page.route(`${demo.niaUrl}/**`, async (route) => {
      const response = await route.fetch({ maxRedirects: 0 });
      const location = response.headers()['location'];
      if (!location?.includes('/broker/callback')) return route.fulfill({ response });
      const tampered = new URL(location);
      tampered.searchParams.set('state', 'forged-state');
      await route.fulfill({ status: 302, headers: { location: tampered.href } });
    });
    await signIn(page);
    await page.unroute(`${demo.niaUrl}/**`);
    await page.waitForURL((url) => url.href.startsWith(`${demo.siteUrl}/participace.html`));
    const message = page.locator('obec-login').getByRole('alert');
    await message.waitFor();
    assert.match(await message.innerText(), /už neplatí/);
    assert.match(await widgetText(page, 'obec-diagnostics'), /Přihlášený občan\s*nikdo/);
  });

  test('in a popup window, the page itself never leaves', async () => {
    // a browser with no single sign-on at NIA yet (in this one NIA would answer at once)
    const fresh = await newContext(browser);
    const own = await fresh.newPage();
    await own.goto(`${demo.siteUrl}/formulare.html`);
    await own.locator('obec-login').evaluate((login) => login.setAttribute('popup', ''));
    const [popup] = await Promise.all([own.waitForEvent('popup'), own.getByRole('button', { name: 'Přihlásit se' }).click()]);
    await signInAtNia(popup, { means: /Bankovní identita/, citizen: /Marie Šťastná/ });
    await popup.waitForEvent('close');
    await accountButton(own).waitFor();
    assert.equal(own.url(), `${demo.siteUrl}/formulare.html`);
    assert.match(await widgetText(own, 'obec-login'), /Marie Šťastná/);
    await fresh.close();
  });

  test('an expired session that cannot be renewed says so', async () => {
    await page.goto(`${demo.siteUrl}/`);
    await signIn(page);
    await accountButton().waitFor();
    await page.evaluate(() => {
      const key = Object.keys(localStorage).find((name) => name.startsWith('oidc.user:'))!;
      const stored = JSON.parse(localStorage.getItem(key)!);
      stored.expires_at = Math.floor(Date.now() / 1000) - 60;
      delete stored.refresh_token;
      localStorage.setItem(key, JSON.stringify(stored));
    });
    await page.reload();
    const message = page.locator('obec-login').getByRole('alert');
    await message.waitFor();
    assert.match(await message.innerText(), /Vaše přihlášení vypršelo/);
    assert.deepEqual(await axeViolations(page), []);
  });

  test('an unreachable sign-in service of the town is said plainly', async () => {
    await page.evaluate(() => localStorage.clear());
    await page.goto(`${demo.siteUrl}/`);
    await page.locator('obec-portal').evaluate((portal) => portal.setAttribute('authority', 'http://127.0.0.1:9/oidc'));
    await page.locator('obec-login').getByRole('button', { name: 'Přihlásit se' }).click();
    const message = page.locator('obec-login').getByRole('alert');
    await message.waitFor();
    assert.match(await message.innerText(), /Přihlašovací služba obce teď neodpovídá/);
  });

  test('an unreachable NIA is said plainly, back on the town page', async () => {
    await demo.nia.close();
    // a browser without a session at the broker, which therefore needs NIA
    const fresh = await newContext(browser);
    const own = await fresh.newPage();
    await own.goto(`${demo.siteUrl}/kontakt.html`);
    await own.getByRole('button', { name: 'Přihlásit se' }).click();
    const message = own.locator('obec-login').getByRole('alert');
    await message.waitFor({ timeout: 20_000 });
    assert.match(await message.innerText(), /Národní identitní autorita teď neodpovídá/);
    assert.ok(own.url().startsWith(`${demo.siteUrl}/kontakt.html`));
    assert.deepEqual(await axeViolations(own), []);
    await fresh.close();
  });

  test('no page broke its strict Content-Security-Policy', async () => {
    assert.deepEqual((await pageEvents(page)).filter((entry) => entry.startsWith('csp:')), []);
  });
});


import { mkdtempSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { startDemo, type Demo, type DemoOptions } from '../../demo/start.js';

/** Debian's Chromium, as root without the sandbox, with no traffic of its own. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-dev-shm-usage'],
  });
}

/** The demo town on free ports with its own fresh database folder. */
export async function startTestDemo(options: DemoOptions = {}): Promise<Demo & { dataDir: string }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'obec-flow-'));
  const demo = await startDemo({ sitePort: 0, backendPort: 0, niaPort: 0, dataDir, logLevel: 'silent', ...options });
  return {
    ...demo,
    dataDir,
    async close() {
      await demo.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * Signs in at the simulated NIA: identity means, test citizen, consent. With a
 * single sign-on session still open there, NIA goes straight to consent.
 */
export async function signInAtNia(page: Page, { means = /Mobilní klíč/, citizen = /Jan Novák/ }: { means?: RegExp; citizen?: RegExp } = {}) {
  const consent = page.getByRole('button', { name: 'Souhlasím', exact: true });
  const meansButton = page.getByRole('button', { name: means });
  // single sign-on at the broker (and consent remembered at NIA) brings the citizen straight back
  const back = page.locator('obec-login').getByRole('button', { name: /Nabídka účtu/ });
  await meansButton.or(consent).or(back).first().waitFor();
  if (await back.isVisible()) return;
  if (await meansButton.isVisible()) {
    await meansButton.click();
    await page.getByRole('radio', { name: citizen }).check();
    await page.getByRole('button', { name: 'Přihlásit', exact: true }).click();
  }
  await consent.click();
}

/** From a page with <obec-login>: "Přihlásit se", then the sign-in at NIA. */
export async function signIn(page: Page, options?: { means?: RegExp; citizen?: RegExp }) {
  await page.getByRole('button', { name: 'Přihlásit se' }).first().click();
  await signInAtNia(page, options);
}

/** The visible text of a widget's shadow root. */
export async function widgetText(page: Page, selector: string): Promise<string> {
  return page.locator(selector).evaluate((element) => (element.shadowRoot?.textContent ?? '').replace(/\s+/g, ' ').trim());
}

export async function newContext(browser: Browser): Promise<BrowserContext> {
  const context = await browser.newContext({ locale: 'cs-CZ' });
  context.setDefaultTimeout(10_000);
  return context;
}

const axeSource = import('node:fs').then(({ readFileSync }) => readFileSync(new URL('../../node_modules/axe-core/axe.min.js', import.meta.url), 'utf8'));

/**
 * Zero WCAG 2.1 A/AA violations on the page as it is now, shadow roots
 * included. axe goes in through the DevTools protocol, which the page's
 * strict CSP does not govern.
 */
export async function axeViolations(page: Page): Promise<string[]> {
  await page.evaluate(await axeSource);
  return page.evaluate(async () => {
    const result = await (window as unknown as { axe: { run(context: Document, options: unknown): Promise<{ violations: { id: string; nodes: { target: unknown }[] }[] }> } }).axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
    });
    return result.violations.map((violation) => `${violation.id}: ${violation.nodes.map((node) => JSON.stringify(node.target)).join(', ')}`);
  });
}

/** Records in every document of the context the sign-in / sign-out events and CSP violations. */
export async function recordPageEvents(context: BrowserContext): Promise<void> {
  await context.addInitScript(() => {
    const log: string[] = [];
    (window as unknown as { obecEvents: string[] }).obecEvents = log;
    for (const type of ['obec-sign-in', 'obec-sign-out']) {
      document.addEventListener(type, (event) => log.push(`${type}:${(event as CustomEvent).detail?.name ?? ''}`));
    }
    document.addEventListener('securitypolicyviolation', (event) => log.push(`csp:${event.violatedDirective}`));
  });
}

export const pageEvents = (page: Page) => page.evaluate(() => (window as unknown as { obecEvents: string[] }).obecEvents);

/** Listens on 127.0.0.1 (port 0: any free one) and resolves with the port. */
export const listen = (server: Server, port = 0) =>
  new Promise<number>((done) => server.listen(port, '127.0.0.1', () => done((server.address() as { port: number }).port)));

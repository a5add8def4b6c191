import assert from 'node:assert/strict';
import { join, resolve } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import type { Indicators } from '../../src/contract/indicators.js';
import { axeViolations, launchChromium, newContext, signIn, startTestDemo, widgetText } from './harness.js';

type TestDemo = Awaited<ReturnType<typeof startTestDemo>>;

const ROOT = resolve(import.meta.dirname, '../..');
const OFFICE_TOKEN = 'demo-office-token';

async function api<T>(demo: TestDemo, path: string, init: RequestInit = {}): Promise<{ status: number; body: T }> {
  const response = await fetch(`${demo.backendUrl}/api${path}`, {
    ...init,
    headers: { Authorization: `Bearer ${OFFICE_TOKEN}`, ...(init.body ? { 'Content-Type': 'application/json' } : {}), ...init.headers },
  });
  return { status: response.status, body: (await response.json().catch(() => undefined)) as T };
}

/** Today's indicators (the period of the last 30 days ends today). */
async function indicators(demo: TestDemo): Promise<Indicators> {
  return (await api<Indicators>(demo, '/indicators')).body;
}

async function obligationCount(demo: TestDemo): Promise<number> {
  return (await api<{ total: number }>(demo, '/office/obligations?limit=1')).body.total;
}

/** The office, signed in at NIA as one of the town's staff. */
async function officeAs(browser: Browser, demo: TestDemo, citizen: RegExp): Promise<Page> {
  const context = await newContext(browser);
  const page = await context.newPage();
  await page.goto(`${demo.siteUrl}/urad.html`);
  const office = page.locator('obec-office');
  await office.getByText('Do úřadu se přihlaste jako pracovník obce.').waitFor();
  await signIn(page, { citizen });
  await office.getByRole('tablist').waitFor();
  return page;
}

/**
 * The office's walkthrough on the demo town, in Chromium against the real
 * backend, broker and NIA simulator: the clerk signs in, imports obligations
 * from a CSV (a broken file first), opens a poll; a citizen votes in it and
 * rates the page; the indicators move. Each office action's details are in
 * the component tests (tests/obec-office-*.test.ts) and the server tests.
 */
describe('the town office on the demo town', () => {
  let demo: TestDemo;
  let browser: Browser;

  before(async () => {
    demo = await startTestDemo();
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    await demo?.close();
  });

  test('a citizen is not let into the office; staff only see their sections', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await page.goto(`${demo.siteUrl}/urad.html`);
    await signIn(page, { citizen: /Jan Novák/ });
    await page.locator('obec-office').getByText(/není mezi pracovníky úřadu/).waitFor();
    assert.deepEqual(await axeViolations(page), []);
    await context.close();

    const clerk = await officeAs(browser, demo, /Alena Svobodová/);
    const tabs = await clerk.locator('obec-office').getByRole('tab').allTextContents();
    assert.deepEqual(
      tabs.map((tab) => tab.trim()),
      ['Poplatky', 'Formuláře', 'Ankety', 'Hlášení', 'Ukazatele'],
      'the clerk has no staff or audit tabs',
    );
    await clerk.context().close();
  });

  test('the clerk imports obligations from a CSV (a broken file imports nothing), opens a poll, and the indicators move as citizens use the widgets', async () => {
    const page = await officeAs(browser, demo, /Alena Svobodová/);
    const office = page.locator('obec-office');
    await office.getByRole('tab', { name: 'Poplatky' }).click();
    const fees = office.locator('obec-office-fees');
    await fees.getByRole('heading', { name: 'Import povinností z CSV' }).waitFor();
    const before = await obligationCount(demo);

    // a broken file: every refused cell listed, nothing stored
    await fees.getByLabel('Soubor s povinnostmi (CSV)').setInputFiles(join(ROOT, 'demo/office/obligations-broken.csv'));
    await fees.getByRole('button', { name: 'Zkontrolovat' }).click();
    await fees.getByText('Soubor nelze importovat, nic nebylo uloženo').waitFor();
    const refused = await widgetText(page, 'obec-office-fees');
    assert.match(refused, /V souboru jsou 4 chyby/);
    assert.equal(await obligationCount(demo), before);
    assert.deepEqual(await axeViolations(page), []);

    // the good file: a preview, then the import
    await fees.getByLabel('Soubor s povinnostmi (CSV)').setInputFiles(join(ROOT, 'demo/office/obligations-2027.csv'));
    await fees.getByRole('button', { name: 'Zkontrolovat' }).click();
    await fees.getByText(/6 nových/).first().waitFor();
    assert.equal(await obligationCount(demo), before, 'a preview stores nothing');
    await fees.getByRole('button', { name: 'Importovat' }).click();
    await fees.getByText(/Importováno: 6 nových/).waitFor();
    assert.equal(await obligationCount(demo), before + 6);
    const found = await api<{ obligations: { payer: { familyName: string } }[] }>(demo, '/office/obligations?q=2027001002');
    assert.deepEqual(found.body.obligations.map((obligation) => obligation.payer.familyName), ['Král']);

    // the poll the office prepared: opened
    const start = await indicators(demo);
    await office.getByRole('tab', { name: 'Ankety' }).click();
    const polls = office.locator('obec-office-polls');
    await polls.getByRole('button', { name: /Jak pojmenovat nové náměstí/ }).click();
    await polls.getByRole('button', { name: 'Otevřít hlasování' }).click();
    await polls.getByText('Fáze: Probíhá', { exact: true }).waitFor();
    assert.equal((await api<{ status: string }>(demo, '/office/polls/namesti-2027')).body.status, 'open');
    assert.deepEqual(await axeViolations(page), []);

    // a citizen on the poll's page: votes and rates the page
    const citizen = await (await newContext(browser)).newPage();
    await citizen.goto(`${demo.siteUrl}/namesti.html`);
    const poll = citizen.locator('obec-poll');
    await poll.getByRole('button', { name: 'Přihlásit se' }).waitFor();
    await signIn(citizen, { citizen: /Jan Novák/ });
    await poll.getByRole('radio', { name: 'Javorové náměstí' }).check();
    await poll.getByRole('button', { name: 'Odeslat hlas' }).click();
    await poll.getByRole('button', { name: 'Změnit hlas' }).waitFor();
    await citizen.locator('obec-feedback').getByRole('button', { name: 'Ano', exact: true }).click();
    await citizen.locator('obec-feedback').getByText(/Děkujeme/).first().waitFor();

    // the indicators moved: one vote, one rating, page views, sign-ins
    const moved = await indicators(demo);
    assert.equal(moved.uses.vote - start.uses.vote, 1);
    assert.equal(moved.uses.rating - start.uses.rating, 1);
    assert.ok(moved.visits > start.visits, `visits ${start.visits} → ${moved.visits}`);
    assert.ok(moved.signIns > start.signIns, `sign-ins ${start.signIns} → ${moved.signIns}`);

    // and the office sees them in its "Ukazatele" tab, the same numbers as the API's
    await office.getByRole('tab', { name: 'Ukazatele' }).click();
    const shown = office.locator('obec-indicators');
    await shown.getByRole('table').first().waitFor();
    const cards = await widgetText(page, 'obec-indicators');
    assert.match(cards, new RegExp(`Hlasování\\s*${moved.uses.vote.toLocaleString('cs-CZ').replace(/\s/g, '\\s')}`));
    assert.deepEqual(await axeViolations(page), []);
    await citizen.context().close();
    await page.context().close();
  });
});

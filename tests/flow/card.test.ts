import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { axeViolations, launchChromium, newContext, signIn, startTestDemo, widgetText } from './harness.js';

type TestDemo = Awaited<ReturnType<typeof startTestDemo>>;

/** Card payments of the demo town's fees through the sandbox gateway, in Chromium against the real backend. */
describe('local fees by card through the sandbox gateway', () => {
  let demo: TestDemo;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  const fees = () => page.locator('obec-fee-payment');
  const paidCents = async (payer: string) =>
    (await demo.backend.db.query<{ paid: number }>(
      "select paid_cents as paid from obligations where fee_kind = 'waste' and period = '2027' and payer_given_name || ' ' || payer_family_name = $1",
      [payer],
    ))[0]!.paid;

  before(async () => {
    demo = await startTestDemo();
    browser = await launchChromium();
    context = await newContext(browser);
    page = await context.newPage();
    await page.goto(`${demo.siteUrl}/poplatky.html`);
    await signIn(page, { citizen: /Žofie Dvořáková/ });
    await fees().getByRole('checkbox').first().waitFor();
  });
  after(async () => {
    await browser?.close();
    await demo?.close();
  });

  async function startCardPayment(payer: RegExp) {
    await fees().getByRole('checkbox', { name: payer }).check();
    await fees().getByRole('button', { name: 'Zaplatit kartou' }).click();
    await atGateway();
  }

  /** On the gateway's own card page (the fee page names the SANDBOX too, so that text alone does not tell). */
  async function atGateway() {
    await page.waitForURL((url) => url.pathname.startsWith('/sandbox-gateway/'));
    await page.getByText('SANDBOX').first().waitFor();
  }

  test('declined at the gateway: back on the page, told plainly, nothing paid', async () => {
    await startCardPayment(/Poplatek za odpady 2027 – Matěj Černý/);
    assert.deepEqual(await axeViolations(page), []);
    await page.getByRole('button', { name: 'Zamítnout' }).click();
    await page.waitForURL(`${demo.siteUrl}/poplatky.html`);
    await fees().locator('[part="result"]').waitFor();
    assert.match(await widgetText(page, 'obec-fee-payment'), /Banka platbu zamítla/);
    assert.equal(await page.evaluate(() => location.search), '', 'the return parameter stayed in the address');
    assert.equal(await paidCents('Matěj Černý'), 0);
    assert.deepEqual(await axeViolations(page), []);
  });

  test('left half-way at the gateway: the next click resumes the same payment, approved it pays once, with a receipt', async () => {
    await page.reload();
    await fees().getByRole('checkbox').first().waitFor();
    await startCardPayment(/Poplatek za odpady 2027 – Matěj Černý/);
    const gatewayUrl = page.url();
    // the citizen walks away from the card page and comes back to the town site
    await page.goto(`${demo.siteUrl}/poplatky.html`);
    await fees().getByRole('checkbox', { name: /Poplatek za odpady 2027 – Matěj Černý/ }).check();
    await fees().getByRole('button', { name: 'Zaplatit kartou' }).click();
    await fees().getByRole('alert').filter({ hasText: 'rozpracovanou platbu' }).waitFor();
    await fees().getByRole('button', { name: 'Pokračovat v rozpracované platbě' }).click();
    await page.waitForURL(gatewayUrl);
    // the notification comes twice: still one credit
    await page.getByLabel('Dvakrát').check();
    await page.getByRole('button', { name: 'Zaplatit' }).click();
    await page.waitForURL(`${demo.siteUrl}/poplatky.html`);
    await fees().locator('[part="result"]').filter({ hasText: 'Zaplaceno' }).waitFor();
    const result = await widgetText(page, 'obec-fee-payment');
    assert.match(result, /Potvrzení o platbě č\. \d{4}\/\d{6}/);
    assert.match(result, /Poplatek za odpady 2027 – Matěj Černý/);
    await page.waitForTimeout(500); // let the second notification land
    assert.equal(await paidCents('Matěj Černý'), 78000);
    const payments = await demo.backend.db.query<{ state: string }>(
      "select p.state from payments p join payment_items i on i.payment_id = p.id join obligations o on o.id = i.obligation_id where o.payer_given_name = 'Matěj'",
    );
    assert.deepEqual(payments.map((row) => row.state).sort(), ['declined', 'paid']);
    assert.deepEqual(await axeViolations(page), []);
  });

  test('a double click on "pay by card" starts one payment', async () => {
    await page.reload();
    await fees().getByRole('checkbox', { name: /Poplatek za odpady 2027 – Žofie Dvořáková/ }).check();
    const before = (await demo.backend.db.query<{ n: number }>('select count(*)::int as n from payments'))[0]!.n;
    await fees().getByRole('button', { name: 'Zaplatit kartou' }).dblclick();
    await atGateway();
    const after = (await demo.backend.db.query<{ n: number }>('select count(*)::int as n from payments'))[0]!.n;
    assert.equal(after - before, 1);
    // the notification never comes: back on the page, the widget asks the gateway itself
    await page.getByLabel(/Nikdy/).check();
    await page.getByRole('button', { name: 'Zaplatit' }).click();
    await page.waitForURL(`${demo.siteUrl}/poplatky.html`);
    await fees().locator('[part="result"]').filter({ hasText: 'Zaplaceno' }).waitFor();
    assert.equal(await paidCents('Žofie Dvořáková'), 78000);
  });

  test('notifications out of order (a declined one first, then the real one) are not believed: paid once', async () => {
    await page.reload();
    await fees().getByRole('checkbox', { name: /Poplatek za odpady 2026 – Žofie Dvořáková/ }).check();
    await fees().getByRole('button', { name: 'Zaplatit kartou' }).click();
    await atGateway();
    await page.getByLabel(/Mimo pořadí/).check();
    await page.getByRole('button', { name: 'Zaplatit' }).click();
    await page.waitForURL(`${demo.siteUrl}/poplatky.html`);
    await fees().locator('[part="result"]').filter({ hasText: 'Zaplaceno' }).waitFor();
    await page.waitForTimeout(500); // both notifications have landed
    const [row] = await demo.backend.db.query<{ paid: number; amount: number }>(
      "select paid_cents as paid, amount_cents as amount from obligations where variable_symbol = '2026000002'",
    );
    assert.equal(row!.paid, row!.amount, 'the remaining 280 Kč was not credited exactly once');
  });
});

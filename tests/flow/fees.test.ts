import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import jsQR from 'jsqr';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { parseSpd } from '../../src/payments/spd.js';
import { axeViolations, launchChromium, newContext, signIn, startTestDemo, widgetText } from './harness.js';

type TestDemo = Awaited<ReturnType<typeof startTestDemo>>;
const TOWN_IBAN = 'CZ6508000000192000145399';

/**
 * Paints a QR code of the page onto a canvas, as the browser renders it, and
 * decodes it from those pixels the way a banking app's camera does.
 */
async function decodeQr(qr: Locator): Promise<string> {
  const { width, height, pixels } = await qr.evaluate(async (element) => {
    const markup = new XMLSerializer().serializeToString(element);
    const image = new Image();
    image.src = `data:image/svg+xml;base64,${btoa(unescape(encodeURIComponent(markup)))}`;
    await image.decode();
    const canvas = document.createElement('canvas');
    canvas.width = canvas.height = 400;
    const context = canvas.getContext('2d')!;
    context.drawImage(image, 0, 0, 400, 400);
    return { width: 400, height: 400, pixels: Array.from(context.getImageData(0, 0, 400, 400).data) };
  });
  const decoded = jsQR(new Uint8ClampedArray(pixels), width, height);
  assert.ok(decoded, 'the QR code did not decode');
  return decoded.data;
}

/** The QR Platba of the demo town's fees, in Chromium against the real backend and NIA simulator. */
describe('local fees by QR Platba on the demo town', () => {
  let demo: TestDemo;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  const fees = () => page.locator('obec-fee-payment');

  before(async () => {
    demo = await startTestDemo();
    browser = await launchChromium();
    context = await newContext(browser);
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: demo.siteUrl });
    page = await context.newPage();
  });
  after(async () => {
    await browser?.close();
    await demo?.close();
  });

  test('a household’s representative sees her fee and the one she pays for, and pays both by QR', async () => {
    await page.goto(`${demo.siteUrl}/poplatky.html`);
    await signIn(page, { citizen: /Žofie Dvořáková/ });
    await fees().getByRole('checkbox').first().waitFor();
    const text = await widgetText(page, 'obec-fee-payment');
    assert.match(text, /Poplatek za odpady 2027 – Žofie Dvořáková/);
    assert.match(text, /Poplatek za odpady 2027 – Matěj Černý/);
    assert.doesNotMatch(text, /Jan Novák/);
    assert.deepEqual(await axeViolations(page), []);

    await fees().getByRole('checkbox', { name: /Poplatek za odpady 2027 – Žofie Dvořáková/ }).check();
    await fees().getByRole('checkbox', { name: /Poplatek za odpady 2027 – Matěj Černý/ }).check();
    await fees().getByRole('button', { name: 'Zaplatit převodem (QR Platba)' }).click();
    const codes = fees().getByRole('img', { name: /^QR Platba:/ });
    await codes.first().waitFor();
    assert.equal(await codes.count(), 2);
    assert.deepEqual(await axeViolations(page), []);

    const symbols = [];
    for (const code of await codes.all()) {
      const { fields, crcValid } = parseSpd(await decodeQr(code));
      assert.equal(crcValid, true, 'CRC32 does not match');
      assert.equal(fields.ACC, TOWN_IBAN);
      assert.equal(fields.AM, '780.00');
      assert.equal(fields.CC, 'CZK');
      assert.match(fields['X-VS']!, /^\d{10}$/);
      assert.equal(fields.DT, '20270331');
      // the text alternative names the same symbol as the code
      assert.match((await code.getAttribute('aria-label'))!, new RegExp(`variabilní symbol ${fields['X-VS']}$`));
      symbols.push(fields['X-VS']);
    }
    assert.notEqual(symbols[0], symbols[1], 'each fee has its own variable symbol');

    await fees().getByRole('button', { name: 'Kopírovat: Variabilní symbol' }).first().click();
    assert.equal(await page.evaluate(() => navigator.clipboard.readText()), symbols[0]);
    await fees().getByRole('status').filter({ hasText: 'Zkopírováno' }).waitFor();
  });

  test('a transfer in the bank statement marks the fee paid', async () => {
    const { obligations } = await page.evaluate(async () => {
      const runtime = (document.querySelector('obec-portal') as unknown as { runtime: { session: { accessToken(): Promise<string> }; config: { api: string } } }).runtime;
      const token = await runtime.session.accessToken();
      return (await fetch(`${runtime.config.api}/fees`, { headers: { Authorization: `Bearer ${token}` } })).json();
    });
    const own = obligations.find(
      (obligation: { payerName: string; feeKind: string; period: string }) => obligation.payerName === 'Žofie Dvořáková' && obligation.feeKind === 'waste' && obligation.period === '2027',
    );
    const statement = `date;amount;variable_symbol;reference\n2027-02-01;780,00;${own.variableSymbol};flow-test-1\n`;
    const answer = await fetch(`${demo.backendUrl}/api/office/bank-statements`, {
      method: 'POST',
      headers: { 'Content-Type': 'text/csv', Authorization: `Bearer ${demo.officeToken}` },
      body: statement,
    });
    assert.equal(answer.status, 200);
    assert.equal((await answer.json()).matched, 1);
    await page.reload();
    await fees().getByRole('checkbox').first().waitFor();
    assert.equal(await fees().getByRole('checkbox', { name: /Poplatek za odpady 2027 – Žofie Dvořáková/ }).count(), 0, 'the paid fee can still be picked');
    assert.match(await widgetText(page, 'obec-fee-payment'), /Poplatek za odpady 2027 – Žofie Dvořáková.*Zaplaceno/);
  });

  test('without signing in: a fee found by its variable symbol and the payer’s birth date, a wrong date refused', async () => {
    const stranger = await newContext(browser);
    const own = await stranger.newPage();
    await own.goto(`${demo.siteUrl}/poplatky.html`);
    const widget = own.locator('obec-fee-payment');
    const symbol = await demo.backend.db.query<{ variable_symbol: string; payer_birthdate: string }>(
      "select variable_symbol, payer_birthdate::text as payer_birthdate from obligations where fee_kind = 'dog' and paid_cents = 0 order by due_date desc limit 1",
    );
    const { variable_symbol: variableSymbol, payer_birthdate: birthdate } = symbol[0]!;

    await widget.getByLabel('Variabilní symbol').fill(variableSymbol);
    await widget.getByLabel('Datum narození poplatníka').fill('1970-01-01');
    await widget.getByRole('button', { name: 'Vyhledat platbu' }).click();
    await widget.getByRole('alert').filter({ hasText: 'nenašli' }).waitFor();
    assert.equal(await widget.getByLabel('Variabilní symbol').inputValue(), variableSymbol);
    assert.deepEqual(await axeViolations(own), []);

    await widget.getByLabel('Datum narození poplatníka').fill(birthdate);
    await widget.getByRole('button', { name: 'Vyhledat platbu' }).click();
    await widget.getByRole('button', { name: 'Zaplatit převodem (QR Platba)' }).click();
    const { fields, crcValid } = parseSpd(await decodeQr(widget.getByRole('img', { name: /^QR Platba:/ })));
    assert.equal(crcValid, true);
    assert.equal(fields['X-VS'], variableSymbol);
    assert.equal(fields.ACC, TOWN_IBAN);
    await stranger.close();
  });
});

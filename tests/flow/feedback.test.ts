import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import type { OfficeReport, RatingSummary } from '../../server/feedback/schemas.js';
import { axeViolations, launchChromium, newContext, pageEvents, recordPageEvents, signIn, startTestDemo, widgetText } from './harness.js';

type TestDemo = Awaited<ReturnType<typeof startTestDemo>>;

/** A 1 × 1 PNG: a photo as small as a photo gets. */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');

/** PNG's chunk checksum (CRC-32 of the type and data). */
function crc32(bytes: Uint8Array): number {
  let crc = ~0;
  for (const byte of bytes) {
    crc ^= byte;
    for (let bit = 0; bit < 8; bit++) crc = (crc >>> 1) ^ (0xedb88320 & -(crc & 1));
  }
  return ~crc >>> 0;
}

/** The 1 × 1 PNG with a text chunk of where it was taken, as a phone's photo may carry it. */
function pngWithText(keyword: string, text: string): Buffer {
  const data = Buffer.from(`${keyword}\0${text}`, 'latin1');
  const typed = Buffer.concat([Buffer.from('tEXt', 'latin1'), data]);
  const chunk = Buffer.alloc(12 + data.length);
  chunk.writeUInt32BE(data.length, 0);
  typed.copy(chunk, 4);
  chunk.writeUInt32BE(crc32(typed), 8 + data.length);
  const afterHeader = 8 + 25; // signature, IHDR
  return Buffer.concat([PNG.subarray(0, afterHeader), chunk, PNG.subarray(afterHeader)]);
}
const GPS_TEXT = 'GPS 49.4296N 15.5940E';
const JIHLAVA = { latitude: 49.3961, longitude: 15.5912 };
/** The reports' rate limit in these tests: above what the tests send before the flood, which comes last. */
const REPORTS_PER_MINUTE = 40;

/** The office's bearer-token API of the demo backend; fails on an unexpected status. */
async function office<T>(demo: TestDemo, path: string, { method = 'GET', body, status = [200, 201] }: { method?: string; body?: unknown; status?: number[] } = {}): Promise<T> {
  const response = await fetch(`${demo.backendUrl}/api/office${path}`, {
    method,
    headers: { Authorization: `Bearer ${demo.officeToken}`, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  assert.ok(status.includes(response.status), `${method} ${path}: ${response.status} ${await response.clone().text()}`);
  return (await response.json()) as T;
}

/** The office's view of the report with this description (there must be exactly one). */
async function reportWith(demo: TestDemo, description: string): Promise<OfficeReport> {
  const { reports } = await office<{ reports: OfficeReport[] }>(demo, '/reports');
  const found = reports.filter((report) => report.description === description);
  assert.equal(found.length, 1, `one report "${description}", found ${found.length}`);
  return found[0]!;
}

const reportCount = async (demo: TestDemo) => (await office<{ reports: OfficeReport[] }>(demo, '/reports')).reports.length;

/** The office's counts for one rated page. */
async function ratingsOf(demo: TestDemo, target: string): Promise<{ yes: number; no: number; comments: string[] }> {
  const summary = await office<RatingSummary>(demo, '/ratings');
  const row = summary.targets.find((entry) => entry.target === target);
  return { yes: row?.yes ?? 0, no: row?.no ?? 0, comments: row?.comments.map((entry) => entry.comment) ?? [] };
}

/** A public API call of the demo backend (as a civic app or a script would make it). */
const api = (demo: TestDemo, path: string, init: RequestInit = {}) => fetch(`${demo.backendUrl}/api${path}`, init);
const postReport = (demo: TestDemo, body: unknown, key = crypto.randomUUID()) =>
  api(demo, '/reports', { method: 'POST', headers: { 'Content-Type': 'application/json', 'Idempotency-Key': key }, body: JSON.stringify(body) });
/** The machine-readable code of an API refusal (`{ error: { code, message, fields } }`). */
const errorCode = async (response: Response) => ((await response.json()) as { error?: { code?: string } }).error?.code;
const open311 = (demo: TestDemo, path: string, init: RequestInit = {}) => fetch(`${demo.backendUrl}/open311/v2/${path}`, init);

/** A browser context as the tests' machine has it: no internet, so the map's tiles fail (fast). */
async function offlineContext(browser: Browser, options: { geolocation?: { latitude: number; longitude: number } } = {}): Promise<BrowserContext> {
  const context = await newContext(browser);
  await context.route('https://tile.openstreetmap.org/**', (route) => route.abort('internetdisconnected'));
  if (options.geolocation) {
    await context.grantPermissions(['geolocation']);
    await context.setGeolocation(options.geolocation);
  }
  return context;
}

async function openReportPage(context: BrowserContext, demo: TestDemo): Promise<{ page: Page; report: Locator }> {
  const page = await context.newPage();
  await page.goto(`${demo.siteUrl}/zavady.html`);
  const report = page.locator('obec-report');
  await report.getByRole('button', { name: 'Odeslat hlášení' }).waitFor();
  return { page, report };
}

/** The category by its name, whether the widget offers a select or radio buttons. */
async function chooseCategory(report: Locator, name: string): Promise<void> {
  const radio = report.getByRole('radio', { name });
  if ((await radio.count()) > 0) return radio.check();
  await report.getByRole('combobox', { name: 'Co chcete nahlásit?' }).selectOption({ label: name });
}

async function chooseAddress(report: Locator, typed: string, label: string): Promise<void> {
  const address = report.getByRole('combobox', { name: /^Adresa/ });
  await address.fill(typed);
  await report.getByRole('option', { name: label }).click();
  await report.getByText(new RegExp(`Vybrané místo: .*${label.replace(/,.*/, '')}`)).first().waitFor();
}

async function describe_(report: Locator, text: string): Promise<void> {
  await report.getByRole('textbox', { name: /^Popis/ }).fill(text);
}

/** Sends the report and returns its reference from the confirmation. */
async function send(report: Locator): Promise<string> {
  await report.getByRole('button', { name: 'Odeslat hlášení' }).click();
  await report.getByRole('heading', { name: 'Hlášení jsme přijali' }).waitFor();
  const text = await report.getByText(/Číslo hlášení: /).innerText();
  const reference = /\d{4}\/\d{6}/.exec(text)?.[0];
  assert.ok(reference, `a reference in "${text}"`);
  return reference;
}

/** The ratings and problem reports of the demo town, in Chromium against the real backend, broker and NIA simulator. */
describe('feedback and problem reports on the demo town', () => {
  let demo: TestDemo;
  let browser: Browser;

  before(async () => {
    demo = await startTestDemo({ env: { REPORT_PER_MINUTE: String(REPORTS_PER_MINUTE) } });
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    await demo?.close();
  });

  test('a rating on a demo page: one click "Ano", then a comment; "Ne" without a comment on another page', async () => {
    const context = await offlineContext(browser);
    const page = await context.newPage();
    await page.goto(`${demo.siteUrl}/poplatky.html`);
    const feedback = page.locator('obec-feedback');
    await feedback.getByRole('heading', { name: 'Pomohla vám tato stránka?' }).waitFor();
    const start = await ratingsOf(demo, '/poplatky.html');

    await feedback.getByRole('button', { name: 'Ano', exact: true }).click();
    await feedback.getByText('Děkujeme za odpověď.').first().waitFor();
    assert.deepEqual(await ratingsOf(demo, '/poplatky.html'), { ...start, yes: start.yes + 1 }, 'one click is one answer');
    const comment = 'Přehledné, QR platba funguje skvěle.';
    await feedback.getByRole('textbox', { name: /Chcete nám ještě něco vzkázat/ }).fill(comment);
    await feedback.getByRole('button', { name: 'Odeslat vzkaz' }).click();
    await feedback.getByText('Děkujeme, vzkaz jsme předali obecnímu úřadu.').first().waitFor();
    const after = await ratingsOf(demo, '/poplatky.html');
    assert.equal(after.yes, start.yes + 1, 'the comment is not a second answer');
    assert.ok(after.comments.includes(comment));
    assert.deepEqual(await axeViolations(page), []);

    await page.goto(`${demo.siteUrl}/kontakt.html`);
    const contact = await ratingsOf(demo, '/kontakt.html');
    await feedback.getByRole('button', { name: 'Ne', exact: true }).click();
    await feedback.getByText('Děkujeme za odpověď.').first().waitFor();
    assert.deepEqual(await ratingsOf(demo, '/kontakt.html'), { ...contact, no: contact.no + 1 });
    await context.close();
  });

  test('every demo page has the rating at the end of its main content, and "Závady" in its navigation', async () => {
    const context = await offlineContext(browser);
    const page = await context.newPage();
    for (const path of ['/', '/poplatky.html', '/participace.html', '/formulare.html', '/zavady.html', '/kontakt.html']) {
      await page.goto(`${demo.siteUrl}${path}`);
      assert.equal(await page.locator('main > obec-feedback:last-child').count(), 1, `${path}: <obec-feedback> ends main`);
      const link = page.getByRole('navigation', { name: 'Hlavní nabídka' }).getByRole('link', { name: 'Závady' });
      assert.equal(await link.getAttribute('href'), '/zavady.html');
      assert.equal(await link.getAttribute('aria-current'), path === '/zavady.html' ? 'page' : null, path);
    }
    await context.close();
  });

  test('a report with a photo and a place found by its address; the photo is served stripped, the office sees it all', async () => {
    const context = await offlineContext(browser);
    await recordPageEvents(context);
    const { page, report } = await openReportPage(context, demo);
    // no internet here: the map says so and the rest works
    await report.getByText('Mapové podklady se nepodařilo načíst; místo určete adresou nebo polohou.').waitFor();

    await chooseCategory(report, 'Veřejné osvětlení');
    await report.getByText('Hlášení dostane: Technické služby obce.').first().waitFor();
    const description = 'Lampa u školy nesvítí od pondělí, večer je tam úplná tma.';
    await describe_(report, description);
    await chooseAddress(report, 'Školní 15', 'Školní 15, Javorná Lhota');
    const photoFile = pngWithText('Location', GPS_TEXT);
    assert.ok(photoFile.includes(GPS_TEXT));
    await report.locator('input[type="file"]').setInputFiles({ name: 'lampa.png', mimeType: 'image/png', buffer: photoFile });
    await report.getByText('Fotografie lampa.png nahrána.').first().waitFor();
    await report.getByRole('textbox', { name: 'E-mail' }).fill('jana.mala@example.cz');
    assert.deepEqual(await axeViolations(page), []);
    const reference = await send(report);

    const stored = await reportWith(demo, description);
    assert.equal(stored.reference, reference);
    assert.equal(stored.category, 'lighting');
    assert.equal(stored.department, 'Technické služby obce');
    assert.equal(stored.state, 'received');
    assert.equal(stored.location.address, 'Školní 15, Javorná Lhota');
    assert.equal(stored.contact?.email, 'jana.mala@example.cz');
    assert.equal(stored.anonymous, false, 'a contact makes it not anonymous');
    assert.equal(stored.photos.length, 1);
    const photo = await fetch(new URL(stored.photos[0]!, demo.backendUrl));
    assert.equal(photo.status, 200);
    assert.equal(photo.headers.get('content-type'), 'image/png');
    assert.equal(photo.headers.get('x-content-type-options'), 'nosniff');
    const served = Buffer.from(await photo.arrayBuffer());
    assert.ok(served.subarray(0, 8).equals(PNG.subarray(0, 8)), 'still a PNG');
    assert.ok(!served.includes(GPS_TEXT) && !served.includes('tEXt'), 'the text chunk with the place is gone');

    // the report is in this browser's "Moje hlášení", received
    const mine = report.getByRole('heading', { name: 'Moje hlášení' });
    await mine.waitFor();
    assert.match(await widgetText(page, 'obec-report'), new RegExp(`${reference.replace('/', '\\/')}.*Přijato`));
    assert.deepEqual(await axeViolations(page), []);
    assert.deepEqual((await pageEvents(page)).filter((event) => event.startsWith('csp:')), [], 'the map, the previews and the photos within the page’s CSP');
    await context.close();
  });

  test('a report placed by the location button (geolocation granted) in town', async () => {
    const here = { latitude: 49.436, longitude: 15.58 };
    const context = await offlineContext(browser, { geolocation: here });
    const { report } = await openReportPage(context, demo);
    await chooseCategory(report, 'Zeleň a stromy');
    const description = 'Spadlá větev přes cestu na konci ulice Za Humny, nedá se projet.';
    await describe_(report, description);
    await report.getByRole('button', { name: 'Použít moji polohu' }).click();
    await report.getByText(/Vybrané místo: vaše poloha/).first().waitFor();
    await send(report);

    const stored = await reportWith(demo, description);
    assert.ok(Math.abs(stored.location.lat - here.latitude) < 1e-6 && Math.abs(stored.location.lon - here.longitude) < 1e-6, JSON.stringify(stored.location));
    assert.equal(stored.anonymous, true, 'no contact, not signed in');
    assert.deepEqual(stored.photos, []);
    await context.close();
  });

  test('a report placed on the map by keyboard: arrows move the crosshair, Enter places the pin, the place is announced', async () => {
    const context = await offlineContext(browser);
    const { page, report } = await openReportPage(context, demo);
    await chooseCategory(report, 'Lavičky, koše a zastávky');
    const description = 'Rozbitá lavička na návsi, chybí dvě prkna sedáku.';
    await describe_(report, description);

    const map = report.locator('obec-map').getByRole('application').or(report.locator('obec-map').locator('[tabindex="0"]')).first();
    await map.focus();
    for (const key of ['ArrowLeft', 'ArrowLeft', 'ArrowUp']) await page.keyboard.press(key);
    await page.keyboard.press('Enter');
    await report.locator('obec-map').getByText(/Špendlík umístěn/).waitFor();
    await report.getByText(/Vybrané místo: /).first().waitFor();
    await send(report);

    const stored = await reportWith(demo, description);
    const center = { lat: 49.4325, lon: 15.587 };
    assert.ok(stored.location.lon < center.lon, 'west of the centre (two arrows left)');
    assert.ok(stored.location.lat > center.lat, 'north of the centre (one arrow up)');
    await context.close();
  });

  test('the duplicate suggestion: an open report nearby of the same kind, "Vidím to také" instead of a new report', async () => {
    const context = await offlineContext(browser);
    const { page, report } = await openReportPage(context, demo);
    const { reports: seeded } = await office<{ reports: OfficeReport[] }>(demo, '/reports?state=received&category=lighting');
    const lamp = seeded.find((entry) => entry.location.address === 'Návesní 14, Javorná Lhota');
    assert.ok(lamp, 'the demo seeds a broken lamp at Návesní 14');
    const count = await reportCount(demo);

    await chooseCategory(report, 'Veřejné osvětlení');
    await describe_(report, 'Lampa na návsi u kapličky nesvítí.');
    await chooseAddress(report, 'Návesní 14', 'Návesní 14, Javorná Lhota');
    await report.getByRole('heading', { name: 'Podobná hlášení poblíž' }).waitFor();
    await report.getByRole('button', { name: `Vidím to také: ${lamp.reference}` }).click();
    await report.getByText(`Děkujeme, připojili jste se k hlášení ${lamp.reference}.`, { exact: false }).first().waitFor();
    assert.deepEqual(await axeViolations(page), []);

    assert.equal((await reportWith(demo, lamp.description)).supporters, lamp.supporters + 1);
    assert.equal(await reportCount(demo), count, 'no new report');
    // the same browser again: counted once
    const again = await fetch(`${demo.backendUrl}/api/reports/nearby?lat=${lamp.location.lat}&lon=${lamp.location.lon}&category=lighting`);
    const nearby = (await again.json()) as { reports: { id: string; supporters: number }[] };
    assert.equal(nearby.reports.find((entry) => entry.id === lamp.id)?.supporters, lamp.supporters + 1);
    await context.close();
  });

  test('a signed-in citizen’s reports: state changes and replies by the office API, solved and confirmed; another reopened', async () => {
    const context = await offlineContext(browser);
    const { page, report } = await openReportPage(context, demo);
    await signIn(page);
    // the contact is pre-filled from the identity
    const name = report.getByRole('textbox', { name: 'Jméno a příjmení' });
    for (let tries = 0; tries < 50 && (await name.inputValue()) === ''; tries++) await page.waitForTimeout(100);
    assert.equal(await name.inputValue(), 'Jan Novák');

    await chooseCategory(report, 'Veřejné osvětlení');
    const lampDescription = 'Lampa v ulici Za Humny bliká a večer zhasíná.';
    await describe_(report, lampDescription);
    await chooseAddress(report, 'Za Humny 7', 'Za Humny 7, Javorná Lhota');
    await report.locator('input[type="file"]').setInputFiles({ name: 'lampa.png', mimeType: 'image/png', buffer: PNG });
    await report.getByText('Fotografie lampa.png nahrána.').first().waitFor();
    const lampReference = await send(report);
    const lamp = await reportWith(demo, lampDescription);
    assert.equal(lamp.signedIn, true);
    assert.equal(lamp.anonymous, false);

    await report.getByRole('button', { name: 'Nahlásit další závadu' }).click();
    await chooseCategory(report, 'Silnice a chodníky');
    const pavementDescription = 'Propadlý chodník v Zahradní ulici před domem číslo 12.';
    await describe_(report, pavementDescription);
    await chooseAddress(report, 'Zahradní 12', 'Zahradní 12, Javorná Lhota');
    const pavementReference = await send(report);
    const pavement = await reportWith(demo, pavementDescription);

    // the office takes them on
    const reply = 'Výměnu svítidla objednáváme u firmy, do týdne bude hotovo.';
    await office(demo, `/reports/${lamp.id}`, { method: 'PATCH', body: { state: 'in-progress', reply } });
    await page.reload();
    const item = report.getByRole('listitem').filter({ hasText: lampReference });
    await item.getByText('Řeší se').first().waitFor();
    await item.getByText(reply, { exact: false }).first().waitFor();

    // solved: the citizen confirms
    await office(demo, `/reports/${lamp.id}`, { method: 'PATCH', body: { state: 'solved', reply: 'Svítidlo je vyměněné.' } });
    await office(demo, `/reports/${pavement.id}`, { method: 'PATCH', body: { state: 'solved', reply: 'Chodník jsme opravili.' } });
    await page.reload();
    await item.getByText('Je to opravdu vyřešené?').first().waitFor();
    assert.deepEqual(await axeViolations(page), []);
    await item.getByRole('button', { name: 'Ano, je to vyřešené' }).click();
    await item.getByText('Děkujeme za potvrzení.').first().waitFor();
    const confirmed = await reportWith(demo, lampDescription);
    assert.equal(confirmed.state, 'solved');
    assert.equal(confirmed.awaitingConfirmation, false);
    assert.ok(confirmed.history.some((event) => event.by === 'reporter' && event.confirmed === true));

    // not really fixed: reopened with a comment
    const pavementItem = report.getByRole('listitem').filter({ hasText: pavementReference });
    await pavementItem.getByRole('button', { name: 'Ne, není' }).click();
    await pavementItem.getByRole('button', { name: 'Znovu otevřít hlášení' }).click();
    await pavementItem.getByText('Napište prosím, co je stále špatně.').first().waitFor();
    const comment = 'Dlaždice se znovu propadají, po dešti tam stojí voda.';
    await pavementItem.getByRole('textbox', { name: 'Co je stále špatně?' }).fill(comment);
    await pavementItem.getByRole('button', { name: 'Znovu otevřít hlášení' }).click();
    await pavementItem.getByText('Hlášení jsme znovu otevřeli, úřad se k němu vrátí.').first().waitFor();
    const reopened = await reportWith(demo, pavementDescription);
    assert.equal(reopened.state, 'received');
    assert.ok(reopened.history.some((event) => event.by === 'reporter' && event.confirmed === false && event.comment === comment));
    // only the reporter answers
    const stranger = await api(demo, `/reports/${pavement.id}/confirmation`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ fixed: true }) });
    assert.ok([401, 403, 404].includes(stranger.status), `a stranger's answer: ${stranger.status}`);
    await context.close();
  });

  test('an anonymous report is followed in the same browser by its follow token', async () => {
    const context = await offlineContext(browser);
    const { page, report } = await openReportPage(context, demo);
    await chooseCategory(report, 'Odpady a černé skládky');
    const description = 'Přeplněné kontejnery na plast na rohu Polní a Zahradní.';
    await describe_(report, description);
    await chooseAddress(report, 'Polní 4', 'Polní 4, Javorná Lhota');
    const reference = await send(report);
    const stored = await reportWith(demo, description);
    await office(demo, `/reports/${stored.id}`, { method: 'PATCH', body: { state: 'in-progress', reply: 'Svoz objednán na zítra.' } });
    await page.reload();
    const item = report.getByRole('listitem').filter({ hasText: reference });
    await item.getByText('Řeší se').first().waitFor();
    await item.getByText('Anonymní').first().waitFor();
    // another browser does not see it
    const other = await offlineContext(browser);
    const { page: otherPage } = await openReportPage(other, demo);
    await otherPage.waitForTimeout(500); // the browser's own reports would be loaded by now
    assert.doesNotMatch(await widgetText(otherPage, 'obec-report'), new RegExp(reference.replace('/', '\\/')));
    await other.close();
    await context.close();
  });

  test('Open311 GeoReport v2: services and requests with the standard’s field names, filters, a request by id, a POST', async () => {
    const services = (await (await open311(demo, 'services.json')).json()) as Record<string, unknown>[];
    assert.deepEqual(services.map((service) => service.service_code), ['roads', 'lighting', 'furniture', 'greenery', 'waste', 'other']);
    for (const service of services) {
      assert.deepEqual(Object.keys(service).sort(), ['description', 'group', 'keywords', 'metadata', 'service_code', 'service_name', 'type']);
      assert.equal(service.metadata, false);
      assert.equal(service.type, 'realtime');
    }
    const lighting = (await (await open311(demo, 'services/lighting.json')).json()) as unknown;
    assert.ok(lighting);

    const requests = (await (await open311(demo, 'requests.json')).json()) as Record<string, unknown>[];
    assert.ok(requests.length >= 4, 'the seeded reports are there');
    const FIELDS = [
      'address', 'address_id', 'agency_responsible', 'description', 'expected_datetime', 'lat', 'long', 'media_url', 'requested_datetime',
      'service_code', 'service_name', 'service_notice', 'service_request_id', 'status', 'status_notes', 'updated_datetime', 'zipcode',
    ];
    const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?([+-]\d{2}:\d{2}|Z)$/;
    for (const request of requests) {
      assert.deepEqual(Object.keys(request).sort(), FIELDS, `${request.service_request_id}: GeoReport v2 fields, no more`);
      assert.ok(request.status === 'open' || request.status === 'closed');
      assert.equal(typeof request.lat, 'number');
      assert.equal(typeof request.long, 'number');
      assert.match(String(request.requested_datetime), ISO);
      assert.match(String(request.updated_datetime), ISO);
      assert.equal(request.expected_datetime, null);
      assert.equal(request.address_id, null);
      assert.equal(request.zipcode, null);
      assert.ok(request.media_url === null || /^https?:\/\//.test(String(request.media_url)), 'media_url absolute');
    }
    assert.ok(requests.some((request) => request.service_notice === 'anonymní hlášení'), 'anonymous reports marked');
    // rejected and solved are closed; the rejected one says why
    const closed = (await (await open311(demo, 'requests.json?status=closed')).json()) as Record<string, unknown>[];
    assert.ok(closed.length > 0 && closed.every((request) => request.status === 'closed'));
    const byCode = (await (await open311(demo, 'requests.json?service_code=lighting')).json()) as Record<string, unknown>[];
    assert.ok(byCode.length > 0 && byCode.every((request) => request.service_code === 'lighting'));
    const first = requests[0]!;
    const one = (await (await open311(demo, `requests/${first.service_request_id}.json`)).json()) as Record<string, unknown>[];
    assert.equal(one.length, 1);
    assert.equal(one[0]!.service_request_id, first.service_request_id);

    // a civic app submits one, form-encoded
    const posted = await open311(demo, 'requests.json', {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ service_code: 'roads', lat: '49.4330', long: '15.5850', description: 'Výmol na návsi před obchodem, z aplikace.', email: 'app@example.cz' }),
    });
    assert.equal(posted.status, 201, await posted.clone().text());
    const [answer] = (await posted.json()) as { service_request_id: string; account_id: null }[];
    assert.ok(answer?.service_request_id);
    assert.equal(answer.account_id, null);
    // … and one outside the town is a GeoReport error
    const outside = await open311(demo, 'requests.json', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ service_code: 'roads', lat: JIHLAVA.latitude, long: JIHLAVA.longitude, description: 'Výmol v Jihlavě na náměstí.' }),
    });
    assert.ok(outside.status >= 400 && outside.status < 500);
    const errors = (await outside.json()) as { code: unknown; description: unknown }[];
    assert.ok(Array.isArray(errors) && errors.length > 0 && typeof errors[0]!.description === 'string');
  });

  test('bad input in the widget: a place outside the town, an empty description, an oversized or non-image photo', async () => {
    const context = await offlineContext(browser, { geolocation: JIHLAVA });
    const { report } = await openReportPage(context, demo);
    const count = await reportCount(demo);
    await chooseCategory(report, 'Jiný problém');
    await report.getByRole('button', { name: 'Použít moji polohu' }).click();
    await report.getByText('Toto místo je mimo území obce. Obec může vyřizovat jen hlášení ze svého území.').first().waitFor();

    await report.locator('input[type="file"]').setInputFiles([
      { name: 'velka.png', mimeType: 'image/png', buffer: Buffer.concat([PNG, Buffer.alloc(9 * 1024 * 1024)]) },
      { name: 'poznamky.txt', mimeType: 'text/plain', buffer: Buffer.from('toto není fotografie') },
    ]);
    await report.getByText('Fotografie velka.png je příliš velká.', { exact: false }).first().waitFor();
    await report.getByText('Soubor poznamky.txt není fotografie JPEG, PNG ani WebP.').first().waitFor();

    await report.getByRole('button', { name: 'Odeslat hlášení' }).click();
    await report.getByText('Hlášení zatím nejde odeslat').first().waitFor();
    await report.getByText(/Popište závadu alespoň \d+ znaky\./).first().waitFor();
    await report.getByText('Vybrané místo je mimo území obce. Vyberte prosím místo v obci.').first().waitFor();
    assert.equal(await reportCount(demo), count, 'nothing stored');
    await context.close();
  });

  test('bad input at the API: outside the town, empty description, oversized and non-image photos, an unknown photo; nothing stored', async () => {
    const count = await reportCount(demo);
    const base = { category: 'roads', description: 'Výmol na silnici, asi půl metru široký.', location: { lat: 49.433, lon: 15.585 }, photos: [] };
    const problem = async (response: Response, status: number, code?: string) => {
      assert.equal(response.status, status, await response.clone().text());
      if (code) assert.equal(await errorCode(response), code);
    };
    await problem(await postReport(demo, { ...base, location: { lat: JIHLAVA.latitude, lon: JIHLAVA.longitude } }), 422, 'outside_town');
    const empty = await postReport(demo, { ...base, description: '' });
    assert.ok(empty.status === 400 || empty.status === 422, `empty description: ${empty.status}`);
    const long = await postReport(demo, { ...base, description: 'x'.repeat(2001) });
    assert.ok([400, 413, 422].includes(long.status), `too long: ${long.status}`);
    const unknownPhoto = await postReport(demo, { ...base, photos: ['no-such-photo'] });
    assert.ok(unknownPhoto.status >= 400 && unknownPhoto.status < 500, `an unknown photo: ${unknownPhoto.status}`);
    const photo = (body: Buffer, type: string) => api(demo, '/report-photos', { method: 'POST', headers: { 'Content-Type': type, 'X-File-Name': 'x' }, body: new Uint8Array(body) });
    await problem(await photo(Buffer.concat([PNG, Buffer.alloc(9 * 1024 * 1024)]), 'image/png'), 413, 'file_too_large');
    await problem(await photo(Buffer.from('%PDF-1.7 not a photo'), 'image/png'), 415, 'unsupported_type');
    // the honeypot: answered as stored, dropped
    const bot = await postReport(demo, { ...base, website: 'http://spam.example' });
    assert.equal(bot.status, 201);
    assert.equal(await reportCount(demo), count, 'nothing stored');
  });

  // last: the flood uses up this IP's limits for the rest of the minute
  test('a flood from one IP: 429 rate_limited after the limit, nothing more stored', async () => {
    const count = await reportCount(demo);
    const target = '/flood-test';
    const statuses: number[] = [];
    for (let i = 0; i < 25; i++) {
      const response = await api(demo, '/ratings', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ target, helpful: true }) });
      statuses.push(response.status);
      if (response.status === 429) {
        assert.equal(await errorCode(response), 'rate_limited');
        break;
      }
    }
    assert.equal(statuses.at(-1), 429, `ratings: ${statuses.join(' ')}`);
    assert.equal((await ratingsOf(demo, target)).yes, statuses.filter((status) => status === 201).length, 'only the accepted ones stored');

    const reportStatuses: number[] = [];
    for (let i = 0; i <= REPORTS_PER_MINUTE; i++) {
      const response = await postReport(demo, { category: 'roads', description: 'Záplava hlášení z jedné adresy.', location: { lat: JIHLAVA.latitude, lon: JIHLAVA.longitude }, photos: [] });
      reportStatuses.push(response.status);
      if (response.status === 429) break;
    }
    assert.equal(reportStatuses.at(-1), 429, `reports: ${reportStatuses.join(' ')}`);
    assert.equal(await reportCount(demo), count, 'none of the flood stored');
  });
});

import { expect, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../components/obec-report/obec-report.js';
import type { ObecPortal } from '../components/obec-portal/obec-portal.js';
import type { TownArea } from '../src/contract/feedback.js';
import { feedbackFetch, MINE, NEARBY, PNG_BYTES, TOWN, type FeedbackBackend } from '../stories/feedback-fixtures.js';
import { FixtureSession, ZOFIE } from '../stories/fixture-session.js';
import { expectAccessible } from './helpers/axe.js';
import { cleanPage, mount, rendered, textOf } from './helpers/page.js';

const API = 'https://obec.example/api';
const FOLLOW_KEY = `obec-report:follow:${API}`;
/** Tiles that are no images: every tile fails, as without internet. */
const NO_INTERNET: TownArea = { ...TOWN, tiles: { url: 'data:text/plain,not-an-image-{z}-{x}-{y}', attribution: '© OpenStreetMap contributors', maxZoom: 19 } };

/** The element focus is on, through shadow roots. */
function deepActive(): Element | null {
  let active: Element | null = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active;
}

const clone = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

/** Component behaviour of <obec-report> on fixtures; the real backend is in tests/server and tests/flow. */
describe('<obec-report>', () => {
  const geolocation = Object.getOwnPropertyDescriptor(navigator, 'geolocation');
  afterEach(() => {
    cleanPage();
    localStorage.removeItem(FOLLOW_KEY);
    if (geolocation) Object.defineProperty(navigator, 'geolocation', geolocation);
    else delete (navigator as { geolocation?: unknown }).geolocation;
  });

  async function show({ backend = {} as FeedbackBackend, signedIn = false, lang = '' } = {}) {
    backend.log ??= [];
    backend.town ??= NO_INTERNET;
    const page = mount(`<obec-portal api="${API}" ${lang ? `lang="${lang}"` : ''}></obec-portal><obec-report></obec-report>`);
    const portal = page.querySelector('obec-portal') as ObecPortal;
    portal.session = new FixtureSession(signedIn ? { status: 'signed-in', citizen: ZOFIE } : { status: 'signed-out' });
    portal.fetch = feedbackFetch(backend);
    const widget = page.querySelector('obec-report')!;
    const root = await rendered(widget);
    await waitUntil(() => root.querySelector('form, .message.error'), 'the form never showed');
    return { page, widget, root, log: backend.log, backend };
  }

  const text = (root: ShadowRoot | Element) => textOf(root).replace(/\s/g, ' ');
  const button = (root: ShadowRoot | Element, label: string) => [...root.querySelectorAll<HTMLButtonElement>('button')].find((candidate) => textOf(candidate) === label)!;
  const liveText = (root: ShadowRoot) => textOf(root.querySelector('[aria-live="polite"]')!);
  const noInlineStyles = (root: ShadowRoot) => expect(root.querySelectorAll('[style]').length, 'a style attribute breaks a strict style-src').to.equal(0);
  const posts = (log: NonNullable<FeedbackBackend['log']>, path: string) => log.filter((entry) => entry.method === 'POST' && entry.path === path);
  const summary = (root: ShadowRoot) => root.querySelector<HTMLElement>('[part="error-summary"]');

  async function choose(root: ShadowRoot, category: string) {
    const select = root.querySelector<HTMLSelectElement>('#category')!;
    select.value = category;
    select.dispatchEvent(new Event('change'));
  }
  async function describe_(root: ShadowRoot, words: string) {
    root.querySelector<HTMLTextAreaElement>('#description')!.focus();
    await sendKeys({ type: words });
  }
  async function searchAddress(root: ShadowRoot, query: string, pick = 1) {
    root.querySelector<HTMLInputElement>('#address')!.focus();
    await sendKeys({ type: query });
    await waitUntil(() => root.querySelector('#address')!.getAttribute('aria-expanded') === 'true', 'no addresses listed', { timeout: 4000 });
    for (let index = 0; index < pick; index++) await sendKeys({ press: 'ArrowDown' });
    await sendKeys({ press: 'Enter' });
  }
  function attach(root: ShadowRoot, ...files: File[]) {
    const input = root.querySelector<HTMLInputElement>('#photos')!;
    const transfer = new DataTransfer();
    for (const file of files) transfer.items.add(file);
    input.files = transfer.files;
    input.dispatchEvent(new Event('change'));
  }
  async function send(root: ShadowRoot) {
    button(root, 'Odeslat hlášení').focus();
    await sendKeys({ press: 'Enter' });
  }
  async function expectSent(root: ShadowRoot) {
    await waitUntil(() => root.querySelector('[part="confirmation"]'), 'no confirmation', { timeout: 5000 });
    await waitUntil(() => deepActive() === root.querySelector('[part="confirmation"] h3'), 'the confirmation did not take focus');
  }

  it('a report with a photo, located by address search (combobox), anonymous: confirmation with reference, followed by token', async () => {
    let sent: CustomEvent | undefined;
    const { page, widget, root, log } = await show();
    widget.addEventListener('obec-report-sent', (event) => (sent = event as CustomEvent));
    noInlineStyles(root);
    await expectAccessible(page);

    await choose(root, 'lighting');
    await waitUntil(() => text(root).includes('Hlášení dostane: Odbor správy majetku.'));
    await describe_(root, 'Lampa u zastávky nesvítí už týden.');
    await searchAddress(root, 'Náves', 2);
    await waitUntil(() => text(root.querySelector('[data-chosen]')!).includes('Vybrané místo: Návesní 12, Javorná Lhota'), text(root.querySelector('[data-chosen]')!));
    const combobox = root.querySelector('#address')!;
    expect(combobox.getAttribute('role')).to.equal('combobox');
    expect(combobox.getAttribute('aria-expanded')).to.equal('false');
    expect(liveText(root)).to.contain('Návesní 12');

    attach(root, new File([PNG_BYTES], 'lampa.png', { type: 'image/png' }));
    await waitUntil(() => root.querySelector('[part="photos"] img'), 'no preview', { timeout: 4000 });
    expect(root.querySelector<HTMLImageElement>('[part="photos"] img')!.src).to.match(/^data:image\/png/);
    expect(root.querySelector('[part="photos"] img')!.getAttribute('alt')).to.equal('Náhled: lampa.png');
    await waitUntil(() => liveText(root).includes('Fotografie lampa.png nahrána.'));
    noInlineStyles(root);
    await expectAccessible(page);

    await send(root);
    await expectSent(root);
    const [request] = posts(log!, '/reports');
    expect(request!.headers.get('Idempotency-Key')).to.match(/^[0-9a-f-]{36}$/);
    expect(request!.body).to.deep.equal({
      category: 'lighting',
      description: 'Lampa u zastávky nesvítí už týden.',
      location: { lat: 49.4331, lon: 15.5879, address: 'Návesní 12, Javorná Lhota' },
      photos: ['photo-101'],
    });
    expect(posts(log!, '/report-photos')[0]!.headers.get('Content-Type')).to.equal('image/png');
    const confirmation = text(root.querySelector('[part="confirmation"]')!);
    expect(confirmation).to.contain('Číslo hlášení: 2026/000102');
    expect(confirmation).to.contain('Odbor správy majetku');
    expect(confirmation).to.contain('Hlášení je anonymní');
    expect(sent?.detail).to.deep.equal({ id: 'r-102', reference: '2026/000102' });
    expect(JSON.parse(localStorage.getItem(FOLLOW_KEY)!)).to.deep.equal([{ id: 'r-102', token: 'follow-r-102' }]);
    // "Moje hlášení" shows it at once
    expect(text(root.querySelector('[part="mine"]')!)).to.contain('2026/000102');
    await expectAccessible(page);
  });

  it('located by "Použít moji polohu" (geolocation stubbed); signed in, the contact is pre-filled', async () => {
    Object.defineProperty(navigator, 'geolocation', {
      configurable: true,
      value: { getCurrentPosition: (success: PositionCallback) => success({ coords: { latitude: 49.4301, longitude: 15.5902 } } as GeolocationPosition) },
    });
    const { page, root, log } = await show({ signedIn: true, backend: { mine: [] } });
    await waitUntil(() => root.querySelector<HTMLInputElement>('#contact-name')!.value === 'Žofie Dvořáková', 'the contact was not pre-filled');
    expect(root.querySelector<HTMLInputElement>('#contact-email')!.value).to.equal('zofie.dvorakova@example.cz');
    await choose(root, 'roads');
    await describe_(root, 'Hluboký výtluk u přechodu.');
    button(root, 'Použít moji polohu').click();
    await waitUntil(() => text(root.querySelector('[data-chosen]')!).includes('vaše poloha'), 'the location was not used');
    await send(root);
    await expectSent(root);
    const body = posts(log!, '/reports')[0]!.body as { location: unknown; contact: unknown };
    expect(body.location).to.deep.equal({ lat: 49.4301, lon: 15.5902 });
    expect(body.contact).to.deep.equal({ name: 'Žofie Dvořáková', email: 'zofie.dvorakova@example.cz' });
    expect(posts(log!, '/reports')[0]!.headers.get('Authorization')).to.equal('Bearer fixture-token');
    await expectAccessible(page);
  });

  it('location refused by the browser: a message, the address and map still work', async () => {
    Object.defineProperty(navigator, 'geolocation', {
      configurable: true,
      value: { getCurrentPosition: (_: PositionCallback, failure: PositionErrorCallback) => failure({ code: 1, message: 'denied' } as GeolocationPositionError) },
    });
    const { page, root } = await show();
    button(root, 'Použít moji polohu').click();
    await waitUntil(() => text(root).includes('Polohu se nepodařilo zjistit'));
    await expectAccessible(page);
  });

  it('located by keyboard on the map, with the tiles failing (no internet): everything usable', async () => {
    const { page, root, log } = await show();
    const map = root.querySelector('obec-map')!;
    await waitUntil(() => map.shadowRoot?.querySelector('[part="note"]'), 'no note about the tiles', { timeout: 5000 });
    expect(textOf(map.shadowRoot!.querySelector('[part="note"]')!)).to.contain('Mapové podklady se nepodařilo načíst');
    await choose(root, 'waste');
    await describe_(root, 'Hromada pneumatik u lesa.');
    map.shadowRoot!.querySelector<SVGElement>('svg')!.focus();
    await sendKeys({ press: 'ArrowLeft' });
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => text(root.querySelector('[data-chosen]')!).includes('bod na mapě'), 'the pin did not set the place');
    await waitUntil(() => textOf(map.shadowRoot!.querySelector('[aria-live="polite"]')!).includes('Špendlík umístěn'));
    await send(root);
    await expectSent(root);
    const body = posts(log!, '/reports')[0]!.body as { location: { lat: number; lon: number; address?: string } };
    expect(body.location.lat).to.be.closeTo(TOWN.center.lat, 1e-4);
    expect(body.location.lon).to.be.lessThan(TOWN.center.lon);
    expect(body.location.address).to.equal(undefined);
    await expectAccessible(page);
  });

  it('bad input: no category, a short description, no place: an error summary that takes focus and links to the fields; nothing sent', async () => {
    const { page, root, log } = await show();
    await describe_(root, 'Díra');
    await send(root);
    await waitUntil(() => summary(root), 'no error summary');
    await waitUntil(() => deepActive() === summary(root), 'the error summary did not take focus');
    const items = [...summary(root)!.querySelectorAll('a')].map((link) => textOf(link));
    expect(items).to.deep.equal(['Vyberte, co chcete nahlásit.', 'Popište závadu alespoň 10 znaky.', 'Vyberte místo: adresu, svou polohu, nebo bod na mapě.']);
    expect(root.querySelector('#category')!.getAttribute('aria-invalid')).to.equal('true');
    expect(root.querySelector('#description')!.getAttribute('aria-describedby')).to.contain('description-error');
    expect(posts(log!, '/reports')).to.have.length(0);
    noInlineStyles(root);
    await expectAccessible(page);
    summary(root)!.querySelectorAll('a')[1]!.click();
    await waitUntil(() => deepActive() === root.querySelector('#description'));
    expect(root.querySelector<HTMLTextAreaElement>('#description')!.value).to.equal('Díra');
  });

  it('the server refuses: its fields in the summary, everything kept', async () => {
    const { page, root } = await show({ backend: { report: { refuse: [{ path: 'description', code: 'too_small', message: 'short' }] } } });
    await choose(root, 'roads');
    await describe_(root, 'Výtluk u školy, pozor.');
    await searchAddress(root, 'Školní');
    await send(root);
    await waitUntil(() => summary(root), 'no error summary');
    expect(text(summary(root)!)).to.contain('Popište závadu alespoň 10 znaky.');
    expect(root.querySelector<HTMLTextAreaElement>('#description')!.value).to.equal('Výtluk u školy, pozor.');
    expect(root.querySelector<HTMLSelectElement>('#category')!.value).to.equal('roads');
    await expectAccessible(page);
  });

  it('photos: an oversized and a non-image file are refused by the server with a message each; the good one and the rest stay', async () => {
    const { page, root, log } = await show({ backend: { photoMaxBytes: 1000 } });
    await choose(root, 'roads');
    await describe_(root, 'Výtluk u školy, pozor.');
    const large = new Uint8Array(2000);
    large.set(PNG_BYTES);
    attach(
      root,
      new File([PNG_BYTES], 'dobra.png', { type: 'image/png' }),
      new File([large], 'velka.png', { type: 'image/png' }),
      new File(['%PDF-1.7'], 'smlouva.png', { type: 'image/png' }),
    );
    await waitUntil(() => root.querySelectorAll('#photos-problems li').length === 2, 'no messages per file', { timeout: 4000 });
    const problems = text(root.querySelector('#photos-problems')!);
    expect(problems).to.contain('Fotografie velka.png je příliš velká.');
    expect(problems).to.contain('Soubor smlouva.png není fotografie JPEG, PNG ani WebP.');
    await waitUntil(() => root.querySelectorAll('[part="photos"] li').length === 1 && root.querySelector('[part="photos"] img'));
    expect(root.querySelector('#photos')!.getAttribute('aria-describedby')).to.contain('photos-problems');
    expect(root.querySelector<HTMLTextAreaElement>('#description')!.value).to.equal('Výtluk u školy, pozor.');
    expect(posts(log!, '/report-photos')).to.have.length(3);
    await expectAccessible(page);
    // the photo can be removed
    button(root, 'Odebrat').click();
    await waitUntil(() => !root.querySelector('[part="photos"]'));
    await waitUntil(() => deepActive() === root.querySelector('#photos'));
  });

  it('the duplicate suggestion: nearby open reports, and "Vidím to také" instead of sending', async () => {
    let supported: CustomEvent | undefined;
    const { page, widget, root, log } = await show({ backend: { nearby: [clone(NEARBY)] } });
    widget.addEventListener('obec-report-supported', (event) => (supported = event as CustomEvent));
    await choose(root, 'lighting');
    await searchAddress(root, 'Náves', 2);
    await waitUntil(() => root.querySelector('[part="nearby"]'), 'no nearby reports');
    const nearby = text(root.querySelector('[part="nearby"]')!);
    expect(nearby).to.contain('Lampa před hospodou bliká a večer nesvítí.');
    expect(nearby).to.contain('asi 35 m odtud');
    expect(nearby).to.contain('Vidí to ještě 2 lidé.');
    const query = log!.find((entry) => entry.path.startsWith('/reports/nearby'))!.path;
    expect(query).to.contain('category=lighting');
    await expectAccessible(page);
    const seeItToo = button(root, 'Vidím to také');
    expect(seeItToo.getAttribute('aria-label')).to.equal('Vidím to také: 2026/000007');
    seeItToo.focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => root.querySelector('[data-supported]'), 'no thanks for the support');
    await waitUntil(() => deepActive() === root.querySelector('[data-supported]'));
    expect(text(root.querySelector('[data-supported]')!)).to.contain('připojili jste se k hlášení 2026/000007');
    expect(posts(log!, '/reports/r-nearby/support')).to.have.length(1);
    expect(posts(log!, '/reports/r-nearby/support')[0]!.headers.get('Idempotency-Key')).to.not.equal(null);
    expect(supported?.detail).to.deep.equal({ id: 'r-nearby', supporters: 3 });
    expect(posts(log!, '/reports')).to.have.length(0);
    await expectAccessible(page);
  });

  it('"Moje hlášení": every state, history and office replies; "is it really fixed?" No reopens with a comment', async () => {
    const { page, root, log } = await show({ signedIn: true, backend: { mine: clone(MINE) } });
    await waitUntil(() => root.querySelector('[part="mine"]'), 'no list of my reports');
    const mine = root.querySelector('[part="mine"]')!;
    const cards = [...mine.querySelectorAll('li.report')].map((card) => text(card));
    expect(cards).to.have.length(4);
    expect(cards[0]).to.contain('Stav: Přijato');
    expect(cards[1]).to.contain('Stav: Řeší se');
    expect(cards[1]).to.contain('Odpověď úřadu: Oprava je objednána na příští týden.');
    expect(cards[2]).to.contain('Stav: Vyřešeno');
    expect(cards[2]).to.contain('Je to opravdu vyřešené?');
    expect(cards[3]).to.contain('Stav: Zamítnuto');
    expect(cards[3]).to.contain('Jde o soukromý pozemek');
    noInlineStyles(root);
    await expectAccessible(page);

    button(mine, 'Ne, není').click();
    await waitUntil(() => deepActive() === root.querySelector('#reopen-comment'), 'the comment field did not take focus');
    await expectAccessible(page);
    // a reopen needs a comment
    button(mine, 'Znovu otevřít hlášení').click();
    await waitUntil(() => root.querySelector('#reopen-error'));
    root.querySelector<HTMLTextAreaElement>('#reopen-comment')!.focus();
    await sendKeys({ type: 'Pytle jsou tam pořád.' });
    button(mine, 'Znovu otevřít hlášení').click();
    await waitUntil(() => root.querySelector('#note-r-solved'), 'no note after reopening');
    await waitUntil(() => deepActive() === root.querySelector('#note-r-solved'));
    const request = posts(log!, '/reports/r-solved/confirmation')[0]!;
    expect(request.body).to.deep.equal({ fixed: false, comment: 'Pytle jsou tam pořád.' });
    expect(request.headers.get('Authorization')).to.equal('Bearer fixture-token');
    const card = text(root.querySelectorAll('[part="mine"] li.report')[2]!);
    expect(card).to.contain('Stav: Přijato');
    expect(card).to.contain('Vy: Přijato. Napsali jste, že to vyřešené není.');
    expect(card).not.to.contain('Je to opravdu vyřešené?');
    await expectAccessible(page);
  });

  it('"is it really fixed?" Yes, for an anonymous report followed by its token', async () => {
    const solved = clone(MINE[2]!);
    const backend: FeedbackBackend = { created: new Map([[solved.id, { report: { ...solved, anonymous: true }, followToken: 'token-solved' }]]) };
    localStorage.setItem(FOLLOW_KEY, JSON.stringify([{ id: solved.id, token: 'token-solved' }]));
    const { page, root, log } = await show({ backend });
    await waitUntil(() => root.querySelector('[part="mine"]'), 'the followed report was not shown');
    expect(log!.find((entry) => entry.path === '/reports/r-solved')!.headers.get('X-Follow-Token')).to.equal('token-solved');
    expect(text(root.querySelector('[part="mine"]')!)).to.contain('Anonymní');
    button(root.querySelector('[part="mine"]')!, 'Ano, je to vyřešené').click();
    await waitUntil(() => root.querySelector('#note-r-solved'));
    expect(textOf(root.querySelector('#note-r-solved')!)).to.equal('Děkujeme za potvrzení.');
    const request = posts(log!, '/reports/r-solved/confirmation')[0]!;
    expect(request.body).to.deep.equal({ fixed: true });
    expect(request.headers.get('X-Follow-Token')).to.equal('token-solved');
    await expectAccessible(page);
  });

  it('the town area missing: no map, but the report goes by address; the categories missing: a retry', async () => {
    const { page, root, log } = await show({ backend: { town: 'error' } });
    const map = root.querySelector('obec-map')!;
    await waitUntil(() => map.shadowRoot?.querySelector('[part="note"]'), 'the map did not say it is missing', { timeout: 8000 });
    expect(textOf(map.shadowRoot!.querySelector('[part="note"]')!)).to.contain('Mapu se nepodařilo načíst');
    await choose(root, 'other');
    await describe_(root, 'Chybí koš na psí exkrementy.');
    await searchAddress(root, 'Lipová');
    await send(root);
    await expectSent(root);
    expect(posts(log!, '/reports')).to.have.length(1);
    await expectAccessible(page);

    cleanPage();
    const broken = await show({ backend: { categories: 'error' } });
    await waitUntil(() => button(broken.root, 'Zkusit znovu'), 'no retry', { timeout: 8000 });
    await expectAccessible(broken.page);
  });

  it('speaks English', async () => {
    const { page, root } = await show({ lang: 'en' });
    expect(text(root)).to.contain('Report a problem');
    expect(text(root)).to.contain('Where is it?');
    await expectAccessible(page);
  });
});

import { expect, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../components/obec-indicators/obec-indicators.js';
import type { ObecPortal } from '../components/obec-portal/obec-portal.js';
import { indicatorsFetch, type IndicatorsBackend } from '../stories/indicators-fixtures.js';
import { FixtureSession, ZOFIE } from '../stories/fixture-session.js';
import { expectAccessible } from './helpers/axe.js';
import { cleanPage, mount, rendered, textOf } from './helpers/page.js';

const API = 'https://obec.example/api';
const NOVEMBER = 'from="2026-11-01" to="2026-11-30"';

/** The element focus is on, through shadow roots. */
function deepActive(): Element | null {
  let active: Element | null = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active;
}

/** Component behaviour of <obec-indicators> on fixtures; the real backend is in tests/server and tests/flow. */
describe('<obec-indicators>', () => {
  afterEach(() => cleanPage());

  async function show({ backend = {} as IndicatorsBackend, attributes = NOVEMBER, portal = '', session, token }: { backend?: IndicatorsBackend; attributes?: string; portal?: string; session?: FixtureSession; token?: string } = {}) {
    backend.log ??= [];
    const page = mount(`<obec-portal api="${API}" ${portal}></obec-portal><obec-indicators ${attributes}></obec-indicators>`);
    const element = page.querySelector('obec-portal') as ObecPortal;
    if (session) element.session = session;
    if (token) element.getAccessToken = () => token;
    element.fetch = indicatorsFetch(backend);
    const widget = page.querySelector('obec-indicators')!;
    const root = await rendered(widget);
    await waitUntil(() => root.querySelector('[part="cards"], [part="empty"], [part="refusal"], [role="alert"]'), 'the indicators never showed');
    return { page, widget, root, log: backend.log };
  }

  const text = (root: ShadowRoot | Element) => textOf(root).replace(/\s/g, ' ');
  const cardOf = (root: ShadowRoot, term: string) => [...root.querySelectorAll('.card')].find((card) => text(card.querySelector('dt')!) === term)!;
  /** A card's term and details, one string each. */
  const parts = (card: Element) => [...card.children].map((child) => text(child));
  const button = (root: ShadowRoot, label: string) => [...root.querySelectorAll<HTMLButtonElement>('button')].find((candidate) => textOf(candidate) === label)!;
  const noInlineStyles = (root: ShadowRoot) => expect(root.querySelectorAll('[style]').length, 'a style attribute breaks a strict style-src').to.equal(0);
  const gets = (log: NonNullable<IndicatorsBackend['log']>, path: string) => log.filter((entry) => entry.method === 'GET' && entry.path === path);
  const query = (entry: { query: URLSearchParams }) => Object.fromEntries(entry.query);
  function setValue(root: ShadowRoot, selector: string, value: string) {
    const field = root.querySelector<HTMLInputElement | HTMLSelectElement>(selector)!;
    field.value = value;
    field.dispatchEvent(new Event('change'));
  }

  it('shows the period’s indicators as cards: share, payments with their sum, the most used service, time saved', async () => {
    const { page, root, log } = await show();
    expect(query(gets(log, '/indicators').at(-1)!)).to.deep.equal({ from: '2026-11-01', to: '2026-11-30', interval: 'day' });
    expect(text(root.querySelector('h2')!)).to.equal('Ukazatele e-služeb');
    expect(text(root.querySelector('#results-title')!)).to.equal('Od 1. 11. 2026 do 30. 11. 2026');
    expect(parts(root.querySelector('.card')!)).to.deep.equal(['Obyvatel', '1 240', 'Přihlásilo se aspoň jednou', '310', '25 % obyvatel']);
    expect(text(cardOf(root, 'Noví občané v období'))).to.contain('10');
    expect(text(cardOf(root, 'Návštěvy stránek se službami'))).to.contain('1 500');
    expect(text(cardOf(root, 'Přihlášení'))).to.contain('193');
    expect(parts(cardOf(root, 'Platby poplatků'))).to.deep.equal(['Platby poplatků', '15 plateb', '10 350 Kč']);
    expect(parts(cardOf(root, 'Podání formulářů'))).to.deep.equal(['Podání formulářů', '12']);
    expect(parts(cardOf(root, 'Nejčastější služba'))).to.deep.equal(['Nejčastější služba', 'Platby poplatků', '15 použití']);
    const saved = text(cardOf(root, 'Ušetřený čas občanů'));
    expect(saved).to.contain('16 hodin 55 minut');
    expect(saved).to.contain('Platby poplatků: 20 minut');
    expect(saved).to.contain('Podání formulářů: 45 minut');
    expect(saved).to.contain('Hodnocení stránek: 1 minuta');
    expect(root.querySelectorAll('dl.card').length).to.equal(11);
    noInlineStyles(root);
    await expectAccessible(page);
  });

  it('draws the trend as an SVG image with a summary, and the same numbers as a table', async () => {
    const { page, root } = await show();
    const chart = root.querySelector('svg[role="img"]')!;
    expect(chart.getAttribute('aria-label')!.replace(/\s/g, ' ')).to.equal('Návštěvy od 1. 11. 2026 do 30. 11. 2026 po dnech: celkem 1 500, nejvíce 70 (5. 11. 2026).');
    expect(chart.querySelectorAll('rect.bar').length).to.equal(30);
    expect([...chart.querySelectorAll('text.tick')].map((tick) => tick.textContent)).to.include('1. 11.');
    const table = root.querySelector('table')!;
    expect(text(table.querySelector('caption')!)).to.equal('Návštěvy po dnech');
    expect([...table.querySelectorAll('thead th')].map((th) => th.getAttribute('scope'))).to.deep.equal(['col', 'col']);
    expect(table.querySelectorAll('tbody tr').length).to.equal(30);
    expect(text(table.querySelector('tbody tr')!)).to.equal('1. 11. 2026 30');
    expect(table.querySelector('tbody th')!.getAttribute('scope')).to.equal('row');
    expect(text(table.querySelector('tfoot')!)).to.equal('Celkem 1 500');

    setValue(root, '#measure', 'paymentAmount');
    await waitUntil(() => text(root.querySelector('caption')!) === 'Zaplaceno (Kč) po dnech');
    expect(text(root.querySelector('tfoot')!)).to.equal('Celkem 10 350 Kč');
    expect(root.querySelector('svg[role="img"]')!.getAttribute('aria-label')).to.contain('Zaplaceno (Kč) od 1. 11. 2026');
    noInlineStyles(root);
    await expectAccessible(page);
  });

  it('a new period and grouping sends the right query and moves focus to the result', async () => {
    const { root, log } = await show();
    setValue(root, '#from', '2026-10-01');
    setValue(root, '#to', '2026-10-31');
    setValue(root, '#interval', 'week');
    expect(root.querySelector<HTMLSelectElement>('#preset')!.value).to.equal('custom');
    button(root, 'Zobrazit').click();
    await waitUntil(() => text(root.querySelector('#results-title') ?? root).includes('31. 10. 2026'), 'the new period never showed');
    expect(query(gets(log, '/indicators').at(-1)!)).to.deep.equal({ from: '2026-10-01', to: '2026-10-31', interval: 'week' });
    await waitUntil(() => deepActive() === root.querySelector('#results-title'), 'focus did not move to the result');
    expect(text(root.querySelector('thead th')!)).to.equal('Týden od');
    expect(text(root.querySelector('tbody th')!)).to.equal('1. 10. 2026');
    expect(text(root.querySelector('[aria-live="polite"]')!)).to.contain('Ukazatele od 1. 10. 2026 do 31. 10. 2026 jsou načtené.');
  });

  it('a preset fills the dates; "Posledních 12 měsíců" asks by month up to today', async () => {
    const { root, log } = await show({ attributes: '' });
    const first = query(gets(log, '/indicators').at(-1)!);
    expect(first.interval).to.equal('day');
    expect(Date.parse(first.to!) - Date.parse(first.from!)).to.equal(29 * 86_400_000);
    setValue(root, '#preset', '12m');
    await waitUntil(() => root.querySelector<HTMLSelectElement>('#interval')!.value === 'month');
    expect(root.querySelector<HTMLInputElement>('#from')!.value).to.match(/^\d{4}-\d{2}-01$/);
    button(root, 'Zobrazit').click();
    await waitUntil(() => query(gets(log, '/indicators').at(-1)!).interval === 'month');
    expect(query(gets(log, '/indicators').at(-1)!).to).to.equal(first.to);
  });

  it('a wrong period keeps what was typed, says why in an error summary that takes focus, and asks nothing', async () => {
    const { page, root, log } = await show();
    const before = gets(log, '/indicators').length;
    setValue(root, '#from', '2026-11-30');
    setValue(root, '#to', '2026-11-01');
    button(root, 'Zobrazit').click();
    await waitUntil(() => root.querySelector('[part="error-summary"]'), 'no error summary');
    await waitUntil(() => deepActive() === root.querySelector('[part="error-summary"]'), 'the summary did not take focus');
    expect(text(root.querySelector('[part="error-summary"]')!)).to.contain('Datum „Od“ musí být stejné jako datum „Do“, nebo dřívější.');
    expect(root.querySelector<HTMLInputElement>('#from')!.value).to.equal('2026-11-30');
    expect(root.querySelector<HTMLInputElement>('#to')!.value).to.equal('2026-11-01');
    expect(root.querySelector('#from')!.getAttribute('aria-invalid')).to.equal('true');
    expect(root.querySelector('#from')!.getAttribute('aria-describedby')).to.equal('from-error');
    expect(gets(log, '/indicators').length).to.equal(before);
    await expectAccessible(page);

    setValue(root, '#from', '2020-01-01');
    setValue(root, '#to', '2026-11-01');
    button(root, 'Zobrazit').click();
    await waitUntil(() => text(root.querySelector('[part="error-summary"]')!).includes('nejvýše 3 roky'));
    expect(gets(log, '/indicators').length).to.equal(before);
  });

  it('works by keyboard alone: Enter on "Zobrazit" loads, the summary’s link leads to the field', async () => {
    const { root, log } = await show();
    setValue(root, '#from', '2026-11-10');
    root.querySelector<HTMLButtonElement>('button[type="submit"]')!.focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => query(gets(log, '/indicators').at(-1)!).from === '2026-11-10', 'Enter did not load');
    await waitUntil(() => deepActive() === root.querySelector('#results-title'), 'focus did not move to the result');

    setValue(root, '#from', '2026-12-10');
    root.querySelector<HTMLButtonElement>('button[type="submit"]')!.focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => deepActive() === root.querySelector('[part="error-summary"]'), 'the summary did not take focus');
    await sendKeys({ press: 'Tab' });
    expect(deepActive()).to.equal(root.querySelector('[part="error-summary"] a'));
    await sendKeys({ press: 'Enter' });
    expect(deepActive()).to.equal(root.querySelector('#from'));
  });

  it('"Stáhnout CSV" downloads /indicators.csv for the period shown', async () => {
    const { root, log } = await show();
    button(root, 'Stáhnout CSV').click();
    await waitUntil(() => text(root.querySelector('[aria-live="polite"]')!).includes('ukazatele-2026-11-01-2026-11-30.csv'), 'no download announced');
    const csv = gets(log, '/indicators.csv');
    expect(csv).to.have.length(1);
    expect(query(csv[0]!)).to.deep.equal({ from: '2026-11-01', to: '2026-11-30', interval: 'day' });
  });

  it('an empty period says that nothing happened yet', async () => {
    const { page, root } = await show({ backend: { data: 'empty' } });
    expect(text(root.querySelector('[part="empty"]')!)).to.contain('Za toto období zatím nic není');
    expect(root.querySelector('[part="cards"]')).to.equal(null);
    expect(root.querySelector('svg')).to.equal(null);
    await expectAccessible(page);
  });

  it('staff only: a signed-out visitor is asked to sign in, a citizen is told it is for the staff, staff see them', async () => {
    const session = new FixtureSession({ status: 'signed-out' });
    const signedOut = await show({ backend: { access: 'staff' }, session });
    const refusal = signedOut.root.querySelector('[part="refusal"]')!;
    expect(text(refusal)).to.contain('Ukazatele jsou jen pro zaměstnance úřadu.');
    expect(text(refusal)).to.contain('Přihlaste se prosím svou identitou zaměstnance.');
    expect(signedOut.root.querySelector('form')).to.equal(null);
    await expectAccessible(signedOut.page);
    button(signedOut.root, 'Přihlásit se').click();
    expect(session.calls.map((call) => call.method)).to.deep.equal(['signIn']);
    cleanPage();

    const citizen = await show({ backend: { access: 'staff' }, session: new FixtureSession({ status: 'signed-in', citizen: ZOFIE }) });
    expect(text(citizen.root.querySelector('[part="refusal"]')!)).to.contain('Tato identita nepatří nikomu ze zaměstnanců úřadu.');
    expect(button(citizen.root, 'Přihlásit se')).to.equal(undefined);
    await expectAccessible(citizen.page);
    cleanPage();

    const staff = await show({ backend: { access: 'staff' }, token: 'staff-token' });
    expect(staff.root.querySelector('[part="cards"]')).not.to.equal(null);
    expect(gets(staff.log, '/indicators').at(-1)!.headers.get('Authorization')).to.equal('Bearer staff-token');
  });

  it('a failure says so and offers "Zkusit znovu"', async () => {
    const backend: IndicatorsBackend = { data: 'error' };
    const { page, root } = await show({ backend });
    const alert = root.querySelector('[role="alert"]')!;
    expect(text(alert)).to.contain('Ukazatele se nepodařilo načíst.');
    await expectAccessible(page);
    backend.data = 'busy';
    button(root, 'Zkusit znovu').click();
    await waitUntil(() => root.querySelector('[part="cards"]'), 'retry did not load');
  });

  it('speaks English, and is accessible in the dark theme', async () => {
    const { page, widget, root } = await show({ portal: 'lang="en" theme="dark"' });
    await waitUntil(() => text(root).includes('E-service indicators'));
    expect(widget.matches(':state(dark)')).to.equal(true);
    expect(text(root.querySelector('#results-title')!)).to.equal('From 1 November 2026 to 30 November 2026');
    expect(text(root.querySelector('.card')!)).to.contain('25% of the population');
    expect(parts(cardOf(root, 'Fee payments'))).to.deep.equal(['Fee payments', '15 payments', 'CZK 10,350']);
    expect(text(cardOf(root, 'Citizens’ time saved'))).to.contain('16 hours 55 minutes');
    expect(parts(cardOf(root, 'Most used service'))).to.deep.equal(['Most used service', 'Fee payments', 'used 15 times']);
    expect(text(root.querySelector('caption')!)).to.equal('Visits by day');
    noInlineStyles(root);
    await expectAccessible(page);
  });
});

describe('<obec-portal> visit count', () => {
  const COUNTED = Symbol.for('obec-widgets.visit');
  const address = location.pathname + location.search;
  /** The beacons this page sent (web-test-runner.config.mjs records them instead of sending). */
  const beacons = () => (window as unknown as { __beacons: { url: string; data: string }[] }).__beacons;
  beforeEach(() => beacons().splice(0));
  afterEach(() => {
    cleanPage();
    history.replaceState(null, '', address);
  });

  /** A new page load, as far as the portal can tell. */
  function newPageLoad() {
    delete (document as unknown as Record<symbol, unknown>)[COUNTED];
  }

  function portalWith(attributes: Record<string, string>) {
    const portal = document.createElement('obec-portal') as ObecPortal;
    for (const [name, value] of Object.entries(attributes)) portal.setAttribute(name, value);
    return portal;
  }

  it('sends exactly one visit per page, with the origin and path only, however many portals', async () => {
    newPageLoad();
    history.replaceState(null, '', `${location.pathname}?name=Jan#top`);
    const page = mount('');
    page.append(portalWith({ api: API }), portalWith({ api: `${API}/` }));
    await waitUntil(() => beacons().length > 0, 'no visit sent');
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(beacons()).to.have.length(1);
    expect(beacons()[0]!.url).to.equal(`${API}/visits`);
    expect(JSON.parse(beacons()[0]!.data)).to.deep.equal({ page: location.origin + location.pathname });
    page.append(portalWith({ api: API }));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(beacons()).to.have.length(1);
  });

  it('sends none with count-visits="off", nor without an api', async () => {
    newPageLoad();
    const page = mount('');
    page.append(portalWith({ api: API, 'count-visits': 'off' }), portalWith({ lang: 'cs' }));
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(beacons()).to.deep.equal([]);
  });
});

import { expect, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../components/obec-office/sections/reports.js';
import type { ObecPortal } from '../components/obec-portal/obec-portal.js';
import type { ObecOfficeReports } from '../components/obec-office/sections/reports.js';
import { CLERK, officeReportsFetch, type OfficeReportsBackend } from '../stories/office-reports-fixtures.js';
import { FixtureSession, ZOFIE } from '../stories/fixture-session.js';
import { expectAccessible } from './helpers/axe.js';
import { cleanPage, mount, rendered, textOf } from './helpers/page.js';

const API = 'https://obec.example/api';

function deepActive(): Element | null {
  let active: Element | null = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active;
}

/** `<obec-office-reports>` on fixtures; the real routes are tested in tests/server. */
describe('<obec-office-reports>', () => {
  afterEach(() => cleanPage());

  async function show({ backend = {} as OfficeReportsBackend, lang = '' } = {}) {
    backend.log ??= [];
    const page = mount(`<obec-portal api="${API}" ${lang ? `lang="${lang}"` : ''}></obec-portal><obec-office-reports></obec-office-reports>`);
    const portal = page.querySelector('obec-portal') as ObecPortal;
    portal.session = new FixtureSession({ status: 'signed-in', citizen: ZOFIE });
    portal.fetch = officeReportsFetch(backend);
    const widget = page.querySelector('obec-office-reports') as ObecOfficeReports;
    widget.me = CLERK;
    const root = await rendered(widget);
    await waitUntil(() => root.querySelector('table, .message.error, p:not([role])'), 'the list never showed');
    return { widget, root, log: backend.log };
  }

  const text = (root: ShadowRoot | Element) => textOf(root);
  const button = (root: ShadowRoot | Element, label: string) => [...root.querySelectorAll<HTMLButtonElement>('button')].find((candidate) => textOf(candidate) === label)!;
  const summary = (root: ShadowRoot) => root.querySelector<HTMLElement>('[part="error-summary"]');
  const select = (root: ShadowRoot, id: string, value: string) => {
    const element = root.querySelector<HTMLSelectElement>(`#${id}`)!;
    element.value = value;
    element.dispatchEvent(new Event('change'));
  };
  const type = (root: ShadowRoot, id: string, value: string) => {
    const element = root.querySelector<HTMLInputElement | HTMLTextAreaElement>(`#${id}`)!;
    element.value = value;
    element.dispatchEvent(new Event('input'));
  };
  const noInlineStyles = (root: ShadowRoot) => expect(root.querySelectorAll('[style]').length).to.equal(0);

  it('lists the reports with a caption and filters them by state and category', async () => {
    const { root, widget, log } = await show();
    expect(log.some((entry) => entry.path === '/office/reports')).to.equal(true);
    expect(text(root.querySelector('caption')!)).to.equal('Hlášení: 3');
    expect(root.querySelectorAll('tbody tr').length).to.equal(3);
    expect(text(root.querySelector('tbody tr')!)).to.contain('2026/000010').and.contain('Nesvítí lampa').and.contain('Přijato').and.contain('Návesní 12');
    noInlineStyles(root);
    await expectAccessible(widget);

    select(root, 'state-filter', 'in-progress');
    await waitUntil(() => root.querySelectorAll('tbody tr').length === 1, 'the filter was not applied');
    expect(log.at(-1)!.path).to.equal('/office/reports?state=in-progress');
    select(root, 'category-filter', 'waste');
    await waitUntil(() => !root.querySelector('tbody tr'), 'the category filter was not applied');
    expect(log.at(-1)!.path).to.equal('/office/reports?state=in-progress&category=waste');
    expect(text(root)).to.contain('Žádné hlášení neodpovídá filtru.');
    await expectAccessible(widget);
  });

  it('opens a report by keyboard: focus on its heading, photos, reporter, history; back returns focus', async () => {
    const { root, widget } = await show();
    root.querySelector<HTMLButtonElement>('#open-r-10')!.focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => root.querySelector('#detail-title'), 'the detail did not open');
    await widget.updateComplete;
    expect(deepActive()?.id).to.equal('detail-title');
    expect(text(root.querySelector('#detail-title')!)).to.equal('Hlášení 2026/000010');
    const images = root.querySelectorAll('img');
    expect(images.length).to.equal(2);
    expect(images[0]!.alt).to.equal('Fotografie 1 k hlášení 2026/000010');
    expect(text(root)).to.contain('Jan Novák').and.contain('jan.novak@example.cz').and.contain('+420 601 234 567').and.contain('14. 5. 1980');
    noInlineStyles(root);
    await expectAccessible(widget);

    button(root, 'Zpět na seznam hlášení').click();
    await waitUntil(() => root.querySelector('table'));
    await widget.updateComplete;
    expect(deepActive()?.id).to.equal('open-r-10');
  });

  it('shows an anonymous report and the reporter’s comment when they reopened it', async () => {
    const { root, widget } = await show();
    root.querySelector<HTMLButtonElement>('#open-r-8')!.click();
    await waitUntil(() => root.querySelector('#detail-title'));
    expect(text(root)).to.contain('Anonymní hlášení').and.contain('Bez fotografií').and.contain('Oprava je objednána');
    button(root, 'Zpět na seznam hlášení').click();
    await waitUntil(() => root.querySelector('#open-r-4'));
    root.querySelector<HTMLButtonElement>('#open-r-4')!.click();
    await waitUntil(() => root.querySelector('#detail-title'));
    expect(text(root)).to.contain('Pytle tam pořád jsou.').and.contain('Oznamovatel uvádí, že vyřešeno není.').and.contain('eva@example.cz');
    await expectAccessible(widget);
  });

  it('changes the state and replies: the PATCH body, the saved message takes focus, the list follows', async () => {
    const { root, widget, log } = await show();
    root.querySelector<HTMLButtonElement>('#open-r-10')!.click();
    await waitUntil(() => root.querySelector('#new-state'));
    select(root, 'new-state', 'solved');
    type(root, 'reply', '  Lampu jsme vyměnili.  ');
    button(root, 'Uložit').click();
    await waitUntil(() => root.querySelector('#change-saved'), 'nothing saved');
    await widget.updateComplete;
    const patch = log.find((entry) => entry.method === 'PATCH')!;
    expect(patch.path).to.equal('/office/reports/r-10');
    expect(patch.body).to.deep.equal({ state: 'solved', reply: 'Lampu jsme vyměnili.' });
    expect(deepActive()?.id).to.equal('change-saved');
    expect(text(root)).to.contain('Hlášení 2026/000010 je uložené.').and.contain('Čeká na potvrzení oznamovatele');
    expect(root.querySelector<HTMLTextAreaElement>('#reply')!.value).to.equal('');
    await expectAccessible(widget);
    button(root, 'Zpět na seznam hlášení').click();
    await waitUntil(() => root.querySelector('table'));
    expect(text(root.querySelector('tbody tr')!)).to.contain('Vyřešeno');
  });

  it('sends only a reply when the state stays', async () => {
    const { root, log } = await show();
    root.querySelector<HTMLButtonElement>('#open-r-8')!.click();
    await waitUntil(() => root.querySelector('#reply'));
    type(root, 'reply', 'Oprava proběhne v pondělí.');
    button(root, 'Uložit').click();
    await waitUntil(() => root.querySelector('#change-saved'));
    expect(log.find((entry) => entry.method === 'PATCH')!.body).to.deep.equal({ reply: 'Oprava proběhne v pondělí.' });
  });

  it('asks for a change before sending anything', async () => {
    const { root, widget, log } = await show();
    root.querySelector<HTMLButtonElement>('#open-r-10')!.click();
    await waitUntil(() => root.querySelector('#new-state'));
    button(root, 'Uložit').click();
    await waitUntil(() => summary(root));
    await widget.updateComplete;
    expect(deepActive()).to.equal(summary(root));
    expect(text(summary(root)!)).to.contain('Změňte stav nebo napište odpověď.');
    expect(root.querySelector('#new-state')!.getAttribute('aria-invalid')).to.equal('true');
    expect(log.some((entry) => entry.method === 'PATCH')).to.equal(false);
    await expectAccessible(widget);
  });

  it('keeps the typed reply when the server refuses it (422) and says so on a conflict (409)', async () => {
    const backend: OfficeReportsBackend = { change: { refuse: [{ path: 'reply', code: 'too_long' }] } };
    const { root, widget } = await show({ backend });
    root.querySelector<HTMLButtonElement>('#open-r-10')!.click();
    await waitUntil(() => root.querySelector('#reply'));
    type(root, 'reply', 'Odpověď');
    button(root, 'Uložit').click();
    await waitUntil(() => summary(root));
    await widget.updateComplete;
    expect(deepActive()).to.equal(summary(root));
    expect(text(summary(root)!)).to.contain('Odpověď může mít nejvýše 2000 znaků.');
    expect(root.querySelector<HTMLTextAreaElement>('#reply')!.value).to.equal('Odpověď');
    expect(root.querySelector('#reply')!.getAttribute('aria-invalid')).to.equal('true');
    await expectAccessible(widget);
    summary(root)!.querySelector('a')!.click();
    expect(deepActive()?.id).to.equal('reply');

    backend.change = 'conflict';
    button(root, 'Uložit').click();
    await waitUntil(() => text(summary(root)!).includes('Záznam mezitím změnil někdo jiný'));
    expect(root.querySelector<HTMLTextAreaElement>('#reply')!.value).to.equal('Odpověď');
  });

  it('downloads the reports as CSV with the filter', async () => {
    const { root, log } = await show();
    select(root, 'state-filter', 'received');
    await waitUntil(() => log.at(-1)!.path === '/office/reports?state=received');
    button(root, 'Stáhnout CSV').click();
    await waitUntil(() => log.some((entry) => entry.path.startsWith('/office/reports.csv')));
    expect(log.find((entry) => entry.path.startsWith('/office/reports.csv'))!.path).to.equal('/office/reports.csv?state=received');
    await waitUntil(() => text(root.querySelector('[aria-live="polite"]')!).includes('Soubor hlaseni.csv je stažený.'));
  });

  it('shows a failed list with a retry', async () => {
    const backend: OfficeReportsBackend = { list: 'error' };
    const { root, widget } = await show({ backend });
    expect(text(root)).to.contain('Nepodařilo se načíst data.');
    await expectAccessible(widget);
    backend.list = 'ok';
    button(root, 'Zkusit znovu').click();
    await waitUntil(() => root.querySelector('table'));
  });

  it('edits, adds and removes categories and saves the whole list', async () => {
    const { root, widget, log } = await show();
    button(root, 'Kategorie').click();
    await waitUntil(() => root.querySelector('#cat-0-code'));
    expect(root.querySelectorAll('tbody tr').length).to.equal(5);
    await expectAccessible(widget);
    type(root, 'cat-0-nameCs', 'Výtluk v silnici');
    button(root, 'Odebrat řádek 5').click();
    await widget.updateComplete;
    expect(deepActive()?.id).to.equal('remove-3');
    button(root, 'Přidat kategorii').click();
    await widget.updateComplete;
    expect(deepActive()?.id).to.equal('cat-4-code');
    type(root, 'cat-4-code', 'trees');
    type(root, 'cat-4-nameCs', 'Spadlý strom');
    type(root, 'cat-4-department', 'Odbor životního prostředí');
    button(root, 'Uložit kategorie').click();
    await waitUntil(() => root.querySelector('#categories-saved'), 'not saved');
    await widget.updateComplete;
    expect(deepActive()?.id).to.equal('categories-saved');
    const put = log.find((entry) => entry.method === 'PUT')!;
    expect(put.path).to.equal('/office/report-categories');
    const sent = (put.body as { categories: { code: string; name: { cs: string }; department: string; group?: unknown }[] }).categories;
    expect(sent.map((category) => category.code)).to.deep.equal(['roads', 'pavements', 'lighting', 'waste', 'trees']);
    expect(sent[0]!.name.cs).to.equal('Výtluk v silnici');
    expect(sent[4]).to.deep.equal({ code: 'trees', name: { cs: 'Spadlý strom' }, department: 'Odbor životního prostředí' });
    expect(sent[2]).to.have.property('description');
    await expectAccessible(widget);
  });

  it('refuses a bad code and a missing name before sending, and maps the server’s refused cells', async () => {
    const backend: OfficeReportsBackend = {};
    const { root, widget, log } = await show({ backend });
    button(root, 'Kategorie').click();
    await waitUntil(() => root.querySelector('#cat-0-code'));
    type(root, 'cat-1-code', 'Chodníky!');
    type(root, 'cat-2-nameCs', '');
    button(root, 'Uložit kategorie').click();
    await waitUntil(() => summary(root));
    await widget.updateComplete;
    expect(deepActive()).to.equal(summary(root));
    expect(text(summary(root)!)).to.contain('Řádek 2, Kód: jen malá písmena').and.contain('Řádek 3, Název česky: vyplňte');
    expect(root.querySelector('#cat-1-code')!.getAttribute('aria-invalid')).to.equal('true');
    expect(root.querySelector<HTMLInputElement>('#cat-1-code')!.value).to.equal('Chodníky!');
    expect(log.some((entry) => entry.method === 'PUT')).to.equal(false);
    await expectAccessible(widget);

    type(root, 'cat-1-code', 'pavements');
    type(root, 'cat-2-nameCs', 'Nesvítí lampa');
    backend.categoriesAnswer = { status: 422, code: 'validation_failed', fields: [{ path: 'categories.3.department', code: 'too_long' }] };
    button(root, 'Uložit kategorie').click();
    await waitUntil(() => text(summary(root) ?? root).includes('Řádek 4, Odbor'));
    expect(root.querySelector('#cat-3-department')!.getAttribute('aria-invalid')).to.equal('true');

    backend.categoriesAnswer = { status: 409, code: 'category_in_use' };
    button(root, 'Uložit kategorie').click();
    await waitUntil(() => text(summary(root) ?? root).includes('kategorii nelze odebrat'));
  });

  it('shows the ratings per page with the share helpful and the comments, by period, and exports them', async () => {
    const { root, widget, log } = await show();
    button(root, 'Hodnocení stránek').click();
    await waitUntil(() => root.querySelector('caption')?.textContent?.includes('Hodnocení podle stránek'));
    const first = root.querySelector('tbody tr')!;
    expect(text(first)).to.contain('/poplatky.html').and.contain('12').and.contain('3').and.contain('80 %');
    expect(text(root)).to.contain('Komentáře ke stránce /poplatky.html').and.contain('Nenašel jsem poplatek za psa.').and.contain('Nepomohla');
    await expectAccessible(widget);
    type(root, 'ratings-from', '2026-10-01');
    type(root, 'ratings-to', '2026-10-31');
    button(root, 'Zobrazit').click();
    await waitUntil(() => log.some((entry) => entry.path === '/office/ratings?from=2026-10-01&to=2026-10-31'));
    button(root, 'Stáhnout CSV').click();
    await waitUntil(() => log.some((entry) => entry.path === '/office/ratings.csv?from=2026-10-01&to=2026-10-31'));
  });

  it('speaks English', async () => {
    const { root, widget } = await show({ lang: 'en' });
    expect(text(root.querySelector('caption')!)).to.equal('3 reports');
    root.querySelector<HTMLButtonElement>('#open-r-10')!.click();
    await waitUntil(() => root.querySelector('#detail-title'));
    expect(text(root)).to.contain('Report 2026/000010').and.contain('Reply to the reporter').and.contain('Verified identity');
    await expectAccessible(widget);
  });
});

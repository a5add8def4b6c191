import { expect, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../components/obec-office/sections/forms.js';
import type { ObecOfficeForms } from '../components/obec-office/sections/forms.js';
import type { ObecPortal } from '../components/obec-portal/obec-portal.js';
import { officeFormsFetch, type OfficeFormsBackend } from '../stories/office-forms-fixtures.js';
import { CLERK } from '../stories/office-polls-fixtures.js';
import { FixtureSession } from '../stories/fixture-session.js';
import { expectAccessible } from './helpers/axe.js';
import { cleanPage, mount, rendered, textOf } from './helpers/page.js';

const API = 'https://obec.example/api';

function deepActive(): Element | null {
  let active: Element | null = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active;
}

/** Component behaviour of <obec-office-forms> on fixtures; the real backend is in tests/server. */
describe('<obec-office-forms>', () => {
  let clicked: HTMLAnchorElement[] = [];
  const click = HTMLAnchorElement.prototype.click;
  beforeEach(() => {
    clicked = [];
    HTMLAnchorElement.prototype.click = function (this: HTMLAnchorElement) {
      if (this.download) clicked.push(this);
      else click.call(this);
    };
  });
  afterEach(() => {
    HTMLAnchorElement.prototype.click = click;
    cleanPage();
  });

  async function show({ backend = {} as OfficeFormsBackend, lang = '' } = {}) {
    backend.log ??= [];
    const page = mount(`<obec-portal api="${API}" ${lang ? `lang="${lang}"` : ''}></obec-portal><obec-office-forms></obec-office-forms>`);
    const portal = page.querySelector('obec-portal') as ObecPortal;
    portal.session = new FixtureSession({ status: 'signed-in', citizen: { name: CLERK.name, loa: 'loasubstantial' } });
    portal.fetch = officeFormsFetch(backend);
    const widget = page.querySelector('obec-office-forms') as ObecOfficeForms;
    widget.me = CLERK;
    const root = await rendered(widget);
    await waitUntil(() => root.querySelector('table, .message.error'), 'the list never showed');
    return { page, widget, root, log: backend.log, backend };
  }

  const text = (root: ShadowRoot | Element) => textOf(root).replace(/\s/g, ' ');
  const button = (root: ShadowRoot | Element, label: string) => {
    const found = [...root.querySelectorAll<HTMLButtonElement>('button')].find((candidate) => textOf(candidate) === label);
    if (!found) throw new Error(`no button "${label}"`);
    return found;
  };
  const press = async (root: ShadowRoot | Element, label: string) => {
    button(root, label).focus();
    await sendKeys({ press: 'Enter' });
  };
  const live = (root: ShadowRoot) => textOf(root.querySelector('[aria-live="polite"]')!);
  const requests = (log: NonNullable<OfficeFormsBackend['log']>, method: string) => log.filter((entry) => entry.method === method);
  const area = (root: ShadowRoot) => root.querySelector<HTMLTextAreaElement>('#definition-json')!;
  function setJson(root: ShadowRoot, value: string) {
    area(root).value = value;
    area(root).dispatchEvent(new Event('input'));
  }
  async function openSubmissions(root: ShadowRoot) {
    await press(root, 'Podání: Žádost o příspěvek pro spolek');
    await waitUntil(() => root.querySelector('[part="submissions"]'), 'no submissions');
    await waitUntil(() => deepActive() === root.querySelector('#submissions-title'));
  }

  it('lists the forms with their submissions counted by state', async () => {
    const { page, root, log } = await show();
    const table = root.querySelector('[part="list"]')!;
    expect(table.querySelector('caption')).to.exist;
    const header = [...table.querySelectorAll('thead th')].map((th) => textOf(th));
    expect(header).to.deep.equal(['Formulář', 'Verze', 'Přijato', 'Vyřizuje se', 'Vyřízeno', 'Zamítnuto', 'Akce']);
    const club = [...table.querySelectorAll('tbody tr')][0]!;
    expect([...club.querySelectorAll('th, td')].slice(0, 6).map((cell) => textOf(cell))).to.deep.equal(['Žádost o příspěvek pro spolek', '3', '1', '1', '1', '0']);
    expect(log[0]!.headers.get('Authorization')).to.equal('Bearer fixture-token');
    await expectAccessible(page);
  });

  it('edits a definition as JSON: loaded from GET /forms/:id, checked before sending, stored as a new version or unchanged', async () => {
    const { page, root, log } = await show();
    await press(root, 'Definice: Žádost o příspěvek pro spolek');
    await waitUntil(() => area(root)?.value, 'the definition did not load');
    await waitUntil(() => deepActive() === root.querySelector('#definition-title'));
    const loaded = JSON.parse(area(root).value) as Record<string, unknown>;
    expect(loaded.id).to.equal('club-grant');
    expect(loaded).not.to.have.property('version');
    expect(requests(log, 'GET').some((entry) => entry.path === '/forms/club-grant')).to.equal(true);
    await expectAccessible(page);

    // unchanged
    await press(root, 'Uložit definici');
    await waitUntil(() => root.querySelector('#definition-outcome'));
    expect(text(root.querySelector('#definition-outcome')!)).to.equal('Beze změny: definice je stejná jako verze 3.');
    await waitUntil(() => deepActive() === root.querySelector('#definition-outcome'));

    // broken: refused by the server's check of the shared rules, the text kept
    const broken = JSON.stringify({ ...loaded, steps: [{ id: 'x', title: 'X', fields: [{ id: 'a', type: 'text', label: 'A', when: 'missing == 1' }] }] });
    setJson(root, broken);
    const puts = requests(log, 'PUT').length;
    await press(root, 'Uložit definici');
    await waitUntil(() => deepActive() === root.querySelector('[part="error-summary"]'), 'the summary did not take focus');
    expect(text(root.querySelector('[part="error-summary"]')!)).to.contain('steps.0.fields.0.when:');
    expect(requests(log, 'PUT').length).to.equal(puts + 1);
    expect(area(root).value).to.equal(broken);
    expect(area(root).getAttribute('aria-invalid')).to.equal('true');
    await expectAccessible(page);

    setJson(root, '{ "id": ');
    await press(root, 'Zkontrolovat');
    await waitUntil(() => textOf(root.querySelector('[part="error-summary"]') ?? root).includes('JSON nejde přečíst'));

    // changed: a new version
    setJson(root, JSON.stringify({ ...loaded, description: 'Nově do 15. prosince.' }));
    await press(root, 'Zkontrolovat');
    await waitUntil(() => textOf(root.querySelector('#definition-outcome') ?? root).includes('Definice je v pořádku.'));
    await press(root, 'Uložit definici');
    await waitUntil(() => textOf(root.querySelector('#definition-outcome') ?? root).includes('Uložena verze 4.'));
    const put = requests(log, 'PUT').at(-1)!;
    expect(put.path).to.equal('/office/forms/club-grant');
    expect((put.body as Record<string, unknown>).description).to.equal('Nově do 15. prosince.');
    await expectAccessible(page);
  });

  it('a refusal by the server lists its problems by path and keeps the text', async () => {
    const backend: OfficeFormsBackend = { put: { refuse: [{ path: 'steps.0.fields.1.id', code: 'duplicate_id', message: 'The field id "name" appears twice' }] } };
    const { root } = await show({ backend });
    await press(root, 'Definice: Žádost o příspěvek pro spolek');
    await waitUntil(() => area(root)?.value);
    const before = area(root).value;
    await press(root, 'Uložit definici');
    await waitUntil(() => deepActive() === root.querySelector('[part="error-summary"]'));
    expect(text(root.querySelector('[part="error-summary"]')!)).to.contain('steps.0.fields.1.id: The field id "name" appears twice');
    expect(area(root).value).to.equal(before);
  });

  it('creates a new form from the template', async () => {
    const { page, root, log } = await show();
    await press(root, 'Nový formulář');
    await waitUntil(() => deepActive() === root.querySelector('#definition-title'));
    const template = JSON.parse(area(root).value) as { id: string; steps: { fields: unknown[] }[] };
    expect(template.id).to.equal('novy-formular');
    expect(template.steps[0]!.fields).to.have.length(3);
    await expectAccessible(page);
    setJson(root, JSON.stringify({ ...template, id: 'prihlaska-tabor', title: 'Přihláška na letní tábor' }));
    await press(root, 'Uložit definici');
    await waitUntil(() => textOf(root.querySelector('#definition-outcome') ?? root).includes('Uložena verze 1.'));
    expect(requests(log, 'PUT').at(-1)!.path).to.equal('/office/forms/prihlaska-tabor');
    await press(root, 'Zpět na seznam formulářů');
    await waitUntil(() => text(root.querySelector('[part="list"]') ?? root).includes('Přihláška na letní tábor'));
  });

  it('submissions: the table, one opened with answers under the labels, identity, files, history; a state change with a note', async () => {
    const { page, root, log } = await show();
    await openSubmissions(root);
    const table = root.querySelector('[part="submissions"]')!;
    expect(table.querySelector('caption')).to.exist;
    const rows = [...table.querySelectorAll('tbody tr')].map((row) => text(row));
    expect(rows[0]).to.contain('2026/000126').and.contain('Přijato').and.contain('Žofie Dvořáková');
    expect(rows[1]).to.contain('2026/000125').and.contain('Vyřizuje se').and.contain('nepřihlášený');
    await expectAccessible(page);

    await press(table, '2026/000126');
    await waitUntil(() => deepActive() === root.querySelector('#submission-title'), 'the submission heading did not take focus');
    const submission = root.querySelector('[part="submission"]')!;
    const answers = [...submission.querySelectorAll(':scope > dl')][1]!;
    const pairs = [...answers.querySelectorAll(':scope > dt')].map((dt) => `${textOf(dt)} = ${textOf(dt.nextElementSibling!)}`);
    expect(pairs).to.include('Žádáte jako = Spolek nebo jiná organizace');
    expect(pairs).to.include('IČO = 12345678');
    expect(pairs).to.include('Prohlašuji, že údaje jsou pravdivé. = Ano');
    expect(pairs).to.include('Cenová nabídka = nabidka-dresy.pdf');
    expect(pairs.find((pair) => pair.startsWith('Položky rozpočtu'))).to.contain('Dresy').and.contain('12 000 Kč');
    expect(text(submission)).to.contain('Náměstí 1, 123 45 Javorná Lhota').and.contain('30. 9. 1991');
    await expectAccessible(page);

    await press(submission, 'Stáhnout nabidka-dresy.pdf (47,1 kB)');
    await waitUntil(() => clicked.length === 1);
    expect(clicked[0]!.download).to.equal('nabidka-dresy.pdf');
    expect(requests(log, 'GET').at(-1)!.path).to.equal('/office/submissions/sub-3/files/upl-quote');

    const select = root.querySelector<HTMLSelectElement>('#new-state')!;
    select.value = 'done';
    select.dispatchEvent(new Event('change'));
    root.querySelector<HTMLTextAreaElement>('#state-note')!.focus();
    await sendKeys({ type: 'Příspěvek schválen.' });
    await press(submission, 'Změnit stav');
    await waitUntil(() => live(root).includes('Stav změněn na „Vyřízeno“.'));
    expect(requests(log, 'PATCH').at(-1)).to.deep.include({ path: '/office/submissions/sub-3', body: { state: 'done', note: 'Příspěvek schválen.' } });
    expect(text(root.querySelector('[part="submission"]')!)).to.contain('Stav: Vyřízeno').and.contain('„Příspěvek schválen.“');
    expect(root.querySelector<HTMLTextAreaElement>('#state-note')!.value).to.equal('');
    await expectAccessible(page);

    await press(root, 'Zpět na podání formuláře');
    await waitUntil(() => deepActive() === root.querySelector('[data-submission="sub-3"]'), 'focus did not return to the row');
  });

  it('a failed state change says why and keeps the note', async () => {
    const backend: OfficeFormsBackend = { patch: 'offline' };
    const { page, root } = await show({ backend });
    await openSubmissions(root);
    await press(root.querySelector('[part="submissions"]')!, '2026/000125');
    await waitUntil(() => root.querySelector('#state-note'));
    root.querySelector<HTMLTextAreaElement>('#state-note')!.focus();
    await sendKeys({ type: 'Doplňte rozpočet.' });
    await press(root.querySelector('[part="submission"]')!, 'Změnit stav');
    await waitUntil(() => deepActive() === root.querySelector('#state-problem'), 'the problem did not take focus');
    expect(text(root.querySelector('#state-problem')!)).to.contain('Stav se nepodařilo změnit.');
    expect(root.querySelector<HTMLTextAreaElement>('#state-note')!.value).to.equal('Doplňte rozpočet.');
    await expectAccessible(page);
  });

  it('exports submissions.csv and export.zip with the staff token', async () => {
    const { root, log } = await show();
    await openSubmissions(root);
    await press(root, 'Stáhnout podání (CSV)');
    await waitUntil(() => clicked.length === 1);
    await press(root, 'Stáhnout vše včetně souborů (ZIP)');
    await waitUntil(() => clicked.length === 2);
    expect(clicked.map((link) => link.download)).to.deep.equal(['club-grant.csv', 'club-grant.zip']);
    const gets = requests(log, 'GET').filter((entry) => /\.(csv|zip)$/.test(entry.path));
    expect(gets.map((entry) => entry.path)).to.deep.equal(['/office/forms/club-grant/submissions.csv', '/office/forms/club-grant/export.zip']);
    expect(gets.every((entry) => entry.headers.get('Authorization') === 'Bearer fixture-token')).to.equal(true);
  });

  it('a failed list says why', async () => {
    const { page, root } = await show({ backend: { list: 'error' } });
    expect(text(root)).to.contain('Formuláře se nepodařilo načíst.');
    await expectAccessible(page);
  });

  it('speaks English', async () => {
    const { page, root } = await show({ lang: 'en' });
    await waitUntil(() => text(root).includes('Forms and submissions'));
    expect(text(root.querySelector('[part="list"]')!)).to.contain('Application for a club grant').and.contain('In progress');
    await press(root, 'Submissions: Application for a club grant');
    await waitUntil(() => root.querySelector('[part="submissions"]'));
    await press(root.querySelector('[part="submissions"]')!, '2026/000126');
    await waitUntil(() => root.querySelector('[part="submission"]'));
    expect(text(root.querySelector('[part="submission"]')!)).to.contain('You apply as').and.contain('A club or other organisation').and.contain('Change the state');
    await expectAccessible(page);
  });
});

import { expect, waitUntil } from '@open-wc/testing';
import '../components/obec-office/sections/fees.js';
import type { ObecOfficeFees } from '../components/obec-office/sections/fees.js';
import type { ObecPortal } from '../components/obec-portal/obec-portal.js';
import { BROKEN_CSV, BROKEN_FIELDS, CLERK, csvFile, GOOD_CSV, manyObligations, demoObligations, officeFeesFetch, type OfficeFeesBackend } from '../stories/office-fees-fixtures.js';
import { FixtureSession, ZOFIE } from '../stories/fixture-session.js';
import { expectAccessible } from './helpers/axe.js';
import { cleanPage, mount, rendered, textOf } from './helpers/page.js';

const API = 'https://obec.example/api';

/** The element focus is on, through shadow roots. */
function deepActive(): Element | null {
  let active: Element | null = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active;
}

/** Component behaviour of <obec-office-fees> on fixtures; the real backend is in tests/server. */
describe('<obec-office-fees>', () => {
  afterEach(() => cleanPage());

  async function show({ backend = {} as OfficeFeesBackend, lang = '' } = {}) {
    backend.log ??= [];
    const page = mount(`<obec-portal api="${API}" ${lang ? `lang="${lang}"` : ''}></obec-portal><obec-office-fees></obec-office-fees>`);
    const portal = page.querySelector('obec-portal') as ObecPortal;
    portal.session = new FixtureSession({ status: 'signed-in', citizen: ZOFIE });
    portal.fetch = officeFeesFetch(backend);
    const widget = page.querySelector('obec-office-fees') as ObecOfficeFees;
    widget.me = CLERK;
    const root = await rendered(widget);
    await waitUntil(() => root.querySelector('#obligations-total') && root.querySelector('#payments-total') && textOf(root).includes('waste'), 'the lists never showed');
    return { page, widget, root, log: backend.log, backend };
  }

  const text = (root: ShadowRoot) => textOf(root).replace(/\s/g, ' ');
  const button = (root: ShadowRoot | Element, label: string) => [...root.querySelectorAll<HTMLButtonElement>('button')].find((candidate) => textOf(candidate) === label)!;
  const requests = (log: NonNullable<OfficeFeesBackend['log']>, method: string, prefix: string) => log.filter((entry) => entry.method === method && entry.path.startsWith(prefix));
  const noInlineStyles = (root: ShadowRoot) => expect(root.querySelectorAll('[style]').length).to.equal(0);
  const type = (root: ShadowRoot, selector: string, value: string) => {
    const input = root.querySelector<HTMLInputElement>(selector)!;
    input.value = value;
    input.dispatchEvent(new Event('input'));
  };
  const choose = (root: ShadowRoot, selector: string, file: File) => {
    const input = root.querySelector<HTMLInputElement>(selector)!;
    const transfer = new DataTransfer();
    transfer.items.add(file);
    input.files = transfer.files;
    input.dispatchEvent(new Event('change'));
  };

  it('lists fee kinds, obligations and payments with a staff token, and is accessible', async () => {
    const { root, log, widget } = await show();
    expect(text(root)).to.include('Poplatek za odpady');
    expect(text(root)).to.include('Nalezeno 7 povinností.');
    expect(text(root)).to.include('2026000002');
    expect(text(root)).to.include('Částečně zaplaceno');
    expect(text(root)).to.include('3 platby, zaplaceno celkem 1 280 Kč.');
    expect(requests(log, 'GET', '/office/obligations?')[0]!.path).to.include('limit=50');
    expect(log.every((entry) => entry.headers.get('Authorization') === 'Bearer fixture-token')).to.equal(true);
    for (const table of root.querySelectorAll('table')) expect(table.querySelector('caption'), 'every table has a caption').to.exist;
    noInlineStyles(root);
    await expectAccessible(widget);
  });

  it('searches and filters obligations, with a plural count', async () => {
    const { root, log } = await show();
    type(root, '#q', 'novak');
    const state = root.querySelector<HTMLSelectElement>('#filter-state')!;
    state.value = 'unpaid';
    state.dispatchEvent(new Event('change'));
    root.querySelector<HTMLFormElement>('form[role="search"]')!.requestSubmit();
    await waitUntil(() => text(root).includes('Nalezeny 3 povinnosti.'));
    const last = requests(log, 'GET', '/office/obligations?').at(-1)!.path;
    expect(last).to.include('q=novak').and.include('state=unpaid').and.include('offset=0');
    type(root, '#q', 'nikdo');
    root.querySelector<HTMLFormElement>('form[role="search"]')!.requestSubmit();
    await waitUntil(() => text(root).includes('Žádná povinnost neodpovídá.'));
  });

  it('pages through obligations 50 at a time', async () => {
    const { root, log } = await show({ backend: { obligations: [...demoObligations(), ...manyObligations()] } });
    expect(text(root)).to.include('Nalezeno 67 povinností.');
    expect(text(root)).to.include('1–50 z 67');
    button(root, 'další').click();
    await waitUntil(() => text(root).includes('51–67 z 67'));
    expect(requests(log, 'GET', '/office/obligations?').at(-1)!.path).to.include('offset=50');
    expect(deepActive()?.id).to.equal('obligations-caption');
    expect(button(root, 'další').disabled).to.equal(true);
    button(root, 'předchozí').click();
    await waitUntil(() => text(root).includes('1–50 z 67'));
  });

  it('edits an obligation, and keeps the input when the amount is below what is paid', async () => {
    const { root, log, widget } = await show();
    root.querySelector<HTMLButtonElement>('[aria-label="Upravit povinnost 2026000002"]')!.click();
    await waitUntil(() => deepActive()?.id === 'edit-title', 'focus moves to the opened detail');
    expect(root.querySelector<HTMLInputElement>('#edit-amount')!.value).to.equal('780');
    type(root, '#edit-amount', '400');
    root.querySelector<HTMLFormElement>('form.detail')!.requestSubmit();
    await waitUntil(() => root.querySelector('#edit-summary'));
    await waitUntil(() => deepActive()?.id === 'edit-summary');
    expect(text(root)).to.include('Částka nemůže být nižší než to, co už je zaplaceno (500 Kč).');
    expect(root.querySelector<HTMLInputElement>('#edit-amount')!.value).to.equal('400');
    expect(root.querySelector('#edit-amount')!.getAttribute('aria-invalid')).to.equal('true');
    await expectAccessible(widget);
    type(root, '#edit-amount', '850,50');
    type(root, '#edit-due', '2026-04-30');
    root.querySelector<HTMLFormElement>('form.detail')!.requestSubmit();
    await waitUntil(() => !root.querySelector('form.detail'));
    const patch = requests(log, 'PATCH', '/office/obligations/o-7')[1]!;
    expect(JSON.parse(patch.body!)).to.deep.equal({ amount: 850.5, dueDate: '2026-04-30' });
    await waitUntil(() => text(root).includes('850,50 Kč'));
    expect(textOf(root.querySelector('[aria-live="polite"]')!)).to.include('Povinnost 2026000002 uložena.');
  });

  it('refuses a bad amount before sending', async () => {
    const { root, log } = await show();
    root.querySelector<HTMLButtonElement>('[aria-label="Upravit povinnost 2027000001"]')!.click();
    await waitUntil(() => root.querySelector('#edit-amount'));
    type(root, '#edit-amount', '12,345');
    root.querySelector<HTMLFormElement>('form.detail')!.requestSubmit();
    await waitUntil(() => root.querySelector('#edit-summary'));
    expect(text(root)).to.include('nejvýše se dvěma desetinnými místy');
    expect(requests(log, 'PATCH', '/office/obligations')).to.have.length(0);
  });

  it('deletes an obligation after confirmation, and explains why a paid one stays', async () => {
    const { root, log, widget } = await show();
    root.querySelector<HTMLButtonElement>('[aria-label="Smazat povinnost 2026000002"]')!.click();
    await waitUntil(() => deepActive()?.id === 'remove-question');
    expect(text(root)).to.include('Opravdu smazat povinnost 2026000002 (Žofie Dvořáková, 780 Kč)?');
    button(root, 'Ano, smazat').click();
    await waitUntil(() => root.querySelector('#remove-problem'));
    expect(text(root)).to.include('Povinnost 2026000002 nelze smazat: už na ni někdo platil');
    await waitUntil(() => deepActive()?.id === 'remove-problem');
    await expectAccessible(widget);
    button(root, 'Zpět').click();
    root.querySelector<HTMLButtonElement>('[aria-label="Smazat povinnost 2027000005"]')!.click();
    await waitUntil(() => text(root).includes('Opravdu smazat povinnost 2027000005'));
    button(root, 'Ano, smazat').click();
    await waitUntil(() => text(root).includes('Nalezeno 6 povinností.'));
    expect(requests(log, 'DELETE', '/office/obligations/o-5')).to.have.length(1);
    expect(textOf(root.querySelector('[part="obligations"] table')!)).not.to.include('2027000005');
  });

  it('adds and renames a fee kind, with field errors', async () => {
    const { root, log } = await show();
    type(root, '#kind-code', 'Psi Velci');
    button(root, 'Uložit druh poplatku').click();
    await waitUntil(() => deepActive()?.id === 'kind-summary');
    expect(text(root)).to.include('Kód tvoří malá písmena');
    expect(text(root)).to.include('Vyplňte český název');
    expect(root.querySelector<HTMLInputElement>('#kind-code')!.value).to.equal('Psi Velci');
    type(root, '#kind-code', 'parking');
    type(root, '#kind-cs', 'Poplatek za parkování');
    type(root, '#kind-en', 'Parking fee');
    button(root, 'Uložit druh poplatku').click();
    await waitUntil(() => text(root).includes('Poplatek za parkování'));
    expect(JSON.parse(requests(log, 'PUT', '/office/fee-kinds/parking')[0]!.body!)).to.deep.equal({ name: { cs: 'Poplatek za parkování', en: 'Parking fee' } });
    button(root, 'Přejmenovat dog').click();
    await waitUntil(() => deepActive()?.id === 'kind-cs');
    expect(root.querySelector<HTMLInputElement>('#kind-code')!.value).to.equal('dog');
    type(root, '#kind-cs', 'Poplatek ze psů a koček');
    button(root, 'Uložit druh poplatku').click();
    await waitUntil(() => text(root).includes('Poplatek ze psů a koček'));
  });

  it('checks a good file, shows the preview, then imports the same content', async () => {
    const { root, log, widget } = await show();
    const imported: unknown[] = [];
    widget.addEventListener('obec-office-imported', (event) => imported.push((event as CustomEvent).detail));
    choose(root, '#import-file', csvFile(GOOD_CSV, 'povinnosti.csv', ''));
    button(root, 'Zkontrolovat').click();
    await waitUntil(() => deepActive()?.id === 'preview-title', 'focus moves to the preview');
    const preview = requests(log, 'POST', '/office/obligations/import')[0]!;
    expect(preview.path).to.equal('/office/obligations/import?preview=true');
    expect(preview.headers.get('Content-Type')).to.equal('text/csv');
    expect(preview.body).to.equal(GOOD_CSV);
    expect(text(root)).to.include('Náhled importu: povinnosti.csv');
    expect(textOf(root.querySelector('#preview-counts')!)).to.equal('2 nové, 1 beze změny');
    expect(text(root)).to.include('Tereza Králová');
    expect(text(root)).to.include('beze změny');
    await expectAccessible(widget);
    button(root, 'Importovat').click();
    await waitUntil(() => deepActive()?.id === 'import-result', 'focus moves to the result');
    const sent = requests(log, 'POST', '/office/obligations/import')[1]!;
    expect(sent.path).to.equal('/office/obligations/import');
    expect(sent.body).to.equal(GOOD_CSV);
    expect(textOf(root.querySelector('#import-result')!)).to.include('Importováno: 2 nové, 1 beze změny.');
    expect(imported).to.deep.equal([{ imported: 2, unchanged: 1 }]);
    await waitUntil(() => text(root).includes('Nalezeno 9 povinností.'), 'the list reloads');
    await expectAccessible(widget);
  });

  it('shows every refused cell of a broken file, by row and column, and imports nothing', async () => {
    const { root, log, widget, backend } = await show({ backend: { import: { refuse: BROKEN_FIELDS } } });
    choose(root, '#import-file', csvFile(BROKEN_CSV, 'rozbite.csv'));
    button(root, 'Zkontrolovat').click();
    await waitUntil(() => deepActive()?.id === 'import-summary', 'the error summary takes focus');
    expect(text(root)).to.include('Soubor nelze importovat, nic nebylo uloženo');
    expect(text(root)).to.include('V souboru jsou 4 chyby.');
    const rows = [...root.querySelectorAll('#import-summary tbody tr')].map((row) => [...row.querySelectorAll('td')].map((cell) => textOf(cell)));
    expect(rows).to.deep.equal([
      ['2', 'variable_symbol', 'Variabilní symbol je 1 až 10 číslic a nesmí být samé nuly.'],
      ['3', 'amount', 'Částka musí být větší než nula.'],
      ['4', 'due_date', 'Není to platné datum (RRRR-MM-DD nebo D.M.RRRR), nebo je v budoucnosti.'],
      ['4', 'representative', 'The server explains a new problem'],
    ]);
    expect(root.querySelector('#preview-title')).to.equal(null);
    expect(requests(log, 'POST', '/office/obligations/import').every((entry) => entry.path.includes('preview=true'))).to.equal(true);
    expect(root.querySelector('[data-file]')!.textContent).to.equal('rozbite.csv');
    await expectAccessible(widget);
    // the fixed file, chosen again, is checked again
    backend.import = 'by-file';
    choose(root, '#import-file', csvFile(GOOD_CSV, 'rozbite.csv'));
    button(root, 'Zkontrolovat').click();
    await waitUntil(() => deepActive()?.id === 'preview-title');
    expect(root.querySelector('#import-summary')).to.equal(null);
  });

  it('explains a header-only file, an empty one, a large one and a wrong type', async () => {
    const { root } = await show();
    const header = GOOD_CSV.split('\r\n')[0]!;
    choose(root, '#import-file', csvFile(header));
    button(root, 'Zkontrolovat').click();
    await waitUntil(() => text(root).includes('Soubor má jen záhlaví'));
    await waitUntil(() => deepActive()?.id === 'import-summary');
    choose(root, '#import-file', csvFile(''));
    button(root, 'Zkontrolovat').click();
    await waitUntil(() => text(root).includes('Soubor je prázdný.'));
  });

  it('explains 413 and 415 and a CSV it cannot read', async () => {
    for (const [outcome, expected] of [
      [{ status: 413, code: 'payload_too_large' }, 'Soubor je příliš velký.'],
      [{ status: 415, code: 'unsupported_media_type' }, 'Soubor není CSV (text/csv).'],
      [{ status: 400, code: 'invalid_csv', message: 'Row 3: a quoted field is never closed' }, 'Soubor není platné CSV'],
      [{ status: 400, code: 'invalid_csv', message: 'No known column in the header row; expected a;b' }, 'Záhlaví souboru neobsahuje žádný známý sloupec.'],
    ] as const) {
      const { root } = await show({ backend: { import: outcome } });
      choose(root, '#import-file', csvFile(GOOD_CSV));
      button(root, 'Zkontrolovat').click();
      await waitUntil(() => text(root).includes(expected), expected);
      cleanPage();
    }
  });

  it('asks for a file before checking', async () => {
    const { root, log } = await show();
    button(root, 'Zkontrolovat').click();
    await waitUntil(() => text(root).includes('Vyberte nejdřív soubor CSV.'));
    expect(requests(log, 'POST', '/office/obligations/import')).to.have.length(0);
  });

  it('imports a bank statement and lists the unmatched lines', async () => {
    const { root, log, widget } = await show();
    choose(root, '#statement-file', csvFile('date;amount;variable_symbol;reference\r\n2026-11-02;780,00;2027000001;b-1', 'vypis.csv'));
    button(root, 'Načíst výpis').click();
    await waitUntil(() => deepActive()?.id === 'statement-result');
    expect(requests(log, 'POST', '/office/bank-statements')[0]!.body).to.include('2027000001');
    expect(text(root)).to.include('Spárováno: 2, přeskočeno (už načteno dříve): 1, nespárováno: 2.');
    expect(text(root)).to.include('žádná povinnost s tímto symbolem');
    expect(text(root)).to.include('odchozí platba');
    await expectAccessible(widget);
  });

  it('filters payments by date and state and downloads them as CSV with the same filter', async () => {
    const { root, log } = await show();
    type(root, '#payments-from', '2026-10-01');
    type(root, '#payments-to', '2026-11-30');
    root.querySelector<HTMLButtonElement>('[part="payments"] button[type="submit"]')!.click();
    await waitUntil(() => text(root).includes('2 platby, zaplaceno celkem 780 Kč.'));
    expect(requests(log, 'GET', '/office/payments?').at(-1)!.path).to.include('from=2026-10-01').and.include('to=2026-11-30');
    const clicks: string[] = [];
    const original = HTMLAnchorElement.prototype.click;
    HTMLAnchorElement.prototype.click = function (this: HTMLAnchorElement) {
      clicks.push(this.download);
    };
    try {
      button(root, 'Stáhnout CSV').click();
      await waitUntil(() => clicks.length === 1);
    } finally {
      HTMLAnchorElement.prototype.click = original;
    }
    expect(clicks).to.deep.equal(['platby.csv']);
    expect(requests(log, 'GET', '/office/payments.csv')[0]!.path).to.include('from=2026-10-01').and.include('to=2026-11-30');
    type(root, '#payments-from', '2026-12-01');
    root.querySelector<HTMLButtonElement>('[part="payments"] button[type="submit"]')!.click();
    await waitUntil(() => text(root).includes('Datum „od“ je po datu „do“.'));
  });

  it('speaks English', async () => {
    const { root, widget } = await show({ lang: 'en' });
    expect(text(root)).to.include('7 obligations found.');
    expect(text(root)).to.include('Waste collection fee');
    expect(text(root)).to.include('Partly paid');
    choose(root, '#import-file', csvFile(GOOD_CSV));
    button(root, 'Check').click();
    await waitUntil(() => root.querySelector('#preview-counts'));
    expect(textOf(root.querySelector('#preview-counts')!)).to.equal('2 new, 1 unchanged');
    await expectAccessible(widget);
  });
});

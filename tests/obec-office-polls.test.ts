import { expect, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../components/obec-office/sections/polls.js';
import type { ObecOfficePolls } from '../components/obec-office/sections/polls.js';
import type { ObecPortal } from '../components/obec-portal/obec-portal.js';
import { CLERK, officePollsFetch, type OfficePollsBackend } from '../stories/office-polls-fixtures.js';
import { FixtureSession } from '../stories/fixture-session.js';
import { expectAccessible } from './helpers/axe.js';
import { cleanPage, mount, rendered, textOf } from './helpers/page.js';

const API = 'https://obec.example/api';

function deepActive(): Element | null {
  let active: Element | null = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active;
}

/** Component behaviour of <obec-office-polls> on fixtures; the real backend is in tests/server. */
describe('<obec-office-polls>', () => {
  let clicked: HTMLAnchorElement[] = [];
  const click = HTMLAnchorElement.prototype.click;
  beforeEach(() => {
    clicked = [];
    // downloads: record the link instead of saving a file
    HTMLAnchorElement.prototype.click = function (this: HTMLAnchorElement) {
      if (this.download) clicked.push(this);
      else click.call(this);
    };
  });
  afterEach(() => {
    HTMLAnchorElement.prototype.click = click;
    cleanPage();
  });

  async function show({ backend = {} as OfficePollsBackend, lang = '' } = {}) {
    backend.log ??= [];
    const page = mount(`<obec-portal api="${API}" ${lang ? `lang="${lang}"` : ''}></obec-portal><obec-office-polls></obec-office-polls>`);
    const portal = page.querySelector('obec-portal') as ObecPortal;
    portal.session = new FixtureSession({ status: 'signed-in', citizen: { name: CLERK.name, loa: 'loasubstantial' } });
    portal.fetch = officePollsFetch(backend);
    const widget = page.querySelector('obec-office-polls') as ObecOfficePolls;
    widget.me = CLERK;
    const root = await rendered(widget);
    await waitUntil(() => root.querySelector('table, .message.error, p:not([role])'), 'the list never showed');
    return { page, widget, root, log: backend.log, backend };
  }

  const text = (root: ShadowRoot | Element) => textOf(root).replace(/\s/g, ' ');
  const button = (root: ShadowRoot | Element, label: string) => {
    const found = [...root.querySelectorAll<HTMLButtonElement>('button')].find((candidate) => textOf(candidate) === label);
    if (!found) throw new Error(`no button "${label}"`);
    return found;
  };
  const press = async (root: ShadowRoot, label: string) => {
    button(root, label).focus();
    await sendKeys({ press: 'Enter' });
  };
  const live = (root: ShadowRoot) => textOf(root.querySelector('[aria-live="polite"]')!);
  const requests = (log: NonNullable<OfficePollsBackend['log']>, method: string) => log.filter((entry) => entry.method === method);
  const noInlineStyles = (root: ShadowRoot) => expect(root.querySelectorAll('[style]').length).to.equal(0);
  async function type(root: ShadowRoot, selector: string, words: string, { clear = false } = {}) {
    const input = root.querySelector<HTMLInputElement>(selector)!;
    input.focus();
    if (clear) {
      input.select();
      await sendKeys({ press: 'Backspace' });
    }
    await sendKeys({ type: words });
  }
  async function openPoll(root: ShadowRoot, title: string) {
    await press(root, title);
    await waitUntil(() => root.querySelector('[part="results"]'), 'no results', { timeout: 4000 });
    await waitUntil(() => deepActive() === root.querySelector('#detail-title'), 'the heading did not take focus');
  }

  it('lists the polls with method, phase, ballots and change; opens one by keyboard with its results, focus on its heading', async () => {
    const { page, root, log } = await show();
    const table = root.querySelector('[part="list"]')!;
    expect(table.querySelector('caption')).to.exist;
    expect([...table.querySelectorAll('thead th')].every((th) => th.getAttribute('scope') === 'col')).to.equal(true);
    const rows = [...table.querySelectorAll('tbody tr')].map((row) => text(row));
    expect(rows[0]).to.contain('Které akce chcete v roce 2027?').and.contain('Více možností').and.contain('Uzavřené').and.contain('243');
    expect(rows.find((row) => row.includes('Priority obce'))).to.contain('Koncept').and.contain('D21');
    expect(rows.find((row) => row.includes('Projekty pro'))).to.contain('Výsledky zveřejněny').and.contain('Participativní rozpočet');
    expect(log[0]!.headers.get('Authorization')).to.equal('Bearer fixture-token');
    noInlineStyles(root);
    await expectAccessible(page);

    await openPoll(root, 'Jak pojmenovat nové náměstí?');
    expect(text(root.querySelector('[part="detail"]')!)).to.contain('Fáze: Probíhá').and.contain('152 hlasů (online 152, papírové 0)');
    const results = root.querySelector('[part="results"]')!;
    expect(text(results.querySelector('tbody tr')!)).to.contain('1').and.contain('Lipové náměstí').and.contain('112');
    expect(results.querySelector('tbody th')!.getAttribute('scope')).to.equal('row');
    await expectAccessible(page);
  });

  it('closes the poll, publishes the results, takes them back; a poll with ballots is refused back to draft', async () => {
    const { page, root, log } = await show();
    await openPoll(root, 'Jak pojmenovat nové náměstí?');

    await press(root, 'Uzavřít hlasování');
    await waitUntil(() => live(root).includes('Hotovo. Fáze: Uzavřené.'), live(root));
    await waitUntil(() => deepActive() === root.querySelector('#detail-status'), 'focus did not stay in the poll');
    expect(requests(log, 'PATCH').at(-1)!.body).to.deep.equal({ status: 'closed' });
    expect(requests(log, 'PATCH').at(-1)!.path).to.equal('/office/polls/nazev-namesti');

    await press(root, 'Zveřejnit výsledky');
    await waitUntil(() => live(root).includes('Výsledky zveřejněny'));
    expect(requests(log, 'PATCH').at(-1)!.body).to.deep.equal({ resultsPublished: true });
    expect(text(root)).to.contain('Výsledky zveřejněny 15. 3. 2027');

    await press(root, 'Skrýt výsledky');
    await waitUntil(() => live(root).includes('Hotovo. Fáze: Uzavřené.'));
    expect(requests(log, 'PATCH').at(-1)!.body).to.deep.equal({ resultsPublished: false });

    await press(root, 'Vrátit do konceptu');
    await waitUntil(() => root.querySelector('#detail-problem'));
    expect(text(root.querySelector('#detail-problem')!)).to.contain('Hlasování už má hlasy');
    await waitUntil(() => deepActive() === root.querySelector('#detail-problem'));
    expect(text(root.querySelector('[part="detail"]')!)).to.contain('Fáze: Uzavřené');
    await expectAccessible(page);

    await press(root, 'Otevřít hlasování');
    await waitUntil(() => live(root).includes('Fáze: Probíhá'));
    expect(requests(log, 'PATCH').at(-1)!.body).to.deep.equal({ status: 'open' });
  });

  it('downloads the results and the ballots as CSV with the staff token', async () => {
    const { root, log } = await show();
    await openPoll(root, 'Jak pojmenovat nové náměstí?');
    await press(root, 'Stáhnout výsledky (CSV)');
    await waitUntil(() => clicked.length === 1);
    expect(clicked[0]!.download).to.equal('nazev-namesti-results.csv');
    await press(root, 'Stáhnout hlasovací lístky (CSV)');
    await waitUntil(() => clicked.length === 2);
    expect(clicked[1]!.download).to.equal('nazev-namesti-ballots.csv');
    const gets = requests(log, 'GET').filter((entry) => entry.path.endsWith('.csv'));
    expect(gets.map((entry) => entry.path)).to.deep.equal(['/office/polls/nazev-namesti/results.csv', '/office/polls/nazev-namesti/ballots.csv']);
    expect(gets.every((entry) => entry.headers.get('Authorization') === 'Bearer fixture-token')).to.equal(true);
    await waitUntil(() => live(root).includes('Soubor nazev-namesti-ballots.csv stažen.'));
  });

  it('creates a poll: empty names refused before sending (errors at their fields, summary focused), then PUT as the shared format', async () => {
    const { page, root, log } = await show();
    await press(root, 'Nové hlasování');
    await waitUntil(() => deepActive() === root.querySelector('#editor-title'), 'the editor heading did not take focus');
    noInlineStyles(root);
    await expectAccessible(page);

    await type(root, '#poll-id', 'Nove Hriste');
    await press(root, 'Uložit');
    await waitUntil(() => deepActive() === root.querySelector('[part="error-summary"]'), 'the summary did not take focus');
    const summary = text(root.querySelector('[part="error-summary"]')!);
    // the definition's rules are the server's; only names left empty are caught here
    expect(summary).to.contain('Název: Vyplňte.');
    expect(root.querySelector('#poll-title-cs')!.getAttribute('aria-invalid')).to.equal('true');
    expect(root.querySelector('#poll-title-cs')!.getAttribute('aria-describedby')).to.contain('poll-title-cs-error');
    expect(requests(log, 'PUT')).to.have.length(0);
    await expectAccessible(page);

    // the link of a problem takes the clerk to its field
    root.querySelector<HTMLAnchorElement>('[part="error-summary"] a')!.click();
    expect(deepActive()).to.equal(root.querySelector('#poll-title-cs'));
    await type(root, '#poll-id', 'nove-hriste', { clear: true });
    await type(root, '#poll-title-cs', 'Kde postavit nové hřiště?');
    await type(root, '#option-0-title-cs', 'U rybníka');
    await type(root, '#option-1-title-cs', 'Za školou');
    await press(root, 'Přidat možnost');
    await waitUntil(() => deepActive() === root.querySelector('#option-2-title-cs'), 'the new option did not take focus');
    expect(live(root)).to.contain('Přidána možnost 3.');
    await sendKeys({ type: 'Na návsi' });
    // move option 3 up, then remove option 1
    await press(root, 'Posunout možnost 3 výš');
    await waitUntil(() => live(root).includes('Možnost je teď na místě 2.'));
    expect(root.querySelector<HTMLInputElement>('#option-1-title-cs')!.value).to.equal('Na návsi');
    await press(root, 'Odebrat možnost 1');
    const method = root.querySelector<HTMLSelectElement>('#poll-method')!;
    method.value = 'multiple';
    method.dispatchEvent(new Event('change'));
    await waitUntil(() => root.querySelector('#poll-max'));
    await type(root, '#poll-max', '2');
    const voters = root.querySelector<HTMLSelectElement>('#poll-voters')!;
    voters.value = 'verified';
    voters.dispatchEvent(new Event('change'));
    await waitUntil(() => root.querySelector('#poll-residents'));
    await type(root, '#poll-min-age', '15');
    const closes = root.querySelector<HTMLInputElement>('#poll-closes')!;
    closes.value = '2027-06-30T18:00';
    closes.dispatchEvent(new Event('change'));
    const results = root.querySelector<HTMLSelectElement>('#poll-results')!;
    results.value = 'published';
    results.dispatchEvent(new Event('change'));

    await press(root, 'Uložit');
    await waitUntil(() => requests(log, 'PUT').length === 1 && root.querySelector('#detail-title'), 'not saved', { timeout: 4000 });
    const put = requests(log, 'PUT')[0]!;
    expect(put.path).to.equal('/office/polls/nove-hriste');
    expect(put.body).to.deep.equal({
      id: 'nove-hriste',
      title: 'Kde postavit nové hřiště?',
      method: 'multiple',
      options: [
        { id: 'moznost-3', title: 'Na návsi' },
        { id: 'moznost-2', title: 'Za školou' },
      ],
      maxChoices: 2,
      voters: 'verified',
      minAge: 15,
      closes: '2027-06-30T18:00:00+02:00',
      results: 'published',
    });
    await waitUntil(() => deepActive() === root.querySelector('#detail-title'));
    expect(text(root.querySelector('[part="detail"]')!)).to.contain('Fáze: Koncept');
    await waitUntil(() => live(root).includes('Hlasování založeno jako koncept.'));
    await expectAccessible(page);
  });

  it('edits a poll keeping what the form does not show; a refusal by the server keeps every change and says why', async () => {
    const { page, root, log, backend } = await show();
    await openPoll(root, 'Projekty pro Javornou Lhotu');
    await press(root, 'Upravit');
    await waitUntil(() => deepActive() === root.querySelector('#editor-title'));
    expect(root.querySelector<HTMLInputElement>('#poll-id')!.readOnly).to.equal(true);
    expect(root.querySelector<HTMLInputElement>('#poll-budget')!.value).to.equal('1000000');
    expect(root.querySelector<HTMLInputElement>('#option-0-cost')!.value).to.equal('800000');
    expect(root.querySelector<HTMLInputElement>('#poll-title-en')!.value).to.equal('Projects for Javorná Lhota');
    await expectAccessible(page);

    await type(root, '#poll-title-cs', ' – 2. kolo');
    await type(root, '#option-0-cost', '750000', { clear: true });
    backend.put = 'has-ballots';
    await press(root, 'Uložit');
    await waitUntil(() => deepActive() === root.querySelector('[part="error-summary"]'), 'the summary did not take focus');
    expect(text(root.querySelector('[part="error-summary"]')!)).to.contain('Hlasování už má hlasy');
    expect(root.querySelector<HTMLInputElement>('#poll-title-cs')!.value).to.equal('Projekty pro Javornou Lhotu – 2. kolo');
    expect(root.querySelector<HTMLInputElement>('#option-0-cost')!.value).to.equal('750000');
    const sent = requests(log, 'PUT')[0]!.body as Record<string, unknown> & { options: Record<string, unknown>[]; budget: Record<string, unknown> };
    // the fields the form does not show went as they were
    expect(sent.options[0]!.image).to.equal('/obrazky/hriste.svg');
    expect(sent.options[0]!.imageAlt).to.deep.equal({ cs: 'Náčrt hřiště s pískovištěm a skluzavkou', en: 'A sketch of the playground with a sandpit and a slide' });
    expect(sent.options[0]!.link).to.equal('/projekty/hriste');
    expect(sent.budget).to.deep.equal({ total: 1_000_000, minSpend: 500_000, maxProjects: 3 });
    expect(sent.title).to.deep.equal({ cs: 'Projekty pro Javornou Lhotu – 2. kolo', en: 'Projects for Javorná Lhota' });
    await expectAccessible(page);

    backend.put = { refuse: [{ path: 'options.1.cost', code: 'out_of_range', message: 'too much' }] };
    await press(root, 'Uložit');
    await waitUntil(() => textOf(root.querySelector('[part="error-summary"]') ?? root).includes('Možnost 2: Hodnota je mimo povolený rozsah.'));
    expect(root.querySelector('#option-1-cost')!.getAttribute('aria-invalid')).to.equal('true');
    expect(text(root.querySelector('#option-1-cost-error')!)).to.contain('Hodnota je mimo povolený rozsah.');
    await expectAccessible(page);
  });

  it('"Upřesnit v JSON": the whole definition, applied back to the form; a parse error is shown and the text kept', async () => {
    const { page, root, log } = await show();
    await openPoll(root, 'Jak pojmenovat nové náměstí?');
    await press(root, 'Upravit');
    const details = root.querySelector('details')!;
    details.querySelector('summary')!.focus();
    await sendKeys({ press: 'Enter' });
    expect(details.open).to.equal(true);
    const area = root.querySelector<HTMLTextAreaElement>('#poll-json')!;
    expect(JSON.parse(area.value)).to.deep.include({ id: 'nazev-namesti', results: 'live', closes: '2027-03-31T23:59:00+02:00' });
    await expectAccessible(page);

    area.value = '{ "id": "nazev-namesti", ';
    area.dispatchEvent(new Event('input'));
    await press(root, 'Použít JSON');
    await waitUntil(() => root.querySelector('#poll-json-problem'));
    expect(text(root.querySelector('#poll-json-problem')!)).to.contain('JSON nejde přečíst');
    expect(area.value).to.equal('{ "id": "nazev-namesti", ');
    expect(area.getAttribute('aria-invalid')).to.equal('true');
    await expectAccessible(page);

    const changed = { ...JSON.parse(JSON.stringify(await (await officePollsFetch()(`${API}/office/polls/nazev-namesti`, { headers: { Authorization: 'Bearer x' } })).json())).definition, shuffle: true, title: 'Nové jméno náměstí' };
    area.value = JSON.stringify(changed);
    area.dispatchEvent(new Event('input'));
    await press(root, 'Použít JSON');
    await waitUntil(() => live(root).includes('JSON převzat do formuláře.'));
    expect(root.querySelector<HTMLInputElement>('#poll-title-cs')!.value).to.equal('Nové jméno náměstí');
    expect(root.querySelector<HTMLInputElement>('#poll-title-en')!.value).to.equal('');
    expect(root.querySelector<HTMLInputElement>('#poll-closes')!.value).to.equal('2027-03-31T23:59');
    await press(root, 'Uložit');
    await waitUntil(() => requests(log, 'PUT').length === 1);
    expect(requests(log, 'PUT')[0]!.body).to.deep.include({ shuffle: true, title: 'Nové jméno náměstí' });
  });

  it('a failed list says why and tries again', async () => {
    const backend: OfficePollsBackend = { list: 'error' };
    const { page, root } = await show({ backend });
    await waitUntil(() => root.querySelector('.message.error'));
    expect(text(root)).to.contain('Hlasování se nepodařilo načíst.');
    await expectAccessible(page);
    backend.list = 'ok';
    await press(root, 'Zkusit znovu');
    await waitUntil(() => root.querySelector('[part="list"]'));
  });

  it('speaks English', async () => {
    const { page, root } = await show({ lang: 'en' });
    await waitUntil(() => text(root).includes('Polls and participatory budgets'));
    expect(text(root.querySelector('[part="list"]')!)).to.contain('Results published').and.contain('Several options').and.contain('Draft');
    await openPoll(root, 'What should the new square be called?');
    expect(text(root.querySelector('[part="detail"]')!)).to.contain('Phase: Voting').and.contain('152 ballots');
    await press(root, 'Edit');
    await waitUntil(() => root.querySelector('#poll-title-cs'));
    expect(text(root)).to.contain('Title (Czech)').and.contain('Refine in JSON');
    await expectAccessible(page);
  });
});

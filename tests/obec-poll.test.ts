import { expect, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../components/obec-poll/obec-poll.js';
import type { ObecPortal } from '../components/obec-portal/obec-portal.js';
import { FixtureSession, ZOFIE } from '../stories/fixture-session.js';
import { BUDGET_CHOICE, BUDGET_D21, D21_STEPPER, EVENTS, pollFetch, SQUARE_NAME, type PollBackend } from '../stories/poll-fixtures.js';
import { expectAccessible } from './helpers/axe.js';
import { cleanPage, mount, rendered, textOf } from './helpers/page.js';

const API = 'https://obec.example/api';
const TOKEN_KEY = `obec-poll:voter:${API}`;
const SEED_KEY = `obec-poll:seed:${API}`;

/** The element focus is on, through shadow roots. */
function deepActive(): Element | null {
  let active: Element | null = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active;
}

/** Component behaviour of <obec-poll> on fixtures; the real backend and NIA sign-in are in tests/flow. */
describe('<obec-poll>', () => {
  afterEach(() => {
    cleanPage();
    localStorage.removeItem(TOKEN_KEY);
    localStorage.removeItem(SEED_KEY);
  });

  async function show({ backend = {} as PollBackend, signedIn = true, lang = '', pollId = '' } = {}) {
    backend.log ??= [];
    const poll = typeof backend.poll === 'object' ? backend.poll : SQUARE_NAME;
    const page = mount(`<obec-portal api="${API}" ${lang ? `lang="${lang}"` : ''}></obec-portal><obec-poll poll-id="${pollId || poll.id}"></obec-poll>`);
    const portal = page.querySelector('obec-portal') as ObecPortal;
    const session = new FixtureSession(signedIn ? { status: 'signed-in', citizen: ZOFIE } : { status: 'signed-out' });
    portal.session = session;
    portal.fetch = pollFetch(backend);
    const widget = page.querySelector('obec-poll')!;
    const root = await rendered(widget);
    await waitUntil(() => root.querySelector('h2, .message.error'), 'the poll never showed');
    return { page, widget, root, log: backend.log, session, backend };
  }

  const text = (root: ShadowRoot | Element) => textOf(root).replace(/\s/g, ' ');
  const input = (root: ShadowRoot, option: string) => root.querySelector<HTMLInputElement>(`#option-${option}`)!;
  const button = (root: ShadowRoot, label: string) => [...root.querySelectorAll<HTMLButtonElement>('button')].find((candidate) => textOf(candidate).includes(label))!;
  /** A d21 option's control: `plus`, `minus`, or the stepper's `add` / `remove`. */
  const vote = (root: ShadowRoot, option: string, kind: 'plus' | 'minus' | 'add' | 'remove') => {
    const buttons = [...root.querySelectorAll<HTMLButtonElement>(`#option-${option}-card button`)];
    if (kind === 'add') return buttons.find((candidate) => textOf(candidate).startsWith('+'))!;
    if (kind === 'remove') return buttons.find((candidate) => textOf(candidate).startsWith('−'))!;
    return root.querySelector<HTMLButtonElement>(`#option-${option}-card .vote.${kind}:not(.step)`)!;
  };
  /** What a screen reader hears of a control: the texts its aria-describedby points to. */
  const description = (root: ShadowRoot, element: Element) =>
    (element.getAttribute('aria-describedby') ?? '')
      .split(' ')
      .filter(Boolean)
      .map((id) => textOf(root.getElementById(id)!))
      .join(' ');
  async function press(element: HTMLElement, key = 'Space') {
    element.focus();
    await sendKeys({ press: key });
  }
  const puts = (log: NonNullable<PollBackend['log']>) => log.filter((entry) => entry.method === 'PUT');
  const confirmation = (root: ShadowRoot) => root.querySelector<HTMLElement>('[part="confirmation"]');
  const summary = (root: ShadowRoot) => root.querySelector<HTMLElement>('[part="error-summary"]');
  const liveText = (root: ShadowRoot) => textOf(root.querySelector('[aria-live="polite"]')!);
  const noInlineStyles = (root: ShadowRoot) => expect(root.querySelectorAll('[style]').length, 'a style attribute breaks a strict style-src').to.equal(0);

  async function submit(root: ShadowRoot, label = 'Odeslat hlas') {
    await press(button(root, label), 'Enter');
  }
  async function expectConfirmed(root: ShadowRoot) {
    await waitUntil(() => confirmation(root), 'no confirmation', { timeout: 4000 });
    await waitUntil(() => deepActive() === confirmation(root)!.querySelector('h3'), 'the confirmation did not take focus');
  }
  async function expectSummaryFocused(root: ShadowRoot) {
    await waitUntil(() => summary(root), 'no error summary', { timeout: 8000 });
    await waitUntil(() => deepActive() === summary(root), 'the error summary did not take focus');
  }

  // ---- voting, changing the vote, results: every method, by keyboard ------

  it('single, open to anyone: says votes are not verified, votes with a voter token, changes the vote, sees live results', async () => {
    let voted: CustomEvent | undefined;
    const { page, widget, root, log, backend } = await show({ backend: { poll: SQUARE_NAME } });
    widget.addEventListener('obec-poll-voted', (event) => (voted = event as CustomEvent));
    expect(text(root)).to.contain('Hlasování bez ověření');
    expect(text(root)).to.contain('Z jednoho prohlížeče se počítá jeden hlas.');
    expect(text(root)).to.contain('Hlasovat můžete do 31. 3. 2027 23:59.');
    await waitUntil(() => root.querySelector('[part="results"]'), 'no live results');
    noInlineStyles(root);
    await expectAccessible(page);

    // the arrow keys move the choice within the radio group
    await press(input(root, 'lipove'));
    await sendKeys({ press: 'ArrowDown' });
    await waitUntil(() => input(root, 'skolni').checked);
    await submit(root);
    await expectConfirmed(root);
    const token = localStorage.getItem(TOKEN_KEY)!;
    expect(token).to.match(/^[0-9a-f-]{36}$/);
    expect(puts(log!)).to.have.length(1);
    expect(puts(log!)[0]!.body).to.deep.equal({ plus: ['skolni'], minus: [] });
    expect(puts(log!)[0]!.headers.get('X-Voter-Token')).to.equal(token);
    expect(voted?.detail).to.deep.include({ pollId: 'nazev-namesti', replaced: false });
    expect(text(confirmation(root)!)).to.contain('Uloženo 10. 3. 2027 9:30.');
    expect(text(confirmation(root)!)).to.contain('Školní náměstí');
    await expectAccessible(page);

    await press(button(root, 'Změnit hlas'), 'Enter');
    await waitUntil(() => textOf(deepActive()!) === 'Změna hlasu', 'the editor heading did not take focus');
    expect(input(root, 'skolni').checked).to.equal(true);
    await press(input(root, 'hvezdarske'));
    await submit(root, 'Uložit změněný hlas');
    await expectConfirmed(root);
    expect(puts(log!)[1]!.body).to.deep.equal({ plus: ['hvezdarske'], minus: [] });
    expect(voted?.detail.replaced).to.equal(true);
    expect(backend.ballot?.plus).to.deep.equal(['hvezdarske']);
    // live results are read again after the vote
    expect(log!.filter((entry) => entry.path.endsWith('/results')).length).to.be.greaterThan(1);
    const results = text(root.querySelector('[part="results"]')!);
    expect(results).to.contain('Průběžné výsledky');
    expect(results).to.contain('Lipové náměstí');

    // the next visit from this browser sends the same token and finds the vote
    cleanPage();
    const again = await show({ backend: { ...backend, log: [] } });
    await waitUntil(() => confirmation(again.root), 'the vote was not found on the next visit');
    expect(again.log![0]!.headers.get('X-Voter-Token')).to.equal(token);
  });

  it('multiple: "choose 1 to 3" with a live count; a fourth choice is blocked and says why; votes, changes, sees the results after closing', async () => {
    const { page, root, log, backend } = await show({ backend: { poll: EVENTS } });
    expect(text(root)).to.contain('Vyberte 1 až 3 možnosti.');
    expect(root.querySelector('legend')!.textContent).to.contain('Vyberte akce, které obec uspořádá');
    expect(text(root)).to.contain('Výsledky se zobrazí po skončení hlasování.');
    for (const option of ['kino', 'jarmark']) await press(input(root, option));
    await waitUntil(() => text(root.querySelector('[part="counter"]')!).includes('Vybráno: 2 z 3'));
    expect(root.querySelector('[part="counter"]')!.getAttribute('role')).to.equal('status');
    await press(input(root, 'masopust'));
    await waitUntil(() => text(root).includes('Vybráno: 3 z 3'));
    const fourth = input(root, 'beh');
    expect(fourth.getAttribute('aria-disabled')).to.equal('true');
    expect(description(root, fourth)).to.contain('Vyberte nejvýše 3 možnosti.');
    await press(fourth);
    await waitUntil(() => liveText(root).includes('Vyberte nejvýše 3 možnosti.'), 'the reason was not announced');
    expect(fourth.checked).to.equal(false);
    expect(deepActive()).to.equal(fourth);
    expect(text(root.querySelector('#option-beh-card')!)).to.contain('Vyberte nejvýše 3 možnosti.');
    noInlineStyles(root);
    await expectAccessible(page);

    await submit(root);
    await expectConfirmed(root);
    expect(puts(log!)[0]!.body).to.deep.equal({ plus: ['kino', 'jarmark', 'masopust'], minus: [] });
    expect(puts(log!)[0]!.headers.get('Authorization')).to.equal('Bearer fixture-token');
    expect(puts(log!)[0]!.headers.has('X-Voter-Token')).to.equal(false);

    await press(button(root, 'Změnit hlas'), 'Enter');
    await press(input(root, 'masopust'));
    await press(input(root, 'beh'));
    await submit(root, 'Uložit změněný hlas');
    await expectConfirmed(root);
    expect(puts(log!)[1]!.body).to.deep.equal({ plus: ['kino', 'jarmark', 'beh'], minus: [] });

    cleanPage();
    const closed = await show({ backend: { ...backend, phase: 'closed', log: [] } });
    await waitUntil(() => closed.root.querySelector('[part="results"] table'), 'no results');
    expect(text(closed.root)).to.contain('Hlasovali jste 10. 3. 2027 9:30.');
    const rows = [...closed.root.querySelectorAll('[part="results"] tbody tr')].map((row) => textOf(row));
    expect(rows[0]).to.match(/^1\. Vánoční jarmark 203 /);
    expect(rows).to.have.length(5);
    noInlineStyles(closed.root);
    await expectAccessible(closed.page);
  });

  it('d21 budget: the rules stated, counters of votes left, plus and minus by keyboard, change, published results with funded projects', async () => {
    const { page, root, log, backend } = await show({ backend: { poll: BUDGET_D21 } });
    const rules = text(root.querySelector('[part="rules"]')!);
    for (const rule of ['Máte 3 kladné hlasy.', 'Můžete dát i 1 záporný hlas.', 'Záporný hlas můžete dát až po 2 kladných hlasech.', 'Nemusíte rozdat všechny hlasy.', 'do rozpočtu 1 500 000 Kč']) {
      expect(rules).to.contain(rule);
    }
    const counter = () => text(root.querySelector('[part="counter"]')!);
    expect(counter()).to.contain('Zbývají 3 kladné hlasy z 3.');
    // project cards: picture with its text, cost, description, link
    const card = root.querySelector('#option-hriste-card')!;
    expect(card.querySelector('img')!.alt).to.equal('Náčrt hřiště s pískovištěm a skluzavkou');
    expect(text(card)).to.contain('Cena: 800 000 Kč');
    expect(text(card)).to.contain('Navrhla Jana Veselá.');
    expect(card.querySelector('a')!.getAttribute('href')).to.equal('/projekty/hriste');
    await expectAccessible(page);

    await press(vote(root, 'hriste', 'plus'), 'Enter');
    await waitUntil(() => vote(root, 'hriste', 'plus').getAttribute('aria-pressed') === 'true');
    await press(vote(root, 'lampy', 'plus'));
    await waitUntil(() => counter().includes('Zbývá 1 kladný hlas z 3.'), counter());
    await press(vote(root, 'parkoviste', 'minus'), 'Enter');
    await waitUntil(() => vote(root, 'parkoviste', 'minus').getAttribute('aria-pressed') === 'true');
    expect(counter()).to.contain('Zbývá 0 záporných hlasů z 1.');
    await press(vote(root, 'knihobudka', 'plus'));
    await waitUntil(() => counter().includes('Zbývá 0 kladných hlasů z 3.'));
    noInlineStyles(root);
    await expectAccessible(page);
    await submit(root);
    await expectConfirmed(root);
    expect(puts(log!)[0]!.body).to.deep.equal({ plus: ['hriste', 'lampy', 'knihobudka'], minus: ['parkoviste'] });
    const lists = [...confirmation(root)!.querySelectorAll('ul')].map((list) => [...list.querySelectorAll('li')].map((item) => textOf(item)));
    expect(lists).to.deep.equal([['Hřiště u rybníka', 'Lampy na cestě ke škole', 'Knihobudka na návsi'], ['Parkoviště u hřbitova']]);
    expect(text(confirmation(root)!)).to.contain('Hlas můžete změnit nebo stáhnout do 31. 3. 2027 23:59.');
    await expectAccessible(page);

    await press(button(root, 'Změnit hlas'), 'Enter');
    await press(vote(root, 'knihobudka', 'plus'));
    await press(vote(root, 'stromy', 'plus'));
    await submit(root, 'Uložit změněný hlas');
    await expectConfirmed(root);
    expect(puts(log!)[1]!.body).to.deep.equal({ plus: ['hriste', 'lampy', 'stromy'], minus: ['parkoviste'] });

    cleanPage();
    const published = await show({ backend: { ...backend, phase: 'published', log: [] } });
    await waitUntil(() => published.root.querySelector('[part="results"] table'), 'no results');
    const { root: results } = published;
    expect(text(results.querySelector('[part="funded"]')!)).to.contain('Hřiště u rybníka: 800 000 Kč');
    expect(text(results.querySelector('[part="funded"]')!)).to.contain('Rozděleno 1 450 000 Kč z 1 500 000 Kč.');
    const rows = [...results.querySelectorAll('[part="results"] tbody tr')].map((row) => textOf(row).replace(/\s/g, ' '));
    expect(rows[0]).to.equal('1. Hřiště u rybníka 412 35 377 800 000 Kč Ano');
    // more minus than plus votes: left out of the ranking and the money
    expect(rows.at(-1)).to.equal('Vyřazen: víc záporných než kladných hlasů Parkoviště u hřbitova 96 188 -92 900 000 Kč Ne');
    expect(results.querySelector('[part="chart"]')!.getAttribute('aria-hidden')).to.equal('true');
    expect(results.querySelectorAll('[part="chart"] svg rect.minus')).to.have.length(5);
    expect(text(results.querySelector('[part="chart"]')!)).to.contain('✓ Podpořen');
    noInlineStyles(results);
    await expectAccessible(published.page);
  });

  it('budget: the money chosen and left; a project that no longer fits says so; votes, changes, sees the funded projects', async () => {
    const { page, root, log, backend } = await show({ backend: { poll: BUDGET_CHOICE } });
    expect(text(root)).to.contain('Vyberte projekty, které dohromady stojí nejvýše 1 000 000 Kč.');
    expect(text(root)).to.contain('Vybrané projekty musí dohromady stát alespoň 500 000 Kč.');
    await press(input(root, 'hriste'));
    await waitUntil(() => text(root).includes('Vybráno za 800 000 Kč z 1 000 000 Kč, zbývá 200 000 Kč.'), text(root));
    const lamps = input(root, 'lampy');
    expect(lamps.getAttribute('aria-disabled')).to.equal('true');
    expect(description(root, lamps)).to.contain('Nevejde se do rozpočtu: stojí 600 000 Kč, zbývá 200 000 Kč.');
    expect(text(root.querySelector('#option-lampy-card')!)).to.contain('Nevejde se do rozpočtu');
    await press(lamps);
    await waitUntil(() => liveText(root).includes('Nevejde se do rozpočtu'));
    expect(lamps.checked).to.equal(false);
    await press(input(root, 'knihobudka'));
    noInlineStyles(root);
    await expectAccessible(page);
    await submit(root);
    await expectConfirmed(root);
    expect(puts(log!)[0]!.body).to.deep.equal({ plus: ['hriste', 'knihobudka'], minus: [] });

    await press(button(root, 'Změnit hlas'), 'Enter');
    await press(input(root, 'hriste'));
    for (const option of ['lampy', 'stromy']) await press(input(root, option));
    await submit(root, 'Uložit změněný hlas');
    await expectConfirmed(root);
    expect(puts(log!)[1]!.body).to.deep.equal({ plus: ['knihobudka', 'lampy', 'stromy'], minus: [] });

    cleanPage();
    const published = await show({ backend: { ...backend, phase: 'published', log: [] } });
    await waitUntil(() => published.root.querySelector('[part="funded"]'), 'no funded projects');
    const funded = text(published.root.querySelector('[part="funded"]')!);
    // top-down: the playground (800 000) fits, the lamps (600 000) no longer do, the trees (300 000)… no, 200 000 left: the book box
    expect(funded).to.contain('Hřiště u rybníka: 800 000 Kč');
    expect(funded).to.contain('Knihobudka na návsi: 50 000 Kč');
    expect(funded).not.to.contain('Lampy');
    expect(funded).to.contain('Rozděleno 850 000 Kč z 1 000 000 Kč.');
    await expectAccessible(published.page);
  });

  // ---- D21 rules, blocked on the client before they are broken -----------

  it('d21: a minus vote before 2 plus votes, a fourth plus vote, a second minus vote and plus and minus on one option are blocked, and say why', async () => {
    const { page, root, log } = await show({ backend: { poll: BUDGET_D21 } });
    const expectBlocked = async (control: HTMLButtonElement, reason: string) => {
      expect(control.getAttribute('aria-disabled'), textOf(control)).to.equal('true');
      expect(description(root, control)).to.contain(reason);
      const pressed = control.getAttribute('aria-pressed');
      await press(control);
      await waitUntil(() => liveText(root).includes(reason), `“${reason}” was not announced`);
      expect(control.getAttribute('aria-pressed')).to.equal(pressed);
      expect(deepActive(), 'a blocked button keeps focus').to.equal(control);
      expect(text(root)).to.contain(reason);
    };

    // minus only after K plus votes
    await expectBlocked(vote(root, 'parkoviste', 'minus'), 'Záporný hlas můžete dát až po 2 kladných hlasech.');
    await expectAccessible(page);
    await press(vote(root, 'hriste', 'plus'));
    await expectBlocked(vote(root, 'parkoviste', 'minus'), 'Záporný hlas můžete dát až po 2 kladných hlasech.');
    await press(vote(root, 'lampy', 'plus'));
    await waitUntil(() => vote(root, 'parkoviste', 'minus').getAttribute('aria-disabled') === null, 'the minus vote did not unlock');
    // plus and minus on one option
    await expectBlocked(vote(root, 'hriste', 'minus'), 'Jedné možnosti nemůžete dát kladný i záporný hlas („Hřiště u rybníka“).');
    await press(vote(root, 'parkoviste', 'minus'));
    await expectBlocked(vote(root, 'parkoviste', 'plus'), 'Jedné možnosti nemůžete dát kladný i záporný hlas („Parkoviště u hřbitova“).');
    // too many minus votes
    await expectBlocked(vote(root, 'stromy', 'minus'), 'Máte jen 1 záporný hlas.');
    // too many plus votes
    await press(vote(root, 'knihobudka', 'plus'));
    await expectBlocked(vote(root, 'stromy', 'plus'), 'Máte jen 3 kladné hlasy.');
    noInlineStyles(root);
    await expectAccessible(page);
    expect(puts(log!)).to.have.length(0);
  });

  it('d21 stepper: at most 2 plus votes on one option, minus votes only after all plus votes, and taking back a plus vote takes the minus votes too', async () => {
    const { page, root, log } = await show({ backend: { poll: D21_STEPPER } });
    expect(text(root)).to.contain('Jedné možnosti dáte nejvýše 2 kladné hlasy.');
    expect(text(root)).to.contain('Záporný hlas můžete dát, až rozdáte všechny 4 kladné hlasy.');
    expect(text(root)).to.contain('Pořadí určí počet kladných hlasů, při shodě rozhodne méně záporných.');
    const remove = vote(root, 'chodniky', 'remove');
    expect(remove.getAttribute('aria-disabled')).to.equal('true');
    expect(textOf(remove)).to.contain('Ubrat kladný hlas: Opravit chodníky');
    await press(vote(root, 'chodniky', 'add'), 'Enter');
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => text(root.querySelector('#option-chodniky-card')!).includes('2 kladné hlasy'));
    // one option over its limit
    const add = vote(root, 'chodniky', 'add');
    expect(add.getAttribute('aria-disabled')).to.equal('true');
    expect(description(root, add)).to.contain('Jedné možnosti můžete dát nejvýše 2 kladné hlasy („Opravit chodníky“).');
    await press(add, 'Enter');
    await waitUntil(() => liveText(root).includes('nejvýše 2 kladné hlasy'));
    // minus before all plus votes
    const minus = vote(root, 'koupaliste', 'minus');
    expect(description(root, minus)).to.contain('Záporný hlas můžete dát, až rozdáte všechny 4 kladné hlasy.');
    await press(vote(root, 'skolka', 'add'));
    await press(vote(root, 'bus', 'add'));
    await waitUntil(() => vote(root, 'koupaliste', 'minus').getAttribute('aria-disabled') === null, 'the minus votes did not unlock');
    await press(vote(root, 'koupaliste', 'minus'));
    await waitUntil(() => text(root).includes('Zbývá 1 záporný hlas z 2.'));
    await expectAccessible(page);
    // taking back a plus vote locks the minus votes again: they go, and the widget says so
    await press(vote(root, 'bus', 'remove'));
    await waitUntil(() => text(root.querySelector('[part="counter"]')!).includes('Záporný hlas jsme odebrali'), 'the minus vote stayed');
    expect(vote(root, 'koupaliste', 'minus').getAttribute('aria-pressed')).to.equal('false');
    await submit(root);
    await expectConfirmed(root);
    expect(puts(log!)[0]!.body).to.deep.equal({ plus: ['chodniky', 'chodniky', 'skolka'], minus: [] });
    expect(text(confirmation(root)!)).to.contain('Opravit chodníky (2×)');
  });

  // ---- refusals, failures and focus ---------------------------------------

  it('an empty ballot is not sent: the error summary takes focus and its link leads to the ballot', async () => {
    const { page, root, log } = await show({ backend: { poll: EVENTS } });
    await submit(root);
    await expectSummaryFocused(root);
    expect(text(summary(root)!)).to.contain('Vyberte alespoň jednu možnost.');
    expect(puts(log!)).to.have.length(0);
    await expectAccessible(page);
    summary(root)!.querySelector('a')!.click();
    await waitUntil(() => deepActive()?.id === 'ballot', 'the link did not lead to the ballot');
    // correcting the ballot takes the error away
    await press(input(root, 'kino'));
    await waitUntil(() => !summary(root), 'the corrected error stayed');
  });

  it('a 422 from the server: the error summary takes focus in the widget’s words, the ballot is kept, its link leads to the option', async () => {
    const backend: PollBackend = { poll: BUDGET_D21, cast: { refuse: [{ path: 'hriste', code: 'too_many_plus_on_option', message: 'You can give one option at most 1 plus vote.' }] } };
    const { page, root } = await show({ backend });
    await press(vote(root, 'hriste', 'plus'));
    await press(vote(root, 'lampy', 'plus'));
    await submit(root);
    await expectSummaryFocused(root);
    const refused = text(summary(root)!);
    expect(refused).to.contain('Obec hlas nepřijala');
    expect(refused).to.contain('Jedné možnosti můžete dát nejvýše 1 kladný hlas („Hřiště u rybníka“).');
    expect(text(root.querySelector('#option-hriste-card')!)).to.contain('Jedné možnosti můžete dát nejvýše 1 kladný hlas');
    expect(vote(root, 'hriste', 'plus').getAttribute('aria-pressed')).to.equal('true');
    expect(vote(root, 'lampy', 'plus').getAttribute('aria-pressed')).to.equal('true');
    await expectAccessible(page);
    summary(root)!.querySelector('a')!.click();
    await waitUntil(() => deepActive() === vote(root, 'hriste', 'plus'), 'the link did not lead to the option');
  });

  it('a lost connection keeps the ballot and says so; a poll closed meanwhile says that', async () => {
    const backend: PollBackend = { poll: EVENTS, cast: 'offline' };
    const { page, root } = await show({ backend });
    await press(input(root, 'kino'));
    await submit(root);
    await expectSummaryFocused(root);
    expect(text(summary(root)!)).to.contain('Hlas se nepodařilo uložit.');
    expect(text(summary(root)!)).to.contain('Váš výběr zůstává');
    expect(input(root, 'kino').checked).to.equal(true);
    await expectAccessible(page);

    // the fixture reads these on every request: the poll closes before the next try
    backend.cast = 'closed';
    backend.phase = 'closed';
    await submit(root);
    await waitUntil(() => summary(root) && text(summary(root)!).includes('Hlasování mezitím skončilo'), 'no closed message', { timeout: 8000 });
    await waitUntil(() => text(root).includes('Hlasování skončilo.'), 'the poll was not read again');
  });

  it('withdrawing the vote: DELETE, a notice that takes focus, and an empty ballot to vote again', async () => {
    let withdrawn = false;
    const { page, widget, root, log } = await show({ backend: { poll: EVENTS, ballot: { plus: ['kino'], minus: [], castAt: '2027-03-02T10:00:00Z' } } });
    widget.addEventListener('obec-poll-withdrawn', () => (withdrawn = true));
    await waitUntil(() => confirmation(root));
    await press(button(root, 'Stáhnout hlas'), 'Enter');
    await waitUntil(() => root.querySelector('[data-withdrawn]'), 'no notice');
    await waitUntil(() => deepActive() === root.querySelector('[data-withdrawn]'));
    expect(log!.some((entry) => entry.method === 'DELETE' && entry.path === '/polls/akce-2027/ballot')).to.equal(true);
    expect(withdrawn).to.equal(true);
    expect(input(root, 'kino').checked).to.equal(false);
    await expectAccessible(page);
  });

  // ---- who may vote -------------------------------------------------------

  it('a verified poll, signed out: why to sign in, the sign-in button, and the projects to read', async () => {
    const { page, root, session } = await show({ backend: { poll: BUDGET_D21 }, signedIn: false });
    const signIn = root.querySelector('[part="sign-in"]')!;
    expect(text(signIn)).to.contain('Hlasovat mohou jen přihlášení občané, ověření přes Identitu občana.');
    expect(root.querySelectorAll('[part="option"]')).to.have.length(5);
    expect(root.querySelector('[part="ballot"]')).to.equal(null);
    await expectAccessible(page);
    await press(button(root, 'Přihlásit se'), 'Enter');
    expect(session.calls).to.deep.equal([{ method: 'signIn', options: { lang: 'cs' } }]);
  });

  it('signing in shows the ballot of the poll', async () => {
    const { root, session } = await show({ backend: { poll: BUDGET_D21 }, signedIn: false });
    session.set({ status: 'signed-in', citizen: ZOFIE });
    await waitUntil(() => root.querySelector('[part="ballot"]'), 'no ballot after signing in');
  });

  for (const [reason, minAge, words] of [
    ['under_age', 15, 'Hlasovat mohou lidé od 15 let. Podle data narození z vaší identity vám tolik let ještě není.'],
    ['not_resident', undefined, 'Hlasovat mohou jen obyvatelé obce. Podle adresy z vaší identity bydlíte jinde.'],
    ['birthdate_unknown', 15, 'vaše identita datum narození neuvádí'],
    ['address_unknown', undefined, 'vaše identita adresu neuvádí'],
  ] as const) {
    it(`turned away (${reason}): says why, shows no ballot`, async () => {
      const { page, root } = await show({ backend: { poll: BUDGET_D21, eligibility: { allowed: false, reason, ...(minAge ? { minAge } : {}) } } });
      const ineligible = text(root.querySelector('[part="ineligible"]')!);
      expect(ineligible).to.contain('V tomto hlasování hlasovat nemůžete');
      expect(ineligible).to.contain(words);
      expect(root.querySelector('[part="ballot"]')).to.equal(null);
      await expectAccessible(page);
    });
  }

  // ---- phases ---------------------------------------------------------------

  it('before voting opens: when it starts, and the project cards', async () => {
    const { page, root } = await show({ backend: { poll: BUDGET_D21, phase: 'upcoming' } });
    expect(text(root)).to.contain('Hlasování začne 1. 3. 2027 0:00.');
    expect(text(root)).to.contain('Výsledky obec zveřejní po skončení hlasování.');
    expect(root.querySelectorAll('[part="option"]')).to.have.length(5);
    expect(root.querySelector('[part="ballot"]')).to.equal(null);
    await expectAccessible(page);
  });

  it('closed, results not public: the citizen’s vote and that the town will publish the results', async () => {
    const { page, root, log } = await show({ backend: { poll: BUDGET_D21, phase: 'closed', ballot: { plus: ['hriste'], minus: [], castAt: '2027-03-02T10:00:00Z' } } });
    expect(text(root)).to.contain('Hlasování skončilo. Výsledky obec zveřejní, až sečte všechny hlasy.');
    expect(text(root)).to.contain('Hlasovali jste 2. 3. 2027 11:00.');
    expect(root.querySelector('[part="ballot"]')).to.equal(null);
    expect(log!.some((entry) => entry.path.endsWith('/results'))).to.equal(false);
    await expectAccessible(page);
  });

  it('a poll that is not there says so; a failed load offers to try again', async () => {
    const missing = await show({ backend: { poll: 'missing' }, pollId: 'neni' });
    await waitUntil(() => text(missing.root).includes('Toto hlasování tu není'));
    await expectAccessible(missing.page);
    cleanPage();
    const failed = await show({ backend: { poll: 'error' }, pollId: 'chyba' });
    await waitUntil(() => text(failed.root).includes('Hlasování se nepodařilo načíst'), text(failed.root), { timeout: 8000 });
    expect(button(failed.root, 'Zkusit znovu')).to.exist;
    await expectAccessible(failed.page);
  });

  // ---- order, language, layout ------------------------------------------------

  it('shuffles the options once per browser: the same order on every visit, another in another browser', async () => {
    const order = (root: ShadowRoot) => [...root.querySelectorAll('[part="option"]')].map((card) => card.id);
    localStorage.setItem(SEED_KEY, 'browser-one');
    const first = order((await show({ backend: { poll: BUDGET_D21 } })).root);
    cleanPage();
    expect(order((await show({ backend: { poll: BUDGET_D21 } })).root)).to.deep.equal(first);
    const orders = new Set<string>();
    for (const seed of ['browser-two', 'browser-three', 'browser-four']) {
      cleanPage();
      localStorage.setItem(SEED_KEY, seed);
      orders.add(order((await show({ backend: { poll: BUDGET_D21 } })).root).join());
    }
    orders.add(first.join());
    expect(orders.size).to.be.greaterThan(1);
    cleanPage();
    // an unshuffled poll keeps the office's order
    expect(order((await show({ backend: { poll: EVENTS } })).root)).to.deep.equal(EVENTS.options.map((option) => `option-${option.id}-card`));
  });

  it('speaks English with English plurals, in the ballot and the results', async () => {
    const { page, root } = await show({ backend: { poll: BUDGET_D21 }, lang: 'en' });
    await waitUntil(() => text(root).includes('You have 3 plus votes.'), text(root));
    expect(text(root)).to.contain('You can give a minus vote after 2 plus votes.');
    expect(text(root)).to.contain('Cost: CZK 800,000');
    await press(vote(root, 'hriste', 'plus'));
    await waitUntil(() => text(root).includes('2 plus votes of 3 left.'));
    await expectAccessible(page);
    cleanPage();
    const results = await show({ backend: { poll: BUDGET_CHOICE, phase: 'published' }, lang: 'en' });
    await waitUntil(() => results.root.querySelector('[part="funded"]'));
    expect(text(results.root)).to.contain('Funded projects');
    expect(text(results.root)).to.contain('Playground by the pond');
    await expectAccessible(results.page);
  });

  it('runs under a strict CSP (no inline style, no eval): the D21 ballot, its blocked buttons and the results chart', async () => {
    const csp = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'";
    const frame = document.createElement('iframe');
    frame.style.width = '900px';
    frame.style.height = '900px';
    frame.srcdoc = `<!doctype html><html lang="cs"><head><meta charset="utf-8">
      <meta http-equiv="Content-Security-Policy" content="${csp}"><title>Obec</title>
      <script src="/tests/fixtures/record-errors.js"></script>
      <script type="module" src="/components/obec-portal/obec-portal.ts"></script>
      <script type="module" src="/components/obec-poll/obec-poll.ts"></script>
      </head><body><obec-portal api="${location.origin}/test-api" theme="dark"></obec-portal></body></html>`;
    const loaded = new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
    document.body.append(frame);
    try {
      await loaded;
      const win = frame.contentWindow as Window & { errors: string[]; violations: string[] };
      const doc = frame.contentDocument!;
      await waitUntil(() => win.customElements.get('obec-portal') && win.customElements.get('obec-poll'), 'not defined', { timeout: 8000 });
      const ballot = pollFetch({ poll: BUDGET_D21 });
      const results = pollFetch({ poll: BUDGET_CHOICE, phase: 'published' });
      const portal = doc.querySelector('obec-portal') as ObecPortal;
      portal.session = new FixtureSession({ status: 'signed-in', citizen: ZOFIE });
      // the frame's AbortSignal is of another realm than the fixture's Request
      portal.fetch = (input, init) => (String(input).includes(BUDGET_D21.id) ? ballot : results)(input, { ...init, signal: undefined });
      // the widgets come once the portal answers from fixtures, as a CMS may add them later
      doc.body.insertAdjacentHTML('beforeend', `<obec-poll id="ballot" poll-id="${BUDGET_D21.id}"></obec-poll><obec-poll id="results" poll-id="${BUDGET_CHOICE.id}"></obec-poll>`);
      const ballotRoot = () => doc.querySelector('#ballot')!.shadowRoot!;
      const resultsRoot = () => doc.querySelector('#results')!.shadowRoot!;
      await waitUntil(() => ballotRoot()?.querySelector('#option-hriste-card .vote.plus'), 'no ballot', { timeout: 8000 });
      await waitUntil(() => resultsRoot()?.querySelector('[part="chart"] svg rect.plus'), 'no chart', { timeout: 8000 });
      vote(ballotRoot(), 'parkoviste', 'minus').click();
      vote(ballotRoot(), 'hriste', 'plus').click();
      await waitUntil(() => text(ballotRoot()).includes('Zbývají 2 kladné hlasy z 3.'));
      expect(doc.querySelector('#ballot')!.matches(':state(dark)')).to.equal(true);
      expect(win.violations).to.deep.equal([]);
      expect(win.errors).to.deep.equal([]);
    } finally {
      frame.remove();
    }
  });

  it('fits a 320 px wide column without scrolling sideways', async () => {
    /** Whether anything in the shadow root reaches past the widget's right edge. */
    const overflowing = (root: ShadowRoot) => {
      const edge = (root.host as HTMLElement).getBoundingClientRect().right + 0.5;
      return [...root.querySelectorAll('*')].filter((element) => element.getBoundingClientRect().right > edge && !element.closest('.visually-hidden')).map((element) => element.outerHTML.slice(0, 80));
    };
    for (const poll of [BUDGET_D21, D21_STEPPER, BUDGET_CHOICE]) {
      cleanPage();
      const { page, root } = await show({ backend: { poll } });
      page.style.width = '320px';
      await waitUntil(() => (root.host as HTMLElement).getBoundingClientRect().width <= 320);
      expect(overflowing(root), poll.id).to.deep.equal([]);
    }
    cleanPage();
    const published = await show({ backend: { poll: BUDGET_D21, phase: 'published' } });
    published.page.style.width = '320px';
    await waitUntil(() => published.root.querySelector('[part="results"]'));
    expect(overflowing(published.root)).to.deep.equal([]);
  });
});

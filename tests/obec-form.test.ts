import { expect, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../components/obec-form/obec-form.js';
import type { ObecPortal } from '../components/obec-portal/obec-portal.js';
import { CLUB_ANSWERS, formFetch, SUBMISSIONS, ZOFIE_ME, type FormBackend } from '../stories/form-fixtures.js';
import { FixtureSession, ZOFIE } from '../stories/fixture-session.js';
import { expectAccessible } from './helpers/axe.js';
import { cleanPage, mount, rendered, textOf } from './helpers/page.js';

const DRAFT_KEY = 'obec-form:https://obec.example/api:club-grant';

/** The element a shadow root's focus is on, through nested shadow roots. */
function deepActive(): Element | null {
  let active: Element | null = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active;
}

/** Component behaviour of <obec-form> on fixtures; the real backend, NIA sign-in and the cut network are in tests/flow. */
describe('<obec-form>', () => {
  afterEach(() => {
    cleanPage();
    localStorage.removeItem(DRAFT_KEY);
  });

  async function show({ backend = {} as FormBackend, signedIn = false, lang = '', draft = undefined as object | undefined } = {}) {
    if (draft) localStorage.setItem(DRAFT_KEY, JSON.stringify({ version: 3, updatedAt: '2026-11-20T18:30:00Z', ...draft }));
    backend.log ??= [];
    const page = mount(`<obec-portal api="https://obec.example/api" ${lang ? `lang="${lang}"` : ''}></obec-portal><obec-form form-id="club-grant"></obec-form>`);
    const portal = page.querySelector('obec-portal') as ObecPortal;
    portal.fetch = formFetch(backend);
    portal.session = new FixtureSession(signedIn ? { status: 'signed-in', citizen: ZOFIE } : { status: 'signed-out' });
    const widget = page.querySelector('obec-form')!;
    const root = await rendered(widget);
    await waitUntil(() => root.querySelector('h3[data-heading]'), 'no step rendered');
    return { page, widget, root, log: backend.log, portal };
  }

  const field = (root: ShadowRoot, path: string) => root.querySelector<HTMLElement & { value: unknown }>(`#field-${path.replace(/\./g, '-')}`)!;
  const button = (root: ShadowRoot, text: string) => [...root.querySelectorAll<HTMLButtonElement>('button')].find((candidate) => textOf(candidate).includes(text))!;
  async function type(root: ShadowRoot, path: string, text: string) {
    field(root, path).focus();
    await sendKeys({ type: text });
  }
  async function choose(root: ShadowRoot, path: string, value: string) {
    const input = field(root, path).shadowRoot!.querySelector<HTMLInputElement>(`input[value="${value}"]`)!;
    input.focus();
    await sendKeys({ press: 'Space' });
  }
  const heading = (root: ShadowRoot) => textOf(root.querySelector('h3[data-heading]')!);

  it('shows the first step with its progress, and the conditional step appears for organisations', async () => {
    const { page, root } = await show();
    expect(textOf(root)).to.contain('Žádost o příspěvek pro spolek');
    expect(textOf(root)).to.contain('Krok 1 z 2');
    expect(heading(root)).to.equal('Žadatel');
    await expectAccessible(page);
    await choose(root, 'applicantType', 'organisation');
    await waitUntil(() => textOf(root).includes('Krok 1 z 3'), textOf(root));
  });

  it('"Continue" on an empty step: the error summary takes focus, links to each field and says what the fields say', async () => {
    const { page, root } = await show();
    button(root, 'Pokračovat').click();
    await waitUntil(() => root.querySelector('[part="error-summary"]'), 'no error summary');
    const summary = root.querySelector<HTMLElement>('[part="error-summary"]')!;
    await waitUntil(() => deepActive() === summary, 'the summary did not take focus');
    const links = [...summary.querySelectorAll('a')].map((link) => textOf(link));
    expect(links).to.have.length(3);
    // the same words inline
    for (const [path, label] of [['applicantType', 'Žádáte jako'], ['name', 'Jméno a příjmení'], ['email', 'E-mail']] as const) {
      await waitUntil(() => field(root, path).shadowRoot!.querySelector('[part~="error"]'), `no inline error on ${path}`);
      const inline = textOf(field(root, path).shadowRoot!.querySelector('[part~="error"]')!).replace(/^Chyba:\s*/, '');
      expect(links).to.include(`${label}: ${inline}`);
    }
    await expectAccessible(page);
    // a link takes the citizen to the field
    summary.querySelectorAll('a')[2]!.click();
    await waitUntil(() => deepActive()?.localName === 'input' && (deepActive() as HTMLInputElement).type === 'email', 'the e-mail field did not get focus');
    // correcting a field takes its error off the summary
    await sendKeys({ type: 'zofie@example.cz' });
    await waitUntil(() => root.querySelectorAll('[part="error-summary"] li').length === 2, 'the corrected error stayed');
  });

  it('goes through the steps by keyboard, skips the organisation step for a person, and keeps the answers on the way back', async () => {
    const { root } = await show();
    await choose(root, 'applicantType', 'person');
    await type(root, 'name', 'Jan Novák');
    await type(root, 'email', 'jan@example.cz');
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => heading(root) === 'Rozpočet', heading(root));
    expect(textOf(root)).to.contain('Krok 2 z 2');
    // the new step's heading has focus, so a screen reader reads where the citizen is
    expect(deepActive()?.localName).to.equal('h3');
    button(root, 'Zpět').click();
    await waitUntil(() => heading(root) === 'Žadatel');
    expect(field(root, 'name').value).to.equal('Jan Novák');
  });

  it('budget lines: added and removed by keyboard, the total follows, a total over the limit is refused', async () => {
    const { page, root } = await show({ draft: { answers: { applicantType: 'person', name: 'Jan', email: 'jan@example.cz' }, step: 'budget' } });
    button(root, 'Přidat: Položka').click();
    await waitUntil(() => deepActive()?.localName === 'input', 'the new line did not get focus');
    await sendKeys({ type: 'Hřiště' });
    await type(root, 'lines.0.amount', '48000');
    button(root, 'Přidat: Položka').click();
    await waitUntil(() => field(root, 'lines.1.item'));
    await type(root, 'lines.1.item', 'Branky');
    await type(root, 'lines.1.amount', '9 000,50');
    await waitUntil(() => textOf(root).replace(/\s/g, ' ').includes('Celkem: 57 000,50 Kč'), textOf(root));
    await expectAccessible(page);
    root.querySelector<HTMLInputElement>('#field-declaration')!.focus();
    await sendKeys({ press: 'Space' });
    button(root, 'Pokračovat').click();
    await waitUntil(() => root.querySelector('[part="error-summary"]'), 'no error for the total');
    expect(textOf(root.querySelector('[part="error-summary"]')!)).to.match(/50 000/);
    await expectAccessible(page);
    button(root, 'Odebrat: Položka 2').click();
    await waitUntil(() => !field(root, 'lines.1.item'));
    await waitUntil(() => textOf(root).replace(/\s/g, ' ').includes('Celkem: 48 000 Kč'), textOf(root));
    expect(deepActive()?.textContent).to.contain('Přidat');
  });

  it('check your answers: every answer listed, "Change" goes to the field and comes back', async () => {
    const { page, root } = await show({ draft: { answers: CLUB_ANSWERS, step: '#review' } });
    await waitUntil(() => heading(root) === 'Zkontrolujte své odpovědi');
    const review = textOf(root.querySelector('[part="review"]')!);
    for (const text of ['Spolek nebo jiná organizace', 'TJ Sokol Javorná Lhota', '12345678', 'Dresy', '12 000 Kč', 'Celkem: 15 500 Kč', 'Potvrzeno']) {
      expect(review.replace(/\s/g, ' ')).to.contain(text);
    }
    await expectAccessible(page);
    const change = [...root.querySelectorAll<HTMLButtonElement>('[part="review"] button')].find((candidate) => textOf(candidate).includes('E-mail'))!;
    change.click();
    await waitUntil(() => deepActive()?.localName === 'input' && (deepActive() as HTMLInputElement).type === 'email', 'the e-mail field did not get focus');
    expect(button(root, 'Zpět na kontrolu odpovědí')).to.exist;
    button(root, 'Zpět na kontrolu odpovědí').click();
    await waitUntil(() => heading(root) === 'Zkontrolujte své odpovědi');
  });

  it('sends once with an idempotency key, confirms with the reference number and forgets the draft', async () => {
    const { root, log, widget } = await show({ draft: { answers: CLUB_ANSWERS, step: '#review' } });
    let submitted: CustomEvent | undefined;
    widget.addEventListener('obec-form-submitted', (event) => (submitted = event as CustomEvent));
    button(root, 'Odeslat').click();
    await waitUntil(() => root.querySelector('[part="confirmation"]'), 'no confirmation');
    expect(textOf(root)).to.contain('2026/000125');
    expect(textOf(root)).to.contain('Žádost posoudí rada obce do 30 dnů.');
    expect(deepActive()?.localName).to.equal('h3');
    const posts = log.filter((entry) => entry.method === 'POST' && entry.path.endsWith('/submissions'));
    expect(posts).to.have.length(1);
    expect(posts[0]!.headers.get('Idempotency-Key')).to.match(/^[0-9a-f-]{36}$/);
    const body = posts[0]!.body as { version: number; answers: Record<string, unknown> };
    expect(body.version).to.equal(3);
    expect(body.answers).to.deep.include({ orgName: 'TJ Sokol Javorná Lhota', ico: '12345678', declaration: true });
    expect(submitted?.detail.reference).to.equal('2026/000125');
    expect(localStorage.getItem(DRAFT_KEY)).to.equal(null);
  });

  it('a failed send keeps everything; sending again reuses the same idempotency key', async () => {
    const backend: FormBackend = { submit: 'offline', log: [] };
    const { page, root, portal } = await show({ backend, draft: { answers: CLUB_ANSWERS, step: '#review' } });
    button(root, 'Odeslat').click();
    await waitUntil(() => root.querySelector('[data-submit-problem]'), 'no problem shown', { timeout: 8000 });
    const problem = root.querySelector<HTMLElement>('[data-submit-problem]')!;
    await waitUntil(() => deepActive() === problem);
    expect(textOf(problem)).to.contain('Vaše odpovědi zůstávají uložené');
    await expectAccessible(page);
    expect(JSON.parse(localStorage.getItem(DRAFT_KEY)!).answers).to.deep.equal(CLUB_ANSWERS);
    backend.submit = 'ok';
    portal.fetch = formFetch(backend);
    button(root, 'Odeslat').click();
    await waitUntil(() => root.querySelector('[part="confirmation"]'), 'no confirmation');
    const keys = new Set(backend.log!.filter((entry) => entry.path.endsWith('/submissions')).map((entry) => entry.headers.get('Idempotency-Key')));
    expect(keys.size).to.equal(1);
  });

  it('answers the server refused: back to their step with the errors shown', async () => {
    const { page, root } = await show({ backend: { submit: { refuse: [{ path: 'ico', code: 'pattern' }] } }, draft: { answers: CLUB_ANSWERS, step: '#review' } });
    button(root, 'Odeslat').click();
    await waitUntil(() => root.querySelector('[part="error-summary"]'), 'no error summary');
    expect(heading(root)).to.equal('Organizace');
    expect(textOf(root)).to.contain('Úřad některé odpovědi nepřijal');
    expect(textOf(root)).to.contain('Tuto odpověď úřad nepřijal');
    await expectAccessible(page);
  });

  it('saves every change in this browser at once and continues where the citizen left', async () => {
    const first = await show();
    await type(first.root, 'name', 'Jan Novák');
    await waitUntil(() => JSON.parse(localStorage.getItem(DRAFT_KEY) ?? '{}').answers?.name === 'Jan Novák', 'not saved');
    cleanPage();
    const second = await show();
    expect(field(second.root, 'name').value).to.equal('Jan Novák');
    expect(textOf(second.root)).to.contain('Pokračujete v rozpracovaném formuláři');
  });

  it('signed in: pre-filled from the identity, saved in the account, earlier submissions with their state', async () => {
    const backend: FormBackend = { submissions: SUBMISSIONS, me: ZOFIE_ME, log: [] };
    const { page, root } = await show({ backend, signedIn: true });
    await waitUntil(() => field(root, 'name').value === 'Žofie Dvořáková', 'not pre-filled');
    expect(field(root, 'email').value).to.equal('zofie@example.cz');
    expect(textOf(root)).to.contain('vyplnili z vaší identity');
    await waitUntil(() => textOf(root).includes('2026/000124'), 'no submissions');
    expect(textOf(root)).to.contain('Vyřizuje se');
    expect(textOf(root)).to.contain('Posuzuje finanční výbor.');
    await expectAccessible(page);
    await type(root, 'name', ' ml.');
    await waitUntil(() => backend.log!.some((entry) => entry.method === 'PUT' && entry.path.endsWith('/draft')), 'no draft saved in the account', { timeout: 4000 });
    const saved = backend.log!.filter((entry) => entry.method === 'PUT').at(-1)!.body as { answers: { name: string } };
    expect(saved.answers.name).to.equal('Žofie Dvořáková ml.');
  });

  it('signed in: a newer draft in the account wins over an older one in this browser', async () => {
    const draft = { version: 3, answers: { name: 'Z laptopu' }, step: 'applicant', updatedAt: '2026-11-21T08:00:00Z' };
    const { root } = await show({ backend: { draft, me: ZOFIE_ME }, signedIn: true, draft: { answers: { name: 'Z telefonu' }, step: 'applicant', updatedAt: '2026-11-20T08:00:00Z' } });
    await waitUntil(() => field(root, 'name').value === 'Z laptopu', `kept ${field(root, 'name').value}`);
  });

  it('uploads a chosen file at once and shows a refusal in words', async () => {
    const backend: FormBackend = { log: [] };
    const { root } = await show({ backend, draft: { answers: CLUB_ANSWERS, step: 'budget' } });
    const files = field(root, 'quote') as HTMLElement & { value: { name: string }[] };
    const input = files.shadowRoot!.querySelector<HTMLInputElement>('input[type="file"]')!;
    const transfer = new DataTransfer();
    transfer.items.add(new File(['%PDF-1.4 quote'], 'nabidka.pdf', { type: 'application/pdf' }));
    input.files = transfer.files;
    input.dispatchEvent(new Event('change', { bubbles: true }));
    await waitUntil(() => files.value?.[0]?.name === 'nabidka.pdf', 'not uploaded');
    const upload = backend.log!.find((entry) => entry.path.startsWith('/uploads'))!;
    expect(upload.path).to.equal('/uploads?form=club-grant&field=quote');
    expect(upload.headers.get('X-File-Name')).to.equal('nabidka.pdf');
    await waitUntil(() => JSON.parse(localStorage.getItem(DRAFT_KEY)!).answers.quote?.[0]?.id === 'u-nabidka.pdf', 'the upload is not in the draft');
  });

  it('speaks English with English plurals', async () => {
    const { page, root } = await show({ lang: 'en' });
    expect(textOf(root)).to.contain('Application for a club grant');
    expect(textOf(root)).to.contain('Step 1 of 2');
    button(root, 'Continue').click();
    await waitUntil(() => textOf(root).includes('There is a problem'));
    await expectAccessible(page);
  });

  it('a form the town took down says so', async () => {
    const page = mount(`<obec-portal api="https://obec.example/api"></obec-portal><obec-form form-id="club-grant"></obec-form>`);
    (page.querySelector('obec-portal') as ObecPortal).fetch = formFetch({ definition: 'missing' });
    const root = await rendered(page.querySelector('obec-form')!);
    await waitUntil(() => textOf(root).includes('Tento formulář tu už není'));
    await expectAccessible(page);
  });
});

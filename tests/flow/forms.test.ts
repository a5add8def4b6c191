import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, BrowserContext, Locator, Page, Request } from 'playwright-core';
import type { OfficeSubmission } from '../../server/forms/schemas.js';
import { axeViolations, launchChromium, newContext, pageEvents, recordPageEvents, signIn, startTestDemo, widgetText } from './harness.js';

type TestDemo = Awaited<ReturnType<typeof startTestDemo>>;

/** A small valid PDF (one empty A4 page, with its cross-reference table), as a citizen attaches a quote. */
function minimalPdf(): Buffer {
  const objects = ['<< /Type /Catalog /Pages 2 0 R >>', '<< /Type /Pages /Kids [3 0 R] /Count 1 >>', '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>'];
  let text = '%PDF-1.4\n';
  const offsets = objects.map((object, index) => {
    const offset = text.length;
    text += `${index + 1} 0 obj\n${object}\nendobj\n`;
    return offset;
  });
  const xref = text.length;
  text += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((offset) => `${String(offset).padStart(10, '0')} 00000 n \n`).join('')}`;
  text += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(text, 'latin1');
}

const PDF = minimalPdf();
/** A 1×1 PNG. */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=', 'base64');
/** The start of a Windows program: what a renamed .exe really is. */
const EXE = Buffer.concat([Buffer.from([0x4d, 0x5a, 0x90, 0x00, 0x03, 0x00, 0x00, 0x00, 0x04, 0x00]), Buffer.alloc(502)]);

const PROJECT_DESCRIPTION =
  'Promítání pěti filmů pod širým nebem na návsi pro všechny generace, s besedou s tvůrci a s občerstvením, které připraví místní spolky.';

/** Whether the target has the focus, looking through the shadow roots it is in. */
const hasFocus = (target: Locator) =>
  target.evaluate((element) => {
    let active = document.activeElement;
    while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
    return active === element;
  });

/** What a screen reader reads after a control's name: the text of the elements its `aria-describedby` names. */
const description = (control: Locator) =>
  control.evaluate((element) => {
    const root = element.getRootNode() as Document | ShadowRoot;
    const ids = (element.getAttribute('aria-describedby') ?? '').split(/\s+/).filter(Boolean);
    return ids.map((id) => root.getElementById(id)?.textContent ?? '').join(' ').replace(/\s+/g, ' ').trim();
  });

/**
 * Presses Tab (or Shift+Tab) until the target has the focus, as a person
 * using the keyboard does; fails when it cannot be reached that way.
 */
async function tabTo(page: Page, target: Locator, { back = false, max = 60 } = {}): Promise<void> {
  await target.waitFor();
  for (let presses = 0; presses <= max; presses++) {
    if (await hasFocus(target)) return;
    await page.keyboard.press(back ? 'Shift+Tab' : 'Tab');
  }
  assert.fail(`${target} was not reached with ${max} presses of ${back ? 'Shift+Tab' : 'Tab'}`);
}

/** Tab to a text control, select what is in it and type over it. */
async function typeInto(page: Page, target: Locator, text: string): Promise<void> {
  await tabTo(page, target);
  await page.keyboard.press('Control+A');
  await page.keyboard.type(text);
}

/** Tab to a button and press it with Enter (or Space). */
async function press(page: Page, button: Locator, key: 'Enter' | 'Space' = 'Enter'): Promise<void> {
  await tabTo(page, button);
  await page.keyboard.press(key);
}

/**
 * The order Chromium's date input takes day, month and year in: that of the
 * browser's own locale (Debian's Chromium without its translations is
 * month/day/year whatever the page's language).
 */
async function dateOrder(browser: Browser): Promise<'dmy' | 'mdy'> {
  const page = await browser.newPage();
  try {
    await page.setContent('<input type="date" aria-label="probe">');
    await page.locator('input').focus();
    await page.keyboard.type('01022003');
    const value = await page.locator('input').inputValue();
    if (value === '2003-02-01') return 'dmy';
    if (value === '2003-01-02') return 'mdy';
    throw new Error(`unexpected order of the date input's parts: 01022003 gave "${value}"`);
  } finally {
    await page.close();
  }
}

/** The office's bearer-token API of the demo backend. */
async function office<T>(demo: TestDemo, path: string, { method = 'GET', body }: { method?: string; body?: unknown } = {}): Promise<T> {
  const response = await fetch(`${demo.backendUrl}/api/office${path}`, {
    method,
    headers: { Authorization: `Bearer ${demo.officeToken}`, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  assert.equal(response.status, 200, `${method} ${path}: ${await response.clone().text()}`);
  return (await response.json()) as T;
}

const officeSubmissions = async (demo: TestDemo, formId: string) =>
  (await office<{ submissions: OfficeSubmission[] }>(demo, `/forms/${formId}/submissions`)).submissions;

const isSubmission = (request: Request, formId: string) => request.method() === 'POST' && request.url().endsWith(`/api/forms/${formId}/submissions`);

/** The forms on the demo town's "Formuláře" page, in Chromium against the real backend and NIA simulator. */
describe('forms and submissions on the demo town', () => {
  let demo: TestDemo;
  let browser: Browser;
  let order: 'dmy' | 'mdy';

  /** Tabs to a date input and types a `YYYY-MM-DD` date into it, its parts in the order the input takes them. */
  const typeDate = async (page: Page, target: Locator, iso: string) => {
    const [year, month, day] = iso.split('-') as [string, string, string];
    await tabTo(page, target);
    await page.keyboard.type(order === 'dmy' ? `${day}${month}${year}` : `${month}${day}${year}`);
    assert.equal(await target.inputValue(), iso);
  };

  const grantOf = (page: Page) => page.locator('obec-form[form-id="grant-2027"]');
  const dogOf = (page: Page) => page.locator('obec-form[form-id="dog-registration"]');
  const stepHeading = (form: Locator, title: string) => form.getByRole('heading', { level: 3, name: title, exact: true });
  const progress = (form: Locator) => form.getByText(/^Krok \d+ z \d+$/);
  const resumedNotice = (form: Locator) => form.getByText(/^Pokračujete v rozpracovaném formuláři z /);

  /** The reference number the confirmation gives. */
  async function referenceOf(form: Locator): Promise<string> {
    const confirmation = form.locator('[part="confirmation"]');
    await confirmation.waitFor();
    return /Číslo vašeho podání\s+(\S+)/.exec(await confirmation.innerText())?.[1] ?? '';
  }

  /** "Pokračovat" with the mouse, and the next step (or the review) is there; fails with the errors the step has. */
  async function next(form: Locator, title: string): Promise<void> {
    await form.getByRole('button', { name: 'Pokračovat' }).click();
    const summary = form.locator('[part="error-summary"]');
    await stepHeading(form, title).or(summary).waitFor();
    if (await summary.isVisible()) assert.fail(`"Pokračovat" did not lead to "${title}": ${await summary.innerText()}`);
  }

  async function openFormsPage(context: BrowserContext): Promise<Page> {
    const page = await context.newPage();
    await page.goto(`${demo.siteUrl}/formulare.html`);
    await progress(grantOf(page)).waitFor();
    return page;
  }

  /** The contact step of the grant form, for someone not signed in. */
  async function fillContact(grant: Locator): Promise<void> {
    await grant.getByLabel('Jméno a příjmení').fill('Karel Vomáčka');
    await grant.getByLabel('Datum narození').fill('1975-03-08');
    await grant.getByLabel('E-mail').fill('karel.vomacka@example.cz');
    await grant.getByLabel('Ulice a číslo domu').fill('Polní 21');
    await grant.getByLabel('Obec', { exact: true }).fill('Javorná Lhota');
    await grant.getByLabel('PSČ').fill('123 45');
  }

  /** The project and budget steps of the grant form (one budget line), ending on the attachments. */
  async function fillProjectAndBudget(grant: Locator, title = 'Letní kino na návsi'): Promise<void> {
    await grant.getByLabel('Název projektu').fill(title);
    await grant.getByLabel('Popis projektu').fill(PROJECT_DESCRIPTION);
    await grant.getByLabel('Začátek projektu').fill('2027-06-01');
    await grant.getByLabel('Konec projektu').fill('2027-08-31');
    await grant.getByRole('checkbox', { name: 'Kultura' }).check();
    await next(grant, 'Rozpočet');
    await grant.getByRole('button', { name: 'Přidat: Položka rozpočtu' }).click();
    await grant.getByLabel('Za co').fill('Pronájem plátna a projektoru');
    await grant.getByLabel('Částka (Kč)').fill('30 000');
    await grant.getByLabel('Požadovaná výše dotace (Kč)').fill('20 000');
    await grant.getByLabel('Číslo účtu pro vyplacení dotace').fill('19-2000145399/0800');
    await next(grant, 'Přílohy');
  }

  /** Attaches a file to a file field and waits until it is uploaded. */
  async function attach(form: Locator, label: string, file: { name: string; mimeType: string; buffer: Buffer }): Promise<void> {
    const field = form.getByLabel(label);
    await field.setInputFiles(file);
    const status = form.getByRole('status').filter({ hasText: file.name });
    await status.waitFor();
    assert.equal((await status.innerText()).trim(), `Soubor ${file.name} nahrán.`);
  }

  /** The rest of the grant form from the attachments to the review. */
  async function attachAndDeclare(grant: Locator): Promise<void> {
    await attach(grant, 'Rozpočet nebo cenová nabídka', { name: 'nabidka.pdf', mimeType: 'application/pdf', buffer: PDF });
    await next(grant, 'Prohlášení');
    await grant.getByRole('checkbox', { name: /^Prohlašuji/ }).check();
    await next(grant, 'Zkontrolujte své odpovědi');
  }

  /** The dog registration filled in with the mouse, up to the review. */
  async function fillDog(dog: Locator, dogName: string): Promise<void> {
    await dog.getByLabel('Jméno a příjmení').fill('Alena Horáková');
    await dog.getByLabel('Datum narození', { exact: true }).fill('1984-11-02');
    await dog.getByLabel('Ulice a číslo domu').fill('Zahradní 4');
    await dog.getByLabel('Obec', { exact: true }).fill('Javorná Lhota');
    await dog.getByLabel('PSČ').fill('12345');
    await dog.getByLabel('E-mail').fill('alena.horakova@example.cz');
    await next(dog, 'Pes');
    await dog.getByLabel('Jméno psa').fill(dogName);
    await dog.getByLabel('Plemeno').fill('kříženec');
    await dog.getByLabel('Datum narození psa').fill('2025-05-10');
    await dog.getByLabel('Číslo čipu').fill('203098100123456');
    await next(dog, 'Snížený poplatek');
    await dog.getByRole('radio', { name: 'Ne', exact: true }).check();
    await next(dog, 'Prohlášení');
    await dog.getByRole('checkbox', { name: /^Prohlašuji/ }).check();
    await next(dog, 'Zkontrolujte své odpovědi');
  }

  before(async () => {
    demo = await startTestDemo();
    browser = await launchChromium();
    order = await dateOrder(browser);
  });
  after(async () => {
    await browser?.close();
    await demo?.close();
  });

  test('a newcomer applies for a grant by keyboard alone, sees it received, and then in progress with the office’s note', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await page.goto(`${demo.siteUrl}/formulare.html`);
    await signIn(page, { citizen: /Žofie Dvořáková/ });
    const grant = grantOf(page);
    await grant.getByText('Některé údaje jsme vyplnili z vaší identity').waitFor();
    assert.equal(await progress(grant).innerText(), 'Krok 1 z 6');
    assert.deepEqual(await axeViolations(page), []);

    // 1 Žadatel
    await tabTo(page, grant.getByRole('radio', { name: 'Fyzická osoba' }));
    await page.keyboard.press('Space');
    assert.equal(await grant.getByRole('radio', { name: 'Fyzická osoba' }).isChecked(), true);
    await press(page, grant.getByRole('button', { name: 'Pokračovat' }));

    // 2 Kontaktní údaje: filled in from the identity, the focus on the step's heading
    await stepHeading(grant, 'Kontaktní údaje').waitFor();
    assert.equal(await hasFocus(stepHeading(grant, 'Kontaktní údaje')), true, 'the new step’s heading has the focus');
    assert.equal(await progress(grant).innerText(), 'Krok 2 z 6');
    assert.equal(await grant.getByLabel('Jméno a příjmení').inputValue(), 'Žofie Dvořáková');
    assert.equal(await grant.getByLabel('Datum narození').inputValue(), '1991-09-30');
    assert.equal(await grant.getByLabel('E-mail').inputValue(), 'zofie.dvorakova@example.cz');
    assert.equal(await grant.getByLabel('Ulice a číslo domu').inputValue(), 'Lipová 7');
    assert.equal(await grant.getByLabel('Obec', { exact: true }).inputValue(), 'Javorná Lhota');
    assert.equal(await grant.getByLabel('PSČ').inputValue(), '123 45');
    assert.deepEqual(await axeViolations(page), []);
    await typeInto(page, grant.getByLabel('Telefon'), '723 456 789');
    await press(page, grant.getByRole('button', { name: 'Pokračovat' }));

    // 3 Projekt: "Pokračovat" with nothing filled in gives the error summary, focused
    await stepHeading(grant, 'Projekt').waitFor();
    assert.deepEqual(await axeViolations(page), []);
    await press(page, grant.getByRole('button', { name: 'Pokračovat' }));
    const summary = grant.locator('[part="error-summary"]');
    await summary.waitFor();
    assert.equal(await hasFocus(summary), true, 'the error summary has the focus');
    assert.match(await summary.innerText(), /Název projektu: Vyplňte tento údaj\./);
    assert.match(await summary.innerText(), /Oblast podpory: Vyberte alespoň jednu možnost\./);
    assert.deepEqual(await axeViolations(page), []);
    await typeInto(page, grant.getByLabel('Název projektu'), 'Letní kino na návsi');
    await typeInto(page, grant.getByLabel('Popis projektu'), PROJECT_DESCRIPTION);
    await typeDate(page, grant.getByLabel('Začátek projektu'), '2027-06-01');
    await typeDate(page, grant.getByLabel('Konec projektu'), '2027-08-31');
    await tabTo(page, grant.getByRole('checkbox', { name: 'Kultura' }));
    await page.keyboard.press('Space');
    await tabTo(page, grant.getByRole('checkbox', { name: 'Děti a mládež' }));
    await page.keyboard.press('Space');
    await press(page, grant.getByRole('button', { name: 'Pokračovat' }));

    // 4 Rozpočet: two lines and their total
    await stepHeading(grant, 'Rozpočet').waitFor();
    assert.deepEqual(await axeViolations(page), []);
    const add = grant.getByRole('button', { name: 'Přidat: Položka rozpočtu' });
    await press(page, add);
    const first = grant.getByRole('group', { name: 'Položka rozpočtu 1' });
    await first.waitFor();
    assert.equal(await hasFocus(first.getByLabel('Za co')), true, 'a new line takes the focus to its first field');
    await page.keyboard.type('Pronájem plátna a projektoru');
    await typeInto(page, first.getByLabel('Částka (Kč)'), '12 000');
    await press(page, add, 'Space');
    const second = grant.getByRole('group', { name: 'Položka rozpočtu 2' });
    await second.waitFor();
    assert.equal(await hasFocus(second.getByLabel('Za co')), true);
    await page.keyboard.type('Ozvučení');
    await typeInto(page, second.getByLabel('Částka (Kč)'), '8 500,50');
    await grant.getByText(/Celkové náklady: 20\s500,50\sKč/).waitFor();
    await typeInto(page, grant.getByLabel('Požadovaná výše dotace (Kč)'), '14 000');
    await typeInto(page, grant.getByLabel('Číslo účtu pro vyplacení dotace'), '19-2000145399/0800');
    assert.deepEqual(await axeViolations(page), []);
    await press(page, grant.getByRole('button', { name: 'Pokračovat' }));

    // 5 Přílohy: the file inputs reached by keyboard, the files picked as in the system's dialog
    await stepHeading(grant, 'Přílohy').waitFor();
    const quote = grant.getByLabel('Rozpočet nebo cenová nabídka');
    await tabTo(page, quote);
    await quote.setInputFiles({ name: 'rozpocet.pdf', mimeType: 'application/pdf', buffer: PDF });
    await grant.getByRole('status').filter({ hasText: /^Soubor rozpocet\.pdf nahrán\.$/ }).waitFor();
    const others = grant.getByLabel('Další přílohy');
    await tabTo(page, others);
    await others.setInputFiles({ name: 'plakat.png', mimeType: 'image/png', buffer: PNG });
    await grant.getByRole('status').filter({ hasText: /^Soubor plakat\.png nahrán\.$/ }).waitFor();
    assert.deepEqual(await axeViolations(page), []);
    await press(page, grant.getByRole('button', { name: 'Pokračovat' }));

    // 6 Prohlášení
    await stepHeading(grant, 'Prohlášení').waitFor();
    assert.deepEqual(await axeViolations(page), []);
    await tabTo(page, grant.getByRole('checkbox', { name: /^Prohlašuji/ }));
    await page.keyboard.press('Space');
    await press(page, grant.getByRole('button', { name: 'Pokračovat' }));

    // the review
    await stepHeading(grant, 'Zkontrolujte své odpovědi').waitFor();
    const review = await widgetText(page, 'obec-form[form-id="grant-2027"]');
    for (const answer of ['Fyzická osoba', 'Žofie Dvořáková', '30. 9. 1991', 'Lipová 7, 123 45 Javorná Lhota', 'Kultura, Děti a mládež', 'rozpocet.pdf', 'plakat.png', 'Potvrzeno']) {
      assert.ok(review.includes(answer), `the review lacks "${answer}": ${review}`);
    }
    assert.match(review, /Celkové náklady: 20\s500,50\sKč/);
    assert.deepEqual(await axeViolations(page), []);
    await press(page, grant.getByRole('button', { name: 'Odeslat' }));

    // the confirmation, and the submission among the citizen's
    const reference = await referenceOf(grant);
    const confirmation = grant.locator('[part="confirmation"]');
    assert.equal(await hasFocus(confirmation.getByRole('heading', { name: 'Odesláno' })), true, 'the confirmation’s heading has the focus');
    assert.match(reference, /^\d{4}\/\d{6}$/);
    assert.match(await confirmation.innerText(), /Zastupitelstvo o dotacích rozhodne do 31\. 3\. 2027/);
    assert.deepEqual(await axeViolations(page), []);
    const row = grant.getByRole('row', { name: new RegExp(reference) });
    await row.waitFor();
    assert.match(await row.innerText(), /Přijato/);

    // the office sees the answers, the identity and the files
    const submission = (await officeSubmissions(demo, 'grant-2027')).find((candidate) => candidate.reference === reference);
    assert.ok(submission, `the office does not list ${reference}`);
    assert.equal(submission.state, 'received');
    assert.equal(submission.signedIn, true);
    assert.equal(submission.identity?.name, 'Žofie Dvořáková');
    const { answers } = submission;
    assert.equal(answers.applicant_type, 'person');
    assert.equal(answers.contact_name, 'Žofie Dvořáková');
    assert.equal(answers.birthdate, '1991-09-30');
    assert.equal(answers.email, 'zofie.dvorakova@example.cz');
    assert.deepEqual(answers.address, { street: 'Lipová 7', city: 'Javorná Lhota', postcode: '123 45' });
    assert.equal(answers.phone, '723 456 789');
    assert.deepEqual(answers.areas, ['culture', 'youth']);
    assert.deepEqual(answers.budget, [
      { item: 'Pronájem plátna a projektoru', amount: 12000 },
      { item: 'Ozvučení', amount: 8500.5 },
    ]);
    assert.equal(answers.requested_amount, 14000);
    assert.equal(answers.declaration, true);
    assert.deepEqual(
      submission.files.map(({ name, type, size }) => ({ name, type, size })),
      [
        { name: 'rozpocet.pdf', type: 'application/pdf', size: PDF.length },
        { name: 'plakat.png', type: 'image/png', size: PNG.length },
      ],
    );
    const stored = await fetch(`${demo.backendUrl}/api/office/submissions/${submission.id}/files/${submission.files[0]!.id}`, {
      headers: { Authorization: `Bearer ${demo.officeToken}` },
    });
    assert.deepEqual(Buffer.from(await stored.arrayBuffer()), PDF, 'the stored file is the one sent');

    // the office takes it up with a note; the citizen sees it after a reload
    const note = 'Žádost posoudí komise pro kulturu 15. 2. 2027.';
    const changed = await office<OfficeSubmission>(demo, `/submissions/${submission.id}`, { method: 'PATCH', body: { state: 'in-progress', note } });
    assert.equal(changed.state, 'in-progress');
    await page.reload();
    const updated = grant.getByRole('row', { name: new RegExp(reference) });
    await updated.filter({ hasText: 'Vyřizuje se' }).waitFor();
    assert.ok((await updated.innerText()).includes(note), 'the office’s note is not shown');
    assert.deepEqual(await axeViolations(page), []);
    await context.close();
  });

  test('a dog registered by keyboard alone without signing in: the reduced fee’s reason comes and goes, a wrong chip number is explained', async () => {
    const context = await newContext(browser);
    const page = await openFormsPage(context);
    const dog = dogOf(page);
    assert.equal(await dog.getByText('Vaše podání').count(), 0, 'someone not signed in is shown a list of submissions');

    // Držitel psa
    await typeInto(page, dog.getByLabel('Jméno a příjmení'), 'Alena Horáková');
    await typeDate(page, dog.getByLabel('Datum narození', { exact: true }), '1988-05-20');
    await typeInto(page, dog.getByLabel('Ulice a číslo domu'), 'Zahradní 4');
    await typeInto(page, dog.getByLabel('Obec', { exact: true }), 'Javorná Lhota');
    await typeInto(page, dog.getByLabel('PSČ'), '123 45');
    await typeInto(page, dog.getByLabel('E-mail'), 'alena.horakova@example.cz');
    assert.deepEqual(await axeViolations(page), []);
    await press(page, dog.getByRole('button', { name: 'Pokračovat' }));

    // Pes: a chip number one digit short
    await stepHeading(dog, 'Pes').waitFor();
    await typeInto(page, dog.getByLabel('Jméno psa'), 'Baryk');
    await typeInto(page, dog.getByLabel('Plemeno'), 'kříženec');
    await typeDate(page, dog.getByLabel('Datum narození psa'), '2025-05-10');
    await typeInto(page, dog.getByLabel('Číslo čipu'), '20309810012345');
    await press(page, dog.getByRole('button', { name: 'Pokračovat' }));
    const summary = dog.locator('[part="error-summary"]');
    await summary.waitFor();
    assert.equal(await hasFocus(summary), true, 'the error summary has the focus');
    const expected = 'Číslo čipu má 15 číslic bez mezer, například 203098100123456.';
    const links = summary.getByRole('link');
    assert.deepEqual(await links.allInnerTexts(), [`Číslo čipu: ${expected}`]);
    const chip = dog.getByLabel('Číslo čipu');
    assert.equal(await chip.getAttribute('aria-invalid'), 'true');
    assert.ok((await description(chip)).endsWith(`Chyba: ${expected}`), `the chip number is described as "${await description(chip)}"`);
    assert.deepEqual(await axeViolations(page), []);
    // the summary's link takes the focus to the field
    await tabTo(page, links.first());
    await page.keyboard.press('Enter');
    assert.equal(await hasFocus(chip), true, 'the summary’s link focuses the chip number');
    await page.keyboard.press('Control+A');
    await page.keyboard.type('203098100123456');
    await summary.waitFor({ state: 'detached' });
    await press(page, dog.getByRole('button', { name: 'Pokračovat' }));

    // Snížený poplatek: Ano shows the reason, Ne takes it away
    await stepHeading(dog, 'Snížený poplatek').waitFor();
    const reason = dog.getByRole('group', { name: 'Důvod sníženého poplatku' });
    assert.equal(await reason.count(), 0);
    const yes = dog.getByRole('radio', { name: 'Ano', exact: true });
    await tabTo(page, yes);
    await page.keyboard.press('Space');
    await reason.waitFor();
    assert.deepEqual(await axeViolations(page), []);
    await tabTo(page, reason.getByRole('radio', { name: 'Je mi více než 65 let' }));
    await page.keyboard.press('ArrowDown');
    assert.equal(await reason.getByRole('radio', { name: 'Pobírám starobní důchod' }).isChecked(), true);
    await tabTo(page, yes, { back: true });
    await page.keyboard.press('ArrowRight');
    assert.equal(await dog.getByRole('radio', { name: 'Ne', exact: true }).isChecked(), true);
    await reason.waitFor({ state: 'detached' });
    await press(page, dog.getByRole('button', { name: 'Pokračovat' }));

    // Prohlášení, the review, sending
    await stepHeading(dog, 'Prohlášení').waitFor();
    await tabTo(page, dog.getByRole('checkbox', { name: /^Prohlašuji/ }));
    await page.keyboard.press('Space');
    await press(page, dog.getByRole('button', { name: 'Pokračovat' }));
    await stepHeading(dog, 'Zkontrolujte své odpovědi').waitFor();
    const review = await widgetText(page, 'obec-form[form-id="dog-registration"]');
    assert.match(review, /Baryk/);
    assert.match(review, /203098100123456/);
    assert.doesNotMatch(review, /Důvod sníženého poplatku/);
    assert.deepEqual(await axeViolations(page), []);
    const sent = page.waitForRequest((request) => isSubmission(request, 'dog-registration'));
    await press(page, dog.getByRole('button', { name: 'Odeslat' }));
    const body = (await sent).postDataJSON() as { answers: Record<string, unknown> };
    assert.equal(body.answers.owner_senior, false);
    assert.equal('reduction_reason' in body.answers, false, 'the hidden reason was sent');

    const reference = await referenceOf(dog);
    assert.match(reference, /^\d{4}\/\d{6}$/);
    assert.deepEqual(await axeViolations(page), []);
    const submission = (await officeSubmissions(demo, 'dog-registration')).find((candidate) => candidate.reference === reference);
    assert.ok(submission);
    assert.equal(submission.signedIn, false);
    assert.equal(submission.answers.chip_number, '203098100123456');
    assert.equal(submission.answers.owner_birthdate, '1988-05-20');
    assert.equal('reduction_reason' in submission.answers, false);
    await context.close();
  });

  test('leaving mid-way: after a reload, and in a new tab, the answers and the step are back', async () => {
    const context = await newContext(browser);
    const page = await openFormsPage(context);
    const grant = grantOf(page);
    await grant.getByRole('radio', { name: 'Fyzická osoba' }).check();
    await next(grant, 'Kontaktní údaje');
    await fillContact(grant);
    await next(grant, 'Projekt');
    await grant.getByLabel('Název projektu').fill('Výsadba aleje');

    /** The form is back where it was left, with its answers. */
    const resumed = async (again: Page) => {
      const form = grantOf(again);
      await stepHeading(form, 'Projekt').waitFor();
      assert.equal(await progress(form).innerText(), 'Krok 3 z 6');
      await resumedNotice(form).waitFor();
      assert.equal(await form.getByLabel('Název projektu').inputValue(), 'Výsadba aleje');
      assert.deepEqual(await axeViolations(again), []);
      await form.getByRole('button', { name: 'Zpět' }).click();
      await stepHeading(form, 'Kontaktní údaje').waitFor();
      assert.equal(await form.getByLabel('Jméno a příjmení').inputValue(), 'Karel Vomáčka');
      assert.equal(await form.getByLabel('Datum narození').inputValue(), '1975-03-08');
      assert.equal(await form.getByLabel('PSČ').inputValue(), '123 45');
      await next(form, 'Projekt');
    };
    await page.reload();
    await resumed(page);
    const tab = await context.newPage();
    await tab.goto(`${demo.siteUrl}/formulare.html`);
    await resumed(tab);
    // the dog form on the same page was not touched and does not claim to be resumed
    assert.equal(await resumedNotice(dogOf(page)).count(), 0);
    await context.close();
  });

  test('a draft follows the signed-in citizen to another device', async () => {
    const phone = await newContext(browser);
    const page = await phone.newPage();
    await page.goto(`${demo.siteUrl}/formulare.html`);
    await signIn(page, { citizen: /Jan Novák/ });
    const grant = grantOf(page);
    await grant.getByText('Některé údaje jsme vyplnili z vaší identity').waitFor();
    await grant.getByRole('radio', { name: 'Organizace' }).check();
    await next(grant, 'Organizace');
    await grant.getByLabel('Název organizace').fill('Spolek přátel Javorné Lhoty');
    await grant.getByLabel('IČO').fill('12345678');
    await grant.getByLabel('Právní forma').selectOption('association');
    await next(grant, 'Kontaktní údaje');
    const saved = page.waitForResponse(
      (response) => response.request().method() === 'PUT' && response.url().endsWith('/api/forms/grant-2027/draft') && (response.request().postData() ?? '').includes('777 888 999'),
    );
    await grant.getByLabel('Telefon').fill('777 888 999');
    assert.equal((await saved).status(), 200);

    const laptop = await newContext(browser);
    const other = await laptop.newPage();
    await other.goto(`${demo.siteUrl}/formulare.html`);
    await signIn(other, { citizen: /Jan Novák/ });
    const same = grantOf(other);
    await stepHeading(same, 'Kontaktní údaje').waitFor();
    assert.equal(await progress(same).innerText(), 'Krok 3 z 7');
    await resumedNotice(same).waitFor();
    assert.equal(await same.getByLabel('Telefon').inputValue(), '777 888 999');
    assert.equal(await same.getByLabel('Jméno a příjmení').inputValue(), 'Jan Novák');
    await same.getByRole('button', { name: 'Zpět' }).click();
    await stepHeading(same, 'Organizace').waitFor();
    assert.equal(await same.getByLabel('Název organizace').inputValue(), 'Spolek přátel Javorné Lhoty');
    assert.equal(await same.getByLabel('IČO').inputValue(), '12345678');
    assert.equal(await same.getByLabel('Právní forma').inputValue(), 'association');
    await laptop.close();
    await phone.close();
  });

  test('sending with the connection cut keeps everything and sends once; a lost answer is retried with the same key into one submission', async () => {
    const context = await newContext(browser);
    const page = await openFormsPage(context);
    const dog = dogOf(page);
    await fillDog(dog, 'Offline Ořech');

    await context.setOffline(true);
    await dog.getByRole('button', { name: 'Odeslat' }).click();
    const problem = dog.getByRole('alert').filter({ hasText: 'Formulář se nepodařilo odeslat.' });
    await problem.waitFor();
    assert.match(await problem.innerText(), /Vaše odpovědi zůstávají uložené/);
    assert.match(await widgetText(page, 'obec-form[form-id="dog-registration"]'), /Offline Ořech/);
    assert.deepEqual(await axeViolations(page), []);
    const named = async (dogName: string) => (await officeSubmissions(demo, 'dog-registration')).filter((submission) => submission.answers.dog_name === dogName);
    assert.deepEqual(await named('Offline Ořech'), []);
    await context.setOffline(false);
    await dog.getByRole('button', { name: 'Odeslat' }).click();
    const first = await referenceOf(dog);
    assert.deepEqual(
      (await named('Offline Ořech')).map((submission) => submission.reference),
      [first],
    );

    // the request reaches the server, its answer does not reach the browser
    await dog.getByRole('button', { name: 'Vyplnit formulář znovu' }).click();
    await stepHeading(dog, 'Držitel psa').waitFor();
    await fillDog(dog, 'Ztracená Odpověď');
    const attempts: { key?: string; status?: number }[] = [];
    await page.route('**/api/forms/dog-registration/submissions', async (route) => {
      const attempt: { key?: string; status?: number } = { key: route.request().headers()['idempotency-key'] };
      attempts.push(attempt);
      if (attempts.length === 1) {
        attempt.status = (await route.fetch()).status();
        await route.abort('connectionreset');
      } else {
        await route.continue();
      }
    });
    const answered = page.waitForResponse((response) => isSubmission(response.request(), 'dog-registration'));
    await dog.getByRole('button', { name: 'Odeslat' }).click();
    const reference = await referenceOf(dog);
    assert.equal(attempts.length, 2, 'the widget tried again once');
    assert.equal(attempts[0]!.status, 201, 'the first attempt was stored');
    assert.ok(attempts[0]!.key);
    assert.equal(attempts[1]!.key, attempts[0]!.key, 'the retry has the same Idempotency-Key');
    assert.equal((await answered).headers()['idempotent-replayed'], 'true', 'the server did not answer the retry with the first submission');
    assert.deepEqual(
      (await named('Ztracená Odpověď')).map((submission) => submission.reference),
      [reference],
      'the retry made a second submission',
    );
    await context.close();
  });

  test('the organisation step comes and goes with the applicant type, and its answers are not sent', async () => {
    const context = await newContext(browser);
    const page = await openFormsPage(context);
    const grant = grantOf(page);
    assert.equal(await progress(grant).innerText(), 'Krok 1 z 6');
    await grant.getByRole('radio', { name: 'Organizace' }).check();
    await progress(grant).filter({ hasText: /^Krok 1 z 7$/ }).waitFor();
    await grant.getByRole('radio', { name: 'Fyzická osoba' }).check();
    await progress(grant).filter({ hasText: /^Krok 1 z 6$/ }).waitFor();

    await grant.getByRole('radio', { name: 'Organizace' }).check();
    await next(grant, 'Organizace');
    assert.equal(await progress(grant).innerText(), 'Krok 2 z 7');
    await grant.getByLabel('Název organizace').fill('TJ Sokol Javorná Lhota');
    await grant.getByLabel('IČO').fill('87654321');
    await grant.getByLabel('Právní forma').selectOption('association');
    await next(grant, 'Kontaktní údaje');
    assert.equal(await grant.getByLabel('Datum narození').count(), 0, 'an organisation is not asked its birth date');

    // back to the start: a person after all
    await grant.getByRole('button', { name: 'Zpět' }).click();
    await stepHeading(grant, 'Organizace').waitFor();
    await grant.getByRole('button', { name: 'Zpět' }).click();
    await stepHeading(grant, 'Žadatel').waitFor();
    await grant.getByRole('radio', { name: 'Fyzická osoba' }).check();
    await next(grant, 'Kontaktní údaje');
    assert.equal(await progress(grant).innerText(), 'Krok 2 z 6');
    await fillContact(grant);
    await next(grant, 'Projekt');
    await fillProjectAndBudget(grant, 'Turnaj v nohejbale');
    await attachAndDeclare(grant);
    const review = await widgetText(page, 'obec-form[form-id="grant-2027"]');
    assert.doesNotMatch(review, /TJ Sokol|Název organizace/);

    const sent = page.waitForRequest((request) => isSubmission(request, 'grant-2027'));
    await grant.getByRole('button', { name: 'Odeslat' }).click();
    const body = (await sent).postDataJSON() as { answers: Record<string, unknown> };
    for (const id of ['org_name', 'ico', 'legal_form']) assert.equal(id in body.answers, false, `${id} was sent`);
    const reference = await referenceOf(grant);
    const submission = (await officeSubmissions(demo, 'grant-2027')).find((candidate) => candidate.reference === reference);
    assert.ok(submission);
    assert.equal(submission.answers.applicant_type, 'person');
    assert.equal(submission.answers.project_title, 'Turnaj v nohejbale');
    for (const id of ['org_name', 'ico', 'legal_form']) assert.equal(id in submission.answers, false, `${id} was stored`);
    await context.close();
  });

  test('uploads refused: too large before sending, not what its name says by the server, the rest of the form kept', async () => {
    const context = await newContext(browser);
    const page = await openFormsPage(context);
    const grant = grantOf(page);
    await grant.getByRole('radio', { name: 'Fyzická osoba' }).check();
    await next(grant, 'Kontaktní údaje');
    await fillContact(grant);
    await next(grant, 'Projekt');
    await fillProjectAndBudget(grant);
    await attach(grant, 'Další přílohy', { name: 'foto.png', mimeType: 'image/png', buffer: PNG });

    const uploads: string[] = [];
    page.on('request', (request) => {
      if (request.url().includes('/api/uploads')) uploads.push(request.url());
    });
    const quote = grant.getByLabel('Rozpočet nebo cenová nabídka');
    const big = Buffer.concat([PDF, Buffer.alloc(5 * 1024 * 1024 + 1 - PDF.length, 0x20)]);
    await quote.setInputFiles({ name: 'velky.pdf', mimeType: 'application/pdf', buffer: big });
    const tooLarge = 'Soubor velky.pdf je příliš velký. Přiložte soubor o velikosti nejvýše 5 MB.';
    // said to screen readers at once, and shown under the input as its description
    await grant.getByRole('status').filter({ hasText: tooLarge }).waitFor();
    assert.ok((await description(quote)).includes(`Chyba: ${tooLarge}`), `the file input is described as "${await description(quote)}"`);
    assert.deepEqual(uploads, [], 'a file over the limit was sent');
    assert.equal(await grant.getByRole('button', { name: 'Odebrat velky.pdf' }).count(), 0, 'the file over the limit is listed');
    assert.deepEqual(await axeViolations(page), []);

    const refused = page.waitForResponse((response) => response.url().includes('/api/uploads'));
    await quote.setInputFiles({ name: 'x.pdf', mimeType: 'application/pdf', buffer: EXE });
    assert.equal((await refused).status(), 415);
    const wrongType = 'Soubor x.pdf nelze přiložit. Přiložte soubor typu PDF, JPEG, PNG.';
    await grant.getByRole('status').filter({ hasText: wrongType }).waitFor();
    assert.ok((await description(quote)).includes(`Chyba: ${wrongType}`), `the file input is described as "${await description(quote)}"`);
    assert.equal(await grant.getByRole('button', { name: 'Odebrat x.pdf' }).count(), 0, 'the refused file is listed');
    assert.deepEqual(await axeViolations(page), []);

    // everything else is still there, and the form goes on
    assert.equal(await grant.getByRole('button', { name: 'Odebrat foto.png' }).count(), 1);
    await grant.getByRole('button', { name: 'Zpět' }).click();
    await stepHeading(grant, 'Rozpočet').waitFor();
    assert.equal(await grant.getByLabel('Za co').inputValue(), 'Pronájem plátna a projektoru');
    assert.equal(await grant.getByLabel('Číslo účtu pro vyplacení dotace').inputValue(), '19-2000145399/0800');
    await next(grant, 'Přílohy');
    await attachAndDeclare(grant);
    const review = await widgetText(page, 'obec-form[form-id="grant-2027"]');
    assert.match(review, /nabidka\.pdf/);
    assert.match(review, /foto\.png/);
    assert.doesNotMatch(review, /velky\.pdf|x\.pdf/);
    await context.close();
  });

  test('the forms keep to the site’s strict Content Security Policy', async () => {
    const context = await newContext(browser);
    await recordPageEvents(context);
    const page = await openFormsPage(context);
    const grant = grantOf(page);
    await progress(dogOf(page)).waitFor();
    await grant.getByRole('radio', { name: 'Fyzická osoba' }).check();
    await next(grant, 'Kontaktní údaje');
    assert.deepEqual((await pageEvents(page)).filter((event) => event.startsWith('csp:')), []);
    await context.close();
  });
});

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, Locator, Page } from 'playwright-core';
import type { PollResults } from '../../src/contract/polls.js';
import type { PollDefinition } from '../../src/polls/definition.js';
import { axeViolations, launchChromium, newContext, signIn, startTestDemo, widgetText } from './harness.js';

type TestDemo = Awaited<ReturnType<typeof startTestDemo>>;

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

/** Plus and minus votes of each option, as the office sees them now. */
async function tallies(demo: TestDemo, pollId: string): Promise<Map<string, { plus: number; minus: number }>> {
  const results = await office<PollResults>(demo, `/polls/${pollId}/results`);
  return new Map(results.rows.map((row) => [row.option, { plus: row.plus, minus: row.minus }]));
}

/** What changed between two tallies: `{ option: [Δplus, Δminus] }`, options without change left out. */
function difference(before: Map<string, { plus: number; minus: number }>, after: Map<string, { plus: number; minus: number }>): Record<string, [number, number]> {
  const changed: Record<string, [number, number]> = {};
  for (const [option, now] of after) {
    const then = before.get(option) ?? { plus: 0, minus: 0 };
    if (now.plus !== then.plus || now.minus !== then.minus) changed[option] = [now.plus - then.plus, now.minus - then.minus];
  }
  return changed;
}

const pollOf = (page: Page, id: string) => page.locator(`obec-poll[poll-id="${id}"]`);
const saved = (poll: Locator) => poll.getByRole('heading', { name: 'Váš hlas je uložen' });
/** The D21 buttons of an option: "Kladný hlas: <option>" (the option's title is read after the vote's name). */
const voteButton = (poll: Locator, vote: string, title: string) => poll.getByRole('button', { name: new RegExp(`^${vote}\\s*:\\s*${title}$`) });
const plusFor = (poll: Locator, title: string) => voteButton(poll, 'Kladný hlas', title);
const minusFor = (poll: Locator, title: string) => voteButton(poll, 'Záporný hlas', title);

/** Appends a poll widget to the page, as an editor adds one to an article. */
async function embed(page: Page, pollId: string): Promise<Locator> {
  await page.evaluate((id) => {
    const element = document.createElement('obec-poll');
    element.setAttribute('poll-id', id);
    document.querySelector('main')!.append(element);
  }, pollId);
  return pollOf(page, pollId);
}

/** The polls on the demo town's "Participace" page, in Chromium against the real backend, broker and NIA simulator. */
describe('polls and participatory budgets on the demo town', () => {
  let demo: TestDemo;
  let browser: Browser;

  before(async () => {
    demo = await startTestDemo();
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    await demo?.close();
  });

  test('an anonymous single-choice poll: vote without signing in, change the vote, the live results move, the browser remembers it', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await page.goto(`${demo.siteUrl}/participace.html`);
    const poll = pollOf(page, 'autobus-2027');
    await poll.getByText('Hlasovat může kdokoli bez přihlášení, hlasy proto nejsou ověřené.').waitFor();
    const start = await tallies(demo, 'autobus-2027');

    await poll.getByRole('radio', { name: 'Několikrát týdně' }).check();
    await poll.getByRole('button', { name: 'Odeslat hlas' }).click();
    await saved(poll).waitFor();
    assert.deepEqual(difference(start, await tallies(demo, 'autobus-2027')), { tydne: [1, 0] });
    await poll.getByRole('heading', { name: 'Průběžné výsledky' }).waitFor();
    assert.deepEqual(await axeViolations(page), []);

    await poll.getByRole('button', { name: 'Změnit hlas' }).click();
    await poll.getByRole('radio', { name: 'Jen výjimečně' }).check();
    await poll.getByRole('button', { name: 'Uložit změněný hlas' }).click();
    await saved(poll).waitFor();
    assert.deepEqual(difference(start, await tallies(demo, 'autobus-2027')), { vyjimecne: [1, 0] }, 'the changed vote replaces the first one');

    // the same browser later: its vote is there to change, not a second one to cast
    await page.reload();
    await saved(poll).waitFor();
    await poll.getByText('Jen výjimečně').first().waitFor();
    assert.equal(await poll.getByRole('button', { name: 'Odeslat hlas' }).count(), 0);
    assert.equal(await poll.getByRole('button', { name: 'Změnit hlas' }).count(), 1);
    await context.close();
  });

  test('a multiple-choice poll for verified citizens: sign in, choose two, change, results only after the office closes it', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await page.goto(`${demo.siteUrl}/participace.html`);
    const poll = pollOf(page, 'hriste-2027');
    await poll.getByRole('button', { name: 'Přihlásit se' }).waitFor();
    await signIn(page, { citizen: /Žofie Dvořáková/ });
    const start = await tallies(demo, 'hriste-2027');

    await poll.getByRole('checkbox', { name: 'Lanová pyramida na lezení' }).check();
    await poll.getByRole('checkbox', { name: 'Trampolína zapuštěná do země' }).check();
    await poll.getByText('Vybráno: 2 z 2').waitFor();
    await poll.getByRole('button', { name: 'Odeslat hlas' }).click();
    await saved(poll).waitFor();
    assert.deepEqual(difference(start, await tallies(demo, 'hriste-2027')), { 'lanova-pyramida': [1, 0], trampolina: [1, 0] });
    await poll.getByText('Výsledky se zobrazí po skončení hlasování.').waitFor();

    await poll.getByRole('button', { name: 'Změnit hlas' }).click();
    await poll.getByRole('checkbox', { name: 'Trampolína zapuštěná do země' }).uncheck();
    await poll.getByRole('checkbox', { name: 'Pískoviště se stříškou proti slunci' }).check();
    await poll.getByRole('button', { name: 'Uložit změněný hlas' }).click();
    await saved(poll).waitFor();
    assert.deepEqual(difference(start, await tallies(demo, 'hriste-2027')), { 'lanova-pyramida': [1, 0], piskoviste: [1, 0] });
    assert.deepEqual(await axeViolations(page), []);

    await office(demo, '/polls/hriste-2027', { method: 'PATCH', body: { status: 'closed' } });
    await page.reload();
    await poll.getByText('Hlasování skončilo.').waitFor();
    await poll.getByRole('heading', { name: 'Výsledky', exact: true }).waitFor();
    const table = poll.getByRole('table');
    const results = await office<PollResults>(demo, '/polls/hriste-2027/results');
    const first = results.rows[0]!;
    assert.match(await table.innerText(), new RegExp(`${first.plus}`), 'the table has the numbers of the results');
    assert.deepEqual(await axeViolations(page), []);
    await context.close();
  });

  test('a participatory budget by D21: plus votes, a minus vote once two plus votes are given, a change, then the published results', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await page.goto(`${demo.siteUrl}/participace.html`);
    const poll = pollOf(page, 'pb-2027');
    await poll.getByRole('button', { name: 'Přihlásit se' }).waitFor();
    await signIn(page);
    const start = await tallies(demo, 'pb-2027');

    await plusFor(poll, 'Bezpečná cesta do školy').waitFor();
    // the rules are stated before the ballot, and the minus vote waits for two plus votes
    await poll.getByText('Máte 3 kladné hlasy.').waitFor();
    const minusCarPark = minusFor(poll, 'Větší parkoviště u hřbitova');
    assert.equal(await minusCarPark.getAttribute('aria-disabled'), 'true');
    await plusFor(poll, 'Bezpečná cesta do školy').click();
    await plusFor(poll, 'Obecní ovocný sad').click();
    assert.equal(await minusCarPark.getAttribute('aria-disabled'), null, 'two plus votes unlock the minus vote');
    await minusCarPark.click();
    assert.equal(await minusCarPark.getAttribute('aria-pressed'), 'true');
    await poll.getByRole('button', { name: 'Odeslat hlas' }).click();
    await saved(poll).waitFor();
    assert.deepEqual(difference(start, await tallies(demo, 'pb-2027')), { 'chodnik-ke-skole': [1, 0], 'ovocny-sad': [1, 0], 'parkoviste-hrbitov': [0, 1] });

    // the change: a plus vote moves to the library box and a third goes to the benches; the minus vote stays
    await poll.getByRole('button', { name: 'Změnit hlas' }).click();
    await plusFor(poll, 'Obecní ovocný sad').click();
    await poll.getByText(/Záporný hlas jsme odebrali/).waitFor();
    await plusFor(poll, 'Knihobudka v autobusové čekárně').click();
    await plusFor(poll, 'Lavičky a stromy na návsi').click();
    // a fourth plus vote is refused on the spot, with the reason
    const fourth = plusFor(poll, 'Venkovní posilovna u hřiště');
    assert.equal(await fourth.getAttribute('aria-disabled'), 'true');
    await minusCarPark.click();
    await poll.getByRole('button', { name: 'Uložit změněný hlas' }).click();
    await saved(poll).waitFor();
    assert.deepEqual(difference(start, await tallies(demo, 'pb-2027')), {
      'chodnik-ke-skole': [1, 0],
      knihobudka: [1, 0],
      'lavicky-naves': [1, 0],
      'parkoviste-hrbitov': [0, 1],
    });
    assert.deepEqual(await axeViolations(page), []);

    // the office closes the vote and publishes the results
    await office(demo, '/polls/pb-2027', { method: 'PATCH', body: { status: 'closed' } });
    await office(demo, '/polls/pb-2027', { method: 'PATCH', body: { resultsPublished: true } });
    const published = await office<PollResults>(demo, '/polls/pb-2027/results');
    assert.equal(published.phase, 'published');
    await page.reload();
    await poll.getByRole('heading', { name: 'Výsledky', exact: true }).waitFor();
    await poll.getByRole('heading', { name: /^Hlasovali jste / }).waitFor();
    const funded = published.rows.filter((row) => row.funded).length;
    assert.ok(funded > 0);
    const text = await widgetText(page, 'obec-poll[poll-id="pb-2027"]');
    assert.match(text, /Vyřazen/, 'the car park, with more minus than plus votes, is shown excluded');
    assert.deepEqual(await axeViolations(page), []);
    await context.close();
  });

  test('a participatory budget of chosen projects: what no longer fits is said before sending; vote, change, live results', async () => {
    const definition: PollDefinition = {
      id: 'pb-flow',
      title: 'Rozpočet na hřiště',
      method: 'budget',
      budget: { total: 500_000, minSpend: 200_000 },
      voters: 'verified',
      residentsOnly: true,
      results: 'live',
      options: [
        { id: 'skluzavka', title: 'Skluzavka', cost: 250_000 },
        { id: 'houpacka', title: 'Houpačka', cost: 150_000 },
        { id: 'lanovka', title: 'Lanovka', cost: 300_000 },
      ],
    };
    await office(demo, '/polls/pb-flow', { method: 'PUT', body: definition });
    await office(demo, '/polls/pb-flow', { method: 'PATCH', body: { status: 'open' } });

    const context = await newContext(browser);
    const page = await context.newPage();
    await page.goto(`${demo.siteUrl}/participace.html`);
    await signIn(page, { citizen: /Marie Šťastná/ });
    const poll = await embed(page, 'pb-flow');
    await poll.getByRole('checkbox', { name: /Skluzavka/ }).check();
    await poll.getByRole('checkbox', { name: /Houpačka/ }).check();
    await poll.getByText(/Vybráno za 400\s000\sKč z 500\s000\sKč, zbývá 100\s000\sKč\./).waitFor();
    await poll.getByText(/Nevejde se do rozpočtu: stojí 300\s000\sKč, zbývá 100\s000\sKč\./).first().waitFor();
    await poll.getByRole('button', { name: 'Odeslat hlas' }).click();
    await saved(poll).waitFor();
    assert.deepEqual(difference(new Map(), await tallies(demo, 'pb-flow')), { skluzavka: [1, 0], houpacka: [1, 0] });

    await poll.getByRole('button', { name: 'Změnit hlas' }).click();
    await poll.getByRole('checkbox', { name: /Skluzavka/ }).uncheck();
    await poll.getByRole('checkbox', { name: /Lanovka/ }).check();
    await poll.getByRole('button', { name: 'Uložit změněný hlas' }).click();
    await saved(poll).waitFor();
    assert.deepEqual(difference(new Map(), await tallies(demo, 'pb-flow')), { houpacka: [1, 0], lanovka: [1, 0] });
    await poll.getByRole('heading', { name: 'Průběžné výsledky' }).waitFor();
    assert.deepEqual(await axeViolations(page), []);
    await context.close();
  });

  for (const { who, id, citizen, reason, code } of [
    { who: 'a minor (16)', id: 'pb-minor', citizen: /Matěj Černý/, reason: /Hlasovat mohou lidé od 18 let/, code: 'under_age' },
    { who: 'a non-resident (lives in Brno)', id: 'pb-elsewhere', citizen: /Petr Procházka/, reason: /Hlasovat mohou jen obyvatelé obce/, code: 'not_resident' },
  ]) {
    test(`${who} is told why they cannot vote in a budget for adult residents, and the server refuses their ballot`, async () => {
      const definition: PollDefinition = {
        id,
        title: 'Rozpočet pro dospělé obyvatele',
        method: 'd21',
        d21: { plus: 2, minus: 0 },
        voters: 'verified',
        residentsOnly: true,
        minAge: 18,
        results: 'live',
        options: [
          { id: 'a', title: 'Projekt A' },
          { id: 'b', title: 'Projekt B' },
        ],
      };
      await office(demo, `/polls/${definition.id}`, { method: 'PUT', body: definition });
      await office(demo, `/polls/${definition.id}`, { method: 'PATCH', body: { status: 'open' } });
      const context = await newContext(browser);
      const page = await context.newPage();
      await page.goto(`${demo.siteUrl}/participace.html`);
      await signIn(page, { citizen });
      const poll = await embed(page, definition.id);
      await poll.getByText('V tomto hlasování hlasovat nemůžete').waitFor();
      await poll.getByText(reason).waitFor();
      assert.equal(await poll.getByRole('button', { name: /^Kladný hlas/ }).count(), 0, 'no ballot to fill in');
      assert.deepEqual(await axeViolations(page), []);

      // the same citizen's token straight at the API: refused with the reason, nothing stored
      const token = await page.evaluate(() => {
        for (const storage of [sessionStorage, localStorage]) {
          for (let index = 0; index < storage.length; index++) {
            const value = storage.getItem(storage.key(index)!) ?? '';
            const match = /"access_token":"([^"]+)"/.exec(value);
            if (match) return match[1];
          }
        }
        return undefined;
      });
      assert.ok(token, 'the widget keeps the access token in the browser');
      const response = await fetch(`${demo.backendUrl}/api/polls/${definition.id}/ballot`, {
        method: 'PUT',
        headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({ plus: ['a'], minus: [] }),
      });
      assert.equal(response.status, 403);
      const body = (await response.json()) as { error: { code: string } };
      assert.equal(body.error.code, code);
      assert.equal((await office<PollResults>(demo, `/polls/${definition.id}/results`)).ballots.total, 0);
      await context.close();
    });
  }
});

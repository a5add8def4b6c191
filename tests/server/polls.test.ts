import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { SignJWT, importJWK, type JWK } from 'jose';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { ConfigError, loadConfig, type Config } from '../../server/config.js';
import { batched } from '../../server/storage/batch.js';
import { loadPollsDir } from '../../server/polls/definitions.js';
import { insertBallots, storePoll } from '../../server/polls/service.js';
import { migrate } from '../../server/storage/migrate.js';
import type { Database } from '../../server/storage/database.js';
import type { Ballot, PollDefinition } from '../../src/polls/definition.js';
import { todayInPrague } from '../../src/time/prague.js';
import { DATABASES, startApp, testConfig } from './harness.js';

const OFFICE_TOKEN = 'office-token-for-the-poll-tests-0123';
const DAY = 24 * 60 * 60 * 1000;
const moment = (offset: number) => new Date(Date.now() + offset).toISOString();

/** A question for anyone (one vote per browser), results live. */
const SINGLE: PollDefinition = {
  id: 'bench-colour',
  title: { cs: 'Barva laviček', en: 'Colour of the benches' },
  method: 'single',
  options: [
    { id: 'green', title: 'Zelená' },
    { id: 'blue', title: 'Modrá' },
    { id: 'red', title: 'Červená' },
  ],
  voters: 'anyone',
  results: 'live',
};

/** Verified citizens choose 2 to 3 options; results once closed. */
const MULTIPLE: PollDefinition = {
  id: 'summer-events',
  title: 'Letní akce',
  method: 'multiple',
  minChoices: 2,
  maxChoices: 3,
  options: ['fair', 'concert', 'cinema', 'race'].map((id) => ({ id, title: id })),
  voters: 'verified',
  results: 'after-close',
};

/** The participatory budget by D21: residents from 15, results when the town publishes them. */
const D21: PollDefinition = {
  id: 'budget-2027',
  title: { cs: 'Participativní rozpočet 2027', en: 'Participatory budget 2027' },
  method: 'd21',
  d21: { plus: 3, minus: 1, maxPlusPerOption: 2, minusAfter: 2, ranking: 'net', excludeWhenMinusExceedsPlus: true },
  budget: { total: 1_000_000 },
  options: [
    { id: 'p1', title: 'Hřiště', cost: 600_000 },
    { id: 'p2', title: 'Lavičky', cost: 500_000 },
    { id: 'p3', title: 'Parkoviště', cost: 100_000 },
    { id: 'p4', title: 'Stromy', cost: 300_000 },
    { id: 'p5', title: 'Knihobudka', cost: 200_000 },
  ],
  voters: 'verified',
  residentsOnly: true,
  minAge: 15,
  results: 'published',
};

/** D21 whose minus vote comes only after every plus vote; for anyone. */
const D21_ALL: PollDefinition = {
  id: 'names',
  title: 'Název nové ulice',
  method: 'd21',
  d21: { plus: 2, minus: 1, minusAfter: 'all' },
  options: ['a', 'b', 'c', 'd'].map((id) => ({ id, title: id })),
  voters: 'anyone',
  results: 'live',
};

/** Projects within a budget (the budget method). */
const BUDGET: PollDefinition = {
  id: 'small-projects',
  title: 'Malé projekty',
  method: 'budget',
  budget: { total: 500_000, minSpend: 100_000, maxProjects: 2 },
  options: [
    { id: 'x1', title: '=SUM(A1)', cost: 300_000 },
    { id: 'x2', title: 'Kontejnery', cost: 150_000 },
    { id: 'x3', title: 'Osvětlení', cost: 250_000 },
    { id: 'x4', title: 'Koše', cost: 50_000 },
  ],
  voters: 'verified',
  results: 'live',
};

const RESIDENT_ADDRESS = { formatted: 'Náměstí 1, 123 45 Javorná Lhota', postal_code: '12345', locality: 'Javorná Lhota' };

const codesOf = (response: LightMyRequestResponse) =>
  (response.json().error.fields as { path: string; code: string }[]).map(({ path, code }) => `${path}:${code}`).sort();

/** The results by the D21 rules, worked out here on their own: net score, ties by plus, excluded when minus > plus, funded top-down. */
function expectedBudgetResults(poll: PollDefinition, ballots: readonly Ballot[]) {
  const rows = poll.options.map((option) => {
    const plus = ballots.reduce((sum, ballot) => sum + ballot.plus.filter((id) => id === option.id).length, 0);
    const minus = ballots.reduce((sum, ballot) => sum + ballot.minus.filter((id) => id === option.id).length, 0);
    return { option: option.id, plus, minus, score: plus - minus, excluded: minus > plus, cost: option.cost! };
  });
  const ranked = rows.filter((row) => !row.excluded).sort((a, b) => b.score - a.score || b.plus - a.plus);
  let left = poll.budget!.total;
  const funded = new Set<string>();
  for (const row of ranked) {
    if (row.score > 0 && row.cost <= left) {
      funded.add(row.option);
      left -= row.cost;
    }
  }
  return { order: ranked.map((row) => row.option), excluded: rows.filter((row) => row.excluded).map((row) => row.option), funded, allocated: poll.budget!.total - left, rows };
}

describe('polls configuration', () => {
  const base = { NIA_CLIENT_ID: 'https://obec.example/sep' };
  test('defaults: 30 anonymous ballots a minute per IP, no polls folder, no places of residence', () => {
    const config = loadConfig(base);
    assert.equal(config.POLL_VOTE_PER_MINUTE, 30);
    assert.equal(config.POLLS_DIR, undefined);
    assert.deepEqual(config.residentLocalities, []);
  });
  test('RESIDENT_LOCALITIES: places with or without their postcode', () => {
    const config = loadConfig({ ...base, RESIDENT_LOCALITIES: '123 45 Javorná Lhota, Dolní Lhota ,12346 Horní Lhota' });
    assert.deepEqual(config.residentLocalities, [
      { postcode: '12345', locality: 'Javorná Lhota' },
      { locality: 'Dolní Lhota' },
      { postcode: '12346', locality: 'Horní Lhota' },
    ]);
  });
  test('a wrong value is refused with one line naming the variable', () => {
    for (const [name, value] of [
      ['RESIDENT_LOCALITIES', 'Javorná Lhota, 123 45'],
      ['POLL_VOTE_PER_MINUTE', 'lots'],
      ['POLL_VOTE_PER_MINUTE', '0'],
    ] as const) {
      assert.throws(
        () => loadConfig({ ...base, [name]: value }),
        (error: Error) => error instanceof ConfigError && error.message.startsWith(`${name} is invalid`) && !error.message.includes('\n'),
        `${name}=${value}`,
      );
    }
  });
});

describe('batched database requests', () => {
  const tick = () => new Promise((resume) => setTimeout(resume, 5));
  test('requests that come while a batch runs go together in the next; each gets its own result, in order', async () => {
    const batches: number[][] = [];
    const double = batched(async (inputs: readonly number[]) => {
      batches.push([...inputs]);
      await tick();
      return inputs.map((input) => input * 2);
    });
    const first = double(1);
    await tick();
    const rest = [2, 3, 4, 5].map((input) => double(input));
    assert.deepEqual(await Promise.all([first, ...rest]), [2, 4, 6, 8, 10]);
    assert.deepEqual(batches, [[1], [2, 3, 4, 5]]);
  });
  test('one key never shares a batch nor runs twice at once; a failed batch fails its requests only', async () => {
    const batches: string[][] = [];
    let running = 0;
    let most = 0;
    const run = batched(
      async (inputs: readonly { key: string; fail?: boolean }[]) => {
        batches.push(inputs.map((input) => input.key));
        running++;
        most = Math.max(most, running);
        await tick();
        running--;
        if (inputs.some((input) => input.fail)) throw new Error('refused');
        return inputs.map((input) => input.key);
      },
      { concurrency: 3, keyOf: (input) => input.key },
    );
    const answers = await Promise.allSettled([run({ key: 'a' }), run({ key: 'a' }), run({ key: 'b' }), run({ key: 'a', fail: true }), run({ key: 'c' })]);
    assert.deepEqual(
      answers.map((answer) => answer.status),
      ['fulfilled', 'fulfilled', 'fulfilled', 'rejected', 'fulfilled'],
    );
    for (const batch of batches) assert.equal(new Set(batch).size, batch.length, batch.join());
    assert.deepEqual(
      batches.flat().filter((key) => key === 'a'),
      ['a', 'a', 'a'],
    );
    assert.ok(most <= 3);
  });
});

for (const database of DATABASES) {
  describe(`polls on ${database.name}`, () => {
    let db: Database;
    let app: FastifyInstance;
    /** The same backend with 2 anonymous ballots a minute and no places of residence configured. */
    let limited: FastifyInstance;
    let config: Config;
    let signingKey: JWK;

    let ipCounter = 0;
    /** A client IP of its own for each request, so the per-IP limits count only what a test means them to. */
    const freshIp = () => `203.0.${Math.floor(++ipCounter / 250)}.${(ipCounter % 250) + 1}`;
    const bearer = (token: string | undefined) => (token ? { authorization: `Bearer ${token}` } : {});

    let citizens = 0;
    /** A signed-in citizen's access token, their account stored as the broker stores it. */
    const tokenOf = async (claims: Record<string, unknown>, subject = `citizen-${++citizens}-${randomUUID()}`) => {
      await db.query('insert into accounts (subject, claims, loa) values ($1, $2, $3) on conflict (subject) do update set claims = excluded.claims', [
        subject,
        JSON.stringify(claims),
        'loasubstantial',
      ]);
      return new SignJWT({ sub: subject, iss: config.issuerUrl, aud: config.apiUrl, acr: 'loasubstantial' })
        .setProtectedHeader({ alg: 'RS256', kid: signingKey.kid })
        .setIssuedAt()
        .setExpirationTime('10m')
        .sign(await importJWK(signingKey, 'RS256'));
    };
    const resident = () => tokenOf({ name: 'Jana Nová', birthdate: '1980-05-14', address: RESIDENT_ADDRESS });

    type Who = { token?: string; voter?: string; ip?: string; on?: FastifyInstance };
    const headersOf = ({ token, voter }: Who) => ({ ...bearer(token), ...(voter !== undefined ? { 'x-voter-token': voter } : {}) });
    const vote = (pollId: string, ballot: unknown, who: Who = {}) =>
      (who.on ?? app).inject({
        method: 'PUT',
        url: `/api/polls/${pollId}/ballot`,
        headers: { 'content-type': 'application/json', ...headersOf(who) },
        payload: JSON.stringify(ballot),
        remoteAddress: who.ip ?? freshIp(),
      });
    const withdraw = (pollId: string, who: Who = {}) =>
      (who.on ?? app).inject({ method: 'DELETE', url: `/api/polls/${pollId}/ballot`, headers: headersOf(who), remoteAddress: freshIp() });
    const view = (pollId: string, who: Who = {}) => (who.on ?? app).inject({ method: 'GET', url: `/api/polls/${pollId}`, headers: headersOf(who), remoteAddress: freshIp() });
    const results = (pollId: string) => app.inject({ method: 'GET', url: `/api/polls/${pollId}/results`, remoteAddress: freshIp() });

    const office = (
      method: 'GET' | 'PUT' | 'PATCH' | 'POST' | 'DELETE',
      url: string,
      body?: unknown,
      { token = OFFICE_TOKEN as string | null, key = undefined as string | undefined, on = app } = {},
    ) =>
      on.inject({
        method,
        url: `/api/office/${url}`,
        headers: {
          ...(token ? { authorization: `Bearer ${token}` } : {}),
          ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
          ...(key ? { 'idempotency-key': key } : {}),
        },
        ...(body !== undefined ? { payload: JSON.stringify(body) } : {}),
        remoteAddress: freshIp(),
      });
    /** Stores a definition through the office API and opens it. */
    const openPoll = async (definition: PollDefinition) => {
      const stored = await office('PUT', `polls/${definition.id}`, definition);
      assert.ok([200, 201].includes(stored.statusCode), stored.body);
      const opened = await office('PATCH', `polls/${definition.id}`, { status: 'open' });
      assert.equal(opened.statusCode, 200, opened.body);
    };
    const ballotRows = async (pollId: string) =>
      db.query<{ voter: string; channel: string; plus: string[]; minus: string[]; revision: number }>(
        'select voter, channel, plus, minus, revision from ballots where poll_id = $1 order by voter',
        [pollId],
      );
    const ballotCount = async (pollId: string) => (await ballotRows(pollId)).length;

    before(async () => {
      db = await database.open();
      await migrate(db);
      config = testConfig({ OFFICE_API_TOKEN: OFFICE_TOKEN, RESIDENT_LOCALITIES: '123 45 Javorná Lhota', POLL_VOTE_PER_MINUTE: '1000' });
      app = await startApp(config, db);
      limited = await startApp(testConfig({ OFFICE_API_TOKEN: OFFICE_TOKEN, POLL_VOTE_PER_MINUTE: '2' }), db);
      const [row] = await db.query<{ value: JWK }>("select value from secrets where name = 'broker.signing-key.rs256'");
      signingKey = row!.value;
      for (const definition of [SINGLE, MULTIPLE, D21, D21_ALL, BUDGET]) await openPoll(definition);
    });
    after(async () => {
      await app.close();
      await limited.close();
      await db.close();
    });

    test('the office stores a new poll as a draft (201), hidden from the public until it opens; an unchanged one is 200', async () => {
      const draft = { ...SINGLE, id: 'draft-poll' };
      const created = await office('PUT', 'polls/draft-poll', draft);
      assert.equal(created.statusCode, 201, created.body);
      assert.equal(created.json().status, 'draft');
      assert.equal(created.json().phase, 'draft');
      assert.deepEqual(created.json().definition, draft);
      assert.deepEqual(created.json().ballots, { total: 0, online: 0, paper: 0 });
      for (const response of [await view('draft-poll'), await vote('draft-poll', { plus: ['green'], minus: [] }, { voter: randomUUID() }), await results('draft-poll')]) {
        assert.equal(response.statusCode, 404, response.body);
        assert.equal(response.json().error.code, 'not_found');
      }
      assert.equal((await view('no-such-poll')).statusCode, 404);
      assert.equal((await view('Not A Poll Id')).statusCode, 404);

      const again = await office('PUT', 'polls/draft-poll', Object.fromEntries(Object.entries(draft).reverse()));
      assert.equal(again.statusCode, 200, again.body);
      const opened = await office('PATCH', 'polls/draft-poll', { status: 'open' });
      assert.equal(opened.json().phase, 'open');
      const seen = await view('draft-poll');
      assert.equal(seen.statusCode, 200, seen.body);
      assert.deepEqual(seen.json().poll, draft);
      assert.equal(seen.json().phase, 'open');
      assert.equal(seen.headers['cache-control'], 'no-store');
    });

    test('the office’s definition is checked as a whole: 422 with every problem and its path', async () => {
      const broken = { ...D21, id: 'broken', options: [{ id: 'only', title: 'Jediná', cost: 5 }], d21: { plus: 3, minus: 1, minusAfter: 5 }, requierd: true };
      const refused = await office('PUT', 'polls/broken', broken);
      assert.equal(refused.statusCode, 422, refused.body);
      assert.equal(refused.json().error.code, 'invalid_definition');
      assert.ok(codesOf(refused).includes('requierd:unknown_property'), refused.body);

      const crossChecks = await office('PUT', 'polls/broken', { ...D21, id: 'broken', options: [{ id: 'only', title: 'Jediná', cost: 5 }], d21: { plus: 3, minus: 1, minusAfter: 5 } });
      assert.equal(crossChecks.statusCode, 422);
      const codes = codesOf(crossChecks);
      for (const expected of ['options:too_few', 'd21.minusAfter:out_of_range']) assert.ok(codes.includes(expected), `${expected} in ${codes.join(', ')}`);

      const mismatch = await office('PUT', 'polls/other-id', SINGLE);
      assert.equal(mismatch.statusCode, 422);
      assert.deepEqual(codesOf(mismatch), ['id:id_mismatch']);

      const notConfigured = await office('PUT', 'polls/residents', { ...D21, id: 'residents' }, { on: limited });
      assert.equal(notConfigured.statusCode, 422, notConfigured.body);
      assert.equal(notConfigured.json().error.code, 'residents_not_configured');
      assert.deepEqual(codesOf(notConfigured), ['residentsOnly:residents_not_configured']);

      const nul = await office('PUT', 'polls/broken', { ...SINGLE, id: 'broken', title: 'a\u0000b' });
      assert.equal(nul.statusCode, 400);
      for (const id of ['broken', 'other-id', 'residents']) assert.equal((await office('GET', `polls/${id}`)).statusCode, 404, id);
    });

    test('a single-choice vote for anyone: cast (201), changed (200), seen, withdrawn', async () => {
      const voter = randomUUID();
      const first = await vote(SINGLE.id, { plus: ['green'], minus: [] }, { voter });
      assert.equal(first.statusCode, 201, first.body);
      assert.deepEqual(first.json().ballot.plus, ['green']);
      assert.ok(Math.abs(Date.parse(first.json().ballot.castAt) - Date.now()) < 60_000);
      assert.equal(first.headers['cache-control'], 'no-store');

      const changed = await vote(SINGLE.id, { plus: ['blue'], minus: [] }, { voter });
      assert.equal(changed.statusCode, 200, changed.body);
      const seen = (await view(SINGLE.id, { voter })).json();
      assert.deepEqual({ plus: seen.ballot.plus, minus: seen.ballot.minus }, { plus: ['blue'], minus: [] });
      assert.deepEqual(seen.eligibility, { allowed: true });
      assert.equal(seen.resultsPublic, true);
      // another browser has no ballot, nor has a request without a token
      assert.equal((await view(SINGLE.id, { voter: randomUUID() })).json().ballot, undefined);
      assert.equal((await view(SINGLE.id)).json().ballot, undefined);

      assert.deepEqual((await withdraw(SINGLE.id, { voter })).json(), { deleted: true });
      assert.deepEqual((await withdraw(SINGLE.id, { voter })).json(), { deleted: false });
      assert.equal((await view(SINGLE.id, { voter })).json().ballot, undefined);
      const again = await vote(SINGLE.id, { plus: ['red'], minus: [] }, { voter });
      assert.equal(again.statusCode, 201, again.body);
    });

    test('multiple-choice, budget and D21 votes: cast, changed, withdrawn by a verified citizen', async () => {
      const cases: [PollDefinition, Ballot, Ballot][] = [
        [MULTIPLE, { plus: ['fair', 'cinema'], minus: [] }, { plus: ['fair', 'concert', 'race'], minus: [] }],
        [BUDGET, { plus: ['x1', 'x2'], minus: [] }, { plus: ['x4', 'x3'], minus: [] }],
        [D21, { plus: ['p1', 'p2', 'p2'], minus: ['p3'] }, { plus: ['p4'], minus: [] }],
        [D21_ALL, { plus: ['a', 'b'], minus: ['c'] }, { plus: ['d'], minus: [] }],
      ];
      for (const [poll, first, second] of cases) {
        const who: Who = poll.voters === 'verified' ? { token: await resident() } : { voter: randomUUID() };
        const before = await ballotCount(poll.id);
        const cast = await vote(poll.id, first, who);
        assert.equal(cast.statusCode, 201, `${poll.id}: ${cast.body}`);
        assert.deepEqual((await view(poll.id, who)).json().ballot.plus, first.plus, poll.id);
        const changed = await vote(poll.id, second, who);
        assert.equal(changed.statusCode, 200, `${poll.id}: ${changed.body}`);
        const seen = (await view(poll.id, who)).json().ballot;
        assert.deepEqual({ plus: seen.plus, minus: seen.minus }, second, poll.id);
        assert.equal(await ballotCount(poll.id), before + 1, poll.id);
        assert.ok((await ballotRows(poll.id)).some((row) => row.revision === 2 && JSON.stringify(row.plus) === JSON.stringify(second.plus)), poll.id);
        assert.deepEqual((await withdraw(poll.id, who)).json(), { deleted: true }, poll.id);
        assert.equal(await ballotCount(poll.id), before, poll.id);
      }
    });

    test('every D21 and budget rule broken is refused: 422 invalid_ballot, the rule at its option, in English; nothing changes', async () => {
      const token = await resident();
      const kept = { plus: ['p1', 'p2'], minus: [] };
      assert.equal((await vote(D21.id, kept, { token })).statusCode, 201);
      const broken: [PollDefinition, Ballot, string[]][] = [
        [D21, { plus: ['p1', 'nope'], minus: [] }, ['nope:unknown_option']],
        [D21, { plus: [], minus: [] }, ['ballot:empty_ballot']],
        [D21, { plus: ['p1', 'p2', 'p4', 'p5'], minus: [] }, ['ballot:too_many_plus']],
        [D21, { plus: ['p1', 'p2', 'p4'], minus: ['p3', 'p5'] }, ['ballot:too_many_minus']],
        [D21, { plus: ['p1', 'p1', 'p1'], minus: [] }, ['p1:too_many_plus_on_option']],
        [D21, { plus: ['p1', 'p2'], minus: ['p3', 'p3'] }, ['ballot:too_many_minus', 'p3:duplicate_minus']],
        [D21, { plus: ['p1', 'p2'], minus: ['p1'] }, ['p1:plus_and_minus']],
        [D21, { plus: ['p1'], minus: ['p2'] }, ['ballot:minus_too_early']],
        [D21_ALL, { plus: ['a'], minus: ['b'] }, ['ballot:minus_before_all_plus']],
        [SINGLE, { plus: ['green'], minus: ['blue'] }, ['ballot:minus_not_allowed']],
        [SINGLE, { plus: ['green', 'blue'], minus: [] }, ['ballot:too_many_choices']],
        [MULTIPLE, { plus: ['fair'], minus: [] }, ['ballot:too_few_choices']],
        [MULTIPLE, { plus: ['fair', 'fair'], minus: [] }, ['fair:duplicate_choice']],
        [BUDGET, { plus: ['x1', 'x3'], minus: [] }, ['ballot:over_budget']],
        [BUDGET, { plus: ['x4'], minus: [] }, ['ballot:under_min_spend']],
        [BUDGET, { plus: ['x2', 'x4', 'x3'], minus: [] }, ['ballot:too_many_projects']],
      ];
      for (const [poll, ballot, expected] of broken) {
        const who: Who = poll.voters === 'verified' ? { token } : { voter: randomUUID() };
        const refused = await vote(poll.id, ballot, who);
        assert.equal(refused.statusCode, 422, `${poll.id} ${JSON.stringify(ballot)}: ${refused.body}`);
        assert.equal(refused.json().error.code, 'invalid_ballot');
        assert.deepEqual(codesOf(refused), expected, `${poll.id} ${JSON.stringify(ballot)}`);
        // English, but for the option's own (Czech) title in quotes
        for (const field of refused.json().error.fields) {
          assert.ok(typeof field.message === 'string' && field.message.length > 0 && !/[ěščřžýáíéůú]/.test(field.message.replace(/“[^”]*”/g, '')), field.message);
        }
      }
      const mine = (await view(D21.id, { token })).json().ballot;
      assert.deepEqual({ plus: mine.plus, minus: mine.minus }, kept);

      const notABallot = await vote(D21.id, { plus: 'p1' }, { token });
      assert.equal(notABallot.statusCode, 400);
      assert.equal(notABallot.json().error.code, 'invalid_request');
      const nul = await vote(D21.id, { plus: ['p1\u0000'], minus: [] }, { token });
      assert.equal(nul.statusCode, 422, nul.body);
    });

    test('an anyone-poll needs X-Voter-Token and limits anonymous ballots per client IP; verified votes are not limited so', async () => {
      for (const voter of [undefined, 'short', 'has spaces in it', 'x'.repeat(201)]) {
        const refused = await vote(SINGLE.id, { plus: ['green'], minus: [] }, { voter });
        assert.equal(refused.statusCode, 400, String(voter));
        assert.equal(refused.json().error.code, 'voter_token_required');
      }
      const ip = freshIp();
      const answers = [];
      for (let attempt = 0; attempt < 3; attempt++) answers.push(await vote(SINGLE.id, { plus: ['green'], minus: [] }, { voter: randomUUID(), ip, on: limited }));
      assert.deepEqual(
        answers.map((answer) => answer.statusCode),
        [201, 201, 429],
      );
      assert.equal(answers[2]!.json().error.code, 'rate_limited');
      assert.ok(Number(answers[2]!.headers['retry-after']) > 0);
      assert.equal((await vote(SINGLE.id, { plus: ['green'], minus: [] }, { voter: randomUUID(), on: limited })).statusCode, 201);

      const token = await tokenOf({ name: 'Karel', birthdate: '1970-01-01' });
      const verified = [];
      for (let attempt = 0; attempt < 3; attempt++) verified.push(await vote(MULTIPLE.id, { plus: ['fair', 'race'], minus: [] }, { token, ip, on: limited }));
      assert.deepEqual(
        verified.map((answer) => answer.statusCode),
        [201, 200, 200],
      );
    });

    test('a verified poll: 401 sign_in_required without a token, 401 for a bad one; the view says sign-in is needed', async () => {
      const anonymous = await vote(MULTIPLE.id, { plus: ['fair', 'race'], minus: [] }, { voter: randomUUID() });
      assert.equal(anonymous.statusCode, 401, anonymous.body);
      assert.equal(anonymous.json().error.code, 'sign_in_required');
      assert.match(String(anonymous.headers['www-authenticate']), /^Bearer/);
      assert.equal((await withdraw(MULTIPLE.id)).statusCode, 401);
      assert.deepEqual((await view(MULTIPLE.id)).json().eligibility, { allowed: false, reason: 'sign_in_required' });

      const forged = `${await resident()}x`;
      assert.equal((await vote(MULTIPLE.id, { plus: ['fair', 'race'], minus: [] }, { token: forged })).statusCode, 401);
      assert.equal((await view(MULTIPLE.id, { token: forged })).statusCode, 401);
      assert.equal((await view(SINGLE.id, { token: forged })).statusCode, 401);
    });

    test('a minor and a non-resident are turned away from a residents-only vote from 15, with the reason; the view says so too', async () => {
      const today = todayInPrague();
      const fourteen = `${Number(today.slice(0, 4)) - 14}${today.slice(4)}`.replace(/-02-29$/, '-02-28');
      const fifteenToday = `${Number(today.slice(0, 4)) - 15}${today.slice(4)}`.replace(/-02-29$/, '-03-01');
      const turnedAway: [Record<string, unknown>, string, number | undefined][] = [
        [{ birthdate: fourteen, address: RESIDENT_ADDRESS }, 'under_age', 15],
        [{ birthdate: '1980-01-01', address: { formatted: 'Masarykova 5, 602 00 Brno', postal_code: '60200', locality: 'Brno' } }, 'not_resident', undefined],
        // another town of the same name, told apart by its postcode
        [{ birthdate: '1980-01-01', address: { formatted: 'Náves 2, 543 21 Javorná Lhota' } }, 'not_resident', undefined],
        [{ birthdate: '1980-01-01' }, 'address_unknown', undefined],
        [{ address: RESIDENT_ADDRESS }, 'birthdate_unknown', 15],
      ];
      for (const [claims, reason, minAge] of turnedAway) {
        const token = await tokenOf(claims);
        const refused = await vote(D21.id, { plus: ['p1'], minus: [] }, { token });
        assert.equal(refused.statusCode, 403, `${reason}: ${refused.body}`);
        assert.equal(refused.json().error.code, reason);
        assert.ok(refused.json().error.message.length > 0);
        assert.deepEqual((await view(D21.id, { token })).json().eligibility, { allowed: false, reason, ...(minAge ? { minAge } : {}) }, reason);
      }
      const justFifteen = await tokenOf({ birthdate: fifteenToday, address: { formatted: 'Lipová 3, 12345 Javorná  Lhota' } });
      assert.deepEqual((await view(D21.id, { token: justFifteen })).json().eligibility, { allowed: true });
      assert.equal((await vote(D21.id, { plus: ['p1'], minus: [] }, { token: justFifteen })).statusCode, 201);
    });

    test('phases: upcoming 409 poll_not_open, closed 409 poll_closed (by the office or by its closing moment), published; publishing needs it closed', async () => {
      const upcoming = { ...SINGLE, id: 'upcoming', opens: moment(DAY), results: 'after-close' as const };
      await openPoll(upcoming);
      const soon = await view('upcoming');
      assert.equal(soon.json().phase, 'upcoming');
      assert.equal(soon.json().resultsPublic, false);
      const early = await vote('upcoming', { plus: ['green'], minus: [] }, { voter: randomUUID() });
      assert.equal(early.statusCode, 409);
      assert.equal(early.json().error.code, 'poll_not_open');

      const lapsed = { ...SINGLE, id: 'lapsed', opens: moment(-2 * DAY), closes: moment(-DAY) };
      await openPoll(lapsed);
      assert.equal((await view('lapsed')).json().phase, 'closed');
      const late = await vote('lapsed', { plus: ['green'], minus: [] }, { voter: randomUUID() });
      assert.equal(late.statusCode, 409);
      assert.equal(late.json().error.code, 'poll_closed');

      const phased = { ...MULTIPLE, id: 'phased', results: 'published' as const };
      await openPoll(phased);
      const token = await resident();
      assert.equal((await vote('phased', { plus: ['fair', 'race'], minus: [] }, { token })).statusCode, 201);
      const notClosed = await office('PATCH', 'polls/phased', { resultsPublished: true });
      assert.equal(notClosed.statusCode, 409);
      assert.equal(notClosed.json().error.code, 'poll_not_closed');
      const backToDraft = await office('PATCH', 'polls/phased', { status: 'draft' });
      assert.equal(backToDraft.statusCode, 409);
      assert.equal(backToDraft.json().error.code, 'poll_has_ballots');

      const closed = await office('PATCH', 'polls/phased', { status: 'closed' });
      assert.equal(closed.json().phase, 'closed');
      for (const attempt of [await vote('phased', { plus: ['fair', 'cinema'], minus: [] }, { token }), await withdraw('phased', { token })]) {
        assert.equal(attempt.statusCode, 409);
        assert.equal(attempt.json().error.code, 'poll_closed');
      }
      const mine = (await view('phased', { token })).json();
      assert.deepEqual(mine.ballot.plus, ['fair', 'race']);
      assert.equal(mine.phase, 'closed');

      const published = await office('PATCH', 'polls/phased', { resultsPublished: true });
      assert.equal(published.statusCode, 200, published.body);
      assert.equal(published.json().phase, 'published');
      const publishedAt = published.json().resultsPublishedAt;
      assert.ok(Math.abs(Date.parse(publishedAt) - Date.now()) < 60_000);
      assert.equal((await office('PATCH', 'polls/phased', { resultsPublished: true })).json().resultsPublishedAt, publishedAt);
      assert.equal((await view('phased')).json().phase, 'published');
      // opening again takes the publication back
      const reopened = await office('PATCH', 'polls/phased', { status: 'open' });
      assert.equal(reopened.json().phase, 'open');
      assert.equal(reopened.json().resultsPublishedAt, undefined);
      assert.equal((await office('PATCH', 'polls/phased', { status: 'archived' })).statusCode, 400);
      assert.equal((await office('PATCH', 'polls/no-such-poll', { status: 'open' })).statusCode, 404);
    });

    test('results are public by the poll’s setting: live once open, after-close once closed, published once published; the office sees them always', async () => {
      const settings: [string, PollDefinition['results']][] = [
        ['res-live', 'live'],
        ['res-after', 'after-close'],
        ['res-published', 'published'],
      ];
      const publicAt = (setting: PollDefinition['results']) => ({
        open: setting === 'live',
        closed: setting !== 'published',
        published: true,
      });
      for (const [id, setting] of settings) {
        await openPoll({ ...SINGLE, id, results: setting });
        assert.equal((await vote(id, { plus: ['red'], minus: [] }, { voter: randomUUID() })).statusCode, 201);
        const expected = publicAt(setting);
        for (const phase of ['open', 'closed', 'published'] as const) {
          if (phase === 'closed') await office('PATCH', `polls/${id}`, { status: 'closed' });
          if (phase === 'published') await office('PATCH', `polls/${id}`, { resultsPublished: true });
          const answer = await results(id);
          assert.equal((await view(id)).json().resultsPublic, expected[phase], `${id} ${phase}`);
          if (expected[phase]) {
            assert.equal(answer.statusCode, 200, `${id} ${phase}: ${answer.body}`);
            assert.equal(answer.json().phase, phase);
            assert.equal(answer.json().final, phase !== 'open');
            assert.equal(answer.json().rows.find((row: { option: string }) => row.option === 'red').plus, 1);
          } else {
            assert.equal(answer.statusCode, 403, `${id} ${phase}`);
            assert.equal(answer.json().error.code, 'results_not_public');
          }
          const seenByOffice = await office('GET', `polls/${id}/results`);
          assert.equal(seenByOffice.statusCode, 200);
          assert.equal(seenByOffice.json().ballots.total, 1);
        }
      }
    });

    test('a D21 budget’s results from real ballots: ranked by net score, excluded when minus outnumbers plus, funded top-down skipping what no longer fits', async () => {
      const poll = { ...D21, id: 'budget-results' };
      await openPoll(poll);
      const ballots: Ballot[] = [
        { plus: ['p2', 'p2', 'p1'], minus: ['p3'] },
        { plus: ['p2', 'p1', 'p4'], minus: ['p3'] },
        { plus: ['p2', 'p4', 'p5'], minus: [] },
        { plus: ['p1', 'p5', 'p3'], minus: [] },
        { plus: ['p1', 'p4'], minus: ['p3'] },
        { plus: ['p2', 'p2'], minus: [] },
      ];
      for (const ballot of ballots) assert.equal((await vote(poll.id, ballot, { token: await resident() })).statusCode, 201);
      assert.equal((await results(poll.id)).statusCode, 403);
      await office('PATCH', `polls/${poll.id}`, { status: 'closed' });
      await office('PATCH', `polls/${poll.id}`, { resultsPublished: true });

      const answer = await results(poll.id);
      assert.equal(answer.statusCode, 200, answer.body);
      const published = answer.json();
      const expected = expectedBudgetResults(poll, ballots);
      assert.deepEqual(published.ballots, { total: ballots.length, online: ballots.length, paper: 0 });
      assert.equal(published.final, true);
      assert.deepEqual(
        published.rows.filter((row: { excluded: boolean }) => !row.excluded).map((row: { option: string }) => row.option),
        expected.order,
      );
      for (const row of expected.rows) {
        const got = published.rows.find((candidate: { option: string }) => candidate.option === row.option);
        assert.deepEqual([got.plus, got.minus, got.score, got.excluded, got.cost], [row.plus, row.minus, row.score, row.excluded, row.cost], row.option);
        assert.equal(got.funded, expected.funded.has(row.option), row.option);
        assert.equal(got.rank === undefined, row.excluded, row.option);
      }
      assert.deepEqual(published.budget, { total: poll.budget!.total, allocated: expected.allocated });
      // what these ballots were chosen to show
      assert.deepEqual(expected.excluded, ['p3']);
      const ranked = expected.order;
      assert.ok(ranked.indexOf('p1') < ranked.indexOf('p4') && !expected.funded.has('p1') && expected.funded.has('p4'), 'a project that no longer fits is skipped for one below');
    });

    test('50 concurrent ballots of one identity leave exactly one; concurrent first ballots of many identities are all kept', async () => {
      const poll = { ...D21, id: 'concurrent' };
      await openPoll(poll);
      const token = await resident();
      const options = ['p1', 'p2', 'p3', 'p4', 'p5'];
      const sent: Ballot[] = Array.from({ length: 50 }, (_, index) => ({ plus: [options[index % 5]!, options[(index + 1) % 5]!], minus: [] }));
      const answers = await Promise.all(sent.map((ballot) => vote(poll.id, ballot, { token })));
      for (const answer of answers) assert.ok([200, 201].includes(answer.statusCode), answer.body);
      assert.equal(answers.filter((answer) => answer.statusCode === 201).length, 1);
      const rows = await ballotRows(poll.id);
      assert.equal(rows.length, 1);
      assert.equal(rows[0]!.revision, 50);
      const stored = (await view(poll.id, { token })).json().ballot;
      assert.ok(sent.some((ballot) => JSON.stringify(ballot.plus) === JSON.stringify(stored.plus)));

      const tokens = await Promise.all(Array.from({ length: 40 }, () => resident()));
      const firsts = await Promise.all(tokens.map((voter, index) => vote(poll.id, { plus: [options[index % 5]!], minus: [] }, { token: voter })));
      for (const answer of firsts) assert.equal(answer.statusCode, 201, answer.body);
      assert.equal(await ballotCount(poll.id), 41);

      const voterKey = randomUUID();
      const browser = await Promise.all(Array.from({ length: 20 }, () => vote(SINGLE.id, { plus: ['blue'], minus: [] }, { voter: voterKey })));
      for (const answer of browser) assert.ok([200, 201].includes(answer.statusCode), answer.body);
      assert.equal(browser.filter((answer) => answer.statusCode === 201).length, 1);
    });

    test('the ballots table does not say who voted: no subject or token, and one citizen’s keys differ between polls', async () => {
      const subject = `anonymity-${randomUUID()}`;
      const token = await tokenOf({ birthdate: '1980-01-01', address: RESIDENT_ADDRESS }, subject);
      const browserToken = `browser-${randomUUID()}`;
      assert.equal((await vote(MULTIPLE.id, { plus: ['fair', 'race'], minus: [] }, { token })).statusCode, 201);
      assert.equal((await vote(BUDGET.id, { plus: ['x2'], minus: [] }, { token })).statusCode, 201);
      assert.equal((await vote(SINGLE.id, { plus: ['red'], minus: [] }, { voter: browserToken })).statusCode, 201);
      const all = await db.query<{ poll_id: string; voter: string }>('select poll_id, voter from ballots');
      assert.ok(all.every((row) => !row.voter.includes(subject) && !row.voter.includes(browserToken)));
      const mine = (pollId: string) => all.filter((row) => row.poll_id === pollId).map((row) => row.voter);
      assert.equal(new Set([...mine(MULTIPLE.id), ...mine(BUDGET.id)]).size, mine(MULTIPLE.id).length + mine(BUDGET.id).length);
    });

    test('paper ballots add to the totals; a wrong one stores none; the Idempotency-Key makes a retry answer the same batch', async () => {
      const poll = { ...D21, id: 'paper', results: 'live' as const };
      await openPoll(poll);
      assert.equal((await vote(poll.id, { plus: ['p1'], minus: [] }, { token: await resident() })).statusCode, 201);
      const pile = { label: 'Podatelna, 1. týden', ballots: [{ plus: ['p1', 'p1', 'p2'], minus: ['p3'] }, { plus: ['p2'], minus: [] }, { plus: ['p5', 'p4'], minus: ['p1'] }] };
      const key = randomUUID();
      const added = await office('POST', `polls/${poll.id}/paper-ballots`, pile, { key });
      assert.equal(added.statusCode, 201, added.body);
      const batch = added.json().batch;
      assert.equal(batch.count, 3);
      assert.equal(batch.label, pile.label);

      const counted = (await results(poll.id)).json();
      assert.deepEqual(counted.ballots, { total: 4, online: 1, paper: 3 });
      const p1 = counted.rows.find((row: { option: string }) => row.option === 'p1');
      assert.deepEqual([p1.plus, p1.minus], [3, 1]);
      assert.deepEqual((await office('GET', `polls/${poll.id}`)).json().ballots, { total: 4, online: 1, paper: 3 });

      const replayed = await office('POST', `polls/${poll.id}/paper-ballots`, pile, { key });
      assert.equal(replayed.headers['idempotent-replayed'], 'true');
      assert.deepEqual(replayed.json().batch, batch);
      const racing = await Promise.all(Array.from({ length: 5 }, () => office('POST', `polls/${poll.id}/paper-ballots`, pile, { key: `race-${key}` })));
      assert.equal(new Set(racing.map((answer) => answer.json().batch.id)).size, 1);
      const reused = await office('POST', `polls/${poll.id}/paper-ballots`, { ...pile, label: 'jiný' }, { key });
      assert.equal(reused.statusCode, 422);
      assert.equal(reused.json().error.code, 'idempotency_key_reused');
      assert.equal((await office('POST', `polls/${poll.id}/paper-ballots`, pile)).json().error.code, 'idempotency_key_required');
      assert.equal((await results(poll.id)).json().ballots.paper, 6);

      const wrong = await office('POST', `polls/${poll.id}/paper-ballots`, { ballots: [{ plus: ['p1'], minus: [] }, { plus: ['p1'], minus: [] }, { plus: ['p1', 'p2', 'p3', 'p4'], minus: ['p9'] }] }, { key: randomUUID() });
      assert.equal(wrong.statusCode, 422, wrong.body);
      assert.equal(wrong.json().error.code, 'invalid_ballot');
      assert.deepEqual(codesOf(wrong), ['ballots.2.p9:unknown_option']);
      assert.equal((await results(poll.id)).json().ballots.paper, 6);

      const list = (await office('GET', `polls/${poll.id}/paper-ballots`)).json().batches;
      assert.equal(list.length, 2);
      assert.deepEqual(list[0], batch);
      assert.deepEqual((await office('DELETE', `polls/${poll.id}/paper-ballots/${batch.id}`)).json(), { deleted: true });
      assert.deepEqual((await office('DELETE', `polls/${poll.id}/paper-ballots/${batch.id}`)).json(), { deleted: false });
      assert.equal((await results(poll.id)).json().ballots.paper, 3);

      await office('PUT', 'polls/paper-draft', { ...SINGLE, id: 'paper-draft' });
      const draft = await office('POST', 'polls/paper-draft/paper-ballots', { ballots: [{ plus: ['green'], minus: [] }] }, { key: randomUUID() });
      assert.equal(draft.statusCode, 409);
      assert.equal(draft.json().error.code, 'poll_is_draft');
      assert.equal((await office('POST', 'polls/no-such-poll/paper-ballots', { ballots: [{ plus: ['green'], minus: [] }] }, { key: randomUUID() })).statusCode, 404);
      assert.equal((await office('POST', `polls/${poll.id}/paper-ballots`, { ballots: [] }, { key: randomUUID() })).statusCode, 400);
    });

    test('the spreadsheets: results and anonymous ballots, UTF-8 with BOM, ";" separated, formulas defused', async () => {
      const poll = { ...BUDGET, id: 'exported' };
      await openPoll(poll);
      const token = await resident();
      assert.equal((await vote(poll.id, { plus: ['x1', 'x4'], minus: [] }, { token })).statusCode, 201);
      const d21Token = await resident();
      assert.equal((await vote(D21.id, { plus: ['p2', 'p2', 'p4'], minus: ['p5'] }, { token: d21Token })).statusCode, 201);

      const resultsFile = await office('GET', `polls/${poll.id}/results.csv`);
      assert.equal(resultsFile.statusCode, 200);
      assert.equal(resultsFile.headers['content-type'], 'text/csv; charset=utf-8');
      assert.match(String(resultsFile.headers['content-disposition']), /^attachment; filename="exported-results\.csv"/);
      const text = resultsFile.rawPayload.toString('utf8');
      assert.ok(text.startsWith('\ufeff'));
      const lines = text.slice(1).split('\r\n');
      assert.equal(lines[0], 'rank;option;title;plus;minus;score;excluded;cost;funded');
      const served = (await office('GET', `polls/${poll.id}/results`)).json();
      const first = served.rows[0];
      assert.equal(lines[1], `${first.rank};${first.option};'=SUM(A1);${first.plus};${first.minus};${first.score};ne;${first.cost};${first.funded ? 'ano' : 'ne'}`);
      assert.equal(lines.length, poll.options.length + 2);

      const ballotsFile = await office('GET', `polls/${D21.id}/ballots.csv`);
      assert.equal(ballotsFile.statusCode, 200);
      const ballotLines = ballotsFile.rawPayload.toString('utf8').slice(1).split('\r\n');
      assert.ok(ballotsFile.rawPayload.toString('utf8').startsWith('\ufeff'));
      assert.equal(ballotLines[0], 'ballot;channel;date;p1;p2;p3;p4;p5');
      const rows = ballotLines.slice(1, -1);
      assert.equal(rows.length, await ballotCount(D21.id));
      assert.deepEqual(
        rows.map((line) => Number(line.split(';')[0])),
        rows.map((_, index) => index + 1),
      );
      assert.ok(rows.some((line) => line.endsWith(`;verified;${todayInPrague()};;2;;1;-1`)), ballotLines.join('\n'));
      assert.ok(rows.every((line) => /^\d+;(verified|browser|paper);\d{4}-\d{2}-\d{2}(;(-1|1|2)?){5}$/.test(line)), ballotLines.join('\n'));
      assert.equal((await office('GET', 'polls/no-such-poll/ballots.csv')).statusCode, 404);
    });

    test('a definition with ballots: titles and closing may change, what the ballots mean may not (409 poll_has_ballots)', async () => {
      const poll = { ...BUDGET, id: 'guarded' };
      await openPoll(poll);
      const retitled = { ...poll, title: 'Malé projekty 2027', closes: moment(30 * DAY), options: poll.options.map((option) => ({ ...option, description: 'Popis' })).reverse() };
      assert.equal((await office('PUT', `polls/${poll.id}`, retitled)).statusCode, 200);
      assert.equal((await vote(poll.id, { plus: ['x2'], minus: [] }, { token: await resident() })).statusCode, 201);
      // a voter sees the change at once
      assert.equal((await view(poll.id)).json().poll.title, 'Malé projekty 2027');

      const changes: [string, PollDefinition][] = [
        ['options', { ...retitled, options: [...retitled.options, { id: 'x5', title: 'Nový', cost: 1 }] }],
        ['options', { ...retitled, options: retitled.options.map((option) => (option.id === 'x2' ? { ...option, cost: 1 } : option)) }],
        ['budget', { ...retitled, budget: { total: 600_000 } }],
        ['voters', { ...retitled, voters: 'anyone' }],
        ['method', { ...retitled, method: 'multiple', budget: undefined, options: retitled.options.map(({ cost: _cost, ...option }) => option) }],
      ];
      for (const [property, changed] of changes) {
        const refused = await office('PUT', `polls/${poll.id}`, JSON.parse(JSON.stringify(changed)));
        assert.equal(refused.statusCode, 409, `${property}: ${refused.body}`);
        assert.equal(refused.json().error.code, 'poll_has_ballots');
        assert.ok(codesOf(refused).includes(`${property}:poll_has_ballots`), refused.body);
      }
      assert.deepEqual((await office('GET', `polls/${poll.id}`)).json().definition, JSON.parse(JSON.stringify(retitled)));

      // a D21 poll's rules written out with their defaults are the same rules
      const d21 = { ...D21, id: 'd21-guarded', d21: { plus: 3, minus: 1 } };
      await openPoll(d21);
      assert.equal((await vote(d21.id, { plus: ['p1'], minus: [] }, { token: await resident() })).statusCode, 201);
      assert.equal((await office('PUT', `polls/${d21.id}`, { ...d21, d21: { plus: 3, minus: 1, maxPlusPerOption: 1, ranking: 'net' } })).statusCode, 200);
      assert.equal((await office('PUT', `polls/${d21.id}`, { ...d21, d21: { plus: 2, minus: 1 } })).statusCode, 409);
    });

    test('office routes need the office token: 401 without, 403 with a wrong one or a citizen’s', async () => {
      const citizen = await resident();
      const routes: ['GET' | 'PUT' | 'PATCH' | 'POST' | 'DELETE', string, unknown][] = [
        ['GET', 'polls', undefined],
        ['PUT', `polls/${SINGLE.id}`, SINGLE],
        ['GET', `polls/${SINGLE.id}`, undefined],
        ['PATCH', `polls/${SINGLE.id}`, { status: 'closed' }],
        ['GET', `polls/${SINGLE.id}/results`, undefined],
        ['GET', `polls/${SINGLE.id}/results.csv`, undefined],
        ['GET', `polls/${SINGLE.id}/ballots.csv`, undefined],
        ['POST', `polls/${SINGLE.id}/paper-ballots`, { ballots: [{ plus: ['green'], minus: [] }] }],
        ['GET', `polls/${SINGLE.id}/paper-ballots`, undefined],
        ['DELETE', `polls/${SINGLE.id}/paper-ballots/x`, undefined],
      ];
      for (const [method, url, body] of routes) {
        const missing = await office(method, url, body, { token: null, key: randomUUID() });
        assert.equal(missing.statusCode, 401, `${method} ${url}`);
        assert.equal(missing.json().error.code, 'missing_token');
        assert.equal((await office(method, url, body, { token: `${OFFICE_TOKEN}x`, key: randomUUID() })).statusCode, 401, `${method} ${url}`);
        assert.equal((await office(method, url, body, { token: citizen, key: randomUUID() })).statusCode, 403, `${method} ${url}`);
      }
      assert.equal((await view(SINGLE.id)).json().phase, 'open');
    });

    test('the office lists every poll with its status, phase and ballots', async () => {
      const listed = await office('GET', 'polls');
      assert.equal(listed.statusCode, 200);
      const polls = listed.json().polls as { id: string; title: unknown; method: string; status: string; phase: string; ballots: number; updatedAt: string }[];
      const ids = polls.map((poll) => poll.id);
      assert.deepEqual(ids, [...ids].sort());
      const d21 = polls.find((poll) => poll.id === D21.id)!;
      assert.deepEqual([d21.title, d21.method, d21.status, d21.phase], [D21.title, 'd21', 'open', 'open']);
      assert.equal(d21.ballots, await ballotCount(D21.id));
      assert.ok(!Number.isNaN(Date.parse(d21.updatedAt)));
    });

    test('seeding: storePoll and insertBallots store a poll and its ballots, a second run doubles nothing', async () => {
      const poll = { ...D21_ALL, id: 'seeded' };
      await storePoll(db, poll, { status: 'closed', resultsPublished: true });
      const castAt = new Date(Date.now() - DAY);
      const seeded = Array.from({ length: 2500 }, (_, index) => ({ voter: `seed:${index}`, channel: 'verified' as const, plus: index % 3 === 0 ? ['a', 'b'] : ['c'], minus: index % 3 === 0 ? ['d'] : [], castAt }));
      await insertBallots(db, poll.id, seeded);
      await insertBallots(db, poll.id, seeded.slice(0, 10));
      await storePoll(db, poll, { status: 'closed', resultsPublished: true });
      const published = await results(poll.id);
      assert.equal(published.statusCode, 200, published.body);
      assert.equal(published.json().phase, 'published');
      assert.equal(published.json().ballots.total, seeded.length);
      const byOption = new Map(published.json().rows.map((row: { option: string; plus: number; minus: number }) => [row.option, [row.plus, row.minus]]));
      const thirds = seeded.filter((_, index) => index % 3 === 0).length;
      assert.deepEqual(byOption.get('a'), [thirds, 0]);
      assert.deepEqual(byOption.get('c'), [seeded.length - thirds, 0]);
      assert.deepEqual(byOption.get('d'), [0, thirds]);
      await assert.rejects(storePoll(db, { ...poll, options: [] }), /not a valid definition/);
    });

    test('CORS lets the embedding site send X-Voter-Token', async () => {
      const preflight = await app.inject({
        method: 'OPTIONS',
        url: `/api/polls/${SINGLE.id}/ballot`,
        headers: { origin: 'http://town.test', 'access-control-request-method': 'PUT', 'access-control-request-headers': 'x-voter-token,content-type' },
      });
      assert.equal(preflight.headers['access-control-allow-origin'], 'http://town.test');
      assert.match(String(preflight.headers['access-control-allow-headers']), /X-Voter-Token/i);
    });

    test('every polls route is in /openapi.json', async () => {
      const document = (await app.inject({ method: 'GET', url: '/openapi.json' })).json();
      const operations = Object.entries(document.paths as Record<string, Record<string, unknown>>).flatMap(([path, methods]) => Object.keys(methods).map((method) => `${method} ${path}`));
      for (const operation of [
        'get /polls/{id}',
        'put /polls/{id}/ballot',
        'delete /polls/{id}/ballot',
        'get /polls/{id}/results',
        'put /office/polls/{id}',
        'get /office/polls',
        'get /office/polls/{id}',
        'patch /office/polls/{id}',
        'get /office/polls/{id}/results',
        'get /office/polls/{id}/results.csv',
        'get /office/polls/{id}/ballots.csv',
        'post /office/polls/{id}/paper-ballots',
        'get /office/polls/{id}/paper-ballots',
        'delete /office/polls/{id}/paper-ballots/{batch}',
      ]) {
        assert.ok(operations.includes(operation), operation);
      }
      assert.ok(document.paths['/polls/{id}/ballot'].put.responses['422']);
    });

    test('POLLS_DIR: polls stored open at start-up, a changed file updated, a bad file stops it with one line naming it', async () => {
      const localities = config.residentLocalities;
      const dir = mkdtempSync(join(tmpdir(), 'obec-polls-'));
      try {
        const fromDir = { ...D21, id: 'from-dir' };
        writeFileSync(join(dir, 'from-dir.json'), JSON.stringify(fromDir, null, 2));
        writeFileSync(join(dir, 'README.txt'), 'not a poll');
        assert.deepEqual(await loadPollsDir(db, dir, localities), [{ id: 'from-dir', created: true, changed: true }]);
        assert.deepEqual(await loadPollsDir(db, dir, localities), [{ id: 'from-dir', created: false, changed: false }]);
        const stored = (await view('from-dir')).json();
        assert.equal(stored.phase, 'open');
        assert.deepEqual(stored.poll, fromDir);

        writeFileSync(join(dir, 'from-dir.json'), JSON.stringify({ ...fromDir, title: 'Nový název' }));
        assert.deepEqual(await loadPollsDir(db, dir, localities), [{ id: 'from-dir', created: false, changed: true }]);
        assert.equal((await view('from-dir')).json().poll.title, 'Nový název');
        // the office closed it: a restart keeps its status
        await office('PATCH', 'polls/from-dir', { status: 'closed' });
        await loadPollsDir(db, dir, localities);
        assert.equal((await view('from-dir')).json().phase, 'closed');
        await office('PATCH', 'polls/from-dir', { status: 'open' });

        const stops = async (files: Record<string, unknown>, message: RegExp, on = localities) => {
          for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), typeof content === 'string' ? content : JSON.stringify(content));
          await assert.rejects(loadPollsDir(db, dir, on), (error: Error) => error instanceof ConfigError && message.test(error.message) && !error.message.includes('\n'));
          for (const name of Object.keys(files)) if (name !== 'from-dir.json') rmSync(join(dir, name));
        };
        await stops({ 'zz-broken.json': { ...SINGLE, id: 'Broken Poll' } }, /^POLLS_DIR: .*zz-broken\.json is not a valid poll definition: id/);
        await stops({ 'zz-broken.json': '{ "id": ' }, /zz-broken\.json is not readable JSON/);
        await stops({ 'zz-again.json': { ...fromDir, title: 'Znovu' } }, /zz-again\.json defines the poll "from-dir" again/);
        await stops({}, /from-dir\.json is not a valid poll definition: a residents-only poll, but RESIDENT_LOCALITIES/, []);

        assert.equal((await vote('from-dir', { plus: ['p1'], minus: [] }, { token: await resident() })).statusCode, 201);
        // a forbidden change stops the start-up, and the folder's other files are not stored either
        await stops({ 'from-dir.json': { ...fromDir, title: 'Nový název', budget: { total: 5 } }, 'a-new.json': { ...SINGLE, id: 'a-new' } }, /from-dir\.json cannot be stored: .*budget/);
        assert.equal((await view('a-new')).statusCode, 404);
        assert.deepEqual((await view('from-dir')).json().poll.budget, D21.budget);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
      await assert.rejects(loadPollsDir(db, join(tmpdir(), 'no-such-polls-dir'), localities), (error: Error) => error instanceof ConfigError && /^POLLS_DIR is invalid/.test(error.message));
    });
  });
}

import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { SignJWT, importJWK, type JWK } from 'jose';
import type { FastifyInstance } from 'fastify';
import type { Config } from '../../server/config.js';
import { loadReportCategories } from '../../server/feedback/service.js';
import { migrate } from '../../server/storage/migrate.js';
import type { Database } from '../../server/storage/database.js';
import { todayInPrague } from '../../src/time/prague.js';
import { DATABASES, startApp, testConfig } from './harness.js';

const OFFICE_TOKEN = 'office-token-for-the-indicator-tests';
const CENTER = { lat: 49.4325, lon: 15.587 };
const BOUNDARY = [
  [49.4385, 15.579],
  [49.439, 15.5955],
  [49.4265, 15.596],
  [49.426, 15.5785],
];
const QUESTION = {
  id: 'question',
  title: 'Dotaz',
  steps: [{ id: 'question', title: 'Dotaz', fields: [{ id: 'text', type: 'text', label: 'Dotaz', required: true }] }],
};
const BENCHES = {
  id: 'benches',
  title: 'Barva laviček',
  method: 'single',
  options: [
    { id: 'green', title: 'Zelená' },
    { id: 'blue', title: 'Modrá' },
  ],
  voters: 'anyone',
  results: 'live',
};

/**
 * What happened around the change to summer time (Sunday 2026-03-29, 02:00
 * CET → 03:00 CEST), in UTC, with the Prague day each falls on.
 */
const SEEDED_EVENTS: [at: string, kind: string, amountCents?: number][] = [
  ['2026-03-24T22:59:59Z', 'visit'], // 03-24 23:59:59 CET: the day before the period
  ['2026-03-24T23:30:00Z', 'visit'], // 03-25 00:30
  ['2026-03-25T10:00:00Z', 'visit'], // 03-25
  ['2026-03-26T09:00:00Z', 'sign_in'], // 03-26
  ['2026-03-26T10:00:00Z', 'sign_in'], // 03-26
  ['2026-03-28T22:30:00Z', 'payment', 50_000], // 03-28 23:30 CET
  ['2026-03-28T23:30:00Z', 'payment', 12_050], // 03-29 00:30 CET
  ['2026-03-29T00:59:00Z', 'vote'], // 03-29 01:59 CET
  ['2026-03-29T01:00:00Z', 'vote'], // 03-29 03:00 CEST
  ['2026-03-29T21:59:00Z', 'vote'], // 03-29 23:59 CEST
  ['2026-03-29T22:00:00Z', 'submission'], // 03-30 00:00 CEST
  ['2026-03-30T12:00:00Z', 'report'], // 03-30
  ['2026-03-31T08:00:00Z', 'rating'], // 03-31
  ['2026-03-31T08:00:00Z', 'rating'], // 03-31
  ['2026-03-31T10:00:00Z', 'vote'], // 03-31
  ['2026-04-01T06:00:00Z', 'payment', 30_000], // 04-01
  ['2026-04-01T09:00:00Z', 'sign_in'], // 04-01
  ['2026-04-02T21:59:59Z', 'submission'], // 04-02 23:59:59: the period's last second
  ['2026-04-02T22:00:00Z', 'submission'], // 04-03 00:00: the day after the period
];
/** First sign-ins: before the period, in it (three), after it. */
const SEEDED_ACCOUNTS: [subject: string, firstSeenAt: string][] = [
  ['seed-a', '2026-03-20T10:00:00Z'], // before
  ['seed-b', '2026-03-24T23:30:00Z'], // 03-25 00:30
  ['seed-c', '2026-03-29T01:30:00Z'], // 03-29 03:30 CEST
  ['seed-e', '2026-04-01T10:00:00Z'], // 04-01
  ['seed-d', '2026-04-02T22:30:00Z'], // 04-03 00:30: after
];
const MINUTES = 'payment=20,submission=45,vote=5,report=15,rating=0.5';
const PER_USE = { payment: 20, submission: 45, vote: 5, report: 15, rating: 0.5 };
const PERIOD = 'from=2026-03-25&to=2026-04-02';

const uses = (payment: number, submission: number, vote: number, report: number, rating: number) => ({ payment, submission, vote, report, rating });
const point = (start: string, visits: number, newCitizens: number, signIns: number, used: ReturnType<typeof uses>, paymentAmount: number, minutesSaved: number) => ({
  start,
  visits,
  newCitizens,
  signIns,
  uses: used,
  paymentAmount,
  minutesSaved,
});

for (const database of DATABASES) {
  describe(`indicators on ${database.name}`, () => {
    let db: Database;
    let app: FastifyInstance;
    let open: FastifyInstance;
    let limited: FastifyInstance;
    let config: Config;
    let signingKey: JWK;
    let dir: string;

    let ipCounter = 0;
    const freshIp = () => `203.0.${Math.floor(++ipCounter / 250)}.${(ipCounter % 250) + 1}`;
    const tokenOf = async (subject = `citizen-${randomUUID()}`) => {
      await db.query("insert into accounts (subject, claims, loa) values ($1, '{}', 'loasubstantial') on conflict (subject) do nothing", [subject]);
      return new SignJWT({ sub: subject, iss: config.issuerUrl, aud: config.apiUrl, acr: 'loasubstantial' })
        .setProtectedHeader({ alg: 'RS256', kid: signingKey.kid })
        .setIssuedAt()
        .setExpirationTime('10m')
        .sign(await importJWK(signingKey, 'RS256'));
    };
    type Options = { token?: string | null; headers?: Record<string, string>; ip?: string; on?: FastifyInstance };
    const call = (method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', url: string, body?: unknown, options: Options = {}) =>
      (options.on ?? app).inject({
        method,
        url,
        headers: {
          ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
          ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
          ...options.headers,
        },
        ...(body !== undefined ? { payload: typeof body === 'string' ? body : JSON.stringify(body) } : {}),
        remoteAddress: options.ip ?? freshIp(),
      });
    /** The indicators as the integration token sees them (the staff-only app). */
    const indicators = async (query: string) => {
      const response = await call('GET', `/api/indicators?${query}`, undefined, { token: OFFICE_TOKEN });
      assert.equal(response.statusCode, 200, response.body);
      return response.json();
    };
    const eventsSince = async (since: Date) =>
      Object.fromEntries(
        (await db.query<{ kind: string; n: number }>('select kind, count(*)::int as n from usage_events where at >= $1 group by kind order by kind', [since.toISOString()])).map(
          (row) => [row.kind, row.n],
        ),
      );

    before(async () => {
      dir = mkdtempSync(join(tmpdir(), 'indicators-'));
      writeFileSync(join(dir, 'area.json'), JSON.stringify({ name: 'Javorná Lhota', boundary: BOUNDARY, center: CENTER, zoom: 15 }));
      writeFileSync(join(dir, 'categories.json'), JSON.stringify({ categories: [{ code: 'roads', name: { cs: 'Silnice' }, department: 'Odbor správy majetku' }] }));
      db = await database.open();
      await migrate(db);
      await loadReportCategories(db, join(dir, 'categories.json'));
      const common = { OFFICE_API_TOKEN: OFFICE_TOKEN, TOWN_AREA: join(dir, 'area.json'), MINUTES_SAVED: MINUTES };
      config = testConfig({ ...common, TOWN_POPULATION: '200', POLL_VOTE_PER_MINUTE: '1000', REPORT_PER_MINUTE: '1000', RATING_PER_MINUTE: '1000' });
      app = await startApp(config, db);
      open = await startApp(testConfig({ ...common, INDICATORS_PUBLIC: 'true' }), db);
      limited = await startApp(testConfig({ ...common, VISITS_PER_MINUTE: '2' }), db);
      const [row] = await db.query<{ value: JWK }>("select value from secrets where name = 'broker.signing-key.rs256'");
      signingKey = row!.value;

      await db.query(
        `insert into usage_events (at, kind, amount_cents)
         select * from unnest($1::timestamptz[], $2::text[], $3::bigint[])`,
        [SEEDED_EVENTS.map(([at]) => at), SEEDED_EVENTS.map(([, kind]) => kind), SEEDED_EVENTS.map(([, , cents]) => cents ?? null)],
      );
      for (const [subject, firstSeenAt] of SEEDED_ACCOUNTS) {
        await db.query("insert into accounts (subject, claims, loa, first_seen_at, last_seen_at) values ($1, '{}', 'loasubstantial', $2, $2)", [subject, firstSeenAt]);
      }
    });
    after(async () => {
      await app.close();
      await open.close();
      await limited.close();
      await db.close();
      rmSync(dir, { recursive: true, force: true });
    });

    test('by day: every day of the period, Prague midnights and the change to summer time on the right side', async () => {
      const byDay = await indicators(`${PERIOD}&interval=day`);
      assert.deepEqual(byDay, {
        from: '2026-03-25',
        to: '2026-04-02',
        interval: 'day',
        population: 200,
        citizens: { signedIn: 4, newInPeriod: 3, share: 0.02 },
        visits: 2,
        signIns: 3,
        uses: uses(3, 2, 4, 1, 2),
        payments: { count: 3, amount: 920.5 },
        mostFrequent: 'vote',
        minutesSaved: { perUse: PER_USE, total: 186 },
        series: [
          point('2026-03-25', 2, 1, 0, uses(0, 0, 0, 0, 0), 0, 0),
          point('2026-03-26', 0, 0, 2, uses(0, 0, 0, 0, 0), 0, 0),
          point('2026-03-27', 0, 0, 0, uses(0, 0, 0, 0, 0), 0, 0),
          point('2026-03-28', 0, 0, 0, uses(1, 0, 0, 0, 0), 500, 20),
          point('2026-03-29', 0, 1, 0, uses(1, 0, 3, 0, 0), 120.5, 35),
          point('2026-03-30', 0, 0, 0, uses(0, 1, 0, 1, 0), 0, 60),
          point('2026-03-31', 0, 0, 0, uses(0, 0, 1, 0, 2), 0, 6),
          point('2026-04-01', 0, 1, 1, uses(1, 0, 0, 0, 0), 300, 20),
          point('2026-04-02', 0, 0, 0, uses(0, 1, 0, 0, 0), 0, 45),
        ],
      });
    });

    test('by week (from Monday, the first clipped to from) and by month (from the 1st)', async () => {
      const byWeek = await indicators(`${PERIOD}&interval=week`);
      assert.deepEqual(byWeek.series, [
        point('2026-03-25', 2, 2, 2, uses(2, 0, 3, 0, 0), 620.5, 55),
        point('2026-03-30', 0, 1, 1, uses(1, 2, 1, 1, 2), 300, 131),
      ]);
      assert.equal(byWeek.minutesSaved.total, 186);
      const byMonth = await indicators(`${PERIOD}&interval=month`);
      assert.deepEqual(byMonth.series, [
        point('2026-03-25', 2, 2, 2, uses(2, 1, 4, 1, 2), 620.5, 121),
        point('2026-04-01', 0, 1, 1, uses(1, 1, 0, 0, 0), 300, 65),
      ]);
      const twoMonths = await indicators('from=2026-02-16&to=2026-04-05&interval=week');
      assert.deepEqual(
        twoMonths.series.map((entry: { start: string }) => entry.start),
        ['2026-02-16', '2026-02-23', '2026-03-02', '2026-03-09', '2026-03-16', '2026-03-23', '2026-03-30'],
      );
      assert.deepEqual(twoMonths.citizens, { signedIn: 5, newInPeriod: 5, share: 0.025 });
      assert.equal(twoMonths.visits, 3);
    });

    test('the most frequent service: ties go to the order of the services, none when nothing was used', async () => {
      const tie = await indicators('from=2026-03-30&to=2026-03-30');
      assert.deepEqual(tie.uses, uses(0, 1, 0, 1, 0));
      assert.equal(tie.mostFrequent, 'submission');
      const ratings = await indicators('from=2026-03-31&to=2026-03-31');
      assert.equal(ratings.mostFrequent, 'rating');
      const quiet = await indicators('from=2026-03-26&to=2026-03-27');
      assert.equal(quiet.signIns, 2);
      assert.equal('mostFrequent' in quiet, false);
      assert.equal(quiet.minutesSaved.total, 0);
      // signed in by the end of the period: seed-a before it, seed-b on 03-25
      assert.deepEqual(quiet.citizens, { signedIn: 2, newInPeriod: 0, share: 0.01 });
    });

    test('the CSV: a row per interval and a total row, BOM, CRLF, decimal commas, a file name of the period', async () => {
      const response = await call('GET', `/api/indicators.csv?${PERIOD}&interval=week`, undefined, { token: OFFICE_TOKEN });
      assert.equal(response.statusCode, 200, response.body);
      assert.equal(response.headers['content-type'], 'text/csv; charset=utf-8');
      assert.equal(response.headers['content-disposition'], 'attachment; filename="indicators-2026-03-25-2026-04-02.csv"');
      assert.equal(
        response.body,
        '\ufeffstart;visits;new_citizens;sign_ins;payments;payment_amount_czk;submissions;votes;reports;ratings;minutes_saved\r\n' +
          '2026-03-25;2;2;2;2;620,50;0;3;0;0;55\r\n' +
          '2026-03-30;0;1;1;1;300,00;2;1;1;2;131\r\n' +
          'total;2;3;3;3;920,50;2;4;1;2;186\r\n',
      );
    });

    test('the period: the last 30 days by default; from after to, more than 3 years, or a wrong date refused', async () => {
      const recent = await indicators('');
      assert.equal(recent.interval, 'day');
      assert.equal(recent.to, todayInPrague());
      assert.equal(recent.series.length, 30);
      assert.equal(recent.series[29].start, recent.to);
      assert.equal(recent.series[0].start, recent.from);

      for (const query of ['from=2026-04-02&to=2026-03-25', 'from=2023-01-01&to=2026-01-01']) {
        const refused = await call('GET', `/api/indicators?${query}`, undefined, { token: OFFICE_TOKEN });
        assert.equal(refused.statusCode, 400, query);
        assert.equal(refused.json().error.code, 'invalid_period');
        const csv = await call('GET', `/api/indicators.csv?${query}`, undefined, { token: OFFICE_TOKEN });
        assert.equal(csv.json().error.code, 'invalid_period');
      }
      // 2023-01-01..2025-12-31 is 1096 days: the longest allowed
      assert.equal((await indicators('from=2023-01-01&to=2025-12-31&interval=month')).series.length, 36);
      for (const query of ['from=2026-02-30', 'to=yesterday', 'interval=year']) {
        const refused = await call('GET', `/api/indicators?${query}`, undefined, { token: OFFICE_TOKEN });
        assert.equal(refused.statusCode, 400, query);
        assert.equal(refused.json().error.code, 'invalid_request');
      }
    });

    test('staff only by default (401 anonymous, 403 a citizen, 200 staff and the token); public when the town says so', async () => {
      for (const path of [`/api/indicators?${PERIOD}`, `/api/indicators.csv?${PERIOD}`]) {
        const anonymous = await call('GET', path);
        assert.equal(anonymous.statusCode, 401, path);
        assert.equal(anonymous.json().error.code, 'missing_token');
        const citizen = await call('GET', path, undefined, { token: await tokenOf() });
        assert.equal(citizen.statusCode, 403, path);
        assert.equal(citizen.json().error.code, 'not_staff');
        const clerkSubject = `clerk-${randomUUID()}`;
        await db.query("insert into staff (id, name, roles, subject) values ($1, 'Referentka', '{polls}', $2)", [randomUUID(), clerkSubject]);
        const clerk = await call('GET', path, undefined, { token: await tokenOf(clerkSubject) });
        assert.equal(clerk.statusCode, 200, clerk.body);
        assert.equal(clerk.headers['cache-control'], 'no-store');
        assert.equal((await call('GET', path, undefined, { token: OFFICE_TOKEN })).statusCode, 200);
        const everyone = await call('GET', path, undefined, { on: open });
        assert.equal(everyone.statusCode, 200, everyone.body);
        // the same numbers (the public app has no TOWN_POPULATION, which the CSV does not show)
        if (path.includes('.csv')) assert.equal(everyone.body, clerk.body);
        else assert.deepEqual(everyone.json().series, clerk.json().series);
      }
      const publicView = (await call('GET', `/api/indicators?${PERIOD}`, undefined, { on: open })).json();
      // without TOWN_POPULATION no population and no share
      assert.equal('population' in publicView, false);
      assert.deepEqual(publicView.citizens, { signedIn: 4, newInPeriod: 3 });
    });

    test('citizens’ actions through the API record their events: a rating, a report, a vote (not a changed or withdrawn one), paper ballots, a form submission', async () => {
      const since = new Date(Date.now() - 1000);
      assert.equal((await call('POST', '/api/ratings', { target: '/poplatky.html', helpful: true })).statusCode, 201);
      const rating = await call('POST', '/api/ratings', { target: '/poplatky.html', helpful: false });
      assert.equal(
        (await call('PATCH', `/api/ratings/${rating.json().id}`, { comment: 'Chybí částka.' }, { headers: { 'x-edit-token': rating.json().editToken } })).statusCode,
        200,
      );
      assert.equal((await call('POST', '/api/ratings', { target: '/bot.html', helpful: true, website: 'http://spam.example' })).statusCode, 201);

      const reportKey = randomUUID();
      const report = { category: 'roads', description: 'Výmol na silnici před domem', location: { ...CENTER, address: 'Návesní 1' }, photos: [] };
      for (let i = 0; i < 2; i++) {
        const reported = await call('POST', '/api/reports', report, { headers: { 'idempotency-key': reportKey } });
        assert.ok([200, 201].includes(reported.statusCode), reported.body);
      }

      assert.ok([200, 201].includes((await call('PUT', `/api/office/polls/${BENCHES.id}`, BENCHES, { token: OFFICE_TOKEN })).statusCode));
      assert.equal((await call('PATCH', `/api/office/polls/${BENCHES.id}`, { status: 'open' }, { token: OFFICE_TOKEN })).statusCode, 200);
      const voter = { 'x-voter-token': randomUUID() };
      assert.equal((await call('PUT', `/api/polls/${BENCHES.id}/ballot`, { plus: ['green'], minus: [] }, { headers: voter })).statusCode, 201);
      assert.equal((await call('PUT', `/api/polls/${BENCHES.id}/ballot`, { plus: ['blue'], minus: [] }, { headers: voter })).statusCode, 200);
      assert.equal((await call('DELETE', `/api/polls/${BENCHES.id}/ballot`, undefined, { headers: voter })).statusCode < 300, true);
      assert.equal((await call('PUT', `/api/polls/${BENCHES.id}/ballot`, { plus: ['blue'], minus: [] }, { headers: { 'x-voter-token': randomUUID() } })).statusCode, 201);
      const paper = { label: 'Podatelna', ballots: [{ plus: ['green'], minus: [] }, { plus: ['blue'], minus: [] }, { plus: ['green'], minus: [] }] };
      const paperKey = randomUUID();
      for (let i = 0; i < 2; i++) {
        const added = await call('POST', `/api/office/polls/${BENCHES.id}/paper-ballots`, paper, { token: OFFICE_TOKEN, headers: { 'idempotency-key': paperKey } });
        assert.ok([200, 201].includes(added.statusCode), added.body);
      }

      assert.equal((await call('PUT', `/api/office/forms/${QUESTION.id}`, QUESTION, { token: OFFICE_TOKEN })).statusCode, 200);
      const submissionKey = randomUUID();
      for (let i = 0; i < 2; i++) {
        const submitted = await call('POST', `/api/forms/${QUESTION.id}/submissions`, { version: 1, answers: { text: 'Kdy se vyváží odpad?' } }, { headers: { 'idempotency-key': submissionKey } });
        assert.ok([200, 201].includes(submitted.statusCode), submitted.body);
      }
      const refused = await call('POST', `/api/forms/${QUESTION.id}/submissions`, { version: 1, answers: {} }, { headers: { 'idempotency-key': randomUUID() } });
      assert.equal(refused.statusCode, 422);

      // two ratings (a comment is no new one, a bot's is dropped), one report (the retry is the same), two online ballots and three paper ones, one submission
      assert.deepEqual(await eventsSince(since), { rating: 2, report: 1, submission: 1, vote: 5 });
      const today = await indicators(`from=${todayInPrague()}&to=${todayInPrague()}`);
      assert.deepEqual(today.uses, uses(0, 1, 5, 1, 2));
      assert.equal(today.mostFrequent, 'vote');
      assert.equal(today.minutesSaved.total, 45 + 5 * 5 + 15 + 2 * 0.5);
    });

    test('a bank statement credits its transfers on the day the money came, whenever the office imports it', async () => {
      const obligations = [
        'variable_symbol;fee_kind;fee_name_cs;fee_name_en;period;amount;due_date;given_name;family_name;birthdate',
        '2026990001;waste;Poplatek za odpady;Waste fee;2026;780,00;31.3.2026;Eva;Malá;1970-01-01',
        '2026990002;dog;Poplatek ze psů;Dog fee;2026;450,00;30.6.2026;Eva;Malá;1970-01-01',
      ].join('\r\n');
      const csv = { token: OFFICE_TOKEN, headers: { 'content-type': 'text/csv' } };
      assert.equal((await call('POST', '/api/office/obligations/import', obligations, csv)).statusCode, 200);
      const statement = ['date;amount;variable_symbol;reference', '2026-02-10;780,00;2026990001;ind-1', '2026-02-12;200,00;2026990002;ind-2', '2026-02-12;99,00;2026999999;ind-3'].join('\r\n');
      assert.equal((await call('POST', '/api/office/bank-statements', statement, csv)).statusCode, 200);
      // two credited (the third has no obligation), on their booking days, with what was credited
      const february = await indicators('from=2026-02-09&to=2026-02-13');
      assert.deepEqual(february.payments, { count: 2, amount: 980 });
      assert.deepEqual(
        february.series.map((point: { start: string; uses: { payment: number }; paymentAmount: number }) => [point.start, point.uses.payment, point.paymentAmount]),
        [['2026-02-09', 0, 0], ['2026-02-10', 1, 780], ['2026-02-11', 0, 0], ['2026-02-12', 1, 200], ['2026-02-13', 0, 0]],
      );
    });

    test('a visit keeps the page’s origin and path only, and nothing about the visitor; junk 400; a flood 429', async () => {
      const ip = '192.0.2.77';
      const since = new Date(Date.now() - 1000);
      const visit = await call('POST', '/api/visits', { page: 'https://www.obec.example/poplatky/pes?jmeno=Jana#platba' }, { ip, headers: { origin: 'http://town.test' } });
      assert.equal(visit.statusCode, 204, visit.body);
      assert.equal(visit.body, '');
      assert.equal(visit.headers['access-control-allow-origin'], 'http://town.test');
      const beacon = await call('POST', '/api/visits', JSON.stringify({ page: `http://obec.example:8080/${'a'.repeat(400)}` }), { headers: { 'content-type': 'text/plain;charset=UTF-8' } });
      assert.equal(beacon.statusCode, 204, beacon.body);

      const columns = await db.query<{ column_name: string }>("select column_name from information_schema.columns where table_name = 'usage_events' order by ordinal_position");
      assert.deepEqual(
        columns.map((column) => column.column_name),
        ['id', 'at', 'kind', 'amount_cents', 'page'],
      );
      const rows = await db.query<Record<string, unknown>>("select * from usage_events where kind = 'visit' and at >= $1 order by id", [since.toISOString()]);
      assert.deepEqual(
        rows.map((row) => row.page),
        ['https://www.obec.example/poplatky/pes', `http://obec.example:8080/${'a'.repeat(300 - 'http://obec.example:8080/'.length)}`],
      );
      assert.ok(rows.every((row) => row.amount_cents === null && !JSON.stringify(row).includes(ip)));

      for (const page of ['javascript:alert(1)', 'not a url', 'ftp://obec.example/a', '/relative/path']) {
        const junk = await call('POST', '/api/visits', { page });
        assert.equal(junk.statusCode, 400, page);
        assert.equal(junk.json().error.fields[0].path, 'page');
      }
      assert.equal((await call('POST', '/api/visits', {})).statusCode, 400);
      assert.equal((await call('POST', '/api/visits', 'not json', { headers: { 'content-type': 'text/plain' } })).statusCode, 400);
      assert.equal((await call('POST', '/api/visits', { page: 'x'.repeat(2001) })).statusCode, 400);

      const flood = [];
      for (let i = 0; i < 3; i++) flood.push(await call('POST', '/api/visits', { page: 'https://www.obec.example/' }, { on: limited, ip: '192.0.2.99' }));
      assert.deepEqual(
        flood.map((response) => response.statusCode),
        [204, 204, 429],
      );
      assert.equal(flood[2]!.json().error.code, 'rate_limited');
      assert.equal((await call('POST', '/api/visits', { page: 'https://www.obec.example/' }, { on: limited, ip: '192.0.2.100' })).statusCode, 204);
      const today = await indicators(`from=${todayInPrague()}&to=${todayInPrague()}`);
      assert.equal(today.visits, 5);
    });
  });
}

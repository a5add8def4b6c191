import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { SignJWT, importJWK, type JWK } from 'jose';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { ConfigError, loadConfig, type Config } from '../../server/config.js';
import { todayInPrague } from '../../src/time/prague.js';
import { migrate } from '../../server/storage/migrate.js';
import type { Database } from '../../server/storage/database.js';
import { seedDemo } from '../../demo/seed.js';
import { defaultCitizens } from '../../demo/nia-simulator/citizens.js';
import { DATABASES, startApp, testConfig } from './harness.js';


const OFFICE_TOKEN = 'office-token-for-the-tests-0123456789';
/** The demo town's account, in both forms (its IBAN computed by hand from the mod-97 rule). */
const ACCOUNT = '19-2000145399/0800';
const IBAN = 'CZ6508000000192000145399';

const HEADER = 'variable_symbol;fee_kind;fee_name_cs;fee_name_en;period;amount;due_date;given_name;family_name;birthdate;household;representative';
const csv = (...rows: string[]) => [HEADER, ...rows].join('\r\n');

describe('fee configuration', () => {
  const base = { NIA_CLIENT_ID: 'https://obec.example/sep' };
  const refused: [string, Record<string, string>, RegExp][] = [
    ['an account number that fails mod-11', { TOWN_ACCOUNT: '19-2000145398/0800' }, /^TOWN_ACCOUNT is invalid: the account number fails its mod-11 check/],
    ['an account prefix that fails mod-11', { TOWN_ACCOUNT: '18-2000145399/0800' }, /^TOWN_ACCOUNT is invalid: the account prefix fails its mod-11 check/],
    ['an IBAN that fails mod-97', { TOWN_ACCOUNT: 'CZ6608000000192000145399' }, /^TOWN_ACCOUNT is invalid: the IBAN fails its mod-97 check/],
    ['a valid foreign IBAN', { TOWN_ACCOUNT: 'DE89370400440532013000' }, /^TOWN_ACCOUNT is invalid: a Czech town's fees are paid to a Czech account/],
    ['no account at all', { TOWN_ACCOUNT: 'obecni ucet' }, /^TOWN_ACCOUNT is invalid: a Czech account prefix-number\/bank/],
    ['a town name too long for QR Platba', { TOWN_NAME: 'Obec '.padEnd(36, 'x') }, /^TOWN_NAME is invalid: at most 35 characters/],
  ];
  for (const [name, env, message] of refused) {
    test(`refuses ${name} with one line naming the variable`, () => {
      assert.throws(() => loadConfig({ ...base, ...env }), (error: Error) => error instanceof ConfigError && message.test(error.message) && !error.message.includes('\n'));
    });
  }
  test('a short office token is refused without repeating it', () => {
    assert.throws(
      () => loadConfig({ ...base, OFFICE_API_TOKEN: 'hunter2' }),
      (error: Error) => error instanceof ConfigError && /^OFFICE_API_TOKEN is invalid: at least 16 characters \(got 7 characters\)$/.test(error.message),
    );
  });
  test('the account is taken in the domestic form or as an IBAN, and is the same account', () => {
    const domestic = loadConfig({ ...base, TOWN_ACCOUNT: ACCOUNT });
    const iban = loadConfig({ ...base, TOWN_ACCOUNT: 'cz65 0800 0000 1920 0014 5399' });
    assert.deepEqual(domestic.townAccount, { iban: IBAN, accountNumber: ACCOUNT });
    assert.deepEqual(iban.townAccount, domestic.townAccount);
    assert.equal(domestic.TOWN_NAME, 'Obec');
    assert.equal(loadConfig(base).townAccount, undefined);
  });
});

for (const database of DATABASES) {
  describe(`local fees on ${database.name}`, () => {
    let db: Database;
    let app: FastifyInstance;
    /** The same backend without TOWN_ACCOUNT and OFFICE_API_TOKEN. */
    let bare: FastifyInstance;
    let signingKey: JWK;
    let config: Config;
    const today = todayInPrague();

    const start = (appConfig: Config) => startApp(appConfig, db);

    before(async () => {
      db = await database.open();
      await migrate(db);
      config = testConfig({ TOWN_NAME: 'Obec Javorná Lhota', TOWN_ACCOUNT: ACCOUNT, OFFICE_API_TOKEN: OFFICE_TOKEN });
      app = await start(config);
      bare = await start(testConfig());
      const [row] = await db.query<{ value: JWK }>("select value from secrets where name = 'broker.signing-key.rs256'");
      signingKey = row!.value;
    });
    after(async () => {
      await app.close();
      await bare.close();
      await db.close();
    });

    let ipCounter = 0;
    /** A client IP of its own for each request helper, so the look-up limit counts only what a test means it to. */
    const freshIp = () => `198.51.100.${++ipCounter}`;

    const office = (
      path: 'obligations' | 'obligations/import' | 'bank-statements',
      body: string | Buffer,
      { token = OFFICE_TOKEN as string | null, type = 'text/csv; charset=utf-8', on = app } = {},
    ) =>
      on.inject({
        method: 'POST',
        url: `/api/office/${path}`,
        headers: { ...(type ? { 'content-type': type } : {}), ...(token ? { authorization: `Bearer ${token}` } : {}) },
        payload: body,
        remoteAddress: freshIp(),
      });

    /** A signed-in citizen: their account as the broker stored it, and an access token of the broker. */
    const citizen = async (subject: string, claims: Record<string, string>) => {
      await db.query('insert into accounts (subject, claims, loa) values ($1, $2, $3) on conflict (subject) do update set claims = excluded.claims', [
        subject,
        JSON.stringify(claims),
        'loasubstantial',
      ]);
      const token = await new SignJWT({ sub: subject, iss: config.issuerUrl, aud: config.apiUrl, acr: 'loasubstantial' })
        .setProtectedHeader({ alg: 'RS256', kid: signingKey.kid })
        .setIssuedAt()
        .setExpirationTime('5m')
        .sign(await importJWK(signingKey, 'RS256'));
      return (on: FastifyInstance = app) => on.inject({ method: 'GET', url: '/api/fees', headers: { authorization: `Bearer ${token}` }, remoteAddress: freshIp() });
    };

    const lookup = (body: unknown, remoteAddress = freshIp(), on = app) =>
      on.inject({ method: 'POST', url: '/api/fees/lookup', headers: { 'content-type': 'application/json' }, payload: JSON.stringify(body), remoteAddress });

    const counts = async () => {
      const [row] = await db.query<{ obligations: number; kinds: number; households: number; transfers: number }>(
        `select (select count(*)::int from obligations) as obligations, (select count(*)::int from fee_kinds) as kinds,
                (select count(*)::int from households) as households, (select count(*)::int from bank_transfers) as transfers`,
      );
      return row!;
    };
    const paidOf = async (symbol: string) => (await db.query<{ paid_cents: number }>('select paid_cents from obligations where variable_symbol = $1', [symbol]))[0]?.paid_cents;

    const symbols = (response: LightMyRequestResponse) => response.json().obligations.map((obligation: { variableSymbol: string }) => obligation.variableSymbol);

    // The town's register, as the office exports it from a spreadsheet: BOM, `;`, decimal commas, Czech dates, a quoted name.
    const REGISTER =
      '\ufeff' +
      csv(
        '1000000001;waste;"Poplatek za odpady; svoz";Waste fee;2027;780,00;31.3.2027;Jan;Novák;12.4.1979;;ne',
        '1000000002;dog;Poplatek ze psů;Dog fee;2027;1 200,5;2099-06-30;JAN;NOVAK;1979-04-12;;',
        '1000000003;dog;;;2019;450;31. 1. 2020;Jan;Novák;1979-04-12;;no',
        '1000000004;waste;;;2026;780;2026-03-31;Jan;Novák;1979-04-12;;0',
        '1000000005;waste;;;2026;780;2026-03-31;Jan;Novák;1979-04-12;;0',
        '1000000006;waste;;;2027;780;2027-03-31;Jan;Novák;1985-01-01;;ne',
        '1000000011;waste;;;2027;780;2027-03-31;Žofie;Dvořáková;1991-09-30;dvorakova;ano',
        '1000000012;waste;;;2027;780;2027-03-31;Matěj;Černý;2010-07-01;dvorakova;ne',
        '0000000013;dog;;;2027;450;2027-06-30;Matěj;Černý;2010-07-01;dvorakova;ne',
        '',
        ';;;;;;;;;;;',
      );

    test('the office imports a spreadsheet’s CSV: BOM, semicolons, decimal commas, Czech dates, quotes', async () => {
      const before = await counts();
      const response = await office('obligations/import', REGISTER);
      assert.equal(response.statusCode, 200, response.body);
      assert.deepEqual(response.json(), { imported: 9, unchanged: 0 });
      const after = await counts();
      assert.equal(after.obligations - before.obligations, 9);
      const [row] = await db.query<{ amount_cents: number; due_date: string; payer_birthdate: string; name_cs: string }>(
        `select o.amount_cents, to_char(o.due_date, 'YYYY-MM-DD') as due_date, to_char(o.payer_birthdate, 'YYYY-MM-DD') as payer_birthdate, k.name_cs
         from obligations o join fee_kinds k on k.code = o.fee_kind where variable_symbol = '1000000002'`,
      );
      assert.deepEqual(row, { amount_cents: 120050, due_date: '2099-06-30', payer_birthdate: '1979-04-12', name_cs: 'Poplatek ze psů' });
      const [waste] = await db.query<{ name_cs: string }>("select name_cs from fee_kinds where code = 'waste'");
      assert.equal(waste!.name_cs, 'Poplatek za odpady; svoz');
    });

    test('bank statement: a full payment pays, a partial one partly, unknown symbols and overpayments are reported', async () => {
      const statement = [
        'date;amount;variable_symbol;reference',
        '2026-11-02;780,00;1000000001;bank-001',
        '2026-11-02;300;1000000004;bank-002',
        '2026-11-03;480,00;1000000004;bank-003',
        '2026-11-03;100;9999999999;bank-004',
        '2026-11-04;1000;1000000005;bank-005',
        '2026-11-04;50;;bank-006',
        '2026-11-04;-120,50;;bank-007',
      ].join('\n');
      const first = await office('bank-statements', statement);
      assert.equal(first.statusCode, 200, first.body);
      assert.deepEqual(first.json(), {
        matched: 4,
        skipped: 0,
        unmatched: [
          { row: 5, variableSymbol: '9999999999', amount: 100, reason: 'unknown_symbol' },
          { row: 6, variableSymbol: '1000000005', amount: 220, reason: 'overpaid' },
          { row: 7, amount: 50, reason: 'missing_symbol' },
          { row: 8, amount: -120.5, reason: 'outgoing' },
        ],
      });
      assert.equal(await paidOf('1000000001'), 78000);
      assert.equal(await paidOf('1000000004'), 78000);
      assert.equal(await paidOf('1000000005'), 78000);

      const transfers = (await counts()).transfers;
      const again = await office('bank-statements', statement);
      assert.deepEqual(again.json(), { matched: 0, skipped: 7, unmatched: [] }, 'the same statement again pays nothing twice');
      assert.equal(await paidOf('1000000001'), 78000);
      assert.equal(await paidOf('1000000004'), 78000);
      assert.equal((await counts()).transfers, transfers);

      // partial payments, one by a bank that drops the symbol's leading zeros
      const partial = await office('bank-statements', 'date;amount;variable_symbol;reference\n5.11.2026;100,50;1000000003;bank-008\n5.11.2026;100;13;bank-009\n');
      assert.deepEqual(partial.json(), { matched: 2, skipped: 0, unmatched: [] });
      assert.equal(await paidOf('1000000003'), 10050);
      assert.equal(await paidOf('0000000013'), 10000);
    });

    test('a signed-in citizen gets their obligations, matched by name without accents or case and birth date, with the town’s account', async () => {
      const fees = await citizen('CZ/CZ/jan', { given_name: 'Jan', family_name: 'Novák', birthdate: '1979-04-12', name: 'Jan Novák' });
      const response = await fees();
      assert.equal(response.statusCode, 200, response.body);
      const body = response.json();
      assert.deepEqual(body.account, { iban: IBAN, accountNumber: ACCOUNT, recipient: 'Obec Javorná Lhota' });
      // unpaid first by due date, then the paid ones; the namesake born in 1985 is someone else
      assert.deepEqual(symbols(response), ['1000000003', '1000000002', '1000000001', '1000000004', '1000000005']);
      const byId = Object.fromEntries(body.obligations.map((obligation: { variableSymbol: string }) => [obligation.variableSymbol, obligation]));
      assert.deepEqual(
        { ...byId['1000000002'], id: undefined },
        {
          id: undefined,
          feeKind: 'dog',
          feeName: { cs: 'Poplatek ze psů', en: 'Dog fee' },
          period: '2027',
          payerName: 'JAN NOVAK',
          variableSymbol: '1000000002',
          amount: 1200.5,
          paid: 0,
          dueDate: '2099-06-30',
          state: 'due',
        },
      );
      assert.equal(byId['1000000003'].state, 'partly-paid');
      assert.equal(byId['1000000003'].paid, 100.5);
      assert.equal(byId['1000000001'].state, 'paid');
      assert.equal(byId['1000000001'].amount, 780);

      // the same citizen as an identity provider without diacritics and in capitals writes them
      const shouting = await citizen('CZ/CZ/jan-2', { given_name: 'JAN', family_name: 'NOVAK', birthdate: '1979-04-12' });
      assert.deepEqual(symbols(await shouting()), symbols(response));
      const namesake = await citizen('CZ/CZ/jan-1985', { given_name: 'Jan', family_name: 'Novák', birthdate: '1985-01-01' });
      assert.deepEqual(symbols(await namesake()), ['1000000006']);
    });

    test('an unpaid obligation past its due date is overdue', async () => {
      await office('obligations/import', csv('1000000020;waste;;;2020;780;2020-03-31;Eva;Malá;1970-01-01;;ne', '1000000021;waste;;;2099;780;2099-03-31;Eva;Malá;1970-01-01;;ne'));
      const fees = await citizen('CZ/CZ/eva', { given_name: 'Eva', family_name: 'Malá', birthdate: '1970-01-01' });
      const states = (await fees()).json().obligations.map((obligation: { variableSymbol: string; state: string }) => [obligation.variableSymbol, obligation.state]);
      assert.ok('2020-03-31' < today && today < '2099-03-31');
      assert.deepEqual(states, [
        ['1000000020', 'overdue'],
        ['1000000021', 'due'],
      ]);
    });

    test('a household’s representative sees the members’ obligations; a member does not see the representative’s', async () => {
      const zofie = await citizen('CZ/CZ/zofie', { given_name: 'Žofie', family_name: 'Dvořáková', birthdate: '1991-09-30' });
      assert.deepEqual(symbols(await zofie()), ['1000000011', '1000000012', '0000000013']);
      const matej = await citizen('CZ/CZ/matej', { given_name: 'Matěj', family_name: 'Černý', birthdate: '2010-07-01' });
      assert.deepEqual(symbols(await matej()), ['1000000012', '0000000013']);
    });

    test('the fee list needs a token and a known citizen, and a configured account', async () => {
      const anonymous = await app.inject({ method: 'GET', url: '/api/fees' });
      assert.equal(anonymous.statusCode, 401);
      const stranger = await citizen('CZ/CZ/nobody', {});
      await db.query("delete from accounts where subject = 'CZ/CZ/nobody'");
      const unknown = await stranger();
      assert.equal(unknown.statusCode, 404);
      assert.equal(unknown.json().error.code, 'unknown_citizen');
      const noBirthdate = await citizen('CZ/CZ/no-birthdate', { given_name: 'Jan', family_name: 'Novák' });
      assert.deepEqual((await noBirthdate()).json().obligations, []);
      const jan = await citizen('CZ/CZ/jan', { given_name: 'Jan', family_name: 'Novák', birthdate: '1979-04-12' });
      const off = await jan(bare);
      assert.equal(off.statusCode, 503);
      assert.equal(off.json().error.code, 'fees_not_configured');
    });

    test('anonymous look-up by variable symbol and birth date; a wrong symbol and a wrong date answer the same 404', async () => {
      const found = await lookup({ variableSymbol: '1000000002', birthdate: '1979-04-12' });
      assert.equal(found.statusCode, 200, found.body);
      assert.deepEqual(symbols(found), ['1000000002']);
      assert.equal(found.json().account.iban, IBAN);
      // the symbol as a bank writes it, padded or stripped of zeros
      assert.deepEqual(symbols(await lookup({ variableSymbol: '13', birthdate: '2010-07-01' })), ['0000000013']);

      const wrongSymbol = await lookup({ variableSymbol: '1000000099', birthdate: '1979-04-12' });
      const wrongDate = await lookup({ variableSymbol: '1000000002', birthdate: '1979-04-13' });
      assert.equal(wrongSymbol.statusCode, 404);
      assert.equal(wrongDate.statusCode, 404);
      assert.equal(wrongSymbol.json().error.code, 'not_found');
      assert.equal(wrongSymbol.body, wrongDate.body);

      const malformed = await lookup({ variableSymbol: '10000A0002', birthdate: '12.4.1979' });
      assert.equal(malformed.statusCode, 400);
      assert.deepEqual(malformed.json().error.fields.map((field: { path: string }) => field.path).sort(), ['birthdate', 'variableSymbol']);
      const off = await lookup({ variableSymbol: '1000000002', birthdate: '1979-04-12' }, freshIp(), bare);
      assert.equal(off.statusCode, 503);
    });

    test('the look-up is rate limited harder than the API, per client IP', async () => {
      const ip = '203.0.113.77';
      // the limit counts per minute: do not start just before the window turns
      const left = 60_000 - (Date.now() % 60_000);
      if (left < 5_000) await new Promise((resume) => setTimeout(resume, left + 50));
      const statuses: number[] = [];
      for (let i = 0; i < 12; i++) statuses.push((await lookup({ variableSymbol: String(1000000100 + i), birthdate: '1979-04-12' }, ip)).statusCode);
      assert.deepEqual(statuses, [...Array(10).fill(404), 429, 429]);
      const limited = await lookup({ variableSymbol: '1000000002', birthdate: '1979-04-12' }, ip);
      assert.equal(limited.statusCode, 429);
      assert.equal(limited.json().error.code, 'rate_limited');
      assert.ok(Number(limited.headers['retry-after']) > 0);
      // the rest of the API and other clients are not affected
      assert.equal((await app.inject({ method: 'GET', url: '/api/health', remoteAddress: ip })).statusCode, 200);
      assert.equal((await lookup({ variableSymbol: '1000000002', birthdate: '1979-04-12' })).statusCode, 200);
    });

    test('an import with refused rows imports nothing and lists every refused cell', async () => {
      const before = await counts();
      const response = await office(
        'obligations/import',
        csv(
          '2000000001;waste;;;2027;780;2027-03-31;Ok;Row;1970-01-01;;ne',
          '20000A0002;waste;;;2027;780;2027-03-31;Jana;Nová;1970-01-01;;ne',
          '2000000003;waste;;;2027;-780;2027-03-31;Jana;Nová;1970-01-01;;ne',
          '2000000004;waste;;;2027;99999999,00;2027-03-31;Jana;Nová;1970-01-01;;ne',
          '2000000005;waste;;;2027;780,505;2027-03-31;Jana;Nová;1970-01-01;;ne',
          '2000000006;waste;;;2027;780;31.2.2027;Jana;Nová;1970-13-01;;ne',
          '2000000007;waste;;;2027;780;2027-03-31;;Nová;1970-01-01;;ne',
          '2000000001;waste;;;2027;780;2027-03-31;Jana;Nová;1970-01-01;;ne',
          '1000000001;waste;;;2027;999;2027-03-31;Jan;Novák;1979-04-12;;ne',
          '2000000010;parking;;;2027;780;2027-03-31;Jana;Nová;1970-01-01;;ne',
          '2000000011;waste;;;2027;780;2027-03-31;Jana;Nová;1970-01-01;;možná',
          '2000000012;waste;;;2027;780;2027-03-31;Jana;Nová;1970-01-01;;ano',
          '13;waste;;;2027;780;2027-03-31;Jana;Nová;1970-01-01;;ne',
          '2000000014;waste;;;2027;780;2027-03-31;Jana;Nová;1970-01-01;;ne;extra',
        ),
      );
      assert.equal(response.statusCode, 422, response.body);
      const { error } = response.json();
      assert.equal(error.code, 'import_rejected');
      assert.deepEqual(
        error.fields.map((field: { path: string; code: string }) => `${field.path} ${field.code}`),
        [
          'rows.3.variable_symbol invalid_symbol',
          'rows.4.amount not_positive',
          'rows.5.amount too_large',
          'rows.6.amount too_many_decimals',
          'rows.7.due_date invalid_date',
          'rows.7.birthdate invalid_date',
          'rows.8.given_name required',
          'rows.9.variable_symbol duplicate_symbol',
          'rows.10.variable_symbol symbol_conflict',
          'rows.11.fee_kind unknown_fee_kind',
          'rows.12.representative invalid_boolean',
          'rows.13.representative representative_without_household',
          'rows.14.variable_symbol symbol_taken',
          'rows.15 extra_cells',
        ],
      );
      assert.ok(error.fields.every((field: { message: string }) => field.message.length > 0));
      assert.match(error.message, /nothing of the file was imported/);
      assert.deepEqual(await counts(), before);
      assert.equal((await db.query("select 1 from obligations where variable_symbol = '2000000001'")).length, 0, 'the good row is not imported either');
    });

    test('the office adds obligations as JSON by the same rules, all or nothing', async () => {
      const json = (obligations: unknown[]) => office('obligations', JSON.stringify({ obligations }), { type: 'application/json' });
      const good = {
        variable_symbol: '3900000001', fee_kind: 'dog', period: '2028', amount: 450, due_date: '2028-06-30',
        given_name: 'Jan', family_name: 'Novák', birthdate: '1979-04-12', representative: false,
      };
      const before = await counts();
      const refused = await json([good, { ...good, variable_symbol: '30000A0002', amount: -5 }]);
      assert.equal(refused.statusCode, 422, refused.body);
      assert.equal(refused.json().error.code, 'import_rejected');
      assert.deepEqual(refused.json().error.fields.map((field: { path: string }) => field.path).sort(), ['rows.3.amount', 'rows.3.variable_symbol']);
      assert.deepEqual(await counts(), before, 'a refused request imported something');
      const accepted = await json([good]);
      assert.equal(accepted.statusCode, 200, accepted.body);
      assert.deepEqual(accepted.json(), { imported: 1, unchanged: 0 });
      assert.deepEqual((await json([good])).json(), { imported: 0, unchanged: 1 });
      assert.equal((await json([])).statusCode, 422);
    });

    test('importing the same file again changes nothing', async () => {
      const before = await counts();
      const paid = await paidOf('1000000001');
      const again = await office('obligations/import', REGISTER);
      assert.equal(again.statusCode, 200, again.body);
      assert.deepEqual(again.json(), { imported: 0, unchanged: 9 });
      assert.deepEqual(await counts(), before);
      assert.equal(await paidOf('1000000001'), paid);
      // a file with one more row imports that row only
      const more = await office('obligations/import', `${REGISTER}\r\n1000000030;dog;;;2027;450;2027-06-30;Jan;Novák;1979-04-12;;ne`);
      assert.deepEqual(more.json(), { imported: 1, unchanged: 9 });
    });

    test('two imports of one new file at once: one imports, the other finds it done', async () => {
      const file = csv('3000000001;waste;;;2027;780;2027-03-31;Petr;Souček;1960-05-05;;ne', '3000000002;dog;;;2027;450;2027-06-30;Petr;Souček;1960-05-05;;ne');
      const answers = await Promise.all([office('obligations/import', file), office('obligations/import', file)]);
      assert.deepEqual(answers.map((answer) => answer.statusCode), [200, 200]);
      assert.deepEqual(answers.map((answer) => answer.json().imported).sort(), [0, 2]);
    });

    test('office routes need the office token or a staff member: 401 without, 401 for a token that is neither, 403 not_staff for a citizen', async () => {
      const subject = 'CZ/CZ/fees-office-citizen';
      await db.query('insert into accounts (subject, claims, loa) values ($1, $2, $3) on conflict (subject) do nothing', [
        subject,
        JSON.stringify({ given_name: 'Jan', family_name: 'Novák', birthdate: '1979-04-12' }),
        'loasubstantial',
      ]);
      const citizenToken = await new SignJWT({ sub: subject, iss: config.issuerUrl, aud: config.apiUrl, acr: 'loasubstantial' })
        .setProtectedHeader({ alg: 'RS256', kid: signingKey.kid })
        .setIssuedAt()
        .setExpirationTime('5m')
        .sign(await importJWK(signingKey, 'RS256'));
      for (const path of ['obligations/import', 'bank-statements'] as const) {
        const missing = await office(path, REGISTER, { token: null });
        assert.equal(missing.statusCode, 401);
        assert.equal(missing.json().error.code, 'missing_token');
        assert.match(String(missing.headers['www-authenticate']), /^Bearer/);
        const wrong = await office(path, REGISTER, { token: `${OFFICE_TOKEN}x` });
        assert.equal(wrong.statusCode, 401);
        const forged = await office(path, REGISTER, { token: 'eyJhbGciOiJSUzI1NiJ9.e30.x' });
        assert.equal(forged.statusCode, 401);
        for (const on of [app, bare]) {
          const citizen = await office(path, REGISTER, { token: citizenToken, on });
          assert.equal(citizen.statusCode, 403);
          assert.equal(citizen.json().error.code, 'not_staff');
        }
      }
    });

    test('malformed files and wrong content types are 4xx with a code, never 5xx, and import nothing', async () => {
      const before = await counts();
      const cases: [string, string | Buffer, string | undefined, number, string][] = [
        ['JSON instead of CSV', JSON.stringify({ rows: [] }), 'application/json', 415, 'unsupported_media_type'],
        ['plain text', REGISTER, 'text/plain', 415, 'unsupported_media_type'],
        ['a form', 'a=b', 'application/x-www-form-urlencoded', 415, 'unsupported_media_type'],
        ['another charset', REGISTER, 'text/csv; charset=windows-1250', 415, 'unsupported_charset'],
        ['no body', '', 'text/csv', 400, 'empty_file'],
        ['Windows-1250 bytes', Buffer.from([...Buffer.from(`${HEADER}\n1;waste;;;2027;780;2027-03-31;Jan;Nov`), 0xe1, ...Buffer.from('k;1979-04-12;;ne\n')]), 'text/csv', 400, 'invalid_encoding'],
        ['binary', Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00, 0x08, 0x00]), 'text/csv', 400, 'invalid_csv'],
        ['JSON sent as CSV', JSON.stringify([{ variable_symbol: '1' }]), 'text/csv', 400, 'invalid_csv'],
        ['an unclosed quote', csv('"4000000001;waste;;;2027;780;2027-03-31;Jan;Novák;1979-04-12;;ne'), 'text/csv', 400, 'invalid_csv'],
        ['only a header', HEADER, 'text/csv', 422, 'import_rejected'],
        ['a header without the amount', 'variable_symbol;fee_kind;period;due_date;given_name;family_name;birthdate\n4000000002;waste;2027;2027-03-31;Jan;Novák;1979-04-12', 'text/csv', 422, 'import_rejected'],
      ];
      for (const [name, body, type, status, code] of cases) {
        const response = await office('obligations/import', body, { type });
        assert.equal(response.statusCode, status, `${name}: ${response.body}`);
        assert.equal(response.json().error.code, code, name);
      }
      const missingColumn = await office('obligations/import', 'variable_symbol;fee_kind;period;due_date;given_name;family_name;birthdate\n4000000002;waste;2027;2027-03-31;Jan;Novák;1979-04-12');
      assert.deepEqual(missingColumn.json().error.fields, [{ path: 'columns.amount', code: 'missing_column', message: 'The header row has no "amount" column' }]);

      const huge = await office('obligations/import', `${HEADER}\n${'4000000003;waste;;;2027;780;2027-03-31;Jan;Novák;1979-04-12;;ne\n'.repeat(40_000)}`);
      assert.equal(huge.statusCode, 413);
      assert.equal(huge.json().error.code, 'payload_too_large');

      const statement = await office('bank-statements', 'date;amount;variable_symbol;reference\n2026-13-01;780;1000000011;bank-100\n2026-11-01;abc;1000000011;bank-101\n2026-11-01;780;x;bank-102\n2026-11-01;780;1000000011;\n2026-11-01;780;1000000011;bank-104\n2026-11-01;780;1000000011;bank-104\n');
      assert.equal(statement.statusCode, 422);
      assert.equal(statement.json().error.code, 'statement_rejected');
      assert.deepEqual(
        statement.json().error.fields.map((field: { path: string; code: string }) => `${field.path} ${field.code}`),
        ['rows.2.date invalid_date', 'rows.3.amount invalid_amount', 'rows.4.variable_symbol invalid_symbol', 'rows.5.reference required', 'rows.7.reference duplicate_reference'],
      );
      const notStatement = await office('bank-statements', REGISTER);
      assert.equal(notStatement.statusCode, 422);
      assert.deepEqual(notStatement.json().error.fields.map((field: { path: string }) => field.path), ['columns.date', 'columns.reference']);

      assert.deepEqual(await counts(), before);
      assert.equal(await paidOf('1000000011'), 0);
    });

    test('the OpenAPI document describes the fee routes', async () => {
      const document = (await app.inject({ method: 'GET', url: '/openapi.json' })).json();
      assert.deepEqual(document.paths['/fees'].get.security, [{ bearer: [] }]);
      assert.ok(document.paths['/fees/lookup'].post.requestBody.content['application/json'].schema.properties.variableSymbol);
      assert.ok(document.paths['/fees/lookup'].post.responses['404']);
      assert.ok(document.paths['/office/obligations/import'].post.responses['422']);
      assert.deepEqual(document.paths['/office/bank-statements'].post.responses['200'].content['application/json'].schema.required.sort(), ['matched', 'skipped', 'unmatched']);
    });

    test('the demo’s seed imports through the office import, twice without change, for the simulator’s citizens', async () => {
      const citizens = defaultCitizens();
      await seedDemo(db, citizens);
      const before = await counts();
      await seedDemo(db, citizens);
      assert.deepEqual(await counts(), before);
      const claims = (key: string) => {
        const person = citizens.find((candidate) => candidate.key === key)!;
        return { given_name: person.givenName, family_name: person.familyName, birthdate: person.dateOfBirth };
      };
      const list = async (key: string) =>
        (await (await citizen(`CZ/CZ/demo-${key}`, claims(key)))()).json().obligations.filter((obligation: { variableSymbol: string }) => /^202[67]/.test(obligation.variableSymbol));
      const zofie = await list('zofie-dvorakova');
      const zofie2027 = zofie.filter((obligation: { period: string }) => obligation.period === '2027');
      assert.deepEqual(zofie2027.map((obligation: { payerName: string }) => obligation.payerName), ['Žofie Dvořáková', 'Matěj Černý']);
      assert.ok(zofie2027.every((obligation: { amount: number; dueDate: string }) => obligation.amount === 780 && obligation.dueDate === '2027-03-31'));
      assert.deepEqual(
        zofie.filter((obligation: { period: string }) => obligation.period === '2026').map((obligation: { state: string; paid: number }) => `${obligation.state} ${obligation.paid}`),
        ['partly-paid 500'],
      );
      const jan = await list('jan-novak');
      assert.deepEqual(jan.map((obligation: { variableSymbol: string; state: string }) => `${obligation.variableSymbol} ${obligation.state}`), [
        '2026000001 overdue',
        '2027000001 due',
        '2027000005 due',
      ]);
      assert.deepEqual((await list('marie-stastna')).map((obligation: { state: string }) => obligation.state), ['paid']);
      assert.deepEqual(await list('matej-cerny').then((items) => items.map((obligation: { payerName: string }) => obligation.payerName)), ['Matěj Černý']);
      assert.deepEqual(await list('petr-prochazka'), []);
      // a day later the simulator's minor has another birth date: the seed follows
      const tomorrow = defaultCitizens(new Date(Date.now() + 86_400_000));
      await seedDemo(db, tomorrow);
      const [matej] = await db.query<{ birthdate: string }>("select to_char(payer_birthdate, 'YYYY-MM-DD') as birthdate from obligations where variable_symbol = '2027000003'");
      assert.equal(matej!.birthdate, tomorrow.find((candidate) => candidate.key === 'matej-cerny')!.dateOfBirth);
    });
  });
}

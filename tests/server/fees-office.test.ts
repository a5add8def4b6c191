import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { SignJWT, importJWK, type JWK } from 'jose';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { buildApp } from '../../server/app.js';
import { createBroker } from '../../server/broker/broker.js';
import type { Config } from '../../server/config.js';
import { createPayments } from '../../server/payments/routes.js';
import { apiRoutesOf } from '../../server/start.js';
import { migrate } from '../../server/storage/migrate.js';
import type { Database } from '../../server/storage/database.js';
import { todayInPrague } from '../../src/time/prague.js';
import { DATABASES, freePort, NO_UPSTREAM, testConfig } from './harness.js';

const OFFICE_TOKEN = 'office-token-for-the-fees-office-tests';
const HEADER = 'variable_symbol;fee_kind;fee_name_cs;fee_name_en;period;amount;due_date;given_name;family_name;birthdate;household;representative';
const csv = (...rows: string[]) => [HEADER, ...rows].join('\r\n');
const RETURN = 'http://town.test/poplatky.html?obec-payment=return';

for (const database of DATABASES) {
  describe(`the office's fees on ${database.name}`, () => {
    let db: Database;
    let app: FastifyInstance;
    let config: Config;
    let signingKey: JWK;
    const today = todayInPrague();

    before(async () => {
      db = await database.open();
      await migrate(db);
      const port = await freePort();
      config = testConfig({
        PORT: String(port),
        PUBLIC_URL: `http://127.0.0.1:${port}`,
        PAYMENT_GATEWAY: 'sandbox',
        TOWN_NAME: 'Obec Javorná Lhota',
        TOWN_ACCOUNT: '19-2000145399/0800',
        OFFICE_API_TOKEN: OFFICE_TOKEN,
        RATE_LIMIT_PER_MINUTE: '100000',
      });
      const broker = await createBroker({ config, db, upstream: NO_UPSTREAM });
      const payments = createPayments(config, db);
      app = await buildApp({
        config,
        db,
        mountBroker: async (mounted) => {
          await broker.mount(mounted);
          await payments.mountPages(mounted);
        },
        authenticate: (authorization) => broker.verifyAccessToken(authorization),
        apiRoutes: apiRoutesOf(config, db, payments),
      });
      await app.listen({ host: '127.0.0.1', port });
      const [row] = await db.query<{ value: JWK }>("select value from secrets where name = 'broker.signing-key.rs256'");
      signingKey = row!.value;
    });
    after(async () => {
      await app.close();
      await db.close();
    });

    let ipCounter = 0;
    const freshIp = () => `198.51.100.${(++ipCounter % 250) + 1}`;

    /** A call of the office with the integration token (or `token`: null for none). */
    const office = (method: 'GET' | 'PUT' | 'PATCH' | 'DELETE' | 'POST', path: string, body?: unknown, token: string | null = OFFICE_TOKEN) =>
      app.inject({
        method,
        url: `/api/office/${path}`,
        headers: {
          ...(token ? { authorization: `Bearer ${token}` } : {}),
          ...(typeof body === 'string' ? { 'content-type': 'text/csv; charset=utf-8' } : body !== undefined ? { 'content-type': 'application/json' } : {}),
        },
        ...(body !== undefined ? { payload: typeof body === 'string' ? body : JSON.stringify(body) } : {}),
        remoteAddress: freshIp(),
      });
    const ok = (response: LightMyRequestResponse, status = 200) => {
      assert.equal(response.statusCode, status, response.body);
      return response.json();
    };
    const importCsv = async (text: string) => ok(await office('POST', 'obligations/import', text));
    const statement = async (...lines: string[]) => ok(await office('POST', 'bank-statements', ['date;amount;variable_symbol;reference', ...lines].join('\n')));

    /** A citizen (not staff) signed in through the broker: their access token. */
    const citizenToken = async (claims: Record<string, string>) => {
      const subject = `CZ/CZ/${randomUUID()}`;
      await db.query('insert into accounts (subject, claims, loa) values ($1, $2, $3)', [subject, JSON.stringify(claims), 'loasubstantial']);
      return new SignJWT({ sub: subject, iss: config.issuerUrl, aud: config.apiUrl, acr: 'loasubstantial' })
        .setProtectedHeader({ alg: 'RS256', kid: signingKey.kid })
        .setIssuedAt()
        .setExpirationTime('5m')
        .sign(await importJWK(signingKey, 'RS256'));
    };

    const counts = async () =>
      (
        await db.query<{ obligations: number; kinds: number; households: number }>(
          `select (select count(*)::int from obligations) as obligations, (select count(*)::int from fee_kinds) as kinds,
                  (select count(*)::int from households) as households`,
        )
      )[0]!;
    const idOf = async (symbol: string) => (await db.query<{ id: string }>('select id from obligations where variable_symbol = $1', [symbol]))[0]!.id;
    const symbolsOf = (list: { obligations: { variableSymbol: string }[] }) => list.obligations.map((obligation) => obligation.variableSymbol);

    test('every new route refuses an anonymous call and a citizen who is no staff', async () => {
      const token = await citizenToken({ given_name: 'Jana', family_name: 'Občanová', birthdate: '1980-01-01' });
      const calls: [Parameters<typeof office>[0], string, unknown?][] = [
        ['GET', 'fee-kinds'],
        ['PUT', 'fee-kinds/waste', { name: { cs: 'Odpady', en: 'Waste' } }],
        ['GET', 'obligations'],
        ['PATCH', 'obligations/x', { amount: 1 }],
        ['DELETE', 'obligations/x'],
        ['POST', 'obligations/import?preview=true', csv('1;waste;Odpady;Waste;2027;1;2027-01-01;A;B;1980-01-01;;')],
        ['GET', 'payments'],
        ['GET', 'payments.csv'],
      ];
      for (const [method, path, body] of calls) {
        const anonymous = await office(method, path, body, null);
        assert.equal(anonymous.statusCode, 401, `${method} ${path} anonymous`);
        assert.equal(anonymous.json().error.code, 'missing_token');
        const citizen = await office(method, path, body, token);
        assert.equal(citizen.statusCode, 403, `${method} ${path} as a citizen`);
        assert.equal(citizen.json().error.code, 'not_staff');
      }
      assert.equal((await counts()).kinds, 0);
    });

    test('fee kinds: created (201), renamed (200), listed with their obligations; a bad code is refused', async () => {
      const created = await office('PUT', 'fee-kinds/dog', { name: { cs: 'Poplatek ze psů', en: 'Dog fee' } });
      assert.deepEqual(ok(created, 201), { code: 'dog', name: { cs: 'Poplatek ze psů', en: 'Dog fee' }, obligations: 0 });
      await importCsv(csv('2000000001;dog;;;2027;450;2027-06-30;Jan;Pes;1979-04-12;;', '2000000002;dog;;;2027;450;2027-06-30;Eva;Pes;1979-04-12;;'));
      const renamed = await office('PUT', 'fee-kinds/dog', { name: { cs: 'Místní poplatek ze psů', en: 'Local dog fee' } });
      assert.deepEqual(ok(renamed), { code: 'dog', name: { cs: 'Místní poplatek ze psů', en: 'Local dog fee' }, obligations: 2 });
      ok(await office('PUT', 'fee-kinds/parking-2027', { name: { cs: 'Parkování', en: 'Parking' } }), 201);

      const list = ok(await office('GET', 'fee-kinds'));
      assert.deepEqual(
        list.feeKinds.filter((kind: { code: string }) => ['dog', 'parking-2027'].includes(kind.code)),
        [
          { code: 'dog', name: { cs: 'Místní poplatek ze psů', en: 'Local dog fee' }, obligations: 2 },
          { code: 'parking-2027', name: { cs: 'Parkování', en: 'Parking' }, obligations: 0 },
        ],
      );

      for (const code of ['Dog', 'dog_fee', '-dog', 'x'.repeat(33)]) {
        const refused = await office('PUT', `fee-kinds/${code}`, { name: { cs: 'X', en: 'X' } });
        assert.equal(refused.statusCode, 400, code);
        assert.deepEqual(refused.json().error.fields.map((field: { path: string }) => field.path), ['params.code']);
      }
      const unnamed = await office('PUT', 'fee-kinds/cats', { name: { cs: '', en: 'Cats' } });
      assert.equal(unnamed.statusCode, 400);
      assert.deepEqual(unnamed.json().error.fields.map((field: { path: string }) => field.path), ['name.cs']);
      assert.equal((await db.query("select 1 from fee_kinds where code = 'cats'")).length, 0);
    });

    test('obligations: found by symbol or name, fee kind, period and state, by due date, in pages with the total', async () => {
      await importCsv(
        csv(
          '3100000004;waste;Poplatek za odpady;Waste fee;L2027;780;2027-03-31;Jan;Novák;1979-04-12;;',
          '3100000001;waste;;;L2026;780;2026-03-31;Jan;Novák;1979-04-12;;',
          '3100000002;waste;;;L2027;780;2099-03-31;Jana;Nováková;1981-02-03;;',
          '3100000003;dog;;;L2027;450;2099-06-30;Jan;Novák;1979-04-12;novak;ano',
          '3100000005;waste;;;L2027;780;2099-03-31;Petr;Svoboda;1970-01-01;;',
          '3100000006;waste;;;L2027;780;2020-03-31;Eva;Dvořáková;1990-05-05;;',
        ),
      );
      await statement('2027-01-05;780;3100000001;l-001', '2027-01-05;300;3100000005;l-002');
      const list = async (query: string) => ok(await office('GET', `obligations?${query}`));

      const all = await list('q=31000');
      assert.deepEqual(symbolsOf(all), ['3100000006', '3100000001', '3100000004', '3100000002', '3100000005', '3100000003'], 'by due date, then symbol');
      assert.equal(all.total, 6);
      const [first] = (await list('q=3100000004')).obligations;
      assert.deepEqual({ ...first, id: undefined, createdAt: undefined }, {
        id: undefined,
        createdAt: undefined,
        feeKind: 'waste',
        period: 'L2027',
        variableSymbol: '3100000004',
        amount: 780,
        paid: 0,
        dueDate: '2027-03-31',
        state: first.dueDate < today ? 'overdue' : 'due',
        payer: { givenName: 'Jan', familyName: 'Novák', birthdate: '1979-04-12' },
        representative: false,
      });
      assert.equal((await list('q=3100000003')).obligations[0].household, 'novak');
      assert.ok(!Number.isNaN(Date.parse(first.createdAt)));

      // a name in either order, case and accents aside; a part of it too
      const names: [string, string[]][] = [
        ['Novák Jan', ['3100000004', '3100000003']],
        ['jan novak', ['3100000004', '3100000003']],
        ['jan nov', ['3100000004', '3100000003']],
        ['NOVAK', ['3100000004', '3100000002', '3100000003']],
        ['nováková', ['3100000002']],
      ];
      for (const [q, expected] of names) assert.deepEqual(symbolsOf(await list(`q=${encodeURIComponent(q)}&period=L2027`)), expected, q);
      assert.deepEqual(symbolsOf(await list('q=dvorakova%20eva')), ['3100000006']);
      assert.deepEqual(symbolsOf(await list('q=%25')), [], 'a % is no wildcard');

      assert.deepEqual(symbolsOf(await list('q=31000&feeKind=dog')), ['3100000003']);
      assert.deepEqual(symbolsOf(await list('q=31000&period=L2026')), ['3100000001']);
      assert.deepEqual(symbolsOf(await list('q=31000&state=paid')), ['3100000001']);
      assert.deepEqual(symbolsOf(await list('q=31000&state=partly-paid')), ['3100000005']);
      assert.deepEqual(symbolsOf(await list('q=31000&state=overdue')), ['3100000006', ...(today > '2027-03-31' ? ['3100000004'] : [])]);
      assert.deepEqual(symbolsOf(await list('q=31000&state=due')), [...(today > '2027-03-31' ? [] : ['3100000004']), '3100000002', '3100000003']);
      assert.deepEqual(symbolsOf(await list('q=31000&state=unpaid')), ['3100000006', '3100000004', '3100000002', '3100000005', '3100000003']);
      const partly = (await list('q=3100000005')).obligations[0];
      assert.deepEqual([partly.amount, partly.paid, partly.state], [780, 300, 'partly-paid']);

      const page = await list('q=31000&offset=2&limit=2');
      assert.deepEqual(symbolsOf(page), ['3100000004', '3100000002']);
      assert.equal(page.total, 6);
      const past = await list('q=31000&offset=10');
      assert.deepEqual([past.obligations, past.total], [[], 6]);
      for (const query of ['limit=0', 'limit=201', 'offset=-1', 'state=late']) {
        assert.equal((await office('GET', `obligations?${query}`)).statusCode, 400, query);
      }
    });

    test('an obligation’s amount and due date change; not below what is paid (409); unknown is 404', async () => {
      await importCsv(csv('3200000001;waste;Poplatek za odpady;Waste fee;2027;780;2099-03-31;Ota;Změna;1979-04-12;;'));
      const id = await idOf('3200000001');
      const changed = ok(await office('PATCH', `obligations/${id}`, { amount: 800.5, dueDate: '2099-04-30' }));
      assert.deepEqual([changed.amount, changed.dueDate, changed.state], [800.5, '2099-04-30', 'due']);
      assert.equal((await db.query<{ amount_cents: number }>('select amount_cents from obligations where id = $1', [id]))[0]!.amount_cents, 80050);

      await statement('2027-02-01;500;3200000001;c-001');
      const below = await office('PATCH', `obligations/${id}`, { amount: 499 });
      assert.equal(below.statusCode, 409);
      assert.equal(below.json().error.code, 'below_paid');
      assert.deepEqual(below.json().error.fields.map((field: { path: string }) => field.path), ['amount']);
      assert.equal(ok(await office('PATCH', `obligations/${id}`, { amount: 500 })).state, 'paid', 'exactly what is paid: paid');

      assert.equal((await office('PATCH', 'obligations/no-such-id', { amount: 1 })).statusCode, 404);
      assert.equal((await office('PATCH', `obligations/${id}`, { amount: -5 })).statusCode, 400);
      assert.equal((await office('PATCH', `obligations/${id}`, { amount: 1.005 })).statusCode, 422);
      assert.equal((await office('PATCH', `obligations/${id}`, {})).statusCode, 422);
      assert.equal((await office('PATCH', `obligations/${id}`, { dueDate: '31.3.2027' })).statusCode, 400);
      const notADay = await office('PATCH', `obligations/${id}`, { dueDate: '2099-02-31' });
      assert.equal(notADay.statusCode, 422);
      assert.deepEqual(notADay.json().error.fields.map((field: { path: string }) => field.path), ['dueDate']);
    });

    test('an obligation is deleted only when nothing was paid or started on it (409 has_payments)', async () => {
      await importCsv(
        csv(
          '3300000001;waste;Poplatek za odpady;Waste fee;2027;780;2099-03-31;Dana;Mazaná;1979-04-12;;',
          '3300000002;waste;;;2027;780;2099-03-31;Dana;Mazaná;1979-04-12;;',
          '3300000003;waste;;;2027;780;2099-03-31;Dana;Mazaná;1979-04-12;;',
        ),
      );
      const [free, transferred, started] = await Promise.all(['3300000001', '3300000002', '3300000003'].map(idOf));
      const deleted = await office('DELETE', `obligations/${free}`);
      assert.equal(deleted.statusCode, 204, deleted.body);
      assert.equal(deleted.body, '');
      assert.equal((await office('DELETE', `obligations/${free}`)).statusCode, 404);

      await statement('2027-02-01;100;3300000002;d-001');
      const token = await citizenToken({ given_name: 'Dana', family_name: 'Mazaná', birthdate: '1979-04-12' });
      const payment = await app.inject({
        method: 'POST',
        url: '/api/payments',
        headers: { 'content-type': 'application/json', 'idempotency-key': randomUUID(), authorization: `Bearer ${token}` },
        payload: JSON.stringify({ obligationIds: [started], returnUrl: RETURN }),
        remoteAddress: freshIp(),
      });
      assert.equal(payment.statusCode, 201, payment.body);
      for (const id of [transferred, started]) {
        const refused = await office('DELETE', `obligations/${id}`);
        assert.equal(refused.statusCode, 409);
        assert.equal(refused.json().error.code, 'has_payments');
      }
      assert.equal((await db.query("select 1 from obligations where variable_symbol in ('3300000002', '3300000003')")).length, 2);
      const audited = await db.query<{ action: string; status: number }>("select action, status from audit_log where action = 'DELETE /office/obligations/{id}' order by at");
      assert.deepEqual(audited.map((entry) => entry.status), [204, 404, 409, 409]);
    });

    test('import preview: a good file gives its rows and stores nothing; imported, it is unchanged', async () => {
      const file = csv(
        '3400000001;sewage;Stočné;Sewage fee;2027;1 200,50;31.3.2027;Iva;Náhledová;1979-04-12;nahled;ano',
        '3400000002;sewage;;;2027;600;2027-03-31;Ivo;Náhledový;1978-01-02;nahled;ne',
      );
      const before = await counts();
      const preview = ok(await office('POST', 'obligations/import?preview=true', file));
      assert.deepEqual(preview, {
        imported: 2,
        unchanged: 0,
        rows: [
          { row: 2, status: 'new', variableSymbol: '3400000001', feeKind: 'sewage', period: '2027', payerName: 'Iva Náhledová', amount: 1200.5, dueDate: '2027-03-31' },
          { row: 3, status: 'new', variableSymbol: '3400000002', feeKind: 'sewage', period: '2027', payerName: 'Ivo Náhledový', amount: 600, dueDate: '2027-03-31' },
        ],
      });
      assert.deepEqual(await counts(), before, 'no obligation, fee kind or household stored');

      assert.deepEqual(await importCsv(file), { imported: 2, unchanged: 0 }, 'without preview: imported as before');
      const again = ok(await office('POST', 'obligations/import?preview=true', file));
      assert.deepEqual([again.imported, again.unchanged, again.rows.map((row: { status: string }) => row.status)], [0, 2, ['unchanged', 'unchanged']]);
      assert.deepEqual(ok(await office('POST', 'obligations/import?preview=false', file)), { imported: 0, unchanged: 2 });
    });

    test('import preview of broken rows: 422 with one field per broken cell, nothing stored; the import of the same file neither', async () => {
      const file = csv(
        '3500000001;waste;Poplatek za odpady;Waste fee;2027;sedm set;2027-03-31;Adam;Chybný;1979-04-12;;',
        '3500000002;waste;;;2027;780;31.2.2027;Adam;Chybný;1979-04-12;;',
        '3500000003;waste;;;2027;780;2027-03-31;Adam;Chybný;1979-04-12;;',
        '3500000003;waste;;;2027;780;2027-03-31;Adam;Chybný;1979-04-12;;',
        '3500000005;waste;;;2027;780;2027-03-31;;Chybný;1979-04-12;;',
        '3500000006;waste;;;2027;780;2027-03-31;Adam;Chybný;1979-04-12;;',
      );
      const expected = [
        ['rows.2.amount', 'invalid_amount'],
        ['rows.3.due_date', 'invalid_date'],
        ['rows.5.variable_symbol', 'duplicate_symbol'],
        ['rows.6.given_name', 'required'],
      ];
      const before = await counts();
      for (const path of ['obligations/import?preview=true', 'obligations/import']) {
        const refused = await office('POST', path, file);
        assert.equal(refused.statusCode, 422, path);
        const { error } = refused.json();
        assert.equal(error.code, 'import_rejected');
        assert.deepEqual(error.fields.map((field: { path: string; code: string }) => [field.path, field.code]), expected, path);
        assert.deepEqual(await counts(), before, `${path}: nothing stored`);
      }
      assert.equal((await db.query("select 1 from obligations where variable_symbol like '35000000%'")).length, 0);
    });

    test('payments: a card payment and a credited transfer, filtered by Prague day and state, totals, and the CSV', async () => {
      await importCsv(
        csv(
          '3600000001;waste;Poplatek za odpady;Waste fee;2027;780;2099-03-31;Karel;Platící;1979-04-12;;',
          '3600000002;waste;;;2027;450,50;2099-03-31;Karel;Platící;1979-04-12;;',
        ),
      );
      // by card, through the sandbox gateway's page
      const token = await citizenToken({ given_name: 'Karel', family_name: 'Platící', birthdate: '1979-04-12' });
      const started = await app.inject({
        method: 'POST',
        url: '/api/payments',
        headers: { 'content-type': 'application/json', 'idempotency-key': randomUUID(), authorization: `Bearer ${token}` },
        payload: JSON.stringify({ obligationIds: [await idOf('3600000001')], returnUrl: RETURN }),
        remoteAddress: freshIp(),
      });
      const payment = ok(started, 201) as { id: string; redirectUrl: string };
      const page = await (await fetch(payment.redirectUrl)).text();
      const action = /<form method="post" action="([^"]+)"/.exec(page)![1]!;
      const decided = await fetch(new URL(action, payment.redirectUrl), {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ notification: 'never', decision: 'approve' }).toString(),
        redirect: 'manual',
      });
      assert.equal(decided.status, 303);
      const read = ok(await app.inject({ method: 'GET', url: `/api/payments/${payment.id}` }));
      assert.equal(read.state, 'paid');
      const receipt = read.receipt.number as string;
      // by transfer, booked on a day of its own
      await statement('2030-01-15;450,50;3600000002;bank-pay-1');

      const card = ok(await office('GET', `payments?from=${today}&to=${today}&state=paid`));
      const mine = card.payments.find((item: { id: string }) => item.id === payment.id);
      assert.deepEqual({ ...mine, createdAt: undefined, paidAt: undefined }, {
        id: payment.id,
        channel: 'card',
        state: 'paid',
        amount: 780,
        reference: receipt,
        variableSymbols: ['3600000001'],
        createdAt: undefined,
        paidAt: undefined,
      });
      assert.ok(Math.abs(Date.parse(mine.paidAt) - Date.now()) < 60_000);
      assert.equal(card.total, card.payments.length);
      assert.equal(card.totalAmount, card.payments.reduce((sum: number, item: { amount: number }) => sum + item.amount, 0));

      const transfer = ok(await office('GET', 'payments?from=2030-01-15&to=2030-01-15'));
      assert.equal(transfer.total, 1);
      assert.equal(transfer.totalAmount, 450.5);
      assert.deepEqual({ ...transfer.payments[0], id: undefined, createdAt: undefined }, {
        id: undefined,
        createdAt: undefined,
        channel: 'transfer',
        state: 'paid',
        amount: 450.5,
        reference: 'bank-pay-1',
        variableSymbols: ['3600000002'],
        paidAt: '2030-01-15',
      });
      assert.deepEqual(ok(await office('GET', 'payments?from=2030-01-16')).payments, []);
      assert.equal(ok(await office('GET', 'payments?from=2030-01-15&to=2030-01-15&state=pending')).total, 0);

      const both = ok(await office('GET', `payments?from=${today}&to=2030-01-15&limit=1`));
      assert.equal(both.payments.length, 1);
      assert.equal(both.payments[0].reference, 'bank-pay-1', 'newest day first');
      assert.ok(both.total >= 2);
      const beyond = ok(await office('GET', `payments?from=${today}&to=2030-01-15&offset=1000`));
      assert.deepEqual([beyond.payments, beyond.total, beyond.totalAmount], [[], both.total, both.totalAmount]);
      assert.equal((await office('GET', 'payments?from=15.1.2030')).statusCode, 400);

      const exported = await office('GET', `payments.csv?from=${today}&to=2030-01-15&state=paid`);
      assert.equal(exported.statusCode, 200, exported.body);
      assert.match(exported.headers['content-type'] as string, /^text\/csv; charset=utf-8/);
      assert.match(exported.headers['content-disposition'] as string, /^attachment; filename="payments-.*\.csv"$/);
      const lines = exported.body.split('\r\n');
      assert.equal(lines[0], '\ufeffid;channel;state;amount;reference;variable_symbols;created_at;paid_at');
      assert.equal(lines.at(-1), '');
      assert.equal(lines.length - 2, ok(await office('GET', `payments?from=${today}&to=2030-01-15&state=paid`)).total, 'a row per paid payment');
      assert.match(exported.body, /\r\n[0-9a-f-]{36};transfer;paid;450,50;bank-pay-1;3600000002;\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2};2030-01-15\r\n/);
      assert.ok(exported.body.includes(`${payment.id};card;paid;780,00;${receipt};3600000001;`));
      const audited = await db.query<{ action: string }>("select action from audit_log where action = 'GET /office/payments.csv'");
      assert.equal(audited.length, 1, 'the export is in the audit log, the list is not');
      assert.equal((await db.query("select 1 from audit_log where action = 'GET /office/payments'")).length, 0);
    });
  });
}

import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { SignJWT, importJWK, type JWK } from 'jose';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { buildApp } from '../../server/app.js';
import { createBroker } from '../../server/broker/broker.js';
import { ConfigError, loadConfig, type Config } from '../../server/config.js';
import { importObligations, importStatement } from '../../server/fees/service.js';
import { createPayments } from '../../server/payments/routes.js';
import { apiRoutesOf } from '../../server/start.js';
import { migrate } from '../../server/storage/migrate.js';
import type { Database } from '../../server/storage/database.js';
import { DATABASES, eventually, freePort, NO_UPSTREAM, sleep, testConfig } from './harness.js';


const HEADER = 'variable_symbol;fee_kind;fee_name_cs;fee_name_en;period;amount;due_date;given_name;family_name;birthdate;household;representative';
/** A page of the embedding site (testConfig's ALLOWED_ORIGINS), as the widget sends it. */
const RETURN = 'http://town.test/poplatky.html?obec-payment=return';
/** The delay of the sandbox's "late" notification in these tests. */
const LATE_MS = 700;




describe('payment configuration', () => {
  const base = { NIA_CLIENT_ID: 'https://obec.example/sep' };
  test('card payments are off unless a gateway is chosen; the time to live defaults to 30 minutes', () => {
    const config = loadConfig(base);
    assert.equal(config.PAYMENT_GATEWAY, 'none');
    assert.equal(config.PAYMENT_TTL_MINUTES, 30);
    assert.equal(loadConfig({ ...base, PAYMENT_GATEWAY: 'sandbox', PAYMENT_TTL_MINUTES: '5' }).PAYMENT_TTL_MINUTES, 5);
  });
  const refused: [string, Record<string, string>, RegExp][] = [
    ['an unknown gateway', { PAYMENT_GATEWAY: 'paypal' }, /^PAYMENT_GATEWAY is invalid/],
    ['a time to live of zero', { PAYMENT_TTL_MINUTES: '0' }, /^PAYMENT_TTL_MINUTES is invalid/],
    ['a time to live that is no number', { PAYMENT_TTL_MINUTES: 'half an hour' }, /^PAYMENT_TTL_MINUTES is invalid/],
  ];
  for (const [name, env, message] of refused) {
    test(`refuses ${name} with one line naming the variable`, () => {
      assert.throws(() => loadConfig({ ...base, ...env }), (error: Error) => error instanceof ConfigError && message.test(error.message) && !error.message.includes('\n'));
    });
  }
});

for (const database of DATABASES) {
  describe(`card payments on ${database.name}`, () => {
    let db: Database;
    let app: FastifyInstance;
    /** The same backend with PAYMENT_GATEWAY=none. */
    let bare: FastifyInstance;
    let config: Config;
    let signingKey: JWK;
    let backendUrl: string;
    /** The payments' and the sandbox's clock: tests move it past the time to live. */
    let clockOffsetMs = 0;
    const now = () => new Date(Date.now() + clockOffsetMs);
    /** The status of every notification the backend answered, in order. */
    const notifications: number[] = [];

    const build = async (appConfig: Config, withPayments: boolean) => {
      const broker = await createBroker({ config: appConfig, db, upstream: NO_UPSTREAM });
      const payments = withPayments ? createPayments(appConfig, db, { now, lateNotificationMs: LATE_MS }) : undefined;
      const instance = await buildApp({
        config: appConfig,
        db,
        mountBroker: async (mounted) => {
          await broker.mount(mounted);
          await payments?.mountPages(mounted);
        },
        authenticate: (authorization) => broker.verifyAccessToken(authorization),
        apiRoutes: apiRoutesOf(appConfig, db, payments),
      });
      return instance;
    };

    before(async () => {
      db = await database.open();
      await migrate(db);
      const port = await freePort();
      backendUrl = `http://127.0.0.1:${port}`;
      config = testConfig({
        PORT: String(port),
        PUBLIC_URL: backendUrl,
        PAYMENT_GATEWAY: 'sandbox',
        TOWN_NAME: 'Obec Javorná Lhota',
        TOWN_ACCOUNT: '19-2000145399/0800',
        RATE_LIMIT_PER_MINUTE: '100000',
      });
      app = await build(config, true);
      app.server.on('request', (request, response) => {
        if (request.url?.startsWith('/api/payments/notify/')) response.on('finish', () => notifications.push(response.statusCode));
      });
      await app.listen({ host: '127.0.0.1', port });
      bare = await build(testConfig(), false);
      await bare.ready();
      const [row] = await db.query<{ value: JWK }>("select value from secrets where name = 'broker.signing-key.rs256'");
      signingKey = row!.value;
    });
    after(async () => {
      await app.close();
      await bare.close();
      await db.close();
    });

    let ipCounter = 0;
    /** A client IP of its own for each request, so the look-up limit counts only what a test means it to. */
    const freshIp = () => `198.51.100.${(++ipCounter % 250) + 1}`;

    type Person = { given: string; family: string; birthdate: string };
    let people = 0;
    /** A citizen of their own for each test: nobody else's obligations get in the way. */
    const person = (): Person => ({ given: 'Jana', family: `Platící ${++people}`, birthdate: '1980-05-17' });

    let symbols = 0;
    /** An obligation imported the office's way; its id and symbol. */
    const owe = async (who: Person, amount = '780,00', household = { id: '', representative: false }) => {
      const symbol = String(7_000_000_000 + ++symbols);
      await importObligations(
        db,
        [HEADER, `${symbol};waste;Poplatek za odpady;Waste fee;2027;${amount};2099-03-31;${who.given};${who.family};${who.birthdate};${household.id};${household.representative ? 'ano' : 'ne'}`].join('\n'),
      );
      const [row] = await db.query<{ id: string }>('select id from obligations where variable_symbol = $1', [symbol]);
      return { id: row!.id, symbol };
    };

    /** A signed-in citizen's access token, as the broker issues it. */
    const tokenOf = async (who: Person) => {
      const subject = `CZ/CZ/${who.family}`;
      await db.query('insert into accounts (subject, claims, loa) values ($1, $2, $3) on conflict (subject) do update set claims = excluded.claims', [
        subject,
        JSON.stringify({ given_name: who.given, family_name: who.family, birthdate: who.birthdate }),
        'loasubstantial',
      ]);
      return new SignJWT({ sub: subject, iss: config.issuerUrl, aud: config.apiUrl, acr: 'loasubstantial' })
        .setProtectedHeader({ alg: 'RS256', kid: signingKey.kid })
        .setIssuedAt()
        .setExpirationTime('5m')
        .sign(await importJWK(signingKey, 'RS256'));
    };

    const start = (body: unknown, { key = randomUUID() as string | null, token = undefined as string | undefined, on = app, ip = freshIp() } = {}) =>
      on.inject({
        method: 'POST',
        url: '/api/payments',
        headers: { 'content-type': 'application/json', ...(key !== null ? { 'idempotency-key': key } : {}), ...(token ? { authorization: `Bearer ${token}` } : {}) },
        payload: JSON.stringify(body),
        remoteAddress: ip,
      });
    const read = (id: string) => app.inject({ method: 'GET', url: `/api/payments/${id}`, remoteAddress: freshIp() });
    const notify = (payload: string, type = 'application/x-www-form-urlencoded', gateway = 'sandbox') =>
      app.inject({ method: 'POST', url: `/api/payments/notify/${gateway}`, headers: type ? { 'content-type': type } : {}, payload });

    /** The state as the backend last recorded it (a GET would ask the gateway first). */
    const recorded = async (id: string) => (await db.query<{ state: string }>('select state from payments where id = $1', [id]))[0]?.state;
    const paidCents = async (obligationId: string) => (await db.query<{ paid_cents: number }>('select paid_cents from obligations where id = $1', [obligationId]))[0]!.paid_cents;
    const gatewayIdOf = async (id: string) => (await db.query<{ gateway_id: string }>('select gateway_id from payments where id = $1', [id]))[0]!.gateway_id;

    /** A signed-in citizen starts paying one new obligation of theirs; the 201 answer. */
    const started = async (amount = '780,00') => {
      const who = person();
      const obligation = await owe(who, amount);
      const token = await tokenOf(who);
      const response = await start({ obligationIds: [obligation.id], returnUrl: RETURN }, { token });
      assert.equal(response.statusCode, 201, response.body);
      return { who, token, obligation, payment: response.json() as { id: string; state: string; amount: number; redirectUrl: string } };
    };

    /** The citizen at the sandbox's card page: reads it, then submits its form with a decision and a notification mode. */
    const atGateway = async (redirectUrl: string, decision: 'approve' | 'decline' | 'cancel', notification = 'now') => {
      const pageResponse = await fetch(redirectUrl);
      assert.equal(pageResponse.status, 200);
      const html = await pageResponse.text();
      assert.ok(html.includes(`name="decision" value="${decision}"`), `the page offers ${decision}`);
      assert.ok(html.includes(`name="notification" value="${notification}"`), `the page offers the notification ${notification}`);
      const action = /<form method="post" action="([^"]+)"/.exec(html)?.[1];
      assert.ok(action, 'the page has a form');
      const posted = await fetch(new URL(action, redirectUrl), {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ notification, decision }).toString(),
        redirect: 'manual',
      });
      assert.equal(posted.status, 303);
      assert.equal(posted.headers.get('location'), RETURN);
      await posted.arrayBuffer();
    };

    test('a signed-in citizen starts paying: a pending payment of what is due, and where to pay it', async () => {
      const who = person();
      const dog = await owe(who, '450,50');
      const waste = await owe(who, '780,00');
      await importStatement(db, `date;amount;variable_symbol;reference\n2027-01-05;100;${waste.symbol};pay-${waste.symbol}`);
      const response = await start({ obligationIds: [waste.id, dog.id], returnUrl: RETURN }, { token: await tokenOf(who) });
      assert.equal(response.statusCode, 201, response.body);
      const payment = response.json();
      assert.equal(payment.state, 'pending');
      assert.equal(payment.amount, 450.5 + 680, 'what is still due: the transfer counts');
      assert.match(payment.id, /^[0-9a-f-]{36}$/);
      assert.match(payment.redirectUrl, new RegExp(`^${backendUrl}/sandbox-gateway/pay/sbx_`));
      assert.deepEqual(
        payment.obligations.map((item: { variableSymbol: string; amount: number; payerName: string }) => [item.variableSymbol, item.amount, item.payerName]).sort(),
        [
          [dog.symbol, 450.5, `${who.given} ${who.family}`],
          [waste.symbol, 680, `${who.given} ${who.family}`],
        ].sort(),
      );
      assert.equal(payment.receipt, undefined);
      assert.equal(response.headers['cache-control'], 'no-store');
      assert.equal(await recorded(payment.id), 'pending');
      assert.equal(await paidCents(dog.id), 0, 'nothing is credited before the gateway says paid');
    });

    test('a household’s representative pays a member’s obligation; a member cannot pay the representative’s', async () => {
      const representative = person();
      const member = person();
      const household = `household-${people}`;
      const own = await owe(representative, '780,00', { id: household, representative: true });
      const members = await owe(member, '780,00', { id: household, representative: false });
      const paid = await start({ obligationIds: [members.id], returnUrl: RETURN }, { token: await tokenOf(representative) });
      assert.equal(paid.statusCode, 201, paid.body);
      const refused = await start({ obligationIds: [own.id], returnUrl: RETURN }, { token: await tokenOf(member) });
      assert.equal(refused.statusCode, 403);
      assert.equal(refused.json().error.code, 'not_your_obligation');
    });

    test('without signing in, the obligation found by variable symbol and birth date; a wrong pair is 404, another obligation 403', async () => {
      const who = person();
      const found = await owe(who);
      const other = await owe(person());
      const lookup = { variableSymbol: found.symbol, birthdate: who.birthdate };
      const response = await start({ obligationIds: [found.id], returnUrl: RETURN, lookup });
      assert.equal(response.statusCode, 201, response.body);
      assert.equal(response.json().obligations[0].variableSymbol, found.symbol);
      const [row] = await db.query<{ subject: string | null }>('select subject from payments where id = $1', [response.json().id]);
      assert.equal(row!.subject, null);

      const wrongDate = await start({ obligationIds: [other.id], returnUrl: RETURN, lookup: { ...lookup, birthdate: '1980-05-18' } });
      assert.equal(wrongDate.statusCode, 404);
      assert.equal(wrongDate.json().error.code, 'not_found');
      const another = await start({ obligationIds: [other.id], returnUrl: RETURN, lookup: { variableSymbol: other.symbol.replace(/^7/, '8'), birthdate: who.birthdate } });
      assert.equal(another.statusCode, 404);
      const notTheOne = await start({ obligationIds: [other.id], returnUrl: RETURN, lookup });
      assert.equal(notTheOne.statusCode, 403);
      assert.equal(notTheOne.json().error.code, 'not_your_obligation');
      assert.deepEqual(notTheOne.json().error.fields.map((field: { path: string }) => field.path), ['obligationIds.0']);
    });

    test('paying by look-up is rate limited like the look-up itself', async () => {
      const ip = '203.0.113.51';
      const left = 60_000 - (Date.now() % 60_000);
      if (left < 5_000) await sleep(left + 50);
      const statuses: number[] = [];
      for (let i = 0; i < config.FEE_LOOKUP_PER_MINUTE + 2; i++) {
        statuses.push((await start({ obligationIds: ['x'], returnUrl: RETURN, lookup: { variableSymbol: String(9_100_000_000 + i), birthdate: '1980-01-01' } }, { ip })).statusCode);
      }
      assert.deepEqual(statuses, [...Array(config.FEE_LOOKUP_PER_MINUTE).fill(404), 429, 429]);
      // and the two share one count: the look-up page is limited now too
      const lookup = await app.inject({ method: 'POST', url: '/api/fees/lookup', headers: { 'content-type': 'application/json' }, payload: JSON.stringify({ variableSymbol: '1', birthdate: '1980-01-01' }), remoteAddress: ip });
      assert.equal(lookup.statusCode, 429);
    });

    test('another citizen’s obligation is 403, unknown ids too; no token and no look-up is 401; a bad token 401', async () => {
      const jana = person();
      const theirs = await owe(person());
      const token = await tokenOf(jana);
      for (const ids of [[theirs.id], ['no-such-obligation']]) {
        const response = await start({ obligationIds: ids, returnUrl: RETURN }, { token });
        assert.equal(response.statusCode, 403, response.body);
        assert.equal(response.json().error.code, 'not_your_obligation');
      }
      const anonymous = await start({ obligationIds: [theirs.id], returnUrl: RETURN });
      assert.equal(anonymous.statusCode, 401);
      assert.equal(anonymous.json().error.code, 'missing_token');
      const forged = await start({ obligationIds: [theirs.id], returnUrl: RETURN }, { token: 'not.a.token' });
      assert.equal(forged.statusCode, 401);
      assert.equal((await db.query('select 1 from payment_items where obligation_id = $1', [theirs.id])).length, 0);
    });

    test('a paid obligation is refused 409 already_paid', async () => {
      const who = person();
      const obligation = await owe(who);
      await importStatement(db, `date;amount;variable_symbol;reference\n2027-01-05;780;${obligation.symbol};pay-${obligation.symbol}`);
      const response = await start({ obligationIds: [obligation.id], returnUrl: RETURN }, { token: await tokenOf(who) });
      assert.equal(response.statusCode, 409);
      assert.equal(response.json().error.code, 'already_paid');
      assert.equal((await db.query('select 1 from payment_items where obligation_id = $1', [obligation.id])).length, 0);
    });

    test('the Idempotency-Key header is required: missing or too short is 400', async () => {
      const who = person();
      const obligation = await owe(who);
      const token = await tokenOf(who);
      for (const key of [null, 'short', 'x'.repeat(201), 'with space in it']) {
        const response = await start({ obligationIds: [obligation.id], returnUrl: RETURN }, { key, token });
        assert.equal(response.statusCode, 400, `key ${key}`);
        assert.equal(response.json().error.code, 'idempotency_key_required');
      }
      assert.equal((await db.query('select 1 from payment_items where obligation_id = $1', [obligation.id])).length, 0);
    });

    test('the same key again answers the same payment; the same key with another request is 422', async () => {
      const who = person();
      const first = await owe(who);
      const second = await owe(who);
      const token = await tokenOf(who);
      const key = randomUUID();
      const once = await start({ obligationIds: [first.id, second.id], returnUrl: RETURN }, { key, token });
      const again = await start({ obligationIds: [second.id, first.id], returnUrl: RETURN }, { key, token });
      assert.equal(once.statusCode, 201, once.body);
      assert.equal(again.statusCode, 201, again.body);
      assert.deepEqual(again.json(), once.json());
      assert.equal((await db.query('select 1 from payments where idempotency_key = $1', [key])).length, 1);

      const otherBody = await start({ obligationIds: [first.id], returnUrl: RETURN }, { key, token });
      assert.equal(otherBody.statusCode, 422);
      assert.equal(otherBody.json().error.code, 'idempotency_key_reused');
      const otherReturn = await start({ obligationIds: [first.id, second.id], returnUrl: `${RETURN}&x=1` }, { key, token });
      assert.equal(otherReturn.statusCode, 422);
      const someoneElse = await start({ obligationIds: [first.id, second.id], returnUrl: RETURN }, { key, token: await tokenOf(person()) });
      assert.equal(someoneElse.statusCode, 422, 'a key is bound to who asked');
    });

    test('ten requests at once with one key make one payment', async () => {
      const who = person();
      const obligation = await owe(who);
      const token = await tokenOf(who);
      const key = randomUUID();
      const answers = await Promise.all(Array.from({ length: 10 }, () => start({ obligationIds: [obligation.id], returnUrl: RETURN }, { key, token })));
      assert.deepEqual(answers.map((answer) => answer.statusCode), Array(10).fill(201), answers.map((answer) => answer.body).join('\n'));
      const ids = new Set(answers.map((answer) => answer.json().id));
      assert.equal(ids.size, 1);
      assert.ok(answers.every((answer) => answer.json().redirectUrl === answers[0]!.json().redirectUrl && answer.json().redirectUrl));
      assert.equal((await db.query('select 1 from payment_items where obligation_id = $1', [obligation.id])).length, 1);
      assert.equal((await db.query('select 1 from sandbox_gateway_payments where payment_id = $1', [[...ids][0]])).length, 1, 'one payment at the gateway');
    });

    test('ten requests at once with different keys for one obligation: one payment, the rest 409 naming it', async () => {
      const who = person();
      const obligation = await owe(who);
      const token = await tokenOf(who);
      const answers = await Promise.all(Array.from({ length: 10 }, () => start({ obligationIds: [obligation.id], returnUrl: RETURN }, { token })));
      const created = answers.filter((answer) => answer.statusCode === 201);
      assert.equal(created.length, 1, answers.map((answer) => answer.body).join('\n'));
      const conflicts = answers.filter((answer) => answer.statusCode === 409);
      assert.equal(conflicts.length, 9);
      assert.ok(conflicts.every((answer) => answer.json().error.fields[0].message === created[0]!.json().id));
    });

    test('approved on the sandbox page: the payment is paid with a receipt, and the obligation with it', async () => {
      const { payment, obligation, token } = await started('780,00');
      const pageResponse = await fetch(payment.redirectUrl);
      const html = await pageResponse.text();
      assert.match(html, /<html lang="cs">/);
      assert.match(html, /SANDBOX – žádné skutečné peníze/);
      assert.match(html, /780,00\s*Kč/);
      assert.match(html, /Obec Javorná Lhota: Poplatek za odpady 2027/);
      assert.match(html, /<h1>/);
      assert.doesNotMatch(html, /<script|style=|<style/, 'no inline script or style');
      for (const id of [...html.matchAll(/<input [^>]*id="([^"]+)"/g)].map((match) => match[1])) assert.match(html, new RegExp(`<label for="${id}">`), `a label for ${id}`);
      const policy = pageResponse.headers.get('content-security-policy') ?? '';
      assert.match(policy, /default-src 'none'/);
      assert.match(policy, /style-src 'self'/);
      assert.match(policy, /frame-ancestors 'none'/);
      assert.match(policy, /form-action 'self' http:\/\/town\.test/);
      const css = await fetch(`${backendUrl}/sandbox-gateway/assets/sandbox.css`);
      assert.equal(css.status, 200);
      assert.match(await css.text(), /:focus-visible\{outline:3px solid/);

      await atGateway(payment.redirectUrl, 'approve', 'never');
      const response = await read(payment.id);
      assert.equal(response.statusCode, 200);
      const paid = response.json();
      assert.equal(paid.state, 'paid');
      assert.equal(paid.redirectUrl, undefined);
      assert.match(paid.receipt.number, /^\d{4}\/\d{6}$/);
      assert.ok(Math.abs(Date.parse(paid.receipt.paidAt) - Date.now()) < 60_000);
      assert.equal(await paidCents(obligation.id), 78000);
      const fees = await app.inject({ method: 'GET', url: '/api/fees', headers: { authorization: `Bearer ${token}` } });
      assert.equal(fees.statusCode, 200, fees.body);
      assert.deepEqual(
        fees.json().obligations.map((item: { id: string; state: string; paid: number }) => [item.id, item.state, item.paid]),
        [[obligation.id, 'paid', 780]],
      );

      // the next paid payment takes the next receipt number
      const next = await started();
      await atGateway(next.payment.redirectUrl, 'approve', 'never');
      const [year, number] = paid.receipt.number.split('/');
      assert.equal((await read(next.payment.id)).json().receipt.number, `${year}/${String(Number(number) + 1).padStart(6, '0')}`);
    });

    test('declined at the gateway: declined, nothing credited; cancelled: cancelled; a new payment may follow', async () => {
      const declined = await started();
      await atGateway(declined.payment.redirectUrl, 'decline', 'never');
      const response = (await read(declined.payment.id)).json();
      assert.equal(response.state, 'declined');
      assert.equal(response.receipt, undefined);
      assert.equal(response.redirectUrl, undefined);
      assert.equal(await paidCents(declined.obligation.id), 0);

      // another try is a new payment with a new key; the declined one stays declined
      const retry = await start({ obligationIds: [declined.obligation.id], returnUrl: RETURN }, { token: declined.token });
      assert.equal(retry.statusCode, 201, retry.body);
      assert.notEqual(retry.json().id, declined.payment.id);
      await atGateway(retry.json().redirectUrl, 'approve', 'never');
      assert.equal((await read(retry.json().id)).json().state, 'paid');
      assert.equal((await read(declined.payment.id)).json().state, 'declined');
      assert.equal(await paidCents(declined.obligation.id), 78000);

      const cancelled = await started();
      await atGateway(cancelled.payment.redirectUrl, 'cancel', 'never');
      assert.equal((await read(cancelled.payment.id)).json().state, 'cancelled');
      assert.equal(await paidCents(cancelled.obligation.id), 0);
    });

    test('a decision is final: a second submit of the page changes nothing', async () => {
      const { payment, obligation } = await started();
      await atGateway(payment.redirectUrl, 'decline', 'never');
      const again = await fetch(payment.redirectUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: 'decision=approve&notification=now',
        redirect: 'manual',
      });
      assert.equal(again.status, 303);
      assert.equal((await read(payment.id)).json().state, 'declined');
      assert.equal(await paidCents(obligation.id), 0);
      const closedPage = await (await fetch(payment.redirectUrl)).text();
      assert.match(closedPage, /zamítnuta/);
      assert.doesNotMatch(closedPage, /<form/);
    });

    test('the notification alone settles the payment, at once', async () => {
      const { payment, obligation } = await started();
      const before = notifications.length;
      await atGateway(payment.redirectUrl, 'approve', 'now');
      assert.ok(await eventually(async () => (await recorded(payment.id)) === 'paid'), 'paid without the browser asking');
      assert.ok(await eventually(() => notifications.length > before));
      assert.deepEqual(notifications.slice(before), [200]);
      assert.equal(await paidCents(obligation.id), 78000);
    });

    test('a notification twice credits once', async () => {
      const { payment, obligation } = await started();
      const before = notifications.length;
      await atGateway(payment.redirectUrl, 'approve', 'twice');
      assert.ok(await eventually(() => notifications.length >= before + 2));
      assert.deepEqual(notifications.slice(before), [200, 200]);
      assert.equal(await recorded(payment.id), 'paid');
      assert.equal(await paidCents(obligation.id), 78000);
      assert.equal((await read(payment.id)).json().state, 'paid');
      assert.equal(await paidCents(obligation.id), 78000);
    });

    test('out of order: a notification claiming the opposite first is not believed', async () => {
      const approved = await started();
      let before = notifications.length;
      await atGateway(approved.payment.redirectUrl, 'approve', 'out-of-order');
      assert.ok(await eventually(() => notifications.length >= before + 2));
      assert.equal(await recorded(approved.payment.id), 'paid', 'a "declined" claim did not decline it');
      assert.equal(await paidCents(approved.obligation.id), 78000);

      const declined = await started();
      before = notifications.length;
      await atGateway(declined.payment.redirectUrl, 'decline', 'out-of-order');
      assert.ok(await eventually(() => notifications.length >= before + 2));
      assert.equal(await recorded(declined.payment.id), 'declined', 'a "paid" claim did not pay it');
      assert.equal(await paidCents(declined.obligation.id), 0);
    });

    test('a late notification: pending until it comes or the browser asks; credited once either way', async () => {
      const byNotification = await started();
      let before = notifications.length;
      await atGateway(byNotification.payment.redirectUrl, 'approve', 'late');
      assert.equal(await recorded(byNotification.payment.id), 'pending', 'nothing has told the backend yet');
      assert.equal(notifications.length, before);
      assert.ok(await eventually(() => notifications.length > before, LATE_MS + 5_000), 'the late notification came');
      assert.equal(await recorded(byNotification.payment.id), 'paid');
      assert.equal(await paidCents(byNotification.obligation.id), 78000);

      // the browser comes back first and asks; the notification comes after
      const byBrowser = await started();
      before = notifications.length;
      await atGateway(byBrowser.payment.redirectUrl, 'approve', 'late');
      assert.equal((await read(byBrowser.payment.id)).json().state, 'paid');
      assert.ok(await eventually(() => notifications.length > before, LATE_MS + 5_000));
      assert.equal(await recorded(byBrowser.payment.id), 'paid');
      assert.equal(await paidCents(byBrowser.obligation.id), 78000);
    });

    test('no notification ever: the return alone finds the truth at the gateway', async () => {
      const { payment, obligation } = await started();
      const before = notifications.length;
      await atGateway(payment.redirectUrl, 'approve', 'never');
      await sleep(300);
      assert.equal(notifications.length, before);
      assert.equal(await recorded(payment.id), 'pending');
      assert.equal((await read(payment.id)).json().state, 'paid');
      assert.equal(await paidCents(obligation.id), 78000);
    });

    test('notifications and reads of one paid payment at once credit it once, with one receipt number', async () => {
      const { payment, obligation } = await started('1 234,50');
      await atGateway(payment.redirectUrl, 'approve', 'never');
      const gatewayId = await gatewayIdOf(payment.id);
      const [counterBefore] = await db.query<{ total: number }>('select coalesce(sum(last_number), 0)::int as total from receipt_counters');
      const answers = await Promise.all(
        Array.from({ length: 24 }, (_, index) => (index % 2 === 0 ? notify(`id=${gatewayId}&state=paid`) : read(payment.id))),
      );
      assert.ok(answers.every((answer) => answer.statusCode === 200), answers.map((answer) => answer.body).join('\n'));
      assert.equal(await paidCents(obligation.id), 123450);
      const reads = answers.filter((_, index) => index % 2 === 1).map((answer) => answer.json());
      assert.ok(reads.every((read) => read.state === 'paid' && read.receipt.number === reads[0].receipt.number));
      const [counterAfter] = await db.query<{ total: number }>('select coalesce(sum(last_number), 0)::int as total from receipt_counters');
      assert.equal(counterAfter!.total - counterBefore!.total, 1, 'one receipt number taken');
    });

    test('a gateway that does not take the payment: 502, nothing kept, and the same key may try again', async () => {
      const who = person();
      const obligation = await owe(who);
      const token = await tokenOf(who);
      const key = randomUUID();
      await db.query('alter table sandbox_gateway_payments rename to sandbox_gateway_payments_away');
      let refused: LightMyRequestResponse;
      try {
        refused = await start({ obligationIds: [obligation.id], returnUrl: RETURN }, { key, token });
      } finally {
        await db.query('alter table sandbox_gateway_payments_away rename to sandbox_gateway_payments');
      }
      assert.equal(refused.statusCode, 502);
      assert.equal(refused.json().error.code, 'gateway_unavailable');
      assert.equal((await db.query('select 1 from payments where idempotency_key = $1', [key])).length, 0);
      const retried = await start({ obligationIds: [obligation.id], returnUrl: RETURN }, { key, token });
      assert.equal(retried.statusCode, 201, retried.body);
      assert.equal(retried.json().state, 'pending');
    });

    test('a gateway that says paid for another amount is not believed: nothing is credited', async () => {
      const { payment, obligation } = await started();
      await db.query('update sandbox_gateway_payments set amount_cents = amount_cents - 100 where payment_id = $1', [payment.id]);
      await atGateway(payment.redirectUrl, 'approve', 'never');
      const response = (await read(payment.id)).json();
      assert.equal(response.state, 'pending');
      assert.equal(response.receipt, undefined);
      assert.equal(await paidCents(obligation.id), 0);
    });

    test('an open payment blocks another start of its obligations: 409 payment_pending names it to resume', async () => {
      const { payment, obligation, token } = await started();
      const second = await start({ obligationIds: [obligation.id], returnUrl: RETURN }, { token });
      assert.equal(second.statusCode, 409);
      const { error } = second.json();
      assert.equal(error.code, 'payment_pending');
      assert.deepEqual(error.fields, [{ path: 'paymentId', code: 'payment_pending', message: payment.id }]);
      assert.match(error.message, new RegExp(payment.id));
      const resumed = (await read(payment.id)).json();
      assert.equal(resumed.state, 'pending');
      assert.equal(resumed.redirectUrl, payment.redirectUrl);
    });

    test('a payment left open past the time to live is expired, blocks nothing, and cannot be paid any more', async () => {
      const { payment, obligation, token } = await started();
      try {
        clockOffsetMs = (config.PAYMENT_TTL_MINUTES + 1) * 60_000;
        const page = await (await fetch(payment.redirectUrl)).text();
        assert.match(page, /vypršela/);
        assert.doesNotMatch(page, /<form/);
        // the citizen pays in a tab left open anyway
        const late = await fetch(payment.redirectUrl, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'decision=approve', redirect: 'manual' });
        assert.equal(late.status, 303);
        const expired = (await read(payment.id)).json();
        assert.equal(expired.state, 'expired');
        assert.equal(expired.redirectUrl, undefined);
        assert.equal(await paidCents(obligation.id), 0);
        const again = await start({ obligationIds: [obligation.id], returnUrl: RETURN }, { token });
        assert.equal(again.statusCode, 201, again.body);
      } finally {
        clockOffsetMs = 0;
      }
    });

    test('an abandoned payment expires when a new start asks about it, without anyone reading it', async () => {
      const { payment, obligation, token } = await started();
      try {
        clockOffsetMs = (config.PAYMENT_TTL_MINUTES + 1) * 60_000;
        const again = await start({ obligationIds: [obligation.id], returnUrl: RETURN }, { token });
        assert.equal(again.statusCode, 201, again.body);
        assert.equal(await recorded(payment.id), 'expired');
      } finally {
        clockOffsetMs = 0;
      }
    });

    test('the return address must be a page of an embedding site', async () => {
      const who = person();
      const obligation = await owe(who);
      const token = await tokenOf(who);
      for (const returnUrl of ['https://evil.test/phish', 'http://town.test.evil.test/', 'javascript:alert(1)', '/relative', 'http://user:pass@town.test/', 'https://town.test/', '']) {
        const response = await start({ obligationIds: [obligation.id], returnUrl }, { token });
        assert.equal(response.statusCode, 400, returnUrl);
        assert.equal(response.json().error.code, 'invalid_return_url');
        assert.deepEqual(response.json().error.fields.map((field: { path: string }) => field.path), ['returnUrl']);
      }
      assert.equal((await db.query('select 1 from payment_items where obligation_id = $1', [obligation.id])).length, 0);
    });

    test('malformed requests are 400, an unknown payment 404', async () => {
      const token = await tokenOf(person());
      const cases: unknown[] = [{}, { obligationIds: [], returnUrl: RETURN }, { obligationIds: Array(21).fill('x'), returnUrl: RETURN }, { obligationIds: ['a', 'a'], returnUrl: RETURN }, { obligationIds: ['a'] }];
      for (const body of cases) {
        const response = await start(body, { token });
        assert.equal(response.statusCode, 400, JSON.stringify(body));
        assert.equal(response.json().error.code, 'invalid_request');
      }
      for (const id of [randomUUID(), 'not-a-uuid', 'x'.repeat(90)]) {
        const response = await read(id);
        assert.equal(response.statusCode, 404);
        assert.equal(response.json().error.code, 'not_found');
      }
      assert.equal((await read('x'.repeat(300))).statusCode, 414);
    });

    test('the sandbox page and the notification endpoint never answer 5xx to garbage', async () => {
      const { payment } = await started();
      const gatewayId = await gatewayIdOf(payment.id);
      const unknownId = `sbx_${'A'.repeat(24)}`;
      const responses: [string, LightMyRequestResponse][] = [];
      const page = (method: 'GET' | 'POST', url: string, payload?: string, type?: string) =>
        app.inject({ method, url, payload, headers: type ? { 'content-type': type } : {} });
      for (const url of ['/sandbox-gateway/pay/', '/sandbox-gateway/pay/garbage', `/sandbox-gateway/pay/${unknownId}`, '/sandbox-gateway/pay/%E0%A4%A', '/sandbox-gateway/pay/..%2F..%2Fetc', '/sandbox-gateway/assets/nothing.css']) {
        responses.push([`GET ${url}`, await page('GET', url)]);
      }
      const pay = `/sandbox-gateway/pay/${gatewayId}`;
      const posts: [string, string | undefined][] = [
        ['', 'application/x-www-form-urlencoded'],
        ['decision=steal', 'application/x-www-form-urlencoded'],
        ['decision=approve&notification=sometimes', 'application/x-www-form-urlencoded'],
        ['decision=__proto__', 'application/x-www-form-urlencoded'],
        ['decision=toString', 'application/x-www-form-urlencoded'],
        ['%%%=%%%&decision', 'application/x-www-form-urlencoded'],
        ['{"decision":', 'application/json'],
        ['{"decision":["approve"]}', 'application/json'],
        ['null', 'application/json'],
        ['decision=approve', 'text/plain'],
        ['x'.repeat(10_000), 'application/x-www-form-urlencoded'],
        ['\u0000\u0001', 'application/octet-stream'],
        ['decision=approve', undefined],
      ];
      for (const [payload, type] of posts) responses.push([`POST pay ${payload.slice(0, 30)} (${type})`, await page('POST', pay, payload, type)]);
      responses.push(['POST unknown', await page('POST', `/sandbox-gateway/pay/${unknownId}`, 'decision=approve', 'application/x-www-form-urlencoded')]);

      const notes: [string, string | undefined][] = [
        ['', 'application/x-www-form-urlencoded'],
        ['id=garbage&state=paid', 'application/x-www-form-urlencoded'],
        ['state=paid', 'application/x-www-form-urlencoded'],
        ['{"id":', 'application/json'],
        ['{"id":{"$ne":null}}', 'application/json'],
        ['[1,2,3]', 'application/json'],
        ['"id"', 'application/json'],
        ['id=x', 'text/plain'],
        ['\u0000', 'application/octet-stream'],
        ['x'.repeat(70_000), 'application/x-www-form-urlencoded'],
        [`id=${gatewayId}' or 1=1 --`, 'application/x-www-form-urlencoded'],
      ];
      for (const [payload, type] of notes) responses.push([`notify ${payload.slice(0, 30)} (${type})`, await notify(payload, type ?? '')]);
      responses.push(['notify another gateway', await notify(`id=${gatewayId}`, 'application/x-www-form-urlencoded', 'comgate')]);
      responses.push(['notify a gateway name of garbage', await notify(`id=${gatewayId}`, 'application/x-www-form-urlencoded', '%00..')]);

      for (const [name, response] of responses) {
        assert.ok(response.statusCode >= 200 && response.statusCode < 500, `${name}: ${response.statusCode} ${response.body.slice(0, 200)}`);
      }
      const malformed = await notify('id=garbage');
      assert.equal(malformed.statusCode, 400);
      assert.equal(malformed.json().error.code, 'invalid_notification');
      const unknown = await notify(`id=${unknownId}&state=paid`);
      assert.equal(unknown.statusCode, 200, 'an unknown payment is answered, and nothing is done');
      assert.deepEqual(unknown.json(), { received: true });
      assert.equal(await recorded(payment.id), 'pending', 'none of it settled the payment');
      assert.equal((await read(payment.id)).json().state, 'pending');
    });

    test('with PAYMENT_GATEWAY=none card payments answer 503 and the sandbox is not there', async () => {
      const who = person();
      const obligation = await owe(who);
      const response = await start({ obligationIds: [obligation.id], returnUrl: RETURN }, { token: await tokenOf(who), on: bare });
      assert.equal(response.statusCode, 503);
      assert.equal(response.json().error.code, 'payments_not_configured');
      assert.equal((await bare.inject({ method: 'GET', url: '/sandbox-gateway/assets/sandbox.css' })).statusCode, 404);
      assert.equal((await bare.inject({ method: 'POST', url: '/api/payments/notify/sandbox', payload: 'id=x', headers: { 'content-type': 'application/x-www-form-urlencoded' } })).statusCode, 404);
    });

    test('a second instance on the same database sees the same sandbox payments', async () => {
      const second = await build(config, true);
      await second.ready();
      try {
        const { payment } = await started();
        const page = await second.inject({ method: 'GET', url: new URL(payment.redirectUrl).pathname });
        assert.equal(page.statusCode, 200);
        const decided = await second.inject({ method: 'POST', url: new URL(payment.redirectUrl).pathname, payload: 'decision=approve&notification=never', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
        assert.equal(decided.statusCode, 303);
        assert.equal((await read(payment.id)).json().state, 'paid');
      } finally {
        await second.close();
      }
    });

    test('the OpenAPI document describes the payment routes', async () => {
      const document = (await app.inject({ method: 'GET', url: '/openapi.json' })).json();
      assert.ok(document.paths['/payments'].post.responses['201']);
      assert.ok(document.paths['/payments'].post.responses['409']);
      assert.ok(document.paths['/payments'].post.requestBody.content['application/json'].schema.properties.obligationIds);
      assert.ok(document.paths['/payments/{id}'].get.responses['200']);
      assert.ok(document.paths['/payments/notify/{gateway}'].post);
    });
  });
}

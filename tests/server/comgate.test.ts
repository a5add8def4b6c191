import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { SignJWT, importJWK, type JWK } from 'jose';
import type { FastifyInstance } from 'fastify';
import { startComgateStandin, type ComgateStandin } from '../../demo/comgate-standin/comgate-standin.js';
import { buildApp } from '../../server/app.js';
import { createBroker } from '../../server/broker/broker.js';
import { ConfigError, loadConfig, type Config } from '../../server/config.js';
import { importObligations } from '../../server/fees/service.js';
import { comgateGateway, type ComgateOptions } from '../../server/payments/comgate.js';
import { GatewayError } from '../../server/payments/gateway.js';
import { createPayments } from '../../server/payments/routes.js';
import { apiRoutesOf } from '../../server/start.js';
import type { Database, Queryable } from '../../server/storage/database.js';
import { migrate } from '../../server/storage/migrate.js';
import { DATABASES, eventually, freePort, NO_UPSTREAM, sleep, testConfig } from './harness.js';

const MERCHANT = '498621';
const SECRET = 'gx4q8OV3TJt6noJnfhjqJKyX3Z6Ych0y';
const WRONG_SECRET = 'WrongSecretWrongSecretWrongSecre';
/** A page of the embedding site (testConfig's ALLOWED_ORIGINS), as the widget sends it. */
const RETURN = 'http://town.test/poplatky.html?obec-payment=return';
const HEADER = 'variable_symbol;fee_kind;fee_name_cs;fee_name_en;period;amount;due_date;given_name;family_name;birthdate;household;representative';





const COMGATE_ENV = { PAYMENT_GATEWAY: 'comgate', COMGATE_MERCHANT: MERCHANT, COMGATE_SECRET: SECRET, COMGATE_TEST: 'true' };

describe('ComGate configuration', () => {
  const base = { NIA_CLIENT_ID: 'https://obec.example/sep' };
  test('PAYMENT_GATEWAY=comgate with merchant, secret and mode; the API URL defaults to ComGate’s', () => {
    const config = loadConfig({ ...base, ...COMGATE_ENV });
    assert.equal(config.PAYMENT_GATEWAY, 'comgate');
    assert.equal(config.COMGATE_URL, 'https://payments.comgate.cz');
    assert.equal(config.COMGATE_MERCHANT, MERCHANT);
    assert.equal(config.COMGATE_TEST, 'true');
    assert.equal(loadConfig({ ...base, ...COMGATE_ENV, COMGATE_URL: 'http://127.0.0.1:9999' }).COMGATE_URL, 'http://127.0.0.1:9999');
    // without ComGate chosen, its variables are not asked for
    assert.equal(loadConfig({ ...base, PAYMENT_GATEWAY: 'sandbox' }).COMGATE_MERCHANT, undefined);
  });
  const refused: [string, Record<string, string | undefined>, RegExp][] = [
    ['comgate without a merchant', { COMGATE_MERCHANT: undefined }, /^COMGATE_MERCHANT is missing: .*ComGate portal/],
    ['comgate with an empty merchant', { COMGATE_MERCHANT: '' }, /^COMGATE_MERCHANT is missing/],
    ['comgate without a secret', { COMGATE_SECRET: undefined }, /^COMGATE_SECRET is missing: .*ComGate portal/],
    ['comgate without saying test or real', { COMGATE_TEST: undefined }, /^COMGATE_TEST is missing: `true` .* or `false`/],
    ['a test flag that is not true/false', { COMGATE_TEST: 'yes' }, /^COMGATE_TEST is invalid/],
    ['a ComGate URL that is not http(s)', { COMGATE_URL: 'ftp://payments.comgate.cz' }, /^COMGATE_URL is invalid/],
    ['a merchant with a space', { COMGATE_MERCHANT: '498 621' }, /^COMGATE_MERCHANT is invalid/],
  ];
  for (const [name, env, message] of refused) {
    test(`refuses ${name} with one line naming the variable`, () => {
      assert.throws(
        () => loadConfig({ ...base, ...COMGATE_ENV, ...env }),
        (error: Error) => error instanceof ConfigError && message.test(error.message) && !error.message.includes('\n'),
      );
    });
  }
  test('a wrong secret is named, never repeated', () => {
    const secret = 'secret with a space';
    assert.throws(
      () => loadConfig({ ...base, ...COMGATE_ENV, COMGATE_SECRET: secret }),
      (error: Error) => error instanceof ConfigError && /^COMGATE_SECRET is invalid/.test(error.message) && !error.message.includes(secret),
    );
  });
});

/** A database holding one payment row (or none), as the gateway looks it up. */
function oneRow(row: { id: string; amount_cents: number } | null): Queryable {
  return { query: async <T,>() => (row ? [row] : []) as unknown as T[] };
}

describe('the ComGate gateway against the stand-in', () => {
  let standin: ComgateStandin;
  const logged: { level: string; details: Record<string, unknown>; message: string }[] = [];
  const log = {
    warn: (details: object, message: string) => void logged.push({ level: 'warn', details: details as Record<string, unknown>, message }),
    error: (details: object, message: string) => void logged.push({ level: 'error', details: details as Record<string, unknown>, message }),
  };
  const paymentId = randomUUID();
  const gatewayWith = (overrides: Partial<ComgateOptions> = {}, row: { id: string; amount_cents: number } | null = { id: paymentId, amount_cents: 78000 }) => {
    const gateway = comgateGateway({ url: standin.url, merchant: MERCHANT, secret: SECRET, test: true, db: oneRow(row), ttlMinutes: 30, ...overrides });
    gateway.attachLog(log);
    return gateway;
  };
  const order = { paymentId, amountCents: 78000, description: 'Obec Javorná Lhota: Poplatek za odpady 2027', variableSymbol: '7000000001', returnUrl: RETURN, notifyUrl: 'http://127.0.0.1:1/none' };

  before(async () => {
    // nothing listens on the notification address: these tests call the gateway directly
    standin = await startComgateStandin({ merchant: MERCHANT, secret: SECRET, notifyUrl: 'http://127.0.0.1:9/api/payments/notify/comgate' });
  });
  after(async () => {
    await standin.close();
  });

  test('create sends ComGate’s fields: price in haléře, CZK, a label of at most 16 characters, our payment id as refId, the return addresses', async () => {
    const created = await gatewayWith().create(order);
    assert.match(created.gatewayId, /^[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}$/);
    assert.equal(created.redirectUrl, `${standin.url}/client/instructions/index?id=${created.gatewayId}`);
    const atComgate = standin.payments.get(created.gatewayId)!;
    assert.equal(atComgate.price, '78000');
    assert.equal(atComgate.curr, 'CZK');
    assert.equal(atComgate.refId, paymentId);
    assert.equal(atComgate.label, 'VS 7000000001');
    assert.equal(atComgate.method, 'ALL');
    assert.equal(atComgate.test, true);
    assert.deepEqual(atComgate.urls, { paid: RETURN, cancelled: RETURN, pending: RETURN });
    // without one variable symbol, the description, cut to 16 characters (not bytes)
    const several = await gatewayWith().create({ ...order, variableSymbol: undefined });
    assert.equal(standin.payments.get(several.gatewayId)!.label, 'Obec Javorná Lho');
  });

  test('a wrong secret or merchant: a GatewayError with ComGate’s code, never the secret', async () => {
    for (const overrides of [{ secret: WRONG_SECRET }, { merchant: '111111' }]) {
      const before = standin.payments.size;
      await assert.rejects(
        () => gatewayWith(overrides).create(order),
        (error: Error) => error instanceof GatewayError && /code 1400/.test(error.message) && !error.message.includes(WRONG_SECRET) && !error.message.includes(SECRET),
      );
      assert.equal(standin.payments.size, before, 'nothing created at ComGate');
    }
    const created = await gatewayWith().create(order);
    await assert.rejects(() => gatewayWith({ secret: WRONG_SECRET }).status(created.gatewayId), /code 1400/);
  });

  test('ComGate out of reach, or answering garbage: a GatewayError', async () => {
    const closedPort = await freePort();
    await assert.rejects(() => gatewayWith({ url: `http://127.0.0.1:${closedPort}` }).create(order), (error: Error) => error instanceof GatewayError && !error.message.includes(SECRET));
    await assert.rejects(() => gatewayWith({ url: `${standin.url}/nowhere` }).create(order), /HTTP 404/);
  });

  test('status: PAID is paid with the created amount, CANCELLED cancelled, PENDING and AUTHORIZED pending, anything else an error', async () => {
    const gateway = gatewayWith();
    const { gatewayId } = await gateway.create(order);
    const atComgate = standin.payments.get(gatewayId)!;
    assert.deepEqual(await gateway.status(gatewayId), { state: 'pending' });
    atComgate.status = 'PAID';
    assert.deepEqual(await gateway.status(gatewayId), { state: 'paid', paidCents: 78000 });
    atComgate.status = 'CANCELLED';
    assert.deepEqual(await gateway.status(gatewayId), { state: 'cancelled' });
    (atComgate as { status: string }).status = 'AUTHORIZED';
    assert.deepEqual(await gateway.status(gatewayId), { state: 'pending' });
    (atComgate as { status: string }).status = 'REFUNDED?';
    await assert.rejects(() => gateway.status(gatewayId), GatewayError);
    // a transaction that is none of ours is not asked about
    await assert.rejects(() => gatewayWith({}, null).status(gatewayId), /no payment of ours/);
    await assert.rejects(() => gateway.status('not a trans id'), GatewayError);
  });

  test('a status answer that does not match what was created is not believed, and is logged', async () => {
    const cases: [string, (payment: { price: string; curr: string; refId: string; test: boolean; merchant: string }) => void][] = [
      ['price', (payment) => void (payment.price = '77900')],
      ['curr', (payment) => void (payment.curr = 'EUR')],
      ['refId', (payment) => void (payment.refId = randomUUID())],
      ['test', (payment) => void (payment.test = false)],
      ['merchant', (payment) => void (payment.merchant = '111111')],
    ];
    for (const [name, tamper] of cases) {
      const gateway = gatewayWith();
      const { gatewayId } = await gateway.create(order);
      const atComgate = standin.payments.get(gatewayId)!;
      atComgate.status = 'PAID';
      tamper(atComgate);
      logged.length = 0;
      assert.deepEqual(await gateway.status(gatewayId), { state: 'pending' }, name);
      assert.equal(logged.length, 1, name);
      assert.equal(logged[0]!.level, 'error');
      assert.deepEqual(logged[0]!.details.mismatched, [name]);
    }
    // a test payment is never money in production
    const production = gatewayWith({ test: false });
    const { gatewayId } = await production.create(order);
    const atComgate = standin.payments.get(gatewayId)!;
    atComgate.status = 'PAID';
    assert.equal(atComgate.test, false);
    assert.deepEqual(await production.status(gatewayId), { state: 'paid', paidCents: 78000 });
    atComgate.test = true;
    assert.deepEqual(await production.status(gatewayId), { state: 'pending' });
  });

  test('a notification is taken only with our merchant and secret and a transaction id; its status is not read', async () => {
    const gateway = gatewayWith();
    const note = (body: unknown) => gateway.notificationFor({ body, query: {}, headers: {} });
    const good = { merchant: MERCHANT, secret: SECRET, transId: 'AB12-CD34-EF56', status: 'PAID' };
    assert.equal(await note(good), 'AB12-CD34-EF56');
    assert.equal(await note({ ...good, status: 'CANCELLED' }), 'AB12-CD34-EF56');
    logged.length = 0;
    for (const body of [
      { ...good, secret: WRONG_SECRET },
      { ...good, secret: `${SECRET}x` },
      { ...good, secret: SECRET.slice(0, -1) },
      { ...good, secret: '' },
      { ...good, merchant: '111111' },
      { ...good, secret: undefined },
      { ...good, secret: [SECRET] },
      { ...good, transId: 'garbage' },
      { ...good, transId: undefined },
      null,
      'merchant=x',
      [good],
    ]) {
      assert.equal(await note(body), undefined, JSON.stringify(body));
    }
    assert.ok(logged.some((entry) => entry.message.includes('wrong merchant or secret')));
    assert.ok(logged.every((entry) => !JSON.stringify(entry).includes(SECRET)));
  });
});

for (const database of DATABASES) {
  describe(`ComGate payments on ${database.name}`, () => {
    let db: Database;
    let app: FastifyInstance;
    /** The same backend with a wrong COMGATE_SECRET. */
    let misconfigured: FastifyInstance;
    let standin: ComgateStandin;
    let config: Config;
    let signingKey: JWK;
    /** The status of every notification the backend answered, in order. */
    const notifications: number[] = [];

    const build = async (appConfig: Config) => {
      const broker = await createBroker({ config: appConfig, db, upstream: NO_UPSTREAM });
      const payments = createPayments(appConfig, db);
      return buildApp({
        config: appConfig,
        db,
        mountBroker: async (mounted) => {
          await broker.mount(mounted);
          await payments.mountPages(mounted);
        },
        authenticate: (authorization) => broker.verifyAccessToken(authorization),
        apiRoutes: apiRoutesOf(appConfig, db, payments),
      });
    };

    before(async () => {
      db = await database.open();
      await migrate(db);
      const port = await freePort();
      const backendUrl = `http://127.0.0.1:${port}`;
      standin = await startComgateStandin({ merchant: MERCHANT, secret: SECRET, notifyUrl: `${backendUrl}/api/payments/notify/comgate` });
      const env = {
        PORT: String(port),
        PUBLIC_URL: backendUrl,
        PAYMENT_GATEWAY: 'comgate',
        COMGATE_URL: standin.url,
        COMGATE_MERCHANT: MERCHANT,
        COMGATE_SECRET: SECRET,
        COMGATE_TEST: 'true',
        TOWN_NAME: 'Obec Javorná Lhota',
        TOWN_ACCOUNT: '19-2000145399/0800',
        RATE_LIMIT_PER_MINUTE: '100000',
      };
      config = testConfig(env);
      app = await build(config);
      app.server.on('request', (request, response) => {
        if (request.url?.startsWith('/api/payments/notify/')) response.on('finish', () => notifications.push(response.statusCode));
      });
      await app.listen({ host: '127.0.0.1', port });
      misconfigured = await build(testConfig({ ...env, PORT: '0', COMGATE_SECRET: WRONG_SECRET }));
      await misconfigured.ready();
      const [row] = await db.query<{ value: JWK }>("select value from secrets where name = 'broker.signing-key.rs256'");
      signingKey = row!.value;
    });
    after(async () => {
      await standin?.close();
      await app?.close();
      await misconfigured?.close();
      await db?.close();
    });

    let people = 0;
    let symbols = 0;
    /** A citizen of their own with one new obligation, signed in. */
    const citizen = async (amount = '780,00') => {
      const family = `Komgejtová ${++people}`;
      const symbol = String(7_100_000_000 + ++symbols);
      await importObligations(db, [HEADER, `${symbol};waste;Poplatek za odpady;Waste fee;2027;${amount};2099-03-31;Jana;${family};1980-05-17;;ne`].join('\n'));
      const [obligation] = await db.query<{ id: string }>('select id from obligations where variable_symbol = $1', [symbol]);
      const subject = `CZ/CZ/${family}`;
      await db.query('insert into accounts (subject, claims, loa) values ($1, $2, $3)', [
        subject,
        JSON.stringify({ given_name: 'Jana', family_name: family, birthdate: '1980-05-17' }),
        'loasubstantial',
      ]);
      const token = await new SignJWT({ sub: subject, iss: config.issuerUrl, aud: config.apiUrl, acr: 'loasubstantial' })
        .setProtectedHeader({ alg: 'RS256', kid: signingKey.kid })
        .setIssuedAt()
        .setExpirationTime('5m')
        .sign(await importJWK(signingKey, 'RS256'));
      return { obligationId: obligation!.id, symbol, token };
    };

    const start = (on: FastifyInstance, obligationId: string, token: string, key: string = randomUUID()) =>
      on.inject({
        method: 'POST',
        url: '/api/payments',
        headers: { 'content-type': 'application/json', 'idempotency-key': key, authorization: `Bearer ${token}` },
        payload: JSON.stringify({ obligationIds: [obligationId], returnUrl: RETURN }),
      });
    const read = (id: string) => app.inject({ method: 'GET', url: `/api/payments/${id}` });
    const notify = (fields: Record<string, string>) =>
      app.inject({ method: 'POST', url: '/api/payments/notify/comgate', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: new URLSearchParams(fields).toString() });

    const recorded = async (id: string) => (await db.query<{ state: string }>('select state from payments where id = $1', [id]))[0]?.state;
    const paidCents = async (obligationId: string) => (await db.query<{ paid_cents: number }>('select paid_cents from obligations where id = $1', [obligationId]))[0]!.paid_cents;
    const transIdOf = async (id: string) => (await db.query<{ gateway_id: string }>('select gateway_id from payments where id = $1', [id]))[0]!.gateway_id;
    const receiptsTaken = async () => (await db.query<{ total: number }>('select coalesce(sum(last_number), 0)::int as total from receipt_counters'))[0]!.total;

    /** A citizen starts paying a new obligation of theirs; the 201 answer and its ComGate transaction. */
    const started = async (amount = '780,00') => {
      const who = await citizen(amount);
      const response = await start(app, who.obligationId, who.token);
      assert.equal(response.statusCode, 201, response.body);
      const payment = response.json() as { id: string; state: string; amount: number; redirectUrl: string };
      return { ...who, payment, transId: await transIdOf(payment.id) };
    };

    /** The citizen at the stand-in's hosted page: reads it, then presses a button; where the browser is sent. */
    const atComgate = async (redirectUrl: string, decision: 'pay' | 'cancel') => {
      const page = await fetch(redirectUrl);
      assert.equal(page.status, 200);
      const html = await page.text();
      assert.ok(html.includes(`name="decision" value="${decision}"`), `the page offers ${decision}`);
      const action = /<form method="post" action="([^"]+)"/.exec(html)?.[1]?.replaceAll('&amp;', '&');
      assert.ok(action, 'the page has a form');
      const pressed = await fetch(new URL(action, redirectUrl), {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ decision }).toString(),
        redirect: 'manual',
      });
      assert.equal(pressed.status, 303);
      await pressed.arrayBuffer();
      return pressed.headers.get('location');
    };

    test('a payment is created at ComGate: redirected to its page, our payment id as refId, the amount in haléře', async () => {
      const { payment, transId, symbol } = await started('1 234,50');
      assert.equal(payment.state, 'pending');
      assert.equal(payment.amount, 1234.5);
      assert.equal(payment.redirectUrl, `${standin.url}/client/instructions/index?id=${transId}`);
      const atGateway = standin.payments.get(transId)!;
      assert.equal(atGateway.price, '123450');
      assert.equal(atGateway.refId, payment.id);
      assert.equal(atGateway.label, `VS ${symbol}`);
      assert.equal(atGateway.test, true);
      assert.equal(atGateway.urls.paid, RETURN);
      assert.equal(await recorded(payment.id), 'pending');
      assert.equal((await read(payment.id)).json().state, 'pending', 'ComGate says PENDING');
    });

    test('the stand-in’s page: Czech, labelled buttons, no inline script or style, a strict policy', async () => {
      const { payment } = await started();
      const response = await fetch(payment.redirectUrl);
      const html = await response.text();
      assert.match(html, /<html lang="cs">/);
      assert.match(html, /780,00\s*Kč/);
      assert.match(html, /<button type="submit" name="decision" value="pay"[^>]*>Zaplatit<\/button>/);
      assert.match(html, /<button type="submit" name="decision" value="cancel"[^>]*>Zrušit<\/button>/);
      assert.doesNotMatch(html, /<script|style=|<style/);
      const policy = response.headers.get('content-security-policy') ?? '';
      assert.match(policy, /default-src 'none'/);
      assert.match(policy, /form-action 'self' http:\/\/town\.test/);
      const css = await fetch(new URL(/<link rel="stylesheet" href="([^"]+)"/.exec(html)![1]!, payment.redirectUrl));
      assert.equal(css.status, 200);
      assert.equal((await fetch(`${standin.url}/client/instructions/index?id=NO00-SUCH-PAY0`)).status, 404);
    });

    test('paid at ComGate: the push arrives, the payment is paid once with a receipt; a second push changes nothing', async () => {
      const { payment, obligationId, transId } = await started();
      const before = notifications.length;
      const receipts = await receiptsTaken();
      assert.equal(await atComgate(payment.redirectUrl, 'pay'), RETURN, 'back to the widget’s page');
      assert.ok(await eventually(async () => (await recorded(payment.id)) === 'paid'), 'paid by the push alone');
      assert.ok(await eventually(() => notifications.length > before && standin.pushes.some((push) => push.transId === transId)), 'the push was answered');
      assert.deepEqual(notifications.slice(before), [200], 'ComGate is answered 200');
      assert.deepEqual(standin.pushes.filter((push) => push.transId === transId), [{ transId, status: 'PAID', httpStatus: 200 }]);
      assert.equal(await paidCents(obligationId), 78000);
      const paid = (await read(payment.id)).json();
      assert.equal(paid.state, 'paid');
      assert.match(paid.receipt.number, /^\d{4}\/\d{6}$/);
      assert.equal(paid.redirectUrl, undefined);

      // ComGate sends it again (it retries), and the browser asks: still one credit, one receipt
      assert.equal(await standin.push(transId), 200);
      assert.equal((await read(payment.id)).json().receipt.number, paid.receipt.number);
      assert.equal(await paidCents(obligationId), 78000);
      assert.equal((await receiptsTaken()) - receipts, 1);
      // the page is closed now; a late press (a tab left open) changes nothing and sends no push
      const closed = await (await fetch(payment.redirectUrl)).text();
      assert.match(closed, /je zaplacena/);
      assert.doesNotMatch(closed, /<form/);
      const pushes = standin.pushes.length;
      const late = await fetch(payment.redirectUrl, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'decision=cancel', redirect: 'manual' });
      assert.equal(late.status, 303);
      assert.equal(late.headers.get('location'), RETURN);
      assert.equal(standin.payments.get(transId)!.status, 'PAID');
      await sleep(150);
      assert.equal(standin.pushes.length, pushes, 'no push for a decided payment');
    });

    test('a forged push changes nothing: a wrong secret or merchant is refused, a claimed PAID is asked about', async () => {
      const { payment, obligationId, transId } = await started();
      const atGateway = standin.payments.get(transId)!;
      const fields = { merchant: MERCHANT, test: 'true', price: '78000', curr: 'CZK', label: atGateway.label, refId: payment.id, transId, secret: SECRET, status: 'PAID' };

      // the right secret, a PAID claim, but ComGate says PENDING: asked, and still pending
      const claimed = await notify(fields);
      assert.equal(claimed.statusCode, 200, claimed.body);
      assert.equal(await recorded(payment.id), 'pending');

      // paid at ComGate now (its push not sent): a push with the wrong secret or merchant does not make the backend ask
      atGateway.status = 'PAID';
      for (const forged of [{ ...fields, secret: WRONG_SECRET }, { ...fields, merchant: '111111' }, { ...fields, secret: '' }]) {
        const response = await notify(forged);
        assert.equal(response.statusCode, 400);
        assert.equal(response.json().error.code, 'invalid_notification');
        assert.ok(!response.body.includes(SECRET));
      }
      assert.equal(await recorded(payment.id), 'pending', 'a refused push settled nothing');
      assert.equal(await paidCents(obligationId), 0);
      // the genuine one does
      assert.equal(await standin.push(transId), 200);
      assert.equal(await recorded(payment.id), 'paid');
      assert.equal(await paidCents(obligationId), 78000);
    });

    test('a push while ComGate still says PENDING leaves the payment pending; paying later settles it', async () => {
      const { payment, obligationId, transId } = await started();
      assert.equal(await standin.push(transId), 200);
      assert.equal(await standin.push(transId, { status: 'PAID' }), 200, 'even when the push claims PAID');
      assert.equal(await recorded(payment.id), 'pending');
      assert.equal((await read(payment.id)).json().state, 'pending');
      assert.equal(await paidCents(obligationId), 0);
      await atComgate(payment.redirectUrl, 'pay');
      assert.ok(await eventually(async () => (await recorded(payment.id)) === 'paid'));
      assert.equal(await paidCents(obligationId), 78000);
    });

    test('cancelled at ComGate: cancelled, nothing credited, and a new payment may follow', async () => {
      const { payment, obligationId, token, transId } = await started();
      assert.equal(await atComgate(payment.redirectUrl, 'cancel'), RETURN);
      assert.ok(await eventually(async () => (await recorded(payment.id)) === 'cancelled'));
      assert.ok(await eventually(() => standin.pushes.some((push) => push.transId === transId && push.status === 'CANCELLED' && push.httpStatus === 200)));
      const cancelled = (await read(payment.id)).json();
      assert.equal(cancelled.state, 'cancelled');
      assert.equal(cancelled.receipt, undefined);
      assert.equal(await paidCents(obligationId), 0);
      const again = await start(app, obligationId, token);
      assert.equal(again.statusCode, 201, again.body);
      assert.notEqual(again.json().id, payment.id);
    });

    test('no push ever: the browser’s return finds the truth at ComGate', async () => {
      const { payment, obligationId, transId } = await started();
      standin.payments.get(transId)!.status = 'PAID';
      assert.equal(await recorded(payment.id), 'pending');
      assert.equal((await read(payment.id)).json().state, 'paid');
      assert.equal(await paidCents(obligationId), 78000);
    });

    test('a wrong COMGATE_SECRET: starting is 502 gateway_unavailable, no payment is left behind, the key may try again', async () => {
      const who = await citizen();
      const key = randomUUID();
      const before = standin.payments.size;
      const refused = await start(misconfigured, who.obligationId, who.token, key);
      assert.equal(refused.statusCode, 502, refused.body);
      assert.equal(refused.json().error.code, 'gateway_unavailable');
      assert.ok(!refused.body.includes(WRONG_SECRET) && !refused.body.includes('1400'), 'nothing of the configuration is told to the citizen');
      assert.equal((await db.query('select 1 from payments where idempotency_key = $1', [key])).length, 0);
      assert.equal((await db.query('select 1 from payment_items where obligation_id = $1', [who.obligationId])).length, 0);
      assert.equal(standin.payments.size, before, 'nothing at ComGate');
      const retried = await start(app, who.obligationId, who.token, key);
      assert.equal(retried.statusCode, 201, retried.body);
    });

    test('ComGate out of reach when asked: the payment stays pending, a push is answered 503 so ComGate retries', async () => {
      const { payment, transId } = await started();
      standin.payments.get(transId)!.status = 'PAID';
      const lost = await build(testConfig({ ...COMGATE_ENV, COMGATE_URL: `http://127.0.0.1:${await freePort()}` }));
      try {
        const note = await lost.inject({
          method: 'POST',
          url: '/api/payments/notify/comgate',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          payload: new URLSearchParams({ merchant: MERCHANT, secret: SECRET, transId, status: 'PAID' }).toString(),
        });
        assert.equal(note.statusCode, 503);
        assert.equal(note.json().error.code, 'gateway_unavailable');
        const asked = await lost.inject({ method: 'GET', url: `/api/payments/${payment.id}` });
        assert.equal(asked.statusCode, 200);
        assert.equal(asked.json().state, 'pending');
      } finally {
        await lost.close();
      }
      assert.equal(await recorded(payment.id), 'pending');
      assert.equal((await read(payment.id)).json().state, 'paid', 'asked again once ComGate answers');
    });

    test('a status answer with another price is not believed: nothing is credited', async () => {
      const { payment, obligationId, transId } = await started();
      standin.payments.get(transId)!.price = '77900';
      await atComgate(payment.redirectUrl, 'pay');
      assert.ok(await eventually(() => standin.pushes.some((push) => push.transId === transId)));
      assert.equal(standin.pushes.find((push) => push.transId === transId)!.httpStatus, 200);
      assert.equal(await recorded(payment.id), 'pending');
      assert.equal((await read(payment.id)).json().state, 'pending');
      assert.equal(await paidCents(obligationId), 0);
      // with the answer right again, it is paid
      standin.payments.get(transId)!.price = '78000';
      assert.equal((await read(payment.id)).json().state, 'paid');
    });

    test('the notification endpoint never answers 5xx to garbage', async () => {
      const { payment, transId } = await started();
      const payloads: [string, string][] = [
        ['', 'application/x-www-form-urlencoded'],
        ['transId=garbage&status=PAID', 'application/x-www-form-urlencoded'],
        [`merchant=${MERCHANT}&secret=${SECRET}`, 'application/x-www-form-urlencoded'],
        [`merchant=${MERCHANT}&secret=${SECRET}&transId=${transId}' or 1=1 --`, 'application/x-www-form-urlencoded'],
        [`merchant=${MERCHANT}&secret=${SECRET}&transId=${transId}&transId=${transId}`, 'application/x-www-form-urlencoded'],
        ['%%%=%%%&transId', 'application/x-www-form-urlencoded'],
        [JSON.stringify({ merchant: MERCHANT, secret: [SECRET], transId }), 'application/json'],
        ['null', 'application/json'],
        ['x'.repeat(70_000), 'application/x-www-form-urlencoded'],
        ['\u0000', 'application/octet-stream'],
      ];
      for (const [payload, type] of payloads) {
        const response = await app.inject({ method: 'POST', url: '/api/payments/notify/comgate', headers: { 'content-type': type }, payload });
        assert.ok(response.statusCode >= 200 && response.statusCode < 500, `${payload.slice(0, 40)}: ${response.statusCode} ${response.body.slice(0, 200)}`);
      }
      const unknown = await notify({ merchant: MERCHANT, secret: SECRET, transId: 'ZZZZ-ZZZZ-ZZZZ', status: 'PAID' });
      assert.equal(unknown.statusCode, 200, 'an unknown transaction is answered, and nothing is done');
      assert.equal((await app.inject({ method: 'POST', url: '/api/payments/notify/sandbox', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: 'id=x' })).statusCode, 404, 'the sandbox is not there');
      assert.equal(await recorded(payment.id), 'pending');
    });
  });
}

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { SignJWT, generateKeyPair, importJWK, type JWK } from 'jose';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../server/app.js';
import { createBroker } from '../../server/broker/broker.js';
import { ConfigError, loadConfig } from '../../server/config.js';
import { migrate } from '../../server/storage/migrate.js';
import type { Database } from '../../server/storage/database.js';
import { DATABASES, NO_UPSTREAM, startApp, testConfig } from './harness.js';


describe('configuration', () => {
  const base = { NIA_CLIENT_ID: 'https://obec.example/sep' };
  const refused: [string, Record<string, string>, RegExp][] = [
    ['a port that is no number', { PORT: 'eighty' }, /^PORT is invalid/],
    ['a public URL that is no URL', { PUBLIC_URL: 'obec.example' }, /^PUBLIC_URL is invalid: an absolute http\(s\) URL/],
    ['an origin with a path', { ALLOWED_ORIGINS: 'https://obec.example/web' }, /^ALLOWED_ORIGINS is invalid: an origin/],
    ['a database URL of another kind', { DATABASE_URL: 'mysql://x' }, /^DATABASE_URL is invalid/],
    ['an unknown level of assurance', { NIA_LOA: 'loamedium' }, /^NIA_LOA is invalid/],
    ['broker clients that are not JSON', { BROKER_CLIENTS: '[{' }, /^BROKER_CLIENTS is invalid: not readable JSON/],
    ['a broker client without origins', { BROKER_CLIENTS: '[{"client_id":"web","origins":[]}]' }, /^BROKER_CLIENTS is invalid: 0\.origins/],
  ];
  for (const [name, env, message] of refused) {
    test(`refuses ${name} with one line naming the variable`, () => {
      assert.throws(() => loadConfig({ ...base, ...env }), (error: Error) => error instanceof ConfigError && message.test(error.message) && !error.message.includes('\n'));
    });
  }
  test('NIA needs the SeP client id', () => {
    assert.throws(() => loadConfig({}), (error: Error) => error instanceof ConfigError && /^NIA_CLIENT_ID is missing/.test(error.message));
  });
  test('defaults make a working local configuration', () => {
    const config = loadConfig(base);
    assert.equal(config.PORT, 8081);
    assert.equal(config.HOST, '127.0.0.1');
    assert.equal(config.apiUrl, 'http://127.0.0.1:8081/api');
    assert.equal(config.issuerUrl, 'http://127.0.0.1:8081/oidc');
  });
});

for (const database of DATABASES) {
  describe(`backend on ${database.name}`, () => {
    let db: Database;
    let app: FastifyInstance;
    let signingKey: JWK;
    const config = testConfig({ RATE_LIMIT_PER_MINUTE: '40' });

    before(async () => {
      db = await database.open();
      await migrate(db);
      app = await startApp(config, db);
      const [row] = await db.query<{ value: JWK }>("select value from secrets where name = 'broker.signing-key.rs256'");
      signingKey = row!.value;
    });
    after(async () => {
      await app.close();
      await db.close();
    });

    test('migrations are numbered, recorded, and a second run applies nothing', async () => {
      const rows = await db.query<{ name: string }>('select name from schema_migrations order by name');
      assert.deepEqual(rows.map((row) => row.name), ['001_core.sql', '002_upstream_pkce.sql', '003_fees.sql', '004_payments.sql', '005_forms.sql', '006_polls.sql', '007_feedback.sql', '008_office.sql']);
      assert.deepEqual(await migrate(db), []);
    });

    test('health and readiness', async () => {
      const health = await app.inject({ method: 'GET', url: '/api/health' });
      assert.equal(health.statusCode, 200);
      assert.equal(health.json().status, 'ok');
      const ready = await app.inject({ method: 'GET', url: '/api/ready' });
      assert.deepEqual(ready.json(), { status: 'ready', database: db.kind });
    });

    test('the OpenAPI document is generated from the contract schemas', async () => {
      const response = await app.inject({ method: 'GET', url: '/openapi.json' });
      const document = response.json();
      assert.equal(document.openapi, '3.0.3');
      assert.deepEqual(Object.keys(document.paths).sort(), [
        '/fees',
        '/fees/lookup',
        '/forms/{id}',
        '/forms/{id}/draft',
        '/forms/{id}/submissions',
        '/health',
        '/indicators',
        '/indicators.csv',
        '/me',
        '/office/audit',
        '/office/bank-statements',
        '/office/fee-kinds',
        '/office/fee-kinds/{code}',
        '/office/forms',
        '/office/forms/{id}',
        '/office/forms/{id}/export.zip',
        '/office/forms/{id}/submissions',
        '/office/forms/{id}/submissions.csv',
        '/office/me',
        '/office/obligations',
        '/office/obligations/import',
        '/office/obligations/{id}',
        '/office/payments',
        '/office/payments.csv',
        '/office/polls',
        '/office/polls/{id}',
        '/office/polls/{id}/ballots.csv',
        '/office/polls/{id}/paper-ballots',
        '/office/polls/{id}/paper-ballots/{batch}',
        '/office/polls/{id}/results',
        '/office/polls/{id}/results.csv',
        '/office/ratings',
        '/office/ratings.csv',
        '/office/report-categories',
        '/office/reports',
        '/office/reports.csv',
        '/office/reports/{id}',
        '/office/staff',
        '/office/staff/{id}',
        '/office/submissions/{id}',
        '/office/submissions/{id}/files/{uploadId}',
        '/payments',
        '/payments/notify/{gateway}',
        '/payments/{id}',
        '/places',
        '/polls/{id}',
        '/polls/{id}/ballot',
        '/polls/{id}/results',
        '/ratings',
        '/ratings/{id}',
        '/ready',
        '/report-categories',
        '/report-photos',
        '/report-photos/{id}',
        '/reports',
        '/reports/mine',
        '/reports/nearby',
        '/reports/{id}',
        '/reports/{id}/confirmation',
        '/reports/{id}/support',
        '/submissions',
        '/town',
        '/uploads',
        '/visits',
      ]);
      assert.deepEqual(document.paths['/health'].get.responses['200'].content['application/json'].schema.required.sort(), ['status', 'version']);
      assert.deepEqual(document.paths['/me'].get.security, [{ bearer: [] }]);
      assert.ok(document.paths['/me'].get.responses['401']);
    });

    test('unknown paths and malformed requests answer 4xx with a machine-readable body, never 5xx', async () => {
      const missing = await app.inject({ method: 'GET', url: '/api/no-such-thing' });
      assert.equal(missing.statusCode, 404);
      assert.equal(missing.json().error.code, 'not_found');
      const broken = await app.inject({ method: 'POST', url: '/api/health', headers: { 'content-type': 'application/json' }, payload: '{"a":' });
      assert.ok(broken.statusCode >= 400 && broken.statusCode < 500, `got ${broken.statusCode}`);
      assert.equal(typeof broken.json().error.code, 'string');
      const wrongType = await app.inject({ method: 'POST', url: '/api/health', headers: { 'content-type': 'application/x-weird' }, payload: 'x' });
      assert.ok(wrongType.statusCode >= 400 && wrongType.statusCode < 500, `got ${wrongType.statusCode}`);
      const huge = await app.inject({ method: 'POST', url: '/api/health', headers: { 'content-type': 'application/json' }, payload: JSON.stringify({ a: 'x'.repeat(2_000_000) }) });
      assert.equal(huge.statusCode, 413);
      assert.equal(huge.json().error.code, 'payload_too_large');
    });

    test('the broker’s own pages carry a strict CSP and cannot be framed', async () => {
      const page = await app.inject({ method: 'GET', url: '/broker/logged-out' });
      assert.equal(page.statusCode, 200);
      assert.match(String(page.headers['content-security-policy']), /default-src 'none'.*frame-ancestors 'none'/);
      const error = await app.inject({ method: 'GET', url: '/oidc/auth?client_id=nobody&response_type=code' });
      assert.equal(error.statusCode, 400);
      assert.match(String(error.headers['content-security-policy']), /frame-ancestors 'none'/);
    });

    test('CORS answers only the configured embedding origins', async () => {
      const allowed = await app.inject({ method: 'OPTIONS', url: '/api/health', headers: { origin: 'http://town.test', 'access-control-request-method': 'GET' } });
      assert.equal(allowed.headers['access-control-allow-origin'], 'http://town.test');
      const other = await app.inject({ method: 'GET', url: '/api/health', headers: { origin: 'http://evil.test' } });
      assert.equal(other.headers['access-control-allow-origin'], undefined);
    });

    describe('access tokens', () => {
      const sign = async (claims: Record<string, unknown>, key: JWK = signingKey, expiresIn = '5m') =>
        new SignJWT(claims)
          .setProtectedHeader({ alg: 'RS256', kid: key.kid })
          .setIssuedAt()
          .setExpirationTime(expiresIn)
          .sign(await importJWK(key, 'RS256'));
      const me = (token?: string) => app.inject({ method: 'GET', url: '/api/me', headers: token ? { authorization: `Bearer ${token}` } : {} });

      test('a missing token is 401', async () => {
        const response = await me();
        assert.equal(response.statusCode, 401);
        assert.equal(response.json().error.code, 'missing_token');
        assert.match(String(response.headers['www-authenticate']), /^Bearer/);
      });
      test('an expired token is 401', async () => {
        const response = await me(await sign({ sub: 'CZ/CZ/x', iss: config.issuerUrl, aud: config.apiUrl }, signingKey, '-1m'));
        assert.equal(response.statusCode, 401);
        assert.equal(response.json().error.code, 'token_expired');
      });
      test('a forged token (another key) is 401', async () => {
        const { privateKey } = await generateKeyPair('RS256', { extractable: true });
        const forged = await new SignJWT({ sub: 'CZ/CZ/x', iss: config.issuerUrl, aud: config.apiUrl })
          .setProtectedHeader({ alg: 'RS256', kid: signingKey.kid })
          .setExpirationTime('5m')
          .sign(privateKey);
        const response = await me(forged);
        assert.equal(response.statusCode, 401);
        assert.equal(response.json().error.code, 'invalid_token');
      });
      test('a token for another audience is 401', async () => {
        const response = await me(await sign({ sub: 'CZ/CZ/x', iss: config.issuerUrl, aud: 'https://other.example/api' }));
        assert.equal(response.statusCode, 401);
        assert.equal(response.json().error.code, 'wrong_audience');
      });
      test('garbage is 401', async () => {
        assert.equal((await me('not.a.token')).statusCode, 401);
      });
      test('a valid token of a known citizen gets their profile', async () => {
        await db.query("insert into accounts (subject, claims, loa) values ('CZ/CZ/abc', $1, 'loasubstantial') on conflict do nothing", [
          JSON.stringify({ name: 'Žofie Dvořáková', given_name: 'Žofie', family_name: 'Dvořáková' }),
        ]);
        const response = await me(await sign({ sub: 'CZ/CZ/abc', iss: config.issuerUrl, aud: config.apiUrl, acr: 'loasubstantial' }));
        assert.equal(response.statusCode, 200);
        assert.equal(response.json().name, 'Žofie Dvořáková');
        assert.equal(response.json().loa, 'loasubstantial');
      });
    });

    test('rate limiting counts in the database, so two instances on one database count together', async () => {
      const broker = await createBroker({ config, db, upstream: NO_UPSTREAM });
      const second = await buildApp({ config, db, mountBroker: (instance) => broker.mount(instance) });
      await second.ready();
      const ip = '203.0.113.9';
      const statuses: number[] = [];
      for (let i = 0; i < 45; i++) {
        const instance = i % 2 === 0 ? app : second;
        statuses.push((await instance.inject({ method: 'GET', url: '/api/health', remoteAddress: ip })).statusCode);
      }
      await second.close();
      assert.equal(statuses.filter((status) => status === 200).length, 40);
      const limited = await app.inject({ method: 'GET', url: '/api/health', remoteAddress: ip });
      assert.equal(limited.statusCode, 429);
      assert.equal(limited.json().error.code, 'rate_limited');
      assert.ok(Number(limited.headers['retry-after']) > 0);
    });
  });
}

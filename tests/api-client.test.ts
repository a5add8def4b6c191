import { expect } from '@open-wc/testing';
import * as z from 'zod/mini';
import { ApiClient } from '../src/api/api-client.js';
import { ApiError } from '../src/api/api-error.js';
import { HealthSchema } from '../src/contract/health.js';
import { TEST_API } from './helpers/page.js';

const key = () => Math.random().toString(36).slice(2);
const client = (options: Partial<ConstructorParameters<typeof ApiClient>[0]> = {}) =>
  new ApiClient({ baseUrl: TEST_API, retryDelayMs: 10, ...options });
const Attempts = z.object({ count: z.number() });
const attemptsOf = (route: string, k: string) => client().get(`/attempts`, Attempts, { query: { route, key: k } });

async function failure(promise: Promise<unknown>): Promise<ApiError> {
  try {
    await promise;
  } catch (error) {
    expect(error).to.be.instanceOf(ApiError);
    return error as ApiError;
  }
  throw new Error('the call succeeded');
}

describe('API client against a real HTTP server', () => {
  it('returns the validated body', async () => {
    expect(await client().get('/health', HealthSchema)).to.deep.equal({ status: 'ok', version: '9.9.9' });
  });

  it('times out a slow answer', async () => {
    const error = await failure(client({ timeoutMs: 200, retries: 0 }).get('/slow', HealthSchema, { query: { ms: 2000 } }));
    expect(error.kind).to.equal('timeout');
    expect(error.messageKey).to.equal('error.timeout');
  });

  it('a timed-out GET is tried again, and succeeds when the server recovers', async () => {
    const k = key();
    const health = await client().get('/flaky', HealthSchema, { query: { key: k, fail: 2 } });
    expect(health.version).to.equal('after-3');
    expect((await attemptsOf('/flaky', k)).count).to.equal(3);
  });

  it('gives up after the configured retries', async () => {
    const k = key();
    const error = await failure(client({ retries: 1 }).get('/flaky', HealthSchema, { query: { key: k, fail: 5 } }));
    expect(error.kind).to.equal('server');
    expect(error.status).to.equal(503);
    expect((await attemptsOf('/flaky', k)).count).to.equal(2);
  });

  it('never retries a POST without an idempotency key', async () => {
    const k = key();
    const error = await failure(client().post('/flaky', { a: 1 }, HealthSchema, { query: { key: k, fail: 1 } }));
    expect(error.status).to.equal(503);
    expect((await attemptsOf('/flaky', k)).count).to.equal(1);
  });

  it('retries a POST that carries an idempotency key, and sends the key', async () => {
    const k = key();
    const health = await client().post('/flaky', { a: 1 }, HealthSchema, { query: { key: k, fail: 1 }, idempotencyKey: 'pay-42' });
    expect(health.version).to.equal('after-2');
    const Echo = z.object({ method: z.string(), body: z.unknown(), idempotencyKey: z.nullable(z.string()), authorization: z.nullable(z.string()) });
    const echo = await client({ getAccessToken: () => 'token-1' }).post('/echo', { amount: 100 }, Echo, { idempotencyKey: 'pay-42' });
    expect(echo).to.deep.equal({ method: 'POST', body: { amount: 100 }, idempotencyKey: 'pay-42', authorization: 'Bearer token-1' });
  });

  it('does not retry a server error that is not transient', async () => {
    const k = key();
    const error = await failure(client().get('/broken', HealthSchema, { query: { key: k } }));
    expect(error.kind).to.equal('server');
    expect(error.code).to.equal('internal');
    expect((await attemptsOf('/broken', k)).count).to.equal(1);
  });

  it('rejects a response that does not match the contract', async () => {
    const error = await failure(client().get('/bad-shape', HealthSchema));
    expect(error.kind).to.equal('schema');
    const notJson = await failure(client().get('/not-json', HealthSchema));
    expect(notJson.kind).to.equal('schema');
  });

  it('carries the server’s field errors from a 422', async () => {
    const error = await failure(client().post('/fields', { email: 'x' }, HealthSchema));
    expect(error.kind).to.equal('invalid');
    expect(error.code).to.equal('validation_failed');
    expect(error.fields.map((field) => [field.path, field.code])).to.deep.equal([
      ['email', 'invalid_format'],
      ['amount', 'too_small'],
    ]);
  });

  it('tells an expired session apart', async () => {
    const error = await failure(client().get('/unauthorized', HealthSchema));
    expect(error.kind).to.equal('unauthorized');
    expect(error.code).to.equal('token_expired');
  });

  it('reports a server that cannot be reached', async () => {
    const error = await failure(new ApiClient({ baseUrl: 'http://127.0.0.1:9/api', retries: 0 }).get('/health', HealthSchema));
    expect(error.kind).to.equal('unreachable');
  });

  it('reports offline when the browser is offline', async () => {
    const descriptor = Object.getOwnPropertyDescriptor(Navigator.prototype, 'onLine')!;
    Object.defineProperty(navigator, 'onLine', { configurable: true, get: () => false });
    try {
      const error = await failure(new ApiClient({ baseUrl: 'http://127.0.0.1:9/api' }).get('/health', HealthSchema));
      expect(error.kind).to.equal('offline');
    } finally {
      delete (navigator as unknown as Record<string, unknown>).onLine;
      Object.defineProperty(Navigator.prototype, 'onLine', descriptor);
    }
  });

  it('stops when the caller aborts, without retrying', async () => {
    const k = key();
    const controller = new AbortController();
    const call = client().get('/slow', HealthSchema, { query: { key: k, ms: 2000 }, signal: controller.signal });
    setTimeout(() => controller.abort(), 50);
    const error = await failure(call);
    expect(error.kind).to.equal('aborted');
    expect((await attemptsOf('/slow', k)).count).to.equal(1);
  });
});

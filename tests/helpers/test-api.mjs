/**
 * A small real HTTP API for the browser tests, mounted on the test runner's
 * own server under /test-api/. Each route plays one behaviour of a backend the
 * API client must cope with; counters are per `key` so tests do not interfere.
 */
const attempts = new Map();

function json(ctx, status, body, headers = {}) {
  ctx.status = status;
  ctx.set('Content-Type', 'application/json');
  for (const [name, value] of Object.entries(headers)) ctx.set(name, value);
  ctx.body = JSON.stringify(body);
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

async function readBody(ctx) {
  const chunks = [];
  for await (const chunk of ctx.req) chunks.push(chunk);
  const text = Buffer.concat(chunks).toString('utf8');
  return text ? JSON.parse(text) : undefined;
}

export async function testApi(ctx, next) {
  if (!ctx.path.startsWith('/test-api/')) return next();
  const route = ctx.path.slice('/test-api'.length);
  const key = ctx.query.key ?? 'default';
  const count = (attempts.get(`${route}:${key}`) ?? 0) + 1;
  attempts.set(`${route}:${key}`, count);

  switch (route) {
    case '/health':
      return json(ctx, 200, { status: 'ok', version: '9.9.9' });
    case '/attempts':
      return json(ctx, 200, { count: attempts.get(`${ctx.query.route}:${key}`) ?? 0 });
    case '/slow':
      await sleep(Number(ctx.query.ms ?? 3000));
      return json(ctx, 200, { status: 'ok', version: 'slow' });
    case '/flaky': {
      // fails with 503 the first `fail` times, then answers
      const fail = Number(ctx.query.fail ?? 1);
      if (count <= fail) return json(ctx, 503, { error: { code: 'unavailable' } }, { 'Retry-After': '0' });
      return json(ctx, 200, { status: 'ok', version: `after-${count}` });
    }
    case '/broken':
      return json(ctx, 500, { error: { code: 'internal' } });
    case '/bad-shape':
      return json(ctx, 200, { status: 'fine', version: 3 });
    case '/not-json':
      ctx.status = 200;
      ctx.set('Content-Type', 'text/html');
      ctx.body = '<html>maintenance</html>';
      return;
    case '/echo': {
      const body = await readBody(ctx);
      return json(ctx, 200, {
        method: ctx.method,
        body: body ?? null,
        idempotencyKey: ctx.get('Idempotency-Key') || null,
        authorization: ctx.get('Authorization') || null,
      });
    }
    case '/fields':
      await readBody(ctx);
      return json(ctx, 422, {
        error: {
          code: 'validation_failed',
          message: 'Some fields are invalid',
          fields: [
            { path: 'email', code: 'invalid_format', message: 'Not an e-mail address' },
            { path: 'amount', code: 'too_small' },
          ],
        },
      });
    case '/unauthorized':
      return json(ctx, 401, { error: { code: 'token_expired' } });
    default:
      return json(ctx, 404, { error: { code: 'not_found' } });
  }
}

/** Serves fixture pages under a strict Content Security Policy, as a careful town site would. */
export async function strictCsp(ctx, next) {
  await next();
  if (ctx.path.startsWith('/tests/fixtures/csp')) {
    ctx.set(
      'Content-Security-Policy',
      "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'",
    );
  }
}

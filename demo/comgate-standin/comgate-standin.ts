/**
 * ComGate stand-in: a local server speaking the part of ComGate's HTTP API
 * v1.0 the backend uses (PAYMENT_GATEWAY=comgate with COMGATE_URL pointing
 * here), for the tests and the demo. No money, no cards, state in memory.
 *
 * Reproduced, with ComGate's field names (apidoc.comgate.cz):
 * - `POST /v1.0/create` (form): `merchant`, `secret`, `test`, `price` (haléře),
 *   `curr`, `label` (1–16), `refId`, `method`, `prepareOnly=true`, `email`,
 *   `lang`, and the per-payment return addresses `url_paid`, `url_cancelled`,
 *   `url_pending` (with the `${id}` and `${refId}` placeholders ComGate fills
 *   in) → `code=0&message=OK&transId=…&redirect=…`; a wrong merchant or
 *   secret → `code=1400&message=Invalid merchant or secret`.
 * - `POST /v1.0/status` (form): `merchant`, `secret`, `transId` → the
 *   payment's fields and `status` (PENDING, PAID, CANCELLED).
 * - The hosted page `GET /client/instructions/index?id=<transId>` with
 *   "Zaplatit" and "Zrušit" (a form, no script, no inline style): PAID or
 *   CANCELLED, then the push notification — a form POST of the payment's
 *   fields with `secret` and `status` to `notifyUrl` (the address a town
 *   enters in the ComGate portal) — and the browser is sent to the return
 *   address for the result (or to `returnUrl`, the portal's setting).
 *
 * Not reproduced: other payment methods, pre-authorization, refunds, expiry,
 * ComGate's retries of a refused push (each push is sent once; `push()`
 * sends another), the direct-redirect mode (`prepareOnly=false`).
 */
import { randomBytes, timingSafeEqual, createHash } from 'node:crypto';
import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type ComgateStatus = 'PENDING' | 'PAID' | 'CANCELLED';

/** One payment as the stand-in keeps it (tests may change it to make the stand-in lie). */
export interface StandinPayment {
  transId: string;
  merchant: string;
  test: boolean;
  /** In haléře, as a string: what `status` answers. */
  price: string;
  curr: string;
  label: string;
  refId: string;
  method: string;
  email: string;
  status: ComgateStatus;
  /** Return addresses by result (the placeholders still in them). */
  urls: { paid?: string; cancelled?: string; pending?: string };
}

/** A push notification the stand-in sent, with the backend's answer (0: it did not arrive). */
export interface StandinPush {
  transId: string;
  status: string;
  httpStatus: number;
}

export interface ComgateStandinOptions {
  /** Port on 127.0.0.1 (0: any free one). */
  port?: number;
  /** The e-shop identifier and its password for background communication. */
  merchant: string;
  secret: string;
  /** The shop's notification address (in ComGate, set in its portal). */
  notifyUrl: string;
  /** The shop's return address when a payment brings none (in ComGate, set in its portal). */
  returnUrl?: string;
}

export interface ComgateStandin {
  /** Base URL: what COMGATE_URL is set to. */
  url: string;
  /** Every payment by transId. */
  payments: Map<string, StandinPayment>;
  /** Every push sent, in order. */
  pushes: StandinPush[];
  /** Sends a push notification of a payment now (as ComGate does on a change), with fields overridden; resolves with the backend's HTTP status. */
  push(transId: string, overrides?: Record<string, string>): Promise<number>;
  close(): Promise<void>;
}

const STYLESHEET = '/assets/comgate-standin.css';
const INSTRUCTIONS = '/client/instructions/index';
const BODY_LIMIT = 16_384;
const PUSH_TIMEOUT_MS = 5_000;

const CSS = `*,*::before,*::after{box-sizing:border-box}
body{margin:0;font-family:system-ui,Roboto,Arial,sans-serif;color:#1f2937;background:#f3f4f6;line-height:1.5}
.banner{margin:0;padding:.75rem 1.5rem;background:#fde68a;color:#3b2f00;border-bottom:3px solid #92400e;font-weight:700;text-align:center}
main{max-width:36rem;margin:2rem auto;background:#fff;padding:1.5rem 2rem;border-radius:4px}
h1{font-size:1.5rem;margin-top:0}
dl{display:grid;grid-template-columns:max-content 1fr;gap:.25rem 1rem;margin:0 0 1.5rem}
dt{font-weight:700}dd{margin:0}
.actions{display:flex;flex-wrap:wrap;gap:.75rem}
button,.link{min-height:44px;padding:.5rem 1rem;border:2px solid #0b5394;border-radius:4px;background:#fff;color:#0b5394;font:inherit;font-weight:700;cursor:pointer;text-decoration:none;display:inline-flex;align-items:center}
button.primary{background:#0b5394;color:#fff}
button:focus-visible,.link:focus-visible{outline:3px solid #007bff;outline-offset:2px}
@media (forced-colors:active){button,.link{border:2px solid ButtonText}}`;

const escape = (value: string) =>
  value.replace(/[&<>"']/g, (char) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[char]!);

const czk = (halere: string) => new Intl.NumberFormat('cs-CZ', { style: 'currency', currency: 'CZK' }).format(Number(halere) / 100);

function same(a: string, b: string): boolean {
  const digest = (value: string) => createHash('sha256').update(value, 'utf8').digest();
  return timingSafeEqual(digest(a), digest(b)) && a.length === b.length;
}

/** A transaction id of ComGate's form: AB12-CD34-EF56. */
function newTransId(): string {
  const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZ0123456789';
  const bytes = randomBytes(12);
  const chars = Array.from(bytes, (byte) => alphabet[byte % alphabet.length]);
  return [chars.slice(0, 4), chars.slice(4, 8), chars.slice(8, 12)].map((group) => group.join('')).join('-');
}

function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="cs">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${escape(title)} – ComGate (zástupný server)</title>
<link rel="stylesheet" href="${STYLESHEET}">
</head>
<body>
<p class="banner" role="note">ZÁSTUPNÝ SERVER ComGate – žádné skutečné peníze</p>
<main>
<h1>${escape(title)}</h1>
${body}
</main>
</body>
</html>`;
}

const STATUS_TEXT: Record<ComgateStatus, string> = { PENDING: 'čeká na zaplacení', PAID: 'je zaplacena', CANCELLED: 'je zrušena' };

/** The return address for a result, its placeholders filled in as ComGate does. */
function returnAddress(payment: StandinPayment, fallback: string | undefined): string | undefined {
  const pattern = (payment.status === 'PAID' ? payment.urls.paid : payment.status === 'CANCELLED' ? payment.urls.cancelled : payment.urls.pending) ?? fallback;
  return pattern?.replaceAll('${id}', encodeURIComponent(payment.transId)).replaceAll('${refId}', encodeURIComponent(payment.refId));
}

async function readBody(request: IncomingMessage): Promise<string | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > BODY_LIMIT) return undefined;
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

export async function startComgateStandin(options: ComgateStandinOptions): Promise<ComgateStandin> {
  const payments = new Map<string, StandinPayment>();
  const pushes: StandinPush[] = [];
  const sending = new Set<Promise<number>>();
  let closing = false;
  let base = '';

  const answer = (response: ServerResponse, fields: Record<string, string>) => {
    response.writeHead(200, { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8', 'cache-control': 'no-store' });
    response.end(new URLSearchParams(fields).toString());
  };
  const text = (response: ServerResponse, status: number, body: string) => {
    response.writeHead(status, { 'content-type': 'text/plain; charset=utf-8' });
    response.end(body);
  };
  const html = (response: ServerResponse, status: number, body: string, returnTo?: string) => {
    let shop = '';
    try {
      if (returnTo) shop = ` ${new URL(returnTo).origin}`;
    } catch {
      shop = '';
    }
    response.writeHead(status, {
      'content-type': 'text/html; charset=utf-8',
      'content-security-policy': `default-src 'none'; style-src 'self'; form-action 'self'${shop}; base-uri 'none'; frame-ancestors 'none'`,
      'cache-control': 'no-store',
      'referrer-policy': 'no-referrer',
      'x-content-type-options': 'nosniff',
    });
    response.end(body);
  };

  const authorized = (form: URLSearchParams) => same(form.get('merchant') ?? '', options.merchant) && same(form.get('secret') ?? '', options.secret);
  const refused = { code: '1400', message: 'Invalid merchant or secret' };

  function fieldsOf(payment: StandinPayment): Record<string, string> {
    return {
      merchant: payment.merchant,
      test: String(payment.test),
      price: payment.price,
      curr: payment.curr,
      label: payment.label,
      refId: payment.refId,
      method: payment.method,
      email: payment.email,
      transId: payment.transId,
    };
  }

  function push(transId: string, overrides: Record<string, string> = {}): Promise<number> {
    const payment = payments.get(transId);
    if (!payment || closing) return Promise.resolve(0);
    const body = new URLSearchParams({ ...fieldsOf(payment), secret: options.secret, status: payment.status, ...overrides });
    const sent: Promise<number> = fetch(options.notifyUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: body.toString(),
      signal: AbortSignal.timeout(PUSH_TIMEOUT_MS),
    })
      .then(async (response) => {
        await response.arrayBuffer();
        return response.status;
      })
      .catch(() => 0)
      .then((httpStatus) => {
        pushes.push({ transId, status: body.get('status') ?? '', httpStatus });
        return httpStatus;
      })
      .finally(() => sending.delete(sent));
    sending.add(sent);
    return sent;
  }

  function create(form: URLSearchParams): Record<string, string> {
    if (!authorized(form)) return refused;
    const price = form.get('price') ?? '';
    const label = form.get('label') ?? '';
    const refId = form.get('refId') ?? '';
    const method = form.get('method') ?? '';
    const test = form.get('test') ?? 'false';
    if (!/^[1-9][0-9]{0,9}$/.test(price) || Number(price) < 100) return { code: '1309', message: 'Incorrect amount' };
    if (form.get('curr') !== 'CZK') return { code: '1310', message: 'Unknown currency' };
    if (Array.from(label).length < 1 || Array.from(label).length > 16) return { code: '1305', message: 'Product description missing or too long' };
    if (!refId) return { code: '1400', message: 'Missing refId' };
    if (!method) return { code: '1103', message: 'Method incorrectly specified' };
    if (test !== 'true' && test !== 'false') return { code: '1400', message: 'Invalid test' };
    if (form.get('prepareOnly') !== 'true') return { code: '1400', message: 'The stand-in creates payments in the background only (prepareOnly=true)' };
    const lang = form.get('lang');
    if (lang !== null && lang !== 'cs' && lang !== 'en') return { code: '1102', message: 'Specified language is not supported' };
    const urls: StandinPayment['urls'] = {};
    for (const [name, key] of [
      ['url_paid', 'paid'],
      ['url_cancelled', 'cancelled'],
      ['url_pending', 'pending'],
    ] as const) {
      const value = form.get(name);
      if (value === null) continue;
      try {
        if (!/^https?:$/.test(new URL(value.replaceAll('${id}', 'x').replaceAll('${refId}', 'x')).protocol)) throw new Error('not http');
      } catch {
        return { code: '1303', message: `Invalid ${name}` };
      }
      urls[key] = value;
    }
    let transId = newTransId();
    while (payments.has(transId)) transId = newTransId();
    payments.set(transId, {
      transId,
      merchant: options.merchant,
      test: test === 'true',
      price,
      curr: 'CZK',
      label,
      refId,
      method,
      email: form.get('email') ?? '',
      status: 'PENDING',
      urls,
    });
    return { code: '0', message: 'OK', transId, redirect: `${base}${INSTRUCTIONS}?id=${encodeURIComponent(transId)}` };
  }

  function status(form: URLSearchParams): Record<string, string> {
    if (!authorized(form)) return refused;
    const payment = payments.get(form.get('transId') ?? '');
    if (!payment) return { code: '1400', message: 'Payment not found' };
    return { code: '0', message: 'OK', ...fieldsOf(payment), status: payment.status };
  }

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    if (request.method === 'GET' && url.pathname === STYLESHEET) {
      response.writeHead(200, { 'content-type': 'text/css; charset=utf-8', 'x-content-type-options': 'nosniff' });
      response.end(CSS);
      return;
    }
    if (request.method === 'POST' && (url.pathname === '/v1.0/create' || url.pathname === '/v1.0/status')) {
      const body = await readBody(request);
      if (body === undefined) return text(response, 413, 'Too large');
      const form = new URLSearchParams(body);
      answer(response, url.pathname === '/v1.0/create' ? create(form) : status(form));
      return;
    }
    if (url.pathname === INSTRUCTIONS && (request.method === 'GET' || request.method === 'POST')) {
      const payment = payments.get(url.searchParams.get('id') ?? '');
      if (!payment) return html(response, 404, page('Platba nenalezena', '<p>Tuto platbu brána nezná. Vraťte se do obchodu a začněte znovu.</p>'));
      if (request.method === 'POST') {
        const body = await readBody(request);
        const decision = body === undefined ? null : new URLSearchParams(body).get('decision');
        if (decision !== 'pay' && decision !== 'cancel') {
          return html(response, 400, page('Neplatná volba', '<p>Zvolte prosím Zaplatit, nebo Zrušit.</p>'), returnAddress(payment, options.returnUrl));
        }
        // a payment is decided once: a second click changes nothing and sends no push
        if (payment.status === 'PENDING') {
          payment.status = decision === 'pay' ? 'PAID' : 'CANCELLED';
          void push(payment.transId);
        }
        const to = returnAddress(payment, options.returnUrl);
        if (!to) return html(response, 200, page('Platba je uzavřená', `<p>Platba ${STATUS_TEXT[payment.status]}.</p>`));
        response.writeHead(303, { location: to, 'cache-control': 'no-store' });
        response.end();
        return;
      }
      const to = returnAddress(payment, options.returnUrl);
      if (payment.status !== 'PENDING') {
        return html(
          response,
          200,
          page('Platba je uzavřená', `<p>Platba ${STATUS_TEXT[payment.status]}. Nic dalšího se s ní nestane.</p>${to ? `<p><a class="link" href="${escape(to)}">Zpět do obchodu</a></p>` : ''}`),
          to,
        );
      }
      const action = `${INSTRUCTIONS}?id=${encodeURIComponent(payment.transId)}`;
      return html(
        response,
        200,
        page(
          'Platba kartou',
          `<dl>
<dt>Částka</dt><dd>${escape(czk(payment.price))}</dd>
<dt>Popis</dt><dd>${escape(payment.label)}</dd>
<dt>Číslo transakce</dt><dd>${escape(payment.transId)}</dd>
${payment.test ? '<dt>Režim</dt><dd>testovací platba</dd>' : ''}
</dl>
<form method="post" action="${escape(action)}">
<p id="decision-hint">Zaplatit platbu schválí, Zrušit vás vrátí do obchodu bez placení.</p>
<div class="actions">
<button type="submit" name="decision" value="pay" class="primary" aria-describedby="decision-hint">Zaplatit</button>
<button type="submit" name="decision" value="cancel" aria-describedby="decision-hint">Zrušit</button>
</div>
</form>`,
        ),
        to,
      );
    }
    text(response, 404, 'Not found');
  }

  const server = createServer((request, response) => {
    handle(request, response).catch(() => {
      if (!response.headersSent) text(response, 400, 'Bad request');
      else response.end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url: base,
    payments,
    pushes,
    push,
    async close() {
      closing = true;
      await Promise.allSettled([...sending]);
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

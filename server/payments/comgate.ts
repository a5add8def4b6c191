import { createHash, timingSafeEqual } from 'node:crypto';
import type { Queryable } from '../storage/database.js';
import { GatewayError, type Gateway, type GatewayState } from './gateway.js';

/**
 * ComGate (PAYMENT_GATEWAY=comgate): the Czech card gateway, through its
 * form-encoded HTTP API v1.0 (apidoc.comgate.cz, "create", "status" and the
 * push notification).
 *
 * - `POST {url}/v1.0/create` with `merchant`, `secret`, `test`, `price` (in
 *   haléře), `curr`, `label` (1–16 characters), `refId`, `method=ALL`,
 *   `prepareOnly=true`, `lang=cs`, and the per-payment return addresses
 *   `url_paid`, `url_cancelled`, `url_pending` → `code=0&message=OK&transId=…&redirect=…`.
 *   Any other `code` (1400: wrong merchant or secret, 1301: unknown e-shop, …)
 *   is a GatewayError: the payment is not kept and the citizen sees 502.
 * - `refId` is OUR PAYMENT ID, not the variable symbol: one payment may pay
 *   several obligations (several symbols), one symbol may be tried several
 *   times, and the status answer must name exactly the payment we created.
 *   The variable symbol, when there is one, is in `label` (`VS 1234567890`),
 *   the field the ComGate portal filters by.
 * - `POST {url}/v1.0/status` is the only truth. Its answer must name our
 *   merchant, the transaction, our payment (refId), the price and currency we
 *   created and our test/production mode; anything else is logged and the
 *   payment stays pending (a person has to look at it).
 * - The push notification (a form POST from ComGate to
 *   `PUBLIC_URL/api/payments/notify/comgate`, the address the town enters in
 *   the ComGate portal) is taken only with our `merchant` and `secret`
 *   (compared in constant time); its `status` is never believed: the payment
 *   is asked again with `status`.
 * - The return address: the widget's page (`…?obec-payment=return`) is sent
 *   as `url_paid`/`url_cancelled`/`url_pending`. Where the shop's account
 *   does not take per-payment addresses, the town enters the same page as
 *   the return address pattern in the ComGate portal (Integration → shop
 *   connection), e.g. `https://www.obec.example/poplatky?obec-payment=return&id=${id}`.
 */

export interface ComgateOptions {
  /** Base URL of the API, without `/v1.0` (https://payments.comgate.cz, or the stand-in). */
  url: string;
  /** The e-shop identifier in ComGate. */
  merchant: string;
  /** The password for background communication. Never logged nor put in an error. */
  secret: string;
  /** Test payments (no money moves) or real ones. */
  test: boolean;
  /** Where payments are looked up: what we created is what the status answer must match. */
  db: Queryable;
  /** Minutes a payment stays payable at ComGate (ComGate takes 30 minutes to 7 days). */
  ttlMinutes: number;
  /** Time limit of one API call (default 10 s). */
  timeoutMs?: number;
}

export interface ComgateLog {
  warn(details: object, message: string): void;
  error(details: object, message: string): void;
}

export interface ComgateGateway extends Gateway {
  /** Where mismatching answers are reported (the app's logger). */
  attachLog(log: ComgateLog): void;
}

/** ComGate's transaction id: groups of letters and digits joined by dashes (AB12-CD34-EF56). */
const TRANS_ID = /^[A-Za-z0-9]{2,8}(-[A-Za-z0-9]{2,8}){1,5}$/;

const STATES: Record<string, GatewayState> = {
  PAID: 'paid',
  CANCELLED: 'cancelled',
  PENDING: 'pending',
  // a pre-authorization: we never ask for one, so it is not money yet
  AUTHORIZED: 'pending',
};

/** Constant-time comparison of two strings of any length. */
function same(a: string, b: string): boolean {
  const digest = (value: string) => createHash('sha256').update(value, 'utf8').digest();
  return timingSafeEqual(digest(a), digest(b)) && a.length === b.length;
}

/** A form field as one string (a repeated or structured one counts as missing). */
function field(source: unknown, name: string): string | undefined {
  if (!source || typeof source !== 'object' || Array.isArray(source)) return undefined;
  const value = (source as Record<string, unknown>)[name];
  return typeof value === 'string' ? value : undefined;
}

/** At most `max` characters (code points), never empty. */
function clip(value: string, max: number): string {
  return Array.from(value.trim()).slice(0, max).join('') || 'Platba';
}

export function comgateGateway(options: ComgateOptions): ComgateGateway {
  if (!options.merchant || !options.secret) throw new Error('comgate: COMGATE_MERCHANT and COMGATE_SECRET are required');
  const base = options.url.replace(/\/+$/, '');
  const timeoutMs = options.timeoutMs ?? 10_000;
  const expiration = `${Math.min(Math.max(options.ttlMinutes, 30), 7 * 24 * 60)}m`;
  let log: ComgateLog | undefined;

  /** Never repeat the secret, whatever the other side echoes. */
  const redact = (text: string) => (options.secret ? text.split(options.secret).join('***') : text).slice(0, 200);

  /** One API call: a form POST, a form answer; code 0 or a GatewayError. */
  async function call(operation: 'create' | 'status', fields: Record<string, string>): Promise<URLSearchParams> {
    let response: Response;
    try {
      response = await fetch(`${base}/v1.0/${operation}`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ merchant: options.merchant, secret: options.secret, ...fields }).toString(),
        signal: AbortSignal.timeout(timeoutMs),
        redirect: 'error',
      });
    } catch (error) {
      throw new GatewayError('comgate', `${operation}: not reachable (${redact((error as Error).message)})`);
    }
    const text = await response.text().catch(() => '');
    if (!response.ok) throw new GatewayError('comgate', `${operation}: HTTP ${response.status}`);
    const answer = new URLSearchParams(text);
    const code = answer.get('code');
    if (code !== '0') {
      throw new GatewayError('comgate', `${operation}: code ${redact(code ?? 'missing')} ${redact(answer.get('message') ?? '')}`.trim());
    }
    return answer;
  }

  return {
    name: 'comgate',

    attachLog(attached) {
      log = attached;
    },

    async create(payment) {
      const answer = await call('create', {
        test: String(options.test),
        price: String(payment.amountCents),
        curr: 'CZK',
        label: clip(payment.variableSymbol ? `VS ${payment.variableSymbol}` : payment.description, 16),
        refId: payment.paymentId,
        method: 'ALL',
        prepareOnly: 'true',
        country: 'CZ',
        lang: 'cs',
        expirationTime: expiration,
        url_paid: payment.returnUrl,
        url_cancelled: payment.returnUrl,
        url_pending: payment.returnUrl,
      });
      const transId = answer.get('transId') ?? '';
      const redirect = answer.get('redirect') ?? '';
      let redirectUrl: URL;
      try {
        redirectUrl = new URL(redirect);
      } catch {
        throw new GatewayError('comgate', 'create: no usable redirect address');
      }
      if (!TRANS_ID.test(transId)) throw new GatewayError('comgate', 'create: no usable transId');
      if (!/^https?:$/.test(redirectUrl.protocol)) throw new GatewayError('comgate', 'create: the redirect address is not http(s)');
      return { gatewayId: transId, redirectUrl: redirectUrl.href };
    },

    async status(gatewayId) {
      if (!TRANS_ID.test(gatewayId)) throw new GatewayError('comgate', 'status: not a ComGate transaction id');
      const [created] = await options.db.query<{ id: string; amount_cents: number }>(
        "select id, amount_cents from payments where gateway = 'comgate' and gateway_id = $1",
        [gatewayId],
      );
      if (!created) throw new GatewayError('comgate', 'status: no payment of ours has this transaction');
      const answer = await call('status', { transId: gatewayId });
      const status = answer.get('status') ?? '';
      const state = Object.hasOwn(STATES, status) ? STATES[status] : undefined;
      if (!state) throw new GatewayError('comgate', `status: unknown status ${JSON.stringify(redact(status))}`);

      // the answer must speak of what we created, in the mode we run in; otherwise it is not believed
      const expected: Record<string, string> = {
        merchant: options.merchant,
        transId: gatewayId,
        refId: created.id,
        price: String(created.amount_cents),
        curr: 'CZK',
        test: String(options.test),
      };
      const mismatched = Object.keys(expected).filter((name) => answer.get(name) !== expected[name]);
      if (mismatched.length > 0) {
        log?.error(
          {
            paymentId: created.id,
            transId: gatewayId,
            mismatched,
            ...(mismatched.includes('price') ? { expected: created.amount_cents, answered: redact(answer.get('price') ?? '') } : {}),
          },
          'comgate: the status answer does not match the payment created; it stays pending',
        );
        return { state: 'pending' };
      }
      return { state, ...(state === 'paid' ? { paidCents: created.amount_cents } : {}) };
    },

    async notificationFor({ body }) {
      // what can be checked: our merchant and our secret, and a transaction id of ComGate's form; `status` is ignored
      const merchant = field(body, 'merchant');
      const secret = field(body, 'secret');
      const transId = field(body, 'transId');
      if (merchant === undefined || secret === undefined || transId === undefined) return undefined;
      const merchantOk = same(merchant, options.merchant);
      const secretOk = same(secret, options.secret);
      if (!merchantOk || !secretOk) {
        log?.warn({ transId: redact(transId).slice(0, 40), merchantOk }, 'comgate: a notification with a wrong merchant or secret was refused');
        return undefined;
      }
      return TRANS_ID.test(transId) ? transId : undefined;
    },
  };
}

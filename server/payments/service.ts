import { createHash, randomUUID } from 'node:crypto';
import type { FieldError } from '../../src/contract/error.js';
import type { Obligation } from '../../src/contract/fees.js';
import type { Payment, StartPayment } from '../../src/contract/payments.js';
import { pragueTime } from '../../src/time/prague.js';
import { lookupObligation, obligationsOf, type Payer } from '../fees/service.js';
import { Problem } from '../http/problem.js';
import { recordUsage } from '../office/usage.js';
import type { Database, Queryable } from '../storage/database.js';
import type { Gateway, GatewayState } from './gateway.js';

/** What the service logs through (Fastify's logger fits). */
export interface PaymentLog {
  warn(details: object, message: string): void;
  error(details: object, message: string): void;
}

export interface PaymentServiceOptions {
  db: Database;
  /** The configured gateways by name (none: card payments are off). */
  gateways: ReadonlyMap<string, Gateway>;
  /** The gateway new payments go to. */
  gateway: Gateway | undefined;
  /** Origins whose pages may be the return address (the embedding sites). */
  returnOrigins: ReadonlySet<string>;
  /** Where gateways send their notifications: `${notifyBase}/${gateway name}`. */
  notifyBase: string;
  /** Minutes a payment may stay open; also how long a payment the gateway never took blocks its obligations. */
  ttlMinutes: number;
  /** The town's name, the start of what the gateway shows the citizen. */
  townName: string;
  now?: () => Date;
  log?: PaymentLog;
}

/** Who starts a payment: a signed-in citizen (with the claims their obligations are matched by), a look-up, or both. */
export interface WhoPays {
  subject?: string;
  claims?: Payer;
}

type PaymentRow = {
  id: string;
  idempotency_key: string;
  request_hash: string;
  state: Payment['state'];
  amount_cents: number;
  gateway: string;
  gateway_id: string | null;
  redirect_url: string | null;
  receipt_number: string | null;
  paid_at: Date | string | null;
  /** The gateway never took it and it is older than the time to live. */
  stale: boolean;
};

type ItemRow = {
  id: string;
  amount_cents: number;
  name_cs: string;
  name_en: string;
  period: string;
  variable_symbol: string;
  payer_given_name: string;
  payer_family_name: string;
};

/** PostgreSQL's "try again" errors: a deadlock with another writer of obligations (a bank statement), a serialization failure. */
const RETRYABLE = new Set(['40P01', '40001']);
const ATTEMPTS = 3;

/** How long a retried start waits for the first request to hear back from the gateway. */
const REPLAY_WAIT_MS = 5_000;
const REPLAY_POLL_MS = 50;

const isUuid = (value: string) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(value);
const sleep = (ms: number) => new Promise((resume) => setTimeout(resume, ms));

const PAYMENT_COLUMNS = `id, idempotency_key, request_hash, state, amount_cents, gateway, gateway_id, redirect_url, receipt_number, paid_at`;

/** The same request, whatever the order of its obligations: what a key is bound to. */
function requestHash(payer: WhoPays, body: StartPayment): string {
  const canonical = {
    subject: payer.subject ?? null,
    obligationIds: [...body.obligationIds].sort(),
    returnUrl: body.returnUrl,
    lookup: body.lookup ? { variableSymbol: body.lookup.variableSymbol, birthdate: body.lookup.birthdate } : null,
  };
  return createHash('sha256').update(JSON.stringify(canonical)).digest('base64url');
}

/** A page of one of the embedding sites (http(s), no credentials in it), or a 400. */
function checkReturnUrl(value: string, origins: ReadonlySet<string>): void {
  let url: URL | undefined;
  try {
    url = new URL(value);
  } catch {
    url = undefined;
  }
  if (!url || !/^https?:$/.test(url.protocol) || url.username || url.password || value.length > 2000 || !origins.has(url.origin)) {
    throw new Problem(400, 'invalid_return_url', 'The return address must be a page of one of the sites that embed the widgets', [
      { path: 'returnUrl', code: 'invalid_return_url', message: 'Not a page of an embedding site' },
    ]);
  }
}

function descriptionOf(obligations: Obligation[], townName: string): string {
  const [first] = obligations;
  const what = obligations.length === 1 && first ? `${first.feeName.cs} ${first.period}` : `poplatky (${obligations.length})`;
  return `${townName}: ${what}`.slice(0, 100);
}

/**
 * Card payments of obligations: started with an idempotency key, created at
 * the gateway, and settled only by what the gateway itself says when asked
 * (after the browser's return, a notification, or a later read). "Paid" is
 * one transition in one transaction under the payment's row lock, so each
 * obligation is credited once however many notifications and reads race.
 */
export function paymentService(options: PaymentServiceOptions) {
  const { db, gateways, returnOrigins, ttlMinutes } = options;
  const now = options.now ?? (() => new Date());
  const log: PaymentLog = options.log ?? { warn: () => undefined, error: () => undefined };

  /** Runs a transaction again when PostgreSQL chose it as a deadlock's victim. */
  async function transaction<T>(work: (tx: Queryable) => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await db.transaction(work);
      } catch (error) {
        const code = (error as { code?: unknown }).code;
        if (attempt >= ATTEMPTS || typeof code !== 'string' || !RETRYABLE.has(code)) throw error;
        await sleep(10 * attempt);
      }
    }
  }

  async function row(where: 'id' | 'idempotency_key', value: string, on: Queryable = db): Promise<PaymentRow | undefined> {
    const [found] = await on.query<PaymentRow>(
      `select ${PAYMENT_COLUMNS}, (gateway_id is null and created_at <= $2::timestamptz - make_interval(mins => $3)) as stale
       from payments where ${where} = $1`,
      [value, now().toISOString(), ttlMinutes],
    );
    return found;
  }

  async function view(payment: PaymentRow): Promise<Payment> {
    const items = await db.query<ItemRow>(
      `select o.id, i.amount_cents, k.name_cs, k.name_en, o.period, o.variable_symbol, o.payer_given_name, o.payer_family_name
       from payment_items i join obligations o on o.id = i.obligation_id join fee_kinds k on k.code = o.fee_kind
       where i.payment_id = $1 order by o.due_date, o.variable_symbol`,
      [payment.id],
    );
    return {
      id: payment.id,
      state: payment.state,
      amount: payment.amount_cents / 100,
      ...(payment.state === 'pending' && payment.redirect_url ? { redirectUrl: payment.redirect_url } : {}),
      obligations: items.map((item) => ({
        id: item.id,
        feeName: { cs: item.name_cs, en: item.name_en },
        period: item.period,
        payerName: `${item.payer_given_name} ${item.payer_family_name}`,
        variableSymbol: item.variable_symbol,
        amount: item.amount_cents / 100,
      })),
      ...(payment.state === 'paid' && payment.receipt_number && payment.paid_at
        ? { receipt: { number: payment.receipt_number, paidAt: new Date(payment.paid_at).toISOString() } }
        : {}),
    };
  }

  /**
   * Moves a pending payment to what the gateway said, once: under the
   * payment's row lock, only from `pending`. Paid credits each obligation
   * with what the payment was for and takes the year's next receipt number.
   * True if this call made the change.
   */
  async function apply(paymentId: string, said: { state: GatewayState; paidCents?: number }): Promise<boolean> {
    if (said.state === 'pending') return false;
    return transaction(async (tx) => {
      const [payment] = await tx.query<{ state: string; amount_cents: number }>('select state, amount_cents from payments where id = $1 for update', [paymentId]);
      if (!payment || payment.state !== 'pending') return false;
      const at = now();
      if (said.state !== 'paid') {
        await tx.query('update payments set state = $2, finished_at = $3, updated_at = $3 where id = $1', [paymentId, said.state, at.toISOString()]);
        return true;
      }
      if (said.paidCents !== undefined && said.paidCents !== payment.amount_cents) {
        // never credit what was not paid, nor call it paid: a person has to look at it
        log.error({ paymentId, expected: payment.amount_cents, paid: said.paidCents }, 'the gateway says paid, but another amount');
        return false;
      }
      const items = await tx.query<{ obligation_id: string; amount_cents: number }>(
        'select obligation_id, amount_cents from payment_items where payment_id = $1 order by obligation_id',
        [paymentId],
      );
      // in id order, like every start: two writers never wait on each other crosswise
      await tx.query('select id from obligations where id = any($1::text[]) order by id for update', [items.map((item) => item.obligation_id)]);
      await tx.query(
        `update obligations o set paid_cents = o.paid_cents + credit.cents, updated_at = $3
         from unnest($1::text[], $2::int[]) as credit (id, cents) where o.id = credit.id`,
        [items.map((item) => item.obligation_id), items.map((item) => item.amount_cents), at.toISOString()],
      );
      const year = Number(pragueTime(at).year);
      const [counter] = await tx.query<{ last_number: number }>(
        `insert into receipt_counters (year, last_number) values ($1, 1)
         on conflict (year) do update set last_number = receipt_counters.last_number + 1 returning last_number`,
        [year],
      );
      const receipt = `${year}/${String(counter!.last_number).padStart(6, '0')}`;
      await tx.query(
        `update payments set state = 'paid', receipt_number = $2, paid_at = $3, finished_at = $3, updated_at = $3 where id = $1`,
        [paymentId, receipt, at.toISOString()],
      );
      await recordUsage(tx, 'payment', { amountCents: payment.amount_cents, at });
      return true;
    });
  }

  /**
   * Asks the gateway about a pending payment and applies its answer. A
   * gateway that cannot be asked leaves the payment as it is (`strict`:
   * throws, so a notifying gateway tries again).
   */
  async function refresh(payment: PaymentRow, { strict = false } = {}): Promise<PaymentRow> {
    if (payment.state !== 'pending') return payment;
    if (!payment.gateway_id) {
      // the gateway never took it (it failed half-way): after the time to live it blocks nothing
      if (payment.stale && (await apply(payment.id, { state: 'expired' }))) return (await row('id', payment.id))!;
      return payment;
    }
    const gateway = gateways.get(payment.gateway);
    if (!gateway) return payment;
    let said: { state: GatewayState; paidCents?: number };
    try {
      said = await gateway.status(payment.gateway_id);
    } catch (error) {
      log.warn({ paymentId: payment.id, gateway: gateway.name, err: { message: (error as Error).message } }, 'the gateway did not say how the payment stands');
      if (strict) throw new Problem(503, 'gateway_unavailable', 'The payment gateway did not answer; try again later', undefined, { 'Retry-After': '30' });
      return payment;
    }
    if (said.state === 'pending') return payment;
    await apply(payment.id, said);
    return (await row('id', payment.id))!;
  }

  /** The answer to a start whose key was used before: the same payment, or 422 for another request. */
  async function replay(existing: PaymentRow, hash: string): Promise<Payment> {
    if (existing.request_hash !== hash) {
      throw new Problem(422, 'idempotency_key_reused', 'This Idempotency-Key was used for another request; use a new key for a new payment');
    }
    let payment: PaymentRow | undefined = existing;
    // the first request may still be talking to the gateway: wait (bounded) for its redirect
    for (let waited = 0; payment && payment.state === 'pending' && !payment.gateway_id && waited < REPLAY_WAIT_MS; waited += REPLAY_POLL_MS) {
      await sleep(REPLAY_POLL_MS);
      payment = await row('id', existing.id);
    }
    if (!payment) throw new Problem(502, 'gateway_unavailable', 'The payment gateway did not take the payment; try again');
    return view(payment);
  }

  /** Asks the gateways about the pending payments of these obligations: one the citizen abandoned must not block them forever. */
  async function refreshPendingOf(obligationIds: string[]): Promise<void> {
    const pending = await db.query<{ id: string }>(
      `select distinct p.id from payments p join payment_items i on i.payment_id = p.id
       where i.obligation_id = any($1::text[]) and p.state = 'pending'`,
      [obligationIds],
    );
    for (const { id } of pending) {
      const payment = await row('id', id);
      if (payment) await refresh(payment);
    }
  }

  return {
    /** True when new card payments can be started. */
    get enabled(): boolean {
      return options.gateway !== undefined;
    },

    /**
     * Starts paying obligations by card. The same key and request again
     * answer the same payment (two at once still make one: the key is
     * unique); the same key with another request is 422.
     */
    async start(payer: WhoPays, body: StartPayment, idempotencyKey: string): Promise<Payment> {
      const gateway = options.gateway;
      if (!gateway) throw new Problem(503, 'payments_not_configured', 'Card payments are off: PAYMENT_GATEWAY is not set');
      const ids = body.obligationIds;
      const repeated = ids.findIndex((id, index) => ids.indexOf(id) !== index);
      if (repeated >= 0) {
        throw new Problem(400, 'invalid_request', 'An obligation is listed twice', [{ path: `obligationIds.${repeated}`, code: 'duplicate', message: 'Listed twice' }]);
      }
      checkReturnUrl(body.returnUrl, returnOrigins);
      const hash = requestHash(payer, body);
      const earlier = await row('idempotency_key', idempotencyKey);
      if (earlier) return replay(earlier, hash);

      // whose obligations: the citizen's and their households' (as GET /fees lists them), and the one looked up
      const allowed = new Map<string, Obligation>();
      if (payer.claims) for (const obligation of await obligationsOf(db, payer.claims)) allowed.set(obligation.id, obligation);
      if (body.lookup) {
        const found = await lookupObligation(db, body.lookup.variableSymbol, body.lookup.birthdate);
        if (!found) throw new Problem(404, 'not_found', 'No obligation with this variable symbol and date of birth');
        allowed.set(found.id, found);
      }
      const foreign: FieldError[] = ids.flatMap((id, index) =>
        allowed.has(id) ? [] : [{ path: `obligationIds.${index}`, code: 'not_your_obligation', message: 'Not an obligation of the citizen or the look-up' }],
      );
      if (foreign.length > 0) throw new Problem(403, 'not_your_obligation', 'Only your own obligations, your household’s, or the one looked up can be paid', foreign);

      await refreshPendingOf(ids);
      const chosen = ids.map((id) => allowed.get(id)!);
      const at = now().toISOString();
      const created = await transaction(async (tx) => {
        const locked = await tx.query<{ id: string; amount_cents: number; paid_cents: number }>(
          'select id, amount_cents, paid_cents from obligations where id = any($1::text[]) order by id for update',
          [ids],
        );
        // a request with the same key that held these locks before us has made the payment
        if ((await tx.query('select 1 from payments where idempotency_key = $1', [idempotencyKey])).length > 0) return undefined;
        const due = new Map(locked.map((obligation) => [obligation.id, obligation.amount_cents - obligation.paid_cents]));
        const paid: FieldError[] = ids.flatMap((id, index) =>
          (due.get(id) ?? 0) > 0 ? [] : [{ path: `obligationIds.${index}`, code: 'already_paid', message: 'Already paid' }],
        );
        if (paid.length > 0) throw new Problem(409, 'already_paid', 'An obligation is already paid', paid);
        const pending = await tx.query<{ id: string }>(
          `select distinct p.id from payments p join payment_items i on i.payment_id = p.id
           where i.obligation_id = any($1::text[]) and p.state = 'pending' order by p.id`,
          [ids],
        );
        if (pending.length > 0) {
          throw new Problem(
            409,
            'payment_pending',
            `A payment of ${pending.length === 1 ? 'this obligation' : 'these obligations'} is still open at the gateway: ${pending.map((payment) => payment.id).join(', ')}`,
            pending.map((payment) => ({ path: 'paymentId', code: 'payment_pending', message: payment.id })),
          );
        }
        const id = randomUUID();
        const amounts = ids.map((obligationId) => due.get(obligationId)!);
        const amountCents = amounts.reduce((sum, cents) => sum + cents, 0);
        const inserted = await tx.query(
          `insert into payments (id, idempotency_key, request_hash, subject, amount_cents, description, return_url, gateway, created_at, updated_at)
           values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9)
           on conflict (idempotency_key) do nothing returning id`,
          [id, idempotencyKey, hash, payer.subject ?? null, amountCents, descriptionOf(chosen, options.townName), body.returnUrl, gateway.name, at],
        );
        if (inserted.length === 0) return undefined;
        await tx.query('insert into payment_items (payment_id, obligation_id, amount_cents) select $1::text, * from unnest($2::text[], $3::int[])', [id, ids, amounts]);
        return { id, amountCents };
      });
      if (!created) return replay((await row('idempotency_key', idempotencyKey))!, hash);

      let atGateway: { gatewayId: string; redirectUrl: string };
      try {
        atGateway = await gateway.create({
          paymentId: created.id,
          amountCents: created.amountCents,
          description: descriptionOf(chosen, options.townName),
          ...(chosen.length === 1 ? { variableSymbol: chosen[0]!.variableSymbol } : {}),
          returnUrl: body.returnUrl,
          notifyUrl: `${options.notifyBase}/${gateway.name}`,
        });
      } catch (error) {
        log.warn({ paymentId: created.id, gateway: gateway.name, err: { message: (error as Error).message } }, 'the gateway did not take the payment');
        // nothing was paid: free the obligations and the key for another try
        await db.query('delete from payments where id = $1 and gateway_id is null', [created.id]);
        throw new Problem(502, 'gateway_unavailable', 'The payment gateway did not take the payment; try again');
      }
      await db.query('update payments set gateway_id = $2, redirect_url = $3, updated_at = $4 where id = $1', [
        created.id,
        atGateway.gatewayId,
        atGateway.redirectUrl,
        now().toISOString(),
      ]);
      return view((await row('id', created.id))!);
    },

    /** A payment as it stands, asking the gateway first while it is pending (never trusting the browser's return). */
    async read(id: string): Promise<Payment> {
      const payment = isUuid(id) ? await row('id', id) : undefined;
      if (!payment) throw new Problem(404, 'not_found', 'No such payment');
      return view(await refresh(payment));
    },

    /**
     * A gateway's notification: which payment it speaks of, then the
     * gateway's own word on it. Unknown payments are ignored; a notification
     * the gateway cannot have sent is 400.
     */
    async notified(gatewayName: string, request: Parameters<Gateway['notificationFor']>[0]): Promise<void> {
      const gateway = gateways.get(gatewayName);
      if (!gateway) throw new Problem(404, 'unknown_gateway', 'No such payment gateway here');
      let gatewayId: string | undefined;
      try {
        gatewayId = await gateway.notificationFor(request);
      } catch {
        gatewayId = undefined;
      }
      if (!gatewayId) throw new Problem(400, 'invalid_notification', 'Not a notification of this gateway');
      const [found] = await db.query<{ id: string }>('select id from payments where gateway = $1 and gateway_id = $2', [gateway.name, gatewayId]);
      const payment = found && (await row('id', found.id));
      if (payment) await refresh(payment, { strict: true });
    },
  };
}

export type PaymentService = ReturnType<typeof paymentService>;

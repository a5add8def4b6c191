import { randomBytes } from 'node:crypto';
import type { FastifyBaseLogger, FastifyInstance, FastifyReply } from 'fastify';
import type { Database } from '../storage/database.js';
import { escapeHtml } from '../http/html.js';
import { GatewayError, type Gateway, type GatewayState } from './gateway.js';

/**
 * The SANDBOX gateway (PAYMENT_GATEWAY=sandbox): a card gateway served by the
 * backend itself under `/sandbox-gateway/`, for the demo and the tests. No
 * real money moves. Its hosted page lets the tester approve, decline or
 * cancel, and choose how the notification behaves (at once, late, twice, out
 * of order, never) so the backend is seen to survive each. Its books are a
 * table, so every instance of the backend agrees on them.
 */

export const SANDBOX_PATH = '/sandbox-gateway';

/** How the sandbox tells the backend about a decision. */
export const NOTIFICATION_MODES = ['now', 'late', 'twice', 'out-of-order', 'never'] as const;
export type NotificationMode = (typeof NOTIFICATION_MODES)[number];

const DECISIONS = { approve: 'paid', decline: 'declined', cancel: 'cancelled' } as const satisfies Record<string, GatewayState>;
type Decision = keyof typeof DECISIONS;

/** The longest a "late" notification may wait, and a sent one may take. */
const MAX_LATE_MS = 10_000;
const NOTIFY_TIMEOUT_MS = 5_000;

const ID_PATTERN = /^sbx_[A-Za-z0-9_-]{24}$/;

export interface SandboxOptions {
  db: Database;
  /** The backend's public URL: the hosted page lives under it. */
  publicUrl: string;
  /** Minutes a payment stays open before it reads as expired. */
  ttlMinutes: number;
  now?: () => Date;
  /** Delay of a "late" notification (default 2 s, at most 10 s). */
  lateNotificationMs?: number;
}

export interface SandboxGateway extends Gateway {
  /** Mounts the hosted card page and its stylesheet under /sandbox-gateway/. */
  mount(app: FastifyInstance): Promise<void>;
}

type SandboxRow = {
  id: string;
  amount_cents: number;
  description: string;
  variable_symbol: string | null;
  return_url: string;
  notify_url: string;
  state: GatewayState;
  expired: boolean;
};


const czk = (cents: number) => new Intl.NumberFormat('cs-CZ', { style: 'currency', currency: 'CZK' }).format(cents / 100);

const STATE_TEXT: Record<GatewayState, string> = {
  pending: 'čeká na zaplacení',
  paid: 'zaplacena',
  declined: 'zamítnuta',
  cancelled: 'zrušena',
  expired: 'vypršela',
};

const CSS = `*,*::before,*::after{box-sizing:border-box}
body{margin:0;font-family:system-ui,Roboto,Arial,sans-serif;color:#262626;background:#f2f4f7;line-height:1.5}
.banner{margin:0;padding:.75rem 1.5rem;background:#fde68a;color:#3b2f00;border-bottom:3px solid #92400e;font-weight:700;text-align:center}
main{max-width:36rem;margin:2rem auto;background:#fff;padding:1.5rem 2rem;border-radius:4px}
h1{font-size:1.5rem;margin-top:0}
dl{display:grid;grid-template-columns:max-content 1fr;gap:.25rem 1rem;margin:0 0 1.5rem}
dt{font-weight:700}dd{margin:0}
.amount{font-size:1.25rem;font-weight:700}
fieldset{border:1px solid #8a8a8a;border-radius:4px;margin:0 0 1.5rem;padding:.75rem 1rem}
legend{font-weight:700;padding:0 .25rem}
.choice{display:flex;gap:.5rem;align-items:flex-start;margin:.25rem 0}
.choice input{width:1.25rem;height:1.25rem;margin:.15rem 0 0}
.hint{margin:0 0 .5rem;color:#4a4a4a}
.actions{display:flex;flex-wrap:wrap;gap:.75rem}
button,.link{min-height:44px;padding:.5rem 1rem;border:2px solid #2362a2;border-radius:4px;background:#fff;color:#2362a2;font:inherit;font-weight:700;cursor:pointer;text-decoration:none;display:inline-flex;align-items:center}
button.primary{background:#2362a2;color:#fff}
button.danger{border-color:#b91c1c;color:#b91c1c}
button:focus-visible,input:focus-visible,.link:focus-visible{outline:3px solid #007bff;outline-offset:2px}
@media (forced-colors:active){button,.link{border:2px solid ButtonText}}`;

/** The hosted page's policy: its own stylesheet, no script at all, forms only to itself and the shop it returns to. */
function csp(returnUrl?: string): string {
  let shop = '';
  try {
    if (returnUrl) shop = ` ${new URL(returnUrl).origin}`;
  } catch {
    shop = '';
  }
  return `default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'${shop}; base-uri 'none'; frame-ancestors 'none'`;
}

function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="cs">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${escapeHtml(title)} – SANDBOX platební brány</title>
<link rel="stylesheet" href="${SANDBOX_PATH}/assets/sandbox.css">
</head>
<body>
<p class="banner" role="note">SANDBOX – žádné skutečné peníze</p>
<main>
<h1>${escapeHtml(title)}</h1>
${body}
</main>
</body>
</html>`;
}

const MODE_LABELS: Record<NotificationMode, string> = {
  now: 'Hned (obvyklý případ)',
  late: 'Pozdě (až za chvíli po návratu do obchodu)',
  twice: 'Dvakrát',
  'out-of-order': 'Mimo pořadí (nejdřív oznámení s opačným výsledkem, pak skutečné)',
  never: 'Nikdy (obchod se musí zeptat sám)',
};

function payPage(payment: SandboxRow): string {
  const modes = NOTIFICATION_MODES.map(
    (mode) =>
      `<div class="choice"><input type="radio" id="notification-${mode}" name="notification" value="${mode}"${mode === 'now' ? ' checked' : ''}><label for="notification-${mode}">${escapeHtml(MODE_LABELS[mode])}</label></div>`,
  ).join('\n');
  return page(
    'Platba kartou',
    `<dl>
<dt>Částka</dt><dd class="amount">${escapeHtml(czk(payment.amount_cents))}</dd>
<dt>Za co</dt><dd>${escapeHtml(payment.description)}</dd>
${payment.variable_symbol ? `<dt>Variabilní symbol</dt><dd>${escapeHtml(payment.variable_symbol)}</dd>` : ''}
</dl>
<form method="post" action="${SANDBOX_PATH}/pay/${escapeHtml(payment.id)}">
<fieldset>
<legend>Oznámení obchodu (testovací přepínač)</legend>
<p class="hint">Jak má brána serveru obce oznámit výsledek platby.</p>
${modes}
</fieldset>
<p class="hint" id="decision-hint">Zaplatit schválí platbu, Zamítnout napodobí kartu odmítnutou bankou, Zrušit vás vrátí do obchodu bez placení.</p>
<div class="actions">
<button type="submit" name="decision" value="approve" class="primary" aria-describedby="decision-hint">Zaplatit</button>
<button type="submit" name="decision" value="decline" class="danger" aria-describedby="decision-hint">Zamítnout</button>
<button type="submit" name="decision" value="cancel" aria-describedby="decision-hint">Zrušit</button>
</div>
</form>`,
  );
}

const closedPage = (payment: SandboxRow) =>
  page(
    'Platba je uzavřená',
    `<p>Tato platba ${escapeHtml(STATE_TEXT[payment.expired ? 'expired' : payment.state])}. Nic dalšího se s ní nestane.</p>
<p><a class="link" href="${escapeHtml(payment.return_url)}">Zpět do obchodu</a></p>`,
  );

const problemPage = (title: string, text: string) => page(title, `<p>${escapeHtml(text)}</p>`);

/** A form field as one string (a repeated field counts as malformed). */
function field(body: unknown, name: string): string | undefined {
  if (!body || typeof body !== 'object') return undefined;
  const value = (body as Record<string, unknown>)[name];
  return typeof value === 'string' ? value : undefined;
}

export function sandboxGateway(options: SandboxOptions): SandboxGateway {
  const { db } = options;
  const now = options.now ?? (() => new Date());
  const lateMs = Math.min(Math.max(options.lateNotificationMs ?? 2_000, 0), MAX_LATE_MS);
  const base = options.publicUrl.replace(/\/+$/, '');
  /** Notifications not sent yet, and being sent: stopped or awaited when the app closes. */
  const timers = new Set<NodeJS.Timeout>();
  const sending = new Set<Promise<void>>();
  let closed = false;
  let log: FastifyBaseLogger | undefined;

  async function find(id: string): Promise<SandboxRow | undefined> {
    if (!ID_PATTERN.test(id)) return undefined;
    const [row] = await db.query<SandboxRow>(
      `select id, amount_cents, description, variable_symbol, return_url, notify_url, state,
              (state = 'pending' and expires_at <= $2::timestamptz) as expired
       from sandbox_gateway_payments where id = $1`,
      [id, now().toISOString()],
    );
    return row;
  }

  /** One notification: an HTTP POST to the backend, as a gateway's server sends it. Failures are logged, never thrown. */
  function send(notifyUrl: string, id: string, claimed: GatewayState): Promise<void> {
    if (closed) return Promise.resolve();
    const sent = fetch(notifyUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ id, state: claimed }).toString(),
      signal: AbortSignal.timeout(NOTIFY_TIMEOUT_MS),
    })
      .then(async (response) => {
        await response.arrayBuffer();
        if (!response.ok) log?.warn({ status: response.status }, 'sandbox gateway: the notification was refused');
      })
      .catch((error: Error) => log?.warn({ err: { message: error.message } }, 'sandbox gateway: the notification did not arrive'))
      .finally(() => sending.delete(sent));
    sending.add(sent);
    return sent;
  }

  function later(ms: number, action: () => unknown): void {
    if (closed) return;
    const timer = setTimeout(() => {
      timers.delete(timer);
      void action();
    }, ms);
    timer.unref();
    timers.add(timer);
  }

  function notify(mode: NotificationMode, notifyUrl: string, id: string, state: GatewayState): void {
    switch (mode) {
      case 'now':
        void send(notifyUrl, id, state);
        break;
      case 'late':
        later(lateMs, () => send(notifyUrl, id, state));
        break;
      case 'twice':
        void send(notifyUrl, id, state);
        void send(notifyUrl, id, state);
        break;
      case 'out-of-order':
        // first a notification that claims the opposite; the backend must ask, not believe
        void send(notifyUrl, id, state === 'paid' ? 'declined' : 'paid').then(() => send(notifyUrl, id, state));
        break;
      case 'never':
        break;
    }
  }

  const html = (reply: FastifyReply, status: number, body: string, returnUrl?: string) =>
    reply
      .code(status)
      .type('text/html; charset=utf-8')
      .header('Content-Security-Policy', csp(returnUrl))
      .header('Cache-Control', 'no-store')
      .header('Referrer-Policy', 'no-referrer')
      .header('X-Content-Type-Options', 'nosniff')
      .send(body);

  return {
    name: 'sandbox',

    async create(payment) {
      const id = `sbx_${randomBytes(18).toString('base64url')}`;
      const created = now();
      await db.query(
        `insert into sandbox_gateway_payments (id, payment_id, amount_cents, description, variable_symbol, return_url, notify_url, created_at, expires_at)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $8::timestamptz + make_interval(mins => $9))`,
        [id, payment.paymentId, payment.amountCents, payment.description, payment.variableSymbol ?? null, payment.returnUrl, payment.notifyUrl, created.toISOString(), options.ttlMinutes],
      );
      return { gatewayId: id, redirectUrl: `${base}${SANDBOX_PATH}/pay/${id}` };
    },

    async status(gatewayId) {
      const row = await find(gatewayId);
      if (!row) throw new GatewayError('sandbox', 'no such payment');
      const state = row.expired ? 'expired' : row.state;
      return { state, ...(state === 'paid' ? { paidCents: row.amount_cents } : {}) };
    },

    async notificationFor({ body, query }) {
      // what can be checked: the id has the sandbox's form (the claimed `state` is ignored)
      const id = field(body, 'id') ?? field(query, 'id');
      return id !== undefined && ID_PATTERN.test(id) ? id : undefined;
    },

    async mount(app) {
      log = app.log;
      app.addHook('onClose', async () => {
        closed = true;
        for (const timer of timers) clearTimeout(timer);
        timers.clear();
        await Promise.allSettled([...sending]);
      });
      await app.register(
        async (sandbox) => {
          sandbox.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: 4096 }, (_request, body, done) =>
            done(null, Object.fromEntries(new URLSearchParams(body as string))),
          );

          sandbox.get('/assets/sandbox.css', async (_request, reply) =>
            reply.type('text/css; charset=utf-8').header('Cache-Control', 'public, max-age=3600').header('X-Content-Type-Options', 'nosniff').send(CSS),
          );

          sandbox.get<{ Params: { id: string } }>('/pay/:id', async (request, reply) => {
            const payment = await find(request.params.id);
            if (!payment) return html(reply, 404, problemPage('Platba nenalezena', 'Tuto platbu brána nezná. Vraťte se do obchodu a začněte znovu.'));
            if (payment.state !== 'pending' || payment.expired) return html(reply, 200, closedPage(payment), payment.return_url);
            return html(reply, 200, payPage(payment), payment.return_url);
          });

          sandbox.post<{ Params: { id: string } }>('/pay/:id', async (request, reply) => {
            const payment = await find(request.params.id);
            if (!payment) return html(reply, 404, problemPage('Platba nenalezena', 'Tuto platbu brána nezná. Vraťte se do obchodu a začněte znovu.'));
            const decision = field(request.body, 'decision');
            const mode = field(request.body, 'notification') ?? 'now';
            if (!decision || !Object.hasOwn(DECISIONS, decision) || !(NOTIFICATION_MODES as readonly string[]).includes(mode)) {
              return html(reply, 400, problemPage('Neplatná volba', 'Zvolte prosím Zaplatit, Zamítnout nebo Zrušit.'), payment.return_url);
            }
            const state = DECISIONS[decision as Decision];
            const at = now().toISOString();
            // only an open payment is decided, once: a second click or a late one changes nothing
            const [decided] = await db.query<{ notify_url: string }>(
              `update sandbox_gateway_payments set state = $2, decided_at = $3
               where id = $1 and state = 'pending' and expires_at > $3::timestamptz returning notify_url`,
              [payment.id, state, at],
            );
            if (decided) notify(mode as NotificationMode, decided.notify_url, payment.id, state);
            return reply.code(303).header('Location', payment.return_url).header('Cache-Control', 'no-store').send();
          });
        },
        { prefix: SANDBOX_PATH },
      );
    },
  };
}

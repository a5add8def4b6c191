import type { Obligation, ObligationList } from '../src/contract/fees.js';
import type { Payment } from '../src/contract/payments.js';

/** The demo town's account. */
export const TOWN_ACCOUNT = { iban: 'CZ6508000000192000145399', accountNumber: '19-2000145399/0800', recipient: 'Obec Javorná Lhota' };

const obligation = (overrides: Partial<Obligation>): Obligation => ({
  id: 'waste-2027-zofie',
  feeKind: 'waste',
  feeName: { cs: 'Poplatek za odpady', en: 'Waste fee' },
  period: '2027',
  payerName: 'Žofie Dvořáková',
  variableSymbol: '2027000002',
  amount: 780,
  paid: 0,
  dueDate: '2027-03-31',
  state: 'due',
  ...overrides,
});

/** A household: Žofie's own fee, the fee of Matěj she pays for, an overdue dog fee partly paid, a paid one. */
export const HOUSEHOLD: ObligationList = {
  account: TOWN_ACCOUNT,
  cardPayments: true,
  obligations: [
    obligation({}),
    obligation({ id: 'waste-2027-matej', payerName: 'Matěj Černý', variableSymbol: '2027000003' }),
    obligation({
      id: 'dog-2026-zofie',
      feeKind: 'dog',
      feeName: { cs: 'Poplatek ze psů', en: 'Dog fee' },
      period: '2026',
      variableSymbol: '2026000101',
      amount: 450,
      paid: 200,
      dueDate: '2026-06-30',
      state: 'partly-paid',
    }),
    obligation({ id: 'waste-2026-zofie', period: '2026', variableSymbol: '2026000002', paid: 780, dueDate: '2026-03-31', state: 'paid' }),
  ],
};

export const ALL_PAID: ObligationList = { account: TOWN_ACCOUNT, obligations: [HOUSEHOLD.obligations[3]!] };
export const NOTHING: ObligationList = { account: TOWN_ACCOUNT, obligations: [] };

/** A card payment of Žofie's waste fee in each state the gateway can leave it in. */
export function cardPayment(state: Payment['state']): Payment {
  const item = HOUSEHOLD.obligations[0]!;
  return {
    id: `payment-${state}`,
    state,
    amount: 780,
    redirectUrl: state === 'pending' ? 'https://gateway.example/pay/1' : undefined,
    obligations: [{ id: item.id, feeName: item.feeName, period: item.period, payerName: item.payerName, variableSymbol: item.variableSymbol, amount: 780 }],
    receipt: state === 'paid' ? { number: '2027/000042', paidAt: '2027-02-14T10:20:00Z' } : undefined,
  };
}

function json(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
}

/**
 * A `fetch` answering the fee API from fixtures: `GET /fees` with `list`,
 * `POST /fees/lookup` with the obligation of that symbol and birth date
 * (`2027000002` + `1991-09-30`), else 404.
 */
export function feeFetch(list: ObligationList | 'error' | 'pending' = HOUSEHOLD): typeof fetch {
  return async (input, init) => {
    const request = new Request(input, init);
    const path = new URL(request.url).pathname;
    if (path.endsWith('/fees')) {
      if (list === 'pending') return new Promise<Response>(() => {});
      if (list === 'error') return json({ error: { code: 'internal' } }, 500);
      return json(list);
    }
    if (path.endsWith('/fees/lookup')) {
      const body = (await request.json()) as { variableSymbol: string; birthdate: string };
      if (body.variableSymbol === '2027000002' && body.birthdate === '1991-09-30') return json({ account: TOWN_ACCOUNT, obligations: [HOUSEHOLD.obligations[0]] });
      return json({ error: { code: 'not_found', message: 'No such obligation' } }, 404);
    }
    const payment = /\/payments\/(payment-(\w+))$/.exec(path);
    if (payment) return json(cardPayment(payment[2] as Payment['state']));
    if (path.endsWith('/payments')) {
      // a card payment of these fees is already under way
      return json({ error: { code: 'payment_pending', message: 'A payment is pending', fields: [{ path: 'paymentId', code: 'payment_pending', message: 'payment-pending' }] } }, 409);
    }
    if (path.endsWith('/health')) return json({ status: 'ok', version: '0.1.0' });
    return json({ error: { code: 'not_found' } }, 404);
  };
}

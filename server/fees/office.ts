import type { FeeKind, FeeKindInput, ObligationChange, OfficeObligation, OfficeObligationList, OfficePayment, OfficePaymentList } from '../../src/contract/office.js';
import { todayInPrague } from '../../src/time/prague.js';
import { pragueDateTime } from '../forms/export.js';
import { spreadsheet } from '../http/csv.js';
import { Problem } from '../http/problem.js';
import type { Database, Queryable } from '../storage/database.js';
import { MAX_AMOUNT_CENTS, nameKey, parseDate, symbolKey } from './csv.js';
import { obligationState } from './service.js';

/**
 * The office's view of fees: fee kinds, obligations found and changed one by
 * one, and the payments that came in (card payments and credited bank
 * transfers), listed and exported.
 */

/** One page of a list: `offset` rows skipped, at most `limit` (1–200) given. */
export interface Page {
  offset: number;
  limit: number;
}

const ISO_MOMENT = `'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'`;
const iso = (column: string) => `to_char(${column} at time zone 'UTC', ${ISO_MOMENT})`;
/** `like` matches the text as it is: its `%`, `_` and `\` are no wildcards. */
const literal = (text: string) => text.replace(/[\\%_]/g, (char) => `\\${char}`);
const czk = (cents: number | string) => Number(cents) / 100;

// ---------------------------------------------------------------- fee kinds

export async function feeKinds(db: Queryable): Promise<FeeKind[]> {
  const rows = await db.query<{ code: string; name_cs: string; name_en: string; obligations: number }>(
    `select k.code, k.name_cs, k.name_en, (select count(*)::int from obligations o where o.fee_kind = k.code) as obligations
     from fee_kinds k order by k.code`,
  );
  return rows.map((row) => ({ code: row.code, name: { cs: row.name_cs, en: row.name_en }, obligations: row.obligations }));
}

/** Creates a fee kind or renames one; `created` tells which. */
export async function putFeeKind(db: Queryable, code: string, input: FeeKindInput): Promise<{ feeKind: FeeKind; created: boolean }> {
  const [row] = await db.query<{ created: boolean; obligations: number }>(
    `insert into fee_kinds (code, name_cs, name_en) values ($1, $2, $3)
     on conflict (code) do update set name_cs = excluded.name_cs, name_en = excluded.name_en
     returning (xmax = 0) as created, (select count(*)::int from obligations o where o.fee_kind = $1) as obligations`,
    [code, input.name.cs.trim(), input.name.en.trim()],
  );
  return { feeKind: { code, name: { cs: input.name.cs.trim(), en: input.name.en.trim() }, obligations: row!.obligations }, created: row!.created };
}

// ---------------------------------------------------------------- obligations

export type ObligationStateFilter = OfficeObligation['state'] | 'unpaid';

export interface ObligationFilter {
  /** Digits: a variable symbol starting so; anything else: a part of the payer's name, in either order, case and accents aside. */
  q?: string;
  feeKind?: string;
  period?: string;
  state?: ObligationStateFilter;
}

type OfficeObligationRow = {
  id: string;
  fee_kind: string;
  period: string;
  variable_symbol: string;
  amount_cents: number;
  paid_cents: number;
  due_date: string;
  payer_given_name: string;
  payer_family_name: string;
  payer_birthdate: string;
  household_id: string | null;
  representative: boolean;
  created_at: string;
};

const OFFICE_OBLIGATION_COLUMNS = `id, fee_kind, period, variable_symbol, amount_cents, paid_cents, to_char(due_date, 'YYYY-MM-DD') as due_date,
  payer_given_name, payer_family_name, to_char(payer_birthdate, 'YYYY-MM-DD') as payer_birthdate, household_id, representative, ${iso('created_at')} as created_at`;

function toOfficeObligation(row: OfficeObligationRow, today: string): OfficeObligation {
  return {
    id: row.id,
    feeKind: row.fee_kind,
    period: row.period,
    variableSymbol: row.variable_symbol,
    amount: czk(row.amount_cents),
    paid: czk(Math.min(row.paid_cents, row.amount_cents)),
    dueDate: row.due_date,
    state: obligationState(row.amount_cents, row.paid_cents, row.due_date, today),
    payer: { givenName: row.payer_given_name, familyName: row.payer_family_name, birthdate: row.payer_birthdate },
    ...(row.household_id !== null ? { household: row.household_id } : {}),
    representative: row.representative,
    createdAt: row.created_at,
  };
}

/**
 * The obligations matching a filter, by due date then variable symbol. The
 * state is the citizen's (computed, not stored), so it is filtered here
 * after the query.
 */
export async function officeObligations(db: Queryable, filter: ObligationFilter, page: Page, today = todayInPrague()): Promise<OfficeObligationList> {
  const q = filter.q?.trim() ?? '';
  const symbol = /^\d+$/.test(q) ? q : null;
  const name = q !== '' && symbol === null ? `%${literal(nameKey(q))}%` : null;
  const rows = await db.query<OfficeObligationRow>(
    `select ${OFFICE_OBLIGATION_COLUMNS} from obligations
     where ($1::text is null or variable_symbol like $1 || '%' or symbol_key like $2 || '%')
       and ($3::text is null or payer_given_key || ' ' || payer_family_key like $3 or payer_family_key || ' ' || payer_given_key like $3)
       and ($4::text is null or fee_kind = $4) and ($5::text is null or period = $5)
     order by due_date, variable_symbol`,
    [symbol, symbol === null ? null : symbolKey(symbol), name, filter.feeKind || null, filter.period || null],
  );
  const matches = rows
    .map((row) => toOfficeObligation(row, today))
    .filter((obligation) => !filter.state || obligation.state === filter.state || (filter.state === 'unpaid' && obligation.state !== 'paid'));
  return { obligations: matches.slice(page.offset, page.offset + page.limit), total: matches.length };
}

async function obligationRow(db: Queryable, id: string, lock = false): Promise<OfficeObligationRow> {
  const [row] = await db.query<OfficeObligationRow>(`select ${OFFICE_OBLIGATION_COLUMNS} from obligations where id = $1${lock ? ' for update' : ''}`, [id]);
  if (!row) throw new Problem(404, 'not_found', 'No such obligation');
  return row;
}

/** A new amount or due date of one obligation; never below what is paid already (409 `below_paid`). */
export async function changeObligation(db: Database, id: string, change: ObligationChange, today = todayInPrague()): Promise<OfficeObligation> {
  if (change.amount === undefined && change.dueDate === undefined) {
    throw new Problem(422, 'invalid_change', 'Send a new amount, a new due date, or both', [{ path: 'amount', code: 'required', message: 'An amount or a due date' }]);
  }
  const amountCents = change.amount === undefined ? undefined : Math.round(change.amount * 100);
  if (amountCents !== undefined && (Math.abs(amountCents - change.amount! * 100) > 1e-6 || amountCents > MAX_AMOUNT_CENTS)) {
    throw new Problem(422, 'invalid_amount', 'The amount is in CZK with at most two decimals, at most 9 999 999,99', [
      { path: 'amount', code: 'invalid_amount', message: 'At most two decimals, at most 9 999 999,99 CZK' },
    ]);
  }
  const dueDate = change.dueDate === undefined ? undefined : parseDate(change.dueDate);
  if (dueDate && !dueDate.ok) throw new Problem(422, 'invalid_date', 'The due date is not a day of the calendar', [{ path: 'dueDate', code: dueDate.code, message: dueDate.message }]);
  return db.transaction(async (tx) => {
    const row = await obligationRow(tx, id, true);
    if (amountCents !== undefined && amountCents < row.paid_cents) {
      throw new Problem(409, 'below_paid', `${czk(row.paid_cents)} CZK is paid already: the amount cannot be less`, [
        { path: 'amount', code: 'below_paid', message: `At least ${czk(row.paid_cents)} CZK (paid already)` },
      ]);
    }
    await tx.query('update obligations set amount_cents = coalesce($2, amount_cents), due_date = coalesce($3::date, due_date), updated_at = now() where id = $1', [
      id,
      amountCents ?? null,
      change.dueDate ?? null,
    ]);
    return toOfficeObligation(await obligationRow(tx, id), today);
  });
}

/** Removes an obligation nothing was paid on and no payment started on (409 `has_payments` otherwise). */
export async function deleteObligation(db: Database, id: string): Promise<void> {
  await db.transaction(async (tx) => {
    const row = await obligationRow(tx, id, true);
    const [used] = await tx.query<{ used: boolean }>(
      `select exists (select 1 from payment_items where obligation_id = $1) or exists (select 1 from bank_transfers where matched_obligation_id = $1) as used`,
      [id],
    );
    if (row.paid_cents > 0 || used!.used) throw new Problem(409, 'has_payments', 'Something was paid on this obligation, or a payment of it started: it stays');
    await tx.query('delete from obligations where id = $1', [id]);
  });
}

// ---------------------------------------------------------------- payments

export interface PaymentFilter {
  /** `YYYY-MM-DD`, Prague, included. */
  from?: string;
  to?: string;
  state?: OfficePayment['state'];
}

/** Most payments one CSV export holds. */
export const MAX_EXPORTED_PAYMENTS = 100_000;

type PaymentRow = {
  id: string;
  channel: OfficePayment['channel'];
  state: OfficePayment['state'];
  amount_cents: string | number;
  reference: string | null;
  symbols: string[];
  created_at: string;
  paid_at: string | null;
  total: number;
  total_cents: string | number | null;
};

/**
 * Card payments with the symbols of what they pay, and bank transfers
 * credited to an obligation. A card payment's day is the Prague day it was
 * paid (or started, unpaid); a transfer's the day the bank booked it.
 */
const PAYMENTS = `
  select p.id, 'card' as channel, p.state, p.amount_cents::bigint as amount_cents, p.receipt_number as reference,
         array(select o.variable_symbol from payment_items i join obligations o on o.id = i.obligation_id where i.payment_id = p.id order by o.variable_symbol) as symbols,
         p.created_at, ${iso('p.paid_at')} as paid_at, (coalesce(p.paid_at, p.created_at) at time zone 'Europe/Prague')::date as day
  from payments p
  union all
  select t.id, 'transfer', 'paid', t.amount_cents, t.statement_ref, array[o.variable_symbol],
         t.created_at, to_char(t.booked_on, 'YYYY-MM-DD'), t.booked_on
  from bank_transfers t join obligations o on o.id = t.matched_obligation_id`;

/** The payments of a filter, newest day first; `total` and `totalAmount` (paid ones) over every match. */
export async function officePayments(db: Queryable, filter: PaymentFilter, page: Page): Promise<OfficePaymentList> {
  const rows = await db.query<PaymentRow>(
    `with listed as (${PAYMENTS}),
     matched as (select * from listed where ($1::date is null or day >= $1::date) and ($2::date is null or day <= $2::date) and ($3::text is null or state = $3))
     select id, channel, state, amount_cents, reference, symbols, ${iso('created_at')} as created_at, paid_at,
            count(*) over ()::int as total, sum(case when state = 'paid' then amount_cents end) over () as total_cents
     from matched order by day desc, created_at desc, id offset $4 limit $5`,
    [filter.from ?? null, filter.to ?? null, filter.state ?? null, page.offset, page.limit],
  );
  let summary = rows[0] && { total: rows[0].total, totalCents: Number(rows[0].total_cents ?? 0) };
  if (!summary) {
    // a page past the end still tells how many there are
    const [row] = await db.query<{ total: number; total_cents: string | number | null }>(
      `with listed as (${PAYMENTS})
       select count(*)::int as total, sum(case when state = 'paid' then amount_cents end) as total_cents from listed
       where ($1::date is null or day >= $1::date) and ($2::date is null or day <= $2::date) and ($3::text is null or state = $3)`,
      [filter.from ?? null, filter.to ?? null, filter.state ?? null],
    );
    summary = { total: row!.total, totalCents: Number(row!.total_cents ?? 0) };
  }
  return {
    payments: rows.map((row) => ({
      id: row.id,
      channel: row.channel,
      state: row.state,
      amount: czk(row.amount_cents),
      ...(row.reference !== null ? { reference: row.reference } : {}),
      variableSymbols: row.symbols,
      createdAt: row.created_at,
      ...(row.paid_at !== null ? { paidAt: row.paid_at } : {}),
    })),
    total: summary.total,
    totalAmount: czk(summary.totalCents),
  };
}

/** An amount as Czech spreadsheets read it: a decimal comma, two decimals. */
const money = (amount: number) => amount.toFixed(2).replace('.', ',');

/**
 * The payments as the office's spreadsheet (UTF-8 with a BOM, `;`, CRLF, as
 * every export): `id;channel;state;amount;reference;variable_symbols;created_at;paid_at`,
 * times in Prague, several symbols joined by a space.
 */
export function paymentsCsv(payments: readonly OfficePayment[]): string {
  const lines = [['id', 'channel', 'state', 'amount', 'reference', 'variable_symbols', 'created_at', 'paid_at']];
  for (const payment of payments) {
    const paidAt = payment.paidAt === undefined ? '' : /^\d{4}-\d{2}-\d{2}$/.test(payment.paidAt) ? payment.paidAt : pragueDateTime(new Date(payment.paidAt));
    lines.push([
      payment.id,
      payment.channel,
      payment.state,
      money(payment.amount),
      payment.reference ?? '',
      payment.variableSymbols.join(' '),
      pragueDateTime(new Date(payment.createdAt)),
      paidAt,
    ]);
  }
  return spreadsheet(lines);
}

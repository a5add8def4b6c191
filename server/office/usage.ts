import type { Service } from '../../src/contract/indicators.js';
import { batched } from '../storage/batch.js';
import type { Database, Queryable } from '../storage/database.js';

/** What the indicators count: a page view, a completed sign-in, or a use of a citizen service. */
export type UsageKind = 'visit' | 'sign_in' | Service;

export interface UsageDetails {
  /** A payment's amount (what was paid or credited), in cents. */
  amountCents?: number;
  /** A visit's page: origin and path only. */
  page?: string;
  /** When it happened (default: now), so the event keeps the action's own time. */
  at?: Date | string;
  /** How many of the same event (a batch of paper ballots); default 1. */
  count?: number;
}

/**
 * Writes that something happened, for the indicators: its kind, time, and a
 * payment's amount or a visit's page. Nothing about the person. Give it the
 * action's transaction where there is one, so the event stands or falls
 * with the action.
 */
export async function recordUsage(db: Queryable, kind: UsageKind, { amountCents, page, at, count = 1 }: UsageDetails = {}): Promise<void> {
  if (count < 1) return;
  await db.query(
    `insert into usage_events (at, kind, amount_cents, page)
     select coalesce($1::timestamptz, now()), $2, $3::bigint, $4 from generate_series(1, $5::int)`,
    [at === undefined ? null : new Date(at).toISOString(), kind, amountCents ?? null, page ?? null, count],
  );
}

/**
 * {@link recordUsage} for a busy path outside a transaction (votes): the
 * events of requests that come together are written in one statement.
 */
export function batchedUsage(db: Database): (kind: UsageKind, details?: Omit<UsageDetails, 'count'>) => Promise<void> {
  const write = batched(
    async (events: readonly { kind: UsageKind; details: Omit<UsageDetails, 'count'> }[]) => {
      await db.query(
        `insert into usage_events (at, kind, amount_cents, page)
         select coalesce(e.at, now()), e.kind, e.amount_cents, e.page
         from unnest($1::timestamptz[], $2::text[], $3::bigint[], $4::text[]) as e (at, kind, amount_cents, page)`,
        [
          events.map(({ details }) => (details.at === undefined ? null : new Date(details.at).toISOString())),
          events.map(({ kind }) => kind),
          events.map(({ details }) => details.amountCents ?? null),
          events.map(({ details }) => details.page ?? null),
        ],
      );
      return events.map(() => undefined);
    },
    { concurrency: db.kind === 'postgres' ? 4 : 1 },
  );
  return (kind, details = {}) => write({ kind, details });
}

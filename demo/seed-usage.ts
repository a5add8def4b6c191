/**
 * The demo town's history of use, so `<obec-indicators>` has months to show
 * on the first start: the last 120 days of page views, sign-ins, payments,
 * submissions, reports and ratings made up by a seeded generator (the same
 * on every first start, only the dates follow today), a vote for each
 * seeded ballot at the moment it was cast, and 420 citizens who signed in
 * since the spring (accounts `demo-seed:NNNN` with no identity: nobody can
 * sign in as them). Seeded once: a database with page views older than a
 * day already has its history. Today is left to what people do in the demo.
 */
import type { Database } from '../server/storage/database.js';
import { random } from './random.js';

const DAYS = 120;
const DAY_MS = 86_400_000;
const SEEDED_CITIZENS = 420;
const PAGES = ['/', '/poplatky.html', '/participace.html', '/formulare.html', '/zavady.html', '/kontakt.html'];

interface Event {
  at: Date;
  kind: 'visit' | 'sign_in' | 'payment' | 'submission' | 'report' | 'rating';
  amountCents?: number;
  page?: string;
}

export async function seedUsage(db: Database, siteUrl: string, now: number = Date.now()): Promise<void> {
  // page views are only ever counted as they happen: one older than a day was seeded
  const [old] = await db.query(`select 1 from usage_events where kind = 'visit' and at < now() - interval '1 day' limit 1`);
  if (old) return;
  const next = random(20261121);
  const between = (low: number, high: number) => low + Math.floor(next() * (high - low + 1));
  const today = Math.floor(now / DAY_MS) * DAY_MS;
  const events: Event[] = [];
  const at = (day: number) => new Date(day + between(7, 21) * 3_600_000 + between(0, 3599) * 1000);
  for (let back = DAYS; back >= 1; back--) {
    const day = today - back * DAY_MS;
    const weekend = [0, 6].includes(new Date(day).getUTCDay());
    // use grows as the town tells people about the widgets
    const growth = 1 + (DAYS - back) / DAYS;
    const count = (base: number) => Math.round(base * growth * (weekend ? 0.5 : 1) * (0.7 + next() * 0.6));
    for (let i = count(45); i > 0; i--) events.push({ at: at(day), kind: 'visit', page: siteUrl + PAGES[between(0, PAGES.length - 1)] });
    for (let i = count(4); i > 0; i--) events.push({ at: at(day), kind: 'sign_in' });
    for (let i = count(1.6); i > 0; i--) events.push({ at: at(day), kind: 'payment', amountCents: next() < 0.7 ? 78_000 : 45_000 });
    for (let i = count(0.6); i > 0; i--) events.push({ at: at(day), kind: 'submission' });
    for (let i = count(0.4); i > 0; i--) events.push({ at: at(day), kind: 'report' });
    for (let i = count(2.5); i > 0; i--) events.push({ at: at(day), kind: 'rating' });
  }
  await db.transaction(async (tx) => {
    for (let start = 0; start < events.length; start += 2000) {
      const chunk = events.slice(start, start + 2000);
      await tx.query(
        `insert into usage_events (at, kind, amount_cents, page)
         select * from unnest($1::timestamptz[], $2::text[], $3::bigint[], $4::text[])`,
        [chunk.map((event) => event.at.toISOString()), chunk.map((event) => event.kind), chunk.map((event) => event.amountCents ?? null), chunk.map((event) => event.page ?? null)],
      );
    }
    // the seeded ballots were cast before today: one vote each, when it was cast
    await tx.query(`insert into usage_events (at, kind) select cast_at, 'vote' from ballots where cast_at < $1`, [new Date(today).toISOString()]);
    const citizens = Array.from({ length: SEEDED_CITIZENS }, (_, i) => ({
      subject: `demo-seed:${String(i + 1).padStart(4, '0')}`,
      // most came in the last four months, some earlier (the fee season in spring)
      firstSeen: new Date(today - (i < 300 ? between(1, DAYS) : between(DAYS, 240)) * DAY_MS + between(8, 20) * 3_600_000),
    }));
    await tx.query(
      `insert into accounts (subject, claims, loa, first_seen_at, last_seen_at)
       select subject, '{}'::jsonb, 'loasubstantial', seen, seen from unnest($1::text[], $2::timestamptz[]) as seeded (subject, seen)
       on conflict (subject) do nothing`,
      [citizens.map((citizen) => citizen.subject), citizens.map((citizen) => citizen.firstSeen.toISOString())],
    );
  });
}

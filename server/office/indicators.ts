import { SERVICES, type IndicatorPoint, type Indicators, type Interval, type Service } from '../../src/contract/indicators.js';
import { todayInPrague } from '../../src/time/prague.js';
import { spreadsheet } from '../http/csv.js';
import { Problem } from '../http/problem.js';
import type { Queryable } from '../storage/database.js';

/** The longest period the indicators cover at once (3 years, a leap day included). */
export const MAX_PERIOD_DAYS = 1096;

/** The default period: this many days ending today. */
const DEFAULT_DAYS = 30;

/** Both days included, Prague calendar days `YYYY-MM-DD`. */
export interface Period {
  from: string;
  to: string;
  interval: Interval;
}

export interface IndicatorSettings {
  population?: number;
  minutesSaved: Record<Service, number>;
}

// Calendar arithmetic on day strings, through UTC midnights (no zone, no DST).
const dayNumber = (day: string) => Date.parse(`${day}T00:00:00Z`) / 86_400_000;
const dayOf = (number: number) => new Date(number * 86_400_000).toISOString().slice(0, 10);
const addDays = (day: string, days: number) => dayOf(dayNumber(day) + days);

/**
 * The period a query asks for: `to` defaults to today in Prague, `from` to
 * 30 days ending `to`, the interval to days. 400 `invalid_period` for
 * `from` after `to` or more than 3 years.
 */
export function periodOf(query: { from?: string; to?: string; interval?: Interval }, now: Date = new Date()): Period {
  const to = query.to ?? todayInPrague(now);
  const from = query.from ?? addDays(to, -(DEFAULT_DAYS - 1));
  if (from > to) throw new Problem(400, 'invalid_period', 'from is after to', [{ path: 'query.from', code: 'invalid_period', message: 'On or before to' }]);
  if (dayNumber(to) - dayNumber(from) + 1 > MAX_PERIOD_DAYS) {
    throw new Problem(400, 'invalid_period', `A period is at most ${MAX_PERIOD_DAYS} days (3 years)`, [
      { path: 'query.from', code: 'invalid_period', message: `At most ${MAX_PERIOD_DAYS} days before to` },
    ]);
  }
  return { from, to, interval: query.interval ?? 'day' };
}

/** The first day of the interval a day falls into: the day, its week's Monday, its month's 1st; never before the period. */
function bucketOf(day: string, { from, interval }: Period): string {
  const start =
    interval === 'day' ? day : interval === 'week' ? addDays(day, -((new Date(`${day}T00:00:00Z`).getUTCDay() + 6) % 7)) : `${day.slice(0, 7)}-01`;
  return start < from ? from : start;
}

const noUses = (): Record<Service, number> => ({ payment: 0, submission: 0, vote: 0, report: 0, rating: 0 });
const isService = (kind: string): kind is Service => (SERVICES as readonly string[]).includes(kind);
const minutesOf = (uses: Record<Service, number>, perUse: Record<Service, number>) => SERVICES.reduce((sum, service) => sum + perUse[service] * uses[service], 0);

interface Tally {
  visits: number;
  newCitizens: number;
  signIns: number;
  uses: Record<Service, number>;
  paymentCents: number;
}

/** The moment a day (an SQL parameter) starts in Prague, and the one it ends (the next day's start). */
const startOf = (day: string) => `(${day}::date::timestamp at time zone 'Europe/Prague')`;
const endOf = (day: string) => `((${day}::date + 1)::timestamp at time zone 'Europe/Prague')`;

/**
 * The indicators of a period: usage events and first sign-ins counted by
 * Prague calendar day in the database, then gathered into the period's
 * intervals here (every interval present, empty ones as zeros).
 */
export async function computeIndicators(db: Queryable, period: Period, settings: IndicatorSettings): Promise<Indicators> {
  const bounds = [period.from, period.to];
  const events = await db.query<{ day: string; kind: string; n: number; cents: string | number | null }>(
    `select (at at time zone 'Europe/Prague')::date::text as day, kind, count(*)::int as n, sum(amount_cents) as cents
     from usage_events where at >= ${startOf('$1')} and at < ${endOf('$2')}
     group by 1, 2`,
    bounds,
  );
  const firstSignIns = await db.query<{ day: string; n: number }>(
    `select (first_seen_at at time zone 'Europe/Prague')::date::text as day, count(*)::int as n
     from accounts where first_seen_at >= ${startOf('$1')} and first_seen_at < ${endOf('$2')}
     group by 1`,
    bounds,
  );
  const [citizens] = await db.query<{ signed_in: number }>(`select count(*)::int as signed_in from accounts where first_seen_at < ${endOf('$1')}`, [period.to]);

  const tallies = new Map<string, Tally>();
  for (let day = period.from; day <= period.to; day = addDays(day, 1)) {
    const start = bucketOf(day, period);
    if (!tallies.has(start)) tallies.set(start, { visits: 0, newCitizens: 0, signIns: 0, uses: noUses(), paymentCents: 0 });
  }
  const tallyOf = (day: string) => tallies.get(bucketOf(day, period))!;
  for (const row of events) {
    const tally = tallyOf(row.day);
    if (row.kind === 'visit') tally.visits += row.n;
    else if (row.kind === 'sign_in') tally.signIns += row.n;
    else if (isService(row.kind)) {
      tally.uses[row.kind] += row.n;
      if (row.kind === 'payment') tally.paymentCents += Number(row.cents ?? 0);
    }
  }
  for (const row of firstSignIns) tallyOf(row.day).newCitizens += row.n;

  const perUse = settings.minutesSaved;
  const series: IndicatorPoint[] = [...tallies].map(([start, tally]) => ({
    start,
    visits: tally.visits,
    newCitizens: tally.newCitizens,
    signIns: tally.signIns,
    uses: tally.uses,
    paymentAmount: tally.paymentCents / 100,
    minutesSaved: minutesOf(tally.uses, perUse),
  }));
  const all = [...tallies.values()];
  const sum = (of: (tally: Tally) => number) => all.reduce((total, tally) => total + of(tally), 0);
  const uses = Object.fromEntries(SERVICES.map((service) => [service, sum((tally) => tally.uses[service])])) as Record<Service, number>;
  // the first of the most used, in the order of SERVICES
  const mostFrequent = SERVICES.reduce<Service | undefined>((best, service) => (uses[service] > (best ? uses[best] : 0) ? service : best), undefined);
  const signedIn = citizens?.signed_in ?? 0;
  return {
    from: period.from,
    to: period.to,
    interval: period.interval,
    ...(settings.population !== undefined ? { population: settings.population } : {}),
    citizens: {
      signedIn,
      newInPeriod: sum((tally) => tally.newCitizens),
      ...(settings.population !== undefined ? { share: signedIn / settings.population } : {}),
    },
    visits: sum((tally) => tally.visits),
    signIns: sum((tally) => tally.signIns),
    uses,
    payments: { count: uses.payment, amount: sum((tally) => tally.paymentCents) / 100 },
    ...(mostFrequent ? { mostFrequent } : {}),
    minutesSaved: { perUse: { ...perUse }, total: minutesOf(uses, perUse) },
    series,
  };
}

/** A number as Czech spreadsheets read it: a decimal comma; money with two decimals. */
const numberCell = (value: number, money = false) => (money ? value.toFixed(2) : String(value)).replace('.', ',');

/**
 * The indicators for the town council's spreadsheet: a header row, one row
 * per interval, a `total` row; UTF-8 with BOM, `;` separated, CRLF.
 */
export function indicatorsCsv(indicators: Indicators): string {
  const header = ['start', 'visits', 'new_citizens', 'sign_ins', 'payments', 'payment_amount_czk', 'submissions', 'votes', 'reports', 'ratings', 'minutes_saved'];
  const row = (start: string, point: Omit<IndicatorPoint, 'start'>) => [
    start,
    numberCell(point.visits),
    numberCell(point.newCitizens),
    numberCell(point.signIns),
    numberCell(point.uses.payment),
    numberCell(point.paymentAmount, true),
    numberCell(point.uses.submission),
    numberCell(point.uses.vote),
    numberCell(point.uses.report),
    numberCell(point.uses.rating),
    numberCell(point.minutesSaved),
  ];
  const total = row('total', {
    visits: indicators.visits,
    newCitizens: indicators.citizens.newInPeriod,
    signIns: indicators.signIns,
    uses: indicators.uses,
    paymentAmount: indicators.payments.amount,
    minutesSaved: indicators.minutesSaved.total,
  });
  const lines = [header, ...indicators.series.map((point) => row(point.start, point)), total];
  return spreadsheet(lines);
}

import { SERVICES, type IndicatorPoint, type Indicators, type Interval } from '../src/contract/indicators.js';

/**
 * A fake backend of the usage indicators for `<obec-indicators>` (stories
 * and tests): `GET /indicators` and `/indicators.csv` computed from a
 * deterministic month of activity for whatever period is asked, and
 * `POST /visits`. Nothing here opens a network connection.
 */

/** Minutes one use saves, as a town might set them (`MINUTES_SAVED`). */
export const PER_USE = { payment: 20, submission: 45, vote: 10, report: 15, rating: 1 } as const;
/** One payment, in CZK. */
export const PAYMENT = 690;
export const POPULATION = 1240;
export const SIGNED_IN = 310;

export interface IndicatorsBackend {
  /** Who may read: anyone (the default), or staff only (401 without a token, 403 for `fixture-token`, a citizen's). */
  access?: 'public' | 'staff';
  /** `busy`: activity every day (the default); `empty`: nothing happened; `error`: 500; `pending`: never answers. */
  data?: 'busy' | 'empty' | 'error' | 'pending';
  /** Without a configured population (no share). */
  noPopulation?: boolean;
  /** Every request: method, path, query and headers. */
  log?: { method: string; path: string; query: URLSearchParams; body?: unknown; headers: Headers }[];
}

const DAY_MS = 86_400_000;
const dayMs = (day: string) => Date.parse(`${day}T00:00:00Z`);
const dayOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** What happened on one day: a pattern by the day of the month, so any period has numbers. */
function activity(day: string, empty: boolean): IndicatorPoint {
  const n = Number(day.slice(8, 10)) - 1;
  const uses = empty
    ? { payment: 0, submission: 0, vote: 0, report: 0, rating: 0 }
    : { payment: n % 2, submission: n % 5 === 0 ? 2 : 0, vote: n % 10 === 0 ? 3 : 0, report: n % 6 === 0 ? 1 : 0, rating: n % 3 === 0 ? 1 : 0 };
  return {
    start: day,
    visits: empty ? 0 : 30 + (n % 5) * 10,
    newCitizens: empty ? 0 : n % 3 === 0 ? 1 : 0,
    signIns: empty ? 0 : 5 + (n % 4),
    uses,
    paymentAmount: uses.payment * PAYMENT,
    minutesSaved: SERVICES.reduce((sum, service) => sum + uses[service] * PER_USE[service], 0),
  };
}

/** The first day of the interval `day` falls in (a Monday for weeks, the 1st for months), not before `from`. */
function intervalStart(day: string, interval: Interval, from: string): string {
  let start = day;
  if (interval === 'month') start = `${day.slice(0, 7)}-01`;
  if (interval === 'week') start = dayOf(dayMs(day) - ((new Date(dayMs(day)).getUTCDay() + 6) % 7) * DAY_MS);
  return start < from ? from : start;
}

function add(total: IndicatorPoint, point: IndicatorPoint): void {
  total.visits += point.visits;
  total.newCitizens += point.newCitizens;
  total.signIns += point.signIns;
  total.paymentAmount += point.paymentAmount;
  total.minutesSaved += point.minutesSaved;
  for (const service of SERVICES) total.uses[service] += point.uses[service];
}

/** The indicators of a period as the server would compute them from the pattern. */
export function indicatorsFor(from: string, to: string, interval: Interval, { empty = false, noPopulation = false } = {}): Indicators {
  const series: IndicatorPoint[] = [];
  const total = activity(from, true);
  for (let ms = dayMs(from); ms <= dayMs(to); ms += DAY_MS) {
    const point = activity(dayOf(ms), empty);
    add(total, point);
    const start = intervalStart(point.start, interval, from);
    const last = series.at(-1);
    if (last?.start === start) add(last, point);
    else series.push({ ...point, start, uses: { ...point.uses } });
  }
  const most = SERVICES.reduce<(typeof SERVICES)[number] | undefined>((best, service) => (total.uses[service] > (best ? total.uses[best] : 0) ? service : best), undefined);
  return {
    from,
    to,
    interval,
    ...(noPopulation ? {} : { population: POPULATION }),
    citizens: { signedIn: empty ? 0 : SIGNED_IN, newInPeriod: total.newCitizens, ...(noPopulation ? {} : { share: (empty ? 0 : SIGNED_IN) / POPULATION }) },
    visits: total.visits,
    signIns: total.signIns,
    uses: total.uses,
    payments: { count: total.uses.payment, amount: total.paymentAmount },
    ...(most ? { mostFrequent: most } : {}),
    minutesSaved: { perUse: { ...PER_USE }, total: total.minutesSaved },
    series,
  };
}

function json(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' } });
}

const problem = (status: number, code: string) => json({ error: { code, message: code } }, status);

/** The CSV export of the indicators, as the server writes it (`;`, BOM, one row per interval). */
function csvOf(data: Indicators): string {
  const rows = data.series.map((point) => [point.start, point.visits, point.newCitizens, point.signIns, ...SERVICES.map((service) => point.uses[service]), point.paymentAmount, point.minutesSaved].join(';'));
  return `\ufeffod;navstevy;novi_obcane;prihlaseni;${SERVICES.join(';')};zaplaceno_kc;usetrene_minuty\r\n${rows.join('\r\n')}\r\n`;
}

/** A `fetch` for `<obec-portal .fetch=…>` answering the indicators API from the pattern. */
export function indicatorsFetch(backend: IndicatorsBackend = {}): typeof fetch {
  return async (input, init) => {
    const request = new Request(input, init);
    const url = new URL(request.url);
    const path = url.pathname.replace(/^.*?(?=\/(indicators|visits)\b)/, '');
    const text = request.method === 'GET' ? '' : await request.text();
    backend.log?.push({ method: request.method, path, query: url.searchParams, body: text ? JSON.parse(text) : undefined, headers: request.headers });

    if (path === '/visits' && request.method === 'POST') return new Response(null, { status: 204 });
    if (path !== '/indicators' && path !== '/indicators.csv') return problem(404, 'not_found');
    if (backend.access === 'staff') {
      const token = request.headers.get('Authorization');
      if (!token) return problem(401, 'missing_token');
      if (token === 'Bearer fixture-token') return problem(403, 'not_staff');
    }
    if (backend.data === 'pending') return new Promise<Response>(() => {});
    if (backend.data === 'error') return problem(500, 'internal');
    const from = url.searchParams.get('from') ?? '2026-11-01';
    const to = url.searchParams.get('to') ?? '2026-11-30';
    const interval = (url.searchParams.get('interval') ?? 'day') as Interval;
    if (from > to) return problem(400, 'invalid_period');
    const data = indicatorsFor(from, to, interval, { empty: backend.data === 'empty', noPopulation: backend.noPopulation });
    if (path === '/indicators.csv') {
      return new Response(csvOf(data), { headers: { 'Content-Type': 'text/csv; charset=utf-8', 'Content-Disposition': `attachment; filename="ukazatele-${from}-${to}.csv"` } });
    }
    return json(data);
  };
}

import type { FastifyInstance, FastifyRequest } from 'fastify';
import * as z from 'zod/mini';
import { IndicatorsSchema, IntervalSchema, VisitSchema } from '../../src/contract/indicators.js';
import type { Config } from '../config.js';
import { BytesSchema } from '../forms/schemas.js';
import { apiRoute } from '../http/api-route.js';
import { csvDownload } from '../http/csv.js';
import { Problem } from '../http/problem.js';
import { rateLimit } from '../http/rate-limit.js';
import type { Database } from '../storage/database.js';
import { computeIndicators, indicatorsCsv, periodOf } from './indicators.js';
import { recordUsage } from './usage.js';

const IndicatorQuerySchema = z.object({
  from: z.optional(z.iso.date()),
  to: z.optional(z.iso.date()),
  interval: z.optional(IntervalSchema),
});

/** The longest page kept of a visit. */
const PAGE_MAX = 300;

/** A visited page as stored: its origin and path, nothing of the query or fragment; 400 for anything but an http(s) URL. */
function pageOf(text: string): string {
  let url: URL | undefined;
  try {
    url = new URL(text);
  } catch {
    url = undefined;
  }
  if (!url || !/^https?:$/.test(url.protocol)) {
    throw new Problem(400, 'invalid_request', 'page is not an http(s) URL', [{ path: 'page', code: 'invalid_url', message: 'An http(s) URL such as https://www.obec.example/poplatky' }]);
  }
  return `${url.origin}${url.pathname}`.slice(0, PAGE_MAX);
}

/**
 * The usage indicators (`GET /indicators`, `GET /indicators.csv`) and the
 * visit beacon of `<obec-portal>` (`POST /visits`). The indicators are
 * public or for staff as the town sets INDICATORS_PUBLIC, so access is
 * decided in the handlers, not by an `office` role on the route.
 */
export async function indicatorRoutes(api: FastifyInstance, db: Database, config: Config): Promise<void> {
  const settings = { population: config.TOWN_POPULATION, minutesSaved: config.minutesSaved };
  const access = config.INDICATORS_PUBLIC ? 'Public (INDICATORS_PUBLIC=true)' : 'Any staff member or the integration token (401 anonymous, 403 a citizen)';

  /** Staff only unless the town made the indicators public; the answer's caching follows. */
  async function admit(request: FastifyRequest): Promise<string> {
    if (config.INDICATORS_PUBLIC) return 'public, max-age=60';
    if (!api.office) throw new Problem(500, 'internal', 'No office authority for the indicators');
    await api.office.resolve(request.headers.authorization, 'staff');
    return 'no-store';
  }

  apiRoute(
    api,
    {
      method: 'GET',
      path: '/indicators',
      summary:
        `Usage indicators of a period (?from=&to= days in Prague, both included, default the last 30 days; ?interval=day|week|month, default day): ` +
        `citizens signed in (and their share of TOWN_POPULATION), visits, sign-ins, uses of each service, payments, the most frequent service, minutes saved, ` +
        `and the trend per interval (weeks from Monday, months from the 1st, the first clipped to from). 400 invalid_period: from after to or more than 3 years. ${access}`,
      tags: ['indicators'],
      query: IndicatorQuerySchema,
      response: IndicatorsSchema,
      errors: [401, 403],
    },
    async ({ query, request, reply }) => {
      reply.header('Cache-Control', await admit(request));
      return computeIndicators(db, periodOf(query), settings);
    },
  );

  apiRoute(
    api,
    {
      method: 'GET',
      path: '/indicators.csv',
      summary:
        'The indicators as a spreadsheet (text/csv, UTF-8 with BOM, ";" separated, the same query): ' +
        `start;visits;new_citizens;sign_ins;payments;payment_amount_czk;submissions;votes;reports;ratings;minutes_saved, a row per interval and a total row. ${access}`,
      tags: ['indicators'],
      query: IndicatorQuerySchema,
      response: BytesSchema,
      errors: [401, 403],
    },
    async ({ query, request, reply }) => {
      const caching = await admit(request);
      const period = periodOf(query);
      return csvDownload(reply, indicatorsCsv(await computeIndicators(db, period, settings)), `indicators-${period.from}-${period.to}.csv`, caching);
    },
  );

  await api.register(async (scope) => {
    scope.addHook('onRequest', rateLimit(db, { perMinute: config.VISITS_PER_MINUTE, scope: 'visits' }));
    // a beacon may send its JSON as text/plain: a simple cross-origin request, no preflight
    scope.removeContentTypeParser('text/plain');
    scope.addContentTypeParser('text/plain', { parseAs: 'string' }, (_request, body, done) => {
      try {
        done(null, JSON.parse(body as string));
      } catch {
        done(Object.assign(new Error('The body is not JSON'), { statusCode: 400 }), undefined);
      }
    });
    apiRoute(
      scope,
      {
        method: 'POST',
        path: '/visits',
        summary:
          'One page view of a page with widgets ({"page": origin and path}, JSON as application/json or text/plain). No sign-in, no cookie; ' +
          `only the time and the page's origin and path (at most ${PAGE_MAX} characters) are kept, nothing about the visitor. 400 for a page that is not an http(s) URL; ` +
          'limited per client IP (VISITS_PER_MINUTE, 429)',
        tags: ['indicators'],
        body: VisitSchema,
        response: z.undefined(),
        status: 204,
      },
      async ({ body, reply }) => {
        reply.header('Cache-Control', 'no-store');
        await recordUsage(db, 'visit', { page: pageOf(body.page) });
        return undefined;
      },
    );
  });
}

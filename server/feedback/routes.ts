import type { FastifyError, FastifyInstance, FastifyRequest } from 'fastify';
import * as z from 'zod/mini';
import {
  CategoryListSchema,
  ConfirmationSchema,
  CreatedReportSchema,
  NearbyListSchema,
  NewReportSchema,
  OwnReportListSchema,
  OwnReportSchema,
  PhotoResponseSchema,
  PlaceListSchema,
  RatingCommentSchema,
  RatingResponseSchema,
  RatingSchema,
  SupportResponseSchema,
  TownAreaSchema,
} from '../../src/contract/feedback.js';
import type { Config } from '../config.js';
import { BytesSchema } from '../forms/schemas.js';
import { assertStorable } from '../forms/storable.js';
import { apiRoute, optionalCitizen } from '../http/api-route.js';
import { csvDownload } from '../http/csv.js';
import { idempotencyKey } from '../http/idempotency.js';
import { Problem } from '../http/problem.js';
import { rateLimit } from '../http/rate-limit.js';
import type { Database } from '../storage/database.js';
import { ratingsCsv, reportsCsv } from './export.js';
import { BrokenImage, photoTypeOf, stripMetadata } from './photos.js';
import {
  OfficeCategoryListSchema,
  OfficeReportChangeSchema,
  OfficeReportListSchema,
  OfficeReportQuerySchema,
  OfficeReportSchema,
  RatingQuerySchema,
  RatingSummarySchema,
} from './schemas.js';
import { feedbackService, type Reporter } from './service.js';

const ID_PARAMS = z.object({ id: z.string() });
const PLACES_QUERY = z.object({ q: z.optional(z.string()) });
/** A number in a query string. */
const NumberText = z.string().check(z.regex(/^-?\d{1,3}(\.\d{1,12})?$/, 'a number such as 49.4325'));
const NEARBY_QUERY = z.object({ lat: NumberText, lon: NumberText, category: z.optional(z.string()) });

const headerOf = (request: FastifyRequest, name: string): string | undefined => {
  const value = request.headers[name];
  return typeof value === 'string' ? value : undefined;
};

/** A filled honeypot: a bot. Answered as if stored, nothing stored, a debug line without the content. */
function isBot(request: FastifyRequest, website: string | undefined): boolean {
  if (website === undefined || website === '') return false;
  request.log.debug({ route: request.routeOptions?.url }, 'honeypot filled: answered as stored, dropped');
  return true;
}

/** An ISO date or time of a query (`2026-11-01`, `2026-11-01T10:00:00Z`); 400 otherwise. */
function momentOf(value: string | undefined, name: string): Date | undefined {
  if (value === undefined || value === '') return undefined;
  const moment = /^\d{4}-\d{2}-\d{2}$/.test(value) ? new Date(`${value}T00:00:00Z`) : /^\d{4}-\d{2}-\d{2}T/.test(value) ? new Date(value) : new Date(NaN);
  if (Number.isNaN(moment.getTime())) throw new Problem(400, 'invalid_request', `${name} is not a date`, [{ path: `query.${name}`, code: 'invalid_date', message: 'An ISO 8601 date or time' }]);
  return moment;
}


/**
 * Satisfaction ratings and problem reports: the rating click and comment,
 * the town's area and addresses, photos, reports, nearby reports and
 * support, the reporter's own reports and answer; the office's handling.
 */
export async function feedbackRoutes(api: FastifyInstance, db: Database, config: Config): Promise<void> {
  const service = feedbackService({ db, config });
  const reporterOf = async (scope: FastifyInstance, request: FastifyRequest): Promise<Reporter> => ({
    citizen: await optionalCitizen(scope, request),
    followToken: headerOf(request, 'x-follow-token'),
  });

  // ratings and "I see it too": one small limit per IP
  await api.register(async (scope) => {
    scope.addHook('onRequest', rateLimit(db, { perMinute: config.RATING_PER_MINUTE, scope: 'ratings' }));
    apiRoute(
      scope,
      {
        method: 'POST',
        path: '/ratings',
        summary:
          '“Did this page help you?”: a click (helpful true or false) on a target (a page path or service id, at most 200 characters), maybe with a comment (at most 1000: 422 invalid_rating). ' +
          'No sign-in; limited per client IP (429). The answer’s editToken adds the comment later (PATCH, within an hour). A filled honeypot field website is answered 201 and dropped',
        tags: ['feedback'],
        body: RatingSchema,
        response: RatingResponseSchema,
        status: 201,
        errors: [422],
      },
      async ({ body, request, reply }) => {
        reply.header('Cache-Control', 'no-store');
        if (isBot(request, body.website)) return service.fakeRating();
        assertStorable(body);
        return service.rate(body);
      },
    );
    apiRoute(
      scope,
      {
        method: 'PATCH',
        path: '/ratings/:id',
        summary: 'Add or replace a rating’s comment (header X-Edit-Token from its answer; 404 without the right one) within an hour of the click (409 edit_window_closed)',
        tags: ['feedback'],
        params: ID_PARAMS,
        body: RatingCommentSchema,
        response: RatingResponseSchema,
        errors: [404, 409, 422],
      },
      async ({ params, body, request, reply }) => {
        reply.header('Cache-Control', 'no-store');
        assertStorable(body);
        return service.commentRating(params.id, headerOf(request, 'x-edit-token'), body.comment);
      },
    );
    apiRoute(
      scope,
      {
        method: 'POST',
        path: '/reports/:id/support',
        summary:
          '“I see it too” (header Idempotency-Key): counted once per signed-in citizen (bearer token) or browser (header X-Voter-Token, else the Idempotency-Key). ' +
          'Only for open reports (409 report_closed); limited per client IP (429). The answer: how many support it',
        tags: ['feedback'],
        params: ID_PARAMS,
        response: SupportResponseSchema,
        errors: [401, 404, 409],
      },
      async ({ params, request, reply }) => {
        reply.header('Cache-Control', 'no-store');
        const key = idempotencyKey(request);
        const citizen = await optionalCitizen(scope, request);
        const browser = headerOf(request, 'x-voter-token');
        const supporter = citizen
          ? { kind: 'citizen' as const, who: citizen.subject }
          : { kind: 'browser' as const, who: browser && /^[\x21-\x7e]{8,200}$/.test(browser) ? browser : key };
        return { supporters: await service.support(params.id, supporter) };
      },
    );
  });

  apiRoute(
    api,
    {
      method: 'GET',
      path: '/report-categories',
      summary: 'What a citizen can report, in the office’s order, each with the department it goes to',
      tags: ['feedback'],
      response: CategoryListSchema,
    },
    async ({ reply }) => {
      reply.header('Cache-Control', 'no-cache');
      return { categories: await service.categories() };
    },
  );

  apiRoute(
    api,
    {
      method: 'GET',
      path: '/town',
      summary: 'The town’s area for placing a report: its boundary ([lat, lon] points), the map’s centre and zoom, and the map tiles when configured (503 town_not_configured without TOWN_AREA)',
      tags: ['feedback'],
      response: TownAreaSchema,
      errors: [503],
    },
    async ({ reply }) => {
      reply.header('Cache-Control', 'public, max-age=3600');
      return service.town();
    },
  );

  apiRoute(
    api,
    {
      method: 'GET',
      path: '/places',
      summary: 'Addresses of the town (TOWN_ADDRESSES) containing the text ?q= (case and diacritics aside), those starting with it first; at most 10',
      tags: ['feedback'],
      query: PLACES_QUERY,
      response: PlaceListSchema,
    },
    async ({ query, reply }) => {
      reply.header('Cache-Control', 'public, max-age=600');
      return { places: service.places((query.q ?? '').slice(0, 200)) };
    },
  );

  // photos: the file is the body, whatever its declared type: the content decides
  await api.register(async (scope) => {
    scope.addHook('onRequest', rateLimit(db, { perMinute: config.REPORT_PHOTO_PER_MINUTE, scope: 'report-photos' }));
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: config.REPORT_PHOTO_MAX_BYTES }, (_request, body, done) => done(null, body));
    scope.setErrorHandler((error: FastifyError) => {
      if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') throw new Problem(413, 'file_too_large', `A photo is at most ${config.REPORT_PHOTO_MAX_BYTES} bytes`);
      throw error;
    });
    apiRoute(
      scope,
      {
        method: 'POST',
        path: '/report-photos',
        summary:
          'A photo for a report: the image as the body (JPEG, PNG or WebP by its content: 415 unsupported_type; at most REPORT_PHOTO_MAX_BYTES: 413 file_too_large). ' +
          'Stored without its metadata (EXIF with GPS, XMP, IPTC, comments, PNG text and time; a JPEG keeps its orientation). Unclaimed photos are deleted after a day',
        tags: ['feedback'],
        response: PhotoResponseSchema,
        status: 201,
        errors: [401, 413, 415],
      },
      async ({ request, reply }) => {
        reply.header('Cache-Control', 'no-store');
        const citizen = await optionalCitizen(scope, request);
        const bytes = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
        if (bytes.length > config.REPORT_PHOTO_MAX_BYTES) throw new Problem(413, 'file_too_large', `A photo is at most ${config.REPORT_PHOTO_MAX_BYTES} bytes`);
        const type = photoTypeOf(bytes);
        if (!type) throw new Problem(415, 'unsupported_type', 'A photo must be a JPEG, PNG or WebP image');
        let stripped: Uint8Array;
        try {
          stripped = stripMetadata(type, bytes);
        } catch (error) {
          if (!(error instanceof BrokenImage)) throw error;
          throw new Problem(415, 'unsupported_type', `The image cannot be read (${error.message})`);
        }
        return service.storePhoto(type, stripped, citizen?.subject);
      },
    );
  });

  apiRoute(
    api,
    {
      method: 'GET',
      path: '/report-photos/:id',
      summary: 'A photo of a report (the image; only photos sent with a report)',
      tags: ['feedback'],
      params: ID_PARAMS,
      response: BytesSchema,
      errors: [404],
    },
    async ({ params, reply }) => {
      const photo = await service.photo(params.id);
      reply
        .header('Content-Type', photo.type)
        .header('X-Content-Type-Options', 'nosniff')
        .header('Content-Security-Policy', "default-src 'none'; sandbox")
        .header('Cross-Origin-Resource-Policy', 'cross-origin')
        .header('Cache-Control', 'public, max-age=86400');
      return photo.bytes;
    },
  );

  await api.register(async (scope) => {
    scope.addHook('onRequest', rateLimit(db, { perMinute: config.REPORT_PER_MINUTE, scope: 'reports' }));
    apiRoute(
      scope,
      {
        method: 'POST',
        path: '/reports',
        summary:
          'Report a problem (header Idempotency-Key; a bearer token optional, then limited to REPORTS_PER_DAY a day: 429). ' +
          'description 10–2000 characters, at most 3 photos of POST /report-photos, contact optional: 422 invalid_report with every problem; an unknown category: 422 unknown_category; ' +
          'a place outside the town: 422 outside_town; limited per client IP (429). Without contact and sign-in the report is anonymous. ' +
          'The answer: the report and its followToken (header X-Follow-Token to follow it). The same key again answers the same report (header Idempotent-Replayed). A filled honeypot field website is answered 201 and dropped',
        tags: ['feedback'],
        body: NewReportSchema,
        response: CreatedReportSchema,
        status: 201,
        errors: [401, 409, 422, 503],
      },
      async ({ body, request, reply }) => {
        reply.header('Cache-Control', 'no-store');
        const key = idempotencyKey(request);
        if (isBot(request, body.website)) return service.fakeReport(body);
        assertStorable(body);
        const citizen = await optionalCitizen(scope, request);
        const { replayed, ...created } = await service.createReport(body, citizen, key);
        if (replayed) reply.header('Idempotent-Replayed', 'true');
        return created;
      },
    );
  });

  apiRoute(
    api,
    {
      method: 'GET',
      path: '/reports/nearby',
      summary: 'Open reports (received, in progress) within 150 m of ?lat=&lon=, those of ?category= first, then nearest first; at most 5, each with its distance in metres',
      tags: ['feedback'],
      query: NEARBY_QUERY,
      response: NearbyListSchema,
    },
    async ({ query, reply }) => {
      reply.header('Cache-Control', 'no-store');
      return { reports: await service.nearby({ lat: Number(query.lat), lon: Number(query.lon) }, query.category) };
    },
  );

  apiRoute(
    api,
    {
      method: 'GET',
      path: '/reports/mine',
      summary: 'The signed-in citizen’s reports, newest first, with their history and whether they wait for the citizen’s confirmation',
      tags: ['feedback'],
      auth: true,
      response: OwnReportListSchema,
    },
    async ({ citizen, reply }) => {
      reply.header('Cache-Control', 'no-store');
      return { reports: await service.mine(citizen.subject) };
    },
  );

  apiRoute(
    api,
    {
      method: 'GET',
      path: '/reports/:id',
      summary: 'A report with its history, for its reporter: their bearer token or the report’s X-Follow-Token (404 for anyone else)',
      tags: ['feedback'],
      params: ID_PARAMS,
      response: OwnReportSchema,
      errors: [401, 404],
    },
    async ({ params, request, reply }) => {
      reply.header('Cache-Control', 'no-store');
      return service.own(params.id, await reporterOf(api, request));
    },
  );

  apiRoute(
    api,
    {
      method: 'POST',
      path: '/reports/:id/confirmation',
      summary:
        'The reporter’s answer to “is it really fixed?” (bearer token or X-Follow-Token), only while the report awaits it (409 not_awaiting_confirmation): ' +
        'fixed true closes the question; fixed false reopens the report (back to received) with the comment (at most 1000) in its history',
      tags: ['feedback'],
      params: ID_PARAMS,
      body: ConfirmationSchema,
      response: OwnReportSchema,
      errors: [401, 404, 409, 422],
    },
    async ({ params, body, request, reply }) => {
      reply.header('Cache-Control', 'no-store');
      assertStorable(body);
      return service.confirm(params.id, await reporterOf(api, request), body);
    },
  );

  await api.register(async (office) => {
    apiRoute(
      office,
      {
        method: 'GET',
        office: 'feedback',
        path: '/office/reports',
        summary: 'Office: reports (?state=, ?category=), newest first, with the reporter’s contact and identity, anonymous ones marked, the department, history and last reply',
        tags: ['office'],
        query: OfficeReportQuerySchema,
        response: OfficeReportListSchema,
        errors: [401, 403, 503],
      },
      async ({ query }) => {
        return { reports: await service.officeReports(query) };
      },
    );
    apiRoute(
      office,
      {
        method: 'GET',
        office: 'feedback',
        path: '/office/reports/:id',
        summary: 'Office: one report with the reporter’s contact and identity, history and last reply',
        tags: ['office'],
        params: ID_PARAMS,
        response: OfficeReportSchema,
        errors: [401, 403, 404, 503],
      },
      async ({ params }) => {
        return service.officeReport(params.id);
      },
    );
    apiRoute(
      office,
      {
        method: 'PATCH',
        office: 'feedback',
        path: '/office/reports/:id',
        summary:
          'Office: {"state"?, "reply"?}: a new state, a reply to the reporter (shown with the report, at most 2000 characters), or both, recorded in the history. ' +
          'solved asks the reporter “is it really fixed?”',
        tags: ['office'],
        params: ID_PARAMS,
        body: OfficeReportChangeSchema,
        response: OfficeReportSchema,
        errors: [401, 403, 404, 422, 503],
      },
      async ({ params, body }) => {
        assertStorable(body);
        return service.changeReport(params.id, body);
      },
    );
    apiRoute(
      office,
      {
        method: 'PUT',
        office: 'feedback',
        path: '/office/report-categories',
        summary: 'Office: the whole list of report categories in place of the one before (codes once each: 422 invalid_categories); reports keep their category’s code',
        tags: ['office'],
        body: OfficeCategoryListSchema,
        response: CategoryListSchema,
        errors: [401, 403, 422, 503],
      },
      async ({ body }) => {
        assertStorable(body);
        return { categories: await service.replaceCategories(body) };
      },
    );
    apiRoute(
      office,
      {
        method: 'GET',
        office: 'feedback',
        path: '/office/ratings',
        summary: 'Office: the ratings between ?from= and ?to= (ISO dates or times, both optional), per target: helpful yes, no, and the comments',
        tags: ['office'],
        query: RatingQuerySchema,
        response: RatingSummarySchema,
        errors: [401, 403, 503],
      },
      async ({ query }) => {
        return service.ratingSummary(momentOf(query.from, 'from'), momentOf(query.to, 'to'));
      },
    );
    apiRoute(
      office,
      {
        method: 'GET',
        office: 'feedback',
        path: '/office/reports.csv',
        summary:
          'Office: the reports of GET /office/reports (?state=, ?category=) as a spreadsheet (UTF-8 with BOM, ";"), one row a report: ' +
          'reference;id;created_at;category;department;state;description;address;lat;lon;supporters;reply;reporter_name;reporter_email;reporter_phone',
        tags: ['office'],
        query: OfficeReportQuerySchema,
        response: BytesSchema,
        errors: [401, 403, 503],
      },
      async ({ query, reply }) => csvDownload(reply, reportsCsv(await service.officeReports(query)), 'reports.csv'),
    );
    apiRoute(
      office,
      {
        method: 'GET',
        office: 'feedback',
        path: '/office/ratings.csv',
        summary: 'Office: the ratings between ?from= and ?to= (as GET /office/ratings) as a spreadsheet (UTF-8 with BOM, ";"), one row a click: at;target;helpful;comment',
        tags: ['office'],
        query: RatingQuerySchema,
        response: BytesSchema,
        errors: [401, 403, 503],
      },
      async ({ query, reply }) => csvDownload(reply, await ratingsCsv(db, momentOf(query.from, 'from'), momentOf(query.to, 'to')), 'ratings.csv'),
    );
  });
}


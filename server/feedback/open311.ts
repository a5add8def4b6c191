import { randomUUID } from 'node:crypto';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Category, NewReport, PublicReport, ReportState } from '../../src/contract/feedback.js';
import type { Config } from '../config.js';
import { unstorablePath } from '../forms/storable.js';
import { Problem } from '../http/problem.js';
import { rateLimit } from '../http/rate-limit.js';
import type { Database } from '../storage/database.js';
import { feedbackService, pragueIso } from './service.js';

/**
 * Open311 GeoReport v2 (https://wiki.open311.org/GeoReport_v2) over the
 * problem reports, for the apps and dashboards that speak it: services
 * (the categories), requests (the reports, as the public sees them: no
 * contact, no identity) and creating one. JSON only (the `.json` suffix or
 * none); errors as GeoReport wants them: `[{ "code", "description" }]`
 * with a 4xx status. No API key: anyone may report, as through the widget,
 * limited per client IP as the widget's reports are.
 */

/** The notice an anonymous report carries. */
export const ANONYMOUS_NOTICE = 'anonymní hlášení';

/** An Open311 service request, field by field as GeoReport v2 names them. */
export interface ServiceRequest {
  service_request_id: string;
  status: 'open' | 'closed';
  status_notes: string | null;
  service_name: string;
  service_code: string;
  description: string;
  agency_responsible: string | null;
  service_notice: string | null;
  requested_datetime: string;
  updated_datetime: string;
  expected_datetime: null;
  address: string | null;
  address_id: null;
  zipcode: null;
  lat: number;
  long: number;
  media_url: string | null;
}

const OPEN: readonly ReportState[] = ['received', 'in-progress'];
const CLOSED: readonly ReportState[] = ['solved', 'rejected'];

const withoutSuffix = (value: string) => value.replace(/\.json$/i, '');

function bad(description: string, status = 400): Problem {
  return new Problem(status, String(status), description);
}

function dateOf(value: unknown, name: string): Date | undefined {
  if (value === undefined || value === '') return undefined;
  const moment = typeof value === 'string' && /^\d{4}-\d{2}-\d{2}/.test(value) ? new Date(value) : new Date(NaN);
  if (Number.isNaN(moment.getTime())) throw bad(`${name} is not a W3C date-time such as 2026-11-01T00:00:00+01:00`);
  return moment;
}

const textOf = (value: unknown): string | undefined => (typeof value === 'string' && value.trim() !== '' ? value.trim() : typeof value === 'number' ? String(value) : undefined);

export async function open311Routes(app: FastifyInstance, db: Database, config: Config): Promise<void> {
  const service = feedbackService({ db, config });
  const reportLimit = rateLimit(db, { perMinute: config.REPORT_PER_MINUTE, scope: 'reports' });

  function toRequest(report: PublicReport & { reply?: string }, categories: ReadonlyMap<string, Category>): ServiceRequest {
    const category = categories.get(report.category);
    return {
      service_request_id: report.id,
      status: OPEN.includes(report.state) ? 'open' : 'closed',
      status_notes: report.reply ?? null,
      service_name: category?.name.cs ?? report.category,
      service_code: report.category,
      description: report.description,
      agency_responsible: category?.department ?? null,
      service_notice: report.anonymous ? ANONYMOUS_NOTICE : null,
      requested_datetime: pragueIso(report.createdAt),
      updated_datetime: pragueIso(report.updatedAt),
      expected_datetime: null,
      address: report.location.address ?? null,
      address_id: null,
      zipcode: null,
      lat: report.location.lat,
      long: report.location.lon,
      media_url: report.photos[0] ?? null,
    };
  }

  const categoryMap = async () => new Map((await service.categories()).map((category) => [category.code, category]));
  const json = (reply: FastifyReply) => reply.header('Cache-Control', 'no-cache').type('application/json; charset=utf-8');

  await app.register(
    async (scope) => {
      scope.addHook('onRequest', rateLimit(db, { perMinute: config.RATE_LIMIT_PER_MINUTE }));
      scope.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: 64 * 1024 }, (_request, body, done) => {
        done(null, Object.fromEntries(new URLSearchParams(body as string)));
      });
      scope.setErrorHandler((error: FastifyError | Problem, request, reply) => {
        const status = error instanceof Problem ? error.status : (error.statusCode ?? 500);
        if (status >= 500) request.log.error({ err: { type: error.name, message: error.message } }, 'unexpected error (Open311)');
        let description = status >= 500 ? 'Unexpected server error' : error.message;
        if (error instanceof Problem && error.fields?.length) description += `: ${error.fields.map((field) => `${field.path}: ${field.message}`).join('; ')}`;
        if (error instanceof Problem) reply.headers(error.headers);
        reply.code(status).send([{ code: status, description }]);
      });
      scope.setNotFoundHandler((request, reply) => {
        reply.code(404).send([{ code: 404, description: `No ${request.method} ${request.url.split('?')[0]} (JSON only: .json or no suffix)` }]);
      });

      const services = async (_request: FastifyRequest, reply: FastifyReply) => {
        json(reply);
        return (await service.categories()).map((category) => ({
          service_code: category.code,
          service_name: category.name.cs,
          description: category.description?.cs ?? '',
          metadata: false,
          type: 'realtime',
          keywords: '',
          group: category.group?.cs ?? '',
        }));
      };
      scope.get('/services.json', services);
      scope.get('/services', services);

      // no service has extra attributes (metadata: false): its definition is its code
      scope.get<{ Params: { code: string } }>('/services/:code', async (request, reply) => {
        const code = withoutSuffix(request.params.code);
        if (!(await categoryMap()).has(code)) throw bad(`No service ${code}`, 404);
        json(reply);
        return { service_code: code, attributes: [] };
      });

      const list = async (request: FastifyRequest<{ Querystring: Record<string, string | undefined> }>, reply: FastifyReply) => {
        const query = request.query;
        const ids = query.service_request_id
          ?.split(',')
          .map((id) => id.trim())
          .filter(Boolean);
        if (ids && (ids.length > 200 || ids.some((id) => !/^[\x21-\x7e]{1,200}$/.test(id)))) throw bad('service_request_id: at most 200 ids, separated by commas');
        let states: readonly ReportState[] | undefined;
        if (query.status) {
          const wanted = new Set(query.status.split(',').map((status) => status.trim()));
          if ([...wanted].some((status) => status !== 'open' && status !== 'closed')) throw bad('status is open, closed or open,closed');
          states = [...(wanted.has('open') ? OPEN : []), ...(wanted.has('closed') ? CLOSED : [])];
        }
        const rows = await service.open311Rows(
          ids?.length
            ? { ids }
            : {
                ...(query.service_code ? { category: query.service_code } : {}),
                ...(dateOf(query.start_date, 'start_date') ? { from: dateOf(query.start_date, 'start_date') } : {}),
                ...(dateOf(query.end_date, 'end_date') ? { to: dateOf(query.end_date, 'end_date') } : {}),
                ...(states ? { states } : {}),
              },
        );
        const categories = await categoryMap();
        json(reply);
        return rows.map((row) => toRequest(row, categories));
      };
      scope.get('/requests.json', list);
      scope.get('/requests', list);

      scope.get<{ Params: { id: string } }>('/requests/:id', async (request, reply) => {
        const id = withoutSuffix(request.params.id);
        const rows = /^[\x21-\x7e]{1,200}$/.test(id) ? await service.open311Rows({ ids: [id] }) : [];
        if (rows.length === 0) throw bad(`No service request ${id}`, 404);
        json(reply);
        return [toRequest(rows[0]!, await categoryMap())];
      });

      const create = async (request: FastifyRequest, reply: FastifyReply) => {
        await reportLimit(request, reply);
        const body = (typeof request.body === 'object' && request.body !== null ? request.body : {}) as Record<string, unknown>;
        if (unstorablePath(body) !== undefined) throw bad('A field holds a NUL or a broken character');
        const code = textOf(body.service_code);
        if (!code) throw bad('service_code is required');
        const description = textOf(body.description);
        if (!description) throw bad('description is required');
        let location: NewReport['location'];
        const lat = textOf(body.lat);
        const long = textOf(body.long);
        const address = textOf(body.address_string);
        if (lat !== undefined || long !== undefined) {
          const point = { lat: Number(lat), lon: Number(long) };
          if (!Number.isFinite(point.lat) || !Number.isFinite(point.lon)) throw bad('lat and long are numbers (WGS 84)');
          location = { ...point, ...(address ? { address } : {}) };
        } else if (address) {
          const place = service.placeNamed(address);
          if (!place) throw bad('address_string is not an address of the town; send lat and long');
          location = { lat: place.lat, lon: place.lon, address: place.label };
        } else throw bad('The location is required: lat and long, or address_string');
        const name = [textOf(body.first_name), textOf(body.last_name)].filter(Boolean).join(' ');
        const contact = { ...(name ? { name } : {}), ...(textOf(body.email) ? { email: textOf(body.email) } : {}), ...(textOf(body.phone) ? { phone: textOf(body.phone) } : {}) };
        const report: NewReport = {
          category: code,
          description,
          location,
          photos: [],
          ...(Object.keys(contact).length > 0 ? { contact } : {}),
        };
        // media_url is not fetched: the town stores only photos sent to it (POST /api/report-photos)
        const { report: created } = await service.createReport(report, undefined, `open311:${randomUUID()}`);
        json(reply).code(201);
        return [{ service_request_id: created.id, service_notice: created.anonymous ? ANONYMOUS_NOTICE : null, account_id: null }];
      };
      scope.post('/requests.json', create);
      scope.post('/requests', create);
    },
    { prefix: '/open311/v2' },
  );
}

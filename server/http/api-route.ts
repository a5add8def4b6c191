import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import * as z from 'zod/mini';
import type { FieldError } from '../../src/contract/error.js';
import type { OfficeAccess, StaffActor } from '../office/staff.js';
import { Problem } from './problem.js';

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** One API operation: its contract (documented in /openapi.json) and its handler. */
export interface RouteSpec<Body, Query, Params, Result, Auth extends boolean = boolean> {
  method: Method;
  /** Path below /api, Fastify style (`/fees/:id`). */
  path: string;
  summary: string;
  tags?: string[];
  body?: z.ZodMiniType<Body>;
  query?: z.ZodMiniType<Query>;
  params?: z.ZodMiniType<Params>;
  response: z.ZodMiniType<Result>;
  /** Status of a successful answer (default 200). */
  status?: number;
  /** Needs a citizen's access token: verified before the handler runs (401 otherwise). */
  auth?: Auth;
  /**
   * An office route: needs a staff member with this role (`staff`: any staff
   * member) or the integration token; 401 anonymous, 403 a citizen or a
   * staff member without the role. The handler gets the `staff` actor; the
   * answer is `Cache-Control: no-store`.
   */
  office?: OfficeAccess;
  /**
   * Write the call to the audit log (with its status, success or not).
   * Default on office routes: every call but a GET, and GETs of exports
   * (`.csv`, `.zip`) and uploaded files.
   */
  audit?: boolean;
  /** Error statuses this operation documents besides 400, 429 and (with auth) 401. */
  errors?: number[];
}

/** A citizen whose access token the API verified. */
export interface Citizen {
  subject: string;
  loa: 'loalow' | 'loasubstantial' | 'loahigh';
  scope: string[];
}

export interface RouteInput<Body, Query, Params> {
  /** On `office` routes: who acts (a staff member or the integration token). */
  staff?: StaffActor;
  /** Answers this success status instead of the spec's (201 created, 200 replaced: what the outcome says). */
  setStatus(status: number): void;
  body: Body;
  query: Query;
  params: Params;
  request: FastifyRequest;
  reply: FastifyReply;
}

/** On `auth` routes the handler gets the verified citizen (a request without a valid token never reaches it). */
type WithCitizen<Auth extends boolean> = Auth extends true ? { citizen: Citizen } : { citizen?: undefined };

/** How the API verifies a bearer token; the broker sets it (`setAuthenticator`). */
export type Authenticator = (authorization: string | undefined) => Promise<Citizen>;

declare module 'fastify' {
  interface FastifyInstance {
    authenticate?: Authenticator;
  }
}

/**
 * The citizen of an optional bearer token, for routes open to anyone that
 * treat a signed-in citizen as such: none without an Authorization header,
 * 401 for a token that does not verify.
 */
export async function optionalCitizen(app: FastifyInstance, request: FastifyRequest): Promise<Citizen | undefined> {
  if (request.headers.authorization === undefined) return undefined;
  if (!app.authenticate) throw new Problem(500, 'internal', 'No token verifier for the API');
  return app.authenticate(request.headers.authorization);
}

/** Every operation registered, for the OpenAPI document. */
export const registeredRoutes: RouteSpec<unknown, unknown, unknown, unknown>[] = [];

function fieldErrors(error: z.core.$ZodError, prefix: string[] = []): FieldError[] {
  return error.issues.map((issue) => ({
    path: [...prefix, ...issue.path.map(String)].join('.'),
    code: issue.code,
    message: issue.message,
  }));
}

function parse<T>(schema: z.ZodMiniType<T> | undefined, value: unknown, where: string): T {
  if (!schema) return undefined as T;
  const result = z.safeParse(schema, value ?? (where === 'body' ? undefined : {}));
  if (!result.success) {
    throw new Problem(400, 'invalid_request', `The request ${where} does not match the contract`, fieldErrors(result.error, where === 'body' ? [] : [where]));
  }
  return result.data;
}

/**
 * Registers an API operation. The request is validated against the same zod
 * schemas the widgets use; a request that does not match is answered 400 with
 * the refused fields, never passed on. The result is checked against the
 * response schema, so the server cannot drift from the contract unnoticed.
 */
export function apiRoute<Body, Query, Params, Result, Auth extends boolean = false>(
  app: FastifyInstance,
  spec: RouteSpec<Body, Query, Params, Result, Auth>,
  handler: (input: RouteInput<Body, Query, Params> & WithCitizen<Auth>) => Promise<Result>,
): void {
  registeredRoutes.push(spec as RouteSpec<unknown, unknown, unknown, unknown>);
  app.route({
    method: spec.method,
    url: spec.path,
    handler: async (request, reply) => {
      let citizen: Citizen | undefined;
      if (spec.auth) {
        if (!app.authenticate) throw new Problem(500, 'internal', 'No token verifier for an authenticated route');
        citizen = await app.authenticate(request.headers.authorization);
      }
      if (spec.office) {
        if (!app.office) throw new Problem(500, 'internal', 'No office authority for an office route');
        const staff = await app.office.resolve(request.headers.authorization, spec.office);
        // the office's answers are about people: never kept by a browser or a proxy
        reply.header('Cache-Control', 'no-store');
        if (!(spec.audit ?? auditedByDefault(spec))) return answer(request, reply, staff);
        const target = Object.fromEntries(Object.entries((request.params ?? {}) as Record<string, unknown>).map(([name, value]) => [name, String(value)]));
        const action = `${spec.method} ${spec.path.replace(/:(\w+)/g, '{$1}')}`;
        try {
          const result = await answer(request, reply, staff);
          await app.office.audit(staff, action, target, reply.statusCode);
          return result;
        } catch (error) {
          await app.office.audit(staff, action, target, error instanceof Problem ? error.status : 500).catch(() => undefined);
          throw error;
        }
      }
      return answer(request, reply, undefined, citizen);
    },
  });

  async function answer(request: FastifyRequest, reply: FastifyReply, staff: StaffActor | undefined, citizen?: Citizen) {
    let chosen: number | undefined;
    const input = {
      staff,
      setStatus: (status: number) => {
        chosen = status;
      },
      body: parse(spec.body, request.body, 'body'),
      query: parse(spec.query, request.query, 'query'),
      params: parse(spec.params, request.params, 'params'),
      request,
      reply,
      citizen,
    };
    const result = await handler(input as RouteInput<Body, Query, Params> & WithCitizen<Auth>);
    const checked = z.safeParse(spec.response, result);
    if (!checked.success) {
      request.log.error({ route: spec.path, issues: checked.error.issues.map((issue) => issue.path.join('.')) }, 'response breaks the contract');
      throw new Problem(500, 'internal', 'The server produced an answer outside its contract');
    }
    reply.code(chosen ?? spec.status ?? 200);
    return checked.data;
  }
}

/** Office calls written to the audit log unless a route says otherwise: changes, and exports of personal data. */
function auditedByDefault(spec: { method: Method; path: string }): boolean {
  return spec.method !== 'GET' || /\.(csv|zip)$|\/files\//.test(spec.path);
}

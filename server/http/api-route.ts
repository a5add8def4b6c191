import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import * as z from 'zod/mini';
import type { FieldError } from '../../src/contract/error.js';
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
      const input = {
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
      reply.code(spec.status ?? 200);
      return checked.data;
    },
  });
}

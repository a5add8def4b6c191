import cors from '@fastify/cors';
import Fastify, { LogController, type FastifyError, type FastifyInstance } from 'fastify';
import type { Config } from './config.js';
import { registeredRoutes, type Authenticator } from './http/api-route.js';
import { Problem } from './http/problem.js';
import { rateLimit } from './http/rate-limit.js';
import { officeAuthority } from './office/staff.js';
import { openApiDocument } from './openapi.js';
import { systemRoutes } from './routes/system.js';
import type { Database } from './storage/database.js';

export interface AppParts {
  config: Config;
  db: Database;
  /** Mounts the identity broker (oidc-provider) under /oidc; absent in tests of the API alone. */
  mountBroker?: (app: FastifyInstance) => Promise<void>;
  /** Verifies citizens' access tokens for `auth` routes (the broker's). */
  authenticate?: Authenticator;
  /** Registers the API routes of the capabilities (under /api). */
  apiRoutes?: (api: FastifyInstance) => void | Promise<void>;
  /** Registers routes outside /api with their own conventions (Open311 GeoReport v2 under /open311/v2). */
  rootRoutes?: (app: FastifyInstance) => void | Promise<void>;
}

/** The API body the widgets expect for every failure. */
function errorBody(code: string, message: string, fields?: unknown) {
  return { error: { code, message, ...(fields ? { fields } : {}) } };
}

/**
 * The reference backend as one Fastify app: `/api` (CORS for the embedding
 * sites, rate limited, JSON in and out, every error a machine-readable 4xx),
 * `/openapi.json`, Open311 under `/open311/v2`, and the identity broker
 * under `/oidc`.
 */
export async function buildApp({ config, db, mountBroker, authenticate, apiRoutes, rootRoutes }: AppParts): Promise<FastifyInstance> {
  const app = Fastify({
    trustProxy: config.TRUST_PROXY,
    bodyLimit: 1_048_576,
    // Fastify's own request lines carry the full URL; ours below do not.
    logController: new LogController({ disableRequestLogging: true }),
    logger:
      config.LOG_LEVEL === 'silent'
        ? false
        : {
            level: config.LOG_LEVEL,
            // no IPs, query strings, headers or bodies: they can carry personal data
            serializers: { req: (request) => ({ method: request.method, route: request.routeOptions?.url }) },
          },
  });

  // One line per answer: what was asked and how it went, never who asked or with what.
  app.addHook('onResponse', async (request, reply) => {
    request.log.info({ method: request.method, route: request.routeOptions?.url ?? 'unmatched', status: reply.statusCode, ms: Math.round(reply.elapsedTime) }, 'request');
  });

  app.setErrorHandler((error: FastifyError | Problem, request, reply) => {
    if (error instanceof Problem) {
      reply.headers(error.headers).code(error.status).send(errorBody(error.code, error.message, error.fields));
      return;
    }
    const status = error.statusCode ?? 500;
    if (status >= 400 && status < 500) {
      // malformed JSON, wrong content type, body too large, …: the client's fault, said as such
      const code = status === 413 ? 'payload_too_large' : status === 415 ? 'unsupported_media_type' : 'invalid_request';
      reply.code(status).send(errorBody(code, error.message));
      return;
    }
    request.log.error({ err: { type: error.name, message: error.message, stack: error.stack } }, 'unexpected error');
    reply.code(500).send(errorBody('internal', 'Unexpected server error'));
  });

  app.setNotFoundHandler((request, reply) => {
    reply.code(404).send(errorBody('not_found', `No ${request.method} ${request.url.split('?')[0]}`));
  });

  if (authenticate) app.decorate('authenticate', authenticate);
  app.decorate('office', officeAuthority(db, authenticate, config.OFFICE_API_TOKEN));

  const allowedOrigins = new Set([...config.ALLOWED_ORIGINS, ...config.brokerClients.flatMap((client) => client.origins)]);

  await app.register(
    async (api) => {
      await api.register(cors, {
        origin: (origin, callback) => callback(null, origin !== undefined && allowedOrigins.has(origin)),
        methods: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'],
        allowedHeaders: ['Authorization', 'Content-Type', 'Idempotency-Key', 'Accept', 'X-File-Name', 'X-Voter-Token', 'X-Follow-Token', 'X-Edit-Token'],
        exposedHeaders: ['Retry-After', 'RateLimit-Limit', 'RateLimit-Remaining'],
        maxAge: 600,
      });
      api.addHook('onRequest', rateLimit(db, { perMinute: config.RATE_LIMIT_PER_MINUTE }));
      systemRoutes(api, db);
      await apiRoutes?.(api);
    },
    { prefix: '/api' },
  );

  app.get('/openapi.json', async () => openApiDocument(registeredRoutes, config.apiUrl));
  await rootRoutes?.(app);

  if (mountBroker) await mountBroker(app);
  return app;
}

import type { FastifyInstance } from 'fastify';
import { HealthSchema } from '../../src/contract/health.js';
import { ReadySchema } from '../../src/contract/ready.js';
import { VERSION } from '../../src/version.js';
import { apiRoute } from '../http/api-route.js';
import { Problem } from '../http/problem.js';
import type { Database } from '../storage/database.js';

/** Liveness and readiness, for the widgets' set-up check and for load balancers. */
export function systemRoutes(app: FastifyInstance, db: Database): void {
  apiRoute(app, { method: 'GET', path: '/health', summary: 'The process is up', tags: ['system'], response: HealthSchema }, async () => ({
    status: 'ok' as const,
    version: VERSION,
  }));

  apiRoute(
    app,
    { method: 'GET', path: '/ready', summary: 'The backend can serve requests: its database answers', tags: ['system'], response: ReadySchema, errors: [503] },
    async () => {
      try {
        await db.query('select 1');
      } catch {
        throw new Problem(503, 'not_ready', 'The database does not answer');
      }
      return { status: 'ready' as const, database: db.kind };
    },
  );
}

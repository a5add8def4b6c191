import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Database } from '../storage/database.js';
import { Problem } from './problem.js';

const WINDOW_MS = 60_000;

/**
 * A fixed-window rate limit whose counters live in the database, so several
 * backend instances behind one load balancer count together. One upsert per
 * request; old windows are swept now and then.
 */
export function rateLimit(db: Database, { perMinute, scope = 'ip' }: { perMinute: number; scope?: string }) {
  let sinceSweep = 0;
  return async (request: FastifyRequest, reply: FastifyReply): Promise<void> => {
    const now = Date.now();
    const windowStart = new Date(now - (now % WINDOW_MS));
    const key = `${scope}:${request.ip}`;
    const [row] = await db.query<{ hits: number }>(
      `insert into rate_limits (key, window_start, hits) values ($1, $2, 1)
       on conflict (key, window_start) do update set hits = rate_limits.hits + 1
       returning hits`,
      [key, windowStart.toISOString()],
    );
    if (++sinceSweep >= 500) {
      sinceSweep = 0;
      void db.query('delete from rate_limits where window_start < $1', [new Date(now - 5 * WINDOW_MS).toISOString()]).catch(() => undefined);
    }
    const hits = row?.hits ?? 1;
    reply.header('RateLimit-Limit', String(perMinute));
    reply.header('RateLimit-Remaining', String(Math.max(0, perMinute - hits)));
    if (hits > perMinute) {
      const retryAfter = Math.ceil((windowStart.getTime() + WINDOW_MS - now) / 1000);
      throw new Problem(429, 'rate_limited', 'Too many requests; try again later', undefined, { 'Retry-After': String(retryAfter) });
    }
  };
}

import type { FastifyReply, FastifyRequest } from 'fastify';
import { batched } from '../storage/batch.js';
import type { Database } from '../storage/database.js';
import { Problem } from './problem.js';

const WINDOW_MS = 60_000;

/**
 * Counts hits of (key, window) pairs that came together in one upsert: a
 * busy server makes one statement of dozens of requests (what keeps the
 * embedded database from being the limit), a quiet one one of a single
 * request. Each request gets its own place in its window's count, as if the
 * hits had been counted one by one.
 */
function hitCounter(db: Database) {
  return batched(
    async (hits: readonly { key: string; windowStart: string }[]): Promise<number[]> => {
      const counts = new Map<string, { key: string; windowStart: string; hits: number }>();
      const places = hits.map(({ key, windowStart }) => {
        const id = `${windowStart} ${key}`;
        const entry = counts.get(id) ?? { key, windowStart, hits: 0 };
        counts.set(id, entry);
        return { id, place: ++entry.hits };
      });
      const entries = [...counts.values()];
      const rows = await db.query<{ key: string; window_start: string; hits: number }>(
        `insert into rate_limits (key, window_start, hits)
         select * from unnest($1::text[], $2::timestamptz[], $3::int[])
         on conflict (key, window_start) do update set hits = rate_limits.hits + excluded.hits
         returning key, to_char(window_start at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as window_start, hits`,
        [entries.map((entry) => entry.key), entries.map((entry) => entry.windowStart), entries.map((entry) => entry.hits)],
      );
      const totals = new Map(rows.map((row) => [`${row.window_start} ${row.key}`, row.hits]));
      // the batch's hits of a key came last: the first of them is at total − (hits in the batch) + 1
      return places.map(({ id, place }) => (totals.get(id) ?? counts.get(id)!.hits) - counts.get(id)!.hits + place);
    },
    { concurrency: db.kind === 'postgres' ? 4 : 1 },
  );
}

/**
 * A fixed-window rate limit whose counters live in the database, so several
 * backend instances behind one load balancer count together. The hits of
 * concurrent requests are counted in one upsert; old windows are swept now
 * and then.
 */
export function rateLimit(db: Database, { perMinute, scope = 'ip' }: { perMinute: number; scope?: string }) {
  let sinceSweep = 0;
  const count = hitCounter(db);
  return async (request: FastifyRequest, reply: FastifyReply): Promise<void> => {
    const now = Date.now();
    const windowStart = new Date(now - (now % WINDOW_MS));
    const hits = await count({ key: `${scope}:${request.ip}`, windowStart: windowStart.toISOString() });
    if (++sinceSweep >= 500) {
      sinceSweep = 0;
      void db.query('delete from rate_limits where window_start < $1', [new Date(now - 5 * WINDOW_MS).toISOString()]).catch(() => undefined);
    }
    reply.header('RateLimit-Limit', String(perMinute));
    reply.header('RateLimit-Remaining', String(Math.max(0, perMinute - hits)));
    if (hits > perMinute) {
      const retryAfter = Math.ceil((windowStart.getTime() + WINDOW_MS - now) / 1000);
      throw new Problem(429, 'rate_limited', 'Too many requests; try again later', undefined, { 'Retry-After': String(retryAfter) });
    }
  };
}

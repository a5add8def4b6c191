import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

export type Row = Record<string, unknown>;

/** What the services need of a database: parameterized SQL and transactions. One dialect: PostgreSQL. */
export interface Queryable {
  query<T extends Row = Row>(sql: string, params?: readonly unknown[]): Promise<T[]>;
}

export interface Database extends Queryable {
  /** Runs `work` in one transaction: all of it or none of it. */
  transaction<T>(work: (tx: Queryable) => Promise<T>): Promise<T>;
  close(): Promise<void>;
  readonly kind: 'pglite' | 'postgres';
}

/** Real PostgreSQL through a connection pool (DATABASE_URL). */
async function openPostgres(url: string): Promise<Database> {
  const { default: pg } = await import('pg');
  // DATE as a string, not a local-midnight Date
  pg.types.setTypeParser(1082, (value: string) => value);
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  await pool.query('select 1');
  return {
    kind: 'postgres',
    async query<T extends Row>(sql: string, params: readonly unknown[] = []) {
      return (await pool.query(sql, params as unknown[])).rows as T[];
    },
    async transaction(work) {
      const client = await pool.connect();
      try {
        await client.query('begin');
        const result = await work({ query: async (sql, params = []) => (await client.query(sql, params as unknown[])).rows });
        await client.query('commit');
        return result;
      } catch (error) {
        await client.query('rollback').catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    },
    close: () => pool.end(),
  };
}

/**
 * The embedded PGlite database, file-backed in `dir` (or in memory when
 * `dir` is undefined). One connection, so transactions are serialized
 * through PGlite's own transaction lock.
 */
async function openPglite(dir: string | undefined): Promise<Database> {
  const { PGlite, types } = await import('@electric-sql/pglite');
  if (dir) mkdirSync(dir, { recursive: true });
  // options in one object: with a separate undefined dataDir PGlite drops them
  const db = new PGlite({ dataDir: dir, parsers: { [types.DATE]: (value: string) => value } });
  await db.waitReady;
  return {
    kind: 'pglite',
    async query<T extends Row>(sql: string, params: readonly unknown[] = []) {
      return (await db.query<T>(sql, params as unknown[])).rows;
    },
    async transaction(work) {
      return db.transaction(async (tx) => work({ query: async (sql, params = []) => (await tx.query(sql, params as unknown[])).rows as never }));
    },
    close: () => db.close(),
  };
}

export interface DatabaseOptions {
  /** postgres:// URL; without it PGlite is used. */
  url?: string;
  /** Folder of the PGlite data; undefined means in memory (tests). */
  dataDir?: string;
}

export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  if (options.url) return openPostgres(options.url);
  return openPglite(options.dataDir ? join(options.dataDir, 'pglite') : undefined);
}

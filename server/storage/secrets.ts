import type { Database } from './database.js';

/**
 * A secret generated once and shared by every instance (signing keys, cookie
 * keys): the first instance to need it creates it, the others read it.
 */
export async function sharedSecret<T>(db: Database, name: string, create: () => Promise<T> | T): Promise<T> {
  const existing = await db.query<{ value: T }>('select value from secrets where name = $1', [name]);
  if (existing[0]) return existing[0].value;
  const value = await create();
  await db.query('insert into secrets (name, value) values ($1, $2) on conflict (name) do nothing', [name, JSON.stringify(value)]);
  const [row] = await db.query<{ value: T }>('select value from secrets where name = $1', [name]);
  return row!.value;
}

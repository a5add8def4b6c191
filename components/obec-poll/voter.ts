import type { ApiClient } from '../../src/api/api-client.js';
import { withHeaders } from '../../src/client/with-headers.js';
import type { PollOption } from '../../src/polls/definition.js';

/**
 * What this browser keeps for polls, per backend: the voter token of
 * `anyone` polls (one vote per browser) and the seed of the shuffled order.
 * Where storage is not allowed (private mode, a blocked iframe) both live as
 * long as the page, so voting still works; the vote then counts for that
 * visit only.
 */
const inMemory = new Map<string, string>();

function kept(key: string, make: () => string, create = true): string | undefined {
  try {
    const stored = localStorage.getItem(key);
    if (stored) return stored;
    if (!create) return undefined;
    const value = make();
    localStorage.setItem(key, value);
    return value;
  } catch {
    if (!inMemory.has(key) && create) inMemory.set(key, make());
    return inMemory.get(key);
  }
}

/**
 * The random id `anyone` polls count ballots by (sent as `X-Voter-Token`):
 * made on the first vote, then read on every visit so the citizen finds and
 * changes their ballot. `create: false` only reads it.
 */
export function voterToken(api: string, create: boolean): string | undefined {
  return kept(`obec-poll:voter:${api}`, () => crypto.randomUUID(), create);
}

/** The API client sending this browser's voter token with every call, or the page's client while there is none. */
export function withVoterToken(api: ApiClient, token: string | undefined): ApiClient {
  return token ? withHeaders(api, { 'X-Voter-Token': token }) : api;
}

/** FNV-1a: a small, stable hash; the order only has to look random and stay the same. */
function hash(text: string): number {
  let value = 0x811c9dc5;
  for (let index = 0; index < text.length; index++) value = Math.imul(value ^ text.charCodeAt(index), 0x01000193);
  return value >>> 0;
}

/**
 * The options in this browser's order: for a poll with `shuffle`, sorted by
 * a hash of the browser's seed, the poll and the option, so every voter sees
 * their own order, the same one on every visit, whatever order the office
 * lists them in; otherwise as the office listed them.
 */
export function votingOrder(api: string, pollId: string, options: readonly PollOption[], shuffle: boolean | undefined): PollOption[] {
  if (!shuffle) return [...options];
  const seed = kept(`obec-poll:seed:${api}`, () => crypto.randomUUID())!;
  const keyed = options.map((option) => ({ option, key: hash(`${seed}:${pollId}:${option.id}`) }));
  return keyed.sort((a, b) => a.key - b.key || (a.option.id < b.option.id ? -1 : 1)).map((entry) => entry.option);
}

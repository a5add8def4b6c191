import * as z from 'zod/mini';
import type { FieldError } from '../../src/contract/error.js';
import { parsePollDefinition, type DefinitionError } from '../../src/polls/check.js';
import { d21Rules, PollIdSchema, type PollDefinition } from '../../src/polls/definition.js';
import type { ResidentLocality } from '../../src/polls/eligibility.js';
import { ConfigError } from '../config.js';
import { readDefinitionFiles } from '../storage/definition-files.js';
import { unstorablePath } from '../forms/storable.js';
import { Problem } from '../http/problem.js';
import type { Database, Queryable } from '../storage/database.js';
import type { PollStatus } from './phase.js';

/** Every store of a poll definition takes this lock: two instances starting at once store each poll once. */
const POLLS_LOCK = 7_172_029;

/** Whether a text can be a poll's id at all (anything else names no poll, and is not asked of the database). */
export const isPollId = (id: string): boolean => z.safeParse(PollIdSchema, id).success;

/**
 * Reads a poll definition the office sent: its shape and cross checks
 * (`parsePollDefinition`), and only text PostgreSQL can store.
 */
export function checkPollDocument(json: unknown): { poll?: PollDefinition; errors: DefinitionError[] } {
  const { poll, errors } = parsePollDefinition(json);
  if (!poll) return { errors };
  const unstorable = unstorablePath(poll);
  if (unstorable !== undefined) return { errors: [{ path: unstorable, code: 'invalid_text', message: 'Text with a NUL or a lone surrogate character' }] };
  return { poll, errors: [] };
}

/** 422 `residents_not_configured` when a residents-only poll meets a backend that does not know the town's places. */
export function assertResidentsConfigured(poll: PollDefinition, localities: readonly ResidentLocality[]): void {
  if (poll.residentsOnly && localities.length === 0) {
    throw new Problem(422, 'residents_not_configured', 'A residents-only poll needs the town’s places: set RESIDENT_LOCALITIES on the backend', [
      { path: 'residentsOnly', code: 'residents_not_configured', message: 'RESIDENT_LOCALITIES is empty' },
    ]);
  }
}

/** JSON with the keys of every object sorted, so that key order does not count as a change. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    const record = value as Record<string, unknown>;
    return `{${Object.keys(record)
      .filter((key) => record[key] !== undefined)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${canonical(record[key])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/**
 * What a ballot's meaning depends on: once a poll has ballots these may not
 * change (titles, descriptions, pictures, links, `opens`, `closes`,
 * `results` and `shuffle` may). Options count by id and cost, in any order.
 */
function ballotTerms(poll: PollDefinition): Record<string, unknown> {
  return {
    method: poll.method,
    options: poll.options.map((option) => [option.id, option.cost ?? null]).sort(([a], [b]) => String(a).localeCompare(String(b))),
    minChoices: poll.minChoices,
    maxChoices: poll.maxChoices,
    d21: poll.method === 'd21' ? d21Rules(poll) : poll.d21,
    budget: poll.budget,
    voters: poll.voters,
    minAge: poll.minAge,
    residentsOnly: poll.residentsOnly ?? false,
  };
}

/** The properties whose change would change what the stored ballots mean. */
export function changedBallotTerms(before: PollDefinition, after: PollDefinition): string[] {
  const old = ballotTerms(before);
  const now = ballotTerms(after);
  return Object.keys(old).filter((key) => canonical(old[key]) !== canonical(now[key]));
}

/** What storing a definition did. */
export interface StoredPoll {
  id: string;
  /** A new poll. */
  created: boolean;
  /** False when the stored definition was this one already. */
  changed: boolean;
}

/**
 * Stores a checked definition in a transaction the caller holds: a new poll
 * with `statusIfNew`, a changed one in place (its status kept). While the
 * poll has ballots, a change of what they mean is refused (409
 * `poll_has_ballots`, a field per property). The poll's row stays locked to
 * the end of the transaction, so no ballot slips in between the check and
 * the change.
 */
export async function storeDefinitionIn(tx: Queryable, poll: PollDefinition, statusIfNew: PollStatus): Promise<StoredPoll> {
  await tx.query('select pg_advisory_xact_lock($1)', [POLLS_LOCK]);
  const document = JSON.stringify(poll);
  const [current] = await tx.query<{ definition: PollDefinition; same: boolean }>(
    'select definition, definition = $2::jsonb as same from polls where id = $1 for update',
    [poll.id, document],
  );
  const now = new Date().toISOString();
  if (!current) {
    await tx.query('insert into polls (id, definition, status, created_at, updated_at) values ($1, $2, $3, $4, $4)', [poll.id, document, statusIfNew, now]);
    return { id: poll.id, created: true, changed: true };
  }
  if (current.same) return { id: poll.id, created: false, changed: false };
  const changed = changedBallotTerms(current.definition, poll);
  if (changed.length > 0) {
    const [{ has } = { has: false }] = await tx.query<{ has: boolean }>('select exists (select 1 from ballots where poll_id = $1) as has', [poll.id]);
    if (has) {
      throw new Problem(
        409,
        'poll_has_ballots',
        `The poll has ballots: ${changed.join(', ')} may no longer change (titles, descriptions, pictures, links and the schedule may)`,
        changed.map((path): FieldError => ({ path, code: 'poll_has_ballots', message: 'Would change what the cast ballots mean' })),
      );
    }
  }
  await tx.query('update polls set definition = $2, updated_at = $3 where id = $1', [poll.id, document, now]);
  return { id: poll.id, created: false, changed: true };
}

/** The first problem of a refused definition, as one line. */
const firstProblem = (errors: readonly { path: string; message?: string }[]) =>
  errors[0] ? `${errors[0].path || '(the document)'}: ${errors[0].message ?? 'refused'}` : 'refused';

/**
 * Stores every `*.json` in `dir` (POLLS_DIR) at start-up: a new poll opens
 * (its `opens` and `closes` still apply), a changed one is updated by the
 * rules of the office API, its status kept. An unreadable or invalid file,
 * two files of one poll, or a change the poll's ballots forbid stop the
 * start-up: a ConfigError of one line naming the file. All files are checked
 * and stored in one transaction, so a start-up that stops changes nothing.
 */
export async function loadPollsDir(db: Database, dir: string, localities: readonly ResidentLocality[]): Promise<StoredPoll[]> {
  const polls = readDefinitionFiles<PollDefinition>('POLLS_DIR', dir, 'poll', (json) => {
    const { poll, errors } = checkPollDocument(json);
    if (!poll) return { problem: firstProblem(errors) };
    if (poll.residentsOnly && localities.length === 0) return { problem: 'a residents-only poll, but RESIDENT_LOCALITIES (the town\'s places) is not set' };
    return { definition: poll };
  });
  return db.transaction(async (tx) => {
    const stored: StoredPoll[] = [];
    for (const { definition: poll, file } of polls) {
      try {
        stored.push(await storeDefinitionIn(tx, poll, 'open'));
      } catch (error) {
        if (error instanceof Problem) throw new ConfigError(`POLLS_DIR: ${file} cannot be stored: ${error.message}`);
        throw error;
      }
    }
    return stored;
  });
}

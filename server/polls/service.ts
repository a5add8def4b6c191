import { createHash, createHmac, createSecretKey, randomBytes, randomUUID, type KeyObject } from 'node:crypto';
import type { FieldError } from '../../src/contract/error.js';
import type { CastBallot, EligibilityAnswer, PollResults, PollView } from '../../src/contract/polls.js';
import { ballotErrors, type BallotError } from '../../src/polls/ballot.js';
import { parsePollDefinition } from '../../src/polls/check.js';
import type { Ballot, Phase, PollDefinition } from '../../src/polls/definition.js';
import { eligibility, type ResidentLocality, type VoterIdentity } from '../../src/polls/eligibility.js';
import { computeResults, type Tally } from '../../src/polls/results.js';
import { todayInPrague } from '../../src/time/prague.js';
import type { Citizen } from '../http/api-route.js';
import { Problem } from '../http/problem.js';
import { batchedUsage, recordUsage } from '../office/usage.js';
import type { Database, Queryable } from '../storage/database.js';
import { sharedSecret } from '../storage/secrets.js';
import { batched } from '../storage/batch.js';
import { isPollId, storeDefinitionIn, type StoredPoll } from './definitions.js';
import { ballotsCsv, resultsCsv, type BallotRow } from './export.js';
import { phaseOf, resultsArePublic, scheduleOf, type PollPhase, type PollStatus } from './phase.js';
import type { BallotCounts, OfficePoll, OfficePollList, PaperBallots, PaperBatch, PollChange } from './schemas.js';

/** How a voter is told apart: by their identity (verified polls), by their browser's token (anyone polls), a paper ballot. */
export type Channel = 'verified' | 'browser' | 'paper';

/** A ballot to store as it is (seeding, imports): `voter` is an opaque key already, e.g. `seed:123`. */
export interface BallotInsert {
  voter: string;
  channel: Channel;
  plus: string[];
  minus: string[];
  castAt: Date;
}

/** Who is asking: a verified citizen (bearer token), a browser's `X-Voter-Token`, or both or neither. */
export interface Caller {
  citizen?: Citizen;
  /** The raw `X-Voter-Token` header. */
  voterToken?: string;
  /** Called before an anonymous ballot is cast: the per-IP limit (throws 429). */
  throttle?: () => Promise<void>;
}

export interface PollServiceOptions {
  db: Database;
  /** The town's places (RESIDENT_LOCALITIES) for residents-only polls. */
  localities: readonly ResidentLocality[];
  /** The English text of a broken ballot rule (`ballotErrorText('en', …)`). */
  describeBallotError: (error: BallotError, poll: PollDefinition) => string;
  /** The English text of why someone may not vote (`ineligibleText('en', …)`). */
  describeIneligible: (reason: string, minAge?: number) => string;
}

/** A browser's voter token: 8–200 printable ASCII characters (a random id the widget keeps). */
const VOTER_TOKEN = /^[\x21-\x7e]{8,200}$/;
/** A refusal lists at most this many broken rules. */
const MAX_FIELD_ERRORS = 100;

/** A definition as parsed once per change of its poll (its `updated_at`), with what every vote needs of it. */
interface CachedPoll {
  stamp: string;
  poll: PollDefinition;
  opensAt?: number;
  closesAt?: number;
}

/** A poll as one request sees it: the cached definition, the row's status and phase, and the caller's identity claims. */
interface PollState extends CachedPoll {
  status: PollStatus;
  resultsPublishedAt?: Date;
  phase: PollPhase;
  /** The signed-in caller's claims (empty when the broker stored none); undefined when nobody signed in. */
  identity?: VoterIdentity;
}

type StateRow = {
  status: PollStatus;
  results_published_at: Date | null;
  stamp: string;
  definition: PollDefinition | null;
  signed_in: boolean;
  birthdate: string | null;
  address: VoterIdentity['address'] | null;
};

type BatchRow = { id: string; label: string | null; count: number; created_at: Date; request_hash: string; poll_id: string };

/** Thrown inside the paper transaction when a request with the same key stored its batch first: undoes ours. */
class KeyTaken extends Error {}

const iso = (value: Date | string) => new Date(value).toISOString();

function toBatch(row: BatchRow): PaperBatch {
  return { id: row.id, ...(row.label !== null ? { label: row.label } : {}), count: row.count, createdAt: iso(row.created_at) };
}

/**
 * Inserts ballots in one statement per thousand, each ballot's votes in
 * their order; a voter who has a ballot already keeps it (seeding twice
 * changes nothing).
 */
async function insertBallotRows(on: Queryable, pollId: string, ballots: readonly BallotInsert[], paperBatch: string | null = null): Promise<void> {
  for (let from = 0; from < ballots.length; from += 1000) {
    const chunk = ballots.slice(from, from + 1000).map((ballot) => ({ voter: ballot.voter, channel: ballot.channel, plus: ballot.plus, minus: ballot.minus, castAt: iso(ballot.castAt) }));
    await on.query(
      `insert into ballots (poll_id, voter, channel, plus, minus, paper_batch, cast_at)
       select $1, b.voter, b.channel, b.plus, b.minus, $2, b."castAt"
       from jsonb_to_recordset($3::jsonb) as b(voter text, channel text, plus text[], minus text[], "castAt" timestamptz)
       on conflict (poll_id, voter) do nothing`,
      [pollId, paperBatch, JSON.stringify(chunk)],
    );
  }
}

/**
 * Stores a poll (seeding; the office API and POLLS_DIR check more): the
 * definition is checked and stored by the rules of the office API, a new
 * poll with `status` (default `open`); `status` and `resultsPublished`,
 * when given, are set on an existing one too.
 */
export async function storePoll(db: Database, definition: PollDefinition, options: { status?: PollStatus; resultsPublished?: boolean } = {}): Promise<void> {
  const { poll, errors } = parsePollDefinition(definition);
  if (!poll) throw new Error(`Poll "${definition.id}" is not a valid definition: ${errors.map((error) => `${error.path}: ${error.message}`).join('; ')}`);
  await db.transaction(async (tx) => {
    await storeDefinitionIn(tx, poll, options.status ?? 'open');
    if (options.status === undefined && options.resultsPublished === undefined) return;
    await tx.query(
      `update polls set status = coalesce($2, status),
         results_published_at = case when $3::boolean is null then results_published_at when $3 then coalesce(results_published_at, $4::timestamptz) end,
         updated_at = $4
       where id = $1`,
      [poll.id, options.status ?? null, options.resultsPublished ?? null, new Date().toISOString()],
    );
  });
}

/** Stores ballots as they are (seeding): one statement per thousand; a voter key stored already is left as it is. */
export async function insertBallots(db: Database, pollId: string, ballots: BallotInsert[]): Promise<void> {
  await insertBallotRows(db, pollId, ballots);
}

/** What an Idempotency-Key of paper ballots is bound to: which ballots, under which label, for which poll. */
function paperHash(pollId: string, body: PaperBallots): string {
  return createHash('sha256')
    .update(JSON.stringify([pollId, body.label ?? null, body.ballots.map((ballot) => [ballot.plus, ballot.minus])]))
    .digest('base64url');
}

/**
 * Polls and participatory budgets: the public view of a poll, casting,
 * changing and withdrawing a ballot, results, and the office's management,
 * exports and paper ballots.
 *
 * A vote costs two queries: one reads the poll's row with the caller's
 * identity claims (the definition itself only when it changed since this
 * process parsed it), one upserts the ballot on the primary key
 * (poll, voter), so one voter has one current ballot however their requests
 * race.
 */
export function pollService({ db, localities, describeBallotError, describeIneligible }: PollServiceOptions) {
  const cache = new Map<string, CachedPoll>();
  let secret: Promise<KeyObject> | undefined;

  /** The voters' HMAC key, made once and shared by every instance. */
  function voterSecret(): Promise<KeyObject> {
    secret ??= sharedSecret(db, 'polls.voter-key', () => randomBytes(32).toString('base64url')).then(
      (value) => createSecretKey(Buffer.from(value, 'base64url')),
      (error: unknown) => {
        secret = undefined;
        throw error;
      },
    );
    return secret;
  }

  /** The opaque key of a voter in a poll: the table alone does not tell who they are, nor link them across polls. */
  async function voterKey(pollId: string, channel: Channel, who: string): Promise<string> {
    return createHmac('sha256', await voterSecret()).update(`${pollId}:${channel}:${who}`).digest('base64url');
  }

  let day = { readAt: 0, today: '' };
  /** Today in Prague, for age limits; read at most once a second (formatting a date in a time zone is slow). */
  function today(): string {
    const now = Date.now();
    if (now - day.readAt >= 1000) day = { readAt: now, today: todayInPrague(new Date(now)) };
    return day.today;
  }

  /**
   * Polls' rows with their callers' claims, for the requests that came
   * together: one query. A definition is sent (and parsed) only for a row
   * that changed since its stamp was cached.
   */
  const readStates = batched(
    (requests: readonly { pollId: string; subject: string | null; stamp: string | null }[]) =>
      db
        .query<StateRow & { n: number }>(
          `select r.n::int as n, p.status, p.results_published_at, p.updated_at::text as stamp,
             case when p.updated_at = r.stamp::timestamptz then null else p.definition end as definition,
             a.subject is not null as signed_in, a.claims ->> 'birthdate' as birthdate, a.claims -> 'address' as address
           from unnest($1::text[], $2::text[], $3::text[]) with ordinality as r(poll_id, subject, stamp, n)
           join polls p on p.id = r.poll_id
           left join accounts a on a.subject = r.subject`,
          [requests.map((request) => request.pollId), requests.map((request) => request.subject), requests.map((request) => request.stamp)],
        )
        .then((rows) => {
          const byRequest: (StateRow | undefined)[] = requests.map(() => undefined);
          for (const row of rows) byRequest[row.n - 1] = row;
          return byRequest;
        }),
    { concurrency: db.kind === 'postgres' ? 4 : 1 },
  );

  /**
   * Upserts the ballots of the votes that came together in one statement on
   * the primary key (poll, voter): each voter keeps one current ballot. One
   * voter's ballots never share a statement; they apply in the order they came.
   */
  const upsertBallot = batched(
    (ballots: readonly { pollId: string; voter: string; channel: Channel; plus: string[]; minus: string[]; castAt: string }[]) =>
      db
        .query<{ poll_id: string; voter: string; revision: number }>(
          `insert into ballots (poll_id, voter, channel, plus, minus, cast_at)
           select b.poll_id, b.voter, b.channel, b.plus, b.minus, b.cast_at
           from jsonb_to_recordset($1::jsonb) as b(poll_id text, voter text, channel text, plus text[], minus text[], cast_at timestamptz)
           on conflict (poll_id, voter) do update set plus = excluded.plus, minus = excluded.minus, cast_at = excluded.cast_at, revision = ballots.revision + 1
           returning poll_id, voter, revision`,
          [JSON.stringify(ballots.map((ballot) => ({ poll_id: ballot.pollId, voter: ballot.voter, channel: ballot.channel, plus: ballot.plus, minus: ballot.minus, cast_at: ballot.castAt })))],
        )
        .then((rows) => {
          const revisions = new Map(rows.map((row) => [`${row.poll_id}:${row.voter}`, row.revision]));
          return ballots.map((ballot) => revisions.get(`${ballot.pollId}:${ballot.voter}`)!);
        }),
    { concurrency: db.kind === 'postgres' ? 4 : 1, keyOf: (ballot) => `${ballot.pollId}:${ballot.voter}` },
  );

  const recordVote = batchedUsage(db);

  /** The poll (with the caller's claims) as one request sees it; undefined for an unknown poll. */
  async function stateOf(pollId: string, subject?: string): Promise<PollState | undefined> {
    if (!isPollId(pollId)) return undefined;
    const cached = cache.get(pollId);
    const row = await readStates({ pollId, subject: subject ?? null, stamp: cached?.stamp ?? null });
    if (!row) return undefined;
    // no definition: the row is as cached (only a cached stamp can match)
    let entry = cached!;
    if (row.definition !== null) {
      entry = { stamp: row.stamp, poll: row.definition, ...scheduleOf(row.definition) };
      cache.set(pollId, entry);
    }
    const resultsPublishedAt = row.results_published_at ?? undefined;
    let identity: VoterIdentity | undefined;
    if (subject !== undefined) {
      identity = {};
      if (row.signed_in && row.birthdate !== null) identity.birthdate = row.birthdate;
      if (row.signed_in && row.address) identity.address = row.address;
    }
    return {
      ...entry,
      status: row.status,
      ...(resultsPublishedAt ? { resultsPublishedAt } : {}),
      phase: phaseOf({ status: row.status, opensAt: entry.opensAt, closesAt: entry.closesAt, resultsPublished: resultsPublishedAt !== undefined }),
      identity,
    };
  }

  /** The poll as the public may see it: 404 for an unknown poll and a draft. */
  async function publicState(pollId: string, subject?: string): Promise<PollState & { phase: Phase }> {
    const state = await stateOf(pollId, subject);
    if (!state || state.phase === 'draft') throw new Problem(404, 'not_found', 'No such poll');
    return state as PollState & { phase: Phase };
  }

  /** The poll for the office (drafts too); 404 for an unknown one. */
  async function officeState(pollId: string): Promise<PollState> {
    const state = await stateOf(pollId);
    if (!state) throw new Problem(404, 'not_found', 'No such poll');
    return state;
  }

  function eligibilityOf(state: PollState): EligibilityAnswer {
    const { poll, identity } = state;
    // only an age limit needs the day
    return eligibility(poll, identity, { today: poll.minAge !== undefined && identity ? today() : '', localities });
  }

  const validToken = (token: string | undefined): string | undefined => (token !== undefined && VOTER_TOKEN.test(token) ? token : undefined);

  /** 409 unless voting is open now. */
  function assertOpen(state: PollState): void {
    if (state.phase === 'upcoming') throw new Problem(409, 'poll_not_open', `Voting has not started yet${state.poll.opens ? `; it opens at ${state.poll.opens}` : ''}`);
    if (state.phase !== 'open') throw new Problem(409, 'poll_closed', 'Voting has closed');
  }

  /**
   * The key of the one casting or withdrawing a ballot, after the poll's
   * rules on who votes: verified polls need a signed-in citizen (401) the
   * poll is for (403 with the reason as the code); anyone polls a voter
   * token (400).
   */
  async function voterOf(state: PollState, caller: Caller): Promise<{ key: string; channel: Channel }> {
    if (state.poll.voters === 'verified') {
      if (!caller.citizen) {
        throw new Problem(401, 'sign_in_required', 'Sign in (a verified identity) to vote in this poll', undefined, { 'WWW-Authenticate': 'Bearer realm="api"' });
      }
      const allowed = eligibilityOf(state);
      if (!allowed.allowed) throw new Problem(403, allowed.reason!, describeIneligible(allowed.reason!, allowed.minAge));
      return { key: await voterKey(state.poll.id, 'verified', caller.citizen.subject), channel: 'verified' };
    }
    const token = validToken(caller.voterToken);
    if (!token) throw new Problem(400, 'voter_token_required', 'Send an X-Voter-Token header (8–200 printable ASCII characters, random, kept by the browser)');
    return { key: await voterKey(state.poll.id, 'browser', token), channel: 'browser' };
  }

  /** The caller's key in the poll without refusing anyone (the view): undefined when they cannot have a ballot. */
  async function knownVoter(state: PollState, caller: Caller): Promise<string | undefined> {
    if (state.poll.voters === 'verified') return caller.citizen && voterKey(state.poll.id, 'verified', caller.citizen.subject);
    const token = validToken(caller.voterToken);
    return token && voterKey(state.poll.id, 'browser', token);
  }

  /** 422 `invalid_ballot` with one field per broken rule (at `<prefix><option or 'ballot'>`), explained in English. */
  function assertValid(poll: PollDefinition, ballots: readonly Ballot[], prefix: (index: number) => string = () => ''): void {
    const fields: FieldError[] = [];
    ballots.forEach((ballot, index) => {
      for (const error of ballotErrors(poll, ballot)) {
        if (fields.length < MAX_FIELD_ERRORS) fields.push({ path: `${prefix(index)}${error.option ?? 'ballot'}`, code: error.code, message: describeBallotError(error, poll) });
      }
    });
    if (fields.length > 0) throw new Problem(422, 'invalid_ballot', `The ballot breaks ${fields.length === 1 ? 'a rule' : 'rules'} of this poll`, fields);
  }

  async function countsOf(pollId: string, on: Queryable = db): Promise<BallotCounts> {
    const [row] = await on.query<{ total: number; paper: number }>(
      "select count(*)::int as total, count(*) filter (where channel = 'paper')::int as paper from ballots where poll_id = $1",
      [pollId],
    );
    return { total: row!.total, online: row!.total - row!.paper, paper: row!.paper };
  }

  /** Every ballot counted (online and paper), ranked and, with a budget, funded by `computeResults`. */
  async function resultsOf(state: PollState): Promise<PollResults> {
    const [tallies, ballots] = await Promise.all([
      db.query<Tally & Record<string, unknown>>(
        `select option, sum(plus)::int as plus, sum(minus)::int as minus from (
           select unnest(plus) as option, 1 as plus, 0 as minus from ballots where poll_id = $1
           union all
           select unnest(minus) as option, 0 as plus, 1 as minus from ballots where poll_id = $1
         ) votes group by option`,
        [state.poll.id],
      ),
      countsOf(state.poll.id),
    ]);
    const results = computeResults(state.poll, tallies);
    // a draft has no public phase; for the office it is not open yet
    const phase: Phase = state.phase === 'draft' ? 'upcoming' : state.phase;
    return {
      pollId: state.poll.id,
      phase,
      final: phase === 'closed' || phase === 'published',
      ballots,
      rows: results.rows,
      ...(results.budget ? { budget: results.budget } : {}),
      computedAt: new Date().toISOString(),
    };
  }

  async function officePoll(pollId: string, on: Queryable = db): Promise<OfficePoll> {
    const [row] = await on.query<{ definition: PollDefinition; status: PollStatus; results_published_at: Date | null }>(
      'select definition, status, results_published_at from polls where id = $1',
      [pollId],
    );
    if (!row) throw new Problem(404, 'not_found', 'No such poll');
    return {
      definition: row.definition as unknown as Record<string, unknown>,
      status: row.status,
      phase: phaseOf({ status: row.status, ...scheduleOf(row.definition), resultsPublished: row.results_published_at !== null }),
      ...(row.results_published_at ? { resultsPublishedAt: iso(row.results_published_at) } : {}),
      ballots: await countsOf(pollId, on),
    };
  }

  async function batchBy(key: string): Promise<BatchRow | undefined> {
    const [row] = await db.query<BatchRow>('select id, poll_id, label, count, created_at, request_hash from paper_batches where idempotency_key = $1', [key]);
    return row;
  }

  /** The answer to paper ballots whose key was used before: the same batch, or 422 for other ballots. */
  function replay(existing: BatchRow, hash: string): { batch: PaperBatch; replayed: true } {
    if (existing.request_hash !== hash) {
      throw new Problem(422, 'idempotency_key_reused', 'This Idempotency-Key was used for other ballots; use a new key for a new batch');
    }
    return { batch: toBatch(existing), replayed: true };
  }

  return {
    /** The poll as the caller sees it: phase, whether they may vote and why not, their ballot, whether the results are public. */
    async view(pollId: string, caller: Caller): Promise<PollView> {
      const state = await publicState(pollId, caller.citizen?.subject);
      const key = await knownVoter(state, caller);
      let ballot: CastBallot | undefined;
      if (key) {
        const [row] = await db.query<{ plus: string[]; minus: string[]; cast_at: Date }>('select plus, minus, cast_at from ballots where poll_id = $1 and voter = $2', [
          pollId,
          key,
        ]);
        if (row) ballot = { plus: row.plus, minus: row.minus, castAt: iso(row.cast_at) };
      }
      return {
        poll: state.poll,
        phase: state.phase,
        eligibility: eligibilityOf(state),
        ...(ballot ? { ballot } : {}),
        resultsPublic: resultsArePublic(state.poll, state.phase),
      };
    },

    /**
     * Casts or replaces the caller's ballot while the poll is open: 409
     * outside the open phase, 401/403/400 by who may vote, the anonymous
     * limit, 422 for a ballot breaking a rule. One upsert; `created` when the
     * voter had no ballot.
     */
    async cast(pollId: string, ballot: Ballot, caller: Caller): Promise<{ ballot: CastBallot; created: boolean }> {
      const state = await publicState(pollId, caller.citizen?.subject);
      assertOpen(state);
      const voter = await voterOf(state, caller);
      if (voter.channel === 'browser') await caller.throttle?.();
      assertValid(state.poll, [ballot]);
      const castAt = new Date().toISOString();
      const revision = await upsertBallot({ pollId, voter: voter.key, channel: voter.channel, plus: ballot.plus, minus: ballot.minus, castAt });
      if (revision === 1) await recordVote('vote', { at: castAt });
      return { ballot: { plus: ballot.plus, minus: ballot.minus, castAt }, created: revision === 1 };
    },

    /** Withdraws the caller's ballot while the poll is open (the same rules on who votes); whether there was one. */
    async withdraw(pollId: string, caller: Caller): Promise<boolean> {
      const state = await publicState(pollId, caller.citizen?.subject);
      assertOpen(state);
      const voter = await voterOf(state, caller);
      return (await db.query('delete from ballots where poll_id = $1 and voter = $2 returning voter', [pollId, voter.key])).length > 0;
    },

    /** The results, once the poll's `results` setting makes them public (403 `results_not_public` before). */
    async publicResults(pollId: string): Promise<PollResults> {
      const state = await publicState(pollId);
      if (!resultsArePublic(state.poll, state.phase)) {
        throw new Problem(403, 'results_not_public', state.poll.results === 'published' ? 'The town has not published the results yet' : 'The results are public once voting closes');
      }
      return resultsOf(state);
    },

    // ------------------------------------------------------------ the office

    /** Stores the office's definition (checked by the caller): a new poll as a draft. */
    async storeDefinition(poll: PollDefinition): Promise<StoredPoll & { poll: OfficePoll }> {
      return db.transaction(async (tx) => {
        const stored = await storeDefinitionIn(tx, poll, 'draft');
        return { ...stored, poll: await officePoll(poll.id, tx) };
      });
    },

    /** Every poll with its phase and ballots, by id. */
    async officePolls(): Promise<OfficePollList['polls']> {
      const rows = await db.query<{ id: string; definition: PollDefinition; status: PollStatus; results_published_at: Date | null; updated_at: Date; ballots: number }>(
        `select p.id, p.definition, p.status, p.results_published_at, p.updated_at,
           (select count(*) from ballots b where b.poll_id = p.id)::int as ballots
         from polls p order by p.id`,
      );
      return rows.map((row) => ({
        id: row.id,
        title: row.definition.title,
        method: row.definition.method,
        status: row.status,
        phase: phaseOf({ status: row.status, ...scheduleOf(row.definition), resultsPublished: row.results_published_at !== null }),
        ballots: row.ballots,
        updatedAt: iso(row.updated_at),
      }));
    },

    officePoll: (pollId: string) => (isPollId(pollId) ? officePoll(pollId) : Promise.reject(new Problem(404, 'not_found', 'No such poll'))),

    /**
     * Opens, closes or takes back to draft (409 `poll_has_ballots` with
     * ballots), and publishes the results (409 `poll_not_closed` unless the
     * poll is closed then) or takes them back. A poll that is no longer
     * closed loses its publication.
     */
    async changePoll(pollId: string, change: PollChange): Promise<OfficePoll> {
      if (!isPollId(pollId)) throw new Problem(404, 'not_found', 'No such poll');
      return db.transaction(async (tx) => {
        const [row] = await tx.query<{ definition: PollDefinition; status: PollStatus; results_published_at: Date | null }>(
          'select definition, status, results_published_at from polls where id = $1 for update',
          [pollId],
        );
        if (!row) throw new Problem(404, 'not_found', 'No such poll');
        const status = change.status ?? row.status;
        if (status === 'draft' && row.status !== 'draft' && (await countsOf(pollId, tx)).total > 0) {
          throw new Problem(409, 'poll_has_ballots', 'A poll with ballots cannot go back to draft; close it instead');
        }
        const at = new Date();
        const closed = phaseOf({ status, ...scheduleOf(row.definition), resultsPublished: false }, at.getTime()) === 'closed';
        let published = closed ? row.results_published_at : null;
        if (change.resultsPublished === true) {
          if (!closed) throw new Problem(409, 'poll_not_closed', 'Results can be published once the poll is closed');
          published ??= at;
        } else if (change.resultsPublished === false) published = null;
        await tx.query('update polls set status = $2, results_published_at = $3, updated_at = $4 where id = $1', [
          pollId,
          status,
          published && iso(published),
          at.toISOString(),
        ]);
        return officePoll(pollId, tx);
      });
    },

    /** The results in any phase (drafts too). */
    async officeResults(pollId: string): Promise<PollResults> {
      return resultsOf(await officeState(pollId));
    },

    /** The results table as a spreadsheet. */
    async resultsCsv(pollId: string): Promise<string> {
      const state = await officeState(pollId);
      return resultsCsv(state.poll, await resultsOf(state));
    },

    /** Every ballot, anonymous, as a spreadsheet. */
    async ballotsCsv(pollId: string): Promise<string> {
      const state = await officeState(pollId);
      const rows = await db.query<{ voter: string; channel: string; plus: string[]; minus: string[]; cast_at: Date }>(
        'select voter, channel, plus, minus, cast_at from ballots where poll_id = $1',
        [pollId],
      );
      return ballotsCsv(
        state.poll,
        rows.map((row): BallotRow => ({ voter: row.voter, channel: row.channel, plus: row.plus, minus: row.minus, castAt: new Date(row.cast_at) })),
      );
    },

    /**
     * Adds a pile of paper ballots to a poll that is not a draft, all or
     * none: every ballot is checked by the poll's rules (422 `invalid_ballot`
     * at `ballots.<index>.<option or ballot>`). The same key and ballots
     * again give the same batch (two at once still make one: the key is
     * unique); the same key with other ballots is 422.
     */
    async addPaperBallots(pollId: string, body: PaperBallots, key: string): Promise<{ batch: PaperBatch; replayed: boolean }> {
      if (!isPollId(pollId)) throw new Problem(404, 'not_found', 'No such poll');
      const hash = paperHash(pollId, body);
      const earlier = await batchBy(key);
      if (earlier) return replay(earlier, hash);
      try {
        const batch = await db.transaction(async (tx) => {
          // shares the poll's row lock with votes: the definition cannot change until this commits
          const [row] = await tx.query<{ definition: PollDefinition; status: PollStatus }>('select definition, status from polls where id = $1 for share', [pollId]);
          if (!row) throw new Problem(404, 'not_found', 'No such poll');
          if (row.status === 'draft') throw new Problem(409, 'poll_is_draft', 'Paper ballots can be added once the poll is no longer a draft');
          assertValid(row.definition, body.ballots, (index) => `ballots.${index}.`);
          const id = randomUUID();
          const createdAt = new Date();
          const [inserted] = await tx.query<BatchRow>(
            `insert into paper_batches (id, poll_id, label, count, idempotency_key, request_hash, created_at) values ($1, $2, $3, $4, $5, $6, $7)
             on conflict (idempotency_key) do nothing returning id, poll_id, label, count, created_at, request_hash`,
            [id, pollId, body.label ?? null, body.ballots.length, key, hash, createdAt.toISOString()],
          );
          if (!inserted) throw new KeyTaken();
          await insertBallotRows(
            tx,
            pollId,
            body.ballots.map((ballot) => ({ voter: `paper:${randomUUID()}`, channel: 'paper', plus: ballot.plus, minus: ballot.minus, castAt: createdAt })),
            id,
          );
          await recordUsage(tx, 'vote', { at: createdAt, count: body.ballots.length });
          return toBatch(inserted);
        });
        return { batch, replayed: false };
      } catch (error) {
        if (!(error instanceof KeyTaken)) throw error;
        return replay((await batchBy(key))!, hash);
      }
    },

    /** The poll's batches of paper ballots, oldest first. */
    async paperBatches(pollId: string): Promise<PaperBatch[]> {
      await officeState(pollId);
      const rows = await db.query<BatchRow>(
        'select id, poll_id, label, count, created_at, request_hash from paper_batches where poll_id = $1 order by created_at, id',
        [pollId],
      );
      return rows.map(toBatch);
    },

    /** Deletes a batch of paper ballots with its ballots; whether there was one. */
    async deletePaperBatch(pollId: string, batchId: string): Promise<boolean> {
      await officeState(pollId);
      return (await db.query('delete from paper_batches where id = $1 and poll_id = $2 returning id', [batchId, pollId])).length > 0;
    },
  };
}

export type PollService = ReturnType<typeof pollService>;

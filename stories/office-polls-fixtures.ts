import type { FieldError } from '../src/contract/error.js';
import type { BallotCounts, OfficePoll, PollChange } from '../src/contract/office-polls.js';
import type { StaffMe } from '../src/contract/office.js';
import { parsePollDefinition } from '../src/polls/check.js';
import type { PollDefinition } from '../src/polls/definition.js';
import { BUDGET_CHOICE, D21_STEPPER, EVENTS, resultsOf, SQUARE_NAME, TALLIES } from './poll-fixtures.js';

/** Alena Svobodová, the demo town's clerk. */
export const CLERK: StaffMe = { id: 'alena', name: 'Alena Svobodová', roles: ['fees', 'forms', 'polls', 'feedback'] };

/** A poll as the fixture backend keeps it. */
export interface StoredPoll {
  definition: PollDefinition;
  status: 'draft' | 'open' | 'closed';
  resultsPublishedAt?: string;
  ballots: BallotCounts;
  updatedAt: string;
}

const count = (id: string, paper = 0): BallotCounts => {
  const total = Math.max(0, ...(TALLIES[id] ?? []).map((tally) => tally.plus)) + 40;
  return { total, online: total - paper, paper };
};

/** The demo town's polls: one open, one closed, one with published results, one draft without ballots. */
export function officePolls(): Map<string, StoredPoll> {
  const copy = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;
  // the stories' pictures are inline data; a stored poll has https or site paths
  const budget = copy(BUDGET_CHOICE);
  budget.options = budget.options.map((option) => (option.image ? { ...option, image: `/obrazky/${option.id}.svg` } : option));
  return new Map<string, StoredPoll>([
    [SQUARE_NAME.id, { definition: copy(SQUARE_NAME), status: 'open', ballots: count(SQUARE_NAME.id), updatedAt: '2027-03-02T08:00:00Z' }],
    [EVENTS.id, { definition: copy(EVENTS), status: 'closed', ballots: count(EVENTS.id, 25), updatedAt: '2027-05-01T07:30:00Z' }],
    [
      BUDGET_CHOICE.id,
      { definition: budget, status: 'closed', resultsPublishedAt: '2027-04-10T09:00:00Z', ballots: count(BUDGET_CHOICE.id), updatedAt: '2027-04-10T09:00:00Z' },
    ],
    [D21_STEPPER.id, { definition: copy(D21_STEPPER), status: 'draft', ballots: { total: 0, online: 0, paper: 0 }, updatedAt: '2027-02-20T10:00:00Z' }],
  ]);
}

/** How the fixture backend of the office's polls answers. */
export interface OfficePollsBackend {
  polls?: Map<string, StoredPoll>;
  /** `GET /office/polls`: the polls (default), a failure, or never. */
  list?: 'ok' | 'error' | 'pending';
  /** `PUT /office/polls/:id`: by the shared checks (default), 422 with these fields, 409 poll_has_ballots, or a lost connection. */
  put?: 'ok' | { refuse: FieldError[] } | 'has-ballots' | 'offline';
  /** "Now" for phases (default 2027-03-15). */
  now?: string;
  /** Every request answered: method, path, body and headers. */
  log?: { method: string; path: string; body?: unknown; headers: Headers }[];
}

function json(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' } });
}

const problem = (status: number, code: string, fields?: FieldError[]) => json({ error: { code, message: code, ...(fields ? { fields } : {}) } }, status);

function phaseOf(poll: StoredPoll, now: number): OfficePoll['phase'] {
  if (poll.status === 'draft') return 'draft';
  const closes = poll.definition.closes ? Date.parse(poll.definition.closes) : Infinity;
  if (poll.status === 'closed' || closes <= now) return poll.resultsPublishedAt ? 'published' : 'closed';
  const opens = poll.definition.opens ? Date.parse(poll.definition.opens) : -Infinity;
  return opens > now ? 'upcoming' : 'open';
}

/**
 * A `fetch` answering the office's polls API (`/office/polls…`) from
 * fixtures: definitions checked by the same rules as the server
 * (`src/polls/check.ts`), phases and publication by the server's rules.
 */
export function officePollsFetch(backend: OfficePollsBackend = {}): typeof fetch {
  backend.polls ??= officePolls();
  const polls = backend.polls;
  const now = Date.parse(backend.now ?? '2027-03-15T12:00:00Z');
  const view = (poll: StoredPoll): OfficePoll => ({
    definition: poll.definition as unknown as Record<string, unknown>,
    status: poll.status,
    phase: phaseOf(poll, now),
    ...(poll.resultsPublishedAt ? { resultsPublishedAt: poll.resultsPublishedAt } : {}),
    ballots: poll.ballots,
  });
  return async (input, init) => {
    const request = new Request(input, init);
    const url = new URL(request.url);
    const path = url.pathname.replace(/^.*?(?=\/office\/)/, '');
    const text = request.method === 'GET' ? '' : await request.text();
    const body: unknown = text ? JSON.parse(text) : undefined;
    backend.log?.push({ method: request.method, path, body, headers: request.headers });
    if (!request.headers.get('Authorization')) return problem(401, 'missing_token');

    if (path === '/office/polls') {
      if (backend.list === 'pending') return new Promise<Response>(() => {});
      if (backend.list === 'error') return problem(500, 'internal');
      const rows = [...polls.values()]
        .sort((a, b) => (a.updatedAt < b.updatedAt ? 1 : -1))
        .map((poll) => ({ id: poll.definition.id, title: poll.definition.title, method: poll.definition.method, status: poll.status, phase: phaseOf(poll, now), ballots: poll.ballots.total, updatedAt: poll.updatedAt }));
      return json({ polls: rows });
    }
    const match = /^\/office\/polls\/([^/]+)(\/results|\/results\.csv|\/ballots\.csv)?$/.exec(path);
    if (!match) return problem(404, 'not_found');
    const id = decodeURIComponent(match[1]!);
    const poll = polls.get(id);

    if (request.method === 'PUT') {
      const outcome = backend.put ?? 'ok';
      if (outcome === 'offline') throw new TypeError('Failed to fetch');
      if (outcome === 'has-ballots') return problem(409, 'poll_has_ballots');
      if (typeof outcome === 'object') return problem(422, 'invalid_definition', outcome.refuse);
      const { poll: definition, errors } = parsePollDefinition(body);
      if (!definition) return problem(422, 'invalid_definition', errors);
      if (definition.id !== id) return problem(422, 'invalid_definition', [{ path: 'id', code: 'id_mismatch', message: `Expected "${id}"` }]);
      const stored: StoredPoll = poll
        ? { ...poll, definition, updatedAt: '2027-03-15T12:00:00Z' }
        : { definition, status: 'draft', ballots: { total: 0, online: 0, paper: 0 }, updatedAt: '2027-03-15T12:00:00Z' };
      polls.set(id, stored);
      return json(view(stored), poll ? 200 : 201);
    }
    if (!poll) return problem(404, 'not_found');
    if (request.method === 'PATCH') {
      const change = body as PollChange;
      if (change.status === 'draft' && poll.ballots.total > 0) return problem(409, 'poll_has_ballots');
      if (change.status) {
        poll.status = change.status;
        if (change.status !== 'closed') delete poll.resultsPublishedAt;
      }
      if (change.resultsPublished === true) {
        const phase = phaseOf(poll, now);
        if (phase !== 'closed' && phase !== 'published') return problem(409, 'poll_not_closed');
        poll.resultsPublishedAt ??= '2027-03-15T12:00:00Z';
      } else if (change.resultsPublished === false) delete poll.resultsPublishedAt;
      poll.updatedAt = '2027-03-15T12:00:00Z';
      return json(view(poll));
    }
    if (match[2] === '/results') {
      const phase = phaseOf(poll, now);
      return json(resultsOf(poll.definition, TALLIES[id] ?? [], { phase: phase === 'draft' ? 'upcoming' : phase, paper: poll.ballots.paper }));
    }
    if (match[2]) {
      const name = `${id}-${match[2].slice(1)}`;
      const csv = match[2] === '/results.csv' ? '\ufeffrank;option;title;plus;minus;score;excluded\r\n1;lipove;Lipové náměstí;112;0;112;false\r\n' : '\ufeffballot;channel;date;lipove\r\n1;online;2027-03-02;1\r\n';
      return new Response(csv, { headers: { 'Content-Type': 'text/csv; charset=utf-8', 'Content-Disposition': `attachment; filename="${name}"` } });
    }
    return json(view(poll));
  };
}

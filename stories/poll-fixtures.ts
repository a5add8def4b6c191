import type { FieldError } from '../src/contract/error.js';
import type { CastBallot, EligibilityAnswer, PollResults, PollView } from '../src/contract/polls.js';
import { ballotErrors } from '../src/polls/ballot.js';
import type { Ballot, Phase, PollDefinition } from '../src/polls/definition.js';
import { computeResults, type Tally } from '../src/polls/results.js';

/** A small picture for project cards, drawn inline so stories and tests need no network. */
const picture = (color: string, shape: string) =>
  `data:image/svg+xml,${encodeURIComponent(`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 160 90"><rect width="160" height="90" fill="${color}"/>${shape}</svg>`)}`;

/** One choice, open to anyone (not verified), results live. */
export const SQUARE_NAME: PollDefinition = {
  id: 'nazev-namesti',
  title: { cs: 'Jak pojmenovat nové náměstí?', en: 'What should the new square be called?' },
  description: { cs: 'Nové náměstí u školy potřebuje jméno. Vyberte to, které se vám líbí nejvíc.', en: 'The new square by the school needs a name. Choose the one you like best.' },
  method: 'single',
  options: [
    { id: 'lipove', title: { cs: 'Lipové náměstí', en: 'Linden Square' } },
    { id: 'skolni', title: { cs: 'Školní náměstí', en: 'School Square' } },
    { id: 'hvezdarske', title: { cs: 'Náměstí Hvězdářů', en: 'Astronomers’ Square' } },
  ],
  voters: 'anyone',
  closes: '2027-03-31T23:59:00+02:00',
  results: 'live',
};

/** Several choices (1 to 3), verified citizens, results after closing. */
export const EVENTS: PollDefinition = {
  id: 'akce-2027',
  title: { cs: 'Které akce chcete v roce 2027?', en: 'Which events do you want in 2027?' },
  question: { cs: 'Vyberte akce, které obec uspořádá', en: 'Choose the events the town will hold' },
  method: 'multiple',
  minChoices: 1,
  maxChoices: 3,
  options: [
    { id: 'masopust', title: { cs: 'Masopust', en: 'Carnival' } },
    { id: 'kino', title: { cs: 'Letní kino', en: 'Open-air cinema' } },
    { id: 'posviceni', title: { cs: 'Posvícení', en: 'Village feast' } },
    { id: 'jarmark', title: { cs: 'Vánoční jarmark', en: 'Christmas market' } },
    { id: 'beh', title: { cs: 'Běh kolem rybníka', en: 'Run around the pond' } },
  ],
  voters: 'verified',
  closes: '2027-04-30T23:59:00+02:00',
  results: 'after-close',
};

const PROJECTS: PollDefinition['options'] = [
  {
    id: 'hriste',
    title: { cs: 'Hřiště u rybníka', en: 'Playground by the pond' },
    description: { cs: 'Houpačky, pískoviště a lavičky pro rodiče.\n\nNavrhla Jana Veselá.', en: 'Swings, a sandpit and benches for parents.\n\nProposed by Jana Veselá.' },
    image: picture('#2e7d32', '<circle cx="50" cy="55" r="20" fill="#fdd835"/><rect x="95" y="30" width="40" height="45" fill="#8d6e63"/>'),
    imageAlt: { cs: 'Náčrt hřiště s pískovištěm a skluzavkou', en: 'A sketch of the playground with a sandpit and a slide' },
    cost: 800_000,
    link: '/projekty/hriste',
  },
  {
    id: 'lampy',
    title: { cs: 'Lampy na cestě ke škole', en: 'Lamps on the way to school' },
    description: { cs: 'Šest úsporných lamp na nejtmavším úseku.', en: 'Six low-energy lamps on the darkest stretch.' },
    image: picture('#1a237e', '<circle cx="80" cy="30" r="12" fill="#fff59d"/><rect x="77" y="40" width="6" height="45" fill="#cfd8dc"/>'),
    imageAlt: { cs: 'Pouliční lampa v noci', en: 'A street lamp at night' },
    cost: 600_000,
  },
  {
    id: 'stromy',
    title: { cs: 'Stromořadí v Luční ulici', en: 'Trees along Meadow Street' },
    description: { cs: 'Dvacet lip podél chodníku.', en: 'Twenty lindens along the pavement.' },
    cost: 300_000,
  },
  {
    id: 'knihobudka',
    title: { cs: 'Knihobudka na návsi', en: 'A book box on the green' },
    description: { cs: 'Stará telefonní budka jako knihovna pro všechny.', en: 'An old phone box as a library for everyone.' },
    cost: 50_000,
  },
  {
    id: 'parkoviste',
    title: { cs: 'Parkoviště u hřbitova', en: 'A car park by the cemetery' },
    description: { cs: 'Dvanáct míst se zámkovou dlažbou.', en: 'Twelve spaces, paved.' },
    cost: 900_000,
  },
];

/** A participatory budget by D21 (Děčín's rules: 3 plus, 1 minus after 2 plus), verified residents from 15, results when published, shuffled. */
export const BUDGET_D21: PollDefinition = {
  id: 'rozpocet-2027',
  title: { cs: 'Participativní rozpočet 2027', en: 'Participatory budget 2027' },
  description: { cs: 'Rozdělte 1,5 milionu korun mezi projekty občanů.', en: 'Share 1.5 million crowns among citizens’ projects.' },
  method: 'd21',
  d21: { plus: 3, minus: 1, minusAfter: 2, excludeWhenMinusExceedsPlus: true },
  budget: { total: 1_500_000 },
  options: PROJECTS,
  voters: 'verified',
  residentsOnly: true,
  minAge: 15,
  opens: '2027-03-01T00:00:00+01:00',
  closes: '2027-03-31T23:59:00+02:00',
  results: 'published',
  shuffle: true,
};

/** D21 with Ďáblice-like rules: 4 plus votes (at most 2 on one option), 2 minus votes only after all plus votes, ranking by plus votes. */
export const D21_STEPPER: PollDefinition = {
  id: 'priority-2027',
  title: { cs: 'Priority obce na rok 2027', en: 'The town’s priorities for 2027' },
  method: 'd21',
  d21: { plus: 4, minus: 2, maxPlusPerOption: 2, minusAfter: 'all', ranking: 'plus' },
  options: [
    { id: 'chodniky', title: { cs: 'Opravit chodníky', en: 'Repair pavements' } },
    { id: 'skolka', title: { cs: 'Rozšířit školku', en: 'Enlarge the nursery' } },
    { id: 'bus', title: { cs: 'Častější autobus', en: 'More frequent buses' } },
    { id: 'koupaliste', title: { cs: 'Nové koupaliště', en: 'A new swimming pool' } },
  ],
  voters: 'verified',
  results: 'live',
};

/** A participatory budget by choice of projects within the money (at most 3 projects, at least 500 000 Kč spent). */
export const BUDGET_CHOICE: PollDefinition = {
  id: 'projekty-2027',
  title: { cs: 'Projekty pro Javornou Lhotu', en: 'Projects for Javorná Lhota' },
  method: 'budget',
  budget: { total: 1_000_000, minSpend: 500_000, maxProjects: 3 },
  options: PROJECTS,
  voters: 'verified',
  results: 'published',
};

export const POLLS = [SQUARE_NAME, EVENTS, BUDGET_D21, D21_STEPPER, BUDGET_CHOICE];

/** Results as the server computes them, from tallies per option. */
export function resultsOf(poll: PollDefinition, tallies: Tally[], { phase = 'published' as Phase, paper = 0 } = {}): PollResults {
  const total = Math.max(...tallies.map((tally) => tally.plus), 0) + 40;
  const { rows, budget } = computeResults(poll, tallies);
  return {
    pollId: poll.id,
    phase,
    final: phase === 'closed' || phase === 'published',
    ballots: { total, online: total - paper, paper },
    rows,
    ...(budget ? { budget } : {}),
    computedAt: '2027-03-15T12:00:00Z',
  };
}

export const TALLIES: Record<string, Tally[]> = {
  [SQUARE_NAME.id]: [
    { option: 'lipove', plus: 112, minus: 0 },
    { option: 'skolni', plus: 64, minus: 0 },
    { option: 'hvezdarske', plus: 31, minus: 0 },
  ],
  [EVENTS.id]: [
    { option: 'masopust', plus: 140, minus: 0 },
    { option: 'kino', plus: 188, minus: 0 },
    { option: 'posviceni', plus: 97, minus: 0 },
    { option: 'jarmark', plus: 203, minus: 0 },
    { option: 'beh', plus: 45, minus: 0 },
  ],
  [BUDGET_D21.id]: [
    { option: 'hriste', plus: 412, minus: 35 },
    { option: 'lampy', plus: 380, minus: 12 },
    { option: 'stromy', plus: 290, minus: 40 },
    { option: 'knihobudka', plus: 150, minus: 22 },
    { option: 'parkoviste', plus: 96, minus: 188 },
  ],
  [D21_STEPPER.id]: [
    { option: 'chodniky', plus: 260, minus: 10 },
    { option: 'skolka', plus: 240, minus: 5 },
    { option: 'bus', plus: 120, minus: 60 },
    { option: 'koupaliste', plus: 80, minus: 150 },
  ],
  [BUDGET_CHOICE.id]: [
    { option: 'hriste', plus: 310, minus: 0 },
    { option: 'lampy', plus: 290, minus: 0 },
    { option: 'stromy', plus: 250, minus: 0 },
    { option: 'knihobudka', plus: 120, minus: 0 },
    { option: 'parkoviste', plus: 60, minus: 0 },
  ],
};

/** A fixture backend of one poll: its view, the voter's ballot, and how it answers a vote. */
export interface PollBackend {
  poll?: PollDefinition | 'missing' | 'error' | 'pending';
  phase?: Phase;
  /** Who the server says may vote; by default anyone in `anyone` polls, signed-in citizens in verified ones. */
  eligibility?: EligibilityAnswer;
  /** The voter's current ballot. */
  ballot?: CastBallot;
  resultsPublic?: boolean;
  results?: PollResults | 'error';
  /**
   * How `PUT …/ballot` answers: by the rules (`ok`, the default: 422 for a
   * ballot that breaks one), a lost connection, 422 with these fields
   * whatever the ballot, 409 because the poll closed, or never.
   */
  cast?: 'ok' | 'offline' | { refuse: FieldError[] } | 'closed' | 'pending';
  /** When the fixture "saves" a vote. */
  castAt?: string;
  /** Every request answered: method, path, body and headers. */
  log?: { method: string; path: string; body?: unknown; headers: Headers }[];
}

function json(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' } });
}

const problem = (status: number, code: string, fields?: FieldError[]) => json({ error: { code, message: code, ...(fields ? { fields } : {}) } }, status);

/**
 * A `fetch` answering the polls API for one poll from fixtures, checking a
 * vote by the same rules as the server (`src/polls/ballot.ts`).
 */
export function pollFetch(backend: PollBackend = {}): typeof fetch {
  return async (input, init) => {
    const request = new Request(input, init);
    const url = new URL(request.url);
    // below whatever base the portal's api has: /api, /test-api, …
    const path = url.pathname.replace(/^.*?(?=\/polls\/)/, '');
    const body = request.method === 'PUT' ? await request.json() : undefined;
    backend.log?.push({ method: request.method, path, body, headers: request.headers });
    const poll = backend.poll ?? SQUARE_NAME;
    if (poll === 'pending') return new Promise<Response>(() => {});
    if (poll === 'error') return problem(500, 'internal');
    if (poll === 'missing' || !path.startsWith(`/polls/${poll.id}`)) return problem(404, 'not_found');
    const phase = backend.phase ?? 'open';
    const signedIn = request.headers.has('Authorization');
    const eligibility = backend.eligibility ?? (poll.voters === 'anyone' || signedIn ? { allowed: true } : { allowed: false, reason: 'sign_in_required' as const });

    if (path.endsWith('/results')) {
      const results = backend.results ?? resultsOf(poll, TALLIES[poll.id] ?? [], { phase });
      return results === 'error' ? problem(500, 'internal') : json(results);
    }
    if (path.endsWith('/ballot')) {
      if (request.method === 'DELETE') {
        const deleted = backend.ballot !== undefined;
        backend.ballot = undefined;
        return json({ deleted });
      }
      const cast = backend.cast ?? 'ok';
      if (cast === 'pending') return new Promise<Response>(() => {});
      if (cast === 'offline') throw new TypeError('Failed to fetch');
      if (cast === 'closed') return problem(409, 'poll_closed');
      if (typeof cast === 'object') return problem(422, 'invalid_ballot', cast.refuse);
      if (poll.voters === 'verified' && !signedIn) return problem(401, 'sign_in_required');
      if (poll.voters === 'anyone' && !request.headers.get('X-Voter-Token')) return problem(400, 'voter_token_required');
      const ballot = body as Ballot;
      const errors = ballotErrors(poll, ballot);
      if (errors.length > 0) return problem(422, 'invalid_ballot', errors.map((error) => ({ path: error.option ?? 'ballot', code: error.code, message: error.code })));
      const replaced = backend.ballot !== undefined;
      backend.ballot = { plus: ballot.plus, minus: ballot.minus, castAt: backend.castAt ?? '2027-03-10T08:30:00Z' };
      return json({ ballot: backend.ballot }, replaced ? 200 : 201);
    }
    const view: PollView = {
      poll,
      phase,
      eligibility,
      ...(backend.ballot && eligibility.allowed ? { ballot: backend.ballot } : {}),
      resultsPublic: backend.resultsPublic ?? (poll.results === 'live' ? phase !== 'upcoming' : poll.results === 'after-close' ? phase === 'closed' || phase === 'published' : phase === 'published'),
    };
    return json(view);
  };
}

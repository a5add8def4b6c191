/**
 * The demo town's ballots, made up by a seeded random generator: the same
 * ballots on every run (only the moments of casting follow today), each
 * passing `ballotErrors`. demo/seed-polls.ts stores them; a unit test checks
 * what they add up to.
 *
 * | poll         | ballots                                  | cast                   |
 * |--------------|------------------------------------------|------------------------|
 * | pb-2026      | 400 verified, each a budget of its own   | April 2026             |
 * | pb-2027      | 250 verified and 40 on paper, D21        | since voting opened    |
 * | autobus-2027 | 120 from browsers                        | the last three weeks   |
 * | hriste-2027  | 80 verified, one or two choices          | the last three weeks   |
 *
 * The voter keys are fixed (`seed:pb-2027:0001`, `seed:pb-2027:paper-0001`, …).
 * In pb-2027 the larger car park at the cemetery gets more minus than plus
 * votes (excluded), and the top-down funding skips the pump track, which no
 * longer fits, for cheaper projects below it.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ballotErrors, plusBlocked } from '../src/polls/ballot.js';
import { parsePollDefinition } from '../src/polls/check.js';
import type { Ballot, PollDefinition } from '../src/polls/definition.js';
import { random } from './random.js';

/** A ballot to seed: what the backend's `insertBallots` takes (`BallotInsert`). */
export interface SeedBallot {
  voter: string;
  channel: 'verified' | 'browser' | 'paper';
  plus: string[];
  minus: string[];
  castAt: Date;
}

/** A demo poll with its ballots; `closed` with its results published for last year's budget. */
export interface SeededPoll {
  poll: PollDefinition;
  closed?: boolean;
  ballots: SeedBallot[];
}

const POLLS_DIR = resolve(import.meta.dirname, 'polls');

/** A demo poll, checked as the backend checks it. */
export function demoPoll(id: string): PollDefinition {
  const { poll, errors } = parsePollDefinition(JSON.parse(readFileSync(join(POLLS_DIR, `${id}.json`), 'utf8')));
  if (!poll) throw new Error(`demo/polls/${id}.json: ${errors.map((error) => `${error.path} ${error.message}`).join('; ')}`);
  return poll;
}

/** One of the ids, each as likely as its weight; undefined when none is left. */
function pick(next: () => number, weights: Record<string, number>, except: ReadonlySet<string> = new Set()): string | undefined {
  const entries = Object.entries(weights).filter(([id, weight]) => weight > 0 && !except.has(id));
  let left = next() * entries.reduce((sum, [, weight]) => sum + weight, 0);
  for (const [id, weight] of entries) if ((left -= weight) < 0) return id;
  return entries.at(-1)?.[0];
}

/** How many, by the shares of 1, 2, 3, … (`[0.1, 0.2, 0.7]`: one in ten gives one vote). */
function howMany(next: () => number, shares: readonly number[]): number {
  let left = next();
  for (const [index, share] of shares.entries()) if ((left -= share) < 0) return index + 1;
  return shares.length;
}

/** A single or multiple-choice ballot: `count` different options by weight. */
function choices(next: () => number, weights: Record<string, number>, count: number): Ballot {
  const plus: string[] = [];
  while (plus.length < count) plus.push(pick(next, weights, new Set(plus))!);
  return { plus, minus: [] };
}

/**
 * A D21 ballot by the poll's rules: one to all plus votes, and now and then a
 * minus vote once the plus votes unlock it.
 */
function d21Ballot(next: () => number, poll: PollDefinition, plusWeights: Record<string, number>, minusWeights: Record<string, number>, minusShare: number): Ballot {
  const ballot = choices(next, plusWeights, howMany(next, [0.08, 0.17, 0.75]));
  if (next() < minusShare) {
    const minus = pick(next, minusWeights, new Set(ballot.plus));
    if (minus !== undefined && ballotErrors(poll, { plus: ballot.plus, minus: [minus] }).length === 0) ballot.minus.push(minus);
  }
  return ballot;
}

/**
 * A budget of one's own: projects in the order one likes them, each taken
 * while it fits, until the ballot spends at least `minSpend`; then perhaps one
 * or two more that still fit.
 */
function budgetBallot(next: () => number, poll: PollDefinition, weights: Record<string, number>): Ballot {
  const ballot: Ballot = { plus: [], minus: [] };
  const spent = () => ballot.plus.reduce((sum, id) => sum + (poll.options.find((option) => option.id === id)?.cost ?? 0), 0);
  const tried = new Set<string>();
  for (let id = pick(next, weights); id !== undefined; id = pick(next, weights, tried)) {
    tried.add(id);
    const enough = spent() >= (poll.budget?.minSpend ?? 0);
    if (enough && next() < 0.45) break;
    if (!plusBlocked(poll, ballot, id)) ballot.plus.push(id);
  }
  return ballot;
}

/** `count` moments between `from` and `to`, in order. */
function moments(next: () => number, count: number, from: number, to: number): Date[] {
  return Array.from({ length: count }, () => from + next() * (to - from))
    .sort((a, b) => a - b)
    .map((time) => new Date(Math.floor(time / 1000) * 1000));
}

/** The ballots as the backend's `insertBallots` takes them, each checked by the poll's rules. */
function inserts(poll: PollDefinition, channel: SeedBallot['channel'], prefix: string, ballots: Ballot[], castAt: Date[]): SeedBallot[] {
  return ballots.map((ballot, index) => {
    const errors = ballotErrors(poll, ballot);
    if (errors.length > 0) throw new Error(`seed ballot ${index + 1} of ${poll.id} breaks the rules: ${errors.map((error) => error.code).join(', ')} (${JSON.stringify(ballot)})`);
    return { voter: `seed:${poll.id}:${prefix}${String(index + 1).padStart(4, '0')}`, channel, plus: ballot.plus, minus: ballot.minus, castAt: castAt[index]! };
  });
}

const DAY = 24 * 60 * 60 * 1000;
const HOUR = 60 * 60 * 1000;

/** The four demo polls and their ballots, cast before `now`. */
export function demoBallots(now: number = Date.now()): SeededPoll[] {
  const recent = (next: () => number, count: number) => moments(next, count, now - 21 * DAY, now - HOUR);
  const seeded: SeededPoll[] = [];

  // Last year's participatory budget: closed, results published.
  {
    const poll = demoPoll('pb-2026');
    const next = random(2026);
    const weights = { 'herni-prvky': 9, defibrilator: 7, 'zastavka-dolni-konec': 6, stromoradi: 5, klubovna: 4, molo: 3.5, 'stojany-kola': 2 };
    const ballots = Array.from({ length: 400 }, () => budgetBallot(next, poll, weights));
    seeded.push({ poll, closed: true, ballots: inserts(poll, 'verified', '', ballots, moments(next, 400, Date.parse(poll.opens!), Date.parse(poll.closes!))) });
  }

  // This year's: open, by D21, online and one pile of paper ballots typed in at the town office.
  {
    const poll = demoPoll('pb-2027');
    const next = random(2027);
    const plus = { 'chodnik-ke-skole': 10, posilovna: 6.2, pumptrack: 5.4, 'ovocny-sad': 4.6, 'lavicky-naves': 4.2, knihobudka: 3, 'parkoviste-hrbitov': 1.6 };
    const minus = { 'parkoviste-hrbitov': 14, pumptrack: 3, posilovna: 1, knihobudka: 1, 'chodnik-ke-skole': 0.5, 'ovocny-sad': 0.5, 'lavicky-naves': 0.5 };
    const to = Math.min(now - HOUR, Date.parse(poll.closes!));
    const from = Math.min(Date.parse(poll.opens!), to - DAY);
    const online = Array.from({ length: 250 }, () => d21Ballot(next, poll, plus, minus, 0.4));
    // residents without the national identity vote on paper, and like the benches and the book box more
    const paperPlus = { ...plus, 'lavicky-naves': 7, knihobudka: 5, pumptrack: 2 };
    const paper = Array.from({ length: 40 }, () => d21Ballot(next, poll, paperPlus, minus, 0.3));
    const typedIn = new Date(Math.floor(Math.max(from, to - 2 * DAY) / 1000) * 1000);
    seeded.push({
      poll,
      ballots: [...inserts(poll, 'verified', '', online, moments(next, 250, from, to)), ...inserts(poll, 'paper', 'paper-', paper, paper.map(() => typedIn))],
    });
  }

  {
    const poll = demoPoll('autobus-2027');
    const next = random(120);
    const weights = { denne: 3, tydne: 4, mesicne: 5, vyjimecne: 3, nejezdim: 2 };
    const ballots = Array.from({ length: 120 }, () => choices(next, weights, 1));
    seeded.push({ poll, ballots: inserts(poll, 'browser', '', ballots, recent(next, 120)) });
  }

  {
    const poll = demoPoll('hriste-2027');
    const next = random(80);
    const weights = { 'lanova-pyramida': 6, hnizdo: 5, trampolina: 4, piskoviste: 3, pingpong: 2 };
    const ballots = Array.from({ length: 80 }, () => choices(next, weights, howMany(next, [0.3, 0.7])));
    seeded.push({ poll, ballots: inserts(poll, 'verified', '', ballots, recent(next, 80)) });
  }
  return seeded;
}

/**
 * Seeds the demo town's polls (demo/polls/*.json, also the demo's
 * POLLS_DIR) and their ballots (./poll-ballots.ts) through the backend's
 * seeding helpers, no SQL of its own: a poll not stored yet is stored open,
 * last year's participatory budget is closed with its results published.
 * The voter keys are fixed and the backend keeps a voter's stored ballot, so
 * running the seed again adds nothing.
 */
import { insertBallots, storePoll } from '../server/polls/service.js';
import type { Database } from '../server/storage/database.js';
import { demoBallots } from './poll-ballots.js';

export async function seedPolls(db: Database, now: number = Date.now()): Promise<void> {
  for (const { poll, closed, ballots } of demoBallots(now)) {
    await storePoll(db, poll, closed ? { status: 'closed', resultsPublished: true } : {});
    await insertBallots(db, poll.id, ballots);
  }
}

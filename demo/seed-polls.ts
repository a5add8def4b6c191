/**
 * Seeds the demo town's polls (demo/polls/*.json, also the demo's
 * POLLS_DIR) and their ballots (./poll-ballots.ts) through the backend's
 * seeding helpers, no SQL of its own: a poll not stored yet is stored open,
 * last year's participatory budget is closed with its results published,
 * and the naming of the new square (demo/office/namesti-2027.json) waits
 * as a draft for the office to open it.
 * The voter keys are fixed and the backend keeps a voter's stored ballot, so
 * running the seed again adds nothing.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { insertBallots, storePoll } from '../server/polls/service.js';
import type { Database } from '../server/storage/database.js';
import type { PollDefinition } from '../src/polls/definition.js';
import { demoBallots } from './poll-ballots.js';

export async function seedPolls(db: Database, now: number = Date.now()): Promise<void> {
  for (const { poll, closed, ballots } of demoBallots(now)) {
    await storePoll(db, poll, closed ? { status: 'closed', resultsPublished: true } : {});
    await insertBallots(db, poll.id, ballots);
  }
  // a poll the office prepared and has not opened yet (the office walkthrough opens it): stored once, as a draft
  const draft = JSON.parse(readFileSync(join(import.meta.dirname, 'office/namesti-2027.json'), 'utf8')) as PollDefinition;
  const [stored] = await db.query('select 1 from polls where id = $1', [draft.id]);
  if (!stored) await storePoll(db, draft, { status: 'draft' });
}

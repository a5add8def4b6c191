import * as z from 'zod/mini';
import { BallotSchema } from '../../src/contract/polls.js';
import { TextSchema } from '../../src/forms/definition.js';
import { PhaseSchema, PollMethodSchema } from '../../src/polls/definition.js';

/**
 * The office's side of polls (not used by the widgets, so not in
 * `src/contract/`): managing definitions and phases, paper ballots.
 */

export const PollStatusSchema = z.enum(['draft', 'open', 'closed']);

/** The public phase, or `draft` while the poll is not public. */
export const OfficePhaseSchema = z.union([PhaseSchema, z.literal('draft')]);

/** How many ballots a poll has: online (verified and browser) and paper. */
export const BallotCountsSchema = z.object({ total: z.number(), online: z.number(), paper: z.number() });
export type BallotCounts = z.infer<typeof BallotCountsSchema>;

/** `GET /office/polls/:id` (and the answer to `PUT` and `PATCH`): the definition as stored, its status and phase, its ballots. */
export const OfficePollSchema = z.object({
  definition: z.record(z.string(), z.unknown()),
  status: PollStatusSchema,
  phase: OfficePhaseSchema,
  resultsPublishedAt: z.optional(z.string()),
  ballots: BallotCountsSchema,
});
export type OfficePoll = z.infer<typeof OfficePollSchema>;

/** `GET /office/polls`: every poll, newest change first. */
export const OfficePollListSchema = z.object({
  polls: z.array(
    z.object({
      id: z.string(),
      title: TextSchema,
      method: PollMethodSchema,
      status: PollStatusSchema,
      phase: OfficePhaseSchema,
      ballots: z.number(),
      updatedAt: z.string(),
    }),
  ),
});
export type OfficePollList = z.infer<typeof OfficePollListSchema>;

/**
 * `PATCH /office/polls/:id`: open, close or take back to draft, and publish
 * (or take back) the results.
 */
export const PollChangeSchema = z.strictObject({
  status: z.optional(PollStatusSchema),
  resultsPublished: z.optional(z.boolean()),
});
export type PollChange = z.infer<typeof PollChangeSchema>;

/** The most ballots one request of paper ballots may bring. */
export const MAX_PAPER_BALLOTS = 10_000;

/** `POST /office/polls/:id/paper-ballots`: a pile of paper ballots, with a label the office finds it by. */
export const PaperBallotsSchema = z.object({
  label: z.optional(z.string().check(z.maxLength(200))),
  ballots: z.array(BallotSchema).check(z.minLength(1), z.maxLength(MAX_PAPER_BALLOTS)),
});
export type PaperBallots = z.infer<typeof PaperBallotsSchema>;

/** One stored batch of paper ballots. */
export const PaperBatchSchema = z.object({
  id: z.string(),
  label: z.optional(z.string()),
  count: z.number(),
  createdAt: z.string(),
});
export type PaperBatch = z.infer<typeof PaperBatchSchema>;

export const PaperBatchResponseSchema = z.object({ batch: PaperBatchSchema });
export const PaperBatchListSchema = z.object({ batches: z.array(PaperBatchSchema) });

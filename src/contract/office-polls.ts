import * as z from 'zod/mini';
import { BallotSchema } from './polls.js';
import { AnyObjectSchema, LooseTextSchema } from './loose.js';
import type { Phase, PollMethod } from '../polls/definition.js';

/**
 * The office's side of polls: managing definitions and phases, paper
 * ballots (`<obec-office>` and the server).
 */

export const PollStatusSchema = /* @__PURE__ */ z.enum(['draft', 'open', 'closed']);

/** The public phase, or `draft` while the poll is not public. */
export const OfficePhaseSchema = /* @__PURE__ */ z.enum(['upcoming', 'open', 'closed', 'published', 'draft']);

/**
 * The methods as src/polls/definition.ts has them, and the phases plus
 * `draft`: copies checked by the types below, so the office's screens do not
 * split the citizens' poll definitions into a chunk of their own.
 */
const PollMethodSchema = /* @__PURE__ */ z.enum(['single', 'multiple', 'd21', 'budget']);
type Assert<T extends true> = T;
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
export type SamePollEnums = [Assert<Same<PollMethod, z.infer<typeof PollMethodSchema>>>, Assert<Same<Phase | 'draft', z.infer<typeof OfficePhaseSchema>>>];

/** How many ballots a poll has: online (verified and browser) and paper. */
export const BallotCountsSchema = /* @__PURE__ */ z.object({ total: z.number(), online: z.number(), paper: z.number() });
export type BallotCounts = z.infer<typeof BallotCountsSchema>;

/** `GET /office/polls/:id` (and the answer to `PUT` and `PATCH`): the definition as stored, its status and phase, its ballots. */
export const OfficePollSchema = /* @__PURE__ */ z.object({
  definition: AnyObjectSchema,
  status: PollStatusSchema,
  phase: OfficePhaseSchema,
  resultsPublishedAt: z.optional(z.string()),
  ballots: BallotCountsSchema,
});
export type OfficePoll = z.infer<typeof OfficePollSchema>;

/** `GET /office/polls`: every poll, newest change first. */
export const OfficePollListSchema = /* @__PURE__ */ z.object({
  polls: z.array(
    z.object({
      id: z.string(),
      title: LooseTextSchema,
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
export const PollChangeSchema = /* @__PURE__ */ z.strictObject({
  status: z.optional(PollStatusSchema),
  resultsPublished: z.optional(z.boolean()),
});
export type PollChange = z.infer<typeof PollChangeSchema>;

/** The most ballots one request of paper ballots may bring. */
export const MAX_PAPER_BALLOTS = 10_000;

/** `POST /office/polls/:id/paper-ballots`: a pile of paper ballots, with a label the office finds it by. */
export const PaperBallotsSchema = /* @__PURE__ */ z.object({
  label: z.optional(/* @__PURE__ */ z.string().check(z.maxLength(200))),
  ballots: /* @__PURE__ */ z.array(BallotSchema).check(z.minLength(1), z.maxLength(MAX_PAPER_BALLOTS)),
});
export type PaperBallots = z.infer<typeof PaperBallotsSchema>;

/** One stored batch of paper ballots. */
export const PaperBatchSchema = /* @__PURE__ */ z.object({
  id: z.string(),
  label: z.optional(z.string()),
  count: z.number(),
  createdAt: z.string(),
});
export type PaperBatch = z.infer<typeof PaperBatchSchema>;

export const PaperBatchResponseSchema = /* @__PURE__ */ z.object({ batch: PaperBatchSchema });
export const PaperBatchListSchema = /* @__PURE__ */ z.object({ batches: z.array(PaperBatchSchema) });

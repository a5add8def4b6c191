import * as z from 'zod/mini';
import { PhaseSchema, type PollDefinition } from '../polls/definition.js';

/**
 * Polls and participatory budgets. A ballot is checked by the server with
 * the rules the widget shows (`src/polls/ballot.ts`): a broken rule gives 422
 * `invalid_ballot`, one field error per rule, `path` being the option id (or
 * `ballot`) and `code` the rule (`too_many_plus`, `minus_too_early`, …).
 *
 * Who votes:
 * - `verified` polls: the bearer token of a signed-in citizen; one current
 *   ballot per identity. Without one 401 `sign_in_required`; a citizen the
 *   poll is not for gets 403 with the reason as the code (`under_age`,
 *   `not_resident`, `birthdate_unknown`, `address_unknown`).
 * - `anyone` polls: the header `X-Voter-Token` (8–200 characters, a random
 *   id the widget keeps in the browser); one current ballot per token.
 *
 * Voting outside the open phase: 409 `poll_not_open` (not yet) or
 * `poll_closed`. Results the town has not made public yet: 403
 * `results_not_public`. A poll that does not exist or is a draft: 404.
 */

const tested = <T>(test: (value: unknown) => boolean) => z.refine(test) as unknown as z.ZodMiniType<T>;
const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * A ballot as sent and as stored: option ids with a plus vote (an id twice for
 * two plus votes where the rules allow) and with a minus vote (d21 only).
 */
export const BallotSchema = z.object({
  plus: z.array(z.string()),
  minus: z.array(z.string()),
});

/** The voter's current ballot and when it was cast (last changed). */
export const CastBallotSchema = z.object({
  plus: z.array(z.string()),
  minus: z.array(z.string()),
  castAt: z.string(),
});
export type CastBallot = z.infer<typeof CastBallotSchema>;

/** Whether the one asking may vote, and if not, why (see the codes above). */
export const EligibilitySchema = z.object({
  allowed: z.boolean(),
  reason: z.optional(z.enum(['sign_in_required', 'under_age', 'birthdate_unknown', 'not_resident', 'address_unknown'])),
  minAge: z.optional(z.number()),
});
export type EligibilityAnswer = z.infer<typeof EligibilitySchema>;

/**
 * `GET {api}/polls/:id` (a bearer token or `X-Voter-Token` optional): the
 * poll, its phase, whether the one asking may vote, their current ballot,
 * and whether the results are public yet. The definition was checked in full
 * when the office stored it; the widget checks the shape it walks.
 */
export const PollViewSchema = z.object({
  poll: tested<PollDefinition>(
    (value) => isRecord(value) && typeof value.id === 'string' && typeof value.method === 'string' && Array.isArray(value.options) && value.options.every((option) => isRecord(option) && typeof option.id === 'string'),
  ),
  phase: PhaseSchema,
  eligibility: EligibilitySchema,
  ballot: z.optional(CastBallotSchema),
  resultsPublic: z.boolean(),
});
export type PollView = z.infer<typeof PollViewSchema>;

/** `PUT {api}/polls/:id/ballot`: the ballot stored (201 the first time, 200 when it replaced one). */
export const CastResponseSchema = z.object({ ballot: CastBallotSchema });
export type CastResponse = z.infer<typeof CastResponseSchema>;

/** `DELETE {api}/polls/:id/ballot`: whether there was a ballot to withdraw (the same rules on who votes as casting). */
export const WithdrawResponseSchema = z.object({ deleted: z.boolean() });
export type WithdrawResponse = z.infer<typeof WithdrawResponseSchema>;

/** One option's result, in ranking order (see `computeResults`). */
export const ResultRowSchema = z.object({
  option: z.string(),
  plus: z.number(),
  minus: z.number(),
  score: z.number(),
  rank: z.optional(z.number()),
  excluded: z.boolean(),
  funded: z.optional(z.boolean()),
  cost: z.optional(z.number()),
});

/**
 * `GET {api}/polls/:id/results`: the ranking (and, with a budget, the funded
 * projects) computed by the server from every ballot, online and paper.
 * `final` once the poll has closed.
 */
export const PollResultsSchema = z.object({
  pollId: z.string(),
  phase: PhaseSchema,
  final: z.boolean(),
  ballots: z.object({ total: z.number(), online: z.number(), paper: z.number() }),
  rows: z.array(ResultRowSchema),
  budget: z.optional(z.object({ total: z.number(), allocated: z.number() })),
  computedAt: z.string(),
});
export type PollResults = z.infer<typeof PollResultsSchema>;

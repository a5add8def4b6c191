import * as z from 'zod/mini';
import { TextSchema } from '../forms/definition.js';

/**
 * The poll definition format: one JSON document per poll or participatory
 * budget, stored by the office (API or `POLLS_DIR`) and checked on the server
 * by {@link parsePollDefinition} (`./check.ts`). The README's "Polls" section
 * documents it with examples.
 *
 * Methods:
 * - `single`: one option;
 * - `multiple`: `minChoices` to `maxChoices` options;
 * - `d21`: plus and minus votes by the rules in `d21` (the Janeček method);
 * - `budget`: projects within `budget.total` (and at least `budget.minSpend`).
 *
 * With `budget`, any method becomes a participatory budget: the results fund
 * the projects top-down by score, skipping those that no longer fit.
 */

const matching = /* @__NO_SIDE_EFFECTS__ */ (pattern: RegExp) => z.string().check(z.refine((value) => pattern.test(value)));
const whole = /* @__NO_SIDE_EFFECTS__ */ (min: number) => z.number().check(z.refine((value) => Number.isInteger(value) && value >= min));
/** Whole crowns. */
const crowns = /* @__PURE__ */ z.number().check(z.refine((value) => Number.isSafeInteger(value) && value >= 0));
/** An ISO 8601 moment with its offset: `2027-03-01T00:00:00+01:00`. */
const Moment = /* @__PURE__ */ matching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/);

/** Poll ids are lower case: letters, digits and `-`. Option ids: a letter or digit, then letters, digits, `_` or `-`. */
export const PollIdSchema = /* @__PURE__ */ matching(/^[a-z0-9][a-z0-9-]{0,63}$/);
export const OptionIdSchema = /* @__PURE__ */ matching(/^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/);

/** An answer of a poll, or a project of a participatory budget. */
export const PollOptionSchema = /* @__PURE__ */ z.strictObject({
  id: OptionIdSchema,
  title: TextSchema,
  /** A paragraph or two: what the project does, who proposed it. Plain text; blank lines separate paragraphs. */
  description: z.optional(TextSchema),
  /** A picture of the project: an https (or root-relative) URL. */
  image: z.optional(matching(/^(https:\/\/|\/(?!\/))\S+$/)),
  /** What the picture shows, for those who cannot see it; required with `image`. */
  imageAlt: z.optional(TextSchema),
  /** The project's cost in whole crowns; required when the poll has a `budget`. */
  cost: z.optional(crowns),
  /** A page with more about the project. */
  link: z.optional(matching(/^(https?:\/\/|\/(?!\/))\S+$/)),
});
export type PollOption = z.infer<typeof PollOptionSchema>;

/**
 * The D21 rules, which differ from town to town:
 * - `plus` and `minus` votes per voter (e.g. 3 and 1; `minus: 0` for none);
 * - `maxPlusPerOption`: at most this many plus votes on one option (default 1);
 * - `minusAfter`: a minus vote only after this many plus votes, or `"all"`:
 *   after all plus votes are used (default: at any time);
 * - `ranking`: `net` (plus minus minus; ties broken by more plus votes) or
 *   `plus` (plus votes; ties broken by fewer minus votes); default `net`;
 * - `excludeWhenMinusExceedsPlus`: an option with more minus than plus votes
 *   is not ranked (nor funded).
 */
export const D21RulesSchema = /* @__PURE__ */ z.strictObject({
  plus: whole(1),
  minus: whole(0),
  maxPlusPerOption: z.optional(whole(1)),
  minusAfter: z.optional(z.union([whole(0), z.literal('all')])),
  ranking: z.optional(z.enum(['net', 'plus'])),
  excludeWhenMinusExceedsPlus: z.optional(z.boolean()),
});
export type D21Rules = z.infer<typeof D21RulesSchema>;

/**
 * A participatory budget: `total` to give out (whole crowns). With the
 * `budget` method a ballot's projects must cost at most `total` together, at
 * least `minSpend` when set, and number at most `maxProjects` when set.
 */
export const BudgetSchema = /* @__PURE__ */ z.strictObject({
  total: crowns,
  minSpend: z.optional(crowns),
  maxProjects: z.optional(whole(1)),
});
export type Budget = z.infer<typeof BudgetSchema>;

export const PollMethodSchema = /* @__PURE__ */ z.enum(['single', 'multiple', 'd21', 'budget']);
export type PollMethod = z.infer<typeof PollMethodSchema>;

/**
 * When results are visible to the public: `live` (while voting), `after-close`
 * (once the poll closes) or `published` (when the office publishes them).
 * The office sees them always.
 */
export const ResultsVisibilitySchema = /* @__PURE__ */ z.enum(['live', 'after-close', 'published']);
export type ResultsVisibility = z.infer<typeof ResultsVisibilitySchema>;

/**
 * Who may vote: `anyone` (one vote per browser, not verified: the widget says
 * so) or `verified` (one vote per NIA identity). A verified poll may be for
 * the town's residents only (from the identity's address, matched against
 * the backend's `RESIDENT_LOCALITIES`) and from `minAge` years (from the
 * birth date, on the day of voting in Prague).
 */
export const VotersSchema = /* @__PURE__ */ z.enum(['anyone', 'verified']);
export type Voters = z.infer<typeof VotersSchema>;

export const PollDefinitionSchema = /* @__PURE__ */ z.strictObject({
  id: PollIdSchema,
  title: TextSchema,
  /** What is asked and why; plain text, blank lines separate paragraphs. */
  description: z.optional(TextSchema),
  /** For a `single` or `multiple` poll: the question itself, if the title is not it. */
  question: z.optional(TextSchema),
  method: PollMethodSchema,
  options: z.array(PollOptionSchema),
  /** `multiple`: at least this many options (default 1). */
  minChoices: z.optional(whole(1)),
  /** `multiple`: at most this many options (default: all). */
  maxChoices: z.optional(whole(1)),
  /** `d21`: the rules. */
  d21: z.optional(D21RulesSchema),
  budget: z.optional(BudgetSchema),
  voters: VotersSchema,
  residentsOnly: z.optional(z.boolean()),
  minAge: z.optional(whole(1)),
  /** Voting opens at this moment (default: as soon as the office opens the poll). */
  opens: z.optional(Moment),
  /** Voting closes at this moment (default: when the office closes the poll). */
  closes: z.optional(Moment),
  results: ResultsVisibilitySchema,
  /** Show the options in a random order, different for each voter (and the same for them on every visit). */
  shuffle: z.optional(z.boolean()),
});
export type PollDefinition = z.infer<typeof PollDefinitionSchema>;

/**
 * A ballot: the option ids given a plus vote (an id twice for two plus votes
 * where `maxPlusPerOption` allows it) and those given a minus vote (`d21`
 * only). For `single`, `multiple` and `budget` polls the choices are `plus`.
 */
export interface Ballot {
  plus: string[];
  minus: string[];
}

/**
 * A poll's phase for the public: `upcoming` (open, before `opens`), `open`,
 * `closed` (after `closes` or closed by the office) and `published` (results
 * published by the office). A draft is not public.
 */
export const PhaseSchema = /* @__PURE__ */ z.enum(['upcoming', 'open', 'closed', 'published']);
export type Phase = z.infer<typeof PhaseSchema>;

/** The effective D21 rules with their defaults. */
export function d21Rules(poll: PollDefinition): Required<Omit<D21Rules, 'minusAfter'>> & { minusAfter: number | 'all' } {
  const rules = poll.d21 ?? { plus: 1, minus: 0 };
  return {
    plus: rules.plus,
    minus: rules.minus,
    maxPlusPerOption: rules.maxPlusPerOption ?? 1,
    minusAfter: rules.minusAfter ?? 0,
    ranking: rules.ranking ?? 'net',
    excludeWhenMinusExceedsPlus: rules.excludeWhenMinusExceedsPlus ?? false,
  };
}

import * as z from 'zod/mini';

/**
 * The usage indicators a town judges its e-services by (`<obec-indicators>`).
 *
 * `GET {api}/indicators?from=YYYY-MM-DD&to=YYYY-MM-DD&interval=day|week|month`
 * (both days included, in Prague time; default: the last 30 days by day) and
 * `GET {api}/indicators.csv` with the same query (one row per interval, a
 * header row, `;`-separated, UTF-8 with BOM, for a spreadsheet). Public when
 * the town sets `INDICATORS_PUBLIC=true`; otherwise any staff member's token
 * (401 anonymous, 403 a citizen). A period longer than 3 years or `from`
 * after `to` answers 400 `invalid_period`.
 *
 * Computed from usage events the backend records as things happen (no
 * person, no IP address, no cookie in them) and from the broker's accounts
 * (first sign-in time only).
 */

/** The citizen services whose uses are counted. */
export const SERVICES = ['payment', 'submission', 'vote', 'report', 'rating'] as const;
export const ServiceSchema = /* @__PURE__ */ z.enum(SERVICES);
export type Service = z.infer<typeof ServiceSchema>;

export const IntervalSchema = /* @__PURE__ */ z.enum(['day', 'week', 'month']);
export type Interval = z.infer<typeof IntervalSchema>;

/** Uses of each service. */
const UsesSchema = /* @__PURE__ */ z.object({
  payment: z.number(),
  submission: z.number(),
  vote: z.number(),
  report: z.number(),
  rating: z.number(),
});

/** One interval of the trend: its first day and what happened in it. */
export const IndicatorPointSchema = /* @__PURE__ */ z.object({
  /** First day of the interval (a Monday for weeks, the 1st for months), clipped to the period. */
  start: z.string(),
  /** Page views of pages with widgets. */
  visits: z.number(),
  /** Citizens who signed in for the first time. */
  newCitizens: z.number(),
  /** Sign-ins (every one, not distinct people). */
  signIns: z.number(),
  uses: UsesSchema,
  /** Sum of paid payments in CZK. */
  paymentAmount: z.number(),
  /** Minutes saved in the interval. */
  minutesSaved: z.number(),
});
export type IndicatorPoint = z.infer<typeof IndicatorPointSchema>;

export const IndicatorsSchema = /* @__PURE__ */ z.object({
  from: z.string(),
  to: z.string(),
  interval: IntervalSchema,
  /** The town's population as configured (`TOWN_POPULATION`); absent when not set. */
  population: z.optional(z.number()),
  citizens: z.object({
    /** Citizens who had signed in at least once by the end of the period. */
    signedIn: z.number(),
    /** Of them, those whose first sign-in fell into the period. */
    newInPeriod: z.number(),
    /** `signedIn / population` (0–1); absent without a population. */
    share: z.optional(z.number()),
  }),
  /** Page views of pages with widgets in the period (no cookies, no personal data). */
  visits: z.number(),
  signIns: z.number(),
  uses: UsesSchema,
  /** Paid payments: how many and the sum in CZK. */
  payments: z.object({ count: z.number(), amount: z.number() }),
  /** The service used most in the period; absent when nothing was used. Ties go to the order of SERVICES. */
  mostFrequent: z.optional(ServiceSchema),
  /** Minutes saved per use as the town set them (`MINUTES_SAVED`), and the total: Σ minutes × uses. */
  minutesSaved: z.object({ perUse: UsesSchema, total: z.number() }),
  series: z.array(IndicatorPointSchema),
});
export type Indicators = z.infer<typeof IndicatorsSchema>;

/**
 * `POST {api}/visits` (anyone, CORS, no credentials): one page view of a page
 * with widgets, sent once per page load by `<obec-portal>` (attribute
 * `count-visits="off"` turns it off). The backend stores the day, the
 * time, and the page's origin and path (no query, no fragment, at most 300
 * characters), nothing about the visitor. Answers 204; floods from one
 * address 429 (`VISITS_PER_MINUTE`).
 */
export const VisitSchema = /* @__PURE__ */ z.object({
  /** `location.origin + location.pathname` of the page. */
  page: /* @__PURE__ */ z.string().check(z.maxLength(2000)),
});
export type Visit = z.infer<typeof VisitSchema>;

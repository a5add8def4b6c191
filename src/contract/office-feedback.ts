import * as z from 'zod/mini';
import { CategorySchema, PublicReportSchema, ReportEventSchema, ReportStateSchema } from './feedback.js';
import { IdentitySchema } from './office-forms.js';

/**
 * The office's side of ratings and problem reports (`<obec-office>` and the
 * server).
 */

/** A category as the office defines it: a code of lower-case letters, digits and dashes, names of at most 200 characters. */
const Localized = /* @__PURE__ */ z.object({ cs: /* @__PURE__ */ z.string().check(z.minLength(1), z.maxLength(200)), en: z.optional(/* @__PURE__ */ z.string().check(z.minLength(1), z.maxLength(200))) });
const LongLocalized = /* @__PURE__ */ z.object({ cs: /* @__PURE__ */ z.string().check(z.maxLength(2000)), en: z.optional(/* @__PURE__ */ z.string().check(z.maxLength(2000))) });
export const OfficeCategorySchema = /* @__PURE__ */ z.strictObject({
  code: /* @__PURE__ */ z.string().check(z.regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'lower-case letters, digits and dashes, at most 63')),
  name: Localized,
  description: z.optional(LongLocalized),
  department: /* @__PURE__ */ z.string().check(z.minLength(1), z.maxLength(200)),
  group: z.optional(Localized),
});
export const OfficeCategoryListSchema = /* @__PURE__ */ z.strictObject({ categories: /* @__PURE__ */ z.array(OfficeCategorySchema).check(z.maxLength(200)) });
export type OfficeCategoryList = z.infer<typeof OfficeCategoryListSchema>;
export { CategorySchema };

/** What the reporter gave to be reached at. */
export const ContactSchema = /* @__PURE__ */ z.object({ name: z.optional(z.string()), email: z.optional(z.string()), phone: z.optional(z.string()) });

/** One step of a report's life as the office sees it: with the reporter's comment. */
export const OfficeReportEventSchema = /* @__PURE__ */ z.object({ ...ReportEventSchema.shape, comment: z.optional(z.string()) });

/** A report as the office handles it: who reported it (identity, contact), its history, the last reply. */
export const OfficeReportSchema = /* @__PURE__ */ z.object({
  ...PublicReportSchema.shape,
  department: z.optional(z.string()),
  contact: z.optional(ContactSchema),
  signedIn: z.boolean(),
  identity: z.optional(IdentitySchema),
  reply: z.optional(z.string()),
  awaitingConfirmation: z.boolean(),
  history: z.array(OfficeReportEventSchema),
});
export type OfficeReport = z.infer<typeof OfficeReportSchema>;
export const OfficeReportListSchema = /* @__PURE__ */ z.object({ reports: z.array(OfficeReportSchema) });

/** `PATCH /office/reports/:id`: a new state, a reply to the reporter (shown publicly with the report), or both. */
export const OfficeReportChangeSchema = /* @__PURE__ */ z.object({
  state: z.optional(ReportStateSchema),
  reply: z.optional(/* @__PURE__ */ z.string().check(z.maxLength(2000))),
});
export type OfficeReportChange = z.infer<typeof OfficeReportChangeSchema>;

export const OfficeReportQuerySchema = /* @__PURE__ */ z.object({ state: z.optional(ReportStateSchema), category: z.optional(z.string()) });

/** `GET /office/ratings`: per target, the clicks and the comments. */
export const RatingSummarySchema = /* @__PURE__ */ z.object({
  from: z.optional(z.string()),
  to: z.optional(z.string()),
  targets: z.array(
    z.object({
      target: z.string(),
      yes: z.number(),
      no: z.number(),
      comments: z.array(z.object({ at: z.string(), helpful: z.boolean(), comment: z.string() })),
    }),
  ),
});
export type RatingSummary = z.infer<typeof RatingSummarySchema>;
export const RatingQuerySchema = /* @__PURE__ */ z.object({ from: z.optional(z.string()), to: z.optional(z.string()) });

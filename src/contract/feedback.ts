import * as z from 'zod/mini';

/**
 * Satisfaction ratings and problem reports. Spam and abuse are kept out
 * without CAPTCHAs (they fail accessibility): every public POST carries a
 * honeypot field `website` that people leave empty (a filled one is answered
 * 201 as if stored, and dropped), rate limits per client IP and per signed-in
 * identity (429 `rate_limited`), and size limits (413). Reports without a
 * signed-in citizen are allowed and marked anonymous.
 */

/** A text in Czech, or in Czech and English. */
const LocalizedSchema = z.object({ cs: z.string(), en: z.optional(z.string()) });

// ---------------------------------------------------------------- ratings

/**
 * `POST {api}/ratings` (no sign-in needed): "Pomohla vám tato stránka?"
 * `target` names what is rated: a page path (`/poplatky.html`) or a service
 * id (`fee-payment`), at most 200 characters. `comment` at most 1000.
 * Answer 201 `{ id }`; the comment may follow later by `PATCH
 * {api}/ratings/:id` with the `editToken` of the answer, within an hour.
 */
export const RatingSchema = z.object({
  target: z.string(),
  helpful: z.boolean(),
  comment: z.optional(z.string()),
  website: z.optional(z.string()),
});
export type Rating = z.infer<typeof RatingSchema>;

export const RatingResponseSchema = z.object({ id: z.string(), editToken: z.string() });
export type RatingResponse = z.infer<typeof RatingResponseSchema>;

/** `PATCH {api}/ratings/:id` with header `X-Edit-Token`: a comment added after the click (answered with {@link RatingResponseSchema}). */
export const RatingCommentSchema = z.object({ comment: z.string() });

// ---------------------------------------------------------------- reports

/** The states a report goes through; `solved` asks the reporter "is it really fixed?". */
export const ReportStateSchema = z.enum(['received', 'in-progress', 'solved', 'rejected']);
export type ReportState = z.infer<typeof ReportStateSchema>;

/** `GET {api}/report-categories`: what a citizen can report, each going to an office department. */
export const CategorySchema = z.object({
  code: z.string(),
  name: LocalizedSchema,
  description: z.optional(LocalizedSchema),
  /** The office department the category's reports go to, e.g. "Odbor správy majetku". */
  department: z.string(),
  /** A group of categories, e.g. "Silnice a chodníky". */
  group: z.optional(LocalizedSchema),
});
export type Category = z.infer<typeof CategorySchema>;
export const CategoryListSchema = z.object({ categories: z.array(CategorySchema) });

/** A point in WGS 84. */
export const PointSchema = z.object({ lat: z.number(), lon: z.number() });
export type Point = z.infer<typeof PointSchema>;

/**
 * `GET {api}/town`: what the widgets need to place a report: the town's
 * boundary (a polygon of [lat, lon] points; a report outside it is refused,
 * 422 `outside_town`), the map's centre and zoom, and the tile servers
 * (`{z}/{x}/{y}` URL templates with their attribution; none: no map, the
 * address and location button still work).
 */
export const TownAreaSchema = z.object({
  name: z.string(),
  boundary: z.array(z.array(z.number())),
  center: PointSchema,
  zoom: z.number(),
  tiles: z.optional(z.object({ url: z.string(), attribution: z.string(), maxZoom: z.number() })),
});
export type TownArea = z.infer<typeof TownAreaSchema>;

/** `GET {api}/places?q=Náves` : addresses in the town matching the text (at most 10), for the address search. */
export const PlaceSchema = z.object({ label: z.string(), lat: z.number(), lon: z.number() });
export type Place = z.infer<typeof PlaceSchema>;
export const PlaceListSchema = z.object({ places: z.array(PlaceSchema) });

/**
 * `POST {api}/report-photos` (body: the image, `Content-Type` its type,
 * header `X-File-Name`): a photo for a report, at most REPORT_PHOTO_MAX_BYTES
 * (413 `file_too_large`), JPEG, PNG or WebP by its content (415
 * `unsupported_type`). It is stored without its metadata (GPS position,
 * camera, times: EXIF, XMP, IPTC, comments), keeping only its orientation.
 * Answer 201 with the photo's id; unclaimed photos are deleted after a day.
 */
export const PhotoResponseSchema = z.object({ id: z.string(), type: z.string(), size: z.number() });
export type PhotoResponse = z.infer<typeof PhotoResponseSchema>;

/**
 * `POST {api}/reports` with an `Idempotency-Key` (a bearer token optional):
 * a problem in town. `description` 10–2000 characters; at most 3 photos;
 * `contact` optional (pre-filled when signed in). Answer 201 with the
 * report and `followToken`, which lets this browser follow an anonymous
 * report (header `X-Follow-Token`).
 */
export const NewReportSchema = z.object({
  category: z.string(),
  description: z.string(),
  location: z.object({ lat: z.number(), lon: z.number(), address: z.optional(z.string()) }),
  photos: z.array(z.string()),
  contact: z.optional(z.object({ name: z.optional(z.string()), email: z.optional(z.string()), phone: z.optional(z.string()) })),
  website: z.optional(z.string()),
});
export type NewReport = z.infer<typeof NewReportSchema>;

/** One step of a report's life: a state change or a reply of the office, or the reporter's answer. */
export const ReportEventSchema = z.object({
  at: z.string(),
  state: z.optional(ReportStateSchema),
  /** The office's reply to the reporter, shown publicly with the report. */
  reply: z.optional(z.string()),
  /** `office`, `reporter` (reopened or confirmed) or `system`. */
  by: z.enum(['office', 'reporter', 'system']),
  /** The reporter's answer to "is it really fixed?". */
  confirmed: z.optional(z.boolean()),
  /** What the reporter wrote when they reopened the report. */
  comment: z.optional(z.string()),
});
export type ReportEvent = z.infer<typeof ReportEventSchema>;

/** A report as the public (and Open311) may see it: no contact, no identity. */
export const PublicReportSchema = z.object({
  id: z.string(),
  /** `2026/000042`. */
  reference: z.string(),
  category: z.string(),
  description: z.string(),
  location: z.object({ lat: z.number(), lon: z.number(), address: z.optional(z.string()) }),
  state: ReportStateSchema,
  createdAt: z.string(),
  updatedAt: z.string(),
  /** Photo URLs (metadata stripped). */
  photos: z.array(z.string()),
  /** How many others said "I see it too". */
  supporters: z.number(),
  anonymous: z.boolean(),
});
export type PublicReport = z.infer<typeof PublicReportSchema>;

/** A report as its reporter sees it: with its history and whether it waits for their confirmation. */
export const OwnReportSchema = z.object({
  ...PublicReportSchema.shape,
  history: z.array(ReportEventSchema),
  /** `solved` and not yet answered: the widget asks "is it really fixed?". */
  awaitingConfirmation: z.boolean(),
});
export type OwnReport = z.infer<typeof OwnReportSchema>;

export const CreatedReportSchema = z.object({ report: OwnReportSchema, followToken: z.string() });
export type CreatedReport = z.infer<typeof CreatedReportSchema>;

/**
 * `GET {api}/reports/nearby?lat=&lon=&category=`: open reports (received, in
 * progress) within 150 m, nearest first, at most 5, with their distance:
 * shown before sending, so a citizen can add to one instead.
 */
export const NearbyListSchema = z.object({ reports: z.array(z.object({ ...PublicReportSchema.shape, distance: z.number() })) });

/**
 * `POST {api}/reports/:id/support` (Idempotency-Key; bearer optional):
 * "I see it too", instead of a duplicate report. Counted once per signed-in
 * identity, or per browser by its `X-Voter-Token` (the random id the widgets
 * keep in the browser; without it, per Idempotency-Key).
 */
export const SupportResponseSchema = z.object({ supporters: z.number() });

/**
 * `GET {api}/reports/mine` (signed in): the citizen's reports, newest first.
 * `GET {api}/reports/:id` with `X-Follow-Token` (or the reporter's bearer
 * token): one report with its history.
 */
export const OwnReportListSchema = z.object({ reports: z.array(OwnReportSchema) });

/**
 * `POST {api}/reports/:id/confirmation` (the reporter: bearer or
 * `X-Follow-Token`), only while `awaitingConfirmation`: `fixed: true` closes
 * the question; `fixed: false` reopens the report (back to `received`, with
 * the comment in its history). 409 `not_awaiting_confirmation` otherwise.
 */
export const ConfirmationSchema = z.object({ fixed: z.boolean(), comment: z.optional(z.string()) });

import * as z from 'zod/mini';
import { StringMapSchema } from './loose.js';

/**
 * The office's side of the API (`{api}/office/...`): staff, roles, the audit
 * log, fee kinds, obligations and payments. Used by `<obec-office>` and the
 * server; no citizen widget imports it.
 *
 * Every office route needs an access token of a staff member (a person the
 * town registered, signed in through the broker like a citizen) or the
 * integration token `OFFICE_API_TOKEN`: anonymous calls answer 401
 * `missing_token`, a citizen's token 403 `not_staff`, a staff member without
 * the route's role 403 `missing_role`.
 */

/**
 * What a staff member may do:
 * - `admin`: everything, and staff accounts and the audit log;
 * - `fees`: fee kinds, obligations and their imports, bank statements, payments;
 * - `forms`: form definitions, submissions;
 * - `polls`: polls, their phases, results, ballots and paper ballots;
 * - `feedback`: problem reports (states, replies), report categories, ratings.
 * Every staff member sees the indicators.
 */
export const ROLES = ['admin', 'fees', 'forms', 'polls', 'feedback'] as const;
export const RoleSchema = /* @__PURE__ */ z.enum(ROLES);
export type Role = z.infer<typeof RoleSchema>;

/** `GET /office/me`: who is signed in to the office and what they may do (`roles` of the integration token: all). */
export const StaffMeSchema = /* @__PURE__ */ z.object({
  /** The staff member's id, or `token` for the integration token. */
  id: z.string(),
  name: z.string(),
  roles: z.array(RoleSchema),
});
export type StaffMe = z.infer<typeof StaffMeSchema>;

/**
 * A staff account. A person is recognised at sign-in by their verified
 * identity: given name, family name and date of birth as NIA states them
 * (compared without regard to case and accents), or by `subject` when the
 * town's own identity server signs staff in. The first sign-in that matches
 * binds the account to that person's subject (`bound`).
 */
export const StaffSchema = /* @__PURE__ */ z.object({
  id: z.string(),
  name: z.string(),
  roles: z.array(RoleSchema),
  givenName: z.optional(z.string()),
  familyName: z.optional(z.string()),
  /** `YYYY-MM-DD`. */
  birthdate: z.optional(z.string()),
  /** The broker subject (only for accounts of the town's own identity server, or once bound). */
  subject: z.optional(z.string()),
  bound: z.boolean(),
  /** Staff from the `OFFICE_STAFF` file: the file is their source, edits in the office last until it changes. */
  fromFile: z.boolean(),
  createdAt: z.string(),
  lastSignInAt: z.optional(z.string()),
});
export type Staff = z.infer<typeof StaffSchema>;

/** `GET /office/staff` (admin). */
export const StaffListSchema = /* @__PURE__ */ z.object({ staff: z.array(StaffSchema) });
export type StaffList = z.infer<typeof StaffListSchema>;

/**
 * `PUT /office/staff/:id` (admin): create or change an account. Either the
 * three identity fields or `subject`. An admin cannot take `admin` from
 * themselves (409 `last_admin` when no other admin would remain).
 * `DELETE /office/staff/:id` (admin) removes one (409 `last_admin` likewise).
 */
export const StaffInputSchema = /* @__PURE__ */ z.object({
  name: /* @__PURE__ */ z.string().check(z.minLength(1), z.maxLength(200)),
  roles: /* @__PURE__ */ z.array(RoleSchema).check(z.minLength(1)),
  givenName: z.optional(/* @__PURE__ */ z.string().check(z.minLength(1), z.maxLength(200))),
  familyName: z.optional(/* @__PURE__ */ z.string().check(z.minLength(1), z.maxLength(200))),
  birthdate: z.optional(/* @__PURE__ */ z.string().check(z.refine((value) => /^\d{4}-\d{2}-\d{2}$/.test(value)))),
  subject: z.optional(/* @__PURE__ */ z.string().check(z.minLength(1), z.maxLength(500))),
});
export type StaffInput = z.infer<typeof StaffInputSchema>;

/**
 * One office action in the audit log: every office call that changes
 * something or exports personal data, whether it succeeded or not.
 */
export const AuditEntrySchema = /* @__PURE__ */ z.object({
  id: z.string(),
  at: z.string(),
  /** The staff member's id, or `token`. */
  actorId: z.string(),
  actorName: z.string(),
  /** `METHOD /office/route/{param}` as in the OpenAPI document, e.g. `PATCH /office/polls/{id}`. */
  action: z.string(),
  /** The route's parameters, e.g. `{ "id": "lavicky" }`. */
  target: StringMapSchema,
  /** The HTTP status the call answered. */
  status: z.number(),
});
export type AuditEntry = z.infer<typeof AuditEntrySchema>;

/** `GET /office/audit?before=<id>&limit=<1..200>&actor=<id>` (admin): newest first; `next` pages on. */
export const AuditLogSchema = /* @__PURE__ */ z.object({
  entries: z.array(AuditEntrySchema),
  next: z.optional(z.string()),
});
export type AuditLog = z.infer<typeof AuditLogSchema>;

/** `GET /office/fee-kinds` (fees): every fee kind with how many obligations it has. */
export const FeeKindSchema = /* @__PURE__ */ z.object({
  /** Lower-case letters, digits and dashes, e.g. `waste`. */
  code: z.string(),
  name: z.object({ cs: z.string(), en: z.string() }),
  obligations: z.number(),
});
export type FeeKind = z.infer<typeof FeeKindSchema>;
export const FeeKindListSchema = /* @__PURE__ */ z.object({ feeKinds: z.array(FeeKindSchema) });
export type FeeKindList = z.infer<typeof FeeKindListSchema>;

/** `PUT /office/fee-kinds/:code` (fees): create a fee kind or rename one. */
export const FeeKindInputSchema = /* @__PURE__ */ z.object({
  name: z.object({
    cs: /* @__PURE__ */ z.string().check(z.minLength(1), z.maxLength(200)),
    en: /* @__PURE__ */ z.string().check(z.minLength(1), z.maxLength(200)),
  }),
});
export type FeeKindInput = z.infer<typeof FeeKindInputSchema>;

/** One obligation as the office sees it: the payer in full. Amounts in CZK. */
export const OfficeObligationSchema = /* @__PURE__ */ z.object({
  id: z.string(),
  feeKind: z.string(),
  period: z.string(),
  variableSymbol: z.string(),
  amount: z.number(),
  paid: z.number(),
  dueDate: z.string(),
  state: z.enum(['due', 'overdue', 'partly-paid', 'paid']),
  payer: z.object({ givenName: z.string(), familyName: z.string(), birthdate: z.string() }),
  household: z.optional(z.string()),
  representative: z.boolean(),
  createdAt: z.string(),
});
export type OfficeObligation = z.infer<typeof OfficeObligationSchema>;

/**
 * `GET /office/obligations?q=&feeKind=&period=&state=&offset=&limit=` (fees):
 * `q` finds by variable symbol or the payer's name (accents and case
 * ignored); `state` is one of the obligation states or `unpaid`; `total`
 * counts every match, `obligations` is one page (limit ≤ 200, default 50).
 */
export const OfficeObligationListSchema = /* @__PURE__ */ z.object({
  obligations: z.array(OfficeObligationSchema),
  total: z.number(),
});
export type OfficeObligationList = z.infer<typeof OfficeObligationListSchema>;

/**
 * `PATCH /office/obligations/:id` (fees): a new amount or due date. An
 * amount below what is already paid answers 409 `below_paid`.
 * `DELETE /office/obligations/:id` (fees): only an obligation nothing was
 * paid on or started to be paid (409 `has_payments` otherwise).
 */
export const ObligationChangeSchema = /* @__PURE__ */ z.object({
  amount: z.optional(/* @__PURE__ */ z.number().check(z.positive())),
  dueDate: z.optional(/* @__PURE__ */ z.string().check(z.refine((value) => /^\d{4}-\d{2}-\d{2}$/.test(value)))),
});
export type ObligationChange = z.infer<typeof ObligationChangeSchema>;

/**
 * `POST /office/obligations/import?preview=true` (fees, text/csv): the same
 * checks as the import, nothing stored. 200 with every row as it would be
 * imported; a file with refused cells answers 422 `import_rejected` with one
 * field a cell (`rows.<row>.<column>`, rows counted from 1 after the
 * header), exactly as the import itself would.
 */
export const ImportPreviewSchema = /* @__PURE__ */ z.object({
  /** Rows that would become new obligations. */
  imported: z.number(),
  /** Rows already imported with the same data. */
  unchanged: z.number(),
  rows: z.array(
    z.object({
      row: z.number(),
      status: z.enum(['new', 'unchanged']),
      variableSymbol: z.string(),
      feeKind: z.string(),
      period: z.string(),
      payerName: z.string(),
      amount: z.number(),
      dueDate: z.string(),
    }),
  ),
});
export type ImportPreview = z.infer<typeof ImportPreviewSchema>;

/** One payment (card or credited bank transfer) as the office sees it. Amounts in CZK. */
export const OfficePaymentSchema = /* @__PURE__ */ z.object({
  id: z.string(),
  /** `card` (through the gateway) or `transfer` (a bank statement line). */
  channel: z.enum(['card', 'transfer']),
  state: z.enum(['pending', 'paid', 'declined', 'cancelled', 'expired']),
  amount: z.number(),
  /** Receipt number of a paid card payment, bank reference of a transfer. */
  reference: z.optional(z.string()),
  variableSymbols: z.array(z.string()),
  createdAt: z.string(),
  paidAt: z.optional(z.string()),
});
export type OfficePayment = z.infer<typeof OfficePaymentSchema>;

/**
 * `GET /office/payments?from=&to=&state=&offset=&limit=` (fees), dates
 * `YYYY-MM-DD` in Prague, both included; `GET /office/payments.csv` the same
 * rows as CSV. `total` and `totalAmount` cover every match, `payments` one page.
 */
export const OfficePaymentListSchema = /* @__PURE__ */ z.object({
  payments: z.array(OfficePaymentSchema),
  total: z.number(),
  /** Sum of the paid amounts among the matches. */
  totalAmount: z.number(),
});
export type OfficePaymentList = z.infer<typeof OfficePaymentListSchema>;

/**
 * `POST {api}/office/obligations` (fees): obligations as JSON, one object a
 * row with the same keys and rules as the CSV import's columns
 * (`variable_symbol`, `fee_kind`, `fee_name_cs`, `fee_name_en`, `period`,
 * `amount`, `due_date`, `given_name`, `family_name`, `birthdate`,
 * `household`, `representative`). All or nothing, like the CSV import.
 */
export const OfficeObligationsSchema = /* @__PURE__ */ z.object({
  obligations: z.array(z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()]))),
});
export type OfficeObligations = z.infer<typeof OfficeObligationsSchema>;

/** A staff account's id (`PUT /office/staff/:id`): lower-case letters, digits and dashes, at most 63. */
export const StaffIdSchema = /* @__PURE__ */ z.string().check(z.regex(/^[a-z0-9](?:[a-z0-9-]{0,62})$/));

/** The path of `PUT` and `DELETE /office/staff/:id`. */
export const StaffParamsSchema = /* @__PURE__ */ z.object({ id: StaffIdSchema });

/** The query of `GET /office/audit`: `before` an entry's id, `limit` 1..200 (default 50), `actor` a staff id or `token`. */
export const AuditQuerySchema = /* @__PURE__ */ z.object({
  before: z.optional(/* @__PURE__ */ z.string().check(z.regex(/^\d{1,18}$/))),
  limit: z.optional(/* @__PURE__ */ z.string().check(z.refine((value) => /^\d{1,3}$/.test(value) && Number(value) >= 1 && Number(value) <= 200, 'a number from 1 to 200'))),
  actor: z.optional(/* @__PURE__ */ z.string().check(z.minLength(1), z.maxLength(200))),
});
export type AuditQuery = z.infer<typeof AuditQuerySchema>;

/** A page of an office list in a query string: `offset` (default 0) and `limit` (1–200, default 50). */
const PageQuery = {
  offset: z.optional(/* @__PURE__ */ z.string().check(z.regex(/^\d{1,9}$/, 'a whole number'))),
  limit: z.optional(/* @__PURE__ */ z.string().check(z.regex(/^(?:[1-9]\d?|1\d\d|200)$/, 'a whole number from 1 to 200'))),
};
/** A day in a query string, `YYYY-MM-DD`. */
const DayQuery = /* @__PURE__ */ z.optional(/* @__PURE__ */ z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/, 'a date YYYY-MM-DD')));

/** The query of `GET /office/obligations`. */
export const OfficeObligationQuerySchema = /* @__PURE__ */ z.object({
  q: z.optional(/* @__PURE__ */ z.string().check(z.maxLength(200))),
  feeKind: z.optional(z.string()),
  period: z.optional(z.string()),
  state: z.optional(z.enum(['due', 'overdue', 'partly-paid', 'paid', 'unpaid'])),
  ...PageQuery,
});
export type OfficeObligationQuery = z.infer<typeof OfficeObligationQuerySchema>;

/** The query of `POST /office/obligations/import`: `preview=true` checks the file and stores nothing. */
export const ObligationImportQuerySchema = /* @__PURE__ */ z.object({ preview: z.optional(z.enum(['true', 'false'])) });

/** The query of `GET /office/payments` (and, without the page, `GET /office/payments.csv`). */
export const OfficePaymentQuerySchema = /* @__PURE__ */ z.object({
  from: DayQuery,
  to: DayQuery,
  state: z.optional(z.enum(['pending', 'paid', 'declined', 'cancelled', 'expired'])),
  ...PageQuery,
});
export type OfficePaymentQuery = z.infer<typeof OfficePaymentQuerySchema>;

/** The path parameter of `PUT /office/fee-kinds/:code`: lower-case letters, digits and dashes, at most 32. */
export const FeeKindCodeSchema = /* @__PURE__ */ z.string().check(z.regex(/^[a-z0-9][a-z0-9-]{0,31}$/, 'lower-case letters, digits and dashes, at most 32'));

/**
 * The result of an import by the office. A file with any refused row imports
 * nothing and answers 422 `import_rejected` with one field error a refused
 * cell (`rows.<row>.<column>`).
 */
export const ImportResultSchema = /* @__PURE__ */ z.object({
  /** New obligations. */
  imported: z.number(),
  /** Rows already imported with the same data (importing a file twice changes nothing). */
  unchanged: z.number(),
});
export type ImportResult = z.infer<typeof ImportResultSchema>;

/** `POST {api}/office/bank-statements`: transfers matched to obligations by variable symbol. */
export const StatementResultSchema = /* @__PURE__ */ z.object({
  matched: z.number(),
  /** Lines imported before (the same bank reference): never credited twice. */
  skipped: z.number(),
  /** Lines with no obligation of that symbol, or another amount than is due: for a person to look at. */
  unmatched: z.array(z.object({ row: z.number(), variableSymbol: z.optional(z.string()), amount: z.number(), reason: z.string() })),
});
export type StatementResult = z.infer<typeof StatementResultSchema>;

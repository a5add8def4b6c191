import * as z from 'zod/mini';

/** A pattern check through `refine`: zod's own `regex` check would add code to the shared chunk every page loads. */
const matching = (pattern: RegExp) => z.string().check(z.refine((value) => pattern.test(value)));
const isoDate = matching(/^\d{4}-\d{2}-\d{2}$/);
/** Amounts in CZK with at most two decimals (haléře). */
const money = z.number().check(z.refine((value) => Number.isFinite(value) && Math.abs(value * 100 - Math.round(value * 100)) < 1e-6));

/** The town's account that obligations are paid to (QR Platba, transfers). */
export const PaymentAccountSchema = z.object({
  /** IBAN without spaces. */
  iban: z.string(),
  /** The same account in the domestic form `prefix-number/bank`. */
  accountNumber: z.string(),
  /** The recipient's name, e.g. "Obec Javorná Lhota". */
  recipient: z.string(),
});
export type PaymentAccount = z.infer<typeof PaymentAccountSchema>;

/**
 * One local fee a person owes for a period: what, for whom, how much, by
 * when, and what has been paid. `state` is computed by the server.
 */
export const ObligationSchema = z.object({
  id: z.string(),
  /** Fee kind code, e.g. `waste`, `dog`. */
  feeKind: z.string(),
  /** The fee's name in Czech and English. */
  feeName: z.object({ cs: z.string(), en: z.string() }),
  /** The period it is for, e.g. `2027`. */
  period: z.string(),
  /** Whom it is for (the citizen, or a member of the household they pay for). */
  payerName: z.string(),
  /** Digits only, leading zeros kept. */
  variableSymbol: z.string(),
  amount: money,
  paid: money,
  dueDate: isoDate,
  state: z.enum(['due', 'overdue', 'partly-paid', 'paid']),
});
export type Obligation = z.infer<typeof ObligationSchema>;

/** `GET {api}/fees` (signed in) and `POST {api}/fees/lookup`: obligations and the account to pay them to. */
export const ObligationListSchema = z.object({
  obligations: z.array(ObligationSchema),
  account: PaymentAccountSchema,
  /** Whether the town takes card payments (a payment gateway is configured); no card button otherwise. */
  cardPayments: z.optional(z.boolean()),
});
export type ObligationList = z.infer<typeof ObligationListSchema>;

/**
 * `POST {api}/fees/lookup` (no sign-in): one obligation by its variable
 * symbol and a second factor, the payer's date of birth. A wrong pair answers
 * 404 `not_found` whichever half is wrong.
 */
export const ObligationLookupSchema = z.object({
  variableSymbol: matching(/^\d{1,10}$/),
  birthdate: isoDate,
});
export type ObligationLookup = z.infer<typeof ObligationLookupSchema>;

/**
 * The result of an import by the office. A file with any refused row imports
 * nothing and answers 422 `import_rejected` with one field error a refused
 * cell (`rows.<row>.<column>`).
 */
export const ImportResultSchema = z.object({
  /** New obligations. */
  imported: z.number(),
  /** Rows already imported with the same data (importing a file twice changes nothing). */
  unchanged: z.number(),
});
export type ImportResult = z.infer<typeof ImportResultSchema>;

/** `POST {api}/office/bank-statements`: transfers matched to obligations by variable symbol. */
export const StatementResultSchema = z.object({
  matched: z.number(),
  /** Lines imported before (the same bank reference): never credited twice. */
  skipped: z.number(),
  /** Lines with no obligation of that symbol, or another amount than is due: for a person to look at. */
  unmatched: z.array(z.object({ row: z.number(), variableSymbol: z.optional(z.string()), amount: z.number(), reason: z.string() })),
});
export type StatementResult = z.infer<typeof StatementResultSchema>;

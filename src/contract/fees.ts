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

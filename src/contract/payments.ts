import * as z from 'zod/mini';

/** A pattern check through `refine` (zod's `regex` would grow the shared chunk). */
const matching = (pattern: RegExp) => z.string().check(z.refine((value) => pattern.test(value)));

/**
 * `POST {api}/payments` with an `Idempotency-Key` header: start paying
 * obligations by card. Signed in, any of the citizen's (or their household's)
 * obligations; without signing in, the one found by `lookup`. A retried
 * request with the same key answers the same payment, never a second one.
 */
export const StartPaymentSchema = z.object({
  obligationIds: z.array(z.string()).check(z.refine((ids) => ids.length >= 1 && ids.length <= 20)),
  /** The page to come back to from the gateway (an embedding site's page). */
  returnUrl: z.string(),
  /** Without signing in: the variable symbol and birth date that found the obligation. */
  lookup: z.optional(z.object({ variableSymbol: matching(/^\d{1,10}$/), birthdate: matching(/^\d{4}-\d{2}-\d{2}$/) })),
});
export type StartPayment = z.infer<typeof StartPaymentSchema>;

/**
 * A card payment. `pending` while the citizen is at the gateway (or its
 * answer has not come); `paid`, `declined`, `cancelled` (at the gateway) and
 * `expired` (abandoned) are final. Only `paid` carries a receipt.
 */
export const PaymentSchema = z.object({
  id: z.string(),
  state: z.enum(['pending', 'paid', 'declined', 'cancelled', 'expired']),
  /** CZK. */
  amount: z.number(),
  /** Where to send the browser to pay (while pending). */
  redirectUrl: z.optional(z.string()),
  obligations: z.array(
    z.object({
      id: z.string(),
      feeName: z.object({ cs: z.string(), en: z.string() }),
      period: z.string(),
      payerName: z.string(),
      variableSymbol: z.string(),
      amount: z.number(),
    }),
  ),
  receipt: z.optional(z.object({ number: z.string(), paidAt: z.string() })),
});
export type Payment = z.infer<typeof PaymentSchema>;

import * as z from 'zod/mini';

/**
 * `POST {api}/office/obligations` (office token): obligations as JSON, one
 * object a row with the same keys and rules as the CSV import's columns
 * (`variable_symbol`, `fee_kind`, `fee_name_cs`, `fee_name_en`, `period`,
 * `amount`, `due_date`, `given_name`, `family_name`, `birthdate`,
 * `household`, `representative`). All or nothing, like the CSV import.
 * No widget uses it, so it stays out of the browser bundle.
 */
export const OfficeObligationsSchema = z.object({
  obligations: z.array(z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()]))),
});
export type OfficeObligations = z.infer<typeof OfficeObligationsSchema>;

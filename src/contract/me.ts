import * as z from 'zod/mini';

/** `GET {api}/me` (signed in): the citizen as the town knows them from their identity. */
export const MeSchema = z.object({
  subject: z.string(),
  name: z.optional(z.string()),
  given_name: z.optional(z.string()),
  family_name: z.optional(z.string()),
  birthdate: z.optional(z.string()),
  email: z.optional(z.string()),
  address: z.optional(z.object({ formatted: z.string() })),
  loa: z.enum(['loalow', 'loasubstantial', 'loahigh']),
});
export type Me = z.infer<typeof MeSchema>;

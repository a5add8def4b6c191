import * as z from 'zod/mini';

/** `GET {api}/ready`: the backend can serve requests (its database answers). */
export const ReadySchema = z.object({
  status: z.literal('ready'),
  database: z.enum(['pglite', 'postgres']),
});
export type Ready = z.infer<typeof ReadySchema>;

import * as z from 'zod/mini';

/** `GET {api}/health`: the backend is up and says which version of the contract it serves. */
export const HealthSchema = z.object({
  status: z.literal('ok'),
  version: z.string(),
});
export type Health = z.infer<typeof HealthSchema>;

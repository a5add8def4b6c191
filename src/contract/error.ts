import * as z from 'zod/mini';

/** One field the server refused, addressed by its path in the request body (`applicant.email`, `lines.2.amount`). */
export const FieldErrorSchema = z.object({
  path: z.string(),
  code: z.string(),
  message: z.optional(z.string()),
});
export type FieldError = z.infer<typeof FieldErrorSchema>;

/**
 * The body of every 4xx and 5xx answer of the API: a stable machine-readable
 * `code`, an English `message` for logs, and the refused fields.
 */
export const ErrorBodySchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.optional(z.string()),
    fields: z.optional(z.array(FieldErrorSchema)),
  }),
});
export type ErrorBody = z.infer<typeof ErrorBodySchema>;

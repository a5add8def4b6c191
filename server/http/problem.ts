import type { FieldError } from '../../src/contract/error.js';

/**
 * An answer the API gives on purpose instead of a result: a status, a stable
 * machine-readable code the widgets map to a localized message, and the
 * refused fields. Thrown anywhere in a request, it becomes the JSON body
 * `{ "error": { code, message, fields } }` described by ErrorBodySchema.
 */
export class Problem extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields?: FieldError[],
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

export const badRequest = (message: string, fields?: FieldError[]) => new Problem(400, 'invalid_request', message, fields);
export const unauthorized = (code: string, message: string) =>
  new Problem(401, code, message, undefined, { 'WWW-Authenticate': `Bearer error="invalid_token", error_description="${message}"` });
export const notFound = (message = 'Not found') => new Problem(404, 'not_found', message);

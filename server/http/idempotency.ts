import type { FastifyRequest } from 'fastify';
import { Problem } from './problem.js';

/**
 * The request's `Idempotency-Key` (8–200 printable ASCII characters, e.g. a
 * UUID): a retry with the same key is answered with the first result, never
 * applied twice. Routes that need one answer 400 without it.
 */
export function idempotencyKey(request: FastifyRequest): string {
  const key = request.headers['idempotency-key'];
  if (typeof key !== 'string' || !/^[\x21-\x7e]{8,200}$/.test(key)) {
    throw new Problem(400, 'idempotency_key_required', 'Send an Idempotency-Key header (8–200 characters, e.g. a UUID), the same one when retrying');
  }
  return key;
}

import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { Problem } from './problem.js';

const sha256 = (text: string) => createHash('sha256').update(text).digest();

/**
 * The office's bearer token (OFFICE_API_TOKEN), compared in constant time:
 * an interim guard of the office routes until staff accounts come. Without a
 * configured token the office routes answer 503.
 */
export function officeGuard(token: string | undefined) {
  const expected = token === undefined ? undefined : sha256(token);
  return async (request: FastifyRequest): Promise<void> => {
    if (!expected) throw new Problem(503, 'office_not_configured', 'The office routes are off: OFFICE_API_TOKEN is not set');
    const match = /^Bearer\s+(\S+)\s*$/i.exec(request.headers.authorization ?? '');
    if (!match) {
      throw new Problem(401, 'missing_token', 'The office token is missing (Authorization: Bearer …)', undefined, { 'WWW-Authenticate': 'Bearer realm="office"' });
    }
    if (!timingSafeEqual(sha256(match[1]!), expected)) throw new Problem(403, 'wrong_token', 'The office token is wrong');
  };
}

import type { FastifyInstance } from 'fastify';
import { MeSchema } from '../../src/contract/me.js';
import type { StandardClaims } from '../broker/claims.js';
import { apiRoute } from '../http/api-route.js';
import { Problem } from '../http/problem.js';
import type { Database } from '../storage/database.js';

/** What a signed-in citizen may ask about themselves. */
export function citizenRoutes(app: FastifyInstance, db: Database): void {
  apiRoute(
    app,
    { method: 'GET', path: '/me', summary: 'The signed-in citizen', tags: ['citizen'], auth: true, response: MeSchema, errors: [404] },
    async ({ citizen }) => {
      const [row] = await db.query<{ claims: StandardClaims }>('select claims from accounts where subject = $1', [citizen.subject]);
      if (!row) throw new Problem(404, 'unknown_citizen', 'No such citizen');
      const { name, given_name, family_name, birthdate, email, address } = row.claims;
      return { subject: citizen.subject, name, given_name, family_name, birthdate, email, address: address && { formatted: address.formatted }, loa: citizen.loa };
    },
  );
}

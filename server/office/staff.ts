import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { ROLES, type Role } from '../../src/contract/office.js';
import type { StandardClaims } from '../broker/claims.js';
import { nameKey } from '../fees/csv.js';
import type { Authenticator } from '../http/api-route.js';
import { Problem } from '../http/problem.js';
import type { Database } from '../storage/database.js';

/** Who acts in the office: a staff member, or the integration token (`id` `token`, every role). */
export interface StaffActor {
  id: string;
  name: string;
  roles: Role[];
}

/** An office route's requirement: a role, or `staff` for any staff member. */
export type OfficeAccess = Role | 'staff';

/** What the API needs of the office: who calls (checked for a role) and where their actions are written down. */
export interface OfficeAuthority {
  /** The actor of an Authorization header allowed `access`: 401 without a valid token, 403 `not_staff` or `missing_role`. */
  resolve(authorization: string | undefined, access: OfficeAccess): Promise<StaffActor>;
  /** Writes one entry of the audit log. */
  audit(actor: StaffActor, action: string, target: Record<string, string>, status: number): Promise<void>;
}

declare module 'fastify' {
  interface FastifyInstance {
    office?: OfficeAuthority;
  }
}

const sha256 = (text: string) => createHash('sha256').update(text).digest();

/** Sign-ins are written to `last_sign_in_at` at most this often. */
const LAST_SEEN_EVERY_MINUTES = 5;

/** Whether an actor may do what an office route needs (`admin` may do everything). */
export function allows(actor: StaffActor, access: OfficeAccess): boolean {
  return access === 'staff' || actor.roles.includes('admin') || actor.roles.includes(access);
}

const missingToken = () =>
  new Problem(401, 'missing_token', 'The office needs a staff member\'s access token (Authorization: Bearer …)', undefined, { 'WWW-Authenticate': 'Bearer realm="office"' });

/**
 * The office's authority: the integration token (`OFFICE_API_TOKEN`,
 * compared in constant time) or a broker access token whose subject is a
 * staff member's. A subject not yet bound is matched to an unbound staff
 * account by the identity the broker keeps of it (names without case and
 * accents, and the date of birth), at a substantial or high level of
 * assurance, and bound on that first sign-in.
 */
export function officeAuthority(db: Database, authenticate: Authenticator | undefined, integrationToken: string | undefined): OfficeAuthority {
  const expected = integrationToken === undefined ? undefined : sha256(integrationToken);
  return {
    async resolve(authorization, access) {
      const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '');
      if (!match) throw missingToken();
      let actor: StaffActor;
      if (expected && timingSafeEqual(sha256(match[1]!), expected)) {
        actor = { id: 'token', name: 'OFFICE_API_TOKEN', roles: [...ROLES] };
      } else {
        if (!authenticate) throw new Problem(500, 'internal', 'No token verifier for the office');
        const citizen = await authenticate(authorization);
        const staff = await staffOf(db, citizen.subject, citizen.loa);
        if (!staff) throw new Problem(403, 'not_staff', 'This person is not on the town\'s staff');
        actor = staff;
      }
      if (!allows(actor, access)) throw new Problem(403, 'missing_role', `This needs the role "${access}"`);
      return actor;
    },
    async audit(actor, action, target, status) {
      await db.query('insert into audit_log (actor_id, actor_name, action, target, status) values ($1, $2, $3, $4, $5)', [
        actor.id,
        actor.name,
        action,
        JSON.stringify(target),
        status,
      ]);
    },
  };
}

type StaffRow = {
  id: string;
  name: string;
  roles: string[];
};

/** The staff member of a broker subject, binding an unbound account that matches the subject's verified identity. */
export async function staffOf(db: Database, subject: string, loa: string): Promise<StaffActor | undefined> {
  let [row] = await db.query<StaffRow>(
    `update staff set last_sign_in_at = now()
     where subject = $1 and (last_sign_in_at is null or last_sign_in_at < now() - interval '${LAST_SEEN_EVERY_MINUTES} minutes')
     returning id, name, roles`,
    [subject],
  );
  row ??= (await db.query<StaffRow>('select id, name, roles from staff where subject = $1', [subject]))[0];
  if (!row && loa !== 'loalow') {
    const [account] = await db.query<{ claims: StandardClaims }>('select claims from accounts where subject = $1', [subject]);
    const { given_name: given, family_name: family, birthdate } = account?.claims ?? {};
    if (given && family && birthdate) {
      [row] = await db.query<StaffRow>(
        `update staff set subject = $1, last_sign_in_at = now(), updated_at = now()
         where id = (select id from staff
                     where subject is null and birthdate = $2 and given_key = $3 and family_key = $4
                     order by created_at limit 1)
         returning id, name, roles`,
        [subject, birthdate, nameKey(given), nameKey(family)],
      );
    }
  }
  return row ? { id: row.id, name: row.name, roles: row.roles.filter((role): role is Role => (ROLES as readonly string[]).includes(role)) } : undefined;
}

/** Registers the office's authority on the app (before the routes that use it). */
export function setOfficeAuthority(app: FastifyInstance, authority: OfficeAuthority): void {
  app.decorate('office', authority);
}

import type { FastifyInstance } from 'fastify';
import * as z from 'zod/mini';
import {
  AuditLogSchema,
  AuditQuerySchema,
  StaffInputSchema,
  StaffListSchema,
  StaffMeSchema,
  StaffParamsSchema,
  StaffSchema,
  type Role,
  type Staff,
  type StaffInput,
} from '../../src/contract/office.js';
import type { FieldError } from '../../src/contract/error.js';
import { nameKey } from '../fees/csv.js';
import { apiRoute } from '../http/api-route.js';
import { Problem } from '../http/problem.js';
import type { Database, Queryable } from '../storage/database.js';

type StaffRow = {
  id: string;
  name: string;
  roles: string[];
  given_name: string | null;
  family_name: string | null;
  given_key: string | null;
  family_key: string | null;
  birthdate: string | null;
  subject: string | null;
  from_file: boolean;
  created_at: Date | string;
  last_sign_in_at: Date | string | null;
};

const STAFF_COLUMNS = 'id, name, roles, given_name, family_name, given_key, family_key, birthdate::text as birthdate, subject, from_file, created_at, last_sign_in_at';

const iso = (value: Date | string) => new Date(value).toISOString();

function staffOfRow(row: StaffRow): Staff {
  return {
    id: row.id,
    name: row.name,
    roles: row.roles as Role[],
    ...(row.given_name !== null ? { givenName: row.given_name } : {}),
    ...(row.family_name !== null ? { familyName: row.family_name } : {}),
    ...(row.birthdate !== null ? { birthdate: row.birthdate } : {}),
    ...(row.subject !== null ? { subject: row.subject } : {}),
    bound: row.subject !== null,
    fromFile: row.from_file,
    createdAt: iso(row.created_at),
    ...(row.last_sign_in_at !== null ? { lastSignInAt: iso(row.last_sign_in_at) } : {}),
  };
}

/** A real calendar day `YYYY-MM-DD`. */
function isCalendarDay(value: string): boolean {
  const day = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(day.getTime()) && day.toISOString().slice(0, 10) === value;
}

/**
 * What is wrong with an account's identity, field by field: it needs the
 * three identity fields (a real date of birth) or a subject; none when it is
 * fine.
 */
export function identityProblems(input: StaffInput): FieldError[] {
  const identity = { givenName: input.givenName, familyName: input.familyName, birthdate: input.birthdate };
  const given = Object.entries(identity).filter(([, value]) => value !== undefined);
  const problems: FieldError[] = [];
  if (given.length === 0 && input.subject === undefined) {
    return [{ path: 'subject', code: 'identity_required', message: 'Give givenName, familyName and birthdate, or subject' }];
  }
  if (given.length > 0 && given.length < 3) {
    for (const [name, value] of Object.entries(identity)) {
      if (value === undefined) problems.push({ path: name, code: 'identity_required', message: 'givenName, familyName and birthdate go together' });
    }
  }
  if (input.birthdate !== undefined && !isCalendarDay(input.birthdate)) {
    problems.push({ path: 'birthdate', code: 'invalid_date', message: 'Not a day of the calendar' });
  }
  return problems;
}

/** Staff members with `admin` other than `id`, locked until the transaction ends. */
async function otherAdmins(tx: Queryable, id: string): Promise<number> {
  const rows = await tx.query<{ id: string }>("select id from staff where 'admin' = any(roles) and id <> $1 for update", [id]);
  return rows.length;
}

const lastAdmin = () => new Problem(409, 'last_admin', 'No staff member with the role "admin" would remain');

/**
 * Creates or replaces the staff account `id` (whose identity the caller
 * checked with `identityProblems`). A changed identity unbinds a bound
 * account, unless the input names the subject; an account keeps where it
 * came from (`fromFile`) unless `fromFile` is given.
 */
export async function storeStaff(
  tx: Queryable,
  id: string,
  input: StaffInput,
  options: { fromFile?: boolean; keepAdmin?: boolean } = {},
): Promise<{ staff: Staff; created: boolean }> {
  const [existing] = await tx.query<StaffRow>(`select ${STAFF_COLUMNS} from staff where id = $1 for update`, [id]);
  if (options.keepAdmin && existing?.roles.includes('admin') && !input.roles.includes('admin') && (await otherAdmins(tx, id)) === 0) throw lastAdmin();
  const givenKey = input.givenName === undefined ? null : nameKey(input.givenName);
  const familyKey = input.familyName === undefined ? null : nameKey(input.familyName);
  const birthdate = input.birthdate ?? null;
  const sameIdentity = existing !== undefined && existing.given_key === givenKey && existing.family_key === familyKey && existing.birthdate === birthdate;
  const subject = input.subject ?? (sameIdentity ? existing.subject : null);
  if (subject !== null) {
    const [holder] = await tx.query<{ id: string }>('select id from staff where subject = $1 and id <> $2', [subject, id]);
    if (holder) throw new Problem(409, 'subject_taken', `The staff account "${holder.id}" has this subject`, [{ path: 'subject', code: 'subject_taken', message: `Bound to "${holder.id}"` }]);
  }
  const [row] = await tx.query<StaffRow>(
    `insert into staff (id, name, roles, given_name, family_name, given_key, family_key, birthdate, subject, from_file)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
     on conflict (id) do update set
       name = excluded.name, roles = excluded.roles, given_name = excluded.given_name, family_name = excluded.family_name,
       given_key = excluded.given_key, family_key = excluded.family_key, birthdate = excluded.birthdate, subject = excluded.subject,
       from_file = excluded.from_file, updated_at = now()
     returning ${STAFF_COLUMNS}`,
    [
      id,
      input.name,
      [...new Set(input.roles)],
      input.givenName ?? null,
      input.familyName ?? null,
      givenKey,
      familyKey,
      birthdate,
      subject,
      options.fromFile ?? existing?.from_file ?? false,
    ],
  );
  return { staff: staffOfRow(row!), created: existing === undefined };
}

/** Every staff account, by name. */
export async function staffList(db: Queryable): Promise<Staff[]> {
  return (await db.query<StaffRow>(`select ${STAFF_COLUMNS} from staff order by name, id`)).map(staffOfRow);
}

const DEFAULT_AUDIT_PAGE = 50;

/**
 * The office's own routes: who is signed in, the staff accounts and the
 * audit log (admin).
 */
export async function staffRoutes(api: FastifyInstance, db: Database): Promise<void> {
  await api.register(async (office) => {
    apiRoute(
      office,
      {
        method: 'GET',
        office: 'staff',
        path: '/office/me',
        summary: 'Office: who is signed in (a staff member, or `token` for the integration token) and their roles',
        tags: ['office'],
        response: StaffMeSchema,
      },
      async ({ staff }) => {
        return { id: staff!.id, name: staff!.name, roles: staff!.roles };
      },
    );

    apiRoute(
      office,
      {
        method: 'GET',
        office: 'admin',
        path: '/office/staff',
        summary: 'Office: every staff account with its roles, identity, whether it is bound to a person, and where it came from',
        tags: ['office'],
        response: StaffListSchema,
      },
      async () => {
        return { staff: await staffList(db) };
      },
    );

    apiRoute(
      office,
      {
        method: 'PUT',
        office: 'admin',
        path: '/office/staff/:id',
        summary:
          'Office: create (201) or replace (200) a staff account. Either givenName, familyName and birthdate, or subject: 422 identity_required. ' +
          'A changed identity unbinds a bound account unless subject is given; a subject of another account: 409 subject_taken; ' +
          'taking admin from the last admin: 409 last_admin',
        tags: ['office'],
        params: StaffParamsSchema,
        body: StaffInputSchema,
        response: StaffSchema,
        status: 201,
        errors: [409, 422],
      },
      async ({ params, body, setStatus }) => {
        const problems = identityProblems(body);
        if (problems.length > 0) {
          const code = problems.some((problem) => problem.code === 'identity_required') ? 'identity_required' : 'invalid_date';
          throw new Problem(422, code, 'The account needs givenName, familyName and birthdate, or subject', problems);
        }
        const { staff, created } = await db.transaction((tx) => storeStaff(tx, params.id, body, { keepAdmin: true }));
        setStatus(created ? 201 : 200);
        return staff;
      },
    );

    apiRoute(
      office,
      {
        method: 'DELETE',
        office: 'admin',
        path: '/office/staff/:id',
        summary: 'Office: remove a staff account (204); unknown: 404; the last admin: 409 last_admin',
        tags: ['office'],
        params: StaffParamsSchema,
        response: z.undefined(),
        status: 204,
        errors: [404, 409],
      },
      async ({ params }) => {
        await db.transaction(async (tx) => {
          const [existing] = await tx.query<{ roles: string[] }>('select roles from staff where id = $1 for update', [params.id]);
          if (!existing) throw new Problem(404, 'not_found', 'No such staff account');
          if (existing.roles.includes('admin') && (await otherAdmins(tx, params.id)) === 0) throw lastAdmin();
          await tx.query('delete from staff where id = $1', [params.id]);
        });
        return undefined;
      },
    );

    apiRoute(
      office,
      {
        method: 'GET',
        office: 'admin',
        path: '/office/audit',
        summary: 'Office: the audit log, newest first: ?limit= (1..200, default 50), ?actor= a staff id or token, ?before= the `next` of the page before',
        tags: ['office'],
        query: AuditQuerySchema,
        response: AuditLogSchema,
      },
      async ({ query }) => {
        const limit = query.limit === undefined ? DEFAULT_AUDIT_PAGE : Number(query.limit);
        const rows = await db.query<{ id: string; at: Date | string; actor_id: string; actor_name: string; action: string; target: Record<string, string>; status: number }>(
          `select id::text as id, at, actor_id, actor_name, action, target, status from audit_log
           where ($1::bigint is null or id < $1::bigint) and ($2::text is null or actor_id = $2)
           order by id desc limit $3`,
          [query.before ?? null, query.actor ?? null, limit + 1],
        );
        const page = rows.slice(0, limit);
        return {
          entries: page.map((row) => ({
            id: row.id,
            at: iso(row.at),
            actorId: row.actor_id,
            actorName: row.actor_name,
            action: row.action,
            target: Object.fromEntries(Object.entries(row.target ?? {}).map(([name, value]) => [name, String(value)])),
            status: row.status,
          })),
          ...(rows.length > limit ? { next: page.at(-1)!.id } : {}),
        };
      },
    );
  });
}

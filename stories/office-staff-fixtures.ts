import type { FieldError } from '../src/contract/error.js';
import type { AuditEntry, Staff, StaffInput, StaffMe } from '../src/contract/office.js';

/** Karel Veselý, the demo town's administrator. */
export const ADMIN: StaffMe = { id: 'karel-vesely', name: 'Karel Veselý', roles: ['admin'] };

export const STAFF: Staff[] = [
  {
    id: 'karel-vesely',
    name: 'Karel Veselý',
    roles: ['admin'],
    givenName: 'Karel',
    familyName: 'Veselý',
    birthdate: '1975-03-02',
    subject: 'nia-karel',
    bound: true,
    fromFile: true,
    createdAt: '2026-09-01T08:00:00Z',
    lastSignInAt: '2026-11-02T07:30:00Z',
  },
  {
    id: 'alena-svobodova',
    name: 'Alena Svobodová',
    roles: ['fees', 'forms', 'polls', 'feedback'],
    givenName: 'Alena',
    familyName: 'Svobodová',
    birthdate: '1988-11-23',
    bound: false,
    fromFile: true,
    createdAt: '2026-09-01T08:00:00Z',
  },
  {
    id: 'podatelna',
    name: 'Podatelna',
    roles: ['forms'],
    subject: 'idp:podatelna',
    bound: true,
    fromFile: false,
    createdAt: '2026-10-01T08:00:00Z',
    lastSignInAt: '2026-10-30T12:00:00Z',
  },
];

const entry = (id: number, overrides: Partial<AuditEntry>): AuditEntry => ({
  id: String(id),
  at: new Date(Date.UTC(2026, 10, 2, 12, 0) - (200 - id) * 3_600_000).toISOString(),
  actorId: 'alena-svobodova',
  actorName: 'Alena Svobodová',
  action: 'PATCH /office/polls/{id}',
  target: { id: 'lavicky' },
  status: 200,
  ...overrides,
});

/** 60 entries, newest first: more than one page of 50. */
export const AUDIT: AuditEntry[] = Array.from({ length: 60 }, (_, index) => {
  const id = 200 - index;
  if (index === 0) return entry(id, { action: 'PUT /office/staff/{id}', actorId: 'karel-vesely', actorName: 'Karel Veselý', target: { id: 'podatelna' }, status: 201 });
  if (index === 1) return entry(id, { action: 'DELETE /office/staff/{id}', actorId: 'karel-vesely', actorName: 'Karel Veselý', target: { id: 'karel-vesely' }, status: 409 });
  if (index === 2) return entry(id, { action: 'POST /office/obligations/import', target: {}, status: 422 });
  if (index === 3) return entry(id, { action: 'POST /office/some-new-route', actorId: 'token', actorName: 'Integrace', target: {}, status: 200 });
  return entry(id, index % 2 ? { action: 'PATCH /office/reports/{id}', target: { id: `r-${index}` } } : {});
});

/** How the fixture backend of staff accounts and the audit log answers. */
export interface OfficeStaffBackend {
  staff?: Staff[];
  audit?: AuditEntry[];
  /** `GET /office/staff`: the list (default) or a failure. */
  list?: 'ok' | 'error';
  /** `PUT /office/staff/:id`: by the rules (the default), or refused. */
  save?: 'ok' | { status: 409 | 422; code: string; fields?: FieldError[] };
  /** `GET /office/audit`: the log (default) or a failure. */
  auditAnswer?: 'ok' | 'error';
  log?: { method: string; path: string; body?: unknown }[];
}

function json(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
}
const problem = (status: number, code: string, fields?: FieldError[]) => json({ error: { code, message: code, ...(fields ? { fields } : {}) } }, status);

/** A `fetch` answering the staff and audit routes from fixtures, with the server's rules (identity, last admin, paging). */
export function officeStaffFetch(backend: OfficeStaffBackend = {}): typeof fetch {
  const staff: Staff[] = structuredClone(backend.staff ?? STAFF);
  const audit: AuditEntry[] = backend.audit ?? AUDIT;
  const admins = (except?: string) => staff.filter((member) => member.id !== except && member.roles.includes('admin')).length;
  return async (input, init) => {
    const request = new Request(input, init);
    const url = new URL(request.url);
    const path = url.pathname.replace(/^.*?(?=\/(office|visits)\b)/, '');
    const text = request.method === 'GET' ? '' : await request.text();
    const body: unknown = text ? JSON.parse(text) : undefined;
    backend.log?.push({ method: request.method, path: `${path}${url.search}`, body });

    if (path === '/visits') return new Response(null, { status: 204 });
    if (path === '/office/staff') return backend.list === 'error' ? problem(500, 'internal') : json({ staff });
    const one = /^\/office\/staff\/([a-z0-9-]+)$/.exec(path);
    if (one && request.method === 'PUT') {
      const answer = backend.save ?? 'ok';
      if (answer !== 'ok') return problem(answer.status, answer.code, answer.fields);
      const input = body as StaffInput;
      const identity = input.givenName !== undefined && input.familyName !== undefined && input.birthdate !== undefined;
      if (!identity && !input.subject) return problem(422, 'identity_required', [{ path: 'subject', code: 'identity_required' }]);
      const existing = staff.find((member) => member.id === one[1]);
      if (existing?.roles.includes('admin') && !input.roles.includes('admin') && admins(existing.id) === 0) return problem(409, 'last_admin');
      const saved: Staff = {
        id: one[1]!,
        name: input.name,
        roles: input.roles,
        ...(identity ? { givenName: input.givenName, familyName: input.familyName, birthdate: input.birthdate } : {}),
        ...(input.subject ? { subject: input.subject } : {}),
        bound: !!input.subject,
        fromFile: existing?.fromFile ?? false,
        createdAt: existing?.createdAt ?? '2026-11-02T10:00:00Z',
        ...(existing?.lastSignInAt ? { lastSignInAt: existing.lastSignInAt } : {}),
      };
      if (existing) staff.splice(staff.indexOf(existing), 1, saved);
      else staff.push(saved);
      return json(saved, existing ? 200 : 201);
    }
    if (one && request.method === 'DELETE') {
      const existing = staff.find((member) => member.id === one[1]);
      if (!existing) return problem(404, 'not_found');
      if (existing.roles.includes('admin') && admins(existing.id) === 0) return problem(409, 'last_admin');
      staff.splice(staff.indexOf(existing), 1);
      return new Response(null, { status: 204 });
    }
    if (path === '/office/audit') {
      if (backend.auditAnswer === 'error') return problem(500, 'internal');
      const before = url.searchParams.get('before');
      const actor = url.searchParams.get('actor');
      const limit = Number(url.searchParams.get('limit') ?? 50);
      const matching = audit.filter((one) => (!before || Number(one.id) < Number(before)) && (!actor || one.actorId === actor));
      const page = matching.slice(0, limit);
      return json({ entries: page, ...(matching.length > limit ? { next: page.at(-1)!.id } : {}) });
    }
    return problem(404, 'not_found');
  };
}

import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { SignJWT, importJWK, type JWK } from 'jose';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { ConfigError, type Config } from '../../server/config.js';
import { nameKey } from '../../server/fees/csv.js';
import { registeredRoutes } from '../../server/http/api-route.js';
import { loadStaffFile } from '../../server/office/staff-file.js';
import { startBackend } from '../../server/start.js';
import { migrate } from '../../server/storage/migrate.js';
import type { Database } from '../../server/storage/database.js';
import { DATABASES, NO_UPSTREAM, startApp, testConfig } from './harness.js';

const OFFICE_TOKEN = 'office-token-for-the-staff-tests-0001';
const HEADER = 'variable_symbol;fee_kind;fee_name_cs;fee_name_en;period;amount;due_date;given_name;family_name;birthdate;household;representative';

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

for (const database of DATABASES) {
  describe(`the office's staff, roles and audit log on ${database.name}`, () => {
    let db: Database;
    let app: FastifyInstance;
    let config: Config;
    let signingKey: JWK;
    let dir: string;

    let ipCounter = 0;
    const freshIp = () => `203.0.${Math.floor(++ipCounter / 250)}.${(ipCounter % 250) + 1}`;

    /** A person signed in through the broker: their account with the verified identity, and an access token. */
    const tokenOf = async (claims: Record<string, unknown>, { subject = `CZ/CZ/${randomUUID()}`, acr = 'loasubstantial' } = {}) => {
      await db.query('insert into accounts (subject, claims, loa) values ($1, $2, $3) on conflict (subject) do update set claims = excluded.claims', [
        subject,
        JSON.stringify(claims),
        acr,
      ]);
      const token = await new SignJWT({ sub: subject, iss: config.issuerUrl, aud: config.apiUrl, acr })
        .setProtectedHeader({ alg: 'RS256', kid: signingKey.kid })
        .setIssuedAt()
        .setExpirationTime('10m')
        .sign(await importJWK(signingKey, 'RS256'));
      return { token, subject };
    };
    const person = (given_name: string, family_name: string, birthdate: string) => ({ given_name, family_name, birthdate, name: `${given_name} ${family_name}` });

    const call = (method: Method, url: string, { token, body, type }: { token?: string | null; body?: unknown; type?: string } = {}) =>
      app.inject({
        method,
        url: `/api${url}`,
        headers: {
          ...(token ? { authorization: `Bearer ${token}` } : {}),
          ...(body !== undefined ? { 'content-type': type ?? 'application/json' } : {}),
        },
        ...(body !== undefined ? { payload: typeof body === 'string' ? body : JSON.stringify(body) } : {}),
        remoteAddress: freshIp(),
      });
    const asToken = (method: Method, url: string, body?: unknown) => call(method, url, { token: OFFICE_TOKEN, body });
    const refused = (response: LightMyRequestResponse, status: number, code: string) => {
      assert.equal(response.statusCode, status, response.body);
      assert.equal(response.json().error.code, code, response.body);
    };
    /** A staff row as the office (or the file) would store it. */
    const addStaff = (id: string, roles: string[], identity: { given: string; family: string; birthdate: string } | { subject: string }) =>
      'subject' in identity
        ? db.query('insert into staff (id, name, roles, subject) values ($1, $2, $3, $4)', [id, id, roles, identity.subject])
        : db.query(
            `insert into staff (id, name, roles, given_name, family_name, given_key, family_key, birthdate)
             values ($1, $2, $3, $4, $5, $6, $7, $8)`,
            [id, id, roles, identity.given, identity.family, nameKey(identity.given), nameKey(identity.family), identity.birthdate],
          );
    const auditRows = async () => (await db.query<{ n: number }>('select count(*)::int as n from audit_log'))[0]!.n;

    before(async () => {
      dir = mkdtempSync(join(tmpdir(), 'office-'));
      db = await database.open();
      await migrate(db);
      config = testConfig({ OFFICE_API_TOKEN: OFFICE_TOKEN, RATE_LIMIT_PER_MINUTE: '10000' });
      app = await startApp(config, db);
      const [row] = await db.query<{ value: JWK }>("select value from secrets where name = 'broker.signing-key.rs256'");
      signingKey = row!.value;
    });
    after(async () => {
      await app.close();
      await db.close();
      rmSync(dir, { recursive: true, force: true });
    });

    test('every office endpoint refuses an anonymous call (401) and a citizen’s token (403 not_staff)', async () => {
      const { token: citizen } = await tokenOf(person('Jan', 'Novák', '1979-04-12'));
      const seen = new Set<string>();
      const routes = registeredRoutes.filter((spec) => spec.office && spec.path.startsWith('/office'));
      assert.ok(routes.some((spec) => spec.path === '/office/staff/:id' && spec.method === 'DELETE'), 'the staff routes are registered');
      assert.ok(routes.some((spec) => spec.path === '/office/obligations/import'), 'the fee routes are registered');
      for (const spec of routes) {
        const key = `${spec.method} ${spec.path}`;
        if (seen.has(key)) continue;
        seen.add(key);
        const url = spec.path.replace(/:(\w+)/g, (_match, name: string) => `dummy-${name}`);
        const body = spec.method === 'GET' || spec.method === 'DELETE' ? undefined : {};
        const anonymous = await call(spec.method, url, { body });
        assert.equal(anonymous.statusCode, 401, `${key} anonymous: ${anonymous.body}`);
        assert.equal(anonymous.json().error.code, 'missing_token', key);
        assert.match(String(anonymous.headers['www-authenticate']), /^Bearer/, key);
        const forged = await call(spec.method, url, { body, token: 'eyJhbGciOiJSUzI1NiJ9.e30.x' });
        assert.equal(forged.statusCode, 401, `${key} forged: ${forged.body}`);
        const asCitizen = await call(spec.method, url, { body, token: citizen });
        assert.equal(asCitizen.statusCode, 403, `${key} citizen: ${asCitizen.body}`);
        assert.equal(asCitizen.json().error.code, 'not_staff', key);
      }
      assert.ok(seen.size >= 20, `only ${seen.size} office routes`);
      assert.equal(await auditRows(), 0, 'refused callers are nobody to write down');
    });

    test('roles: feedback staff may read reports but not import fees; admin may do everything', async () => {
      await addStaff('hana-reports', ['feedback'], { given: 'Hana', family: 'Králová', birthdate: '1990-01-02' });
      await addStaff('ivo-admin', ['admin'], { given: 'Ivo', family: 'Malý', birthdate: '1970-05-06' });
      const { token: hana } = await tokenOf(person('Hana', 'Králová', '1990-01-02'));
      const { token: ivo } = await tokenOf(person('Ivo', 'Malý', '1970-05-06'));

      const me = await call('GET', '/office/me', { token: hana });
      assert.equal(me.statusCode, 200, me.body);
      assert.deepEqual(me.json(), { id: 'hana-reports', name: 'hana-reports', roles: ['feedback'] });
      refused(await call('POST', '/office/obligations/import', { token: hana, body: HEADER, type: 'text/csv' }), 403, 'missing_role');
      refused(await call('GET', '/office/staff', { token: hana }), 403, 'missing_role');
      const reports = await call('GET', '/office/reports', { token: hana });
      assert.equal(reports.statusCode, 200);
      assert.equal(reports.headers['cache-control'], 'no-store', 'answers about people are never cached');

      assert.equal((await call('GET', '/office/reports', { token: ivo })).statusCode, 200);
      assert.equal((await call('GET', '/office/staff', { token: ivo })).statusCode, 200);
      assert.equal((await call('GET', '/office/audit', { token: ivo })).statusCode, 200);
      // past the role check: the (empty) file itself is what is refused
      refused(await call('POST', '/office/obligations/import', { token: ivo, body: HEADER, type: 'text/csv' }), 422, 'import_rejected');

      const token = await asToken('GET', '/office/me');
      assert.deepEqual(token.json(), { id: 'token', name: 'OFFICE_API_TOKEN', roles: ['admin', 'fees', 'forms', 'polls', 'feedback'] });
    });

    test('binding: the first sign-in of the person binds an account (case and accents aside); not at loalow, not another person of the name', async () => {
      await db.query(
        `insert into staff (id, name, roles, given_name, family_name, given_key, family_key, birthdate)
         values ('alena', 'Alena Svobodová', '{polls}', 'ALENA', 'svobodova', 'alena', 'svobodova', '1983-06-17')`,
      );
      const namesake = await tokenOf(person('Alena', 'Svobodová', '1990-12-24'));
      refused(await call('GET', '/office/me', { token: namesake.token }), 403, 'not_staff');
      const low = await tokenOf(person('Alena', 'Svobodová', '1983-06-17'), { acr: 'loalow' });
      refused(await call('GET', '/office/me', { token: low.token }), 403, 'not_staff');
      assert.equal((await db.query<{ subject: string | null }>("select subject from staff where id = 'alena'"))[0]!.subject, null);

      const alena = await tokenOf(person('Alena', 'Svobodová', '1983-06-17'));
      const me = await call('GET', '/office/me', { token: alena.token });
      assert.equal(me.statusCode, 200, me.body);
      assert.equal(me.json().id, 'alena');
      const [row] = await db.query<{ subject: string; last_sign_in_at: Date | null }>("select subject, last_sign_in_at from staff where id = 'alena'");
      assert.equal(row!.subject, alena.subject);
      assert.ok(row!.last_sign_in_at);
      // bound: the same person again, and nobody else of that identity any more
      assert.equal((await call('GET', '/office/me', { token: alena.token })).statusCode, 200);
      const twin = await tokenOf(person('Alena', 'Svobodová', '1983-06-17'));
      refused(await call('GET', '/office/me', { token: twin.token }), 403, 'not_staff');
      const listed = (await asToken('GET', '/office/staff')).json().staff.find((staff: { id: string }) => staff.id === 'alena');
      assert.equal(listed.bound, true);
      assert.equal(listed.subject, alena.subject);
      assert.equal(listed.birthdate, '1983-06-17');
      assert.ok(listed.lastSignInAt);
    });

    test('staff accounts: create, replace, unbind, refuse; the last admin stays', async () => {
      await db.query('delete from staff');
      const karel = { name: 'Karel Veselý', roles: ['admin'], givenName: 'Karel', familyName: 'Veselý', birthdate: '1968-11-05' };
      const created = await asToken('PUT', '/office/staff/karel-vesely', karel);
      assert.equal(created.statusCode, 201, created.body);
      assert.deepEqual({ ...(created.json() as object), createdAt: undefined }, { id: 'karel-vesely', ...karel, bound: false, fromFile: false, createdAt: undefined });
      const renamed = await asToken('PUT', '/office/staff/karel-vesely', { ...karel, name: 'starosta Karel Veselý' });
      assert.equal(renamed.statusCode, 200, renamed.body);
      assert.equal(renamed.json().name, 'starosta Karel Veselý');

      // the only admin can neither lose the role nor go
      refused(await asToken('PUT', '/office/staff/karel-vesely', { ...karel, roles: ['fees'] }), 409, 'last_admin');
      refused(await asToken('DELETE', '/office/staff/karel-vesely'), 409, 'last_admin');
      const eva = { name: 'Eva Horká', roles: ['admin', 'fees'], subject: 'town-idp|eva' };
      assert.equal((await asToken('PUT', '/office/staff/eva', eva)).statusCode, 201);
      assert.equal((await asToken('PUT', '/office/staff/karel-vesely', { ...karel, roles: ['fees', 'polls'] })).statusCode, 200);
      refused(await asToken('DELETE', '/office/staff/eva'), 409, 'last_admin');
      assert.equal((await asToken('PUT', '/office/staff/karel-vesely', karel)).statusCode, 200);
      const removed = await asToken('DELETE', '/office/staff/eva');
      assert.equal(removed.statusCode, 204, removed.body);
      assert.equal(removed.body, '');
      refused(await asToken('DELETE', '/office/staff/eva'), 404, 'not_found');

      // an identity or a subject
      refused(await asToken('PUT', '/office/staff/nobody', { name: 'Nikdo', roles: ['fees'] }), 422, 'identity_required');
      const partial = await asToken('PUT', '/office/staff/nobody', { name: 'Nikdo', roles: ['fees'], givenName: 'Jan', birthdate: '1980-01-01' });
      refused(partial, 422, 'identity_required');
      assert.deepEqual(partial.json().error.fields.map((field: { path: string }) => field.path), ['familyName']);
      refused(await asToken('PUT', '/office/staff/nobody', { name: 'Nikdo', roles: ['fees'], givenName: 'Jan', familyName: 'Nový', birthdate: '1980-02-30' }), 422, 'invalid_date');
      refused(await asToken('PUT', '/office/staff/Not_An_Id', { ...karel, roles: ['fees'] }), 400, 'invalid_request');
      refused(await asToken('PUT', '/office/staff/nobody', { ...karel, roles: [] }), 400, 'invalid_request');
      refused(await asToken('PUT', '/office/staff/nobody', { ...karel, roles: ['mayor'] }), 400, 'invalid_request');
      assert.equal((await db.query("select id from staff where id = 'nobody'")).length, 0);

      // a bound account: the same identity keeps the person, another one unbinds it unless the subject is given
      const signedIn = await tokenOf(person('Karel', 'Veselý', '1968-11-05'));
      assert.equal((await call('GET', '/office/me', { token: signedIn.token })).json().id, 'karel-vesely');
      assert.equal((await asToken('PUT', '/office/staff/karel-vesely', { ...karel, name: 'Karel V.' })).json().subject, signedIn.subject);
      const moved = (await asToken('PUT', '/office/staff/karel-vesely', { ...karel, birthdate: '1968-11-06' })).json();
      assert.equal(moved.bound, false);
      assert.equal(moved.subject, undefined);
      refused(await call('GET', '/office/me', { token: signedIn.token }), 403, 'not_staff');
      const kept = (await asToken('PUT', '/office/staff/karel-vesely', { ...karel, subject: signedIn.subject })).json();
      assert.equal(kept.subject, signedIn.subject);
      assert.equal((await call('GET', '/office/me', { token: signedIn.token })).statusCode, 200);
      refused(await asToken('PUT', '/office/staff/other', { name: 'Jiný', roles: ['fees'], subject: signedIn.subject }), 409, 'subject_taken');

      const list = (await asToken('GET', '/office/staff')).json();
      assert.deepEqual(list.staff.map((staff: { id: string }) => staff.id), ['karel-vesely']);
    });

    test('the audit log: changes and refusals with who, what, on what and how it ended; reading lists is not written down', async () => {
      await db.query('delete from audit_log');
      await db.query('delete from staff');
      await addStaff('admin', ['admin'], { subject: 'town-idp|admin' });
      await addStaff('petra-polls', ['polls', 'fees'], { given: 'Petra', family: 'Nová', birthdate: '1988-03-04' });
      const { token: petra } = await tokenOf(person('Petra', 'Nová', '1988-03-04'));

      assert.equal((await call('GET', '/office/polls', { token: petra })).statusCode, 200);
      assert.equal((await call('GET', '/office/me', { token: petra })).statusCode, 200);
      assert.equal(await auditRows(), 0, 'reading is not an action');

      refused(await call('PATCH', '/office/polls/lavicky', { token: petra, body: { status: 'open' } }), 404, 'not_found');
      const rejected = await call('POST', '/office/obligations/import', { token: petra, body: `${HEADER}\n1;waste;;;2027;-5;2027-03-31;Jan;Novák;1979-04-12;;ne`, type: 'text/csv' });
      assert.equal(rejected.statusCode, 422, rejected.body);
      const imported = await call('POST', '/office/obligations/import', { token: petra, body: `${HEADER}\n4100000001;waste;Odpady;Waste;2027;780;2027-03-31;Jan;Novák;1979-04-12;;ne`, type: 'text/csv' });
      assert.equal(imported.statusCode, 200, imported.body);
      assert.equal((await asToken('PUT', '/office/staff/jana', { name: 'Jana', roles: ['forms'], subject: 'town-idp|jana' })).statusCode, 201);

      const log = await asToken('GET', '/office/audit');
      assert.equal(log.statusCode, 200, log.body);
      const entries = log.json().entries.map(({ actorId, actorName, action, target, status }: Record<string, unknown>) => ({ actorId, actorName, action, target, status }));
      assert.deepEqual(entries, [
        { actorId: 'token', actorName: 'OFFICE_API_TOKEN', action: 'PUT /office/staff/{id}', target: { id: 'jana' }, status: 201 },
        { actorId: 'petra-polls', actorName: 'petra-polls', action: 'POST /office/obligations/import', target: {}, status: 200 },
        { actorId: 'petra-polls', actorName: 'petra-polls', action: 'POST /office/obligations/import', target: {}, status: 422 },
        { actorId: 'petra-polls', actorName: 'petra-polls', action: 'PATCH /office/polls/{id}', target: { id: 'lavicky' }, status: 404 },
      ]);
      assert.equal(log.json().next, undefined);
      assert.ok(log.json().entries.every((entry: { at: string }) => !Number.isNaN(Date.parse(entry.at))));

      // pages, newest first, and one actor's
      const first = (await asToken('GET', '/office/audit?limit=3')).json();
      assert.equal(first.entries.length, 3);
      assert.equal(first.next, first.entries[2].id);
      const second = (await asToken('GET', `/office/audit?limit=3&before=${first.next}`)).json();
      assert.deepEqual(second.entries.map((entry: { action: string }) => entry.action), ['PATCH /office/polls/{id}']);
      assert.equal(second.next, undefined);
      const petras = (await asToken('GET', '/office/audit?actor=petra-polls')).json();
      assert.equal(petras.entries.length, 3);
      for (const query of ['limit=0', 'limit=201', 'limit=x', 'before=abc']) refused(await asToken('GET', `/office/audit?${query}`), 400, 'invalid_request');
      refused(await call('GET', '/office/audit', { token: petra }), 403, 'missing_role');
    });

    test('OFFICE_STAFF: loaded at start-up; an unchanged file keeps the office’s edits, a changed one applies', async () => {
      await db.query('delete from staff');
      await db.query("delete from secrets where name = 'office-staff.file-sha256'");
      const file = join(dir, 'staff.json');
      const alena = { id: 'alena-svobodova', name: 'Alena Svobodová', roles: ['fees', 'forms'], givenName: 'Alena', familyName: 'Svobodová', birthdate: '1983-06-17' };
      const robot = { id: 'it-service', name: 'Správce IT', roles: ['admin'], subject: 'town-idp|it' };
      writeFileSync(file, JSON.stringify({ staff: [alena, robot] }));

      const backend = await startBackend(testConfig({ OFFICE_STAFF: file, OFFICE_API_TOKEN: OFFICE_TOKEN }), { db, upstream: NO_UPSTREAM });
      await backend.close();
      const staff = async () => (await asToken('GET', '/office/staff')).json().staff as { id: string; roles: string[]; fromFile: boolean; subject?: string }[];
      assert.deepEqual(
        (await staff()).map(({ id, roles, fromFile, subject }) => ({ id, roles, fromFile, subject })),
        [
          { id: 'alena-svobodova', roles: ['fees', 'forms'], fromFile: true, subject: undefined },
          { id: 'it-service', roles: ['admin'], fromFile: true, subject: 'town-idp|it' },
        ],
      );

      // the office gives Alena polls and adds someone of its own; the same file again changes nothing
      assert.equal((await asToken('PUT', '/office/staff/alena-svobodova', { ...alena, id: undefined, roles: ['fees', 'forms', 'polls'] })).statusCode, 200);
      assert.equal((await asToken('PUT', '/office/staff/ondrej', { name: 'Ondřej', roles: ['feedback'], subject: 'town-idp|ondrej' })).statusCode, 201);
      await loadStaffFile(db, file);
      assert.deepEqual((await staff()).find((member) => member.id === 'alena-svobodova')!.roles, ['fees', 'forms', 'polls']);
      assert.equal((await staff()).find((member) => member.id === 'alena-svobodova')!.fromFile, true, 'an edit keeps where the account came from');

      // a new file: its Alena wins, the account it no longer names goes, the office's own stays
      writeFileSync(file, JSON.stringify({ staff: [{ ...alena, roles: ['admin'] }] }, null, 2));
      await loadStaffFile(db, file);
      assert.deepEqual(
        (await staff()).map(({ id, roles, fromFile }) => ({ id, roles, fromFile })),
        [
          { id: 'alena-svobodova', roles: ['admin'], fromFile: true },
          { id: 'ondrej', roles: ['feedback'], fromFile: false },
        ],
      );
    });

    test('OFFICE_STAFF: an invalid file stops the start-up with one line naming the file and the problem', async () => {
      const cases: [string, string, RegExp][] = [
        ['not JSON', '{"staff": [', /is not a readable JSON file/],
        ['no list', '{"people": []}', /\(the file\)|staff/],
        ['an unknown role', JSON.stringify({ staff: [{ id: 'a', name: 'A', roles: ['mayor'], subject: 's' }] }), /staff\.0\.roles\.0/],
        ['an id with capitals', JSON.stringify({ staff: [{ id: 'Alena', name: 'A', roles: ['fees'], subject: 's' }] }), /staff\.0\.id/],
        ['no identity', JSON.stringify({ staff: [{ id: 'a', name: 'A', roles: ['fees'] }] }), /staff\.0\.subject: Give givenName, familyName and birthdate, or subject/],
        ['half an identity', JSON.stringify({ staff: [{ id: 'a', name: 'A', roles: ['fees'], givenName: 'A', familyName: 'B' }] }), /staff\.0\.birthdate/],
        ['a day not in the calendar', JSON.stringify({ staff: [{ id: 'a', name: 'A', roles: ['fees'], givenName: 'A', familyName: 'B', birthdate: '1990-13-01' }] }), /staff\.0\.birthdate: Not a day/],
        ['one id twice', JSON.stringify({ staff: [{ id: 'a', name: 'A', roles: ['fees'], subject: 's' }, { id: 'a', name: 'B', roles: ['fees'], subject: 't' }] }), /staff\.1\.id: .*twice/],
        ['one subject twice', JSON.stringify({ staff: [{ id: 'a', name: 'A', roles: ['fees'], subject: 's' }, { id: 'b', name: 'B', roles: ['fees'], subject: 's' }] }), /staff\.1\.subject/],
      ];
      const before = await db.query('select id, roles from staff order by id');
      for (const [name, content, message] of cases) {
        const file = join(dir, `bad-${cases.findIndex(([other]) => other === name)}.json`);
        writeFileSync(file, content);
        await assert.rejects(
          startBackend(testConfig({ OFFICE_STAFF: file }), { db, upstream: NO_UPSTREAM }),
          (error: Error) => error instanceof ConfigError && error.message.startsWith(`OFFICE_STAFF is invalid: ${file}`) && message.test(error.message) && !error.message.includes('\n'),
          name,
        );
      }
      // a subject the office already gave an account of its own
      const taken = join(dir, 'taken.json');
      writeFileSync(taken, JSON.stringify({ staff: [{ id: 'someone', name: 'S', roles: ['fees'], subject: 'town-idp|ondrej' }] }));
      await assert.rejects(loadStaffFile(db, taken), (error: Error) => error instanceof ConfigError && /staff\.0\.subject: .*"ondrej"/.test(error.message));
      assert.deepEqual(await db.query('select id, roles from staff order by id'), before, 'nothing stored from a refused file');
    });

    test('the OpenAPI document shows the role of each office operation', async () => {
      const document = (await app.inject({ method: 'GET', url: '/openapi.json' })).json();
      assert.equal(document.paths['/office/staff/{id}'].put['x-office-role'], 'admin');
      assert.equal(document.paths['/office/me'].get['x-office-role'], 'staff');
      assert.ok(document.paths['/office/audit'].get.parameters.some((parameter: { name: string }) => parameter.name === 'before'));
    });
  });
}

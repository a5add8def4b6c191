import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { inflateRawSync } from 'node:zlib';
import { SignJWT, importJWK, type JWK } from 'jose';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { ConfigError, loadConfig, type Config } from '../../server/config.js';
import { loadFormsDir } from '../../server/forms/definitions.js';
import { migrate } from '../../server/storage/migrate.js';
import type { Database } from '../../server/storage/database.js';
import { DATABASES, startApp, testConfig } from './harness.js';

const OFFICE_TOKEN = 'office-token-for-the-tests-0123456789';
/** The largest upload of the test backend (UPLOAD_MAX_BYTES). */
const UPLOAD_MAX = 65_536;

/** A grant application with a field of every kind, a condition, a group with a total, and files. */
const GRANT = {
  id: 'grant',
  title: { cs: 'Žádost o dotaci', en: 'Grant application' },
  steps: [
    {
      id: 'applicant',
      title: 'Žadatel',
      fields: [
        { id: 'name', type: 'text', label: 'Jméno', required: true, maxLength: 100 },
        { id: 'email', type: 'email', label: 'E-mail', required: true },
        { id: 'phone', type: 'phone', label: 'Telefon' },
        {
          id: 'kind',
          type: 'choice',
          display: 'radio',
          label: 'Žadatel je',
          required: true,
          options: [
            { value: 'person', label: 'Osoba' },
            { value: 'company', label: 'Firma' },
          ],
        },
        {
          id: 'ico',
          type: 'text',
          label: 'IČO',
          required: true,
          when: "kind == 'company'",
          pattern: '\\d{8}',
          patternMessage: { cs: 'IČO má 8 číslic.', en: 'A company number has 8 digits.' },
        },
        { id: 'address', type: 'address', label: 'Adresa', required: true },
      ],
    },
    {
      id: 'project',
      title: 'Projekt',
      fields: [
        {
          id: 'topics',
          type: 'choice',
          display: 'checkboxes',
          label: 'Oblasti',
          maxSelected: 2,
          options: [
            { value: 'sport', label: 'Sport' },
            { value: 'culture', label: 'Kultura' },
            { value: 'youth', label: 'Mládež' },
          ],
        },
        {
          id: 'budget',
          type: 'group',
          label: 'Rozpočet',
          itemLabel: 'Položka',
          minItems: 1,
          maxItems: 5,
          fields: [
            { id: 'item', type: 'text', label: 'Položka', required: true },
            { id: 'amount', type: 'money', label: 'Částka', required: true },
            { id: 'invoice', type: 'file', label: 'Faktura', accept: ['application/pdf'], maxSize: 4096 },
          ],
          total: { field: 'amount', label: 'Celkem', max: 50000 },
        },
        { id: 'people', type: 'number', label: 'Počet účastníků', integer: true, min: 1, max: 500 },
        { id: 'start', type: 'date', label: 'Začátek', min: '2020-01-01' },
        { id: 'public', type: 'yesno', label: 'Veřejná akce' },
        { id: 'attachments', type: 'file', label: 'Přílohy', accept: ['application/pdf', 'image/png'], maxSize: 8192, maxFiles: 2 },
        { id: 'account', type: 'bank-account', label: 'Účet' },
        { id: 'agree', type: 'checkbox', label: 'Souhlasím', required: true },
      ],
    },
  ],
};

/** Dog registration: signed-in citizens only. */
const DOG = {
  id: 'dog',
  title: 'Přihlášení psa',
  signIn: 'required',
  steps: [
    {
      id: 'dog',
      title: 'Pes',
      fields: [
        { id: 'chip', type: 'text', label: 'Číslo čipu', required: true, pattern: '\\d{15}' },
        { id: 'owner', type: 'text', label: 'Držitel', prefill: 'name' },
      ],
    },
  ],
};

/** A form only the export tests submit to, so its spreadsheet is known to the byte. */
const EXPORT = {
  id: 'export',
  title: 'Export',
  steps: [
    {
      id: 'all',
      title: 'Vše',
      fields: [
        { id: 'note', type: 'text', label: 'Poznámka' },
        { id: 'hint', type: 'info', text: 'Jen text' },
        { id: 'address', type: 'address', label: 'Adresa' },
        {
          id: 'topics',
          type: 'choice',
          display: 'checkboxes',
          label: 'Oblasti',
          options: [
            { value: 'a', label: 'A' },
            { value: 'b', label: 'B' },
            { value: 'c', label: 'C' },
          ],
        },
        { id: 'amount', type: 'money', label: 'Částka' },
        { id: 'ok', type: 'yesno', label: 'OK' },
        {
          id: 'lines',
          type: 'group',
          label: 'Řádky',
          itemLabel: 'Řádek',
          fields: [
            { id: 'what', type: 'text', label: 'Co' },
            { id: 'cost', type: 'number', label: 'Kolik' },
          ],
        },
        { id: 'files', type: 'file', label: 'Soubory', accept: ['application/pdf', 'image/png'], maxSize: 8192, maxFiles: 2 },
      ],
    },
  ],
};

/** Answers of GRANT that break no rule, as a citizen types them. */
const VALID = {
  name: '  Jana Nováková ',
  email: 'jana@example.cz',
  kind: 'person',
  address: { street: 'Náměstí 1', postcode: '12345', city: 'Javorná Lhota' },
  topics: ['sport', 'youth'],
  budget: [
    { item: 'Míče', amount: '1 200,50' },
    { item: 'Dresy', amount: 3000 },
  ],
  people: '25',
  public: true,
  agree: true,
};

const pdf = (size = 600) => Buffer.concat([Buffer.from('%PDF-1.7\n'), randomBytes(size - 9)]);
const png = (size = 600) => Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), randomBytes(size - 8)]);
/** A Windows program: what a `.exe` renamed to `.pdf` really holds. */
const exe = () => Buffer.concat([Buffer.from('MZ\x90\x00'), randomBytes(400)]);

/** How the office sees a moment: Prague time, `YYYY-MM-DD HH:MM:SS` (Sweden writes dates so). */
const inPrague = (iso: string) => new Date(iso).toLocaleString('sv-SE', { timeZone: 'Europe/Prague' });

const fieldsOf = (response: LightMyRequestResponse) =>
  (response.json().error.fields as { path: string; code: string; message: string }[]).map(({ path, code }) => `${path}:${code}`).sort();

/** The files of a zip, read from its central directory (stored or deflated entries). */
function unzipEntries(archive: Buffer): Map<string, Buffer> {
  const end = archive.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  assert.ok(end >= 0, 'no end of central directory');
  const count = archive.readUInt16LE(end + 10);
  let at = archive.readUInt32LE(end + 16);
  const entries = new Map<string, Buffer>();
  for (let index = 0; index < count; index++) {
    assert.equal(archive.readUInt32LE(at), 0x02014b50, 'a central directory header');
    const method = archive.readUInt16LE(at + 10);
    const compressed = archive.readUInt32LE(at + 20);
    const nameLength = archive.readUInt16LE(at + 28);
    const extraLength = archive.readUInt16LE(at + 30);
    const commentLength = archive.readUInt16LE(at + 32);
    const local = archive.readUInt32LE(at + 42);
    const name = archive.subarray(at + 46, at + 46 + nameLength).toString('utf8');
    assert.equal(archive.readUInt32LE(local), 0x04034b50, 'a local header');
    const start = local + 30 + archive.readUInt16LE(local + 26) + archive.readUInt16LE(local + 28);
    const data = archive.subarray(start, start + compressed);
    entries.set(name, method === 0 ? Buffer.from(data) : inflateRawSync(data));
    at += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

const hasUnzip = spawnSync('unzip', ['-v']).status === 0;

describe('forms configuration', () => {
  const base = { NIA_CLIENT_ID: 'https://obec.example/sep' };
  test('limits default to 20 submissions and 30 uploads a minute and 10 MB a file', () => {
    const config = loadConfig(base);
    assert.equal(config.FORM_SUBMIT_PER_MINUTE, 20);
    assert.equal(config.UPLOAD_PER_MINUTE, 30);
    assert.equal(config.UPLOAD_MAX_BYTES, 10 * 1024 * 1024);
    assert.equal(config.FORMS_DIR, undefined);
  });
  test('a limit that is no number is refused with one line naming the variable', () => {
    for (const name of ['FORM_SUBMIT_PER_MINUTE', 'UPLOAD_PER_MINUTE', 'UPLOAD_MAX_BYTES']) {
      assert.throws(
        () => loadConfig({ ...base, [name]: 'lots' }),
        (error: Error) => error instanceof ConfigError && error.message.startsWith(`${name} is invalid`) && !error.message.includes('\n'),
      );
    }
  });
});

for (const database of DATABASES) {
  describe(`forms on ${database.name}`, () => {
    let db: Database;
    let app: FastifyInstance;
    /** The same backend with a submission and an upload limit of 2 a minute. */
    let limited: FastifyInstance;
    let config: Config;
    let signingKey: JWK;
    const year = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Prague', year: 'numeric' }).format(new Date());

    const start = (appConfig: Config) => startApp(appConfig, db);

    let ipCounter = 0;
    /** A client IP of its own for each request, so the per-IP limits count only what a test means them to. */
    const freshIp = () => `198.51.${Math.floor(++ipCounter / 250)}.${(ipCounter % 250) + 1}`;

    /** A signed-in citizen's access token, their account stored as the broker stores it. */
    const tokenOf = async (subject: string, claims: Record<string, unknown>) => {
      await db.query('insert into accounts (subject, claims, loa) values ($1, $2, $3) on conflict (subject) do update set claims = excluded.claims', [
        subject,
        JSON.stringify(claims),
        'loasubstantial',
      ]);
      return new SignJWT({ sub: subject, iss: config.issuerUrl, aud: config.apiUrl, acr: 'loasubstantial' })
        .setProtectedHeader({ alg: 'RS256', kid: signingKey.kid })
        .setIssuedAt()
        .setExpirationTime('10m')
        .sign(await importJWK(signingKey, 'RS256'));
    };
    let jan: string;
    let eva: string;

    const bearer = (token: string | undefined) => (token ? { authorization: `Bearer ${token}` } : {});

    const submit = (formId: string, body: unknown, { key = randomUUID() as string | null, token = undefined as string | undefined, ip = freshIp(), on = app } = {}) =>
      on.inject({
        method: 'POST',
        url: `/api/forms/${formId}/submissions`,
        headers: { 'content-type': 'application/json', ...(key ? { 'idempotency-key': key } : {}), ...bearer(token) },
        payload: JSON.stringify(body),
        remoteAddress: ip,
      });

    const upload = (
      query: string,
      bytes: Buffer,
      { type = 'application/pdf', name = 'příloha.pdf' as string | null, token = undefined as string | undefined, ip = freshIp(), on = app } = {},
    ) =>
      on.inject({
        method: 'POST',
        url: `/api/uploads?${query}`,
        headers: { 'content-type': type, ...(name !== null ? { 'x-file-name': encodeURIComponent(name) } : {}), ...bearer(token) },
        payload: bytes,
        remoteAddress: ip,
      });

    /** An upload that must succeed: the stored upload. */
    const uploaded = async (query: string, bytes: Buffer, options: Parameters<typeof upload>[2] = {}) => {
      const response = await upload(query, bytes, options);
      assert.equal(response.statusCode, 201, response.body);
      return response.json() as { id: string; name: string; size: number; type: string };
    };

    const citizenCall = (method: 'GET' | 'PUT' | 'DELETE', url: string, token: string | undefined, body?: unknown) =>
      app.inject({
        method,
        url,
        headers: { ...bearer(token), ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
        ...(body !== undefined ? { payload: typeof body === 'string' ? body : JSON.stringify(body) } : {}),
        remoteAddress: freshIp(),
      });

    const office = (method: 'GET' | 'PUT' | 'PATCH', url: string, body?: unknown, token: string | null = OFFICE_TOKEN) =>
      app.inject({
        method,
        url: `/api/office/${url}`,
        headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
        ...(body !== undefined ? { payload: JSON.stringify(body) } : {}),
        remoteAddress: freshIp(),
      });

    const storedAnswers = async (id: string) => (await db.query<{ answers: Record<string, unknown> }>('select answers from submissions where id = $1', [id]))[0]!.answers;
    const submissionCount = async () => (await db.query<{ count: number }>('select count(*)::int as count from submissions'))[0]!.count;

    before(async () => {
      db = await database.open();
      await migrate(db);
      config = testConfig({ OFFICE_API_TOKEN: OFFICE_TOKEN, UPLOAD_MAX_BYTES: String(UPLOAD_MAX), FORM_SUBMIT_PER_MINUTE: '1000', UPLOAD_PER_MINUTE: '1000' });
      app = await start(config);
      limited = await start(testConfig({ OFFICE_API_TOKEN: OFFICE_TOKEN, FORM_SUBMIT_PER_MINUTE: '2', UPLOAD_PER_MINUTE: '2' }));
      const [row] = await db.query<{ value: JWK }>("select value from secrets where name = 'broker.signing-key.rs256'");
      signingKey = row!.value;
      jan = await tokenOf('subject-jan', { name: 'Jan Novák', given_name: 'Jan', family_name: 'Novák', birthdate: '1979-04-12', address: { formatted: 'Náměstí 1, 123 45 Javorná Lhota' } });
      eva = await tokenOf('subject-eva', { name: 'Eva Malá', given_name: 'Eva', family_name: 'Malá', birthdate: '1970-01-01' });
      for (const definition of [GRANT, DOG, EXPORT]) {
        const stored = await office('PUT', `forms/${definition.id}`, definition);
        assert.equal(stored.statusCode, 200, stored.body);
      }
    });
    after(async () => {
      await app.close();
      await limited.close();
      await db.close();
    });

    test('a definition is served with its version; a changed one is a new version, an unchanged one is not', async () => {
      const served = await app.inject({ method: 'GET', url: '/api/forms/grant' });
      assert.equal(served.statusCode, 200);
      assert.deepEqual(served.json().definition, { ...GRANT, version: 1 });

      const again = await office('PUT', 'forms/grant', GRANT);
      assert.deepEqual(again.json(), { id: 'grant', version: 1, changed: false });
      // the same definition written with its keys in another order is still the same
      const reordered = Object.fromEntries(Object.entries(GRANT).reverse());
      assert.deepEqual((await office('PUT', 'forms/grant', reordered)).json(), { id: 'grant', version: 1, changed: false });

      const changed = { ...DOG, title: 'Přihlášení psa k poplatku' };
      assert.deepEqual((await office('PUT', 'forms/dog', changed)).json(), { id: 'dog', version: 2, changed: true });
      const current = (await app.inject({ method: 'GET', url: '/api/forms/dog' })).json().definition;
      assert.equal(current.version, 2);
      assert.equal(current.title, 'Přihlášení psa k poplatku');

      const missing = await app.inject({ method: 'GET', url: '/api/forms/no-such-form' });
      assert.equal(missing.statusCode, 404);
      assert.equal(missing.json().error.code, 'not_found');
    });

    test('the office’s definition is checked as a whole: 422 invalid_definition with the problems; the path names the form', async () => {
      const broken = {
        ...GRANT,
        id: 'broken',
        steps: [{ id: 's', title: 'S', fields: [{ id: 'a', type: 'text', label: 'A', when: "nonexistent == 'x'" }, { id: 'a', type: 'text', label: 'A again' }] }],
      };
      const refused = await office('PUT', 'forms/broken', broken);
      assert.equal(refused.statusCode, 422, refused.body);
      assert.equal(refused.json().error.code, 'invalid_definition');
      assert.ok(refused.json().error.fields.length >= 2, refused.body);
      for (const field of refused.json().error.fields) assert.ok(field.path.startsWith('steps.0.fields.'), field.path);

      const shape = await office('PUT', 'forms/broken', { id: 'broken', title: 'X', steps: [] });
      assert.equal(shape.statusCode, 422);
      assert.ok(shape.json().error.fields.some((field: { path: string }) => field.path === 'steps'), shape.body);

      const elsewhere = await office('PUT', 'forms/other', GRANT);
      assert.equal(elsewhere.statusCode, 422);
      assert.deepEqual(fieldsOf(elsewhere), ['id:id_mismatch']);
      assert.equal((await app.inject({ method: 'GET', url: '/api/forms/broken' })).statusCode, 404);
      assert.equal((await app.inject({ method: 'GET', url: '/api/forms/other' })).statusCode, 404);
    });

    test('valid answers are stored normalized under the year’s next reference number', async () => {
      const first = await submit('grant', { version: 1, answers: VALID });
      assert.equal(first.statusCode, 201, first.body);
      const submission = first.json();
      assert.match(submission.reference, new RegExp(`^${year}/\\d{6}$`));
      assert.deepEqual(submission.formTitle, { cs: 'Žádost o dotaci', en: 'Grant application' });
      assert.equal(submission.state, 'received');
      assert.equal(submission.formId, 'grant');
      assert.ok(Math.abs(Date.parse(submission.submittedAt) - Date.now()) < 60_000);
      assert.deepEqual(await storedAnswers(submission.id), {
        name: 'Jana Nováková',
        email: 'jana@example.cz',
        kind: 'person',
        address: { street: 'Náměstí 1', postcode: '123 45', city: 'Javorná Lhota' },
        topics: ['sport', 'youth'],
        budget: [
          { item: 'Míče', amount: 1200.5 },
          { item: 'Dresy', amount: 3000 },
        ],
        people: 25,
        public: true,
        agree: true,
      });

      const second = (await submit('grant', { version: 1, answers: VALID })).json();
      const number = (reference: string) => Number(reference.split('/')[1]);
      assert.equal(number(second.reference), number(submission.reference) + 1);
      assert.notEqual(second.id, submission.id);
    });

    test('20 submissions at once get 20 distinct, consecutive reference numbers', async () => {
      const answers = await Promise.all(Array.from({ length: 20 }, () => submit('grant', { version: 1, answers: VALID })));
      for (const answer of answers) assert.equal(answer.statusCode, 201, answer.body);
      const numbers = answers.map((answer) => Number(answer.json().reference.split('/')[1])).sort((a, b) => a - b);
      assert.equal(new Set(numbers).size, 20);
      assert.equal(numbers[19]! - numbers[0]!, 19);
      const [counter] = await db.query<{ last_number: number }>('select last_number from submission_counters where year = $1', [Number(year)]);
      assert.equal(counter!.last_number, numbers[19]);
    });

    test('the Idempotency-Key: required; the same key and answers give the same submission, also at once; other answers are refused', async () => {
      const missing = await submit('grant', { version: 1, answers: VALID }, { key: null });
      assert.equal(missing.statusCode, 400);
      assert.equal(missing.json().error.code, 'idempotency_key_required');

      const before = await submissionCount();
      const key = randomUUID();
      const first = await submit('grant', { version: 1, answers: VALID }, { key });
      assert.equal(first.statusCode, 201);
      // a retry may send the keys in another order: still the same answers
      const retry = await submit('grant', { answers: Object.fromEntries(Object.entries(VALID).reverse()), version: 1 }, { key });
      assert.ok([200, 201].includes(retry.statusCode), retry.body);
      assert.equal(retry.headers['idempotent-replayed'], 'true');
      assert.deepEqual(retry.json(), first.json());

      const together = randomUUID();
      const racing = await Promise.all(Array.from({ length: 8 }, () => submit('grant', { version: 1, answers: VALID }, { key: together })));
      for (const answer of racing) assert.ok([200, 201].includes(answer.statusCode), answer.body);
      assert.equal(new Set(racing.map((answer) => answer.json().reference)).size, 1);
      assert.equal(await submissionCount(), before + 2);

      const reused = await submit('grant', { version: 1, answers: { ...VALID, email: 'jiny@example.cz' } }, { key });
      assert.equal(reused.statusCode, 422);
      assert.equal(reused.json().error.code, 'idempotency_key_reused');
      // the same answers with the same key from a signed-in citizen are another request
      const someoneElse = await submit('grant', { version: 1, answers: VALID }, { key, token: jan });
      assert.equal(someoneElse.statusCode, 422);
      assert.equal(await submissionCount(), before + 2);
    });

    test('every kind of wrong answer is refused with its path and rule, explained in English', async () => {
      const wrong = await submit('grant', {
        version: 1,
        answers: {
          ...VALID,
          name: 'x'.repeat(101),
          email: 'jana(at)example.cz',
          phone: '12',
          kind: 'company',
          ico: '1234',
          address: { street: 'Náměstí 1', postcode: '1234', city: 'Javorná Lhota' },
          topics: ['sport', 'culture', 'youth'],
          budget: [{ item: 'Míče', amount: '12,345' }],
          people: '2,5',
          start: '2021-02-30',
          account: '19-2000145398/0800',
          agree: false,
        },
      });
      assert.equal(wrong.statusCode, 422, wrong.body);
      assert.equal(wrong.json().error.code, 'invalid_answers');
      assert.deepEqual(fieldsOf(wrong), [
        'account:bank_account',
        'address.postcode:postcode',
        'agree:must_accept',
        'budget.0.amount:money',
        'email:email',
        'ico:pattern',
        'name:too_long',
        'people:integer',
        'phone:phone',
        'start:date',
        'topics:too_many_choices',
      ]);
      const messages = new Map(wrong.json().error.fields.map((field: { path: string; message: string }) => [field.path, field.message]));
      assert.equal(messages.get('ico'), 'A company number has 8 digits.');
      for (const [path, message] of messages) assert.ok(typeof message === 'string' && message.length > 0 && !/[ěščřžýáíéůú]/.test(message as string), `${path}: ${message}`);

      const overBudget = await submit('grant', { version: 1, answers: { ...VALID, budget: [{ item: 'Hřiště', amount: 40000 }, { item: 'Lavičky', amount: 10000.01 }] } });
      assert.equal(overBudget.statusCode, 422);
      assert.deepEqual(fieldsOf(overBudget), ['budget:total_too_large']);
      const noBudget = await submit('grant', { version: 1, answers: { ...VALID, budget: [] } });
      assert.deepEqual(fieldsOf(noBudget), ['budget:too_few_items']);
    });

    test('a tampered submission: hidden answers are dropped, unknown ones and left-out required ones refused, unknown versions 409', async () => {
      // `ico` is asked only of companies: a person's stale answer is dropped, not stored
      const hidden = await submit('grant', { version: 1, answers: { ...VALID, ico: '<script>' } });
      assert.equal(hidden.statusCode, 201, hidden.body);
      assert.equal('ico' in (await storedAnswers(hidden.json().id)), false);

      const unknown = await submit('grant', { version: 1, answers: { ...VALID, approved: true, budget: [{ item: 'Míče', amount: 10, discount: 5 }] } });
      assert.equal(unknown.statusCode, 422);
      assert.ok(fieldsOf(unknown).includes('approved:unknown_field'), unknown.body);

      // a client whose copy of the definition says `email` and `agree` are optional
      const { email: _email, agree: _agree, ...lax } = VALID;
      const required = await submit('grant', { version: 1, answers: lax });
      assert.equal(required.statusCode, 422);
      assert.deepEqual(fieldsOf(required), ['agree:must_accept', 'email:required']);

      const future = await submit('grant', { version: 7, answers: VALID });
      assert.equal(future.statusCode, 409);
      assert.equal(future.json().error.code, 'form_version_unknown');
      const unknownForm = await submit('no-such-form', { version: 1, answers: VALID });
      assert.equal(unknownForm.statusCode, 404);

      const malformed = await submit('grant', { version: '1', answers: [] });
      assert.equal(malformed.statusCode, 400);
    });

    test('text and numbers the database cannot hold are refused with 4xx, never 500', async () => {
      const nul = await submit('grant', { version: 1, answers: { ...VALID, name: 'Jana\u0000' } });
      assert.equal(nul.statusCode, 400);
      assert.deepEqual(fieldsOf(nul), ['answers.name:invalid_text']);
      const surrogate = await submit('grant', { version: 1, answers: { ...VALID, budget: [{ item: 'M\udc00', amount: 1 }] } });
      assert.deepEqual(fieldsOf(surrogate), ['answers.budget.0.item:invalid_text']);
      // an emoji is a surrogate pair, not a lone surrogate
      assert.equal((await submit('grant', { version: 1, answers: { ...VALID, name: 'Jana 🐕' } })).statusCode, 201);
      for (const version of [1.5, 2 ** 40, 0, -1]) {
        const response = await submit('grant', { version, answers: VALID });
        assert.equal(response.statusCode, 409, `version ${version}`);
      }

      const draft = { version: 1, answers: { name: 'Jan' }, updatedAt: '2026-03-01T10:00:00Z' };
      assert.equal((await citizenCall('PUT', '/api/forms/grant/draft', jan, { ...draft, version: 1.5 })).statusCode, 400);
      assert.equal((await citizenCall('PUT', '/api/forms/grant/draft', jan, { ...draft, step: 'a\u0000' })).statusCode, 400);
      assert.equal((await citizenCall('PUT', '/api/forms/grant/draft', jan, { ...draft, updatedAt: 'March 1, 2026' })).statusCode, 400);
      assert.equal((await citizenCall('DELETE', '/api/forms/grant/draft', jan)).statusCode, 200);

      assert.equal((await app.inject({ method: 'GET', url: '/api/forms/%00' })).statusCode, 404);
      assert.equal((await upload('form=%00&field=attachments', pdf())).statusCode, 404);
      assert.deepEqual((await citizenCall('GET', '/api/submissions?form=%00', jan)).json(), { submissions: [] });
      assert.equal((await office('GET', 'forms/%00/submissions.csv')).statusCode, 404);
      assert.equal((await office('GET', 'submissions/%00/files/x')).statusCode, 400);
      assert.equal((await office('PUT', 'forms/grant', { ...GRANT, title: 'Ž\u0000' })).statusCode, 400);
      const someone = (await submit('grant', { version: 1, answers: VALID })).json();
      assert.equal((await office('PATCH', `submissions/${someone.id}`, { state: 'done', note: 'x\u0000' })).statusCode, 400);
    });

    test('a form that needs sign-in: 401 sign_in_required without a token, 401 with a forged one; signed in, the identity is kept', async () => {
      const body = { version: 2, answers: { chip: '203164000123456' } };
      const anonymous = await submit('dog', body);
      assert.equal(anonymous.statusCode, 401);
      assert.equal(anonymous.json().error.code, 'sign_in_required');
      const forged = await submit('dog', body, { token: 'eyJhbGciOiJSUzI1NiJ9.e30.x' });
      assert.equal(forged.statusCode, 401);

      const signedIn = await submit('dog', body, { token: jan });
      assert.equal(signedIn.statusCode, 201, signedIn.body);
      const [row] = await db.query<{ subject: string; identity: Record<string, unknown> }>('select subject, identity from submissions where id = $1', [signedIn.json().id]);
      assert.equal(row!.subject, 'subject-jan');
      assert.deepEqual(row!.identity, {
        name: 'Jan Novák',
        given_name: 'Jan',
        family_name: 'Novák',
        birthdate: '1979-04-12',
        address: 'Náměstí 1, 123 45 Javorná Lhota',
        loa: 'loasubstantial',
      });
      // the earlier version is still answerable
      assert.equal((await submit('dog', { version: 1, answers: { chip: '203164000123457' } }, { token: jan })).statusCode, 201);
    });

    test('uploads: the content’s real type decides, sizes are limited by the field and the server, names are cleaned', async () => {
      const file = pdf(1000);
      const stored = await uploaded('form=grant&field=attachments', file, { name: 'Žádost – příloha.pdf' });
      assert.match(stored.id, /^[A-Za-z0-9_-]{32}$/);
      assert.deepEqual({ ...stored, id: '' }, { id: '', name: 'Žádost – příloha.pdf', size: 1000, type: 'application/pdf' });
      const [row] = await db.query<{ bytes: Uint8Array }>('select bytes from uploads where id = $1', [stored.id]);
      assert.ok(Buffer.from(row!.bytes).equals(file));

      assert.equal((await uploaded('form=grant&field=attachments', png(), { type: 'image/png', name: '../../etc/\u202Egnp.exe\u0000' })).name, 'gnp.exe');
      assert.equal((await uploaded('form=grant&field=attachments', pdf(), { name: 'C:\\Users\\jana\\..\\smlouva.pdf' })).name, 'smlouva.pdf');
      assert.equal((await uploaded('form=grant&field=attachments', pdf(), { name: null })).name, 'soubor.pdf');
      assert.equal((await uploaded('form=grant&field=budget.invoice', pdf())).type, 'application/pdf');

      const overField = await upload('form=grant&field=attachments', pdf(8193));
      assert.equal(overField.statusCode, 413);
      assert.equal(overField.json().error.code, 'file_too_large');
      const overServer = await upload('form=grant&field=attachments', pdf(UPLOAD_MAX + 1));
      assert.equal(overServer.statusCode, 413);
      assert.equal(overServer.json().error.code, 'file_too_large');

      const renamed = await upload('form=grant&field=attachments', exe(), { name: 'faktura.pdf' });
      assert.equal(renamed.statusCode, 415);
      assert.equal(renamed.json().error.code, 'file_type');
      const mislabelled = await upload('form=grant&field=attachments', png(), { type: 'application/pdf' });
      assert.equal(mislabelled.statusCode, 415);
      const notAccepted = await upload('form=grant&field=budget.invoice', png(), { type: 'image/png' });
      assert.equal(notAccepted.statusCode, 415);
      assert.equal(notAccepted.json().error.code, 'file_type');
      const asText = await upload('form=grant&field=attachments', pdf(), { type: 'text/plain' });
      assert.equal(asText.statusCode, 415);

      for (const query of ['form=nothing&field=attachments', 'form=grant&field=nothing', 'form=grant&field=email', 'form=grant&field=budget', 'form=grant&field=invoice']) {
        const response = await upload(query, pdf());
        assert.equal(response.statusCode, 404, query);
        assert.equal(response.json().error.code, 'not_found');
      }
      assert.equal((await upload('form=grant', pdf())).statusCode, 400);
      assert.equal((await upload('form=grant&field=attachments', pdf(), { token: 'eyJhbGciOiJSUzI1NiJ9.e30.x' })).statusCode, 401);
    });

    test('a submission takes its uploads as stored (name, size, type), once, and only the uploader’s', async () => {
      const file = await uploaded('form=grant&field=attachments', pdf(700), { name: 'rozpočet.pdf' });
      const lie = { id: file.id, name: 'invoice.exe', size: 1, type: 'image/png' };
      const submitted = await submit('grant', { version: 1, answers: { ...VALID, attachments: [lie] } });
      assert.equal(submitted.statusCode, 201, submitted.body);
      assert.deepEqual((await storedAnswers(submitted.json().id)).attachments, [file]);
      const [attached] = await db.query<{ submission_id: string }>('select submission_id from uploads where id = $1', [file.id]);
      assert.equal(attached!.submission_id, submitted.json().id);

      const again = await submit('grant', { version: 1, answers: { ...VALID, attachments: [file] } });
      assert.equal(again.statusCode, 422);
      assert.deepEqual(fieldsOf(again), ['attachments:upload_unknown']);

      const invented = await submit('grant', { version: 1, answers: { ...VALID, attachments: [{ ...file, id: 'x'.repeat(32) }] } });
      assert.deepEqual(fieldsOf(invented), ['attachments:upload_unknown']);

      // an upload of another field
      const other = await uploaded('form=grant&field=attachments', pdf());
      const elsewhere = await submit('grant', { version: 1, answers: { ...VALID, budget: [{ item: 'Míče', amount: 100, invoice: [other] }] } });
      assert.deepEqual(fieldsOf(elsewhere), ['budget.0.invoice:upload_unknown']);
      const inGroup = await uploaded('form=grant&field=budget.invoice', pdf(), { name: 'faktura.pdf' });
      const groupOk = await submit('grant', { version: 1, answers: { ...VALID, budget: [{ item: 'Míče', amount: 100, invoice: [inGroup] }] } });
      assert.equal(groupOk.statusCode, 201, groupOk.body);

      // Jan's upload is Jan's: neither Eva nor an anonymous submission may take it
      const jans = await uploaded('form=grant&field=attachments', pdf(), { token: jan });
      for (const token of [eva, undefined]) {
        const stolen = await submit('grant', { version: 1, answers: { ...VALID, attachments: [jans] } }, { token });
        assert.equal(stolen.statusCode, 422);
        assert.deepEqual(fieldsOf(stolen), ['attachments:upload_unknown']);
      }
      assert.equal((await submit('grant', { version: 1, answers: { ...VALID, attachments: [jans] } }, { token: jan })).statusCode, 201);

      // two submissions racing for one upload: one gets it
      const contested = await uploaded('form=grant&field=attachments', pdf());
      const race = await Promise.all(Array.from({ length: 4 }, () => submit('grant', { version: 1, answers: { ...VALID, attachments: [contested] } })));
      assert.deepEqual(race.map((answer) => answer.statusCode).sort(), [201, 422, 422, 422]);

      // the field's rules run on what is stored: a stored PNG cannot pass as the PDF a field of PDFs wants
      const image = await uploaded('form=grant&field=attachments', png(), { type: 'image/png' });
      await db.query("update uploads set field_path = 'budget.invoice' where id = $1", [image.id]);
      const disguised = await submit('grant', { version: 1, answers: { ...VALID, budget: [{ item: 'Míče', amount: 1, invoice: [{ ...image, type: 'application/pdf' }] }] } });
      assert.deepEqual(fieldsOf(disguised), ['budget.0.invoice:file_type']);
    });

    test('unattached uploads older than a day are swept by the next upload; submitted ones stay', async () => {
      const stale = await uploaded('form=grant&field=attachments', pdf());
      const kept = await uploaded('form=grant&field=attachments', pdf());
      assert.equal((await submit('grant', { version: 1, answers: { ...VALID, attachments: [kept] } })).statusCode, 201);
      await db.query("update uploads set created_at = now() - interval '25 hours' where id = any($1::text[])", [[stale.id, kept.id]]);
      const fresh = await uploaded('form=grant&field=attachments', pdf());
      const left = (await db.query<{ id: string }>('select id from uploads where id = any($1::text[])', [[stale.id, kept.id, fresh.id]])).map((row) => row.id).sort();
      assert.deepEqual(left, [kept.id, fresh.id].sort());
    });

    test('drafts: each citizen’s own, round trip, size-limited, gone after submitting', async () => {
      const draft = { version: 1, answers: { name: 'Jan', budget: [{ item: 'Míče' }] }, step: 'project', updatedAt: '2026-03-01T10:00:00.000Z' };
      assert.equal((await citizenCall('GET', '/api/forms/grant/draft', jan)).statusCode, 404);
      const saved = await citizenCall('PUT', '/api/forms/grant/draft', jan, draft);
      assert.equal(saved.statusCode, 200, saved.body);
      assert.deepEqual(saved.json(), draft);
      assert.deepEqual((await citizenCall('GET', '/api/forms/grant/draft', jan)).json(), draft);

      assert.equal((await citizenCall('GET', '/api/forms/grant/draft', eva)).statusCode, 404);
      const evas = { version: 1, answers: { name: 'Eva' }, updatedAt: '2026-03-02T08:30:00.000Z' };
      assert.equal((await citizenCall('PUT', '/api/forms/grant/draft', eva, evas)).statusCode, 200);
      assert.deepEqual((await citizenCall('GET', '/api/forms/grant/draft', jan)).json(), draft);
      assert.deepEqual((await citizenCall('GET', '/api/forms/grant/draft', eva)).json(), evas);

      const big = await citizenCall('PUT', '/api/forms/grant/draft', jan, { ...draft, answers: { name: 'x'.repeat(300 * 1024) } });
      assert.equal(big.statusCode, 413);
      assert.equal(big.json().error.code, 'draft_too_large');
      assert.deepEqual((await citizenCall('GET', '/api/forms/grant/draft', jan)).json(), draft);
      const badTime = await citizenCall('PUT', '/api/forms/grant/draft', jan, { ...draft, updatedAt: 'včera' });
      assert.equal(badTime.statusCode, 400);
      assert.equal((await citizenCall('PUT', '/api/forms/no-such-form/draft', jan, draft)).statusCode, 404);
      for (const method of ['GET', 'PUT', 'DELETE'] as const) {
        assert.equal((await citizenCall(method, '/api/forms/grant/draft', undefined, method === 'PUT' ? draft : undefined)).statusCode, 401, method);
      }

      assert.deepEqual((await citizenCall('DELETE', '/api/forms/grant/draft', eva)).json(), { deleted: true });
      assert.deepEqual((await citizenCall('DELETE', '/api/forms/grant/draft', eva)).json(), { deleted: false });
      assert.equal((await citizenCall('GET', '/api/forms/grant/draft', eva)).statusCode, 404);

      assert.equal((await submit('grant', { version: 1, answers: VALID }, { token: jan })).statusCode, 201);
      assert.equal((await citizenCall('GET', '/api/forms/grant/draft', jan)).statusCode, 404);
    });

    test('a citizen lists their own submissions only, newest first, of one form when asked', async () => {
      const carla = await tokenOf('subject-carla', { name: 'Karla Nová' });
      const first = (await submit('grant', { version: 1, answers: VALID }, { token: carla })).json();
      const second = (await submit('dog', { version: 2, answers: { chip: '203164000999999' } }, { token: carla })).json();
      await submit('grant', { version: 1, answers: VALID }, { token: eva });
      await submit('grant', { version: 1, answers: VALID });

      const list = await citizenCall('GET', '/api/submissions', carla);
      assert.equal(list.statusCode, 200);
      assert.deepEqual(
        list.json().submissions.map((submission: { reference: string }) => submission.reference),
        [second.reference, first.reference],
      );
      assert.deepEqual(list.json().submissions[0], second);
      const grants = await citizenCall('GET', '/api/submissions?form=grant', carla);
      assert.deepEqual(grants.json().submissions, [first]);
      assert.equal((await citizenCall('GET', '/api/submissions', undefined)).statusCode, 401);
    });

    test('office routes need the office token: 401 without, 403 with a wrong one or a citizen’s', async () => {
      const routes: ['GET' | 'PUT' | 'PATCH', string, unknown][] = [
        ['GET', 'forms', undefined],
        ['PUT', 'forms/grant', GRANT],
        ['GET', 'forms/grant/submissions', undefined],
        ['GET', 'forms/grant/submissions.csv', undefined],
        ['GET', 'forms/grant/export.zip', undefined],
        ['GET', `submissions/${randomUUID()}/files/x`, undefined],
        ['PATCH', `submissions/${randomUUID()}`, { state: 'done' }],
      ];
      for (const [method, url, body] of routes) {
        const missing = await office(method, url, body, null);
        assert.equal(missing.statusCode, 401, `${method} ${url}`);
        assert.equal(missing.json().error.code, 'missing_token');
        assert.equal((await office(method, url, body, `${OFFICE_TOKEN}x`)).statusCode, 401, `${method} ${url}`);
        assert.equal((await office(method, url, body, jan)).statusCode, 403, `${method} ${url}`);
      }
    });

    test('the office: the spreadsheet to the byte (formulas defused), the zip with every file byte for byte, downloads', async () => {
      const report = pdf(1200);
      const photo = png(900);
      const first = await uploaded('form=export&field=files', report, { name: 'zpráva.pdf', token: jan });
      const second = await uploaded('form=export&field=files', photo, { type: 'image/png', name: 'zpráva.pdf', token: jan });
      const signedIn = await submit(
        'export',
        {
          version: 1,
          answers: {
            note: '=1+2',
            address: { street: 'Náměstí 1', postcode: '12345', city: 'Javorná Lhota' },
            topics: ['a', 'c'],
            amount: '1 234,5',
            ok: true,
            lines: [
              { what: '-Lavice "dřevo"', cost: 2 },
              { what: 'Stan; velký', cost: '1,5' },
            ],
            files: [first, second],
          },
        },
        { token: jan },
      );
      assert.equal(signedIn.statusCode, 201, signedIn.body);
      const anonymous = await submit('export', { version: 1, answers: { note: '+420 777 123 456', amount: '0', ok: false, lines: [{ what: '@SUM(A1)' }] } });
      assert.equal(anonymous.statusCode, 201, anonymous.body);
      const [a, b] = [signedIn.json(), anonymous.json()];

      const csv = await office('GET', 'forms/export/submissions.csv');
      assert.equal(csv.statusCode, 200);
      assert.equal(csv.headers['content-type'], 'text/csv; charset=utf-8');
      assert.match(String(csv.headers['content-disposition']), /^attachment; filename="export\.csv"/);
      const expected =
        '\ufeff' +
        'reference;submitted_at;state;signed_in;name;note;address;topics;amount;ok;lines.what;lines.cost;files\r\n' +
        `${a.reference};${inPrague(a.submittedAt)};received;ano;Jan Novák;'=1+2;Náměstí 1, 123 45 Javorná Lhota;a, c;1234,50;ano;"'-Lavice ""dřevo"" | Stan; velký";2 | 1,5;zpráva.pdf, zpráva.pdf\r\n` +
        `${b.reference};${inPrague(b.submittedAt)};received;ne;;'+420 777 123 456;;;0,00;ne;'@SUM(A1);;\r\n`;
      assert.equal(csv.rawPayload.toString('utf8'), expected);

      const archive = await office('GET', 'forms/export/export.zip');
      assert.equal(archive.statusCode, 200);
      assert.equal(archive.headers['content-type'], 'application/zip');
      const folder = `files/${a.reference.replace('/', '-')}`;
      const entries = unzipEntries(archive.rawPayload);
      assert.deepEqual([...entries.keys()], ['submissions.csv', `${folder}/zpráva.pdf`, `${folder}/zpráva (2).pdf`]);
      assert.equal(entries.get('submissions.csv')!.toString('utf8'), expected);
      assert.ok(entries.get(`${folder}/zpráva.pdf`)!.equals(report));
      assert.ok(entries.get(`${folder}/zpráva (2).pdf`)!.equals(photo));
      if (hasUnzip) {
        // an independent reader agrees: the archive and every checksum are sound
        const dir = mkdtempSync(join(tmpdir(), 'obec-zip-'));
        try {
          writeFileSync(join(dir, 'export.zip'), archive.rawPayload);
          const tested = execFileSync('unzip', ['-t', join(dir, 'export.zip')], { encoding: 'utf8' });
          assert.match(tested, /No errors detected/);
          const listed = execFileSync('unzip', ['-l', join(dir, 'export.zip')], { encoding: 'utf8' });
          assert.match(listed, /3 files/);
        } finally {
          rmSync(dir, { recursive: true, force: true });
        }
      }

      const download = await office('GET', `submissions/${a.id}/files/${first.id}`);
      assert.equal(download.statusCode, 200);
      assert.ok(download.rawPayload.equals(report));
      assert.equal(download.headers['content-type'], 'application/pdf');
      assert.equal(download.headers['content-disposition'], `attachment; filename="zprava.pdf"; filename*=UTF-8''zpr%C3%A1va.pdf`);
      assert.equal(download.headers['x-content-type-options'], 'nosniff');
      assert.equal((await office('GET', `submissions/${b.id}/files/${first.id}`)).statusCode, 404);
      assert.equal((await office('GET', 'forms/no-such-form/submissions.csv')).statusCode, 404);

      const json = await office('GET', 'forms/export/submissions');
      assert.equal(json.statusCode, 200);
      const [newest, oldest] = json.json().submissions;
      assert.equal(newest.reference, b.reference);
      assert.equal(newest.signedIn, false);
      assert.equal(newest.identity, undefined);
      assert.equal(oldest.reference, a.reference);
      assert.deepEqual(oldest.identity, { name: 'Jan Novák', given_name: 'Jan', family_name: 'Novák', birthdate: '1979-04-12', address: 'Náměstí 1, 123 45 Javorná Lhota', loa: 'loasubstantial' });
      assert.deepEqual(oldest.files, [first, second]);
      assert.deepEqual(oldest.answers.files, [first, second]);
      assert.equal(oldest.answers.amount, 1234.5);
    });

    test('the office moves a submission on; the citizen sees the state and the note, the history keeps every step', async () => {
      const mine = (await submit('grant', { version: 1, answers: VALID }, { token: eva })).json();
      const moved = await office('PATCH', `submissions/${mine.id}`, { state: 'in-progress', note: 'Prověřujeme rozpočet.' });
      assert.equal(moved.statusCode, 200, moved.body);
      assert.equal(moved.json().state, 'in-progress');
      const seen = (await citizenCall('GET', '/api/submissions?form=grant', eva)).json().submissions.find((submission: { id: string }) => submission.id === mine.id);
      assert.equal(seen.state, 'in-progress');
      assert.equal(seen.note, 'Prověřujeme rozpočet.');
      assert.ok(seen.stateChangedAt >= mine.stateChangedAt);

      const done = await office('PATCH', `submissions/${mine.id}`, { state: 'done' });
      assert.deepEqual(
        done.json().history.map((entry: { state: string; note?: string; actor: string }) => [entry.state, entry.note, entry.actor]),
        [
          ['received', undefined, 'citizen'],
          ['in-progress', 'Prověřujeme rozpočet.', 'office'],
          ['done', undefined, 'office'],
        ],
      );
      const after = (await citizenCall('GET', '/api/submissions?form=grant', eva)).json().submissions.find((submission: { id: string }) => submission.id === mine.id);
      assert.equal(after.state, 'done');
      assert.equal(after.note, undefined);

      assert.equal((await office('PATCH', `submissions/${randomUUID()}`, { state: 'done' })).statusCode, 404);
      assert.equal((await office('PATCH', `submissions/${mine.id}`, { state: 'archived' })).statusCode, 400);

      const forms = (await office('GET', 'forms')).json().forms;
      const grant = forms.find((form: { id: string }) => form.id === 'grant');
      const [counts] = await db.query<{ received: number; done: number }>(
        "select count(*) filter (where state = 'received')::int as received, count(*) filter (where state = 'done')::int as done from submissions where form_id = 'grant'",
      );
      assert.deepEqual(grant, { id: 'grant', title: GRANT.title, version: 1, submissions: { received: counts!.received, 'in-progress': 0, done: counts!.done, rejected: 0 } });
      assert.ok(counts!.done >= 1);
      assert.deepEqual(
        forms.map((form: { id: string }) => form.id),
        ['dog', 'export', 'grant'],
      );
    });

    test('submissions and uploads are rate limited per client IP', async () => {
      const ip = freshIp();
      const answers = [];
      for (let attempt = 0; attempt < 3; attempt++) answers.push(await submit('grant', { version: 1, answers: VALID }, { ip, on: limited }));
      assert.deepEqual(answers.map((answer) => answer.statusCode), [201, 201, 429]);
      assert.equal(answers[2]!.json().error.code, 'rate_limited');
      const uploads = [];
      for (let attempt = 0; attempt < 3; attempt++) uploads.push(await upload('form=grant&field=attachments', pdf(), { ip, on: limited }));
      assert.deepEqual(uploads.map((answer) => answer.statusCode), [201, 201, 429]);
    });

    test('every forms route is in /openapi.json', async () => {
      const document = (await app.inject({ method: 'GET', url: '/openapi.json' })).json();
      const operations = Object.entries(document.paths as Record<string, Record<string, unknown>>).flatMap(([path, methods]) => Object.keys(methods).map((method) => `${method} ${path}`));
      for (const operation of [
        'get /forms/{id}',
        'post /forms/{id}/submissions',
        'get /submissions',
        'get /forms/{id}/draft',
        'put /forms/{id}/draft',
        'delete /forms/{id}/draft',
        'post /uploads',
        'put /office/forms/{id}',
        'get /office/forms',
        'get /office/forms/{id}/submissions',
        'get /office/forms/{id}/submissions.csv',
        'get /office/forms/{id}/export.zip',
        'get /office/submissions/{id}/files/{uploadId}',
        'patch /office/submissions/{id}',
      ]) {
        assert.ok(operations.includes(operation), operation);
      }
      assert.ok(document.paths['/forms/{id}/submissions'].post.responses['422']);
    });

    test('FORMS_DIR: every definition stored at start-up, a changed file a new version, an invalid file stops it with one line', async () => {
      const dir = mkdtempSync(join(tmpdir(), 'obec-forms-'));
      try {
        const poll = { ...DOG, id: 'from-dir', signIn: 'optional' };
        writeFileSync(join(dir, 'from-dir.json'), JSON.stringify(poll, null, 2));
        writeFileSync(join(dir, 'README.txt'), 'not a form');
        assert.deepEqual(await loadFormsDir(db, dir), [{ id: 'from-dir', version: 1, changed: true }]);
        assert.deepEqual(await loadFormsDir(db, dir), [{ id: 'from-dir', version: 1, changed: false }]);
        writeFileSync(join(dir, 'from-dir.json'), JSON.stringify({ ...poll, title: 'Nový název' }));
        assert.deepEqual(await loadFormsDir(db, dir), [{ id: 'from-dir', version: 2, changed: true }]);
        assert.equal((await app.inject({ method: 'GET', url: '/api/forms/from-dir' })).json().definition.title, 'Nový název');

        writeFileSync(join(dir, 'zz-broken.json'), JSON.stringify({ ...poll, id: 'Broken Form' }));
        writeFileSync(join(dir, 'from-dir.json'), JSON.stringify({ ...poll, title: 'Ještě jinak' }));
        await assert.rejects(loadFormsDir(db, dir), (error: Error) => error instanceof ConfigError && /^FORMS_DIR: .*zz-broken\.json .*id/.test(error.message) && !error.message.includes('\n'));
        // nothing of a refused folder is stored
        assert.equal((await app.inject({ method: 'GET', url: '/api/forms/from-dir' })).json().definition.version, 2);

        writeFileSync(join(dir, 'zz-broken.json'), '{ "id": ');
        await assert.rejects(loadFormsDir(db, dir), (error: Error) => error instanceof ConfigError && /zz-broken\.json is not readable JSON/.test(error.message));
        writeFileSync(join(dir, 'zz-broken.json'), JSON.stringify(poll));
        await assert.rejects(loadFormsDir(db, dir), (error: Error) => error instanceof ConfigError && /defines the form "from-dir" again/.test(error.message));
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
      await assert.rejects(loadFormsDir(db, join(tmpdir(), 'no-such-forms-dir')), (error: Error) => error instanceof ConfigError && /^FORMS_DIR is invalid/.test(error.message));
    });
  });
}

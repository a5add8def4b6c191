import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { loadReportCategories } from '../../server/feedback/service.js';
import { migrate } from '../../server/storage/migrate.js';
import type { Database } from '../../server/storage/database.js';
import { DATABASES, startApp, testConfig } from './harness.js';

const OFFICE_TOKEN = 'office-token-for-the-feedback-exports';
const CENTER = { lat: 49.4325, lon: 15.587 };
const BOUNDARY = [
  [49.4385, 15.579],
  [49.439, 15.5955],
  [49.4265, 15.596],
  [49.426, 15.5785],
];
const CATEGORIES = {
  categories: [
    { code: 'roads', name: { cs: 'Silnice a chodníky' }, department: 'Odbor správy majetku' },
    { code: 'waste', name: { cs: 'Odpady' }, department: 'Odbor životního prostředí' },
  ],
};

for (const database of DATABASES) {
  describe(`feedback exports on ${database.name}`, () => {
    let db: Database;
    let app: FastifyInstance;
    let dir: string;

    before(async () => {
      dir = mkdtempSync(join(tmpdir(), 'feedback-export-'));
      writeFileSync(join(dir, 'area.json'), JSON.stringify({ name: 'Javorná Lhota', boundary: BOUNDARY, center: CENTER, zoom: 15 }));
      writeFileSync(join(dir, 'categories.json'), JSON.stringify(CATEGORIES));
      db = await database.open();
      await migrate(db);
      await loadReportCategories(db, join(dir, 'categories.json'));
      app = await startApp(testConfig({ TOWN_AREA: join(dir, 'area.json'), OFFICE_API_TOKEN: OFFICE_TOKEN, RATING_PER_MINUTE: '1000', REPORT_PER_MINUTE: '1000' }), db);
    });
    after(async () => {
      await app.close();
      await db.close();
      rmSync(dir, { recursive: true, force: true });
    });

    let ipCounter = 0;
    const post = (url: string, body: unknown, headers: Record<string, string> = {}) =>
      app.inject({ method: 'POST', url, headers: { 'content-type': 'application/json', ...headers }, payload: JSON.stringify(body), remoteAddress: `203.0.113.${++ipCounter}` });
    const office = (method: 'GET' | 'PATCH', path: string, body?: unknown, token: string | null = OFFICE_TOKEN) =>
      app.inject({
        method,
        url: `/api/office/${path}`,
        headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
        ...(body !== undefined ? { payload: JSON.stringify(body) } : {}),
      });
    const rowsOf = (body: string) => {
      assert.ok(body.startsWith('\ufeff'), 'a BOM');
      assert.ok(body.endsWith('\r\n'), 'CRLF line ends');
      return body.slice(1, -2).split('\r\n');
    };

    test('reports.csv: one row a report with its reply and the reporter’s contact, filtered as the list is', async () => {
      const named = await post(
        '/api/reports',
        {
          category: 'roads',
          description: 'Výmol na silnici; hluboký "asi 20 cm"',
          location: { ...CENTER, address: 'Návesní 1' },
          photos: [],
          contact: { name: 'Jana Nová', email: 'jana@example.cz', phone: '+420 601 123 456' },
        },
        { 'idempotency-key': randomUUID() },
      );
      assert.equal(named.statusCode, 201, named.body);
      const anonymous = await post('/api/reports', { category: 'waste', description: '=HYPERLINK("x") černá skládka u lesa', location: CENTER, photos: [] }, { 'idempotency-key': randomUUID() });
      assert.equal(anonymous.statusCode, 201, anonymous.body);
      const first = named.json().report as { id: string; reference: string };
      const second = anonymous.json().report as { id: string; reference: string };
      const replied = await office('PATCH', `reports/${first.id}`, { state: 'in-progress', reply: 'Opravíme do pátku' });
      assert.equal(replied.statusCode, 200, replied.body);

      const exported = await office('GET', 'reports.csv');
      assert.equal(exported.statusCode, 200, exported.body);
      assert.match(exported.headers['content-type'] as string, /^text\/csv; charset=utf-8/);
      assert.equal(exported.headers['content-disposition'], 'attachment; filename="reports.csv"');
      const [header, ...rows] = rowsOf(exported.body);
      assert.equal(header, 'reference;id;created_at;category;department;state;description;address;lat;lon;supporters;reply;reporter_name;reporter_email;reporter_phone');
      assert.equal(rows.length, 2);
      const stamp = /;\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2};/;
      assert.ok(rows.every((row) => stamp.test(row)), 'created in Prague time');
      assert.deepEqual(
        rows.map((row) => row.replace(stamp, ';<created>;')),
        [
          // newest first, as the list; formulas defused (a phone's + too), quotes doubled, no reporter of an anonymous one
          `${second.reference};${second.id};<created>;waste;Odbor životního prostředí;received;"'=HYPERLINK(""x"") černá skládka u lesa";;49.4325;15.587;0;;;;`,
          `${first.reference};${first.id};<created>;roads;Odbor správy majetku;in-progress;"Výmol na silnici; hluboký ""asi 20 cm""";Návesní 1;49.4325;15.587;0;Opravíme do pátku;Jana Nová;jana@example.cz;'+420 601 123 456`,
        ],
      );

      const waste = rowsOf((await office('GET', 'reports.csv?category=waste')).body);
      assert.equal(waste.length, 2);
      assert.ok(waste[1]!.startsWith(`${second.reference};`));
      assert.equal(rowsOf((await office('GET', 'reports.csv?state=solved')).body).length, 1, 'only the header');
      assert.equal((await office('GET', 'reports.csv', undefined, null)).statusCode, 401);
      assert.equal((await db.query("select 1 from audit_log where action = 'GET /office/reports.csv'")).length, 3, 'every export by the office is audited');
    });

    test('ratings.csv: one row a click, with its comment, between from and to', async () => {
      assert.equal((await post('/api/ratings', { target: '/poplatky', helpful: true })).statusCode, 201);
      assert.equal((await post('/api/ratings', { target: '/poplatky', helpful: false, comment: 'Chybí; QR kód' })).statusCode, 201);
      assert.equal((await post('/api/ratings', { target: 'forms', helpful: true, comment: 'Rychlé' })).statusCode, 201);
      await db.query("insert into ratings (id, target, helpful, comment, created_at) values ('old', '/stare', true, null, '2020-01-15T10:00:00Z')");

      const all = await office('GET', 'ratings.csv');
      assert.equal(all.statusCode, 200, all.body);
      assert.equal(all.headers['content-disposition'], 'attachment; filename="ratings.csv"');
      const [header, ...rows] = rowsOf(all.body);
      assert.equal(header, 'at;target;helpful;comment');
      assert.deepEqual(
        rows.map((row) => row.replace(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2};/, '')),
        ['/stare;ano;', '/poplatky;ano;', '/poplatky;ne;"Chybí; QR kód"', 'forms;ano;Rychlé'],
      );
      assert.ok(rows[0]!.startsWith('2020-01-15 11:00:00;'), 'the time in Prague');

      const recent = rowsOf((await office('GET', 'ratings.csv?from=2021-01-01')).body);
      assert.equal(recent.length, 4);
      const old = rowsOf((await office('GET', 'ratings.csv?from=2020-01-01&to=2020-02-01')).body);
      assert.deepEqual(old, ['at;target;helpful;comment', '2020-01-15 11:00:00;/stare;ano;']);
      assert.equal((await office('GET', 'ratings.csv?from=yesterday')).statusCode, 400);
    });
  });
}

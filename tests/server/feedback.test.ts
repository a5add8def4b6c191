import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { SignJWT, importJWK, type JWK } from 'jose';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { ConfigError, loadConfig, type Config } from '../../server/config.js';
import { stripJpeg, stripPng, stripWebp } from '../../server/feedback/photos.js';
import { loadReportCategories, pragueIso } from '../../server/feedback/service.js';
import { migrate } from '../../server/storage/migrate.js';
import type { Database } from '../../server/storage/database.js';
import { distanceMetres, insidePolygon } from '../../src/feedback/geo.js';
import { DATABASES, startApp, testConfig } from './harness.js';

const OFFICE_TOKEN = 'office-token-for-the-feedback-tests-01';
const CENTER = { lat: 49.4325, lon: 15.587 };
/** About 1.5 km across around the centre. */
const BOUNDARY = [
  [49.4385, 15.5790],
  [49.4390, 15.5955],
  [49.4265, 15.5960],
  [49.4260, 15.5785],
];
const ADDRESSES = [
  { label: 'Návesní 1, Javorná Lhota', lat: 49.4326, lon: 15.5871 },
  { label: 'Návesní 12, Javorná Lhota', lat: 49.4329, lon: 15.5876 },
  { label: 'Lipová 3, Javorná Lhota', lat: 49.4340, lon: 15.5850 },
  { label: 'Školní 5, Javorná Lhota', lat: 49.4310, lon: 15.5900 },
];
const CATEGORIES = {
  categories: [
    { code: 'roads', name: { cs: 'Silnice a chodníky', en: 'Roads and pavements' }, department: 'Odbor správy majetku', group: { cs: 'Doprava' } },
    { code: 'lighting', name: { cs: 'Veřejné osvětlení' }, department: 'Odbor správy majetku', description: { cs: 'Nesvítící lampy' } },
    { code: 'waste', name: { cs: 'Odpady a černé skládky' }, department: 'Odbor životního prostředí' },
  ],
};

/** A point `north` and `east` metres from the centre. */
const offset = (north: number, east = 0) => ({
  lat: CENTER.lat + north / 111_195,
  lon: CENTER.lon + east / (111_195 * Math.cos((CENTER.lat * Math.PI) / 180)),
});

// ---------------------------------------------------------------- image builders

const bytes = (...parts: (number[] | Uint8Array | string)[]) =>
  Uint8Array.from(parts.flatMap((part) => (typeof part === 'string' ? [...part].map((char) => char.charCodeAt(0)) : [...part])));
const segment = (marker: number, payload: Uint8Array) => bytes([0xff, marker, (payload.length + 2) >> 8, (payload.length + 2) & 0xff], payload);

/** A big-endian TIFF of IFD0 (Orientation, GPS pointer) and a GPS IFD (latitude N 49°25'57", longitude E 15°35'13"). */
function exifWithGps(orientation: number): Uint8Array {
  const u16 = (value: number) => [value >> 8, value & 0xff];
  const u32 = (value: number) => [value >>> 24, (value >> 16) & 0xff, (value >> 8) & 0xff, value & 0xff];
  const entry = (tag: number, type: number, count: number, value: number[]) => [...u16(tag), ...u16(type), ...u32(count), ...value];
  // IFD0 at 8: 2 entries (2 + 24 + 4 = 30 bytes) → GPS IFD at 38: 4 entries (2 + 48 + 4 = 54) → rationals at 92
  const ifd0 = [...u16(2), ...entry(0x0112, 3, 1, [...u16(orientation), 0, 0]), ...entry(0x8825, 4, 1, u32(38)), ...u32(0)];
  const gps = [
    ...u16(4),
    ...entry(0x0001, 2, 2, [0x4e, 0, 0, 0]), // N
    ...entry(0x0002, 5, 3, u32(92)),
    ...entry(0x0003, 2, 2, [0x45, 0, 0, 0]), // E
    ...entry(0x0004, 5, 3, u32(116)),
    ...u32(0),
  ];
  const rationals = [49, 1, 25, 1, 57, 1, 15, 1, 35, 1, 13, 1].flatMap(u32);
  return bytes('Exif\0\0', [0x4d, 0x4d, 0, 0x2a, ...u32(8)], ifd0, gps, rationals);
}

const SCAN = [0x12, 0x34, 0xff, 0x00, 0x56, 0xff, 0xd0, 0x78, 0x9a];

/** A JPEG's structure: JFIF, Exif with GPS, XMP, IPTC, a comment, an ICC profile, tables, a frame and a scan. */
function jpegWithGps(orientation = 6): Uint8Array {
  return bytes(
    [0xff, 0xd8],
    segment(0xe0, bytes('JFIF\0', [1, 1, 0, 0, 1, 0, 1, 0, 0])),
    segment(0xe1, exifWithGps(orientation)),
    segment(0xe1, bytes('http://ns.adobe.com/xap/1.0/\0<x:xmpmeta><exif:GPSLatitude>49,25.95N</exif:GPSLatitude></x:xmpmeta>')),
    segment(0xed, bytes('Photoshop 3.0\0 8BIM IPTC city Javorna Lhota')),
    segment(0xfe, bytes('Taken by Jana Nova')),
    segment(0xe2, bytes('ICC_PROFILE\0', [1, 1, 0, 0, 0, 0])),
    segment(0xdb, bytes([0], new Uint8Array(64).fill(1))),
    segment(0xc0, bytes([8, 0, 16, 0, 16, 1, 1, 0x11, 0])),
    segment(0xc4, bytes([0], new Uint8Array(16).fill(0), [])),
    segment(0xda, bytes([1, 1, 0, 0, 0x3f, 0])),
    SCAN,
    [0xff, 0xd9],
  );
}

/** The markers of a JPEG, in order (walking segment lengths and the scan's data as a decoder does). */
function jpegMarkers(image: Uint8Array): { marker: number; payload: Uint8Array }[] {
  assert.deepEqual([...image.subarray(0, 2)], [0xff, 0xd8], 'starts with SOI');
  const found: { marker: number; payload: Uint8Array }[] = [{ marker: 0xd8, payload: new Uint8Array() }];
  let i = 2;
  while (i < image.length) {
    assert.equal(image[i], 0xff, `a marker at ${i}`);
    const marker = image[i + 1]!;
    if (marker === 0xd9) {
      found.push({ marker, payload: new Uint8Array() });
      assert.equal(i + 2, image.length, 'EOI ends the file');
      break;
    }
    const length = (image[i + 2]! << 8) | image[i + 3]!;
    found.push({ marker, payload: image.subarray(i + 4, i + 2 + length) });
    i += 2 + length;
    if (marker === 0xda) {
      const start = i;
      while (!(image[i] === 0xff && image[i + 1] !== 0 && !(image[i + 1]! >= 0xd0 && image[i + 1]! <= 0xd7))) i++;
      assert.deepEqual([...image.subarray(start, i)], SCAN, 'the scan data is untouched');
    }
  }
  return found;
}

const contains = (haystack: Uint8Array, needle: string) => Buffer.from(haystack).includes(Buffer.from(needle, 'latin1'));

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
const crc32 = (data: Uint8Array) => {
  let c = 0xffffffff;
  for (const byte of data) c = CRC_TABLE[(c ^ byte) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
};
function pngChunk(type: string, data: Uint8Array): Uint8Array {
  const body = bytes(type, data);
  const crc = crc32(body);
  return bytes([data.length >>> 24, (data.length >> 16) & 0xff, (data.length >> 8) & 0xff, data.length & 0xff], body, [crc >>> 24, (crc >> 16) & 0xff, (crc >> 8) & 0xff, crc & 0xff]);
}
/** A 1×1 PNG with text, international text, compressed text, time and Exif chunks. */
function pngWithText(): Uint8Array {
  return bytes(
    [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a],
    pngChunk('IHDR', bytes([0, 0, 0, 1, 0, 0, 0, 1, 8, 2, 0, 0, 0])),
    pngChunk('tEXt', bytes('Author\0Jana Nova')),
    pngChunk('iTXt', bytes('Location\0\0\0cs\0\0Navesni 12')),
    pngChunk('zTXt', bytes('Comment\0\0x')),
    pngChunk('tIME', bytes([7, 234, 11, 21, 10, 0, 0])),
    pngChunk('eXIf', exifWithGps(1).subarray(6)),
    pngChunk('IDAT', bytes([0x78, 0x9c, 0x63, 0xf8, 0xcf, 0xc0, 0x00, 0x00, 0x03, 0x01, 0x01, 0x00])),
    pngChunk('IEND', new Uint8Array()),
  );
}
function pngChunkTypes(image: Uint8Array): string[] {
  const view = new DataView(image.buffer, image.byteOffset, image.byteLength);
  const types: string[] = [];
  for (let i = 8; i < image.length; ) {
    const length = view.getUint32(i);
    const type = String.fromCharCode(...image.subarray(i + 4, i + 8));
    assert.equal(view.getUint32(i + 8 + length), crc32(image.subarray(i + 4, i + 8 + length)), `CRC of ${type}`);
    types.push(type);
    i += 12 + length;
  }
  return types;
}
function webpWithExif(): Uint8Array {
  const chunk = (type: string, data: Uint8Array) => {
    const size = data.length;
    return bytes(type, [size & 0xff, (size >> 8) & 0xff, (size >> 16) & 0xff, size >>> 24], data, size % 2 ? [0] : []);
  };
  const body = bytes(
    'WEBP',
    chunk('VP8X', bytes([0x0c, 0, 0, 0, 0, 0, 0, 0, 0, 0])),
    chunk('VP8 ', bytes([1, 2, 3, 4, 5, 6])),
    chunk('EXIF', exifWithGps(1).subarray(6)),
    chunk('XMP ', bytes('<x:xmpmeta>GPS</x:xmpmeta>')),
  );
  return bytes('RIFF', [body.length & 0xff, (body.length >> 8) & 0xff, (body.length >> 16) & 0xff, body.length >>> 24], body);
}

describe('report photos lose their metadata', () => {
  test('JPEG: Exif with GPS, XMP, IPTC and comments go; JFIF, ICC, tables and the scan stay; the orientation is written back alone', () => {
    const stripped = stripJpeg(jpegWithGps(6));
    const markers = jpegMarkers(stripped);
    assert.deepEqual(
      markers.map((found) => found.marker),
      [0xd8, 0xe0, 0xe1, 0xe2, 0xdb, 0xc0, 0xc4, 0xda, 0xd9],
    );
    const exif = markers.find((found) => found.marker === 0xe1)!.payload;
    assert.ok(contains(exif, 'Exif\0\0'));
    // one IFD entry, the orientation (0x0112) = 6, and no GPS pointer (0x8825)
    assert.deepEqual([...exif.subarray(14, 16)], [0, 1]);
    assert.deepEqual([...exif.subarray(16, 18)], [0x01, 0x12]);
    assert.equal(exif[25], 6);
    assert.ok(!Buffer.from(stripped).includes(Buffer.from([0x88, 0x25])), 'no GPS IFD pointer');
    for (const text of ['http://ns.adobe.com/xap', 'GPSLatitude', 'Photoshop', 'Jana Nova', '8BIM']) assert.ok(!contains(stripped, text), text);
  });
  test('JPEG: orientation 1 (or none) leaves no Exif at all', () => {
    const markers = jpegMarkers(stripJpeg(jpegWithGps(1)));
    assert.ok(!markers.some((found) => found.marker === 0xe1));
  });
  test('PNG: text, time and Exif chunks go, CRCs intact', () => {
    const stripped = stripPng(pngWithText());
    assert.deepEqual(pngChunkTypes(stripped), ['IHDR', 'IDAT', 'IEND']);
    assert.ok(!contains(stripped, 'Jana Nova'));
  });
  test('WebP: EXIF and XMP chunks go, their VP8X flags are cleared, the RIFF size fits', () => {
    const stripped = stripWebp(webpWithExif());
    assert.ok(!contains(stripped, 'EXIF') && !contains(stripped, 'XMP '));
    assert.equal(stripped[20]! & 0x0c, 0);
    assert.equal(new DataView(stripped.buffer).getUint32(4, true), stripped.length - 8);
  });
});

describe('geometry', () => {
  test('inside the boundary, and distances by haversine', () => {
    assert.ok(insidePolygon(CENTER, BOUNDARY));
    assert.ok(!insidePolygon({ lat: 49.45, lon: 15.587 }, BOUNDARY));
    assert.ok(Math.abs(distanceMetres(CENTER, offset(100)) - 100) < 0.5);
    assert.ok(Math.abs(distanceMetres(CENTER, offset(0, 100)) - 100) < 0.5);
  });
  test('Open311 times are Prague’s with the offset', () => {
    assert.equal(pragueIso('2026-11-21T19:20:06.123Z'), '2026-11-21T20:20:06+01:00');
    assert.equal(pragueIso('2026-07-01T10:00:00Z'), '2026-07-01T12:00:00+02:00');
  });
});

describe('feedback configuration', () => {
  const base = { NIA_CLIENT_ID: 'https://obec.example/sep' };
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'feedback-config-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));
  test('defaults: 20 ratings, 5 reports and 20 photos a minute per IP, 20 reports a day, 8 MB photos, no town, no tiles', () => {
    const config = loadConfig(base);
    assert.equal(config.RATING_PER_MINUTE, 20);
    assert.equal(config.REPORT_PER_MINUTE, 5);
    assert.equal(config.REPORT_PHOTO_PER_MINUTE, 20);
    assert.equal(config.REPORTS_PER_DAY, 20);
    assert.equal(config.REPORT_PHOTO_MAX_BYTES, 8 * 1024 * 1024);
    assert.equal(config.townArea, undefined);
    assert.deepEqual(config.townAddresses, []);
  });
  test('addresses from CSV with a header, quoted labels and either separator', () => {
    writeFileSync(join(dir, 'a.csv'), 'label;lat;lon\n"Návesní 1; Javorná Lhota";49.4326;15.5871\nLipová 3;49.434;15.585\n');
    assert.deepEqual(loadConfig({ ...base, TOWN_ADDRESSES: join(dir, 'a.csv') }).townAddresses, [
      { label: 'Návesní 1; Javorná Lhota', lat: 49.4326, lon: 15.5871 },
      { label: 'Lipová 3', lat: 49.434, lon: 15.585 },
    ]);
  });
  test('wrong files and values are refused with one line naming the variable', () => {
    writeFileSync(join(dir, 'area.json'), JSON.stringify({ name: 'X', boundary: [[49, 15]], center: CENTER, zoom: 15 }));
    writeFileSync(join(dir, 'bad.json'), '{');
    writeFileSync(join(dir, 'places.json'), JSON.stringify([{ label: 'A', lat: 'north', lon: 15 }]));
    for (const [name, env] of [
      ['TOWN_AREA', { TOWN_AREA: join(dir, 'area.json') }],
      ['TOWN_AREA', { TOWN_AREA: join(dir, 'bad.json') }],
      ['TOWN_AREA', { TOWN_AREA: join(dir, 'missing.json') }],
      ['TOWN_ADDRESSES', { TOWN_ADDRESSES: join(dir, 'places.json') }],
      ['MAP_TILES', { MAP_TILES: 'http://tiles.example/{z}/{x}/{y}.png' }],
      ['MAP_TILES_ATTRIBUTION', { MAP_TILES: 'https://tile.openstreetmap.org/{z}/{x}/{y}.png' }],
      ['REPORT_PER_MINUTE', { REPORT_PER_MINUTE: '0' }],
    ] as const) {
      assert.throws(
        () => loadConfig({ ...base, ...env }),
        (error: Error) => error instanceof ConfigError && error.message.startsWith(name) && !error.message.includes('\n'),
        `${name} ${JSON.stringify(env)}`,
      );
    }
  });
});

for (const database of DATABASES) {
  describe(`feedback on ${database.name}`, () => {
    let db: Database;
    let app: FastifyInstance;
    let limited: FastifyInstance;
    let config: Config;
    let signingKey: JWK;
    let dir: string;

    let ipCounter = 0;
    const freshIp = () => `198.51.${Math.floor(++ipCounter / 250)}.${(ipCounter % 250) + 1}`;
    const bearer = (token: string | undefined) => (token ? { authorization: `Bearer ${token}` } : {});

    const tokenOf = async (claims: Record<string, unknown> = { name: 'Jana Nová', email: 'jana@example.cz' }, subject = `citizen-${randomUUID()}`) => {
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

    type Options = { token?: string; headers?: Record<string, string>; ip?: string; on?: FastifyInstance };
    const call = (method: 'GET' | 'POST' | 'PATCH' | 'PUT', url: string, body?: unknown, options: Options = {}) =>
      (options.on ?? app).inject({
        method,
        url,
        headers: { ...bearer(options.token), ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...options.headers },
        ...(body !== undefined ? { payload: JSON.stringify(body) } : {}),
        remoteAddress: options.ip ?? freshIp(),
      });
    const office = (method: 'GET' | 'PATCH' | 'PUT', url: string, body?: unknown, token: string | null = OFFICE_TOKEN) =>
      call(method, `/api/office/${url}`, body, { headers: token ? { authorization: `Bearer ${token}` } : {} });
    const report = (body: Record<string, unknown> = {}, options: Options = {}) =>
      call(
        'POST',
        '/api/reports',
        { category: 'roads', description: 'Výmol na silnici před domem', location: { ...offset(0), address: 'Návesní 1' }, photos: [], ...body },
        { ...options, headers: { 'idempotency-key': randomUUID(), ...options.headers } },
      );
    const upload = (image: Uint8Array, type: string, options: Options = {}) =>
      (options.on ?? app).inject({
        method: 'POST',
        url: '/api/report-photos',
        headers: { 'content-type': type, ...bearer(options.token) },
        payload: Buffer.from(image),
        remoteAddress: options.ip ?? freshIp(),
      });
    const count = async (table: string) => (await db.query<{ n: number }>(`select count(*)::int as n from ${table}`))[0]!.n;
    const created = (response: LightMyRequestResponse) => {
      assert.equal(response.statusCode, 201, response.body);
      return response.json() as { report: { id: string; reference: string; photos: string[]; anonymous: boolean; state: string }; followToken: string };
    };

    before(async () => {
      dir = mkdtempSync(join(tmpdir(), 'feedback-'));
      writeFileSync(join(dir, 'area.json'), JSON.stringify({ name: 'Javorná Lhota', boundary: BOUNDARY, center: CENTER, zoom: 15 }));
      writeFileSync(join(dir, 'addresses.json'), JSON.stringify(ADDRESSES));
      writeFileSync(join(dir, 'categories.json'), JSON.stringify(CATEGORIES));
      db = await database.open();
      await migrate(db);
      await loadReportCategories(db, join(dir, 'categories.json'));
      const files = { TOWN_AREA: join(dir, 'area.json'), TOWN_ADDRESSES: join(dir, 'addresses.json'), OFFICE_API_TOKEN: OFFICE_TOKEN, REPORT_PHOTO_MAX_BYTES: '4096' };
      config = testConfig({
        ...files,
        RATING_PER_MINUTE: '1000',
        REPORT_PER_MINUTE: '1000',
        REPORT_PHOTO_PER_MINUTE: '1000',
        REPORTS_PER_DAY: '1000',
        MAP_TILES: 'https://tile.openstreetmap.org/{z}/{x}/{y}.png',
        MAP_TILES_ATTRIBUTION: '© OpenStreetMap contributors',
      });
      app = await startApp(config, db);
      limited = await startApp(testConfig({ ...files, RATING_PER_MINUTE: '3', REPORT_PER_MINUTE: '2', REPORTS_PER_DAY: '2' }), db);
      const [row] = await db.query<{ value: JWK }>("select value from secrets where name = 'broker.signing-key.rs256'");
      signingKey = row!.value;
    });
    after(async () => {
      await app.close();
      await limited.close();
      await db.close();
      rmSync(dir, { recursive: true, force: true });
    });

    test('the town, its addresses (case and diacritics aside) and the categories', async () => {
      const town = await call('GET', '/api/town');
      assert.equal(town.statusCode, 200, town.body);
      assert.deepEqual(town.json(), {
        name: 'Javorná Lhota',
        boundary: BOUNDARY,
        center: CENTER,
        zoom: 15,
        tiles: { url: 'https://tile.openstreetmap.org/{z}/{x}/{y}.png', attribution: '© OpenStreetMap contributors', maxZoom: 19 },
      });
      const places = await call('GET', '/api/places?q=NAVESNI');
      assert.deepEqual(
        places.json().places.map((place: { label: string }) => place.label),
        ['Návesní 1, Javorná Lhota', 'Návesní 12, Javorná Lhota'],
      );
      assert.deepEqual((await call('GET', '/api/places?q=skolni')).json().places, [ADDRESSES[3]]);
      assert.deepEqual((await call('GET', '/api/places?q=')).json().places, []);
      const categories = await call('GET', '/api/report-categories');
      assert.deepEqual(categories.json(), CATEGORIES);
    });

    test('a rating with and without a comment; the comment added later with the edit token', async () => {
      const plain = await call('POST', '/api/ratings', { target: '/poplatky.html', helpful: true });
      assert.equal(plain.statusCode, 201, plain.body);
      const { id, editToken } = plain.json();
      assert.ok(id && editToken);
      const withComment = await call('POST', '/api/ratings', { target: '/poplatky.html', helpful: false, comment: 'Chybí částka pro psa.' });
      assert.equal(withComment.statusCode, 201);

      const wrong = await call('PATCH', `/api/ratings/${id}`, { comment: 'x' }, { headers: { 'x-edit-token': withComment.json().editToken } });
      assert.equal(wrong.statusCode, 404);
      const none = await call('PATCH', `/api/ratings/${id}`, { comment: 'x' });
      assert.equal(none.statusCode, 404);
      const comment = await call('PATCH', `/api/ratings/${id}`, { comment: 'Vše jasné, díky.' }, { headers: { 'x-edit-token': editToken } });
      assert.equal(comment.statusCode, 200, comment.body);
      const tooLong = await call('PATCH', `/api/ratings/${id}`, { comment: 'x'.repeat(1001) }, { headers: { 'x-edit-token': editToken } });
      assert.equal(tooLong.statusCode, 422);
      await db.query("update ratings set created_at = now() - interval '2 hours' where id = $1", [id]);
      const late = await call('PATCH', `/api/ratings/${id}`, { comment: 'Pozdě' }, { headers: { 'x-edit-token': editToken } });
      assert.equal(late.statusCode, 409);
      assert.equal(late.json().error.code, 'edit_window_closed');

      const summary = await office('GET', 'ratings');
      assert.equal(summary.statusCode, 200, summary.body);
      const fees = summary.json().targets.find((target: { target: string }) => target.target === '/poplatky.html');
      assert.equal(fees.yes, 1);
      assert.equal(fees.no, 1);
      assert.deepEqual(fees.comments.map((entry: { comment: string }) => entry.comment).sort(), ['Chybí částka pro psa.', 'Vše jasné, díky.']);
      const future = await office('GET', `ratings?from=${new Date(Date.now() + 60_000).toISOString()}`);
      assert.deepEqual(future.json().targets, []);
      assert.equal((await office('GET', 'ratings?from=yesterday')).statusCode, 400);
      assert.equal((await call('POST', '/api/ratings', { target: 'x'.repeat(201), helpful: true })).statusCode, 422);
      assert.equal((await call('POST', '/api/ratings', { target: '/a', helpful: 'yes' })).statusCode, 400);
    });

    test('a filled honeypot is answered as stored, and nothing is stored', async () => {
      const [ratings, reports] = [await count('ratings'), await count('reports')];
      const rating = await call('POST', '/api/ratings', { target: '/bot.html', helpful: true, website: 'http://spam.example' });
      assert.equal(rating.statusCode, 201);
      assert.ok(rating.json().editToken);
      const spam = created(await report({ website: 'http://spam.example' }));
      assert.match(spam.report.reference, /^\d{4}\/\d{6}$/);
      assert.equal(await count('ratings'), ratings);
      assert.equal(await count('reports'), reports);
    });

    test('floods from one IP are refused (429), and nothing of them stored', async () => {
      const ip = freshIp();
      const before = await count('ratings');
      const statuses: number[] = [];
      for (let i = 0; i < 6; i++) statuses.push((await call('POST', '/api/ratings', { target: '/flood', helpful: true }, { on: limited, ip })).statusCode);
      assert.deepEqual(statuses, [201, 201, 201, 429, 429, 429]);
      assert.equal(await count('ratings'), before + 3);
      const limitedAnswer = await call('POST', '/api/ratings', { target: '/flood', helpful: true }, { on: limited, ip });
      assert.equal(limitedAnswer.json().error.code, 'rate_limited');
      assert.ok(Number(limitedAnswer.headers['retry-after']) > 0);

      const reportsBefore = await count('reports');
      const reportStatuses: number[] = [];
      for (let i = 0; i < 4; i++) reportStatuses.push((await report({}, { on: limited, ip })).statusCode);
      assert.deepEqual(reportStatuses, [201, 201, 429, 429]);
      assert.equal(await count('reports'), reportsBefore + 2);
    });

    test('a signed-in citizen may send REPORTS_PER_DAY reports a day', async () => {
      const token = await tokenOf();
      const statuses: number[] = [];
      for (let i = 0; i < 3; i++) statuses.push((await report({}, { on: limited, token })).statusCode);
      assert.deepEqual(statuses, [201, 201, 429]);
    });

    test('a report with a photo and a place: the photo stored without GPS, served only once claimed', async () => {
      const photo = await upload(jpegWithGps(6), 'image/jpeg');
      assert.equal(photo.statusCode, 201, photo.body);
      const { id: photoId, type } = photo.json();
      assert.equal(type, 'image/jpeg');
      assert.equal((await call('GET', `/api/report-photos/${photoId}`)).statusCode, 404, 'not served before a report claims it');

      const sent = created(await report({ photos: [photoId], contact: { name: 'Jana Nová', email: 'jana@example.cz' } }));
      assert.equal(sent.report.photos.length, 1);
      assert.equal(sent.report.photos[0], `${config.apiUrl}/report-photos/${photoId}`);
      assert.equal(sent.report.anonymous, false);
      assert.equal(sent.report.state, 'received');
      const served = await call('GET', `/api/report-photos/${photoId}`);
      assert.equal(served.statusCode, 200);
      assert.equal(served.headers['content-type'], 'image/jpeg');
      assert.equal(served.headers['x-content-type-options'], 'nosniff');
      const stored = served.rawPayload;
      const markers = jpegMarkers(stored);
      assert.deepEqual(markers.map((found) => found.marker), [0xd8, 0xe0, 0xe1, 0xe2, 0xdb, 0xc0, 0xc4, 0xda, 0xd9]);
      assert.ok(!stored.includes(Buffer.from([0x88, 0x25])), 'no GPS IFD pointer');
      assert.ok(!contains(stored, 'GPSLatitude') && !contains(stored, 'Jana Nova'));

      const again = await report({ photos: [photoId] });
      assert.equal(again.statusCode, 422, 'a photo goes with one report');
      assert.equal(again.json().error.fields[0].code, 'photo_unknown');

      const png = await upload(pngWithText(), 'image/png');
      assert.equal(png.statusCode, 201, png.body);
      const withPng = created(await report({ photos: [png.json().id] }));
      assert.ok(withPng.report.photos[0]);
      const pngServed = await call('GET', `/api/report-photos/${png.json().id}`);
      assert.deepEqual(pngChunkTypes(pngServed.rawPayload), ['IHDR', 'IDAT', 'IEND']);
    });

    test('photos: too large 413, not an image 415, another citizen’s 422', async () => {
      const big = await upload(bytes([0xff, 0xd8, 0xff], new Uint8Array(5000)), 'image/jpeg');
      assert.equal(big.statusCode, 413);
      assert.equal(big.json().error.code, 'file_too_large');
      const pdf = await upload(bytes('%PDF-1.7 not a photo'), 'image/jpeg');
      assert.equal(pdf.statusCode, 415);
      assert.equal(pdf.json().error.code, 'unsupported_type');
      const gif = await upload(bytes('GIF89a....'), 'image/gif');
      assert.equal(gif.statusCode, 415);
      const broken = await upload(bytes([0xff, 0xd8, 0xff, 0xe1, 0x40, 0x00, 1, 2]), 'image/jpeg');
      assert.equal(broken.statusCode, 415);

      const owner = await tokenOf();
      const mine = await upload(jpegWithGps(1), 'image/jpeg', { token: owner });
      const taken = await report({ photos: [mine.json().id] }, { token: await tokenOf() });
      assert.equal(taken.statusCode, 422);
      created(await report({ photos: [mine.json().id] }, { token: owner }));
      const four = await report({ photos: ['a', 'b', 'c', 'd'] });
      assert.equal(four.statusCode, 422);
      assert.ok(four.json().error.fields.some((field: { code: string }) => field.code === 'too_many'));
    });

    test('a place outside the town is 422 outside_town; an empty or short description 422; an unknown category 422', async () => {
      const outside = await report({ location: { lat: 49.5, lon: 15.587 } });
      assert.equal(outside.statusCode, 422);
      assert.equal(outside.json().error.code, 'outside_town');
      for (const description of ['', '   ', 'Výmol']) {
        const short = await report({ description });
        assert.equal(short.statusCode, 422, description);
        assert.equal(short.json().error.code, 'invalid_report');
        assert.deepEqual(short.json().error.fields.map((field: { path: string; code: string }) => `${field.path}:${field.code}`), ['description:too_short']);
      }
      const long = await report({ description: 'x'.repeat(2001) });
      assert.equal(long.json().error.fields[0].code, 'too_long');
      const unknown = await report({ category: 'trees' });
      assert.equal(unknown.statusCode, 422);
      assert.equal(unknown.json().error.code, 'unknown_category');
      const email = await report({ contact: { email: 'not-an-address' } });
      assert.equal(email.statusCode, 422);
      assert.equal((await call('POST', '/api/reports', { category: 'roads', description: 'Bez klíče, prosím', location: offset(0), photos: [] })).statusCode, 400);
    });

    test('the same Idempotency-Key answers the same report; another report with it is 422', async () => {
      const key = randomUUID();
      const body = { category: 'waste', description: 'Černá skládka u lesa', location: offset(-300, 200), photos: [] };
      const first = created(await call('POST', '/api/reports', body, { headers: { 'idempotency-key': key } }));
      const again = await call('POST', '/api/reports', body, { headers: { 'idempotency-key': key } });
      assert.equal(again.statusCode, 201);
      assert.equal(again.headers['idempotent-replayed'], 'true');
      assert.equal(again.json().report.reference, first.report.reference);
      assert.equal(again.json().followToken, first.followToken);
      const other = await call('POST', '/api/reports', { ...body, description: 'Jiná skládka u lesa' }, { headers: { 'idempotency-key': key } });
      assert.equal(other.statusCode, 422);
      assert.equal(other.json().error.code, 'idempotency_key_reused');
    });

    test('nearby: open reports within 150 m, the same category first, nearest first; solved and far ones left out', async () => {
      const base = { lat: 49.4300, lon: 15.5820 };
      const at = (north: number) => ({ lat: base.lat + north / 111_195, lon: base.lon });
      const near = created(await report({ category: 'lighting', location: at(20) }));
      const middle = created(await report({ category: 'lighting', location: at(80) }));
      const edge = created(await report({ category: 'lighting', location: at(140) }));
      created(await report({ category: 'lighting', location: at(300) }));
      const otherCategory = created(await report({ category: 'roads', location: at(10) }));
      const solved = created(await report({ category: 'lighting', location: at(5) }));
      assert.equal((await office('PATCH', `reports/${solved.report.id}`, { state: 'solved' })).statusCode, 200);

      const found = await call('GET', `/api/reports/nearby?lat=${base.lat}&lon=${base.lon}&category=lighting`);
      assert.equal(found.statusCode, 200, found.body);
      const reports = found.json().reports as { id: string; distance: number }[];
      assert.deepEqual(
        reports.map((entry) => entry.id),
        [near.report.id, middle.report.id, edge.report.id, otherCategory.report.id],
      );
      assert.deepEqual(reports.map((entry) => entry.distance), [20, 80, 140, 10]);
      assert.ok(!('contact' in reports[0]!));
      assert.equal((await call('GET', '/api/reports/nearby?lat=north&lon=15')).statusCode, 400);
    });

    test('“I see it too” counts once per identity or browser, and only while the report is open', async () => {
      const sent = created(await report({ location: offset(400, -400) }));
      const support = (options: Options) =>
        call('POST', `/api/reports/${sent.report.id}/support`, undefined, { ...options, headers: { 'idempotency-key': randomUUID(), ...options.headers } });
      const citizen = await tokenOf();
      assert.equal((await support({ token: citizen })).json().supporters, 1);
      assert.equal((await support({ token: citizen })).json().supporters, 1);
      const browser = { 'x-voter-token': `browser-${randomUUID()}` };
      assert.equal((await support({ headers: browser })).json().supporters, 2);
      assert.equal((await support({ headers: browser })).json().supporters, 2);
      assert.equal((await support({ token: await tokenOf() })).json().supporters, 3);
      const viewed = await call('GET', `/api/reports/${sent.report.id}`, undefined, { headers: { 'x-follow-token': sent.followToken } });
      assert.equal(viewed.json().supporters, 3);
      await office('PATCH', `reports/${sent.report.id}`, { state: 'rejected', reply: 'Není pozemek obce.' });
      const closed = await support({ token: await tokenOf() });
      assert.equal(closed.statusCode, 409);
      assert.equal(closed.json().error.code, 'report_closed');
      assert.equal((await call('POST', '/api/reports/no-such/support', undefined, { headers: { 'idempotency-key': randomUUID() } })).statusCode, 404);
    });

    test('the reporter’s own reports: by sign-in or follow token; anyone else gets 404', async () => {
      const reporter = await tokenOf({ name: 'Petr Malý', email: 'petr@example.cz', address: { formatted: 'Lipová 3, 123 45 Javorná Lhota' } });
      const signedIn = created(await report({ description: 'Rozbitá lavička v parku' }, { token: reporter }));
      const anonymous = created(await report({ description: 'Spadlý strom přes cestu' }));
      assert.equal(anonymous.report.anonymous, true);
      assert.equal(signedIn.report.anonymous, false);

      const mine = await call('GET', '/api/reports/mine', undefined, { token: reporter });
      assert.equal(mine.statusCode, 200, mine.body);
      assert.deepEqual(mine.json().reports.map((entry: { id: string }) => entry.id), [signedIn.report.id]);
      assert.equal((await call('GET', '/api/reports/mine')).statusCode, 401);

      assert.equal((await call('GET', `/api/reports/${signedIn.report.id}`, undefined, { token: reporter })).statusCode, 200);
      const followed = await call('GET', `/api/reports/${anonymous.report.id}`, undefined, { headers: { 'x-follow-token': anonymous.followToken } });
      assert.equal(followed.statusCode, 200, followed.body);
      assert.deepEqual(followed.json().history.map((event: { state?: string; by: string }) => `${event.by}:${event.state}`), ['system:received']);
      const other = await tokenOf();
      for (const [id, options] of [
        [signedIn.report.id, { token: other }],
        [signedIn.report.id, {}],
        [anonymous.report.id, { token: other }],
        [anonymous.report.id, { headers: { 'x-follow-token': signedIn.followToken } }],
        [anonymous.report.id, { headers: { 'x-follow-token': 'x'.repeat(43) } }],
      ] as const) {
        const refused = await call('GET', `/api/reports/${id}`, undefined, options);
        assert.equal(refused.statusCode, 404, JSON.stringify(options));
      }

      const listed = await office('GET', 'reports');
      const byId = new Map(listed.json().reports.map((entry: { id: string }) => [entry.id, entry]));
      const officeSigned = byId.get(signedIn.report.id) as Record<string, unknown>;
      assert.equal(officeSigned.signedIn, true);
      assert.equal((officeSigned.identity as { name: string }).name, 'Petr Malý');
      assert.equal(officeSigned.department, 'Odbor správy majetku');
      assert.equal((byId.get(anonymous.report.id) as { anonymous: boolean }).anonymous, true);
    });

    test('the office moves a report and replies; the reporter sees it, and answers whether it is really fixed', async () => {
      const sent = created(await report({ description: 'Nesvítí lampa u školy', category: 'lighting', contact: { phone: '+420 601 234 567' } }));
      const follow = { headers: { 'x-follow-token': sent.followToken } };
      const confirm = (answer: unknown) => call('POST', `/api/reports/${sent.report.id}/confirmation`, answer, follow);

      const early = await confirm({ fixed: true });
      assert.equal(early.statusCode, 409);
      assert.equal(early.json().error.code, 'not_awaiting_confirmation');

      const moved = await office('PATCH', `reports/${sent.report.id}`, { state: 'in-progress', reply: 'Objednali jsme opravu.' });
      assert.equal(moved.statusCode, 200, moved.body);
      assert.equal(moved.json().state, 'in-progress');
      assert.equal(moved.json().reply, 'Objednali jsme opravu.');
      assert.deepEqual(moved.json().contact, { phone: '+420 601 234 567' });
      let seen = (await call('GET', `/api/reports/${sent.report.id}`, undefined, follow)).json();
      assert.equal(seen.state, 'in-progress');
      assert.deepEqual(seen.history.at(-1), { at: seen.history.at(-1).at, state: 'in-progress', reply: 'Objednali jsme opravu.', by: 'office' });
      assert.equal(seen.awaitingConfirmation, false);

      await office('PATCH', `reports/${sent.report.id}`, { state: 'solved', reply: 'Lampa opravena.' });
      seen = (await call('GET', `/api/reports/${sent.report.id}`, undefined, follow)).json();
      assert.equal(seen.awaitingConfirmation, true);
      const other = await call('POST', `/api/reports/${sent.report.id}/confirmation`, { fixed: true }, { token: await tokenOf() });
      assert.equal(other.statusCode, 404);
      const fixed = await confirm({ fixed: true });
      assert.equal(fixed.statusCode, 200, fixed.body);
      assert.equal(fixed.json().awaitingConfirmation, false);
      assert.equal(fixed.json().state, 'solved');
      assert.deepEqual(fixed.json().history.at(-1), { at: fixed.json().history.at(-1).at, by: 'reporter', confirmed: true });
      assert.equal((await confirm({ fixed: true })).statusCode, 409);

      await office('PATCH', `reports/${sent.report.id}`, { state: 'solved' });
      const reopened = await confirm({ fixed: false, comment: 'Pořád nesvítí.' });
      assert.equal(reopened.statusCode, 200, reopened.body);
      assert.equal(reopened.json().state, 'received');
      assert.equal(reopened.json().awaitingConfirmation, false);
      assert.deepEqual(reopened.json().history.at(-1), { at: reopened.json().history.at(-1).at, state: 'received', by: 'reporter', confirmed: false, comment: 'Pořád nesvítí.' });
      const officeView = await office('GET', `reports/${sent.report.id}`);
      assert.equal(officeView.json().history.at(-1).comment, 'Pořád nesvítí.');
      assert.equal((await office('GET', 'reports?state=received&category=lighting')).json().reports.some((entry: { id: string }) => entry.id === sent.report.id), true);
      assert.equal((await office('GET', 'reports?state=solved&category=lighting')).json().reports.some((entry: { id: string }) => entry.id === sent.report.id), false);
      assert.equal((await office('PATCH', `reports/${sent.report.id}`, {})).statusCode, 422);
      assert.equal((await office('PATCH', 'reports/no-such', { state: 'solved' })).statusCode, 404);
    });

    test('office routes refuse a missing (401) or wrong (403) token', async () => {
      for (const [method, url, body] of [
        ['GET', 'reports', undefined],
        ['GET', 'reports/x', undefined],
        ['PATCH', 'reports/x', { state: 'solved' }],
        ['PUT', 'report-categories', CATEGORIES],
        ['GET', 'ratings', undefined],
      ] as const) {
        assert.equal((await office(method, url, body, null)).statusCode, 401, `${method} ${url}`);
        assert.equal((await office(method, url, body, 'a-wrong-office-token-000')).statusCode, 401, `${method} ${url}`);
      }
    });

    test('the office replaces the categories as a whole; codes once each', async () => {
      const twice = await office('PUT', 'report-categories', { categories: [CATEGORIES.categories[0], CATEGORIES.categories[0]] });
      assert.equal(twice.statusCode, 422);
      const badCode = await office('PUT', 'report-categories', { categories: [{ ...CATEGORIES.categories[0], code: 'Roads!' }] });
      assert.equal(badCode.statusCode, 400);
      const extended = { categories: [...CATEGORIES.categories, { code: 'greenery', name: { cs: 'Zeleň' }, department: 'Odbor životního prostředí' }] };
      const stored = await office('PUT', 'report-categories', extended);
      assert.equal(stored.statusCode, 200, stored.body);
      assert.deepEqual((await call('GET', '/api/report-categories')).json(), extended);

      // a restart with the same REPORT_CATEGORIES file keeps the office's list; a changed file replaces it
      const file = join(dir, 'categories.json');
      await loadReportCategories(db, file);
      assert.deepEqual((await call('GET', '/api/report-categories')).json(), extended, 'an unchanged file does not undo the office');
      const changed = { categories: CATEGORIES.categories.slice(0, 1) };
      writeFileSync(file, JSON.stringify(changed));
      await loadReportCategories(db, file);
      assert.deepEqual((await call('GET', '/api/report-categories')).json().categories.map((category: { code: string }) => category.code), [changed.categories[0]!.code]);
      writeFileSync(file, JSON.stringify(CATEGORIES));
      await loadReportCategories(db, file);
      assert.deepEqual((await call('GET', '/api/report-categories')).json(), CATEGORIES);
    });

    describe('Open311 GeoReport v2', () => {
      const REQUEST_KEYS = [
        'address',
        'address_id',
        'agency_responsible',
        'description',
        'expected_datetime',
        'lat',
        'long',
        'media_url',
        'requested_datetime',
        'service_code',
        'service_name',
        'service_notice',
        'service_request_id',
        'status',
        'status_notes',
        'updated_datetime',
        'zipcode',
      ];
      const open311 = (method: 'GET' | 'POST', url: string, payload?: string, type = 'application/x-www-form-urlencoded') =>
        app.inject({ method, url: `/open311/v2/${url}`, ...(payload !== undefined ? { payload, headers: { 'content-type': type } } : {}), remoteAddress: freshIp() });

      test('services: the categories', async () => {
        const services = await open311('GET', 'services.json');
        assert.equal(services.statusCode, 200, services.body);
        assert.deepEqual(services.json()[0], {
          service_code: 'roads',
          service_name: 'Silnice a chodníky',
          description: '',
          metadata: false,
          type: 'realtime',
          keywords: '',
          group: 'Doprava',
        });
        assert.equal(services.json().length, CATEGORIES.categories.length);
        assert.deepEqual((await open311('GET', 'services')).json(), services.json());
        assert.deepEqual((await open311('GET', 'services/lighting.json')).json(), { service_code: 'lighting', attributes: [] });
        const unknown = await open311('GET', 'services/trees.json');
        assert.equal(unknown.statusCode, 404);
        assert.deepEqual(Object.keys(unknown.json()[0]).sort(), ['code', 'description']);
        assert.equal((await open311('GET', 'services.xml')).statusCode, 404);
      });

      test('requests: the reports as the public sees them, by id, by filters', async () => {
        const photo = await upload(jpegWithGps(1), 'image/jpeg');
        const sent = created(await report({ category: 'waste', description: 'Přeplněné kontejnery na tříděný odpad', photos: [photo.json().id] }));
        await office('PATCH', `reports/${sent.report.id}`, { state: 'in-progress', reply: 'Svoz objednán.' });

        const one = await open311('GET', `requests/${sent.report.id}.json`);
        assert.equal(one.statusCode, 200, one.body);
        assert.equal(one.json().length, 1);
        const request = one.json()[0];
        assert.deepEqual(Object.keys(request).sort(), REQUEST_KEYS);
        assert.equal(request.service_request_id, sent.report.id);
        assert.equal(request.status, 'open');
        assert.equal(request.status_notes, 'Svoz objednán.');
        assert.equal(request.service_code, 'waste');
        assert.equal(request.service_name, 'Odpady a černé skládky');
        assert.equal(request.agency_responsible, 'Odbor životního prostředí');
        assert.equal(request.service_notice, 'anonymní hlášení');
        assert.equal(request.media_url, `${config.apiUrl}/report-photos/${photo.json().id}`);
        assert.equal(request.address, 'Návesní 1');
        assert.equal(request.lat, offset(0).lat);
        assert.equal(request.expected_datetime, null);
        assert.match(request.requested_datetime, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2}$/);

        const byIds = await open311('GET', `requests.json?service_request_id=${sent.report.id},no-such`);
        assert.deepEqual(byIds.json().map((entry: { service_request_id: string }) => entry.service_request_id), [sent.report.id]);
        const waste = (await open311('GET', 'requests.json?service_code=waste&status=open')).json() as { service_code: string; status: string }[];
        assert.ok(waste.length >= 1 && waste.every((entry) => entry.service_code === 'waste' && entry.status === 'open'));
        for (const entry of waste) assert.deepEqual(Object.keys(entry).sort(), REQUEST_KEYS);
        await office('PATCH', `reports/${sent.report.id}`, { state: 'rejected' });
        const closed = (await open311('GET', 'requests.json?status=closed')).json() as { service_request_id: string; status: string }[];
        assert.ok(closed.some((entry) => entry.service_request_id === sent.report.id) && closed.every((entry) => entry.status === 'closed'));
        assert.deepEqual((await open311('GET', `requests.json?start_date=${new Date(Date.now() + 3_600_000).toISOString()}`)).json(), []);
        const badStatus = await open311('GET', 'requests.json?status=pending');
        assert.equal(badStatus.statusCode, 400);
        assert.deepEqual(Object.keys(badStatus.json()[0]).sort(), ['code', 'description']);
        assert.equal((await open311('GET', 'requests/no-such.json')).statusCode, 404);
      });

      test('POST requests.json creates a report (form-urlencoded or JSON); errors as [{code, description}]', async () => {
        const form = new URLSearchParams({
          service_code: 'roads',
          lat: String(offset(50).lat),
          long: String(offset(50).lon),
          description: 'Propadlý kanál na křižovatce',
          email: 'karel@example.cz',
          first_name: 'Karel',
          last_name: 'Veselý',
        });
        const answer = await open311('POST', 'requests.json', form.toString());
        assert.equal(answer.statusCode, 201, answer.body);
        assert.deepEqual(Object.keys(answer.json()[0]).sort(), ['account_id', 'service_notice', 'service_request_id']);
        const id = answer.json()[0].service_request_id;
        assert.equal(answer.json()[0].service_notice, null);
        const stored = (await office('GET', `reports/${id}`)).json();
        assert.deepEqual(stored.contact, { name: 'Karel Veselý', email: 'karel@example.cz' });
        assert.equal(stored.description, 'Propadlý kanál na křižovatce');

        const byAddress = await open311('POST', 'requests', JSON.stringify({ service_code: 'lighting', address_string: 'lipová 3, javorná lhota', description: 'Lampa bliká celou noc' }), 'application/json');
        assert.equal(byAddress.statusCode, 201, byAddress.body);
        assert.equal(byAddress.json()[0].service_notice, 'anonymní hlášení');
        const placed = (await office('GET', `reports/${byAddress.json()[0].service_request_id}`)).json();
        assert.deepEqual(placed.location, { lat: ADDRESSES[2]!.lat, lon: ADDRESSES[2]!.lon, address: ADDRESSES[2]!.label });

        for (const [body, status] of [
          [new URLSearchParams({ service_code: 'roads', lat: '49.5', long: '15.587', description: 'Mimo obec, daleko' }), 422],
          [new URLSearchParams({ service_code: 'roads', description: 'Bez místa hlášení' }), 400],
          [new URLSearchParams({ service_code: 'roads', address_string: 'Neznámá 1', description: 'Neznámá adresa obce' }), 400],
          [new URLSearchParams({ service_code: 'trees', lat: String(CENTER.lat), long: String(CENTER.lon), description: 'Neznámá kategorie' }), 422],
          [new URLSearchParams({ service_code: 'roads', lat: String(CENTER.lat), long: String(CENTER.lon), description: 'Krátký' }), 422],
          [new URLSearchParams({ lat: String(CENTER.lat), long: String(CENTER.lon), description: 'Bez kategorie hlášení' }), 400],
        ] as const) {
          const refused = await open311('POST', 'requests.json', body.toString());
          assert.equal(refused.statusCode, status, `${body} ${refused.body}`);
          const errors = refused.json();
          assert.ok(Array.isArray(errors) && errors.length === 1);
          assert.deepEqual(Object.keys(errors[0]).sort(), ['code', 'description']);
          assert.equal(errors[0].code, status);
        }
      });
    });
  });
}

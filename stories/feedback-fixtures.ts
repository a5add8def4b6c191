import type { FieldError } from '../src/contract/error.js';
import type { Category, OwnReport, Place, PublicReport, TownArea } from '../src/contract/feedback.js';

/** Javorná Lhota (fictional, near Jihlava): a polygon about 1.5 km across. */
export const TOWN: TownArea = {
  name: 'Javorná Lhota',
  boundary: [
    [49.4395, 15.5795],
    [49.4400, 15.5925],
    [49.4330, 15.5975],
    [49.4255, 15.5930],
    [49.4250, 15.5810],
    [49.4310, 15.5760],
  ],
  center: { lat: 49.4325, lon: 15.587 },
  zoom: 15,
  tiles: { url: 'https://tile.openstreetmap.org/{z}/{x}/{y}.png', attribution: '© OpenStreetMap contributors', maxZoom: 19 },
};

/** The same town with no tile server configured (MAP_TILES unset). */
export const TOWN_WITHOUT_TILES: TownArea = { ...TOWN, tiles: undefined };

export const CATEGORIES: Category[] = [
  {
    code: 'roads',
    name: { cs: 'Výtluk nebo rozbitá silnice', en: 'Pothole or damaged road' },
    group: { cs: 'Silnice a chodníky', en: 'Roads and pavements' },
    department: 'Odbor dopravy',
  },
  {
    code: 'pavements',
    name: { cs: 'Rozbitý chodník', en: 'Damaged pavement' },
    group: { cs: 'Silnice a chodníky', en: 'Roads and pavements' },
    department: 'Odbor dopravy',
  },
  {
    code: 'lighting',
    name: { cs: 'Nesvítí lampa', en: 'Street light out' },
    description: { cs: 'Uveďte číslo na sloupu, pokud ho vidíte.', en: 'Give the number on the pole if you can see it.' },
    group: { cs: 'Veřejné osvětlení', en: 'Public lighting' },
    department: 'Odbor správy majetku',
  },
  { code: 'waste', name: { cs: 'Černá skládka', en: 'Illegal dumping' }, group: { cs: 'Odpady', en: 'Waste' }, department: 'Odbor životního prostředí' },
  { code: 'other', name: { cs: 'Něco jiného', en: 'Something else' }, department: 'Sekretariát starosty' },
];

export const PLACES: Place[] = [
  { label: 'Návesní 1, Javorná Lhota', lat: 49.4326, lon: 15.5868 },
  { label: 'Návesní 12, Javorná Lhota', lat: 49.4331, lon: 15.5879 },
  { label: 'Návesní 25, Javorná Lhota', lat: 49.4338, lon: 15.5891 },
  { label: 'Lipová 4, Javorná Lhota', lat: 49.4352, lon: 15.5842 },
  { label: 'Školní 7, Javorná Lhota', lat: 49.4301, lon: 15.5902 },
];

const base = (id: string, overrides: Partial<OwnReport>): OwnReport => ({
  id,
  reference: '2026/000001',
  category: 'lighting',
  description: 'Nesvítí lampa u autobusové zastávky.',
  location: { lat: 49.4331, lon: 15.5879, address: 'Návesní 12, Javorná Lhota' },
  state: 'received',
  createdAt: '2026-10-02T07:15:00Z',
  updatedAt: '2026-10-02T07:15:00Z',
  photos: [],
  supporters: 0,
  anonymous: false,
  history: [{ at: '2026-10-02T07:15:00Z', state: 'received', by: 'system' }],
  awaitingConfirmation: false,
  ...overrides,
});

/** An open report near Návesní 12, in the lighting category: the duplicate suggestion. */
export const NEARBY: PublicReport & { distance: number } = {
  ...base('r-nearby', { reference: '2026/000007', description: 'Lampa před hospodou bliká a večer nesvítí.', supporters: 2 }),
  distance: 35,
};

/** The citizen's reports in every state. */
export const MINE: OwnReport[] = [
  base('r-received', { reference: '2026/000010', createdAt: '2026-10-20T08:00:00Z', updatedAt: '2026-10-20T08:00:00Z' }),
  base('r-progress', {
    reference: '2026/000008',
    category: 'roads',
    description: 'Hluboký výtluk na silnici u školy.',
    location: { lat: 49.4301, lon: 15.5902, address: 'Školní 7, Javorná Lhota' },
    state: 'in-progress',
    createdAt: '2026-10-05T09:00:00Z',
    updatedAt: '2026-10-07T10:00:00Z',
    history: [
      { at: '2026-10-05T09:00:00Z', state: 'received', by: 'system' },
      { at: '2026-10-07T10:00:00Z', state: 'in-progress', by: 'office', reply: 'Oprava je objednána na příští týden.' },
    ],
  }),
  base('r-solved', {
    reference: '2026/000004',
    category: 'waste',
    description: 'Pytle se sutí za hřbitovem.',
    location: { lat: 49.4352, lon: 15.5842, address: 'Lipová 4, Javorná Lhota' },
    state: 'solved',
    createdAt: '2026-09-20T09:00:00Z',
    updatedAt: '2026-09-25T12:00:00Z',
    history: [
      { at: '2026-09-20T09:00:00Z', state: 'received', by: 'system' },
      { at: '2026-09-25T12:00:00Z', state: 'solved', by: 'office', reply: 'Skládku jsme odvezli.' },
    ],
    awaitingConfirmation: true,
  }),
  base('r-rejected', {
    reference: '2026/000002',
    category: 'other',
    description: 'Soused parkuje na trávníku.',
    state: 'rejected',
    createdAt: '2026-09-01T09:00:00Z',
    updatedAt: '2026-09-03T12:00:00Z',
    history: [
      { at: '2026-09-01T09:00:00Z', state: 'received', by: 'system' },
      { at: '2026-09-03T12:00:00Z', state: 'rejected', by: 'office', reply: 'Jde o soukromý pozemek, obec zde nemůže zasáhnout.' },
    ],
  }),
];

/** How the fixture backend of ratings and reports answers. */
export interface FeedbackBackend {
  town?: TownArea | 'error';
  /** The categories, or a failure to read them. */
  categories?: Category[] | 'error';
  /** `POST /ratings`: saved, refused for too many answers, or never answered. */
  rating?: 'ok' | 'rate-limited' | 'pending';
  /** `GET /reports/nearby` answers these for any point and category (default: none). */
  nearby?: (PublicReport & { distance: number })[];
  /** The signed-in citizen's reports (`GET /reports/mine`). */
  mine?: OwnReport[];
  /** `POST /reports`: by the rules (the default), 422 with these fields, a lost connection, or never. */
  report?: 'ok' | { refuse: FieldError[]; code?: string } | 'offline' | 'pending';
  /** `POST /report-photos`: files larger than this many bytes are refused with 413 (default 8 MB). */
  photoMaxBytes?: number;
  /** Every request answered: method, path, body and headers. */
  log?: { method: string; path: string; body?: unknown; headers: Headers }[];
  /** Reports created through the fixture, by id, with their follow tokens. */
  created?: Map<string, { report: OwnReport; followToken: string }>;
}

function json(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' } });
}

const problem = (status: number, code: string, fields?: FieldError[]) => json({ error: { code, message: code, ...(fields ? { fields } : {}) } }, status);

/** The first bytes of the image types the server accepts. */
function isImage(bytes: Uint8Array): boolean {
  const starts = (...prefix: number[]) => prefix.every((byte, index) => bytes[index] === byte);
  return starts(0xff, 0xd8, 0xff) || starts(0x89, 0x50, 0x4e, 0x47) || (starts(0x52, 0x49, 0x46, 0x46) && bytes[8] === 0x57);
}

/**
 * A `fetch` answering the ratings and reports API from fixtures, checking a
 * report by the contract's rules (category, 10–2000 characters, inside the
 * town) and a photo by its real bytes and size.
 */
export function feedbackFetch(backend: FeedbackBackend = {}): typeof fetch {
  let sequence = 100;
  backend.created ??= new Map();
  return async (input, init) => {
    const request = new Request(input, init);
    const url = new URL(request.url);
    const path = url.pathname.replace(/^.*?(?=\/(ratings|report-categories|town|places|report-photos|reports|me)\b)/, '');
    const raw = request.method === 'GET' ? undefined : new Uint8Array(await request.arrayBuffer());
    let body: unknown;
    if (raw && path !== '/report-photos') body = raw.length > 0 ? JSON.parse(new TextDecoder().decode(raw)) : undefined;
    backend.log?.push({ method: request.method, path: `${path}${url.search}`, body, headers: request.headers });
    const signedIn = request.headers.has('Authorization');

    if (path === '/ratings' && request.method === 'POST') {
      if (backend.rating === 'pending') return new Promise<Response>(() => {});
      if (backend.rating === 'rate-limited') return problem(429, 'rate_limited');
      return json({ id: 'rating-1', editToken: 'edit-token-1' }, 201);
    }
    if (path.startsWith('/ratings/') && request.method === 'PATCH') {
      if (request.headers.get('X-Edit-Token') !== 'edit-token-1') return problem(403, 'forbidden');
      return json({ id: 'rating-1', editToken: 'edit-token-1' });
    }
    if (path === '/report-categories') return backend.categories === 'error' ? problem(500, 'internal') : json({ categories: backend.categories ?? CATEGORIES });
    if (path === '/town') return backend.town === 'error' ? problem(500, 'internal') : json(backend.town ?? TOWN);
    if (path === '/places') {
      const q = (url.searchParams.get('q') ?? '').toLocaleLowerCase('cs');
      return json({ places: PLACES.filter((place) => place.label.toLocaleLowerCase('cs').includes(q)).slice(0, 10) });
    }
    if (path === '/me') {
      if (!signedIn) return problem(401, 'unauthorized');
      return json({ subject: 'zofie', name: 'Žofie Dvořáková', given_name: 'Žofie', family_name: 'Dvořáková', email: 'zofie.dvorakova@example.cz', loa: 'loasubstantial' });
    }
    if (path === '/report-photos') {
      const bytes = raw ?? new Uint8Array();
      if (bytes.length > (backend.photoMaxBytes ?? 8 * 1024 * 1024)) return problem(413, 'file_too_large');
      if (!isImage(bytes)) return problem(415, 'unsupported_type');
      return json({ id: `photo-${++sequence}`, type: request.headers.get('Content-Type') ?? 'image/jpeg', size: bytes.length }, 201);
    }
    if (path === '/reports/nearby') return json({ reports: backend.nearby ?? [] });
    if (path === '/reports/mine') return signedIn ? json({ reports: backend.mine ?? [] }) : problem(401, 'unauthorized');
    if (path === '/reports' && request.method === 'POST') {
      const outcome = backend.report ?? 'ok';
      if (outcome === 'pending') return new Promise<Response>(() => {});
      if (outcome === 'offline') throw new TypeError('Failed to fetch');
      if (typeof outcome === 'object') return problem(422, outcome.code ?? 'validation_failed', outcome.refuse);
      const report = body as { category: string; description: string; location: OwnReport['location']; photos: string[]; contact?: Record<string, string> };
      const fields: FieldError[] = [];
      if (!(backend.categories === 'error' ? [] : (backend.categories ?? CATEGORIES)).some((category) => category.code === report.category)) fields.push({ path: 'category', code: 'unknown_category', message: 'unknown' });
      if (report.description.length < 10) fields.push({ path: 'description', code: 'too_small', message: 'short' });
      if (fields.length > 0) return problem(422, 'validation_failed', fields);
      const id = `r-${++sequence}`;
      const now = '2026-11-02T10:00:00Z';
      const created: OwnReport = {
        id,
        reference: `2026/${String(sequence).padStart(6, '0')}`,
        category: report.category,
        description: report.description,
        location: report.location,
        state: 'received',
        createdAt: now,
        updatedAt: now,
        photos: report.photos.map((photo) => `https://obec.example/api/report-photos/${photo}`),
        supporters: 0,
        anonymous: !signedIn && !report.contact,
        history: [{ at: now, state: 'received', by: 'system' }],
        awaitingConfirmation: false,
      };
      const followToken = `follow-${id}`;
      backend.created!.set(id, { report: created, followToken });
      return json({ report: created, followToken }, 201);
    }
    const support = path.match(/^\/reports\/([^/]+)\/support$/);
    if (support && request.method === 'POST') {
      const report = backend.nearby?.find((candidate) => candidate.id === support[1]);
      if (!report) return problem(404, 'not_found');
      report.supporters += 1;
      return json({ supporters: report.supporters });
    }
    const confirmation = path.match(/^\/reports\/([^/]+)\/confirmation$/);
    const one = path.match(/^\/reports\/([^/]+)$/);
    const id = confirmation?.[1] ?? one?.[1];
    if (id) {
      const created = backend.created!.get(id);
      const mine = backend.mine?.find((report) => report.id === id);
      const allowed = (mine && signedIn) || (created && request.headers.get('X-Follow-Token') === created.followToken);
      const report = mine ?? created?.report;
      if (!report || !allowed) return problem(404, 'not_found');
      if (one) return json(report);
      if (!report.awaitingConfirmation) return problem(409, 'not_awaiting_confirmation');
      const answer = body as { fixed: boolean; comment?: string };
      const at = '2026-11-02T11:00:00Z';
      report.awaitingConfirmation = false;
      report.history = [...report.history, { at, by: 'reporter', confirmed: answer.fixed, ...(answer.fixed ? {} : { state: 'received' as const }) }];
      if (!answer.fixed) report.state = 'received';
      report.updatedAt = at;
      return json(report);
    }
    return problem(404, 'not_found');
  };
}

/** A tiny valid PNG (1×1) for photo uploads in tests and stories. */
export const PNG_BYTES = Uint8Array.from(
  atob('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=='),
  (char) => char.charCodeAt(0),
);

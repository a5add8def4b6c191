import type { FieldError } from '../src/contract/error.js';
import type { Category, ReportState } from '../src/contract/feedback.js';
import type { OfficeReport, RatingSummary } from '../src/contract/office-feedback.js';
import type { StaffMe } from '../src/contract/office.js';
import { CATEGORIES, PNG_BYTES } from './feedback-fixtures.js';

export { CATEGORIES };

/** Alena Svobodová, the demo town's clerk: every role but admin. */
export const CLERK: StaffMe = { id: 'alena-svobodova', name: 'Alena Svobodová', roles: ['fees', 'forms', 'polls', 'feedback'] };

/** A photo URL the fixture answers with a real (1×1) PNG. */
export const PHOTO_URL = `data:image/png;base64,${btoa(String.fromCharCode(...PNG_BYTES))}`;

const report = (id: string, overrides: Partial<OfficeReport>): OfficeReport => ({
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
  department: 'Odbor správy majetku',
  signedIn: false,
  awaitingConfirmation: false,
  history: [{ at: '2026-10-02T07:15:00Z', state: 'received', by: 'system' }],
  ...overrides,
});

/** Reports of every kind: a signed-in citizen's with photos, an anonymous one, one reopened by its reporter. */
export const OFFICE_REPORTS: OfficeReport[] = [
  report('r-10', {
    reference: '2026/000010',
    createdAt: '2026-10-20T08:00:00Z',
    updatedAt: '2026-10-20T08:00:00Z',
    photos: [PHOTO_URL, PHOTO_URL],
    supporters: 3,
    signedIn: true,
    contact: { name: 'Jan Novák', email: 'jan.novak@example.cz', phone: '+420 601 234 567' },
    identity: { given_name: 'Jan', family_name: 'Novák', birthdate: '1980-05-14', address: 'Návesní 3, 588 01 Javorná Lhota', loa: 'loasubstantial' },
  }),
  report('r-8', {
    reference: '2026/000008',
    category: 'roads',
    description: 'Hluboký výtluk na silnici u školy.',
    location: { lat: 49.4301, lon: 15.5902 },
    state: 'in-progress',
    department: 'Odbor dopravy',
    anonymous: true,
    createdAt: '2026-10-05T09:00:00Z',
    updatedAt: '2026-10-07T10:00:00Z',
    history: [
      { at: '2026-10-05T09:00:00Z', state: 'received', by: 'system' },
      { at: '2026-10-07T10:00:00Z', state: 'in-progress', by: 'office', reply: 'Oprava je objednána na příští týden.' },
    ],
    reply: 'Oprava je objednána na příští týden.',
  }),
  report('r-4', {
    reference: '2026/000004',
    category: 'waste',
    description: 'Pytle se sutí za hřbitovem.',
    location: { lat: 49.4352, lon: 15.5842, address: 'Lipová 4, Javorná Lhota' },
    department: 'Odbor životního prostředí',
    contact: { email: 'eva@example.cz' },
    createdAt: '2026-09-20T09:00:00Z',
    updatedAt: '2026-09-28T12:00:00Z',
    history: [
      { at: '2026-09-20T09:00:00Z', state: 'received', by: 'system' },
      { at: '2026-09-25T12:00:00Z', state: 'solved', by: 'office', reply: 'Skládku jsme odvezli.' },
      { at: '2026-09-28T12:00:00Z', state: 'received', by: 'reporter', confirmed: false, comment: 'Pytle tam pořád jsou.' },
    ],
    reply: 'Skládku jsme odvezli.',
  }),
];

export const RATINGS: RatingSummary = {
  targets: [
    {
      target: '/poplatky.html',
      yes: 12,
      no: 3,
      comments: [
        { at: '2026-10-12T08:00:00Z', helpful: true, comment: 'Zaplaceno za minutu, děkuji.' },
        { at: '2026-10-14T18:30:00Z', helpful: false, comment: 'Nenašel jsem poplatek za psa.' },
      ],
    },
    { target: 'poll-vote', yes: 5, no: 0, comments: [] },
  ],
};

/** How the fixture backend of the office's reports answers. */
export interface OfficeReportsBackend {
  reports?: OfficeReport[];
  categories?: Category[];
  ratings?: RatingSummary;
  /** `GET /office/reports`: the list (default), a failure, or never answered. */
  list?: 'ok' | 'error' | 'pending';
  /** `PATCH /office/reports/:id`: applied (default), refused with 422 fields, 409, or 404. */
  change?: 'ok' | { refuse: FieldError[] } | 'conflict' | 'gone';
  /** `PUT /office/report-categories`: by the rules (codes once each, the default), or refused with these fields. */
  categoriesAnswer?: 'ok' | { status: 409 | 422; code: string; fields?: FieldError[] };
  /** Every request: method, path with query, body. */
  log?: { method: string; path: string; body?: unknown }[];
}

function json(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
}
const problem = (status: number, code: string, fields?: FieldError[]) => json({ error: { code, message: code, ...(fields ? { fields } : {}) } }, status);

function csv(name: string, text: string): Response {
  return new Response(text, { headers: { 'Content-Type': 'text/csv; charset=utf-8', 'Content-Disposition': `attachment; filename="${name}"` } });
}

/** A `fetch` answering the office's reports, categories and ratings from fixtures, as the server would. */
export function officeReportsFetch(backend: OfficeReportsBackend = {}): typeof fetch {
  const reports: OfficeReport[] = structuredClone(backend.reports ?? OFFICE_REPORTS);
  let categories: Category[] = structuredClone(backend.categories ?? CATEGORIES);
  return async (input, init) => {
    const request = new Request(input, init);
    const url = new URL(request.url);
    const path = url.pathname.replace(/^.*?(?=\/(office|report-categories|visits)\b)/, '');
    const text = request.method === 'GET' ? '' : await request.text();
    const body: unknown = text ? JSON.parse(text) : undefined;
    backend.log?.push({ method: request.method, path: `${path}${url.search}`, body });

    if (path === '/visits') return new Response(null, { status: 204 });
    if (path === '/report-categories') return json({ categories });
    if (path === '/office/reports' && request.method === 'GET') {
      if (backend.list === 'pending') return new Promise<Response>(() => {});
      if (backend.list === 'error') return problem(500, 'internal');
      const state = url.searchParams.get('state');
      const category = url.searchParams.get('category');
      return json({ reports: reports.filter((one) => (!state || one.state === state) && (!category || one.category === category)) });
    }
    if (path === '/office/reports.csv') return csv('hlaseni.csv', 'reference,state\n2026/000010,received\n');
    if (path === '/office/ratings.csv') return csv('hodnoceni.csv', 'target,yes,no\n/poplatky.html,12,3\n');
    const one = /^\/office\/reports\/([^/]+)$/.exec(path);
    if (one && request.method === 'PATCH') {
      const outcome = backend.change ?? 'ok';
      if (outcome === 'conflict') return problem(409, 'conflict');
      if (outcome === 'gone') return problem(404, 'not_found');
      if (typeof outcome === 'object') return problem(422, 'validation_failed', outcome.refuse);
      const found = reports.find((candidate) => candidate.id === one[1]);
      if (!found) return problem(404, 'not_found');
      const change = body as { state?: ReportState; reply?: string };
      if (change.state === undefined && !change.reply?.trim()) return problem(422, 'invalid_change', [{ path: 'state', code: 'required' }]);
      const at = '2026-11-02T10:00:00Z';
      if (change.state) found.state = change.state;
      if (change.reply) found.reply = change.reply;
      found.awaitingConfirmation = change.state === undefined ? found.awaitingConfirmation : change.state === 'solved';
      found.updatedAt = at;
      found.history = [...found.history, { at, by: 'office', ...(change.state ? { state: change.state } : {}), ...(change.reply ? { reply: change.reply } : {}) }];
      return json(found);
    }
    if (path === '/office/report-categories' && request.method === 'PUT') {
      const answer = backend.categoriesAnswer ?? 'ok';
      if (answer !== 'ok') return problem(answer.status, answer.code, answer.fields);
      const list = (body as { categories: Category[] }).categories;
      const codes = list.map((category) => category.code);
      if (new Set(codes).size !== codes.length) return problem(422, 'invalid_categories', [{ path: 'categories', code: 'duplicate' }]);
      categories = list;
      return json({ categories });
    }
    if (path === '/office/ratings') return json({ from: url.searchParams.get('from') ?? undefined, to: url.searchParams.get('to') ?? undefined, ...(backend.ratings ?? RATINGS) });
    return problem(404, 'not_found');
  };
}

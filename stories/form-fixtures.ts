import type { Draft, Submission } from '../src/contract/forms.js';
import type { Me } from '../src/contract/me.js';
import type { FormDefinition, Upload } from '../src/forms/definition.js';

/**
 * A small form with every kind of step the widget handles: plain fields, a
 * step shown only for organisations, a repeatable budget with a total, a file
 * and a declaration.
 */
export const CLUB_GRANT: FormDefinition = {
  id: 'club-grant',
  version: 3,
  title: { cs: 'Žádost o příspěvek pro spolek', en: 'Application for a club grant' },
  description: { cs: 'Vyplnění zabere asi 5 minut.', en: 'It takes about 5 minutes.' },
  confirmation: { cs: 'Žádost posoudí rada obce do 30 dnů.', en: 'The town council decides within 30 days.' },
  steps: [
    {
      id: 'applicant',
      title: { cs: 'Žadatel', en: 'Applicant' },
      fields: [
        {
          id: 'applicantType',
          type: 'choice',
          display: 'radio',
          label: { cs: 'Žádáte jako', en: 'You apply as' },
          required: true,
          options: [
            { value: 'person', label: { cs: 'Fyzická osoba', en: 'A person' } },
            { value: 'organisation', label: { cs: 'Spolek nebo jiná organizace', en: 'A club or other organisation' } },
          ],
        },
        { id: 'name', type: 'text', label: { cs: 'Jméno a příjmení', en: 'Full name' }, required: true, maxLength: 100, prefill: 'name' },
        { id: 'email', type: 'email', label: { cs: 'E-mail', en: 'E-mail' }, required: true, prefill: 'email' },
      ],
    },
    {
      id: 'organisation',
      title: { cs: 'Organizace', en: 'Organisation' },
      when: "applicantType == 'organisation'",
      fields: [
        { id: 'orgName', type: 'text', label: { cs: 'Název organizace', en: 'Name of the organisation' }, required: true },
        {
          id: 'ico',
          type: 'text',
          label: { cs: 'IČO', en: 'Company ID (IČO)' },
          required: true,
          pattern: '\\d{8}',
          patternMessage: { cs: 'IČO má 8 číslic.', en: 'The company ID has 8 digits.' },
        },
      ],
    },
    {
      id: 'budget',
      title: { cs: 'Rozpočet', en: 'Budget' },
      fields: [
        {
          id: 'lines',
          type: 'group',
          label: { cs: 'Položky rozpočtu', en: 'Budget lines' },
          itemLabel: { cs: 'Položka', en: 'Line' },
          minItems: 1,
          maxItems: 5,
          fields: [
            { id: 'item', type: 'text', label: { cs: 'Na co', en: 'What for' }, required: true },
            { id: 'amount', type: 'money', label: { cs: 'Částka', en: 'Amount' }, required: true, min: 1 },
          ],
          total: { field: 'amount', label: { cs: 'Celkem', en: 'Total' }, max: 50000 },
        },
        { id: 'quote', type: 'file', label: { cs: 'Cenová nabídka', en: 'Quote' }, accept: ['application/pdf', 'image/jpeg', 'image/png'], maxSize: 2_000_000 },
        { id: 'declaration', type: 'checkbox', label: { cs: 'Prohlašuji, že údaje jsou pravdivé.', en: 'I declare the details are true.' }, required: true },
      ],
    },
  ],
};

/** Answers to every step of {@link CLUB_GRANT} from an organisation. */
export const CLUB_ANSWERS = {
  applicantType: 'organisation',
  name: 'Žofie Dvořáková',
  email: 'zofie@example.cz',
  orgName: 'TJ Sokol Javorná Lhota',
  ico: '12345678',
  lines: [
    { item: 'Dresy', amount: 12000 },
    { item: 'Míče', amount: 3500 },
  ],
  declaration: true,
};

/** Žofie as `GET /me` knows her. */
export const ZOFIE_ME: Me = {
  subject: 'zofie-subject',
  name: 'Žofie Dvořáková',
  given_name: 'Žofie',
  family_name: 'Dvořáková',
  birthdate: '1991-09-30',
  email: 'zofie@example.cz',
  address: { formatted: 'Náměstí 1, 123 45 Javorná Lhota' },
  loa: 'loasubstantial',
};

export const SUBMISSIONS: Submission[] = [
  {
    id: 's-2',
    reference: '2026/000124',
    formId: 'club-grant',
    formTitle: { cs: 'Žádost o příspěvek pro spolek', en: 'Application for a club grant' },
    submittedAt: '2026-10-02T09:00:00Z',
    state: 'in-progress',
    stateChangedAt: '2026-10-05T09:00:00Z',
    note: 'Posuzuje finanční výbor.',
  },
  {
    id: 's-1',
    reference: '2026/000031',
    formId: 'club-grant',
    formTitle: { cs: 'Žádost o příspěvek pro spolek', en: 'Application for a club grant' },
    submittedAt: '2026-03-12T09:00:00Z',
    state: 'done',
    stateChangedAt: '2026-04-01T09:00:00Z',
  },
];

export interface FormBackend {
  definition?: FormDefinition | 'missing' | 'error';
  /** How `POST …/submissions` answers: a submission, a network failure, or 422 with refused fields. */
  submit?: 'ok' | 'offline' | { refuse: { path: string; code: string }[] } | 'pending';
  /** The draft in the account (signed in). */
  draft?: Draft;
  submissions?: Submission[];
  me?: Me;
  /** Every request the fixture answered, `METHOD path`, with the body. */
  log?: { method: string; path: string; body?: unknown; headers: Headers }[];
}

function json(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
}

/**
 * A `fetch` answering the forms API from fixtures. Uploads answer an upload of
 * the file's name, size and type; a file named `virus.pdf` is refused as the
 * server would refuse a file that is not what its name says.
 */
export function formFetch(backend: FormBackend = {}): typeof fetch {
  let draft = backend.draft;
  let count = 124;
  return async (input, init) => {
    const request = new Request(input, init);
    const url = new URL(request.url);
    const path = url.pathname.replace(/^\/api/, '');
    const body = request.method === 'GET' ? undefined : request.headers.get('Content-Type') === 'application/json' ? await request.json() : await request.blob();
    backend.log?.push({ method: request.method, path: path + url.search, body, headers: request.headers });
    const definition = backend.definition ?? CLUB_GRANT;
    if (path.startsWith('/forms/') && path.endsWith('/draft')) {
      if (request.method === 'PUT') {
        draft = body as Draft;
        return json(draft);
      }
      if (request.method === 'DELETE') return new Response(null, { status: 204 });
      return draft ? json(draft) : json({ error: { code: 'not_found' } }, 404);
    }
    if (path.endsWith('/submissions') && path.startsWith('/forms/')) {
      const submit = backend.submit ?? 'ok';
      if (submit === 'pending') return new Promise<Response>(() => {});
      if (submit === 'offline') throw new TypeError('Failed to fetch');
      if (typeof submit === 'object') {
        return json({ error: { code: 'invalid_answers', message: 'Invalid answers', fields: submit.refuse.map((field) => ({ ...field, message: 'refused' })) } }, 422);
      }
      count++;
      const submission: Submission = {
        id: `s-${count}`,
        reference: `2026/000${count}`,
        formId: typeof definition === 'object' ? definition.id : 'x',
        formTitle: { cs: 'Žádost o příspěvek pro spolek' },
        submittedAt: '2026-11-21T10:00:00Z',
        state: 'received',
        stateChangedAt: '2026-11-21T10:00:00Z',
      };
      backend.submissions = [submission, ...(backend.submissions ?? [])];
      return json(submission, 201);
    }
    if (path.startsWith('/forms/')) {
      if (definition === 'missing') return json({ error: { code: 'not_found' } }, 404);
      if (definition === 'error') return json({ error: { code: 'internal' } }, 500);
      return json({ definition });
    }
    if (path === '/submissions') return json({ submissions: backend.submissions ?? [] });
    if (path === '/me') return json(backend.me ?? ZOFIE_ME);
    if (path === '/uploads') {
      const name = decodeURIComponent(request.headers.get('X-File-Name') ?? 'file');
      if (name === 'virus.pdf') return json({ error: { code: 'file_type', message: 'Not a PDF' } }, 415);
      const blob = body as Blob;
      const upload: Upload = { id: `u-${name}`, name, size: blob.size, type: request.headers.get('Content-Type') ?? '' };
      return json(upload, 201);
    }
    return json({ error: { code: 'not_found' } }, 404);
  };
}

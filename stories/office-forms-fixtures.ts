import type { FieldError } from '../src/contract/error.js';
import type { SubmissionState } from '../src/contract/forms.js';
import type { OfficeSubmission, StateChange } from '../src/contract/office-forms.js';
import { parseDefinition } from '../src/forms/check.js';
import type { FormDefinition } from '../src/forms/definition.js';
import { CLUB_ANSWERS, CLUB_GRANT } from './form-fixtures.js';

/** A second, simpler form: a request for a copy of a document. */
export const COPY_REQUEST: FormDefinition = {
  id: 'kopie-dokumentu',
  version: 1,
  title: { cs: 'Žádost o kopii dokumentu', en: 'Request for a copy of a document' },
  steps: [
    {
      id: 'request',
      title: { cs: 'Žádost', en: 'Request' },
      fields: [
        { id: 'document', type: 'text', label: { cs: 'Který dokument', en: 'Which document' }, required: true },
        { id: 'pickup', type: 'date', label: { cs: 'Vyzvednu si dne', en: 'I will collect it on' } },
      ],
    },
  ],
};

const QUOTE = { id: 'upl-quote', name: 'nabidka-dresy.pdf', size: 48_213, type: 'application/pdf' };

/** Submissions of {@link CLUB_GRANT}: signed in with a file, anonymous, handled. */
export function officeSubmissions(): OfficeSubmission[] {
  return [
    {
      id: 'sub-3',
      reference: '2026/000126',
      formId: 'club-grant',
      formVersion: 3,
      submittedAt: '2026-11-20T08:15:00Z',
      state: 'received',
      stateChangedAt: '2026-11-20T08:15:00Z',
      signedIn: true,
      identity: { name: 'Žofie Dvořáková', given_name: 'Žofie', family_name: 'Dvořáková', birthdate: '1991-09-30', email: 'zofie@example.cz', address: 'Náměstí 1, 123 45 Javorná Lhota', loa: 'loasubstantial' },
      answers: { ...CLUB_ANSWERS, quote: [QUOTE] },
      files: [QUOTE],
      history: [{ state: 'received', actor: 'citizen', at: '2026-11-20T08:15:00Z' }],
    },
    {
      id: 'sub-2',
      reference: '2026/000125',
      formId: 'club-grant',
      formVersion: 3,
      submittedAt: '2026-11-12T14:40:00Z',
      state: 'in-progress',
      stateChangedAt: '2026-11-13T09:00:00Z',
      note: 'Posuzuje finanční výbor.',
      signedIn: false,
      answers: { applicantType: 'person', name: 'Petr Malý', email: 'petr.maly@example.cz', lines: [{ item: 'Stan na akci', amount: 4500 }], declaration: true },
      files: [],
      history: [
        { state: 'received', actor: 'anonymous', at: '2026-11-12T14:40:00Z' },
        { state: 'in-progress', note: 'Posuzuje finanční výbor.', actor: 'office', at: '2026-11-13T09:00:00Z' },
      ],
    },
    {
      id: 'sub-1',
      reference: '2026/000031',
      formId: 'club-grant',
      formVersion: 2,
      submittedAt: '2026-03-12T09:00:00Z',
      state: 'done',
      stateChangedAt: '2026-04-01T09:00:00Z',
      signedIn: true,
      identity: { name: 'Jan Novák', given_name: 'Jan', family_name: 'Novák', loa: 'loasubstantial' },
      answers: { applicantType: 'person', name: 'Jan Novák', email: 'jan.novak@example.cz', lines: [{ item: 'Míče', amount: 2000 }], declaration: true },
      files: [],
      history: [
        { state: 'received', actor: 'citizen', at: '2026-03-12T09:00:00Z' },
        { state: 'done', note: 'Příspěvek schválen radou obce.', actor: 'office', at: '2026-04-01T09:00:00Z' },
      ],
    },
  ];
}

/** How the fixture backend of the office's forms answers. */
export interface OfficeFormsBackend {
  definitions?: Map<string, FormDefinition>;
  submissions?: OfficeSubmission[];
  /** `GET /office/forms`: the forms (default), a failure, or never. */
  list?: 'ok' | 'error' | 'pending';
  /** `PUT /office/forms/:id`: by the shared checks (default), or 422 with these fields. */
  put?: 'ok' | { refuse: FieldError[] };
  /** `PATCH /office/submissions/:id`: by the rules (default), a lost connection, or 404. */
  patch?: 'ok' | 'offline' | 'missing';
  log?: { method: string; path: string; body?: unknown; headers: Headers }[];
}

function json(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' } });
}

const problem = (status: number, code: string, fields?: FieldError[]) => json({ error: { code, message: code, ...(fields ? { fields } : {}) } }, status);
/** JSON with the keys of every object sorted: jsonb compares documents so. */
const canonical = (value: unknown): string =>
  JSON.stringify(value, (_key, item: unknown) =>
    item && typeof item === 'object' && !Array.isArray(item) ? Object.fromEntries(Object.entries(item).sort(([a], [b]) => (a < b ? -1 : 1))) : item,
  );
const STATES: SubmissionState[] = ['received', 'in-progress', 'done', 'rejected'];

/**
 * A `fetch` answering the office's forms API (`/office/forms…`,
 * `/office/submissions/…`) and the public `GET /forms/:id` from fixtures;
 * definitions are checked by the same rules as the server.
 */
export function officeFormsFetch(backend: OfficeFormsBackend = {}): typeof fetch {
  backend.definitions ??= new Map([
    [CLUB_GRANT.id, JSON.parse(JSON.stringify(CLUB_GRANT)) as FormDefinition],
    [COPY_REQUEST.id, JSON.parse(JSON.stringify(COPY_REQUEST)) as FormDefinition],
  ]);
  backend.submissions ??= officeSubmissions();
  const definitions = backend.definitions;
  return async (input, init) => {
    const request = new Request(input, init);
    const url = new URL(request.url);
    const path = url.pathname.replace(/^.*?(?=\/(office|forms)\/)/, '');
    const text = request.method === 'GET' ? '' : await request.text();
    const body: unknown = text ? JSON.parse(text) : undefined;
    backend.log?.push({ method: request.method, path, body, headers: request.headers });
    const submissions = backend.submissions!;

    const publicForm = /^\/forms\/([^/]+)$/.exec(path);
    if (publicForm) {
      const definition = definitions.get(decodeURIComponent(publicForm[1]!));
      return definition ? json({ definition }) : problem(404, 'not_found');
    }
    if (!request.headers.get('Authorization')) return problem(401, 'missing_token');
    if (path === '/office/forms') {
      if (backend.list === 'pending') return new Promise<Response>(() => {});
      if (backend.list === 'error') return problem(500, 'internal');
      return json({
        forms: [...definitions.values()].map((definition) => ({
          id: definition.id,
          title: definition.title,
          version: definition.version ?? 1,
          submissions: Object.fromEntries(STATES.map((name) => [name, submissions.filter((one) => one.formId === definition.id && one.state === name).length])),
        })),
      });
    }
    const form = /^\/office\/forms\/([^/]+)(\/submissions|\/submissions\.csv|\/export\.zip)?$/.exec(path);
    if (form) {
      const id = decodeURIComponent(form[1]!);
      if (request.method === 'PUT') {
        if (typeof backend.put === 'object') return problem(422, 'invalid_definition', backend.put.refuse);
        const { definition, errors } = parseDefinition(body);
        if (!definition || errors.length > 0) return problem(422, 'invalid_definition', errors);
        if (definition.id !== id) return problem(422, 'invalid_definition', [{ path: 'id', code: 'id_mismatch', message: `Expected "${id}"` }]);
        const current = definitions.get(id);
        const { version: _version, ...stored } = current ?? ({} as FormDefinition);
        // as the server compares the stored JSON documents
        if (current && canonical(stored) === canonical(body)) return json({ id, version: current.version ?? 1, changed: false });
        const version = (current?.version ?? 0) + 1;
        definitions.set(id, { ...(body as FormDefinition), version });
        return json({ id, version, changed: true });
      }
      if (!definitions.has(id)) return problem(404, 'not_found');
      if (form[2] === '/submissions') return json({ submissions: submissions.filter((one) => one.formId === id) });
      const zip = form[2] === '/export.zip';
      return new Response(zip ? new Uint8Array([0x50, 0x4b, 0x05, 0x06, ...new Array(18).fill(0)]) : '\ufeffreference;submitted_at;state\r\n', {
        headers: { 'Content-Type': zip ? 'application/zip' : 'text/csv; charset=utf-8', 'Content-Disposition': `attachment; filename="${id}${zip ? '.zip' : '.csv'}"` },
      });
    }
    const file = /^\/office\/submissions\/([^/]+)\/files\/([^/]+)$/.exec(path);
    if (file) {
      const found = submissions.find((one) => one.id === file[1])?.files.find((upload) => upload.id === file[2]);
      if (!found) return problem(404, 'not_found');
      return new Response(new Uint8Array([0x25, 0x50, 0x44, 0x46]), { headers: { 'Content-Type': found.type, 'Content-Disposition': `attachment; filename="${found.name}"` } });
    }
    const one = /^\/office\/submissions\/([^/]+)$/.exec(path);
    if (one && request.method === 'PATCH') {
      if (backend.patch === 'offline') throw new TypeError('Failed to fetch');
      const submission = submissions.find((candidate) => candidate.id === one[1]);
      if (!submission || backend.patch === 'missing') return problem(404, 'not_found');
      const change = body as StateChange;
      const at = '2026-11-21T10:00:00Z';
      submission.state = change.state;
      submission.stateChangedAt = at;
      if (change.note) submission.note = change.note;
      else delete submission.note;
      submission.history = [...submission.history, { state: change.state, ...(change.note ? { note: change.note } : {}), actor: 'office', at }];
      return json(submission);
    }
    return problem(404, 'not_found');
  };
}

import type { FieldError } from '../src/contract/error.js';
import type { StatementResult } from '../src/contract/office.js';
import type { FeeKind, ImportPreview, OfficeObligation, OfficePayment, StaffMe } from '../src/contract/office.js';

/** The demo town's clerk: fees, forms, polls and reports. */
export const CLERK: StaffMe = { id: 'alena-svobodova', name: 'Alena Svobodová', roles: ['fees', 'forms', 'polls', 'feedback'] };
/** The demo town's administrator. */
export const ADMIN: StaffMe = { id: 'karel-vesely', name: 'Karel Veselý', roles: ['admin'] };
/** A staff member who only handles fees. */
export const FEES_ONLY: StaffMe = { id: 'eva-mala', name: 'Eva Malá', roles: ['fees'] };

const KINDS: Record<string, { cs: string; en: string }> = {
  waste: { cs: 'Poplatek za odpady', en: 'Waste collection fee' },
  dog: { cs: 'Poplatek ze psů', en: 'Dog fee' },
};

const obligation = (id: string, variableSymbol: string, feeKind: string, period: string, amount: number, paid: number, dueDate: string, state: OfficeObligation['state'], payer: [string, string, string]): OfficeObligation => ({
  id,
  feeKind,
  period,
  variableSymbol,
  amount,
  paid,
  dueDate,
  state,
  payer: { givenName: payer[0], familyName: payer[1], birthdate: payer[2] },
  representative: false,
  createdAt: '2026-10-01T08:00:00Z',
});

const JAN: [string, string, string] = ['Jan', 'Novák', '1979-04-12'];
const ZOFIE: [string, string, string] = ['Žofie', 'Dvořáková', '1991-09-30'];
const MARIE: [string, string, string] = ['Marie', 'Šťastná', '1942-02-03'];

/** The demo town's obligations (as demo/seed.ts imports them). */
export function demoObligations(): OfficeObligation[] {
  return [
    obligation('o-1', '2027000001', 'waste', '2027', 780, 0, '2027-03-31', 'due', JAN),
    obligation('o-2', '2027000002', 'waste', '2027', 780, 0, '2027-03-31', 'due', ZOFIE),
    obligation('o-3', '2027000003', 'waste', '2027', 780, 0, '2027-03-31', 'due', ['Matěj', 'Černý', '2012-05-01']),
    obligation('o-4', '2027000004', 'waste', '2027', 780, 780, '2027-03-31', 'paid', MARIE),
    obligation('o-5', '2027000005', 'dog', '2027', 450, 0, '2027-06-30', 'due', JAN),
    obligation('o-6', '2026000001', 'dog', '2026', 450, 0, '2026-06-30', 'overdue', JAN),
    obligation('o-7', '2026000002', 'waste', '2026', 780, 500, '2026-03-31', 'partly-paid', ZOFIE),
  ];
}

/** Many more obligations, for paging. */
export function manyObligations(count = 60): OfficeObligation[] {
  return Array.from({ length: count }, (_, index) =>
    obligation(`m-${index}`, String(2025000001 + index), 'waste', '2025', 690, 690, '2025-03-31', 'paid', [`Občan${index}`, 'Testovací', '1980-01-01']),
  );
}

export const DEMO_PAYMENTS: OfficePayment[] = [
  { id: 'p-1', channel: 'transfer', state: 'paid', amount: 780, reference: 'demo-2026-11-02-001', variableSymbols: ['2027000004'], createdAt: '2026-11-02T09:00:00Z', paidAt: '2026-11-02T09:00:00Z' },
  { id: 'p-2', channel: 'transfer', state: 'paid', amount: 500, reference: 'demo-2026-03-20-001', variableSymbols: ['2026000002'], createdAt: '2026-03-20T09:00:00Z', paidAt: '2026-03-20T09:00:00Z' },
  { id: 'p-3', channel: 'card', state: 'declined', amount: 450, variableSymbols: ['2026000001'], createdAt: '2026-10-15T17:20:00Z' },
];

/** A good file: two new obligations and one the town has already. */
export const GOOD_CSV = [
  'variable_symbol;fee_kind;fee_name_cs;fee_name_en;period;amount;due_date;given_name;family_name;birthdate;household;representative',
  '2027001001;waste;Poplatek za odpady;Waste collection fee;2027;780,00;31.3.2027;Tereza;Králová;1988-07-14;;ne',
  '2027001002;dog;Poplatek ze psů;Dog fee;2027;450,00;30.6.2027;Tereza;Králová;1988-07-14;;ne',
  '2027000001;waste;Poplatek za odpady;Waste collection fee;2027;780,00;31.3.2027;Jan;Novák;1979-04-12;;ne',
].join('\r\n');

/** A file with three broken rows, and what the server says of them. */
export const BROKEN_CSV = [
  'variable_symbol;fee_kind;fee_name_cs;fee_name_en;period;amount;due_date;given_name;family_name;birthdate;household;representative',
  '20270A1;waste;;;2027;780,00;31.3.2027;Tereza;Králová;1988-07-14;;ne',
  '2027001002;waste;;;2027;-5;31.3.2027;Pavel;Král;1985-02-11;;ne',
  '2027001003;waste;;;2027;780,00;31.2.2027;Ilona;Malá;1990-12-01;;perhaps',
].join('\r\n');
export const BROKEN_FIELDS: FieldError[] = [
  { path: 'rows.2.variable_symbol', code: 'invalid_symbol', message: '"20270A1" is not a variable symbol (1 to 10 digits)' },
  { path: 'rows.3.amount', code: 'not_positive', message: 'The amount must be more than zero' },
  { path: 'rows.4.due_date', code: 'invalid_date', message: '"31.2.2027" is not a day of the calendar' },
  { path: 'rows.4.representative', code: 'brand_new_code', message: 'The server explains a new problem' },
];

/** How the fixture backend of the office's fees answers. */
export interface OfficeFeesBackend {
  /** `GET /office/me`: this staff member (with a token), or a citizen's token (403 `not_staff`). Without a token: 401. */
  me?: StaffMe | 'not-staff' | 'error';
  feeKinds?: FeeKind[];
  obligations?: OfficeObligation[];
  payments?: OfficePayment[];
  /** `POST /office/obligations/import`: by the file (the default), or these refused cells, or an error status with a code. */
  import?: 'by-file' | { refuse: FieldError[] } | { status: number; code: string; message?: string } | 'pending';
  statement?: StatementResult;
  /** Every request answered: method, path with query, body as text, headers. */
  log?: { method: string; path: string; body?: string; headers: Headers }[];
  /** Files the fixture downloaded (`GET /office/payments.csv`). */
}

function json(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
}
const problem = (status: number, code: string, message = code, fields?: FieldError[]) => json({ error: { code, message, ...(fields ? { fields } : {}) } }, status);

const fold = (text: string) => text.normalize('NFD').replace(/\p{Diacritic}/gu, '').toLowerCase();

/** The rows of an obligations CSV as the import preview shows them (`;`-separated, no quotes: enough for fixtures). */
function previewOf(text: string, known: OfficeObligation[]): ImportPreview | { fields: FieldError[] } | 'header-only' {
  const [header, ...lines] = text.replace(/^\ufeff/, '').split(/\r?\n/);
  const names = (header ?? '').split(';').map((name) => name.trim());
  const rows = lines
    .map((line, index) => ({ row: index + 2, cells: line.split(';') }))
    .filter((line) => line.cells.some((cell) => cell.trim() !== ''))
    .map(({ row, cells }) => {
      const cell = (name: string) => cells[names.indexOf(name)]?.trim() ?? '';
      const [day, month, year] = cell('due_date').split('.');
      const dueDate = year ? `${year}-${month!.padStart(2, '0')}-${day!.padStart(2, '0')}` : cell('due_date');
      const variableSymbol = cell('variable_symbol');
      return {
        row,
        status: known.some((obligation) => obligation.variableSymbol === variableSymbol) ? ('unchanged' as const) : ('new' as const),
        variableSymbol,
        feeKind: cell('fee_kind'),
        period: cell('period'),
        payerName: `${cell('given_name')} ${cell('family_name')}`,
        amount: Number(cell('amount').replace(',', '.')),
        dueDate,
        birthdate: cell('birthdate'),
      };
    });
  if (rows.length === 0) return 'header-only';
  const fields: FieldError[] = [];
  for (const row of rows) {
    if (!/^\d{1,10}$/.test(row.variableSymbol)) fields.push({ path: `rows.${row.row}.variable_symbol`, code: 'invalid_symbol', message: 'not a variable symbol' });
    if (!(row.amount > 0)) fields.push({ path: `rows.${row.row}.amount`, code: 'not_positive', message: 'The amount must be more than zero' });
  }
  if (fields.length > 0) return { fields };
  return {
    imported: rows.filter((row) => row.status === 'new').length,
    unchanged: rows.filter((row) => row.status === 'unchanged').length,
    rows: rows.map(({ birthdate: _birthdate, ...row }) => row),
  };
}

/**
 * A `fetch` answering `GET /office/me` and the office's fees API from
 * fixtures: fee kinds, obligations (search, paging, change, delete), the CSV
 * import with its preview, bank statements and payments with their CSV.
 */
export function officeFeesFetch(backend: OfficeFeesBackend = {}): typeof fetch {
  backend.obligations ??= demoObligations();
  backend.payments ??= DEMO_PAYMENTS;
  backend.feeKinds ??= Object.entries(KINDS).map(([code, name]) => ({ code, name, obligations: backend.obligations!.filter((one) => one.feeKind === code).length }));
  let sequence = 1000;
  return async (input, init) => {
    const request = new Request(input, init);
    const url = new URL(request.url);
    const path = url.pathname.replace(/^.*?(?=\/office\b)/, '');
    const body = request.method === 'GET' || request.method === 'DELETE' ? undefined : await request.text();
    backend.log?.push({ method: request.method, path: `${path}${url.search}`, body, headers: request.headers });
    const query = url.searchParams;
    // as the server: an empty filter is no filter value, `state=` is refused
    if ([...query.entries()].some(([, value]) => value === '')) return problem(400, 'validation_failed', 'empty query parameter');
    const signedIn = request.headers.has('Authorization');
    const obligations = backend.obligations!;

    if (path === '/office/me') {
      if (backend.me === 'error') return problem(500, 'internal');
      if (!signedIn) return problem(401, 'missing_token');
      if (backend.me === 'not-staff') return problem(403, 'not_staff', 'This identity is not on the staff');
      return json(backend.me ?? CLERK);
    }
    if (!signedIn) return problem(401, 'missing_token');
    if (backend.me === 'not-staff') return problem(403, 'not_staff');

    if (path === '/office/fee-kinds') return json({ feeKinds: backend.feeKinds });
    const kind = /^\/office\/fee-kinds\/([^/]+)$/.exec(path);
    if (kind && request.method === 'PUT') {
      const code = decodeURIComponent(kind[1]!);
      const input = JSON.parse(body!) as { name: { cs: string; en: string } };
      const existing = backend.feeKinds!.find((candidate) => candidate.code === code);
      if (existing) existing.name = input.name;
      else backend.feeKinds!.push({ code, name: input.name, obligations: 0 });
      return json(backend.feeKinds!.find((candidate) => candidate.code === code), existing ? 200 : 201);
    }
    if (path === '/office/obligations' && request.method === 'GET') {
      const q = fold(query.get('q') ?? '');
      const state = query.get('state');
      const matches = obligations.filter(
        (one) =>
          (!q || one.variableSymbol.includes(q) || fold(`${one.payer.givenName} ${one.payer.familyName}`).includes(q)) &&
          (!query.get('feeKind') || one.feeKind === query.get('feeKind')) &&
          (!query.get('period') || one.period === query.get('period')) &&
          (!state || (state === 'unpaid' ? one.state !== 'paid' : one.state === state)),
      );
      const offset = Number(query.get('offset') ?? 0);
      const limit = Number(query.get('limit') ?? 50);
      return json({ obligations: matches.slice(offset, offset + limit), total: matches.length });
    }
    const one = /^\/office\/obligations\/([^/]+)$/.exec(path);
    if (one && path !== '/office/obligations/import') {
      const found = obligations.find((candidate) => candidate.id === decodeURIComponent(one[1]!));
      if (!found) return problem(404, 'not_found');
      if (request.method === 'PATCH') {
        const change = JSON.parse(body!) as { amount?: number; dueDate?: string };
        if (change.amount !== undefined && change.amount < found.paid) return problem(409, 'below_paid', `${found.paid} CZK is paid already`, [{ path: 'amount', code: 'below_paid', message: 'below paid' }]);
        Object.assign(found, change);
        return json(found);
      }
      if (request.method === 'DELETE') {
        if (found.paid > 0) return problem(409, 'has_payments', 'Something was paid on this obligation');
        backend.obligations = obligations.filter((candidate) => candidate !== found);
        return new Response(null, { status: 204 });
      }
    }
    if (path === '/office/obligations/import' && request.method === 'POST') {
      const outcome = backend.import ?? 'by-file';
      if (outcome === 'pending') return new Promise<Response>(() => {});
      if (typeof outcome === 'object' && 'refuse' in outcome) return problem(422, 'import_rejected', `${outcome.refuse.length} problems; nothing was imported`, outcome.refuse);
      if (typeof outcome === 'object') return problem(outcome.status, outcome.code, outcome.message);
      if (!/^text\/csv/.test(request.headers.get('Content-Type') ?? '')) return problem(415, 'unsupported_media_type');
      const preview = previewOf(body ?? '', obligations);
      if (preview === 'header-only') return problem(422, 'import_rejected', 'The file has a header but no rows; nothing was imported');
      if ('fields' in preview) return problem(422, 'import_rejected', 'problems; nothing was imported', preview.fields);
      if (query.get('preview') === 'true') return json(preview);
      for (const row of preview.rows.filter((candidate) => candidate.status === 'new')) {
        const [givenName = '', familyName = ''] = row.payerName.split(' ');
        obligations.push(obligation(`o-${++sequence}`, row.variableSymbol, row.feeKind, row.period, row.amount, 0, row.dueDate, 'due', [givenName, familyName, '1988-07-14']));
      }
      return json({ imported: preview.imported, unchanged: preview.unchanged });
    }
    if (path === '/office/bank-statements' && request.method === 'POST') {
      return json(backend.statement ?? { matched: 2, skipped: 1, unmatched: [{ row: 5, variableSymbol: '9999999999', amount: 120, reason: 'unknown_symbol' }, { row: 6, amount: -300, reason: 'outgoing' }] });
    }
    if (path === '/office/payments' || path === '/office/payments.csv') {
      const from = query.get('from');
      const to = query.get('to');
      const state = query.get('state');
      const matches = backend.payments!.filter((payment) => {
        const day = (payment.paidAt ?? payment.createdAt).slice(0, 10);
        return (!from || day >= from) && (!to || day <= to) && (!state || payment.state === state);
      });
      if (path === '/office/payments.csv') {
        const csv = ['id;amount;state', ...matches.map((payment) => `${payment.id};${payment.amount};${payment.state}`)].join('\r\n');
        return new Response(csv, { headers: { 'Content-Type': 'text/csv; charset=utf-8', 'Content-Disposition': 'attachment; filename="platby.csv"' } });
      }
      const offset = Number(query.get('offset') ?? 0);
      const limit = Number(query.get('limit') ?? 50);
      const totalAmount = matches.filter((payment) => payment.state === 'paid').reduce((sum, payment) => sum + payment.amount, 0);
      return json({ payments: matches.slice(offset, offset + limit), total: matches.length, totalAmount });
    }
    return problem(404, 'not_found');
  };
}

/** A CSV file as the file input would give it. */
export const csvFile = (text: string, name = 'povinnosti.csv', type = 'text/csv'): File => new File([text], name, { type });

import type { FastifyInstance, FastifyRequest } from 'fastify';
import * as z from 'zod/mini';
import { ObligationListSchema, ObligationLookupSchema, type PaymentAccount } from '../../src/contract/fees.js';
import {
  FeeKindCodeSchema,
  FeeKindInputSchema,
  FeeKindListSchema,
  FeeKindSchema,
  ImportPreviewSchema,
  ImportResultSchema,
  StatementResultSchema,
  ObligationChangeSchema,
  ObligationImportQuerySchema,
  OfficeObligationListSchema,
  OfficeObligationQuerySchema,
  OfficeObligationSchema,
  OfficeObligationsSchema,
  OfficePaymentListSchema,
  OfficePaymentQuerySchema,
} from '../../src/contract/office.js';
import type { StandardClaims } from '../broker/claims.js';
import type { Config } from '../config.js';
import { BytesSchema } from '../forms/schemas.js';
import { apiRoute } from '../http/api-route.js';
import { csvDownload } from '../http/csv.js';
import { Problem } from '../http/problem.js';
import { rateLimit } from '../http/rate-limit.js';
import type { Database } from '../storage/database.js';
import { changeObligation, deleteObligation, feeKinds, MAX_EXPORTED_PAYMENTS, officeObligations, officePayments, paymentsCsv, putFeeKind, type Page } from './office.js';
import {
  importObligations,
  importStatement,
  previewObligations,
  tableOfRecords,
  lookupObligation,
  obligationsOf,
  OBLIGATION_COLUMNS_CSV,
  STATEMENT_COLUMNS_CSV,
} from './service.js';

/** Largest CSV the office may send (about 10 000 obligations). */
export const MAX_CSV_BYTES = 2 * 1024 * 1024;

/** The CSV body of an office request as text: `text/csv`, UTF-8. */
function csvText(request: FastifyRequest): string {
  const [media = '', ...parameters] = (request.headers['content-type'] ?? '').split(';').map((part) => part.trim().toLowerCase());
  if (media !== 'text/csv') throw new Problem(415, 'unsupported_media_type', `Send the file as Content-Type: text/csv (got ${media || 'none'})`);
  const charset = parameters.find((parameter) => parameter.startsWith('charset='))?.slice('charset='.length).replace(/"/g, '');
  if (charset && charset !== 'utf-8' && charset !== 'utf8') {
    throw new Problem(415, 'unsupported_charset', `The file must be UTF-8 (got charset=${charset}); in Excel save it as "CSV UTF-8"`);
  }
  const body = request.body;
  if (body === undefined || body === null || (Buffer.isBuffer(body) && body.length === 0)) {
    throw new Problem(400, 'empty_file', 'The file is empty: a header row and data rows are expected');
  }
  if (!Buffer.isBuffer(body)) throw new Problem(415, 'unsupported_media_type', 'Send the file as Content-Type: text/csv');
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(body);
  } catch {
    throw new Problem(400, 'invalid_encoding', 'The file is not UTF-8 (perhaps Windows-1250); in Excel save it as "CSV UTF-8"');
  }
}

const ID_PARAMS = z.object({ id: z.string() });
const CODE_PARAMS = z.object({ code: FeeKindCodeSchema });

/** The page of an office list's query: 50 rows from the first unless asked otherwise. */
const pageOf = (query: { offset?: string; limit?: string }): Page => ({ offset: Number(query.offset ?? 0), limit: Number(query.limit ?? 50) });

/**
 * Local fees paid by transfer: a citizen's obligations (signed in), one
 * obligation by variable symbol and date of birth (anonymous, rate limited
 * harder), and the office's imports of obligations and bank statements.
 */
export async function feeRoutes(api: FastifyInstance, db: Database, config: Config): Promise<void> {
  // the widget offers card payment only where a gateway is configured
  const cardPayments = config.PAYMENT_GATEWAY !== 'none';
  const account = (): PaymentAccount => {
    if (!config.townAccount) throw new Problem(503, 'fees_not_configured', 'Local fees are off: TOWN_ACCOUNT is not set');
    return { ...config.townAccount, recipient: config.TOWN_NAME };
  };

  apiRoute(
    api,
    {
      method: 'GET',
      path: '/fees',
      summary: "The signed-in citizen's obligations and those of the households they represent, with the account to pay them to",
      tags: ['fees'],
      auth: true,
      response: ObligationListSchema,
      errors: [404, 503],
    },
    async ({ citizen }) => {
      const town = account();
      const [row] = await db.query<{ claims: StandardClaims }>('select claims from accounts where subject = $1', [citizen.subject]);
      if (!row) throw new Problem(404, 'unknown_citizen', 'No such citizen');
      return { obligations: await obligationsOf(db, row.claims), account: town, cardPayments };
    },
  );

  await api.register(async (scope) => {
    // guessing pairs of symbol and birth date must stay slow
    scope.addHook('onRequest', rateLimit(db, { perMinute: config.FEE_LOOKUP_PER_MINUTE, scope: 'fees-lookup' }));
    apiRoute(
      scope,
      {
        method: 'POST',
        path: '/fees/lookup',
        summary: "One obligation by its variable symbol and the payer's date of birth (no sign-in); 404 whichever is wrong",
        tags: ['fees'],
        body: ObligationLookupSchema,
        response: ObligationListSchema,
        errors: [404, 503],
      },
      async ({ body }) => {
        const town = account();
        const obligation = await lookupObligation(db, body.variableSymbol, body.birthdate);
        if (!obligation) throw new Problem(404, 'not_found', 'No obligation with this variable symbol and date of birth');
        return { obligations: [obligation], account: town, cardPayments };
      },
    );
  });

  await api.register(async (office) => {
    office.addContentTypeParser('text/csv', { parseAs: 'buffer', bodyLimit: MAX_CSV_BYTES }, (_request, body, done) => done(null, body));
    apiRoute(
      office,
      {
        method: 'POST',
        office: 'fees',
        path: '/office/obligations',
        summary: 'Office: add obligations as JSON (the same fields and rules as the CSV import, all rows or none: 422 import_rejected with every refused field)',
        tags: ['office'],
        body: OfficeObligationsSchema,
        response: ImportResultSchema,
        errors: [401, 403, 422, 503],
      },
      async ({ body }) => {
        if (body.obligations.length === 0) throw new Problem(422, 'import_rejected', 'No obligations were sent');
        const { imported, unchanged } = await importObligations(db, tableOfRecords(body.obligations));
        return { imported, unchanged };
      },
    );
    apiRoute(
      office,
      {
        method: 'POST',
        office: 'fees',
        path: '/office/obligations/import',
        summary:
          `Office: import obligations from a CSV file (text/csv, UTF-8, ";" or ","; header ${OBLIGATION_COLUMNS_CSV.join(';')}); all rows or none (422 import_rejected with every refused cell). ` +
          'With ?preview=true the same checks and nothing stored: every row as it would be imported (ImportPreview)',
        tags: ['office'],
        query: ObligationImportQuerySchema,
        response: z.union([ImportPreviewSchema, ImportResultSchema]),
        errors: [401, 403, 413, 415, 422, 503],
      },
      async ({ query, request }) => {
        if (query.preview === 'true') return previewObligations(db, csvText(request));
        const { imported, unchanged } = await importObligations(db, csvText(request));
        return { imported, unchanged };
      },
    );
    apiRoute(
      office,
      {
        method: 'POST',
        office: 'fees',
        path: '/office/bank-statements',
        summary: `Office: import a bank statement (text/csv, header ${STATEMENT_COLUMNS_CSV.join(';')}) and credit the transfers to obligations by variable symbol; a line imported before is skipped`,
        tags: ['office'],
        response: StatementResultSchema,
        errors: [401, 403, 413, 415, 422, 503],
      },
      async ({ request }) => {
        const { matched, skipped, unmatched } = await importStatement(db, csvText(request));
        return { matched, skipped, unmatched };
      },
    );
    apiRoute(
      office,
      {
        method: 'GET',
        office: 'fees',
        path: '/office/fee-kinds',
        summary: 'Office: every fee kind with how many obligations it has',
        tags: ['office'],
        response: FeeKindListSchema,
        errors: [401, 403],
      },
      async () => {
        return { feeKinds: await feeKinds(db) };
      },
    );
    apiRoute(
      office,
      {
        method: 'PUT',
        office: 'fees',
        path: '/office/fee-kinds/:code',
        summary: 'Office: create a fee kind (201) or rename one (200); the code is lower-case letters, digits and dashes, at most 32',
        tags: ['office'],
        params: CODE_PARAMS,
        body: FeeKindInputSchema,
        response: FeeKindSchema,
        errors: [401, 403],
      },
      async ({ params, body, setStatus }) => {
        const { feeKind, created } = await putFeeKind(db, params.code, body);
        setStatus(created ? 201 : 200);
        return feeKind;
      },
    );
    apiRoute(
      office,
      {
        method: 'GET',
        office: 'fees',
        path: '/office/obligations',
        summary:
          'Office: obligations by due date, then variable symbol: ?q= a variable symbol’s first digits or a part of the payer’s name (either order, case and accents aside), ' +
          '?feeKind=, ?period=, ?state= (due, overdue, partly-paid, paid or unpaid), ?offset=, ?limit= (at most 200, default 50); total counts every match',
        tags: ['office'],
        query: OfficeObligationQuerySchema,
        response: OfficeObligationListSchema,
        errors: [401, 403],
      },
      async ({ query }) => {
        return officeObligations(db, query, pageOf(query));
      },
    );
    apiRoute(
      office,
      {
        method: 'PATCH',
        office: 'fees',
        path: '/office/obligations/:id',
        summary: 'Office: a new amount (CZK) or due date of an obligation; an amount below what is paid is 409 below_paid',
        tags: ['office'],
        params: ID_PARAMS,
        body: ObligationChangeSchema,
        response: OfficeObligationSchema,
        errors: [401, 403, 404, 409, 422],
      },
      async ({ params, body }) => changeObligation(db, params.id, body),
    );
    apiRoute(
      office,
      {
        method: 'DELETE',
        office: 'fees',
        path: '/office/obligations/:id',
        summary: 'Office: remove an obligation nothing was paid on and no payment started on (409 has_payments otherwise)',
        tags: ['office'],
        params: ID_PARAMS,
        response: z.undefined(),
        status: 204,
        errors: [401, 403, 404, 409],
      },
      async ({ params }) => {
        await deleteObligation(db, params.id);
        return undefined;
      },
    );
    apiRoute(
      office,
      {
        method: 'GET',
        office: 'fees',
        path: '/office/payments',
        summary:
          'Office: card payments and credited bank transfers, newest first: ?from=&to= (YYYY-MM-DD in Prague, both included: the day paid, booked, or started when unpaid), ' +
          '?state=, ?offset=, ?limit= (at most 200, default 50); total and totalAmount (the paid ones) over every match',
        tags: ['office'],
        query: OfficePaymentQuerySchema,
        response: OfficePaymentListSchema,
        errors: [401, 403],
      },
      async ({ query }) => {
        return officePayments(db, query, pageOf(query));
      },
    );
    apiRoute(
      office,
      {
        method: 'GET',
        office: 'fees',
        path: '/office/payments.csv',
        summary:
          'Office: the payments of GET /office/payments (?from=&to=&state=) as a spreadsheet (UTF-8 with BOM, ";"): id;channel;state;amount;reference;variable_symbols;created_at;paid_at, ' +
          `at most ${MAX_EXPORTED_PAYMENTS}`,
        tags: ['office'],
        query: OfficePaymentQuerySchema,
        response: BytesSchema,
        errors: [401, 403],
      },
      async ({ query, reply }) => {
        const { payments } = await officePayments(db, query, { offset: 0, limit: MAX_EXPORTED_PAYMENTS });
        return csvDownload(reply, paymentsCsv(payments), `payments-${query.from ?? 'all'}-${query.to ?? 'all'}.csv`);
      },
    );
  });
}

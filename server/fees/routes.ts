import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ImportResultSchema, ObligationListSchema, ObligationLookupSchema, StatementResultSchema, type PaymentAccount } from '../../src/contract/fees.js';
import { OfficeObligationsSchema } from '../../src/contract/office.js';
import type { StandardClaims } from '../broker/claims.js';
import type { Config } from '../config.js';
import { apiRoute } from '../http/api-route.js';
import { officeGuard } from '../http/office-guard.js';
import { Problem } from '../http/problem.js';
import { rateLimit } from '../http/rate-limit.js';
import type { Database } from '../storage/database.js';
import { importObligations, importStatement, tableOfRecords, lookupObligation, obligationsOf, OBLIGATION_COLUMNS_CSV, STATEMENT_COLUMNS_CSV } from './service.js';

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
    office.addHook('onRequest', officeGuard(config.OFFICE_API_TOKEN));
    office.addContentTypeParser('text/csv', { parseAs: 'buffer', bodyLimit: MAX_CSV_BYTES }, (_request, body, done) => done(null, body));
    apiRoute(
      office,
      {
        method: 'POST',
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
        path: '/office/obligations/import',
        summary: `Office: import obligations from a CSV file (text/csv, UTF-8, ";" or ","; header ${OBLIGATION_COLUMNS_CSV.join(';')}); all rows or none (422 import_rejected with every refused cell)`,
        tags: ['office'],
        response: ImportResultSchema,
        errors: [401, 403, 413, 415, 422, 503],
      },
      async ({ request }) => {
        const { imported, unchanged } = await importObligations(db, csvText(request));
        return { imported, unchanged };
      },
    );
    apiRoute(
      office,
      {
        method: 'POST',
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
  });
}

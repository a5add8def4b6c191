import type { FastifyError, FastifyInstance, FastifyReply } from 'fastify';
import * as z from 'zod/mini';
import { DraftSchema, FormResponseSchema, SubmissionListSchema, SubmissionSchema, SubmitSchema, UploadResponseSchema } from '../../src/contract/forms.js';
import { parseDefinition } from '../../src/forms/check.js';
import { errorText, formMessages } from '../../src/forms/form-messages.js';
import { loadCatalog } from '../../src/i18n/translator.js';
import type { Config } from '../config.js';
import { apiRoute, optionalCitizen } from '../http/api-route.js';
import { idempotencyKey } from '../http/idempotency.js';
import { Problem } from '../http/problem.js';
import { rateLimit } from '../http/rate-limit.js';
import type { Database } from '../storage/database.js';
import { definitionOf, fieldAt, fileFieldsOf, isVersion, storeDefinition } from './definitions.js';
import { cleanFileName, mediaTypeOf, sniffType } from './files.js';
import {
  BytesSchema,
  OfficeFormListSchema,
  OfficeSubmissionListSchema,
  OfficeSubmissionSchema,
  StateChangeSchema,
  StoredDefinitionSchema,
} from './schemas.js';
import { formService } from './service.js';
import { assertStorable } from './storable.js';

/** Largest draft a citizen may keep of one form. */
export const MAX_DRAFT_BYTES = 256 * 1024;

/** A submission's or an upload's id: visible ASCII (a UUID, a random token). */
const TokenSchema = z.string().check(z.regex(/^[\x21-\x7e]{1,200}$/));
const FORM_PARAMS = z.object({ id: z.string() });
const SUBMISSION_PARAMS = z.object({ id: TokenSchema });
const FILE_PARAMS = z.object({ id: TokenSchema, uploadId: TokenSchema });
/** An ISO 8601 time with its offset, as `Date.prototype.toISOString` writes it (seconds and fractions optional). */
const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;
const UPLOAD_QUERY = z.object({ form: z.string(), field: z.string() });
const LIST_QUERY = z.object({ form: z.optional(z.string()) });
const DeletedSchema = z.object({ deleted: z.boolean() });

/** In this scope, a body over its parser's limit is answered 413 with this code (other errors go to the app's handler). */
function bodyTooLargeAs(scope: FastifyInstance, code: string, message: string): void {
  scope.setErrorHandler((error: FastifyError) => {
    if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') throw new Problem(413, code, message);
    throw error;
  });
}

/** `Content-Disposition: attachment` with the name in ASCII for old clients and in UTF-8 (RFC 6266) for the rest. */
function attachment(name: string): string {
  const ascii = name
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[^\x20-\x7e]|["\\]/g, '_');
  const encoded = encodeURIComponent(name).replace(/['()*]/g, (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

/** Sends bytes as a download that no browser renders or sniffs. */
function download(reply: FastifyReply, bytes: Buffer, type: string, name: string): Buffer {
  reply.header('Content-Type', type).header('Content-Disposition', attachment(name)).header('X-Content-Type-Options', 'nosniff').header('Cache-Control', 'no-store');
  return bytes;
}

/**
 * Forms and electronic submissions: definitions, submissions with reference
 * numbers, uploads, drafts, and the office's management and exports.
 */
export async function formRoutes(api: FastifyInstance, db: Database, config: Config): Promise<void> {
  // refused answers are explained in English, as every API message is
  await loadCatalog(formMessages, 'en');
  const service = formService({ db, describe: (error, definition) => errorText('en', error, fieldAt(definition, error.path)) });

  apiRoute(
    api,
    {
      method: 'GET',
      path: '/forms/:id',
      summary: 'A form’s current definition, with its version',
      tags: ['forms'],
      params: FORM_PARAMS,
      response: FormResponseSchema,
      errors: [404],
    },
    async ({ params }) => ({ definition: await service.currentDefinition(params.id) }),
  );

  await api.register(async (scope) => {
    scope.addHook('onRequest', rateLimit(db, { perMinute: config.FORM_SUBMIT_PER_MINUTE, scope: 'forms-submit' }));
    apiRoute(
      scope,
      {
        method: 'POST',
        path: '/forms/:id/submissions',
        summary:
          'Submit answers to a version of a form (header Idempotency-Key; a bearer token optional unless the form requires sign-in: 401 sign_in_required). ' +
          'Refused answers: 422 invalid_answers, a field error each (upload_unknown for an upload not of this field and submitter); an unknown version: 409 form_version_unknown. ' +
          'The same key again answers the same submission (header Idempotent-Replayed); with other answers 422 idempotency_key_reused',
        tags: ['forms'],
        params: FORM_PARAMS,
        body: SubmitSchema,
        response: SubmissionSchema,
        status: 201,
        errors: [401, 404, 409, 422],
      },
      async ({ params, body, request, reply }) => {
        const key = idempotencyKey(request);
        assertStorable(body);
        const citizen = await optionalCitizen(scope, request);
        const { submission, replayed } = await service.submit(params.id, body, citizen, key);
        if (replayed) reply.header('Idempotent-Replayed', 'true');
        reply.header('Cache-Control', 'no-store');
        return submission;
      },
    );
  });

  apiRoute(
    api,
    {
      method: 'GET',
      path: '/submissions',
      summary: 'The signed-in citizen’s submissions (of one form with ?form=), newest first, with their state and the office’s note',
      tags: ['forms'],
      auth: true,
      query: LIST_QUERY,
      response: SubmissionListSchema,
    },
    async ({ citizen, query, reply }) => {
      reply.header('Cache-Control', 'no-store');
      return { submissions: await service.submissionsOf(citizen.subject, query.form) };
    },
  );

  await api.register(async (scope) => {
    scope.removeContentTypeParser('application/json');
    scope.addContentTypeParser('application/json', { parseAs: 'string', bodyLimit: MAX_DRAFT_BYTES }, scope.getDefaultJsonParser('error', 'error'));
    bodyTooLargeAs(scope, 'draft_too_large', `A draft is at most ${MAX_DRAFT_BYTES / 1024} KB`);
    apiRoute(
      scope,
      {
        method: 'GET',
        path: '/forms/:id/draft',
        summary: 'The signed-in citizen’s unfinished answers to a form (404 not_found when there are none)',
        tags: ['forms'],
        auth: true,
        params: FORM_PARAMS,
        response: DraftSchema,
        errors: [404],
      },
      async ({ citizen, params, reply }) => {
        reply.header('Cache-Control', 'no-store');
        const draft = await service.draftOf(citizen.subject, params.id);
        if (!draft) throw new Problem(404, 'not_found', 'No draft of this form');
        return draft;
      },
    );
    apiRoute(
      scope,
      {
        method: 'PUT',
        path: '/forms/:id/draft',
        summary: `Keep the signed-in citizen’s unfinished answers to a form (not validated; at most ${MAX_DRAFT_BYTES / 1024} KB: 413 draft_too_large)`,
        tags: ['forms'],
        auth: true,
        params: FORM_PARAMS,
        body: DraftSchema,
        response: DraftSchema,
        errors: [404, 413],
      },
      async ({ citizen, params, body }) => {
        if (!ISO_TIME.test(body.updatedAt) || Number.isNaN(Date.parse(body.updatedAt))) {
          throw new Problem(400, 'invalid_request', 'updatedAt is not a time', [{ path: 'updatedAt', code: 'invalid_date', message: 'An ISO 8601 time is expected' }]);
        }
        if (!isVersion(body.version)) {
          throw new Problem(400, 'invalid_request', 'version is not a version', [{ path: 'version', code: 'invalid_version', message: 'A positive integer is expected' }]);
        }
        assertStorable(body);
        return service.saveDraft(citizen.subject, params.id, body);
      },
    );
    apiRoute(
      scope,
      {
        method: 'DELETE',
        path: '/forms/:id/draft',
        summary: 'Forget the signed-in citizen’s draft of a form',
        tags: ['forms'],
        auth: true,
        params: FORM_PARAMS,
        response: DeletedSchema,
      },
      async ({ citizen, params }) => ({ deleted: await service.deleteDraft(citizen.subject, params.id) }),
    );
  });

  await api.register(async (scope) => {
    scope.addHook('onRequest', rateLimit(db, { perMinute: config.UPLOAD_PER_MINUTE, scope: 'forms-upload' }));
    // the file is the body, whatever its type: the content decides, not the header
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: config.UPLOAD_MAX_BYTES }, (_request, body, done) => done(null, body));
    bodyTooLargeAs(scope, 'file_too_large', `A file is at most ${config.UPLOAD_MAX_BYTES} bytes`);
    apiRoute(
      scope,
      {
        method: 'POST',
        path: '/uploads',
        summary:
          'Upload a file of a form’s file field (?form=&field=, in a group field=group.field): the file as the body with its Content-Type, the name in X-File-Name (URI-encoded). ' +
          'The real type is read from the content and must be the declared one and one the field accepts (415 file_type); too large: 413 file_too_large',
        tags: ['forms'],
        query: UPLOAD_QUERY,
        response: UploadResponseSchema,
        status: 201,
        errors: [401, 404, 413, 415],
      },
      async ({ query, request }) => {
        const citizen = await optionalCitizen(scope, request);
        const definition = await definitionOf(db, query.form);
        const place = definition && fileFieldsOf(definition).find((candidate) => candidate.path === query.field);
        if (!place) throw new Problem(404, 'not_found', 'No such file field of this form');
        const bytes = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
        if (bytes.length > place.field.maxSize) {
          throw new Problem(413, 'file_too_large', `A file of this field is at most ${place.field.maxSize} bytes`, [
            { path: query.field, code: 'file_too_large', message: `At most ${place.field.maxSize} bytes` },
          ]);
        }
        const type = sniffType(bytes);
        const declared = mediaTypeOf(request.headers['content-type']);
        if (!type || type !== declared || !place.field.accept.some((accepted) => accepted.toLowerCase() === type)) {
          throw new Problem(415, 'file_type', `The content is ${type ?? 'of an unrecognized type'}, declared ${declared || 'as nothing'}; this field takes ${place.field.accept.join(', ')}`, [
            { path: query.field, code: 'file_type', message: `Accepted: ${place.field.accept.join(', ')}` },
          ]);
        }
        return service.storeUpload(query.form, place, { name: cleanFileName(request.headers['x-file-name'], type), type, bytes }, citizen?.subject);
      },
    );
  });

  await api.register(async (office) => {
    apiRoute(
      office,
      {
        method: 'PUT',
        office: 'forms',
        path: '/office/forms/:id',
        summary:
          'Office: store a form definition (the body; its id must be the path’s). Checked as a whole: 422 invalid_definition with every problem. ' +
          'A changed definition becomes a new version; submissions keep the version they answered',
        tags: ['office'],
        params: FORM_PARAMS,
        body: z.record(z.string(), z.unknown()),
        response: StoredDefinitionSchema,
        errors: [401, 403, 422, 503],
      },
      async ({ params, body }) => {
        assertStorable(body);
        const { definition, errors } = parseDefinition(body);
        if (!definition || errors.length > 0) {
          throw new Problem(422, 'invalid_definition', `${errors.length} problem${errors.length === 1 ? '' : 's'} in the definition`, errors);
        }
        if (definition.id !== params.id) {
          throw new Problem(422, 'invalid_definition', 'The definition’s id is not the one in the path', [
            { path: 'id', code: 'id_mismatch', message: `Expected "${params.id}"` },
          ]);
        }
        return storeDefinition(db, definition);
      },
    );
    apiRoute(
      office,
      {
        method: 'GET',
        office: 'forms',
        path: '/office/forms',
        summary: 'Office: every form (its current title and version) with its submissions counted by state',
        tags: ['office'],
        response: OfficeFormListSchema,
        errors: [401, 403, 503],
      },
      async () => ({ forms: await service.officeForms() }),
    );
    apiRoute(
      office,
      {
        method: 'GET',
        office: 'forms',
        path: '/office/forms/:id/submissions',
        summary: 'Office: a form’s submissions, newest first, with answers, the identity of signed-in submitters, files and state history',
        tags: ['office'],
        params: FORM_PARAMS,
        response: OfficeSubmissionListSchema,
        errors: [401, 403, 404, 503],
      },
      async ({ params }) => {
        return { submissions: await service.officeSubmissions(params.id) };
      },
    );
    apiRoute(
      office,
      {
        method: 'GET',
        office: 'forms',
        path: '/office/forms/:id/submissions.csv',
        summary:
          'Office: a form’s submissions as a spreadsheet (text/csv, UTF-8 with BOM, ";" separated): reference, submitted_at, state, signed_in, name, then a column per field id',
        tags: ['office'],
        params: FORM_PARAMS,
        response: BytesSchema,
        errors: [401, 403, 404, 503],
      },
      async ({ params, reply }) => download(reply, Buffer.from(await service.submissionsCsv(params.id), 'utf8'), 'text/csv; charset=utf-8', `${params.id}.csv`),
    );
    apiRoute(
      office,
      {
        method: 'GET',
        office: 'forms',
        path: '/office/forms/:id/export.zip',
        summary: 'Office: a zip of submissions.csv and every submitted file under files/<reference>/<name>',
        tags: ['office'],
        params: FORM_PARAMS,
        response: BytesSchema,
        errors: [401, 403, 404, 503],
      },
      async ({ params, reply }) => download(reply, await service.exportZip(params.id), 'application/zip', `${params.id}.zip`),
    );
    apiRoute(
      office,
      {
        method: 'GET',
        office: 'forms',
        path: '/office/submissions/:id/files/:uploadId',
        summary: 'Office: one submitted file, as a download of its stored type',
        tags: ['office'],
        params: FILE_PARAMS,
        response: BytesSchema,
        errors: [401, 403, 404, 503],
      },
      async ({ params, reply }) => {
        const file = await service.submittedFile(params.id, params.uploadId);
        return download(reply, file.bytes, file.type, file.name);
      },
    );
    apiRoute(
      office,
      {
        method: 'PATCH',
        office: 'forms',
        path: '/office/submissions/:id',
        summary: 'Office: move a submission to a state, with a note its citizen sees (recorded in its history)',
        tags: ['office'],
        params: SUBMISSION_PARAMS,
        body: StateChangeSchema,
        response: OfficeSubmissionSchema,
        errors: [401, 403, 404, 503],
      },
      async ({ params, body }) => {
        assertStorable(body);
        return service.changeState(params.id, body, 'office');
      },
    );
  });
}

import * as z from 'zod/mini';
import { FormDefinitionSchema, UploadSchema, type Answers, type FormDefinition } from '../forms/definition.js';

/**
 * Forms and submissions. A submission's answers are validated by the server
 * against the stored definition with the same rules the widget runs
 * (`src/forms/validate.ts`); refused answers give 422 `invalid_answers` with
 * one field error each, `path` being the answer's path (`email`,
 * `budget.2.amount`, `address.postcode`) and `code` the rule broken.
 */

/** `GET {api}/forms/:id`: the current definition (with its `version`). */
export const FormResponseSchema = z.object({ definition: FormDefinitionSchema });
export type FormResponse = z.infer<typeof FormResponseSchema>;

/**
 * A schema that tests a value with a predicate and passes it on unchanged.
 * zod/mini's `refine` is such a schema; `custom` would be the same with more
 * code in the chunk every page loads.
 */
const tested = <T>(test: (value: unknown) => boolean) => z.refine(test) as unknown as z.ZodMiniType<T>;

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const hasIds = (value: unknown, key: 'steps' | 'fields'): boolean => Array.isArray(value) && value.every((item) => isRecord(item) && typeof item.id === 'string' && (key === 'steps' ? hasIds(item.fields, 'fields') : typeof item.type === 'string'));

/**
 * `GET {api}/forms/:id` as the widget checks it: the shape it walks (ids,
 * steps, fields with a type). The whole definition was checked by the server
 * (`parseDefinition`) when the office stored it; checking it all again in the
 * browser would put every zod schema kind into the chunk every page loads.
 */
export const FormResponseShapeSchema = z.object({
  definition: tested<FormDefinition>((value) => isRecord(value) && typeof value.id === 'string' && hasIds(value.steps, 'steps')),
});

/** Answers as stored unvalidated in a draft: an object of answers by field id. */
const AnswersObject = tested<Answers>(isRecord);

/** The states a submission goes through at the office. */
export const SubmissionStateSchema = z.enum(['received', 'in-progress', 'done', 'rejected']);
export type SubmissionState = z.infer<typeof SubmissionStateSchema>;

/**
 * `POST {api}/forms/:id/submissions` with an `Idempotency-Key` header
 * (required): the answers to one version of the form. Signed in (a bearer
 * token), the submission is the citizen's and their draft is deleted. A
 * retried request with the same key answers the first submission again.
 */
export const SubmitSchema = z.object({
  version: z.number(),
  answers: z.record(z.string(), z.unknown()),
});
export type Submit = z.infer<typeof SubmitSchema>;

/** A stored submission as its citizen sees it. */
export const SubmissionSchema = z.object({
  id: z.string(),
  /** `2026/000123`: the year and a number counted in it. */
  reference: z.string(),
  formId: z.string(),
  /** The form's title when it was submitted, in Czech and English. */
  formTitle: z.object({ cs: z.string(), en: z.optional(z.string()) }),
  submittedAt: z.string(),
  state: SubmissionStateSchema,
  stateChangedAt: z.string(),
  /** The office's note to the citizen with the latest state. */
  note: z.optional(z.string()),
});
export type Submission = z.infer<typeof SubmissionSchema>;

/** `GET {api}/submissions` (signed in, optionally `?form=id`): the citizen's submissions, newest first. */
export const SubmissionListSchema = z.object({ submissions: z.array(SubmissionSchema) });
export type SubmissionList = z.infer<typeof SubmissionListSchema>;

/**
 * `GET`/`PUT {api}/forms/:id/draft` (signed in): the unfinished answers, so a
 * form started on a phone continues on a laptop. Drafts are not validated
 * (only their size is limited); `DELETE` forgets it. `GET` answers 404
 * `not_found` when there is none.
 */
export const DraftSchema = z.object({
  version: z.number(),
  answers: AnswersObject,
  /** The step the citizen was on. */
  step: z.optional(z.string()),
  /** ISO time of the change, set by the widget; the newer of the local and server draft wins. */
  updatedAt: z.string(),
});
export type Draft = z.infer<typeof DraftSchema>;

/**
 * `POST {api}/uploads?form=<form id>&field=<field path>` with the file as the
 * body (its own `Content-Type`, the name in `X-File-Name`, URI-encoded).
 * `field` is the field's id, in a group `group.field`. The server checks the
 * size (413 `file_too_large`) and the real type of the content against the
 * field (415 `file_type`), and answers 201 with the upload, which an answer
 * then refers to. Uploads no submission refers to are deleted after a day.
 */
export const UploadResponseSchema = UploadSchema;

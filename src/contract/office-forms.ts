import * as z from 'zod/mini';
import type { SubmissionState } from './forms.js';
import { UploadSchema } from '../forms/definition.js';
import { AnyObjectSchema, CountMapSchema, LooseTextSchema } from './loose.js';

/**
 * The states of a submission, as src/contract/forms.ts has them (the type
 * check below keeps the two lists the same): its own copy, so the office's
 * screens do not split the citizens' forms contract into a chunk of its own.
 */
const SubmissionStateSchema = /* @__PURE__ */ z.enum(['received', 'in-progress', 'done', 'rejected']);
type Assert<T extends true> = T;
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
export type SameSubmissionStates = Assert<Same<SubmissionState, z.infer<typeof SubmissionStateSchema>>>;

/**
 * The office's side of forms: managing definitions and handling
 * submissions (`<obec-office>` and the server).
 */

/** Who submitted, as the town knew them at that moment (from their identity at sign-in). */
export const IdentitySchema = /* @__PURE__ */ z.object({
  name: z.optional(z.string()),
  given_name: z.optional(z.string()),
  family_name: z.optional(z.string()),
  birthdate: z.optional(z.string()),
  email: z.optional(z.string()),
  /** The formatted address, "Náměstí 1, 123 45 Javorná Lhota". */
  address: z.optional(z.string()),
  loa: z.enum(['loalow', 'loasubstantial', 'loahigh']),
});
export type Identity = z.infer<typeof IdentitySchema>;

/** One change of a submission's state: the audit trail. */
export const HistoryEntrySchema = /* @__PURE__ */ z.object({
  state: SubmissionStateSchema,
  note: z.optional(z.string()),
  /** `citizen`, `anonymous` (the submission itself) or `office`. */
  actor: z.string(),
  at: z.string(),
});

/** A submission as the office handles it: the answers, who sent them, the files and what happened since. */
export const OfficeSubmissionSchema = /* @__PURE__ */ z.object({
  id: z.string(),
  reference: z.string(),
  formId: z.string(),
  formVersion: z.number(),
  submittedAt: z.string(),
  state: SubmissionStateSchema,
  stateChangedAt: z.string(),
  note: z.optional(z.string()),
  signedIn: z.boolean(),
  identity: z.optional(IdentitySchema),
  /** As validated and normalized by the server; files as uploads (`{id, name, size, type}`). */
  answers: AnyObjectSchema,
  files: z.array(UploadSchema),
  history: z.array(HistoryEntrySchema),
});
export type OfficeSubmission = z.infer<typeof OfficeSubmissionSchema>;

export const OfficeSubmissionListSchema = /* @__PURE__ */ z.object({ submissions: z.array(OfficeSubmissionSchema) });

/** `PATCH /office/submissions/:id`: the new state and, optionally, a note the citizen sees with it. */
export const StateChangeSchema = /* @__PURE__ */ z.object({
  state: SubmissionStateSchema,
  note: z.optional(/* @__PURE__ */ z.string().check(z.maxLength(2000))),
});
export type StateChange = z.infer<typeof StateChangeSchema>;

/** The forms the town has, each with how many submissions are in which state. */
export const OfficeFormListSchema = /* @__PURE__ */ z.object({
  forms: z.array(
    z.object({
      id: z.string(),
      title: LooseTextSchema,
      version: z.number(),
      submissions: CountMapSchema as z.ZodMiniType<Partial<Record<z.infer<typeof SubmissionStateSchema>, number>>>,
    }),
  ),
});
export type OfficeFormList = z.infer<typeof OfficeFormListSchema>;

/** `PUT /office/forms/:id`: the version now current, and whether this request made it. */
export const StoredDefinitionSchema = /* @__PURE__ */ z.object({ id: z.string(), version: z.number(), changed: z.boolean() });

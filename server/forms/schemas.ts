import * as z from 'zod/mini';
import { SubmissionStateSchema } from '../../src/contract/forms.js';
import { TextSchema, UploadSchema } from '../../src/forms/definition.js';
import type { StandardClaims } from '../broker/claims.js';
import type { Citizen } from '../http/api-route.js';

/**
 * The office's side of forms (not used by the widgets, so not in
 * `src/contract/`): managing definitions and handling submissions.
 */

/** Who submitted, as the town knew them at that moment (from their identity at sign-in). */
export const IdentitySchema = z.object({
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

/** The identity a submission or a report keeps of its signed-in citizen: what the town knew of them then. */
export function identityOf(citizen: Citizen, claims: StandardClaims | undefined): Identity {
  const name = claims?.name ?? ([claims?.given_name, claims?.family_name].filter(Boolean).join(' ') || undefined);
  const identity: Identity = {
    name,
    given_name: claims?.given_name,
    family_name: claims?.family_name,
    birthdate: claims?.birthdate,
    email: claims?.email,
    address: claims?.address?.formatted,
    loa: citizen.loa,
  };
  return Object.fromEntries(Object.entries(identity).filter(([, value]) => value !== undefined)) as Identity;
}

/** One change of a submission's state: the audit trail. */
export const HistoryEntrySchema = z.object({
  state: SubmissionStateSchema,
  note: z.optional(z.string()),
  /** `citizen`, `anonymous` (the submission itself) or `office`. */
  actor: z.string(),
  at: z.string(),
});

/** A submission as the office handles it: the answers, who sent them, the files and what happened since. */
export const OfficeSubmissionSchema = z.object({
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
  answers: z.record(z.string(), z.unknown()),
  files: z.array(UploadSchema),
  history: z.array(HistoryEntrySchema),
});
export type OfficeSubmission = z.infer<typeof OfficeSubmissionSchema>;

export const OfficeSubmissionListSchema = z.object({ submissions: z.array(OfficeSubmissionSchema) });

/** `PATCH /office/submissions/:id`: the new state and, optionally, a note the citizen sees with it. */
export const StateChangeSchema = z.object({
  state: SubmissionStateSchema,
  note: z.optional(z.string().check(z.maxLength(2000))),
});
export type StateChange = z.infer<typeof StateChangeSchema>;

/** The forms the town has, each with how many submissions are in which state. */
export const OfficeFormListSchema = z.object({
  forms: z.array(
    z.object({
      id: z.string(),
      title: TextSchema,
      version: z.number(),
      submissions: z.record(SubmissionStateSchema, z.number()),
    }),
  ),
});
export type OfficeFormList = z.infer<typeof OfficeFormListSchema>;

/** `PUT /office/forms/:id`: the version now current, and whether this request made it. */
export const StoredDefinitionSchema = z.object({ id: z.string(), version: z.number(), changed: z.boolean() });

/** Bytes answered as they are (CSV, zip, an uploaded file), with their own Content-Type. */
export const BytesSchema = z.custom<Buffer>((value) => Buffer.isBuffer(value));

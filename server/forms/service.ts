import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { FieldError } from '../../src/contract/error.js';
import type { Draft, Submission, SubmissionState } from '../../src/contract/forms.js';
import type { Answers, FormDefinition, Text, Upload } from '../../src/forms/definition.js';
import { todayInPrague, validateAnswers, type FormError } from '../../src/forms/validate.js';
import type { StandardClaims } from '../broker/claims.js';
import type { Citizen } from '../http/api-route.js';
import { Problem } from '../http/problem.js';
import { recordUsage } from '../office/usage.js';
import type { Database, Queryable } from '../storage/database.js';
import { definitionOf, fileFieldsOf, isFormId, type FilePlace } from './definitions.js';
import { submissionsCsv, type ExportRow } from './export.js';
import type { KnownType } from './files.js';
import { identityOf, type Identity, type OfficeFormList, type OfficeSubmission, type StateChange } from './schemas.js';
import { zip, type ZipEntry } from './zip.js';

/** Unattached uploads older than this are deleted. */
const UPLOAD_TTL_HOURS = 24;

export interface FormServiceOptions {
  db: Database;
  /** The English text of a refused answer (`errorText('en', …)` of the forms library). */
  describe: (error: FormError, definition: FormDefinition) => string;
}

/** The one who submits: a verified citizen, or nobody (anonymous). */
export type Submitter = Citizen | undefined;

type SubmissionRow = {
  id: string;
  reference: string;
  form_id: string;
  form_version: number;
  title: Text;
  subject: string | null;
  identity: Identity | null;
  answers: Record<string, unknown>;
  state: SubmissionState;
  state_changed_at: Date;
  note: string | null;
  request_hash: string;
  created_at: Date;
};

type UploadRow = {
  id: string;
  form_id: string;
  field_path: string;
  name: string;
  media_type: string;
  size: number;
  subject: string | null;
  submission_id: string | null;
};

const SUBMISSION_COLUMNS = `s.id, s.reference, s.form_id, s.form_version, d.definition -> 'title' as title, s.subject, s.identity, s.answers,
  s.state, s.state_changed_at, s.note, s.request_hash, s.created_at`;
const SUBMISSIONS = 'submissions s join form_definitions d on d.id = s.form_id and d.version = s.form_version';

/** Thrown inside the submitting transaction when a request with the same key stored its submission first: undoes ours. */
class KeyTaken extends Error {}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const iso = (value: Date | string) => new Date(value).toISOString();

/** A form's title in both languages, as the contract gives it. */
function titleOf(title: Text): Submission['formTitle'] {
  return typeof title === 'string' ? { cs: title } : { cs: title.cs, ...(title.en ? { en: title.en } : {}) };
}

/** JSON with the keys of every object sorted: the same answers give the same text whatever order the client sent them in. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (isRecord(value)) {
    const entries = Object.keys(value)
      .filter((key) => value[key] !== undefined)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${canonicalJson(value[key])}`);
    return `{${entries.join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** What an Idempotency-Key is bound to: who submitted which answers to which version of which form. */
function requestHash(formId: string, version: number, answers: Record<string, unknown>, submitter: Submitter): string {
  return createHash('sha256')
    .update(canonicalJson({ formId, version, answers, subject: submitter?.subject ?? null }))
    .digest('base64url');
}

/** A list of uploads in the answers: the file field, the answer's path (`budget.2.invoice`) and the list itself. */
interface UploadList {
  place: FilePlace;
  path: string;
  list: unknown[];
}

/** Every list of uploads the answers hold, at the form's file fields (top level and in group items). */
function uploadListsOf(definition: FormDefinition, answers: Record<string, unknown>): UploadList[] {
  return fileFieldsOf(definition).flatMap((place): UploadList[] => {
    if (!place.group) {
      const list = answers[place.field.id];
      return Array.isArray(list) ? [{ place, path: place.path, list }] : [];
    }
    const items = answers[place.group.id];
    if (!Array.isArray(items)) return [];
    return items.flatMap((item, index): UploadList[] => {
      const list = isRecord(item) ? item[place.field.id] : undefined;
      return Array.isArray(list) ? [{ place, path: `${place.group!.id}.${index}.${place.field.id}`, list }] : [];
    });
  });
}

const uploadIdOf = (element: unknown): string | undefined => (isRecord(element) && typeof element.id === 'string' ? element.id : undefined);

/**
 * Forms and submissions: definitions served, answers validated and stored
 * with a reference number, uploads, drafts, and the office's handling.
 */
export function formService({ db, describe }: FormServiceOptions) {
  function toSubmission(row: SubmissionRow): Submission {
    return {
      id: row.id,
      reference: row.reference,
      formId: row.form_id,
      formTitle: titleOf(row.title),
      submittedAt: iso(row.created_at),
      state: row.state,
      stateChangedAt: iso(row.state_changed_at),
      ...(row.note !== null ? { note: row.note } : {}),
    };
  }

  async function submissionBy(where: 'id' | 'idempotency_key', value: string, on: Queryable = db): Promise<SubmissionRow | undefined> {
    const [row] = await on.query<SubmissionRow>(`select ${SUBMISSION_COLUMNS} from ${SUBMISSIONS} where s.${where} = $1`, [value]);
    return row;
  }

  /** The answer to a submission whose key was used before: the same submission, or 422 for other answers. */
  function replay(existing: SubmissionRow, hash: string): { submission: Submission; replayed: true } {
    if (existing.request_hash !== hash) {
      throw new Problem(422, 'idempotency_key_reused', 'This Idempotency-Key was used for other answers; use a new key for a new submission');
    }
    return { submission: toSubmission(existing), replayed: true };
  }

  /** The form's current definition, or 404. */
  async function currentDefinition(formId: string): Promise<FormDefinition> {
    const definition = await definitionOf(db, formId);
    if (!definition) throw new Problem(404, 'not_found', 'No such form');
    return definition;
  }

  async function officeView(rows: SubmissionRow[]): Promise<OfficeSubmission[]> {
    const ids = rows.map((row) => row.id);
    const files = await db.query<{ id: string; name: string; size: number; media_type: string; submission_id: string }>(
      'select id, name, size, media_type, submission_id from uploads where submission_id = any($1::text[]) order by created_at, id',
      [ids],
    );
    const history = await db.query<{ submission_id: string; state: SubmissionState; note: string | null; actor: string; at: Date }>(
      'select submission_id, state, note, actor, at from submission_history where submission_id = any($1::text[]) order by seq',
      [ids],
    );
    return rows.map((row) => ({
      id: row.id,
      reference: row.reference,
      formId: row.form_id,
      formVersion: row.form_version,
      submittedAt: iso(row.created_at),
      state: row.state,
      stateChangedAt: iso(row.state_changed_at),
      ...(row.note !== null ? { note: row.note } : {}),
      signedIn: row.subject !== null,
      ...(row.identity ? { identity: row.identity } : {}),
      answers: row.answers,
      files: files.filter((file) => file.submission_id === row.id).map((file) => ({ id: file.id, name: file.name, size: file.size, type: file.media_type })),
      history: history
        .filter((entry) => entry.submission_id === row.id)
        .map((entry) => ({ state: entry.state, ...(entry.note !== null ? { note: entry.note } : {}), actor: entry.actor, at: iso(entry.at) })),
    }));
  }

  /** A form's submissions, oldest first; 404 when the form is unknown. */
  async function submissionsOfForm(formId: string): Promise<{ definitions: FormDefinition[]; rows: SubmissionRow[] }> {
    if (!isFormId(formId)) throw new Problem(404, 'not_found', 'No such form');
    const definitions = await db.query<{ definition: FormDefinition; version: number }>(
      'select definition, version from form_definitions where id = $1 order by version desc',
      [formId],
    );
    if (definitions.length === 0) throw new Problem(404, 'not_found', 'No such form');
    const rows = await db.query<SubmissionRow>(`select ${SUBMISSION_COLUMNS} from ${SUBMISSIONS} where s.form_id = $1 order by s.created_at, s.reference`, [formId]);
    return { definitions: definitions.map((row) => ({ ...row.definition, version: row.version })), rows };
  }

  function exportRows(rows: SubmissionRow[]): ExportRow[] {
    return rows.map((row) => ({
      reference: row.reference,
      submittedAt: new Date(row.created_at),
      state: row.state,
      signedIn: row.subject !== null,
      name: row.identity?.name ?? '',
      answers: row.answers as ExportRow['answers'],
    }));
  }

  return {
    currentDefinition,

    /**
     * Stores answers to a version of a form as a submission with the year's
     * next reference number. The answers are validated against the stored
     * definition of that version (hidden fields dropped, unknown ones
     * refused); every upload they refer to must be this field's, unused,
     * and the submitter's, and its stored name, size and type replace what
     * the client said. The same key and answers again give the same
     * submission (two at once still make one: the key is unique); the same
     * key with other answers is 422.
     */
    async submit(formId: string, body: { version: number; answers: Record<string, unknown> }, submitter: Submitter, key: string) {
      const current = await currentDefinition(formId);
      if (current.signIn === 'required' && !submitter) {
        throw new Problem(401, 'sign_in_required', 'Sign in to submit this form', undefined, { 'WWW-Authenticate': 'Bearer realm="api"' });
      }
      const hash = requestHash(formId, body.version, body.answers, submitter);
      const earlier = await submissionBy('idempotency_key', key);
      if (earlier) return replay(earlier, hash);

      const definition = await definitionOf(db, formId, body.version);
      if (!definition) {
        throw new Problem(409, 'form_version_unknown', `Version ${body.version} of this form is unknown; the current one is ${current.version}`);
      }

      // the uploads' own name, size and type, before the rules look at them
      const answers = structuredClone(body.answers);
      const sent = uploadListsOf(definition, answers);
      const ids = [...new Set(sent.flatMap(({ list }) => list.map(uploadIdOf).filter((id): id is string => id !== undefined)))];
      const rows =
        ids.length > 0
          ? await db.query<UploadRow>('select id, form_id, field_path, name, media_type, size, subject, submission_id from uploads where id = any($1::text[])', [ids])
          : [];
      const uploads = new Map(rows.map((row) => [row.id, row]));
      for (const { place, list } of sent) {
        list.forEach((element, index) => {
          const upload = uploads.get(uploadIdOf(element) ?? '');
          if (upload && upload.form_id === formId && upload.field_path === place.path) {
            list[index] = { id: upload.id, name: upload.name, size: upload.size, type: upload.media_type } satisfies Upload;
          }
        });
      }

      const today = todayInPrague();
      const validated = validateAnswers(definition, answers, { today });
      const refused: FieldError[] = validated.errors.map((error) => ({ path: error.path, code: error.code, message: describe(error, definition) }));
      /** The uploads to attach, by id, with the answer path each is at. */
      const attached = new Map<string, string>();
      for (const { place, path, list } of uploadListsOf(definition, validated.answers)) {
        for (const element of list) {
          const id = uploadIdOf(element);
          const upload = uploads.get(id ?? '');
          const usable =
            upload &&
            upload.form_id === formId &&
            upload.field_path === place.path &&
            upload.submission_id === null &&
            (upload.subject === null || upload.subject === submitter?.subject) &&
            !attached.has(upload.id);
          if (usable) attached.set(upload.id, path);
          else refused.push({ path, code: 'upload_unknown', message: 'No such upload of this field (or it is another citizen’s, or already submitted); upload the file again' });
        }
      }
      if (refused.length > 0) throw new Problem(422, 'invalid_answers', `${refused.length} answer${refused.length === 1 ? ' was' : 's were'} refused`, refused);

      let identity: Identity | null = null;
      if (submitter) {
        const [account] = await db.query<{ claims: StandardClaims }>('select claims from accounts where subject = $1', [submitter.subject]);
        identity = identityOf(submitter, account?.claims);
      }
      const at = new Date();
      const year = Number(today.slice(0, 4));
      try {
        const id = await db.transaction(async (tx) => {
          // the counter's row lock orders concurrent submissions; a rolled-back one gives its number back
          const [counter] = await tx.query<{ last_number: number }>(
            `insert into submission_counters (year, last_number) values ($1, 1)
             on conflict (year) do update set last_number = submission_counters.last_number + 1 returning last_number`,
            [year],
          );
          const reference = `${year}/${String(counter!.last_number).padStart(6, '0')}`;
          const id = randomUUID();
          const inserted = await tx.query(
            `insert into submissions (id, reference, form_id, form_version, subject, identity, answers, state_changed_at, idempotency_key, request_hash, created_at)
             values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $8)
             on conflict (idempotency_key) do nothing returning id`,
            [id, reference, formId, definition.version, submitter?.subject ?? null, identity && JSON.stringify(identity), JSON.stringify(validated.answers), at.toISOString(), key, hash],
          );
          if (inserted.length === 0) throw new KeyTaken();
          if (attached.size > 0) {
            // under the uploads' row locks: a file another submission took meanwhile is refused, not shared
            const ids = [...attached.keys()];
            const free = new Set(
              (await tx.query<{ id: string }>('select id from uploads where id = any($1::text[]) and submission_id is null order by id for update', [ids])).map(
                (row) => row.id,
              ),
            );
            const taken = ids.filter((upload) => !free.has(upload));
            if (taken.length > 0) {
              throw new Problem(
                422,
                'invalid_answers',
                'An upload was submitted meanwhile by another request',
                taken.map((upload) => ({ path: attached.get(upload)!, code: 'upload_unknown', message: 'This file was submitted meanwhile; upload it again' })),
              );
            }
            await tx.query('update uploads set submission_id = $1 where id = any($2::text[])', [id, ids]);
          }
          await tx.query('insert into submission_history (submission_id, state, actor, at) values ($1, $2, $3, $4)', [
            id,
            'received',
            submitter ? 'citizen' : 'anonymous',
            at.toISOString(),
          ]);
          if (submitter) await tx.query('delete from form_drafts where subject = $1 and form_id = $2', [submitter.subject, formId]);
          await recordUsage(tx, 'submission', { at });
          return id;
        });
        return { submission: toSubmission((await submissionBy('id', id))!), replayed: false };
      } catch (error) {
        if (!(error instanceof KeyTaken)) throw error;
        return replay((await submissionBy('idempotency_key', key))!, hash);
      }
    },

    /** A citizen's own submissions, newest first; of one form when given. */
    async submissionsOf(subject: string, formId?: string): Promise<Submission[]> {
      if (formId !== undefined && !isFormId(formId)) return [];
      const rows = await db.query<SubmissionRow>(
        `select ${SUBMISSION_COLUMNS} from ${SUBMISSIONS}
         where s.subject = $1 and ($2::text is null or s.form_id = $2) order by s.created_at desc, s.reference desc`,
        [subject, formId ?? null],
      );
      return rows.map(toSubmission);
    },

    /**
     * Stores an uploaded file of a form's file field (`place`), already
     * checked by the caller; an upload no submission refers to after a day
     * is deleted, which each upload sweeps (skipping rows a submission
     * holds locked).
     */
    async storeUpload(formId: string, place: FilePlace, file: { name: string; type: KnownType; bytes: Buffer }, subject: string | undefined): Promise<Upload> {
      const id = randomBytes(24).toString('base64url');
      await db.query('insert into uploads (id, form_id, field_path, name, media_type, size, bytes, subject) values ($1, $2, $3, $4, $5, $6, $7, $8)', [
        id,
        formId,
        place.path,
        file.name,
        file.type,
        file.bytes.length,
        file.bytes,
        subject ?? null,
      ]);
      await db.query(
        `delete from uploads where id in (
           select id from uploads where submission_id is null and created_at < now() - make_interval(hours => $1) for update skip locked)`,
        [UPLOAD_TTL_HOURS],
      );
      return { id, name: file.name, size: file.bytes.length, type: file.type };
    },

    async draftOf(subject: string, formId: string): Promise<Draft | undefined> {
      const [row] = await db.query<{ version: number; answers: Answers; step: string | null; updated_at: Date }>(
        'select version, answers, step, updated_at from form_drafts where subject = $1 and form_id = $2',
        [subject, formId],
      );
      return row && { version: row.version, answers: row.answers, ...(row.step !== null ? { step: row.step } : {}), updatedAt: iso(row.updated_at) };
    },

    async saveDraft(subject: string, formId: string, draft: Draft): Promise<Draft> {
      await currentDefinition(formId);
      await db.query(
        `insert into form_drafts (subject, form_id, version, answers, step, updated_at) values ($1, $2, $3, $4, $5, $6)
         on conflict (subject, form_id) do update set version = excluded.version, answers = excluded.answers, step = excluded.step, updated_at = excluded.updated_at`,
        [subject, formId, draft.version, JSON.stringify(draft.answers), draft.step ?? null, iso(draft.updatedAt)],
      );
      return { version: draft.version, answers: draft.answers, ...(draft.step !== undefined ? { step: draft.step } : {}), updatedAt: iso(draft.updatedAt) };
    },

    /** Forgets a citizen's draft; whether there was one. */
    async deleteDraft(subject: string, formId: string): Promise<boolean> {
      return (await db.query('delete from form_drafts where subject = $1 and form_id = $2 returning form_id', [subject, formId])).length > 0;
    },

    // ------------------------------------------------------------ the office

    /** Every form's current version, with its submissions counted by state. */
    async officeForms(): Promise<OfficeFormList['forms']> {
      const forms = await db.query<{ id: string; version: number; title: Text }>(
        `select distinct on (id) id, version, definition -> 'title' as title from form_definitions order by id, version desc`,
      );
      const counts = await db.query<{ form_id: string; state: SubmissionState; count: number }>(
        'select form_id, state, count(*)::int as count from submissions group by form_id, state',
      );
      return forms.map((form) => {
        const submissions: Record<SubmissionState, number> = { received: 0, 'in-progress': 0, done: 0, rejected: 0 };
        for (const count of counts) if (count.form_id === form.id) submissions[count.state] = count.count;
        return { id: form.id, title: form.title, version: form.version, submissions };
      });
    },

    /** A form's submissions for the office, newest first. */
    async officeSubmissions(formId: string): Promise<OfficeSubmission[]> {
      const { rows } = await submissionsOfForm(formId);
      return officeView(rows.reverse());
    },

    /** The spreadsheet of a form's submissions, oldest first. */
    async submissionsCsv(formId: string): Promise<string> {
      const { definitions, rows } = await submissionsOfForm(formId);
      return submissionsCsv(definitions, exportRows(rows));
    },

    /**
     * A zip of the spreadsheet (`submissions.csv`) and every submitted file,
     * byte for byte, under `files/<reference with - for />/<name>`; a name
     * that repeats in one submission gets ` (2)`, ` (3)` before its extension.
     */
    async exportZip(formId: string): Promise<Buffer> {
      const { definitions, rows } = await submissionsOfForm(formId);
      const entries: ZipEntry[] = [{ name: 'submissions.csv', data: Buffer.from(submissionsCsv(definitions, exportRows(rows)), 'utf8') }];
      const files = await db.query<{ submission_id: string; name: string; bytes: Uint8Array }>(
        'select submission_id, name, bytes from uploads where submission_id = any($1::text[]) order by created_at, id',
        [rows.map((row) => row.id)],
      );
      for (const row of rows) {
        const folder = `files/${row.reference.replace(/\//g, '-')}`;
        const taken = new Set<string>();
        for (const file of files.filter((candidate) => candidate.submission_id === row.id)) {
          let name = file.name;
          for (let copy = 2; taken.has(name); copy++) name = file.name.replace(/(\.[^.]*)?$/, (extension) => ` (${copy})${extension}`);
          taken.add(name);
          entries.push({ name: `${folder}/${name}`, data: file.bytes });
        }
      }
      return zip(entries);
    },

    /** One submitted file, or 404 when it is not of this submission. */
    async submittedFile(submissionId: string, uploadId: string): Promise<{ name: string; type: string; bytes: Buffer }> {
      const [file] = await db.query<{ name: string; media_type: string; bytes: Uint8Array }>(
        'select name, media_type, bytes from uploads where id = $1 and submission_id = $2',
        [uploadId, submissionId],
      );
      if (!file) throw new Problem(404, 'not_found', 'No such file of this submission');
      return { name: file.name, type: file.media_type, bytes: Buffer.from(file.bytes.buffer, file.bytes.byteOffset, file.bytes.byteLength) };
    },

    /** Moves a submission to a state, with the note its citizen sees; recorded in its history. */
    async changeState(submissionId: string, change: StateChange, actor: string): Promise<OfficeSubmission> {
      const at = new Date().toISOString();
      const found = await db.transaction(async (tx) => {
        const updated = await tx.query('update submissions set state = $2, note = $3, state_changed_at = $4 where id = $1 returning id', [
          submissionId,
          change.state,
          change.note ?? null,
          at,
        ]);
        if (updated.length === 0) return false;
        await tx.query('insert into submission_history (submission_id, state, note, actor, at) values ($1, $2, $3, $4, $5)', [
          submissionId,
          change.state,
          change.note ?? null,
          actor,
          at,
        ]);
        return true;
      });
      const row = found ? await submissionBy('id', submissionId) : undefined;
      if (!row) throw new Problem(404, 'not_found', 'No such submission');
      return (await officeView([row]))[0]!;
    },
  };
}

export type FormService = ReturnType<typeof formService>;

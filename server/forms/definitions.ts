import { parseDefinition } from '../../src/forms/check.js';
import * as z from 'zod/mini';
import { FormIdSchema, type Field, type FileField, type FormDefinition, type GroupField } from '../../src/forms/definition.js';
import { readDefinitionFiles } from '../storage/definition-files.js';
import type { Database, Queryable } from '../storage/database.js';
import { unstorablePath } from './storable.js';

/** Every store of a definition takes this lock: two instances starting at once make one version. */
const DEFINITIONS_LOCK = 7_172_028;

/** Where a definition came from and what storing it did. */
export interface Stored {
  id: string;
  version: number;
  /** False when the definition was the current version already. */
  changed: boolean;
}

/**
 * Stores a checked definition as the form's new current version, unless it
 * equals the current one (compared as JSON values, so key order and
 * whitespace do not count). Versions count from 1.
 */
export async function storeDefinition(db: Database, definition: FormDefinition): Promise<Stored> {
  const document: FormDefinition = { ...definition };
  delete document.version;
  return db.transaction(async (tx) => {
    await tx.query('select pg_advisory_xact_lock($1)', [DEFINITIONS_LOCK]);
    const [current] = await tx.query<{ version: number; same: boolean }>(
      'select version, definition = $2::jsonb as same from form_definitions where id = $1 order by version desc limit 1',
      [document.id, JSON.stringify(document)],
    );
    if (current?.same) return { id: document.id, version: current.version, changed: false };
    const version = (current?.version ?? 0) + 1;
    await tx.query('insert into form_definitions (id, version, definition) values ($1, $2, $3)', [document.id, version, JSON.stringify(document)]);
    return { id: document.id, version, changed: true };
  });
}

/** Whether a text can be a form's id at all (anything else names no form, and is not asked of the database). */
export const isFormId = (id: string): boolean => z.safeParse(FormIdSchema, id).success;

/** Whether a number can be a stored version (a positive integer column). */
export const isVersion = (version: number): boolean => Number.isInteger(version) && version > 0 && version <= 0x7fffffff;

/** A form's definition with its `version`: the given one, or the current (newest) one. */
export async function definitionOf(db: Queryable, id: string, version?: number): Promise<FormDefinition | undefined> {
  if (!isFormId(id) || (version !== undefined && !isVersion(version))) return undefined;
  const [row] = await db.query<{ definition: FormDefinition; version: number }>(
    version === undefined
      ? 'select definition, version from form_definitions where id = $1 order by version desc limit 1'
      : 'select definition, version from form_definitions where id = $1 and version = $2',
    version === undefined ? [id] : [id, version],
  );
  return row && { ...row.definition, version: row.version };
}

/**
 * Stores every `*.json` in `dir` (FORMS_DIR) at start-up, a new version of
 * each changed one. An unreadable or invalid file, or two files of one form,
 * stop the start-up: a ConfigError of one line naming the file and its first
 * problem.
 */
export async function loadFormsDir(db: Database, dir: string): Promise<Stored[]> {
  const definitions = readDefinitionFiles<FormDefinition>('FORMS_DIR', dir, 'form', (json) => {
    const { definition, errors } = parseDefinition(json);
    const [first] = errors;
    if (!definition || first) return { problem: first ? `${first.path || '(the document)'}: ${first.message}` : 'refused' };
    const unstorable = unstorablePath(definition);
    if (unstorable !== undefined) return { problem: `${unstorable}: a NUL or lone surrogate character` };
    return { definition };
  });
  // all files checked before any is stored: a start-up that stops changes nothing
  const stored: Stored[] = [];
  for (const { definition } of definitions) stored.push(await storeDefinition(db, definition));
  return stored;
}

/** Every field of the form (groups as groups, not their fields), in the order the form asks them. */
export function fieldsOf(definition: FormDefinition): Field[] {
  return definition.steps.flatMap((step) => step.fields);
}

/**
 * The field an answer path names: `email`, `address.postcode` (the address
 * field), `budget.2.amount` (the group's `amount`), `budget` (the group).
 */
export function fieldAt(definition: FormDefinition, path: string): Field | undefined {
  const [id, ...rest] = path.split('.');
  const field = fieldsOf(definition).find((candidate) => candidate.id === id);
  if (field?.type !== 'group') return field;
  const inner = rest.find((segment) => !/^\d+$/.test(segment));
  return inner === undefined ? field : field.fields.find((candidate) => candidate.id === inner);
}

/** A file field and the path uploads name it by: `attachments`, in a group `budget.invoice`. */
export interface FilePlace {
  path: string;
  field: FileField;
  group?: GroupField;
}

/** The file fields of the form, with the paths uploads name them by. */
export function fileFieldsOf(definition: FormDefinition): FilePlace[] {
  return fieldsOf(definition).flatMap((field): FilePlace[] => {
    if (field.type === 'file') return [{ path: field.id, field }];
    if (field.type !== 'group') return [];
    return field.fields.flatMap((inner) => (inner.type === 'file' ? [{ path: `${field.id}.${inner.id}`, field: inner, group: field }] : []));
  });
}

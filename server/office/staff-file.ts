import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import * as z from 'zod/mini';
import { StaffIdSchema, StaffInputSchema, type StaffInput } from '../../src/contract/office.js';
import { ConfigError } from '../config.js';
import type { Database } from '../storage/database.js';
import { identityProblems, storeStaff } from './staff-routes.js';

/**
 * The `OFFICE_STAFF` file: `{ "staff": [ {id, name, roles, givenName,
 * familyName, birthdate} | {id, name, roles, subject}, … ] }`.
 */
const StaffFileSchema = z.strictObject({
  staff: z.array(z.extend(StaffInputSchema, { id: StaffIdSchema })),
});
type StaffFileEntry = StaffInput & { id: string };

/** The staff of an `OFFICE_STAFF` file, checked; a ConfigError of one line naming the file and the problem otherwise. */
export function readStaffFile(path: string): StaffFileEntry[] {
  const invalid = (problem: string) => new ConfigError(`OFFICE_STAFF is invalid: ${path}: ${problem}`);
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new ConfigError(`OFFICE_STAFF is invalid: ${path} is not a readable JSON file (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
  const parsed = z.safeParse(StaffFileSchema, raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw invalid(`${issue.path.join('.') || '(the file)'}: ${issue.message}`);
  }
  const ids = new Set<string>();
  const subjects = new Set<string>();
  for (const [index, entry] of parsed.data.staff.entries()) {
    const [problem] = identityProblems(entry);
    if (problem) throw invalid(`staff.${index}.${problem.path}: ${problem.message}`);
    if (ids.has(entry.id)) throw invalid(`staff.${index}.id: the staff member "${entry.id}" is there twice`);
    ids.add(entry.id);
    if (entry.subject !== undefined) {
      if (subjects.has(entry.subject)) throw invalid(`staff.${index}.subject: the subject of "${entry.id}" is another staff member's too`);
      subjects.add(entry.subject);
    }
  }
  return parsed.data.staff;
}

/**
 * OFFICE_STAFF at start-up: read, checked, and stored when the file changed
 * since it was last stored: every staff member of the file created or
 * replaced (as from the file), and those from an earlier file that are no
 * longer in it removed. An unchanged file leaves the staff as they are, so
 * the office's changes through its API survive a restart; a changed file
 * wins over them.
 */
export async function loadStaffFile(db: Database, path: string): Promise<void> {
  const staff = readStaffFile(path);
  const digest = createHash('sha256').update(JSON.stringify(staff)).digest('base64url');
  const [stored] = await db.query<{ value: string }>("select value from secrets where name = 'office-staff.file-sha256'");
  if (stored?.value === digest) return;
  await db.transaction(async (tx) => {
    await tx.query('delete from staff where from_file and not (id = any($1::text[]))', [staff.map((entry) => entry.id)]);
    for (const [index, { id, ...input }] of staff.entries()) {
      await storeStaff(tx, id, input, { fromFile: true }).catch((error: unknown) => {
        // a subject the office gave an account of its own
        if (error instanceof Error && 'code' in error && error.code === 'subject_taken') throw new ConfigError(`OFFICE_STAFF is invalid: ${path}: staff.${index}.subject: ${error.message}`);
        throw error;
      });
    }
    await tx.query(
      "insert into secrets (name, value) values ('office-staff.file-sha256', $1) on conflict (name) do update set value = excluded.value",
      [JSON.stringify(digest)],
    );
  });
}

import type { OfficeReport } from '../../src/contract/office-feedback.js';
import { pragueDateTime } from '../forms/export.js';
import { spreadsheet } from '../http/csv.js';
import type { Queryable } from '../storage/database.js';

/**
 * The office's spreadsheets of problem reports and ratings, written as every
 * export is: UTF-8 with a BOM, `;` separated, CRLF line ends, times in
 * Prague, text a spreadsheet would run as a formula defused.
 */


/** Who reported, as they gave it (contact) or as the town knows them (signed in). */
function reporterName(report: OfficeReport): string {
  if (report.contact?.name) return report.contact.name;
  const identity = report.identity;
  if (!identity) return '';
  return identity.name ?? [identity.given_name, identity.family_name].filter(Boolean).join(' ');
}

/**
 * One row per report, in the given order:
 * `reference;id;created_at;category;department;state;description;address;lat;lon;supporters;reply;reporter_name;reporter_email;reporter_phone`.
 * An anonymous report has no reporter cells.
 */
export function reportsCsv(reports: readonly OfficeReport[]): string {
  const header = ['reference', 'id', 'created_at', 'category', 'department', 'state', 'description', 'address', 'lat', 'lon', 'supporters', 'reply', 'reporter_name', 'reporter_email', 'reporter_phone'];
  const rows = reports.map((report) => [
    report.reference,
    report.id,
    pragueDateTime(new Date(report.createdAt)),
    report.category,
    report.department ?? '',
    report.state,
    report.description,
    report.location.address ?? '',
    String(report.location.lat),
    String(report.location.lon),
    String(report.supporters),
    report.reply ?? '',
    reporterName(report),
    report.contact?.email ?? report.identity?.email ?? '',
    report.contact?.phone ?? '',
  ]);
  return spreadsheet([header, ...rows]);
}

/** Most ratings one export holds. */
export const MAX_EXPORTED_RATINGS = 100_000;

/**
 * One row per rating click between `from` (included) and `to` (excluded), as
 * `GET /office/ratings` counts them, oldest first: `at;target;helpful;comment`.
 */
export async function ratingsCsv(db: Queryable, from?: Date, to?: Date): Promise<string> {
  const rows = await db.query<{ target: string; helpful: boolean; comment: string | null; created_at: Date | string }>(
    `select target, helpful, comment, created_at from ratings
     where ($1::timestamptz is null or created_at >= $1) and ($2::timestamptz is null or created_at < $2)
     order by created_at, id limit ${MAX_EXPORTED_RATINGS}`,
    [from?.toISOString() ?? null, to?.toISOString() ?? null],
  );
  const lines = rows.map((row) => [pragueDateTime(new Date(row.created_at)), row.target, row.helpful ? 'ano' : 'ne', row.comment ?? '']);
  return spreadsheet([['at', 'target', 'helpful', 'comment'], ...lines]);
}

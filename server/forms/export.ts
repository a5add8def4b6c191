import type { Answers, FormDefinition, InputField } from '../../src/forms/definition.js';
import { pragueTime } from '../../src/time/prague.js';
import { spreadsheet } from '../http/csv.js';
import { fieldsOf } from './definitions.js';

/**
 * The office's spreadsheet of a form's submissions: UTF-8 with a BOM, `;`
 * separated, CRLF line ends (what Czech Excel opens as it is). One row per
 * submission, one column per answer.
 */

/** One submission as a row of the spreadsheet. */
export interface ExportRow {
  reference: string;
  submittedAt: Date;
  state: string;
  signedIn: boolean;
  name: string;
  answers: Answers;
}

/** A column: a field, or a field of a group (`budget.amount`, the items' answers joined by ` | `). */
interface Column {
  id: string;
  field: InputField;
  group?: string;
}

/**
 * The columns of every field in definition order: the given definitions
 * newest first, so the current questions come first and a field only an
 * older version asked still gets its column after them.
 */
function columnsOf(definitions: readonly FormDefinition[]): Column[] {
  const columns = new Map<string, Column>();
  for (const definition of definitions) {
    for (const field of fieldsOf(definition)) {
      if (field.type === 'info') continue;
      if (field.type !== 'group') {
        if (!columns.has(field.id)) columns.set(field.id, { id: field.id, field });
        continue;
      }
      for (const inner of field.fields) {
        const id = `${field.id}.${inner.id}`;
        if (inner.type !== 'info' && !columns.has(id)) columns.set(id, { id, field: inner, group: field.id });
      }
    }
  }
  return [...columns.values()];
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** A number with a decimal comma, as Czech spreadsheets read it; money with two decimals. */
function formatNumber(value: number, field: InputField): string {
  return (field.type === 'money' ? value.toFixed(2) : String(value)).replace('.', ',');
}

/**
 * One answer as a cell: numbers with a decimal comma, yes/no as `ano`/`ne`,
 * an address as "street, postcode city", several choices joined by `, `,
 * files by their names.
 */
function cellOf(value: unknown, field: InputField): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'boolean') return value ? 'ano' : 'ne';
  if (typeof value === 'number') return formatNumber(value, field);
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return value.map((item) => (isRecord(item) && typeof item.name === 'string' ? item.name : cellOf(item, field))).join(', ');
  if (isRecord(value) && 'street' in value) return `${value.street ?? ''}, ${value.postcode ?? ''} ${value.city ?? ''}`.trim();
  return JSON.stringify(value);
}

/** A moment as the office reads it: Prague time, `YYYY-MM-DD HH:MM:SS`. */
export function pragueDateTime(date: Date): string {
  const { year, month, day, hour, minute, second } = pragueTime(date);
  return `${year}-${month}-${day} ${hour}:${minute}:${second}`;
}

/**
 * The spreadsheet: a header row (`reference;submitted_at;state;signed_in;name`
 * and the field ids), then the rows in the given order.
 */
export function submissionsCsv(definitions: readonly FormDefinition[], rows: readonly ExportRow[]): string {
  const columns = columnsOf(definitions);
  const lines = [['reference', 'submitted_at', 'state', 'signed_in', 'name', ...columns.map((column) => column.id)]];
  for (const row of rows) {
    const answerCells = columns.map(({ id, field, group }) => {
      if (!group) return cellOf(row.answers[id], field);
      const items: unknown = row.answers[group];
      if (!Array.isArray(items)) return '';
      return items.map((item) => (isRecord(item) ? cellOf(item[field.id], field) : '')).join(' | ');
    });
    lines.push([row.reference, pragueDateTime(row.submittedAt), row.state, row.signedIn ? 'ano' : 'ne', row.name, ...answerCells]);
  }
  return spreadsheet(lines);
}

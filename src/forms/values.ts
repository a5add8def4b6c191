import type { Value } from './definition.js';

/**
 * Reading answers the way both the expressions and the validation rules see
 * them. `validate.ts` re-exports these; import them from there.
 */

/** Spaces people and Czech number formats put between thousands: space, no-break space, thin spaces. */
const GROUPING = /[\s\u00a0\u2007\u202f]/g;

/**
 * A number from what the citizen typed, in Czech or English notation:
 * `'1 234,50'`, `'1234.5'`, `'-3'` or a number. Anything else (two decimal
 * separators, thousands commas, letters, an empty string) is undefined.
 */
export function parseNumber(value: string | number): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value !== 'string') return undefined;
  const compact = value.replace(GROUPING, '').replace(/^\u2212/, '-');
  if (!/^-?\d+(?:[.,]\d+)?$/.test(compact)) return undefined;
  const number = Number(compact.replace(',', '.'));
  return Number.isFinite(number) ? number : undefined;
}

/**
 * Whether an answer counts as not given: undefined or null, a blank string,
 * an empty list, or an address with no part filled in. `false` and `0` are
 * answers (Ne, nula).
 */
export function isEmpty(value: Value | null | undefined): boolean {
  if (value === undefined || value === null) return true;
  if (typeof value === 'string') return value.trim() === '';
  if (Array.isArray(value)) return value.length === 0;
  if (typeof value === 'object') return Object.values(value).every((part) => typeof part !== 'string' || part.trim() === '');
  return false;
}

/** Whether `text` is a real calendar date written `YYYY-MM-DD` (no 31 April, 29 February only in leap years). */
export function isCalendarDate(text: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

export { todayInPrague } from '../time/prague.js';

/** Full years from the date `birth` to `today` (both `YYYY-MM-DD`); negative when `birth` is after `today`. */
export function fullYears(birth: string, today: string): number {
  const [by, bm, bd] = birth.split('-').map(Number) as [number, number, number];
  const [ty, tm, td] = today.split('-').map(Number) as [number, number, number];
  const years = ty - by;
  return tm < bm || (tm === bm && td < bd) ? years - 1 : years;
}

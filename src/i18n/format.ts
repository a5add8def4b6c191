import { formatNumber } from './translator.js';
import type { Lang } from './lang.js';

/** An amount in CZK as the language writes it: `1 030 Kč`, `12,50 Kč`, `CZK 1,030`. */
export function formatMoney(lang: Lang, value: number): string {
  return new Intl.NumberFormat(lang, {
    style: 'currency',
    currency: 'CZK',
    minimumFractionDigits: Number.isInteger(value) ? 0 : 2,
    maximumFractionDigits: 2,
  }).format(value);
}

/**
 * A calendar date `YYYY-MM-DD` as the language writes it, the same in every
 * time zone: `30. 9. 1991`, and in English `30 September 1991` (a numeric
 * date would be read month-first by some and day-first by others).
 */
export function formatDate(lang: Lang, iso: string): string {
  const options: Intl.DateTimeFormatOptions =
    lang === 'cs' ? { day: 'numeric', month: 'numeric', year: 'numeric', timeZone: 'UTC' } : { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' };
  return new Intl.DateTimeFormat(lang === 'cs' ? 'cs' : 'en-GB', options).format(new Date(`${iso.slice(0, 10)}T00:00:00Z`));
}

/** A size in bytes as people read it: `5 MB`, `500 kB` (1 MB = 1024 × 1024 bytes). */
export function formatBytes(lang: Lang, bytes: number): string {
  const [value, unit] = bytes >= 1024 * 1024 ? [bytes / (1024 * 1024), 'MB'] : bytes >= 1024 ? [bytes / 1024, 'kB'] : [bytes, 'B'];
  return `${formatNumber(lang, Math.round(value * 10) / 10)} ${unit}`;
}

/** A moment (ISO timestamp) as the day in Prague, `21. 11. 2026`, or with the time, `21. 11. 2026 9:05`. */
export function formatMoment(lang: Lang, iso: string, withTime = false): string {
  return new Intl.DateTimeFormat(lang, {
    day: 'numeric',
    month: 'numeric',
    year: 'numeric',
    ...(withTime ? { hour: 'numeric', minute: '2-digit' } : {}),
    timeZone: 'Europe/Prague',
  }).format(new Date(iso));
}

import type { FastifyReply } from 'fastify';

/**
 * The office's spreadsheets: CSV as Czech Excel and LibreOffice open it
 * (UTF-8 with BOM, `;` between cells, CRLF), cells a spreadsheet cannot run
 * as formulas, and downloads no browser renders or sniffs.
 */

/** A number as {@link formatNumber} writes it: a spreadsheet reads it as a number, never as a formula. */
const NUMBER = /^-?\d+(,\d+)?$/;

/**
 * A cell as CSV: text a spreadsheet would run as a formula (`=`, `+`, `-`,
 * `@`, tab, CR first) gets a leading apostrophe; a cell with `;`, `"` or a
 * line break is quoted.
 */
export function csvCell(text: string): string {
  const guarded = /^[=+\-@\t\r]/.test(text) && !NUMBER.test(text) ? `'${text}` : text;
  return /[;"\r\n]/.test(guarded) ? `"${guarded.replace(/"/g, '""')}"` : guarded;
}

/** Rows of cells as a whole file: BOM, `;`-separated, CRLF after every row. */
export function spreadsheet(lines: readonly (readonly string[])[]): string {
  return `\ufeff${lines.map((cells) => `${cells.map(csvCell).join(';')}\r\n`).join('')}`;
}

/** A CSV answer as a download (`attachment; filename=…`), never cached, never sniffed; `cacheControl` for a public one. */
export function csvDownload(reply: FastifyReply, csv: string, name: string, cacheControl = 'no-store'): Buffer {
  reply
    .header('Content-Type', 'text/csv; charset=utf-8')
    .header('Content-Disposition', `attachment; filename="${name}"`)
    .header('X-Content-Type-Options', 'nosniff')
    .header('Cache-Control', cacheControl);
  return Buffer.from(csv, 'utf8');
}

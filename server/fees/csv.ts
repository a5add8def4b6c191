/**
 * The CSV files a town office exchanges with spreadsheets and banks: UTF-8
 * (with or without a BOM), `;` (Czech Excel) or `,` separated, fields quoted
 * with `"` when they hold a separator, a quote or a line break. Rows are
 * numbered as a spreadsheet shows them: the header is row 1.
 */

export class CsvError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export interface CsvRecord {
  /** As a spreadsheet numbers it: the header is row 1, the first data row 2. */
  row: number;
  cells: string[];
}

export interface CsvTable {
  delimiter: ';' | ',';
  header: string[];
  records: CsvRecord[];
}

/** `;` or `,`, whichever the header line holds more of (outside quotes). */
function detectDelimiter(text: string): ';' | ',' {
  let semicolons = 0;
  let commas = 0;
  let quoted = false;
  for (const char of text) {
    if (char === '"') quoted = !quoted;
    else if (!quoted && (char === '\n' || char === '\r')) break;
    else if (!quoted && char === ';') semicolons++;
    else if (!quoted && char === ',') commas++;
  }
  return semicolons >= commas && semicolons > 0 ? ';' : commas > 0 ? ',' : ';';
}

/** Splits CSV text into records of cells (RFC 4180, plus CR-only line ends and a leading BOM). */
export function parseCsv(input: string): CsvTable {
  const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  if (text.includes('\u0000')) throw new CsvError('invalid_csv', 'The file is not text (it contains NUL bytes)');
  const delimiter = detectDelimiter(text);
  const rows: string[][] = [];
  let cells: string[] = [];
  let cell = '';
  let quoted = false;
  let afterQuote = false;
  let row = 1;
  const endCell = () => {
    cells.push(cell);
    cell = '';
    afterQuote = false;
  };
  const endRow = () => {
    endCell();
    rows.push(cells);
    cells = [];
    row++;
  };
  for (let i = 0; i < text.length; i++) {
    const char = text[i]!;
    if (quoted) {
      if (char === '"') {
        if (text[i + 1] === '"') {
          cell += '"';
          i++;
        } else {
          quoted = false;
          afterQuote = true;
        }
      } else {
        cell += char;
      }
      continue;
    }
    if (char === delimiter) endCell();
    else if (char === '\n' || char === '\r') {
      if (char === '\r' && text[i + 1] === '\n') i++;
      endRow();
    } else if (afterQuote) {
      throw new CsvError('invalid_csv', `Row ${row}: text after a closing quote`);
    } else if (char === '"' && cell === '') {
      quoted = true;
    } else {
      cell += char;
    }
  }
  if (quoted) throw new CsvError('invalid_csv', `Row ${row}: a quoted field is never closed`);
  if (cell !== '' || cells.length > 0 || afterQuote) endRow();

  const [header, ...data] = rows;
  if (!header || header.every((name) => name.trim() === '')) throw new CsvError('empty_file', 'The file is empty: a header row and data rows are expected');
  const records = data
    .map((cells, index) => ({ row: index + 2, cells: cells.map((value) => value.trim()) }))
    // blank lines, and the `;;;;` rows spreadsheets leave below the data
    .filter((record) => record.cells.some((value) => value !== ''));
  return { delimiter, header: header.map((name) => name.trim().toLowerCase()), records };
}

/** A refused cell: what is wrong, machine-readable and for a person. */
export interface CellProblem {
  code: string;
  message: string;
}

export type Parsed<T> = { ok: true; value: T } | ({ ok: false } & CellProblem);

const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
const refuse = (code: string, message: string): Parsed<never> => ({ ok: false, code, message });

/** Largest amount QR Platba can carry (`AM`): 9 999 999.99 CZK. */
export const MAX_AMOUNT_CENTS = 999_999_999;

/**
 * An amount in CZK as people and spreadsheets write it (`780`, `780,50`,
 * `1 234.5`, spaces as thousands separators) → haléře, without floating point.
 */
export function parseAmount(text: string, { signed = false } = {}): Parsed<number> {
  const compact = text.replace(/[\s\u00a0\u202f]/g, '');
  if (compact === '') return refuse('required', 'An amount is required');
  const match = /^([+-]?)(\d+)(?:[.,](\d*))?$/.exec(compact);
  if (!match) return refuse('invalid_amount', `"${text}" is not an amount in CZK (digits with a decimal comma or point)`);
  const [, sign, whole = '', fraction = ''] = match;
  if (fraction.length > 2) return refuse('too_many_decimals', `"${text}" has more than two decimals (haléře)`);
  if (sign === '-' && !signed) return refuse('not_positive', 'The amount must be more than zero');
  const digits = whole.replace(/^0+(?=\d)/, '');
  if (digits.length > 9) return refuse('too_large', 'The amount is larger than 9 999 999,99 CZK');
  const cents = Number(digits) * 100 + Number(fraction.padEnd(2, '0'));
  if (cents > MAX_AMOUNT_CENTS && !signed) return refuse('too_large', 'The amount is larger than 9 999 999,99 CZK');
  if (cents === 0) return refuse(signed ? 'zero_amount' : 'not_positive', 'The amount must not be zero');
  return ok(sign === '-' ? -cents : cents);
}

/** `YYYY-MM-DD` or the Czech `D.M.YYYY` (`31. 3. 2027`) → `YYYY-MM-DD`, a real calendar day. */
export function parseDate(text: string): Parsed<string> {
  if (text === '') return refuse('required', 'A date is required');
  const match = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(text) ?? /^(\d{1,2})\.\s*(\d{1,2})\.\s*(\d{4})$/.exec(text);
  if (!match) return refuse('invalid_date', `"${text}" is not a date (YYYY-MM-DD or D.M.YYYY)`);
  const [year, month, day] = text.includes('-') ? [match[1], match[2], match[3]].map(Number) : [match[3], match[2], match[1]].map(Number);
  const date = new Date(Date.UTC(year!, month! - 1, day!));
  if (year! < 1900 || year! > 2199 || date.getUTCMonth() !== month! - 1 || date.getUTCDate() !== day) {
    return refuse('invalid_date', `"${text}" is not a day of the calendar`);
  }
  return ok(date.toISOString().slice(0, 10));
}

/** A variable symbol: 1–10 digits, leading zeros kept, not all zeros. */
export function parseSymbol(text: string): Parsed<string> {
  if (text === '') return refuse('required', 'A variable symbol is required');
  if (!/^\d{1,10}$/.test(text)) return refuse('invalid_symbol', `"${text}" is not a variable symbol (1 to 10 digits)`);
  if (/^0+$/.test(text)) return refuse('invalid_symbol', 'A variable symbol must not be all zeros');
  return ok(text);
}

/** The variable symbol as banks compare it: a number, so without leading zeros. */
export const symbolKey = (symbol: string): string => symbol.replace(/^0+(?=\d)/, '');

/** `ano/ne`, `yes/no`, `1/0`, `true/false`; empty is no. */
export function parseYesNo(text: string): Parsed<boolean> {
  const value = text.toLowerCase();
  if (['', 'ne', 'no', '0', 'false', 'n'].includes(value)) return ok(false);
  if (['ano', 'yes', '1', 'true', 'a', 'y'].includes(value)) return ok(true);
  return refuse('invalid_boolean', `"${text}" is not ano/ne (yes/no, 1/0)`);
}

/** Required text of at most `max` characters. */
export function parseText(text: string, max: number, { required = true } = {}): Parsed<string> {
  if (text === '' && required) return refuse('required', 'This value is required');
  if (text.length > max) return refuse('too_long', `At most ${max} characters`);
  return ok(text);
}

/** A name as compared with the identity provider's: no diacritics, lower case, single spaces. */
export function nameKey(name: string): string {
  return name
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

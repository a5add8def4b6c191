import { randomUUID } from 'node:crypto';
import type { FieldError } from '../../src/contract/error.js';
import type { Obligation } from '../../src/contract/fees.js';
import type { ImportPreview } from '../../src/contract/office.js';
import { todayInPrague } from '../../src/time/prague.js';
import { Problem } from '../http/problem.js';
import { recordUsage } from '../office/usage.js';
import type { Database, Queryable } from '../storage/database.js';
import { CsvError, nameKey, parseAmount, parseCsv, parseDate, parseSymbol, parseText, parseYesNo, symbolKey, type CsvTable, type Parsed } from './csv.js';

/** Every write to fees takes this lock: imports and statements run one at a time, across instances. */
const FEES_LOCK = 7_172_027;

/** At most this many refused cells are listed in one answer (a whole file of wrong rows would be megabytes). */
const MAX_LISTED_PROBLEMS = 1000;

export type ObligationState = Obligation['state'];

export function obligationState(amountCents: number, paidCents: number, dueDate: string, today: string): ObligationState {
  if (paidCents >= amountCents) return 'paid';
  if (paidCents > 0) return 'partly-paid';
  return dueDate < today ? 'overdue' : 'due';
}

type ObligationRow = {
  id: string;
  fee_kind: string;
  name_cs: string;
  name_en: string;
  period: string;
  variable_symbol: string;
  amount_cents: number;
  paid_cents: number;
  due_date: string;
  payer_given_name: string;
  payer_family_name: string;
};

const OBLIGATION_COLUMNS = `o.id, o.fee_kind, k.name_cs, k.name_en, o.period, o.variable_symbol, o.amount_cents, o.paid_cents,
  to_char(o.due_date, 'YYYY-MM-DD') as due_date, o.payer_given_name, o.payer_family_name`;

function toObligation(row: ObligationRow, today: string): Obligation {
  return {
    id: row.id,
    feeKind: row.fee_kind,
    feeName: { cs: row.name_cs, en: row.name_en },
    period: row.period,
    payerName: `${row.payer_given_name} ${row.payer_family_name}`,
    variableSymbol: row.variable_symbol,
    amount: row.amount_cents / 100,
    paid: Math.min(row.paid_cents, row.amount_cents) / 100,
    dueDate: row.due_date,
    state: obligationState(row.amount_cents, row.paid_cents, row.due_date, today),
  };
}

/** Unpaid first, soonest due first; then the paid ones, latest first. */
function byUrgency(a: Obligation, b: Obligation): number {
  const aPaid = a.state === 'paid' ? 1 : 0;
  const bPaid = b.state === 'paid' ? 1 : 0;
  if (aPaid !== bPaid) return aPaid - bPaid;
  const byDate = aPaid ? b.dueDate.localeCompare(a.dueDate) : a.dueDate.localeCompare(b.dueDate);
  return byDate || a.variableSymbol.localeCompare(b.variableSymbol);
}

export interface Payer {
  given_name?: string;
  family_name?: string;
  birthdate?: string;
}

/**
 * A citizen's obligations: those whose payer has their name (without regard
 * to case and diacritics) and date of birth, and every obligation of each
 * household they represent in one of those.
 */
export async function obligationsOf(db: Queryable, payer: Payer, today = todayInPrague()): Promise<Obligation[]> {
  if (!payer.given_name || !payer.family_name || !payer.birthdate) return [];
  const rows = await db.query<ObligationRow>(
    `with mine as (
       select id, household_id, representative from obligations
       where payer_birthdate = $1::date and payer_given_key = $2 and payer_family_key = $3
     )
     select ${OBLIGATION_COLUMNS}
     from obligations o join fee_kinds k on k.code = o.fee_kind
     where o.id in (select id from mine)
        or o.household_id in (select household_id from mine where representative and household_id is not null)`,
    [payer.birthdate, nameKey(payer.given_name), nameKey(payer.family_name)],
  );
  return rows.map((row) => toObligation(row, today)).sort(byUrgency);
}

/** One obligation by its variable symbol and its payer's date of birth; undefined if either is wrong. */
export async function lookupObligation(db: Queryable, variableSymbol: string, birthdate: string, today = todayInPrague()): Promise<Obligation | undefined> {
  const [row] = await db.query<ObligationRow>(
    `select ${OBLIGATION_COLUMNS}
     from obligations o join fee_kinds k on k.code = o.fee_kind
     where o.symbol_key = $1 and o.payer_birthdate = $2::date`,
    [symbolKey(variableSymbol), birthdate],
  );
  return row && toObligation(row, today);
}

// ---------------------------------------------------------------- the office's import

/** The columns of the obligations CSV; the names are the header row's. */
export const OBLIGATION_COLUMNS_CSV = [
  'variable_symbol',
  'fee_kind',
  'fee_name_cs',
  'fee_name_en',
  'period',
  'amount',
  'due_date',
  'given_name',
  'family_name',
  'birthdate',
  'household',
  'representative',
] as const;
const OPTIONAL_OBLIGATION_COLUMNS = new Set(['fee_name_cs', 'fee_name_en', 'household', 'representative']);

export const STATEMENT_COLUMNS_CSV = ['date', 'amount', 'variable_symbol', 'reference'] as const;

interface ImportedObligation {
  row: number;
  variableSymbol: string;
  feeKind: string;
  feeNameCs: string;
  feeNameEn: string;
  period: string;
  amountCents: number;
  dueDate: string;
  givenName: string;
  familyName: string;
  birthdate: string;
  household: string | null;
  representative: boolean;
}

/** Collects the refused cells of a file. */
class Problems {
  readonly list: FieldError[] = [];
  readonly rows = new Set<number>();
  add(row: number | string, column: string | undefined, problem: { code: string; message: string }) {
    if (typeof row === 'number') this.rows.add(row);
    this.list.push({ path: [typeof row === 'number' ? `rows.${row}` : row, column].filter(Boolean).join('.'), code: problem.code, message: problem.message });
  }
  take<T>(row: number, column: string, parsed: Parsed<T>): T | undefined {
    if (parsed.ok) return parsed.value;
    this.add(row, column, parsed);
    return undefined;
  }
  reject(code: string, what: string): Problem {
    const listed = this.list.slice(0, MAX_LISTED_PROBLEMS);
    const more = this.list.length > listed.length ? ` (the first ${listed.length} are listed)` : '';
    const rows = this.rows.size > 0 ? ` in ${this.rows.size} row${this.rows.size === 1 ? '' : 's'}` : '';
    return new Problem(422, code, `${this.list.length} problem${this.list.length === 1 ? '' : 's'}${rows}${more}; nothing of the ${what} was imported`, listed);
  }
}

/**
 * Obligations sent as JSON objects (keys = the CSV columns) as the table the
 * CSV importer reads, so both ways in share every rule. Row numbers count
 * as in a spreadsheet: the first object is row 2.
 */
export function tableOfRecords(records: readonly Record<string, string | number | boolean | null | undefined>[]): CsvTable {
  const header = [...OBLIGATION_COLUMNS_CSV];
  return {
    delimiter: ';',
    header,
    records: records.map((record, index) => ({
      row: index + 2,
      cells: header.map((column) => {
        const value = record[column];
        return value === undefined || value === null ? '' : typeof value === 'boolean' ? (value ? 'ano' : 'ne') : String(value);
      }),
    })),
  };
}

/** The CSV text as a table, or a 400 for a file that is no CSV. */
function readTable(text: string): CsvTable {
  try {
    return parseCsv(text);
  } catch (error) {
    if (error instanceof CsvError) throw new Problem(400, error.code, error.message);
    throw error;
  }
}

/** Which cell of a record holds which column; missing required columns refuse the file. */
function columnsOf(table: CsvTable, columns: readonly string[], optional: Set<string>, problems: Problems, code: string): Map<string, number> {
  const index = new Map<string, number>();
  table.header.forEach((name, position) => {
    if (!columns.includes(name)) return; // other columns (notes, …) are the office's own
    if (index.has(name)) problems.add('columns', name, { code: 'duplicate_column', message: `The column "${name}" appears twice` });
    else index.set(name, position);
  });
  if (index.size === 0) {
    throw new Problem(400, 'invalid_csv', `No known column in the header row; expected ${columns.join(table.delimiter)}`);
  }
  for (const name of columns) {
    if (!index.has(name) && !optional.has(name)) problems.add('columns', name, { code: 'missing_column', message: `The header row has no "${name}" column` });
  }
  if (problems.list.length > 0) throw problems.reject(code, 'file');
  return index;
}

function cellReader(table: CsvTable, index: Map<string, number>, problems: Problems) {
  return (record: { row: number; cells: string[] }) => {
    const extra = record.cells.length - table.header.length;
    if (extra > 0 && record.cells.slice(table.header.length).some((value) => value !== '')) {
      problems.add(record.row, undefined, { code: 'extra_cells', message: `The row has ${extra} more cell${extra === 1 ? '' : 's'} than the header` });
    }
    return (column: string) => {
      const position = index.get(column);
      return position === undefined ? '' : (record.cells[position] ?? '');
    };
  };
}

export interface ImportOptions {
  /**
   * Obligations already imported with other data are updated instead of
   * refused (what was paid stays). Only the demo's seed uses it: its minor's
   * birth date moves with the calendar.
   */
  replaceChanged?: boolean;
  today?: string;
}

export interface ImportSummary {
  /** Obligations created. */
  imported: number;
  /** Rows whose obligation was already there with the same data. */
  unchanged: number;
  /** Rows that updated an obligation (only with `replaceChanged`). */
  replaced: number;
}

type StoredObligation = {
  id: string;
  variable_symbol: string;
  symbol_key: string;
  fee_kind: string;
  period: string;
  amount_cents: number;
  due_date: string;
  payer_given_name: string;
  payer_family_name: string;
  payer_birthdate: string;
  household_id: string | null;
  representative: boolean;
};

/** Which columns of a row differ from the obligation stored under its symbol. */
function differences(row: ImportedObligation, stored: StoredObligation): string[] {
  const pairs: [string, unknown, unknown][] = [
    ['variable_symbol', row.variableSymbol, stored.variable_symbol],
    ['fee_kind', row.feeKind, stored.fee_kind],
    ['period', row.period, stored.period],
    ['amount', row.amountCents, stored.amount_cents],
    ['due_date', row.dueDate, stored.due_date],
    ['given_name', row.givenName, stored.payer_given_name],
    ['family_name', row.familyName, stored.payer_family_name],
    ['birthdate', row.birthdate, stored.payer_birthdate],
    ['household', row.household, stored.household_id],
    ['representative', row.representative, stored.representative],
  ];
  return pairs.filter(([, a, b]) => a !== b).map(([name]) => name);
}

/** A file of obligations checked cell by cell on its own: the rows it would import, the fee kinds it names, what it refuses. */
interface CheckedFile {
  rows: ImportedObligation[];
  declaredKinds: Map<string, { cs: string; en: string; row: number }>;
  problems: Problems;
}

/** Every check of a row that needs no database; refused cells are collected, not thrown (the database's checks add theirs). */
function checkObligationFile(csv: string | CsvTable, today: string): CheckedFile {
  const table = typeof csv === 'string' ? readTable(csv) : csv;
  const problems = new Problems();
  const index = columnsOf(table, OBLIGATION_COLUMNS_CSV, OPTIONAL_OBLIGATION_COLUMNS, problems, 'import_rejected');
  const readCells = cellReader(table, index, problems);
  if (table.records.length === 0) throw new Problem(422, 'import_rejected', 'The file has a header but no rows; nothing was imported');

  const rows: ImportedObligation[] = [];
  const firstRowOfSymbol = new Map<string, number>();
  const declaredKinds = new Map<string, { cs: string; en: string; row: number }>();
  for (const record of table.records) {
    const cell = readCells(record);
    const take = <T>(column: string, parsed: Parsed<T>) => problems.take(record.row, column, parsed);
    const variableSymbol = take('variable_symbol', parseSymbol(cell('variable_symbol')));
    const feeKindText = cell('fee_kind');
    const feeKind = take(
      'fee_kind',
      feeKindText === '' || /^[A-Za-z0-9_-]{1,40}$/.test(feeKindText)
        ? parseText(feeKindText, 40)
        : { ok: false, code: 'invalid_fee_kind', message: 'A fee kind code is letters, digits, - and _ (e.g. waste, dog)' },
    );
    const feeNameCs = take('fee_name_cs', parseText(cell('fee_name_cs'), 100, { required: false }));
    const feeNameEn = take('fee_name_en', parseText(cell('fee_name_en'), 100, { required: false }));
    const period = take('period', parseText(cell('period'), 20));
    const amountCents = take('amount', parseAmount(cell('amount')));
    const dueDate = take('due_date', parseDate(cell('due_date')));
    const givenName = take('given_name', parseText(cell('given_name'), 100));
    const familyName = take('family_name', parseText(cell('family_name'), 100));
    let birthdate = take('birthdate', parseDate(cell('birthdate')));
    if (birthdate && birthdate > today) {
      problems.add(record.row, 'birthdate', { code: 'invalid_date', message: 'The date of birth is in the future' });
      birthdate = undefined;
    }
    const household = take('household', parseText(cell('household'), 60, { required: false }));
    const representative = take('representative', parseYesNo(cell('representative')));
    if (representative && !household) {
      problems.add(record.row, 'representative', { code: 'representative_without_household', message: 'A representative pays for a household: the household column is empty' });
    }

    let duplicate = false;
    if (variableSymbol !== undefined) {
      const first = firstRowOfSymbol.get(symbolKey(variableSymbol));
      if (first !== undefined) {
        duplicate = true;
        problems.add(record.row, 'variable_symbol', { code: 'duplicate_symbol', message: `The variable symbol ${variableSymbol} is also in row ${first}` });
      } else {
        firstRowOfSymbol.set(symbolKey(variableSymbol), record.row);
      }
    }
    if (feeKind && (feeNameCs || feeNameEn)) {
      const declared = declaredKinds.get(feeKind);
      if (!feeNameCs || !feeNameEn) {
        problems.add(record.row, feeNameCs ? 'fee_name_en' : 'fee_name_cs', { code: 'required', message: 'A fee kind is named in both Czech and English' });
      } else if (declared && (declared.cs !== feeNameCs || declared.en !== feeNameEn)) {
        problems.add(record.row, 'fee_name_cs', { code: 'conflicting_fee_name', message: `Row ${declared.row} names the fee kind "${feeKind}" differently` });
      } else if (!declared) {
        declaredKinds.set(feeKind, { cs: feeNameCs, en: feeNameEn, row: record.row });
      }
    }
    if (
      !duplicate && variableSymbol !== undefined && feeKind !== undefined && period !== undefined && amountCents !== undefined && dueDate !== undefined &&
      givenName !== undefined && familyName !== undefined && birthdate !== undefined && household !== undefined && representative !== undefined
    ) {
      rows.push({ row: record.row, variableSymbol, feeKind, feeNameCs: feeNameCs ?? '', feeNameEn: feeNameEn ?? '', period, amountCents, dueDate, givenName, familyName, birthdate, household: household || null, representative });
    }
  }
  return { rows, declaredKinds, problems };
}

/** What an import would do with a checked file, given what the database holds. */
interface ImportPlan {
  fresh: ImportedObligation[];
  changed: { row: ImportedObligation; id: string }[];
  unchanged: ImportedObligation[];
}

/**
 * The checks that need the database (fee kinds known, symbols imported
 * before), then the verdict: 422 `import_rejected` with every refused cell of
 * both passes in the order of the file, or the plan. Writes nothing.
 */
async function planImport(db: Queryable, { rows, declaredKinds, problems }: CheckedFile, options: ImportOptions): Promise<ImportPlan> {
  // what the database already holds: fee kinds and obligations of these symbols
  const kinds = new Map(
    (await db.query<{ code: string; name_cs: string; name_en: string }>('select code, name_cs, name_en from fee_kinds where code = any($1::text[])', [
      [...new Set(rows.map((row) => row.feeKind))],
    ])).map((kind) => [kind.code, kind]),
  );
  const stored = new Map(
    (await db.query<StoredObligation>(
      `select id, variable_symbol, symbol_key, fee_kind, period, amount_cents, to_char(due_date, 'YYYY-MM-DD') as due_date,
              payer_given_name, payer_family_name, to_char(payer_birthdate, 'YYYY-MM-DD') as payer_birthdate, household_id, representative
       from obligations where symbol_key = any($1::text[])`,
      [rows.map((row) => symbolKey(row.variableSymbol))],
    )).map((obligation) => [obligation.symbol_key, obligation]),
  );

  const fresh: ImportedObligation[] = [];
  const changed: { row: ImportedObligation; id: string }[] = [];
  const unchanged: ImportedObligation[] = [];
  for (const row of rows) {
    if (!kinds.has(row.feeKind) && !declaredKinds.has(row.feeKind)) {
      problems.add(row.row, 'fee_kind', { code: 'unknown_fee_kind', message: `The fee kind "${row.feeKind}" is not known yet: name it in fee_name_cs and fee_name_en` });
      continue;
    }
    const existing = stored.get(symbolKey(row.variableSymbol));
    if (!existing) {
      fresh.push(row);
      continue;
    }
    const differ = differences(row, existing);
    if (differ.length === 0) unchanged.push(row);
    else if (options.replaceChanged && !differ.includes('variable_symbol')) changed.push({ row, id: existing.id });
    else if (differ.includes('variable_symbol')) {
      problems.add(row.row, 'variable_symbol', { code: 'symbol_taken', message: `The variable symbol is already used as ${existing.variable_symbol} (banks ignore leading zeros)` });
    } else {
      problems.add(row.row, 'variable_symbol', { code: 'symbol_conflict', message: `The variable symbol is already imported with another ${differ.join(', ')}` });
    }
  }
  if (problems.list.length > 0) {
    // refused cells in the order of the file
    const rowOf = (path: string) => Number(/^rows\.(\d+)/.exec(path)?.[1] ?? 0);
    problems.list.sort((a, b) => rowOf(a.path) - rowOf(b.path));
    throw problems.reject('import_rejected', 'file');
  }
  return { fresh, changed, unchanged };
}

/**
 * Imports the office's CSV of obligations: every row is checked, and if any
 * is refused nothing is imported (422 `import_rejected`, one field per
 * refused cell, `rows.<row>.<column>`). A row whose variable symbol is
 * already imported with the same data changes nothing, so a file can be
 * imported again. All in one transaction.
 */
export async function importObligations(db: Database, csv: string | CsvTable, options: ImportOptions = {}): Promise<ImportSummary> {
  const file = checkObligationFile(csv, options.today ?? todayInPrague());
  return db.transaction(async (tx) => {
    await tx.query('select pg_advisory_xact_lock($1)', [FEES_LOCK]);
    const { fresh, changed, unchanged } = await planImport(tx, file, options);
    for (const [code, names] of file.declaredKinds) {
      await tx.query(
        `insert into fee_kinds (code, name_cs, name_en) values ($1, $2, $3)
         on conflict (code) do update set name_cs = excluded.name_cs, name_en = excluded.name_en`,
        [code, names.cs, names.en],
      );
    }
    const households = [...new Set([...fresh, ...changed.map((item) => item.row)].map((row) => row.household).filter((id): id is string => id !== null))];
    if (households.length > 0) {
      await tx.query('insert into households (id) select unnest($1::text[]) on conflict (id) do nothing', [households]);
    }
    for (let start = 0; start < fresh.length; start += 1000) {
      const chunk = fresh.slice(start, start + 1000);
      const column = <T>(pick: (row: ImportedObligation) => T) => chunk.map(pick);
      await tx.query(
        `insert into obligations (id, fee_kind, period, variable_symbol, symbol_key, amount_cents, due_date,
           payer_given_name, payer_family_name, payer_given_key, payer_family_key, payer_birthdate, household_id, representative)
         select * from unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::int[], $7::date[],
           $8::text[], $9::text[], $10::text[], $11::text[], $12::date[], $13::text[], $14::boolean[])`,
        [
          column(() => randomUUID()),
          column((row) => row.feeKind),
          column((row) => row.period),
          column((row) => row.variableSymbol),
          column((row) => symbolKey(row.variableSymbol)),
          column((row) => row.amountCents),
          column((row) => row.dueDate),
          column((row) => row.givenName),
          column((row) => row.familyName),
          column((row) => nameKey(row.givenName)),
          column((row) => nameKey(row.familyName)),
          column((row) => row.birthdate),
          column((row) => row.household),
          column((row) => row.representative),
        ],
      );
    }
    for (const { row, id } of changed) {
      await tx.query(
        `update obligations set fee_kind = $2, period = $3, amount_cents = $4, due_date = $5, payer_given_name = $6, payer_family_name = $7,
           payer_given_key = $8, payer_family_key = $9, payer_birthdate = $10, household_id = $11, representative = $12, updated_at = now()
         where id = $1`,
        [id, row.feeKind, row.period, row.amountCents, row.dueDate, row.givenName, row.familyName, nameKey(row.givenName), nameKey(row.familyName), row.birthdate, row.household, row.representative],
      );
    }
    return { imported: fresh.length, unchanged: unchanged.length, replaced: changed.length };
  });
}

/**
 * What importing a file would do, with the import's every check and nothing
 * stored: each row as it would be imported (`new`, or `unchanged` when
 * imported before with the same data), or the same 422 `import_rejected`.
 */
export async function previewObligations(db: Queryable, csv: string | CsvTable, options: Pick<ImportOptions, 'today'> = {}): Promise<ImportPreview> {
  const { fresh, unchanged } = await planImport(db, checkObligationFile(csv, options.today ?? todayInPrague()), {});
  const rows = [...fresh.map((row) => ({ row, status: 'new' as const })), ...unchanged.map((row) => ({ row, status: 'unchanged' as const }))]
    .sort((a, b) => a.row.row - b.row.row)
    .map(({ row, status }) => ({
      row: row.row,
      status,
      variableSymbol: row.variableSymbol,
      feeKind: row.feeKind,
      period: row.period,
      payerName: `${row.givenName} ${row.familyName}`,
      amount: row.amountCents / 100,
      dueDate: row.dueDate,
    }));
  return { imported: fresh.length, unchanged: unchanged.length, rows };
}

// ---------------------------------------------------------------- bank statements

export interface StatementSummary {
  matched: number;
  unmatched: { row: number; variableSymbol?: string; amount: number; reason: string }[];
  /** Lines imported before (same reference): skipped. */
  skipped: number;
}

interface StatementLine {
  row: number;
  bookedOn: string;
  amountCents: number;
  variableSymbol: string | undefined;
  reference: string;
}

/**
 * Imports a bank statement (CSV `date;amount;variable_symbol;reference`):
 * each incoming transfer is credited to the obligation of its variable
 * symbol, up to what is still due. Unknown symbols, transfers without one,
 * outgoing payments and overpayments come back as unmatched, for a person to
 * look at. A line whose reference was imported before is skipped, so the
 * same statement never pays twice. A file with a malformed line imports
 * nothing (422 `statement_rejected`). All in one transaction.
 */
export async function importStatement(db: Database, csv: string): Promise<StatementSummary> {
  const table = readTable(csv);
  const problems = new Problems();
  const index = columnsOf(table, STATEMENT_COLUMNS_CSV, new Set(), problems, 'statement_rejected');
  const readCells = cellReader(table, index, problems);

  const lines: StatementLine[] = [];
  const firstRowOfReference = new Map<string, number>();
  for (const record of table.records) {
    const cell = readCells(record);
    const take = <T>(column: string, parsed: Parsed<T>) => problems.take(record.row, column, parsed);
    const bookedOn = take('date', parseDate(cell('date')));
    const amountCents = take('amount', parseAmount(cell('amount'), { signed: true }));
    const symbolText = cell('variable_symbol');
    // banks write a missing symbol as empty or as zeros
    const variableSymbol = /^0*$/.test(symbolText) ? null : take('variable_symbol', parseSymbol(symbolText));
    const reference = take('reference', parseText(cell('reference'), 200));
    if (reference !== undefined) {
      const first = firstRowOfReference.get(reference);
      if (first !== undefined) problems.add(record.row, 'reference', { code: 'duplicate_reference', message: `The reference is also in row ${first}` });
      else firstRowOfReference.set(reference, record.row);
    }
    if (bookedOn !== undefined && amountCents !== undefined && variableSymbol !== undefined && reference !== undefined) {
      lines.push({ row: record.row, bookedOn, amountCents, variableSymbol: variableSymbol ?? undefined, reference });
    }
  }
  if (problems.list.length > 0) throw problems.reject('statement_rejected', 'statement');

  return db.transaction(async (tx) => {
    await tx.query('select pg_advisory_xact_lock($1)', [FEES_LOCK]);
    const seen = new Set(
      (await tx.query<{ statement_ref: string }>('select statement_ref from bank_transfers where statement_ref = any($1::text[])', [lines.map((line) => line.reference)])).map(
        (row) => row.statement_ref,
      ),
    );
    const result: StatementSummary = { matched: 0, unmatched: [], skipped: 0 };
    for (const line of lines) {
      if (seen.has(line.reference)) {
        result.skipped++;
        continue;
      }
      const unmatched = (reason: string, cents = line.amountCents) =>
        result.unmatched.push({ row: line.row, ...(line.variableSymbol ? { variableSymbol: line.variableSymbol } : {}), amount: cents / 100, reason });
      let obligationId: string | null = null;
      let applied = 0;
      if (line.amountCents < 0) unmatched('outgoing');
      else if (!line.variableSymbol) unmatched('missing_symbol');
      else {
        const [obligation] = await tx.query<{ id: string; amount_cents: number; paid_cents: number }>(
          'select id, amount_cents, paid_cents from obligations where symbol_key = $1 for update',
          [symbolKey(line.variableSymbol)],
        );
        if (!obligation) unmatched('unknown_symbol');
        else {
          obligationId = obligation.id;
          applied = Math.min(line.amountCents, Math.max(0, obligation.amount_cents - obligation.paid_cents));
          if (applied > 0) {
            await tx.query('update obligations set paid_cents = paid_cents + $2, updated_at = now() where id = $1', [obligation.id, applied]);
            result.matched++;
            // the day the money came, not the day of the import: a statement may bring last week's transfers
            await recordUsage(tx, 'payment', { amountCents: applied, at: `${line.bookedOn}T12:00:00Z` });
          }
          if (line.amountCents > applied) unmatched('overpaid', line.amountCents - applied);
        }
      }
      await tx.query(
        `insert into bank_transfers (id, statement_ref, variable_symbol, amount_cents, booked_on, matched_obligation_id, applied_cents)
         values ($1, $2, $3, $4, $5::date, $6, $7)`,
        [randomUUID(), line.reference, line.variableSymbol ?? null, line.amountCents, line.bookedOn, obligationId, applied],
      );
    }
    return result;
  });
}

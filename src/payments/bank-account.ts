/**
 * Czech bank accounts and IBANs. A Czech account number is written
 * `prefix-number/bank` (`19-2000145399/0800`); prefix (up to 6 digits) and
 * number (up to 10) each carry a mod-11 check with weights 6,3,7,9,10,5,8,4,2,1
 * (from the left of the zero-padded 10 digits). Its IBAN is
 * `CZkk BBBB PPPPPP NNNNNNNNNN` with the ISO 7064 mod-97 check digits `kk`.
 */

const WEIGHTS = [6, 3, 7, 9, 10, 5, 8, 4, 2, 1];

/** Why an account or IBAN was refused. */
export type AccountProblem = 'format' | 'prefix-checksum' | 'number-checksum' | 'bank-code' | 'iban-country' | 'iban-length' | 'iban-checksum';

export class AccountError extends Error {
  constructor(readonly problem: AccountProblem) {
    super(`Invalid bank account: ${problem}`);
  }
}

function mod11(digits: string): boolean {
  const padded = digits.padStart(10, '0');
  const sum = [...padded].reduce((total, digit, index) => total + Number(digit) * WEIGHTS[index]!, 0);
  return sum % 11 === 0;
}

/** Mod 97 of a long number written as a string (letters already replaced by digits). */
function mod97(numeric: string): number {
  let remainder = 0;
  for (const digit of numeric) remainder = (remainder * 10 + Number(digit)) % 97;
  return remainder;
}

const toDigits = (text: string) => [...text].map((char) => (/[A-Z]/.test(char) ? String(char.charCodeAt(0) - 55) : char)).join('');

/** Lengths of IBANs by country, for the countries whose accounts Czech towns meet. */
const IBAN_LENGTHS: Record<string, number> = { CZ: 24, SK: 24, AT: 20, DE: 22, PL: 28, HU: 28 };

export interface CzechAccount {
  prefix: string;
  number: string;
  bankCode: string;
}

/** Reads `prefix-number/bank` (prefix optional, spaces ignored) and checks both mod-11 digits. */
export function parseCzechAccount(text: string): CzechAccount {
  const match = /^(?:(\d{1,6})-)?(\d{2,10})\/(\d{4})$/.exec(text.replace(/\s/g, ''));
  if (!match) throw new AccountError('format');
  const [, prefix = '', number = '', bankCode = ''] = match;
  if (prefix && !mod11(prefix)) throw new AccountError('prefix-checksum');
  if (!mod11(number) || /^0+$/.test(number)) throw new AccountError('number-checksum');
  return { prefix, number, bankCode };
}

/** The IBAN (no spaces) of a Czech account. */
export function czechAccountToIban(account: CzechAccount | string): string {
  const { prefix, number, bankCode } = typeof account === 'string' ? parseCzechAccount(account) : account;
  const bban = `${bankCode}${prefix.padStart(6, '0')}${number.padStart(10, '0')}`;
  const check = 98 - mod97(toDigits(`${bban}CZ00`));
  return `CZ${String(check).padStart(2, '0')}${bban}`;
}

/** Checks an IBAN (spaces allowed): country, length, mod-97; returns it without spaces, upper case. */
export function normalizeIban(text: string): string {
  const iban = text.replace(/\s/g, '').toUpperCase();
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]{10,30}$/.test(iban)) throw new AccountError('format');
  const length = IBAN_LENGTHS[iban.slice(0, 2)];
  if (length === undefined) throw new AccountError('iban-country');
  if (iban.length !== length) throw new AccountError('iban-length');
  if (mod97(toDigits(iban.slice(4) + iban.slice(0, 4))) !== 1) throw new AccountError('iban-checksum');
  if (iban.startsWith('CZ')) {
    const prefix = iban.slice(8, 14);
    const number = iban.slice(14);
    if (!mod11(prefix)) throw new AccountError('prefix-checksum');
    if (!mod11(number)) throw new AccountError('number-checksum');
  }
  return iban;
}

/** An IBAN in groups of four, as people read and type it. */
export function formatIban(iban: string): string {
  return iban.replace(/(.{4})/g, '$1 ').trim();
}

/** A Czech IBAN back in the domestic form `prefix-number/bank` (prefix and leading zeros dropped). */
export function ibanToCzechAccount(iban: string): string {
  const normalized = normalizeIban(iban);
  if (!normalized.startsWith('CZ')) throw new AccountError('iban-country');
  const prefix = normalized.slice(8, 14).replace(/^0+/, '');
  const number = normalized.slice(14).replace(/^0+/, '');
  return `${prefix ? `${prefix}-` : ''}${number}/${normalized.slice(4, 8)}`;
}

import { normalizeIban } from './bank-account.js';
import { crc32 } from './crc32.js';

/**
 * QR Platba: the Short Payment Descriptor (SPD 1.0) of the Czech Banking
 * Association, which every Czech banking app scans.
 *
 * `SPD*1.0*KEY:VALUE*…*CRC32:XXXXXXXX`. The CRC-32 is computed over the
 * canonical string: `SPD*1.0`, then every other field sorted by key, joined by
 * `*`, no trailing `*`. Free text is percent-encoded (UTF-8, and `*` `+` `%`)
 * and upper-cased, which keeps the QR in the compact alphanumeric mode.
 */
export interface SpdPayment {
  /** The recipient's IBAN (a Czech account must be converted first: czechAccountToIban). */
  iban: string;
  bic?: string;
  /** Amount in the currency's main unit, 0.01 – 9 999 999.99. */
  amount?: number;
  /** ISO 4217 currency (default CZK when an amount is given). */
  currency?: string;
  /** Variable symbol: digits only, at most 10, leading zeros kept. */
  variableSymbol?: string;
  specificSymbol?: string;
  constantSymbol?: string;
  /** Message for the recipient, at most 60 characters. */
  message?: string;
  /** Recipient's name, at most 35 characters. */
  recipient?: string;
  /** Due date, ISO `YYYY-MM-DD`. */
  dueDate?: string;
  /** Payment type, e.g. `IP` for an instant payment. */
  paymentType?: string;
}

/** Why a payment cannot be written as QR Platba; `field` is the SpdPayment key. */
export class SpdError extends Error {
  constructor(
    readonly field: keyof SpdPayment | 'spd',
    readonly problem: string,
  ) {
    super(`QR Platba: ${field} ${problem}`);
  }
}

const symbol = (field: 'variableSymbol' | 'specificSymbol' | 'constantSymbol', value: string) => {
  if (!/^\d{1,10}$/.test(value)) throw new SpdError(field, 'must be 1 to 10 digits');
  return value;
};

/** Percent-encodes free text as the format's reference writer does. */
export function escapeSpdText(text: string): string {
  return [...new TextEncoder().encode(text.toUpperCase())]
    .map((byte) => {
      const char = String.fromCharCode(byte);
      if (byte > 0x7e || byte < 0x20 || char === '*' || char === '+' || char === '%') {
        return `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
      }
      return char;
    })
    .join('');
}

/** Reads percent-encoded text back (for parsing and tests). */
export function unescapeSpdText(text: string): string {
  const bytes: number[] = [];
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '%' && /^[0-9A-F]{2}$/i.test(text.slice(i + 1, i + 3))) {
      bytes.push(parseInt(text.slice(i + 1, i + 3), 16));
      i += 2;
    } else {
      bytes.push(text.charCodeAt(i));
    }
  }
  return new TextDecoder().decode(new Uint8Array(bytes));
}

function fields(payment: SpdPayment): Record<string, string> {
  const out: Record<string, string> = {};
  let iban: string;
  try {
    iban = normalizeIban(payment.iban);
  } catch {
    throw new SpdError('iban', 'is not a valid IBAN');
  }
  if (payment.bic !== undefined && !/^[A-Z]{4}[A-Z]{2}[A-Z0-9]{2}([A-Z0-9]{3})?$/.test(payment.bic)) throw new SpdError('bic', 'is not a BIC');
  out.ACC = payment.bic ? `${iban}+${payment.bic}` : iban;

  if (payment.amount !== undefined) {
    const cents = Math.round(payment.amount * 100);
    if (!Number.isFinite(payment.amount) || Math.abs(payment.amount * 100 - cents) > 1e-6) throw new SpdError('amount', 'has more than 2 decimals');
    if (cents < 1 || cents > 999_999_999) throw new SpdError('amount', 'must be from 0.01 to 9 999 999.99');
    out.AM = (cents / 100).toFixed(2);
    out.CC = payment.currency ?? 'CZK';
  } else if (payment.currency) {
    out.CC = payment.currency;
  }
  if (out.CC !== undefined && !/^[A-Z]{3}$/.test(out.CC)) throw new SpdError('currency', 'must be an ISO 4217 code');
  if (payment.variableSymbol !== undefined) out['X-VS'] = symbol('variableSymbol', payment.variableSymbol);
  if (payment.specificSymbol !== undefined) out['X-SS'] = symbol('specificSymbol', payment.specificSymbol);
  if (payment.constantSymbol !== undefined) out['X-KS'] = symbol('constantSymbol', payment.constantSymbol);
  if (payment.message !== undefined) {
    if (payment.message.length < 1 || payment.message.length > 60) throw new SpdError('message', 'must be 1 to 60 characters');
    out.MSG = escapeSpdText(payment.message);
  }
  if (payment.recipient !== undefined) {
    if (payment.recipient.length < 1 || payment.recipient.length > 35) throw new SpdError('recipient', 'must be 1 to 35 characters');
    out.RN = escapeSpdText(payment.recipient);
  }
  if (payment.dueDate !== undefined) {
    const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(payment.dueDate);
    if (!match || Number.isNaN(Date.parse(payment.dueDate))) throw new SpdError('dueDate', 'must be YYYY-MM-DD');
    out.DT = `${match[1]}${match[2]}${match[3]}`;
  }
  if (payment.paymentType !== undefined) {
    if (!/^[A-Z0-9]{1,3}$/.test(payment.paymentType)) throw new SpdError('paymentType', 'must be 1 to 3 characters');
    out.PT = payment.paymentType;
  }
  return out;
}

/** The canonical string the CRC-32 is computed over. */
function canonical(values: Record<string, string>): string {
  return ['SPD*1.0', ...Object.keys(values)
    .filter((key) => key !== 'CRC32')
    .sort()
    .map((key) => `${key}:${values[key]}`)].join('*');
}

/** The QR Platba string of a payment, with its CRC32. */
export function buildSpd(payment: SpdPayment): string {
  const values = fields(payment);
  const crc = crc32(canonical(values)).toString(16).toUpperCase().padStart(8, '0');
  return `${canonical(values)}*CRC32:${crc}`;
}

export interface ParsedSpd {
  /** Every field as written (values still percent-encoded). */
  fields: Record<string, string>;
  /** Whether a CRC32 field is present and matches. */
  crcValid: boolean;
}

/** Reads a QR Platba string back (what a banking app does). */
export function parseSpd(text: string): ParsedSpd {
  const [header, version, ...parts] = text.replace(/\*$/, '').split('*');
  if (header !== 'SPD' || !/^\d+\.\d+$/.test(version ?? '')) throw new SpdError('spd', 'does not start with SPD*1.0');
  const values: Record<string, string> = {};
  for (const part of parts) {
    const colon = part.indexOf(':');
    if (colon <= 0) throw new SpdError('spd', `has a malformed field "${part}"`);
    values[part.slice(0, colon)] = part.slice(colon + 1);
  }
  const crc = values.CRC32;
  const crcValid = crc !== undefined && crc32(canonical(values)).toString(16).toUpperCase().padStart(8, '0') === crc;
  return { fields: values, crcValid };
}

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import jsQR from 'jsqr';
import { AccountError, czechAccountToIban, formatIban, ibanToCzechAccount, normalizeIban, parseCzechAccount } from '../../src/payments/bank-account.js';
import { crc32 } from '../../src/payments/crc32.js';
import { qrMatrix, qrSvgPath } from '../../src/payments/qr-code.js';
import { buildSpd, escapeSpdText, parseSpd, SpdError, unescapeSpdText } from '../../src/payments/spd.js';

const accountProblem = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    assert.ok(error instanceof AccountError, String(error));
    return error.problem;
  }
  assert.fail('accepted');
};

describe('Czech accounts and IBAN', () => {
  test('a Czech account becomes its IBAN, and back', () => {
    assert.equal(czechAccountToIban('19-2000145399/0800'), 'CZ6508000000192000145399');
    assert.equal(czechAccountToIban('2000145399/0800'), 'CZ7908000000002000145399'); // checked independently with Python's int % 97
    assert.equal(ibanToCzechAccount('CZ65 0800 0000 1920 0014 5399'), '19-2000145399/0800');
    assert.equal(formatIban('CZ6508000000192000145399'), 'CZ65 0800 0000 1920 0014 5399');
  });
  test('the mod-11 checks of prefix and number are enforced', () => {
    assert.equal(accountProblem(() => parseCzechAccount('19-2000145398/0800')), 'number-checksum');
    assert.equal(accountProblem(() => parseCzechAccount('18-2000145399/0800')), 'prefix-checksum');
    assert.equal(accountProblem(() => parseCzechAccount('2000145399')), 'format');
    assert.equal(accountProblem(() => parseCzechAccount('12a45/0800')), 'format');
  });
  test('IBANs are checked for country, length and mod 97', () => {
    assert.equal(normalizeIban('cz65 0800 0000 1920 0014 5399'), 'CZ6508000000192000145399');
    assert.equal(accountProblem(() => normalizeIban('CZ6608000000192000145399')), 'iban-checksum');
    assert.equal(accountProblem(() => normalizeIban('CZ650800000019200014539')), 'iban-length');
    assert.equal(accountProblem(() => normalizeIban('GB29NWBK60161331926819')), 'iban-country');
    assert.equal(normalizeIban('SK3112000000198742637541'), 'SK3112000000198742637541');
  });
});

describe('QR Platba (SPD 1.0)', () => {
  test('CRC-32 matches zlib on the public test vector', () => {
    assert.equal(crc32('SPD*1.0*ACC:CZ5855000000001265098001*AM:100.00*CC:CZK').toString(16).toUpperCase(), 'AAD80227');
  });

  test('a payment is written canonically, with its CRC32', () => {
    const spd = buildSpd({ iban: 'CZ5855000000001265098001', amount: 100 });
    assert.equal(spd, 'SPD*1.0*ACC:CZ5855000000001265098001*AM:100.00*CC:CZK*CRC32:AAD80227');
  });

  test('symbols keep their leading zeros, dates and text are encoded, and it all parses back', () => {
    const spd = buildSpd({
      iban: czechAccountToIban('19-2000145399/0800'),
      amount: 780,
      variableSymbol: '0012345678',
      dueDate: '2027-03-31',
      message: 'Poplatek za odpady 2027 – Žofie*',
      recipient: 'Obec Javorná Lhota',
    });
    const { fields, crcValid } = parseSpd(spd);
    assert.equal(crcValid, true);
    assert.equal(fields['X-VS'], '0012345678');
    assert.equal(fields.DT, '20270331');
    assert.equal(fields.AM, '780.00');
    assert.equal(unescapeSpdText(fields.MSG!), 'POPLATEK ZA ODPADY 2027 – ŽOFIE*');
    assert.ok(!fields.MSG!.includes('*'), 'a * inside a value would end the field');
    assert.equal(unescapeSpdText(fields.RN!), 'OBEC JAVORNÁ LHOTA');
    assert.match(spd, /^[0-9A-Z $%*+\-./:]+$/, 'not alphanumeric-mode characters only');
  });

  test('a changed character breaks the CRC', () => {
    const spd = buildSpd({ iban: 'CZ5855000000001265098001', amount: 100, variableSymbol: '123' });
    assert.equal(parseSpd(spd.replace('X-VS:123', 'X-VS:124')).crcValid, false);
  });

  const refused: [string, Parameters<typeof buildSpd>[0], string][] = [
    ['a negative amount', { iban: 'CZ5855000000001265098001', amount: -5 }, 'amount'],
    ['a huge amount', { iban: 'CZ5855000000001265098001', amount: 10_000_000 }, 'amount'],
    ['three decimals', { iban: 'CZ5855000000001265098001', amount: 1.005 }, 'amount'],
    ['letters in a symbol', { iban: 'CZ5855000000001265098001', variableSymbol: '12A4' }, 'variableSymbol'],
    ['an 11-digit symbol', { iban: 'CZ5855000000001265098001', variableSymbol: '12345678901' }, 'variableSymbol'],
    ['a bad IBAN', { iban: 'CZ5855000000001265098002' }, 'iban'],
    ['a long message', { iban: 'CZ5855000000001265098001', message: 'x'.repeat(61) }, 'message'],
    ['a date that is not one', { iban: 'CZ5855000000001265098001', dueDate: '2027-13-45' }, 'dueDate'],
  ];
  for (const [name, payment, field] of refused) {
    test(`refuses ${name}`, () => {
      assert.throws(() => buildSpd(payment), (error: Error) => error instanceof SpdError && error.field === field);
    });
  }

  test('escaping leaves plain upper-case text alone', () => {
    assert.equal(escapeSpdText('platba 1+1=2 %'), 'PLATBA 1%2B1=2 %25');
  });
});

describe('QR code', () => {
  /** Renders the matrix to pixels (8 px a module, white quiet zone) and decodes it as a banking app's camera would. */
  function decode(text: string): string | undefined {
    const matrix = qrMatrix(text);
    const scale = 8;
    const border = 4;
    const side = (matrix.size + border * 2) * scale;
    const pixels = new Uint8ClampedArray(side * side * 4).fill(255);
    matrix.dark.forEach((row, y) =>
      row.forEach((dark, x) => {
        if (!dark) return;
        for (let dy = 0; dy < scale; dy++) {
          for (let dx = 0; dx < scale; dx++) {
            const offset = (((y + border) * scale + dy) * side + (x + border) * scale + dx) * 4;
            pixels[offset] = pixels[offset + 1] = pixels[offset + 2] = 0;
          }
        }
      }),
    );
    return jsQR(pixels, side, side)?.data;
  }

  test('a QR Platba code decodes from pixels to exactly its string', () => {
    const spd = buildSpd({ iban: czechAccountToIban('19-2000145399/0800'), amount: 450, variableSymbol: '2027000451', message: 'Poplatek ze psů' });
    assert.equal(decode(spd), spd);
    assert.equal(parseSpd(decode(spd)!).crcValid, true);
  });

  test('the SVG path draws every dark module once', () => {
    const matrix = qrMatrix('SPD*1.0*ACC:CZ5855000000001265098001*AM:100.00*CC:CZK*CRC32:AAD80227');
    const dark = matrix.dark.flat().filter(Boolean).length;
    const drawn = [...qrSvgPath(matrix).matchAll(/h(\d+)/g)].reduce((sum, match) => sum + Number(match[1]), 0);
    assert.equal(drawn, dark);
  });
});

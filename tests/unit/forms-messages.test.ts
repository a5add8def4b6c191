import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Field } from '../../src/forms/definition.js';
import { errorText, formMessages } from '../../src/forms/form-messages.js';
import { formatBytes, formatDate } from '../../src/i18n/format.js';
import type { ErrorCode, FormError } from '../../src/forms/validate.js';
import { loadCatalog } from '../../src/i18n/translator.js';

const CODES: ErrorCode[] = [
  'required', 'too_short', 'too_long', 'too_small', 'too_large', 'pattern', 'email', 'phone', 'number', 'integer', 'money', 'date',
  'date_too_early', 'date_too_late', 'choice', 'too_few_choices', 'too_many_choices', 'must_accept', 'postcode', 'bank_account',
  'file_type', 'file_too_large', 'too_many_files', 'too_few_items', 'too_many_items', 'total_too_small', 'total_too_large', 'unknown_field', 'invalid',
];
const PARAMS = { minLength: 3, maxLength: 10, length: 12, min: 1, max: 5, total: 7, maxSize: 5 * 1024 * 1024, maxFiles: 2, accept: 'PDF, JPEG', name: 'a.pdf' };

const money: Field = { id: 'amount', type: 'money', label: 'Částka' };
const group: Field = { id: 'budget', type: 'group', label: 'Rozpočet', itemLabel: 'Položka', fields: [{ id: 'amount', type: 'money', label: 'Částka' }], total: { field: 'amount', label: 'Celkem' } };
const text = (error: FormError, field?: Field) => errorText('cs', error, field);

describe('error messages', () => {
  test('every error code has a Czech message with its placeholders filled in', () => {
    for (const code of CODES) {
      const message = text({ path: 'x', code, params: PARAMS });
      assert.ok(message.length > 10 && message !== code, code);
      assert.doesNotMatch(message, /\{\w+\}/, `${code}: ${message}`);
    }
  });

  test('a message fits the field type', () => {
    assert.equal(text({ path: 'x', code: 'required' }), 'Vyplňte tento údaj.');
    assert.equal(text({ path: 'x', code: 'required' }, { id: 'x', type: 'choice', display: 'radio', label: 'X', options: [{ value: 'a', label: 'A' }] }), 'Vyberte jednu z možností.');
    assert.equal(text({ path: 'x', code: 'required' }, { id: 'x', type: 'choice', display: 'checkboxes', label: 'X', options: [{ value: 'a', label: 'A' }] }), 'Vyberte alespoň jednu možnost.');
    assert.equal(text({ path: 'x', code: 'required' }, { id: 'x', type: 'yesno', label: 'X' }), 'Odpovězte Ano, nebo Ne.');
    assert.equal(text({ path: 'x', code: 'required' }, { id: 'x', type: 'file', label: 'X', accept: ['application/pdf'], maxSize: 1 }), 'Přiložte soubor.');
    assert.equal(text({ path: 'home.postcode', code: 'required' }, { id: 'home', type: 'address', label: 'Adresa' }), 'Zadejte PSČ.');
    assert.equal(text({ path: 'home.street', code: 'required' }), 'Zadejte ulici a číslo domu.');
    assert.equal(text({ path: 'amount', code: 'too_large', params: { max: 200000 } }, money), 'Zadejte částku nejvýše 200\u00a0000 Kč.');
    assert.equal(text({ path: 'n', code: 'too_large', params: { max: 200000 } }), 'Zadejte číslo 200\u00a0000 nebo menší.');
    assert.equal(text({ path: 'budget', code: 'total_too_large', params: { max: 500000, total: 612500.5 } }, group), 'Celková částka může být nejvýše 500\u00a0000 Kč. Teď je 612\u00a0500,5 Kč. Upravte položky.');
  });

  test('a bank account: a wrong check digit and a wrong format are told apart', () => {
    assert.match(text({ path: 'a', code: 'bank_account', params: { problem: 'checksum' } }), /kontrolní číslici.*výpisu z banky/);
    assert.match(text({ path: 'a', code: 'bank_account', params: { problem: 'format' } }), /ve tvaru 123456789\/0800/);
  });

  test('a pattern error says the field’s own message', () => {
    const chip: Field = { id: 'chip', type: 'text', label: 'Čip', pattern: '\\d{15}', patternMessage: { cs: 'Číslo čipu má 15 číslic.', en: 'The chip number has 15 digits.' } };
    assert.equal(text({ path: 'chip', code: 'pattern' }, chip), 'Číslo čipu má 15 číslic.');
    assert.equal(text({ path: 'chip', code: 'pattern' }, { id: 'x', type: 'text', label: 'X', pattern: 'x' }), 'Zadejte údaj ve správném tvaru.');
  });

  test('Czech plurals: one, few, many (decimals), other', () => {
    const short = (minLength: number) => text({ path: 'x', code: 'too_short', params: { minLength, length: 0 } });
    assert.match(short(1), /alespoň 1 znak\./);
    assert.match(short(3), /alespoň 3 znaky\./);
    assert.match(short(5), /alespoň 5 znaků\./);
    assert.match(short(1.5), /alespoň 1,5 znaku\./);
    assert.equal(text({ path: 'f', code: 'too_many_files', params: { maxFiles: 1 } }), 'Přiložte jen 1 soubor. Ostatní odeberte.');
    assert.equal(text({ path: 'f', code: 'too_many_files', params: { maxFiles: 5 } }), 'Přiložte nejvýše 5 souborů. Ostatní odeberte.');
    assert.equal(text({ path: 'g', code: 'too_few_items', params: { min: 2 } }), 'Přidejte alespoň 2 položky.');
    assert.equal(text({ path: 'c', code: 'too_many_choices', params: { max: 2 } }), 'Vyberte nejvýše 2 možnosti.');
  });

  test('dates and sizes as people read them', () => {
    assert.equal(text({ path: 'd', code: 'date_too_early', params: { min: '2026-01-05' } }), 'Zadejte datum 5. 1. 2026 nebo pozdější.');
    assert.equal(text({ path: 'f', code: 'file_too_large', params: { maxSize: 5 * 1024 * 1024, name: 'big.pdf' } }), 'Soubor big.pdf je příliš velký. Přiložte soubor o velikosti nejvýše 5 MB.');
    assert.equal(formatBytes('cs', 2.5 * 1024 * 1024), '2,5 MB');
    assert.equal(formatBytes('en', 500 * 1024), '500 kB');
    assert.equal(formatBytes('en', 100), '100 B');
    assert.equal(formatDate('cs', '2027-12-31'), '31. 12. 2027');
    assert.equal(formatDate('en', '2027-12-31'), '31 December 2027');
  });

  test('English before it is loaded falls back to Czech; once loaded, every code is English', async () => {
    assert.equal(errorText('en', { path: 'x', code: 'email' }), 'Zadejte e-mail ve tvaru jmeno@example.cz.');
    await loadCatalog(formMessages, 'en');
    assert.equal(errorText('en', { path: 'x', code: 'email' }), 'Enter an email address in the format name@example.com.');
    for (const code of CODES) {
      const message = errorText('en', { path: 'x', code, params: PARAMS });
      assert.doesNotMatch(message, /[ěščřžýáíéůú]|\{\w+\}/i, `${code}: ${message}`);
    }
    assert.equal(errorText('en', { path: 'f', code: 'too_many_files', params: { maxFiles: 1 } }), 'Attach only 1 file. Remove the others.');
    assert.equal(errorText('en', { path: 'f', code: 'too_many_files', params: { maxFiles: 3 } }), 'Attach at most 3 files. Remove the others.');
    assert.equal(errorText('en', { path: 'd', code: 'date_too_late', params: { max: '2026-06-15' } }), 'Enter a date of 15 June 2026 or earlier.');
    assert.equal(errorText('en', { path: 'a', code: 'too_small', params: { min: 1000 } }, money), 'Enter an amount of at least CZK 1,000.');
    const chip: Field = { id: 'chip', type: 'text', label: 'Čip', patternMessage: { cs: 'Číslo čipu má 15 číslic.', en: 'The chip number has 15 digits.' } };
    assert.equal(errorText('en', { path: 'chip', code: 'pattern' }, chip), 'The chip number has 15 digits.');
  });
});

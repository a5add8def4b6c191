import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Answers, FormDefinition, GroupField, InputField, Upload, Value } from '../../src/forms/definition.js';
import {
  acceptLabel,
  groupTotal,
  isEmpty,
  isVisible,
  parseNumber,
  todayInPrague,
  validateAnswers,
  validateGroup,
  validateStep,
  validateValue,
  visibleAnswers,
  visibleSteps,
  type FormError,
} from '../../src/forms/validate.js';

const TODAY = '2026-06-15';

/** The errors of one answer as `path code` lines, params left out. */
const codes = (field: InputField, value: unknown, path?: string) =>
  validateValue(field, value as Value, { today: TODAY, ...(path && { path }) }).map((error) => `${error.path} ${error.code}`);
/** The single error of one answer, with its params. */
const only = (field: InputField, value: unknown): FormError => {
  const errors = validateValue(field, value as Value, { today: TODAY });
  assert.equal(errors.length, 1, JSON.stringify(errors));
  return errors[0]!;
};
const passes = (field: InputField, ...values: unknown[]) => {
  for (const value of values) assert.deepEqual(codes(field, value), [], `${JSON.stringify(value)} should pass`);
};

const upload = (name: string, type: string, size: number): Upload => ({ id: `u-${name}`, name, type, size });

describe('parseNumber, isEmpty, todayInPrague', () => {
  test('numbers in Czech and English notation, spaces between thousands', () => {
    assert.equal(parseNumber('1 234,50'), 1234.5);
    assert.equal(parseNumber('1\u00a0234,5'), 1234.5, 'no-break space from a Czech formatter');
    assert.equal(parseNumber('1\u202f234'), 1234, 'narrow no-break space');
    assert.equal(parseNumber('1234.5'), 1234.5);
    assert.equal(parseNumber(' -3 '), -3);
    assert.equal(parseNumber('\u22123'), -3, 'a typographic minus');
    assert.equal(parseNumber(12), 12);
  });

  test('anything else is not a number', () => {
    for (const text of ['', ' ', 'abc', '1,234.5', '1.2.3', '12e3', '0x10', ',5', '5,', '1 234 Kč', 'Infinity', '--1']) {
      assert.equal(parseNumber(text), undefined, text);
    }
    assert.equal(parseNumber(Number.NaN), undefined);
    assert.equal(parseNumber(Number.POSITIVE_INFINITY), undefined);
  });

  test('isEmpty: missing, blank, empty list, blank address; false and 0 are answers', () => {
    for (const value of [undefined, null, '', '  \n', [], { street: '', city: ' ', postcode: '' }]) assert.equal(isEmpty(value as Value), true, JSON.stringify(value));
    for (const value of [false, 0, 'a', ['a'], { street: 'x', city: '', postcode: '' }]) assert.equal(isEmpty(value as Value), false, JSON.stringify(value));
  });

  test('todayInPrague is the date in Prague, not in UTC', () => {
    assert.equal(todayInPrague(new Date('2026-12-31T23:30:00Z')), '2027-01-01', 'half past midnight in Prague (winter, UTC+1)');
    assert.equal(todayInPrague(new Date('2026-06-30T22:30:00Z')), '2026-07-01', 'summer time, UTC+2');
    assert.equal(todayInPrague(new Date('2026-06-30T21:30:00Z')), '2026-06-30');
    assert.match(todayInPrague(), /^\d{4}-\d{2}-\d{2}$/);
  });
});

describe('required, and what an empty answer means', () => {
  test('a required field refuses missing, null, blank text and an empty list', () => {
    const text: InputField = { id: 'name', type: 'text', label: 'Jméno', required: true };
    for (const value of [undefined, null, '', '   \t']) assert.deepEqual(codes(text, value), ['name required']);
    const boxes: InputField = { id: 'areas', type: 'choice', display: 'checkboxes', label: 'Oblasti', required: true, options: [{ value: 'a', label: 'A' }] };
    assert.deepEqual(codes(boxes, []), ['areas required']);
    const files: InputField = { id: 'files', type: 'file', label: 'Přílohy', required: true, accept: ['application/pdf'], maxSize: 10 };
    assert.deepEqual(codes(files, []), ['files required']);
  });

  test('an empty optional answer passes every other rule', () => {
    passes({ id: 'x', type: 'text', label: 'X', minLength: 5, pattern: '\\d+' }, undefined, '', '  ');
    passes({ id: 'x', type: 'choice', display: 'checkboxes', label: 'X', minSelected: 2, options: [{ value: 'a', label: 'A' }, { value: 'b', label: 'B' }] }, []);
    passes({ id: 'x', type: 'money', label: 'X', min: 100 }, '', undefined);
  });

  test('a yes/no question takes false as an answer; a required check box must be ticked', () => {
    const yesno: InputField = { id: 'senior', type: 'yesno', label: 'Senior', required: true };
    passes(yesno, true, false);
    assert.deepEqual(codes(yesno, undefined), ['senior required']);
    assert.deepEqual(codes(yesno, 'ano'), ['senior invalid']);
    const declaration: InputField = { id: 'declaration', type: 'checkbox', label: 'Prohlašuji', required: true };
    passes(declaration, true);
    assert.deepEqual(codes(declaration, false), ['declaration must_accept']);
    assert.deepEqual(codes(declaration, undefined), ['declaration must_accept']);
    assert.deepEqual(codes(declaration, 'true'), ['declaration invalid']);
    passes({ id: 'news', type: 'checkbox', label: 'Novinky' }, false, true, undefined);
  });

  test('an answer of the wrong kind is invalid, whatever the field', () => {
    const cases: [InputField, unknown][] = [
      [{ id: 'x', type: 'text', label: 'X' }, 12],
      [{ id: 'x', type: 'textarea', label: 'X' }, ['a']],
      [{ id: 'x', type: 'email', label: 'X' }, { a: 1 }],
      [{ id: 'x', type: 'phone', label: 'X' }, true],
      [{ id: 'x', type: 'number', label: 'X' }, [1]],
      [{ id: 'x', type: 'money', label: 'X' }, { amount: 1 }],
      [{ id: 'x', type: 'date', label: 'X' }, 20260101],
      [{ id: 'x', type: 'choice', display: 'radio', label: 'X', options: [{ value: 'a', label: 'A' }] }, ['a']],
      [{ id: 'x', type: 'choice', display: 'checkboxes', label: 'X', options: [{ value: 'a', label: 'A' }] }, 'a'],
      [{ id: 'x', type: 'choice', display: 'checkboxes', label: 'X', options: [{ value: 'a', label: 'A' }] }, [1]],
      [{ id: 'x', type: 'bank-account', label: 'X' }, 2000145399],
      [{ id: 'x', type: 'address', label: 'X' }, 'Náměstí 1, 123 45 Lhota'],
      [{ id: 'x', type: 'address', label: 'X' }, { street: 1, city: 'a', postcode: '12345' }],
      [{ id: 'x', type: 'address', label: 'X' }, { street: 'a', city: 'b', postcode: '12345', country: 'CZ' }],
      [{ id: 'x', type: 'file', label: 'X', accept: ['application/pdf'], maxSize: 9 }, { id: 'a' }],
      [{ id: 'x', type: 'file', label: 'X', accept: ['application/pdf'], maxSize: 9 }, [{ id: 'a', name: 'a.pdf', type: 'application/pdf' }]],
      [{ id: 'x', type: 'file', label: 'X', accept: ['application/pdf'], maxSize: 9 }, [{ id: 'a', name: 'a.pdf', type: 'application/pdf', size: -1 }]],
    ];
    for (const [field, value] of cases) assert.deepEqual(codes(field, value), ['x invalid'], `${field.type} ${JSON.stringify(value)}`);
  });

  test('errors carry the path given (in a group, the item’s)', () => {
    assert.deepEqual(codes({ id: 'item', type: 'text', label: 'X', required: true }, '', 'budget.2.item'), ['budget.2.item required']);
  });
});

describe('text and textarea', () => {
  const field: InputField = { id: 'title', type: 'text', label: 'Název', minLength: 3, maxLength: 5 };

  test('lengths count what people see as characters, after trimming', () => {
    passes(field, 'abc', 'abcde', '  abc  ', 'žluť', '👍🏽ab'.normalize());
    assert.deepEqual(only(field, 'ab'), { path: 'title', code: 'too_short', params: { minLength: 3, length: 2 } });
    assert.deepEqual(only(field, 'abcdef'), { path: 'title', code: 'too_long', params: { maxLength: 5, length: 6 } });
    assert.deepEqual(only(field, '😀😀').params, { minLength: 3, length: 2 }, 'an emoji is one character, not two UTF-16 units');
    passes({ id: 'x', type: 'textarea', label: 'X', maxLength: 3 }, '😀😀😀');
    assert.equal(only({ id: 'x', type: 'textarea', label: 'X', minLength: 4 }, 'abc').code, 'too_short');
  });

  test('a pattern must match the whole answer, with Unicode', () => {
    const ico: InputField = { id: 'ico', type: 'text', label: 'IČO', pattern: '\\d{8}' };
    passes(ico, '12345678', ' 12345678 ');
    for (const value of ['1234567', '123456789', 'x12345678', '12345678x', '1234 5678']) assert.equal(only(ico, value).code, 'pattern', value);
    const alternatives: InputField = { id: 'x', type: 'text', label: 'X', pattern: 'ab|cd' };
    passes(alternatives, 'ab', 'cd');
    assert.equal(only(alternatives, 'abcd').code, 'pattern', 'the alternatives are grouped before anchoring');
    passes({ id: 'x', type: 'text', label: 'X', pattern: '\\p{Lu}\\p{Ll}+' }, 'Žofie');
  });

  test('length is checked before the pattern: one error at a time', () => {
    assert.equal(only({ id: 'x', type: 'text', label: 'X', minLength: 8, pattern: '\\d{8}' }, '12').code, 'too_short');
  });
});

describe('email, phone', () => {
  test('e-mail: one @, a dotted domain, no spaces, at most 254 characters', () => {
    const field: InputField = { id: 'email', type: 'email', label: 'E-mail' };
    passes(field, 'jana.novakova@example.cz', ' jan+forms@mail.obec-lhota.cz ', 'a@b.co');
    for (const value of ['jana', 'jana@', '@example.cz', 'jana@example', 'jana@@example.cz', 'ja na@example.cz', 'jana@example..cz', 'jana@.cz', 'a@b@c.cz', `${'a'.repeat(250)}@b.cz`]) {
      assert.equal(only(field, value).code, 'email', value);
    }
    assert.deepEqual(only({ ...field, maxLength: 10 }, 'jana@example.cz'), { path: 'email', code: 'too_long', params: { maxLength: 10, length: 15 } });
  });

  test('phone: optional +, digits and spaces, 9 to 15 digits', () => {
    const field: InputField = { id: 'phone', type: 'phone', label: 'Telefon' };
    passes(field, '601123456', '+420 601 123 456', '601 123 456', '123456789012345');
    for (const value of ['60112345', '1234567890123456', '601-123-456', '++420601123456', '420+601123456', 'tel. 601123456', '+']) {
      assert.equal(only(field, value).code, 'phone', value);
    }
  });
});

describe('number and money', () => {
  test('a number is read in either notation and bounded by min and max', () => {
    const field: InputField = { id: 'n', type: 'number', label: 'N', min: -5, max: 1000 };
    passes(field, 0, -5, 1000, '1 000', '12,5', '-4.5');
    assert.equal(only(field, 'dvanáct').code, 'number');
    assert.equal(only(field, '1,2,3').code, 'number');
    assert.deepEqual(only(field, -6), { path: 'n', code: 'too_small', params: { min: -5 } });
    assert.deepEqual(only(field, '1 000,5'), { path: 'n', code: 'too_large', params: { max: 1000 } });
    passes({ id: 'n', type: 'number', label: 'N' }, -1e9, 1e9);
  });

  test('integer refuses decimals', () => {
    const field: InputField = { id: 'n', type: 'number', label: 'N', integer: true };
    passes(field, 3, '3', '1 000');
    assert.equal(only(field, '3,5').code, 'integer');
    assert.equal(only(field, 0.1).code, 'integer');
  });

  test('money: at most two decimals, not negative unless min allows it, bounded', () => {
    const field: InputField = { id: 'm', type: 'money', label: 'M', max: 200000 };
    passes(field, 0, 1500, '1 500,50', '0.1', 0.1 + 0.2, 200000);
    assert.equal(only(field, '1,505').code, 'money');
    assert.equal(only(field, 10.001).code, 'money');
    assert.equal(only(field, 'sto').code, 'money');
    assert.deepEqual(only(field, -1), { path: 'm', code: 'too_small', params: { min: 0 } });
    assert.deepEqual(only(field, '200 000,01'), { path: 'm', code: 'too_large', params: { max: 200000 } });
    passes({ id: 'm', type: 'money', label: 'M', min: -100 }, -100, '-50,25');
    assert.deepEqual(only({ id: 'm', type: 'money', label: 'M', min: 1000 }, 999.99).params, { min: 1000 });
  });
});

describe('date', () => {
  test('a real calendar date written YYYY-MM-DD', () => {
    const field: InputField = { id: 'd', type: 'date', label: 'D' };
    passes(field, '2026-02-28', '2024-02-29', '2000-02-29', ' 2026-12-31 ');
    for (const value of ['2026-02-29', '1900-02-29', '2026-04-31', '2026-13-01', '2026-00-10', '2026-1-5', '15. 6. 2026', '2026-06-15T10:00']) {
      assert.equal(only(field, value).code, 'date', value);
    }
  });

  test('min and max, literal or today', () => {
    const field: InputField = { id: 'd', type: 'date', label: 'D', min: '2026-01-01', max: '2026-12-31' };
    passes(field, '2026-01-01', '2026-12-31');
    assert.deepEqual(only(field, '2025-12-31'), { path: 'd', code: 'date_too_early', params: { min: '2026-01-01' } });
    assert.deepEqual(only(field, '2027-01-01'), { path: 'd', code: 'date_too_late', params: { max: '2026-12-31' } });
    const future: InputField = { id: 'start', type: 'date', label: 'Start', min: 'today' };
    passes(future, TODAY, '2026-06-16');
    assert.deepEqual(only(future, '2026-06-14'), { path: 'start', code: 'date_too_early', params: { min: TODAY } });
    const past: InputField = { id: 'born', type: 'date', label: 'Born', max: 'today' };
    assert.deepEqual(only(past, '2026-06-16'), { path: 'born', code: 'date_too_late', params: { max: TODAY } });
  });

  test('without a given today, today in Prague', () => {
    const past: InputField = { id: 'born', type: 'date', label: 'Born', max: 'today' };
    assert.deepEqual(validateValue(past, todayInPrague()), []);
    assert.equal(validateValue(past, '2999-01-01')[0]?.params?.max, todayInPrague());
  });
});

describe('choice, yes/no', () => {
  const options = [
    { value: 'culture', label: 'Kultura' },
    { value: 'sport', label: 'Sport' },
    { value: 'youth', label: 'Mládež' },
  ];

  test('radio and select: one of the options', () => {
    for (const display of ['radio', 'select'] as const) {
      const field: InputField = { id: 'c', type: 'choice', display, label: 'C', options };
      passes(field, 'sport');
      assert.equal(only(field, 'golf').code, 'choice');
      assert.equal(only(field, 'Sport').code, 'choice', 'values are case-sensitive');
    }
  });

  test('checkboxes: a list of distinct options, between minSelected and maxSelected', () => {
    const field: InputField = { id: 'areas', type: 'choice', display: 'checkboxes', label: 'Oblasti', options, minSelected: 2, maxSelected: 2 };
    passes(field, ['culture', 'sport']);
    assert.equal(only(field, ['culture', 'golf']).code, 'choice');
    assert.equal(only(field, ['sport', 'sport']).code, 'choice', 'the same option twice');
    assert.deepEqual(only(field, ['sport']), { path: 'areas', code: 'too_few_choices', params: { min: 2 } });
    assert.deepEqual(only(field, ['sport', 'culture', 'youth']), { path: 'areas', code: 'too_many_choices', params: { max: 2 } });
  });
});

describe('address', () => {
  const field: InputField = { id: 'home', type: 'address', label: 'Adresa', required: true };
  const full = { street: 'Náměstí 1', city: 'Javorná Lhota', postcode: '123 45' };

  test('street, town and a 5-digit postcode (with or without the space)', () => {
    passes(field, full, { ...full, postcode: '12345' });
    assert.deepEqual(codes(field, { ...full, postcode: '1234' }), ['home.postcode postcode']);
    assert.deepEqual(codes(field, { ...full, postcode: '123 456' }), ['home.postcode postcode']);
    assert.deepEqual(codes(field, { ...full, postcode: 'AB 123' }), ['home.postcode postcode']);
  });

  test('required: every missing part is named', () => {
    assert.deepEqual(codes(field, undefined), ['home.street required', 'home.city required', 'home.postcode required']);
    assert.deepEqual(codes(field, { street: ' ', city: '', postcode: '' }), ['home.street required', 'home.city required', 'home.postcode required']);
    assert.deepEqual(codes(field, { street: 'Náměstí 1', postcode: '12345' }), ['home.city required']);
    assert.deepEqual(codes(field, { street: '', city: 'Lhota', postcode: '1' }), ['home.street required', 'home.postcode postcode']);
  });

  test('optional: empty passes, but once begun it must be whole', () => {
    const optional: InputField = { id: 'home', type: 'address', label: 'Adresa' };
    passes(optional, undefined, { street: '', city: '', postcode: '' }, full);
    assert.deepEqual(codes(optional, { street: 'Náměstí 1', city: '', postcode: '' }), ['home.city required', 'home.postcode required']);
  });
});

describe('bank account', () => {
  const field: InputField = { id: 'account', type: 'bank-account', label: 'Účet' };

  test('a Czech account with both check digits', () => {
    passes(field, '19-2000145399/0800', '2000145399/0800', ' 19 - 2000145399 / 0800 ');
  });

  test('a wrong check digit or a wrong format, told apart', () => {
    assert.deepEqual(only(field, '19-2000145398/0800'), { path: 'account', code: 'bank_account', params: { problem: 'checksum' } });
    assert.deepEqual(only(field, '18-2000145399/0800'), { path: 'account', code: 'bank_account', params: { problem: 'checksum' } });
    assert.deepEqual(only(field, '2000145399'), { path: 'account', code: 'bank_account', params: { problem: 'format' } });
    assert.deepEqual(only(field, 'CZ6508000000192000145399'), { path: 'account', code: 'bank_account', params: { problem: 'format' } });
  });
});

describe('file', () => {
  const field: InputField = { id: 'attachments', type: 'file', label: 'Přílohy', accept: ['application/pdf', 'image/jpeg'], maxSize: 5 * 1024 * 1024, maxFiles: 2 };

  test('accepted types up to the size and count', () => {
    passes(field, [upload('a.pdf', 'application/pdf', 5 * 1024 * 1024)], [upload('a.pdf', 'application/pdf', 1), upload('b.jpg', 'image/jpeg', 2)]);
  });

  test('a wrong type, a too large file, too many files', () => {
    assert.deepEqual(only(field, [upload('a.pdf', 'application/pdf', 1), upload('hack.exe', 'application/x-msdownload', 1)]), {
      path: 'attachments',
      code: 'file_type',
      params: { accept: 'PDF, JPEG', name: 'hack.exe' },
    });
    assert.deepEqual(only(field, [upload('big.pdf', 'application/pdf', 5 * 1024 * 1024 + 1)]), {
      path: 'attachments',
      code: 'file_too_large',
      params: { maxSize: 5 * 1024 * 1024, name: 'big.pdf' },
    });
    assert.deepEqual(only(field, [upload('a.pdf', 'application/pdf', 1), upload('b.pdf', 'application/pdf', 1), upload('c.pdf', 'application/pdf', 1)]), {
      path: 'attachments',
      code: 'too_many_files',
      params: { maxFiles: 2 },
    });
  });

  test('one file when maxFiles is not given', () => {
    const single: InputField = { id: 'quote', type: 'file', label: 'Nabídka', accept: ['application/pdf'], maxSize: 100 };
    passes(single, [upload('a.pdf', 'application/pdf', 1)]);
    assert.deepEqual(only(single, [upload('a.pdf', 'application/pdf', 1), upload('b.pdf', 'application/pdf', 1)]).params, { maxFiles: 1 });
  });

  test('media types are named as people know them', () => {
    assert.equal(acceptLabel(['application/pdf', 'image/jpeg', 'image/png']), 'PDF, JPEG, PNG');
    assert.equal(acceptLabel(['application/vnd.openxmlformats-officedocument.wordprocessingml.document', 'image/webp']), 'DOCX, WEBP');
  });
});

describe('group', () => {
  const budget: GroupField = {
    id: 'budget',
    type: 'group',
    label: 'Rozpočet',
    itemLabel: 'Položka',
    minItems: 1,
    maxItems: 3,
    fields: [
      { id: 'item', type: 'text', label: 'Položka', required: true },
      { id: 'amount', type: 'money', label: 'Částka', required: true },
      { id: 'vat_note', type: 'text', label: 'Pozn.', required: true, when: 'amount > 10000' },
      { id: 'hint', type: 'info', text: 'Bez DPH' },
    ],
    total: { field: 'amount', label: 'Celkem', min: 100, max: 20000 },
  };
  const errorsOf = (items: unknown, answers: Answers = {}) => validateGroup(budget, items as Answers[], answers, { today: TODAY });
  const pathsAndCodes = (items: unknown, answers?: Answers) => errorsOf(items, answers).map((error) => `${error.path} ${error.code}`);

  test('items within minItems and maxItems', () => {
    assert.deepEqual(pathsAndCodes([{ item: 'Sál', amount: 500 }]), []);
    assert.deepEqual(errorsOf([]), [{ path: 'budget', code: 'too_few_items', params: { min: 1 } }]);
    assert.deepEqual(errorsOf(undefined), [{ path: 'budget', code: 'too_few_items', params: { min: 1 } }]);
    const four = Array.from({ length: 4 }, () => ({ item: 'x', amount: 50 }));
    assert.deepEqual(errorsOf(four), [{ path: 'budget', code: 'too_many_items', params: { max: 3 } }]);
  });

  test('each item’s fields at <group>.<index>.<field>, conditions per item', () => {
    assert.deepEqual(pathsAndCodes([{ item: 'Sál', amount: 500 }, { item: '', amount: '1,234' }, { item: 'Kapela', amount: 12000 }]), [
      'budget.1.item required',
      'budget.1.amount money',
      'budget.2.vat_note required',
    ]);
  });

  test('items that are not objects, and unknown keys in items', () => {
    assert.deepEqual(pathsAndCodes([{ item: 'Sál', amount: 500 }, 'x', null]), ['budget.1 invalid', 'budget.2 invalid']);
    assert.deepEqual(pathsAndCodes([{ item: 'Sál', amount: 500, hint: 'x', price: 3 }]), ['budget.0.hint unknown_field', 'budget.0.price unknown_field']);
    assert.deepEqual(pathsAndCodes({ item: 'Sál' }), ['budget invalid']);
  });

  test('the total is bounded by min and max', () => {
    assert.deepEqual(errorsOf([{ item: 'a', amount: '50' }]), [{ path: 'budget', code: 'total_too_small', params: { min: 100, total: 50 } }]);
    assert.deepEqual(errorsOf([{ item: 'a', amount: 9000 }, { item: 'b', amount: '9 000' }, { item: 'c', amount: 2000.5 }]), [
      { path: 'budget', code: 'total_too_large', params: { max: 20000, total: 20000.5 } },
    ]);
    assert.deepEqual(pathsAndCodes([{ item: 'a', amount: 9000 }, { item: 'b', amount: 9000 }, { item: 'c', amount: 2000 }]), []);
  });

  test('groupTotal sums the total field; what is not a number counts 0', () => {
    assert.equal(groupTotal(budget, [{ amount: '1 000,50' }, { amount: 200 }, { amount: 'x' }, {}]), 1200.5);
    assert.equal(groupTotal(budget, undefined), 0);
    assert.equal(groupTotal({ ...budget, total: undefined }, [{ amount: 5 }]), 0);
  });

  test('inside an item too, a hidden field’s stale answer shows nothing', () => {
    const group: GroupField = {
      id: 'dogs',
      type: 'group',
      label: 'Psi',
      itemLabel: 'Pes',
      fields: [
        { id: 'chipped', type: 'yesno', label: 'Čipován', required: true },
        { id: 'chip', type: 'text', label: 'Čip', when: 'chipped == true' },
        { id: 'chip_date', type: 'date', label: 'Datum čipování', required: true, when: 'not empty(chip)' },
      ],
    };
    assert.deepEqual(validateGroup(group, [{ chipped: true, chip: '123' }], {}).map((error) => error.path), ['dogs.0.chip_date']);
    assert.deepEqual(validateGroup(group, [{ chipped: false, chip: '123' }], {}), []);
  });

  test('an item field’s condition may name a field of the form', () => {
    const group: GroupField = {
      id: 'people',
      type: 'group',
      label: 'Lidé',
      itemLabel: 'Osoba',
      fields: [
        { id: 'name', type: 'text', label: 'Jméno', required: true },
        { id: 'ico', type: 'text', label: 'IČO', required: true, when: "kind == 'org'" },
      ],
    };
    assert.deepEqual(validateGroup(group, [{ name: 'A' }], { kind: 'person' }).map((error) => error.path), []);
    assert.deepEqual(validateGroup(group, [{ name: 'A' }], { kind: 'org' }).map((error) => error.path), ['people.0.ico']);
  });
});

/** A form with a conditional step, conditional fields, a chain of conditions and a group. */
const definition: FormDefinition = {
  id: 'test-form',
  title: 'Test',
  steps: [
    {
      id: 'who',
      title: 'Kdo',
      fields: [
        {
          id: 'kind',
          type: 'choice',
          display: 'radio',
          label: 'Kdo',
          required: true,
          options: [
            { value: 'person', label: 'Osoba' },
            { value: 'org', label: 'Organizace' },
          ],
        },
        { id: 'name', type: 'text', label: 'Jméno', required: true },
        { id: 'born', type: 'date', label: 'Narozen', required: true, when: "kind == 'person'" },
        { id: 'note', type: 'info', text: 'Info' },
      ],
    },
    {
      id: 'org',
      title: 'Organizace',
      when: "kind == 'org'",
      fields: [
        { id: 'ico', type: 'text', label: 'IČO', required: true, pattern: '\\d{8}' },
        { id: 'vat', type: 'yesno', label: 'Plátce DPH', required: true },
      ],
    },
    {
      id: 'money',
      title: 'Peníze',
      fields: [
        { id: 'vat_id', type: 'text', label: 'DIČ', required: true, when: 'vat == true' },
        { id: 'vat_proof', type: 'text', label: 'Doklad', required: true, when: 'not empty(vat_id)' },
        {
          id: 'budget',
          type: 'group',
          label: 'Rozpočet',
          itemLabel: 'Položka',
          fields: [{ id: 'amount', type: 'money', label: 'Částka', required: true }],
          total: { field: 'amount', label: 'Celkem' },
        },
        { id: 'requested', type: 'money', label: 'Požadováno', required: true, when: 'sum(budget.amount) > 0' },
        { id: 'declaration', type: 'checkbox', label: 'Prohlašuji', required: true },
      ],
    },
  ],
};

describe('whole forms', () => {
  const check = (answers: Record<string, unknown>) => validateAnswers(definition, answers, { today: TODAY });
  const paths = (answers: Record<string, unknown>) => check(answers).errors.map((error) => `${error.path} ${error.code}`);

  test('a complete answer passes and comes back normalized', () => {
    const { errors, answers } = check({
      kind: 'org',
      name: '  Spolek Lhota ',
      ico: '12345678',
      vat: false,
      budget: [{ amount: '1 000,50' }, { amount: 200 }],
      requested: '900',
      declaration: true,
      phone: undefined,
    } as Record<string, unknown>);
    assert.deepEqual(errors, [{ path: 'phone', code: 'unknown_field' }]);
    assert.deepEqual(answers, { kind: 'org', name: 'Spolek Lhota', ico: '12345678', vat: false, budget: [{ amount: 1000.5 }, { amount: 200 }], requested: 900, declaration: true });
  });

  test('empty optional answers are left out of the normalized answers', () => {
    const { errors, answers } = check({ kind: 'person', name: 'Jana', born: '1990-01-01', budget: [], declaration: true });
    assert.deepEqual(errors, []);
    assert.deepEqual(answers, { kind: 'person', name: 'Jana', born: '1990-01-01', declaration: true });
  });

  test('every visible field is checked, in the order of the form', () => {
    assert.deepEqual(paths({}), ['kind required', 'name required', 'declaration must_accept']);
    assert.deepEqual(paths({ kind: 'org' }), ['name required', 'ico required', 'vat required', 'declaration must_accept']);
    assert.deepEqual(paths({ kind: 'org', name: 'S', ico: '1', vat: true, budget: [{ amount: 5 }], declaration: true }), ['ico pattern', 'vat_id required', 'requested required']);
  });

  test('hidden fields are dropped without a word, even when their answers are wrong', () => {
    const { errors, answers } = check({ kind: 'person', name: 'Jana', born: '1990-01-01', ico: 'nonsense', vat: 'maybe', declaration: true, requested: 'x' });
    assert.deepEqual(errors, []);
    assert.deepEqual(Object.keys(answers), ['kind', 'name', 'born', 'declaration']);
  });

  test('a hidden field’s stale answer does not keep what depends on it shown', () => {
    // vat is on the organisation step; vat_id shows when vat is true, vat_proof when vat_id is filled in.
    // A person's stale vat and vat_id must not ask for vat_proof.
    const stale = { kind: 'person', name: 'Jana', born: '1990-01-01', vat: true, vat_id: 'CZ12345678', declaration: true };
    assert.deepEqual(paths(stale), []);
    assert.deepEqual(Object.keys(visibleAnswers(definition, stale, TODAY)), ['kind', 'name', 'born', 'declaration']);
  });

  test('keys that are no field of the form, and info fields, are unknown_field', () => {
    assert.deepEqual(paths({ kind: 'person', name: 'J', born: '1990-01-01', declaration: true, note: 'x', __proto__x: 1, constructor: 'x' }), [
      'note unknown_field',
      '__proto__x unknown_field',
      'constructor unknown_field',
    ]);
    assert.deepEqual(check(JSON.parse('{"__proto__": {"kind": "org"}}')).errors.map((error) => `${error.path} ${error.code}`).at(-1), '__proto__ unknown_field');
  });

  test('answers that are not an object are answers to nothing', () => {
    assert.deepEqual(validateAnswers(definition, 'nonsense' as never, { today: TODAY }).errors.map((error) => error.code), ['required', 'required', 'must_accept']);
    assert.deepEqual(validateAnswers(definition, [] as never, { today: TODAY }).errors.map((error) => error.code), ['required', 'required', 'must_accept']);
  });

  test('visible steps follow the answers', () => {
    assert.deepEqual(visibleSteps(definition, {}, TODAY).map((step) => step.id), ['who', 'money']);
    assert.deepEqual(visibleSteps(definition, { kind: 'org' }, TODAY).map((step) => step.id), ['who', 'org', 'money']);
    const chained: FormDefinition = { ...definition, steps: [...definition.steps, { id: 'vat', title: 'DPH', when: 'vat == true', fields: [{ id: 'x', type: 'text', label: 'X' }] }] };
    assert.deepEqual(visibleSteps(chained, { kind: 'org', vat: true }, TODAY).map((step) => step.id), ['who', 'org', 'money', 'vat']);
    assert.deepEqual(visibleSteps(chained, { kind: 'person', vat: true }, TODAY).map((step) => step.id), ['who', 'money'], 'a stale answer shows no step');
  });

  test('validateStep checks one step’s visible fields; a hidden step has none', () => {
    const [who, org, money] = definition.steps as [FormDefinition['steps'][0], FormDefinition['steps'][0], FormDefinition['steps'][0]];
    assert.deepEqual(validateStep(definition, who, { kind: 'person' }, { today: TODAY }).map((error) => error.path), ['name', 'born']);
    assert.deepEqual(validateStep(definition, who, { kind: 'org' }, { today: TODAY }).map((error) => error.path), ['name']);
    assert.deepEqual(validateStep(definition, org, { kind: 'person' }, { today: TODAY }), []);
    assert.deepEqual(validateStep(definition, org, { kind: 'org', vat: true }, { today: TODAY }).map((error) => error.path), ['ico']);
    assert.deepEqual(validateStep(definition, money, { kind: 'org', vat: true, declaration: true }, { today: TODAY }).map((error) => error.path), ['vat_id']);
    assert.deepEqual(validateStep(definition, money, { kind: 'org', vat: true, vat_id: 'CZ1', declaration: true }, { today: TODAY }).map((error) => error.path), ['vat_proof']);
    assert.deepEqual(validateStep(definition, money, { kind: 'person', vat: true, vat_id: 'CZ1', declaration: true }, { today: TODAY }), [], 'vat and vat_id are stale');
    assert.deepEqual(validateStep(definition, money, { budget: [{ amount: 'x' }], extra: 1 }, { today: TODAY }).map((error) => `${error.path} ${error.code}`), [
      'budget.0.amount money',
      'declaration must_accept',
    ]);
  });

  test('isVisible reads a field’s or step’s condition', () => {
    assert.equal(isVisible({}, {}), true);
    assert.equal(isVisible({ when: "kind == 'org'" }, { kind: 'org' }), true);
    assert.equal(isVisible({ when: "kind == 'org'" }, { kind: 'person' }), false);
    assert.equal(isVisible({ when: 'amount > 5' }, {}, { amount: 6 }), true);
    assert.equal(isVisible({ when: 'age(born) >= 18' }, { born: '2008-06-16' }, undefined, TODAY), false);
    assert.equal(isVisible({ when: 'age(born) >= 18' }, { born: '2008-06-15' }, undefined, TODAY), true);
  });
});

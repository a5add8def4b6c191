import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Answers } from '../../src/forms/definition.js';
import { evaluateCondition, ExpressionError, parseExpression, referencesOf } from '../../src/forms/expression.js';

const TODAY = '2026-06-15';
const holds = (source: string, answers: Answers = {}, item?: Answers) => evaluateCondition(source, answers, item, TODAY);

/** The error a source is refused with. */
function refusal(source: string): ExpressionError {
  try {
    parseExpression(source);
  } catch (error) {
    assert.ok(error instanceof ExpressionError, String(error));
    return error;
  }
  assert.fail(`${source} parsed`);
}

describe('expression grammar', () => {
  test('literals: numbers, strings with either quote and escapes, true, false, null', () => {
    assert.deepEqual(parseExpression('12'), { kind: 'literal', value: 12, position: 0 });
    assert.deepEqual(parseExpression('1.5'), { kind: 'literal', value: 1.5, position: 0 });
    assert.deepEqual(parseExpression(`'it\\'s'`), { kind: 'literal', value: "it's", position: 0 });
    assert.deepEqual(parseExpression(`"say \\"ano\\" \\\\ \\n"`), { kind: 'literal', value: 'say "ano" \\ \n', position: 0 });
    assert.equal(holds('true'), true);
    assert.equal(holds('false'), false);
    assert.equal(holds('null'), false);
  });

  test('precedence: not over comparison over and over or; * over +; parentheses', () => {
    assert.equal(holds('1 + 2 * 3 == 7'), true);
    assert.equal(holds('(1 + 2) * 3 == 9'), true);
    assert.equal(holds('10 - 4 - 3 == 3'), true, '- is left-associative');
    assert.equal(holds('12 / 4 / 3 == 1'), true, '/ is left-associative');
    assert.equal(holds('true or false and false'), true, 'and binds tighter than or');
    assert.equal(holds('(true or false) and false'), false);
    assert.equal(holds('not 1 == 2'), true, 'not applies to the whole comparison');
    assert.equal(holds('not not true'), true);
    assert.equal(holds('-2 * -3 == 6'), true);
    assert.equal(holds('- -2 == 2'), true);
  });

  test('the AST keeps where each part starts', () => {
    const parsed = parseExpression("kind == 'org' and amount > 5");
    assert.equal(parsed.kind, 'logical');
    assert.equal(parsed.position, 14);
    assert.ok(parsed.kind === 'logical' && parsed.left.kind === 'compare' && parsed.left.position === 5);
  });

  test('mistakes are refused with a position and a hint', () => {
    const cases: [string, number, RegExp][] = [
      ['', 0, /empty/],
      ['   ', 0, /empty/],
      ['a &&b', 2, /'and'/],
      ['a || b', 2, /'or'/],
      ['!a', 0, /'not'/],
      ['a = 1', 2, /'=='/],
      ['a < b < c', 6, /chained/],
      ['a == 1 == b', 7, /chained/],
      ['sum(a)', 4, /sum\(group\.field\)/],
      ['sum(a.b.c)', 7, /Expected '\)'/],
      ['sum(1)', 4, /sum\(group\.field\)/],
      ['foo(1)', 0, /Unknown function 'foo'/],
      ['a.b > 1', 1, /only be summed/],
      ["'abc", 0, /closing quote/],
      ["'a\\x'", 2, /escape/],
      ['1a', 0, /cannot start with a digit/],
      ['(a', 2, /Expected '\)' but found the end/],
      ['a ==', 4, /ends too early/],
      ['not', 3, /ends too early/],
      ['a b', 2, /Unexpected 'b'/],
      ['empty(1, 2)', 0, /takes 1 argument, not 2/],
      ['contains(a)', 0, /takes 2 arguments, not 1/],
      ['count()', 0, /takes 1 argument, not 0/],
      ['a and or b', 6, /Unexpected 'or'/],
      ['a # b', 2, /Unexpected character '#'/],
      [')', 0, /Unexpected '\)'/],
    ];
    for (const [source, position, message] of cases) {
      const error = refusal(source);
      assert.match(error.message, message, source);
      assert.equal(error.position, position, `${source}: ${error.message}`);
    }
  });

  test('deep nesting and very long sources are refused, not a stack overflow', () => {
    assert.match(refusal(`${'('.repeat(500)}1${')'.repeat(500)}`).message, /nested too deeply/);
    assert.match(refusal(`${'not '.repeat(100)}true`).message, /nested too deeply/);
    assert.match(refusal(`a == ${'1 + '.repeat(1000)}1`).message, /at most 2000 characters/);
    assert.equal(holds(`${'('.repeat(30)}true${')'.repeat(30)}`), true);
  });

  test('parsed expressions are cached by source; a refused one throws again', () => {
    assert.equal(parseExpression('a > 1'), parseExpression('a > 1'));
    const first = refusal('a >');
    assert.equal(refusal('a >'), first);
  });

  test('referencesOf lists each field once, group fields of sum() as group.field', () => {
    assert.deepEqual(referencesOf(parseExpression("a > 1 and sum(budget.amount) > a or empty(d) or contains(areas, 'x') or age(born) > count(e)")), ['a', 'budget.amount', 'd', 'areas', 'born', 'e']);
    assert.deepEqual(referencesOf(parseExpression("'a' == \"b\"")), []);
  });
});

describe('expression semantics', () => {
  test('a name is the answer of that field; inside a group item, the item’s field first', () => {
    const answers = { kind: 'org', amount: 5 };
    assert.equal(holds("kind == 'org'", answers), true);
    assert.equal(holds('amount == 5', answers, { amount: 7 }), false);
    assert.equal(holds('amount == 7', answers, { amount: 7 }), true);
    assert.equal(holds("kind == 'org'", answers, { amount: 7 }), true, 'falls back to the form');
  });

  test('names are own answers only, never properties inherited by objects', () => {
    assert.equal(holds('not empty(constructor)'), false);
    assert.equal(holds('empty(toString)'), true);
  });

  test('numbers compare with numeric strings, in Czech or English notation', () => {
    assert.equal(holds('amount > 1000', { amount: '1 234,50' }), true);
    assert.equal(holds('amount == 1234.5', { amount: '1234.5' }), true);
    assert.equal(holds("amount == '12'", { amount: 12 }), true);
    assert.equal(holds("'9' < 10"), true, 'numeric, not alphabetical');
    assert.equal(holds('amount > 5', { amount: 'many' }), false);
    assert.equal(holds("amount != 'x'", { amount: 5 }), true, 'a number and a word are different');
  });

  test('strings compare as strings, so ISO dates order correctly', () => {
    assert.equal(holds("start >= '2027-01-01'", { start: '2027-03-01' }), true);
    assert.equal(holds("start < '2027-01-01'", { start: '2027-03-01' }), false);
    assert.equal(holds("'b' > 'a'"), true);
    assert.equal(holds("'a' <= 'a'"), true);
  });

  test('every comparison with a missing or empty operand is false, even !=', () => {
    for (const operator of ['==', '!=', '<', '<=', '>', '>=']) {
      assert.equal(holds(`missing ${operator} 1`), false, operator);
      assert.equal(holds(`1 ${operator} missing`), false, operator);
      assert.equal(holds(`blank ${operator} 'x'`, { blank: '  ' }), false, operator);
      assert.equal(holds(`list ${operator} 'x'`, { list: [] }), false, operator);
      assert.equal(holds(`x ${operator} null`, { x: 'a' }), false, operator);
    }
    assert.equal(holds("not (missing == 'a')"), true, 'use not (…) to include the missing');
  });

  test('== on lists and addresses is false; booleans compare with booleans only', () => {
    assert.equal(holds("areas == 'sport'", { areas: ['sport'] }), false);
    assert.equal(holds("areas != 'sport'", { areas: ['sport'] }), false);
    assert.equal(holds("home == 'x'", { home: { street: 'x', city: 'y', postcode: '12345' } }), false);
    assert.equal(holds('senior == true', { senior: true }), true);
    assert.equal(holds('senior == false', { senior: false }), true);
    assert.equal(holds("senior == 'true'", { senior: true }), false);
    assert.equal(holds('senior < 1', { senior: true }), false, 'booleans have no order');
  });

  test('arithmetic on numbers; anything else (or dividing by zero) makes the operand missing', () => {
    assert.equal(holds('a + b == 5', { a: '2', b: 3 }), true);
    assert.equal(holds('a * 0.7 < b', { a: 100, b: 71 }), true);
    assert.equal(holds('a / 0 > 1', { a: 5 }), false);
    assert.equal(holds('a / 0 <= 1', { a: 5 }), false);
    assert.equal(holds("a + 'x' > 0", { a: 5 }), false);
    assert.equal(holds('-a < 0', { a: '3' }), true);
    assert.equal(holds('-a < 0', { a: 'x' }), false);
    assert.equal(holds('missing + 1 > 0'), false);
  });

  test('and, or and not check truthiness: false, 0, empty text or list and missing are falsy', () => {
    assert.equal(holds('yes', { yes: true }), true);
    assert.equal(holds('yes', { yes: false }), false);
    assert.equal(holds('n', { n: 0 }), false);
    assert.equal(holds('n', { n: 2 }), true);
    assert.equal(holds('t', { t: ' ' }), false);
    assert.equal(holds('t', { t: 'a' }), true);
    assert.equal(holds('l', { l: [] }), false);
    assert.equal(holds('l', { l: ['a'] }), true);
    assert.equal(holds('missing'), false);
    assert.equal(holds('not missing'), true);
    assert.equal(holds("1 + 1"), true, 'a number result is truthy unless 0');
    assert.equal(holds("'text'"), true);
  });

  test('empty(): missing, blank, empty list, blank address; but not false or 0', () => {
    assert.equal(holds('empty(x)'), true);
    assert.equal(holds('empty(x)', { x: '   ' }), true);
    assert.equal(holds('empty(x)', { x: [] }), true);
    assert.equal(holds('empty(x)', { x: { street: '', city: ' ', postcode: '' } }), true);
    assert.equal(holds('empty(x)', { x: { street: 'Náměstí 1', city: '', postcode: '' } }), false);
    assert.equal(holds('empty(x)', { x: false }), false);
    assert.equal(holds('empty(x)', { x: 0 }), false);
    assert.equal(holds('empty(null)'), true);
    assert.equal(holds("empty('')"), true);
  });

  test('count(): the length of a list, 0 when empty, 1 for a single answer', () => {
    assert.equal(holds('count(x) == 0'), true);
    assert.equal(holds('count(x) == 2', { x: ['a', 'b'] }), true);
    assert.equal(holds('count(budget) == 3', { budget: [{}, {}, {}] }), true);
    assert.equal(holds('count(x) == 1', { x: 'a' }), true);
    assert.equal(holds('count(x) == 0', { x: '' }), true);
  });

  test('sum(group.field) adds the numbers of the items, skipping what is not a number', () => {
    const budget = [{ amount: '1 000' }, { amount: 250.5 }, { amount: 'abc' }, {}, { other: 3 }];
    assert.equal(holds('sum(budget.amount) == 1250.5', { budget }), true);
    assert.equal(holds('sum(budget.amount) == 0'), true, 'no group: 0');
    assert.equal(holds('sum(budget.amount) == 0', { budget: 'nonsense' }), true);
    assert.equal(holds('sum(budget.amount) == 3', { budget: [null, 'x', { amount: 3 }] as never }), true);
    assert.equal(holds('sum(budget.amount) * 0.7 < 1000', { budget }), true);
  });

  test('contains(): a list has the value; a text contains the text', () => {
    assert.equal(holds("contains(areas, 'sport')", { areas: ['culture', 'sport'] }), true);
    assert.equal(holds("contains(areas, 'youth')", { areas: ['culture', 'sport'] }), false);
    assert.equal(holds('contains(numbers, 2)', { numbers: ['1', '2'] }), true);
    assert.equal(holds("contains(note, 'pes')", { note: 'Máme psa, pes je hodný' }), true);
    assert.equal(holds("contains(note, '')", { note: 'abc' }), false);
    assert.equal(holds("contains(missing, 'a')"), false);
    assert.equal(holds("contains(n, '1')", { n: 1 }), false);
  });

  test('age(): full years until today (the day before a birthday counts one less)', () => {
    assert.equal(holds('age(born) == 65', { born: '1961-06-15' }), true, 'the birthday itself');
    assert.equal(holds('age(born) == 64', { born: '1961-06-16' }), true, 'the day before');
    assert.equal(holds('age(born) == 64', { born: '1961-07-01' }), true);
    assert.equal(holds('age(born) == 0', { born: TODAY }), true);
    assert.equal(holds('age(born) >= 0', { born: '2026-06-16' }), false, 'born in the future: missing');
    assert.equal(holds('age(born) >= 0', { born: '1961-02-30' }), false, 'not a real date: missing');
    assert.equal(holds('age(born) >= 0', { born: 42 }), false);
    assert.equal(evaluateCondition('age(born) == 3', { born: '2000-02-29' }, undefined, '2003-02-28'), false, 'leap-day birthday not yet on 28 Feb');
    assert.equal(evaluateCondition('age(born) == 3', { born: '2000-02-29' }, undefined, '2003-03-01'), true);
  });

  test('age() without a given today uses today in Prague', () => {
    assert.equal(evaluateCondition('age(born) >= 100', { born: '1900-01-01' }), true);
    assert.equal(evaluateCondition('age(born) < 1', { born: '1900-01-01' }), false);
  });

  test('no condition holds; one that does not parse is false, never thrown', () => {
    assert.equal(evaluateCondition(undefined, {}), true);
    assert.equal(evaluateCondition('a ==', { a: 1 }), false);
    assert.equal(evaluateCondition('not (a ==', { a: 1 }), false);
  });
});

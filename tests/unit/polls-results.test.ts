import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { D21Rules, PollDefinition } from '../../src/polls/definition.js';
import { computeResults, type Results, type Tally } from '../../src/polls/results.js';

const d21 = (rules: Partial<D21Rules>, ids = ['a', 'b', 'c', 'd']): PollDefinition => ({
  id: 'd21',
  title: 'D',
  method: 'd21',
  options: ids.map((id) => ({ id, title: id })),
  d21: { plus: 3, minus: 1, ...rules },
  voters: 'verified',
  results: 'live',
});
/** A participatory budget of these projects (id and cost), by D21 with Děčín's rules. */
const pb = (total: number, projects: [string, number][], method: 'd21' | 'budget' = 'd21'): PollDefinition => ({
  id: 'pb',
  title: 'PB',
  method,
  options: projects.map(([id, cost]) => ({ id, title: id, cost })),
  ...(method === 'd21' ? { d21: { plus: 3, minus: 1, minusAfter: 2, excludeWhenMinusExceedsPlus: true } } : {}),
  budget: { total },
  voters: 'verified',
  results: 'live',
});
const tally = (option: string, plus: number, minus = 0): Tally => ({ option, plus, minus });
/** `option:rank` in order, `option:-` for an unranked one. */
const ranking = (results: Results) => results.rows.map((row) => `${row.option}:${row.rank ?? '-'}`);
const funded = (results: Results) => results.rows.filter((row) => row.funded).map((row) => row.option);

describe('computeResults: ranking', () => {
  test('net ranking: plus minus minus, ties broken by more plus votes', () => {
    const results = computeResults(d21({ ranking: 'net' }), [tally('a', 10, 2), tally('b', 9, 0), tally('c', 12, 4), tally('d', 3)]);
    // a 8, b 9, c 8 (more plus than a), d 3
    assert.deepEqual(ranking(results), ['b:1', 'c:2', 'a:3', 'd:4']);
    assert.deepEqual(
      results.rows.map((row) => [row.option, row.score]),
      [['b', 9], ['c', 8], ['a', 8], ['d', 3]],
    );
  });

  test('net is the default ranking', () => {
    assert.deepEqual(ranking(computeResults(d21({}), [tally('a', 5, 4), tally('b', 2)])), ['b:1', 'a:2', 'c:3', 'd:3']);
  });

  test('plus ranking: plus votes, ties broken by fewer minus votes', () => {
    const results = computeResults(d21({ ranking: 'plus' }), [tally('a', 10, 3), tally('b', 10, 1), tally('c', 12, 9), tally('d', 4)]);
    assert.deepEqual(ranking(results), ['c:1', 'b:2', 'a:3', 'd:4']);
    assert.deepEqual(results.rows.map((row) => row.score), [12, 10, 10, 4]);
  });

  test('a tie in score and tie-break shares a rank; the next rank skips (1, 1, 3)', () => {
    const results = computeResults(d21({}), [tally('a', 6, 1), tally('b', 6, 1), tally('c', 4), tally('d', 4)]);
    assert.deepEqual(ranking(results).sort(), ['a:1', 'b:1', 'c:3', 'd:3']);
    const plus = computeResults(d21({ ranking: 'plus' }, ['a', 'b', 'c']), [tally('a', 5, 2), tally('b', 5, 2), tally('c', 5, 3)]);
    assert.deepEqual(plus.rows.map((row) => row.rank), [1, 1, 3]);
  });

  test('single and multiple rank by votes, and options without votes are in the results', () => {
    const poll: PollDefinition = { id: 's', title: 'S', method: 'single', options: ['a', 'b', 'c'].map((id) => ({ id, title: id })), voters: 'anyone', results: 'live' };
    const results = computeResults(poll, [tally('c', 7), tally('a', 2)]);
    assert.deepEqual(ranking(results), ['c:1', 'a:2', 'b:3']);
    assert.deepEqual(results.rows.at(-1), { option: 'b', plus: 0, minus: 0, score: 0, rank: 3, excluded: false });
    assert.equal(results.budget, undefined);
    assert.ok(results.rows.every((row) => row.funded === undefined && row.cost === undefined));
  });

  test('a tally of an option the poll does not have is ignored', () => {
    assert.deepEqual(ranking(computeResults(d21({}), [tally('zz', 99), tally('a', 1)])), ['a:1', 'b:2', 'c:2', 'd:2']);
  });
});

describe('computeResults: exclusion when minus votes exceed plus votes', () => {
  test('an option with more minus than plus votes is not ranked, and comes last', () => {
    const results = computeResults(d21({ excludeWhenMinusExceedsPlus: true }), [tally('a', 3, 4), tally('b', 2), tally('c', 1, 1), tally('d', 0, 1)]);
    assert.deepEqual(ranking(results), ['b:1', 'c:2', 'a:-', 'd:-']);
    assert.deepEqual(results.rows.map((row) => row.excluded), [false, false, true, true]);
  });

  test('as many minus as plus votes is not more', () => {
    const results = computeResults(d21({ excludeWhenMinusExceedsPlus: true }), [tally('a', 3, 3)]);
    assert.equal(results.rows.find((row) => row.option === 'a')?.excluded, false);
  });

  test('without the rule, such an option is ranked by its (negative) score', () => {
    const results = computeResults(d21({}), [tally('a', 3, 4), tally('b', 2)]);
    assert.deepEqual(ranking(results), ['b:1', 'c:2', 'd:2', 'a:4']);
    assert.ok(results.rows.every((row) => !row.excluded));
  });

  test('under plus ranking, an excluded option with many plus votes still does not rank', () => {
    const results = computeResults(d21({ ranking: 'plus', excludeWhenMinusExceedsPlus: true }), [tally('a', 10, 11), tally('b', 1)]);
    assert.deepEqual(ranking(results), ['b:1', 'c:2', 'd:2', 'a:-']);
  });
});

describe('computeResults: funding a participatory budget top-down', () => {
  test('projects are funded in ranking order while the money lasts', () => {
    const poll = pb(1_000_000, [['park', 500_000], ['lights', 300_000], ['bench', 100_000], ['path', 200_000]]);
    const results = computeResults(poll, [tally('park', 30), tally('lights', 20), tally('bench', 10), tally('path', 5)]);
    assert.deepEqual(funded(results), ['park', 'lights', 'bench']);
    assert.deepEqual(results.budget, { total: 1_000_000, allocated: 900_000 });
    assert.deepEqual(
      results.rows.map((row) => [row.option, row.cost, row.funded]),
      [['park', 500_000, true], ['lights', 300_000, true], ['bench', 100_000, true], ['path', 200_000, false]],
    );
  });

  test('a project that no longer fits is skipped, and a cheaper one below it is funded', () => {
    const poll = pb(1_000_000, [['hall', 600_000], ['pool', 700_000], ['trees', 150_000], ['bench', 100_000], ['lights', 300_000]]);
    const results = computeResults(poll, [tally('hall', 50), tally('pool', 40), tally('trees', 30), tally('bench', 20), tally('lights', 10)]);
    // hall 600 000 (400 000 left); pool 700 000 does not fit; trees (250 000 left); bench (150 000 left); lights does not fit
    assert.deepEqual(funded(results), ['hall', 'trees', 'bench']);
    assert.deepEqual(results.budget, { total: 1_000_000, allocated: 850_000 });
    assert.equal(results.rows.find((row) => row.option === 'pool')?.rank, 2, 'ranked, though not funded');
  });

  test('a project costing exactly what is left is funded', () => {
    const poll = pb(500_000, [['a', 300_000], ['b', 200_000], ['c', 1]]);
    assert.deepEqual(funded(computeResults(poll, [tally('a', 3), tally('b', 2), tally('c', 1)])), ['a', 'b']);
  });

  test('a score of 0 or less is not funded, even with money left', () => {
    const poll = pb(1_000_000, [['a', 100_000], ['b', 100_000], ['c', 100_000], ['d', 100_000]]);
    const results = computeResults(poll, [tally('a', 5), tally('b', 2, 2), tally('c', 1, 2)]);
    // b: 0, d: no votes (0), c: −1 — not excluded here (d21 rule below), just not funded
    assert.deepEqual(funded(results), ['a']);
    assert.deepEqual(results.budget, { total: 1_000_000, allocated: 100_000 });
  });

  test('an excluded project is neither ranked nor funded, whatever its plus votes', () => {
    const poll = pb(1_000_000, [['a', 100_000], ['b', 100_000], ['c', 100_000]]);
    const results = computeResults(poll, [tally('a', 40, 41), tally('b', 3), tally('c', 1, 1)]);
    assert.deepEqual(funded(results), ['b']);
    assert.deepEqual(ranking(results), ['b:1', 'c:2', 'a:-']);
    assert.equal(results.rows.find((row) => row.option === 'a')?.funded, false);
  });

  test('the budget method (knapsack ballots) funds by choices the same way', () => {
    const poll = pb(1_000_000, [['a', 600_000], ['b', 500_000], ['c', 400_000], ['d', 300_000]], 'budget');
    const results = computeResults(poll, [tally('a', 90), tally('b', 80), tally('c', 70), tally('d', 10)]);
    assert.deepEqual(funded(results), ['a', 'c']);
    assert.deepEqual(results.budget, { total: 1_000_000, allocated: 1_000_000 });
    assert.ok(results.rows.every((row) => !row.excluded));
  });

  test('no ballots: nothing is funded', () => {
    const results = computeResults(pb(1_000_000, [['a', 100_000], ['b', 200_000]]), []);
    assert.deepEqual(funded(results), []);
    assert.deepEqual(results.budget, { total: 1_000_000, allocated: 0 });
  });
});

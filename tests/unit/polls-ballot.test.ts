import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ballotErrors, maxMinus, maxPlus, minusBlocked, plusBlocked, summarize, withoutLockedMinus, type BallotError } from '../../src/polls/ballot.js';
import type { Ballot, D21Rules, PollDefinition } from '../../src/polls/definition.js';

const options = (...ids: string[]) => ids.map((id) => ({ id, title: id.toUpperCase() }));
const single: PollDefinition = { id: 'single', title: 'S', method: 'single', options: options('a', 'b', 'c'), voters: 'anyone', results: 'live' };
const multiple = (minChoices?: number, maxChoices?: number): PollDefinition => ({
  id: 'multiple',
  title: 'M',
  method: 'multiple',
  options: options('a', 'b', 'c', 'd'),
  ...(minChoices === undefined ? {} : { minChoices }),
  ...(maxChoices === undefined ? {} : { maxChoices }),
  voters: 'anyone',
  results: 'live',
});
const d21 = (rules: D21Rules): PollDefinition => ({
  id: 'd21',
  title: 'D',
  method: 'd21',
  options: options('a', 'b', 'c', 'd', 'e'),
  d21: rules,
  voters: 'verified',
  results: 'live',
});
/** Děčín's rules: three plus votes, one minus vote after two plus votes. */
const decin = d21({ plus: 3, minus: 1, minusAfter: 2 });
const budget = (rules: { minSpend?: number; maxProjects?: number } = {}): PollDefinition => ({
  id: 'pb',
  title: 'PB',
  method: 'budget',
  options: [
    { id: 'park', title: 'Park', cost: 400_000 },
    { id: 'lights', title: 'Lights', cost: 350_000 },
    { id: 'bench', title: 'Bench', cost: 100_000 },
    { id: 'path', title: 'Path', cost: 300_000 },
  ],
  budget: { total: 1_000_000, ...rules },
  voters: 'verified',
  results: 'published',
});

const ballot = (plus: string[], minus: string[] = []): Ballot => ({ plus, minus });
/** The errors as `code option params` lines, easy to compare. */
const line = (error: BallotError | undefined) =>
  error === undefined ? undefined : [error.code, ...(error.option === undefined ? [] : [error.option]), ...Object.entries(error.params ?? {}).map(([key, value]) => `${key}=${value}`)].join(' ');
const problems = (poll: PollDefinition, plus: string[], minus: string[] = []) => ballotErrors(poll, ballot(plus, minus)).map(line);

describe('ballotErrors: the options exist and the ballot is not empty', () => {
  test('an unknown option, in plus or minus, is the only error reported', () => {
    assert.deepEqual(problems(single, ['x']), ['unknown_option x']);
    assert.deepEqual(problems(decin, ['a', 'b', 'a', 'a'], ['zz']), ['unknown_option zz'], 'the counts are not checked against a ballot for another poll');
    assert.deepEqual(problems(multiple(), ['x', 'x', 'y']), ['unknown_option x', 'unknown_option y'], 'each unknown id once');
  });

  test('an empty ballot, whatever the method', () => {
    for (const poll of [single, multiple(), decin, budget()]) assert.deepEqual(problems(poll, []), ['empty_ballot'], poll.method);
  });
});

describe('ballotErrors: single', () => {
  test('one option passes', () => {
    for (const id of ['a', 'b', 'c']) assert.deepEqual(problems(single, [id]), []);
  });

  test('two options, the same option twice, or a minus vote are refused', () => {
    assert.deepEqual(problems(single, ['a', 'b']), ['too_many_choices max=1']);
    assert.deepEqual(problems(single, ['a', 'a']), ['duplicate_choice a', 'too_many_choices max=1']);
    assert.deepEqual(problems(single, ['a'], ['b']), ['minus_not_allowed']);
    assert.deepEqual(problems(single, [], ['b']), ['minus_not_allowed', 'too_few_choices min=1']);
  });
});

describe('ballotErrors: multiple', () => {
  test('by default, one to all options', () => {
    assert.deepEqual(problems(multiple(), ['a']), []);
    assert.deepEqual(problems(multiple(), ['a', 'b', 'c', 'd']), []);
  });

  test('within minChoices and maxChoices', () => {
    const poll = multiple(2, 3);
    assert.deepEqual(problems(poll, ['a']), ['too_few_choices min=2']);
    assert.deepEqual(problems(poll, ['a', 'b']), []);
    assert.deepEqual(problems(poll, ['c', 'a', 'd']), []);
    assert.deepEqual(problems(poll, ['a', 'b', 'c', 'd']), ['too_many_choices max=3']);
  });

  test('an option chosen twice counts as a duplicate, not as two choices met', () => {
    assert.deepEqual(problems(multiple(1, 2), ['a', 'a']), ['duplicate_choice a']);
    assert.deepEqual(problems(multiple(1, 2), ['a', 'a', 'b']), ['duplicate_choice a', 'too_many_choices max=2']);
  });

  test('maxChoices above the number of options means all of them', () => {
    assert.equal(maxPlus(multiple(1, 9)), 4);
    assert.deepEqual(problems(multiple(1, 9), ['a', 'b', 'c', 'd']), []);
  });

  test('minus votes are not part of it', () => {
    assert.deepEqual(problems(multiple(), ['a'], ['b']), ['minus_not_allowed']);
  });
});

describe('ballotErrors: D21', () => {
  test('valid ballots of Děčín’s rules: up to three plus votes, a minus vote after two', () => {
    assert.deepEqual(problems(decin, ['a']), []);
    assert.deepEqual(problems(decin, ['a', 'b']), []);
    assert.deepEqual(problems(decin, ['a', 'b', 'c']), []);
    assert.deepEqual(problems(decin, ['a', 'b'], ['e']), []);
    assert.deepEqual(problems(decin, ['c', 'a', 'b'], ['d']), []);
  });

  test('too many plus votes', () => {
    assert.deepEqual(problems(decin, ['a', 'b', 'c', 'd']), ['too_many_plus max=3']);
  });

  test('too many minus votes', () => {
    assert.deepEqual(problems(decin, ['a', 'b', 'c'], ['d', 'e']), ['too_many_minus max=1']);
    const two = d21({ plus: 4, minus: 2 });
    assert.deepEqual(problems(two, ['a'], ['b', 'c']), []);
    assert.deepEqual(problems(two, ['a'], ['b', 'c', 'd']), ['too_many_minus max=2']);
  });

  test('more plus votes on one option than maxPlusPerOption', () => {
    assert.deepEqual(problems(decin, ['a', 'a']), ['too_many_plus_on_option a max=1']);
    const two = d21({ plus: 4, minus: 1, maxPlusPerOption: 2 });
    assert.deepEqual(problems(two, ['a', 'a', 'b']), [], 'two on one option where two are allowed');
    assert.deepEqual(problems(two, ['a', 'a', 'a']), ['too_many_plus_on_option a max=2']);
  });

  test('the same option twice in minus', () => {
    assert.deepEqual(problems(d21({ plus: 3, minus: 2 }), ['a'], ['b', 'b']), ['duplicate_minus b']);
  });

  test('plus and minus on one option', () => {
    assert.deepEqual(problems(decin, ['a', 'b'], ['a']), ['plus_and_minus a']);
  });

  test('a minus vote before K plus votes (minusAfter)', () => {
    assert.deepEqual(problems(decin, ['a'], ['e']), ['minus_too_early after=2']);
    assert.deepEqual(problems(decin, [], ['e']), ['minus_too_early after=2']);
  });

  test('a minus vote before all plus votes (minusAfter "all")', () => {
    const all = d21({ plus: 3, minus: 1, minusAfter: 'all' });
    assert.deepEqual(problems(all, ['a', 'b'], ['e']), ['minus_before_all_plus plus=3']);
    assert.deepEqual(problems(all, ['a', 'b', 'c'], ['e']), []);
  });

  test('without minusAfter, a minus vote may come at any time (even alone)', () => {
    const anyTime = d21({ plus: 2, minus: 1 });
    assert.deepEqual(problems(anyTime, [], ['a']), []);
    assert.deepEqual(problems(anyTime, ['b'], ['a']), []);
  });

  test('a minus vote in a poll without minus votes', () => {
    const plusOnly = d21({ plus: 2, minus: 0 });
    assert.deepEqual(problems(plusOnly, ['a', 'b'], ['c']), ['minus_not_allowed']);
    assert.deepEqual(problems(plusOnly, [], ['c']), ['minus_not_allowed'], 'not also “too early”');
    assert.deepEqual(problems(plusOnly, ['a', 'b']), []);
  });

  test('several broken rules are all reported', () => {
    assert.deepEqual(problems(decin, ['a', 'a', 'b', 'c'], ['a', 'd']), ['too_many_plus max=3', 'too_many_minus max=1', 'too_many_plus_on_option a max=1', 'plus_and_minus a']);
  });
});

describe('ballotErrors: budget', () => {
  test('projects within the total pass; the total exactly is fine', () => {
    assert.deepEqual(problems(budget(), ['park']), []);
    assert.deepEqual(problems(budget(), ['park', 'lights', 'bench']), [], '850 000');
    assert.deepEqual(problems(budget(), ['park', 'path', 'bench']), [], '800 000');
    assert.deepEqual(problems(budget(), ['lights', 'path', 'bench']), [], '750 000');
  });

  test('over the total, with what was spent', () => {
    assert.deepEqual(problems(budget(), ['park', 'lights', 'path']), ['over_budget total=1000000 spent=1050000']);
  });

  test('under minSpend', () => {
    const poll = budget({ minSpend: 500_000 });
    assert.deepEqual(problems(poll, ['bench']), ['under_min_spend min=500000 spent=100000']);
    assert.deepEqual(problems(poll, ['park', 'bench']), [], 'exactly 500 000');
  });

  test('more projects than maxProjects', () => {
    const poll = budget({ maxProjects: 2 });
    assert.deepEqual(problems(poll, ['bench', 'path']), []);
    assert.deepEqual(problems(poll, ['bench', 'path', 'lights']), ['too_many_projects max=2']);
  });

  test('a project twice is a duplicate and is paid for once', () => {
    assert.deepEqual(problems(budget(), ['park', 'park', 'lights']), ['duplicate_choice park']);
    assert.equal(summarize(budget(), ballot(['park', 'park'])).spent, 400_000);
  });

  test('no minus votes in a budget ballot', () => {
    assert.deepEqual(problems(budget(), ['park'], ['bench']), ['minus_not_allowed']);
  });

  test('a D21 poll with a budget: the votes are not limited by the money', () => {
    const poll: PollDefinition = { ...decin, options: decin.options.map((option) => ({ ...option, cost: 900_000 })), budget: { total: 1_000_000 } };
    assert.deepEqual(problems(poll, ['a', 'b', 'c']), []);
  });
});

describe('summarize, maxPlus, maxMinus', () => {
  test('votes used and left, minus unlocked', () => {
    assert.deepEqual(summarize(decin, ballot(['a'])), { plusUsed: 1, minusUsed: 0, plusLeft: 2, minusLeft: 1, minusUnlocked: false, spent: 0 });
    assert.deepEqual(summarize(decin, ballot(['a', 'b'], ['c'])), { plusUsed: 2, minusUsed: 1, plusLeft: 1, minusLeft: 0, minusUnlocked: true, spent: 0 });
    assert.equal(summarize(d21({ plus: 2, minus: 0 }), ballot(['a', 'b'])).minusUnlocked, false, 'no minus votes at all');
    assert.deepEqual(summarize(budget(), ballot(['park', 'bench'])), { plusUsed: 2, minusUsed: 0, plusLeft: 2, minusLeft: 0, minusUnlocked: false, spent: 500_000 });
  });

  test('the most votes of each method', () => {
    assert.equal(maxPlus(single), 1);
    assert.equal(maxPlus(multiple()), 4);
    assert.equal(maxPlus(multiple(1, 2)), 2);
    assert.equal(maxPlus(decin), 3);
    assert.equal(maxPlus(budget()), 4);
    assert.equal(maxPlus(budget({ maxProjects: 2 })), 2);
    assert.equal(maxMinus(decin), 1);
    assert.equal(maxMinus(single), 0);
    assert.equal(maxMinus(budget()), 0);
  });
});

describe('plusBlocked: why a plus button may not add a vote now', () => {
  const blocked = (poll: PollDefinition, plus: string[], minus: string[], option: string) => line(plusBlocked(poll, ballot(plus, minus), option));

  test('single: choosing another option replaces the choice, never blocked', () => {
    assert.equal(blocked(single, ['a'], [], 'b'), undefined);
    assert.equal(blocked(single, ['a'], [], 'a'), undefined);
  });

  test('multiple: chosen already, or no choice left', () => {
    assert.equal(blocked(multiple(1, 2), [], [], 'a'), undefined);
    assert.equal(blocked(multiple(1, 2), ['a'], [], 'a'), 'duplicate_choice a');
    assert.equal(blocked(multiple(1, 2), ['a', 'b'], [], 'c'), 'too_many_choices max=2');
  });

  test('D21: all plus votes given', () => {
    assert.equal(blocked(decin, ['a', 'b'], [], 'c'), undefined);
    assert.equal(blocked(decin, ['a', 'b', 'c'], [], 'd'), 'too_many_plus max=3');
  });

  test('D21: the option has its most plus votes', () => {
    assert.equal(blocked(decin, ['a'], [], 'a'), 'too_many_plus_on_option a max=1');
    const two = d21({ plus: 4, minus: 1, maxPlusPerOption: 2 });
    assert.equal(blocked(two, ['a'], [], 'a'), undefined);
    assert.equal(blocked(two, ['a', 'a'], [], 'a'), 'too_many_plus_on_option a max=2');
  });

  test('D21: the option has a minus vote', () => {
    assert.equal(blocked(decin, ['a', 'b'], ['c'], 'c'), 'plus_and_minus c');
  });

  test('budget: too many projects, or the money does not reach', () => {
    assert.equal(blocked(budget(), ['park', 'lights'], [], 'bench'), undefined);
    assert.equal(blocked(budget(), ['park', 'lights'], [], 'path'), 'over_budget path total=1000000 spent=1050000');
    assert.equal(blocked(budget({ maxProjects: 2 }), ['bench', 'path'], [], 'park'), 'too_many_projects max=2');
    assert.equal(blocked(budget(), ['park'], [], 'park'), 'duplicate_choice park');
  });

  test('a blocked answer is exactly what ballotErrors would say after the click', () => {
    const cases: [PollDefinition, string[], string][] = [
      [decin, ['a', 'b', 'c'], 'd'],
      [decin, ['a'], 'a'],
      [multiple(1, 2), ['a', 'b'], 'c'],
      [budget({ maxProjects: 2 }), ['bench', 'path'], 'park'],
    ];
    for (const [poll, plus, option] of cases) {
      const reason = line(plusBlocked(poll, ballot(plus, []), option));
      assert.ok(problems(poll, [...plus, option]).includes(reason), `${poll.id}: ${reason}`);
    }
  });
});

describe('minusBlocked: why a minus button may not add a vote now', () => {
  const blocked = (poll: PollDefinition, plus: string[], minus: string[], option: string) => line(minusBlocked(poll, ballot(plus, minus), option));

  test('allowed after two plus votes under Děčín’s rules', () => {
    assert.equal(blocked(decin, ['a', 'b'], [], 'e'), undefined);
  });

  test('before K plus votes', () => {
    assert.equal(blocked(decin, ['a'], [], 'e'), 'minus_too_early after=2');
    assert.equal(blocked(decin, [], [], 'e'), 'minus_too_early after=2');
  });

  test('before all plus votes', () => {
    const all = d21({ plus: 3, minus: 1, minusAfter: 'all' });
    assert.equal(blocked(all, ['a', 'b'], [], 'e'), 'minus_before_all_plus plus=3');
    assert.equal(blocked(all, ['a', 'b', 'c'], [], 'e'), undefined);
  });

  test('the minus votes are used up', () => {
    assert.equal(blocked(decin, ['a', 'b'], ['d'], 'e'), 'too_many_minus max=1');
  });

  test('the option has a plus vote, or the minus vote already', () => {
    assert.equal(blocked(decin, ['a', 'b'], [], 'a'), 'plus_and_minus a');
    assert.equal(blocked(d21({ plus: 3, minus: 2 }), ['a'], ['d'], 'd'), 'duplicate_minus d');
  });

  test('no minus votes in the poll, or not a D21 poll', () => {
    assert.equal(blocked(d21({ plus: 2, minus: 0 }), ['a', 'b'], [], 'c'), 'minus_not_allowed');
    assert.equal(blocked(multiple(), ['a'], [], 'b'), 'minus_not_allowed');
    assert.equal(blocked(single, [], [], 'b'), 'minus_not_allowed');
    assert.equal(blocked(budget(), ['park'], [], 'bench'), 'minus_not_allowed');
  });

  test('a blocked answer is what ballotErrors would say after the click', () => {
    const cases: [PollDefinition, string[], string[], string][] = [
      [decin, ['a'], [], 'e'],
      [d21({ plus: 3, minus: 1, minusAfter: 'all' }), ['a', 'b'], [], 'e'],
      [decin, ['a', 'b'], ['d'], 'e'],
      [decin, ['a', 'b'], [], 'a'],
      [d21({ plus: 3, minus: 2 }), ['a'], ['d'], 'd'],
      [d21({ plus: 2, minus: 0 }), ['a', 'b'], [], 'c'],
    ];
    for (const [poll, plus, minus, option] of cases) {
      const reason = line(minusBlocked(poll, ballot(plus, minus), option));
      assert.ok(problems(poll, plus, [...minus, option]).includes(reason), `${poll.id}: ${reason}`);
    }
  });
});

describe('withoutLockedMinus', () => {
  test('taking back a plus vote below minusAfter takes the minus votes too', () => {
    assert.deepEqual(withoutLockedMinus(decin, ballot(['a'], ['e'])), ballot(['a']));
    assert.deepEqual(problems(decin, ...Object.values(withoutLockedMinus(decin, ballot(['a'], ['e']))) as [string[], string[]]), []);
  });

  test('a ballot still unlocked is the same ballot', () => {
    const kept = ballot(['a', 'b'], ['e']);
    assert.equal(withoutLockedMinus(decin, kept), kept);
    assert.deepEqual(withoutLockedMinus(d21({ plus: 3, minus: 1, minusAfter: 'all' }), ballot(['a', 'b'], ['e'])), ballot(['a', 'b']));
    assert.deepEqual(withoutLockedMinus(decin, ballot(['a'])), ballot(['a']));
  });
});

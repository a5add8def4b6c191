import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { demoBallots } from '../../demo/poll-ballots.js';
import { ballotErrors } from '../../src/polls/ballot.js';
import { parsePollDefinition } from '../../src/polls/check.js';
import { computeResults, type Tally } from '../../src/polls/results.js';

const root = new URL('../../', import.meta.url);

/** A valid single-choice poll, with these properties changed. */
const poll = (extra: Record<string, unknown> = {}) => ({
  id: 'autobus',
  title: 'Autobus',
  method: 'single',
  options: [
    { id: 'a', title: 'A' },
    { id: 'b', title: 'B' },
  ],
  voters: 'anyone',
  results: 'live',
  ...extra,
});
const projects = (...costs: (number | undefined)[]) => costs.map((cost, index) => ({ id: `p${index + 1}`, title: `P${index + 1}`, ...(cost === undefined ? {} : { cost }) }));
const d21 = (rules: Record<string, unknown>, extra: Record<string, unknown> = {}) => poll({ method: 'd21', d21: rules, voters: 'verified', options: projects(...Array(4).fill(undefined)), ...extra });
/** The errors of a definition as `path code` lines. */
const problems = (json: unknown) => parsePollDefinition(json).errors.map((error) => `${error.path} ${error.code}`);
const messageOf = (json: unknown, path: string) => parsePollDefinition(json).errors.find((error) => error.path === path)?.message ?? '';

describe('parsePollDefinition: the shape', () => {
  test('a valid definition comes back with no errors', () => {
    const { poll: parsed, errors } = parsePollDefinition(poll());
    assert.deepEqual(errors, []);
    assert.equal(parsed?.options[1]?.id, 'b');
  });

  test('not an object', () => {
    assert.deepEqual(problems('poll'), [' invalid_type']);
    assert.deepEqual(problems([poll()]), [' invalid_type']);
    assert.equal(parsePollDefinition('poll').poll, undefined);
  });

  test('a missing property is missing; a wrong type is a wrong type', () => {
    const { title: _, ...untitled } = poll();
    assert.deepEqual(problems(untitled), ['title missing']);
    assert.deepEqual(problems(poll({ voters: undefined })), ['voters missing']);
    assert.deepEqual(problems(poll({ options: [{ id: 'a' }, { title: 'B' }] })), ['options.0.title missing', 'options.1.id missing']);
    assert.deepEqual(problems(poll({ options: 'a, b' })), ['options invalid_type']);
    assert.deepEqual(problems(poll({ shuffle: 'yes' })), ['shuffle invalid_type']);
    assert.match(messageOf(poll({ shuffle: 'yes' }), 'shuffle'), /Expected boolean/);
  });

  test('a value not allowed names the values there are', () => {
    assert.deepEqual(problems(poll({ method: 'approval' })), ['method invalid_value']);
    assert.match(messageOf(poll({ method: 'approval' }), 'method'), /"single" or "multiple" or "d21" or "budget"/);
    assert.deepEqual(problems(poll({ results: 'never' })), ['results invalid_value']);
    assert.deepEqual(problems(poll({ voters: 'citizens' })), ['voters invalid_value']);
  });

  test('texts are a string or { cs, en }; a typo in a language is refused, not dropped', () => {
    assert.deepEqual(problems(poll({ title: { cs: 'Autobus', en: 'Bus' } })), []);
    assert.deepEqual(problems(poll({ title: { en: 'Bus' } })), ['title invalid']);
    assert.deepEqual(problems(poll({ title: 12 })), ['title invalid']);
    assert.deepEqual(problems(poll({ title: { cs: 'Autobus', em: 'Bus' } })), ['title.em unknown_property']);
    assert.deepEqual(problems(poll({ options: [{ id: 'a', title: 'A', description: { cs: 'A', eng: 'A' } }, { id: 'b', title: 'B' }] })), ['options.0.description.eng unknown_property']);
  });

  test('ids, URLs, moments and numbers that are malformed', () => {
    assert.deepEqual(problems(poll({ id: 'PB 2027' })), ['id invalid_format']);
    assert.match(messageOf(poll({ id: 'PB 2027' }), 'id'), /poll ids lower case/);
    assert.deepEqual(problems(poll({ id: 'pb-2027', options: [{ id: 'A_1', title: 'A' }, { id: 'b b', title: 'B' }] })), ['options.1.id invalid_format']);
    assert.deepEqual(problems(poll({ options: [{ id: 'a', title: 'A', image: 'http://example.cz/a.png', imageAlt: 'A' }, { id: 'b', title: 'B', image: '//cdn.example/b.png', imageAlt: 'B' }] })), ['options.0.image invalid_format', 'options.1.image invalid_format']);
    assert.deepEqual(problems(poll({ options: [{ id: 'a', title: 'A', link: 'javascript:alert(1)' }, { id: 'b', title: 'B', link: '/projekty/b' }] })), ['options.0.link invalid_format']);
    assert.deepEqual(problems(poll({ opens: '2027-03-01' })), ['opens invalid_format']);
    assert.match(messageOf(poll({ closes: '31. 3. 2027' }), 'closes'), /ISO 8601 moment with its offset/);
    assert.deepEqual(problems(poll({ opens: '2027-03-01T08:00:00+01:00', closes: '2027-03-31T23:59:59Z' })), []);
    assert.deepEqual(problems(poll({ minAge: 0 })), ['minAge invalid_format']);
    assert.deepEqual(problems(poll({ method: 'budget', budget: { total: 1.5 }, options: projects(1, 2) })), ['budget.total invalid_format']);
    assert.deepEqual(problems(poll({ method: 'budget', budget: { total: 10 }, options: projects(-1, 2) })), ['options.0.cost invalid_format']);
    assert.deepEqual(problems(d21({ plus: 0, minus: 1 })), ['d21.plus invalid_format']);
    assert.deepEqual(problems(d21({ plus: 3, minus: 1, minusAfter: 'some' })), ['d21.minusAfter invalid']);
    assert.match(messageOf(d21({ plus: 3, minus: 1, minusAfter: 'some' }), 'd21.minusAfter'), /whole number \(0 or more\) or "all"/);
    assert.deepEqual(problems(d21({ plus: 3, minus: 1, ranking: 'score' })), ['d21.ranking invalid_value']);
  });

  test('unknown properties are refused, at any depth', () => {
    assert.deepEqual(problems(poll({ colour: 'green' })), ['colour unknown_property']);
    assert.deepEqual(problems(poll({ options: [{ id: 'a', title: 'A', price: 5 }, { id: 'b', title: 'B' }] })), ['options.0.price unknown_property']);
    assert.deepEqual(problems(d21({ plus: 3, minus: 1, minusafter: 2 })), ['d21.minusafter unknown_property']);
    assert.deepEqual(problems(poll({ method: 'budget', budget: { total: 10, max: 2 }, options: projects(1, 2) })), ['budget.max unknown_property']);
  });
});

describe('checkPoll: across the document, each with its path', () => {
  test('at least two options, with unique ids', () => {
    assert.deepEqual(problems(poll({ options: [{ id: 'a', title: 'A' }] })), ['options too_few']);
    assert.deepEqual(problems(poll({ options: [] })), ['options too_few']);
    assert.deepEqual(problems(poll({ options: [{ id: 'a', title: 'A' }, { id: 'b', title: 'B' }, { id: 'a', title: 'C' }] })), ['options.2.id duplicate_id']);
    assert.match(messageOf(poll({ options: [{ id: 'a', title: 'A' }, { id: 'a', title: 'B' }] }), 'options.1.id'), /"a" appears twice/);
  });

  test('a picture needs its description', () => {
    assert.deepEqual(problems(poll({ options: [{ id: 'a', title: 'A', image: '/images/a.svg' }, { id: 'b', title: 'B' }] })), ['options.0.imageAlt missing']);
    assert.deepEqual(problems(poll({ options: [{ id: 'a', title: 'A', image: '/images/a.svg', imageAlt: { cs: 'Hřiště', en: 'Playground' } }, { id: 'b', title: 'B' }] })), []);
  });

  test('with a budget every project has its cost; without one, no option has', () => {
    assert.deepEqual(problems(poll({ method: 'budget', budget: { total: 100 }, options: projects(50, undefined, 20) })), ['options.1.cost missing']);
    assert.deepEqual(problems(poll({ options: projects(50, undefined) })), ['options.0.cost cost_without_budget']);
  });

  test('settings of another method', () => {
    assert.deepEqual(problems(poll({ minChoices: 1 })), ['minChoices not_for_method']);
    assert.deepEqual(problems(poll({ maxChoices: 2 })), ['maxChoices not_for_method']);
    assert.deepEqual(problems(poll({ d21: { plus: 2, minus: 0 } })), ['d21 not_for_method']);
    assert.match(messageOf(poll({ d21: { plus: 2, minus: 0 } }), 'd21'), /setting of the d21 method, not of single/);
  });

  test('multiple: minChoices and maxChoices within the options', () => {
    const multiple = (extra: Record<string, unknown>) => poll({ method: 'multiple', options: projects(...Array(3).fill(undefined)), ...extra });
    assert.deepEqual(problems(multiple({ minChoices: 1, maxChoices: 3 })), []);
    assert.deepEqual(problems(multiple({ maxChoices: 4 })), ['maxChoices out_of_range']);
    assert.deepEqual(problems(multiple({ minChoices: 3, maxChoices: 2 })), ['minChoices out_of_range']);
    assert.deepEqual(problems(multiple({ minChoices: 4 })), ['minChoices out_of_range'], 'more than all options');
  });

  test('d21: the rules are there and fit the options', () => {
    assert.deepEqual(problems(poll({ method: 'd21', voters: 'verified' })), ['d21 missing']);
    assert.deepEqual(problems(d21({ plus: 3, minus: 1, minusAfter: 2, ranking: 'net', excludeWhenMinusExceedsPlus: true })), []);
    assert.deepEqual(problems(d21({ plus: 5, minus: 1 })), ['d21.plus out_of_range'], '5 plus votes, 4 options, one each');
    assert.deepEqual(problems(d21({ plus: 5, minus: 1, maxPlusPerOption: 2 })), [], 'two each: 8 can be given');
    assert.deepEqual(problems(d21({ plus: 2, minus: 5 })), ['d21.minus out_of_range']);
    assert.deepEqual(problems(d21({ plus: 3, minus: 1, minusAfter: 4 })), ['d21.minusAfter out_of_range']);
    assert.match(messageOf(d21({ plus: 3, minus: 1, minusAfter: 4 }), 'd21.minusAfter'), /use "all"/);
    assert.deepEqual(problems(d21({ plus: 3, minus: 1, minusAfter: 'all' })), []);
    assert.deepEqual(problems(d21({ plus: 3, minus: 0, minusAfter: 2 })), ['d21.minusAfter not_for_method']);
    assert.deepEqual(problems(d21({ plus: 3, minus: 0 })), []);
  });

  test('budget: the method needs one; minSpend within the total; ballot rules only for the budget method', () => {
    assert.deepEqual(problems(poll({ method: 'budget', options: projects(1, 2) })), ['budget missing'], 'not also each project’s cost');
    assert.deepEqual(problems(poll({ method: 'budget', budget: { total: 100, minSpend: 50, maxProjects: 2 }, options: projects(40, 60) })), []);
    assert.deepEqual(problems(poll({ method: 'budget', budget: { total: 100, minSpend: 150 }, options: projects(40, 60) })), ['budget.minSpend out_of_range']);
    assert.deepEqual(problems(d21({ plus: 2, minus: 1 }, { budget: { total: 100, minSpend: 50 }, options: projects(40, 60, 70) })), ['budget not_for_method']);
    assert.deepEqual(problems(d21({ plus: 2, minus: 1 }, { budget: { total: 100 }, options: projects(40, 60, 70) })), [], 'a D21 participatory budget');
  });

  test('an age or residence limit needs verified voters', () => {
    assert.deepEqual(problems(poll({ minAge: 15 })), ['minAge needs_verified']);
    assert.deepEqual(problems(poll({ residentsOnly: true })), ['residentsOnly needs_verified']);
    assert.deepEqual(problems(poll({ residentsOnly: false })), []);
    assert.deepEqual(problems(poll({ voters: 'verified', minAge: 15, residentsOnly: true })), []);
  });

  test('opens before closes', () => {
    assert.deepEqual(problems(poll({ opens: '2027-04-01T00:00:00+02:00', closes: '2027-03-31T23:59:59+02:00' })), ['closes out_of_range']);
    assert.deepEqual(problems(poll({ opens: '2027-03-31T22:00:00Z', closes: '2027-04-01T00:00:00+02:00' })), ['closes out_of_range'], 'the same moment in two offsets');
    assert.deepEqual(problems(poll({ opens: '2027-03-01T00:00:00+01:00', closes: '2027-03-31T23:59:59+02:00' })), []);
  });

  test('every cross error at once, and no poll back', () => {
    const result = parsePollDefinition(poll({ options: [{ id: 'a', title: 'A', image: '/a.svg', cost: 5 }], minAge: 18, maxChoices: 2 }));
    assert.equal(result.poll, undefined);
    assert.deepEqual(result.errors.map((error) => `${error.path} ${error.code}`), ['options too_few', 'options.0.imageAlt missing', 'options.0.cost cost_without_budget', 'maxChoices not_for_method', 'minAge needs_verified']);
    assert.ok(result.errors.every((error) => error.message.length > 10));
  });
});

describe('the demo town’s polls (demo/polls)', () => {
  const files = readdirSync(new URL('demo/polls/', root)).filter((name) => name.endsWith('.json'));

  test('there are the four polls of the demo', () => {
    assert.deepEqual(files.sort(), ['autobus-2027.json', 'hriste-2027.json', 'pb-2026.json', 'pb-2027.json']);
  });

  for (const file of files) {
    test(`${file} is a valid poll definition named after its id, in Czech and English`, () => {
      const json: unknown = JSON.parse(readFileSync(new URL(`demo/polls/${file}`, root), 'utf8'));
      const { poll: parsed, errors } = parsePollDefinition(json);
      assert.deepEqual(errors, []);
      assert.equal(`${parsed!.id}.json`, file);
      const texts = [parsed!.title, parsed!.description, parsed!.question, ...parsed!.options.flatMap((option) => [option.title, option.description, option.imageAlt])];
      for (const text of texts) if (text !== undefined) assert.ok(typeof text === 'object' && text.cs && text.en, JSON.stringify(text));
      for (const option of parsed!.options) {
        if (option.image) assert.match(option.image, /^\/images\/pb\/[a-z0-9-]+\.svg$/);
        if (option.image) assert.ok(readFileSync(new URL(`demo/site${option.image}`, root), 'utf8').startsWith('<svg'), option.image);
      }
      // at least one valid ballot: every option alone (or the cheapest ones up to minSpend)
      if (parsed!.method !== 'budget') assert.deepEqual(ballotErrors(parsed!, { plus: [parsed!.options[0]!.id], minus: [] }), []);
    });
  }

  describe('their seeded ballots (demo/poll-ballots.ts)', () => {
    const now = Date.parse('2026-11-21T12:00:00Z');
    const seeded = demoBallots(now);
    const of = (id: string) => seeded.find((entry) => entry.poll.id === id)!;
    const resultsOf = (id: string) => {
      const { poll, ballots } = of(id);
      const tallies = new Map<string, Tally>(poll.options.map((option) => [option.id, { option: option.id, plus: 0, minus: 0 }]));
      for (const ballot of ballots) {
        for (const id of ballot.plus) tallies.get(id)!.plus += 1;
        for (const id of ballot.minus) tallies.get(id)!.minus += 1;
      }
      return computeResults(poll, [...tallies.values()]);
    };

    test('as many as the seed promises, on the right channels, with fixed unique voter keys', () => {
      const count = (id: string, channel: string) => of(id).ballots.filter((ballot) => ballot.channel === channel).length;
      assert.deepEqual(
        seeded.map(({ poll, ballots }) => `${poll.id} ${ballots.length}`),
        ['pb-2026 400', 'pb-2027 290', 'autobus-2027 120', 'hriste-2027 80'],
      );
      assert.deepEqual([count('pb-2027', 'verified'), count('pb-2027', 'paper'), count('autobus-2027', 'browser'), count('hriste-2027', 'verified')], [250, 40, 120, 80]);
      for (const { poll, ballots } of seeded) {
        assert.equal(new Set(ballots.map((ballot) => ballot.voter)).size, ballots.length, poll.id);
        assert.ok(ballots.every((ballot) => ballot.voter.startsWith(`seed:${poll.id}:`)), poll.id);
      }
      assert.deepEqual(seeded.filter((entry) => entry.closed).map((entry) => entry.poll.id), ['pb-2026']);
    });

    test('every ballot passes the rules of its poll, and was cast in its time', () => {
      for (const { poll, ballots } of seeded) {
        for (const ballot of ballots) {
          assert.deepEqual(ballotErrors(poll, ballot), [], `${ballot.voter}: ${JSON.stringify(ballot)}`);
          assert.ok(ballot.castAt.getTime() < now, ballot.voter);
          if (poll.opens) assert.ok(ballot.castAt.getTime() >= Date.parse(poll.opens), ballot.voter);
          if (poll.closes) assert.ok(ballot.castAt.getTime() <= Date.parse(poll.closes), ballot.voter);
        }
      }
    });

    test('the same ballots on every run (a restart adds nothing new)', () => {
      const again = demoBallots(now);
      assert.deepEqual(again, seeded);
      const later = demoBallots(now + 86_400_000);
      assert.deepEqual(later.map(({ ballots }) => ballots.map(({ voter, plus, minus }) => [voter, plus, minus])), seeded.map(({ ballots }) => ballots.map(({ voter, plus, minus }) => [voter, plus, minus])));
    });

    test('pb-2027: the car park is excluded by its minus votes; the pump track no longer fits, cheaper projects below it do', () => {
      const results = resultsOf('pb-2027');
      const row = (id: string) => results.rows.find((entry) => entry.option === id)!;
      assert.equal(row('parkoviste-hrbitov').excluded, true);
      assert.ok(results.rows.filter((entry) => entry.option !== 'parkoviste-hrbitov').every((entry) => !entry.excluded && entry.minus < entry.plus));
      assert.equal(row('pumptrack').funded, false);
      assert.ok(results.rows.some((entry) => entry.funded && entry.rank! > row('pumptrack').rank!), 'a project below the pump track is funded');
      assert.equal(results.rows[0]!.option, 'chodnik-ke-skole');
      assert.ok(of('pb-2027').ballots.some((ballot) => ballot.minus.length > 0));
    });

    test('pb-2026: knapsack ballots, and the funded projects leave no room for the next one', () => {
      const { poll } = of('pb-2026');
      const results = resultsOf('pb-2026');
      const funded = results.rows.filter((entry) => entry.funded);
      assert.ok(funded.length >= 3);
      assert.ok(results.budget!.allocated <= poll.budget!.total && results.budget!.allocated >= poll.budget!.minSpend!);
      const left = results.budget!.total - results.budget!.allocated;
      assert.ok(results.rows.filter((entry) => !entry.funded).every((entry) => entry.cost! > left));
    });
  });
});

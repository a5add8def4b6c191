import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { BallotError } from '../../src/polls/ballot.js';
import type { PollDefinition } from '../../src/polls/definition.js';
import type { IneligibleReason } from '../../src/polls/eligibility.js';
import { ballotErrorText, ineligibleText, pollMessages } from '../../src/polls/poll-messages.js';
import enMessages from '../../src/polls/poll-messages.en.js';
import { loadCatalog } from '../../src/i18n/translator.js';

/** Every code of a ballot error (src/polls/ballot.ts), with the parameters its message needs. */
const ERRORS: BallotError[] = [
  { code: 'empty_ballot' },
  { code: 'unknown_option', option: 'zz' },
  { code: 'duplicate_choice', option: 'park' },
  { code: 'too_few_choices', params: { min: 2 } },
  { code: 'too_many_choices', params: { max: 3 } },
  { code: 'minus_not_allowed' },
  { code: 'too_many_plus', params: { max: 3 } },
  { code: 'too_many_minus', params: { max: 1 } },
  { code: 'too_many_plus_on_option', option: 'park', params: { max: 1 } },
  { code: 'duplicate_minus', option: 'park' },
  { code: 'plus_and_minus', option: 'park' },
  { code: 'minus_too_early', params: { after: 2 } },
  { code: 'minus_before_all_plus', params: { plus: 3 } },
  { code: 'over_budget', params: { total: 1_500_000, spent: 1_650_000 } },
  { code: 'under_min_spend', params: { min: 500_000, spent: 120_000 } },
  { code: 'too_many_projects', params: { max: 4 } },
];
const REASONS: IneligibleReason[] = ['sign_in_required', 'under_age', 'birthdate_unknown', 'not_resident', 'address_unknown'];

const poll: PollDefinition = {
  id: 'pb-2027',
  title: 'PB',
  method: 'd21',
  options: [
    { id: 'park', title: { cs: 'Park u rybníka', en: 'Park by the pond' }, cost: 400_000 },
    { id: 'bench', title: 'Lavičky', cost: 100_000 },
  ],
  d21: { plus: 3, minus: 1 },
  budget: { total: 1_500_000 },
  voters: 'verified',
  results: 'live',
};
const cs = (error: BallotError) => ballotErrorText('cs', error, poll);
const en = (error: BallotError) => ballotErrorText('en', error, poll);
/** Money as Intl writes it: no-break spaces (Czech: between thousands and before Kč; English: after CZK). */
const nb = (text: string) => text.replaceAll(' ', '\u00a0');

describe('ballot error messages', () => {
  test('the catalogues have the same keys, and every code of ballot.ts is one of them', () => {
    assert.deepEqual(Object.keys(enMessages).sort(), Object.keys(pollMessages.cs).sort());
    for (const { code } of ERRORS) assert.ok(code in pollMessages.cs, code);
    for (const reason of REASONS) assert.ok(`ineligible.${reason}` in pollMessages.cs, reason);
  });

  test('every code has a Czech text with its placeholders filled in, each its own', () => {
    const texts = ERRORS.map((error) => cs(error));
    for (const [index, text] of texts.entries()) {
      assert.ok(text.length > 15, ERRORS[index]!.code);
      assert.doesNotMatch(text, /\{\w+\}/, `${ERRORS[index]!.code}: ${text}`);
    }
    assert.equal(new Set(texts).size, texts.length, 'no code falls back to another’s text');
  });

  test('an option is named by its title in the language, an unknown one by its id', () => {
    assert.equal(cs({ code: 'plus_and_minus', option: 'park' }), 'Jedné možnosti nemůžete dát kladný i záporný hlas („Park u rybníka“).');
    assert.equal(cs({ code: 'duplicate_choice', option: 'bench' }), 'Možnost „Lavičky“ je vybraná dvakrát.');
    assert.equal(cs({ code: 'unknown_option', option: 'zz' }), 'Možnost „zz“ v tomto hlasování není. Načtěte stránku znovu.');
  });

  test('money in over_budget and under_min_spend, as Czech writes it', () => {
    assert.equal(cs({ code: 'over_budget', params: { total: 1_500_000, spent: 1_650_000 } }), `Vybrané projekty stojí ${nb('1 650 000 Kč')}, rozpočet je ${nb('1 500 000 Kč')}. Některý projekt odeberte.`);
    assert.equal(cs({ code: 'under_min_spend', params: { min: 500_000, spent: 120_000 } }), `Vybrané projekty stojí ${nb('120 000 Kč')}. Vyberte projekty alespoň za ${nb('500 000 Kč')}.`);
  });

  test('Czech plural forms: 1, 2 and 5', () => {
    const plus = (max: number) => cs({ code: 'too_many_plus', params: { max } });
    assert.equal(plus(1), 'Máte jen 1 kladný hlas.');
    assert.equal(plus(2), 'Máte jen 2 kladné hlasy.');
    assert.equal(plus(5), 'Máte jen 5 kladných hlasů.');
    const minus = (max: number) => cs({ code: 'too_many_minus', params: { max } });
    assert.deepEqual([minus(1), minus(2), minus(5)], ['Máte jen 1 záporný hlas.', 'Máte jen 2 záporné hlasy.', 'Máte jen 5 záporných hlasů.']);
    const choices = (max: number) => cs({ code: 'too_many_choices', params: { max } });
    assert.deepEqual([choices(1), choices(2), choices(5)], ['Vyberte nejvýše 1 možnost.', 'Vyberte nejvýše 2 možnosti.', 'Vyberte nejvýše 5 možností.']);
    const fewest = (min: number) => cs({ code: 'too_few_choices', params: { min } });
    assert.deepEqual([fewest(1), fewest(2), fewest(5)], ['Vyberte alespoň 1 možnost.', 'Vyberte alespoň 2 možnosti.', 'Vyberte alespoň 5 možností.']);
    const projects = (max: number) => cs({ code: 'too_many_projects', params: { max } });
    assert.deepEqual([projects(1), projects(2), projects(5)], ['Vyberte nejvýše 1 projekt.', 'Vyberte nejvýše 2 projekty.', 'Vyberte nejvýše 5 projektů.']);
    const early = (after: number) => cs({ code: 'minus_too_early', params: { after } });
    assert.deepEqual([early(1), early(2), early(5)], [
      'Záporný hlas můžete dát až po 1 kladném hlasu.',
      'Záporný hlas můžete dát až po 2 kladných hlasech.',
      'Záporný hlas můžete dát až po 5 kladných hlasech.',
    ]);
    const all = (plus: number) => cs({ code: 'minus_before_all_plus', params: { plus } });
    assert.deepEqual([all(1), all(2), all(5)], [
      'Záporný hlas můžete dát, až rozdáte svůj 1 kladný hlas.',
      'Záporný hlas můžete dát, až rozdáte všechny 2 kladné hlasy.',
      'Záporný hlas můžete dát, až rozdáte všech 5 kladných hlasů.',
    ]);
    const perOption = (max: number) => cs({ code: 'too_many_plus_on_option', option: 'bench', params: { max } });
    assert.equal(perOption(1), 'Jedné možnosti můžete dát nejvýše 1 kladný hlas („Lavičky“).');
    assert.equal(perOption(2), 'Jedné možnosti můžete dát nejvýše 2 kladné hlasy („Lavičky“).');
    assert.equal(perOption(5), 'Jedné možnosti můžete dát nejvýše 5 kladných hlasů („Lavičky“).');
  });

  test('an unknown code (a rule newer than this widget) says in general that the vote breaks the rules, not its code', () => {
    const text = cs({ code: 'no_such_rule' });
    assert.match(text, /nejde přijmout/);
    assert.doesNotMatch(text, /no_such_rule/);
    assert.equal(cs({ code: 'ineligible.under_age' }), text, 'an eligibility text is not a ballot rule');
  });
});

describe('why someone may not vote', () => {
  test('every reason has a Czech text that says what to do or why', () => {
    for (const reason of REASONS) {
      const text = ineligibleText('cs', reason, 15);
      assert.ok(text.length > 30, reason);
      assert.doesNotMatch(text, /\{\w+\}/, `${reason}: ${text}`);
    }
    assert.match(ineligibleText('cs', 'not_resident'), /jen obyvatelé obce/);
    assert.match(ineligibleText('cs', 'address_unknown'), /Obraťte se na obecní úřad/);
    assert.match(ineligibleText('cs', 'sign_in_required'), /Identitu občana/);
  });

  test('the age limit in Czech plural forms', () => {
    assert.match(ineligibleText('cs', 'under_age', 1), /^Hlasovat mohou lidé od 1 roku\./);
    assert.match(ineligibleText('cs', 'under_age', 2), /^Hlasovat mohou lidé od 2 let\./);
    assert.match(ineligibleText('cs', 'under_age', 15), /^Hlasovat mohou lidé od 15 let\./);
  });
});

describe('English', () => {
  test('before it is loaded, the texts are Czech; once loaded, every code and reason is English', async () => {
    assert.equal(en({ code: 'minus_not_allowed' }), 'V tomto hlasování se záporné hlasy nedávají.');
    await loadCatalog(pollMessages, 'en');
    assert.equal(en({ code: 'minus_not_allowed' }), 'This vote has no minus votes.');
    for (const error of ERRORS) {
      const text = en(error);
      assert.doesNotMatch(text, /[ěščřžýáíéůúň]|\{\w+\}/i, `${error.code}: ${text}`);
    }
    for (const reason of REASONS) assert.doesNotMatch(ineligibleText('en', reason, 18), /[ěščřžýáíéůúň]|\{\w+\}/i, reason);
  });

  test('plural forms, option titles and money', async () => {
    await loadCatalog(pollMessages, 'en');
    assert.equal(en({ code: 'too_many_plus', params: { max: 1 } }), 'You have only 1 plus vote.');
    assert.equal(en({ code: 'too_many_plus', params: { max: 2 } }), 'You have only 2 plus votes.');
    assert.equal(en({ code: 'too_many_plus', params: { max: 5 } }), 'You have only 5 plus votes.');
    assert.equal(en({ code: 'minus_too_early', params: { after: 1 } }), 'You can give a minus vote after 1 plus vote.');
    assert.equal(en({ code: 'minus_too_early', params: { after: 2 } }), 'You can give a minus vote after 2 plus votes.');
    assert.equal(en({ code: 'plus_and_minus', option: 'park' }), 'You cannot give one option both a plus and a minus vote (“Park by the pond”).');
    assert.equal(en({ code: 'duplicate_minus', option: 'bench' }), 'You can give one option only one minus vote (“Lavičky”).', 'a title without English stays Czech');
    assert.equal(en({ code: 'over_budget', params: { total: 1_500_000, spent: 1_650_000 } }), `The chosen projects cost ${nb('CZK 1,650,000')}; the budget is ${nb('CZK 1,500,000')}. Remove a project.`);
    assert.equal(en({ code: 'under_min_spend', params: { min: 500_000, spent: 120_000 } }), `The chosen projects cost ${nb('CZK 120,000')}. Choose projects worth at least ${nb('CZK 500,000')}.`);
    assert.equal(ineligibleText('en', 'under_age', 15), 'People from the age of 15 can vote. By the birth date in your identity, you are not 15 yet.');
  });
});

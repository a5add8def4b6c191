import type { Translation } from '../i18n/translator.js';
import type { PollMessages } from './poll-messages.js';

/** English messages of ballot rules and eligibility, loaded only when a page is in English. */
export default {
  invalid_ballot: 'This vote cannot be accepted. Check your choices, or reload the page.',
  empty_ballot: 'Choose at least one option.',
  unknown_option: 'The option “{option}” is not in this vote. Reload the page.',
  duplicate_choice: 'The option “{option}” is chosen twice.',
  too_few_choices: { one: 'Choose at least {count} option.', other: 'Choose at least {count} options.' },
  too_many_choices: { one: 'Choose at most {count} option.', other: 'Choose at most {count} options.' },
  too_many_projects: { one: 'Choose at most {count} project.', other: 'Choose at most {count} projects.' },
  minus_not_allowed: 'This vote has no minus votes.',
  too_many_plus: { one: 'You have only {count} plus vote.', other: 'You have only {count} plus votes.' },
  too_many_minus: { one: 'You have only {count} minus vote.', other: 'You have only {count} minus votes.' },
  too_many_plus_on_option: {
    one: 'You can give one option at most {count} plus vote (“{option}”).',
    other: 'You can give one option at most {count} plus votes (“{option}”).',
  },
  duplicate_minus: 'You can give one option only one minus vote (“{option}”).',
  plus_and_minus: 'You cannot give one option both a plus and a minus vote (“{option}”).',
  minus_too_early: { one: 'You can give a minus vote after {count} plus vote.', other: 'You can give a minus vote after {count} plus votes.' },
  minus_before_all_plus: {
    one: 'You can give a minus vote once you have given your {count} plus vote.',
    other: 'You can give a minus vote once you have given all {count} plus votes.',
  },
  over_budget: 'The chosen projects cost {spent}; the budget is {total}. Remove a project.',
  under_min_spend: 'The chosen projects cost {spent}. Choose projects worth at least {min}.',
  'ineligible.sign_in_required': 'Only signed-in citizens, verified through the national identity, can vote.',
  'ineligible.under_age': {
    one: 'People from the age of {count} can vote. By the birth date in your identity, you are not {count} yet.',
    other: 'People from the age of {count} can vote. By the birth date in your identity, you are not {count} yet.',
  },
  'ineligible.birthdate_unknown': 'This vote has an age limit, but your identity gives no birth date. Please contact the town office.',
  'ineligible.not_resident': 'Only residents of the town can vote. By the address in your identity, you live elsewhere.',
  'ineligible.address_unknown': 'Only residents of the town can vote, but your identity gives no address. Please contact the town office.',
} satisfies Translation<PollMessages>;

import type { Lang } from '../i18n/lang.js';
import { formatMoney } from '../i18n/format.js';
import { defineMessages, Translator, type Params } from '../i18n/translator.js';
import { localized } from '../forms/definition.js';
import type { BallotError } from './ballot.js';
import type { PollDefinition } from './definition.js';
import type { IneligibleReason } from './eligibility.js';

/**
 * What a voter reads when a ballot breaks a rule, and why someone may not
 * vote. `{option}` is the option's title. Each message says what to do.
 */
const cs = {
  invalid_ballot: 'Tento hlas nejde přijmout. Zkontrolujte svůj výběr, nebo načtěte stránku znovu.',
  empty_ballot: 'Vyberte alespoň jednu možnost.',
  unknown_option: 'Možnost „{option}“ v tomto hlasování není. Načtěte stránku znovu.',
  duplicate_choice: 'Možnost „{option}“ je vybraná dvakrát.',
  too_few_choices: {
    one: 'Vyberte alespoň {count} možnost.',
    few: 'Vyberte alespoň {count} možnosti.',
    many: 'Vyberte alespoň {count} možnosti.',
    other: 'Vyberte alespoň {count} možností.',
  },
  too_many_choices: {
    one: 'Vyberte nejvýše {count} možnost.',
    few: 'Vyberte nejvýše {count} možnosti.',
    many: 'Vyberte nejvýše {count} možnosti.',
    other: 'Vyberte nejvýše {count} možností.',
  },
  too_many_projects: {
    one: 'Vyberte nejvýše {count} projekt.',
    few: 'Vyberte nejvýše {count} projekty.',
    many: 'Vyberte nejvýše {count} projektu.',
    other: 'Vyberte nejvýše {count} projektů.',
  },
  minus_not_allowed: 'V tomto hlasování se záporné hlasy nedávají.',
  too_many_plus: {
    one: 'Máte jen {count} kladný hlas.',
    few: 'Máte jen {count} kladné hlasy.',
    many: 'Máte jen {count} kladného hlasu.',
    other: 'Máte jen {count} kladných hlasů.',
  },
  too_many_minus: {
    one: 'Máte jen {count} záporný hlas.',
    few: 'Máte jen {count} záporné hlasy.',
    many: 'Máte jen {count} záporného hlasu.',
    other: 'Máte jen {count} záporných hlasů.',
  },
  too_many_plus_on_option: {
    one: 'Jedné možnosti můžete dát nejvýše {count} kladný hlas („{option}“).',
    few: 'Jedné možnosti můžete dát nejvýše {count} kladné hlasy („{option}“).',
    many: 'Jedné možnosti můžete dát nejvýše {count} kladného hlasu („{option}“).',
    other: 'Jedné možnosti můžete dát nejvýše {count} kladných hlasů („{option}“).',
  },
  duplicate_minus: 'Jedné možnosti můžete dát jen jeden záporný hlas („{option}“).',
  plus_and_minus: 'Jedné možnosti nemůžete dát kladný i záporný hlas („{option}“).',
  minus_too_early: {
    one: 'Záporný hlas můžete dát až po {count} kladném hlasu.',
    few: 'Záporný hlas můžete dát až po {count} kladných hlasech.',
    many: 'Záporný hlas můžete dát až po {count} kladného hlasu.',
    other: 'Záporný hlas můžete dát až po {count} kladných hlasech.',
  },
  minus_before_all_plus: {
    one: 'Záporný hlas můžete dát, až rozdáte svůj {count} kladný hlas.',
    few: 'Záporný hlas můžete dát, až rozdáte všechny {count} kladné hlasy.',
    many: 'Záporný hlas můžete dát, až rozdáte všech {count} kladného hlasu.',
    other: 'Záporný hlas můžete dát, až rozdáte všech {count} kladných hlasů.',
  },
  over_budget: 'Vybrané projekty stojí {spent}, rozpočet je {total}. Některý projekt odeberte.',
  under_min_spend: 'Vybrané projekty stojí {spent}. Vyberte projekty alespoň za {min}.',
  'ineligible.sign_in_required': 'Hlasovat mohou jen přihlášení občané, ověření přes Identitu občana.',
  'ineligible.under_age': {
    one: 'Hlasovat mohou lidé od {count} roku. Podle data narození z vaší identity vám tolik let ještě není.',
    few: 'Hlasovat mohou lidé od {count} let. Podle data narození z vaší identity vám tolik let ještě není.',
    many: 'Hlasovat mohou lidé od {count} roku. Podle data narození z vaší identity vám tolik let ještě není.',
    other: 'Hlasovat mohou lidé od {count} let. Podle data narození z vaší identity vám tolik let ještě není.',
  },
  'ineligible.birthdate_unknown': 'Hlasovat mohou lidé od určitého věku, ale vaše identita datum narození neuvádí. Obraťte se na obecní úřad.',
  'ineligible.not_resident': 'Hlasovat mohou jen obyvatelé obce. Podle adresy z vaší identity bydlíte jinde.',
  'ineligible.address_unknown': 'Hlasovat mohou jen obyvatelé obce, ale vaše identita adresu neuvádí. Obraťte se na obecní úřad.',
};
export type PollMessages = typeof cs;

/** Messages of ballot rules and of eligibility. English is loaded on demand. */
export const pollMessages = defineMessages({ cs, en: () => import('./poll-messages.en.js') });

/** Which parameter a plural message counts. */
const COUNTED: Record<string, string> = {
  too_few_choices: 'min',
  too_many_choices: 'max',
  too_many_projects: 'max',
  too_many_plus: 'max',
  too_many_minus: 'max',
  too_many_plus_on_option: 'max',
  minus_too_early: 'after',
  minus_before_all_plus: 'plus',
};

/**
 * The text of a broken ballot rule in a language. Load the language first
 * (`loadCatalog(pollMessages, lang)`), or the text is Czech.
 */
export function ballotErrorText(lang: Lang, error: BallotError, poll: PollDefinition): string {
  const params: Params = { ...error.params };
  for (const key of ['spent', 'total', 'min'] as const) {
    if (typeof params[key] === 'number' && (error.code === 'over_budget' || error.code === 'under_min_spend')) params[key] = formatMoney(lang, params[key] as number);
  }
  const counted = COUNTED[error.code];
  if (counted !== undefined) params.count = error.params?.[counted] ?? 0;
  if (error.option !== undefined) {
    const option = poll.options.find((item) => item.id === error.option);
    params.option = option ? localized(option.title, lang) : error.option;
  }
  const key = (Object.hasOwn(cs, error.code) && !error.code.startsWith('ineligible.') ? error.code : 'invalid_ballot') as keyof PollMessages;
  return new Translator(lang, pollMessages).t(key, params);
}

/** Why someone may not vote, in a language. */
export function ineligibleText(lang: Lang, reason: IneligibleReason, minAge?: number): string {
  return new Translator(lang, pollMessages).t(`ineligible.${reason}`, minAge === undefined ? {} : { count: minAge });
}

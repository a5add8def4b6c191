import type { Field } from './definition.js';
import { localized } from './definition.js';
import type { Lang } from '../i18n/lang.js';
import { formatBytes, formatDate } from '../i18n/format.js';
import { defineMessages, Translator, type Params } from '../i18n/translator.js';
import type { FormError } from './validate.js';

/**
 * What the citizen reads when an answer breaks a rule: one message per
 * error code, made specific by the field type where that helps ("Vyberte
 * jednu z možností." rather than "Vyplňte tento údaj."). Each says how to put
 * it right. Messages do not repeat the field's label: they are shown with it.
 */
const cs = {
  required: 'Vyplňte tento údaj.',
  'required.choice': 'Vyberte jednu z možností.',
  'required.checkboxes': 'Vyberte alespoň jednu možnost.',
  'required.yesno': 'Odpovězte Ano, nebo Ne.',
  'required.email': 'Zadejte e-mailovou adresu.',
  'required.phone': 'Zadejte telefonní číslo.',
  'required.number': 'Zadejte číslo.',
  'required.money': 'Zadejte částku v korunách.',
  'required.date': 'Zadejte datum.',
  'required.bank-account': 'Zadejte číslo účtu.',
  'required.file': 'Přiložte soubor.',
  'required.street': 'Zadejte ulici a číslo domu.',
  'required.city': 'Zadejte obec.',
  'required.postcode': 'Zadejte PSČ.',
  too_short: {
    one: 'Napište alespoň {count} znak. Teď jich je {length}.',
    few: 'Napište alespoň {count} znaky. Teď jich je {length}.',
    many: 'Napište alespoň {count} znaku. Teď jich je {length}.',
    other: 'Napište alespoň {count} znaků. Teď jich je {length}.',
  },
  too_long: {
    one: 'Zkraťte text na nejvýše {count} znak. Teď jich má {length}.',
    few: 'Zkraťte text na nejvýše {count} znaky. Teď jich má {length}.',
    many: 'Zkraťte text na nejvýše {count} znaku. Teď jich má {length}.',
    other: 'Zkraťte text na nejvýše {count} znaků. Teď jich má {length}.',
  },
  too_small: 'Zadejte číslo {min} nebo větší.',
  'too_small.money': 'Zadejte částku alespoň {min} Kč.',
  too_large: 'Zadejte číslo {max} nebo menší.',
  'too_large.money': 'Zadejte částku nejvýše {max} Kč.',
  pattern: 'Zadejte údaj ve správném tvaru.',
  email: 'Zadejte e-mail ve tvaru jmeno@example.cz.',
  phone: 'Zadejte telefonní číslo o 9 až 15 číslicích, například 601 123 456 nebo +420 601 123 456.',
  number: 'Zadejte číslo, například 12 nebo 3,5.',
  integer: 'Zadejte celé číslo, bez desetinné čárky.',
  money: 'Zadejte částku v korunách, nejvýše s haléři: například 1 500 nebo 1 500,50.',
  date: 'Zadejte skutečné datum, například 15. 3. 2027.',
  date_too_early: 'Zadejte datum {min} nebo pozdější.',
  date_too_late: 'Zadejte datum {max} nebo dřívější.',
  choice: 'Vyberte jednu z nabízených možností.',
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
  must_accept: 'Zaškrtněte políčko. Bez toho formulář nelze odeslat.',
  postcode: 'Zadejte PSČ o 5 číslicích, například 123 45.',
  bank_account: 'Číslo účtu nemá platnou kontrolní číslici. Zkontrolujte ho podle výpisu z banky.',
  'bank_account.format': 'Zadejte číslo účtu ve tvaru 123456789/0800, případně s předčíslím: 19-123456789/0800.',
  file_type: 'Soubor {name} nelze přiložit. Přiložte soubor typu {accept}.',
  file_too_large: 'Soubor {name} je příliš velký. Přiložte soubor o velikosti nejvýše {maxSize}.',
  too_many_files: {
    one: 'Přiložte jen {count} soubor. Ostatní odeberte.',
    few: 'Přiložte nejvýše {count} soubory. Ostatní odeberte.',
    many: 'Přiložte nejvýše {count} souboru. Ostatní odeberte.',
    other: 'Přiložte nejvýše {count} souborů. Ostatní odeberte.',
  },
  too_few_items: {
    one: 'Přidejte alespoň {count} položku.',
    few: 'Přidejte alespoň {count} položky.',
    many: 'Přidejte alespoň {count} položky.',
    other: 'Přidejte alespoň {count} položek.',
  },
  too_many_items: {
    one: 'Ponechte nejvýše {count} položku. Ostatní odeberte.',
    few: 'Ponechte nejvýše {count} položky. Ostatní odeberte.',
    many: 'Ponechte nejvýše {count} položky. Ostatní odeberte.',
    other: 'Ponechte nejvýše {count} položek. Ostatní odeberte.',
  },
  total_too_small: 'Součet musí být alespoň {min}. Teď je {total}.',
  'total_too_small.money': 'Celková částka musí být alespoň {min} Kč. Teď je {total} Kč.',
  total_too_large: 'Součet může být nejvýše {max}. Teď je {total}.',
  'total_too_large.money': 'Celková částka může být nejvýše {max} Kč. Teď je {total} Kč. Upravte položky.',
  unknown_field: 'Tento údaj formulář nezná; formulář se mezitím změnil. Načtěte stránku znovu.',
  invalid: 'Tento údaj se nepodařilo přečíst. Zadejte ho prosím znovu.',
};
export type FormMessages = typeof cs;

/** Messages of form errors, for every widget that shows a form. English is loaded on demand. */
export const formMessages = defineMessages({ cs, en: () => import('./form-messages.en.js') });

/** Which parameter a plural message counts. */
const COUNTED: Partial<Record<FormError['code'], string>> = {
  too_short: 'minLength',
  too_long: 'maxLength',
  too_few_choices: 'min',
  too_many_choices: 'max',
  too_many_files: 'maxFiles',
  too_few_items: 'min',
  too_many_items: 'max',
};

const ADDRESS_PARTS = new Set(['street', 'city', 'postcode']);
const REQUIRED_BY_TYPE = new Set(['yesno', 'email', 'phone', 'number', 'money', 'date', 'bank-account', 'file']);

function messageKey(error: FormError, field: Field | undefined): keyof FormMessages {
  const type = field?.type;
  switch (error.code) {
    case 'required': {
      const part = error.path.slice(error.path.lastIndexOf('.') + 1);
      if ((type === undefined || type === 'address') && ADDRESS_PARTS.has(part) && error.path.includes('.')) return `required.${part}` as keyof FormMessages;
      if (field?.type === 'choice') return field.display === 'checkboxes' ? 'required.checkboxes' : 'required.choice';
      return type !== undefined && REQUIRED_BY_TYPE.has(type) ? (`required.${type}` as keyof FormMessages) : 'required';
    }
    case 'too_small':
    case 'too_large':
      return type === 'money' ? `${error.code}.money` : error.code;
    case 'total_too_small':
    case 'total_too_large': {
      const totalField = field?.type === 'group' ? field.fields.find((item) => item.id === field.total?.field) : undefined;
      return totalField?.type === 'money' ? `${error.code}.money` : error.code;
    }
    case 'bank_account':
      return error.params?.problem === 'format' ? 'bank_account.format' : 'bank_account';
    default:
      return error.code;
  }
}

/**
 * The text of an error in a language. Dates come out as `1. 3. 2027`, sizes
 * as `5 MB`; a `pattern` error says the field's own `patternMessage` when it
 * has one. Load the language first (`loadCatalog(formMessages, lang)`), or
 * the text is Czech.
 *
 * @param field the field the error is about (in a group, the group's field;
 *   for `too_few_items` and totals, the group), for a message fitting its type.
 */
export function errorText(lang: Lang, error: FormError, field?: Field): string {
  if (error.code === 'pattern' && field?.type === 'text' && field.patternMessage !== undefined) return localized(field.patternMessage, lang);
  const params: Params = { ...error.params };
  if (error.code === 'date_too_early' || error.code === 'date_too_late') {
    for (const name of ['min', 'max']) if (typeof params[name] === 'string') params[name] = formatDate(lang, params[name] as string);
  }
  if (typeof params.maxSize === 'number') params.maxSize = formatBytes(lang, params.maxSize);
  const counted = COUNTED[error.code];
  if (counted !== undefined && params[counted] !== undefined) params.count = params[counted]!;
  return new Translator(lang, formMessages).t(messageKey(error, field), params);
}

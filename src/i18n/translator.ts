import type { Lang } from './lang.js';

/** A message with plural forms chosen by `Intl.PluralRules` from the `count` parameter. */
export type PluralMessage = Partial<Record<Intl.LDMLPluralRule, string>> & { other: string };
export type Message = string | PluralMessage;
export type MessageCatalog = Record<string, Message>;
export type Params = Record<string, string | number>;

/** Every language must translate every key of the Czech catalogue. */
export type Catalogs<M extends MessageCatalog> = { cs: M } & Record<Exclude<Lang, 'cs'>, { [K in keyof M]: Message }>;

/** Declares a widget's messages; the English catalogue is checked against the Czech one. */
export function defineMessages<M extends MessageCatalog>(catalogs: Catalogs<M>): Catalogs<M> {
  return catalogs;
}

const pluralRules = new Map<Lang, Intl.PluralRules>();
const numberFormats = new Map<Lang, Intl.NumberFormat>();

function rulesFor(lang: Lang): Intl.PluralRules {
  let rules = pluralRules.get(lang);
  if (!rules) pluralRules.set(lang, (rules = new Intl.PluralRules(lang)));
  return rules;
}

/** Formats numbers as the language writes them (`1 234,5` in Czech). */
export function formatNumber(lang: Lang, value: number): string {
  let format = numberFormats.get(lang);
  if (!format) numberFormats.set(lang, (format = new Intl.NumberFormat(lang)));
  return format.format(value);
}

/**
 * Translates message keys for one language. `{name}` placeholders are
 * replaced by parameters; numbers are formatted for the language; a plural
 * message picks its form by `count` (Czech: 1 hlas, 2 hlasy, 5 hlasů, 1,5 hlasu).
 */
export class Translator<M extends MessageCatalog> {
  constructor(
    readonly lang: Lang,
    private readonly catalogs: Catalogs<M>,
  ) {}

  t(key: keyof M & string, params: Params = {}): string {
    const message = (this.catalogs[this.lang] as MessageCatalog)[key] ?? this.catalogs.cs[key];
    if (message === undefined) return key;
    let text: string;
    if (typeof message === 'string') {
      text = message;
    } else {
      const count = Number(params.count ?? 0);
      text = message[rulesFor(this.lang).select(count)] ?? message.other;
    }
    return text.replace(/\{(\w+)\}/g, (whole, name: string) => {
      const value = params[name];
      if (value === undefined) return whole;
      return typeof value === 'number' ? formatNumber(this.lang, value) : value;
    });
  }
}

import type { Lang } from './lang.js';

/** A message with plural forms chosen by `Intl.PluralRules` from the `count` parameter. */
export type PluralMessage = Partial<Record<Intl.LDMLPluralRule, string>> & { other: string };
export type Message = string | PluralMessage;
export type MessageCatalog = Record<string, Message>;
export type Params = Record<string, string | number>;

/** A translation of the Czech catalogue `M`: the same keys, every one of them. */
export type Translation<M extends MessageCatalog> = { [K in keyof M]: Message };

/**
 * A widget's messages: Czech, the default, is bundled with the widget; every
 * other language is a module imported the first time a page asks for it, so
 * a Czech page never downloads the English text.
 */
export type Catalogs<M extends MessageCatalog> = { cs: M } & Record<
  Exclude<Lang, 'cs'>,
  Translation<M> | (() => Promise<{ default: Translation<M> }>)
>;

/** Declares a widget's messages; each translation is checked against the Czech keys. */
export function defineMessages<M extends MessageCatalog>(catalogs: Catalogs<M>): Catalogs<M> {
  return catalogs;
}

const loaded = new WeakMap<Catalogs<MessageCatalog>, Partial<Record<Lang, MessageCatalog>>>();

/** The catalogue for a language if it is already at hand. */
export function catalogFor<M extends MessageCatalog>(catalogs: Catalogs<M>, lang: Lang): Translation<M> | undefined {
  const entry = catalogs[lang];
  if (typeof entry !== 'function') return entry;
  return loaded.get(catalogs as unknown as Catalogs<MessageCatalog>)?.[lang] as Translation<M> | undefined;
}

/** Makes a language of these catalogues available to {@link Translator}; resolves at once when it is. */
export async function loadCatalog<M extends MessageCatalog>(catalogs: Catalogs<M>, lang: Lang): Promise<void> {
  const entry = catalogs[lang];
  if (typeof entry !== 'function' || catalogFor(catalogs, lang)) return;
  const { default: translation } = await entry();
  const key = catalogs as unknown as Catalogs<MessageCatalog>;
  loaded.set(key, { ...loaded.get(key), [lang]: translation });
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
 * A language not loaded yet (see {@link loadCatalog}) falls back to Czech.
 */
export class Translator<M extends MessageCatalog> {
  constructor(
    readonly lang: Lang,
    private readonly catalogs: Catalogs<M>,
  ) {}

  t(key: keyof M & string, params: Params = {}): string {
    const catalog = catalogFor(this.catalogs, this.lang) ?? this.catalogs.cs;
    const message = catalog[key] ?? this.catalogs.cs[key];
    if (message === undefined) return key;
    const lang = catalog === this.catalogs.cs ? 'cs' : this.lang;
    let text: string;
    if (typeof message === 'string') {
      text = message;
    } else {
      const count = Number(params.count ?? 0);
      text = message[rulesFor(lang).select(count)] ?? message.other;
    }
    return text.replace(/\{(\w+)\}/g, (whole, name: string) => {
      const value = params[name];
      if (value === undefined) return whole;
      return typeof value === 'number' ? formatNumber(lang, value) : value;
    });
  }
}

/** Languages every widget speaks. Czech is the default, as the law and the citizens expect. */
export const LANGS = ['cs', 'en'] as const;
export type Lang = (typeof LANGS)[number];
export const DEFAULT_LANG: Lang = 'cs';

/** Maps any BCP 47 tag (`cs-CZ`, `EN`, `en-GB`) to a supported language, or undefined. */
export function toLang(tag: string | null | undefined): Lang | undefined {
  const primary = tag?.trim().toLowerCase().split(/[-_]/)[0];
  return (LANGS as readonly string[]).includes(primary ?? '') ? (primary as Lang) : undefined;
}

/**
 * The widget language: the configured `lang` first, then the page's
 * `<html lang>`, then Czech.
 */
export function resolveLang(configured?: string | null, doc: Document = document): Lang {
  return toLang(configured) ?? toLang(doc.documentElement.lang) ?? DEFAULT_LANG;
}

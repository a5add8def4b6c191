/**
 * Everything said about a wrong or missing setting: the localized lines a
 * widget shows in its place and the English console lines a developer reads.
 * Loaded only on a page whose configuration has a problem, so a correctly
 * configured site never downloads it.
 */
import { defineMessages, Translator, type Params } from '../i18n/translator.js';
import type { Lang } from '../i18n/lang.js';
import { attributeOf, SETTING_NAMES, type ConfigIssue, type SettingName } from './config-schema.js';

const messages = defineMessages({
  cs: {
    title: 'Tuto službu se nepodařilo spustit',
    noticeTitle: 'Nastavení služeb obce obsahuje chybu',
    defaults: 'Služba zatím používá výchozí hodnoty.',
    missingPortal: 'Na stránce chybí nastavení <obec-portal>. Správce webu jej musí doplnit.',
    invalid: 'Nastavení „{attribute}“ v <obec-portal> je chybné: {expected}.',
    unknown: 'Nastavení „{attribute}“ v <obec-portal> neexistuje.',
    missing: 'V <obec-portal> chybí nastavení „{attribute}“: {expected}.',
    contact: 'Omlouváme se. Dejte prosím vědět správci webu obce.',
    api: 'adresa serveru obce (http:// nebo https://)',
    authority: 'adresa přihlašovací služby (http:// nebo https://)',
    clientId: 'identifikátor webu u přihlašovací služby',
    lang: 'jazyk „cs“ nebo „en“',
    theme: 'vzhled „light“, „dark“ nebo „auto“',
    timeout: 'celé číslo milisekund od 1000 do 120000',
    json: 'platný JSON s nastavením',
  },
  en: {
    title: 'This service could not start',
    noticeTitle: 'The town services’ settings contain a mistake',
    defaults: 'The service uses default values meanwhile.',
    missingPortal: 'The page has no <obec-portal> settings. The site administrator needs to add them.',
    invalid: 'The “{attribute}” setting of <obec-portal> is wrong: {expected}.',
    unknown: 'There is no “{attribute}” setting of <obec-portal>.',
    missing: 'The “{attribute}” setting of <obec-portal> is missing: {expected}.',
    contact: 'We are sorry. Please let the town’s web administrator know.',
    api: 'the town server address (http:// or https://)',
    authority: 'the sign-in service address (http:// or https://)',
    clientId: 'the site’s identifier at the sign-in service',
    lang: 'the language “cs” or “en”',
    theme: 'the look “light”, “dark” or “auto”',
    timeout: 'a whole number of milliseconds from 1000 to 120000',
    json: 'valid JSON settings',
  },
});

/** What each setting must look like, in English, for the console. */
const EXPECTED_EN: Record<SettingName | 'json', string> = {
  api: 'an absolute http(s) URL of the town backend API, e.g. "https://obec.example/api", or a path such as "/api"',
  authority: 'an absolute http(s) URL of the identity broker, e.g. "https://obec.example/oidc"',
  clientId: 'the non-empty client id this site is registered under at the broker',
  lang: '"cs" or "en"',
  theme: '"light", "dark" or "auto"',
  timeout: 'a whole number of milliseconds from 1000 to 120000',
  json: 'a JSON object inside <script type="application/json">',
};

export interface ConfigProblem {
  title: string;
  lines: string[];
  contact: string;
}

/**
 * The localized message about the settings: `blocking` when the widget cannot
 * work and shows it instead of itself, otherwise a notice above the working
 * widget (a wrong theme or an unknown key: defaults are used meanwhile).
 */
export function describeProblem(lang: Lang, issues: readonly ConfigIssue[] | 'no-portal', blocking: boolean): ConfigProblem {
  const translator = new Translator(lang, messages);
  const t = (key: keyof (typeof messages)['cs'], params?: Params) => translator.t(key, params);
  const lines =
    issues === 'no-portal'
      ? [t('missingPortal')]
      : issues.map((issue) => {
          if (issue.problem === 'unknown') return t('unknown', { attribute: issue.attribute });
          const expected = issue.problem === 'json' ? t('json') : t(issue.setting as SettingName);
          return t(issue.problem === 'missing' ? 'missing' : 'invalid', { attribute: issue.attribute, expected });
        });
  if (!blocking) lines.push(t('defaults'));
  return { title: blocking ? t('title') : t('noticeTitle'), lines, contact: t('contact') };
}

/** The one console line for a wrong setting, naming the attribute and what was expected. */
export function consoleLine(issue: ConfigIssue, received: unknown): string {
  if (issue.problem === 'json') return `obec-widgets: <obec-portal> ${issue.attribute} is invalid: expected ${EXPECTED_EN.json}.`;
  if (issue.problem === 'unknown') {
    return `obec-widgets: <obec-portal> "${issue.attribute}" is unknown: known settings are ${SETTING_NAMES.map(attributeOf).join(', ')}.`;
  }
  const expected = EXPECTED_EN[issue.setting as SettingName];
  if (issue.problem === 'missing') return `obec-widgets: <obec-portal> needs the "${issue.attribute}" attribute: expected ${expected}.`;
  return `obec-widgets: <obec-portal> "${issue.attribute}" is invalid: expected ${expected}, got ${JSON.stringify(received)}.`;
}

/** The console line for a widget on a page with no portal. */
export function noPortalLine(tag: string): string {
  return `obec-widgets: <${tag}> found no <obec-portal> on the page; add one with the "api" attribute.`;
}

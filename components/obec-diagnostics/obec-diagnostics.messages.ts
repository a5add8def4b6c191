import { defineMessages } from '../../src/i18n/translator.js';

const cs = {
  title: 'Kontrola nastavení widgetů obce',
  settings: 'Nastavení',
  api: 'Server obce (api)',
  authority: 'Přihlašovací služba (authority)',
  clientId: 'Identifikátor webu (client-id)',
  language: 'Jazyk',
  theme: 'Vzhled',
  notSet: 'nenastaveno',
  citizen: 'Přihlášený občan',
  nobody: 'nikdo',
  widgets: {
    one: 'Na stránce je {count} widget obce.',
    few: 'Na stránce jsou {count} widgety obce.',
    many: 'Na stránce je {count} widgetu obce.',
    other: 'Na stránce je {count} widgetů obce.',
  },
  backend: 'Spojení se serverem',
  checking: 'Ověřuji spojení se serverem…',
  ok: 'Server obce odpovídá (verze {version}).',
  recheck: 'Ověřit znovu',
  'lang.cs': 'čeština',
  'lang.en': 'angličtina',
  'theme.light': 'světlý (gov.cz)',
  'theme.dark': 'tmavý',
};
export type DiagnosticsMessages = typeof cs;

export const diagnosticsMessages = defineMessages({ cs, en: () => import('./obec-diagnostics.messages.en.js') });

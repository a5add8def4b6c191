import { defineMessages } from '../../src/i18n/translator.js';

const cs = {
  signIn: 'Přihlásit se',
  signInHint: 'přes Identitu občana (eObčanka, Mobilní klíč, bankovní identita…)',
  redirecting: 'Přesměrováváme na přihlášení…',
  signingOut: 'Odhlašujeme…',
  signedInAs: 'Přihlášen(a): {name}',
  menu: 'Nabídka účtu {name}',
  signOut: 'Odhlásit se',
  tryAgain: 'Zkusit znovu',
  'loa.loalow': 'nízká úroveň ověření',
  'loa.loasubstantial': 'značná úroveň ověření',
  'loa.loahigh': 'vysoká úroveň ověření',
  'error.cancelled': 'Přihlášení jste zrušili. Můžete to zkusit znovu, kdykoli budete chtít.',
  'error.idp-unavailable': 'Národní identitní autorita teď neodpovídá. Zkuste se prosím přihlásit za chvíli.',
  'error.broker-unavailable': 'Přihlašovací služba obce teď neodpovídá. Zkuste se prosím přihlásit za chvíli.',
  'error.stale': 'Tento odkaz na dokončení přihlášení už neplatí. Přihlaste se prosím znovu.',
  'error.expired': 'Vaše přihlášení vypršelo. Přihlaste se prosím znovu.',
  'error.failed': 'Přihlášení se nepodařilo. Zkuste to prosím znovu.',
};
export type LoginMessages = typeof cs;

export const loginMessages = defineMessages({ cs, en: () => import('./obec-login.messages.en.js') });

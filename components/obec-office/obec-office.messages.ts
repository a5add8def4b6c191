import { defineMessages } from '../../src/i18n/translator.js';

/** The words of `<obec-office>`, the office shell. */
const cs = {
  title: 'Úřad',
  loading: 'Načítáme…',
  loadFailed: 'Úřad se nepodařilo načíst. {reason}',
  tryAgain: 'Zkusit znovu',
  signedOut: 'Do úřadu se přihlaste jako pracovník obce.',
  signIn: 'Přihlásit se',
  notStaff: 'Jste přihlášeni, ale tato identita není mezi pracovníky úřadu. Pokud tu pracujete, požádejte správce, aby vás přidal.',
  noSections: 'Vaše role vám zatím nedovoluje žádnou část úřadu.',
  signedInAs: 'Přihlášen(a): {name}',
  roles: 'Role: {roles}',
  sections: 'Části úřadu',
  sectionFailed: 'Tuto část se nepodařilo načíst. {reason}',
  'role.admin': 'správce',
  'role.fees': 'poplatky',
  'role.forms': 'formuláře',
  'role.polls': 'ankety',
  'role.feedback': 'hlášení',
  'tab.fees': 'Poplatky',
  'tab.forms': 'Formuláře',
  'tab.polls': 'Ankety',
  'tab.reports': 'Hlášení',
  'tab.indicators': 'Ukazatele',
  'tab.staff': 'Pracovníci',
  'tab.audit': 'Záznam činností',
};

export type OfficeMessages = typeof cs;

/** Messages of `<obec-office>`; English is loaded when a page asks for it. */
export const officeMessages = defineMessages({ cs, en: () => import('./obec-office.messages.en.js') });

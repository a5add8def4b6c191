import { defineMessages } from './translator.js';

/** Messages of the shared core: API failures, seen in every widget. */
const cs = {
  'error.offline': 'Jste bez připojení k internetu. Až se připojíte, zkuste to znovu; nic z vyplněného se neztratí.',
  'error.unreachable': 'Server obce teď neodpovídá. Zkuste to prosím za chvíli.',
  'error.timeout': 'Server obce odpovídá příliš dlouho. Zkuste to prosím za chvíli.',
  'error.server': 'Na serveru obce nastala chyba. Zkuste to prosím později.',
  'error.schema': 'Server obce odpověděl nečekaně. Zkuste to prosím později.',
  'error.unauthorized': 'Vaše přihlášení vypršelo. Přihlaste se prosím znovu.',
  'error.forbidden': 'K této akci nemáte oprávnění.',
  'error.notFound': 'Hledaný záznam neexistuje.',
  'error.conflict': 'Záznam mezitím změnil někdo jiný. Načtěte jej prosím znovu.',
  'error.rateLimited': 'Příliš mnoho pokusů za krátkou dobu. Zkuste to prosím za chvíli.',
  'error.invalid': {
    one: 'Opravte prosím {count} údaj.',
    few: 'Opravte prosím {count} údaje.',
    many: 'Opravte prosím {count} údaje.',
    other: 'Opravte prosím {count} údajů.',
  },
  'error.request': 'Požadavek se nepodařilo zpracovat.',
  'error.aborted': 'Požadavek byl zrušen.',
};
export type CoreMessages = typeof cs;

export const coreMessages = defineMessages({ cs, en: () => import('./core-messages.en.js') });
export type CoreMessageKey = keyof CoreMessages;

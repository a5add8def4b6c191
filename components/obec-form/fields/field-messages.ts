import { defineMessages } from '../../../src/i18n/translator.js';

/**
 * The fields' own texts around the answers: yes/no, the parts of an address,
 * the file list, the character count, the optional marker. The messages of
 * validation errors are in `src/forms/form-messages.ts`.
 */
const cs = {
  /** gov.cz marks the fields that may stay empty, not the required ones. */
  optional: '(nepovinné)',
  errorPrefix: 'Chyba:',
  yes: 'Ano',
  no: 'Ne',
  choose: 'Vyberte…',
  street: 'Ulice a číslo domu',
  city: 'Obec',
  postcode: 'PSČ',
  postcodeHint: 'například 123 45',
  bankAccountHint: 'například 19-2000145399/0800',
  currency: 'Kč',
  charactersMax: {
    one: 'Můžete napsat nejvýše {count} znak.',
    few: 'Můžete napsat nejvýše {count} znaky.',
    many: 'Můžete napsat nejvýše {count} znaku.',
    other: 'Můžete napsat nejvýše {count} znaků.',
  },
  charactersLeft: {
    one: 'Zbývá {count} znak',
    few: 'Zbývají {count} znaky',
    many: 'Zbývá {count} znaku',
    other: 'Zbývá {count} znaků',
  },
  charactersOver: {
    one: 'O {count} znak víc, než je povoleno',
    few: 'O {count} znaky víc, než je povoleno',
    many: 'O {count} znaku víc, než je povoleno',
    other: 'O {count} znaků víc, než je povoleno',
  },
  fileHint: '{types}, nejvýše {size} na soubor',
  fileCount: {
    one: 'nejvýše {count} soubor',
    few: 'nejvýše {count} soubory',
    many: 'nejvýše {count} souboru',
    other: 'nejvýše {count} souborů',
  },
  fileList: 'Vybrané soubory',
  fileUploading: 'nahrává se…',
  fileRemove: 'Odebrat {name}',
  fileRemoveShort: 'Odebrat',
  fileChosen: 'Soubor {name} přiložen.',
  fileUploaded: 'Soubor {name} nahrán.',
  fileRemoved: 'Soubor {name} odebrán.',
  fileTooMany: {
    one: 'Soubor {name} jsme nepřiložili: přiložit lze nejvýše {count} soubor.',
    few: 'Soubor {name} jsme nepřiložili: přiložit lze nejvýše {count} soubory.',
    many: 'Soubor {name} jsme nepřiložili: přiložit lze nejvýše {count} souboru.',
    other: 'Soubor {name} jsme nepřiložili: přiložit lze nejvýše {count} souborů.',
  },
  fileFailed: 'Soubor {name} se nepodařilo nahrát. Zkontrolujte připojení a zkuste ho vybrat znovu.',
  fileWait: 'Počkejte prosím, až se soubory nahrají.',
};
export type FieldMessages = typeof cs;

export const fieldMessages = defineMessages({ cs, en: () => import('./field-messages.en.js') });

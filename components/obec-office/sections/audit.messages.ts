import { defineMessages } from '../../../src/i18n/translator.js';

/**
 * The words of `<obec-office-audit>`. `action.<METHOD path>` describes an
 * office call in words; an action without one shows as it is logged.
 */
const cs = {
  title: 'Záznam činností úřadu',
  hint: 'Každá změna a každý export osobních údajů, úspěšné i odmítnuté, nejnovější nahoře.',
  actor: 'Kdo',
  everyone: 'Všichni',
  token: 'Integrační token',
  loading: 'Načítáme…',
  loadFailed: 'Záznam se nepodařilo načíst. {reason}',
  tryAgain: 'Zkusit znovu',
  caption: 'Činnosti úřadu',
  empty: 'Zatím žádné záznamy.',
  colAt: 'Kdy',
  colActor: 'Kdo',
  colAction: 'Co',
  colTarget: 'Čeho se týká',
  colStatus: 'Výsledek',
  refused: 'odmítnuto ({status})',
  done: 'provedeno ({status})',
  failed: 'chyba serveru ({status})',
  older: 'Načíst starší',
  loaded: {
    one: 'Načten {count} další záznam.',
    few: 'Načteny {count} další záznamy.',
    many: 'Načteno {count} dalšího záznamu.',
    other: 'Načteno {count} dalších záznamů.',
  },
  end: 'Starší záznamy nejsou.',
  'action.PATCH /office/polls/{id}': 'Změna stavu ankety',
  'action.PUT /office/polls/{id}': 'Uložení ankety',
  'action.POST /office/polls/{id}/paper-ballots': 'Zápis listinných hlasů',
  'action.DELETE /office/polls/{id}/paper-ballots/{batch}': 'Odebrání listinných hlasů',
  'action.GET /office/polls/{id}/ballots.csv': 'Export hlasovacích lístků',
  'action.GET /office/polls/{id}/results.csv': 'Export výsledků ankety',
  'action.PUT /office/forms/{id}': 'Uložení formuláře',
  'action.PATCH /office/submissions/{id}': 'Změna stavu podání',
  'action.GET /office/forms/{id}/submissions.csv': 'Export podání',
  'action.GET /office/forms/{id}/export.zip': 'Export podání s přílohami',
  'action.GET /office/submissions/{id}/files/{uploadId}': 'Stažení přílohy podání',
  'action.PUT /office/fee-kinds/{code}': 'Uložení druhu poplatku',
  'action.POST /office/obligations/import': 'Import předpisů z CSV',
  'action.POST /office/obligations': 'Vložení předpisů',
  'action.PATCH /office/obligations/{id}': 'Změna předpisu',
  'action.DELETE /office/obligations/{id}': 'Smazání předpisu',
  'action.POST /office/bank-statements': 'Nahrání bankovního výpisu',
  'action.GET /office/payments.csv': 'Export plateb',
  'action.PATCH /office/reports/{id}': 'Změna stavu hlášení nebo odpověď',
  'action.PUT /office/report-categories': 'Uložení kategorií hlášení',
  'action.GET /office/reports.csv': 'Export hlášení',
  'action.GET /office/ratings.csv': 'Export hodnocení stránek',
  'action.PUT /office/staff/{id}': 'Uložení účtu pracovníka',
  'action.DELETE /office/staff/{id}': 'Odebrání účtu pracovníka',
};

export type OfficeAuditMessages = typeof cs;

/** Messages of `<obec-office-audit>`; English is loaded when a page asks for it. */
export const officeAuditMessages = defineMessages({ cs, en: () => import('./audit.messages.en.js') });

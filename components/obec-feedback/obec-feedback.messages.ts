import { defineMessages } from '../../src/i18n/translator.js';

/** The words of `<obec-feedback>`. */
const cs = {
  question: 'Pomohla vám tato stránka?',
  yes: 'Ano',
  no: 'Ne',
  sending: 'Odesíláme…',
  thanks: 'Děkujeme za odpověď.',
  commentYes: 'Chcete nám ještě něco vzkázat? (nepovinné)',
  commentNo: 'Co vám na stránce chybělo nebo co bychom měli zlepšit? (nepovinné)',
  commentHint: 'Neuvádějte osobní údaje. Pokud potřebujete odpověď, napište obecnímu úřadu.',
  charactersLeft: {
    one: 'Zbývá {count} znak.',
    few: 'Zbývají {count} znaky.',
    many: 'Zbývá {count} znaku.',
    other: 'Zbývá {count} znaků.',
  },
  tooLong: 'Vzkaz je delší než {max} znaků.',
  empty: 'Napište prosím vzkaz, nebo pole nechte prázdné.',
  send: 'Odeslat vzkaz',
  commentThanks: 'Děkujeme, vzkaz jsme předali obecnímu úřadu.',
  failed: 'Odpověď se nepodařilo odeslat. {reason}',
  commentFailed: 'Vzkaz se nepodařilo odeslat. {reason} Text zůstává, zkuste to prosím znovu.',
  honeypot: 'Nevyplňujte',
};

export type FeedbackMessages = typeof cs;

/** Messages of `<obec-feedback>`; English is loaded when a page asks for it. */
export const feedbackMessages = defineMessages({ cs, en: () => import('./obec-feedback.messages.en.js') });

import type { Translation } from '../../src/i18n/translator.js';
import type { FeedbackMessages } from './obec-feedback.messages.js';

export default {
  question: 'Was this page helpful?',
  yes: 'Yes',
  no: 'No',
  sending: 'Sending…',
  thanks: 'Thank you for your answer.',
  commentYes: 'Anything else you would like to tell us? (optional)',
  commentNo: 'What was missing, or what should we improve? (optional)',
  commentHint: 'Do not include personal details. If you need an answer, write to the town office.',
  charactersLeft: { one: '{count} character left.', other: '{count} characters left.' },
  tooLong: 'The message is longer than {max} characters.',
  empty: 'Please write a message, or leave the field empty.',
  send: 'Send the message',
  commentThanks: 'Thank you, we passed your message on to the town office.',
  failed: 'Your answer could not be sent. {reason}',
  commentFailed: 'Your message could not be sent. {reason} The text is kept; please try again.',
  honeypot: 'Do not fill in',
} satisfies Translation<FeedbackMessages>;

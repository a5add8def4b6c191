import type { Translation } from './translator.js';
import type { CoreMessages } from './core-messages.js';

/** English core messages, loaded only when a page is in English. */
export default {
  'error.offline': 'You are offline. Try again once you are connected; nothing you entered is lost.',
  'error.unreachable': 'The town server is not answering right now. Please try again in a moment.',
  'error.timeout': 'The town server is taking too long to answer. Please try again in a moment.',
  'error.server': 'Something went wrong on the town server. Please try again later.',
  'error.schema': 'The town server gave an unexpected answer. Please try again later.',
  'error.unauthorized': 'Your sign-in has expired. Please sign in again.',
  'error.forbidden': 'You are not allowed to do this.',
  'error.notFound': 'The record you are looking for does not exist.',
  'error.conflict': 'Someone else changed this record meanwhile. Please load it again.',
  'error.rateLimited': 'Too many attempts in a short time. Please try again in a moment.',
  'error.invalid': { one: 'Please correct {count} field.', other: 'Please correct {count} fields.' },
  'error.request': 'The request could not be processed.',
  'error.aborted': 'The request was cancelled.',
} satisfies Translation<CoreMessages>;

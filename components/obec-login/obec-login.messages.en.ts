import type { Translation } from '../../src/i18n/translator.js';
import type { LoginMessages } from './obec-login.messages.js';

export default {
  signIn: 'Sign in',
  signInHint: 'with the Czech national identity (eObčanka, Mobilní klíč, bank identity…)',
  redirecting: 'Taking you to sign in…',
  signingOut: 'Signing you out…',
  signedInAs: 'Signed in: {name}',
  menu: 'Account menu of {name}',
  signOut: 'Sign out',
  tryAgain: 'Try again',
  'loa.loalow': 'low level of assurance',
  'loa.loasubstantial': 'substantial level of assurance',
  'loa.loahigh': 'high level of assurance',
  'error.cancelled': 'You cancelled the sign-in. You can try again whenever you like.',
  'error.idp-unavailable': 'The national identity service is not answering right now. Please try to sign in again in a moment.',
  'error.broker-unavailable': 'The town’s sign-in service is not answering right now. Please try to sign in again in a moment.',
  'error.stale': 'This sign-in link is no longer valid. Please sign in again.',
  'error.expired': 'Your sign-in has expired. Please sign in again.',
  'error.failed': 'The sign-in did not succeed. Please try again.',
} satisfies Translation<LoginMessages>;

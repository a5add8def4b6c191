import type { Translation } from '../../src/i18n/translator.js';
import type { OfficeMessages } from './obec-office.messages.js';

export default {
  title: 'Town office',
  loading: 'Loading…',
  loadFailed: 'The office could not be loaded. {reason}',
  tryAgain: 'Try again',
  signedOut: 'Sign in as a member of the town office staff.',
  signIn: 'Sign in',
  notStaff: 'You are signed in, but this identity is not on the town office staff. If you work here, ask an administrator to add you.',
  noSections: 'Your roles do not open any part of the office yet.',
  signedInAs: 'Signed in: {name}',
  roles: 'Roles: {roles}',
  sections: 'Parts of the office',
  sectionFailed: 'This part could not be loaded. {reason}',
  'role.admin': 'administrator',
  'role.fees': 'fees',
  'role.forms': 'forms',
  'role.polls': 'polls',
  'role.feedback': 'reports',
  'tab.fees': 'Fees',
  'tab.forms': 'Forms',
  'tab.polls': 'Polls',
  'tab.reports': 'Reports',
  'tab.indicators': 'Indicators',
  'tab.staff': 'Staff',
  'tab.audit': 'Audit log',
} satisfies Translation<OfficeMessages>;

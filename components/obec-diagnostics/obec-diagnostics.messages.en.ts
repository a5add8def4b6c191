import type { Translation } from '../../src/i18n/translator.js';
import type { DiagnosticsMessages } from './obec-diagnostics.messages.js';

export default {
  title: 'Town widgets: set-up check',
  settings: 'Settings',
  api: 'Town server (api)',
  authority: 'Sign-in service (authority)',
  clientId: 'Site identifier (client-id)',
  language: 'Language',
  theme: 'Look',
  notSet: 'not set',
  citizen: 'Signed-in citizen',
  nobody: 'nobody',
  widgets: { one: 'There is {count} town widget on this page.', other: 'There are {count} town widgets on this page.' },
  backend: 'Connection to the server',
  checking: 'Checking the connection to the server…',
  ok: 'The town server answers (version {version}).',
  recheck: 'Check again',
  'lang.cs': 'Czech',
  'lang.en': 'English',
  'theme.light': 'light (gov.cz)',
  'theme.dark': 'dark',
} satisfies Translation<DiagnosticsMessages>;

import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import '../components/obec-diagnostics/obec-diagnostics.js';
import '../components/obec-portal/obec-portal.js';
import { API, expectWidgetText, portal, type Backend, type ThemeChoice } from './fixtures.js';

/** Story args are the portal's attributes, plus the fixture backend and a JSON settings block. */
interface PortalArgs {
  api?: string;
  authority?: string;
  'client-id'?: string;
  lang?: string;
  theme?: string;
  timeout?: string;
  /** Text of `<script type="application/json">` inside the portal; empty = none. */
  json?: string;
  /** How the fixture backend answers `GET {api}/health`. */
  backend: Backend;
  /** JS properties from the manifest; the stories set `fetch` from `backend`. */
  fetch?: typeof fetch;
  getAccessToken?: () => string | undefined;
}

const optional = (value: string | undefined) => (value === undefined || value === '' ? undefined : value);

// `<obec-portal>` renders nothing itself; each story shows it with an
// `<obec-diagnostics>` inside, which displays the effective settings or the
// localized message a widget shows for a wrong or missing one. Wrong
// settings are also reported once in the browser console (in English).
// (A line comment, not JSDoc: the docs page takes the element's description
// from custom-elements.json.)
const meta = {
  title: 'Configuration/obec-portal',
  component: 'obec-portal',
  tags: ['autodocs'],
  args: { api: API, lang: '', backend: 'ok' },
  argTypes: {
    lang: { control: { type: 'inline-radio', labels: { '': 'page (<html lang>)' } }, options: ['', 'cs', 'en'] },
    json: { control: 'text', description: 'Settings as a JSON block: `<script type="application/json">`.' },
    backend: {
      control: 'select',
      options: ['ok', 'pending', 'unreachable', 'error500', 'schema', 'timeout'],
      description: 'Fixture answer of `GET {api}/health` (passed through the `fetch` property).',
    },
    fetch: { control: false },
    getAccessToken: { control: false },
  },
  parameters: { portal: false },
  render: (args, context) =>
    portal(
      {
        backend: args.backend,
        api: optional(args.api) ?? null,
        authority: optional(args.authority),
        clientId: optional(args['client-id']),
        lang: optional(args.lang),
        theme: optional(args.theme),
        timeout: optional(args.timeout),
        json: optional(args.json),
      },
      context.globals.theme as ThemeChoice,
      html`<obec-diagnostics></obec-diagnostics>`,
    ),
} satisfies Meta<PortalArgs>;

export default meta;
type Story = StoryObj<PortalArgs>;

/** A complete configuration: backend, identity broker and client id; the backend answers. */
export const Configured: Story = {
  name: 'Good configuration',
  args: { authority: 'https://obec.example/oidc', 'client-id': 'obec-web' },
  play: async ({ canvasElement }) => {
    await expectWidgetText(canvasElement, 'Server obce odpovídá (verze 0.1.0).');
    await expectWidgetText(canvasElement, 'https://obec.example/oidc');
  },
};

/**
 * Long settings in the JSON block; attributes win over the JSON (`api` here
 * comes from the attribute).
 */
export const JsonSettings: Story = {
  name: 'Settings in a JSON block',
  args: { json: '{"authority": "https://obec.example/oidc", "clientId": "obec-web", "timeout": 20000}' },
  play: async ({ canvasElement }) => {
    await expectWidgetText(canvasElement, 'obec-web');
  },
};

/** `api="htps://obec.example/api"`: not an http(s) URL. */
export const InvalidApiUrl: Story = {
  name: 'Invalid api URL',
  args: { api: 'htps://obec.example/api' },
  play: async ({ canvasElement }) => {
    await expectWidgetText(
      canvasElement,
      'Nastavení „api“ v <obec-portal> je chybné: adresa serveru obce (http:// nebo https://).',
    );
  },
};

/** No `api` at all: every widget that talks to the backend shows this. */
export const MissingApi: Story = {
  name: 'Missing api',
  args: { api: '' },
  play: async ({ canvasElement }) => {
    await expectWidgetText(canvasElement, 'V <obec-portal> chybí nastavení „api“: adresa serveru obce (http:// nebo https://).');
  },
};

/**
 * The JSON block has a key that is no setting (`colour`). The portal reports
 * it in the console (`<obec-portal> "colour" is unknown …`) and ignores it;
 * every widget shows a notice above itself and keeps working with the valid rest.
 */
export const UnknownSettingInJson: Story = {
  name: 'Unknown setting (JSON block)',
  args: { api: '', json: '{"api": "https://obec.example/api", "colour": "green"}' },
  play: async ({ canvasElement }) => {
    await expectWidgetText(canvasElement, 'Nastavení „colour“ v <obec-portal> neexistuje.');
    await expectWidgetText(canvasElement, 'Server obce odpovídá (verze 0.1.0).');
  },
};

/** The JSON block is not valid JSON (trailing comma): every widget shows it, even when `api` is fine. */
export const BrokenJson: Story = {
  name: 'Broken JSON block',
  args: { json: '{"timeout": 20000,}' },
  play: async ({ canvasElement }) => {
    // The message names what to fix (the JSON block) and what it must be.
    await expectWidgetText(canvasElement, 'script[type="application/json"]');
    await expectWidgetText(canvasElement, 'platný JSON s nastavením');
  },
};

/**
 * `theme="purple"`: reported in the console; the widgets keep working in the
 * gov.cz light look (the "Vzhled" row) under a notice naming the setting.
 */
export const BadTheme: Story = {
  name: 'Bad theme',
  args: { theme: 'purple' },
  play: async ({ canvasElement }) => {
    await expectWidgetText(canvasElement, 'Nastavení „theme“ v <obec-portal> je chybné: vzhled „light“, „dark“ nebo „auto“.');
    await expectWidgetText(canvasElement, 'světlý (gov.cz)');
  },
};

/** `lang="en"`: all widgets speak English. */
export const English: Story = {
  name: 'English (lang="en")',
  args: { lang: 'en' },
  play: async ({ canvasElement }) => {
    await expectWidgetText(canvasElement, 'The town server answers (version 0.1.0).');
  },
};

/** `lang="en"` and no `api`: the configuration message in English. */
export const EnglishMissingApi: Story = {
  name: 'English, missing api',
  args: { lang: 'en', api: '' },
  play: async ({ canvasElement }) => {
    await expectWidgetText(canvasElement, 'The “api” setting of <obec-portal> is missing');
  },
};

/**
 * The portal stands empty in the page header; the widget sits in the article,
 * outside it, and still finds it. Shown in its own frame on the docs page,
 * where another story's portal would otherwise serve the widget.
 */
export const WidgetOutsidePortal: Story = {
  name: 'Widget outside the portal',
  parameters: { docs: { story: { inline: false, iframeHeight: 520 } } },
  render: (args, context) => html`
    <header>
      ${portal(
        { backend: args.backend, api: optional(args.api) ?? null, lang: optional(args.lang), theme: optional(args.theme) },
        context.globals.theme as ThemeChoice,
      )}
      <strong>Obec Vzorová</strong>
    </header>
    <main>
      <article>
        <h1 style="font-size: 1.25em">Úřední deska</h1>
        <obec-diagnostics></obec-diagnostics>
      </article>
    </main>
  `,
  play: async ({ canvasElement }) => {
    await expectWidgetText(canvasElement, 'Server obce odpovídá (verze 0.1.0).');
  },
};

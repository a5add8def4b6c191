import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import '../components/obec-diagnostics/obec-diagnostics.js';
import '../components/obec-portal/obec-portal.js';
import { expectWidgetText, type PortalFixture } from './fixtures.js';

interface DiagnosticsArgs {
  /** The widget's own `lang` attribute; empty = the portal's language. */
  lang: string;
}

// Every story gets an `<obec-portal>` from the global decorator, configured by
// its `portal` parameter: `backend` picks the fixture answer of
// `GET https://obec.example/api/health`; no request leaves the browser.
// (A line comment, not JSDoc: the docs page takes the element's description
// from custom-elements.json.)
const meta = {
  title: 'Widgets/obec-diagnostics',
  component: 'obec-diagnostics',
  tags: ['autodocs'],
  args: { lang: '' },
  argTypes: {
    lang: { control: { type: 'inline-radio', labels: { '': "portal's language" } }, options: ['', 'cs', 'en'] },
  },
  render: (args) => html`<obec-diagnostics lang=${ifDefined(args.lang || undefined)}></obec-diagnostics>`,
  parameters: {
    portal: { backend: 'ok' } satisfies PortalFixture,
  },
} satisfies Meta<DiagnosticsArgs>;

export default meta;
type Story = StoryObj<DiagnosticsArgs>;

/** The backend answers `{"status":"ok","version":"0.1.0"}`. */
export const BackendOk: Story = {
  name: 'Backend OK',
  play: async ({ canvasElement }) => {
    await expectWidgetText(canvasElement, 'Server obce odpovídá (verze 0.1.0).');
  },
};

/** The health request never settles: the widget keeps checking. */
export const Checking: Story = {
  name: 'Checking (pending forever)',
  parameters: { portal: { backend: 'pending' } satisfies PortalFixture },
  play: async ({ canvasElement }) => {
    await expectWidgetText(canvasElement, 'Ověřuji spojení se serverem…');
  },
};

/**
 * `fetch` rejects with `TypeError: Failed to fetch` (wrong host, DNS, CORS).
 * The API client tries a GET three times, so the message appears after about
 * two seconds.
 */
export const ServerUnreachable: Story = {
  name: 'Server unreachable',
  parameters: { portal: { backend: 'unreachable' } satisfies PortalFixture },
  play: async ({ canvasElement }) => {
    await expectWidgetText(canvasElement, 'Server obce teď neodpovídá.');
  },
};

/** The backend answers `500` with the contract's error body. */
export const ServerError: Story = {
  name: 'Server error 500',
  parameters: { portal: { backend: 'error500' } satisfies PortalFixture },
  play: async ({ canvasElement }) => {
    await expectWidgetText(canvasElement, 'Na serveru obce nastala chyba.');
  },
};

/** `GET /health` answers `200 {"healthy":true,"build":42}`, which is not the health contract. */
export const SchemaMismatch: Story = {
  name: 'Schema mismatch',
  parameters: { portal: { backend: 'schema' } satisfies PortalFixture },
  play: async ({ canvasElement }) => {
    await expectWidgetText(canvasElement, 'Server obce odpověděl nečekaně.');
  },
};

/**
 * The backend never answers; the portal has `timeout="1000"`, so each of the
 * three attempts gives up after a second and the message appears after
 * about four seconds.
 */
export const Timeout: Story = {
  parameters: { portal: { backend: 'timeout', timeout: '1000' } satisfies PortalFixture },
  play: async ({ canvasElement }) => {
    await expectWidgetText(canvasElement, 'Server obce odpovídá příliš dlouho.', { timeout: 10_000 });
  },
};

/**
 * A widget on a page with no `<obec-portal>` at all. Shown in its own frame
 * on the docs page, where the other stories' portals would serve it.
 */
export const MissingPortal: Story = {
  name: 'Missing portal',
  parameters: {
    portal: false,
    docs: { story: { inline: false, iframeHeight: 220 } },
  },
  play: async ({ canvasElement }) => {
    await expectWidgetText(canvasElement, 'Na stránce chybí nastavení <obec-portal>.');
  },
};

/** The portal says `lang="cs"` (also the default on a Czech page). */
export const Czech: Story = {
  name: 'Czech (lang="cs")',
  parameters: { portal: { backend: 'ok', lang: 'cs' } satisfies PortalFixture },
  play: async ({ canvasElement }) => {
    await expectWidgetText(canvasElement, 'Kontrola nastavení widgetů obce');
  },
};

/** The portal says `lang="en"`: every widget on the page speaks English. */
export const English: Story = {
  name: 'English (lang="en")',
  parameters: { portal: { backend: 'ok', lang: 'en' } satisfies PortalFixture },
  play: async ({ canvasElement }) => {
    await expectWidgetText(canvasElement, 'The town server answers (version 0.1.0).');
  },
};

/** English failure message: the server is unreachable. */
export const EnglishError: Story = {
  name: 'English, server unreachable',
  parameters: { portal: { backend: 'unreachable', lang: 'en' } satisfies PortalFixture },
  play: async ({ canvasElement }) => {
    await expectWidgetText(canvasElement, 'The town server is not answering right now.');
  },
};

/** Only this widget speaks English (`<obec-diagnostics lang="en">`); the portal stays Czech. */
export const EnglishWidgetOnly: Story = {
  name: 'English widget on a Czech page',
  args: { lang: 'en' },
  play: async ({ canvasElement }) => {
    await expectWidgetText(canvasElement, 'Town widgets: set-up check');
  },
};

/** `theme="dark"` on the portal, whatever the toolbar says; the widget matches `:state(dark)`. */
export const Dark: Story = {
  name: 'Dark theme',
  parameters: { portal: { backend: 'ok', theme: 'dark' } satisfies PortalFixture },
  play: async ({ canvasElement }) => {
    await expectWidgetText(canvasElement, 'tmavý');
  },
};

import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { userEvent } from 'storybook/test';
import '../components/obec-office/sections/reports.js';
import { FixtureSession, ZOFIE } from './fixture-session.js';
import { expectWidgetText, type PortalFixture } from './fixtures.js';
import { CLERK, officeReportsFetch, type OfficeReportsBackend } from './office-reports-fixtures.js';

// Fixtures only: a fetch answering the office's reports, categories and ratings. The real backend is in tests/flow.
const portal = (backend: OfficeReportsBackend = {}, extra: PortalFixture = {}) => ({
  portal: { fetch: officeReportsFetch(backend), session: new FixtureSession({ status: 'signed-in', citizen: ZOFIE }), ...extra } satisfies PortalFixture,
});

const meta = {
  title: 'Office/obec-office-reports',
  component: 'obec-office-reports',
  tags: ['autodocs'],
  render: () => html`<obec-office-reports .me=${CLERK}></obec-office-reports>`,
  parameters: portal(),
} satisfies Meta;

export default meta;
type Story = StoryObj;

const selector = 'obec-office-reports';
const shadow = (root: HTMLElement) => root.querySelector(selector)!.shadowRoot!;
const expectText = (root: HTMLElement, text: string) => expectWidgetText(root, text, { selector });
const press = async (root: HTMLElement, text: string) => {
  const button = [...shadow(root).querySelectorAll<HTMLButtonElement>('button')].find((candidate) => candidate.textContent!.trim() === text)!;
  await userEvent.click(button);
};
const openFirst = async (root: HTMLElement) => {
  await expectText(root, '2026/000010');
  await userEvent.click(shadow(root).querySelector<HTMLButtonElement>('#open-r-10')!);
  await expectText(root, 'Ověřená identita');
};

/** The list of reports with the filters and the CSV export. */
export const List: Story = { play: async ({ canvasElement }) => expectText(canvasElement, 'Hlášení: 3') };

/** Loading the reports. */
export const Loading: Story = { parameters: portal({ list: 'pending' }) };

/** The reports could not be loaded: a retry button. */
export const LoadError: Story = { name: 'Load error', parameters: portal({ list: 'error' }), play: async ({ canvasElement }) => expectText(canvasElement, 'Zkusit znovu') };

/** One report opened: photos, the reporter, history, the change form. */
export const Detail: Story = { play: async ({ canvasElement }) => openFirst(canvasElement) };

/** A change saved: the new state and the reply in the history. */
export const Saved: Story = {
  play: async ({ canvasElement }) => {
    await openFirst(canvasElement);
    await userEvent.selectOptions(shadow(canvasElement).querySelector('#new-state')!, 'in-progress');
    await userEvent.type(shadow(canvasElement).querySelector('#reply')!, 'Výměnu lampy jsme objednali.');
    await press(canvasElement, 'Uložit');
    await expectText(canvasElement, 'je uložené');
  },
};

/** A change the server refused: the error summary, the reply kept. */
export const Refused: Story = {
  parameters: portal({ change: { refuse: [{ path: 'reply', code: 'too_long' }] } }),
  play: async ({ canvasElement }) => {
    await openFirst(canvasElement);
    await userEvent.type(shadow(canvasElement).querySelector('#reply')!, 'Děkujeme za hlášení.');
    await press(canvasElement, 'Uložit');
    await expectText(canvasElement, 'Změnu se nepodařilo uložit');
  },
};

/** The categories editor. */
export const Categories: Story = {
  play: async ({ canvasElement }) => {
    await expectText(canvasElement, 'Hlášení: 3');
    await press(canvasElement, 'Kategorie');
    await expectText(canvasElement, 'Uložit kategorie');
  },
};

/** A category row with a bad code: the error summary. */
export const CategoriesRefused: Story = {
  name: 'Categories refused',
  play: async ({ canvasElement }) => {
    await expectText(canvasElement, 'Hlášení: 3');
    await press(canvasElement, 'Kategorie');
    await press(canvasElement, 'Přidat kategorii');
    await userEvent.type(shadow(canvasElement).querySelector('#cat-5-code')!, 'Stromy!');
    await press(canvasElement, 'Uložit kategorie');
    await expectText(canvasElement, 'Kategorie se nepodařilo uložit');
  },
};

/** The page ratings with the share helpful and the comments. */
export const Ratings: Story = {
  play: async ({ canvasElement }) => {
    await expectText(canvasElement, 'Hlášení: 3');
    await press(canvasElement, 'Hodnocení stránek');
    await expectText(canvasElement, 'Nenašel jsem poplatek za psa.');
  },
};

/** In English. */
export const English: Story = { parameters: portal({}, { lang: 'en' }), play: async ({ canvasElement }) => expectText(canvasElement, '3 reports') };

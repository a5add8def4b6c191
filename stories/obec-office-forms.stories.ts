import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { userEvent } from 'storybook/test';
import '../components/obec-office/sections/forms.js';
import { FixtureSession } from './fixture-session.js';
import { expectWidgetText, type PortalFixture } from './fixtures.js';
import { officeFormsFetch, type OfficeFormsBackend } from './office-forms-fixtures.js';
import { CLERK } from './office-polls-fixtures.js';

// Fixtures only: a fetch answering the office's forms API. The real backend is in tests/server.
const portal = (backend: OfficeFormsBackend = {}, extra: PortalFixture = {}) => ({
  portal: {
    fetch: officeFormsFetch(backend),
    session: new FixtureSession({ status: 'signed-in', citizen: { name: CLERK.name, loa: 'loasubstantial' } }),
    ...extra,
  } satisfies PortalFixture,
});

const meta = {
  title: 'Office/obec-office-forms',
  component: 'obec-office-forms',
  tags: ['autodocs'],
  render: () => html`<obec-office-forms .me=${CLERK}></obec-office-forms>`,
  parameters: portal(),
} satisfies Meta;

export default meta;
type Story = StoryObj;

const shadow = (root: HTMLElement) => root.querySelector('obec-office-forms')!.shadowRoot!;
const expectForms = (root: HTMLElement, text: string) => expectWidgetText(root, text, { selector: 'obec-office-forms' });
const press = async (root: HTMLElement, text: string) => {
  const button = [...shadow(root).querySelectorAll<HTMLButtonElement>('button')].find((candidate) => candidate.textContent!.trim() === text)!;
  await userEvent.click(button);
};
const FORM = 'Žádost o příspěvek pro spolek';

/** The forms with their submissions by state. */
export const List: Story = { play: async ({ canvasElement }) => expectForms(canvasElement, 'Vyřizuje se') };

/** Loading the list. */
export const Loading: Story = { parameters: portal({ list: 'pending' }) };

/** The list could not be loaded. */
export const LoadError: Story = { name: 'Load error', parameters: portal({ list: 'error' }), play: async ({ canvasElement }) => expectForms(canvasElement, 'Zkusit znovu') };

/** A definition as JSON, loaded from the public GET /forms/:id. */
export const Definition: Story = {
  play: async ({ canvasElement }) => {
    await expectForms(canvasElement, FORM);
    await press(canvasElement, `Definice: ${FORM}`);
    await expectForms(canvasElement, 'Zkontrolovat');
  },
};

/** A broken definition: its problems by path. */
export const DefinitionErrors: Story = {
  name: 'Definition errors',
  play: async ({ canvasElement }) => {
    await expectForms(canvasElement, FORM);
    await press(canvasElement, 'Nový formulář');
    await expectForms(canvasElement, 'Zkontrolovat');
    const area = shadow(canvasElement).querySelector<HTMLTextAreaElement>('#definition-json')!;
    area.value = area.value.replace('"steps": [', '"steps": [], "x": [');
    area.dispatchEvent(new Event('input'));
    await press(canvasElement, 'Zkontrolovat');
    await expectForms(canvasElement, 'Definici nejde uložit');
  },
};

/** A new form from the template, stored. */
export const NewForm: Story = {
  name: 'New form stored',
  play: async ({ canvasElement }) => {
    await expectForms(canvasElement, FORM);
    await press(canvasElement, 'Nový formulář');
    await expectForms(canvasElement, 'Uložit definici');
    await press(canvasElement, 'Uložit definici');
    await expectForms(canvasElement, 'Uložena verze 1.');
  },
};

/** A form's submissions. */
export const Submissions: Story = {
  play: async ({ canvasElement }) => {
    await expectForms(canvasElement, FORM);
    await press(canvasElement, `Podání: ${FORM}`);
    await expectForms(canvasElement, '2026/000126');
  },
};

/** One submission: answers, identity, files, history and the state change. */
export const Submission: Story = {
  play: async ({ canvasElement }) => {
    await expectForms(canvasElement, FORM);
    await press(canvasElement, `Podání: ${FORM}`);
    await expectForms(canvasElement, '2026/000126');
    await press(canvasElement, '2026/000126');
    await expectForms(canvasElement, 'Změnit stav');
  },
};

/** A state change that failed: the note stays. */
export const StateFailed: Story = {
  name: 'State change failed',
  parameters: portal({ patch: 'offline' }),
  play: async ({ canvasElement }) => {
    await expectForms(canvasElement, FORM);
    await press(canvasElement, `Podání: ${FORM}`);
    await expectForms(canvasElement, '2026/000125');
    await press(canvasElement, '2026/000125');
    await expectForms(canvasElement, 'Změnit stav');
    await userEvent.type(shadow(canvasElement).querySelector('#state-note')!, 'Doplňte rozpočet.');
    await userEvent.click(shadow(canvasElement).querySelector<HTMLButtonElement>('form button[type="submit"]')!);
    await expectForms(canvasElement, 'Stav se nepodařilo změnit');
  },
};

/** In English. */
export const English: Story = { parameters: portal({}, { lang: 'en' }), play: async ({ canvasElement }) => expectForms(canvasElement, 'In progress') };

import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { userEvent } from 'storybook/test';
import '../components/obec-office/sections/polls.js';
import { FixtureSession } from './fixture-session.js';
import { expectWidgetText, type PortalFixture } from './fixtures.js';
import { CLERK, officePollsFetch, type OfficePollsBackend } from './office-polls-fixtures.js';

// Fixtures only: a fetch answering the office's polls API. The real backend is in tests/server.
const portal = (backend: OfficePollsBackend = {}, extra: PortalFixture = {}) => ({
  portal: {
    fetch: officePollsFetch(backend),
    session: new FixtureSession({ status: 'signed-in', citizen: { name: CLERK.name, loa: 'loasubstantial' } }),
    ...extra,
  } satisfies PortalFixture,
});

const meta = {
  title: 'Office/obec-office-polls',
  component: 'obec-office-polls',
  tags: ['autodocs'],
  render: () => html`<obec-office-polls .me=${CLERK}></obec-office-polls>`,
  parameters: portal(),
} satisfies Meta;

export default meta;
type Story = StoryObj;

const shadow = (root: HTMLElement) => root.querySelector('obec-office-polls')!.shadowRoot!;
const expectPolls = (root: HTMLElement, text: string) => expectWidgetText(root, text, { selector: 'obec-office-polls' });
const press = async (root: HTMLElement, text: string) => {
  const button = [...shadow(root).querySelectorAll<HTMLButtonElement>('button')].find((candidate) => candidate.textContent!.trim() === text)!;
  await userEvent.click(button);
};
const open = async (root: HTMLElement, title = 'Jak pojmenovat nové náměstí?') => {
  await expectPolls(root, title);
  await press(root, title);
  await expectPolls(root, 'Stáhnout výsledky (CSV)');
};

/** Every poll: open, closed, published, draft. */
export const List: Story = { play: async ({ canvasElement }) => expectPolls(canvasElement, 'Výsledky zveřejněny') };

/** Loading the list. */
export const Loading: Story = { parameters: portal({ list: 'pending' }) };

/** The list could not be loaded: a retry button. */
export const LoadError: Story = { name: 'Load error', parameters: portal({ list: 'error' }), play: async ({ canvasElement }) => expectPolls(canvasElement, 'Zkusit znovu') };

/** An open poll: its phase, the status actions and the live results. */
export const Detail: Story = { play: async ({ canvasElement }) => open(canvasElement) };

/** A participatory budget with published results: costs and funded projects. */
export const BudgetResults: Story = { name: 'Budget results', play: async ({ canvasElement }) => open(canvasElement, 'Projekty pro Javornou Lhotu') };

/** Back to draft refused: the poll has ballots. */
export const Refused: Story = {
  name: 'Back to draft refused',
  play: async ({ canvasElement }) => {
    await open(canvasElement);
    await press(canvasElement, 'Vrátit do konceptu');
    await expectPolls(canvasElement, 'Hlasování už má hlasy');
  },
};

/** A new poll: the guided editor. */
export const NewPoll: Story = {
  name: 'New poll',
  play: async ({ canvasElement }) => {
    await expectPolls(canvasElement, 'Nové hlasování');
    await press(canvasElement, 'Nové hlasování');
    await expectPolls(canvasElement, 'Upřesnit v JSON');
  },
};

/** Saved empty: the error summary and the problems at their fields. */
export const Errors: Story = {
  name: 'Error summary',
  play: async ({ canvasElement }) => {
    await expectPolls(canvasElement, 'Nové hlasování');
    await press(canvasElement, 'Nové hlasování');
    await expectPolls(canvasElement, 'Uložit');
    await press(canvasElement, 'Uložit');
    await expectPolls(canvasElement, 'Hlasování nejde uložit');
  },
};

/** Editing a budget: projects with costs, and "Upřesnit v JSON" open. */
export const EditBudget: Story = {
  name: 'Edit a budget, JSON',
  play: async ({ canvasElement }) => {
    await open(canvasElement, 'Projekty pro Javornou Lhotu');
    await press(canvasElement, 'Upravit');
    await expectPolls(canvasElement, 'Cena možnosti 1 (Kč)');
    shadow(canvasElement).querySelector('details')!.open = true;
  },
};

/** The server refuses the change: the poll has ballots. Everything typed stays. */
export const ServerRefused: Story = {
  name: 'Save refused (poll has ballots)',
  parameters: portal({ put: 'has-ballots' }),
  play: async ({ canvasElement }) => {
    await open(canvasElement);
    await press(canvasElement, 'Upravit');
    await expectPolls(canvasElement, 'Uložit');
    await press(canvasElement, 'Uložit');
    await expectPolls(canvasElement, 'Hlasování už má hlasy');
  },
};

/** In English. */
export const English: Story = { parameters: portal({}, { lang: 'en' }), play: async ({ canvasElement }) => expectPolls(canvasElement, 'Results published') };

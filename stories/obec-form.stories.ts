import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { userEvent } from 'storybook/test';
import '../components/obec-form/obec-form.js';
import { CLUB_ANSWERS, formFetch, SUBMISSIONS, ZOFIE_ME, type FormBackend } from './form-fixtures.js';
import { FixtureSession, ZOFIE } from './fixture-session.js';
import { expectWidgetText, type PortalFixture } from './fixtures.js';

// Fixtures only: a fetch answering the forms API and a fixture session. The
// real backend, drafts across devices and the cut network are in tests/flow.
const DRAFT_KEY = 'obec-form:https://obec.example/api:club-grant';

const backend = (options: FormBackend = {}, extra: PortalFixture = {}) => ({
  portal: { fetch: formFetch(options), session: new FixtureSession(), ...extra } satisfies PortalFixture,
});
const signedIn = (options: FormBackend = {}, extra: PortalFixture = {}) =>
  backend(options, { session: new FixtureSession({ status: 'signed-in', citizen: ZOFIE }), ...extra });

/** Starts the story from a draft in this browser: answers, and the step it was left on. */
const withDraft = (answers: object, step: string) => () => {
  localStorage.setItem(DRAFT_KEY, JSON.stringify({ version: 3, answers, step, updatedAt: '2026-11-20T18:30:00Z' }));
  return () => localStorage.removeItem(DRAFT_KEY);
};
const noDraft = () => {
  localStorage.removeItem(DRAFT_KEY);
  return () => localStorage.removeItem(DRAFT_KEY);
};

const meta = {
  title: 'Widgets/obec-form',
  component: 'obec-form',
  tags: ['autodocs'],
  render: () => html`<obec-form form-id="club-grant"></obec-form>`,
  parameters: backend(),
  beforeEach: noDraft,
} satisfies Meta;

export default meta;
type Story = StoryObj;

const expectForm = (root: HTMLElement, text: string) => expectWidgetText(root, text, { selector: 'obec-form' });
const shadow = (root: HTMLElement) => root.querySelector('obec-form')!.shadowRoot!;
const clickButton = async (root: HTMLElement, text: string) => {
  const button = [...shadow(root).querySelectorAll<HTMLButtonElement>('button')].find((candidate) => candidate.textContent!.includes(text))!;
  await userEvent.click(button);
};

/** The first step, with the progress line. */
export const FirstStep: Story = { name: 'First step', play: async ({ canvasElement }) => expectForm(canvasElement, 'Krok 1 z 2') };

/** The definition is on its way. */
export const Loading: Story = { parameters: backend({ definition: undefined }, { fetch: () => new Promise<Response>(() => {}) }), play: async ({ canvasElement }) => expectForm(canvasElement, 'Načítáme formulář') };

/** The town took the form down. */
export const NotFound: Story = { name: 'Form not found', parameters: backend({ definition: 'missing' }), play: async ({ canvasElement }) => expectForm(canvasElement, 'Tento formulář tu už není') };

/** The backend failed: a retry button. */
export const LoadError: Story = { name: 'Load error', parameters: backend({ definition: 'error' }), play: async ({ canvasElement }) => expectForm(canvasElement, 'Zkusit znovu') };

/** "Continue" with nothing filled in: the error summary takes focus and links to each field. */
export const ErrorSummary: Story = {
  name: 'Error summary',
  play: async ({ canvasElement }) => {
    await expectForm(canvasElement, 'Krok 1 z 2');
    await clickButton(canvasElement, 'Pokračovat');
    await expectForm(canvasElement, 'Je potřeba opravit');
  },
};

/** An organisation applies: the organisation step appears (3 steps). */
export const ConditionalStep: Story = {
  name: 'Conditional step',
  beforeEach: withDraft({ applicantType: 'organisation', name: 'Žofie Dvořáková', email: 'zofie@example.cz' }, 'organisation'),
  play: async ({ canvasElement }) => expectForm(canvasElement, 'Krok 2 z 3'),
};

/** The budget: repeatable lines with a computed total over its limit. */
export const BudgetOverLimit: Story = {
  name: 'Budget: total over the limit',
  beforeEach: withDraft({ ...CLUB_ANSWERS, lines: [{ item: 'Hřiště', amount: 48000 }, { item: 'Branky', amount: 9000 }] }, 'budget'),
  play: async ({ canvasElement }) => {
    await expectForm(canvasElement, 'Celkem: 57');
    await clickButton(canvasElement, 'Pokračovat');
    await expectForm(canvasElement, 'Je potřeba opravit');
  },
};

/** Check your answers, with a change link each. */
export const Review: Story = { beforeEach: withDraft(CLUB_ANSWERS, '#review'), play: async ({ canvasElement }) => expectForm(canvasElement, 'Zkontrolujte své odpovědi') };

/** Sending. */
export const Submitting: Story = {
  parameters: backend({ submit: 'pending' }),
  beforeEach: withDraft(CLUB_ANSWERS, '#review'),
  play: async ({ canvasElement }) => {
    await expectForm(canvasElement, 'Zkontrolujte své odpovědi');
    await clickButton(canvasElement, 'Odeslat');
    await expectForm(canvasElement, 'Odesíláme');
  },
};

/** The connection dropped: everything kept, send again. */
export const SubmitFailed: Story = {
  name: 'Sending failed',
  parameters: backend({ submit: 'offline' }),
  beforeEach: withDraft(CLUB_ANSWERS, '#review'),
  play: async ({ canvasElement }) => {
    await expectForm(canvasElement, 'Zkontrolujte své odpovědi');
    await clickButton(canvasElement, 'Odeslat');
    await expectForm(canvasElement, 'Vaše odpovědi zůstávají uložené', );
  },
};

/** The server refused an answer the widget let through: back to that step. */
export const ServerRefused: Story = {
  name: 'Refused by the server',
  parameters: backend({ submit: { refuse: [{ path: 'ico', code: 'pattern' }] } }),
  beforeEach: withDraft(CLUB_ANSWERS, '#review'),
  play: async ({ canvasElement }) => {
    await expectForm(canvasElement, 'Zkontrolujte své odpovědi');
    await clickButton(canvasElement, 'Odeslat');
    await expectForm(canvasElement, 'Úřad některé odpovědi nepřijal');
  },
};

/** Sent: the reference number. */
export const Confirmation: Story = {
  beforeEach: withDraft(CLUB_ANSWERS, '#review'),
  play: async ({ canvasElement }) => {
    await expectForm(canvasElement, 'Zkontrolujte své odpovědi');
    await clickButton(canvasElement, 'Odeslat');
    await expectForm(canvasElement, '2026/000125');
  },
};

/** A draft from yesterday: "you are continuing", with "start again". */
export const Resumed: Story = { beforeEach: withDraft({ applicantType: 'person', name: 'Jan Novák' }, 'applicant'), play: async ({ canvasElement }) => expectForm(canvasElement, 'Pokračujete v rozpracovaném formuláři') };

/** Signed in: name and e-mail from the identity, earlier submissions with their state. */
export const SignedIn: Story = {
  name: 'Signed in: pre-filled, earlier submissions',
  parameters: signedIn({ submissions: SUBMISSIONS, me: ZOFIE_ME }),
  play: async ({ canvasElement }) => {
    await expectForm(canvasElement, 'Vyřizuje se');
    await expectForm(canvasElement, 'vyplnili z vaší identity');
  },
};

/** In English, in the dark theme. */
export const EnglishDark: Story = {
  name: 'English, dark',
  parameters: signedIn({ submissions: SUBMISSIONS }, { lang: 'en', theme: 'dark' }),
  play: async ({ canvasElement }) => expectForm(canvasElement, 'Step 1 of 2'),
};

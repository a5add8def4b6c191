import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { userEvent } from 'storybook/test';
import '../components/obec-feedback/obec-feedback.js';
import { feedbackFetch, type FeedbackBackend } from './feedback-fixtures.js';
import { expectWidgetText, type PortalFixture } from './fixtures.js';

// Fixtures only: a fetch answering the ratings API. The real backend is in tests/flow.
interface FeedbackArgs {
  target: string;
}

const portal = (backend: FeedbackBackend = {}, extra: PortalFixture = {}) => ({
  portal: { fetch: feedbackFetch(backend), ...extra } satisfies PortalFixture,
});

const meta = {
  title: 'Widgets/obec-feedback',
  component: 'obec-feedback',
  tags: ['autodocs'],
  args: { target: '/poplatky.html' },
  render: (args) => html`<obec-feedback target=${args.target}></obec-feedback>`,
  parameters: portal(),
} satisfies Meta<FeedbackArgs>;

export default meta;
type Story = StoryObj<FeedbackArgs>;

const expectRating = (root: HTMLElement, text: string) => expectWidgetText(root, text, { selector: 'obec-feedback' });
const press = async (root: HTMLElement, text: string) => {
  const widget = root.querySelector('obec-feedback')!.shadowRoot!;
  const button = [...widget.querySelectorAll<HTMLButtonElement>('button')].find((candidate) => candidate.textContent!.trim() === text)!;
  await userEvent.click(button);
};

/** The question, before any answer. */
export const Question: Story = { play: async ({ canvasElement }) => expectRating(canvasElement, 'Pomohla vám tato stránka?') };

/** The answer is on its way. */
export const Sending: Story = {
  parameters: portal({ rating: 'pending' }),
  play: async ({ canvasElement }) => {
    await expectRating(canvasElement, 'Pomohla vám tato stránka?');
    await press(canvasElement, 'Ano');
    await expectRating(canvasElement, 'Odesíláme');
  },
};

/** "Ano": thanks, and an optional comment. */
export const ThanksYes: Story = {
  name: 'Thanks after "Ano"',
  play: async ({ canvasElement }) => {
    await expectRating(canvasElement, 'Pomohla vám tato stránka?');
    await press(canvasElement, 'Ano');
    await expectRating(canvasElement, 'Chcete nám ještě něco vzkázat?');
  },
};

/** "Ne": thanks, and what to improve. */
export const ThanksNo: Story = {
  name: 'Thanks after "Ne"',
  play: async ({ canvasElement }) => {
    await expectRating(canvasElement, 'Pomohla vám tato stránka?');
    await press(canvasElement, 'Ne');
    await expectRating(canvasElement, 'Co vám na stránce chybělo');
  },
};

/** An empty comment sent: the message at the field. */
export const EmptyComment: Story = {
  name: 'Comment: empty',
  play: async ({ canvasElement }) => {
    await expectRating(canvasElement, 'Pomohla vám tato stránka?');
    await press(canvasElement, 'Ne');
    await expectRating(canvasElement, 'Odeslat vzkaz');
    await press(canvasElement, 'Odeslat vzkaz');
    await expectRating(canvasElement, 'Napište prosím vzkaz');
  },
};

/** The comment sent. */
export const Commented: Story = {
  play: async ({ canvasElement }) => {
    await expectRating(canvasElement, 'Pomohla vám tato stránka?');
    await press(canvasElement, 'Ne');
    await expectRating(canvasElement, 'Odeslat vzkaz');
    const textarea = canvasElement.querySelector('obec-feedback')!.shadowRoot!.querySelector('textarea')!;
    await userEvent.type(textarea, 'Chybí otevírací doba úřadu.');
    await press(canvasElement, 'Odeslat vzkaz');
    await expectRating(canvasElement, 'vzkaz jsme předali');
  },
};

/** Too many answers from one place: the server's rate limit. */
export const RateLimited: Story = {
  name: 'Refused: rate limited',
  parameters: portal({ rating: 'rate-limited' }),
  play: async ({ canvasElement }) => {
    await expectRating(canvasElement, 'Pomohla vám tato stránka?');
    await press(canvasElement, 'Ano');
    await expectRating(canvasElement, 'Odpověď se nepodařilo odeslat');
  },
};

/** No `api` on the portal: the configuration message. */
export const NoApi: Story = { name: 'No api configured', parameters: portal({}, { api: null }) };

/** In English, dark. */
export const EnglishDark: Story = { name: 'English, dark', parameters: portal({}, { lang: 'en', theme: 'dark' }) };

import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { userEvent } from 'storybook/test';
import '../components/obec-poll/obec-poll.js';
import { FixtureSession, ZOFIE } from './fixture-session.js';
import { expectWidgetText, type PortalFixture } from './fixtures.js';
import { BUDGET_CHOICE, BUDGET_D21, D21_STEPPER, EVENTS, pollFetch, SQUARE_NAME, type PollBackend } from './poll-fixtures.js';

// Fixtures only: a fetch answering the polls API for one poll and a fixture
// session. The real backend and NIA sign-in are in tests/flow.
interface PollArgs {
  pollId: string;
}

const portal = (backend: PollBackend, { signedIn = true, ...extra }: PortalFixture & { signedIn?: boolean } = {}) => ({
  portal: {
    fetch: pollFetch(backend),
    session: new FixtureSession(signedIn ? { status: 'signed-in', citizen: ZOFIE } : { status: 'signed-out' }),
    ...extra,
  } satisfies PortalFixture,
});
const of = (poll: { id: string }) => ({ pollId: poll.id });

const meta = {
  title: 'Widgets/obec-poll',
  component: 'obec-poll',
  tags: ['autodocs'],
  args: of(SQUARE_NAME),
  render: (args) => html`<obec-poll poll-id=${args.pollId}></obec-poll>`,
  parameters: portal({ poll: SQUARE_NAME }),
} satisfies Meta<PollArgs>;

export default meta;
type Story = StoryObj<PollArgs>;

const expectPoll = (root: HTMLElement, text: string) => expectWidgetText(root, text, { selector: 'obec-poll' });
const shadow = (root: HTMLElement) => root.querySelector('obec-poll')!.shadowRoot!;
const press = async (root: HTMLElement, text: string, nth = 0) => {
  const buttons = [...shadow(root).querySelectorAll<HTMLButtonElement>('button')].filter((candidate) => candidate.textContent!.includes(text));
  await userEvent.click(buttons[nth]!);
};
const pick = async (root: HTMLElement, option: string) => userEvent.click(shadow(root).querySelector<HTMLInputElement>(`#option-${option}`)!);

/** The poll is on its way. */
export const Loading: Story = { parameters: portal({ poll: 'pending' }), play: async ({ canvasElement }) => expectPoll(canvasElement, 'Načítáme hlasování') };

/** The backend failed: a retry button. */
export const LoadError: Story = { name: 'Load error', parameters: portal({ poll: 'error' }), play: async ({ canvasElement }) => expectPoll(canvasElement, 'Zkusit znovu') };

/** A poll the town took down, or never published. */
export const NotFound: Story = { name: 'Not found', parameters: portal({ poll: 'missing' }), play: async ({ canvasElement }) => expectPoll(canvasElement, 'Toto hlasování tu není') };

/** Before voting opens: when it starts, and the projects to read. */
export const Upcoming: Story = {
  args: of(BUDGET_D21),
  parameters: portal({ poll: BUDGET_D21, phase: 'upcoming' }),
  play: async ({ canvasElement }) => expectPoll(canvasElement, 'Hlasování začne'),
};

/** A verified poll, signed out: why to sign in, and the button. */
export const SignInNeeded: Story = {
  name: 'Sign-in needed',
  args: of(BUDGET_D21),
  parameters: portal({ poll: BUDGET_D21 }, { signedIn: false }),
  play: async ({ canvasElement }) => expectPoll(canvasElement, 'Hlasovat mohou jen přihlášení občané'),
};

/** A 14-year-old in a vote from 15. */
export const IneligibleMinor: Story = {
  name: 'Ineligible: a minor',
  args: of(BUDGET_D21),
  parameters: portal({ poll: BUDGET_D21, eligibility: { allowed: false, reason: 'under_age', minAge: 15 } }),
  play: async ({ canvasElement }) => expectPoll(canvasElement, 'Hlasovat mohou lidé od 15 let'),
};

/** A citizen of Brno in a residents-only vote. */
export const IneligibleNonResident: Story = {
  name: 'Ineligible: not a resident',
  args: of(BUDGET_D21),
  parameters: portal({ poll: BUDGET_D21, eligibility: { allowed: false, reason: 'not_resident' } }),
  play: async ({ canvasElement }) => expectPoll(canvasElement, 'Hlasovat mohou jen obyvatelé obce'),
};

/** One choice, open to anyone: the notice that votes are not verified; live results below. */
export const SingleEmpty: Story = { name: 'Single: empty', play: async ({ canvasElement }) => expectPoll(canvasElement, 'Hlasování bez ověření') };

/** One choice made. */
export const SingleFilled: Story = {
  name: 'Single: filled',
  play: async ({ canvasElement }) => {
    await expectPoll(canvasElement, 'Lipové náměstí');
    await pick(canvasElement, 'skolni');
  },
};

/** Several choices: "choose 1 to 3" and the live count. */
export const MultipleEmpty: Story = {
  name: 'Multiple: empty',
  args: of(EVENTS),
  parameters: portal({ poll: EVENTS }),
  play: async ({ canvasElement }) => expectPoll(canvasElement, 'Vybráno: 0 z 3'),
};

/** Three chosen: the others say why they cannot be added. */
export const MultipleFilled: Story = {
  name: 'Multiple: filled to the limit',
  args: of(EVENTS),
  parameters: portal({ poll: EVENTS }),
  play: async ({ canvasElement }) => {
    await expectPoll(canvasElement, 'Vybráno: 0 z 3');
    for (const option of ['kino', 'jarmark', 'masopust']) await pick(canvasElement, option);
    await expectPoll(canvasElement, 'Vybráno: 3 z 3');
  },
};

/** D21 with the rules above the options, counters, and minus votes locked until 2 plus votes. */
export const D21Empty: Story = {
  name: 'D21: empty, minus locked',
  args: of(BUDGET_D21),
  parameters: portal({ poll: BUDGET_D21 }),
  play: async ({ canvasElement }) => expectPoll(canvasElement, 'Záporný hlas můžete dát až po 2 kladných hlasech'),
};

/** D21 with all plus votes and the minus vote given. */
export const D21Filled: Story = {
  name: 'D21: filled',
  args: of(BUDGET_D21),
  parameters: portal({ poll: BUDGET_D21 }),
  play: async ({ canvasElement }) => {
    await expectPoll(canvasElement, 'Zbývají 3 kladné hlasy z 3');
    const plus = (id: string) => shadow(canvasElement).querySelector<HTMLButtonElement>(`#option-${id}-card .vote.plus`)!;
    for (const id of ['hriste', 'lampy', 'knihobudka']) await userEvent.click(plus(id));
    await userEvent.click(shadow(canvasElement).querySelector<HTMLButtonElement>('#option-parkoviste-card .vote.minus')!);
    await expectPoll(canvasElement, 'Zbývá 0 záporných hlasů z 1');
  },
};

/** D21 where one option may take two plus votes (a stepper) and minus votes need all plus votes first. */
export const D21Stepper: Story = {
  name: 'D21: stepper, minus after all plus votes',
  args: of(D21_STEPPER),
  parameters: portal({ poll: D21_STEPPER }),
  play: async ({ canvasElement }) => {
    await expectPoll(canvasElement, 'Zbývají 4 kladné hlasy z 4');
    await press(canvasElement, 'Přidat kladný hlas');
    await press(canvasElement, 'Přidat kladný hlas');
    await expectPoll(canvasElement, '2 kladné hlasy');
  },
};

/** A budget by choice of projects: nothing chosen yet. */
export const BudgetEmpty: Story = {
  name: 'Budget: empty',
  args: of(BUDGET_CHOICE),
  parameters: portal({ poll: BUDGET_CHOICE }),
  play: async ({ canvasElement }) => expectPoll(canvasElement, 'zbývá 1 000 000'),
};

/** Three projects within the money: what is left, and the minimum spend reached. */
export const BudgetFilled: Story = {
  name: 'Budget: filled',
  args: of(BUDGET_CHOICE),
  parameters: portal({ poll: BUDGET_CHOICE }),
  play: async ({ canvasElement }) => {
    await expectPoll(canvasElement, 'zbývá 1 000 000');
    for (const option of ['lampy', 'stromy', 'knihobudka']) await pick(canvasElement, option);
    await expectPoll(canvasElement, 'zbývá 50 000');
  },
};

/** Projects chosen for 850 000 Kč of 1 000 000: the rest do not fit and say so. */
export const BudgetOverLimit: Story = {
  name: 'Budget: projects over the limit explained',
  args: of(BUDGET_CHOICE),
  parameters: portal({ poll: BUDGET_CHOICE }),
  play: async ({ canvasElement }) => {
    await expectPoll(canvasElement, 'zbývá 1 000 000');
    await pick(canvasElement, 'hriste');
    await pick(canvasElement, 'knihobudka');
    await expectPoll(canvasElement, 'Nevejde se do rozpočtu');
    await pick(canvasElement, 'lampy');
  },
};

/** The vote is saved: the confirmation with "Change my vote" and "Withdraw my vote". */
export const CastConfirmation: Story = {
  name: 'Cast: confirmation',
  args: of(BUDGET_D21),
  parameters: portal({ poll: BUDGET_D21, ballot: { plus: ['hriste', 'lampy', 'stromy'], minus: ['parkoviste'], castAt: '2027-03-10T08:30:00Z' } }),
  play: async ({ canvasElement }) => expectPoll(canvasElement, 'Váš hlas je uložen'),
};

/** The server refused the vote (a rule the widget did not know): the error summary, the ballot kept. */
export const ServerRefused: Story = {
  name: 'Refused by the server',
  args: of(EVENTS),
  parameters: portal({ poll: EVENTS, cast: { refuse: [{ path: 'ballot', code: 'too_many_choices', message: 'Choose at most 3 options.' }] } }),
  play: async ({ canvasElement }) => {
    await expectPoll(canvasElement, 'Vybráno: 0 z 3');
    await pick(canvasElement, 'kino');
    await press(canvasElement, 'Odeslat hlas');
    await expectPoll(canvasElement, 'Obec hlas nepřijala');
  },
};

/** Voting ended; the town has not published the results yet. */
export const ClosedResultsLater: Story = {
  name: 'Closed, results not public yet',
  args: of(BUDGET_D21),
  parameters: portal({ poll: BUDGET_D21, phase: 'closed', ballot: { plus: ['hriste', 'lampy', 'stromy'], minus: [], castAt: '2027-03-10T08:30:00Z' } }),
  play: async ({ canvasElement }) => expectPoll(canvasElement, 'Výsledky obec zveřejní'),
};

/** Results of one choice, live while voting goes on. */
export const ResultsSingle: Story = {
  name: 'Results: single',
  parameters: portal({ poll: SQUARE_NAME, phase: 'closed' }),
  play: async ({ canvasElement }) => expectPoll(canvasElement, 'Výsledky'),
};

/** Results of several choices. */
export const ResultsMultiple: Story = {
  name: 'Results: multiple',
  args: of(EVENTS),
  parameters: portal({ poll: EVENTS, phase: 'closed' }),
  play: async ({ canvasElement }) => expectPoll(canvasElement, 'Vánoční jarmark'),
};

/** D21 results: plus and minus bars, an option left out for more minus than plus votes, funded projects. */
export const ResultsD21: Story = {
  name: 'Results: D21 budget with funded projects',
  args: of(BUDGET_D21),
  parameters: portal({ poll: BUDGET_D21, phase: 'published' }),
  play: async ({ canvasElement }) => expectPoll(canvasElement, 'Podpořené projekty'),
};

/** D21 results ranked by plus votes. */
export const ResultsD21ByPlus: Story = {
  name: 'Results: D21 by plus votes',
  args: of(D21_STEPPER),
  parameters: portal({ poll: D21_STEPPER, phase: 'closed' }),
  play: async ({ canvasElement }) => expectPoll(canvasElement, 'Opravit chodníky'),
};

/** Budget by choice of projects: the funded ones top-down, skipping those that no longer fit. */
export const ResultsBudget: Story = {
  name: 'Results: budget with funded projects',
  args: of(BUDGET_CHOICE),
  parameters: portal({ poll: BUDGET_CHOICE, phase: 'published' }),
  play: async ({ canvasElement }) => expectPoll(canvasElement, 'Rozděleno'),
};

/** In English, dark: the D21 ballot. */
export const EnglishDark: Story = {
  name: 'English, dark',
  args: of(BUDGET_D21),
  parameters: portal({ poll: BUDGET_D21 }, { lang: 'en', theme: 'dark' }),
  play: async ({ canvasElement }) => expectPoll(canvasElement, 'You have 3 plus votes.'),
};

/** In English: the results of a budget. */
export const EnglishResults: Story = {
  name: 'English: results',
  args: of(BUDGET_CHOICE),
  parameters: portal({ poll: BUDGET_CHOICE, phase: 'published' }, { lang: 'en' }),
  play: async ({ canvasElement }) => expectPoll(canvasElement, 'Funded projects'),
};

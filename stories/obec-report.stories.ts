import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { userEvent } from 'storybook/test';
import '../components/obec-report/obec-report.js';
import { feedbackFetch, MINE, NEARBY, PNG_BYTES, TOWN, type FeedbackBackend } from './feedback-fixtures.js';
import { FixtureSession, ZOFIE } from './fixture-session.js';
import { expectWidgetText, type PortalFixture } from './fixtures.js';

// Fixtures only: a fetch answering the reports API (categories, town, places,
// photos, nearby, mine). The real backend is in tests/flow.
const portal = (backend: FeedbackBackend = {}, { signedIn = false, ...extra }: PortalFixture & { signedIn?: boolean } = {}) => ({
  portal: {
    fetch: feedbackFetch({ mine: JSON.parse(JSON.stringify(MINE)), ...backend }),
    session: new FixtureSession(signedIn ? { status: 'signed-in', citizen: ZOFIE } : { status: 'signed-out' }),
    ...extra,
  } satisfies PortalFixture,
});
const FAILING_TILES = { ...TOWN, tiles: { ...TOWN.tiles!, url: 'data:text/plain,no-tile-{z}-{x}-{y}' } };

const meta = {
  title: 'Widgets/obec-report',
  component: 'obec-report',
  tags: ['autodocs'],
  render: () => html`<obec-report></obec-report>`,
  parameters: portal(),
} satisfies Meta;

export default meta;
type Story = StoryObj;

const shadow = (root: HTMLElement) => root.querySelector('obec-report')!.shadowRoot!;
const expectReport = (root: HTMLElement, text: string) => expectWidgetText(root, text, { selector: 'obec-report' });
const press = async (root: HTMLElement, text: string) => {
  const button = [...shadow(root).querySelectorAll<HTMLButtonElement>('button')].find((candidate) => candidate.textContent!.trim() === text)!;
  await userEvent.click(button);
};
async function fill(root: HTMLElement, { category = 'lighting', description = 'Lampa u zastávky nesvítí už týden.', address = 'Návesní 12' } = {}) {
  await expectReport(root, 'Co chcete nahlásit?');
  await userEvent.selectOptions(shadow(root).querySelector('select')!, category);
  await userEvent.type(shadow(root).querySelector('#description')!, description);
  await userEvent.type(shadow(root).querySelector('#address')!, address);
  await expectReport(root, 'Návesní 12, Javorná Lhota');
  await userEvent.click(shadow(root).querySelector('[role="option"]')!);
}

/** The empty form, signed out: the contact is optional and anonymity explained. */
export const Empty: Story = { play: async ({ canvasElement }) => expectReport(canvasElement, 'Bez kontaktu bude hlášení anonymní') };

/** Loading the categories and the town. */
export const Loading: Story = { parameters: portal({ town: TOWN }, { fetch: () => new Promise<Response>(() => {}) }) };

/** The categories could not be loaded: a retry button. */
export const LoadError: Story = {
  name: 'Load error',
  parameters: portal({ categories: 'error' }),
  play: async ({ canvasElement }) => expectReport(canvasElement, 'Zkusit znovu'),
};

/** The town's area could not be loaded: no map, the address and location still work. */
export const TownMissing: Story = {
  name: 'Town area missing',
  parameters: portal({ town: 'error' }),
  play: async ({ canvasElement }) => expectReport(canvasElement, 'Použít moji polohu'),
};

/** Filled in, with a photo: ready to send. */
export const Filled: Story = {
  play: async ({ canvasElement }) => {
    await fill(canvasElement);
    await userEvent.upload(shadow(canvasElement).querySelector<HTMLInputElement>('#photos')!, new File([PNG_BYTES], 'lampa.png', { type: 'image/png' }));
    await expectReport(canvasElement, 'lampa.png');
  },
};

/** Signed in: the contact pre-filled from the identity, and "Moje hlášení" with every state. */
export const SignedIn: Story = {
  name: 'Signed in, my reports',
  parameters: portal({}, { signedIn: true }),
  play: async ({ canvasElement }) => expectReport(canvasElement, 'Je to opravdu vyřešené?'),
};

/** "Ne, není": the comment that reopens the report. */
export const Reopen: Story = {
  name: 'Reopen with a comment',
  parameters: portal({}, { signedIn: true }),
  play: async ({ canvasElement }) => {
    await expectReport(canvasElement, 'Je to opravdu vyřešené?');
    await press(canvasElement, 'Ne, není');
    await expectReport(canvasElement, 'Co je stále špatně?');
  },
};

/** A similar report nearby: "Vidím to také". */
export const Nearby: Story = {
  name: 'Nearby reports',
  parameters: portal({ nearby: [JSON.parse(JSON.stringify(NEARBY))] }),
  play: async ({ canvasElement }) => {
    await fill(canvasElement);
    await expectReport(canvasElement, 'Vidím to také');
  },
};

/** Joined a nearby report instead of sending one. */
export const Supported: Story = {
  parameters: portal({ nearby: [JSON.parse(JSON.stringify(NEARBY))] }),
  play: async ({ canvasElement }) => {
    await fill(canvasElement);
    await expectReport(canvasElement, 'Vidím to také');
    await press(canvasElement, 'Vidím to také');
    await expectReport(canvasElement, 'připojili jste se k hlášení');
  },
};

/** Sent without filling anything: the error summary. */
export const Errors: Story = {
  name: 'Error summary',
  play: async ({ canvasElement }) => {
    await expectReport(canvasElement, 'Co chcete nahlásit?');
    await press(canvasElement, 'Odeslat hlášení');
    await expectReport(canvasElement, 'Hlášení zatím nejde odeslat');
  },
};

/** Photos refused by the server: too large, not an image. */
export const PhotoRefused: Story = {
  name: 'Photos refused',
  parameters: portal({ photoMaxBytes: 100 }),
  play: async ({ canvasElement }) => {
    await expectReport(canvasElement, 'Co chcete nahlásit?');
    await userEvent.upload(shadow(canvasElement).querySelector<HTMLInputElement>('#photos')!, [
      new File([new Uint8Array(500)], 'velka.jpg', { type: 'image/jpeg' }),
      new File(['%PDF'], 'smlouva.jpg', { type: 'image/jpeg' }),
    ]);
    await expectReport(canvasElement, 'není fotografie');
  },
};

/** The report could not be sent (offline): everything kept. */
export const SendFailed: Story = {
  name: 'Send failed',
  parameters: portal({ report: 'offline' }),
  play: async ({ canvasElement }) => {
    await fill(canvasElement);
    await press(canvasElement, 'Odeslat hlášení');
    await expectReport(canvasElement, 'Hlášení se nepodařilo odeslat');
  },
};

/** Sent: the confirmation with the reference number. */
export const Sent: Story = {
  play: async ({ canvasElement }) => {
    await fill(canvasElement);
    await press(canvasElement, 'Odeslat hlášení');
    await expectReport(canvasElement, 'Číslo hlášení');
  },
};

/** No internet for the map tiles: the address and location still work. */
export const TilesFailed: Story = { name: 'Map tiles failed', parameters: portal({ town: FAILING_TILES }) };

/** In English, dark, signed in. */
export const EnglishDark: Story = { name: 'English, dark', parameters: portal({}, { lang: 'en', theme: 'dark', signedIn: true }) };

import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { userEvent } from 'storybook/test';
import '../components/obec-login/obec-login.js';
import type { SessionError, SessionState } from '../src/session/session.js';
import { FixtureSession, ZOFIE } from './fixture-session.js';
import { expectWidgetText, type PortalFixture } from './fixtures.js';

interface LoginArgs {
  variant: 'primary' | 'secondary' | 'link';
  loa: '' | 'loalow' | 'loasubstantial' | 'loahigh';
  popup: boolean;
  noHint: boolean;
}

// Each story hands the portal a fixture session in one state; nothing leaves
// the page (the real sign-in with NIA runs in tests/flow against the demo).
const withSession = (state: SessionState, extra: PortalFixture = {}) => ({
  portal: { authority: 'https://obec.example/oidc', clientId: 'web', session: new FixtureSession(state), ...extra } satisfies PortalFixture,
});

const meta = {
  title: 'Widgets/obec-login',
  component: 'obec-login',
  tags: ['autodocs'],
  args: { variant: 'primary', loa: '', popup: false, noHint: false },
  argTypes: {
    variant: { control: 'inline-radio', options: ['primary', 'secondary', 'link'] },
    loa: { control: 'inline-radio', options: ['', 'loalow', 'loasubstantial', 'loahigh'] },
  },
  render: (args) =>
    html`<obec-login variant=${args.variant} loa=${ifDefined(args.loa || undefined)} ?popup=${args.popup} ?no-hint=${args.noHint}></obec-login>`,
  parameters: withSession({ status: 'signed-out' }),
} satisfies Meta<LoginArgs>;

export default meta;
type Story = StoryObj<LoginArgs>;

const expectLogin = (root: HTMLElement, text: string) => expectWidgetText(root, text, { selector: 'obec-login' });

/** Nobody signed in: the button and the line naming the identity means. */
export const SignedOut: Story = {
  name: 'Signed out',
  play: async ({ canvasElement }) => expectLogin(canvasElement, 'přes Identitu občana'),
};

/** The outlined look, for a site header. */
export const Secondary: Story = { args: { variant: 'secondary', noHint: true } };

/** As a link in running text. */
export const Link: Story = { args: { variant: 'link', noHint: true } };

/** After the click, while the browser is on its way to NIA. */
export const Redirecting: Story = {
  parameters: withSession({ status: 'busy', action: 'signing-in' }),
  play: async ({ canvasElement }) => expectLogin(canvasElement, 'Přesměrováváme na přihlášení…'),
};

/** Signed in: the citizen's name on the account button. */
export const SignedIn: Story = {
  name: 'Signed in',
  parameters: withSession({ status: 'signed-in', citizen: ZOFIE }),
  play: async ({ canvasElement }) => expectLogin(canvasElement, 'Žofie Dvořáková'),
};

/** The account menu open, with the level of assurance and sign-out. */
export const MenuOpen: Story = {
  name: 'Signed in, menu open',
  parameters: withSession({ status: 'signed-in', citizen: ZOFIE }),
  play: async ({ canvasElement }) => {
    await expectLogin(canvasElement, 'Žofie Dvořáková');
    const button = canvasElement.querySelector('obec-login')!.shadowRoot!.querySelector<HTMLElement>('[part="button"]')!;
    await userEvent.click(button);
    await expectLogin(canvasElement, 'značná úroveň ověření');
  },
};

/** While signing out at the broker and at NIA. */
export const SigningOut: Story = {
  name: 'Signing out',
  parameters: withSession({ status: 'busy', action: 'signing-out' }),
  play: async ({ canvasElement }) => expectLogin(canvasElement, 'Odhlašujeme…'),
};

const failure = (error: SessionError, text: string): Story => ({
  parameters: withSession({ status: 'signed-out', error }),
  play: async ({ canvasElement }) => expectLogin(canvasElement, text),
});

/** The citizen pressed "Zrušit" or refused consent at NIA. */
export const Cancelled = failure('cancelled', 'Přihlášení jste zrušili.');
/** NIA did not answer the broker. */
export const NiaUnavailable = { ...failure('idp-unavailable', 'Národní identitní autorita teď neodpovídá.'), name: 'NIA unavailable' };
/** The town's broker did not answer. */
export const BrokerUnavailable = failure('broker-unavailable', 'Přihlašovací služba obce teď neodpovídá.');
/** A callback that is old, already used, or tampered with. */
export const StaleCallback = failure('stale', 'Tento odkaz na dokončení přihlášení už neplatí.');
/** The session ran out and could not be renewed. */
export const Expired = failure('expired', 'Vaše přihlášení vypršelo.');
/** Anything else went wrong. */
export const Failed = failure('failed', 'Přihlášení se nepodařilo.');

/** In English. */
export const English: Story = {
  parameters: withSession({ status: 'signed-out', error: 'cancelled' }, { lang: 'en' }),
  play: async ({ canvasElement }) => expectLogin(canvasElement, 'You cancelled the sign-in.'),
};

/** Without `authority` and `client-id` on the portal. */
export const MissingConfiguration: Story = {
  name: 'Missing configuration',
  parameters: { portal: {} satisfies PortalFixture },
  play: async ({ canvasElement }) => expectLogin(canvasElement, 'chybí nastavení „authority“'),
};

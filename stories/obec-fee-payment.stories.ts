import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { userEvent } from 'storybook/test';
import '../components/obec-fee-payment/obec-fee-payment.js';
import { ALL_PAID, feeFetch, HOUSEHOLD, NOTHING } from './fee-fixtures.js';
import { FixtureSession, ZOFIE } from './fixture-session.js';
import { expectWidgetText, type PortalFixture } from './fixtures.js';

interface FeeArgs {
  feeKind: '' | 'waste' | 'dog';
}

// Fixtures only: a fetch answering the fee API and a fixture session. The real
// backend, and the QR decoded back from pixels, are exercised in tests/flow.
const signedIn = (list: Parameters<typeof feeFetch>[0] = HOUSEHOLD, extra: PortalFixture = {}) => ({
  portal: { fetch: feeFetch(list), session: new FixtureSession({ status: 'signed-in', citizen: ZOFIE }), ...extra } satisfies PortalFixture,
});
const signedOut = { portal: { fetch: feeFetch(), session: new FixtureSession() } satisfies PortalFixture };

const meta = {
  title: 'Widgets/obec-fee-payment',
  component: 'obec-fee-payment',
  tags: ['autodocs'],
  args: { feeKind: '' },
  argTypes: { feeKind: { control: 'inline-radio', options: ['', 'waste', 'dog'] } },
  render: (args) => html`<obec-fee-payment fee-kind=${ifDefined(args.feeKind || undefined)}></obec-fee-payment>`,
  parameters: signedIn(),
} satisfies Meta<FeeArgs>;

export default meta;
type Story = StoryObj<FeeArgs>;

const expectFees = (root: HTMLElement, text: string) => expectWidgetText(root, text, { selector: 'obec-fee-payment' });
const shadow = (root: HTMLElement) => root.querySelector('obec-fee-payment')!.shadowRoot!;

/** Signed in: own fees and those of the household member the citizen pays for; overdue, partly paid, paid. */
export const Household: Story = { play: async ({ canvasElement }) => expectFees(canvasElement, 'Matěj Černý') };

/** Only the dog fee (`fee-kind="dog"`). */
export const OneFeeKind: Story = { name: 'One fee kind', args: { feeKind: 'dog' } };

/** Two fees picked: the sum of what is still due. */
export const Selected: Story = {
  play: async ({ canvasElement }) => {
    await expectFees(canvasElement, 'Matěj Černý');
    for (const box of [...shadow(canvasElement).querySelectorAll<HTMLInputElement>('input[type="checkbox"]')].slice(0, 2)) await userEvent.click(box);
    await expectFees(canvasElement, 'Vybrány 2 poplatky');
  },
};

/** The QR Platba codes of the picked fees, with the details to copy. */
export const QrPlatba: Story = {
  name: 'QR Platba',
  play: async ({ canvasElement }) => {
    await expectFees(canvasElement, 'Matěj Černý');
    await userEvent.click(shadow(canvasElement).querySelector<HTMLInputElement>('input[type="checkbox"]')!);
    await userEvent.click(shadow(canvasElement).querySelector<HTMLButtonElement>('[part="pay"]')!);
    await expectFees(canvasElement, 'CZ65 0800 0000 1920 0014 5399');
  },
};

/** Still loading. */
export const Loading: Story = { parameters: signedIn('pending'), play: async ({ canvasElement }) => expectFees(canvasElement, 'Načítáme') };

/** Nothing on record. */
export const NothingDue: Story = { name: 'Nothing due', parameters: signedIn(NOTHING), play: async ({ canvasElement }) => expectFees(canvasElement, 'Žádné poplatky') };

/** Everything paid. */
export const AllPaid: Story = { name: 'All paid', parameters: signedIn(ALL_PAID), play: async ({ canvasElement }) => expectFees(canvasElement, 'Všechny vaše poplatky jsou zaplacené') };

/** The server failed. */
export const ServerError: Story = { name: 'Server error', parameters: signedIn('error'), play: async ({ canvasElement }) => expectFees(canvasElement, 'Na serveru obce nastala chyba') };

/** Not signed in: find a fee by variable symbol and the payer's birth date (try 2027000002 and 30. 9. 1991). */
export const WithoutSignIn: Story = { name: 'Without sign-in', parameters: signedOut, play: async ({ canvasElement }) => expectFees(canvasElement, 'Zaplatit bez přihlášení') };

/** A symbol with letters: the inline error, focus on the field, the input kept. */
export const LookupInvalid: Story = {
  name: 'Without sign-in, invalid symbol',
  parameters: signedOut,
  play: async ({ canvasElement }) => {
    await expectFees(canvasElement, 'Zaplatit bez přihlášení');
    await userEvent.type(shadow(canvasElement).querySelector<HTMLInputElement>('#variable-symbol')!, '12AB');
    await userEvent.click(shadow(canvasElement).querySelector<HTMLButtonElement>('button[type="submit"]')!);
    await expectFees(canvasElement, 'Variabilní symbol tvoří jen číslice');
  },
};

/** In English, in the dark theme. */
export const EnglishDark: Story = { name: 'English, dark', parameters: signedIn(HOUSEHOLD, { lang: 'en', theme: 'dark' }), play: async ({ canvasElement }) => expectFees(canvasElement, 'Waste fee 2027') };

/** Back from the card gateway: the widget reads the payment afresh and shows it. */
const returnedFromGateway = (state: string, text: string): Story => ({
  beforeEach: () => {
    sessionStorage.setItem('obec-fee-payment:https://obec.example/api', JSON.stringify({ key: 'story', obligationIds: ['waste-2027-zofie'], paymentId: `payment-${state}` }));
    const url = new URL(window.location.href);
    url.searchParams.set('obec-payment', 'return');
    history.replaceState(history.state, '', url.href);
    return () => sessionStorage.clear();
  },
  play: async ({ canvasElement }) => expectFees(canvasElement, text),
});

/** Paid by card: the receipt. */
export const CardPaid = { ...returnedFromGateway('paid', 'Potvrzení o platbě č. 2027/000042'), name: 'Card: paid, receipt' };
/** The bank declined the card. */
export const CardDeclined = { ...returnedFromGateway('declined', 'Banka platbu zamítla'), name: 'Card: declined' };
/** The citizen cancelled at the gateway. */
export const CardCancelled = { ...returnedFromGateway('cancelled', 'Platbu jste zrušili'), name: 'Card: cancelled' };
/** The gateway has not confirmed yet. */
export const CardPending = { ...returnedFromGateway('pending', 'Čekáme na potvrzení platby'), name: 'Card: waiting for the bank' };

/** A card payment of the same fee is already under way: resume it. */
export const CardInProgress: Story = {
  name: 'Card: payment already in progress',
  play: async ({ canvasElement }) => {
    await expectFees(canvasElement, 'Matěj Černý');
    await userEvent.click(shadow(canvasElement).querySelector<HTMLInputElement>('input[type="checkbox"]')!);
    await userEvent.click(shadow(canvasElement).querySelector<HTMLButtonElement>('[part="pay-card"]')!);
    await expectFees(canvasElement, 'už máte rozpracovanou platbu kartou');
  },
};

import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import '../components/obec-office/obec-office.js';
import { FixtureSession, ZOFIE } from './fixture-session.js';
import { expectWidgetText, type PortalFixture } from './fixtures.js';
import { ADMIN, CLERK, officeFeesFetch, type OfficeFeesBackend } from './office-fees-fixtures.js';

// Fixtures only: a fetch answering /office/me and the fees routes. The other
// sections have their own stories; the real backend is in tests/flow.
const portal = (backend: OfficeFeesBackend = {}, { signedIn = true, ...extra }: PortalFixture & { signedIn?: boolean } = {}) => ({
  portal: {
    fetch: officeFeesFetch(backend),
    session: new FixtureSession(signedIn ? { status: 'signed-in', citizen: ZOFIE } : { status: 'signed-out' }),
    ...extra,
  } satisfies PortalFixture,
});

const meta = {
  title: 'Widgets/obec-office',
  component: 'obec-office',
  tags: ['autodocs'],
  render: () => html`<obec-office></obec-office>`,
  parameters: portal({ me: CLERK }),
} satisfies Meta;

export default meta;
type Story = StoryObj;

const expectOffice = (root: HTMLElement, text: string) => expectWidgetText(root, text, { selector: 'obec-office' });

/** Nobody signed in: "Přihlásit se". */
export const SignedOut: Story = {
  name: 'Signed out',
  parameters: portal({}, { signedIn: false }),
  play: async ({ canvasElement }) => expectOffice(canvasElement, 'Přihlásit se'),
};

/** A citizen signed in: this identity is not on the staff. */
export const NotStaff: Story = {
  name: 'Not staff',
  parameters: portal({ me: 'not-staff' }),
  play: async ({ canvasElement }) => expectOffice(canvasElement, 'není mezi pracovníky úřadu'),
};

/** The clerk (fees, forms, polls, reports): their tabs, the fees section open. */
export const Clerk: Story = {
  play: async ({ canvasElement }) => expectOffice(canvasElement, 'Alena Svobodová'),
};

/** The administrator: every tab, staff and the audit log included. */
export const Admin: Story = {
  parameters: portal({ me: ADMIN }),
  play: async ({ canvasElement }) => expectOffice(canvasElement, 'Záznam činností'),
};

/** In English. */
export const English: Story = {
  parameters: portal({ me: CLERK }, { lang: 'en' }),
  play: async ({ canvasElement }) => expectOffice(canvasElement, 'Signed in: Alena Svobodová'),
};

/** The office could not be reached: a retry button. */
export const LoadError: Story = {
  name: 'Load error',
  parameters: portal({ me: 'error' }),
  play: async ({ canvasElement }) => expectOffice(canvasElement, 'Zkusit znovu'),
};

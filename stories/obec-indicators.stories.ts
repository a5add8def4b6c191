import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import '../components/obec-indicators/obec-indicators.js';
import { FixtureSession } from './fixture-session.js';
import { expectWidgetText, type PortalFixture } from './fixtures.js';
import { indicatorsFetch, type IndicatorsBackend } from './indicators-fixtures.js';

// Fixtures only: a fetch answering the indicators API from a pattern of activity. The real backend is in tests/flow.
interface IndicatorsArgs {
  period: string;
  from?: string;
  to?: string;
  interval?: string;
}

const portal = (backend: IndicatorsBackend = {}, extra: PortalFixture = {}) => ({
  portal: { fetch: indicatorsFetch(backend), ...extra } satisfies PortalFixture,
});

const meta = {
  title: 'Widgets/obec-indicators',
  component: 'obec-indicators',
  tags: ['autodocs'],
  args: { period: '30d', from: '2026-11-01', to: '2026-11-30' },
  argTypes: {
    period: { control: 'select', options: ['30d', '12m', 'year'] },
    interval: { control: 'select', options: [undefined, 'day', 'week', 'month'] },
  },
  render: (args) =>
    html`<obec-indicators period=${args.period} from=${ifDefined(args.from)} to=${ifDefined(args.to)} interval=${ifDefined(args.interval)}></obec-indicators>`,
  parameters: portal(),
} satisfies Meta<IndicatorsArgs>;

export default meta;
type Story = StoryObj<IndicatorsArgs>;

const expectIndicators = (root: HTMLElement, text: string) => expectWidgetText(root, text, { selector: 'obec-indicators' });

/** November's indicators by day: the cards, the chart and the table. */
export const Loaded: Story = { play: async ({ canvasElement }) => expectIndicators(canvasElement, '10 350 Kč') };

/** The last 12 months by month (the `12m` preset, ending today). */
export const TwelveMonths: Story = { name: 'Last 12 months', args: { period: '12m', from: undefined, to: undefined } };

/** Nothing happened in the period yet. */
export const Empty: Story = {
  name: 'Empty period',
  parameters: portal({ data: 'empty' }),
  play: async ({ canvasElement }) => expectIndicators(canvasElement, 'Za toto období zatím nic není'),
};

/** The town keeps the indicators for its staff: a signed-out visitor is asked to sign in. */
export const StaffOnly: Story = {
  name: 'Refused: staff only',
  parameters: portal({ access: 'staff' }, { session: new FixtureSession({ status: 'signed-out' }) }),
  play: async ({ canvasElement }) => expectIndicators(canvasElement, 'Ukazatele jsou jen pro zaměstnance úřadu.'),
};

/** The server failed: the message and "Zkusit znovu". */
export const Failed: Story = {
  name: 'Error',
  parameters: portal({ data: 'error' }),
  play: async ({ canvasElement }) => expectIndicators(canvasElement, 'Zkusit znovu'),
};

/** Still loading. */
export const Loading: Story = { parameters: portal({ data: 'pending' }) };

/** In English. */
export const English: Story = { parameters: portal({}, { lang: 'en' }), play: async ({ canvasElement }) => expectIndicators(canvasElement, 'E-service indicators') };

/** The dark theme. */
export const Dark: Story = { parameters: portal({}, { theme: 'dark' }) };

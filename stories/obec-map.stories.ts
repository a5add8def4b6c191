import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import '../components/obec-map/obec-map.js';
import { feedbackFetch, PLACES, TOWN, TOWN_WITHOUT_TILES, type FeedbackBackend } from './feedback-fixtures.js';
import { expectWidgetText, type PortalFixture } from './fixtures.js';

// The town from a fixture `GET /town`; the tiles are OpenStreetMap's when the
// browser can reach them, and the failing state otherwise.
const portal = (backend: FeedbackBackend = {}, extra: PortalFixture = {}) => ({
  portal: { fetch: feedbackFetch(backend), ...extra } satisfies PortalFixture,
});
const FAILING = { ...TOWN, tiles: { ...TOWN.tiles!, url: 'data:text/plain,no-tile-{z}-{x}-{y}' } };

const meta = {
  title: 'Widgets/obec-map',
  component: 'obec-map',
  tags: ['autodocs'],
  render: () => html`<obec-map .places=${PLACES}></obec-map>`,
  parameters: portal(),
} satisfies Meta;

export default meta;
type Story = StoryObj;

const expectMap = (root: HTMLElement, text: string) => expectWidgetText(root, text, { selector: 'obec-map' });

/** The town with OpenStreetMap tiles and their attribution. */
export const WithTiles: Story = { name: 'With tiles', play: async ({ canvasElement }) => expectMap(canvasElement, 'Šipkami posunete') };

/** A pin placed (by the `pin` property, as obec-report sets it). */
export const WithPin: Story = {
  name: 'With a pin',
  render: () => html`<obec-map .places=${PLACES} .pin=${{ lat: PLACES[1]!.lat, lon: PLACES[1]!.lon }}></obec-map>`,
};

/** No internet (the tiles fail): the boundary on a plain background and a note. */
export const TilesFailed: Story = {
  name: 'Tiles failed',
  parameters: portal({ town: FAILING }),
  play: async ({ canvasElement }) => expectMap(canvasElement, 'Mapové podklady se nepodařilo načíst'),
};

/** No tile server configured (MAP_TILES unset). */
export const NoTiles: Story = {
  name: 'No tile server',
  parameters: portal({ town: TOWN_WITHOUT_TILES }),
  play: async ({ canvasElement }) => expectMap(canvasElement, 'jen hranici obce'),
};

/** The town could not be loaded. */
export const LoadError: Story = {
  name: 'Load error',
  parameters: portal({ town: 'error' }),
  play: async ({ canvasElement }) => expectMap(canvasElement, 'Mapu se nepodařilo načíst'),
};

/** In English, dark. */
export const EnglishDark: Story = { name: 'English, dark', parameters: portal({ town: FAILING }, { lang: 'en', theme: 'dark' }) };

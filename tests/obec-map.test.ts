import { expect, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../components/obec-map/obec-map.js';
import type { ObecMap } from '../components/obec-map/obec-map.js';
import { inside, project, unproject } from '../components/obec-map/tiles.js';
import type { ObecPortal } from '../components/obec-portal/obec-portal.js';
import type { TownArea } from '../src/contract/feedback.js';
import { feedbackFetch, PLACES, TOWN, TOWN_WITHOUT_TILES } from '../stories/feedback-fixtures.js';
import { expectAccessible } from './helpers/axe.js';
import { cleanPage, mount, rendered, textOf } from './helpers/page.js';

const API = 'https://obec.example/api';
/** Tiles that are no images: every tile fails at once, as without internet. */
const FAILING_TILES = { ...TOWN, tiles: { url: 'data:text/plain,not-an-image-{z}-{x}-{y}', attribution: '© OpenStreetMap contributors', maxZoom: 19 } };

/** Component behaviour of <obec-map> on fixtures. */
describe('<obec-map>', () => {
  afterEach(() => cleanPage());

  async function show(town: TownArea = FAILING_TILES) {
    const page = mount(`<obec-portal api="${API}"></obec-portal><obec-map></obec-map>`);
    (page.querySelector('obec-portal') as ObecPortal).fetch = feedbackFetch({ town });
    const map = page.querySelector('obec-map') as ObecMap;
    const root = await rendered(map);
    await waitUntil(() => root.querySelector('svg'), 'no map');
    const picks: { lat: number; lon: number }[] = [];
    map.addEventListener('obec-map-pick', (event) => picks.push((event as CustomEvent).detail));
    return { page, map, root, picks, svg: root.querySelector<SVGSVGElement>('svg')! };
  }

  const live = (root: ShadowRoot) => textOf(root.querySelector('[aria-live="polite"]')!);

  it('projects and unprojects points, and knows what is inside the town', () => {
    const point = { lat: 49.4325, lon: 15.587 };
    const back = unproject(project(point, 15), 15);
    expect(back.lat).to.be.closeTo(point.lat, 1e-9);
    expect(back.lon).to.be.closeTo(point.lon, 1e-9);
    expect(inside(point, TOWN.boundary)).to.equal(true);
    expect(inside({ lat: 49.5, lon: 15.587 }, TOWN.boundary)).to.equal(false);
  });

  it('by keyboard: arrows move the crosshair, + zooms, Enter places the pin and announces it', async () => {
    const { page, root, picks, svg } = await show();
    expect(svg.getAttribute('tabindex')).to.equal('0');
    expect(svg.getAttribute('aria-label')).to.equal('Mapa obce Javorná Lhota');
    expect(textOf(root.querySelector('#map-help')!)).to.contain('Šipkami posunete');
    svg.focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => picks.length === 1, 'no pick');
    expect(picks[0]!.lat).to.be.closeTo(TOWN.center.lat, 1e-5);
    expect(picks[0]!.lon).to.be.closeTo(TOWN.center.lon, 1e-5);
    await waitUntil(() => live(root).includes('Špendlík umístěn'), live(root));
    expect(root.querySelector('.pin-mark')!.getAttribute('visibility')).to.equal('visible');

    await sendKeys({ press: 'ArrowRight' });
    await sendKeys({ press: 'ArrowUp' });
    await sendKeys({ press: '+' });
    await waitUntil(() => live(root).includes('Přiblížení 16'), live(root));
    await sendKeys({ press: 'Space' });
    await waitUntil(() => picks.length === 2);
    expect(picks[1]!.lon).to.be.greaterThan(picks[0]!.lon);
    expect(picks[1]!.lat).to.be.greaterThan(picks[0]!.lat);
    expect(root.querySelectorAll('[style]')).to.have.length(0);
    await expectAccessible(page);
  });

  it('announces the nearest known address', async () => {
    const { map, root, svg } = await show();
    map.places = PLACES;
    map.pin = { lat: PLACES[1]!.lat, lon: PLACES[1]!.lon };
    await map.updateComplete;
    svg.focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => live(root).includes('poblíž adresy Návesní 12'), live(root));
  });

  it('a tap places the pin; outside the town is said', async () => {
    const { root, picks, svg } = await show();
    const box = svg.getBoundingClientRect();
    const options = { bubbles: true, composed: true, button: 0, pointerId: 1, clientX: box.left + 2, clientY: box.top + 2 };
    svg.dispatchEvent(new PointerEvent('pointerdown', options));
    svg.dispatchEvent(new PointerEvent('pointerup', options));
    await waitUntil(() => picks.length === 1, 'a tap placed no pin');
    expect(picks[0]!.lat).to.be.greaterThan(TOWN.center.lat);
    expect(picks[0]!.lon).to.be.lessThan(TOWN.center.lon);
    await waitUntil(() => live(root).includes('mimo území obce'), live(root));
  });

  it('tiles failing: a plain background with the boundary, a note, everything usable', async () => {
    const { page, root, picks, svg } = await show();
    await waitUntil(() => root.querySelector('[part="note"]'), 'no note about the tiles', { timeout: 5000 });
    expect(textOf(root.querySelector('[part="note"]')!)).to.equal('Mapové podklady se nepodařilo načíst; místo určete adresou nebo polohou.');
    expect(root.querySelectorAll('.tiles image')).to.have.length(0);
    expect(root.querySelector('polygon.boundary')!.getAttribute('points')).to.match(/^[\d.,\s-]+$/);
    svg.focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => picks.length === 1);
    await expectAccessible(page);
  });

  it('with tiles: image elements placed by attributes, and the attribution', async () => {
    const { root } = await show({ ...TOWN, tiles: { ...TOWN.tiles!, url: 'data:image/gif;base64,R0lGODlhAQABAIAAAP///wAAACH5BAEAAAAALAAAAAABAAEAAAICRAEAOw==#{z}/{x}/{y}' } });
    await waitUntil(() => root.querySelectorAll('.tiles image').length > 0, 'no tiles');
    const image = root.querySelector('.tiles image')!;
    for (const name of ['x', 'y', 'width', 'height', 'href']) expect(image.hasAttribute(name), name).to.equal(true);
    expect(textOf(root.querySelector('[part="attribution"]')!)).to.equal('© OpenStreetMap contributors');
  });

  it('without a tile server: the boundary and a note', async () => {
    const { page, root } = await show(TOWN_WITHOUT_TILES);
    expect(textOf(root.querySelector('[part="note"]')!)).to.contain('jen hranici obce');
    expect(root.querySelector('[part="attribution"]')).to.equal(null);
    await expectAccessible(page);
  });
});

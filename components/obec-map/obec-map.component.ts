import { Task } from '@lit/task';
import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { ObecElement } from '../../src/base/obec-element.js';
import { TownAreaSchema, type Place, type Point, type TownArea } from '../../src/contract/feedback.js';
import { formatNumber } from '../../src/i18n/translator.js';
import { mapMessages, type MapMessages } from './obec-map.messages.js';
import { mapStyles } from './obec-map.styles.js';
import { distance, inside, project, TILE, tilesFor, tileUrl, unproject, type LatLon } from './tiles.js';

const SVG_NS = 'http://www.w3.org/2000/svg';

/** The size of the drawing; CSS scales it to the width of the page. */
const WIDTH = 640;
const HEIGHT = 400;
/** How far one arrow key moves the crosshair, in drawing pixels. */
const STEP = 40;
const MIN_ZOOM = 10;
/** Within this many metres of a known address, the pin is announced by it. */
const NEAR = 75;

/**
 * @summary A map of the town to point at a place: the town boundary, the
 * map tiles when there are any, and a pin. Usable by keyboard, mouse and
 * touch, and never required.
 *
 * @description The map is drawn as SVG (tiles are `<image>` elements placed by
 * attributes, so a strict `style-src` is no problem). The town comes from
 * `GET {api}/town` unless the `town` property gives it.
 *
 * Keyboard: the map takes focus; the arrow keys move a crosshair over the
 * map (the map pans under it), `+` and `−` zoom, Enter or Space places the
 * pin at the crosshair. Mouse and touch: a tap places the pin, a drag pans.
 * Each placed pin is announced in a live region, by the nearest known
 * address (`places`) when there is one close by, and whether it is outside
 * the town.
 *
 * When the tiles cannot be loaded (no internet, a blocked server) or none
 * are configured, the map is a plain background with the boundary and a note
 * that the place can be given by address or location instead.
 *
 * @fires obec-map-pick - A pin was placed; `detail`: `{ lat, lon }`.
 *
 * @csspart base - The map with its controls and notes.
 * @csspart map - The SVG map (focusable).
 * @csspart controls - The zoom buttons.
 * @csspart note - The note about missing map tiles.
 * @csspart attribution - The tile attribution.
 *
 * @cssproperty --obec-color-primary - The boundary and the buttons.
 * @cssproperty --obec-color-error - The pin.
 * @cssproperty --obec-color-surface-alt - The plain background without tiles.
 * @cssstate dark - The dark theme is in effect.
 */
export class ObecMap extends ObecElement {
  static override styles = [ObecElement.styles, mapStyles];
  static override catalogs = [...ObecElement.catalogs, mapMessages];

  /** The town (boundary, centre, zoom, tiles); by default read from `GET {api}/town`. */
  @property({ attribute: false }) town?: TownArea;

  /** The placed pin, if any; setting it moves the map there. */
  @property({ attribute: false }) pin?: Point;

  /** Known addresses: a pin close to one is announced by it. */
  @property({ attribute: false }) places: readonly Place[] = [];

  /** The point under the crosshair, at the centre of the view. */
  @state() private center?: LatLon;
  @state() private zoom = 15;
  @state() private tilesFailed = false;
  @state() private announcement = '';
  @state() private keyboard = false;

  private drag?: { id: number; x: number; y: number; center: LatLon; moved: boolean };
  private shownPin?: Point;

  private readonly loaded = new Task(this, {
    task: async ([api, given], { signal }) => {
      if (given || !api) return given;
      return api.get('/town', TownAreaSchema, { signal });
    },
    args: () => [this.runtime?.api, this.town] as const,
  });

  private t(key: keyof MapMessages & string, params?: Record<string, string | number>): string {
    return this.msg(mapMessages, key, params);
  }

  private get area(): TownArea | undefined {
    return this.town ?? this.loaded.value;
  }

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    const area = this.area;
    if (area && !this.center) {
      this.center = this.pin ?? area.center;
      this.zoom = this.clampZoom(area.zoom);
    }
    if (this.pin && this.pin !== this.shownPin) {
      this.shownPin = this.pin;
      this.center = this.pin;
    }
  }

  private clampZoom(zoom: number): number {
    return Math.min(Math.max(Math.round(zoom), MIN_ZOOM), this.area?.tiles?.maxZoom ?? 19);
  }

  /** Says something once through the polite live region. */
  private announce(text: string): void {
    this.announcement = this.announcement === text ? `${text}\u00a0` : text;
  }

  /** The world pixel of the view's top-left corner. */
  private origin(): { x: number; y: number } {
    const middle = project(this.center!, this.zoom);
    return { x: middle.x - WIDTH / 2, y: middle.y - HEIGHT / 2 };
  }

  private toScreen(point: LatLon): { x: number; y: number } {
    const world = project(point, this.zoom);
    const origin = this.origin();
    return { x: world.x - origin.x, y: world.y - origin.y };
  }

  private toPoint(x: number, y: number): LatLon {
    const origin = this.origin();
    return unproject({ x: origin.x + x, y: origin.y + y }, this.zoom);
  }

  private pan(dx: number, dy: number): void {
    const middle = project(this.center!, this.zoom);
    this.center = unproject({ x: middle.x + dx, y: middle.y + dy }, this.zoom);
  }

  private setZoom(zoom: number): void {
    const next = this.clampZoom(zoom);
    if (next === this.zoom) return;
    this.zoom = next;
    this.announce(this.t('zoomed', { zoom: next }));
  }

  /** Places the pin, tells the page, and says where it is. */
  private place(point: LatLon): void {
    const pin = { lat: Math.round(point.lat * 1e6) / 1e6, lon: Math.round(point.lon * 1e6) / 1e6 };
    this.pin = pin;
    this.shownPin = pin;
    const area = this.area;
    const near = this.places
      .map((place) => ({ place, metres: distance(place, pin) }))
      .filter((entry) => entry.metres <= NEAR)
      .sort((a, b) => a.metres - b.metres)[0];
    const where = near
      ? this.t('placedNear', { address: near.place.label })
      : this.t('placed', { where: `${formatNumber(this.language, pin.lat)}, ${formatNumber(this.language, pin.lon)}` });
    this.announce(area && !inside(pin, area.boundary) ? `${where} ${this.t('outside')}` : where);
    this.dispatchEvent(new CustomEvent('obec-map-pick', { detail: pin, bubbles: true, composed: true }));
  }

  private onKeyDown(event: KeyboardEvent): void {
    if (!this.center) return;
    const moves: Record<string, [number, number]> = { ArrowLeft: [-STEP, 0], ArrowRight: [STEP, 0], ArrowUp: [0, -STEP], ArrowDown: [0, STEP] };
    const move = moves[event.key];
    this.keyboard = true;
    if (move) this.pan(move[0] * (event.shiftKey ? 4 : 1), move[1] * (event.shiftKey ? 4 : 1));
    else if (event.key === '+' || event.key === '=') this.setZoom(this.zoom + 1);
    else if (event.key === '-' || event.key === '_') this.setZoom(this.zoom - 1);
    else if (event.key === 'Enter' || event.key === ' ') this.place(this.center);
    else return;
    event.preventDefault();
  }

  /** Drawing coordinates of a pointer event. */
  private drawingPoint(event: PointerEvent): { x: number; y: number } {
    const box = (event.currentTarget as Element).getBoundingClientRect();
    return { x: ((event.clientX - box.left) / box.width) * WIDTH, y: ((event.clientY - box.top) / box.height) * HEIGHT };
  }

  private onPointerDown(event: PointerEvent): void {
    if (!this.center || event.button !== 0) return;
    this.keyboard = false;
    const { x, y } = this.drawingPoint(event);
    this.drag = { id: event.pointerId, x, y, center: this.center, moved: false };
    (event.currentTarget as Element).setPointerCapture?.(event.pointerId);
  }

  private onPointerMove(event: PointerEvent): void {
    const drag = this.drag;
    if (!drag || drag.id !== event.pointerId) return;
    const { x, y } = this.drawingPoint(event);
    if (!drag.moved && Math.hypot(x - drag.x, y - drag.y) < 6) return;
    drag.moved = true;
    const start = project(drag.center, this.zoom);
    this.center = unproject({ x: start.x - (x - drag.x), y: start.y - (y - drag.y) }, this.zoom);
  }

  private onPointerUp(event: PointerEvent): void {
    const drag = this.drag;
    if (!drag || drag.id !== event.pointerId) return;
    this.drag = undefined;
    if (!drag.moved) {
      const { x, y } = this.drawingPoint(event);
      this.place(this.toPoint(x, y));
    }
  }

  private onWheel(event: WheelEvent): void {
    if (!this.center || event.deltaY === 0) return;
    event.preventDefault();
    this.setZoom(this.zoom + (event.deltaY < 0 ? 1 : -1));
  }

  protected override renderWidget(): TemplateResult {
    const area = this.area;
    if (!area) {
      return html`<div part="base" lang=${this.language}>
        ${this.loaded.status === 3 ? html`<p part="note" class="message error note">${this.t('loadFailed')}</p>` : html`<p class="help">${this.t('loading')}</p>`}
      </div>`;
    }
    const tiles = area.tiles;
    const pin = this.pin ? this.toScreen(this.pin) : undefined;
    return html`<div part="base" lang=${this.language}>
      <div class="frame">
        <svg
          part="map"
          class="map ${this.keyboard ? 'keyboard' : ''}"
          viewBox="0 0 ${WIDTH} ${HEIGHT}"
          tabindex="0"
          role="application"
          aria-roledescription="mapa"
          aria-label=${this.t('label', { town: area.name })}
          aria-describedby="map-help"
          @keydown=${this.onKeyDown}
          @pointerdown=${this.onPointerDown}
          @pointermove=${this.onPointerMove}
          @pointerup=${this.onPointerUp}
          @pointercancel=${() => (this.drag = undefined)}
          @wheel=${this.onWheel}
        >
          <rect class="background" width=${WIDTH} height=${HEIGHT}></rect>
          <g class="tiles" aria-hidden="true"></g>
          <polygon class="boundary" points=${this.boundaryPoints(area)} aria-hidden="true"></polygon>
          <g class="pin-mark" transform=${pin ? `translate(${pin.x.toFixed(1)} ${pin.y.toFixed(1)})` : 'translate(-100 -100)'} visibility=${pin ? 'visible' : 'hidden'} aria-hidden="true">
            <path class="pin" d="M0 0C-4-10-14-16-14-26a14 14 0 0 1 28 0c0 10-10 16-14 26z"></path>
            <circle class="pin-eye" cx="0" cy="-26" r="5"></circle>
          </g>
          <g class="crosshair" aria-hidden="true">
            <circle cx=${WIDTH / 2} cy=${HEIGHT / 2} r="10"></circle>
            <path d="M${WIDTH / 2 - 18} ${HEIGHT / 2}h12m12 0h12M${WIDTH / 2} ${HEIGHT / 2 - 18}v12m0 12v12"></path>
          </g>
        </svg>
        <div part="controls" class="controls">
          <button type="button" class="button secondary" part="button" aria-label=${this.t('zoomIn')} @click=${() => this.setZoom(this.zoom + 1)}>+</button>
          <button type="button" class="button secondary" part="button" aria-label=${this.t('zoomOut')} @click=${() => this.setZoom(this.zoom - 1)}>−</button>
        </div>
      </div>
      <p id="map-help" class="help">${this.t('help')}</p>
      ${!tiles ? html`<p part="note" class="note help">${this.t('noTiles')}</p>` : nothing}
      ${tiles && this.tilesFailed ? html`<p part="note" class="message notice note">${this.t('tilesFailed')}</p>` : nothing}
      ${tiles && !this.tilesFailed ? html`<p part="attribution" class="attribution">${tiles.attribution}</p>` : nothing}
      <p class="visually-hidden" aria-live="polite">${this.announcement}</p>
    </div>`;
  }

  private boundaryPoints(area: TownArea): string {
    return area.boundary
      .map(([lat, lon]) => this.toScreen({ lat: lat!, lon: lon! }))
      .map(({ x, y }) => `${x.toFixed(1)},${y.toFixed(1)}`)
      .join(' ');
  }

  /**
   * The tiles are drawn here rather than in the template: a template of SVG
   * fragments needs lit's \`svg\` tag, which would grow the shared chunk of
   * every page for this one widget.
   */
  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    const layer = this.renderRoot.querySelector('.tiles');
    const template = this.area?.tiles?.url;
    if (!layer || !this.center) return;
    const wanted = new Map<string, { x: number; y: number }>();
    if (template && !this.tilesFailed) {
      const origin = this.origin();
      for (const tile of tilesFor(origin.x, origin.y, WIDTH, HEIGHT, this.zoom)) wanted.set(tileUrl(template, tile), { x: tile.x * TILE - origin.x, y: tile.y * TILE - origin.y });
    }
    for (const image of [...layer.children]) {
      const href = image.getAttribute('href') ?? '';
      const place = wanted.get(href);
      if (!place) image.remove();
      else {
        image.setAttribute('x', String(place.x));
        image.setAttribute('y', String(place.y));
        wanted.delete(href);
      }
    }
    for (const [href, place] of wanted) {
      const image = document.createElementNS(SVG_NS, 'image');
      for (const [name, value] of Object.entries({ href, x: place.x, y: place.y, width: TILE, height: TILE })) image.setAttribute(name, String(value));
      image.addEventListener('error', () => (this.tilesFailed = true), { once: true });
      layer.append(image);
    }
  }
}

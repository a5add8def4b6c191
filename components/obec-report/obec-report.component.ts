import { Task } from '@lit/task';
import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { state } from 'lit/decorators.js';
import type { ApiClient } from '../../src/api/api-client.js';
import { ApiError } from '../../src/api/api-error.js';
import { ObecElement } from '../../src/base/obec-element.js';
import type { SettingName } from '../../src/config/config-schema.js';
import {
  CategoryListSchema,
  CreatedReportSchema,
  NearbyListSchema,
  OwnReportListSchema,
  OwnReportSchema,
  PlaceListSchema,
  SupportResponseSchema,
  TownAreaSchema,
  type Category,
  type OwnReport,
  type Place,
  type Point,
  type PublicReport,
  type TownArea,
} from '../../src/contract/feedback.js';
import { MeSchema } from '../../src/contract/me.js';
import { withHeaders } from '../../src/client/with-headers.js';
import { formatMoment } from '../../src/i18n/format.js';
import { formatNumber, type Params } from '../../src/i18n/translator.js';
import { panelStyles } from '../../src/theme/tokens.js';
import { inside } from '../obec-map/tiles.js';
import { follow, followedReports } from './follow-tokens.js';
import { reportMessages, type ReportMessages } from './obec-report.messages.js';
import { reportStyles } from './obec-report.styles.js';
import { PhotoError, previewOf, uploadPhoto } from './photo-upload.js';

const MIN_DESCRIPTION = 10;
const MAX_DESCRIPTION = 2000;
const MAX_PHOTOS = 3;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

type Where = { point: Point; address?: string; source: 'address' | 'location' | 'map' };
interface Photo {
  key: number;
  name: string;
  preview: string;
  id?: string;
  controller?: AbortController;
}
interface Problem {
  field: string;
  text: string;
}
type NearbyReport = PublicReport & { distance: number };

/**
 * @summary Report a problem in town (a broken lamp, a pothole, an illegal
 * dump): what, where, photos and contact; nearby reports to join instead;
 * the citizen's reports with their state and the office's replies.
 *
 * @description The categories come from `GET {api}/report-categories`, the
 * town's area from `GET {api}/town`. The place is given by an address search
 * (a combobox over `GET {api}/places`), "Použít moji polohu" (the browser's
 * geolocation) or the map (`<obec-map>`); each works without the others.
 * Photos upload as soon as they are chosen (`POST {api}/report-photos`), up
 * to three, with previews and a message per refused file. Contact details are
 * optional (pre-filled from the identity when signed in); without them the
 * report is anonymous and this browser follows it by a token kept in
 * `localStorage`.
 *
 * Before sending, open reports within 150 m are listed with "Vidím to také",
 * which supports one instead of sending a duplicate. A report the server
 * refuses keeps everything filled in and lists the problems in an error
 * summary that takes focus; a sent one shows its reference number (focused).
 * "Moje hlášení" lists the citizen's reports with their state, history and
 * the office's replies; a solved one asks "Je to opravdu vyřešené?", and
 * "Ne" reopens it with a comment.
 *
 * @fires obec-report-sent - A report was sent; `detail`: `{ id, reference }`.
 * @fires obec-report-supported - The citizen joined a nearby report; `detail`: `{ id, supporters }`.
 *
 * @csspart base - The widget.
 * @csspart form - The report form.
 * @csspart places - The list of addresses found.
 * @csspart photos - The chosen photos.
 * @csspart nearby - Similar reports nearby.
 * @csspart error-summary - What keeps the report from being sent; takes focus.
 * @csspart confirmation - The sent report with its reference number.
 * @csspart mine - The citizen's reports.
 * @csspart button - Every button.
 * @csspart config-error - Shown instead of the widget when `api` is missing or wrong.
 *
 * @cssproperty --obec-color-primary - Buttons and the map's boundary.
 * @cssproperty --obec-color-error - Errors and the pin.
 * @cssproperty --obec-color-success - The confirmation.
 * @cssstate dark - The dark theme is in effect.
 */
export class ObecReport extends ObecElement {
  static override styles = [ObecElement.styles, panelStyles, reportStyles];
  static override requiredSettings: readonly SettingName[] = ['api'];
  static override catalogs = [...ObecElement.catalogs, reportMessages];

  @state() private category = '';
  @state() private description = '';
  @state() private where?: Where;
  @state() private query = '';
  @state() private places: Place[] = [];
  @state() private placesOpen = false;
  @state() private activePlace = -1;
  @state() private placesStatus = '';
  @state() private locating = false;
  @state() private locationProblem = '';
  @state() private photos: Photo[] = [];
  @state() private photoProblems: string[] = [];
  @state() private contact = { name: '', email: '', phone: '' };
  @state() private problems: Problem[] = [];
  @state() private failure = '';
  @state() private busy = false;
  @state() private sent?: OwnReport;
  @state() private supported?: { reference: string };
  @state() private supportProblem = '';
  @state() private announcement = '';
  @state() private mine: OwnReport[] = [];
  @state() private mineProblem = '';
  @state() private reopening?: string;
  @state() private reopenComment = '';
  @state() private reopenProblem = '';
  @state() private confirmNote?: { id: string; text: string };

  private idempotencyKey = crypto.randomUUID();
  private photoKey = 0;
  private searchTimer?: ReturnType<typeof setTimeout>;
  private searchController?: AbortController;
  private focusAfterRender?: string;
  private prefilledFor?: string;
  private mineFor?: string;

  private readonly setup = new Task(this, {
    task: async ([api], { signal }) => {
      if (!api) return undefined;
      // without the town's area the form still works by address and location; the map says why it is missing
      const [categories, town] = await Promise.all([
        api.get('/report-categories', CategoryListSchema, { signal }),
        api.get('/town', TownAreaSchema, { signal }).catch((error: unknown) => {
          if (signal.aborted) throw error;
          return undefined;
        }),
      ]);
      return { categories: categories.categories, town };
    },
    args: () => [this.runtime?.api] as const,
  });

  private readonly nearby = new Task(this, {
    task: async ([api, category, lat, lon], { signal }) => {
      if (!api || !category || lat === undefined || lon === undefined) return [];
      const answer = await api.get('/reports/nearby', NearbyListSchema, { signal, query: { lat, lon, category } });
      return answer.reports;
    },
    args: () => [this.runtime?.api, this.category, this.where?.point.lat, this.where?.point.lon] as const,
  });

  private t(key: keyof ReportMessages & string, params?: Params): string {
    return this.msg(reportMessages, key, params);
  }

  private get signedIn(): boolean {
    return this.runtime?.session?.state.status === 'signed-in';
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    for (const photo of this.photos) photo.controller?.abort();
    this.searchController?.abort();
    clearTimeout(this.searchTimer);
  }

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    const api = this.runtime?.api;
    const who = api ? `${api.baseUrl}|${this.signedIn}` : undefined;
    if (api && who !== this.mineFor) {
      this.mineFor = who;
      void this.loadMine(api);
    }
    if (api && this.signedIn && this.prefilledFor !== api.baseUrl) {
      this.prefilledFor = api.baseUrl;
      void this.prefill(api);
    }
  }

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    const selector = this.focusAfterRender;
    this.focusAfterRender = undefined;
    if (selector) this.renderRoot.querySelector<HTMLElement>(selector)?.focus();
  }

  private announce(text: string): void {
    this.announcement = this.announcement === text ? `${text}\u00a0` : text;
  }

  private reason(error: unknown): string {
    return error instanceof ApiError ? this.errorMessage(error) : this.coreMsg('error.server');
  }

  private async prefill(api: ApiClient): Promise<void> {
    try {
      const me = await api.get('/me', MeSchema);
      const name = me.name ?? [me.given_name, me.family_name].filter(Boolean).join(' ');
      this.contact = { name: this.contact.name || name, email: this.contact.email || (me.email ?? ''), phone: this.contact.phone };
    } catch {
      // the contact stays empty; the citizen may fill it in
    }
  }

  /** The citizen's reports (signed in) and those this browser follows by token. */
  private async loadMine(api: ApiClient): Promise<void> {
    try {
      const own = this.signedIn ? (await api.get('/reports/mine', OwnReportListSchema)).reports : [];
      const followed = await Promise.all(
        followedReports(api.baseUrl)
          .filter((entry) => !own.some((report) => report.id === entry.id))
          .map((entry) =>
            withHeaders(api, { 'X-Follow-Token': entry.token })
              .get(`/reports/${encodeURIComponent(entry.id)}`, OwnReportSchema)
              .catch(() => undefined),
          ),
      );
      const all = [...own, ...followed.filter((report): report is OwnReport => report !== undefined)];
      this.mine = all.sort((a, b) => (a.createdAt < b.createdAt ? 1 : -1));
      this.mineProblem = '';
    } catch (error) {
      this.mineProblem = this.t('mineFailed', { reason: this.reason(error) });
    }
  }

  /** A client that may read and answer one report: the bearer token, or this browser's follow token. */
  private reporterClient(api: ApiClient, id: string): ApiClient {
    const followed = followedReports(api.baseUrl).find((entry) => entry.id === id);
    return followed ? withHeaders(api, { 'X-Follow-Token': followed.token }) : api;
  }

  // ---- where ----------------------------------------------------------------

  private setWhere(where: Where | undefined, announce = true): void {
    this.where = where;
    this.problems = this.problems.filter((problem) => problem.field !== 'where');
    if (!where || !announce) return;
    const town = this.setup.value?.town;
    const text = this.t('chosenPlace', { place: this.placeText(where) });
    this.announce(town && !inside(where.point, town.boundary) ? `${text} ${this.t('outside')}` : text);
  }

  private placeText(where: Where): string {
    const coordinates = `${formatNumber(this.language, where.point.lat)}, ${formatNumber(this.language, where.point.lon)}`;
    if (where.address) return where.address;
    return where.source === 'location' ? this.t('myLocation', { where: coordinates }) : this.t('mapPoint', { where: coordinates });
  }

  private onQuery(event: Event): void {
    this.query = (event.target as HTMLInputElement).value;
    clearTimeout(this.searchTimer);
    const text = this.query.trim();
    if (text.length < 2) {
      this.places = [];
      this.placesOpen = false;
      return;
    }
    this.searchTimer = setTimeout(() => void this.search(text), 250);
  }

  private async search(text: string): Promise<void> {
    const api = this.runtime?.api;
    if (!api) return;
    this.searchController?.abort();
    const controller = (this.searchController = new AbortController());
    try {
      const { places } = await api.get('/places', PlaceListSchema, { query: { q: text }, signal: controller.signal });
      if (controller.signal.aborted) return;
      this.places = places;
      this.placesOpen = places.length > 0;
      this.activePlace = -1;
      this.placesStatus = places.length > 0 ? this.t('placesFound', { count: places.length }) : this.t('noPlaces');
    } catch (error) {
      if (controller.signal.aborted || (error instanceof ApiError && error.kind === 'aborted')) return;
      this.places = [];
      this.placesOpen = false;
      this.placesStatus = this.t('placesFailed', { reason: this.reason(error) });
    }
  }

  private choosePlace(place: Place): void {
    this.query = place.label;
    this.placesOpen = false;
    this.activePlace = -1;
    this.setWhere({ point: { lat: place.lat, lon: place.lon }, address: place.label, source: 'address' });
    this.focusAfterRender = '#address';
  }

  private onQueryKey(event: KeyboardEvent): void {
    const count = this.places.length;
    if (event.key === 'ArrowDown' && count > 0) {
      this.placesOpen = true;
      this.activePlace = (this.activePlace + 1) % count;
    } else if (event.key === 'ArrowUp' && count > 0) {
      this.placesOpen = true;
      this.activePlace = this.activePlace <= 0 ? count - 1 : this.activePlace - 1;
    } else if (event.key === 'Enter' && this.placesOpen && this.activePlace >= 0) {
      this.choosePlace(this.places[this.activePlace]!);
    } else if (event.key === 'Escape' && this.placesOpen) {
      this.placesOpen = false;
      this.activePlace = -1;
    } else return;
    event.preventDefault();
  }

  private useLocation(): void {
    this.locationProblem = '';
    if (!('geolocation' in navigator)) {
      this.locationProblem = this.t('noGeolocation');
      return;
    }
    this.locating = true;
    navigator.geolocation.getCurrentPosition(
      (position) => {
        this.locating = false;
        this.setWhere({ point: { lat: position.coords.latitude, lon: position.coords.longitude }, source: 'location' });
      },
      () => {
        this.locating = false;
        this.locationProblem = this.t('locationDenied');
        this.announce(this.locationProblem);
      },
      { enableHighAccuracy: true, timeout: 15_000, maximumAge: 60_000 },
    );
  }

  private onMapPick(event: CustomEvent<Point>): void {
    const near = this.places.find((place) => Math.abs(place.lat - event.detail.lat) < 0.0004 && Math.abs(place.lon - event.detail.lon) < 0.0006);
    // the map announces the pin itself
    this.setWhere({ point: event.detail, source: 'map', ...(near ? { address: near.label } : {}) }, false);
  }

  // ---- photos ---------------------------------------------------------------

  private async onPhotos(event: Event): Promise<void> {
    const input = event.target as HTMLInputElement;
    const files = [...(input.files ?? [])];
    input.value = '';
    const api = this.runtime?.api;
    if (!api || files.length === 0) return;
    const problems: string[] = [];
    for (const file of files) {
      if (this.photos.length >= MAX_PHOTOS) {
        problems.push(this.t('photoTooMany', { name: file.name, max: MAX_PHOTOS }));
        continue;
      }
      const photo: Photo = { key: ++this.photoKey, name: file.name, preview: '', controller: new AbortController() };
      this.photos = [...this.photos, photo];
      void this.upload(api, file, photo);
    }
    this.photoProblems = problems;
    this.problems = this.problems.filter((problem) => problem.field !== 'photos');
    if (problems.length > 0) this.announce(problems.join(' '));
  }

  private async upload(api: ApiClient, file: File, photo: Photo): Promise<void> {
    const signal = photo.controller!.signal;
    const preview = previewOf(file);
    try {
      const uploaded = await uploadPhoto(api, file, signal);
      if (signal.aborted) return;
      const src = await preview;
      this.photos = this.photos.map((other) => (other.key === photo.key ? { ...other, id: uploaded.id, preview: src, controller: undefined } : other));
      this.announce(this.t('photoUploaded', { name: file.name }));
    } catch (error) {
      if (signal.aborted) return;
      this.photos = this.photos.filter((other) => other.key !== photo.key);
      const code = error instanceof PhotoError ? error.code : undefined;
      const text =
        code === 'file_too_large'
          ? this.t('photoTooLarge', { name: file.name })
          : code === 'unsupported_type'
            ? this.t('photoType', { name: file.name })
            : this.t('photoFailed', { name: file.name, reason: code === 'rate_limited' ? this.coreMsg('error.rateLimited') : this.coreMsg('error.unreachable') });
      this.photoProblems = [...this.photoProblems, text];
      this.announce(text);
    }
  }

  private async removePhoto(photo: Photo): Promise<void> {
    photo.controller?.abort();
    this.photos = this.photos.filter((other) => other.key !== photo.key);
    this.announce(this.t('photoRemoved', { name: photo.name }));
    this.focusAfterRender = '#photos';
  }

  // ---- sending --------------------------------------------------------------

  private localProblems(): Problem[] {
    const problems: Problem[] = [];
    const description = this.description.trim();
    if (!this.category) problems.push({ field: 'category', text: this.t('error.category') });
    if (description.length < MIN_DESCRIPTION) problems.push({ field: 'description', text: this.t('error.descriptionShort', { min: MIN_DESCRIPTION }) });
    else if (description.length > MAX_DESCRIPTION) problems.push({ field: 'description', text: this.t('error.descriptionLong', { max: MAX_DESCRIPTION }) });
    const town = this.setup.value?.town;
    if (!this.where) problems.push({ field: 'where', text: this.t('error.location') });
    else if (town && !inside(this.where.point, town.boundary)) problems.push({ field: 'where', text: this.t('error.outside') });
    if (this.photos.some((photo) => photo.controller)) problems.push({ field: 'photos', text: this.t('error.photos') });
    if (this.contact.email.trim() && !EMAIL.test(this.contact.email.trim())) problems.push({ field: 'email', text: this.t('error.email') });
    return problems;
  }

  private showProblems(problems: Problem[], failure = ''): void {
    this.problems = problems;
    this.failure = failure;
    this.focusAfterRender = '[part="error-summary"]';
  }

  private async send(event: Event): Promise<void> {
    event.preventDefault();
    const api = this.runtime?.api;
    if (!api || this.busy) return;
    const problems = this.localProblems();
    if (problems.length > 0) return this.showProblems(problems);
    const where = this.where!;
    const contact = Object.fromEntries(Object.entries(this.contact).map(([key, value]) => [key, value.trim()]).filter(([, value]) => value));
    const website = this.renderRoot.querySelector<HTMLInputElement>('#website')?.value ?? '';
    const body = {
      category: this.category,
      description: this.description.trim(),
      location: { lat: where.point.lat, lon: where.point.lon, ...(where.address ? { address: where.address } : {}) },
      photos: this.photos.map((photo) => photo.id!).filter(Boolean),
      ...(Object.keys(contact).length > 0 ? { contact } : {}),
      ...(website ? { website } : {}),
    };
    this.busy = true;
    this.problems = [];
    this.failure = '';
    try {
      const created = await api.post('/reports', body, CreatedReportSchema, { idempotencyKey: this.idempotencyKey });
      follow(api.baseUrl, { id: created.report.id, token: created.followToken });
      this.sent = created.report;
      this.mine = [created.report, ...this.mine.filter((report) => report.id !== created.report.id)];
      this.focusAfterRender = '[part="confirmation"] h3';
      this.dispatchEvent(new CustomEvent('obec-report-sent', { detail: { id: created.report.id, reference: created.report.reference }, bubbles: true, composed: true }));
    } catch (error) {
      this.onRefused(error);
    } finally {
      this.busy = false;
    }
  }

  /** The server's refusal in the words of the form; everything filled in stays. */
  private onRefused(error: unknown): void {
    if (error instanceof ApiError && error.code === 'outside_town') return this.showProblems([{ field: 'where', text: this.t('error.outside') }]);
    if (error instanceof ApiError && error.fields.length > 0) {
      const fieldOf = (path: string) => (path.startsWith('location') ? 'where' : path.startsWith('contact.email') ? 'email' : path.split('.')[0]!);
      const known: Record<string, string> = {
        category: this.t('error.category'),
        description: this.t('error.descriptionShort', { min: MIN_DESCRIPTION }),
        where: this.t('error.location'),
        photos: this.t('error.photos'),
        email: this.t('error.email'),
      };
      const problems = error.fields.map((field) => {
        const name = fieldOf(field.path);
        const text = name === 'description' && field.code === 'too_big' ? this.t('error.descriptionLong', { max: MAX_DESCRIPTION }) : known[name] ?? this.t('error.field', { field: field.path });
        return { field: known[name] ? name : 'description', text };
      });
      return this.showProblems(problems);
    }
    this.showProblems([], this.t('failed', { reason: this.reason(error) }));
  }

  private another(): void {
    this.sent = undefined;
    this.supported = undefined;
    this.category = '';
    this.description = '';
    this.where = undefined;
    this.query = '';
    this.photos = [];
    this.photoProblems = [];
    this.idempotencyKey = crypto.randomUUID();
    this.focusAfterRender = '#category';
  }

  private async support(report: NearbyReport): Promise<void> {
    const api = this.runtime?.api;
    if (!api || this.busy) return;
    this.busy = true;
    this.supportProblem = '';
    try {
      const { supporters } = await api.post(`/reports/${encodeURIComponent(report.id)}/support`, {}, SupportResponseSchema, { idempotencyKey: `${this.idempotencyKey}:${report.id}` });
      this.supported = { reference: report.reference };
      this.focusAfterRender = '[data-supported]';
      this.dispatchEvent(new CustomEvent('obec-report-supported', { detail: { id: report.id, supporters }, bubbles: true, composed: true }));
      void this.nearby.run();
    } catch (error) {
      this.supportProblem = this.t('supportFailed', { reason: this.reason(error) });
      this.announce(this.supportProblem);
    } finally {
      this.busy = false;
    }
  }

  // ---- "is it really fixed?" -------------------------------------------------

  private async confirm(report: OwnReport, fixed: boolean): Promise<void> {
    const api = this.runtime?.api;
    if (!api || this.busy) return;
    const comment = this.reopenComment.trim();
    if (!fixed && !comment) {
      this.reopenProblem = this.t('error.confirmComment');
      this.focusAfterRender = '#reopen-comment';
      return;
    }
    this.busy = true;
    this.reopenProblem = '';
    try {
      const client = this.reporterClient(api, report.id);
      await client
        .post(`/reports/${encodeURIComponent(report.id)}/confirmation`, fixed ? { fixed } : { fixed, comment }, OwnReportSchema, {
          idempotencyKey: `${report.id}:${report.updatedAt}`,
        })
        // any 2xx answer saved it; the report is read again below
        .catch((error: unknown) => {
          if (!(error instanceof ApiError && error.kind === 'schema')) throw error;
        });
      const fresh = await client.get(`/reports/${encodeURIComponent(report.id)}`, OwnReportSchema).catch(() => undefined);
      const updated = fresh ?? { ...report, awaitingConfirmation: false, ...(fixed ? {} : { state: 'received' as const }) };
      this.mine = this.mine.map((other) => (other.id === report.id ? updated : other));
      this.reopening = undefined;
      this.reopenComment = '';
      this.confirmNote = { id: report.id, text: fixed ? this.t('confirmThanks') : this.t('reopened') };
      this.focusAfterRender = `#note-${report.id.replace(/[^\w-]/g, '_')}`;
    } catch (error) {
      this.reopenProblem = this.t('confirmFailed', { reason: this.reason(error) });
      this.announce(this.reopenProblem);
    } finally {
      this.busy = false;
    }
  }

  // ---- rendering ------------------------------------------------------------

  protected override renderWidget(): TemplateResult {
    return html`<section part="base" lang=${this.language} aria-labelledby="report-title">
      <h2 id="report-title">${this.t('title')}</h2>
      ${this.setup.render({
        pending: () => html`<p class="muted">${this.t('loading')}</p>`,
        error: (error) => html`<div class="message error" role="alert">
          <p>${this.t('loadFailed', { reason: this.reason(error) })}</p>
          <button class="button secondary" part="button" @click=${() => this.setup.run()}>${this.t('tryAgain')}</button>
        </div>`,
        complete: (setup) => (setup ? (this.sent ? this.renderSent(this.sent, setup.categories) : this.renderForm(setup.categories, setup.town)) : nothing),
      })}
      ${this.renderMine()}
      <p class="visually-hidden" aria-live="polite">${this.announcement}</p>
    </section>`;
  }

  private categoryName(categories: readonly Category[], code: string): string {
    const category = categories.find((candidate) => candidate.code === code);
    if (!category) return code;
    return (this.language === 'en' && category.name.en) || category.name.cs;
  }

  private localized(text: { cs: string; en?: string } | undefined): string {
    return text ? (this.language === 'en' && text.en) || text.cs : '';
  }

  private problemOf(field: string): string | undefined {
    return this.problems.find((problem) => problem.field === field)?.text;
  }

  private renderError(field: string): TemplateResult | typeof nothing {
    const text = this.problemOf(field);
    return text ? html`<p id="${field}-error" class="error-text">${text}</p>` : nothing;
  }

  private describedBy(field: string, ...others: string[]): string {
    return [...others, ...(this.problemOf(field) ? [`${field}-error`] : [])].join(' ');
  }

  private renderErrorSummary(): TemplateResult | typeof nothing {
    if (this.problems.length === 0 && !this.failure) return nothing;
    const targets: Record<string, string> = { category: '#category', description: '#description', where: '#address', photos: '#photos', email: '#contact-email' };
    return html`<div part="error-summary" class="error-summary" tabindex="-1" aria-labelledby="error-summary-title">
      <h3 id="error-summary-title">${this.t('errorSummary')}</h3>
      ${this.failure ? html`<p>${this.failure}</p>` : nothing}
      ${this.problems.length > 0
        ? html`<ul>
            ${this.problems.map(
              (problem) => html`<li>
                <a
                  href=${targets[problem.field] ?? '#description'}
                  @click=${(event: Event) => {
                    event.preventDefault();
                    this.renderRoot.querySelector<HTMLElement>(targets[problem.field] ?? '#description')?.focus();
                  }}
                  >${problem.text}</a
                >
              </li>`,
            )}
          </ul>`
        : nothing}
    </div>`;
  }

  private renderForm(categories: readonly Category[], town: TownArea | undefined): TemplateResult {
    const groups = new Map<string, Category[]>();
    for (const category of categories) {
      const group = this.localized(category.group) || '';
      groups.set(group, [...(groups.get(group) ?? []), category]);
    }
    const chosen = categories.find((category) => category.code === this.category);
    const left = MAX_DESCRIPTION - this.description.length;
    const busy = this.busy ? 'true' : 'false';
    return html`<p>${this.t('intro')}</p>
      ${this.renderErrorSummary()}
      <form part="form" novalidate @submit=${this.send}>
        <div class="field ${this.problemOf('category') ? 'invalid' : ''}">
          <label for="category">${this.t('category')}</label>
          ${this.renderError('category')}
          <select
            id="category"
            aria-describedby=${this.describedBy('category', chosen ? 'category-hint' : '')}
            aria-invalid=${this.problemOf('category') ? 'true' : 'false'}
            @change=${(event: Event) => {
              this.category = (event.target as HTMLSelectElement).value;
              this.problems = this.problems.filter((problem) => problem.field !== 'category');
            }}
          >
            <option value="" ?selected=${!this.category}>${this.t('chooseCategory')}</option>
            ${[...groups].map(([group, members]) => {
              const options = members.map((category) => html`<option value=${category.code} ?selected=${category.code === this.category}>${this.localized(category.name)}</option>`);
              return group ? html`<optgroup label=${group}>${options}</optgroup>` : options;
            })}
          </select>
          ${chosen
            ? html`<p id="category-hint" class="hint">${this.localized(chosen.description)} ${this.t('goesTo', { department: chosen.department })}</p>`
            : nothing}
        </div>

        <div class="field ${this.problemOf('description') ? 'invalid' : ''}">
          <label for="description">${this.t('description')}</label>
          <p id="description-hint" class="hint">${this.t('descriptionHint', { min: MIN_DESCRIPTION })}</p>
          ${this.renderError('description')}
          <textarea
            id="description"
            rows="5"
            aria-describedby=${this.describedBy('description', 'description-hint', 'description-counter')}
            aria-invalid=${this.problemOf('description') ? 'true' : 'false'}
            .value=${this.description}
            @input=${(event: Event) => (this.description = (event.target as HTMLTextAreaElement).value)}
          ></textarea>
          <p id="description-counter" class="counter ${left < 0 ? 'over' : ''}">
            ${left < 0 ? this.t('charactersOver', { count: -left }) : this.t('charactersLeft', { count: left })}
          </p>
        </div>

        ${this.renderWhere(town)} ${this.renderPhotos()} ${this.renderContact()} ${this.renderNearby(categories)}

        <div class="visually-hidden" aria-hidden="true">
          <label for="website">${this.t('honeypot')}</label>
          <input id="website" name="website" type="text" tabindex="-1" autocomplete="off" />
        </div>
        <div class="actions">
          <button class="button" part="button" aria-disabled=${busy}>${this.busy ? this.t('submitting') : this.t('submit')}</button>
        </div>
      </form>`;
  }

  private renderWhere(town: TownArea | undefined): TemplateResult {
    const where = this.where;
    const outside = where && town && !inside(where.point, town.boundary);
    const open = this.placesOpen && this.places.length > 0;
    return html`<fieldset class="field where ${this.problemOf('where') ? 'invalid' : ''}" aria-describedby="where-hint">
      <legend>${this.t('where')}</legend>
      <p id="where-hint" class="hint">${this.t('whereHint')}</p>
      ${this.renderError('where')}
      <label for="address">${this.t('address')}</label>
      <p id="address-hint" class="hint">${this.t('addressHint')}</p>
      <div class="combobox">
        <input
          id="address"
          type="text"
          role="combobox"
          autocomplete="off"
          aria-autocomplete="list"
          aria-expanded=${open ? 'true' : 'false'}
          aria-controls="places"
          aria-activedescendant=${open && this.activePlace >= 0 ? `place-${this.activePlace}` : ''}
          aria-describedby=${this.describedBy('where', 'address-hint')}
          aria-invalid=${this.problemOf('where') ? 'true' : 'false'}
          .value=${this.query}
          @input=${this.onQuery}
          @keydown=${this.onQueryKey}
          @blur=${() => setTimeout(() => (this.placesOpen = false), 200)}
        />
        <ul id="places" part="places" role="listbox" class="places" aria-label=${this.t('address')} ?hidden=${!open}>
          ${this.places.map(
            (place, index) => html`<li
              id="place-${index}"
              role="option"
              aria-selected=${index === this.activePlace ? 'true' : 'false'}
              @pointerdown=${(event: Event) => event.preventDefault()}
              @click=${() => this.choosePlace(place)}
            >
              ${place.label}
            </li>`,
          )}
        </ul>
      </div>
      <p class="visually-hidden" role="status">${this.placesStatus}</p>
      <div class="location">
        <button type="button" class="button secondary" part="button" aria-disabled=${this.locating ? 'true' : 'false'} @click=${this.useLocation}>
          ${this.locating ? this.t('locating') : this.t('useLocation')}
        </button>
      </div>
      ${this.locationProblem ? html`<p class="message error">${this.locationProblem}</p>` : nothing}
      <obec-map lang=${this.language} .town=${town} .pin=${where?.point} .places=${this.places} @obec-map-pick=${this.onMapPick}></obec-map>
      <p class="chosen ${outside ? 'outside' : ''}" data-chosen>
        ${where ? this.t('chosenPlace', { place: this.placeText(where) }) : this.t('noPlace')} ${outside ? html`<strong>${this.t('outside')}</strong>` : nothing}
      </p>
    </fieldset>`;
  }

  private renderPhotos(): TemplateResult {
    const full = this.photos.length >= MAX_PHOTOS;
    return html`<div class="field ${this.problemOf('photos') || this.photoProblems.length > 0 ? 'invalid' : ''}">
      <label for="photos">${this.t('photos')}</label>
      <p id="photos-hint" class="hint">${this.t('photosHint', { max: MAX_PHOTOS })}</p>
      ${this.renderError('photos')}
      ${this.photoProblems.length > 0
        ? html`<ul id="photos-problems" class="error-text plain">
            ${this.photoProblems.map((text) => html`<li>${text}</li>`)}
          </ul>`
        : nothing}
      <input
        id="photos"
        type="file"
        accept="image/jpeg,image/png,image/webp"
        multiple
        aria-describedby=${this.describedBy('photos', 'photos-hint', this.photoProblems.length > 0 ? 'photos-problems' : '')}
        ?disabled=${full}
        @change=${this.onPhotos}
      />
      ${this.photos.length > 0
        ? html`<ul part="photos" class="photos">
            ${this.photos.map(
              (photo) => html`<li>
                ${photo.preview ? html`<img src=${photo.preview} alt=${this.t('photoPreview', { name: photo.name })} />` : html`<span class="thumb" aria-hidden="true"></span>`}
                <span class="photo-name">${photo.name}${photo.controller ? html`, ${this.t('photoUploading')}` : nothing}</span>
                <button type="button" class="button secondary" part="button" aria-label=${this.t('photoRemove', { name: photo.name })} @click=${() => this.removePhoto(photo)}>
                  ${this.t('photoRemoveShort')}
                </button>
              </li>`,
            )}
          </ul>`
        : nothing}
    </div>`;
  }

  private renderContact(): TemplateResult {
    const field = (key: 'name' | 'email' | 'phone', type: string, autocomplete: string) => html`<div class="field ${key === 'email' && this.problemOf('email') ? 'invalid' : ''}">
      <label for="contact-${key}">${this.t(key)}</label>
      ${key === 'email' ? this.renderError('email') : nothing}
      <input
        id="contact-${key}"
        type=${type}
        autocomplete=${autocomplete}
        aria-describedby=${key === 'email' ? this.describedBy('email') : ''}
        aria-invalid=${key === 'email' && this.problemOf('email') ? 'true' : 'false'}
        .value=${this.contact[key]}
        @input=${(event: Event) => (this.contact = { ...this.contact, [key]: (event.target as HTMLInputElement).value })}
      />
    </div>`;
    return html`<fieldset class="field contact" aria-describedby="contact-hint">
      <legend>${this.t('contact')}</legend>
      <p id="contact-hint" class="hint">${this.signedIn ? this.t('contactSignedIn') : this.t('contactHint')}</p>
      ${field('name', 'text', 'name')} ${field('email', 'email', 'email')} ${field('phone', 'tel', 'tel')}
    </fieldset>`;
  }

  private renderNearby(categories: readonly Category[]): TemplateResult | typeof nothing {
    const reports = this.nearby.value ?? [];
    if (this.supported) {
      return html`<p class="message success notice" tabindex="-1" data-supported>${this.t('supported', { reference: this.supported.reference })}</p>`;
    }
    if (reports.length === 0) return nothing;
    return html`<section part="nearby" class="nearby" aria-labelledby="nearby-title">
      <h3 id="nearby-title">${this.t('nearbyTitle')}</h3>
      <p>${this.t('nearbyIntro')}</p>
      ${this.supportProblem ? html`<p class="message error">${this.supportProblem}</p>` : nothing}
      <ul class="cards">
        ${reports.map(
          (report) => html`<li class="card">
            <p>
              <strong>${this.categoryName(categories, report.category)}</strong>, ${report.reference}, ${this.t(`state.${report.state}`)}
            </p>
            <p>${report.description}</p>
            <p class="muted">
              ${report.location.address ? html`${report.location.address}, ` : nothing}${this.t('distance', { metres: Math.round(report.distance) })}.
              ${this.t('supporters', { count: report.supporters })}
            </p>
            <button type="button" class="button secondary" part="button" aria-label=${this.t('seeItTooLabel', { reference: report.reference })} @click=${() => this.support(report)}>
              ${this.t('seeItToo')}
            </button>
          </li>`,
        )}
      </ul>
    </section>`;
  }

  private renderSent(report: OwnReport, categories: readonly Category[]): TemplateResult {
    const department = categories.find((category) => category.code === report.category)?.department ?? '';
    return html`<div part="confirmation" class="confirmation">
      <h3 tabindex="-1">${this.t('doneTitle')}</h3>
      <p class="reference">${this.t('reference', { reference: report.reference })}</p>
      <p>${this.t('doneText', { department })}</p>
      ${report.anonymous ? html`<p>${this.t('doneAnonymous')}</p>` : nothing}
      <button type="button" class="button secondary" part="button" @click=${this.another}>${this.t('another')}</button>
    </div>`;
  }

  private renderMine(): TemplateResult | typeof nothing {
    if (this.mine.length === 0 && !this.mineProblem) return nothing;
    const categories = this.setup.value?.categories ?? [];
    return html`<section part="mine" class="mine" aria-labelledby="mine-title">
      <h3 id="mine-title">${this.t('mineTitle')}</h3>
      ${this.mineProblem ? html`<p class="message error">${this.mineProblem}</p>` : nothing}
      <ul class="cards">
        ${this.mine.map((report) => this.renderOwn(report, categories))}
      </ul>
    </section>`;
  }

  private renderOwn(report: OwnReport, categories: readonly Category[]): TemplateResult {
    const safeId = report.id.replace(/[^\w-]/g, '_');
    const note = this.confirmNote?.id === report.id ? this.confirmNote.text : '';
    return html`<li class="card report">
      <h4>${this.categoryName(categories, report.category)}: ${report.reference}</h4>
      <p>
        <span class="badge state-${report.state}">${this.t('stateLabel', { state: this.t(`state.${report.state}`) })}</span>
        ${report.anonymous ? html`<span class="badge">${this.t('anonymousBadge')}</span>` : nothing}
      </p>
      <p class="muted">${this.t('created', { date: formatMoment(this.language, report.createdAt, true) })}${report.location.address ? html`, ${report.location.address}` : nothing}</p>
      <p>${report.description}</p>
      ${report.history.length > 0
        ? html`<h5>${this.t('history')}</h5>
            <ol class="history">
              ${report.history.map(
                (event) => html`<li>
                  <span class="muted">${formatMoment(this.language, event.at, true)}, ${this.t(`by.${event.by}`)}:</span>
                  ${event.state ? html`${this.t(`state.${event.state}`)}.` : nothing}
                  ${event.reply ? html`<span class="reply">${this.t('reply', { reply: event.reply })}</span>` : nothing}
                  ${event.confirmed === true ? this.t('confirmedYes') : event.confirmed === false ? this.t('confirmedNo') : nothing}
                </li>`,
              )}
            </ol>`
        : nothing}
      ${note ? html`<p id="note-${safeId}" class="message success" tabindex="-1">${note}</p>` : nothing}
      ${report.awaitingConfirmation ? this.renderConfirm(report, safeId) : nothing}
    </li>`;
  }

  private renderConfirm(report: OwnReport, safeId: string): TemplateResult {
    const busy = this.busy ? 'true' : 'false';
    if (this.reopening === report.id) {
      return html`<form class="confirm" novalidate @submit=${(event: Event) => (event.preventDefault(), this.confirm(report, false))}>
        <label for="reopen-comment">${this.t('confirmComment')}</label>
        <p id="reopen-hint" class="hint">${this.t('confirmCommentHint')}</p>
        ${this.reopenProblem ? html`<p id="reopen-error" class="error-text">${this.reopenProblem}</p>` : nothing}
        <textarea
          id="reopen-comment"
          rows="3"
          aria-describedby=${`reopen-hint${this.reopenProblem ? ' reopen-error' : ''}`}
          aria-invalid=${this.reopenProblem ? 'true' : 'false'}
          .value=${this.reopenComment}
          @input=${(event: Event) => (this.reopenComment = (event.target as HTMLTextAreaElement).value)}
        ></textarea>
        <div class="actions">
          <button class="button" part="button" aria-disabled=${busy}>${this.t('confirmSend')}</button>
          <button type="button" class="button secondary" part="button" @click=${() => ((this.reopening = undefined), (this.reopenProblem = ''))}>${this.t('confirmCancel')}</button>
        </div>
      </form>`;
    }
    return html`<div class="confirm" role="group" aria-labelledby="confirm-${safeId}">
      <p id="confirm-${safeId}"><strong>${this.t('confirmQuestion')}</strong></p>
      ${this.reopenProblem ? html`<p class="error-text">${this.reopenProblem}</p>` : nothing}
      <div class="actions">
        <button type="button" class="button" part="button" aria-disabled=${busy} @click=${() => this.confirm(report, true)}>${this.t('confirmYes')}</button>
        <button
          type="button"
          class="button secondary"
          part="button"
          @click=${() => {
            this.reopening = report.id;
            this.reopenProblem = '';
            this.focusAfterRender = '#reopen-comment';
          }}
        >
          ${this.t('confirmNo')}
        </button>
      </div>
    </div>`;
  }
}

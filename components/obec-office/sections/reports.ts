import { css, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { state } from 'lit/decorators.js';
import type { ApiClient } from '../../../src/api/api-client.js';
import { ApiError } from '../../../src/api/api-error.js';
import { ObecElement } from '../../../src/base/obec-element.js';
import { CategoryListSchema, ReportStateSchema, type Category, type ReportState } from '../../../src/contract/feedback.js';
import {
  OfficeReportListSchema,
  OfficeReportSchema,
  RatingSummarySchema,
  type OfficeCategoryList,
  type OfficeReport,
  type OfficeReportChange,
  type RatingSummary,
} from '../../../src/contract/office-feedback.js';
import { defineElement } from '../../../src/define.js';
import { formatDate, formatMoment } from '../../../src/i18n/format.js';
import { formatNumber, type Params } from '../../../src/i18n/translator.js';
import { download, OfficeSection, officeStyles } from '../office-shared.js';
import { officeReportsMessages, type OfficeReportsMessages } from './reports.messages.js';

type View = 'reports' | 'categories' | 'ratings';
type Load = 'loading' | 'ready' | 'error';
interface Problem {
  /** The id of the field it is about, if any. */
  field?: string;
  text: string;
}
interface CategoryRow {
  key: number;
  code: string;
  nameCs: string;
  nameEn: string;
  department: string;
  groupCs: string;
  groupEn: string;
  description?: OfficeCategoryList['categories'][number]['description'];
}
type RowField = 'code' | 'nameCs' | 'nameEn' | 'department' | 'groupCs' | 'groupEn';

const STATES = ReportStateSchema.options;
const MAX_REPLY = 2000;
const ROW_FIELDS: { field: RowField; path: string; column: keyof OfficeReportsMessages & string; required?: boolean }[] = [
  { field: 'code', path: 'code', column: 'colCode', required: true },
  { field: 'nameCs', path: 'name.cs', column: 'colNameCs', required: true },
  { field: 'nameEn', path: 'name.en', column: 'colNameEn' },
  { field: 'department', path: 'department', column: 'colDepartment', required: true },
  { field: 'groupCs', path: 'group.cs', column: 'colGroupCs' },
  { field: 'groupEn', path: 'group.en', column: 'colGroupEn' },
];

/**
 * @summary The office's problem reports: the list with filters and CSV
 * export, one report with its reporter, photos and history, a change of its
 * state and a reply; the report categories; the page ratings.
 *
 * @description A section of `<obec-office>` for the `feedback` role.
 * Reports come from `GET {api}/office/reports?state=&category=`, a change
 * goes by `PATCH {api}/office/reports/:id` (a refused one keeps the typed
 * reply and lists the problems in an error summary that takes focus). The
 * categories are read from `GET {api}/report-categories` and saved whole by
 * `PUT {api}/office/report-categories`; the ratings come from
 * `GET {api}/office/ratings?from=&to=`. Exports: `GET {api}/office/reports.csv`,
 * `GET {api}/office/ratings.csv`.
 *
 * @csspart base - The section.
 * @csspart views - The switch between reports, categories and ratings.
 * @csspart table - Every table.
 * @csspart detail - One opened report.
 * @csspart error-summary - What kept a change from being saved; takes focus.
 *
 * @cssproperty --obec-color-primary - Buttons and links.
 * @cssproperty --obec-color-error - Errors.
 */
export class ObecOfficeReports extends OfficeSection {
  static override styles = [ObecElement.styles, officeStyles, css`
    nav {
      display: flex;
      flex-wrap: wrap;
      gap: var(--_space-s);
      margin-bottom: var(--_space-s);
    }
    nav [aria-pressed='true'] {
      font-weight: 700;
      text-decoration: underline;
    }
    dl {
      display: grid;
      grid-template-columns: max-content 1fr;
      gap: var(--_space-xs) var(--_space-m);
      margin: 0 0 var(--_space-s);
    }
    dt {
      font-weight: 600;
    }
    dd {
      margin: 0;
    }
    .photos {
      display: flex;
      flex-wrap: wrap;
      gap: var(--_space-s);
      list-style: none;
      padding: 0;
    }
    .photos img {
      width: 9rem;
      height: 7rem;
      object-fit: cover;
      border: 1px solid var(--_color-border);
      border-radius: var(--_radius);
    }
    .description {
      white-space: pre-wrap;
    }
    td input {
      width: 100%;
      min-width: 8em;
    }
    textarea.reply {
      font-family: inherit;
      min-height: 6em;
    }
  `];
  static override catalogs = [...OfficeSection.catalogs, officeReportsMessages];

  @state() private view: View = 'reports';
  // reports
  @state() private listLoad: Load = 'loading';
  @state() private listFailure?: unknown;
  @state() private reports: OfficeReport[] = [];
  @state() private stateFilter: ReportState | '' = '';
  @state() private categoryFilter = '';
  @state() private opened?: OfficeReport;
  @state() private newState: ReportState | '' = '';
  @state() private reply = '';
  @state() private busy = false;
  @state() private problems: Problem[] = [];
  @state() private saved = '';
  @state() private downloadProblem = '';
  // categories
  @state() private categories: Category[] = [];
  @state() private categoriesLoad: Load = 'loading';
  @state() private rows: CategoryRow[] = [];
  @state() private rowProblems: Problem[] = [];
  @state() private rowFailure = '';
  @state() private categoriesSaved = false;
  // ratings
  @state() private from = '';
  @state() private to = '';
  @state() private ratings?: RatingSummary;
  @state() private ratingsLoad: Load = 'loading';
  @state() private ratingsFailure?: unknown;

  private ratingsFor?: ApiClient;
  private rowKey = 0;
  private listController?: AbortController;

  private t(key: keyof OfficeReportsMessages & string, params?: Params): string {
    return this.msg(officeReportsMessages, key, params);
  }

  protected override loadData(): void {
    void this.loadReports();
    void this.loadCategories();
  }

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    const api = this.api;
    if (api && this.view === 'ratings' && api !== this.ratingsFor) {
      this.ratingsFor = api;
      void this.loadRatings();
    }
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.listController?.abort();
  }

  // ---- loading --------------------------------------------------------------

  private async loadReports(): Promise<void> {
    const api = this.api;
    if (!api) return;
    this.listController?.abort();
    const controller = (this.listController = new AbortController());
    this.listLoad = 'loading';
    try {
      const { reports } = await api.get('/office/reports', OfficeReportListSchema, {
        signal: controller.signal,
        query: { state: this.stateFilter || undefined, category: this.categoryFilter || undefined },
      });
      if (controller.signal.aborted) return;
      this.reports = reports;
      this.listLoad = 'ready';
      this.announce(this.t('reportsCaption', { count: reports.length }));
    } catch (error) {
      if (controller.signal.aborted) return;
      this.listFailure = error;
      this.listLoad = 'error';
    }
  }

  private async loadCategories(): Promise<void> {
    const api = this.api;
    if (!api) return;
    this.categoriesLoad = 'loading';
    try {
      const { categories } = await api.get('/report-categories', CategoryListSchema);
      this.setCategories(categories);
      this.categoriesLoad = 'ready';
    } catch {
      this.categoriesLoad = 'error';
    }
  }

  private setCategories(categories: Category[]): void {
    this.categories = categories;
    this.rows = categories.map((category) => ({
      key: ++this.rowKey,
      code: category.code,
      nameCs: category.name.cs,
      nameEn: category.name.en ?? '',
      department: category.department,
      groupCs: category.group?.cs ?? '',
      groupEn: category.group?.en ?? '',
      ...(category.description ? { description: { cs: category.description.cs, ...(category.description.en ? { en: category.description.en } : {}) } } : {}),
    }));
  }

  private async loadRatings(): Promise<void> {
    const api = this.api;
    if (!api) return;
    this.ratingsLoad = 'loading';
    try {
      this.ratings = await api.get('/office/ratings', RatingSummarySchema, { query: { from: this.from || undefined, to: this.to || undefined } });
      this.ratingsLoad = 'ready';
    } catch (error) {
      this.ratingsFailure = error;
      this.ratingsLoad = 'error';
    }
  }

  private async exportCsv(path: string, fallback: string, query: Record<string, string | undefined>): Promise<void> {
    const api = this.api;
    if (!api) return;
    this.downloadProblem = '';
    try {
      const name = await download(api, path, fallback, query);
      this.announce(this.t('downloaded', { name }));
    } catch (error) {
      this.downloadProblem = this.t('downloadFailed', { reason: this.reason(error) });
      this.announce(this.downloadProblem);
    }
  }

  // ---- reports --------------------------------------------------------------

  private categoryName(code: string): string {
    const category = this.categories.find((candidate) => candidate.code === code);
    if (!category) return code;
    return (this.language === 'en' ? category.name.en : undefined) ?? category.name.cs;
  }

  private stateName(value: ReportState): string {
    return this.t(`state.${value}`);
  }

  private open(report: OfficeReport): void {
    this.opened = report;
    this.newState = report.state;
    this.reply = '';
    this.problems = [];
    this.saved = '';
    this.focusAfterRender = '#detail-title';
  }

  private close(): void {
    const id = this.opened?.id;
    this.opened = undefined;
    this.problems = [];
    this.saved = '';
    if (id) this.focusAfterRender = `#open-${CSS.escape(id)}`;
  }

  private showProblems(problems: Problem[]): void {
    this.problems = problems;
    this.focusAfterRender = '[part="error-summary"]';
  }

  private async saveChange(event: Event): Promise<void> {
    event.preventDefault();
    const api = this.api;
    const report = this.opened;
    if (!api || !report || this.busy) return;
    const reply = this.reply.trim();
    const change: OfficeReportChange = {};
    if (this.newState && this.newState !== report.state) change.state = this.newState;
    if (reply) change.reply = reply;
    if (reply.length > MAX_REPLY) return this.showProblems([{ field: 'reply', text: this.t('replyTooLong') }]);
    if (change.state === undefined && change.reply === undefined) return this.showProblems([{ field: 'new-state', text: this.t('nothingToSave') }]);
    this.busy = true;
    this.saved = '';
    try {
      const updated = await api.request({ method: 'PATCH', path: `/office/reports/${encodeURIComponent(report.id)}`, body: change, schema: OfficeReportSchema });
      this.reports = this.reports.map((other) => (other.id === updated.id ? updated : other));
      this.opened = updated;
      this.newState = updated.state;
      this.reply = '';
      this.problems = [];
      this.saved = this.t('saved', { reference: updated.reference });
      this.focusAfterRender = '#change-saved';
    } catch (error) {
      this.showProblems(this.changeProblems(error));
    } finally {
      this.busy = false;
    }
  }

  private changeProblems(error: unknown): Problem[] {
    if (!(error instanceof ApiError)) return [{ text: this.coreMsg('error.server') }];
    if (error.kind === 'not-found') return [{ text: this.t('notFound') }];
    if (error.fields.length > 0) {
      return error.fields.map((field) => ({
        field: field.path === 'reply' ? 'reply' : 'new-state',
        text: field.path === 'reply' && field.code === 'too_long' ? this.t('replyTooLong') : field.path === 'reply' ? this.errorMessage(error) : this.t('nothingToSave'),
      }));
    }
    return [{ text: this.errorMessage(error) }];
  }

  // ---- categories -------------------------------------------------------------

  private setRow(index: number, field: RowField, value: string): void {
    this.rows = this.rows.map((row, at) => (at === index ? { ...row, [field]: value } : row));
    this.categoriesSaved = false;
  }

  private addRow(): void {
    this.rows = [...this.rows, { key: ++this.rowKey, code: '', nameCs: '', nameEn: '', department: '', groupCs: '', groupEn: '' }];
    this.categoriesSaved = false;
    this.announce(this.t('categoryAdded', { row: this.rows.length }));
    this.focusAfterRender = `#cat-${this.rows.length - 1}-code`;
  }

  private removeRow(index: number): void {
    this.rows = this.rows.filter((_, at) => at !== index);
    this.categoriesSaved = false;
    this.rowProblems = [];
    this.announce(this.t('categoryRemoved', { row: index + 1 }));
    this.focusAfterRender = this.rows.length > 0 ? `#remove-${Math.min(index, this.rows.length - 1)}` : '#add-category';
  }

  private categoryList(): OfficeCategoryList {
    return {
      categories: this.rows.map((row) => {
        const group = row.groupCs.trim() ? { cs: row.groupCs.trim(), ...(row.groupEn.trim() ? { en: row.groupEn.trim() } : {}) } : undefined;
        return {
          code: row.code.trim(),
          name: { cs: row.nameCs.trim(), ...(row.nameEn.trim() ? { en: row.nameEn.trim() } : {}) },
          ...(row.description ? { description: row.description } : {}),
          department: row.department.trim(),
          ...(group ? { group } : {}),
        };
      }),
    };
  }

  /** A refused cell (`categories.<i>.<path>`) as a problem linked to its input. */
  private rowProblem(path: string, code?: string): Problem | undefined {
    const match = /^categories\.(\d+)\.(.+)$/.exec(path);
    if (!match) return undefined;
    const index = Number(match[1]);
    const column = ROW_FIELDS.find((candidate) => match[2] === candidate.path || match[2]!.startsWith(`${candidate.path}.`) || candidate.path.startsWith(`${match[2]}.`));
    if (!column) return undefined;
    const row = this.rows[index];
    const value = row?.[column.field].trim() ?? '';
    const text =
      code === 'duplicate'
        ? this.t('problem.duplicate')
        : code === 'in_use' || code === 'category_in_use'
          ? this.t('problem.inUse')
          : !value
            ? this.t('problem.required')
            : column.field === 'code'
              ? this.t('problem.code')
              : this.t('problem.long');
    return { field: `cat-${index}-${column.field}`, text: this.t('rowProblem', { row: index + 1, column: this.t(column.column), text }) };
  }

  private localRowProblems(list: OfficeCategoryList): Problem[] {
    const problems: Problem[] = [];
    // the server's rules (OfficeCategorySchema) as plain checks: the schema's regex and length checks would
    // land in the shared chunk every page of the town's site loads
    const add = (path: string) => {
      const problem = this.rowProblem(path);
      if (problem && !problems.some((other) => other.field === problem.field)) problems.push(problem);
    };
    const text = (value: string | undefined, max: number, required: boolean) => (value ? value.length <= max : !required);
    list.categories.forEach((category, index) => {
      const at = `categories.${index}`;
      if (!/^[a-z0-9][a-z0-9-]{0,62}$/.test(category.code)) add(`${at}.code`);
      if (!text(category.name.cs, 200, true)) add(`${at}.name.cs`);
      if (category.name.en !== undefined && !text(category.name.en, 200, true)) add(`${at}.name.en`);
      if (!text(category.department, 200, true)) add(`${at}.department`);
      if (category.group && (!text(category.group.cs, 200, true) || (category.group.en !== undefined && !text(category.group.en, 200, true)))) add(`${at}.group`);
    });
    const seen = new Set<string>();
    list.categories.forEach((category, index) => {
      if (category.code && seen.has(category.code)) problems.push(this.rowProblem(`categories.${index}.code`, 'duplicate')!);
      seen.add(category.code);
    });
    return problems;
  }

  private async saveCategories(event: Event): Promise<void> {
    event.preventDefault();
    const api = this.api;
    if (!api || this.busy) return;
    const list = this.categoryList();
    this.categoriesSaved = false;
    this.rowFailure = '';
    const local = this.localRowProblems(list);
    if (local.length > 0) {
      this.rowProblems = local;
      this.focusAfterRender = '[part="error-summary"]';
      return;
    }
    this.busy = true;
    try {
      const { categories } = await api.request({ method: 'PUT', path: '/office/report-categories', body: list, schema: CategoryListSchema });
      this.setCategories(categories);
      this.rowProblems = [];
      this.categoriesSaved = true;
      this.focusAfterRender = '#categories-saved';
    } catch (error) {
      const fields = error instanceof ApiError ? error.fields : [];
      const problems = fields.map((field) => this.rowProblem(field.path, field.code)).filter((problem): problem is Problem => problem !== undefined);
      this.rowProblems = problems;
      const inUse = error instanceof ApiError && /in_use/.test(error.code ?? '');
      this.rowFailure = problems.length === fields.length && problems.length > 0 ? '' : inUse ? this.t('problem.inUse') : this.reason(error);
      this.focusAfterRender = '[part="error-summary"]';
    } finally {
      this.busy = false;
    }
  }

  // ---- rendering --------------------------------------------------------------

  protected override renderWidget(): TemplateResult {
    const views: View[] = ['reports', 'categories', 'ratings'];
    return html`<div part="base" lang=${this.language}>
      <nav part="views" aria-label=${this.t('viewsLabel')}>
        ${views.map(
          (view) => html`<button type="button" class="button secondary small" aria-pressed=${this.view === view ? 'true' : 'false'} @click=${() => this.switchView(view)}>
            ${this.t(`view.${view}`)}
          </button>`,
        )}
      </nav>
      ${this.view === 'reports' ? (this.opened ? this.renderDetail(this.opened) : this.renderList()) : this.view === 'categories' ? this.renderCategories() : this.renderRatings()}
      <div class="visually-hidden" aria-live="polite">${this.announcement}</div>
    </div>`;
  }

  private switchView(view: View): void {
    this.view = view;
    this.downloadProblem = '';
  }

  private renderDownloadProblem(): TemplateResult | typeof nothing {
    return this.downloadProblem ? html`<p class="message error" role="alert">${this.downloadProblem}</p>` : nothing;
  }

  private renderList(): TemplateResult {
    return html`<h3>${this.t('view.reports')}</h3>
      <div class="toolbar">
        <div class="field">
          <label for="state-filter">${this.t('stateFilter')}</label>
          <select id="state-filter" @change=${(event: Event) => {
            this.stateFilter = (event.target as HTMLSelectElement).value as ReportState | '';
            void this.loadReports();
          }}>
            <option value="" ?selected=${!this.stateFilter}>${this.t('all')}</option>
            ${STATES.map((value) => html`<option value=${value} ?selected=${this.stateFilter === value}>${this.stateName(value)}</option>`)}
          </select>
        </div>
        <div class="field">
          <label for="category-filter">${this.t('categoryFilter')}</label>
          <select id="category-filter" @change=${(event: Event) => {
            this.categoryFilter = (event.target as HTMLSelectElement).value;
            void this.loadReports();
          }}>
            <option value="" ?selected=${!this.categoryFilter}>${this.t('all')}</option>
            ${this.categories.map((category) => html`<option value=${category.code} ?selected=${this.categoryFilter === category.code}>${this.categoryName(category.code)}</option>`)}
          </select>
        </div>
        <button type="button" class="button secondary" @click=${() =>
          this.exportCsv('/office/reports.csv', 'hlaseni.csv', { state: this.stateFilter || undefined, category: this.categoryFilter || undefined })}>
          ${this.t('downloadCsv')}
        </button>
      </div>
      ${this.renderDownloadProblem()}
      ${this.listLoad === 'loading' && this.reports.length === 0
        ? html`<p role="status">${this.t('loading')}</p>`
        : this.listLoad === 'error'
          ? this.loadFailed(this.t('loadFailed', { reason: this.reason(this.listFailure) }), this.t('tryAgain'), () => this.loadReports())
          : this.reports.length === 0
            ? html`<p>${this.t('noReports')}</p>`
            : html`<div class="table-wrap">
                <table part="table">
                  <caption>${this.t('reportsCaption', { count: this.reports.length })}</caption>
                  <thead>
                    <tr>
                      <th scope="col">${this.t('colReference')}</th>
                      <th scope="col">${this.t('colCreated')}</th>
                      <th scope="col">${this.t('colCategory')}</th>
                      <th scope="col">${this.t('colState')}</th>
                      <th scope="col">${this.t('colAddress')}</th>
                      <th scope="col" class="number">${this.t('colSupporters')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    ${this.reports.map(
                      (report) => html`<tr>
                        <th scope="row">
                          <button type="button" class="link-button" id=${`open-${report.id}`} aria-label=${this.t('openReport', { reference: report.reference })} @click=${() => this.open(report)}>
                            ${report.reference}
                          </button>
                        </th>
                        <td>${formatMoment(this.language, report.createdAt, true)}</td>
                        <td>${this.categoryName(report.category)}</td>
                        <td><span class="badge">${this.stateName(report.state)}</span></td>
                        <td>${report.location.address ?? this.coordinates(report)}</td>
                        <td class="number">${formatNumber(this.language, report.supporters)}</td>
                      </tr>`,
                    )}
                  </tbody>
                </table>
              </div>`}`;
  }

  private coordinates(report: OfficeReport): string {
    return this.t('coordinates', { lat: formatNumber(this.language, report.location.lat), lon: formatNumber(this.language, report.location.lon) });
  }

  private renderDetail(report: OfficeReport): TemplateResult {
    const identity = report.identity;
    const identityName = identity ? (identity.name ?? [identity.given_name, identity.family_name].filter(Boolean).join(' ')) : '';
    return html`<article part="detail" aria-labelledby="detail-title">
      <button type="button" class="link-button" @click=${() => this.close()}>${this.t('backToList')}</button>
      <h3 id="detail-title" tabindex="-1">${this.t('reportTitle', { reference: report.reference })}</h3>
      <dl>
        <dt>${this.t('colState')}</dt>
        <dd><span class="badge">${this.stateName(report.state)}</span>${report.awaitingConfirmation ? html` ${this.t('awaiting')}` : nothing}</dd>
        <dt>${this.t('colCategory')}</dt>
        <dd>${this.categoryName(report.category)}</dd>
        ${report.department ? html`<dt>${this.t('department')}</dt><dd>${report.department}</dd>` : nothing}
        <dt>${this.t('colCreated')}</dt>
        <dd>${formatMoment(this.language, report.createdAt, true)}</dd>
        <dt>${this.t('place')}</dt>
        <dd>${report.location.address ? html`${report.location.address}<br />` : nothing}${this.coordinates(report)}</dd>
        <dt>${this.t('colSupporters')}</dt>
        <dd>${formatNumber(this.language, report.supporters)}</dd>
      </dl>
      <h4>${this.t('description')}</h4>
      <p class="description">${report.description}</p>
      <h4>${this.t('photos')}</h4>
      ${report.photos.length === 0
        ? html`<p>${this.t('noPhotos')}</p>`
        : html`<ul class="photos">
            ${report.photos.map(
              (url, index) => html`<li>
                <a href=${url} target="_blank" rel="noopener"><img src=${url} alt=${this.t('photoAlt', { index: index + 1, reference: report.reference })} loading="lazy" /></a>
              </li>`,
            )}
          </ul>`}
      <h4>${this.t('reporter')}</h4>
      ${report.anonymous && !report.contact && !identity
        ? html`<p>${this.t('anonymous')}</p>`
        : html`<dl>
            ${report.contact?.name ? html`<dt>${this.t('contactName')}</dt><dd>${report.contact.name}</dd>` : nothing}
            ${report.contact?.email ? html`<dt>${this.t('contactEmail')}</dt><dd><a href=${`mailto:${report.contact.email}`}>${report.contact.email}</a></dd>` : nothing}
            ${report.contact?.phone ? html`<dt>${this.t('contactPhone')}</dt><dd>${report.contact.phone}</dd>` : nothing}
            <dt>${this.t('identity')}</dt>
            <dd>
              ${identity
                ? html`${identityName}${identity.birthdate ? html`, ${this.t('birthdate', { date: formatDate(this.language, identity.birthdate) })}` : nothing}${identity.address
                    ? html`<br />${identity.address}`
                    : nothing}`
                : this.t('notSignedIn')}
            </dd>
          </dl>`}
      <h4>${this.t('history')}</h4>
      <ol>
        ${report.history.map(
          (event) => html`<li>
            ${formatMoment(this.language, event.at, true)} – ${this.t(`by.${event.by}`)}${event.state ? html`: <span class="badge">${this.stateName(event.state)}</span>` : nothing}
            ${event.confirmed === true ? html`<br />${this.t('confirmedFixed')}` : event.confirmed === false ? html`<br />${this.t('confirmedNotFixed')}` : nothing}
            ${event.reply ? html`<br /><q>${event.reply}</q>` : nothing} ${event.comment ? html`<br /><q>${event.comment}</q>` : nothing}
          </li>`,
        )}
      </ol>
      ${this.renderChange(report)}
    </article>`;
  }

  private problemOf(field: string): Problem | undefined {
    return [...this.problems, ...this.rowProblems].find((problem) => problem.field === field);
  }

  private renderChange(report: OfficeReport): TemplateResult {
    const stateProblem = this.problemOf('new-state');
    const replyProblem = this.problemOf('reply');
    return html`<form @submit=${this.saveChange} novalidate>
      <h4>${this.t('changeTitle')}</h4>
      ${this.errorSummary(this.t('errorTitle'), this.problems)}
      ${this.saved ? html`<p id="change-saved" class="message success" role="status" tabindex="-1">${this.saved}</p>` : nothing}
      ${report.history.some((event) => event.reply)
        ? html`<p><strong>${this.t('lastReply')}:</strong> ${report.reply ?? [...report.history].reverse().find((event) => event.reply)?.reply}</p>`
        : nothing}
      <div class="field">
        <label for="new-state">${this.t('newState')}</label>
        <select id="new-state" aria-invalid=${stateProblem ? 'true' : 'false'} aria-describedby=${stateProblem ? 'new-state-error' : nothing} @change=${(event: Event) => (this.newState = (event.target as HTMLSelectElement).value as ReportState)}>
          ${STATES.map((value) => html`<option value=${value} ?selected=${this.newState === value}>${this.stateName(value)}</option>`)}
        </select>
        ${stateProblem ? html`<span id="new-state-error" class="error-text">${stateProblem.text}</span>` : nothing}
      </div>
      <div class="field">
        <label for="reply">${this.t('reply')}</label>
        <textarea
          id="reply"
          class="reply"
          maxlength=${MAX_REPLY}
          aria-invalid=${replyProblem ? 'true' : 'false'}
          aria-describedby=${replyProblem ? 'reply-hint reply-error' : 'reply-hint'}
          .value=${this.reply}
          @input=${(event: Event) => (this.reply = (event.target as HTMLTextAreaElement).value)}
        ></textarea>
        <span id="reply-hint" class="hint">${this.t('replyHint')}</span>
        ${replyProblem ? html`<span id="reply-error" class="error-text">${replyProblem.text}</span>` : nothing}
      </div>
      <button type="submit" class="button" ?disabled=${this.busy}>${this.busy ? this.t('saving') : this.t('save')}</button>
    </form>`;
  }

  private renderCategories(): TemplateResult {
    if (this.categoriesLoad === 'loading') return html`<h3>${this.t('categoriesTitle')}</h3><p role="status">${this.t('loading')}</p>`;
    if (this.categoriesLoad === 'error') {
      return html`<h3>${this.t('categoriesTitle')}</h3>
        ${this.loadFailed(this.t('loadFailed', { reason: this.coreMsg('error.server') }), this.t('tryAgain'), () => this.loadCategories())}`;
    }
    return html`<h3>${this.t('categoriesTitle')}</h3>
      <form @submit=${this.saveCategories} novalidate>
        <p class="hint">${this.t('categoriesHint')}</p>
        ${this.errorSummary(this.t('categoriesErrorTitle'), this.rowProblems, { failure: this.rowFailure, id: 'categories-summary' })}
        ${this.categoriesSaved ? html`<p id="categories-saved" class="message success" role="status" tabindex="-1">${this.t('categoriesSaved')}</p>` : nothing}
        ${this.rows.length === 0
          ? html`<p>${this.t('noCategories')}</p>`
          : html`<div class="table-wrap">
              <table part="table">
                <caption>${this.t('categoriesCaption')}</caption>
                <thead>
                  <tr>
                    ${ROW_FIELDS.map((column) => html`<th scope="col">${this.t(column.column)}</th>`)}
                    <th scope="col">${this.t('colActions')}</th>
                  </tr>
                </thead>
                <tbody>
                  ${this.rows.map(
                    (row, index) => html`<tr>
                      ${ROW_FIELDS.map((column) => {
                        const id = `cat-${index}-${column.field}`;
                        const problem = this.problemOf(id);
                        return html`<td>
                          <label class="visually-hidden" for=${id}>${this.t('fieldLabel', { column: this.t(column.column), row: index + 1 })}</label>
                          <input
                            id=${id}
                            .value=${row[column.field]}
                            ?required=${column.required}
                            aria-invalid=${problem ? 'true' : 'false'}
                            @input=${(event: Event) => this.setRow(index, column.field, (event.target as HTMLInputElement).value)}
                          />
                        </td>`;
                      })}
                      <td>
                        <button type="button" class="button secondary small" id=${`remove-${index}`} @click=${() => this.removeRow(index)}>
                          ${this.t('removeCategory', { row: index + 1 })}
                        </button>
                      </td>
                    </tr>`,
                  )}
                </tbody>
              </table>
            </div>`}
        <div class="toolbar">
          <button type="button" class="button secondary" id="add-category" @click=${() => this.addRow()}>${this.t('addCategory')}</button>
          <button type="submit" class="button" ?disabled=${this.busy}>${this.busy ? this.t('saving') : this.t('saveCategories')}</button>
        </div>
      </form>`;
  }

  private renderRatings(): TemplateResult {
    const percent = new Intl.NumberFormat(this.language, { style: 'percent', maximumFractionDigits: 0 });
    const targets = this.ratings?.targets ?? [];
    return html`<h3>${this.t('ratingsTitle')}</h3>
      <form
        class="toolbar"
        @submit=${(event: Event) => {
          event.preventDefault();
          void this.loadRatings();
        }}
      >
        <div class="field">
          <label for="ratings-from">${this.t('from')}</label>
          <input id="ratings-from" type="date" .value=${this.from} @input=${(event: Event) => (this.from = (event.target as HTMLInputElement).value)} />
        </div>
        <div class="field">
          <label for="ratings-to">${this.t('to')}</label>
          <input id="ratings-to" type="date" .value=${this.to} @input=${(event: Event) => (this.to = (event.target as HTMLInputElement).value)} />
        </div>
        <button type="submit" class="button">${this.t('show')}</button>
        <button type="button" class="button secondary" @click=${() => this.exportCsv('/office/ratings.csv', 'hodnoceni.csv', { from: this.from || undefined, to: this.to || undefined })}>
          ${this.t('downloadCsv')}
        </button>
      </form>
      ${this.renderDownloadProblem()}
      ${this.ratingsLoad === 'loading'
        ? html`<p role="status">${this.t('loading')}</p>`
        : this.ratingsLoad === 'error'
          ? this.loadFailed(this.t('loadFailed', { reason: this.reason(this.ratingsFailure) }), this.t('tryAgain'), () => this.loadRatings())
          : targets.length === 0
            ? html`<p>${this.t('noRatings')}</p>`
            : html`<div class="table-wrap">
                  <table part="table">
                    <caption>${this.t('ratingsCaption')}</caption>
                    <thead>
                      <tr>
                        <th scope="col">${this.t('colTarget')}</th>
                        <th scope="col" class="number">${this.t('colYes')}</th>
                        <th scope="col" class="number">${this.t('colNo')}</th>
                        <th scope="col" class="number">${this.t('colShare')}</th>
                        <th scope="col" class="number">${this.t('colComments')}</th>
                      </tr>
                    </thead>
                    <tbody>
                      ${targets.map(
                        (target) => html`<tr>
                          <th scope="row">${target.target}</th>
                          <td class="number">${formatNumber(this.language, target.yes)}</td>
                          <td class="number">${formatNumber(this.language, target.no)}</td>
                          <td class="number">${target.yes + target.no > 0 ? percent.format(target.yes / (target.yes + target.no)) : '–'}</td>
                          <td class="number">${formatNumber(this.language, target.comments.length)}</td>
                        </tr>`,
                      )}
                    </tbody>
                  </table>
                </div>
                ${targets
                  .filter((target) => target.comments.length > 0)
                  .map(
                    (target) => html`<h4>${this.t('commentsOf', { target: target.target })}</h4>
                      <ul>
                        ${target.comments.map(
                          (comment) => html`<li>
                            <span class="badge">${comment.helpful ? this.t('helpful') : this.t('notHelpful')}</span>
                            ${formatMoment(this.language, comment.at, true)}: ${comment.comment}
                          </li>`,
                        )}
                      </ul>`,
                  )}`}`;
  }
}

defineElement('obec-office-reports', ObecOfficeReports);

declare global {
  interface HTMLElementTagNameMap {
    'obec-office-reports': ObecOfficeReports;
  }
}

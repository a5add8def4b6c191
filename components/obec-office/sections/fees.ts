import { html, nothing, type TemplateResult } from 'lit';
import { state } from 'lit/decorators.js';
import type { ApiClient } from '../../../src/api/api-client.js';
import { ApiError } from '../../../src/api/api-error.js';
import { ObecElement } from '../../../src/base/obec-element.js';
import type { FieldError } from '../../../src/contract/error.js';
import {
  FeeKindListSchema,
  ImportPreviewSchema,
  OfficeObligationListSchema,
  OfficeObligationSchema,
  OfficePaymentListSchema,
  type FeeKind,
  type ImportPreview,
  type OfficeObligation,
  type OfficeObligationList,
  type OfficePaymentList,
  ImportResultSchema,
  StatementResultSchema,
  type ImportResult,
  type StatementResult,
} from '../../../src/contract/office.js';
import { defineElement } from '../../../src/define.js';
import { formatDate, formatMoment, formatMoney } from '../../../src/i18n/format.js';
import type { Params } from '../../../src/i18n/translator.js';
import { AnythingSchema } from '../../../src/contract/loose.js';
import { download, OfficeSection, officeStyles, upload } from '../office-shared.js';
import { feesMessages, type FeesMessages } from './fees.messages.js';
import { feesStyles } from './fees.styles.js';

const PAGE = 50;
const KIND_CODE = /^[a-z0-9][a-z0-9-]{0,31}$/;
const STATES = ['due', 'overdue', 'partly-paid', 'paid', 'unpaid'] as const;
const PAYMENT_STATES = ['pending', 'paid', 'declined', 'cancelled', 'expired'] as const;
const Anything = AnythingSchema;

interface Problem {
  /** The id of the field it belongs to. */
  field: string;
  text: string;
}
interface RefusedCell {
  row?: number;
  column?: string;
  text: string;
}
type Filter = { q: string; feeKind: string; period: string; state: string };

/** A query without its empty filters: the server refuses `state=` as no state. */
const given = <T extends Record<string, string | number>>(query: T): Partial<T> =>
  Object.fromEntries(Object.entries(query).filter(([, value]) => value !== '')) as Partial<T>;

/** `780`, `780,50`, `1 234.5` → CZK, or undefined when it is no positive amount with at most two decimals. */
function parseAmount(text: string): number | undefined {
  const match = /^(\d+)(?:[.,](\d{1,2}))?$/.exec(text.replace(/[\s\u00a0]/g, ''));
  if (!match) return undefined;
  const value = Number(`${match[1]}.${match[2] ?? '0'}`);
  return value > 0 && value <= 9_999_999.99 ? value : undefined;
}

/**
 * @summary The fees section of `<obec-office>`: fee kinds, obligations
 * (search, edit, delete), the CSV import of obligations with a preview,
 * bank statements and payments with a CSV export.
 *
 * @description Needs the `fees` role (or `admin`). Fee kinds come from
 * `GET {api}/office/fee-kinds` and are added or renamed with
 * `PUT {api}/office/fee-kinds/:code`. Obligations are searched with
 * `GET {api}/office/obligations` (50 a page) and changed with `PATCH` or
 * removed with `DELETE {api}/office/obligations/:id`. A CSV file is first
 * checked (`POST {api}/office/obligations/import?preview=true`, nothing
 * stored): a good file shows every row as it would be imported, a refused one
 * every refused cell by row and column, and nothing is imported. "Importovat"
 * then sends the very same content. Bank statements go to
 * `POST {api}/office/bank-statements`; payments are listed by date and state
 * and downloaded as CSV (`GET {api}/office/payments.csv`).
 *
 * @fires obec-office-imported - Obligations were imported; `detail`: `{ imported, unchanged }`.
 *
 * @csspart kinds - The fee kinds.
 * @csspart obligations - The search and list of obligations.
 * @csspart import - The CSV import with its preview.
 * @csspart error-summary - What kept a file or a form from being accepted; takes focus.
 * @csspart statement - The bank statement import.
 * @csspart payments - The payments.
 * @csspart button - Every button.
 *
 * @cssproperty --obec-color-error - Refused rows and fields.
 * @cssproperty --obec-color-success - A finished import.
 */
export class ObecOfficeFees extends OfficeSection {
  static override styles = [ObecElement.styles, officeStyles, feesStyles];
  static override catalogs = [...ObecElement.catalogs, feesMessages];

  @state() private kinds: FeeKind[] = [];
  @state() private kindsProblem = '';
  @state() private kindForm = { code: '', cs: '', en: '' };
  @state() private kindProblems: Problem[] = [];

  @state() private filter: Filter = { q: '', feeKind: '', period: '', state: '' };
  @state() private offset = 0;
  @state() private list?: OfficeObligationList;
  @state() private listProblem = '';
  @state() private editing?: OfficeObligation;
  @state() private edit = { amount: '', dueDate: '' };
  @state() private editProblems: Problem[] = [];
  @state() private removing?: OfficeObligation;
  @state() private removeProblem = '';

  @state() private importFile?: File;
  @state() private preview?: { name: string; content: Blob; result: ImportPreview };
  @state() private refused?: RefusedCell[];
  @state() private importProblem = '';
  @state() private imported?: ImportResult;

  @state() private statementFile?: File;
  @state() private statement?: StatementResult;
  @state() private statementProblem = '';

  @state() private paymentFilter = { from: '', to: '', state: '' };
  @state() private paymentOffset = 0;
  @state() private payments?: OfficePaymentList;
  @state() private paymentsProblem = '';

  @state() private busy = false;


  private t(key: keyof FeesMessages & string, params?: Params): string {
    return this.msg(feesMessages, key, params);
  }

  protected override loadData(): void {
    void this.loadKinds();
    void this.loadObligations();
    void this.loadPayments();
  }

  /** Focuses `selector` after the next render (which this asks for). */
  private focusLater(selector: string): void {
    this.focusAfterRender = selector;
    this.requestUpdate();
  }

  private money(value: number): string {
    return formatMoney(this.language, value);
  }

  private kindName(code: string): string {
    const kind = this.kinds.find((candidate) => candidate.code === code);
    return kind ? (this.language === 'en' ? kind.name.en : kind.name.cs) : code;
  }

  /** Runs one action at a time: a click while another runs does nothing. */
  private async run(action: (api: ApiClient) => Promise<void>): Promise<void> {
    const api = this.api;
    if (!api || this.busy) return;
    this.busy = true;
    try {
      await action(api);
    } finally {
      this.busy = false;
    }
  }

  // ---- fee kinds --------------------------------------------------------------

  private async loadKinds(): Promise<void> {
    const api = this.api;
    if (!api) return;
    try {
      this.kinds = (await api.get('/office/fee-kinds', FeeKindListSchema)).feeKinds;
      this.kindsProblem = '';
    } catch (error) {
      this.kindsProblem = this.t('kindsFailed', { reason: this.reason(error) });
    }
  }

  private renameKind(kind: FeeKind): void {
    this.kindForm = { code: kind.code, cs: kind.name.cs, en: kind.name.en };
    this.kindProblems = [];
    this.focusLater('#kind-cs');
  }

  private saveKind(event: Event): Promise<void> {
    event.preventDefault();
    return this.run(async (api) => {
      const code = this.kindForm.code.trim();
      const cs = this.kindForm.cs.trim();
      const en = this.kindForm.en.trim();
      const problems: Problem[] = [];
      if (!KIND_CODE.test(code)) problems.push({ field: 'kind-code', text: this.t('error.kindCode') });
      if (!cs || cs.length > 200) problems.push({ field: 'kind-cs', text: this.t('error.kindNameCs') });
      if (!en || en.length > 200) problems.push({ field: 'kind-en', text: this.t('error.kindNameEn') });
      if (problems.length === 0) {
        try {
          await api.request({ method: 'PUT', path: `/office/fee-kinds/${encodeURIComponent(code)}`, body: { name: { cs, en } }, schema: Anything });
          this.kindForm = { code: '', cs: '', en: '' };
          this.kindProblems = [];
          this.announce(this.t('kindSaved', { code }));
          await this.loadKinds();
          return;
        } catch (error) {
          const fieldOf = (path: string) => (path.startsWith('name.en') ? 'kind-en' : path.startsWith('name') ? 'kind-cs' : 'kind-code');
          if (error instanceof ApiError && error.fields.length > 0) {
            const known: Record<string, string> = { 'kind-code': this.t('error.kindCode'), 'kind-cs': this.t('error.kindNameCs'), 'kind-en': this.t('error.kindNameEn') };
            for (const field of error.fields) problems.push({ field: fieldOf(field.path), text: known[fieldOf(field.path)]! });
          } else problems.push({ field: 'kind-code', text: this.t('failed', { reason: this.reason(error) }) });
        }
      }
      this.kindProblems = problems;
      this.focusLater('#kind-summary');
    });
  }

  // ---- obligations ------------------------------------------------------------

  private async loadObligations(): Promise<void> {
    const api = this.api;
    if (!api) return;
    try {
      this.list = await api.get('/office/obligations', OfficeObligationListSchema, { query: given({ ...this.filter, q: this.filter.q.trim(), offset: this.offset, limit: PAGE }) });
      this.listProblem = '';
    } catch (error) {
      this.listProblem = this.t('obligationsFailed', { reason: this.reason(error) });
    }
  }

  private async search(event: Event): Promise<void> {
    event.preventDefault();
    this.offset = 0;
    await this.loadObligations();
    if (this.list) this.announce(this.t('obligationsTotal', { count: this.list.total }));
  }

  private async page(offset: number): Promise<void> {
    this.offset = Math.max(0, offset);
    await this.loadObligations();
    this.focusLater('#obligations-caption');
  }

  private startEdit(obligation: OfficeObligation): void {
    this.removing = undefined;
    this.editing = obligation;
    this.edit = { amount: String(obligation.amount).replace('.', this.language === 'cs' ? ',' : '.'), dueDate: obligation.dueDate };
    this.editProblems = [];
    this.focusLater('#edit-title');
  }

  private saveEdit(event: Event): Promise<void> {
    event.preventDefault();
    const obligation = this.editing;
    if (!obligation) return Promise.resolve();
    return this.run(async (api) => {
      const amount = parseAmount(this.edit.amount);
      const problems: Problem[] = [];
      if (amount === undefined) problems.push({ field: 'edit-amount', text: this.t('error.amount') });
      if (!/^\d{4}-\d{2}-\d{2}$/.test(this.edit.dueDate)) problems.push({ field: 'edit-due', text: this.t('error.dueDate') });
      if (problems.length === 0) {
        try {
          await api.request({ method: 'PATCH', path: `/office/obligations/${encodeURIComponent(obligation.id)}`, body: { amount, dueDate: this.edit.dueDate }, schema: OfficeObligationSchema });
          this.editing = undefined;
          this.announce(this.t('saved', { symbol: obligation.variableSymbol }));
          this.focusLater('#obligations-caption');
          await this.loadObligations();
          return;
        } catch (error) {
          if (error instanceof ApiError && error.code === 'below_paid') problems.push({ field: 'edit-amount', text: this.t('error.belowPaid', { paid: this.money(obligation.paid) }) });
          else if (error instanceof ApiError && error.fields.some((field) => field.path === 'dueDate')) problems.push({ field: 'edit-due', text: this.t('error.dueDate') });
          else if (error instanceof ApiError && error.fields.some((field) => field.path === 'amount')) problems.push({ field: 'edit-amount', text: this.t('error.amount') });
          else problems.push({ field: 'edit-amount', text: this.t('failed', { reason: this.reason(error) }) });
        }
      }
      this.editProblems = problems;
      this.focusLater('#edit-summary');
    });
  }

  private startRemove(obligation: OfficeObligation): void {
    this.editing = undefined;
    this.removing = obligation;
    this.removeProblem = '';
    this.focusLater('#remove-question');
  }

  private cancel(): void {
    const id = (this.editing ?? this.removing)?.id;
    this.editing = undefined;
    this.removing = undefined;
    if (id) this.focusLater(`[data-obligation="${CSS.escape(id)}"] button`);
  }

  private removeObligation(): Promise<void> {
    const obligation = this.removing;
    if (!obligation) return Promise.resolve();
    return this.run(async (api) => {
      try {
        await api.request({ method: 'DELETE', path: `/office/obligations/${encodeURIComponent(obligation.id)}`, schema: Anything });
        this.removing = undefined;
        this.announce(this.t('removed', { symbol: obligation.variableSymbol }));
        this.focusLater('#obligations-caption');
        await Promise.all([this.loadObligations(), this.loadKinds()]);
      } catch (error) {
        this.removeProblem = error instanceof ApiError && error.code === 'has_payments' ? this.t('error.hasPayments', { symbol: obligation.variableSymbol }) : this.t('failed', { reason: this.reason(error) });
        this.focusLater('#remove-problem');
      }
    });
  }

  // ---- import -------------------------------------------------------------------

  private onImportFile(event: Event): void {
    const file = (event.target as HTMLInputElement).files?.[0];
    if (!file) return; // the dialog was cancelled: the chosen file stays
    this.importFile = file;
    this.preview = undefined;
    this.imported = undefined;
  }

  /** Lets the same (fixed) file be chosen again: without this a second choice of one path fires no `change`. */
  private resetPicker(event: Event): void {
    (event.target as HTMLInputElement).value = '';
  }

  private check(): Promise<void> {
    return this.run(async (api) => {
      this.preview = undefined;
      this.refused = undefined;
      this.importProblem = '';
      this.imported = undefined;
      const file = this.importFile;
      if (!file) return this.importFailed(this.t('chooseFile'));
      if (file.size === 0) return this.importFailed(this.t('emptyFile'));
      // what is checked is exactly what is imported, whatever happens to the file on disk meanwhile
      const content = await this.read(file);
      if (!content) return this.importFailed(this.t('unreadable'));
      try {
        const result = await upload(api, '/office/obligations/import', content, ImportPreviewSchema, { preview: 'true' });
        this.preview = { name: file.name, content, result };
        this.focusLater('#preview-title');
      } catch (error) {
        this.importRefused(error);
      }
    });
  }

  private importNow(): Promise<void> {
    const preview = this.preview;
    if (!preview) return Promise.resolve();
    return this.run(async (api) => {
      try {
        this.imported = await upload(api, '/office/obligations/import', preview.content, ImportResultSchema);
        this.preview = undefined;
        this.focusLater('#import-result');
        this.dispatchEvent(new CustomEvent('obec-office-imported', { detail: { ...this.imported }, bubbles: true, composed: true }));
        this.offset = 0;
        await Promise.all([this.loadObligations(), this.loadKinds()]);
      } catch (error) {
        this.preview = undefined;
        this.importRefused(error);
      }
    });
  }

  /**
   * The file's content as CSV, or undefined when it can no longer be read (it
   * changed on disk since it was chosen: the browser wants it chosen again).
   */
  private async read(file: File): Promise<Blob | undefined> {
    try {
      return new Blob([await file.arrayBuffer()], { type: 'text/csv' });
    } catch {
      return undefined;
    }
  }

  private importFailed(text: string): void {
    this.importProblem = text;
    this.focusLater('#import-summary');
  }

  private importRefused(error: unknown): void {
    if (!(error instanceof ApiError)) return this.importFailed(this.t('failed', { reason: this.reason(error) }));
    if (error.code === 'import_rejected' && error.fields.length > 0) {
      this.refused = error.fields.map((field) => this.refusedCell(field));
      return this.importFailed('');
    }
    const known: Record<string, string> = { import_rejected: this.t('headerOnly'), empty_file: this.t('emptyFile'), invalid_csv: this.t('notCsv', { detail: error.message }) };
    const text = (error.code && known[error.code]) ?? (error.status === 413 ? this.t('tooLarge') : error.status === 415 ? this.t('notText') : this.t('failed', { reason: this.reason(error) }));
    this.importFailed(error.code === 'invalid_csv' && /no known column/i.test(error.message) ? this.t('noKnownColumn') : text);
  }

  /** `rows.12.amount`, `rows.12` or `columns.amount` with its code, in the office's words (the server's when the code is new). */
  private refusedCell(field: FieldError): RefusedCell {
    const [scope, where, column] = field.path.split('.');
    const key = `cell.${field.code}` as keyof FeesMessages & string;
    const text = key in feesMessages.cs ? this.t(key) : field.message ?? field.code;
    if (scope === 'columns') return { column: where, text };
    return { row: Number(where), column, text };
  }

  // ---- bank statements ------------------------------------------------------------

  private onStatementFile(event: Event): void {
    const file = (event.target as HTMLInputElement).files?.[0];
    if (file) this.statementFile = file;
  }

  private importStatement(): Promise<void> {
    return this.run(async (api) => {
      this.statement = undefined;
      this.statementProblem = '';
      const file = this.statementFile;
      if (!file || file.size === 0) {
        this.statementProblem = file ? this.t('emptyFile') : this.t('chooseFile');
        this.focusLater('#statement-problem');
        return;
      }
      try {
        const content = await this.read(file);
        if (!content) throw new Error('unreadable');
        this.statement = await upload(api, '/office/bank-statements', content, StatementResultSchema);
        this.focusLater('#statement-result');
        await Promise.all([this.loadObligations(), this.loadPayments()]);
      } catch (error) {
        const cells = error instanceof ApiError ? error.fields.map((field) => this.refusedCell(field)) : [];
        const where = (cell: RefusedCell) => [cell.row !== undefined ? `${this.t('row')} ${cell.row}` : this.t('headerRow'), cell.column].filter(Boolean).join(', ');
        this.statementProblem =
          cells.length > 0
            ? `${this.t('rejectedTitle')}: ${cells.map((cell) => `${where(cell)}: ${cell.text}`).join(' ')}`
            : error instanceof ApiError && error.status === 413
              ? this.t('tooLarge')
              : error instanceof ApiError && error.status === 415
                ? this.t('notText')
                : error instanceof ApiError
                  ? this.t('failed', { reason: this.reason(error) })
                  : this.t('unreadable');
        this.focusLater('#statement-problem');
      }
    });
  }

  // ---- payments -------------------------------------------------------------------

  private get paymentQuery() {
    return given({ ...this.paymentFilter, offset: this.paymentOffset, limit: PAGE });
  }

  private async loadPayments(): Promise<void> {
    const api = this.api;
    if (!api) return;
    const { from, to } = this.paymentFilter;
    if (from && to && from > to) {
      this.paymentsProblem = this.t('error.range');
      return;
    }
    try {
      this.payments = await api.get('/office/payments', OfficePaymentListSchema, { query: this.paymentQuery });
      this.paymentsProblem = '';
    } catch (error) {
      this.paymentsProblem = this.t('paymentsFailed', { reason: this.reason(error) });
    }
  }

  private async showPayments(event: Event): Promise<void> {
    event.preventDefault();
    this.paymentOffset = 0;
    await this.loadPayments();
    if (this.paymentsProblem) this.announce(this.paymentsProblem);
    else if (this.payments) this.announce(this.t('paymentsTotal', { count: this.payments.total, amount: this.money(this.payments.totalAmount) }));
  }

  private async paymentPage(offset: number): Promise<void> {
    this.paymentOffset = Math.max(0, offset);
    await this.loadPayments();
    this.focusLater('#payments-caption');
  }

  private downloadPayments(): Promise<void> {
    return this.run(async (api) => {
      try {
        const { from, to, state } = this.paymentFilter;
        const name = await download(api, '/office/payments.csv', 'platby.csv', { from, to, state });
        this.announce(this.t('downloaded', { file: name }));
      } catch (error) {
        this.paymentsProblem = this.t('failed', { reason: this.reason(error) });
        this.announce(this.paymentsProblem);
      }
    });
  }

  // ---- rendering ------------------------------------------------------------------

  protected override renderWidget(): TemplateResult {
    return html`<div lang=${this.language}>
      ${this.renderImport()} ${this.renderObligations()} ${this.renderKinds()} ${this.renderStatement()} ${this.renderPayments()}
      <p class="visually-hidden" aria-live="polite">${this.announcement}</p>
    </div>`;
  }

  private field(id: string, label: string, value: string, onInput: (value: string) => void, problems: Problem[], { type = 'text', hint = '' } = {}): TemplateResult {
    const problem = problems.find((candidate) => candidate.field === id);
    const described = [hint ? `${id}-hint` : '', problem ? `${id}-error` : ''].filter(Boolean).join(' ');
    return html`<div class="field">
      <label for=${id}>${label}</label>
      ${hint ? html`<span class="hint" id="${id}-hint">${hint}</span>` : nothing}
      ${problem ? html`<span class="error-text" id="${id}-error">${problem.text}</span>` : nothing}
      <input
        id=${id}
        type=${type}
        .value=${value}
        aria-invalid=${problem ? 'true' : 'false'}
        aria-describedby=${described || nothing}
        @input=${(event: Event) => onInput((event.target as HTMLInputElement).value)}
      />
    </div>`;
  }

  private pager(total: number, offset: number, go: (offset: number) => void): TemplateResult | typeof nothing {
    if (total <= PAGE) return nothing;
    return html`<div class="toolbar">
      <button class="button secondary small" part="button" ?disabled=${offset === 0} @click=${() => go(offset - PAGE)}>${this.t('previous')}</button>
      <button class="button secondary small" part="button" ?disabled=${offset + PAGE >= total} @click=${() => go(offset + PAGE)}>${this.t('next')}</button>
    </div>`;
  }

  private renderKinds(): TemplateResult {
    const form = this.kindForm;
    return html`<section part="kinds" aria-labelledby="kinds-title">
      <h3 id="kinds-title">${this.t('kinds')}</h3>
      ${this.kindsProblem
        ? this.loadFailed(this.kindsProblem, this.t('tryAgain'), () => this.loadKinds())
        : this.kinds.length === 0
          ? html`<p>${this.t('noKinds')}</p>`
          : html`<div class="table-wrap">
              <table>
                <caption>
                  ${this.t('kindsCaption')}
                </caption>
                <thead>
                  <tr>
                    <th scope="col">${this.t('kindCode')}</th>
                    <th scope="col">${this.t('kindNameCs')}</th>
                    <th scope="col">${this.t('kindNameEn')}</th>
                    <th scope="col" class="number">${this.t('kindObligations')}</th>
                    <th scope="col">${this.t('actions')}</th>
                  </tr>
                </thead>
                <tbody>
                  ${this.kinds.map(
                    (kind) => html`<tr>
                      <th scope="row"><code>${kind.code}</code></th>
                      <td lang="cs">${kind.name.cs}</td>
                      <td lang="en">${kind.name.en}</td>
                      <td class="number">${kind.obligations}</td>
                      <td>
                        <button class="link-button" part="button" @click=${() => this.renameKind(kind)}>${this.t('kindRename', { code: kind.code })}</button>
                      </td>
                    </tr>`,
                  )}
                </tbody>
              </table>
            </div>`}
      <form class="subform" @submit=${this.saveKind} novalidate aria-labelledby="kind-form-title">
        <h4 id="kind-form-title">${this.t('kindForm')}</h4>
        ${this.errorSummary(this.t('errorSummary'), this.kindProblems, { id: 'kind-summary' })}
        ${this.field('kind-code', this.t('kindCode'), form.code, (code) => (this.kindForm = { ...this.kindForm, code }), this.kindProblems, { hint: this.t('kindCodeHint') })}
        ${this.field('kind-cs', this.t('kindNameCs'), form.cs, (cs) => (this.kindForm = { ...this.kindForm, cs }), this.kindProblems)}
        ${this.field('kind-en', this.t('kindNameEn'), form.en, (en) => (this.kindForm = { ...this.kindForm, en }), this.kindProblems)}
        <button class="button" part="button" type="submit" ?disabled=${this.busy}>${this.t('kindSave')}</button>
      </form>
    </section>`;
  }

  private renderObligations(): TemplateResult {
    const filter = this.filter;
    const set = (change: Partial<Filter>) => (this.filter = { ...this.filter, ...change });
    const list = this.list;
    return html`<section part="obligations" aria-labelledby="obligations-title">
      <h3 id="obligations-title">${this.t('obligations')}</h3>
      <form class="toolbar" role="search" @submit=${this.search}>
        <div class="field">
          <label for="q">${this.t('search')}</label>
          <input id="q" type="search" .value=${filter.q} @input=${(event: Event) => set({ q: (event.target as HTMLInputElement).value })} />
        </div>
        <div class="field">
          <label for="filter-kind">${this.t('filterKind')}</label>
          <select id="filter-kind" @change=${(event: Event) => set({ feeKind: (event.target as HTMLSelectElement).value })}>
            <option value="" ?selected=${!filter.feeKind}>${this.t('any')}</option>
            ${this.kinds.map((kind) => html`<option value=${kind.code} ?selected=${filter.feeKind === kind.code}>${this.kindName(kind.code)}</option>`)}
          </select>
        </div>
        <div class="field">
          <label for="filter-period">${this.t('filterPeriod')}</label>
          <input id="filter-period" class="short" .value=${filter.period} @input=${(event: Event) => set({ period: (event.target as HTMLInputElement).value.trim() })} />
        </div>
        <div class="field">
          <label for="filter-state">${this.t('filterState')}</label>
          <select id="filter-state" @change=${(event: Event) => set({ state: (event.target as HTMLSelectElement).value })}>
            <option value="" ?selected=${!filter.state}>${this.t('any')}</option>
            ${STATES.map((value) => html`<option value=${value} ?selected=${filter.state === value}>${this.t(`state.${value}`)}</option>`)}
          </select>
        </div>
        <div class="field">
          <button class="button" part="button" type="submit">${this.t('find')}</button>
        </div>
      </form>
      ${this.listProblem
        ? this.loadFailed(this.listProblem, this.t('tryAgain'), () => this.loadObligations())
        : !list
          ? html`<p class="muted">${this.t('loading')}</p>`
          : html`<p id="obligations-total">${this.t('obligationsTotal', { count: list.total })}</p>
              ${list.obligations.length === 0 ? html`<p>${this.t('noObligations')}</p>` : this.renderObligationTable(list)} ${this.pager(list.total, this.offset, (offset) => void this.page(offset))}`}
      ${this.renderEdit()} ${this.renderRemove()}
    </section>`;
  }

  private renderObligationTable(list: OfficeObligationList): TemplateResult {
    return html`<div class="table-wrap">
      <table>
        <caption id="obligations-caption" tabindex="-1">
          ${this.t('obligationsCaption', { from: this.offset + 1, to: this.offset + list.obligations.length, total: list.total })}
        </caption>
        <thead>
          <tr>
            <th scope="col">${this.t('variableSymbol')}</th>
            <th scope="col">${this.t('payer')}</th>
            <th scope="col">${this.t('fee')}</th>
            <th scope="col">${this.t('period')}</th>
            <th scope="col" class="number">${this.t('amount')}</th>
            <th scope="col" class="number">${this.t('paid')}</th>
            <th scope="col">${this.t('dueDate')}</th>
            <th scope="col">${this.t('state')}</th>
            <th scope="col">${this.t('actions')}</th>
          </tr>
        </thead>
        <tbody>
          ${list.obligations.map(
            (obligation) => html`<tr data-obligation=${obligation.id}>
              <th scope="row">${obligation.variableSymbol}</th>
              <td>${obligation.payer.givenName} ${obligation.payer.familyName}<br /><span class="hint">${formatDate(this.language, obligation.payer.birthdate)}</span></td>
              <td>${this.kindName(obligation.feeKind)}</td>
              <td>${obligation.period}</td>
              <td class="number">${this.money(obligation.amount)}</td>
              <td class="number">${this.money(obligation.paid)}</td>
              <td>${formatDate(this.language, obligation.dueDate)}</td>
              <td><span class="badge state-${obligation.state}">${this.t(`state.${obligation.state}`)}</span></td>
              <td class="actions">
                <button class="button secondary small" part="button" aria-label=${this.t('editLabel', { symbol: obligation.variableSymbol })} @click=${() => this.startEdit(obligation)}>${this.t('edit')}</button>
                <button class="button secondary small" part="button" aria-label=${this.t('removeLabel', { symbol: obligation.variableSymbol })} @click=${() => this.startRemove(obligation)}>${this.t('remove')}</button>
              </td>
            </tr>`,
          )}
        </tbody>
      </table>
    </div>`;
  }

  private renderEdit(): TemplateResult | typeof nothing {
    const obligation = this.editing;
    if (!obligation) return nothing;
    const payer = `${obligation.payer.givenName} ${obligation.payer.familyName}`;
    return html`<form class="detail" @submit=${this.saveEdit} novalidate aria-labelledby="edit-title">
      <h4 id="edit-title" tabindex="-1">${this.t('editTitle', { symbol: obligation.variableSymbol, payer })}</h4>
      ${this.errorSummary(this.t('errorSummary'), this.editProblems, { id: 'edit-summary' })}
      ${this.field('edit-amount', this.t('editAmount'), this.edit.amount, (amount) => (this.edit = { ...this.edit, amount }), this.editProblems)}
      ${this.field('edit-due', this.t('editDueDate'), this.edit.dueDate, (dueDate) => (this.edit = { ...this.edit, dueDate }), this.editProblems, { type: 'date' })}
      <div class="toolbar">
        <button class="button" part="button" type="submit" ?disabled=${this.busy}>${this.t('save')}</button>
        <button class="button secondary" part="button" type="button" @click=${this.cancel}>${this.t('cancel')}</button>
      </div>
    </form>`;
  }

  private renderRemove(): TemplateResult | typeof nothing {
    const obligation = this.removing;
    if (!obligation) return nothing;
    const payer = `${obligation.payer.givenName} ${obligation.payer.familyName}`;
    return html`<div class="detail" role="group" aria-labelledby="remove-question">
      <p id="remove-question" tabindex="-1"><strong>${this.t('confirmRemove', { symbol: obligation.variableSymbol, payer, amount: this.money(obligation.amount) })}</strong></p>
      ${this.removeProblem ? html`<p class="message error" id="remove-problem" tabindex="-1">${this.removeProblem}</p>` : nothing}
      <div class="toolbar">
        <button class="button danger" part="button" ?disabled=${this.busy} @click=${this.removeObligation}>${this.t('confirmRemoveYes')}</button>
        <button class="button secondary" part="button" @click=${this.cancel}>${this.t('cancel')}</button>
      </div>
    </div>`;
  }

  private renderImport(): TemplateResult {
    const preview = this.preview;
    return html`<section part="import" aria-labelledby="import-title">
      <h3 id="import-title">${this.t('import')}</h3>
      <p class="hint" id="import-hint">${this.t('importHint')}</p>
      ${this.renderImportProblem()}
      ${this.imported
        ? html`<div class="message success" id="import-result" tabindex="-1" role="status">
            <p>${this.t('imported', { counts: this.counts(this.imported) })}</p>
          </div>`
        : nothing}
      <div class="toolbar">
        <div class="field">
          <label for="import-file">${this.t('importFile')}</label>
          <input id="import-file" type="file" accept=".csv,text/csv" aria-describedby="import-hint" @click=${this.resetPicker} @change=${this.onImportFile} />
          ${this.importFile ? html`<span class="hint" data-file>${this.importFile.name}</span>` : nothing}
        </div>
        <div class="field">
          <button class="button" part="button" ?disabled=${this.busy} @click=${this.check}>${this.t('check')}</button>
        </div>
      </div>
      ${preview ? this.renderPreview(preview.name, preview.result) : nothing}
    </section>`;
  }

  private counts(result: { imported: number; unchanged: number }): string {
    return [this.t('previewNew', { count: result.imported }), this.t('previewUnchanged', { count: result.unchanged })].join(', ');
  }

  private renderImportProblem(): TemplateResult | typeof nothing {
    const refused = this.refused;
    if (!refused && !this.importProblem) return nothing;
    return html`<div part="error-summary" class="error-summary" id="import-summary" tabindex="-1" aria-labelledby="import-summary-title">
      <h4 id="import-summary-title">${this.t('rejectedTitle')}</h4>
      ${this.importProblem ? html`<p>${this.importProblem}</p>` : nothing}
      ${refused
        ? html`<p>${this.t('rejectedIntro', { count: refused.length })}</p>
            <div class="table-wrap">
              <table>
                <caption>
                  ${this.t('rejectedCaption')}
                </caption>
                <thead>
                  <tr>
                    <th scope="col" class="number">${this.t('row')}</th>
                    <th scope="col">${this.t('column')}</th>
                    <th scope="col">${this.t('problem')}</th>
                  </tr>
                </thead>
                <tbody>
                  ${refused.map(
                    (cell) => html`<tr class="refused">
                      <td class="number">${cell.row ?? this.t('headerRow')}</td>
                      <td>${cell.column ? html`<code>${cell.column}</code>` : this.t('wholeRow')}</td>
                      <td>${cell.text}</td>
                    </tr>`,
                  )}
                </tbody>
              </table>
            </div>`
        : nothing}
    </div>`;
  }

  private renderPreview(name: string, result: ImportPreview): TemplateResult {
    return html`<div class="preview">
      <h4 id="preview-title" tabindex="-1">${this.t('previewTitle', { file: name })}</h4>
      <p id="preview-counts">${this.counts(result)}</p>
      ${result.imported === 0 ? html`<p>${this.t('previewNothingNew')}</p>` : nothing}
      <div class="table-wrap">
        <table>
          <caption>
            ${this.t('previewCaption')}
          </caption>
          <thead>
            <tr>
              <th scope="col" class="number">${this.t('row')}</th>
              <th scope="col">${this.t('status')}</th>
              <th scope="col">${this.t('variableSymbol')}</th>
              <th scope="col">${this.t('payer')}</th>
              <th scope="col">${this.t('fee')}</th>
              <th scope="col">${this.t('period')}</th>
              <th scope="col" class="number">${this.t('amount')}</th>
              <th scope="col">${this.t('dueDate')}</th>
            </tr>
          </thead>
          <tbody>
            ${result.rows.map(
              (row) => html`<tr>
                <td class="number">${row.row}</td>
                <td><span class="badge status-${row.status}">${this.t(`status.${row.status}`)}</span></td>
                <th scope="row">${row.variableSymbol}</th>
                <td>${row.payerName}</td>
                <td>${this.kindName(row.feeKind)}</td>
                <td>${row.period}</td>
                <td class="number">${this.money(row.amount)}</td>
                <td>${formatDate(this.language, row.dueDate)}</td>
              </tr>`,
            )}
          </tbody>
        </table>
      </div>
      <div class="toolbar">
        <button class="button" part="button" ?disabled=${this.busy || result.imported === 0} @click=${this.importNow}>${this.t('importNow')}</button>
      </div>
    </div>`;
  }

  private renderStatement(): TemplateResult {
    const result = this.statement;
    return html`<section part="statement" aria-labelledby="statement-title">
      <h3 id="statement-title">${this.t('statement')}</h3>
      <p class="hint" id="statement-hint">${this.t('statementHint')}</p>
      ${this.statementProblem ? html`<p class="message error" id="statement-problem" tabindex="-1">${this.statementProblem}</p>` : nothing}
      <div class="toolbar">
        <div class="field">
          <label for="statement-file">${this.t('statementFile')}</label>
          <input id="statement-file" type="file" accept=".csv,text/csv" aria-describedby="statement-hint" @click=${this.resetPicker} @change=${this.onStatementFile} />
          ${this.statementFile ? html`<span class="hint">${this.statementFile.name}</span>` : nothing}
        </div>
        <div class="field">
          <button class="button" part="button" ?disabled=${this.busy} @click=${this.importStatement}>${this.t('statementImport')}</button>
        </div>
      </div>
      ${result
        ? html`<div class="message success" id="statement-result" tabindex="-1" role="status">
              <p>${this.t('statementResult', { matched: result.matched, skipped: result.skipped, unmatched: result.unmatched.length })}</p>
            </div>
            ${result.unmatched.length > 0
              ? html`<div class="table-wrap">
                  <table>
                    <caption>
                      ${this.t('unmatchedCaption')}
                    </caption>
                    <thead>
                      <tr>
                        <th scope="col" class="number">${this.t('row')}</th>
                        <th scope="col">${this.t('variableSymbol')}</th>
                        <th scope="col" class="number">${this.t('amount')}</th>
                        <th scope="col">${this.t('reason')}</th>
                      </tr>
                    </thead>
                    <tbody>
                      ${result.unmatched.map(
                        (line) => html`<tr>
                          <td class="number">${line.row}</td>
                          <td>${line.variableSymbol ?? '—'}</td>
                          <td class="number">${this.money(line.amount)}</td>
                          <td>${`reason.${line.reason}` in feesMessages.cs ? this.t(`reason.${line.reason}` as keyof FeesMessages & string) : line.reason}</td>
                        </tr>`,
                      )}
                    </tbody>
                  </table>
                </div>`
              : nothing}`
        : nothing}
    </section>`;
  }

  private renderPayments(): TemplateResult {
    const filter = this.paymentFilter;
    const list = this.payments;
    const set = (change: Partial<typeof filter>) => (this.paymentFilter = { ...this.paymentFilter, ...change });
    return html`<section part="payments" aria-labelledby="payments-title">
      <h3 id="payments-title">${this.t('payments')}</h3>
      <form class="toolbar" @submit=${this.showPayments} aria-labelledby="payments-title">
        <div class="field">
          <label for="payments-from">${this.t('from')}</label>
          <input id="payments-from" type="date" .value=${filter.from} @input=${(event: Event) => set({ from: (event.target as HTMLInputElement).value })} />
        </div>
        <div class="field">
          <label for="payments-to">${this.t('to')}</label>
          <input id="payments-to" type="date" .value=${filter.to} @input=${(event: Event) => set({ to: (event.target as HTMLInputElement).value })} />
        </div>
        <div class="field">
          <label for="payments-state">${this.t('filterState')}</label>
          <select id="payments-state" @change=${(event: Event) => set({ state: (event.target as HTMLSelectElement).value })}>
            <option value="" ?selected=${!filter.state}>${this.t('any')}</option>
            ${PAYMENT_STATES.map((value) => html`<option value=${value} ?selected=${filter.state === value}>${this.t(`payment.${value}`)}</option>`)}
          </select>
        </div>
        <div class="field">
          <button class="button" part="button" type="submit">${this.t('show')}</button>
        </div>
        <div class="field">
          <button class="button secondary" part="button" type="button" ?disabled=${this.busy} @click=${this.downloadPayments}>${this.t('download')}</button>
        </div>
      </form>
      ${this.paymentsProblem
        ? html`<p class="message error" id="payments-problem">${this.paymentsProblem}</p>`
        : !list
          ? html`<p class="muted">${this.t('loading')}</p>`
          : html`<p id="payments-total">${this.t('paymentsTotal', { count: list.total, amount: this.money(list.totalAmount) })}</p>
              ${list.payments.length === 0
                ? html`<p>${this.t('noPayments')}</p>`
                : html`<div class="table-wrap">
                    <table>
                      <caption id="payments-caption" tabindex="-1">
                        ${this.t('paymentsCaption', { from: this.paymentOffset + 1, to: this.paymentOffset + list.payments.length, total: list.total })}
                      </caption>
                      <thead>
                        <tr>
                          <th scope="col">${this.t('date')}</th>
                          <th scope="col">${this.t('channel')}</th>
                          <th scope="col">${this.t('state')}</th>
                          <th scope="col" class="number">${this.t('amount')}</th>
                          <th scope="col">${this.t('reference')}</th>
                          <th scope="col">${this.t('symbols')}</th>
                        </tr>
                      </thead>
                      <tbody>
                        ${list.payments.map(
                          (payment) => html`<tr>
                            <th scope="row">${formatMoment(this.language, payment.paidAt ?? payment.createdAt, true)}</th>
                            <td>${this.t(`channel.${payment.channel}`)}</td>
                            <td><span class="badge">${this.t(`payment.${payment.state}`)}</span></td>
                            <td class="number">${this.money(payment.amount)}</td>
                            <td>${payment.reference ?? '—'}</td>
                            <td>${payment.variableSymbols.join(', ')}</td>
                          </tr>`,
                        )}
                      </tbody>
                    </table>
                  </div>`}
              ${this.pager(list.total, this.paymentOffset, (offset) => void this.paymentPage(offset))}`}
    </section>`;
  }
}

defineElement('obec-office-fees', ObecOfficeFees);

declare global {
  interface HTMLElementTagNameMap {
    'obec-office-fees': ObecOfficeFees;
  }
}

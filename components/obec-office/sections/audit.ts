import { css, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { state } from 'lit/decorators.js';
import type { ApiClient } from '../../../src/api/api-client.js';
import { ApiError } from '../../../src/api/api-error.js';
import { ObecElement } from '../../../src/base/obec-element.js';
import { AuditLogSchema, StaffListSchema, type AuditEntry, type Staff } from '../../../src/contract/office.js';
import { defineElement } from '../../../src/define.js';
import { formatMoment } from '../../../src/i18n/format.js';
import type { Params } from '../../../src/i18n/translator.js';
import { OfficeSection, officeStyles } from '../office-shared.js';
import { officeAuditMessages, type OfficeAuditMessages } from './audit.messages.js';

const PAGE = 50;

/**
 * @summary The office's audit log (admins only): who changed or exported
 * what, when, and whether the server allowed it.
 *
 * @description A section of `<obec-office>` for the `admin` role. Entries
 * come from `GET {api}/office/audit?limit=&before=&actor=`, newest first;
 * "Načíst starší" pages on with the answer's `next`. The filter by person
 * lists the staff of `GET {api}/office/staff`. Known actions are described
 * in words, others shown as logged (`METHOD /office/path/{param}`); a refused
 * call is marked by a badge with its status.
 *
 * @csspart base - The section.
 * @csspart table - The log.
 *
 * @cssproperty --obec-color-error - Refused calls.
 */
export class ObecOfficeAudit extends OfficeSection {
  static override styles = [ObecElement.styles, officeStyles, css`
    .badge.refused {
      color: var(--_color-error);
      font-weight: 600;
    }
    code {
      font-size: 0.875em;
      word-break: break-all;
    }
  `];
  static override catalogs = [...OfficeSection.catalogs, officeAuditMessages];

  @state() private entries: AuditEntry[] = [];
  @state() private next?: string;
  @state() private load: 'loading' | 'ready' | 'error' = 'loading';
  @state() private loadingMore = false;
  /** Why the last load failed (rendered in the language of the moment). */
  @state() private failure?: unknown;
  @state() private actor = '';
  private staffFor?: ApiClient;
  @state() private staff: Staff[] = [];

  private controller?: AbortController;

  private t(key: keyof OfficeAuditMessages & string, params?: Params): string {
    return this.msg(officeAuditMessages, key, params);
  }

  protected override loadData(): void {
    void this.loadPage(false);
  }

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    // the actor filter lists the staff: for admins (who is signed in may be known after the first load)
    const api = this.api;
    if (api && this.can('admin') && this.staffFor !== api) {
      this.staffFor = api;
      void this.loadStaff(api);
    }
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.controller?.abort();
  }

  private async loadStaff(api: ApiClient): Promise<void> {
    try {
      this.staff = (await api.get('/office/staff', StaffListSchema)).staff;
    } catch {
      // the filter then offers only what the log shows
    }
  }

  /** The first page (`more` false) or the page after the last one shown. */
  private async loadPage(more: boolean): Promise<void> {
    const api = this.api;
    if (!api) return;
    this.controller?.abort();
    const controller = (this.controller = new AbortController());
    if (more) this.loadingMore = true;
    else this.load = 'loading';
    this.failure = undefined;
    try {
      const page = await api.get('/office/audit', AuditLogSchema, {
        signal: controller.signal,
        query: { limit: PAGE, before: more ? this.next : undefined, actor: this.actor || undefined },
      });
      if (controller.signal.aborted) return;
      this.entries = more ? [...this.entries, ...page.entries] : page.entries;
      this.next = page.next;
      this.load = 'ready';
      if (more) {
        this.announcement = `${this.t('loaded', { count: page.entries.length })}${page.next ? '' : ` ${this.t('end')}`}`;
        // the first new row, so reading goes on where the page grew
        this.focusAfterRender = page.entries.length > 0 ? `#entry-${CSS.escape(page.entries[0]!.id)}` : '#older';
      }
    } catch (error) {
      if (controller.signal.aborted) return;
      this.failure = error;
      if (!more) this.load = 'error';
    } finally {
      if (controller === this.controller) this.loadingMore = false;
    }
  }

  private failureText(): string {
    const error = this.failure;
    return this.t('loadFailed', { reason: error instanceof ApiError ? this.errorMessage(error) : this.coreMsg('error.server') });
  }

  private actionText(action: string): TemplateResult {
    const key = `action.${action}` as keyof OfficeAuditMessages & string;
    const text = this.t(key);
    return text === key ? html`<code>${action}</code>` : html`${text}`;
  }

  private statusBadge(status: number): TemplateResult {
    if (status >= 500) return html`<span class="badge refused">${this.t('failed', { status: String(status) })}</span>`;
    if (status >= 400) return html`<span class="badge refused">${this.t('refused', { status: String(status) })}</span>`;
    return html`${this.t('done', { status: String(status) })}`;
  }

  private actors(): { id: string; name: string }[] {
    const known = new Map(this.staff.map((member) => [member.id, member.name]));
    for (const entry of this.entries) if (!known.has(entry.actorId) && entry.actorId !== 'token') known.set(entry.actorId, entry.actorName);
    return [...known].map(([id, name]) => ({ id, name }));
  }

  protected override renderWidget(): TemplateResult {
    return html`<div part="base" lang=${this.language}>
      <h3>${this.t('title')}</h3>
      <p class="hint">${this.t('hint')}</p>
      <div class="toolbar">
        <div class="field">
          <label for="actor">${this.t('actor')}</label>
          <select
            id="actor"
            @change=${(event: Event) => {
              this.actor = (event.target as HTMLSelectElement).value;
              void this.loadPage(false);
            }}
          >
            <option value="" ?selected=${!this.actor}>${this.t('everyone')}</option>
            ${this.actors().map((actor) => html`<option value=${actor.id} ?selected=${this.actor === actor.id}>${actor.name}</option>`)}
            <option value="token" ?selected=${this.actor === 'token'}>${this.t('token')}</option>
          </select>
        </div>
      </div>
      ${this.renderLog()}
      <div class="visually-hidden" aria-live="polite">${this.announcement}</div>
    </div>`;
  }

  private renderLog(): TemplateResult {
    if (this.load === 'loading') return html`<p role="status">${this.t('loading')}</p>`;
    if (this.load === 'error') {
      return this.loadFailed(this.failureText(), this.t('tryAgain'), () => this.loadPage(false));
    }
    if (this.entries.length === 0) return html`<p>${this.t('empty')}</p>`;
    return html`<div class="table-wrap">
        <table part="table">
          <caption>${this.t('caption')}</caption>
          <thead>
            <tr>
              <th scope="col">${this.t('colAt')}</th>
              <th scope="col">${this.t('colActor')}</th>
              <th scope="col">${this.t('colAction')}</th>
              <th scope="col">${this.t('colTarget')}</th>
              <th scope="col">${this.t('colStatus')}</th>
            </tr>
          </thead>
          <tbody>
            ${this.entries.map(
              (entry) => html`<tr class=${entry.status >= 400 ? 'refused' : ''}>
                <th scope="row" id=${`entry-${entry.id}`} tabindex="-1">${formatMoment(this.language, entry.at, true)}</th>
                <td>${entry.actorId === 'token' ? this.t('token') : entry.actorName}</td>
                <td>${this.actionText(entry.action)}</td>
                <td>${Object.entries(entry.target).map(([name, value], index) => html`${index > 0 ? ', ' : ''}${name}: <code>${value}</code>`)}</td>
                <td>${this.statusBadge(entry.status)}</td>
              </tr>`,
            )}
          </tbody>
        </table>
      </div>
      ${this.failure ? html`<p class="message error" role="alert">${this.failureText()}</p>` : nothing}
      ${this.next
        ? html`<div class="toolbar">
            <button type="button" id="older" class="button secondary" ?disabled=${this.loadingMore} @click=${() => this.loadPage(true)}>${this.t('older')}</button>
          </div>`
        : html`<p>${this.t('end')}</p>`}`;
  }
}

defineElement('obec-office-audit', ObecOfficeAudit);

declare global {
  interface HTMLElementTagNameMap {
    'obec-office-audit': ObecOfficeAudit;
  }
}

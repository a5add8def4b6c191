import { Task } from '@lit/task';
import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { ApiError } from '../../src/api/api-error.js';
import { ObecElement } from '../../src/base/obec-element.js';
import type { SettingName } from '../../src/config/config-schema.js';
import { StaffMeSchema, type Role, type StaffMe } from '../../src/contract/office.js';
import type { Params } from '../../src/i18n/translator.js';
import { panelStyles } from '../../src/theme/tokens.js';
import { officeMessages, type OfficeMessages } from './obec-office.messages.js';
import { officeShellStyles } from './obec-office.styles.js';

/** A part of the office: who may open it and where its element comes from (loaded when first opened). */
interface Section {
  id: SectionId;
  /** The role it needs (admins have every role); `staff`: any staff member. */
  role: Role | 'staff';
  load: () => Promise<unknown>;
}
type SectionId = 'fees' | 'forms' | 'polls' | 'reports' | 'indicators' | 'staff' | 'audit';

const SECTIONS: readonly Section[] = [
  { id: 'fees', role: 'fees', load: () => import('./sections/fees.js') },
  { id: 'forms', role: 'forms', load: () => import('./sections/forms.js') },
  { id: 'polls', role: 'polls', load: () => import('./sections/polls.js') },
  { id: 'reports', role: 'feedback', load: () => import('./sections/reports.js') },
  { id: 'indicators', role: 'staff', load: () => import('../obec-indicators/obec-indicators.js') },
  { id: 'staff', role: 'admin', load: () => import('./sections/staff.js') },
  { id: 'audit', role: 'admin', load: () => import('./sections/audit.js') },
];

type Who = { status: 'signed-out' } | { status: 'not-staff' } | { status: 'staff'; me: StaffMe };

/**
 * @summary The town office's side of the site, for its staff: fees and
 * obligations, forms, polls, problem reports, the indicators, staff accounts
 * and the audit log, each in a tab the signed-in person's roles allow.
 *
 * @description Place it on a page of the town's intranet or admin area,
 * with `<obec-portal>` and `<obec-login>`. It asks `GET {api}/office/me` who
 * is signed in: signed out, it offers "Přihlásit se"; a person who is not on
 * the staff (403 `not_staff`) is told so. Staff see one tab per section their
 * roles open (ARIA tabs: arrow keys, Home and End move between them); a
 * section's code is loaded the first time its tab is opened. The selected
 * tab is the `tab` attribute.
 *
 * @fires obec-office-tab - Another tab was selected by the user; `detail`: `{ tab }`.
 *
 * @csspart base - The widget.
 * @csspart who - Who is signed in and their roles.
 * @csspart tabs - The tab list.
 * @csspart tab - Each tab.
 * @csspart panel - The selected section.
 * @csspart button - Every button.
 * @csspart config-error - Shown instead of the widget when `api` is missing or wrong.
 *
 * @cssproperty --obec-color-primary - The selected tab and the buttons.
 * @cssproperty --obec-color-border - The tab list's line.
 * @cssstate dark - The dark theme is in effect.
 */
export class ObecOffice extends ObecElement {
  static override styles = [ObecElement.styles, panelStyles, officeShellStyles];
  static override requiredSettings: readonly SettingName[] = ['api'];
  static override catalogs = [...ObecElement.catalogs, officeMessages];

  /** The selected tab: `fees`, `forms`, `polls`, `reports`, `indicators`, `staff` or `audit`; the first allowed one when empty or not allowed. */
  @property({ reflect: true }) tab = '';

  @state() private loaded = new Set<SectionId>();
  @state() private failed = new Map<SectionId, unknown>();
  private focusTab = false;

  private readonly who = new Task(this, {
    task: async ([api, status], { signal }): Promise<Who | undefined> => {
      if (!api || status === 'busy') return undefined;
      if (status === 'signed-out') return { status: 'signed-out' };
      try {
        return { status: 'staff', me: await api.get('/office/me', StaffMeSchema, { signal }) };
      } catch (error) {
        if (error instanceof ApiError && error.status === 401) return { status: 'signed-out' };
        if (error instanceof ApiError && error.status === 403) return { status: 'not-staff' };
        throw error;
      }
    },
    args: () => [this.runtime?.api, this.runtime?.session?.state.status] as const,
  });

  private t(key: keyof OfficeMessages & string, params?: Params): string {
    return this.msg(officeMessages, key, params);
  }

  private allowed(me: StaffMe): Section[] {
    const admin = me.roles.includes('admin');
    return SECTIONS.filter((section) => section.role === 'staff' || admin || me.roles.includes(section.role as Role));
  }

  private selected(sections: Section[]): Section | undefined {
    return sections.find((section) => section.id === this.tab) ?? sections[0];
  }

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    const who = this.who.value;
    if (who?.status === 'staff') {
      const section = this.selected(this.allowed(who.me));
      if (section) this.load(section);
    }
  }

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    if (this.focusTab) {
      this.focusTab = false;
      this.renderRoot.querySelector<HTMLElement>('[role="tab"][aria-selected="true"]')?.focus();
    }
  }

  private load(section: Section): void {
    if (this.loaded.has(section.id) || this.loading.has(section.id)) return;
    this.loading.add(section.id);
    section.load().then(
      () => {
        this.loading.delete(section.id);
        this.loaded = new Set([...this.loaded, section.id]);
      },
      (error: unknown) => {
        this.loading.delete(section.id);
        this.failed = new Map([...this.failed, [section.id, error]]);
      },
    );
  }
  private readonly loading = new Set<SectionId>();

  private retry(section: Section): void {
    const failed = new Map(this.failed);
    failed.delete(section.id);
    this.failed = failed;
    this.load(section);
  }

  private select(section: Section, focus = false): void {
    if (this.tab !== section.id) {
      this.tab = section.id;
      this.dispatchEvent(new CustomEvent('obec-office-tab', { detail: { tab: section.id }, bubbles: true, composed: true }));
    }
    this.focusTab = focus;
  }

  private onTabKey(event: KeyboardEvent, sections: Section[], index: number): void {
    const last = sections.length - 1;
    const next = { ArrowRight: index === last ? 0 : index + 1, ArrowLeft: index === 0 ? last : index - 1, Home: 0, End: last }[event.key];
    if (next === undefined) return;
    event.preventDefault();
    this.select(sections[next]!, true);
  }

  private reason(error: unknown): string {
    return error instanceof ApiError ? this.errorMessage(error) : this.coreMsg('error.server');
  }

  // ---- rendering ------------------------------------------------------------

  protected override renderWidget(): TemplateResult {
    return html`<section part="base" lang=${this.language} aria-labelledby="office-title">
      <h2 id="office-title">${this.t('title')}</h2>
      ${this.who.render({
        initial: () => html`<p class="muted">${this.t('loading')}</p>`,
        pending: () => html`<p class="muted">${this.t('loading')}</p>`,
        error: (error) => html`<div class="message error" role="alert">
          <p>${this.t('loadFailed', { reason: this.reason(error) })}</p>
          <button class="button secondary" part="button" @click=${() => this.who.run()}>${this.t('tryAgain')}</button>
        </div>`,
        complete: (who) => (who ? this.renderWho(who) : html`<p class="muted">${this.t('loading')}</p>`),
      })}
    </section>`;
  }

  private renderWho(who: Who): TemplateResult {
    if (who.status === 'signed-out') {
      return html`<div class="message notice" data-state="signed-out">
        <p>${this.t('signedOut')}</p>
        ${this.runtime?.session
          ? html`<button class="button" part="button" @click=${() => void this.runtime?.session?.signIn()}>${this.t('signIn')}</button>`
          : nothing}
      </div>`;
    }
    if (who.status === 'not-staff') return html`<div class="message error" data-state="not-staff"><p>${this.t('notStaff')}</p></div>`;
    const { me } = who;
    const sections = this.allowed(me);
    const current = this.selected(sections);
    return html`<p part="who" class="who">
        <span>${this.t('signedInAs', { name: me.name })}</span>
        <span>${this.t('roles', { roles: me.roles.map((role) => this.t(`role.${role}`)).join(', ') })}</span>
      </p>
      ${sections.length === 0 || !current
        ? html`<p class="message notice">${this.t('noSections')}</p>`
        : html`<div part="tabs" class="tabs" role="tablist" aria-label=${this.t('sections')}>
              ${sections.map(
                (section, index) => html`<button
                  part="tab"
                  class="tab"
                  role="tab"
                  type="button"
                  id="tab-${section.id}"
                  aria-controls="panel-${section.id}"
                  aria-selected=${section === current ? 'true' : 'false'}
                  tabindex=${section === current ? 0 : -1}
                  @click=${() => this.select(section)}
                  @keydown=${(event: KeyboardEvent) => this.onTabKey(event, sections, index)}
                >
                  ${this.t(`tab.${section.id}`)}
                </button>`,
              )}
            </div>
            <div part="panel" class="panel" role="tabpanel" id="panel-${current.id}" aria-labelledby="tab-${current.id}" tabindex="0">
              ${this.renderPanel(current, me)}
            </div>`}`;
  }

  private renderPanel(section: Section, me: StaffMe): TemplateResult {
    const failure = this.failed.get(section.id);
    if (failure !== undefined) {
      return html`<div class="message error" role="alert">
        <p>${this.t('sectionFailed', { reason: this.reason(failure) })}</p>
        <button class="button secondary" part="button" @click=${() => this.retry(section)}>${this.t('tryAgain')}</button>
      </div>`;
    }
    if (!this.loaded.has(section.id)) return html`<p class="muted">${this.t('loading')}</p>`;
    switch (section.id) {
      case 'fees':
        return html`<obec-office-fees .me=${me}></obec-office-fees>`;
      case 'forms':
        return html`<obec-office-forms .me=${me}></obec-office-forms>`;
      case 'polls':
        return html`<obec-office-polls .me=${me}></obec-office-polls>`;
      case 'reports':
        return html`<obec-office-reports .me=${me}></obec-office-reports>`;
      case 'indicators':
        return html`<obec-indicators></obec-indicators>`;
      case 'staff':
        return html`<obec-office-staff .me=${me}></obec-office-staff>`;
      case 'audit':
        return html`<obec-office-audit .me=${me}></obec-office-audit>`;
    }
  }
}

import { css, html, nothing, type TemplateResult } from 'lit';
import { state } from 'lit/decorators.js';
import { ApiError } from '../../../src/api/api-error.js';
import { ObecElement } from '../../../src/base/obec-element.js';
import { ROLES, StaffListSchema, StaffSchema, type Role, type Staff, type StaffInput } from '../../../src/contract/office.js';
import { defineElement } from '../../../src/define.js';
import { formatDate, formatMoment } from '../../../src/i18n/format.js';
import type { Params } from '../../../src/i18n/translator.js';
import { AnythingSchema } from '../../../src/contract/loose.js';
import { OfficeSection, officeStyles } from '../office-shared.js';
import { officeStaffMessages, type OfficeStaffMessages } from './staff.messages.js';

type Field = 'name' | 'roles' | 'givenName' | 'familyName' | 'birthdate' | 'subject';
interface Draft {
  /** The account's id when editing one; a new account gets one from its name. */
  id?: string;
  fromFile: boolean;
  name: string;
  roles: Role[];
  kind: 'nia' | 'subject';
  givenName: string;
  familyName: string;
  birthdate: string;
  subject: string;
}
interface Problem {
  field?: Field;
  text: string;
}

const FIELDS: Field[] = ['name', 'roles', 'givenName', 'familyName', 'birthdate', 'subject'];
const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** The first field's element id: roles focus their first checkbox. */
const inputId = (field: Field) => (field === 'roles' ? 'staff-role-admin' : `staff-${field}`);

/** A new account's id: its name without accents, lower-case, dashes between words, free among `taken`. */
export function staffIdOf(name: string, taken: readonly string[]): string {
  const base =
    name
      .normalize('NFD')
      .replace(/\p{Diacritic}/gu, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 56) || 'staff';
  let id = base;
  for (let n = 2; taken.includes(id); n++) id = `${base}-${n}`;
  return id;
}

/**
 * @summary The office's staff accounts (admins only): who may sign in to the
 * office, with which roles, recognised by which identity.
 *
 * @description A section of `<obec-office>` for the `admin` role. The list
 * comes from `GET {api}/office/staff`; an account is created or changed by
 * `PUT {api}/office/staff/:id` and removed by `DELETE {api}/office/staff/:id`
 * after a confirmation. A person is recognised by the given name, family
 * name and date of birth of their NIA identity, or by the subject of the
 * town's identity server. A refusal (`409 last_admin`, `409 subject_taken`,
 * `422` fields) keeps what was typed and lists the problems in an error
 * summary that takes focus.
 *
 * @csspart base - The section.
 * @csspart table - The staff table.
 * @csspart form - The account form.
 * @csspart confirm - The question before removing an account.
 * @csspart error-summary - What kept the account from being saved; takes focus.
 *
 * @cssproperty --obec-color-primary - Buttons.
 * @cssproperty --obec-color-error - Errors.
 */
export class ObecOfficeStaff extends OfficeSection {
  static override styles = [ObecElement.styles, officeStyles, css`
    fieldset {
      border: 1px solid var(--_color-border);
      border-radius: var(--_radius);
      margin: 0 0 var(--_space-s);
      padding: var(--_space-s);
    }
    legend {
      font-weight: 600;
    }
    .choice {
      display: flex;
      gap: var(--_space-xs);
      align-items: center;
      margin-bottom: var(--_space-xs);
    }
    .choice input {
      min-height: auto;
    }
    .actions {
      display: flex;
      flex-wrap: wrap;
      gap: var(--_space-xs);
    }
  `];
  static override catalogs = [...OfficeSection.catalogs, officeStaffMessages];

  @state() private staff: Staff[] = [];
  @state() private load: 'loading' | 'ready' | 'error' = 'loading';
  @state() private loadFailure?: unknown;
  @state() private draft?: Draft;
  @state() private problems: Problem[] = [];
  @state() private failure = '';
  @state() private busy = false;
  @state() private confirming?: Staff;
  @state() private notice = '';
  @state() private noticeIsError = false;


  private t(key: keyof OfficeStaffMessages & string, params?: Params): string {
    return this.msg(officeStaffMessages, key, params);
  }

  protected override loadData(): void {
    void this.loadStaff();
  }

  private async loadStaff(): Promise<void> {
    const api = this.api;
    if (!api) return;
    try {
      this.staff = (await api.get('/office/staff', StaffListSchema)).staff;
      this.load = 'ready';
    } catch (error) {
      this.loadFailure = error;
      this.load = 'error';
    }
  }

  // ---- the form ---------------------------------------------------------------

  private startNew(): void {
    this.draft = { fromFile: false, name: '', roles: [], kind: 'nia', givenName: '', familyName: '', birthdate: '', subject: '' };
    this.startForm();
  }

  private startEdit(member: Staff): void {
    const byIdentity = member.givenName !== undefined || member.familyName !== undefined || member.birthdate !== undefined;
    this.draft = {
      id: member.id,
      fromFile: member.fromFile,
      name: member.name,
      roles: [...member.roles],
      kind: byIdentity || !member.subject ? 'nia' : 'subject',
      givenName: member.givenName ?? '',
      familyName: member.familyName ?? '',
      birthdate: member.birthdate ?? '',
      subject: member.subject ?? '',
    };
    this.startForm();
  }

  private startForm(): void {
    this.problems = [];
    this.failure = '';
    this.notice = '';
    this.confirming = undefined;
    this.focusAfterRender = '#form-title';
  }

  private cancel(): void {
    const id = this.draft?.id;
    this.draft = undefined;
    this.problems = [];
    this.failure = '';
    this.focusAfterRender = id ? `#edit-${CSS.escape(id)}` : '#add';
  }

  private set<K extends keyof Draft>(key: K, value: Draft[K]): void {
    if (this.draft) this.draft = { ...this.draft, [key]: value };
  }

  private toggleRole(role: Role, on: boolean): void {
    if (!this.draft) return;
    const roles = on ? [...this.draft.roles, role] : this.draft.roles.filter((other) => other !== role);
    this.set('roles', ROLES.filter((candidate) => roles.includes(candidate)));
  }

  private input(draft: Draft): StaffInput {
    const base = { name: draft.name.trim(), roles: draft.roles };
    if (draft.kind === 'subject') return { ...base, subject: draft.subject.trim() };
    return { ...base, givenName: draft.givenName.trim(), familyName: draft.familyName.trim(), birthdate: draft.birthdate };
  }

  private localProblems(input: StaffInput): Problem[] {
    const problems: Problem[] = [];
    if (!input.name) problems.push({ field: 'name', text: this.t('error.name') });
    if (input.roles.length === 0) problems.push({ field: 'roles', text: this.t('error.roles') });
    if (input.subject !== undefined) {
      if (!input.subject) problems.push({ field: 'subject', text: this.t('error.subject') });
    } else {
      if (!input.givenName) problems.push({ field: 'givenName', text: this.t('error.givenName') });
      if (!input.familyName) problems.push({ field: 'familyName', text: this.t('error.familyName') });
      if (!DAY.test(input.birthdate ?? '')) problems.push({ field: 'birthdate', text: this.t('error.birthdate') });
    }
    return problems;
  }

  private serverProblems(error: unknown): { problems: Problem[]; failure: string } {
    if (!(error instanceof ApiError)) return { problems: [], failure: this.coreMsg('error.server') };
    if (error.code === 'last_admin') return { problems: [], failure: this.t('lastAdmin') };
    const problems: Problem[] = [];
    for (const field of error.fields) {
      const name = FIELDS.find((candidate) => field.path === candidate || field.path.startsWith(`${candidate}.`));
      if (!name || problems.some((problem) => problem.field === name)) continue;
      const text =
        field.code === 'subject_taken' || error.code === 'subject_taken'
          ? this.t('error.subjectTaken')
          : field.code === 'identity_required' || field.code === 'invalid_date' || this.draft?.[name as keyof Draft] === ''
            ? this.t(`error.${name}`)
            : this.t('error.field');
      problems.push({ field: name, text });
    }
    return { problems, failure: problems.length > 0 ? '' : this.errorMessage(error) };
  }

  private async save(event: Event): Promise<void> {
    event.preventDefault();
    const api = this.api;
    const draft = this.draft;
    if (!api || !draft || this.busy) return;
    const input = this.input(draft);
    const local = this.localProblems(input);
    this.notice = '';
    if (local.length > 0) return this.showProblems(local, '');
    const id = draft.id ?? staffIdOf(input.name, this.staff.map((member) => member.id));
    this.busy = true;
    try {
      const saved = await api.request({ method: 'PUT', path: `/office/staff/${encodeURIComponent(id)}`, body: input, schema: StaffSchema });
      this.staff = this.staff.some((member) => member.id === saved.id) ? this.staff.map((member) => (member.id === saved.id ? saved : member)) : [...this.staff, saved];
      this.draft = undefined;
      this.problems = [];
      this.failure = '';
      this.notice = this.t('saved', { name: saved.name });
      this.noticeIsError = false;
      this.focusAfterRender = '#notice';
    } catch (error) {
      const { problems, failure } = this.serverProblems(error);
      this.showProblems(problems, failure);
    } finally {
      this.busy = false;
    }
  }

  private showProblems(problems: Problem[], failure: string): void {
    this.problems = problems;
    this.failure = failure;
    this.focusAfterRender = '[part="error-summary"]';
  }

  // ---- removing -----------------------------------------------------------------

  private askRemove(member: Staff): void {
    this.confirming = member;
    this.draft = undefined;
    this.notice = '';
    this.focusAfterRender = '#confirm-text';
  }

  private keepAccount(): void {
    const id = this.confirming?.id;
    this.confirming = undefined;
    if (id) this.focusAfterRender = `#remove-${CSS.escape(id)}`;
  }

  private async removeAccount(): Promise<void> {
    const api = this.api;
    const member = this.confirming;
    if (!api || !member || this.busy) return;
    this.busy = true;
    try {
      await api.request({ method: 'DELETE', path: `/office/staff/${encodeURIComponent(member.id)}`, schema: AnythingSchema });
      this.staff = this.staff.filter((other) => other.id !== member.id);
      this.confirming = undefined;
      this.notice = this.t('removed', { name: member.name });
      this.noticeIsError = false;
    } catch (error) {
      this.confirming = undefined;
      this.notice = error instanceof ApiError && error.code === 'last_admin' ? this.t('lastAdmin') : this.t('removeFailed', { reason: this.reason(error) });
      this.noticeIsError = true;
    } finally {
      this.busy = false;
    }
    this.focusAfterRender = '#notice';
  }

  // ---- rendering ------------------------------------------------------------------

  protected override renderWidget(): TemplateResult {
    return html`<div part="base" lang=${this.language}>
      <h3 id="staff-title" tabindex="-1">${this.t('title')}</h3>
      <p class="hint">${this.t('bindingHint')}</p>
      ${this.notice
        ? html`<p id="notice" tabindex="-1" class=${this.noticeIsError ? 'message error' : 'message success'} role=${this.noticeIsError ? 'alert' : 'status'}>${this.notice}</p>`
        : nothing}
      ${this.confirming ? this.renderConfirm(this.confirming) : nothing}
      ${this.draft ? this.renderForm(this.draft) : html`<div class="toolbar"><button type="button" id="add" class="button" @click=${() => this.startNew()}>${this.t('add')}</button></div>`}
      ${this.renderTable()}
    </div>`;
  }

  private identityText(member: Staff): string {
    if (member.givenName || member.familyName || member.birthdate) {
      const name = [member.givenName, member.familyName].filter(Boolean).join(' ');
      return member.birthdate ? this.t('born', { name, date: formatDate(this.language, member.birthdate) }) : name;
    }
    return member.subject ? this.t('subjectOf', { subject: member.subject }) : '';
  }

  private renderTable(): TemplateResult {
    if (this.load === 'loading') return html`<p role="status">${this.t('loading')}</p>`;
    if (this.load === 'error') {
      return this.loadFailed(this.t('loadFailed', { reason: this.reason(this.loadFailure) }), this.t('tryAgain'), () => this.loadStaff());
    }
    return html`<div class="table-wrap">
      <table part="table">
        <caption>${this.t('caption', { count: this.staff.length })}</caption>
        <thead>
          <tr>
            <th scope="col">${this.t('colName')}</th>
            <th scope="col">${this.t('colRoles')}</th>
            <th scope="col">${this.t('colIdentity')}</th>
            <th scope="col">${this.t('colBound')}</th>
            <th scope="col">${this.t('colLastSignIn')}</th>
            <th scope="col">${this.t('colFromFile')}</th>
            <th scope="col">${this.t('colActions')}</th>
          </tr>
        </thead>
        <tbody>
          ${this.staff.map(
            (member) => html`<tr>
              <th scope="row">${member.name}</th>
              <td>${member.roles.map((role) => this.t(`roleShort.${role}`)).join(', ')}</td>
              <td>${this.identityText(member)}</td>
              <td>${member.bound ? this.t('yes') : this.t('no')}</td>
              <td>${member.lastSignInAt ? formatMoment(this.language, member.lastSignInAt, true) : this.t('never')}</td>
              <td>${member.fromFile ? this.t('yes') : this.t('no')}</td>
              <td>
                <div class="actions">
                  <button type="button" class="button secondary small" id=${`edit-${member.id}`} @click=${() => this.startEdit(member)}>${this.t('edit', { name: member.name })}</button>
                  <button type="button" class="button secondary small" id=${`remove-${member.id}`} @click=${() => this.askRemove(member)}>${this.t('remove', { name: member.name })}</button>
                </div>
              </td>
            </tr>`,
          )}
        </tbody>
      </table>
    </div>`;
  }

  private renderConfirm(member: Staff): TemplateResult {
    return html`<div part="confirm" class="message notice" role="group" aria-labelledby="confirm-text">
      <p id="confirm-text" tabindex="-1">${this.t('confirmRemove', { name: member.name })}</p>
      <div class="toolbar">
        <button type="button" class="button" ?disabled=${this.busy} @click=${() => this.removeAccount()}>${this.t('confirm')}</button>
        <button type="button" class="button secondary" @click=${() => this.keepAccount()}>${this.t('cancel')}</button>
      </div>
    </div>`;
  }

  private problemOf(field: Field): Problem | undefined {
    return this.problems.find((problem) => problem.field === field);
  }

  private textField(draft: Draft, field: 'name' | 'givenName' | 'familyName' | 'birthdate' | 'subject', hint?: string): TemplateResult {
    const problem = this.problemOf(field);
    const described = [hint ? `staff-${field}-hint` : '', problem ? `staff-${field}-error` : ''].filter(Boolean).join(' ');
    return html`<div class="field">
      <label for=${`staff-${field}`}>${this.t(field)}</label>
      <input
        id=${`staff-${field}`}
        type=${field === 'birthdate' ? 'date' : 'text'}
        autocomplete="off"
        .value=${draft[field]}
        aria-invalid=${problem ? 'true' : 'false'}
        aria-describedby=${described || nothing}
        @input=${(event: Event) => this.set(field, (event.target as HTMLInputElement).value)}
      />
      ${hint ? html`<span id=${`staff-${field}-hint`} class="hint">${hint}</span>` : nothing}
      ${problem ? html`<span id=${`staff-${field}-error`} class="error-text">${problem.text}</span>` : nothing}
    </div>`;
  }

  private renderForm(draft: Draft): TemplateResult {
    const rolesProblem = this.problemOf('roles');
    return html`<form part="form" @submit=${this.save} novalidate aria-labelledby="form-title">
      <h3 id="form-title" tabindex="-1">${draft.id ? this.t('editTitle', { name: draft.name || draft.id }) : this.t('newTitle')}</h3>
      ${draft.fromFile ? html`<p class="hint">${this.t('fromFileHint')}</p>` : nothing}
      ${this.errorSummary(
        this.t('errorTitle'),
        this.problems.map(({ text, field }) => ({ text, field: field && inputId(field) })),
        { failure: this.failure },
      )}
      ${this.textField(draft, 'name')}
      <fieldset aria-invalid=${rolesProblem ? 'true' : 'false'} aria-describedby=${rolesProblem ? 'staff-roles-error' : nothing}>
        <legend>${this.t('roles')}</legend>
        ${ROLES.map(
          (role) => html`<div class="choice">
            <input type="checkbox" id=${`staff-role-${role}`} .checked=${draft.roles.includes(role)} @change=${(event: Event) => this.toggleRole(role, (event.target as HTMLInputElement).checked)} />
            <label for=${`staff-role-${role}`}>${this.t(`role.${role}`)}</label>
          </div>`,
        )}
        ${rolesProblem ? html`<span id="staff-roles-error" class="error-text">${rolesProblem.text}</span>` : nothing}
      </fieldset>
      <fieldset>
        <legend>${this.t('identityKind')}</legend>
        ${(['nia', 'subject'] as const).map(
          (kind) => html`<div class="choice">
            <input type="radio" name="kind" id=${`staff-kind-${kind}`} .checked=${draft.kind === kind} @change=${() => this.set('kind', kind)} />
            <label for=${`staff-kind-${kind}`}>${this.t(`kind.${kind}`)}</label>
          </div>`,
        )}
      </fieldset>
      ${draft.kind === 'nia'
        ? html`${this.textField(draft, 'givenName')}${this.textField(draft, 'familyName')}${this.textField(draft, 'birthdate')}`
        : this.textField(draft, 'subject', this.t('subjectHint'))}
      <div class="toolbar">
        <button type="submit" class="button" ?disabled=${this.busy}>${this.busy ? this.t('saving') : this.t('save')}</button>
        <button type="button" class="button secondary" @click=${() => this.cancel()}>${this.t('cancel')}</button>
      </div>
    </form>`;
  }
}

defineElement('obec-office-staff', ObecOfficeStaff);

declare global {
  interface HTMLElementTagNameMap {
    'obec-office-staff': ObecOfficeStaff;
  }
}

import { css, html, nothing, type TemplateResult } from 'lit';
import { state } from 'lit/decorators.js';
import * as z from 'zod/mini';
import { ApiError } from '../../../src/api/api-error.js';
import type { SubmissionState } from '../../../src/contract/forms.js';
import { AnyObjectSchema } from '../../../src/contract/loose.js';
import {
  OfficeFormListSchema,
  OfficeSubmissionListSchema,
  OfficeSubmissionSchema,
  StoredDefinitionSchema,
  type OfficeFormList,
  type OfficeSubmission,
} from '../../../src/contract/office-forms.js';
import { defineElement } from '../../../src/define.js';
import { localized, type Field, type FormDefinition, type Upload } from '../../../src/forms/definition.js';
import { formatBytes, formatDate, formatMoney, formatMoment } from '../../../src/i18n/format.js';
import { formatNumber, type Params } from '../../../src/i18n/translator.js';
import { panelStyles } from '../../../src/theme/tokens.js';
import { download, OfficeSection, officeStyles } from '../office-shared.js';
import { officeFormsMessages, type OfficeFormsMessages } from './forms.messages.js';

type FormRow = OfficeFormList['forms'][number];
type View =
  | { kind: 'list' }
  | { kind: 'definition'; id?: string }
  | { kind: 'submissions'; id: string }
  | { kind: 'submission'; id: string; submission: string };
interface Problem {
  path: string;
  text: string;
}

const RawDefinitionSchema = z.object({ definition: AnyObjectSchema });
const STATES: readonly SubmissionState[] = ['received', 'in-progress', 'done', 'rejected'];
const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * @summary The office's forms: definitions edited as JSON and checked before
 * they are stored, each form's submissions with their answers, files and
 * history, state changes with a note, and the exports.
 *
 * @description A section of `<obec-office>` for staff with the `forms` role.
 * The list (`GET {api}/office/forms`) counts each form's submissions by
 * state. A definition loads from `GET {api}/forms/:id`, is edited as JSON in
 * a labelled text area, checked by the shared schema and checks
 * (`src/forms/check.ts`) and stored with `PUT {api}/office/forms/:id`
 * ("version N stored" or "unchanged"); problems are listed by their path in
 * an error summary that takes focus, the text kept as typed.
 *
 * Submissions (`GET {api}/office/forms/:id/submissions`) are a table; one
 * opens with its answers under the definition's labels, the submitter's
 * identity, its files (downloads), its history and a state change with an
 * optional note for the citizen (`PATCH {api}/office/submissions/:id`).
 * `submissions.csv` and `export.zip` download with the staff token.
 *
 * @fires obec-office-form-saved - A definition was stored; `detail`: `{ id, version, changed }`.
 *
 * @csspart base - The section.
 * @csspart list - The table of forms.
 * @csspart definition - The definition editor.
 * @csspart submissions - The table of a form's submissions.
 * @csspart submission - One submission.
 * @csspart error-summary - What keeps the definition from being stored; takes focus.
 * @csspart button - Every button.
 *
 * @cssproperty --obec-color-primary - Buttons and links.
 * @cssproperty --obec-color-error - Problems.
 */
export class ObecOfficeForms extends OfficeSection {
  static override styles = [OfficeSection.styles, panelStyles, officeStyles, css`
    dl {
      display: grid;
      grid-template-columns: minmax(8em, max-content) 1fr;
      gap: var(--_space-xs) var(--_space-m);
      margin: 0 0 var(--_space-m);
    }
    dt {
      font-weight: 600;
    }
    dd {
      margin: 0;
      white-space: pre-line;
    }
    dd dl {
      margin: 0;
    }
    fieldset {
      border: 1px solid var(--_color-border);
      border-radius: var(--_radius);
      padding: var(--_space-s) var(--_space-m);
    }
    legend {
      font-weight: 600;
    }
  `];
  static override catalogs = [...OfficeSection.catalogs, officeFormsMessages];

  @state() private view: View = { kind: 'list' };
  @state() private forms?: FormRow[];
  @state() private listProblem = '';
  @state() private jsonText = '';
  @state() private loadingDefinition = false;
  @state() private definitionProblem = '';
  @state() private problems: Problem[] = [];
  @state() private failure = '';
  @state() private outcome = '';
  @state() private busy = false;
  @state() private submissions?: OfficeSubmission[];
  @state() private definition?: FormDefinition;
  @state() private submissionsProblem = '';
  @state() private newState: SubmissionState = 'received';
  @state() private note = '';
  @state() private stateProblem = '';

  private t(key: keyof OfficeFormsMessages & string, params?: Params): string {
    return this.msg(officeFormsMessages, key, params);
  }

  private formTitle(id: string): string {
    const form = this.forms?.find((candidate) => candidate.id === id);
    return form ? localized(form.title, this.language) : this.definition ? localized(this.definition.title, this.language) : id;
  }

  protected override loadData(): void {
    void this.loadList();
  }

  // ---- the list -----------------------------------------------------------------

  private async loadList(): Promise<void> {
    const api = this.api;
    if (!api) return;
    this.listProblem = '';
    try {
      this.forms = (await api.get('/office/forms', OfficeFormListSchema)).forms;
    } catch (error) {
      this.listProblem = this.t('loadFailed', { reason: this.reason(error) });
    }
  }

  private backToList(focus?: string): void {
    this.view = { kind: 'list' };
    this.focusAfterRender = focus ?? '#new-form';
    void this.loadList();
  }

  // ---- definitions ----------------------------------------------------------------

  private template(): string {
    const definition = {
      id: 'novy-formular',
      title: this.t('templateTitle'),
      steps: [
        {
          id: 'udaje',
          title: this.t('templateStep'),
          fields: [
            { id: 'name', type: 'text', label: this.t('templateName'), required: true, prefill: 'name' },
            { id: 'email', type: 'email', label: this.t('templateEmail'), required: true, prefill: 'email' },
            { id: 'message', type: 'textarea', label: this.t('templateMessage'), maxLength: 2000 },
          ],
        },
      ],
    };
    return JSON.stringify(definition, null, 2);
  }

  private async openDefinition(id?: string): Promise<void> {
    this.view = { kind: 'definition', id };
    this.problems = [];
    this.failure = '';
    this.outcome = '';
    this.definitionProblem = '';
    this.focusAfterRender = '#definition-title';
    if (!id) {
      this.jsonText = this.template();
      return;
    }
    this.jsonText = '';
    this.loadingDefinition = true;
    try {
      // the document as stored, its properties in their order (the typed schema would reorder them)
      const { definition } = await this.api!.get(`/forms/${encodeURIComponent(id)}`, RawDefinitionSchema);
      const document: Record<string, unknown> = { ...definition };
      // the server sets the version; a stored document has none
      delete document.version;
      this.jsonText = JSON.stringify(document, null, 2);
    } catch (error) {
      this.definitionProblem = this.t('loadFailed', { reason: this.reason(error) });
    } finally {
      this.loadingDefinition = false;
    }
  }

  /** The definition in the text area, checked as the server checks it: the parsed JSON, or the problems. */
  private checked(): { json?: Record<string, unknown>; problems: Problem[] } {
    let json: unknown;
    try {
      json = JSON.parse(this.jsonText);
    } catch (error) {
      return { problems: [{ path: '', text: this.t('jsonInvalid', { reason: (error as Error).message }) }] };
    }
    // the definition's rules are the server's to check (422 invalid_definition with a path per problem, shown the
    // same way): checking them here would bring zod's unions into the shared chunk every page of the site loads
    if (!isRecord(json)) return { problems: [{ path: '', text: this.t('jsonInvalid', { reason: 'not an object' }) }] };
    return { json, problems: [] };
  }

  private problemText(error: { path: string; code: string; message?: string }): Problem {
    const message = error.message ?? error.code;
    return { path: error.path, text: error.path ? this.t('problemAt', { path: error.path, message }) : message };
  }

  private showProblems(problems: Problem[], failure = ''): void {
    this.problems = problems;
    this.failure = failure;
    this.outcome = '';
    this.focusAfterRender = '[part="error-summary"]';
  }

  private check(): void {
    const { problems } = this.checked();
    if (problems.length > 0) return this.showProblems(problems);
    this.problems = [];
    this.failure = '';
    this.outcome = this.t('checkedOk');
    this.focusAfterRender = '#definition-outcome';
  }

  private async saveDefinition(event: Event): Promise<void> {
    event.preventDefault();
    const api = this.api;
    if (!api || this.busy) return;
    const { json, problems } = this.checked();
    if (!json) return this.showProblems(problems);
    const id = String(json.id);
    this.busy = true;
    try {
      const stored = await api.request({ method: 'PUT', path: `/office/forms/${encodeURIComponent(id)}`, body: json, schema: StoredDefinitionSchema });
      this.problems = [];
      this.failure = '';
      this.outcome = this.t(stored.changed ? 'storedVersion' : 'unchanged', { version: stored.version });
      this.view = { kind: 'definition', id: stored.id };
      this.focusAfterRender = '#definition-outcome';
      this.dispatchEvent(new CustomEvent('obec-office-form-saved', { detail: stored, bubbles: true, composed: true }));
      void this.loadList();
    } catch (error) {
      if (error instanceof ApiError && error.code === 'invalid_definition' && error.fields.length > 0) this.showProblems(error.fields.map((field) => this.problemText(field)));
      else this.showProblems([], this.t('saveFailed', { reason: this.reason(error) }));
    } finally {
      this.busy = false;
    }
  }

  // ---- submissions ----------------------------------------------------------------

  private async openSubmissions(id: string, focus = '#submissions-title'): Promise<void> {
    const api = this.api;
    if (!api) return;
    this.view = { kind: 'submissions', id };
    this.focusAfterRender = focus;
    this.submissionsProblem = '';
    if (this.definition?.id !== id) this.definition = undefined;
    this.submissions = undefined;
    const [list, form] = await Promise.allSettled([
      api.get(`/office/forms/${encodeURIComponent(id)}/submissions`, OfficeSubmissionListSchema),
      this.definition ? Promise.resolve({ definition: this.definition }) : api.get(`/forms/${encodeURIComponent(id)}`, RawDefinitionSchema as unknown as z.ZodMiniType<{ definition: FormDefinition }>),
    ]);
    // without the definition the answers show under their field ids
    if (form.status === 'fulfilled') this.definition = form.value.definition;
    if (list.status === 'fulfilled') this.submissions = list.value.submissions;
    else this.submissionsProblem = this.t('loadFailed', { reason: this.reason(list.reason) });
  }

  private openSubmission(submission: OfficeSubmission): void {
    this.view = { kind: 'submission', id: submission.formId, submission: submission.id };
    this.newState = submission.state;
    this.note = '';
    this.stateProblem = '';
    this.focusAfterRender = '#submission-title';
  }

  private async changeState(event: Event, submission: OfficeSubmission): Promise<void> {
    event.preventDefault();
    const api = this.api;
    if (!api || this.busy) return;
    this.busy = true;
    this.stateProblem = '';
    const note = this.note.trim();
    try {
      const changed = await api.request({
        method: 'PATCH',
        path: `/office/submissions/${encodeURIComponent(submission.id)}`,
        body: { state: this.newState, ...(note ? { note } : {}) },
        schema: OfficeSubmissionSchema,
      });
      this.submissions = this.submissions?.map((other) => (other.id === changed.id ? changed : other));
      this.note = '';
      this.announce(this.t('stateChanged', { state: this.t(`state.${changed.state}`) }));
    } catch (error) {
      this.stateProblem = this.t('stateFailed', { reason: this.reason(error) });
      this.focusAfterRender = '#state-problem';
    } finally {
      this.busy = false;
    }
  }

  private async download(path: string, fallback: string): Promise<void> {
    const api = this.api;
    if (!api) return;
    try {
      const name = await download(api, path, fallback);
      this.announce(this.t('downloaded', { name }));
    } catch (error) {
      this.announce(this.t('downloadFailed', { reason: this.reason(error) }));
    }
  }

  // ---- rendering ----------------------------------------------------------------

  protected override renderWidget(): TemplateResult {
    const view = this.view;
    let content: TemplateResult;
    if (view.kind === 'definition') content = this.renderDefinition(view.id);
    else if (view.kind === 'submissions') content = this.renderSubmissions(view.id);
    else if (view.kind === 'submission') content = this.renderSubmission(view.id, view.submission);
    else content = this.renderList();
    return html`<section part="base" lang=${this.language} aria-labelledby="forms-title">
      <h3 id="forms-title" class=${view.kind === 'list' ? '' : 'visually-hidden'}>${this.t('title')}</h3>
      ${content}
      <p class="visually-hidden" aria-live="polite">${this.announcement}</p>
    </section>`;
  }

  private renderList(): TemplateResult {
    if (this.listProblem) {
      return this.loadFailed(this.listProblem, this.t('tryAgain'), () => this.loadList());
    }
    const forms = this.forms;
    return html`<div class="toolbar">
        <button part="button" id="new-form" class="button" @click=${() => this.openDefinition()}>${this.t('newForm')}</button>
      </div>
      ${!forms
        ? html`<p role="status">${this.t('loading')}</p>`
        : forms.length === 0
          ? html`<p>${this.t('empty')}</p>`
          : html`<div class="table-wrap">
              <table part="list">
                <caption>${this.t('listCaption')}</caption>
                <thead>
                  <tr>
                    <th scope="col">${this.t('colForm')}</th>
                    <th scope="col" class="number">${this.t('colVersion')}</th>
                    ${STATES.map((name) => html`<th scope="col" class="number">${this.t(`state.${name}`)}</th>`)}
                    <th scope="col">${this.t('colActions')}</th>
                  </tr>
                </thead>
                <tbody>
                  ${forms.map((form) => {
                    const title = localized(form.title, this.language);
                    return html`<tr>
                      <th scope="row">${title}</th>
                      <td class="number">${form.version}</td>
                      ${STATES.map((name) => html`<td class="number">${formatNumber(this.language, form.submissions[name] ?? 0)}</td>`)}
                      <td>
                        <div class="toolbar">
                          <button part="button" class="button secondary small" data-submissions=${form.id} @click=${() => this.openSubmissions(form.id)}>
                            ${this.t('showSubmissions', { form: title })}
                          </button>
                          <button part="button" class="button secondary small" data-definition=${form.id} @click=${() => this.openDefinition(form.id)}>
                            ${this.t('editDefinition', { form: title })}
                          </button>
                        </div>
                      </td>
                    </tr>`;
                  })}
                </tbody>
              </table>
            </div>`}`;
  }


  private renderDefinition(id: string | undefined): TemplateResult {
    const invalid = this.problems.length > 0;
    return html`<p><button part="button" class="link-button" @click=${() => this.backToList(id ? `[data-definition="${CSS.escape(id)}"]` : undefined)}>${this.t('back')}</button></p>
      <form part="definition" novalidate @submit=${this.saveDefinition}>
        <h3 id="definition-title" tabindex="-1">${id ? this.t('definitionTitle', { form: this.formTitle(id) }) : this.t('newTitle')}</h3>
        ${this.errorSummary(this.t('errorSummary'), this.problems.map(({ text }) => ({ text, field: 'definition-json' })), { failure: this.failure })}
        ${this.outcome ? html`<p id="definition-outcome" class="message success" tabindex="-1" role="status">${this.outcome}</p>` : nothing}
        ${this.definitionProblem ? html`<p class="message error" role="alert">${this.definitionProblem}</p>` : nothing}
        ${this.loadingDefinition
          ? html`<p role="status">${this.t('loading')}</p>`
          : html`<div class="field">
              <label for="definition-json">${this.t('json')}</label>
              <p id="definition-hint" class="hint">${this.t('definitionHint')} ${id ? '' : this.t('newHint')}</p>
              <textarea
                id="definition-json"
                rows="24"
                spellcheck="false"
                aria-describedby=${invalid ? 'definition-hint error-summary-title' : 'definition-hint'}
                aria-invalid=${invalid ? 'true' : 'false'}
                .value=${this.jsonText}
                @input=${(event: Event) => {
                  this.jsonText = (event.target as HTMLTextAreaElement).value;
                  this.outcome = '';
                }}
              ></textarea>
            </div>
            <div class="toolbar">
              <button part="button" type="button" class="button secondary" @click=${() => this.check()}>${this.t('check')}</button>
              <button part="button" type="submit" class="button" aria-disabled=${this.busy ? 'true' : 'false'}>${this.busy ? this.t('saving') : this.t('save')}</button>
            </div>`}
      </form>`;
  }

  private renderSubmissions(id: string): TemplateResult {
    const submissions = this.submissions;
    return html`<p><button part="button" class="link-button" @click=${() => this.backToList(`[data-submissions="${CSS.escape(id)}"]`)}>${this.t('back')}</button></p>
      <h3 id="submissions-title" tabindex="-1">${this.t('submissionsTitle', { form: this.formTitle(id) })}</h3>
      <div class="toolbar">
        <button part="button" class="button secondary" @click=${() => this.download(`/office/forms/${encodeURIComponent(id)}/submissions.csv`, `${id}.csv`)}>${this.t('exportCsv')}</button>
        <button part="button" class="button secondary" @click=${() => this.download(`/office/forms/${encodeURIComponent(id)}/export.zip`, `${id}.zip`)}>${this.t('exportZip')}</button>
      </div>
      ${this.submissionsProblem
        ? this.loadFailed(this.submissionsProblem, this.t('tryAgain'), () => this.openSubmissions(id))
        : !submissions
          ? html`<p role="status">${this.t('loading')}</p>`
          : submissions.length === 0
            ? html`<p>${this.t('noSubmissions')}</p>`
            : html`<div class="table-wrap">
                <table part="submissions">
                  <caption>${this.t('submissionsCaption')}</caption>
                  <thead>
                    <tr>
                      <th scope="col">${this.t('colReference')}</th>
                      <th scope="col">${this.t('colSubmitted')}</th>
                      <th scope="col">${this.t('colState')}</th>
                      <th scope="col">${this.t('colName')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    ${submissions.map(
                      (submission) => html`<tr>
                        <th scope="row">
                          <button part="button" class="link-button" data-submission=${submission.id} @click=${() => this.openSubmission(submission)}>${submission.reference}</button>
                        </th>
                        <td>${formatMoment(this.language, submission.submittedAt, true)}</td>
                        <td><span class="badge">${this.t(`state.${submission.state}`)}</span></td>
                        <td>${this.nameOf(submission) || html`<span class="hint">${this.t('anonymous')}</span>`}</td>
                      </tr>`,
                    )}
                  </tbody>
                </table>
              </div>`}`;
  }

  private nameOf(submission: OfficeSubmission): string {
    const identity = submission.identity;
    if (!identity) return '';
    return identity.name ?? [identity.given_name, identity.family_name].filter(Boolean).join(' ');
  }

  private renderSubmission(formId: string, submissionId: string): TemplateResult {
    const submission = this.submissions?.find((candidate) => candidate.id === submissionId);
    const back = html`<p>
      <button part="button" class="link-button" @click=${() => this.openSubmissions(formId, `[data-submission="${CSS.escape(submissionId)}"]`)}>${this.t('backToSubmissions')}</button>
    </p>`;
    if (!submission) return back;
    const identity = submission.identity;
    return html`${back}
      <article part="submission" aria-labelledby="submission-title">
        <h3 id="submission-title" tabindex="-1">${this.t('submissionTitle', { reference: submission.reference })}</h3>
        <p>
          <span class="badge">${this.t('stateIs', { state: this.t(`state.${submission.state}`) })}</span>
          ${this.t('submittedAt', { at: formatMoment(this.language, submission.submittedAt, true), version: submission.formVersion })}
        </p>

        <h4>${this.t('who')}</h4>
        ${identity
          ? html`<dl>
              ${this.entry(this.t('identityName'), this.nameOf(submission))}
              ${identity.birthdate ? this.entry(this.t('identityBirthdate'), formatDate(this.language, identity.birthdate)) : nothing}
              ${identity.email ? this.entry(this.t('identityEmail'), identity.email) : nothing}
              ${identity.address ? this.entry(this.t('identityAddress'), identity.address) : nothing}
              ${this.entry(this.t('identityLoa'), identity.loa)}
            </dl>`
          : html`<p>${this.t('notSignedIn')}</p>`}

        <h4>${this.t('answers')}</h4>
        ${this.renderAnswers(submission.answers)}

        ${submission.files.length > 0
          ? html`<h4>${this.t('files')}</h4>
              <ul>
                ${submission.files.map(
                  (file) => html`<li>
                    <button
                      part="button"
                      class="link-button"
                      @click=${() => this.download(`/office/submissions/${encodeURIComponent(submission.id)}/files/${encodeURIComponent(file.id)}`, file.name)}
                    >
                      ${this.t('downloadFile', { name: file.name, size: formatBytes(this.language, file.size) })}
                    </button>
                  </li>`,
                )}
              </ul>`
          : nothing}

        <h4>${this.t('history')}</h4>
        <ol>
          ${submission.history.map(
            (entry) => html`<li>
              ${this.t('historyEntry', {
                at: formatMoment(this.language, entry.at, true),
                state: this.t(`state.${entry.state}`),
                actor: Object.hasOwn(officeFormsMessages.cs, `actor.${entry.actor}`) ? this.t(`actor.${entry.actor}` as keyof OfficeFormsMessages) : entry.actor,
              })}
              ${entry.note ? html`<br />„${entry.note}“` : nothing}
            </li>`,
          )}
        </ol>

        <form novalidate @submit=${(event: Event) => this.changeState(event, submission)}>
          <fieldset>
            <legend>${this.t('changeState')}</legend>
            ${this.stateProblem ? html`<p id="state-problem" class="message error" tabindex="-1" role="alert">${this.stateProblem}</p>` : nothing}
            <div class="field">
              <label for="new-state">${this.t('newState')}</label>
              <select id="new-state" @change=${(event: Event) => (this.newState = (event.target as HTMLSelectElement).value as SubmissionState)}>
                ${STATES.map((name) => html`<option value=${name} ?selected=${name === this.newState}>${this.t(`state.${name}`)}</option>`)}
              </select>
            </div>
            <div class="field">
              <label for="state-note">${this.t('note')}</label>
              <p id="state-note-hint" class="hint">${this.t('noteHint')}</p>
              <textarea id="state-note" rows="3" maxlength="2000" aria-describedby="state-note-hint" .value=${this.note} @input=${(event: Event) => (this.note = (event.target as HTMLTextAreaElement).value)}></textarea>
            </div>
            <button part="button" type="submit" class="button" aria-disabled=${this.busy ? 'true' : 'false'}>${this.t('saveState')}</button>
          </fieldset>
        </form>
      </article>`;
  }

  private entry(label: string, value: unknown): TemplateResult {
    return html`<dt>${label}</dt>
      <dd>${value}</dd>`;
  }

  /** The answers under the definition's labels, in its order; answers of fields it no longer has under their ids. */
  private renderAnswers(answers: Record<string, unknown>): TemplateResult {
    const fields = this.definition?.steps.flatMap((step) => step.fields) ?? [];
    const known = new Set(fields.map((field) => field.id));
    return html`<dl>
      ${fields.map((field) => (field.type === 'info' || answers[field.id] === undefined ? nothing : this.entry(localized(field.label, this.language), this.answerText(field, answers[field.id]))))}
      ${Object.entries(answers)
        .filter(([id]) => !known.has(id))
        .map(([id, value]) => this.entry(id, this.answerText(undefined, value)))}
    </dl>`;
  }

  private answerText(field: Field | undefined, value: unknown): unknown {
    const lang = this.language;
    if (field?.type === 'group' && Array.isArray(value)) {
      const itemLabel = localized(field.itemLabel, lang);
      return html`<ol>
        ${value.map(
          (item, index) => html`<li>
            <span class="visually-hidden">${this.t('item', { label: itemLabel, number: index + 1 })}</span>
            <dl>
              ${field.fields.map((inner) =>
                inner.type === 'info' || !isRecord(item) || item[inner.id] === undefined ? nothing : this.entry(localized(inner.label, lang), this.answerText(inner, item[inner.id])),
              )}
            </dl>
          </li>`,
        )}
      </ol>`;
    }
    if (typeof value === 'boolean') return this.t(value ? 'value.yes' : 'value.no');
    if (field?.type === 'choice') {
      const label = (choice: unknown) => localized(field.options.find((option) => option.value === choice)?.label ?? String(choice), lang);
      return Array.isArray(value) ? value.map(label).join(', ') : label(value);
    }
    if (field?.type === 'money' && typeof value === 'number') return formatMoney(lang, value);
    if (field?.type === 'date' && typeof value === 'string') return formatDate(lang, value);
    if (field?.type === 'file' && Array.isArray(value)) return (value as Upload[]).map((file) => file.name).join(', ');
    if (isRecord(value) && 'street' in value) return `${String(value.street)}, ${String(value.postcode ?? '')} ${String(value.city ?? '')}`;
    if (typeof value === 'number') return formatNumber(lang, value);
    if (Array.isArray(value)) return value.map((item) => (isRecord(item) ? JSON.stringify(item) : String(item))).join(', ');
    return isRecord(value) ? JSON.stringify(value) : String(value);
  }
}

defineElement('obec-office-forms', ObecOfficeForms);

declare global {
  interface HTMLElementTagNameMap {
    'obec-office-forms': ObecOfficeForms;
  }
}

import { Task } from '@lit/task';
import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import { ApiError } from '../../src/api/api-error.js';
import { ObecElement } from '../../src/base/obec-element.js';
import type { SettingName } from '../../src/config/config-schema.js';
import { DraftSchema, FormResponseShapeSchema, SubmissionListSchema, SubmissionSchema, type Submission } from '../../src/contract/forms.js';
import { MeSchema, type Me } from '../../src/contract/me.js';
import { localized, type Answers, type Field, type FormDefinition, type GroupField, type InputField, type Step, type Upload, type Value } from '../../src/forms/definition.js';
import { errorText, formMessages } from '../../src/forms/form-messages.js';
import { prefillAnswers } from '../../src/forms/prefill.js';
import { groupTotal, isEmpty, isVisible, validateAnswers, validateStep, visibleAnswers, visibleSteps, todayInPrague, type FormError } from '../../src/forms/validate.js';
import { formatDate, formatMoment, formatMoney } from '../../src/i18n/format.js';
import { formatNumber } from '../../src/i18n/translator.js';
import { panelStyles } from '../../src/theme/tokens.js';
import { answerAt, elementId, knownAnswers, locate, withAnswer } from './answers.js';
import { DraftStorage, fingerprint, REVIEW, type LocalDraft } from './drafts.js';
import { formWidgetMessages, type FormMessages } from './obec-form.messages.js';
import { formStyles } from './obec-form.styles.js';
import { uploadFile } from './upload.js';

type Params = Record<string, string | number>;
type View = { kind: 'step'; id: string } | { kind: 'review' } | { kind: 'done'; submission: Submission };

/** How long after the last change a signed-in citizen's draft is saved on the server. */
const SERVER_SAVE_DELAY_MS = 800;

/** A field element of `./fields/`, as the widget drives it. */
interface FieldElement extends HTMLElement {
  value: unknown;
  focusControl?(part?: string): void;
}

/**
 * @summary A town form (a grant application, a dog registration): filled in
 * one step at a time, checked, sent, and confirmed with a reference number.
 *
 * @description The form's definition comes from the backend
 * (`GET {api}/forms/{form-id}`). Long forms go one step at a time with a
 * progress line; steps and fields may depend on earlier answers. "Continue"
 * checks the step: an error summary takes focus and links to each field,
 * which shows the same words inline. A "check your answers" page with change
 * links comes before sending, and a confirmation with the reference number
 * after.
 *
 * Every change is saved in the browser at once; signed in, also in the
 * citizen's account, so a form started on a phone continues on a laptop. A
 * signed-in citizen finds their name, birth date, address and e-mail filled
 * in from their identity, and sees their earlier submissions of the form and
 * their state. Sending is idempotent: a lost connection keeps everything and
 * "Send" again can never create a second submission.
 *
 * Needs `api` on `<obec-portal>`; sign-in (`<obec-login>`) is optional unless
 * the form requires it.
 *
 * @fires obec-form-submitted - The form was sent; `detail` is the submission (`reference`, `id`, `formId`).
 *
 * @csspart base - The widget.
 * @csspart progress - The "step 2 of 4" line and its bar.
 * @csspart error-summary - The list of errors shown after "Continue".
 * @csspart step - The current step's form.
 * @csspart review - The check-your-answers page.
 * @csspart confirmation - The confirmation with the reference number.
 * @csspart submissions - The signed-in citizen's earlier submissions of the form.
 * @csspart button - Every button.
 * @csspart config-error - Shown instead of the widget when `api` is missing or wrong.
 *
 * @cssproperty --obec-color-primary - Buttons and links (default gov.cz blue `#2362a2`).
 * @cssproperty --obec-color-error - The error summary and inline errors.
 * @cssproperty --obec-color-success - The confirmation.
 * @cssstate dark - The dark theme is in effect.
 */
export class ObecForm extends ObecElement {
  static override styles = [ObecElement.styles, panelStyles, formStyles];
  static override requiredSettings: readonly SettingName[] = ['api'];
  static override catalogs = [...ObecElement.catalogs, formWidgetMessages, formMessages];

  /** The form's id at the backend, e.g. `grant-2027`. */
  @property({ attribute: 'form-id' }) formId = '';

  @state() private definition?: FormDefinition;
  @state() private answers: Answers = {};
  @state() private view?: View;
  /** Errors of the step on screen, shown after "Continue". */
  @state() private errors: FormError[] = [];
  /** After "Change" on the review page, "Continue" goes back there. */
  @state() private returnToReview = false;
  @state() private resumedAt?: string;
  @state() private prefilled = false;
  @state() private submitting = false;
  @state() private submitProblem?: string;
  @state() private announcement = '';
  @state() private submittedCount = 0;

  private me?: Me;
  private drafts?: DraftStorage;
  private submitKey?: LocalDraft['submit'];
  private serverSaveTimer?: ReturnType<typeof setTimeout>;
  private loadedFor = '';
  private syncedFor = '';
  private focusAfterRender?: () => void;
  private visibility?: { definition?: FormDefinition; answers: Answers; today: string; shown: Answers; steps: Step[] };

  private readonly form = new Task(this, {
    task: async ([api, formId], { signal }) => {
      if (!api || !formId) return undefined;
      return (await api.get(`/forms/${encodeURIComponent(formId)}`, FormResponseShapeSchema, { signal })).definition;
    },
    args: () => [this.runtime?.api, this.formId] as const,
  });

  private readonly submissions = new Task(this, {
    task: async ([api, signedIn, formId], { signal }) => {
      if (!api || !signedIn || !formId) return undefined;
      return (await api.get('/submissions', SubmissionListSchema, { signal, query: { form: formId } })).submissions;
    },
    args: () => [this.runtime?.api, this.signedIn, this.formId, this.submittedCount] as const,
  });

  private t(key: keyof FormMessages, params?: Params): string {
    return this.msg(formWidgetMessages, key, params);
  }

  private get signedIn(): boolean {
    return this.runtime?.session?.state.status === 'signed-in';
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.flushServerSave();
  }

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    const definition = this.form.value;
    const key = definition ? `${this.runtime?.config.api}|${definition.id}|${definition.version}` : '';
    if (definition && key !== this.loadedFor) {
      this.loadedFor = key;
      this.start(definition);
    }
    // signed in (now, or in another tab): the account's draft and identity; signed out: the citizen's draft leaves this browser
    const citizenKey = this.signedIn && this.definition ? key : '';
    if (citizenKey !== this.syncedFor) {
      const wasSignedIn = this.syncedFor !== '';
      this.syncedFor = citizenKey;
      if (citizenKey) void this.syncWithAccount();
      else if (wasSignedIn) this.forgetCitizen();
    }
  }

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    const focus = this.focusAfterRender;
    this.focusAfterRender = undefined;
    focus?.();
  }

  // ---- drafts -------------------------------------------------------------

  private start(definition: FormDefinition): void {
    this.definition = definition;
    this.drafts = new DraftStorage(`obec-form:${this.runtime?.config.api ?? ''}:${definition.id}`);
    const draft = this.drafts.read();
    this.answers = draft?.answers ?? {};
    this.submitKey = draft?.submit;
    this.resumedAt = draft && Object.keys(draft.answers).length > 0 ? draft.updatedAt : undefined;
    this.view = this.viewFor(draft?.step);
    this.errors = [];
  }

  /** The view a saved step name stands for, if that step is still there and shown. */
  private viewFor(step: string | undefined): View {
    const steps = this.steps();
    if (step === REVIEW) return { kind: 'review' };
    const saved = steps.find((candidate) => candidate.id === step);
    return { kind: 'step', id: (saved ?? steps[0]!).id };
  }

  private async syncWithAccount(): Promise<void> {
    const api = this.runtime?.api;
    const definition = this.definition;
    if (!api || !definition) return;
    try {
      const me = await api.get('/me', MeSchema);
      this.me = me;
      const local = this.drafts?.read();
      // a draft another citizen left in this browser is not theirs
      if (local?.owner && local.owner !== me.subject) this.resetAnswers();
      const server = await api.get(`/forms/${encodeURIComponent(definition.id)}/draft`, DraftSchema).catch((error: unknown) => {
        if (error instanceof ApiError && error.kind === 'not-found') return undefined;
        throw error;
      });
      const localUpdated = this.drafts?.read()?.updatedAt ?? '';
      if (server && server.updatedAt > localUpdated) {
        this.answers = server.answers;
        this.resumedAt = server.updatedAt;
        if (this.view?.kind !== 'done') this.view = this.viewFor(server.step);
      }
      const filled = prefillAnswers(definition, me, this.answers);
      if (fingerprint(filled) !== fingerprint(this.answers)) {
        this.answers = filled;
        this.prefilled = true;
      }
      this.saveDraft(false);
      if (this.view?.kind !== 'done' && Object.keys(this.answers).length > 0) this.scheduleServerSave();
    } catch (error) {
      // The local draft keeps working; the account copy waits for the next change.
      console.warn('obec-form: the draft in the citizen\u2019s account could not be read', error);
    }
  }

  private forgetCitizen(): void {
    if (this.drafts?.read()?.owner) this.resetAnswers();
    this.me = undefined;
    this.prefilled = false;
  }

  private resetAnswers(): void {
    this.drafts?.clear();
    this.answers = {};
    this.submitKey = undefined;
    this.resumedAt = undefined;
    this.errors = [];
    this.view = this.viewFor(undefined);
  }

  private currentStepName(): string | undefined {
    if (this.view?.kind === 'review') return REVIEW;
    return this.view?.kind === 'step' ? this.view.id : undefined;
  }

  /** Saves the answers in this browser at once and, signed in, in the account shortly after. */
  private saveDraft(toServer = true): void {
    if (!this.definition || this.view?.kind === 'done') return;
    this.drafts?.write({
      version: this.definition.version ?? 0,
      answers: this.answers,
      step: this.currentStepName(),
      updatedAt: new Date().toISOString(),
      owner: this.me?.subject,
      submit: this.submitKey,
    });
    if (toServer) this.scheduleServerSave();
  }

  private scheduleServerSave(): void {
    if (!this.signedIn || !this.me) return;
    clearTimeout(this.serverSaveTimer);
    this.serverSaveTimer = setTimeout(() => this.flushServerSave(), SERVER_SAVE_DELAY_MS);
  }

  private flushServerSave(): void {
    if (this.serverSaveTimer === undefined) return;
    clearTimeout(this.serverSaveTimer);
    this.serverSaveTimer = undefined;
    const draft = this.drafts?.read();
    const api = this.runtime?.api;
    if (!draft || !api || !this.definition || !this.signedIn) return;
    const body = { version: draft.version, answers: draft.answers, step: draft.step, updatedAt: draft.updatedAt };
    api
      .request({ method: 'PUT', path: `/forms/${encodeURIComponent(this.definition.id)}/draft`, body, schema: DraftSchema })
      .catch((error: unknown) => console.warn('obec-form: the draft could not be saved in the citizen\u2019s account', error));
  }

  // ---- answers and steps --------------------------------------------------

  /**
   * What the conditions show for the current answers, worked out once per
   * change of the answers (they are replaced, never mutated) rather than once
   * per field rendered.
   */
  private visible(): { shown: Answers; steps: Step[] } {
    const today = todayInPrague();
    const cached = this.visibility;
    if (cached && cached.definition === this.definition && cached.answers === this.answers && cached.today === today) return cached;
    const definition = this.definition;
    const result = {
      definition,
      answers: this.answers,
      today,
      // a hidden field's leftover answer shows nothing else
      shown: definition ? visibleAnswers(definition, this.answers, today) : this.answers,
      steps: definition ? visibleSteps(definition, this.answers, today) : [],
    };
    this.visibility = result;
    return result;
  }

  /** The answers of the fields shown. */
  private shown(): Answers {
    return this.visible().shown;
  }

  /** The steps shown. */
  private steps(): Step[] {
    return this.visible().steps;
  }

  private onFieldInput(path: string, event: Event): void {
    const value = (event.currentTarget as FieldElement).value as Value | undefined;
    this.setAnswer(path, value);
  }

  private setAnswer(path: string, value: Value | undefined): void {
    this.answers = withAnswer(this.answers, path, value);
    this.saveDraft();
    // errors on screen follow the corrections, without new ones appearing while typing
    if (this.errors.length > 0 && this.definition && this.view?.kind === 'step') {
      const step = this.definition.steps.find((candidate) => candidate.id === (this.view as { id: string }).id)!;
      const now = new Set(validateStep(this.definition, step, this.answers, { today: todayInPrague() }).map((error) => `${error.path}|${error.code}`));
      const remaining = this.errors.filter((error) => now.has(`${error.path}|${error.code}`));
      if (remaining.length !== this.errors.length) this.errors = remaining;
    }
  }

  private goTo(view: View, focus: 'heading' | { path: string } = 'heading'): void {
    this.view = view;
    this.errors = [];
    this.submitProblem = undefined;
    this.saveDraft();
    this.flushServerSave();
    this.focusAfterRender = () => {
      if (focus === 'heading') this.renderRoot.querySelector<HTMLElement>('[data-heading]')?.focus();
      else void this.focusField(focus.path);
    };
  }

  /** Focuses a field's control; a field just rendered gets it once it has rendered its own controls. */
  private async focusField(path: string): Promise<void> {
    const [id, second] = path.split('.');
    const direct = this.renderRoot.querySelector<FieldElement>(`#${elementId(path)}`);
    // an address part (`address.postcode`) or a group's own error (`budget`) is reached through its field
    const target = direct ?? this.renderRoot.querySelector<FieldElement>(`#${elementId(id!)}`);
    if (!target) return;
    await (target as FieldElement & { updateComplete?: Promise<unknown> }).updateComplete;
    if (target.focusControl) target.focusControl(direct ? undefined : second);
    else target.focus();
  }

  private continue(event: Event): void {
    event.preventDefault();
    const definition = this.definition!;
    const current = this.view as { kind: 'step'; id: string };
    const step = definition.steps.find((candidate) => candidate.id === current.id)!;
    // a file still uploading says so itself ("wait until the files are uploaded")
    const uploading = [...this.renderRoot.querySelectorAll<HTMLElement & { validity: ValidityState; reportValidity(): boolean }>('obec-file-field')].find(
      (field) => field.validity.customError,
    );
    if (uploading) return void uploading.reportValidity();
    const errors = validateStep(definition, step, this.answers, { today: todayInPrague() });
    if (errors.length > 0) {
      this.errors = errors;
      this.focusAfterRender = () => this.renderRoot.querySelector<HTMLElement>('[part="error-summary"]')?.focus();
      return;
    }
    const steps = this.steps();
    if (this.returnToReview) {
      // after a change, on to the first step that needs answers, else back to the review
      const unfinished = steps.find((candidate) => validateStep(definition, candidate, this.answers, { today: todayInPrague() }).length > 0);
      if (unfinished) return this.goTo({ kind: 'step', id: unfinished.id });
      this.returnToReview = false;
      return this.goTo({ kind: 'review' });
    }
    const next = steps[steps.findIndex((candidate) => candidate.id === step.id) + 1];
    this.goTo(next ? { kind: 'step', id: next.id } : { kind: 'review' });
  }

  private back(): void {
    const steps = this.steps();
    if (this.view?.kind === 'review') return this.goTo({ kind: 'step', id: steps[steps.length - 1]!.id });
    const index = steps.findIndex((candidate) => candidate.id === (this.view as { id: string }).id);
    if (index > 0) this.goTo({ kind: 'step', id: steps[index - 1]!.id });
  }

  private change(step: Step, path: string): void {
    this.returnToReview = true;
    this.goTo({ kind: 'step', id: step.id }, { path });
  }

  private startOver(): void {
    if (!window.confirm(this.t('startOverConfirm'))) return;
    this.resetAnswers();
    this.returnToReview = false;
    this.prefilled = false;
    if (this.me && this.definition) this.answers = prefillAnswers(this.definition, this.me, {});
    this.saveDraft();
    this.goTo(this.viewFor(undefined));
  }

  private addItem(group: GroupField): void {
    const items = [...((this.answers[group.id] as Answers[] | undefined) ?? []), {}];
    this.setAnswer(group.id, items);
    const number = items.length;
    this.announcement = this.t('itemAdded', { item: localized(group.itemLabel, this.language), number });
    this.focusAfterRender = () => void this.focusField(`${group.id}.${number - 1}.${group.fields.find((field) => field.type !== 'info')!.id}`);
  }

  private removeItem(group: GroupField, index: number): void {
    const items = ((this.answers[group.id] as Answers[] | undefined) ?? []).filter((_, position) => position !== index);
    this.setAnswer(group.id, items);
    this.errors = this.errors.filter((error) => !error.path.startsWith(`${group.id}.`));
    this.announcement = this.t('itemRemoved', { item: localized(group.itemLabel, this.language), number: index + 1 });
    this.focusAfterRender = () => this.renderRoot.querySelector<HTMLElement>(`#${elementId(group.id)}-add`)?.focus();
  }

  // ---- sending ------------------------------------------------------------

  private async submit(): Promise<void> {
    const definition = this.definition!;
    const api = this.runtime!.api!;
    const { errors, answers } = validateAnswers(definition, knownAnswers(definition, this.answers), { today: todayInPrague() });
    if (errors.length > 0) return this.showRefused(errors);
    // the same answers keep the key of the last attempt: a retry is answered with the first submission
    const print = fingerprint(answers);
    if (this.submitKey?.fingerprint !== print) this.submitKey = { key: crypto.randomUUID(), fingerprint: print };
    this.saveDraft(false);
    this.submitting = true;
    this.submitProblem = undefined;
    try {
      const submission = await api.request({
        method: 'POST',
        path: `/forms/${encodeURIComponent(definition.id)}/submissions`,
        body: { version: definition.version ?? 0, answers },
        schema: SubmissionSchema,
        idempotencyKey: this.submitKey.key,
      });
      clearTimeout(this.serverSaveTimer);
      this.serverSaveTimer = undefined;
      this.drafts?.clear();
      this.submitKey = undefined;
      this.resumedAt = undefined;
      this.returnToReview = false;
      this.view = { kind: 'done', submission };
      this.submittedCount++;
      this.focusAfterRender = () => this.renderRoot.querySelector<HTMLElement>('[data-heading]')?.focus();
      this.dispatchEvent(new CustomEvent('obec-form-submitted', { detail: submission, bubbles: true, composed: true }));
    } catch (error) {
      this.onSubmitFailed(error);
    } finally {
      this.submitting = false;
    }
  }

  private onSubmitFailed(error: unknown): void {
    if (error instanceof ApiError && error.code === 'invalid_answers' && error.fields.length > 0) {
      const local = validateAnswers(this.definition!, knownAnswers(this.definition!, this.answers), { today: todayInPrague() }).errors;
      // the server's verdict, in the words the widget has for it
      return this.showRefused(
        error.fields.map((field) => local.find((candidate) => candidate.path === field.path) ?? { path: field.path, code: 'invalid' as const }),
        true,
      );
    }
    if (error instanceof ApiError && error.code === 'form_version_unknown') {
      this.submitProblem = this.t('formChanged');
      this.loadedFor = '';
      void this.form.run();
    } else if (error instanceof ApiError && error.code === 'sign_in_required') {
      this.submitProblem = this.t('signInRequired');
    } else {
      this.submitProblem = this.t('submitFailed', { reason: error instanceof ApiError ? this.errorMessage(error) : '' });
    }
    this.focusAfterRender = () => this.renderRoot.querySelector<HTMLElement>('[data-submit-problem]')?.focus();
  }

  /** Answers refused on sending: back to the first step with a problem, its errors shown. */
  private showRefused(errors: FormError[], byServer = false): void {
    const definition = this.definition!;
    const first = errors.map((error) => locate(definition, error.path)).find(Boolean);
    const step = first?.step ?? this.steps()[0]!;
    this.returnToReview = true;
    this.view = { kind: 'step', id: step.id };
    this.errors = errors.filter((error) => locate(definition, error.path)?.step === step);
    this.submitProblem = byServer ? this.t('submitRejected') : undefined;
    this.saveDraft();
    this.focusAfterRender = () => this.renderRoot.querySelector<HTMLElement>('[part="error-summary"]')?.focus();
  }

  private fillAgain(): void {
    this.answers = this.me && this.definition ? prefillAnswers(this.definition, this.me, {}) : {};
    this.goTo(this.viewFor(undefined));
  }

  // ---- rendering ----------------------------------------------------------

  private messageOf(error: FormError): string {
    const location = this.definition && locate(this.definition, error.path);
    if (error.code === 'invalid') return this.t('serverRefused');
    return errorText(this.language, error, location?.field);
  }

  /** In the summary, the message names its field: "E-mail: Zadejte e-mail ve tvaru …". */
  private summaryText(error: FormError): string {
    const location = this.definition && locate(this.definition, error.path);
    const field = location?.field;
    if (!field || field.type === 'info') return this.messageOf(error);
    const label = localized(field.label, this.language);
    const group = location.group;
    const where = group ? ` (${this.t('itemTitle', { item: localized(group.field.itemLabel, this.language), number: group.index + 1 })})` : '';
    return `${label}${where}: ${this.messageOf(error)}`;
  }

  private errorFor(path: string): string | undefined {
    const error = this.errors.find((candidate) => candidate.path === path || candidate.path.startsWith(`${path}.`) && !/^\d/.test(candidate.path.slice(path.length + 1)));
    return error && this.messageOf(error);
  }

  protected override renderWidget(): TemplateResult {
    return html`<section part="base" lang=${this.language} aria-busy=${this.form.status === 1 ? 'true' : 'false'}>
      ${this.form.render({
        pending: () => html`<p class="muted">${this.t('loading')}</p>`,
        error: (error) => this.renderLoadError(error),
        complete: () => this.renderForm(),
      })}
      <p class="visually-hidden" aria-live="polite">${this.announcement}</p>
    </section>`;
  }

  private renderLoadError(error: unknown): TemplateResult {
    if (error instanceof ApiError && error.kind === 'not-found') return html`<p class="message error" role="alert">${this.t('notFound')}</p>`;
    const reason = error instanceof ApiError ? this.errorMessage(error) : '';
    return html`<div class="message error" role="alert">
      <p>${this.t('loadFailed', { reason })}</p>
      <button class="button secondary" part="button" @click=${() => this.form.run()}>${this.t('tryAgain')}</button>
    </div>`;
  }

  private renderForm(): TemplateResult | typeof nothing {
    const definition = this.definition;
    const view = this.view;
    if (!definition || !view) return nothing;
    return html`<h2>${localized(definition.title, this.language)}</h2>
      ${view.kind === 'done' ? this.renderConfirmation(view.submission) : view.kind === 'review' ? this.renderReview(definition) : this.renderStep(definition, view.id)}
      ${this.renderSubmissions()}`;
  }

  private renderProgress(index: number, count: number, title: string): TemplateResult {
    return html`<div part="progress" class="progress">
      <p class="progress-text">${index < count ? this.t('progress', { step: index + 1, count }) : this.t('progressReview')}</p>
      <progress class="bar" aria-hidden="true" max=${count + 1} .value=${index + 1}></progress>
      <h3 tabindex="-1" data-heading>${title}</h3>
    </div>`;
  }

  private renderNotices(definition: FormDefinition): TemplateResult {
    return html`${this.resumedAt
        ? html`<div class="message notice info" part="resumed">
            <p>${this.t('resumed', { date: formatMoment(this.language, this.resumedAt, true) })}</p>
            <button class="link" part="button" @click=${this.startOver}>${this.t('startOver')}</button>
          </div>`
        : nothing}
      ${this.prefilled ? html`<p class="message notice info">${this.t('prefilled')}</p>` : nothing}
      ${definition.signIn === 'required' && !this.signedIn ? html`<p class="message notice info">${this.t('signInRequired')}</p>` : nothing}`;
  }

  private renderErrorSummary(): TemplateResult | typeof nothing {
    if (this.errors.length === 0) return nothing;
    return html`<div part="error-summary" class="error-summary" tabindex="-1" aria-labelledby="error-summary-title">
      <h3 id="error-summary-title">${this.t('errorSummary')}</h3>
      ${this.submitProblem ? html`<p>${this.submitProblem}</p>` : nothing}
      <ul>
        ${this.errors.map(
          (error) => html`<li>
            <a
              href=${`#${elementId(error.path)}`}
              @click=${(event: Event) => {
                event.preventDefault();
                void this.focusField(error.path);
              }}
              >${this.summaryText(error)}</a
            >
          </li>`,
        )}
      </ul>
    </div>`;
  }

  private renderStep(definition: FormDefinition, id: string): TemplateResult {
    const steps = this.steps();
    const index = Math.max(0, steps.findIndex((candidate) => candidate.id === id));
    const step = steps[index] ?? steps[0]!;
    return html`${this.renderProgress(index, steps.length, localized(step.title, this.language))}
      ${index === 0 && definition.description && !this.resumedAt ? html`<p class="description">${localized(definition.description, this.language)}</p>` : nothing}
      ${this.renderNotices(definition)} ${this.renderErrorSummary()}
      <form part="step" novalidate @submit=${this.continue}>
        ${step.description ? html`<p class="description">${localized(step.description, this.language)}</p>` : nothing}
        ${repeat(
          step.fields.filter((field) => isVisible(field, this.shown(), undefined, todayInPrague())),
          (field) => field.id,
          (field) => this.renderField(field, field.id),
        )}
        <div class="actions">
          <button class="button" part="button">${this.returnToReview ? this.t('continueToReview') : this.t('continue')}</button>
          ${index > 0 ? html`<button type="button" class="button secondary" part="button" @click=${this.back}>${this.t('back')}</button>` : nothing}
        </div>
      </form>
      <p class="muted saved">${this.signedIn ? this.t('savedAccount') : this.t('savedLocal')}</p>`;
  }

  private renderField(field: Field, path: string): TemplateResult | typeof nothing {
    if (field.type === 'info') return html`<p class="info" id=${elementId(path)}>${localized(field.text, this.language)}</p>`;
    if (field.type === 'group') return this.renderGroup(field);
    const value = answerAt(this.answers, path);
    const error = this.errorFor(path);
    const id = elementId(path);
    switch (field.type) {
      case 'choice':
        return html`<obec-choice-field id=${id} lang=${this.language} .field=${field} .value=${value} .error=${error} @input=${(event: Event) => this.onFieldInput(path, event)} @change=${(event: Event) => this.onFieldInput(path, event)}></obec-choice-field>`;
      case 'yesno':
        return html`<obec-yesno-field id=${id} lang=${this.language} .field=${field} .value=${value} .error=${error} @change=${(event: Event) => this.onFieldInput(path, event)}></obec-yesno-field>`;
      case 'checkbox':
        return html`<obec-checkbox-field id=${id} lang=${this.language} .field=${field} .value=${value} .error=${error} @change=${(event: Event) => this.onFieldInput(path, event)}></obec-checkbox-field>`;
      case 'address':
        return html`<obec-address-field id=${id} lang=${this.language} .field=${field} .value=${value} .error=${error} @input=${(event: Event) => this.onFieldInput(path, event)}></obec-address-field>`;
      case 'bank-account':
        return html`<obec-bank-account-field id=${id} lang=${this.language} .field=${field} .value=${value} .error=${error} @input=${(event: Event) => this.onFieldInput(path, event)}></obec-bank-account-field>`;
      case 'file':
        return html`<obec-file-field
          id=${id}
          lang=${this.language}
          .field=${field}
          .value=${value ?? []}
          .error=${error}
          .uploader=${(file: File, signal: AbortSignal) => uploadFile(this.runtime!.api!, this.definition!.id, path.replace(/\.\d+\./, '.'), file, signal)}
          @change=${(event: Event) => this.onFieldInput(path, event)}
        ></obec-file-field>`;
      default:
        return html`<obec-text-field
          id=${id}
          lang=${this.language}
          type=${field.type}
          .field=${field}
          .value=${value ?? ''}
          .error=${error}
          @input=${(event: Event) => this.onFieldInput(path, event)}
        ></obec-text-field>`;
    }
  }

  private renderGroup(group: GroupField): TemplateResult {
    const items = (this.answers[group.id] as Answers[] | undefined) ?? [];
    const itemLabel = localized(group.itemLabel, this.language);
    const error = this.errors.find((candidate) => candidate.path === group.id);
    const max = group.maxItems ?? Infinity;
    const total = group.total;
    const totalField = total && group.fields.find((field) => field.id === total.field);
    const totalValue = groupTotal(group, items);
    return html`<fieldset class="group ${error ? 'invalid' : ''}" id=${elementId(group.id)} tabindex="-1" aria-describedby=${error ? `${elementId(group.id)}-error` : nothing}>
      <legend>${localized(group.label, this.language)}</legend>
      ${group.help ? html`<p class="hint">${localized(group.help, this.language)}</p>` : nothing}
      ${error ? html`<p class="error-message" id=${`${elementId(group.id)}-error`}>${this.messageOf(error)}</p>` : nothing}
      ${items.map(
        (item, index) => html`<fieldset class="item">
          <legend>${this.t('itemTitle', { item: itemLabel, number: index + 1 })}</legend>
          ${group.fields
            .filter((field) => isVisible(field, this.shown(), item, todayInPrague()))
            .map((field) => this.renderField(field, `${group.id}.${index}.${field.id}`))}
          <button type="button" class="link" part="button" @click=${() => this.removeItem(group, index)}>
            ${this.t('removeItem', { item: itemLabel, number: index + 1 })}
          </button>
        </fieldset>`,
      )}
      ${items.length < max
        ? html`<button type="button" class="button secondary" part="button" id=${`${elementId(group.id)}-add`} @click=${() => this.addItem(group)}>
            ${this.t('addItem', { item: itemLabel })}
          </button>`
        : nothing}
      ${total
        ? html`<p class="total" aria-live="polite">
            ${this.t('total', { label: localized(total.label, this.language), amount: totalField?.type === 'money' ? this.money(totalValue) : formatNumber(this.language, totalValue) })}
          </p>`
        : nothing}
    </fieldset>`;
  }

  private money(value: number): string {
    return formatMoney(this.language, value);
  }

  private renderReview(definition: FormDefinition): TemplateResult {
    const steps = this.steps();
    return html`${this.renderProgress(steps.length, steps.length, this.t('reviewTitle'))}
      <p class="description">${this.t('reviewHelp')}</p>
      ${this.renderNotices(definition)}
      <div part="review">
        ${steps.map(
          (step) => html`<h4>${localized(step.title, this.language)}</h4>
            <dl class="summary">
              ${step.fields
                .filter((field) => field.type !== 'info' && isVisible(field, this.shown(), undefined, todayInPrague()))
                .map(
                  (field) => html`<div class="row">
                    <dt>${localized((field as InputField | GroupField).label, this.language)}</dt>
                    <dd>${this.renderAnswer(field, this.answers[field.id])}</dd>
                    <dd class="change">
                      <button type="button" class="link" part="button" @click=${() => this.change(step, field.id)}>
                        ${this.t('change')}<span class="visually-hidden"> ${localized((field as InputField | GroupField).label, this.language)}</span>
                      </button>
                    </dd>
                  </div>`,
                )}
            </dl>`,
        )}
      </div>
      ${this.submitProblem
        ? html`<div class="message error" role="alert" tabindex="-1" data-submit-problem><p>${this.submitProblem}</p></div>`
        : nothing}
      <div class="actions">
        ${definition.signIn === 'required' && !this.signedIn
          ? html`<button class="button" part="button" @click=${() => this.runtime?.session?.signIn({ lang: this.language })}>${this.t('signIn')}</button>`
          : html`<button class="button" part="button" ?disabled=${this.submitting} @click=${this.submit}>
              ${this.submitting ? this.t('submitting') : this.t('submit')}
            </button>`}
        <button type="button" class="button secondary" part="button" @click=${this.back}>${this.t('back')}</button>
      </div>`;
  }

  private renderAnswer(field: Field, value: Value | undefined): TemplateResult | string {
    if (value === undefined || (isEmpty(value) && field.type !== 'yesno' && field.type !== 'checkbox')) {
      return html`<span class="muted">${this.t('notAnswered')}</span>`;
    }
    switch (field.type) {
      case 'yesno':
        return value === true ? this.t('yes') : value === false ? this.t('no') : this.t('notAnswered');
      case 'checkbox':
        return value === true ? this.t('accepted') : this.t('notAnswered');
      case 'choice': {
        const chosen = Array.isArray(value) ? (value as string[]) : [String(value)];
        return chosen.map((option) => localized(field.options.find((candidate) => candidate.value === option)?.label ?? option, this.language)).join(', ');
      }
      case 'money':
        return typeof value === 'number' ? this.money(value) : String(value);
      case 'number':
        return typeof value === 'number' ? formatNumber(this.language, value) : String(value);
      case 'date':
        return /^\d{4}-\d{2}-\d{2}$/.test(String(value)) ? formatDate(this.language, String(value)) : String(value);
      case 'address': {
        const address = value as { street?: string; city?: string; postcode?: string };
        return [address.street, [address.postcode, address.city].filter(Boolean).join(' ')].filter(Boolean).join(', ');
      }
      case 'file':
        return html`<ul class="plain">${(value as Upload[]).map((upload) => html`<li>${upload.name}</li>`)}</ul>`;
      case 'group': {
        const items = value as Answers[];
        return html`<ol class="plain">
            ${items.map(
              (item) => html`<li>
                ${field.fields
                  .filter((inner) => inner.type !== 'info' && !isEmpty(item[inner.id]))
                  .map((inner) => this.renderAnswer(inner, item[inner.id]))
                  .map((part, index) => html`${index > 0 ? ', ' : ''}${part}`)}
              </li>`,
            )}
          </ol>
          ${field.total ? html`<p>${this.t('total', { label: localized(field.total.label, this.language), amount: this.money(groupTotal(field, items)) })}</p>` : nothing}`;
      }
      default:
        return String(value);
    }
  }

  private renderConfirmation(submission: Submission): TemplateResult {
    const definition = this.definition!;
    return html`<div part="confirmation" class="confirmation">
      <h3 tabindex="-1" data-heading>${this.t('confirmationTitle')}</h3>
      <p>${this.t('referenceLabel')}</p>
      <p class="reference"><strong>${submission.reference}</strong></p>
      <p>${this.t('referenceHint')}</p>
      ${definition.confirmation ? html`<p>${localized(definition.confirmation, this.language)}</p>` : nothing}
      ${this.signedIn ? html`<p>${this.t('confirmationSignedIn')}</p>` : nothing}
      <button class="link" part="button" @click=${this.fillAgain}>${this.t('fillAgain')}</button>
    </div>`;
  }

  private renderSubmissions(): TemplateResult | typeof nothing {
    if (!this.signedIn) return nothing;
    return html`<section part="submissions" class="submissions" aria-labelledby="submissions-title">
      <h3 id="submissions-title">${this.t('submissionsTitle')}</h3>
      ${this.submissions.render({
        pending: () => html`<p class="muted">${this.t('loading')}</p>`,
        error: () => html`<p class="message error">${this.t('submissionsFailed')}</p>`,
        complete: (list) =>
          !list || list.length === 0
            ? html`<p class="muted">${this.t('submissionsEmpty')}</p>`
            : html`<table>
                <thead>
                  <tr>
                    <th scope="col">${this.t('columnReference')}</th>
                    <th scope="col">${this.t('columnSubmitted')}</th>
                    <th scope="col">${this.t('columnState')}</th>
                  </tr>
                </thead>
                <tbody>
                  ${list.map(
                    (submission) => html`<tr>
                      <th scope="row">${submission.reference}</th>
                      <td>${formatMoment(this.language, submission.submittedAt)}</td>
                      <td>
                        <span class="state state-${submission.state}">${this.t(`state.${submission.state}`)}</span>
                        ${submission.note ? html`<br /><span class="note">${submission.note}</span>` : nothing}
                      </td>
                    </tr>`,
                  )}
                </tbody>
              </table>`,
      })}
    </section>`;
  }
}

import { ContextConsumer } from '@lit/context';
import { html, LitElement, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { ensureContextRoot, runtimeContext, type ObecRuntime } from '../../../src/config/runtime.js';
import { localized, type Field, type InputField, type Value } from '../../../src/forms/definition.js';
import { errorText, formMessages } from '../../../src/forms/form-messages.js';
import { validateValue, type ErrorCode, type FormError } from '../../../src/forms/validate.js';
import { resolveLang, toLang, type Lang } from '../../../src/i18n/lang.js';
import { catalogFor, loadCatalog, Translator, type Params } from '../../../src/i18n/translator.js';
import { controlStyles, hostStyles, tokenStyles } from '../../../src/theme/tokens.js';
import { VERSION } from '../../../src/version.js';
import { fieldMessages, type FieldMessages } from './field-messages.js';
import { fieldStyles } from './field-styles.js';

/** What the browser's constraint validation is told about each rule a value breaks. */
const VALIDITY_FLAGS: Record<ErrorCode, keyof ValidityStateFlags> = {
  required: 'valueMissing',
  must_accept: 'valueMissing',
  too_short: 'tooShort',
  too_long: 'tooLong',
  too_small: 'rangeUnderflow',
  date_too_early: 'rangeUnderflow',
  too_few_choices: 'rangeUnderflow',
  too_few_items: 'rangeUnderflow',
  total_too_small: 'rangeUnderflow',
  too_large: 'rangeOverflow',
  date_too_late: 'rangeOverflow',
  too_many_choices: 'rangeOverflow',
  too_many_files: 'rangeOverflow',
  too_many_items: 'rangeOverflow',
  total_too_large: 'rangeOverflow',
  pattern: 'patternMismatch',
  phone: 'patternMismatch',
  postcode: 'patternMismatch',
  bank_account: 'patternMismatch',
  email: 'typeMismatch',
  number: 'badInput',
  date: 'badInput',
  integer: 'stepMismatch',
  money: 'stepMismatch',
  choice: 'customError',
  file_type: 'customError',
  file_too_large: 'customError',
  unknown_field: 'customError',
  invalid: 'customError',
};

/** One thing wrong with a field's answer, ready to show. */
export interface FieldProblem {
  message: string;
  flag: keyof ValidityStateFlags;
  /** The part of the field it concerns (`postcode` of an address); none for the whole field. */
  part?: string;
}

/** What a field's answer becomes in the host page's form submission. */
export type FormValue = string | File | FormData | null;

/** The language of the nearest ancestor with a `lang` attribute, looking through shadow roots. */
function inheritedLang(element: Element): string | undefined {
  let from: Element | null = element.parentElement;
  let root = element.getRootNode();
  for (;;) {
    const found = from?.closest('[lang]');
    if (found) return found.getAttribute('lang') ?? undefined;
    if (!(root instanceof ShadowRoot)) return undefined;
    from = root.host;
    root = from.getRootNode();
  }
}

/**
 * The base of every form field element. Fields are form-associated custom
 * elements (ElementInternals): inside a plain `<form>` of the host page they
 * submit their value, take part in its validation, reset and disabling, and
 * come back with the browser's form restore. `<obec-form>` renders them for
 * the fields of a form definition and reads `value` directly.
 *
 * A field is described by its `field` property (an input field of a form
 * definition) or, standalone, by attributes (`name`, `label`, `help`,
 * `required` and those of each element). Both are validated by the same
 * rules as the server's (`validateValue`), with messages in Czech or English.
 *
 * Fields need no `<obec-portal>`; when there is one they follow its language
 * and theme. The language is the field's own `lang`, then the portal's, then
 * that of the nearest ancestor with `lang`, then the page's, then Czech.
 *
 * Errors are shown under the field once the person has left it or changed
 * it, once the host form was submitted (the `invalid` event), or at once
 * when `error` is set.
 *
 * @event input - The value changed (bubbles, composed); `value` is already current.
 * @event change - The person committed a change (bubbles); `value` is already current.
 */
export abstract class ObecField<F extends InputField, V> extends LitElement {
  static version = VERSION;
  static formAssociated = true;
  static override shadowRootOptions: ShadowRootInit = { ...LitElement.shadowRootOptions, delegatesFocus: true };
  static override styles = [tokenStyles, hostStyles, controlStyles, fieldStyles];

  /**
   * The field's definition (an input field of a form definition). When unset,
   * the element builds one from its attributes.
   */
  @property({ attribute: false }) field?: F;

  /** The name the value is submitted under in a host page form; by default the field's `id`. */
  @property({ reflect: true }) name = '';

  /** The label, when there is no `field`. */
  @property() label = '';

  /** The hint under the label, when there is no `field`. */
  @property() help = '';

  /** The field must be answered (also when the `field` says so). */
  @property({ type: Boolean, reflect: true }) required = false;

  /** Not editable and not submitted. A disabled `<fieldset>` around the field disables it too. */
  @property({ type: Boolean, reflect: true }) disabled = false;

  /** Shown and submitted, but not editable. */
  @property({ type: Boolean, reflect: true }) readonly = false;

  /**
   * An error message set from outside (a server's answer, `<obec-form>`): shown
   * at once as the field's error, and the field is invalid while it is set.
   * Cleared when the person changes the value.
   */
  @property() error = '';

  /** Language of this field only (`cs` or `en`). */
  @property() override lang = '';

  /** What the page's `<obec-portal>` shares, when there is one. */
  @state() protected runtime?: ObecRuntime;

  /** The person has left or changed the field, or the form was submitted: errors may show. */
  @state() protected touched = false;

  @state() private formDisabled = false;
  @state() private loadedLang?: Lang;

  protected readonly internals: ElementInternals = this.attachInternals();

  private stored?: V;
  /** Whether a value was given before the field first connected (then attributes give none). */
  private valueGiven = false;
  private initialValue?: V;
  private connectedOnce = false;

  constructor() {
    super();
    ensureContextRoot();
    new ContextConsumer(this, {
      context: runtimeContext,
      subscribe: true,
      callback: (runtime) => (this.runtime = runtime),
    });
    // the host form was submitted, or checkValidity()/reportValidity() found the field invalid
    this.addEventListener('invalid', () => (this.touched = true));
    // Enter in a one-line input submits the form, as it does for the browser's own inputs
    // (the input sits in this shadow root, so the form would never see it)
    this.addEventListener('keydown', (event) => {
      const input = event.composedPath()[0];
      if (event.key !== 'Enter' || event.defaultPrevented || !(input instanceof HTMLInputElement)) return;
      if (['checkbox', 'radio', 'file', 'button', 'submit', 'reset'].includes(input.type)) return;
      event.preventDefault();
      this.internals.form?.requestSubmit();
    });
  }

  /** The answer; its type is described by each element. */
  @property({ attribute: false })
  get value(): V | undefined {
    return this.readValue();
  }
  set value(value: V | undefined) {
    this.valueGiven = true;
    this.writeValue(value);
    this.syncForm();
  }

  /** The field definition in effect: `field`, or the one built from the attributes. */
  get effectiveField(): F {
    const field = this.field ?? this.fieldFromAttributes();
    return this.required && !field.required ? { ...field, required: true } : field;
  }

  /** The language the field speaks now. */
  get language(): Lang {
    return toLang(this.lang) ?? this.runtime?.lang ?? toLang(inheritedLang(this)) ?? resolveLang(undefined, this.ownerDocument);
  }

  /** The form the field belongs to, if any. */
  get form(): HTMLFormElement | null {
    return this.internals.form;
  }

  /** The field's validity, as for native form controls. */
  get validity(): ValidityState {
    return this.internals.validity;
  }

  /** The localized message of the first problem, empty when the value is valid. */
  get validationMessage(): string {
    return this.internals.validationMessage;
  }

  /** Whether the field takes part in constraint validation (not when disabled or read-only). */
  get willValidate(): boolean {
    return this.internals.willValidate;
  }

  /** Whether the value is valid; fires `invalid` (and shows the error) when not. */
  checkValidity(): boolean {
    return this.internals.checkValidity();
  }

  /** Like {@link checkValidity}, and when invalid also moves the focus to the control in error. */
  reportValidity(): boolean {
    const valid = this.internals.reportValidity();
    if (!valid) this.focusControl(this.problems()[0]?.part);
    return valid;
  }

  /** Focuses the field's control (the checked or first option of a choice). */
  override focus(options?: FocusOptions): void {
    const control = this.controlFor();
    if (control) control.focus(options);
    else super.focus(options);
  }

  /**
   * Focuses one control of the field: a part of an address (`street`, `city`,
   * `postcode`), or with no part the first control. Used to take the person to
   * an error from an error summary.
   */
  focusControl(part?: string): void {
    (this.controlFor(part) ?? this.controlFor())?.focus();
  }

  override connectedCallback(): void {
    super.connectedCallback();
    if (!this.connectedOnce) {
      this.connectedOnce = true;
      if (!this.valueGiven) this.writeValue(this.defaultValue());
      this.initialValue = this.readValue();
    }
    this.syncForm();
  }

  /** The host form was reset: back to the value the field started with. */
  formResetCallback(): void {
    this.value = this.initialValue;
    this.touched = false;
    this.error = '';
  }

  /** A disabled `<fieldset>` or form around the field. */
  formDisabledCallback(disabled: boolean): void {
    this.formDisabled = disabled;
  }

  /** Back on the page through history, or filled in by the browser. */
  formStateRestoreCallback(state: string | File | FormData | null, mode: 'restore' | 'autocomplete'): void {
    const value = this.restoreValue(state, mode);
    if (value !== undefined) this.value = value;
  }

  /** The controls cannot be used: disabled here or by a `<fieldset>`/form around. */
  protected get inactive(): boolean {
    return this.disabled || this.formDisabled;
  }

  // --- what each element provides ------------------------------------------------

  /** The field definition built from the element's attributes. */
  protected abstract fieldFromAttributes(): F;

  /** The field itself. */
  protected abstract renderField(): TemplateResult;

  /** What the value becomes in the host form's submission. */
  protected abstract formValue(): FormValue;

  /** The value before anything is typed, from attributes or children (`value`, `checked`, `<option selected>`). */
  protected defaultValue(): V | undefined {
    return undefined;
  }

  /** The inner control of a part, or the first control. */
  protected controlFor(part?: string): HTMLElement | null {
    return part ? null : (this.shadowRoot?.querySelector<HTMLElement>('#control') ?? null);
  }

  /** The value as the validation rules see it. */
  protected validationValue(): Value | undefined {
    return this.value as Value | undefined;
  }

  /** Problems of the element's own beyond the rules of the definition (an upload still running). */
  protected ownProblems(): FieldProblem[] {
    return [];
  }

  protected readValue(): V | undefined {
    return this.stored;
  }

  protected writeValue(value: V | undefined): void {
    this.stored = value;
  }

  /** Saved with the form's state so the browser can restore it; JSON of the value by default. */
  protected formState(): string | File | FormData | null {
    return this.value === undefined ? null : JSON.stringify(this.value);
  }

  /** The value from a saved state (see {@link formState}); undefined when it cannot be read. */
  protected restoreValue(state: string | File | FormData | null, _mode: 'restore' | 'autocomplete'): V | undefined {
    if (typeof state !== 'string') return undefined;
    try {
      return JSON.parse(state) as V;
    } catch {
      return undefined;
    }
  }

  // --- helpers for the elements ----------------------------------------------------

  /** The attributes every field has, as a field definition's common part. */
  protected commonAttributes(): { id: string; label: string; help?: string; required?: boolean } {
    return { id: this.name || 'field', label: this.label, help: this.help || undefined, required: this.required || undefined };
  }

  /** The name the value is submitted under. */
  protected get formName(): string {
    return this.name || this.field?.id || '';
  }

  /** A text of the fields' own catalogue in the field's language. */
  protected t(key: keyof FieldMessages & string, params?: Params): string {
    return new Translator(this.language, fieldMessages).t(key, params);
  }

  /** A text of the definition in the field's language. */
  protected text(value: Parameters<typeof localized>[0]): string {
    return localized(value, this.language);
  }

  /** The localized message of a validation error. */
  protected errorMessage(error: FormError): string {
    return errorText(this.language, error, this.effectiveField as Field);
  }

  /** Records the person's new value (from an inner control); a message set from outside no longer applies. */
  protected userInput(value: V | undefined): void {
    this.error = '';
    this.value = value;
  }

  /** The person committed a change: errors may show, and the host hears `change`. */
  protected userChange(): void {
    this.touched = true;
    this.dispatchEvent(new Event('change', { bubbles: true }));
  }

  /** Everything wrong with the value now, most important first. */
  protected problems(): FieldProblem[] {
    if (this.error) return [{ message: this.error, flag: 'customError' }];
    const own = this.ownProblems();
    if (own.length > 0) return own;
    const path = this.formName || this.effectiveField.id;
    return validateValue(this.effectiveField, this.validationValue(), { path }).map((error) => ({
      message: this.errorMessage(error),
      flag: VALIDITY_FLAGS[error.code] ?? 'customError',
      part: error.path.startsWith(`${path}.`) ? error.path.slice(path.length + 1) : undefined,
    }));
  }

  /** The problems shown now for a part (none: the whole field); nothing before the person has interacted. */
  protected shownProblems(part?: string): FieldProblem[] {
    if (!this.touched && !this.error) return [];
    return this.problems().filter((problem) => problem.part === part);
  }

  /** Lines of the hint under the label: the help, and what an element adds (a format example). */
  protected hintLines(): string[] {
    const help = this.text(this.effectiveField.help);
    return help ? [help] : [];
  }

  /** `aria-describedby` for the control: the hint and the error when shown, and extra ids. */
  protected describedBy(showsError: boolean, ...extra: string[]): string | typeof nothing {
    const ids = [this.hintLines().length > 0 ? 'hint' : '', showsError ? 'error' : '', ...extra].filter(Boolean);
    return ids.length > 0 ? ids.join(' ') : nothing;
  }

  /** The label text with the optional marker; `extra` goes in before the marker (a unit for screen readers). */
  protected renderLabelText(extra: unknown = nothing): TemplateResult {
    const optional = this.effectiveField.required ? nothing : html` <span class="optional">${this.t('optional')}</span>`;
    return html`${this.text(this.effectiveField.label)}${extra}${optional}`;
  }

  /** The hint paragraph, or nothing. */
  protected renderHint(): TemplateResult | typeof nothing {
    const lines = this.hintLines();
    if (lines.length === 0) return nothing;
    return html`<p id="hint" part="hint" class="hint">${lines.map((line) => html`<span>${line}</span> `)}</p>`;
  }

  /**
   * A group of controls under one legend (radios, check boxes, an address's
   * parts): the legend, the hint, then `content`. The error is described on
   * the group when `describesError`.
   */
  protected renderFieldset(invalid: boolean, describesError: boolean, content: unknown): TemplateResult {
    return html`<fieldset
      part="field"
      class="field ${invalid ? 'invalid' : ''}"
      lang=${this.language}
      aria-describedby=${this.describedBy(describesError)}
      @focusout=${this.onFocusOut}
    >
      <legend part="label">${this.renderLabelText()}</legend>
      ${this.renderHint()} ${content}
    </fieldset>`;
  }

  /** The inline error with its messages (one a line), or nothing. */
  protected renderError(messages: string[], id = 'error'): TemplateResult | typeof nothing {
    if (messages.length === 0) return nothing;
    return html`<p id=${id} part="error" class="error">
      <span class="visually-hidden">${this.t('errorPrefix')} </span>${messages.map((message, index) => html`${index > 0 ? html`<br />` : nothing}${message}`)}
    </p>`;
  }

  /** Marks the field as visited when the focus leaves it (not when the whole window loses focus). */
  protected onFocusOut(event: FocusEvent): void {
    const next = event.relatedTarget;
    if (next instanceof Node && this.shadowRoot?.contains(next)) return;
    // the window lost focus (a file dialog, another tab): the control keeps it
    if (this.shadowRoot?.activeElement && this.shadowRoot.activeElement === event.target) return;
    this.touched = true;
  }

  // --- lifecycle -------------------------------------------------------------------

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    if (changed.has('runtime')) {
      try {
        if (this.runtime?.theme === 'dark') this.internals.states.add('dark');
        else this.internals.states.delete('dark');
      } catch {
        // Browsers without custom states keep the light look.
      }
    }
    if (!this.name && this.field) this.name = this.field.id;
    // once told what is wrong, the person sees the field's own errors as they correct it
    if (changed.has('error') && this.error) this.touched = true;
    this.loadMessages();
  }

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    this.syncForm();
  }

  protected override render(): TemplateResult | typeof nothing {
    if (this.loadedLang !== this.language) return nothing;
    return this.renderField();
  }

  private loadMessages(): void {
    const lang = this.language;
    if (this.loadedLang === lang) return;
    if (catalogFor(fieldMessages, lang) && catalogFor(formMessages, lang)) {
      this.loadedLang = lang;
      return;
    }
    Promise.all([loadCatalog(fieldMessages, lang), loadCatalog(formMessages, lang)]).then(
      () => this.requestUpdate(),
      (error: unknown) => {
        // Without the translation the field still works, in Czech.
        console.error(`obec-widgets: <${this.localName}> could not load its "${lang}" messages.`, error);
        this.loadedLang = lang;
      },
    );
  }

  /** Tells the host form the current value and validity, with the message in the field's language. */
  protected syncForm(): void {
    this.internals.setFormValue(this.formValue(), this.formState());
    const [problem] = this.problems();
    if (!problem) {
      this.internals.setValidity({});
      return;
    }
    const anchor = this.controlFor(problem.part) ?? this.controlFor() ?? undefined;
    this.internals.setValidity({ [problem.flag]: true }, problem.message || problem.flag, anchor);
  }
}

import { html, nothing, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { ifDefined } from 'lit/directives/if-defined.js';
import { live } from 'lit/directives/live.js';
import type {
  DateField,
  EmailField,
  MoneyField,
  NumberField,
  PhoneField,
  Prefill,
  TextareaField,
  TextField,
} from '../../../src/forms/definition.js';
import { parseNumber, todayInPrague } from '../../../src/forms/validate.js';
import { ObecField, type FormValue } from './field-base.js';

/** The kinds of answer `<obec-text-field>` takes. */
export type TextFieldType = 'text' | 'textarea' | 'email' | 'phone' | 'number' | 'money' | 'date';
type AnyTextField = TextField | TextareaField | EmailField | PhoneField | NumberField | MoneyField | DateField;

/** The HTML autocomplete token for an answer filled from the citizen's identity (WCAG 1.3.5). */
const PREFILL_AUTOCOMPLETE: Partial<Record<Prefill, string>> = {
  name: 'name',
  given_name: 'given-name',
  family_name: 'family-name',
  birthdate: 'bday',
  email: 'email',
};

/** How long the typing must pause before the remaining characters are announced. */
const COUNT_ANNOUNCE_DELAY_MS = 1000;

/** Characters as the validation rules count them (an emoji is one). */
const characters = (text: string) => Array.from(text).length;

const numberOrUndefined = (text: string | undefined) => {
  const number = text === undefined || text.trim() === '' ? undefined : Number(text);
  return number !== undefined && Number.isFinite(number) ? number : undefined;
};

/**
 * @summary A text answer: one line, several lines, an e-mail address, a
 * phone number, a number, an amount in CZK or a date.
 *
 * @description `type` picks the kind. Numbers and amounts accept Czech and
 * English notation (`1 234,50`, `1234.5`) on a decimal keyboard, with the
 * unit (or "Kč") after the input and in the label for screen readers; the
 * value is the number once what was typed reads as one, until then the text.
 * A date uses the browser's date picker (`YYYY-MM-DD`). Several lines with
 * `maxlength` count the characters left ("Zbývá 120 znaků"), announced to
 * screen readers when typing pauses. Works inside a plain `<form>`.
 *
 * @attribute value - The starting value; a form reset returns to it.
 *
 * @event input - The value changed (bubbles, composed); `value` is already current.
 * @event change - The person committed a change (bubbles).
 *
 * @csspart field - The wrapper of label, hint, control and error.
 * @csspart label - The label.
 * @csspart hint - The hint under the label.
 * @csspart control - The input or textarea.
 * @csspart suffix - The unit or currency after a number.
 * @csspart count - The characters left of several lines.
 * @csspart error - The error message.
 *
 * @cssproperty --obec-color-error - Error text and bar.
 * @cssproperty --obec-color-focus - Focus ring.
 * @cssproperty --obec-control-height - Height of the input (default 44px).
 * @cssstate dark - The dark theme of the page's `<obec-portal>` is in effect.
 */
export class ObecTextField extends ObecField<AnyTextField, string | number> {
  /** The kind of answer, when there is no `field`: `text`, `textarea`, `email`, `phone`, `number`, `money` or `date`. */
  @property({ reflect: true }) type: TextFieldType = 'text';

  /** Fewest characters (text, textarea). */
  @property({ type: Number, attribute: 'minlength' }) minLength?: number;

  /** Most characters (text, textarea, email); several lines show how many are left. */
  @property({ type: Number, attribute: 'maxlength' }) maxLength?: number;

  /** A JavaScript regular expression the whole answer must match (text). */
  @property() pattern?: string;

  /** Said when the pattern does not match, e.g. "Číslo čipu má 15 číslic." */
  @property({ attribute: 'pattern-message' }) patternMessage?: string;

  /** Smallest number or amount, or earliest date (`YYYY-MM-DD` or `today`). */
  @property() min?: string;

  /** Largest number or amount, or latest date (`YYYY-MM-DD` or `today`). */
  @property() max?: string;

  /** Whole numbers only (number). */
  @property({ type: Boolean }) integer = false;

  /** Shown after a number, e.g. "ks" or "m²". */
  @property() unit?: string;

  /** Visible lines of a textarea. */
  @property({ type: Number }) rows?: number;

  /** The HTML autocomplete token (text), e.g. `organization`. */
  @property() autocomplete?: string;

  /** What the person typed into a number or amount field, kept while the value is the number it reads as. */
  private typed?: { text: string; value: string | number };
  /** The remaining characters as last announced to screen readers. */
  @state() private countAnnouncement = '';
  private countTimer?: ReturnType<typeof setTimeout>;

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.countTimer);
  }

  override formResetCallback(): void {
    this.typed = undefined;
    this.countAnnouncement = '';
    super.formResetCallback();
  }

  protected override defaultValue(): string | number {
    const text = this.getAttribute('value') ?? '';
    return this.numeric && text.trim() !== '' ? (parseNumber(text) ?? text) : text;
  }

  private get numeric(): boolean {
    const { type } = this.effectiveField;
    return type === 'number' || type === 'money';
  }

  protected override fieldFromAttributes(): AnyTextField {
    const common = this.commonAttributes();
    switch (this.type) {
      case 'textarea':
        return { ...common, type: 'textarea', minLength: this.minLength, maxLength: this.maxLength, rows: this.rows };
      case 'email':
        return { ...common, type: 'email', maxLength: this.maxLength };
      case 'phone':
        return { ...common, type: 'phone' };
      case 'number':
        return {
          ...common,
          type: 'number',
          min: numberOrUndefined(this.min),
          max: numberOrUndefined(this.max),
          integer: this.integer || undefined,
          unit: this.unit,
        };
      case 'money':
        return { ...common, type: 'money', min: numberOrUndefined(this.min), max: numberOrUndefined(this.max) };
      case 'date':
        return { ...common, type: 'date', min: this.min || undefined, max: this.max || undefined };
      default:
        return {
          ...common,
          type: 'text',
          minLength: this.minLength,
          maxLength: this.maxLength,
          pattern: this.pattern,
          patternMessage: this.patternMessage,
          autocomplete: this.autocomplete,
        };
    }
  }

  protected override formValue(): FormValue {
    const value = this.value;
    return value === undefined ? '' : String(value);
  }

  /** The text in the control: what was typed, or the value written the language's way. */
  private get shownText(): string {
    const value = this.value;
    if (this.typed && this.typed.value === value) return this.typed.text;
    if (typeof value === 'number') return this.language === 'cs' ? String(value).replace('.', ',') : String(value);
    return value ?? '';
  }

  private onInput(event: Event): void {
    const text = (event.target as HTMLInputElement | HTMLTextAreaElement).value;
    const value = this.numeric && text.trim() !== '' ? (parseNumber(text) ?? text) : text;
    this.typed = { text, value };
    this.userInput(value);
    this.scheduleCountAnnouncement();
  }

  private scheduleCountAnnouncement(): void {
    const field = this.effectiveField;
    if (field.type !== 'textarea' || field.maxLength === undefined) return;
    clearTimeout(this.countTimer);
    this.countTimer = setTimeout(() => (this.countAnnouncement = this.countText()), COUNT_ANNOUNCE_DELAY_MS);
  }

  private countText(): string {
    const field = this.effectiveField;
    const max = field.type === 'textarea' ? field.maxLength : undefined;
    if (max === undefined) return '';
    const left = max - characters(this.shownText);
    return left >= 0 ? this.t('charactersLeft', { count: left }) : this.t('charactersOver', { count: -left });
  }

  private suffix(): string {
    const field = this.effectiveField;
    if (field.type === 'money') return this.t('currency');
    if (field.type === 'number') return this.text(field.unit);
    return '';
  }

  private autocompleteToken(): string | undefined {
    const field = this.effectiveField;
    if (field.type === 'text' && field.autocomplete) return field.autocomplete;
    if (field.type === 'email') return 'email';
    if (field.type === 'phone') return 'tel';
    return field.prefill ? PREFILL_AUTOCOMPLETE[field.prefill] : undefined;
  }

  private dateBound(bound: string | undefined): string | undefined {
    return bound === 'today' ? todayInPrague() : bound;
  }

  protected override renderField(): TemplateResult {
    const field = this.effectiveField;
    const errors = this.shownProblems().map((problem) => problem.message);
    const invalid = errors.length > 0;
    const suffix = this.suffix();
    const counted = field.type === 'textarea' && field.maxLength !== undefined;
    const describedBy = this.describedBy(invalid, ...(counted ? ['count-hint'] : []));
    let control: TemplateResult;
    if (field.type === 'textarea') {
      control = html`<textarea
        id="control"
        part="control"
        rows=${field.rows ?? 5}
        .value=${live(this.shownText)}
        ?disabled=${this.inactive}
        ?readonly=${this.readonly}
        ?required=${!!field.required}
        aria-invalid=${invalid ? 'true' : 'false'}
        aria-describedby=${describedBy}
        @input=${this.onInput}
        @change=${this.userChange}
      ></textarea>`;
    } else {
      const numeric = this.numeric;
      const inputType = field.type === 'email' ? 'email' : field.type === 'phone' ? 'tel' : field.type === 'date' ? 'date' : 'text';
      control = html`<input
        id="control"
        part="control"
        class=${numeric || field.type === 'date' ? 'narrow' : ''}
        type=${inputType}
        inputmode=${ifDefined(numeric ? 'decimal' : undefined)}
        autocomplete=${ifDefined(this.autocompleteToken())}
        spellcheck=${ifDefined(field.type === 'email' || numeric ? 'false' : undefined)}
        min=${ifDefined(field.type === 'date' ? this.dateBound(field.min) : undefined)}
        max=${ifDefined(field.type === 'date' ? this.dateBound(field.max) : undefined)}
        .value=${live(this.shownText)}
        ?disabled=${this.inactive}
        ?readonly=${this.readonly}
        ?required=${!!field.required}
        aria-invalid=${invalid ? 'true' : 'false'}
        aria-describedby=${describedBy}
        @input=${this.onInput}
        @change=${this.userChange}
      />`;
      if (suffix) control = html`<div class="with-suffix">${control}<span part="suffix" class="suffix" aria-hidden="true">${suffix}</span></div>`;
    }
    const maxLength = field.type === 'textarea' ? field.maxLength : undefined;
    const left = maxLength === undefined ? 0 : maxLength - characters(this.shownText);
    return html`<div part="field" class="field ${invalid ? 'invalid' : ''}" lang=${this.language} @focusout=${this.onFocusOut}>
      <label part="label" for="control">${this.renderLabelText(suffix ? html`<span class="visually-hidden"> (${suffix})</span>` : nothing)}</label>
      ${this.renderHint()} ${control}
      ${maxLength === undefined
        ? nothing
        : html`<p id="count-hint" class="visually-hidden">${this.t('charactersMax', { count: maxLength })}</p>
            <p part="count" class="count ${left < 0 ? 'over' : ''}" aria-hidden="true">${this.countText()}</p>
            <p class="visually-hidden" aria-live="polite">${this.countAnnouncement}</p>`}
      ${this.renderError(errors)}
    </div>`;
  }
}

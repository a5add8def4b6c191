import { html, type TemplateResult } from 'lit';
import { live } from 'lit/directives/live.js';
import type { YesNoField } from '../../../src/forms/definition.js';
import { ObecField, type FormValue } from './field-base.js';

/**
 * @summary A yes-or-no question: two radio buttons, Ano and Ne.
 *
 * @description The value is `true` (Ano), `false` (Ne) or undefined before
 * either is chosen; a `value="true"` or `value="false"` attribute chooses one
 * at first. In a host page form it submits `true` or `false`, nothing before
 * a choice. The arrow keys move between the two.
 *
 * @attribute value - `true` or `false`: the answer chosen at first.
 *
 * @event input - The value changed (bubbles, composed); `value` is already current.
 * @event change - The person chose (bubbles).
 *
 * @csspart field - The fieldset.
 * @csspart label - The legend (the question).
 * @csspart hint - The hint under it.
 * @csspart option - Ano or Ne with its radio button.
 * @csspart control - Each radio button.
 * @csspart error - The error message.
 *
 * @cssproperty --obec-color-primary - Colour of the chosen radio.
 * @cssproperty --obec-color-error - Error text and bar.
 * @cssstate dark - The dark theme of the page's `<obec-portal>` is in effect.
 */
export class ObecYesNoField extends ObecField<YesNoField, boolean> {
  protected override fieldFromAttributes(): YesNoField {
    return { ...this.commonAttributes(), type: 'yesno' };
  }

  protected override defaultValue(): boolean | undefined {
    const value = this.getAttribute('value');
    return value === 'true' ? true : value === 'false' ? false : undefined;
  }

  protected override formValue(): FormValue {
    return this.value === undefined ? null : String(this.value);
  }

  protected override controlFor(part?: string): HTMLElement | null {
    if (part || !this.shadowRoot) return null;
    return this.shadowRoot.querySelector<HTMLInputElement>('input:checked') ?? this.shadowRoot.querySelector('input');
  }

  protected override renderField(): TemplateResult {
    const errors = this.shownProblems().map((problem) => problem.message);
    const invalid = errors.length > 0;
    const radio = (answer: boolean) => {
      const id = answer ? 'yes' : 'no';
      return html`<div part="option" class="option">
        <input
          id=${id}
          part="control"
          type="radio"
          name="yesno"
          value=${String(answer)}
          .checked=${live(this.value === answer)}
          ?disabled=${this.inactive || this.readonly}
          ?required=${!!this.effectiveField.required}
          aria-invalid=${invalid ? 'true' : 'false'}
          @input=${() => this.userInput(answer)}
          @change=${this.userChange}
        />
        <label for=${id}>${this.t(id)}</label>
      </div>`;
    };
    return this.renderFieldset(
      invalid,
      invalid,
      html`<div class="options inline">${radio(true)} ${radio(false)}</div>
        ${this.renderError(errors)}`,
    );
  }
}

import { html, type TemplateResult } from 'lit';
import { live } from 'lit/directives/live.js';
import type { BankAccountField } from '../../../src/forms/definition.js';
import { ObecField, type FormValue } from './field-base.js';

/**
 * @summary A Czech bank account number, `prefix-number/bank`.
 *
 * @description One input with the format as a hint ("například
 * 19-2000145399/0800"); the check digits of the prefix and the number are
 * verified (mod 11). The value is the text as typed; a `value` attribute
 * fills it at first.
 *
 * @attribute value - The starting value; a form reset returns to it.
 *
 * @event input - The value changed (bubbles, composed); `value` is already current.
 * @event change - The person committed a change (bubbles).
 *
 * @csspart field - The wrapper.
 * @csspart label - The label.
 * @csspart hint - The hint with the format.
 * @csspart control - The input.
 * @csspart error - The error message.
 *
 * @cssproperty --obec-color-error - Error text and bar.
 * @cssproperty --obec-color-focus - Focus ring.
 * @cssstate dark - The dark theme of the page's `<obec-portal>` is in effect.
 */
export class ObecBankAccountField extends ObecField<BankAccountField, string> {
  protected override fieldFromAttributes(): BankAccountField {
    return { ...this.commonAttributes(), type: 'bank-account' };
  }

  protected override defaultValue(): string {
    return this.getAttribute('value') ?? '';
  }

  protected override formValue(): FormValue {
    return this.value ?? '';
  }

  protected override hintLines(): string[] {
    return [...super.hintLines(), this.t('bankAccountHint')];
  }

  protected override renderField(): TemplateResult {
    const errors = this.shownProblems().map((problem) => problem.message);
    const invalid = errors.length > 0;
    return html`<div part="field" class="field ${invalid ? 'invalid' : ''}" lang=${this.language} @focusout=${this.onFocusOut}>
      <label part="label" for="control">${this.renderLabelText()}</label>
      ${this.renderHint()}
      <input
        id="control"
        part="control"
        class="account"
        type="text"
        spellcheck="false"
        .value=${live(this.value ?? '')}
        ?disabled=${this.inactive}
        ?readonly=${this.readonly}
        ?required=${!!this.effectiveField.required}
        aria-invalid=${invalid ? 'true' : 'false'}
        aria-describedby=${this.describedBy(invalid)}
        @input=${(event: Event) => this.userInput((event.target as HTMLInputElement).value)}
        @change=${this.userChange}
      />
      ${this.renderError(errors)}
    </div>`;
  }
}

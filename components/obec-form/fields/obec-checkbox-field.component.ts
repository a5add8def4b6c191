import { html, type TemplateResult } from 'lit';
import { live } from 'lit/directives/live.js';
import type { CheckboxField } from '../../../src/forms/definition.js';
import { ObecField, type FormValue } from './field-base.js';

/**
 * @summary One check box, such as "Prohlašuji, že uvedené údaje jsou pravdivé."
 *
 * @description The value is `true` when ticked, `false` when not; `required`
 * means it must be ticked. The `checked` attribute ticks it at first. In a
 * host page form it submits `true` when ticked and nothing when not, as a
 * native check box does.
 *
 * @attribute checked - Ticked at first; a form reset returns to it.
 *
 * @event input - The value changed (bubbles, composed); `value` is already current.
 * @event change - The person ticked or unticked it (bubbles).
 *
 * @csspart field - The wrapper.
 * @csspart label - The label next to the box.
 * @csspart hint - The hint under it.
 * @csspart control - The check box.
 * @csspart error - The error message.
 *
 * @cssproperty --obec-color-primary - Colour of the ticked box.
 * @cssproperty --obec-color-error - Error text and bar.
 * @cssstate dark - The dark theme of the page's `<obec-portal>` is in effect.
 */
export class ObecCheckboxField extends ObecField<CheckboxField, boolean> {
  protected override fieldFromAttributes(): CheckboxField {
    return { ...this.commonAttributes(), type: 'checkbox' };
  }

  protected override defaultValue(): boolean {
    return this.hasAttribute('checked');
  }

  protected override formValue(): FormValue {
    return this.value ? 'true' : null;
  }

  /** A lone check box is optional by nature: no "(nepovinné)" marker. */
  protected override renderLabelText(): TemplateResult {
    return html`${this.text(this.effectiveField.label)}`;
  }

  protected override renderField(): TemplateResult {
    const errors = this.shownProblems().map((problem) => problem.message);
    const invalid = errors.length > 0;
    return html`<div part="field" class="field single ${invalid ? 'invalid' : ''}" lang=${this.language} @focusout=${this.onFocusOut}>
      <div class="option">
        <input
          id="control"
          part="control"
          type="checkbox"
          .checked=${live(this.value === true)}
          ?disabled=${this.inactive || this.readonly}
          ?required=${!!this.effectiveField.required}
          aria-invalid=${invalid ? 'true' : 'false'}
          aria-describedby=${this.describedBy(invalid)}
          @input=${(event: Event) => this.userInput((event.target as HTMLInputElement).checked)}
          @change=${this.userChange}
        />
        <label part="label" for="control">${this.renderLabelText()}</label>
      </div>
      ${this.renderHint()} ${this.renderError(errors)}
    </div>`;
  }
}

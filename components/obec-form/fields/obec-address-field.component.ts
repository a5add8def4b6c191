import { html, nothing, type TemplateResult } from 'lit';
import { live } from 'lit/directives/live.js';
import type { Address, AddressField } from '../../../src/forms/definition.js';
import { isEmpty } from '../../../src/forms/validate.js';
import { ObecField, type FormValue } from './field-base.js';
import type { FieldMessages } from './field-messages.js';

/** The parts of an address, in the order they are asked. */
export const ADDRESS_PARTS = ['street', 'city', 'postcode'] as const;
export type AddressPart = (typeof ADDRESS_PARTS)[number];

const AUTOCOMPLETE: Record<AddressPart, string> = {
  street: 'address-line1',
  city: 'address-level2',
  postcode: 'postal-code',
};

const EMPTY: Address = { street: '', city: '', postcode: '' };

/**
 * @summary A postal address in the Czech Republic: street and house number,
 * town, postcode.
 *
 * @description The value is `{ street, city, postcode }`, undefined while all
 * three are empty. Each part has its own label, browser autofill token
 * (`address-line1`, `address-level2`, `postal-code`) and error; the postcode
 * is checked as `123 45`. In a host page form it submits `<name>.street`,
 * `<name>.city` and `<name>.postcode`. `focusControl('postcode')` focuses one
 * part.
 *
 * @event input - The value changed (bubbles, composed); `value` is already current.
 * @event change - The person committed a change of a part (bubbles).
 *
 * @csspart field - The fieldset.
 * @csspart label - The legend.
 * @csspart hint - The hint under it.
 * @csspart part - Each part with its label and input.
 * @csspart part-label - The label of a part.
 * @csspart control - Each input.
 * @csspart error - An error message, of the whole address or of a part.
 *
 * @cssproperty --obec-color-error - Error text and bar.
 * @cssproperty --obec-color-focus - Focus ring.
 * @cssstate dark - The dark theme of the page's `<obec-portal>` is in effect.
 */
export class ObecAddressField extends ObecField<AddressField, Address> {
  protected override fieldFromAttributes(): AddressField {
    return { ...this.commonAttributes(), type: 'address' };
  }

  protected override formValue(): FormValue {
    const data = new FormData();
    const value = this.value ?? EMPTY;
    for (const part of ADDRESS_PARTS) data.append(`${this.formName}.${part}`, value[part]);
    return data;
  }

  protected override controlFor(part?: string): HTMLElement | null {
    const name = ADDRESS_PARTS.includes(part as AddressPart) ? part : part ? undefined : 'street';
    return name ? (this.shadowRoot?.querySelector<HTMLElement>(`#${name}`) ?? null) : null;
  }

  private onInput(part: AddressPart, event: Event): void {
    const next = { ...(this.value ?? EMPTY), [part]: (event.target as HTMLInputElement).value };
    this.userInput(isEmpty(next) ? undefined : next);
  }

  protected override renderField(): TemplateResult {
    const whole = this.shownProblems().map((problem) => problem.message);
    const invalid = whole.length > 0 || ADDRESS_PARTS.some((part) => this.shownProblems(part).length > 0);
    const value = this.value ?? EMPTY;
    const labels: Record<AddressPart, keyof FieldMessages> = { street: 'street', city: 'city', postcode: 'postcode' };
    return this.renderFieldset(
      invalid,
      whole.length > 0,
      html`${this.renderError(whole)}
        <div class="parts">
          ${ADDRESS_PARTS.map((part) => {
            const errors = this.shownProblems(part).map((problem) => problem.message);
            const partInvalid = errors.length > 0 || whole.length > 0;
            const described = [part === 'postcode' ? 'postcode-hint' : '', errors.length > 0 ? `error-${part}` : ''].filter(Boolean).join(' ');
            return html`<div part="part" class="part">
              <label part="part-label" for=${part}>${this.t(labels[part])}</label>
              ${part === 'postcode' ? html`<p id="postcode-hint" part="hint" class="hint">${this.t('postcodeHint')}</p>` : nothing}
              <input
                id=${part}
                part="control"
                class=${part === 'postcode' ? 'postcode' : ''}
                type="text"
                inputmode=${part === 'postcode' ? 'numeric' : nothing}
                autocomplete=${AUTOCOMPLETE[part]}
                .value=${live(value[part])}
                ?disabled=${this.inactive}
                ?readonly=${this.readonly}
                ?required=${!!this.effectiveField.required}
                aria-invalid=${partInvalid ? 'true' : 'false'}
                aria-describedby=${described || nothing}
                @input=${(event: Event) => this.onInput(part, event)}
                @change=${this.userChange}
              />
              ${this.renderError(errors, `error-${part}`)}
            </div>`;
          })}
        </div>`,
    );
  }
}

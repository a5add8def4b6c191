import { html, nothing, type TemplateResult } from 'lit';
import { property } from 'lit/decorators.js';
import { live } from 'lit/directives/live.js';
import type { ChoiceField, Option } from '../../../src/forms/definition.js';
import { ObecField, type FormValue } from './field-base.js';

/** How `<obec-choice-field>` offers its options. */
export type ChoiceDisplay = ChoiceField['display'];

/**
 * @summary A choice among options: radio buttons or a select list (one
 * answer), or check boxes (several).
 *
 * @description The options come from the `field`, or standalone from
 * `<option value="…">Label</option>` children (read, not shown themselves;
 * `selected` ones are chosen at first). `display="radio"` and `"select"` give
 * one value (the option's `value`), `"checkboxes"` an array of them, limited by
 * `min-selected` / `max-selected`. In a host page form the check boxes submit
 * one entry per chosen option under the field's name, as native ones do.
 * Radios move and choose with the arrow keys.
 *
 * @attribute value - The option chosen at first (radio, select); `<option selected>` children work too.
 *
 * @event input - The value changed (bubbles, composed); `value` is already current.
 * @event change - The person changed the choice (bubbles).
 *
 * @csspart field - The fieldset (radio, checkboxes) or wrapper (select).
 * @csspart label - The legend or label of the whole field.
 * @csspart hint - The hint under it.
 * @csspart option - One radio button or check box with its label.
 * @csspart control - Each radio button or check box, or the select.
 * @csspart error - The error message.
 *
 * @cssproperty --obec-color-primary - Colour of ticked boxes and chosen radios.
 * @cssproperty --obec-color-error - Error text and bar.
 * @cssstate dark - The dark theme of the page's `<obec-portal>` is in effect.
 */
export class ObecChoiceField extends ObecField<ChoiceField, string | string[]> {
  /** How the options are offered, when there is no `field`: `radio` (default), `select` or `checkboxes`. */
  @property({ reflect: true }) display: ChoiceDisplay = 'radio';

  /** Fewest options to tick (checkboxes). */
  @property({ type: Number, attribute: 'min-selected' }) minSelected?: number;

  /** Most options to tick (checkboxes). */
  @property({ type: Number, attribute: 'max-selected' }) maxSelected?: number;

  private readonly optionsObserver = new MutationObserver(() => this.requestUpdate());

  override connectedCallback(): void {
    super.connectedCallback();
    this.optionsObserver.observe(this, { childList: true, subtree: true, characterData: true, attributes: true });
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.optionsObserver.disconnect();
  }

  private get multiple(): boolean {
    return this.effectiveField.display === 'checkboxes';
  }

  /** The chosen values, whatever the display. */
  private get chosen(): string[] {
    const value = this.value;
    if (value === undefined || value === '') return [];
    return Array.isArray(value) ? value : [value];
  }

  private lightOptions(): HTMLOptionElement[] {
    return [...this.querySelectorAll<HTMLOptionElement>(':scope > option')];
  }

  protected override fieldFromAttributes(): ChoiceField {
    const options: Option[] = this.lightOptions().map((option) => ({
      value: option.value,
      label: (option.textContent ?? '').replace(/\s+/g, ' ').trim(),
      help: option.title || undefined,
    }));
    return {
      ...this.commonAttributes(),
      type: 'choice',
      display: this.display,
      options,
      minSelected: this.minSelected,
      maxSelected: this.maxSelected,
    };
  }

  protected override defaultValue(): string | string[] | undefined {
    const selected = this.lightOptions()
      .filter((option) => option.hasAttribute('selected'))
      .map((option) => option.value);
    if (this.multiple) return selected;
    return this.getAttribute('value') ?? selected[0];
  }

  protected override formValue(): FormValue {
    if (!this.multiple) return this.chosen[0] ?? (this.effectiveField.display === 'select' ? '' : null);
    const data = new FormData();
    for (const value of this.chosen) data.append(this.formName, value);
    return data;
  }

  protected override controlFor(part?: string): HTMLElement | null {
    if (part || !this.shadowRoot) return null;
    const root = this.shadowRoot;
    if (this.effectiveField.display === 'select') return root.querySelector('select');
    return root.querySelector<HTMLInputElement>('input:checked') ?? root.querySelector('input');
  }

  private onToggle(event: Event): void {
    const input = event.target as HTMLInputElement;
    if (!this.multiple) {
      this.userInput(input.value);
      return;
    }
    const ticked = new Set(this.chosen);
    if (input.checked) ticked.add(input.value);
    else ticked.delete(input.value);
    // in the order of the options, as the form shows them
    this.userInput(this.effectiveField.options.map((option) => option.value).filter((value) => ticked.has(value)));
  }

  private onSelect(event: Event): void {
    this.userInput((event.target as HTMLSelectElement).value || undefined);
  }

  protected override renderField(): TemplateResult {
    const field = this.effectiveField;
    const errors = this.shownProblems().map((problem) => problem.message);
    const invalid = errors.length > 0;
    if (field.display === 'select') {
      const chosen = this.chosen[0] ?? '';
      return html`<div part="field" class="field ${invalid ? 'invalid' : ''}" lang=${this.language} @focusout=${this.onFocusOut}>
        <label part="label" for="control">${this.renderLabelText()}</label>
        ${this.renderHint()}
        <select
          id="control"
          part="control"
          ?disabled=${this.inactive || this.readonly}
          ?required=${!!field.required}
          aria-invalid=${invalid ? 'true' : 'false'}
          aria-describedby=${this.describedBy(invalid)}
          @input=${this.onSelect}
          @change=${this.userChange}
        >
          <option value="" .selected=${live(chosen === '')}>${this.t('choose')}</option>
          ${field.options.map(
            (option) => html`<option value=${option.value} .selected=${live(option.value === chosen)}>${this.text(option.label)}</option>`,
          )}
        </select>
        ${this.renderError(errors)}
      </div>`;
    }
    const type = this.multiple ? 'checkbox' : 'radio';
    const chosen = this.chosen;
    return this.renderFieldset(
      invalid,
      invalid,
      html`<div class="options">
          ${field.options.map((option, index) => {
            const help = this.text(option.help);
            return html`<div part="option" class="option">
              <input
                id="option-${index}"
                part="control"
                type=${type}
                name="choice"
                value=${option.value}
                .checked=${live(chosen.includes(option.value))}
                ?disabled=${this.inactive || this.readonly}
                ?required=${!this.multiple && !!field.required}
                aria-invalid=${invalid ? 'true' : 'false'}
                aria-describedby=${help ? `option-help-${index}` : nothing}
                @input=${this.onToggle}
                @change=${this.userChange}
              />
              <label for="option-${index}">${this.text(option.label)}</label>
              ${help ? html`<p id="option-help-${index}" class="hint">${help}</p>` : nothing}
            </div>`;
          })}
        </div>
        ${this.renderError(errors)}`,
    );
  }
}

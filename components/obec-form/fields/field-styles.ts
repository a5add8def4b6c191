import { css } from 'lit';

/**
 * The gov.cz look of a form field: the label bold above, the hint muted
 * under it, the error in red with a red bar along the whole field, 44px
 * controls with a clear focus ring.
 */
export const fieldStyles = css`
  :host {
    margin-bottom: var(--_space-l);
  }
  :host(:state(dark)) {
    color-scheme: dark;
  }
  .field {
    display: flex;
    flex-direction: column;
    gap: var(--_space-xs);
    min-width: 0;
    margin: 0;
    padding: 0;
    border: 0;
  }
  .field.invalid {
    padding-left: var(--_space-m);
    border-left: 4px solid var(--_color-error);
  }
  label,
  legend {
    font-weight: 700;
  }
  legend {
    /* a legend does not take part in the fieldset's flex layout */
    float: left;
    width: 100%;
    padding: 0;
  }
  legend + * {
    clear: both;
  }
  .optional {
    font-weight: 400;
  }
  .hint,
  .count {
    margin: 0;
    color: var(--_color-text-muted);
  }
  .hint span {
    display: block;
  }
  .error {
    margin: 0;
    color: var(--_color-error);
    font-weight: 700;
  }
  .count.over {
    color: var(--_color-error);
    font-weight: 700;
  }
  input:not([type='radio'], [type='checkbox'], [type='file']),
  select,
  textarea {
    width: 100%;
    max-width: 30em;
    min-height: var(--_control-height);
    margin: 0;
    padding: 0 var(--_space-s);
    border: 2px solid var(--_color-border);
    border-radius: var(--_radius);
    background: var(--_color-surface);
    color: var(--_color-text);
    font: inherit;
  }
  textarea {
    max-width: 40em;
    padding: var(--_space-s);
    resize: vertical;
  }
  input.narrow {
    max-width: 12em;
  }
  input.postcode {
    max-width: 7em;
  }
  input.account {
    max-width: 18em;
  }
  [aria-invalid='true'] {
    border-color: var(--_color-error) !important;
  }
  input:focus,
  select:focus,
  textarea:focus {
    outline: var(--_focus-ring);
    outline-offset: 0;
  }
  :disabled {
    cursor: not-allowed;
  }
  input:disabled:not([type='radio'], [type='checkbox']),
  select:disabled,
  textarea:disabled {
    background: var(--_color-surface-alt);
  }
  .with-suffix {
    display: flex;
    align-items: center;
    gap: var(--_space-s);
  }
  .with-suffix input {
    max-width: 12em;
  }
  .suffix {
    font-weight: 700;
  }
  .options {
    display: flex;
    flex-direction: column;
    gap: var(--_space-xs);
  }
  .options.inline {
    flex-direction: row;
    flex-wrap: wrap;
    gap: var(--_space-l);
  }
  .option {
    display: grid;
    grid-template-columns: 1.5em 1fr;
    column-gap: var(--_space-s);
    align-items: center;
    min-height: var(--_control-height);
  }
  .option input {
    width: 1.5em;
    height: 1.5em;
    margin: 0;
    accent-color: var(--_color-primary);
  }
  .option label {
    font-weight: 400;
  }
  .option .hint {
    grid-column: 2;
  }
  .single label {
    font-weight: 700;
  }
  .single > .hint,
  .single > .error {
    /* under the label, past the box */
    padding-left: calc(1.5em + var(--_space-s));
  }
  .parts {
    display: flex;
    flex-direction: column;
    gap: var(--_space-m);
  }
  .part {
    display: flex;
    flex-direction: column;
    gap: var(--_space-xs);
  }
  .part label {
    font-weight: 400;
  }
  input[type='file'] {
    max-width: 100%;
    font: inherit;
  }
  input[type='file']::file-selector-button {
    min-height: var(--_control-height);
    margin-right: var(--_space-s);
    padding: 0 var(--_space-m);
    border: 2px solid var(--_color-primary);
    border-radius: var(--_radius);
    background: var(--_color-surface);
    color: var(--_color-primary);
    font: inherit;
    font-weight: 700;
    cursor: pointer;
  }
  .files {
    margin: var(--_space-xs) 0 0;
    padding: 0;
    list-style: none;
  }
  .files li {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: var(--_space-s);
    padding: var(--_space-xs) 0;
    border-bottom: 1px solid var(--_color-surface-alt);
  }
  .file-name {
    font-weight: 700;
    overflow-wrap: anywhere;
  }
  .file-size {
    color: var(--_color-text-muted);
  }
  .files .button {
    margin-left: auto;
  }
`;

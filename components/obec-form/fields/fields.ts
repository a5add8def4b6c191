import { defineElement } from '../../../src/define.js';
import { ObecAddressField } from './obec-address-field.component.js';
import { ObecBankAccountField } from './obec-bank-account-field.component.js';
import { ObecCheckboxField } from './obec-checkbox-field.component.js';
import { ObecChoiceField } from './obec-choice-field.component.js';
import { ObecFileField } from './obec-file-field.component.js';
import { ObecTextField } from './obec-text-field.component.js';
import { ObecYesNoField } from './obec-yesno-field.component.js';

/**
 * The form field elements. `<obec-form>` imports this module; a page that
 * uses the fields in its own `<form>` imports it too (or lets the loader do it).
 */
export { ObecAddressField, ObecBankAccountField, ObecCheckboxField, ObecChoiceField, ObecFileField, ObecTextField, ObecYesNoField };
export type { FieldProblem, FormValue } from './field-base.js';
export type { ChoiceDisplay } from './obec-choice-field.component.js';
export type { Uploader } from './obec-file-field.component.js';
export type { TextFieldType } from './obec-text-field.component.js';

defineElement('obec-text-field', ObecTextField);
defineElement('obec-choice-field', ObecChoiceField);
defineElement('obec-yesno-field', ObecYesNoField);
defineElement('obec-checkbox-field', ObecCheckboxField);
defineElement('obec-address-field', ObecAddressField);
defineElement('obec-bank-account-field', ObecBankAccountField);
defineElement('obec-file-field', ObecFileField);

declare global {
  interface HTMLElementTagNameMap {
    'obec-text-field': ObecTextField;
    'obec-choice-field': ObecChoiceField;
    'obec-yesno-field': ObecYesNoField;
    'obec-checkbox-field': ObecCheckboxField;
    'obec-address-field': ObecAddressField;
    'obec-bank-account-field': ObecBankAccountField;
    'obec-file-field': ObecFileField;
  }
}

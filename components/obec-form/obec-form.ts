import { defineElement } from '../../src/define.js';
import './fields/fields.js';
import { ObecForm } from './obec-form.component.js';

export { ObecForm };
defineElement('obec-form', ObecForm);

declare global {
  interface HTMLElementTagNameMap {
    'obec-form': ObecForm;
  }
}

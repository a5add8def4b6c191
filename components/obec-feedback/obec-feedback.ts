import { defineElement } from '../../src/define.js';
import { ObecFeedback } from './obec-feedback.component.js';

export { ObecFeedback };
defineElement('obec-feedback', ObecFeedback);

declare global {
  interface HTMLElementTagNameMap {
    'obec-feedback': ObecFeedback;
  }
}

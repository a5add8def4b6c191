import { defineElement } from '../../src/define.js';
import { ObecPortal } from './obec-portal.component.js';

export { ObecPortal };
defineElement('obec-portal', ObecPortal);

declare global {
  interface HTMLElementTagNameMap {
    'obec-portal': ObecPortal;
  }
}

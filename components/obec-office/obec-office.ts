import { defineElement } from '../../src/define.js';
import { ObecOffice } from './obec-office.component.js';

export { ObecOffice };
defineElement('obec-office', ObecOffice);

declare global {
  interface HTMLElementTagNameMap {
    'obec-office': ObecOffice;
  }
}

import { defineElement } from '../../src/define.js';
import { ObecLogin } from './obec-login.component.js';

export { ObecLogin };
defineElement('obec-login', ObecLogin);

declare global {
  interface HTMLElementTagNameMap {
    'obec-login': ObecLogin;
  }
}

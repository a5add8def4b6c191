import { defineElement } from '../../src/define.js';
import { ObecDiagnostics } from './obec-diagnostics.component.js';

export { ObecDiagnostics };
defineElement('obec-diagnostics', ObecDiagnostics);

declare global {
  interface HTMLElementTagNameMap {
    'obec-diagnostics': ObecDiagnostics;
  }
}

import { defineElement } from '../../src/define.js';
import '../obec-map/obec-map.js';
import { ObecReport } from './obec-report.component.js';

export { ObecReport };
defineElement('obec-report', ObecReport);

declare global {
  interface HTMLElementTagNameMap {
    'obec-report': ObecReport;
  }
}

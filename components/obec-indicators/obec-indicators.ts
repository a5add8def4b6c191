import { defineElement } from '../../src/define.js';
import { ObecIndicators } from './obec-indicators.component.js';

export { ObecIndicators };
defineElement('obec-indicators', ObecIndicators);

declare global {
  interface HTMLElementTagNameMap {
    'obec-indicators': ObecIndicators;
  }
}

import { defineElement } from '../../src/define.js';
import { ObecMap } from './obec-map.component.js';

export { ObecMap };
defineElement('obec-map', ObecMap);

declare global {
  interface HTMLElementTagNameMap {
    'obec-map': ObecMap;
  }
}

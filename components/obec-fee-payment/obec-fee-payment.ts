import { defineElement } from '../../src/define.js';
import { ObecFeePayment } from './obec-fee-payment.component.js';

export { ObecFeePayment };
defineElement('obec-fee-payment', ObecFeePayment);

declare global {
  interface HTMLElementTagNameMap {
    'obec-fee-payment': ObecFeePayment;
  }
}

/** The whole set: registers every element of the library. */
export * from '../components/obec-portal/obec-portal.js';
export * from '../components/obec-diagnostics/obec-diagnostics.js';
export * from '../components/obec-login/obec-login.js';
export * from '../components/obec-fee-payment/obec-fee-payment.js';
export * from '../components/obec-form/obec-form.js';
export * from '../components/obec-form/fields/fields.js';
export * from '../components/obec-poll/obec-poll.js';
export * from '../components/obec-feedback/obec-feedback.js';
export * from '../components/obec-report/obec-report.js';
export * from '../components/obec-map/obec-map.js';

/**
 * Every element of the library and how to load it. The loader imports a
 * module only when its tag appears on the page.
 */
export const WIDGETS: Record<string, () => Promise<unknown>> = {
  'obec-portal': () => import('../components/obec-portal/obec-portal.js'),
  'obec-diagnostics': () => import('../components/obec-diagnostics/obec-diagnostics.js'),
  'obec-login': () => import('../components/obec-login/obec-login.js'),
  'obec-fee-payment': () => import('../components/obec-fee-payment/obec-fee-payment.js'),
  'obec-form': () => import('../components/obec-form/obec-form.js'),
  'obec-poll': () => import('../components/obec-poll/obec-poll.js'),
  'obec-feedback': () => import('../components/obec-feedback/obec-feedback.js'),
  'obec-report': () => import('../components/obec-report/obec-report.js'),
  'obec-map': () => import('../components/obec-map/obec-map.js'),
  'obec-indicators': () => import('../components/obec-indicators/obec-indicators.js'),
  'obec-office': () => import('../components/obec-office/obec-office.js'),
  // the form's fields, also usable in a plain <form> of the host page
  'obec-text-field': () => import('../components/obec-form/fields/fields.js'),
  'obec-choice-field': () => import('../components/obec-form/fields/fields.js'),
  'obec-yesno-field': () => import('../components/obec-form/fields/fields.js'),
  'obec-checkbox-field': () => import('../components/obec-form/fields/fields.js'),
  'obec-address-field': () => import('../components/obec-form/fields/fields.js'),
  'obec-bank-account-field': () => import('../components/obec-form/fields/fields.js'),
  'obec-file-field': () => import('../components/obec-form/fields/fields.js'),
};

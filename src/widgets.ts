/**
 * Every element of the library and how to load it. The loader imports a
 * module only when its tag appears on the page.
 */
export const WIDGETS: Record<string, () => Promise<unknown>> = {
  'obec-portal': () => import('../components/obec-portal/obec-portal.js'),
  'obec-diagnostics': () => import('../components/obec-diagnostics/obec-diagnostics.js'),
  'obec-login': () => import('../components/obec-login/obec-login.js'),
  'obec-fee-payment': () => import('../components/obec-fee-payment/obec-fee-payment.js'),
};

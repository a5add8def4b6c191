import { css, unsafeCSS } from 'lit';

/**
 * Theme tokens. Public names are `--obec-*`; each widget reads them through a
 * private `--_*` copy with the gov.cz value as fallback, so a token set
 * anywhere above the widget (`:root`, `body`, a sidebar) reaches it, and an
 * unset token falls back to the gov.cz look. Dark values use `--obec-dark-*`.
 */
export const TOKENS = {
  'color-primary': ['#2362a2', '#8cbcec'],
  'color-primary-hover': ['#1a4a7a', '#b3d3f3'],
  'color-on-primary': ['#ffffff', '#0d1b2a'],
  'color-text': ['#262626', '#eef1f4'],
  'color-text-muted': ['#595959', '#c3c9d0'],
  'color-surface': ['#ffffff', '#16191d'],
  'color-surface-alt': ['#f2f4f7', '#23282e'],
  'color-border': ['#6b7280', '#9aa4af'],
  'color-error': ['#b3261e', '#ff9a92'],
  'color-error-surface': ['#fdecea', '#3a1d1b'],
  'color-success': ['#1e6b34', '#8fd6a1'],
  'color-success-surface': ['#e8f4ec', '#16301f'],
  'color-focus': ['#007bff', '#66b0ff'],
} as const;

const light = Object.entries(TOKENS)
  .map(([name, [value]]) => `--_${name}: var(--obec-${name}, ${value});`)
  .join('\n');
const dark = Object.entries(TOKENS)
  .map(([name, [, value]]) => `--_${name}: var(--obec-dark-${name}, ${value});`)
  .join('\n');

export const tokenStyles = css`
  :host {
    ${unsafeCSS(light)}
    --_radius: var(--obec-radius, 4px);
    --_space-xs: var(--obec-space-xs, 4px);
    --_space-s: var(--obec-space-s, 8px);
    --_space-m: var(--obec-space-m, 16px);
    --_space-l: var(--obec-space-l, 24px);
    --_font-size: var(--obec-font-size, 16px);
    --_line-height: var(--obec-line-height, 1.5);
    --_focus-ring: 3px solid var(--_color-focus);
    --_control-height: var(--obec-control-height, 44px);
  }
  :host(:state(dark)) {
    ${unsafeCSS(dark)}
  }
`;

/**
 * Keeps the host page's global CSS out. Selectors do not cross the shadow
 * boundary, but inherited properties and `rem` do: every inherited property
 * a reset on `*` or `html` could change is pinned here with `!important`
 * (which, for the shadow tree's own rules, beats the page's `!important`).
 * The font family alone is inherited on purpose: the widget wears the site's
 * font. Sizes inside widgets use `em` of the pinned size, never `rem`.
 */
export const hostStyles = css`
  :host {
    display: block;
    box-sizing: border-box !important;
    font-family: inherit;
    font-size: var(--_font-size) !important;
    font-weight: 400 !important;
    font-style: normal !important;
    line-height: var(--_line-height) !important;
    letter-spacing: normal !important;
    word-spacing: normal !important;
    text-align: start !important;
    text-transform: none !important;
    text-indent: 0 !important;
    text-shadow: none !important;
    white-space: normal !important;
    color: var(--_color-text) !important;
    background: transparent !important;
    border: 0 !important;
    padding: 0 !important;
    cursor: auto !important;
    -webkit-font-smoothing: auto;
  }
  :host([hidden]) {
    display: none !important;
  }
  *,
  *::before,
  *::after {
    box-sizing: border-box;
  }
`;

/** Building blocks shared by widgets: buttons, messages, focus, hidden text. */
export const controlStyles = css`
  .button {
    display: inline-flex;
    align-items: center;
    justify-content: center;
    gap: var(--_space-s);
    min-height: var(--_control-height);
    padding: 0 var(--_space-m);
    border: 2px solid var(--_color-primary);
    border-radius: var(--_radius);
    background: var(--_color-primary);
    color: var(--_color-on-primary);
    font: inherit;
    font-weight: 700;
    line-height: 1.2;
    cursor: pointer;
  }
  .button:hover {
    background: var(--_color-primary-hover);
    border-color: var(--_color-primary-hover);
  }
  .button.secondary {
    background: var(--_color-surface);
    color: var(--_color-primary);
  }
  .button.secondary:hover {
    background: var(--_color-surface-alt);
  }
  .button[disabled] {
    cursor: not-allowed;
    opacity: 0.7;
  }
  :focus-visible {
    outline: var(--_focus-ring);
    outline-offset: 2px;
  }
  .message {
    margin: 0;
    padding: var(--_space-s) var(--_space-m);
    border-left: 4px solid currentColor;
    border-radius: var(--_radius);
  }
  .message.error {
    color: var(--_color-error);
    background: var(--_color-error-surface);
  }
  .message.success {
    color: var(--_color-success);
    background: var(--_color-success-surface);
  }
  .message p {
    margin: 0;
    color: var(--_color-text);
  }
  .message strong {
    display: block;
  }
  .message.notice {
    margin-bottom: var(--_space-m);
  }
  .visually-hidden {
    position: absolute !important;
    width: 1px !important;
    height: 1px !important;
    margin: -1px !important;
    padding: 0 !important;
    overflow: hidden !important;
    clip: rect(0 0 0 0) !important;
    white-space: nowrap !important;
    border: 0 !important;
  }
`;

/** The framed panel of a widget that stands as a block on the page (`part="base"`), and its title. */
export const panelStyles = css`
  [part='base'] {
    padding: var(--_space-m);
    border: 1px solid var(--_color-border);
    border-radius: var(--_radius);
    background: var(--_color-surface);
    color: var(--_color-text);
  }
  h2 {
    margin: 0 0 var(--_space-m);
    font-size: 1.25em;
    line-height: 1.3;
  }
`;

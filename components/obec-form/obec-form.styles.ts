import { css } from 'lit';

export const formStyles = css`
  h3 {
    margin: 0 0 var(--_space-m);
    font-size: 1.125em;
    line-height: 1.3;
  }
  h4 {
    margin: var(--_space-l) 0 var(--_space-s);
    font-size: 1em;
  }
  h3:focus {
    outline: none;
  }
  h3:focus-visible {
    outline: var(--_focus-ring);
  }
  p {
    margin: 0 0 var(--_space-m);
  }
  .muted {
    color: var(--_color-text-muted);
  }
  .saved {
    margin-top: var(--_space-m);
    font-size: 0.875em;
  }
  .progress-text {
    margin: 0 0 var(--_space-xs);
    color: var(--_color-text-muted);
  }
  /* a <progress>, not a width in a style attribute: a strict style-src forbids those */
  .bar {
    display: block;
    width: 100%;
    height: 6px;
    margin-bottom: var(--_space-m);
    border: 0;
    border-radius: 3px;
    background: var(--_color-surface-alt);
    overflow: hidden;
    appearance: none;
  }
  .bar::-webkit-progress-bar {
    background: var(--_color-surface-alt);
  }
  .bar::-webkit-progress-value {
    background: var(--_color-primary);
  }
  .bar::-moz-progress-bar {
    background: var(--_color-primary);
  }
  .message.info {
    color: var(--_color-primary);
    background: var(--_color-surface-alt);
  }
  .message.info p {
    margin: 0;
  }
  .error-summary {
    margin: 0 0 var(--_space-l);
    padding: var(--_space-m);
    border: 4px solid var(--_color-error);
    border-radius: var(--_radius);
  }
  .error-summary:focus {
    outline: var(--_focus-ring);
    outline-offset: 2px;
  }
  .error-summary h3 {
    margin-bottom: var(--_space-s);
  }
  .error-summary ul {
    margin: 0;
    padding-left: 1.25em;
  }
  .error-summary a {
    color: var(--_color-error);
    font-weight: 700;
  }
  form > * + * {
    margin-top: var(--_space-l);
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_space-m);
    align-items: center;
  }
  .link {
    padding: 0;
    border: 0;
    background: none;
    color: var(--_color-primary);
    font: inherit;
    text-decoration: underline;
    cursor: pointer;
  }
  .link:hover {
    color: var(--_color-primary-hover);
  }
  fieldset {
    margin: 0;
    padding: 0;
    border: 0;
    min-width: 0;
  }
  fieldset.group > legend {
    font-weight: 700;
    font-size: 1.05em;
    margin-bottom: var(--_space-s);
  }
  fieldset.group.invalid {
    padding-left: var(--_space-m);
    border-left: 4px solid var(--_color-error);
  }
  fieldset.group:focus {
    outline: none;
  }
  fieldset.item {
    margin-bottom: var(--_space-m);
    padding: var(--_space-m);
    border: 1px solid var(--_color-border);
    border-radius: var(--_radius);
  }
  fieldset.item > legend {
    padding: 0 var(--_space-xs);
    font-weight: 700;
  }
  fieldset.item > * + * {
    margin-top: var(--_space-m);
  }
  .hint {
    color: var(--_color-text-muted);
  }
  .error-message {
    color: var(--_color-error);
    font-weight: 700;
  }
  .total {
    margin-top: var(--_space-m);
    font-weight: 700;
  }
  .summary {
    margin: 0;
  }
  .summary .row {
    display: grid;
    grid-template-columns: minmax(8em, 1fr) 2fr auto;
    gap: var(--_space-s) var(--_space-m);
    padding: var(--_space-s) 0;
    border-bottom: 1px solid var(--_color-border);
  }
  .summary dt {
    font-weight: 700;
  }
  .summary dd {
    margin: 0;
    overflow-wrap: anywhere;
  }
  @media (max-width: 30em) {
    .summary .row {
      grid-template-columns: 1fr auto;
    }
    .summary dt {
      grid-column: 1 / -1;
    }
  }
  ul.plain,
  ol.plain {
    margin: 0;
    padding-left: 1.25em;
  }
  [part='review'] {
    margin-bottom: var(--_space-l);
  }
  .confirmation {
    padding: var(--_space-m);
    border-left: 6px solid var(--_color-success);
    background: var(--_color-success-surface);
    border-radius: var(--_radius);
  }
  .reference {
    font-size: 1.5em;
  }
  .submissions {
    margin-top: var(--_space-l);
  }
  table {
    width: 100%;
    border-collapse: collapse;
  }
  th,
  td {
    padding: var(--_space-s);
    border-bottom: 1px solid var(--_color-border);
    text-align: start;
    vertical-align: top;
  }
  .note {
    color: var(--_color-text-muted);
  }
`;

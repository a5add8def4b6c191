import { css } from 'lit';

export const diagnosticsStyles = css`
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
  h3 {
    margin: var(--_space-m) 0 var(--_space-s);
    font-size: 1em;
  }
  dl {
    display: grid;
    grid-template-columns: minmax(10em, max-content) 1fr;
    gap: var(--_space-xs) var(--_space-m);
    margin: 0;
  }
  dt {
    font-weight: 700;
  }
  dd {
    margin: 0;
    overflow-wrap: anywhere;
  }
  .muted {
    color: var(--_color-text-muted);
  }
  [part='status'] {
    margin-bottom: var(--_space-s);
  }
  p {
    margin: var(--_space-s) 0;
  }
`;

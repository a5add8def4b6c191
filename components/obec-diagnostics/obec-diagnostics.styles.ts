import { css } from 'lit';

export const diagnosticsStyles = css`
  :host {
    container-type: inline-size;
  }
  h3 {
    margin: var(--_space-m) 0 var(--_space-s);
    font-size: 1em;
  }
  dl {
    margin: 0;
  }
  dd + dt {
    margin-top: var(--_space-s);
  }
  /* side by side only where there is room; a sidebar gets them stacked */
  @container (min-width: 36em) {
    dl {
      display: grid;
      grid-template-columns: max-content 1fr;
      gap: var(--_space-xs) var(--_space-m);
    }
    dd + dt {
      margin-top: 0;
    }
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

import { css } from 'lit';

/** The office shell: who is signed in, the tab list and the panel. */
export const officeShellStyles = css`
  .muted {
    color: var(--_color-text-muted);
  }
  .who {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_space-xs) var(--_space-m);
    margin: 0 0 var(--_space-m);
    color: var(--_color-text-muted);
  }
  .tabs {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_space-xs);
    border-bottom: 2px solid var(--_color-border);
  }
  .tab {
    font: inherit;
    color: var(--_color-text);
    background: none;
    border: none;
    border-bottom: 4px solid transparent;
    margin-bottom: -2px;
    padding: var(--_space-s) var(--_space-m);
    cursor: pointer;
  }
  .tab:hover {
    border-bottom-color: var(--_color-border);
  }
  .tab[aria-selected='true'] {
    border-bottom-color: var(--_color-primary);
    font-weight: 700;
  }
  .tab:focus-visible,
  .panel:focus-visible {
    outline: var(--_focus-ring);
    outline-offset: 2px;
  }
  .panel {
    padding-top: var(--_space-m);
  }
`;

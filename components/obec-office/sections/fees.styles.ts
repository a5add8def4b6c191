import { css } from 'lit';

/** The fees section: previews, refused cells, the edit and delete panels. */
export const feesStyles = css`
  section + section {
    margin-top: var(--_space-l);
  }
  h4 {
    margin: var(--_space-m) 0 var(--_space-s);
    font-size: 1em;
  }
  .muted {
    color: var(--_color-text-muted);
  }
  input.short {
    width: 8em;
  }
  .field .button {
    align-self: flex-start;
  }
  .actions {
    white-space: nowrap;
  }
  .actions .button + .button {
    margin-inline-start: var(--_space-xs);
  }
  .subform,
  .detail,
  .preview {
    margin-top: var(--_space-m);
    padding: var(--_space-m);
    border: 1px solid var(--_color-border);
    border-radius: var(--_radius);
  }
  .detail {
    border-left: 6px solid var(--_color-primary);
  }
  [tabindex='-1']:focus {
    outline: var(--_focus-ring);
    outline-offset: 2px;
  }
  .error-summary h4 {
    margin-top: 0;
  }
  .button.danger {
    background: var(--_color-error);
    border-color: var(--_color-error);
    color: var(--_color-on-primary);
  }
  .badge.state-overdue {
    color: var(--_color-error);
  }
  .badge.state-paid,
  .badge.status-new {
    color: var(--_color-success);
  }
`;

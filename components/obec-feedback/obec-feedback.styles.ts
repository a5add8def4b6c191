import { css } from 'lit';

export const feedbackStyles = css`
  [part='base'] {
    padding: var(--_space-m);
    border-top: 1px solid var(--_color-border);
    background: var(--_color-surface-alt);
    border-radius: var(--_radius);
  }
  h2 {
    margin: 0 0 var(--_space-s);
    font-size: 1.125em;
    line-height: 1.3;
  }
  .answers,
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_space-s);
    margin-top: var(--_space-s);
  }
  .answers .button {
    min-width: 6em;
  }
  [aria-disabled='true'].button {
    cursor: progress;
  }
  .thanks {
    margin: 0 0 var(--_space-s);
    font-weight: 700;
  }
  .thanks:focus {
    outline: none;
  }
  .thanks:focus-visible {
    outline: var(--_focus-ring);
  }
  label {
    display: block;
    font-weight: 700;
  }
  .hint,
  .counter {
    margin: var(--_space-xs) 0;
    color: var(--_color-text-muted);
    font-size: 0.9375em;
  }
  .counter.over,
  .error-text {
    color: var(--_color-error);
    font-weight: 700;
  }
  textarea {
    display: block;
    width: 100%;
    min-height: 6em;
    padding: var(--_space-s);
    border: 2px solid var(--_color-border);
    border-radius: var(--_radius);
    background: var(--_color-surface);
    color: var(--_color-text);
    font: inherit;
  }
  textarea[aria-invalid='true'] {
    border-color: var(--_color-error);
  }
  .message {
    margin-top: var(--_space-s);
  }
`;

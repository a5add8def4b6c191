import { css } from 'lit';

export const loginStyles = css`
  :host {
    display: inline-block;
    position: relative;
  }
  [part='base'] {
    display: flex;
    flex-direction: column;
    align-items: flex-start;
    gap: var(--_space-s);
  }
  .hint {
    margin: 0;
    font-size: 0.875em;
    color: var(--_color-text-muted);
  }
  :host([variant='link']) .button {
    min-height: auto;
    padding: 0;
    border: 0;
    background: none;
    color: var(--_color-primary);
    text-decoration: underline;
  }
  [part='menu'] {
    position: absolute;
    z-index: 10;
    top: 100%;
    inset-inline-end: 0;
    min-width: 16em;
    margin-top: var(--_space-xs);
    padding: var(--_space-m);
    border: 1px solid var(--_color-border);
    border-radius: var(--_radius);
    background: var(--_color-surface);
    box-shadow: 0 4px 12px rgb(0 0 0 / 0.15);
  }
  [part='menu'].align-start {
    inset-inline-start: 0;
    inset-inline-end: auto;
  }
  [part='menu'][hidden] {
    display: none;
  }
  [part='menu'] p {
    margin: 0 0 var(--_space-s);
  }
  .caret {
    display: inline-block;
    width: 0.5em;
    height: 0.5em;
    border-right: 2px solid currentColor;
    border-bottom: 2px solid currentColor;
    transform: translateY(-25%) rotate(45deg);
  }
  [aria-expanded='true'] .caret {
    transform: translateY(25%) rotate(-135deg);
  }
  .message {
    max-width: 32em;
  }
`;

import { css } from 'lit';

export const feeStyles = css`
  h3 {
    margin: 0 0 var(--_space-s);
    font-size: 1.125em;
  }
  h4 {
    margin: 0 0 var(--_space-s);
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
  .hint,
  .help {
    color: var(--_color-text-muted);
    font-size: 0.875em;
  }
  .field {
    display: flex;
    flex-direction: column;
    gap: var(--_space-xs);
    margin-bottom: var(--_space-m);
  }
  label {
    font-weight: 700;
  }
  input:not([type='checkbox']) {
    min-height: var(--_control-height);
    max-width: 20em;
    padding: 0 var(--_space-s);
    border: 2px solid var(--_color-border);
    border-radius: var(--_radius);
    background: var(--_color-surface);
    color: var(--_color-text);
    font: inherit;
  }
  input[aria-invalid='true'] {
    border-color: var(--_color-error);
  }
  .field-error {
    color: var(--_color-error);
    font-weight: 700;
  }
  ul {
    margin: 0 0 var(--_space-m);
    padding: 0;
    list-style: none;
  }
  .obligation {
    display: grid;
    grid-template-columns: 1.5em 1fr;
    gap: var(--_space-s);
    padding: var(--_space-s) 0;
    border-bottom: 1px solid var(--_color-surface-alt);
  }
  .obligation input {
    width: 1.25em;
    height: 1.25em;
    margin: 0.15em 0 0;
    accent-color: var(--_color-primary);
  }
  .check {
    color: var(--_color-success);
    font-weight: 700;
  }
  .name {
    display: block;
  }
  .details {
    display: flex;
    flex-wrap: wrap;
    gap: 0 var(--_space-m);
    margin: var(--_space-xs) 0 0;
  }
  .details div {
    display: flex;
    gap: var(--_space-xs);
  }
  .details dt {
    color: var(--_color-text-muted);
  }
  .details dt::after {
    content: ':';
  }
  .details dd {
    margin: 0;
  }
  .overdue .state {
    color: var(--_color-error);
    font-weight: 700;
  }
  .paid .state {
    color: var(--_color-success);
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_space-s);
    margin-bottom: var(--_space-m);
  }
  .result {
    margin-bottom: var(--_space-m);
  }
  .result h3:focus {
    outline: none;
  }
  .result h3:focus-visible {
    outline: var(--_focus-ring);
  }
  .receipt {
    margin: 0 0 var(--_space-s);
    padding-left: var(--_space-l);
    list-style: disc;
    color: var(--_color-text);
  }
  .total {
    font-weight: 700;
  }
  .payment {
    margin-bottom: var(--_space-l);
  }
  .payment-body {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_space-m);
    align-items: flex-start;
  }
  .qr {
    width: 12em;
    height: 12em;
    flex: none;
  }
  .copyable {
    margin: 0;
    flex: 1 1 16em;
  }
  .copyable div {
    margin-bottom: var(--_space-s);
  }
  .copyable dt {
    color: var(--_color-text-muted);
  }
  .copyable dd {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: var(--_space-s);
    margin: 0;
    font-weight: 700;
    overflow-wrap: anywhere;
  }
  .copy {
    min-height: 32px;
    padding: 0 var(--_space-s);
    font-size: 0.875em;
  }
`;

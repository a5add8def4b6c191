import { css } from 'lit';

export const reportStyles = css`
  h3 {
    margin: var(--_space-l) 0 var(--_space-m);
    font-size: 1.125em;
    line-height: 1.3;
  }
  h4 {
    margin: 0 0 var(--_space-xs);
    font-size: 1em;
  }
  h5 {
    margin: var(--_space-s) 0 var(--_space-xs);
    font-size: 0.9375em;
  }
  h3:focus,
  [tabindex='-1']:focus {
    outline: none;
  }
  h3:focus-visible,
  [tabindex='-1']:focus-visible {
    outline: var(--_focus-ring);
  }
  p {
    margin: 0 0 var(--_space-s);
  }
  .muted,
  .hint,
  .counter {
    color: var(--_color-text-muted);
  }
  .hint,
  .counter {
    margin: var(--_space-xs) 0;
    font-size: 0.9375em;
  }
  .counter.over,
  .error-text {
    color: var(--_color-error);
    font-weight: 700;
  }
  .field {
    margin: 0 0 var(--_space-l);
    min-width: 0;
  }
  .field.invalid {
    padding-left: var(--_space-m);
    border-left: 4px solid var(--_color-error);
  }
  fieldset {
    padding: 0;
    border: 0;
  }
  legend,
  label {
    display: block;
    font-weight: 700;
  }
  legend {
    margin-bottom: var(--_space-xs);
    padding: 0;
    font-size: 1.05em;
  }
  fieldset label {
    margin-top: var(--_space-s);
  }
  input[type='text'],
  input[type='email'],
  input[type='tel'],
  select,
  textarea {
    display: block;
    width: 100%;
    max-width: 40em;
    min-height: var(--_control-height);
    padding: var(--_space-s);
    border: 2px solid var(--_color-border);
    border-radius: var(--_radius);
    background: var(--_color-surface);
    color: var(--_color-text);
    font: inherit;
  }
  [aria-invalid='true'] {
    border-color: var(--_color-error);
  }
  input[type='file'] {
    display: block;
    margin: var(--_space-xs) 0;
    font: inherit;
  }
  .combobox {
    position: relative;
    max-width: 40em;
  }
  .places {
    position: absolute;
    z-index: 2;
    left: 0;
    right: 0;
    margin: 2px 0 0;
    padding: 0;
    list-style: none;
    border: 2px solid var(--_color-border);
    border-radius: var(--_radius);
    background: var(--_color-surface);
    max-height: 16em;
    overflow-y: auto;
  }
  .places[hidden] {
    display: none;
  }
  .places li {
    padding: var(--_space-s);
    cursor: pointer;
  }
  .places li:hover,
  .places li[aria-selected='true'] {
    background: var(--_color-primary);
    color: var(--_color-on-primary);
  }
  .location {
    margin: var(--_space-s) 0;
  }
  .chosen {
    margin-top: var(--_space-s);
    font-weight: 700;
  }
  .chosen.outside strong {
    color: var(--_color-error);
  }
  .photos {
    display: grid;
    gap: var(--_space-s);
    margin: var(--_space-s) 0 0;
    padding: 0;
    list-style: none;
  }
  .photos li {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_space-s);
    align-items: center;
  }
  .photos img,
  .thumb {
    width: 96px;
    height: 72px;
    object-fit: cover;
    border-radius: var(--_radius);
    background: var(--_color-surface-alt);
  }
  .photo-name {
    overflow-wrap: anywhere;
  }
  ul.plain {
    margin: var(--_space-xs) 0;
    padding-left: 1.25em;
  }
  .cards {
    display: grid;
    gap: var(--_space-m);
    margin: 0;
    padding: 0;
    list-style: none;
  }
  .card {
    padding: var(--_space-m);
    border: 1px solid var(--_color-border);
    border-radius: var(--_radius);
    background: var(--_color-surface);
    overflow-wrap: anywhere;
  }
  .nearby {
    margin-bottom: var(--_space-l);
    padding: var(--_space-m);
    border-radius: var(--_radius);
    background: var(--_color-surface-alt);
  }
  .nearby h3 {
    margin-top: 0;
  }
  .badge {
    display: inline-block;
    margin-right: var(--_space-xs);
    padding: 0 var(--_space-xs);
    border: 1px solid currentColor;
    border-radius: var(--_radius);
    font-size: 0.875em;
    font-weight: 700;
  }
  .state-solved {
    color: var(--_color-success);
  }
  .state-rejected {
    color: var(--_color-error);
  }
  .history {
    margin: 0 0 var(--_space-s);
    padding-left: 1.25em;
  }
  .reply {
    display: block;
    padding-left: var(--_space-s);
    border-left: 4px solid var(--_color-primary);
  }
  .confirm {
    margin-top: var(--_space-m);
    padding-top: var(--_space-s);
    border-top: 1px solid var(--_color-border);
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_space-m);
    margin-top: var(--_space-m);
  }
  [aria-disabled='true'].button {
    cursor: progress;
  }
  .error-summary {
    margin: var(--_space-m) 0;
    padding: var(--_space-m);
    border: 4px solid var(--_color-error);
    border-radius: var(--_radius);
  }
  .error-summary:focus {
    outline: var(--_focus-ring);
    outline-offset: 2px;
  }
  .error-summary h3 {
    margin: 0 0 var(--_space-s);
  }
  .error-summary ul {
    margin: 0;
    padding-left: 1.25em;
  }
  .error-summary a {
    color: var(--_color-error);
    font-weight: 700;
  }
  .confirmation {
    margin-top: var(--_space-m);
    padding: var(--_space-m);
    border-left: 6px solid var(--_color-success);
    background: var(--_color-success-surface);
    border-radius: var(--_radius);
  }
  .confirmation h3 {
    margin-top: 0;
  }
  .reference {
    font-size: 1.125em;
    font-weight: 700;
  }
  .mine {
    margin-top: var(--_space-l);
  }
  .message.notice {
    margin-bottom: var(--_space-m);
  }
  .message.success {
    color: var(--_color-text);
    border-left-color: var(--_color-success);
  }
`;

import { css } from 'lit';

export const pollStyles = css`
  h3 {
    margin: var(--_space-l) 0 var(--_space-m);
    font-size: 1.125em;
    line-height: 1.3;
  }
  h4 {
    margin: 0 0 var(--_space-s);
    font-size: 1em;
    line-height: 1.3;
  }
  h3:focus,
  [data-withdrawn]:focus {
    outline: none;
  }
  h3:focus-visible,
  [data-withdrawn]:focus-visible {
    outline: var(--_focus-ring);
  }
  p {
    margin: 0 0 var(--_space-m);
  }
  .muted,
  .phase {
    color: var(--_color-text-muted);
  }
  .message.info {
    color: var(--_color-primary);
    background: var(--_color-surface-alt);
  }
  .message.notice p:last-child {
    margin-bottom: 0;
  }
  .message .button {
    margin-top: var(--_space-s);
  }
  .message.success {
    margin-bottom: var(--_space-m);
    color: var(--_color-text);
    border-left-color: var(--_color-success);
  }
  .description p {
    margin: 0 0 var(--_space-s);
  }

  /* options and project cards */
  .options {
    display: grid;
    gap: var(--_space-s);
    margin: 0;
    padding: 0;
    list-style: none;
  }
  .options.cards {
    grid-template-columns: repeat(auto-fill, minmax(min(100%, 16em), 1fr));
    gap: var(--_space-m);
  }
  .option {
    min-width: 0;
    padding: var(--_space-s) var(--_space-m);
    border: 1px solid var(--_color-border);
    border-radius: var(--_radius);
    background: var(--_color-surface);
    overflow-wrap: anywhere;
  }
  .cards .option {
    display: flex;
    flex-direction: column;
    gap: var(--_space-xs);
    padding: var(--_space-m);
  }
  .option.invalid {
    border: 2px solid var(--_color-error);
  }
  .option:has(input:checked),
  .option:has([aria-pressed='true']) {
    border-color: var(--_color-primary);
    box-shadow: inset 4px 0 0 var(--_color-primary);
  }
  .option:has(.minus[aria-pressed='true']) {
    border-color: var(--_color-error);
    box-shadow: inset 4px 0 0 var(--_color-error);
  }
  /* a project that does not fit: the card says so in words, and looks it */
  .option:has(input.blocked) {
    border-style: dashed;
  }
  .option p {
    margin: 0;
  }
  .option .description p + p {
    margin-top: var(--_space-xs);
  }
  .picture {
    display: block;
    width: 100%;
    height: auto;
    aspect-ratio: 16 / 9;
    object-fit: cover;
    border-radius: var(--_radius);
    background: var(--_color-surface-alt);
  }
  .option-head {
    display: flex;
    gap: var(--_space-s);
    align-items: flex-start;
  }
  .option-head input {
    flex: none;
    width: 1.5em;
    height: 1.5em;
    margin: 0.1em 0 0;
    accent-color: var(--_color-primary);
    cursor: pointer;
  }
  .option-head input.blocked {
    cursor: not-allowed;
  }
  .title {
    font-weight: 700;
    cursor: pointer;
  }
  h4.title {
    margin: 0;
    cursor: auto;
  }
  .cost {
    font-weight: 700;
  }
  .why,
  .attempt,
  .locked {
    font-size: 0.9375em;
  }
  .locked {
    color: var(--_color-text-muted);
  }
  .attempt {
    padding-left: var(--_space-s);
    border-left: 4px solid var(--_color-error);
    color: var(--_color-text);
  }
  .error-message {
    color: var(--_color-error);
    font-weight: 700;
  }
  .more a {
    color: var(--_color-primary);
  }

  /* the ballot */
  fieldset {
    margin: 0;
    padding: 0;
    border: 0;
    min-width: 0;
  }
  fieldset:focus {
    outline: none;
  }
  legend {
    margin-bottom: var(--_space-s);
    padding: 0;
    font-weight: 700;
    font-size: 1.05em;
  }
  .rules {
    margin-bottom: var(--_space-m);
    padding: var(--_space-s) var(--_space-m);
    border-radius: var(--_radius);
    background: var(--_color-surface-alt);
  }
  .rules ul {
    margin: 0;
    padding-left: 1.25em;
  }
  .counter {
    margin-bottom: var(--_space-m);
    font-weight: 700;
  }
  .counter p {
    margin: 0 0 var(--_space-xs);
  }
  .counter .note,
  .counter .locked {
    font-weight: 400;
  }
  /* a <progress>, not a width in a style attribute: a strict style-src forbids those */
  .spend {
    display: block;
    width: 100%;
    height: 8px;
    margin: var(--_space-xs) 0 var(--_space-s);
    border: 0;
    border-radius: 4px;
    background: var(--_color-surface-alt);
    overflow: hidden;
    appearance: none;
  }
  .spend::-webkit-progress-bar {
    background: var(--_color-surface-alt);
  }
  .spend::-webkit-progress-value {
    background: var(--_color-primary);
  }
  .spend::-moz-progress-bar {
    background: var(--_color-primary);
  }
  .votes {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_space-s);
    align-items: center;
    margin-top: var(--_space-s);
  }
  .vote {
    display: inline-flex;
    align-items: center;
    gap: var(--_space-xs);
    min-height: var(--_control-height);
    min-width: var(--_control-height);
    justify-content: center;
    padding: 0 var(--_space-m);
    border: 2px solid var(--_color-primary);
    border-radius: var(--_radius);
    background: var(--_color-surface);
    color: var(--_color-primary);
    font: inherit;
    font-weight: 700;
    cursor: pointer;
  }
  .vote.minus {
    border-color: var(--_color-error);
    color: var(--_color-error);
  }
  .vote[aria-pressed='true'] {
    background: var(--_color-primary);
    color: var(--_color-on-primary);
  }
  .vote.minus[aria-pressed='true'] {
    background: var(--_color-error);
    color: var(--_color-surface);
  }
  .vote.blocked {
    border-style: dashed;
    border-color: var(--_color-border);
    color: var(--_color-text-muted);
    cursor: not-allowed;
  }
  .stepper {
    display: inline-flex;
    flex-wrap: wrap;
    align-items: center;
    gap: var(--_space-s);
  }
  .stepper .vote {
    padding: 0;
    font-size: 1.25em;
  }
  .given {
    text-align: center;
  }
  .ballot-form .actions,
  .confirmation .actions {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_space-m);
    margin-top: var(--_space-l);
  }
  [aria-disabled='true'].button {
    cursor: progress;
  }

  /* the error summary and the confirmation */
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
  .confirmation.past {
    border-left-color: var(--_color-border);
    background: var(--_color-surface-alt);
  }
  ul.plain {
    margin: 0 0 var(--_space-m);
    padding-left: 1.25em;
  }

  /* results */
  .funded {
    margin-bottom: var(--_space-m);
    padding: var(--_space-m);
    border-left: 6px solid var(--_color-success);
    background: var(--_color-success-surface);
    border-radius: var(--_radius);
  }
  .funded p:last-child {
    margin: 0;
  }
  .chart {
    display: grid;
    gap: var(--_space-m);
    margin: 0;
    padding: 0;
    list-style: none;
  }
  .result-head {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_space-xs) var(--_space-s);
    align-items: baseline;
  }
  .rank {
    min-width: 2em;
    font-weight: 700;
  }
  .name {
    font-weight: 700;
    overflow-wrap: anywhere;
  }
  .badge {
    padding: 0 var(--_space-xs);
    border-radius: var(--_radius);
    font-size: 0.875em;
    font-weight: 700;
  }
  .funded-badge {
    color: var(--_color-success);
    background: var(--_color-success-surface);
  }
  .excluded-badge {
    color: var(--_color-error);
    background: var(--_color-error-surface);
  }
  .bars {
    display: block;
    width: 100%;
    height: 20px;
    margin: var(--_space-xs) 0;
  }
  .bars .track {
    fill: var(--_color-surface-alt);
  }
  .bars .plus {
    fill: var(--_color-primary);
  }
  .bars .plus.funded {
    fill: var(--_color-success);
  }
  .bars .minus {
    fill: var(--_color-error);
  }
  .is-excluded .bars .plus {
    fill: var(--_color-border);
  }
  .numbers {
    color: var(--_color-text-muted);
    font-variant-numeric: tabular-nums;
  }
`;

import { css } from 'lit';

/** The look of `<obec-indicators>`: cards, the period form, the chart. */
export const indicatorsStyles = css`
  .intro,
  .muted {
    color: var(--_color-text-muted);
  }
  .intro {
    margin: 0 0 var(--_space-m);
  }
  .period .button {
    min-height: 2.25em;
  }
  .results > :is(h3, h4, h5):focus {
    outline: var(--_focus-ring);
    outline-offset: 2px;
  }
  .cards {
    display: grid;
    grid-template-columns: repeat(auto-fill, minmax(13em, 1fr));
    gap: var(--_space-s);
    margin: var(--_space-m) 0;
  }
  .card {
    margin: 0;
    padding: var(--_space-s) var(--_space-m);
    border: 1px solid var(--_color-border);
    border-radius: var(--_radius);
    background: var(--_color-surface-alt);
  }
  .card dt {
    font-weight: 600;
  }
  .card dd {
    margin: 0 0 var(--_space-xs);
  }
  .card .value {
    font-size: 1.5em;
    font-weight: 700;
    font-variant-numeric: tabular-nums;
  }
  .card .detail {
    color: var(--_color-text-muted);
    font-size: 0.9375em;
  }
  .per-use {
    margin: var(--_space-xs) 0 0;
    padding-left: 1.25em;
  }
  .chart {
    display: block;
    width: 100%;
    max-width: 48em;
    height: auto;
    margin: var(--_space-s) 0;
  }
  .chart .bar {
    fill: var(--_color-primary);
  }
  .chart .axis {
    stroke: var(--_color-text);
  }
  .chart .grid {
    stroke: var(--_color-border);
    stroke-dasharray: 4 4;
  }
  .chart text {
    fill: var(--_color-text);
    font-size: 14px;
  }
  .measure select {
    max-width: 100%;
  }
`;

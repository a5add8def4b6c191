import { css } from 'lit';

export const mapStyles = css`
  .frame {
    position: relative;
    border: 1px solid var(--_color-border);
    border-radius: var(--_radius);
    overflow: hidden;
    background: var(--_color-surface-alt);
  }
  .map {
    display: block;
    width: 100%;
    height: auto;
    aspect-ratio: 8 / 5;
    touch-action: none;
    cursor: crosshair;
    user-select: none;
  }
  .map:focus {
    outline: none;
  }
  .frame:has(.map:focus-visible) {
    outline: var(--_focus-ring);
    outline-offset: 2px;
  }
  .background {
    fill: var(--_color-surface-alt);
  }
  .boundary {
    fill: var(--_color-primary);
    fill-opacity: 0.06;
    stroke: var(--_color-primary);
    stroke-width: 3;
    stroke-dasharray: 10 6;
  }
  .pin {
    fill: var(--_color-error);
    stroke: var(--_color-surface);
    stroke-width: 2;
  }
  .pin-eye {
    fill: var(--_color-surface);
  }
  .crosshair {
    stroke: var(--_color-text);
    stroke-width: 2;
    fill: none;
    opacity: 0;
  }
  .map:focus .crosshair,
  .map.keyboard .crosshair {
    opacity: 1;
  }
  .controls {
    position: absolute;
    top: var(--_space-s);
    right: var(--_space-s);
    display: flex;
    flex-direction: column;
    gap: var(--_space-xs);
  }
  .controls .button {
    min-width: var(--_control-height);
    padding: 0;
    font-size: 1.25em;
  }
  .attribution {
    margin: var(--_space-xs) 0 0;
    font-size: 0.875em;
    color: var(--_color-text-muted);
  }
  .note {
    margin: var(--_space-xs) 0 0;
  }
  .help {
    margin: var(--_space-xs) 0 0;
    font-size: 0.875em;
    color: var(--_color-text-muted);
  }
`;

import { html, svg, type TemplateResult } from 'lit';

/** One bar of the chart: the first day of its interval and its value. */
export interface TrendBar {
  start: string;
  value: number;
}

interface ChartText {
  /** What the chart says, for screen readers (`aria-label` of the image). */
  summary: string;
  /** The label under a bar (its interval). */
  tick(start: string): string;
  /** A value on the vertical axis. */
  amount(value: number): string;
}

const WIDTH = 600;
const HEIGHT = 260;
const LEFT = 64;
const RIGHT = 8;
const TOP = 12;
const BOTTOM = 36;
const MAX_TICKS = 6;

/** The top of the vertical axis: 1, 2 or 5 times a power of ten, at least `max`. */
function axisTop(max: number): number {
  if (max <= 0) return 1;
  const power = 10 ** Math.floor(Math.log10(max));
  const step = [1, 2, 5, 10].find((factor) => factor * power >= max)!;
  return step * power;
}

/**
 * A bar chart of a trend, drawn in SVG with attributes only (coordinates and
 * classes, no `style`), so a strict `style-src` allows it; colours come from
 * the theme's tokens in CSS. It is one image for screen readers, summarised
 * by its label; the numbers themselves are in the table beside it.
 */
export function trendChart(bars: readonly TrendBar[], text: ChartText): TemplateResult {
  const top = axisTop(Math.max(0, ...bars.map((bar) => bar.value)));
  const plotWidth = WIDTH - LEFT - RIGHT;
  const plotHeight = HEIGHT - TOP - BOTTOM;
  const band = plotWidth / Math.max(1, bars.length);
  const y = (value: number) => TOP + plotHeight - (value / top) * plotHeight;
  const levels = top % 2 === 0 || top >= 10 ? [0, top / 2, top] : [0, top];
  const every = Math.ceil(bars.length / MAX_TICKS);

  return html`<svg class="chart" part="chart" viewBox="0 0 600 260" role="img" aria-label=${text.summary} focusable="false">
    ${levels.map(
      (level) => svg`<line class=${level === 0 ? 'axis' : 'grid'} x1=${LEFT} x2=${WIDTH - RIGHT} y1=${y(level)} y2=${y(level)}></line>
        <text class="amount" x=${LEFT - 6} y=${y(level) + 4} text-anchor="end">${text.amount(level)}</text>`,
    )}
    <line class="axis" x1=${LEFT} x2=${LEFT} y1=${TOP} y2=${TOP + plotHeight}></line>
    ${bars.map((bar, index) => {
      const x = LEFT + index * band;
      const height = TOP + plotHeight - y(bar.value);
      return svg`<rect class="bar" x=${x + band * 0.15} width=${Math.max(1, band * 0.7)} y=${y(bar.value)} height=${bar.value > 0 ? Math.max(1, height) : 0}></rect>
        ${index % every === 0 ? svg`<text class="tick" x=${x + band / 2} y=${HEIGHT - 12} text-anchor="middle">${text.tick(bar.start)}</text>` : ''}`;
    })}
  </svg>`;
}

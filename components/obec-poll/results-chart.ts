import { html, nothing, type TemplateResult } from 'lit';
import type { PollResults } from '../../src/contract/polls.js';
import { formatMoment, formatMoney } from '../../src/i18n/format.js';
import { formatNumber } from '../../src/i18n/translator.js';
import type { PollDefinition } from '../../src/polls/definition.js';
import { textOf, type PollHost } from './ballot-editor.js';

type Row = PollResults['rows'][number];

/** The shortest bar of an option with votes, in % of the widest, so that one vote still shows. */
const MIN_BAR = 0.75;

/**
 * The results as the server computed them (the widget counts nothing): a
 * bar chart for the eye and the same numbers in a table for screen readers;
 * with a budget, the funded projects and the sum given out. The chart is
 * SVG drawn with attributes only (widths, classes), so a strict
 * `style-src` allows it; its colours are the theme's tokens, set in CSS.
 */
export function renderResults(host: PollHost, poll: PollDefinition, results: PollResults): TemplateResult {
  const d21 = poll.method === 'd21';
  const title = (id: string) => textOf(host, poll.options.find((option) => option.id === id)?.title ?? id);
  const share = new Intl.NumberFormat(host.language, { style: 'percent', maximumFractionDigits: 1 });
  const shareOf = (row: Row) => share.format(results.ballots.total > 0 ? row.plus / results.ballots.total : 0);
  const money = (value: number) => formatMoney(host.language, value);
  const widest = Math.max(1, ...results.rows.map((row) => Math.max(row.plus, row.minus)));
  const width = (value: number) => (value === 0 ? 0 : Math.max(MIN_BAR, (value / widest) * 100));
  const rank = (row: Row) => (row.rank === undefined ? '–' : `${formatNumber(host.language, row.rank)}.`);
  const numbers = (row: Row) =>
    d21
      ? `+${formatNumber(host.language, row.plus)} / −${formatNumber(host.language, row.minus)}${d21Score(poll) ? ` = ${formatNumber(host.language, row.score)}` : ''}`
      : `${host.t('votes', { count: row.plus })} (${shareOf(row)})`;
  const funded = results.rows.filter((row) => row.funded);

  // whole <svg> elements inside html templates: Lit parses them in the SVG
  // namespace, and the page does not download the code of Lit's svg tag
  const bars = (row: Row) =>
    d21
      ? html`<svg class="bars" viewBox="0 0 100 20" preserveAspectRatio="none" focusable="false">
          <rect class="track" x="0" y="0" width="100" height="9"></rect>
          <rect class="plus" x="0" y="0" width=${width(row.plus)} height="9"></rect>
          <rect class="track" x="0" y="11" width="100" height="9"></rect>
          <rect class="minus" x="0" y="11" width=${width(row.minus)} height="9"></rect>
        </svg>`
      : html`<svg class="bars" viewBox="0 0 100 20" preserveAspectRatio="none" focusable="false">
          <rect class="track" x="0" y="0" width="100" height="20"></rect>
          <rect class=${row.funded ? 'plus funded' : 'plus'} x="0" y="0" width=${width(row.plus)} height="20"></rect>
        </svg>`;

  return html`<section part="results" class="results" aria-labelledby="results-title">
    <h3 id="results-title" tabindex="-1">${results.final ? host.t('resultsTitle') : host.t('resultsLive')}</h3>
    <p class="muted">
      ${host.t('ballots', { count: results.ballots.total })}
      ${results.ballots.paper > 0 ? host.t('paper', { count: results.ballots.paper }) : nothing}
      ${results.final ? nothing : host.t('computedAt', { date: formatMoment(host.language, results.computedAt, true) })}
    </p>
    ${results.budget
      ? html`<div part="funded" class="funded">
          <h4>${host.t('fundedTitle')}</h4>
          ${funded.length > 0
            ? html`<ul class="plain">
                ${funded.map((row) => html`<li>${title(row.option)}: ${money(row.cost ?? 0)}</li>`)}
              </ul>`
            : html`<p>${host.t('noneFunded')}</p>`}
          <p><strong>${host.t('allocated', { allocated: money(results.budget.allocated), total: money(results.budget.total) })}</strong></p>
        </div>`
      : nothing}
    <ol part="chart" class="chart ${d21 ? 'd21' : ''}" aria-hidden="true">
      ${results.rows.map(
        (row) => html`<li class="result ${row.funded ? 'is-funded' : ''} ${row.excluded ? 'is-excluded' : ''}">
          <div class="result-head">
            <span class="rank">${rank(row)}</span>
            <span class="name">${title(row.option)}</span>
            ${row.funded ? html`<span class="badge funded-badge">✓ ${host.t('funded')}</span>` : nothing}
            ${row.excluded ? html`<span class="badge excluded-badge">${host.t('excluded')}</span>` : nothing}
          </div>
          ${bars(row)}
          <span class="numbers">${numbers(row)}${row.cost !== undefined ? ` · ${money(row.cost)}` : ''}</span>
        </li>`,
      )}
    </ol>
    <table class="visually-hidden">
      <caption>
        ${host.t('tableCaption')}
      </caption>
      <thead>
        <tr>
          <th scope="col">${host.t('colRank')}</th>
          <th scope="col">${host.t('colOption')}</th>
          ${d21
            ? html`<th scope="col">${host.t('colPlus')}</th>
                <th scope="col">${host.t('colMinus')}</th>
                <th scope="col">${host.t('colScore')}</th>`
            : html`<th scope="col">${host.t('colVotes')}</th>
                <th scope="col">${host.t('colShare')}</th>`}
          ${results.budget
            ? html`<th scope="col">${host.t('colCost')}</th>
                <th scope="col">${host.t('colFunded')}</th>`
            : nothing}
        </tr>
      </thead>
      <tbody>
        ${results.rows.map(
          (row) => html`<tr>
            <td>${row.excluded ? host.t('excluded') : rank(row)}</td>
            <th scope="row">${title(row.option)}</th>
            ${d21
              ? html`<td>${formatNumber(host.language, row.plus)}</td>
                  <td>${formatNumber(host.language, row.minus)}</td>
                  <td>${formatNumber(host.language, row.score)}</td>`
              : html`<td>${formatNumber(host.language, row.plus)}</td>
                  <td>${shareOf(row)}</td>`}
            ${results.budget
              ? html`<td>${money(row.cost ?? 0)}</td>
                  <td>${row.funded ? host.t('yes') : host.t('no')}</td>`
              : nothing}
          </tr>`,
        )}
      </tbody>
    </table>
  </section>`;
}

/** Whether a d21 ranking is by net score (then the chart shows it). */
function d21Score(poll: PollDefinition): boolean {
  return (poll.d21?.ranking ?? 'net') === 'net';
}

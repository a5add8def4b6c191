import { Task } from '@lit/task';
import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { ApiError } from '../../src/api/api-error.js';
import { ObecElement } from '../../src/base/obec-element.js';
import { IndicatorsSchema, SERVICES, type IndicatorPoint, type Indicators, type Interval, type Service } from '../../src/contract/indicators.js';
import { formatDate, formatMoney } from '../../src/i18n/format.js';
import { formatNumber, type Params } from '../../src/i18n/translator.js';
import { panelStyles } from '../../src/theme/tokens.js';
import { download, OfficeSection, officeStyles } from '../obec-office/office-shared.js';
import { indicatorsMessages, type IndicatorsMessages } from './obec-indicators.messages.js';
import { indicatorsStyles } from './obec-indicators.styles.js';
import { trendChart } from './trend-chart.js';

type Preset = '30d' | '12m' | 'year';
type Measure = 'visits' | 'newCitizens' | 'signIns' | Service | 'paymentAmount' | 'minutesSaved';
interface Period {
  from: string;
  to: string;
  interval: Interval;
}
interface Problem {
  field: 'from' | 'to';
  text: string;
}

/**
 * Today in Prague, `YYYY-MM-DD` (Swedish writes dates as ISO does). Not src/time/prague.ts: shared with these
 * screens it would become a chunk of its own on every form page.
 */
const todayInPrague = () => new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Prague' }).format(new Date());

const PRESETS: readonly Preset[] = ['30d', '12m', 'year'];
const INTERVALS: readonly Interval[] = ['day', 'week', 'month'];
const MEASURES: readonly Measure[] = ['visits', 'newCitizens', 'signIns', ...SERVICES, 'paymentAmount', 'minutesSaved'];
const DAY_MS = 86_400_000;

const dayMs = (day: string) => Date.parse(`${day}T00:00:00Z`);
const dayOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** Whether `value` is a real calendar day `YYYY-MM-DD`. */
function isDay(value: string | undefined): value is string {
  if (!value || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const ms = dayMs(value);
  return !Number.isNaN(ms) && dayOf(ms) === value;
}

/** The days and interval of a preset, ending today in Prague. */
function presetPeriod(preset: Preset, today: string): Period {
  const [year, month] = today.split('-').map(Number) as [number, number];
  if (preset === '12m') return { from: dayOf(Date.UTC(year, month - 12, 1)), to: today, interval: 'month' };
  if (preset === 'year') return { from: `${year}-01-01`, to: today, interval: 'month' };
  return { from: dayOf(dayMs(today) - 29 * DAY_MS), to: today, interval: 'day' };
}

const valueOf = (point: IndicatorPoint, measure: Measure): number => (measure in point.uses ? point.uses[measure as Service] : point[measure as Exclude<Measure, Service>]);

/**
 * @summary The indicators a town judges its e-services by: population and the
 * citizens who signed in (with their share), new citizens, visits, sign-ins,
 * each service's uses (payments with their sum), the most used service, the
 * citizens' time saved, and a trend over time as a chart and a table.
 *
 * @description Reads `GET {api}/indicators?from&to&interval` (public when the
 * town sets `INDICATORS_PUBLIC=true`, otherwise for the office's staff: a
 * signed-out visitor is asked to sign in, a citizen is told the indicators are
 * for the staff). The period is changed with the date fields, a preset and the
 * grouping, then "Zobrazit"; a wrong period keeps what was typed and says why
 * in an error summary that takes focus. The chart shows one measure at a time
 * (chosen beside it) as bars; the table under it has the same numbers and is
 * the chart's accessible equivalent. "Stáhnout CSV" downloads
 * `GET {api}/indicators.csv` for the same period, for the town council.
 * Inside `<obec-office>` it is the "Ukazatele" tab.
 *
 * @csspart base - The widget.
 * @csspart period - The form that chooses the period.
 * @csspart error-summary - Why the period cannot be shown; takes focus.
 * @csspart cards - The indicators of the period, one card (a `<dl>`) each.
 * @csspart empty - Shown instead of the cards when nothing happened in the period.
 * @csspart chart - The trend chart (SVG).
 * @csspart table - The trend as a table.
 * @csspart refusal - Shown when the indicators are for the staff and the visitor is not signed in as staff.
 * @csspart button - Every button.
 * @csspart config-error - Shown instead of the widget when `api` is missing or wrong.
 *
 * @cssproperty --obec-color-primary - The bars and buttons.
 * @cssproperty --obec-color-surface-alt - The cards' background.
 * @cssstate dark - The dark theme is in effect.
 */
export class ObecIndicators extends OfficeSection {
  static override styles = [ObecElement.styles, panelStyles, officeStyles, indicatorsStyles];
  static override catalogs = [...ObecElement.catalogs, indicatorsMessages];

  /** First day of the period, `YYYY-MM-DD` (with `to`; wins over `period`). */
  @property() from?: string;

  /** Last day of the period, `YYYY-MM-DD` (both days included, Prague time). */
  @property() to?: string;

  /** Grouping of the trend: `day`, `week` or `month`. Default: by the period (days for 30 days, else months). */
  @property() interval?: string;

  /** A preset period ending today: `30d` (the default), `12m` (the last 12 months) or `year` (this year). */
  @property() period?: string;

  @state() private preset: Preset | 'custom' = '30d';
  @state() private draft: Period = presetPeriod('30d', todayInPrague());
  @state() private applied: Period = this.draft;
  @state() private problems: Problem[] = [];
  @state() private measure: Measure = 'visits';
  @state() private downloading = false;
  @state() private downloadProblem = '';

  private focusResults = false;

  private readonly load = new Task(this, {
    task: async ([api, from, to, interval], { signal }) => {
      if (!api) return undefined;
      const data = await api.get('/indicators', IndicatorsSchema, { query: { from, to, interval }, signal });
      if (this.focusResults) this.announce(this.t('loaded', { from: this.date(from), to: this.date(to) }));
      return data;
    },
    args: () => [this.api, this.applied.from, this.applied.to, this.applied.interval, this.runtime?.session?.state.status] as const,
  });

  private t(key: keyof IndicatorsMessages & string, params?: Params): string {
    return this.msg(indicatorsMessages, key, params);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (changed.has('from') || changed.has('to') || changed.has('interval') || changed.has('period')) this.fromAttributes();
  }

  /** The period the attributes ask for; `from` and `to` win over a preset. */
  private fromAttributes(): void {
    const preset = PRESETS.includes(this.period as Preset) ? (this.period as Preset) : '30d';
    const custom = isDay(this.from) && isDay(this.to);
    const period = custom ? { from: this.from!, to: this.to!, interval: 'day' as Interval } : presetPeriod(preset, todayInPrague());
    if (INTERVALS.includes(this.interval as Interval)) period.interval = this.interval as Interval;
    this.preset = custom ? 'custom' : preset;
    this.draft = period;
    this.applied = { ...period };
    this.problems = [];
  }

  protected override updated(changed: PropertyValues): void {
    if (this.focusResults && this.load.status >= 2) {
      this.focusResults = false;
      this.focusAfterRender ??= this.load.status === 2 ? '#results-title' : '[role="alert"]';
    }
    super.updated(changed);
  }

  private date(day: string): string {
    return formatDate(this.language, day);
  }

  // ---- the period -----------------------------------------------------------

  private onPreset(event: Event): void {
    const value = (event.target as HTMLSelectElement).value as Preset | 'custom';
    this.preset = value;
    if (value !== 'custom') this.draft = presetPeriod(value, todayInPrague());
  }

  private onDraft(field: keyof Period, event: Event): void {
    this.draft = { ...this.draft, [field]: (event.target as HTMLInputElement | HTMLSelectElement).value };
    if (field !== 'interval') this.preset = 'custom';
  }

  private check(period: Period): Problem[] {
    const problems: Problem[] = [];
    if (!isDay(period.from)) problems.push({ field: 'from', text: this.t('error.from') });
    if (!isDay(period.to)) problems.push({ field: 'to', text: this.t('error.to') });
    if (problems.length > 0) return problems;
    const [year, month, day] = period.to.split('-').map(Number) as [number, number, number];
    if (period.from > period.to) problems.push({ field: 'from', text: this.t('error.order') });
    else if (dayMs(period.from) < Date.UTC(year - 3, month - 1, day)) problems.push({ field: 'from', text: this.t('error.long') });
    return problems;
  }

  private onSubmit(event: Event): void {
    event.preventDefault();
    this.problems = this.check(this.draft);
    if (this.problems.length > 0) {
      this.focusAfterRender = '[part="error-summary"]';
      return;
    }
    this.applied = { ...this.draft };
    this.focusResults = true;
    void this.load.run();
  }

  private async download(): Promise<void> {
    const api = this.api;
    if (!api || this.downloading) return;
    const { from, to, interval } = this.applied;
    this.downloading = true;
    this.downloadProblem = '';
    this.announce(this.t('downloading'));
    try {
      const name = await download(api, '/indicators.csv', `ukazatele-${from}-${to}.csv`, { from, to, interval });
      this.announce(this.t('downloaded', { name }));
    } catch (error) {
      this.downloadProblem = this.t('downloadFailed', { reason: this.reason(error) });
      this.announce(this.downloadProblem);
    } finally {
      this.downloading = false;
    }
  }

  // ---- rendering ------------------------------------------------------------

  /** Headings one level below the office shell's inside it, else from h2. */
  private heading(step: number, id: string, text: string, focusable = false): TemplateResult {
    const level = (this.me ? 3 : 2) + step;
    const tabindex = focusable ? '-1' : nothing;
    if (level === 2) return html`<h2 id=${id} tabindex=${tabindex}>${text}</h2>`;
    if (level === 3) return html`<h3 id=${id} tabindex=${tabindex}>${text}</h3>`;
    if (level === 4) return html`<h4 id=${id} tabindex=${tabindex}>${text}</h4>`;
    return html`<h5 id=${id} tabindex=${tabindex}>${text}</h5>`;
  }

  protected override renderWidget(): TemplateResult {
    const error = this.load.status === 3 ? this.load.error : undefined;
    const refused = error instanceof ApiError && (error.kind === 'unauthorized' || error.kind === 'forbidden');
    return html`<section part="base" lang=${this.language} aria-labelledby="indicators-title">
      ${this.heading(0, 'indicators-title', this.t('title'))}
      <p class="intro">${this.t('intro')}</p>
      ${refused
        ? this.renderRefusal(error)
        : html`${this.errorSummary(this.t('errorSummary'), this.problems)} ${this.renderForm()}
          ${this.load.render({
            pending: () => html`<p class="muted">${this.t('loading')}</p>`,
            error: (failure) => html`<div class="message error" role="alert" tabindex="-1">
              <p>${this.t('loadFailed', { reason: this.reason(failure) })}</p>
              <button class="button secondary" part="button" @click=${() => this.load.run()}>${this.t('tryAgain')}</button>
            </div>`,
            complete: (data) => (data ? this.renderResults(data) : nothing),
          })}`}
      <p class="visually-hidden" aria-live="polite">${this.announcement}</p>
    </section>`;
  }

  private renderRefusal(error: ApiError): TemplateResult {
    const session = this.runtime?.session;
    const signedOut = error.kind === 'unauthorized' && session && session.state.status !== 'signed-in';
    return html`<div part="refusal" class="message error" role="alert">
      <strong>${this.t('staffOnly')}</strong>
      <p>${error.kind === 'unauthorized' ? this.t('signInHint') : this.t('notStaff')}</p>
      ${signedOut ? html`<p><button class="button" part="button" @click=${() => void session.signIn()}>${this.t('signIn')}</button></p>` : nothing}
    </div>`;
  }


  private renderDateField(field: 'from' | 'to'): TemplateResult {
    const problem = this.problems.find((candidate) => candidate.field === field);
    return html`<div class="field">
      <label for=${field}>${this.t(field)}</label>
      <input
        id=${field}
        name=${field}
        type="date"
        .value=${this.draft[field]}
        aria-invalid=${problem ? 'true' : 'false'}
        aria-describedby=${problem ? `${field}-error` : nothing}
        @change=${(event: Event) => this.onDraft(field, event)}
      />
      ${problem ? html`<p id="${field}-error" class="error-text">${problem.text}</p>` : nothing}
    </div>`;
  }

  private renderForm(): TemplateResult {
    return html`<form part="period" class="toolbar period" novalidate @submit=${this.onSubmit}>
      <div class="field">
        <label for="preset">${this.t('period')}</label>
        <select id="preset" name="period" @change=${this.onPreset}>
          ${[...PRESETS, 'custom' as const].map((preset) => html`<option value=${preset} ?selected=${preset === this.preset}>${this.t(`preset.${preset}`)}</option>`)}
        </select>
      </div>
      ${this.renderDateField('from')} ${this.renderDateField('to')}
      <div class="field">
        <label for="interval">${this.t('interval')}</label>
        <select id="interval" name="interval" @change=${(event: Event) => this.onDraft('interval', event)}>
          ${INTERVALS.map((interval) => html`<option value=${interval} ?selected=${interval === this.draft.interval}>${this.t(`interval.${interval}`)}</option>`)}
        </select>
      </div>
      <div class="field">
        <button class="button" part="button" type="submit">${this.t('show')}</button>
      </div>
    </form>`;
  }

  private count(value: number): string {
    return formatNumber(this.language, value);
  }

  private duration(minutes: number): string {
    const rounded = Math.round(minutes);
    const hours = Math.floor(rounded / 60);
    const rest = rounded % 60;
    if (hours === 0) return this.t('minutes', { count: rest });
    if (rest === 0) return this.t('hours', { count: hours });
    return this.t('duration', { hours: this.t('hours', { count: hours }), minutes: this.t('minutes', { count: rest }) });
  }

  private renderResults(data: Indicators): TemplateResult {
    const used = SERVICES.some((service) => data.uses[service] > 0);
    const empty = !used && data.visits === 0 && data.signIns === 0 && data.citizens.newInPeriod === 0;
    return html`<section class="results" aria-labelledby="results-title">
      ${this.heading(1, 'results-title', this.t('periodTitle', { from: this.date(data.from), to: this.date(data.to) }), true)}
      <p class="toolbar">
        <button class="button secondary" part="button" type="button" aria-disabled=${this.downloading ? 'true' : 'false'} @click=${() => void this.download()}>${this.t('download')}</button>
      </p>
      ${this.downloadProblem ? html`<p class="message error" role="alert">${this.downloadProblem}</p>` : nothing}
      ${empty ? html`<p part="empty" class="message notice empty">${this.t('empty')}</p>` : html`${this.renderCards(data)} ${this.renderTrend(data)}`}
    </section>`;
  }

  private renderCards(data: Indicators): TemplateResult {
    const lang = this.language;
    const share = new Intl.NumberFormat(lang, { style: 'percent', maximumFractionDigits: 1 });
    const card = (term: string, ...details: unknown[]) => html`<dl class="card">
      <dt>${term}</dt>
      ${details.map((detail, index) => html`<dd class=${index === 0 ? 'value' : 'detail'}>${detail}</dd>`)}
    </dl>`;
    const service = (name: Service) => this.t(`service.${name}`);
    const perUse = SERVICES.map((name) => html`<li>${this.t('perUse', { service: service(name), minutes: this.t('minutes', { count: data.minutesSaved.perUse[name] }) })}</li>`);
    return html`<div part="cards" class="cards">
      <dl class="card">
        <dt>${this.t('population')}</dt>
        ${data.population === undefined ? html`<dd class="detail">${this.t('noPopulation')}</dd>` : html`<dd class="value">${this.count(data.population)}</dd>`}
        <dt>${this.t('signedIn')}</dt>
        <dd class="value">${this.count(data.citizens.signedIn)}</dd>
        ${data.citizens.share === undefined ? nothing : html`<dd class="detail">${this.t('share', { share: share.format(data.citizens.share) })}</dd>`}
      </dl>
      ${card(this.t('newCitizens'), this.count(data.citizens.newInPeriod), this.t('newCitizensHint'))}
      ${card(this.t('visits'), this.count(data.visits), this.t('visitsHint'))} ${card(this.t('signIns'), this.count(data.signIns))}
      ${card(service('payment'), this.t('payments', { count: data.payments.count }), formatMoney(lang, data.payments.amount))}
      ${SERVICES.filter((name) => name !== 'payment').map((name) => card(service(name), this.count(data.uses[name])))}
      ${data.mostFrequent
        ? card(this.t('mostFrequent'), service(data.mostFrequent), this.t('uses', { count: data.uses[data.mostFrequent] }))
        : card(this.t('mostFrequent'), this.t('mostFrequentNone'))}
      ${card(this.t('timeSaved'), this.duration(data.minutesSaved.total), this.t('perUseIntro'), html`<ul class="per-use">
          ${perUse}
        </ul>`)}
    </div>`;
  }

  private renderTrend(data: Indicators): TemplateResult {
    const lang = this.language;
    const measure = this.measure;
    const bars = data.series.map((point) => ({ start: point.start, value: valueOf(point, measure) }));
    const amount = (value: number) => (measure === 'paymentAmount' ? formatMoney(lang, value) : this.count(value));
    const monthly = data.interval === 'month';
    const tick = new Intl.DateTimeFormat(lang, monthly ? { month: 'short', year: 'numeric', timeZone: 'UTC' } : { day: 'numeric', month: 'numeric', timeZone: 'UTC' });
    const month = new Intl.DateTimeFormat(lang, { month: 'long', year: 'numeric', timeZone: 'UTC' });
    const when = (start: string) => (monthly ? month.format(dayMs(start)) : this.date(start));
    const total = bars.reduce((sum, bar) => sum + bar.value, 0);
    const highest = bars.reduce<(typeof bars)[number] | undefined>((best, bar) => (!best || bar.value > best.value ? bar : best), undefined);
    const words = { measure: this.t(`measure.${measure}`), from: this.date(data.from), to: this.date(data.to), interval: this.t(`interval.${data.interval}`) };
    const summary =
      highest && highest.value > 0
        ? this.t('chartSummary', { ...words, total: amount(total), max: amount(highest.value), when: when(highest.start) })
        : this.t('chartSummaryEmpty', words);
    return html`<section class="trend" aria-labelledby="trend-title">
      ${this.heading(2, 'trend-title', this.t('trend'))}
      <div class="field measure">
        <label for="measure">${this.t('measure')}</label>
        <select id="measure" @change=${(event: Event) => (this.measure = (event.target as HTMLSelectElement).value as Measure)}>
          ${MEASURES.map((option) => html`<option value=${option} ?selected=${option === measure}>${this.t(`measure.${option}`)}</option>`)}
        </select>
      </div>
      ${trendChart(bars, { summary, tick: (start) => tick.format(dayMs(start)), amount })}
      <div class="table-wrap">
        <table part="table">
          <caption>
            ${this.t('tableCaption', words)}
          </caption>
          <thead>
            <tr>
              <th scope="col">${this.t(`column.${data.interval}`)}</th>
              <th scope="col" class="number">${words.measure}</th>
            </tr>
          </thead>
          <tbody>
            ${bars.map(
              (bar) => html`<tr>
                <th scope="row">${when(bar.start)}</th>
                <td class="number">${amount(bar.value)}</td>
              </tr>`,
            )}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row">${this.t('total')}</th>
              <td class="number">${amount(total)}</td>
            </tr>
          </tfoot>
        </table>
      </div>
    </section>`;
  }
}

import { css, html, nothing, type TemplateResult } from 'lit';
import * as z from 'zod/mini';
import { state } from 'lit/decorators.js';
import { ApiError } from '../../../src/api/api-error.js';
import { OfficePollListSchema, OfficePollSchema, type OfficePoll, type OfficePollList, type PollChange } from '../../../src/contract/office-polls.js';
import type { PollResults } from '../../../src/contract/polls.js';
import { AnyObjectSchema } from '../../../src/contract/loose.js';
import { defineElement } from '../../../src/define.js';
import { localized } from '../../../src/forms/definition.js';
import { formatMoney, formatMoment } from '../../../src/i18n/format.js';
import { formatNumber, type Params } from '../../../src/i18n/translator.js';
import type { PollDefinition } from '../../../src/polls/definition.js';
import { panelStyles } from '../../../src/theme/tokens.js';
import { download, OfficeSection, officeStyles } from '../office-shared.js';
import { blankPoll, emptyTexts, freeOptionId, fromPragueInput, placeOf, setOrDelete, textPart, toPragueInput, withTextPart, type Draft } from './poll-editor.js';
import { officePollsMessages, type OfficePollsMessages } from './polls.messages.js';

type PollRow = OfficePollList['polls'][number];
interface Problem {
  /** The id of the input it belongs to. */
  input: string;
  text: string;
}
type View = { kind: 'list' } | { kind: 'detail'; id: string } | { kind: 'edit'; id?: string };

/** The results as the server checked them against PollResultsSchema (importing it would split the citizens' poll contract into a chunk of its own). */
const ResultsSchema = AnyObjectSchema as unknown as z.ZodMiniType<PollResults>;

const METHODS = ['single', 'multiple', 'd21', 'budget'] as const;
const RESULTS = ['live', 'after-close', 'published'] as const;

const clone = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;
const whole = (value: string): number | undefined => (value.trim() === '' ? undefined : Number(value));

/**
 * @summary The office's polls and participatory budgets: the list, a poll's
 * phase and results with exports, and a guided editor of its definition.
 *
 * @description A section of `<obec-office>` for staff with the `polls` role.
 * The list comes from `GET {api}/office/polls`; a poll opens with its
 * phase, ballots, status actions (`PATCH {api}/office/polls/:id`: open,
 * close, back to draft, publish or unpublish the results), the results
 * (`GET …/results`) as a table and the CSV exports of results and ballots.
 *
 * The editor edits the poll definition of the README's "Polls" section: the
 * settings a clerk needs most as a form, everything else kept as it was and
 * reachable in "Upřesnit v JSON". It checks the definition by the same rules
 * as the server before `PUT {api}/office/polls/:id`; a refusal (422 with
 * field problems, 409 `poll_has_ballots`) is listed in an error summary that
 * takes focus, with each problem at its field, and nothing typed is lost.
 *
 * @fires obec-office-poll-saved - A definition was stored; `detail`: `{ id }`.
 *
 * @csspart base - The section.
 * @csspart list - The table of polls.
 * @csspart detail - One poll: phase, actions, results.
 * @csspart results - The results table.
 * @csspart editor - The definition editor.
 * @csspart error-summary - What keeps the poll from being saved; takes focus.
 * @csspart button - Every button.
 *
 * @cssproperty --obec-color-primary - Buttons and links.
 * @cssproperty --obec-color-error - Problems.
 */
export class ObecOfficePolls extends OfficeSection {
  static override styles = [OfficeSection.styles, panelStyles, officeStyles, css`
    .options {
      list-style: none;
      padding: 0;
      margin: 0;
    }
    .options > li,
    fieldset {
      border: 1px solid var(--_color-border);
      border-radius: var(--_radius);
      padding: var(--_space-s) var(--_space-m);
      margin: 0 0 var(--_space-s);
    }
    legend {
      font-weight: 600;
    }
    .inline {
      flex-direction: row;
      align-items: center;
    }
  `];
  static override catalogs = [...OfficeSection.catalogs, officePollsMessages];

  @state() private view: View = { kind: 'list' };
  @state() private polls?: PollRow[];
  @state() private listProblem = '';
  @state() private poll?: OfficePoll;
  @state() private results?: PollResults;
  @state() private detailProblem = '';
  @state() private resultsProblem = '';
  @state() private draft: Draft = blankPoll();
  @state() private problems: Problem[] = [];
  @state() private failure = '';
  @state() private busy = false;
  @state() private jsonText = '';
  @state() private jsonProblem = '';

  private t(key: keyof OfficePollsMessages & string, params?: Params): string {
    return this.msg(officePollsMessages, key, params);
  }

  protected override loadData(): void {
    void this.loadList();
  }

  // ---- loading ----------------------------------------------------------------

  private async loadList(): Promise<void> {
    const api = this.api;
    if (!api) return;
    this.listProblem = '';
    try {
      this.polls = (await api.get('/office/polls', OfficePollListSchema)).polls;
    } catch (error) {
      this.listProblem = this.t('loadFailed', { reason: this.reason(error) });
    }
  }

  private async openPoll(id: string, focus = '#detail-title'): Promise<void> {
    const api = this.api;
    if (!api) return;
    this.view = { kind: 'detail', id };
    this.poll = undefined;
    this.results = undefined;
    this.detailProblem = '';
    this.resultsProblem = '';
    this.focusAfterRender = focus;
    const path = `/office/polls/${encodeURIComponent(id)}`;
    try {
      this.poll = await api.get(path, OfficePollSchema);
    } catch (error) {
      this.detailProblem = this.t('loadFailed', { reason: this.reason(error) });
      this.focusAfterRender = '#detail-problem';
      return;
    }
    await this.loadResults(id);
  }

  private async loadResults(id: string): Promise<void> {
    try {
      this.results = await this.api!.get(`/office/polls/${encodeURIComponent(id)}/results`, ResultsSchema);
      this.resultsProblem = '';
    } catch (error) {
      this.resultsProblem = this.t('resultsFailed', { reason: this.reason(error) });
    }
  }

  private backToList(): void {
    const id = this.view.kind === 'list' ? undefined : this.view.id;
    this.view = { kind: 'list' };
    this.focusAfterRender = id ? `[data-poll="${CSS.escape(id)}"]` : '#new-poll';
    void this.loadList();
  }

  // ---- status -----------------------------------------------------------------

  private async change(change: PollChange): Promise<void> {
    const api = this.api;
    const poll = this.poll;
    if (!api || !poll || this.busy) return;
    this.busy = true;
    this.detailProblem = '';
    const id = String(poll.definition.id);
    try {
      this.poll = await api.request({ method: 'PATCH', path: `/office/polls/${encodeURIComponent(id)}`, body: change, schema: OfficePollSchema });
    } catch (error) {
      const code = error instanceof ApiError ? error.code : undefined;
      this.detailProblem =
        code === 'poll_has_ballots' || code === 'poll_not_closed' ? this.t(`conflict.${code}`) : this.t('changeFailed', { reason: this.reason(error) });
      this.focusAfterRender = '#detail-problem';
      return;
    } finally {
      this.busy = false;
    }
    this.announce(this.t('changed', { phase: this.t(`phase.${this.poll.phase}`) }));
    // the button pressed may be gone: focus stays in the poll, on its phase
    this.focusAfterRender = '#detail-status';
    await this.loadResults(id);
  }

  private async download(kind: 'results' | 'ballots'): Promise<void> {
    const api = this.api;
    const id = this.poll ? String(this.poll.definition.id) : undefined;
    if (!api || !id) return;
    try {
      const name = await download(api, `/office/polls/${encodeURIComponent(id)}/${kind}.csv`, `${id}-${kind}.csv`);
      this.announce(this.t('downloaded', { name }));
    } catch (error) {
      this.announce(this.t('downloadFailed', { reason: this.reason(error) }));
    }
  }

  // ---- editor -----------------------------------------------------------------

  private edit(poll?: OfficePoll): void {
    this.draft = poll ? clone(poll.definition) : blankPoll();
    this.view = { kind: 'edit', id: poll ? String(poll.definition.id) : undefined };
    this.problems = [];
    this.failure = '';
    this.jsonProblem = '';
    this.jsonText = JSON.stringify(this.draft, null, 2);
    this.focusAfterRender = '#editor-title';
  }

  /** Changes the draft and keeps the JSON view in step with it. */
  private changeDraft(change: (draft: Draft) => void, input?: string): void {
    const draft = clone(this.draft);
    change(draft);
    this.draft = draft;
    this.jsonText = JSON.stringify(draft, null, 2);
    if (input) this.problems = this.problems.filter((problem) => problem.input !== input);
  }

  private get options(): Draft[] {
    return Array.isArray(this.draft.options) ? (this.draft.options as Draft[]) : [];
  }

  private setMethod(method: string): void {
    this.changeDraft((draft) => {
      draft.method = method;
      if (method !== 'multiple') {
        delete draft.minChoices;
        delete draft.maxChoices;
      }
      if (method === 'd21') draft.d21 ??= { plus: 2, minus: 1 };
      else delete draft.d21;
      if (method === 'budget') draft.budget ??= { total: 0 };
    }, 'poll-method');
  }

  private setBudgetTotal(value: string): void {
    this.changeDraft((draft) => {
      const total = whole(value);
      if (total === undefined) delete draft.budget;
      else draft.budget = { ...(draft.budget as Draft | undefined), total };
    }, 'poll-budget');
  }

  private setD21(key: 'plus' | 'minus', value: string): void {
    this.changeDraft((draft) => {
      const rules = { ...((draft.d21 as Draft | undefined) ?? { plus: 2, minus: 1 }) };
      setOrDelete(rules, key, whole(value));
      draft.d21 = rules;
    }, `poll-d21-${key}`);
  }

  private setVoters(voters: string): void {
    this.changeDraft((draft) => {
      draft.voters = voters;
      if (voters === 'anyone') {
        delete draft.residentsOnly;
        delete draft.minAge;
      }
    }, 'poll-voters');
  }

  private setOption(index: number, change: (option: Draft) => void, input: string): void {
    this.changeDraft((draft) => change((draft.options as Draft[])[index]!), input);
  }

  private addOption(): void {
    this.changeDraft((draft) => {
      const options = Array.isArray(draft.options) ? (draft.options as Draft[]) : [];
      draft.options = [...options, { id: freeOptionId(options), title: '' }];
    }, 'add-option');
    const number = this.options.length;
    this.announce(this.t('optionAdded', { number }));
    this.focusAfterRender = `#option-${number - 1}-title-cs`;
  }

  private removeOption(index: number): void {
    this.changeDraft((draft) => (draft.options as Draft[]).splice(index, 1));
    this.problems = this.problems.filter((problem) => !problem.input.startsWith('option-'));
    this.announce(this.t('optionRemoved', { number: index + 1 }));
    this.focusAfterRender = this.options.length > 0 ? `#option-${Math.min(index, this.options.length - 1)}-title-cs` : '#add-option';
  }

  private moveOption(index: number, by: -1 | 1): void {
    const to = index + by;
    if (to < 0 || to >= this.options.length) return;
    this.changeDraft((draft) => {
      const options = draft.options as Draft[];
      [options[index], options[to]] = [options[to]!, options[index]!];
    });
    this.problems = this.problems.filter((problem) => !problem.input.startsWith('option-'));
    this.announce(this.t('optionMoved', { number: to + 1 }));
    this.focusAfterRender = `#option-${to}-${by < 0 ? 'up' : 'down'}`;
    // at the edge the button is disabled: stay in the item
    if ((by < 0 && to === 0) || (by > 0 && to === this.options.length - 1)) this.focusAfterRender = `#option-${to}-title-cs`;
  }

  private applyJson(): void {
    let parsed: unknown;
    try {
      parsed = JSON.parse(this.jsonText);
    } catch (error) {
      this.jsonProblem = this.t('jsonInvalid', { reason: (error as Error).message });
      this.focusAfterRender = '#poll-json';
      return;
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
      this.jsonProblem = this.t('jsonNotObject');
      this.focusAfterRender = '#poll-json';
      return;
    }
    this.jsonProblem = '';
    this.draft = parsed as Draft;
    this.problems = [];
    this.announce(this.t('jsonApplied'));
  }

  /** A problem of the definition (from the shared check or the server) in the clerk's words, at its field. */
  private problemOf(error: { path: string; code: string }): Problem {
    const place = placeOf(error.path);
    const top = error.path.split('.').at(-1) ?? '';
    const specific = `error.${error.code}.${top}` as keyof OfficePollsMessages;
    const general = `error.${error.code}` as keyof OfficePollsMessages;
    const problem = this.t(Object.hasOwn(officePollsMessages.cs, specific) ? specific : Object.hasOwn(officePollsMessages.cs, general) ? general : 'error.other');
    const field = this.t(`field.${place.field}` as keyof OfficePollsMessages, { number: place.number ?? '' });
    return { input: place.input, text: this.t('where', { field, problem }) };
  }

  private showProblems(problems: Problem[], failure = ''): void {
    // in the order of the form
    const order = [...this.renderRoot.querySelectorAll('[id]')].map((element) => element.id);
    const rank = (problem: Problem) => (order.includes(problem.input) ? order.indexOf(problem.input) : order.length);
    this.problems = [...problems].sort((a, b) => rank(a) - rank(b));
    this.failure = failure;
    if (problems.some((problem) => problem.input === 'poll-json')) {
      this.renderRoot.querySelector('details')?.setAttribute('open', '');
    }
    this.focusAfterRender = '[part="error-summary"]';
  }

  private async save(event: Event): Promise<void> {
    event.preventDefault();
    const api = this.api;
    if (!api || this.busy || this.view.kind !== 'edit') return;
    // the rules of the definition are the server's to check (422 invalid_definition, shown the same way): checking
    // them here would bring zod's unions into the shared chunk every page of the town's site loads
    const errors = emptyTexts(this.draft);
    if (errors.length > 0) {
      this.showProblems(errors.map((error) => this.problemOf(error)));
      return;
    }
    const id = this.view.id ?? String(this.draft.id);
    this.busy = true;
    this.problems = [];
    this.failure = '';
    try {
      const stored = await api.request({ method: 'PUT', path: `/office/polls/${encodeURIComponent(id)}`, body: this.draft, schema: OfficePollSchema });
      const created = this.view.id === undefined;
      this.dispatchEvent(new CustomEvent('obec-office-poll-saved', { detail: { id }, bubbles: true, composed: true }));
      await this.openPoll(id);
      this.poll ??= stored;
      this.announce(this.t(created ? 'created' : 'saved'));
    } catch (error) {
      const code = error instanceof ApiError ? error.code : undefined;
      if (code === 'invalid_definition' && error instanceof ApiError) this.showProblems(error.fields.map((field) => this.problemOf(field)));
      else if (code === 'poll_has_ballots') this.showProblems([], this.t('conflict.poll_has_ballots'));
      else if (code === 'residents_not_configured') this.showProblems([{ input: 'poll-residents', text: this.t('residentsNotConfigured') }]);
      else this.showProblems([], this.t('saveFailed', { reason: this.reason(error) }));
    } finally {
      this.busy = false;
    }
  }

  // ---- rendering ----------------------------------------------------------------

  protected override renderWidget(): TemplateResult {
    const view = this.view;
    return html`<section part="base" lang=${this.language} aria-labelledby="polls-title">
      <h3 id="polls-title" class=${view.kind === 'list' ? '' : 'visually-hidden'}>${this.t('title')}</h3>
      ${view.kind === 'list' ? this.renderList() : view.kind === 'detail' ? this.renderDetail() : this.renderEditor()}
      <p class="visually-hidden" aria-live="polite">${this.announcement}</p>
    </section>`;
  }

  private renderList(): TemplateResult {
    if (this.listProblem) {
      return this.loadFailed(this.listProblem, this.t('tryAgain'), () => this.loadList());
    }
    const polls = this.polls;
    return html`<div class="toolbar">
        <button part="button" id="new-poll" class="button" @click=${() => this.edit()}>${this.t('newPoll')}</button>
      </div>
      ${!polls
        ? html`<p role="status">${this.t('loading')}</p>`
        : polls.length === 0
          ? html`<p>${this.t('empty')}</p>`
          : html`<div class="table-wrap">
              <table part="list">
                <caption>${this.t('listCaption')}</caption>
                <thead>
                  <tr>
                    <th scope="col">${this.t('colTitle')}</th>
                    <th scope="col">${this.t('colMethod')}</th>
                    <th scope="col">${this.t('colPhase')}</th>
                    <th scope="col" class="number">${this.t('colBallots')}</th>
                    <th scope="col">${this.t('colUpdated')}</th>
                  </tr>
                </thead>
                <tbody>
                  ${polls.map(
                    (poll) => html`<tr>
                      <th scope="row">
                        <button part="button" class="link-button" data-poll=${poll.id} @click=${() => this.openPoll(poll.id)}>${localized(poll.title, this.language)}</button>
                      </th>
                      <td>${this.t(`method.${poll.method}`)}</td>
                      <td><span class="badge">${this.t(`phase.${poll.phase}`)}</span></td>
                      <td class="number">${formatNumber(this.language, poll.ballots)}</td>
                      <td>${formatMoment(this.language, poll.updatedAt, true)}</td>
                    </tr>`,
                  )}
                </tbody>
              </table>
            </div>`}`;
  }

  private renderDetail(): TemplateResult {
    const poll = this.poll;
    const back = html`<p><button part="button" class="link-button" @click=${() => this.backToList()}>${this.t('back')}</button></p>`;
    if (!poll) {
      return html`${back}
        ${this.detailProblem ? html`<p id="detail-problem" class="message error" tabindex="-1">${this.detailProblem}</p>` : html`<p role="status">${this.t('loading')}</p>`}`;
    }
    const definition = poll.definition as unknown as PollDefinition;
    const status = poll.status;
    const closed = poll.phase === 'closed' || poll.phase === 'published';
    return html`${back}
      <div part="detail">
        <h3 id="detail-title" tabindex="-1">${localized(definition.title, this.language)}</h3>
        <p id="detail-status" tabindex="-1">
          <span class="badge">${this.t('phaseIs', { phase: this.t(`phase.${poll.phase}`) })}</span>
          ${this.t('ballotsCount', { count: poll.ballots.total, online: poll.ballots.online, paper: poll.ballots.paper })}
        </p>
        ${poll.resultsPublishedAt ? html`<p>${this.t('publishedAt', { at: formatMoment(this.language, poll.resultsPublishedAt, true) })}</p>` : nothing}
        ${this.detailProblem ? html`<p id="detail-problem" class="message error" tabindex="-1" role="alert">${this.detailProblem}</p>` : nothing}
        <div class="toolbar" role="group" aria-label=${this.t('actions')}>
          ${status !== 'open' ? html`<button part="button" class="button" ?disabled=${this.busy} @click=${() => this.change({ status: 'open' })}>${this.t('open')}</button>` : nothing}
          ${status === 'open' ? html`<button part="button" class="button" ?disabled=${this.busy} @click=${() => this.change({ status: 'closed' })}>${this.t('close')}</button>` : nothing}
          ${closed && !poll.resultsPublishedAt
            ? html`<button part="button" class="button" ?disabled=${this.busy} @click=${() => this.change({ resultsPublished: true })}>${this.t('publish')}</button>`
            : nothing}
          ${poll.resultsPublishedAt
            ? html`<button part="button" class="button secondary" ?disabled=${this.busy} @click=${() => this.change({ resultsPublished: false })}>${this.t('unpublish')}</button>`
            : nothing}
          ${status !== 'draft'
            ? html`<button part="button" class="button secondary" ?disabled=${this.busy} @click=${() => this.change({ status: 'draft' })}>${this.t('toDraft')}</button>`
            : nothing}
          <button part="button" class="button secondary" @click=${() => this.edit(poll)}>${this.t('edit')}</button>
        </div>
        ${this.renderResults(definition)}
      </div>`;
  }

  private renderResults(poll: PollDefinition): TemplateResult {
    const results = this.results;
    const d21 = poll.method === 'd21';
    const budget = !!poll.budget || poll.method === 'budget';
    return html`<h4>${this.t('results')}</h4>
      ${this.resultsProblem ? html`<p class="message error">${this.resultsProblem}</p>` : nothing}
      ${results
        ? html`<p>${this.t(results.final ? 'resultsFinal' : 'resultsRunning')}
              ${results.budget ? this.t('budgetAllocated', { allocated: formatMoney(this.language, results.budget.allocated), total: formatMoney(this.language, results.budget.total) }) : nothing}</p>
            <div class="table-wrap">
              <table part="results">
                <caption>${this.t('resultsCaption')}</caption>
                <thead>
                  <tr>
                    <th scope="col" class="number">${this.t('colRank')}</th>
                    <th scope="col">${this.t('colOption')}</th>
                    <th scope="col" class="number">${this.t('colPlus')}</th>
                    ${d21 ? html`<th scope="col" class="number">${this.t('colMinus')}</th><th scope="col" class="number">${this.t('colScore')}</th>` : nothing}
                    ${budget ? html`<th scope="col" class="number">${this.t('colCost')}</th><th scope="col">${this.t('colFunded')}</th>` : nothing}
                  </tr>
                </thead>
                <tbody>
                  ${results.rows.map((row) => {
                    const option = poll.options.find((candidate) => candidate.id === row.option);
                    return html`<tr>
                      <td class="number">${row.excluded ? this.t('excluded') : row.rank ?? ''}</td>
                      <th scope="row">${option ? localized(option.title, this.language) : row.option}</th>
                      <td class="number">${formatNumber(this.language, row.plus)}</td>
                      ${d21 ? html`<td class="number">${formatNumber(this.language, row.minus)}</td><td class="number">${formatNumber(this.language, row.score)}</td>` : nothing}
                      ${budget
                        ? html`<td class="number">${row.cost === undefined ? '' : formatMoney(this.language, row.cost)}</td>
                            <td>${row.funded === undefined ? '' : this.t(row.funded ? 'yes' : 'no')}</td>`
                        : nothing}
                    </tr>`;
                  })}
                </tbody>
              </table>
            </div>`
        : this.resultsProblem
          ? nothing
          : html`<p role="status">${this.t('loading')}</p>`}
      <div class="toolbar">
        <button part="button" class="button secondary" @click=${() => this.download('results')}>${this.t('downloadResults')}</button>
        <button part="button" class="button secondary" @click=${() => this.download('ballots')}>${this.t('downloadBallots')}</button>
      </div>`;
  }

  private errorOf(input: string): TemplateResult | typeof nothing {
    const problems = this.problems.filter((problem) => problem.input === input);
    return problems.length > 0 ? html`<p id="${input}-error" class="error-text">${problems.map((problem) => problem.text).join(' ')}</p>` : nothing;
  }

  private invalid(input: string): 'true' | 'false' {
    return this.problems.some((problem) => problem.input === input) ? 'true' : 'false';
  }

  private describedBy(input: string, ...others: string[]): string | typeof nothing {
    return [...others.filter(Boolean), ...(this.invalid(input) === 'true' ? [`${input}-error`] : [])].join(' ') || nothing;
  }

  /** A text input bound to a part of the draft. */
  private textInput(id: string, label: string, value: string, onInput: (value: string) => void, { hint = '', type = 'text', multiline = false, readonly = false } = {}): TemplateResult {
    const handler = (event: Event) => onInput((event.target as HTMLInputElement).value);
    return html`<div class="field">
      <label for=${id}>${label}</label>
      ${hint ? html`<p id="${id}-hint" class="hint">${hint}</p>` : nothing}
      ${this.errorOf(id)}
      ${multiline
        ? html`<textarea id=${id} rows="3" aria-invalid=${this.invalid(id)} aria-describedby=${this.describedBy(id, hint ? `${id}-hint` : '')} .value=${value} @input=${handler}></textarea>`
        : html`<input
            id=${id}
            type=${type}
            ?readonly=${readonly}
            aria-invalid=${this.invalid(id)}
            aria-describedby=${this.describedBy(id, hint ? `${id}-hint` : '')}
            .value=${value}
            @input=${handler}
          />`}
    </div>`;
  }


  private renderEditor(): TemplateResult {
    const draft = this.draft;
    const isNew = this.view.kind === 'edit' && this.view.id === undefined;
    const method = String(draft.method ?? 'single');
    const budget = draft.budget as Draft | undefined;
    const d21 = draft.d21 as Draft | undefined;
    const withCosts = method === 'budget' || budget !== undefined;
    const options = this.options;
    const number = (value: unknown) => (value === undefined ? '' : String(value));
    return html`<p><button part="button" class="link-button" @click=${() => (this.view.kind === 'edit' && this.view.id ? this.openPoll(this.view.id) : this.backToList())}>${this.t('cancel')}</button></p>
      <form part="editor" novalidate @submit=${this.save}>
        <h3 id="editor-title" tabindex="-1">${isNew ? this.t('newTitle') : `${this.t('editTitle')}: ${textPart(draft.title, 'cs')}`}</h3>
        ${this.errorSummary(this.t('errorSummary'), this.problems.map(({ text, input }) => ({ text, field: input })), {
          failure: this.failure,
          reveal: (field) => field === 'poll-json' && this.renderRoot.querySelector('details')?.setAttribute('open', ''),
        })}
        <fieldset>
          <legend>${this.t('basics')}</legend>
          ${this.textInput('poll-id', this.t('id'), String(draft.id ?? ''), (value) => this.changeDraft((next) => (next.id = value), 'poll-id'), { hint: this.t('idHint'), readonly: !isNew })}
          ${this.textInput('poll-title-cs', this.t('titleCs'), textPart(draft.title, 'cs'), (value) => this.changeDraft((next) => (next.title = withTextPart(next.title, 'cs', value) ?? ''), 'poll-title-cs'))}
          ${this.textInput('poll-title-en', this.t('titleEn'), textPart(draft.title, 'en'), (value) => this.changeDraft((next) => (next.title = withTextPart(next.title, 'en', value) ?? ''), 'poll-title-en'))}
          ${this.textInput('poll-description-cs', this.t('descriptionCs'), textPart(draft.description, 'cs'), (value) => this.changeDraft((next) => setOrDelete(next, 'description', withTextPart(next.description, 'cs', value)), 'poll-description-cs'), { multiline: true })}
          ${this.textInput('poll-description-en', this.t('descriptionEn'), textPart(draft.description, 'en'), (value) => this.changeDraft((next) => setOrDelete(next, 'description', withTextPart(next.description, 'en', value)), 'poll-description-en'), { multiline: true })}
          <div class="field">
            <label for="poll-method">${this.t('method')}</label>
            ${this.errorOf('poll-method')}
            <select id="poll-method" aria-invalid=${this.invalid('poll-method')} aria-describedby=${this.describedBy('poll-method')} @change=${(event: Event) => this.setMethod((event.target as HTMLSelectElement).value)}>
              ${METHODS.map((value) => html`<option value=${value} ?selected=${value === method}>${this.t(`method.${value}`)}</option>`)}
            </select>
          </div>
          ${method === 'multiple'
            ? html`${this.textInput('poll-min', this.t('minChoices'), number(draft.minChoices), (value) => this.changeDraft((next) => setOrDelete(next, 'minChoices', whole(value)), 'poll-min'), { type: 'number' })}
              ${this.textInput('poll-max', this.t('maxChoices'), number(draft.maxChoices), (value) => this.changeDraft((next) => setOrDelete(next, 'maxChoices', whole(value)), 'poll-max'), { type: 'number' })}`
            : nothing}
          ${method === 'd21'
            ? html`${this.textInput('poll-d21-plus', this.t('d21Plus'), number(d21?.plus), (value) => this.setD21('plus', value), { type: 'number' })}
              ${this.textInput('poll-d21-minus', this.t('d21Minus'), number(d21?.minus), (value) => this.setD21('minus', value), { type: 'number' })}`
            : nothing}
          ${this.textInput('poll-budget', this.t('budgetTotal'), number(budget?.total), (value) => this.setBudgetTotal(value), { type: 'number', hint: this.t('budgetHint') })}
        </fieldset>

        <fieldset>
          <legend>${this.t(withCosts ? 'optionsProjects' : 'options')}</legend>
          ${this.errorOf('add-option')}
          <ol class="options">
            ${options.map((option, index) => this.renderOption(option, index, options.length, withCosts))}
          </ol>
          <button part="button" type="button" id="add-option" class="button secondary" aria-describedby=${this.describedBy('add-option')} @click=${() => this.addOption()}>${this.t('addOption')}</button>
        </fieldset>

        <fieldset>
          <legend>${this.t('timing')}</legend>
          <p id="timing-hint" class="hint">${this.t('timingHint')}</p>
          ${(['opens', 'closes'] as const).map(
            (key) => html`<div class="field">
              <label for="poll-${key}">${this.t(key)}</label>
              ${this.errorOf(`poll-${key}`)}
              <input
                id="poll-${key}"
                type="datetime-local"
                aria-invalid=${this.invalid(`poll-${key}`)}
                aria-describedby=${this.describedBy(`poll-${key}`, 'timing-hint')}
                .value=${toPragueInput(draft[key])}
                @change=${(event: Event) => this.changeDraft((next) => setOrDelete(next, key, fromPragueInput((event.target as HTMLInputElement).value)), `poll-${key}`)}
              />
            </div>`,
          )}
        </fieldset>

        <fieldset>
          <legend>${this.t('voters')}</legend>
          <div class="field">
            <label for="poll-voters">${this.t('voters')}</label>
            ${this.errorOf('poll-voters')}
            <select id="poll-voters" @change=${(event: Event) => this.setVoters((event.target as HTMLSelectElement).value)}>
              ${(['anyone', 'verified'] as const).map((value) => html`<option value=${value} ?selected=${draft.voters === value}>${this.t(`voters.${value}`)}</option>`)}
            </select>
          </div>
          ${draft.voters === 'verified'
            ? html`<div class="field inline">
                  <input
                    id="poll-residents"
                    type="checkbox"
                    aria-invalid=${this.invalid('poll-residents')}
                    aria-describedby=${this.describedBy('poll-residents')}
                    .checked=${draft.residentsOnly === true}
                    @change=${(event: Event) => this.changeDraft((next) => setOrDelete(next, 'residentsOnly', (event.target as HTMLInputElement).checked || undefined), 'poll-residents')}
                  />
                  <label for="poll-residents">${this.t('residentsOnly')}</label>
                </div>
                ${this.errorOf('poll-residents')}
                ${this.textInput('poll-min-age', this.t('minAge'), number(draft.minAge), (value) => this.changeDraft((next) => setOrDelete(next, 'minAge', whole(value)), 'poll-min-age'), { type: 'number' })}`
            : nothing}
          <div class="field">
            <label for="poll-results">${this.t('resultsShown')}</label>
            ${this.errorOf('poll-results')}
            <select id="poll-results" @change=${(event: Event) => this.changeDraft((next) => (next.results = (event.target as HTMLSelectElement).value), 'poll-results')}>
              ${RESULTS.map((value) => html`<option value=${value} ?selected=${draft.results === value}>${this.t(`results.${value}`)}</option>`)}
            </select>
          </div>
        </fieldset>

        <details>
          <summary>${this.t('advanced')}</summary>
          <p id="poll-json-hint" class="hint">${this.t('advancedHint')}</p>
          <div class="field">
            <label for="poll-json">${this.t('json')}</label>
            ${this.jsonProblem ? html`<p id="poll-json-problem" class="error-text">${this.jsonProblem}</p>` : nothing}
            ${this.errorOf('poll-json')}
            <textarea
              id="poll-json"
              rows="16"
              spellcheck="false"
              aria-invalid=${this.jsonProblem || this.invalid('poll-json') === 'true' ? 'true' : 'false'}
              aria-describedby=${[
                'poll-json-hint',
                ...(this.jsonProblem ? ['poll-json-problem'] : []),
                ...(this.invalid('poll-json') === 'true' ? ['poll-json-error'] : []),
              ].join(' ')}
              .value=${this.jsonText}
              @input=${(event: Event) => (this.jsonText = (event.target as HTMLTextAreaElement).value)}
            ></textarea>
          </div>
          <button part="button" type="button" class="button secondary" @click=${() => this.applyJson()}>${this.t('applyJson')}</button>
        </details>

        <div class="toolbar">
          <button part="button" type="submit" class="button" aria-disabled=${this.busy ? 'true' : 'false'}>${this.busy ? this.t('saving') : this.t('save')}</button>
        </div>
      </form>`;
  }

  private renderOption(option: Draft, index: number, count: number, withCosts: boolean): TemplateResult {
    const number = index + 1;
    const prefix = `option-${index}`;
    return html`<li aria-labelledby="${prefix}-name">
      <h4 id="${prefix}-name">${this.t('option', { number })}</h4>
      ${this.textInput(`${prefix}-id`, this.t('optionId', { number }), String(option.id ?? ''), (value) => this.setOption(index, (next) => (next.id = value), `${prefix}-id`))}
      ${this.textInput(`${prefix}-title-cs`, this.t('optionTitle', { number }), textPart(option.title, 'cs'), (value) =>
        this.setOption(index, (next) => (next.title = withTextPart(next.title, 'cs', value) ?? ''), `${prefix}-title-cs`),
      )}
      ${this.textInput(`${prefix}-title-en`, this.t('optionTitleEn', { number }), textPart(option.title, 'en'), (value) =>
        this.setOption(index, (next) => (next.title = withTextPart(next.title, 'en', value) ?? ''), `${prefix}-title-en`),
      )}
      ${this.textInput(
        `${prefix}-description`,
        this.t('optionDescription', { number }),
        textPart(option.description, 'cs'),
        (value) => this.setOption(index, (next) => setOrDelete(next, 'description', withTextPart(next.description, 'cs', value)), `${prefix}-description`),
        { multiline: true },
      )}
      ${withCosts || option.cost !== undefined
        ? this.textInput(
            `${prefix}-cost`,
            this.t('optionCost', { number }),
            option.cost === undefined ? '' : String(option.cost),
            (value) => this.setOption(index, (next) => setOrDelete(next, 'cost', whole(value)), `${prefix}-cost`),
            { type: 'number' },
          )
        : nothing}
      <div class="toolbar">
        <button part="button" type="button" id="${prefix}-up" class="button secondary small" ?disabled=${index === 0} @click=${() => this.moveOption(index, -1)}>${this.t('moveUp', { number })}</button>
        <button part="button" type="button" id="${prefix}-down" class="button secondary small" ?disabled=${index === count - 1} @click=${() => this.moveOption(index, 1)}>${this.t('moveDown', { number })}</button>
        <button part="button" type="button" class="button secondary small" @click=${() => this.removeOption(index)}>${this.t('removeOption', { number })}</button>
      </div>
    </li>`;
  }
}

defineElement('obec-office-polls', ObecOfficePolls);

declare global {
  interface HTMLElementTagNameMap {
    'obec-office-polls': ObecOfficePolls;
  }
}

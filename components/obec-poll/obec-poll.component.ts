import { Task } from '@lit/task';
import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { ApiClient } from '../../src/api/api-client.js';
import { ApiError } from '../../src/api/api-error.js';
import { ObecElement } from '../../src/base/obec-element.js';
import type { SettingName } from '../../src/config/config-schema.js';
import { CastResponseSchema, PollResultsSchema, PollViewSchema, WithdrawResponseSchema, type CastBallot, type PollView } from '../../src/contract/polls.js';
import { formatMoment } from '../../src/i18n/format.js';
import type { Params } from '../../src/i18n/translator.js';
import { ballotErrors, maxPlus, minusBlocked, plusBlocked, summarize, withoutLockedMinus, type BallotError } from '../../src/polls/ballot.js';
import { d21Rules, type Ballot, type PollDefinition, type PollOption } from '../../src/polls/definition.js';
import type { IneligibleReason } from '../../src/polls/eligibility.js';
import { ineligibleText, pollMessages } from '../../src/polls/poll-messages.js';
import { panelStyles } from '../../src/theme/tokens.js';
import { blockedText, errorText, renderBallotSummary, renderEditor, renderParagraphs, renderPreview, textOf, optionId, type EditorHost, type PollHost } from './ballot-editor.js';
import { pollWidgetMessages, type PollWidgetMessages } from './obec-poll.messages.js';
import { pollStyles } from './obec-poll.styles.js';
import { renderResults } from './results-chart.js';
import { voterToken, votingOrder, withVoterToken } from './voter.js';

/** `DELETE {api}/polls/:id/ballot` answers whether there was a ballot to withdraw. */

const EMPTY: Ballot = { plus: [], minus: [] };
const INELIGIBLE = new Set<string>(['under_age', 'birthdate_unknown', 'not_resident', 'address_unknown']);

/** Where the error summary's links lead: the option's first control, or the ballot. */
const controlOf = (root: ParentNode, option: string | undefined) =>
  (option && (root.querySelector<HTMLElement>(`#${optionId(option)}`) ?? root.querySelector<HTMLElement>(`#${optionId(option, 'card')} button`))) ||
  root.querySelector<HTMLElement>('#ballot');

/**
 * @summary A town poll or participatory-budget vote: the options or project
 * cards, the ballot with the rules explained before they are broken, the
 * citizen's vote (changeable until the poll closes) and the results.
 *
 * @description The poll comes from the backend (`GET {api}/polls/{poll-id}`),
 * which also says whether the citizen may vote and what they voted. Methods:
 * one choice (radio buttons), several choices ("choose 1 to 3", checkboxes
 * with a live count), a participatory budget (project cards with the money
 * chosen and left; a project that no longer fits says so), and D21 (plus and
 * minus votes by the town's rules, stated above the options, with counters of
 * votes left; a button the rules do not allow now stays focusable and says
 * why).
 *
 * Verified polls ask the citizen to sign in (`<obec-login>` on the page);
 * those who may not vote (too young, living elsewhere) are told why. Polls
 * open to anyone say plainly that votes are not verified: this browser keeps
 * a random voter token, so one vote counts from it. With `shuffle`, each
 * browser sees its own order of the options, the same on every visit.
 *
 * After voting, a confirmation takes focus with the time the vote was saved,
 * "Change my vote" and "Withdraw my vote". A vote the server refuses keeps
 * the citizen's choices and lists the problems in an error summary that
 * takes focus. Results, once the town makes them public, are a bar chart
 * with the numbers in a table for screen readers and, for budgets, the
 * funded projects.
 *
 * Needs `api` on `<obec-portal>`, and `authority` and `client-id` for
 * verified polls.
 *
 * @fires obec-poll-voted - A vote was saved; `detail`: `{ pollId, ballot: { plus, minus, castAt }, replaced }` (`replaced`: it changed an earlier vote).
 * @fires obec-poll-withdrawn - The citizen withdrew their vote; `detail`: `{ pollId }`.
 *
 * @csspart base - The widget.
 * @csspart phase - When voting starts or ends.
 * @csspart notice - The notice that a poll open to anyone is not verified.
 * @csspart sign-in - Why to sign in, with the sign-in button.
 * @csspart ineligible - Why the citizen cannot vote.
 * @csspart options - The list of options (or project cards).
 * @csspart option - One option or project card.
 * @csspart rules - The rules of the ballot.
 * @csspart counter - Choices, money or votes left.
 * @csspart ballot - The ballot form.
 * @csspart error-summary - What keeps the vote from being saved; takes focus.
 * @csspart confirmation - The saved vote, with "Change my vote" and "Withdraw my vote".
 * @csspart results - The results.
 * @csspart chart - The bar chart of the results (its numbers are also in a table for screen readers).
 * @csspart funded - A budget's funded projects and the sum given out.
 * @csspart button - Every button.
 * @csspart config-error - Shown instead of the widget when `api` is missing or wrong.
 *
 * @cssproperty --obec-color-primary - Buttons, chosen options, plus-vote bars (default gov.cz blue `#2362a2`).
 * @cssproperty --obec-color-error - Minus votes and their bars, the error summary.
 * @cssproperty --obec-color-success - The confirmation and funded projects.
 * @cssproperty --obec-color-surface-alt - Cards, the tracks of the bars.
 * @cssstate dark - The dark theme is in effect.
 */
export class ObecPoll extends ObecElement {
  static override styles = [ObecElement.styles, panelStyles, pollStyles];
  static override requiredSettings: readonly SettingName[] = ['api'];
  static override catalogs = [...ObecElement.catalogs, pollWidgetMessages, pollMessages];

  /** The poll's id at the backend, e.g. `rozpocet-2027`. */
  @property({ attribute: 'poll-id' }) pollId = '';

  /** The ballot being edited. */
  @state() private ballot: Ballot = EMPTY;
  /** The citizen's saved ballot. */
  @state() private cast?: CastBallot;
  @state() private editing = false;
  @state() private errors: BallotError[] = [];
  /** Why the last vote or withdrawal failed, beyond broken rules. */
  @state() private problem?: string;
  @state() private problemNeedsSignIn = false;
  @state() private busy?: 'cast' | 'withdraw';
  @state() private withdrawn = false;
  @state() private attempt?: { option: string; text: string };
  @state() private note?: string;
  @state() private announcement = '';
  @state() private resultsRound = 0;

  private shownView?: PollView;
  private viewKey = '';
  private order: PollOption[] = [];
  private client?: { api: ApiClient; token?: string; client: ApiClient };
  private focusAfterRender?: string;

  private readonly view = new Task(this, {
    task: async ([api, pollId], { signal }) => {
      if (!api || !pollId) return undefined;
      return this.voterClient(api).get(`/polls/${encodeURIComponent(pollId)}`, PollViewSchema, { signal });
    },
    args: () => [this.runtime?.api, this.pollId, this.signedIn] as const,
  });

  private readonly results = new Task(this, {
    task: async ([api, pollId, shown], { signal }) => {
      if (!api || !pollId || !shown) return undefined;
      return api.get(`/polls/${encodeURIComponent(pollId)}/results`, PollResultsSchema, { signal });
    },
    args: () => [this.runtime?.api, this.pollId, this.view.value?.resultsPublic === true, this.resultsRound] as const,
  });

  private t(key: keyof PollWidgetMessages & string, params?: Params): string {
    return this.msg(pollWidgetMessages, key, params);
  }

  /** What the rendering helpers need: the language and the words. */
  private get words(): PollHost {
    return { language: this.language, t: (key, params) => this.t(key, params) };
  }

  private get signedIn(): boolean {
    return this.runtime?.session?.state.status === 'signed-in';
  }

  /** The page's API client, sending this browser's voter token once it has one (polls open to anyone). */
  private voterClient(api: ApiClient, create = false): ApiClient {
    const token = voterToken(api.baseUrl, create);
    if (this.client?.api !== api || this.client.token !== token) this.client = { api, token, client: withVoterToken(api, token) };
    return this.client.client;
  }

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    const view = this.view.value;
    if (view && view !== this.shownView) this.show(view);
  }

  /** A poll view arrived: a new poll or citizen starts afresh; a reload keeps what the citizen is editing. */
  private show(view: PollView): void {
    const key = `${this.runtime?.api?.baseUrl}|${view.poll.id}|${this.signedIn}`;
    const fresh = key !== this.viewKey;
    this.shownView = view;
    this.viewKey = key;
    this.cast = view.ballot;
    this.order = votingOrder(this.runtime?.api?.baseUrl ?? '', view.poll.id, view.poll.options, view.poll.shuffle);
    if (fresh || !this.editing) {
      const known = new Set(view.poll.options.map((option) => option.id));
      this.ballot = view.ballot ? { plus: view.ballot.plus.filter((id) => known.has(id)), minus: view.ballot.minus.filter((id) => known.has(id)) } : EMPTY;
      this.editing = !view.ballot;
      this.attempt = undefined;
      this.note = undefined;
    }
    if (fresh) {
      this.errors = [];
      this.problem = undefined;
      this.withdrawn = false;
    }
  }

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    const selector = this.focusAfterRender;
    this.focusAfterRender = undefined;
    if (selector) this.renderRoot.querySelector<HTMLElement>(selector)?.focus();
  }

  /** Says something once through the polite live region (the same words twice are still said twice). */
  private announce(text: string): void {
    this.announcement = this.announcement === text ? `${text}\u00a0` : text;
  }

  // ---- the ballot ---------------------------------------------------------

  private get poll(): PollDefinition {
    return this.shownView!.poll;
  }

  /** The new ballot, without minus votes its plus votes no longer unlock; errors on screen follow the corrections. */
  private setBallot(next: Ballot): void {
    const poll = this.poll;
    const kept = withoutLockedMinus(poll, next);
    const dropped = next.minus.length - kept.minus.length;
    this.note = dropped > 0 ? this.t('minusRemoved', { count: dropped }) : undefined;
    this.ballot = kept;
    this.attempt = undefined;
    if (this.errors.length > 0) {
      const now = ballotErrors(poll, kept);
      this.errors = this.errors.filter((error) => now.some((still) => still.code === error.code && still.option === error.option));
    }
  }

  /** The citizen pressed a control the rules do not allow now: say why, at the option and aloud. */
  private refuse(option: string, error: BallotError): void {
    const text = blockedText(this.words, this.poll, this.ballot, error);
    this.attempt = { option, text };
    this.announce(text);
  }

  private choose(option: string): void {
    this.setBallot({ plus: [option], minus: [] });
  }

  private toggle(option: string): void {
    const { ballot } = this;
    if (ballot.plus.includes(option)) return this.setBallot({ plus: ballot.plus.filter((id) => id !== option), minus: ballot.minus });
    const blocked = plusBlocked(this.poll, ballot, option);
    if (blocked) return this.refuse(option, blocked);
    this.setBallot({ plus: [...ballot.plus, option], minus: ballot.minus });
  }

  private plus(option: string, delta: 1 | -1): void {
    const { ballot } = this;
    if (delta < 0) {
      const index = ballot.plus.lastIndexOf(option);
      if (index < 0) {
        this.attempt = { option, text: this.t('noPlusToRemove') };
        return this.announce(this.attempt.text);
      }
      return this.setBallot({ plus: ballot.plus.filter((_, position) => position !== index), minus: ballot.minus });
    }
    const blocked = plusBlocked(this.poll, ballot, option);
    if (blocked) return this.refuse(option, blocked);
    this.setBallot({ plus: [...ballot.plus, option], minus: ballot.minus });
  }

  private minus(option: string): void {
    const { ballot } = this;
    if (ballot.minus.includes(option)) return this.setBallot({ plus: ballot.plus, minus: ballot.minus.filter((id) => id !== option) });
    const blocked = minusBlocked(this.poll, ballot, option);
    if (blocked) return this.refuse(option, blocked);
    this.setBallot({ plus: ballot.plus, minus: [...ballot.minus, option] });
  }

  /** The numbers a rule's message needs, for a rule the server named without them. */
  private ruleParams(code: string): Record<string, number> | undefined {
    const poll = this.poll;
    const rules = d21Rules(poll);
    const { spent } = summarize(poll, this.ballot);
    const max = maxPlus(poll);
    const params: Record<string, Record<string, number>> = {
      too_few_choices: { min: poll.method === 'multiple' ? Math.min(poll.minChoices ?? 1, max) : 1 },
      too_many_choices: { max },
      too_many_projects: { max },
      too_many_plus: { max: rules.plus },
      too_many_minus: { max: rules.minus },
      too_many_plus_on_option: { max: rules.maxPlusPerOption },
      minus_too_early: { after: rules.minusAfter === 'all' ? rules.plus : rules.minusAfter },
      minus_before_all_plus: { plus: rules.plus },
      over_budget: { total: poll.budget?.total ?? 0, spent },
      under_min_spend: { min: poll.budget?.minSpend ?? 0, spent },
    };
    return params[code];
  }

  private showProblems(errors: BallotError[], problem?: string, needsSignIn = false): void {
    this.errors = errors;
    this.problem = problem;
    this.problemNeedsSignIn = needsSignIn;
    this.focusAfterRender = '[part="error-summary"]';
  }

  private async castBallot(event: Event): Promise<void> {
    event.preventDefault();
    if (this.busy) return;
    const poll = this.poll;
    const errors = ballotErrors(poll, this.ballot);
    if (errors.length > 0) return this.showProblems(errors);
    const api = this.runtime?.api;
    if (!api) return;
    const replaced = this.cast !== undefined;
    this.busy = 'cast';
    this.errors = [];
    this.problem = undefined;
    try {
      const client = this.voterClient(api, poll.voters === 'anyone');
      const { ballot } = await client.request({ method: 'PUT', path: `/polls/${encodeURIComponent(poll.id)}/ballot`, body: this.ballot, schema: CastResponseSchema });
      this.cast = ballot;
      this.editing = false;
      this.withdrawn = false;
      this.note = undefined;
      if (this.shownView?.resultsPublic) this.resultsRound++;
      this.focusAfterRender = '[part="confirmation"] h3';
      this.dispatchEvent(new CustomEvent('obec-poll-voted', { detail: { pollId: poll.id, ballot, replaced }, bubbles: true, composed: true }));
    } catch (error) {
      this.onFailed(error, 'castFailed');
    } finally {
      this.busy = undefined;
    }
  }

  private onFailed(error: unknown, key: 'castFailed' | 'withdrawFailed'): void {
    const code = error instanceof ApiError ? error.code : undefined;
    if (error instanceof ApiError && code === 'invalid_ballot' && error.fields.length > 0) {
      const local = ballotErrors(this.poll, this.ballot);
      // the server's verdict, in the words the widget has for each rule
      const errors = error.fields.map((field) => {
        const option = field.path === 'ballot' ? undefined : field.path;
        return local.find((candidate) => candidate.code === field.code && candidate.option === option) ?? { code: field.code, option, params: this.ruleParams(field.code) };
      });
      return this.showProblems(errors, this.t('refused'));
    }
    if (code === 'sign_in_required' || error instanceof ApiError && error.kind === 'unauthorized') return this.showProblems([], this.t('signInAgain'), true);
    if (code === 'poll_closed' || code === 'poll_not_open' || (code && INELIGIBLE.has(code))) {
      // the poll or the citizen changed meanwhile: show the poll as it is now
      void this.view.run();
      const text = code === 'poll_closed' ? this.t('pollClosed') : code === 'poll_not_open' ? this.t('pollNotOpen') : ineligibleText(this.language, code as IneligibleReason);
      return this.showProblems([], text);
    }
    this.showProblems([], this.t(key, { reason: error instanceof ApiError ? this.errorMessage(error) : this.coreMsg('error.server') }));
  }

  private async withdraw(): Promise<void> {
    const api = this.runtime?.api;
    if (!api || this.busy) return;
    const poll = this.poll;
    this.busy = 'withdraw';
    this.problem = undefined;
    this.errors = [];
    try {
      await this.voterClient(api).request({ method: 'DELETE', path: `/polls/${encodeURIComponent(poll.id)}/ballot`, schema: WithdrawResponseSchema });
      this.cast = undefined;
      this.ballot = EMPTY;
      this.editing = true;
      this.withdrawn = true;
      if (this.shownView?.resultsPublic) this.resultsRound++;
      this.focusAfterRender = '[data-withdrawn]';
      this.dispatchEvent(new CustomEvent('obec-poll-withdrawn', { detail: { pollId: poll.id }, bubbles: true, composed: true }));
    } catch (error) {
      this.onFailed(error, 'withdrawFailed');
    } finally {
      this.busy = undefined;
    }
  }

  private change(): void {
    const cast = this.cast;
    this.ballot = cast ? { plus: cast.plus, minus: cast.minus } : EMPTY;
    this.editing = true;
    this.withdrawn = false;
    this.errors = [];
    this.problem = undefined;
    this.focusAfterRender = '[data-heading]';
  }

  private keep(): void {
    this.editing = false;
    this.errors = [];
    this.problem = undefined;
    this.attempt = undefined;
    this.note = undefined;
    this.focusAfterRender = '[part="confirmation"] h3';
  }

  private signIn(): void {
    void this.runtime?.session?.signIn({ lang: this.language });
  }

  // ---- rendering ----------------------------------------------------------

  protected override renderWidget(): TemplateResult {
    return html`<section part="base" lang=${this.language} aria-busy=${this.view.status === 1 ? 'true' : 'false'}>
      ${this.view.render({
        pending: () => (this.shownView ? this.renderPoll(this.shownView) : html`<p class="muted">${this.t('loading')}</p>`),
        error: (error) => this.renderLoadError(error),
        complete: (view) => (view ? this.renderPoll(view) : nothing),
      })}
      <p class="visually-hidden" aria-live="polite">${this.announcement}</p>
    </section>`;
  }

  private renderLoadError(error: unknown): TemplateResult {
    if (error instanceof ApiError && error.kind === 'not-found') return html`<p class="message error" role="alert">${this.t('notFound')}</p>`;
    const reason = error instanceof ApiError ? this.errorMessage(error) : '';
    return html`<div class="message error" role="alert">
      <p>${this.t('loadFailed', { reason })}</p>
      <button class="button secondary" part="button" @click=${() => this.view.run()}>${this.t('tryAgain')}</button>
    </div>`;
  }

  private moment(iso: string): string {
    return formatMoment(this.language, iso, true);
  }

  private renderPoll(view: PollView): TemplateResult {
    const { poll, phase } = view;
    const open = phase === 'open';
    return html`<h2>${textOf(this.words, poll.title)}</h2>
      ${renderParagraphs(this.words, poll.description)} ${this.renderPhase(view)}
      ${poll.voters === 'anyone' && (open || phase === 'upcoming')
        ? html`<div part="notice" class="message notice info">
            <strong>${this.t('anyoneTitle')}</strong>
            <p>${this.t('anyone')}</p>
          </div>`
        : nothing}
      ${this.renderErrorSummary()} ${open ? this.renderOpen(view) : phase === 'upcoming' ? renderPreview(this.words, poll, this.order) : this.renderClosed(view)}
      ${view.resultsPublic ? this.renderResults(poll) : nothing}`;
  }

  private renderPhase({ poll, phase, resultsPublic }: PollView): TemplateResult | typeof nothing {
    const lines: string[] = [];
    if (phase === 'upcoming') lines.push(poll.opens ? this.t('opensAt', { date: this.moment(poll.opens) }) : this.t('notOpenYet'));
    if (phase === 'open' && poll.closes) lines.push(this.t('openUntil', { date: this.moment(poll.closes) }));
    if (phase === 'closed' || phase === 'published') lines.push(this.t('closed'));
    if ((phase === 'open' || phase === 'upcoming') && !resultsPublic && poll.results !== 'live') lines.push(this.t(`resultsWhen.${poll.results}`));
    if (phase === 'closed' && !resultsPublic) lines.push(this.t('resultsLater'));
    return lines.length > 0 ? html`<p part="phase" class="phase">${lines.join(' ')}</p>` : nothing;
  }

  private renderOpen(view: PollView): TemplateResult {
    const { poll, eligibility } = view;
    if (!eligibility.allowed && eligibility.reason === 'sign_in_required') {
      return html`<div part="sign-in" class="message notice info">
          <strong>${ineligibleText(this.language, 'sign_in_required')}</strong>
          <p>${this.t('signInHelp')}</p>
          ${this.runtime?.session
            ? html`<button class="button" part="button" @click=${this.signIn}>${this.t('signIn')}</button>`
            : html`<p>${this.t('signInElsewhere')}</p>`}
        </div>
        ${renderPreview(this.words, poll, this.order)}`;
    }
    if (!eligibility.allowed) {
      return html`<div part="ineligible" class="message notice info">
          <strong>${this.t('ineligibleTitle')}</strong>
          <p>${ineligibleText(this.language, eligibility.reason ?? 'sign_in_required', eligibility.minAge)}</p>
        </div>
        ${renderPreview(this.words, poll, this.order)}`;
    }
    if (this.cast && !this.editing) return this.renderConfirmation(poll, this.cast);
    return this.renderBallot(poll);
  }

  private renderBallot(poll: PollDefinition): TemplateResult {
    const host: EditorHost = {
      ...this.words,
      poll,
      order: this.order,
      ballot: this.ballot,
      errors: this.errors,
      attempt: this.attempt,
      note: this.note,
      choose: (option) => this.choose(option),
      toggle: (option) => this.toggle(option),
      plus: (option, delta) => this.plus(option, delta),
      minus: (option) => this.minus(option),
    };
    const changing = this.cast !== undefined;
    return html`${this.withdrawn ? html`<p class="message notice success" tabindex="-1" data-withdrawn>${this.t('withdrawn')}</p>` : nothing}
      <form part="ballot" class="ballot-form" novalidate aria-labelledby="ballot-title" @submit=${this.castBallot}>
        <h3 id="ballot-title" tabindex="-1" data-heading>${changing ? this.t('changeTitle') : this.t('voteTitle')}</h3>
        ${renderEditor(host)}
        <div class="actions">
          <button class="button" part="button" aria-disabled=${this.busy ? 'true' : 'false'}>
            ${this.busy === 'cast' ? this.t('submitting') : changing ? this.t('submitChange') : this.t('submit')}
          </button>
          ${changing ? html`<button type="button" class="button secondary" part="button" @click=${this.keep}>${this.t('keepBallot')}</button>` : nothing}
        </div>
      </form>`;
  }

  private renderErrorSummary(): TemplateResult | typeof nothing {
    if (this.errors.length === 0 && !this.problem) return nothing;
    const poll = this.poll;
    return html`<div part="error-summary" class="error-summary" tabindex="-1" aria-labelledby="error-summary-title">
      <h3 id="error-summary-title">${this.t('errorSummary')}</h3>
      ${this.problem ? html`<p>${this.problem}</p>` : nothing}
      ${this.problemNeedsSignIn && this.runtime?.session
        ? html`<button class="button" part="button" @click=${this.signIn}>${this.t('signIn')}</button>`
        : nothing}
      ${this.errors.length > 0
        ? html`<ul>
            ${this.errors.map(
              (error) => html`<li>
                <a
                  href=${`#${error.option ? optionId(error.option) : 'ballot'}`}
                  @click=${(event: Event) => {
                    event.preventDefault();
                    controlOf(this.renderRoot, error.option)?.focus();
                  }}
                  >${errorText(this.words, poll, error)}</a
                >
              </li>`,
            )}
          </ul>`
        : nothing}
    </div>`;
  }

  private renderConfirmation(poll: PollDefinition, cast: CastBallot): TemplateResult {
    return html`<div part="confirmation" class="confirmation">
      <h3 tabindex="-1">${this.t('castTitle')}</h3>
      <p>${this.t('castAt', { date: this.moment(cast.castAt) })}</p>
      ${renderBallotSummary(this.words, poll, cast)}
      <p>${poll.closes ? this.t('changeUntil', { date: this.moment(poll.closes) }) : this.t('changeWhileOpen')}</p>
      <div class="actions">
        <button type="button" class="button" part="button" @click=${this.change}>${this.t('change')}</button>
        <button type="button" class="button secondary" part="button" aria-disabled=${this.busy ? 'true' : 'false'} @click=${this.withdraw}>
          ${this.busy === 'withdraw' ? this.t('withdrawing') : this.t('withdraw')}
        </button>
      </div>
    </div>`;
  }

  private renderClosed(view: PollView): TemplateResult | typeof nothing {
    const cast = this.cast;
    if (!cast) return view.resultsPublic ? nothing : renderPreview(this.words, view.poll, this.order);
    return html`<div part="confirmation" class="confirmation past">
      <h3 tabindex="-1">${this.t('votedAt', { date: this.moment(cast.castAt) })}</h3>
      ${renderBallotSummary(this.words, view.poll, cast)}
    </div>`;
  }

  private renderResults(poll: PollDefinition): TemplateResult | undefined {
    return this.results.render({
      pending: () => (this.results.value ? renderResults(this.words, poll, this.results.value) : html`<p class="muted">${this.t('resultsLoading')}</p>`),
      complete: (results) => (results ? renderResults(this.words, poll, results) : html``),
      error: (error) => html`<div class="message error" role="alert">
        <p>${this.t('resultsFailed', { reason: error instanceof ApiError ? this.errorMessage(error) : '' })}</p>
        <button class="button secondary" part="button" @click=${() => this.results.run()}>${this.t('tryAgain')}</button>
      </div>`,
    });
  }
}

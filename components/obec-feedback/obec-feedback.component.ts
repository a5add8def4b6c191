import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { ApiError } from '../../src/api/api-error.js';
import { ObecElement } from '../../src/base/obec-element.js';
import type { SettingName } from '../../src/config/config-schema.js';
import { RatingResponseSchema, type RatingResponse } from '../../src/contract/feedback.js';
import type { Params } from '../../src/i18n/translator.js';
import { withHeaders } from '../../src/client/with-headers.js';
import { feedbackMessages, type FeedbackMessages } from './obec-feedback.messages.js';
import { feedbackStyles } from './obec-feedback.styles.js';

const MAX_COMMENT = 1000;

/**
 * @summary "Pomohla vám tato stránka?" Yes or No in one click, then an
 * optional comment. No sign-in; tiny, for every page.
 *
 * @description A click on Ano or Ne sends the answer at once (`POST
 * {api}/ratings`), thanks the citizen (the thanks take focus) and offers an
 * optional comment, sent later with the answer's edit token (`PATCH
 * {api}/ratings/:id`). What is rated is `target`, by default the page's path.
 * Spam is kept out without a CAPTCHA: a honeypot field hidden from people and
 * assistive technology, and the server's rate limits.
 *
 * @fires obec-feedback-rated - The answer was saved; `detail`: `{ target, helpful }`.
 * @fires obec-feedback-commented - The comment was saved; `detail`: `{ target }`.
 *
 * @csspart base - The widget.
 * @csspart question - The question.
 * @csspart button - Every button.
 * @csspart thanks - The thanks after the answer.
 * @csspart comment - The comment form.
 * @csspart error - A failure to send.
 * @csspart config-error - Shown instead of the widget when `api` is missing or wrong.
 *
 * @cssproperty --obec-color-primary - The buttons.
 * @cssproperty --obec-color-surface-alt - The background.
 * @cssstate dark - The dark theme is in effect.
 */
export class ObecFeedback extends ObecElement {
  static override styles = [ObecElement.styles, feedbackStyles];
  static override requiredSettings: readonly SettingName[] = ['api'];
  static override catalogs = [...ObecElement.catalogs, feedbackMessages];

  /** What is rated: a page path or a service id; by default `location.pathname`. */
  @property() target = '';

  @state() private helpful?: boolean;
  @state() private rating?: RatingResponse;
  @state() private busy = false;
  @state() private comment = '';
  @state() private commented = false;
  @state() private problem = '';
  @state() private commentError = '';

  private focusAfterRender?: string;

  private t(key: keyof FeedbackMessages & string, params?: Params): string {
    return this.msg(feedbackMessages, key, params);
  }

  private get rated(): string {
    return (this.target || location.pathname).slice(0, 200);
  }

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    const selector = this.focusAfterRender;
    this.focusAfterRender = undefined;
    if (selector) this.renderRoot.querySelector<HTMLElement>(selector)?.focus();
  }

  private reason(error: unknown): string {
    return error instanceof ApiError ? this.errorMessage(error) : this.coreMsg('error.server');
  }

  private async answer(helpful: boolean): Promise<void> {
    const api = this.runtime?.api;
    if (!api || this.busy) return;
    const website = this.renderRoot.querySelector<HTMLInputElement>('#website')?.value ?? '';
    this.busy = true;
    this.helpful = helpful;
    this.problem = '';
    try {
      this.rating = await api.post('/ratings', { target: this.rated, helpful, ...(website ? { website } : {}) }, RatingResponseSchema);
      this.focusAfterRender = '[part="thanks"]';
      this.dispatchEvent(new CustomEvent('obec-feedback-rated', { detail: { target: this.rated, helpful }, bubbles: true, composed: true }));
    } catch (error) {
      this.problem = this.t('failed', { reason: this.reason(error) });
      this.focusAfterRender = '[part="error"]';
    } finally {
      this.busy = false;
    }
  }

  private async sendComment(event: Event): Promise<void> {
    event.preventDefault();
    const api = this.runtime?.api;
    const rating = this.rating;
    if (!api || !rating || this.busy) return;
    const comment = this.comment.trim();
    this.commentError = comment.length === 0 ? this.t('empty') : comment.length > MAX_COMMENT ? this.t('tooLong', { max: MAX_COMMENT }) : '';
    if (this.commentError) {
      this.focusAfterRender = '#comment';
      return;
    }
    this.busy = true;
    this.problem = '';
    try {
      await withHeaders(api, { 'X-Edit-Token': rating.editToken }).request({
        method: 'PATCH',
        path: `/ratings/${encodeURIComponent(rating.id)}`,
        body: { comment },
        schema: RatingResponseSchema,
        idempotencyKey: rating.id,
      }).catch((error: unknown) => {
        // a server answering 204 or `{ id }` only has still saved it
        if (error instanceof ApiError && error.kind === 'schema') return undefined;
        throw error;
      });
      this.commented = true;
      this.focusAfterRender = '[part="thanks"]';
      this.dispatchEvent(new CustomEvent('obec-feedback-commented', { detail: { target: this.rated }, bubbles: true, composed: true }));
    } catch (error) {
      this.problem = this.t('commentFailed', { reason: this.reason(error) });
      this.focusAfterRender = '[part="error"]';
    } finally {
      this.busy = false;
    }
  }

  protected override renderWidget(): TemplateResult {
    return html`<section part="base" lang=${this.language} aria-labelledby="question">
      <h2 id="question" part="question">${this.t('question')}</h2>
      ${this.rating ? this.renderComment() : this.renderQuestion()}
      ${this.problem ? html`<p part="error" class="message error" role="alert" tabindex="-1">${this.problem}</p>` : nothing}
    </section>`;
  }

  private renderQuestion(): TemplateResult {
    const busy = this.busy ? 'true' : 'false';
    return html`<div class="answers">
        <button type="button" class="button secondary" part="button" aria-disabled=${busy} @click=${() => this.answer(true)}>${this.t('yes')}</button>
        <button type="button" class="button secondary" part="button" aria-disabled=${busy} @click=${() => this.answer(false)}>${this.t('no')}</button>
      </div>
      ${this.busy ? html`<p class="hint" role="status">${this.t('sending')}</p>` : nothing}
      <div class="visually-hidden" aria-hidden="true">
        <label for="website">${this.t('honeypot')}</label>
        <input id="website" name="website" type="text" tabindex="-1" autocomplete="off" />
      </div>`;
  }

  private renderComment(): TemplateResult {
    if (this.commented) return html`<p part="thanks" class="thanks" tabindex="-1">${this.t('commentThanks')}</p>`;
    const left = MAX_COMMENT - this.comment.length;
    const invalid = this.commentError !== '';
    return html`<p part="thanks" class="thanks" tabindex="-1">${this.t('thanks')}</p>
      <form part="comment" novalidate @submit=${this.sendComment}>
        <label for="comment">${this.helpful ? this.t('commentYes') : this.t('commentNo')}</label>
        <p id="comment-hint" class="hint">${this.t('commentHint')}</p>
        ${invalid ? html`<p id="comment-error" class="error-text">${this.commentError}</p>` : nothing}
        <textarea
          id="comment"
          name="comment"
          rows="4"
          aria-describedby=${`comment-hint comment-counter${invalid ? ' comment-error' : ''}`}
          aria-invalid=${invalid ? 'true' : 'false'}
          .value=${this.comment}
          @input=${(event: Event) => {
            this.comment = (event.target as HTMLTextAreaElement).value;
            if (this.commentError) this.commentError = '';
          }}
        ></textarea>
        <p id="comment-counter" class="counter ${left < 0 ? 'over' : ''}">${left < 0 ? this.t('tooLong', { max: MAX_COMMENT }) : this.t('charactersLeft', { count: left })}</p>
        <div class="actions">
          <button class="button" part="button" aria-disabled=${this.busy ? 'true' : 'false'}>${this.busy ? this.t('sending') : this.t('send')}</button>
        </div>
      </form>`;
  }
}

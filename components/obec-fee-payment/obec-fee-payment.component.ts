import { Task } from '@lit/task';
import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { ApiError } from '../../src/api/api-error.js';
import { ObecElement } from '../../src/base/obec-element.js';
import { formatDate, formatMoney } from '../../src/i18n/format.js';
import { panelStyles } from '../../src/theme/tokens.js';
import type { SettingName } from '../../src/config/config-schema.js';
import { ObligationListSchema, type Obligation, type ObligationList, type PaymentAccount } from '../../src/contract/fees.js';
import { PaymentSchema, type Payment, type StartPayment } from '../../src/contract/payments.js';
import { formatIban } from '../../src/payments/bank-account.js';
import { qrMatrix, qrSvgPath } from '../../src/payments/qr-code.js';
import { buildSpd } from '../../src/payments/spd.js';
import { feeMessages, type FeeMessages } from './obec-fee-payment.messages.js';
import { feeStyles } from './obec-fee-payment.styles.js';

type Params = Record<string, string | number>;
const QUIET_ZONE = 4;
/** The query parameter the gateway brings the citizen back with. */
const RETURN_PARAM = 'obec-payment';
const RECHECKS = 5;
const RECHECK_MS = 2000;

/**
 * A card payment this tab has started: its idempotency key (reused when the
 * citizen retries the same fees, so a repeated click or a lost answer cannot
 * start a second payment) and, once known, its id.
 */
interface CardIntent {
  key: string;
  obligationIds: string[];
  paymentId?: string;
}

/** What is still to pay of an obligation, in CZK. */
const outstanding = (obligation: Obligation) => Math.round((obligation.amount - obligation.paid) * 100) / 100;

/**
 * @summary The citizen's local fees (waste fee, dog fee, …), paid by QR Platba:
 * a code any Czech banking app scans, with the same details as text to copy.
 *
 * @description Signed in, the citizen sees their obligations and those of the
 * household members they pay for, with amount, variable symbol, due date and
 * state, picks one or several and pays by card (through the town's payment
 * gateway and back to the same page, with a receipt) or gets a QR Platba code
 * for each. Not signed
 * in, they find one obligation by its variable symbol and their date of birth.
 * Needs `api` on `<obec-portal>`; sign-in (`<obec-login>`) is optional.
 *
 * @csspart base - The widget.
 * @csspart lookup - The form for paying without signing in.
 * @csspart list - The list of obligations.
 * @csspart obligation - One obligation in the list.
 * @csspart pay - The "pay by transfer" button.
 * @csspart pay-card - The "pay by card" button.
 * @csspart result - The result of a card payment after the gateway, with the receipt.
 * @csspart payment - The QR Platba section of one obligation.
 * @csspart qr - The QR code (always dark on light, for cameras).
 * @csspart copy - A copy button.
 * @csspart config-error - Shown instead of the widget when `api` is missing or wrong.
 *
 * @cssproperty --obec-color-primary - Buttons (default gov.cz blue `#2362a2`).
 * @cssproperty --obec-color-error - Overdue and error messages.
 * @cssstate dark - The dark theme is in effect.
 */
export class ObecFeePayment extends ObecElement {
  static override styles = [ObecElement.styles, panelStyles, feeStyles];
  static override requiredSettings: readonly SettingName[] = ['api'];
  static override catalogs = [...ObecElement.catalogs, feeMessages];

  /** Show only obligations of this fee kind (its code, e.g. `waste` or `dog`). */
  @property({ attribute: 'fee-kind' }) feeKind?: string;

  @state() private selected = new Set<string>();
  @state() private paying?: Obligation[];
  @state() private lookup?: ObligationList;
  @state() private lookupBusy = false;
  @state() private lookupFailure?: string;
  @state() private fieldErrors: Partial<Record<'variableSymbol' | 'birthdate', string>> = {};
  @state() private status = '';
  @state() private payment?: Payment;
  @state() private paymentBusy = false;
  @state() private paymentProblem?: { message: string; pendingId?: string };
  private lookupValues = { variableSymbol: '', birthdate: '' };
  private recheckTimer?: ReturnType<typeof setTimeout>;
  private rechecks = 0;
  private returnChecked = false;

  private readonly fees = new Task(this, {
    task: async ([api, signedIn], { signal }) => (api && signedIn ? api.get('/fees', ObligationListSchema, { signal }) : undefined),
    args: () => [this.runtime?.api, this.runtime?.session?.state.status === 'signed-in'] as const,
  });

  private t(key: keyof FeeMessages, params?: Params) {
    return this.msg(feeMessages, key, params);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.recheckTimer);
  }

  private get intentKey(): string {
    return `obec-fee-payment:${this.runtime?.config.api ?? ''}`;
  }

  private readIntent(): CardIntent | undefined {
    try {
      return JSON.parse(sessionStorage.getItem(this.intentKey) ?? 'null') ?? undefined;
    } catch {
      return undefined;
    }
  }

  private writeIntent(intent: CardIntent | undefined): void {
    if (intent) sessionStorage.setItem(this.intentKey, JSON.stringify(intent));
    else sessionStorage.removeItem(this.intentKey);
  }

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    // Back from the gateway: the payment this tab started, read afresh from the server.
    if (this.returnChecked || !this.runtime?.api) return;
    this.returnChecked = true;
    const url = new URL(window.location.href);
    if (!url.searchParams.has(RETURN_PARAM)) return;
    url.searchParams.delete(RETURN_PARAM);
    history.replaceState(history.state, '', url.href);
    const paymentId = this.readIntent()?.paymentId;
    if (paymentId) void this.checkPayment(paymentId, true);
  }

  private async checkPayment(id: string, focus = false): Promise<void> {
    clearTimeout(this.recheckTimer);
    this.paymentBusy = true;
    try {
      this.payment = await this.runtime!.api!.get(`/payments/${encodeURIComponent(id)}`, PaymentSchema);
      this.paymentProblem = undefined;
      if (this.payment.state !== 'pending') {
        this.writeIntent(undefined);
        this.selected = new Set();
        if (this.payment.state === 'paid') void this.fees.run();
      } else if (this.rechecks++ < RECHECKS) {
        // the gateway's word may still be on its way: ask again a few times, then leave it to the citizen
        this.recheckTimer = setTimeout(() => void this.checkPayment(id), RECHECK_MS);
      }
    } catch (error) {
      this.paymentProblem = { message: error instanceof ApiError ? this.errorMessage(error) : this.coreMsg('error.server') };
    } finally {
      this.paymentBusy = false;
    }
    if (focus) {
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('#result-title')?.focus();
    }
  }

  private async payByCard(list: ObligationList): Promise<void> {
    const chosen = this.visible(list).filter((obligation) => this.selected.has(obligation.id) && obligation.state !== 'paid');
    if (chosen.length === 0) {
      this.status = this.t('chooseFirst');
      return;
    }
    const obligationIds = chosen.map((obligation) => obligation.id).sort();
    const previous = this.readIntent();
    const intent: CardIntent =
      previous && previous.obligationIds.join() === obligationIds.join() && !previous.paymentId ? previous : { key: crypto.randomUUID(), obligationIds };
    this.writeIntent(intent);
    const returnUrl = new URL(window.location.href);
    returnUrl.hash = '';
    returnUrl.searchParams.set(RETURN_PARAM, 'return');
    const body: StartPayment = {
      obligationIds,
      returnUrl: returnUrl.href,
      ...(this.runtime?.session?.state.status === 'signed-in' ? {} : { lookup: this.lookupValues }),
    };
    this.paymentBusy = true;
    this.paymentProblem = undefined;
    try {
      const payment = await this.runtime!.api!.request({ method: 'POST', path: '/payments', body, schema: PaymentSchema, idempotencyKey: intent.key });
      this.writeIntent({ ...intent, paymentId: payment.id });
      this.status = this.t('redirecting');
      if (payment.redirectUrl) window.location.assign(payment.redirectUrl);
    } catch (error) {
      this.paymentBusy = false;
      const pendingId = error instanceof ApiError && error.code === 'payment_pending' ? error.fields.find((field) => field.path === 'paymentId')?.message : undefined;
      if (pendingId) this.writeIntent({ ...intent, paymentId: pendingId });
      this.paymentProblem = {
        message: pendingId ? this.t('pendingExists') : error instanceof ApiError ? this.errorMessage(error) : this.coreMsg('error.server'),
        pendingId,
      };
    }
  }

  /** Sends the citizen back to the gateway to finish the payment they left half-way. */
  private async resume(id: string): Promise<void> {
    this.paymentBusy = true;
    try {
      const payment = await this.runtime!.api!.get(`/payments/${encodeURIComponent(id)}`, PaymentSchema);
      if (payment.state === 'pending' && payment.redirectUrl) {
        this.status = this.t('redirecting');
        window.location.assign(payment.redirectUrl);
        return;
      }
      this.payment = payment;
      this.paymentProblem = undefined;
    } catch (error) {
      this.paymentProblem = { message: error instanceof ApiError ? this.errorMessage(error) : this.coreMsg('error.server') };
    }
    this.paymentBusy = false;
  }

  private money(value: number): string {
    return formatMoney(this.language, value);
  }

  private date(iso: string): string {
    return formatDate(this.language, iso);
  }

  private feeName(obligation: Obligation): string {
    return obligation.feeName[this.language] ?? obligation.feeName.cs;
  }

  private visible(list: ObligationList): Obligation[] {
    return list.obligations.filter((obligation) => !this.feeKind || obligation.feeKind === this.feeKind);
  }

  private toggle(obligation: Obligation, checked: boolean): void {
    const next = new Set(this.selected);
    if (checked) next.add(obligation.id);
    else next.delete(obligation.id);
    this.selected = next;
  }

  private async pay(list: ObligationList): Promise<void> {
    const chosen = this.visible(list).filter((obligation) => this.selected.has(obligation.id) && obligation.state !== 'paid');
    if (chosen.length === 0) {
      this.status = this.t('chooseFirst');
      return;
    }
    this.paying = chosen;
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('#payment-title')?.focus();
  }

  private async back(): Promise<void> {
    this.paying = undefined;
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('[part="pay"]')?.focus();
  }

  private async copy(value: string, what: string): Promise<void> {
    try {
      await navigator.clipboard.writeText(value);
      this.status = this.t('copied', { what });
    } catch {
      this.status = this.t('copyFailed');
    }
  }

  private async findObligation(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const data = new FormData(form);
    const variableSymbol = String(data.get('variableSymbol') ?? '').replace(/\s/g, '');
    const birthdate = String(data.get('birthdate') ?? '');
    this.lookupValues = { variableSymbol, birthdate };
    const errors: typeof this.fieldErrors = {};
    if (!/^\d{1,10}$/.test(variableSymbol)) errors.variableSymbol = this.t('invalid.variableSymbol');
    if (!/^\d{4}-\d{2}-\d{2}$/.test(birthdate)) errors.birthdate = this.t('invalid.birthdate');
    this.fieldErrors = errors;
    this.lookupFailure = undefined;
    if (Object.keys(errors).length > 0) {
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
      return;
    }
    this.lookupBusy = true;
    try {
      this.lookup = await this.runtime!.api!.post('/fees/lookup', { variableSymbol, birthdate }, ObligationListSchema);
      this.selected = new Set(this.lookup.obligations.filter((obligation) => obligation.state !== 'paid').map((obligation) => obligation.id));
    } catch (error) {
      this.lookupFailure = error instanceof ApiError && error.kind === 'not-found' ? this.t('notFound') : error instanceof ApiError ? this.errorMessage(error) : this.coreMsg('error.server');
    } finally {
      this.lookupBusy = false;
    }
  }

  protected override renderWidget(): TemplateResult {
    const signedIn = this.runtime?.session?.state.status === 'signed-in';
    return html`<section part="base" lang=${this.language} aria-labelledby="title">
      <h2 id="title">${this.t('title')}</h2>
      ${this.payment ? this.renderResult(this.payment) : nothing}
      ${this.paymentProblem
        ? html`<div class="message error" role="alert">
            <p>${this.paymentProblem.message}</p>
            ${this.paymentProblem.pendingId
              ? html`<button class="button" type="button" @click=${() => this.resume(this.paymentProblem!.pendingId!)}>${this.t('resume')}</button>`
              : nothing}
          </div>`
        : nothing}
      ${this.paying
        ? this.renderPayment(this.paying, (this.lookup ?? this.fees.value)!.account)
        : signedIn
          ? this.fees.render({
              pending: () => html`<p role="status">${this.t('loading')}</p>`,
              complete: (list) => (list ? this.renderList(list) : nothing),
              error: (error) => html`<p class="message error" role="alert">${error instanceof ApiError ? this.errorMessage(error) : this.coreMsg('error.server')}</p>`,
            })
          : html`${this.lookup ? this.renderList(this.lookup) : this.renderLookup()}`}
      <p class="visually-hidden" role="status" aria-live="polite">${this.status}</p>
    </section>`;
  }

  private renderLookup(): TemplateResult {
    const { variableSymbol, birthdate } = this.fieldErrors;
    return html`<form part="lookup" novalidate @submit=${this.findObligation} aria-labelledby="lookup-title">
      <h3 id="lookup-title">${this.t('lookupTitle')}</h3>
      <p>${this.t('lookupHelp')}</p>
      ${this.lookupFailure ? html`<p class="message error" role="alert">${this.lookupFailure}</p>` : nothing}
      <div class="field">
        <label for="variable-symbol">${this.t('variableSymbol')}</label>
        <span class="help" id="variable-symbol-help">${this.t('variableSymbolHelp')}</span>
        ${variableSymbol ? html`<span class="field-error" id="variable-symbol-error">${variableSymbol}</span>` : nothing}
        <input
          id="variable-symbol"
          name="variableSymbol"
          inputmode="numeric"
          autocomplete="off"
          maxlength="14"
          .value=${this.lookupValues.variableSymbol}
          aria-invalid=${variableSymbol ? 'true' : 'false'}
          aria-describedby=${variableSymbol ? 'variable-symbol-help variable-symbol-error' : 'variable-symbol-help'}
        />
      </div>
      <div class="field">
        <label for="birthdate">${this.t('birthdate')}</label>
        ${birthdate ? html`<span class="field-error" id="birthdate-error">${birthdate}</span>` : nothing}
        <input
          id="birthdate"
          name="birthdate"
          type="date"
          autocomplete="bday"
          .value=${this.lookupValues.birthdate}
          aria-invalid=${birthdate ? 'true' : 'false'}
          aria-describedby=${birthdate ? 'birthdate-error' : nothing}
        />
      </div>
      <button class="button" type="submit" ?disabled=${this.lookupBusy} aria-busy=${this.lookupBusy ? 'true' : 'false'}>${this.t('find')}</button>
      <p class="hint">${this.t('signInHint')}</p>
    </form>`;
  }

  private renderList(list: ObligationList): TemplateResult {
    const obligations = this.visible(list);
    if (obligations.length === 0) return html`<p class="message">${this.t('nothing')}</p>`;
    const open = obligations.filter((obligation) => obligation.state !== 'paid');
    const chosen = open.filter((obligation) => this.selected.has(obligation.id));
    const total = chosen.reduce((sum, obligation) => sum + outstanding(obligation), 0);
    return html`${open.length === 0 ? html`<p class="message success">${this.t('allPaid')}</p>` : nothing}
      <ul part="list" aria-label=${this.t('listCaption')}>
        ${obligations.map((obligation) => this.renderObligation(obligation))}
      </ul>
      ${open.length > 0
        ? html`<p class="total" aria-live="polite">${this.t('selected', { count: chosen.length, total: this.money(total) })}</p>
            <div class="actions">
              ${list.cardPayments
                ? html`<button part="pay-card" class="button" type="button" ?disabled=${this.paymentBusy} aria-busy=${this.paymentBusy ? 'true' : 'false'} @click=${() => this.payByCard(list)}>
                    ${this.t('payByCard')}
                  </button>`
                : nothing}
              <button part="pay" class=${list.cardPayments ? 'button secondary' : 'button'} type="button" @click=${() => this.pay(list)}>${this.t('payByQr')}</button>
            </div>`
        : nothing}`;
  }

  private renderResult(payment: Payment): TemplateResult {
    const tone = payment.state === 'paid' ? 'success' : payment.state === 'pending' ? '' : 'error';
    return html`<div part="result" class=${`message result ${tone}`} role="status">
      <h3 id="result-title" tabindex="-1">${this.t('resultTitle')}</h3>
      <p><strong>${this.t(`result.${payment.state}`)}</strong></p>
      ${payment.receipt
        ? html`<p>${this.t('receipt', { number: payment.receipt.number })} · ${this.t('receiptPaidAt', { date: this.date(payment.receipt.paidAt.slice(0, 10)) })} · ${this.money(payment.amount)}</p>
            <p>${this.t('paidFor')}:</p>
            <ul class="receipt">
              ${payment.obligations.map(
                (item) => html`<li>${item.feeName[this.language] ?? item.feeName.cs} ${item.period} – ${item.payerName} (${this.t('symbol')} ${item.variableSymbol}): ${this.money(item.amount)}</li>`,
              )}
            </ul>`
        : nothing}
      ${payment.state === 'pending'
        ? html`<button class="button secondary" type="button" ?disabled=${this.paymentBusy} @click=${() => {
            this.rechecks = 0;
            void this.checkPayment(payment.id);
          }}>${this.t('checkAgain')}</button>`
        : nothing}
    </div>`;
  }

  private renderObligation(obligation: Obligation): TemplateResult {
    const id = `obligation-${obligation.id}`;
    const name = `${this.feeName(obligation)} ${obligation.period}`;
    // partly paid and past its due date: both facts matter to the citizen
    const late = obligation.state === 'partly-paid' && obligation.dueDate < new Date().toISOString().slice(0, 10);
    const stateText =
      obligation.state === 'partly-paid'
        ? `${this.t('state.partly-paid', { paid: this.money(obligation.paid) })}${late ? `, ${this.t('state.overdue').toLowerCase()}` : ''}`
        : this.t(`state.${obligation.state}`);
    return html`<li part="obligation" class=${`obligation ${obligation.state}${late ? ' overdue' : ''}`}>
      ${obligation.state === 'paid'
        ? html`<span class="check" aria-hidden="true">✓</span>`
        : html`<input
            type="checkbox"
            id=${id}
            .checked=${this.selected.has(obligation.id)}
            @change=${(event: Event) => this.toggle(obligation, (event.target as HTMLInputElement).checked)}
            aria-describedby=${`${id}-details`}
          />`}
      <div>
        <label for=${id} class="name">${name} – ${obligation.payerName}</label>
        <dl id=${`${id}-details`} class="details">
          <div><dt>${this.t('amount')}</dt><dd>${this.money(obligation.amount)}</dd></div>
          <div><dt>${this.t('dueDate')}</dt><dd>${this.date(obligation.dueDate)}</dd></div>
          <div><dt>${this.t('symbol')}</dt><dd>${obligation.variableSymbol}</dd></div>
          <div><dt>${this.t('stateColumn')}</dt><dd class="state">${stateText}</dd></div>
        </dl>
      </div>
    </li>`;
  }

  private renderPayment(obligations: Obligation[], account: PaymentAccount): TemplateResult {
    return html`<div class="payments">
      <h3 id="payment-title" tabindex="-1">${this.t('qrTitle')}</h3>
      <p>${this.t('qrHelp')}</p>
      ${obligations.map((obligation) => this.renderQr(obligation, account))}
      <button class="button secondary" type="button" @click=${this.back}>${this.t('back')}</button>
    </div>`;
  }

  private renderQr(obligation: Obligation, account: PaymentAccount): TemplateResult {
    const amount = outstanding(obligation);
    const message = this.t('paymentMessage', { fee: obligation.feeName.cs, period: obligation.period }).slice(0, 60);
    const spd = buildSpd({
      iban: account.iban,
      amount,
      variableSymbol: obligation.variableSymbol,
      dueDate: obligation.dueDate,
      message,
      recipient: account.recipient.slice(0, 35),
    });
    const matrix = qrMatrix(spd);
    const side = matrix.size + QUIET_ZONE * 2;
    const rows: [string, string, string][] = [
      [this.t('account'), account.accountNumber, account.accountNumber],
      [this.t('iban'), formatIban(account.iban), account.iban],
      [this.t('toPay'), this.money(amount), amount.toFixed(2).replace('.', ',')],
      [this.t('symbol'), obligation.variableSymbol, obligation.variableSymbol],
      [this.t('message'), message, message],
    ];
    return html`<article part="payment" class="payment" aria-labelledby=${`pay-${obligation.id}`}>
      <h4 id=${`pay-${obligation.id}`}>${this.feeName(obligation)} ${obligation.period} – ${obligation.payerName}</h4>
      <div class="payment-body">
        <svg
          part="qr"
          class="qr"
          viewBox="0 0 ${side} ${side}"
          role="img"
          aria-label=${this.t('qrAlt', { amount: this.money(amount), account: account.accountNumber, symbol: obligation.variableSymbol })}
        >
          <rect width=${side} height=${side} fill="#fff"></rect>
          <path d=${qrSvgPath(matrix, QUIET_ZONE)} fill="#000"></path>
        </svg>
        <dl class="copyable">
          ${rows.map(
            ([label, shown, value]) => html`<div>
              <dt>${label}</dt>
              <dd>
                <span>${shown}</span>
                <button part="copy" class="button secondary copy" type="button" aria-label=${this.t('copyLabel', { what: label })} @click=${() => this.copy(value, label)}>
                  ${this.t('copy')}
                </button>
              </dd>
            </div>`,
          )}
        </dl>
      </div>
    </article>`;
  }
}

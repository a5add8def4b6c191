import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { ObecElement } from '../../src/base/obec-element.js';
import type { SettingName } from '../../src/config/config-schema.js';
import type { CitizenSession, Loa } from '../../src/session/session.js';
import { loginMessages, type LoginMessages } from './obec-login.messages.js';
import { loginStyles } from './obec-login.styles.js';

/**
 * @summary Sign-in through NIA, the Czech national identity (eObčanka,
 * Mobilní klíč, NIA ID, bank identity, mojeID), with no extra registration.
 * Signed in, it shows the citizen's name and a menu with sign-out.
 *
 * @description The sign-in leaves the page for the identity broker and NIA and
 * comes back to the same page and place; the callback is handled on the page
 * itself and the address cleaned. The session is shared with every widget on
 * the page and every tab of the site. Sign-out ends the session here, at the
 * broker and at NIA. Needs `authority` and `client-id` on `<obec-portal>`.
 *
 * @event obec-sign-in - The citizen has signed in (here or in another tab); `detail` is `{ name, given_name, family_name, loa, … }`.
 * @event obec-sign-out - The citizen has signed out (here or in another tab); `detail` is who it was.
 *
 * @csspart base - The wrapper.
 * @csspart button - The sign-in button, or the account button when signed in.
 * @csspart hint - The line under the sign-in button naming the identity means.
 * @csspart menu - The account menu.
 * @csspart sign-out - The sign-out button in the menu.
 * @csspart error - The message after a failed sign-in.
 * @csspart config-error - Shown instead of the widget when `authority` or `client-id` is missing or wrong.
 *
 * @cssproperty --obec-color-primary - The button colour (default gov.cz blue `#2362a2`).
 * @cssproperty --obec-color-focus - Focus ring.
 * @cssstate dark - The dark theme is in effect.
 */
export class ObecLogin extends ObecElement {
  static override styles = [ObecElement.styles, loginStyles];
  static override requiredSettings: readonly SettingName[] = ['authority', 'clientId'];
  static override catalogs = [...ObecElement.catalogs, loginMessages];

  /** Minimum level of assurance: `loalow`, `loasubstantial` or `loahigh` (the broker may require more). NIA then offers only the identity means that reach it. */
  @property() loa?: Loa;

  /** Sign in in a popup window instead of leaving the page. */
  @property({ type: Boolean, reflect: true }) popup = false;

  /** The button's look: `primary` (filled, default), `secondary` (outlined) or `link`. */
  @property({ reflect: true }) variant: 'primary' | 'secondary' | 'link' = 'primary';

  /** Hide the line naming the identity means under the sign-in button. */
  @property({ type: Boolean, attribute: 'no-hint' }) noHint = false;

  @state() private menuOpen = false;
  /** The menu opens towards the page's start when opening towards its end would run off screen. */
  @state() private menuAlignStart = false;
  @query('[part="button"]') private button?: HTMLButtonElement;
  @query('[part="sign-out"]') private signOutButton?: HTMLButtonElement;

  private session?: CitizenSession;
  private readonly relay = (event: Event) => {
    this.dispatchEvent(new CustomEvent(event.type, { detail: (event as CustomEvent).detail, bubbles: true, composed: true }));
    if (event.type === 'obec-sign-in') void this.focusAfterSignIn();
  };
  private readonly closeOnOutsideClick = (event: MouseEvent) => {
    if (this.menuOpen && !event.composedPath().includes(this)) this.menuOpen = false;
  };

  private t(key: keyof LoginMessages, params?: Record<string, string | number>) {
    return this.msg(loginMessages, key, params);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    document.addEventListener('click', this.closeOnOutsideClick);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    document.removeEventListener('click', this.closeOnOutsideClick);
    this.watch(undefined);
  }

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    this.watch(this.runtime?.session);
  }

  private watch(session: CitizenSession | undefined): void {
    if (session === this.session) return;
    for (const type of ['obec-sign-in', 'obec-sign-out']) {
      this.session?.removeEventListener(type, this.relay);
      session?.addEventListener(type, this.relay);
    }
    this.session = session;
  }

  /** Back from the sign-in, a keyboard or screen-reader user lands on their account button. */
  private async focusAfterSignIn(): Promise<void> {
    await this.updateComplete;
    const active = this.ownerDocument.activeElement;
    if (!active || active === this.ownerDocument.body) this.button?.focus();
  }

  private async toggleMenu(): Promise<void> {
    this.menuOpen = !this.menuOpen;
    if (this.menuOpen) {
      this.menuAlignStart = false;
      await this.updateComplete;
      const menu = this.renderRoot.querySelector('[part="menu"]')!.getBoundingClientRect();
      if (menu.left < 0 || menu.right > this.ownerDocument.documentElement.clientWidth) this.menuAlignStart = true;
      await this.updateComplete;
      this.signOutButton?.focus();
    }
  }

  private onKeydown(event: KeyboardEvent): void {
    if (event.key === 'Escape' && this.menuOpen) {
      event.stopPropagation();
      this.menuOpen = false;
      this.button?.focus();
    }
  }

  /** Tabbing out of the menu closes it. */
  private onFocusOut(event: FocusEvent): void {
    const next = event.relatedTarget;
    if (this.menuOpen && !(next instanceof Node && this.shadowRoot!.contains(next))) this.menuOpen = false;
  }

  private signIn(): void {
    void this.session?.signIn({ loa: this.loa, popup: this.popup, lang: this.language });
  }

  private signOut(): void {
    this.menuOpen = false;
    void this.session?.signOut();
  }

  protected override renderWidget(): TemplateResult | typeof nothing {
    const session = this.runtime?.session;
    if (!session) return nothing;
    const state = session.state;
    const buttonClass = `button ${this.variant === 'secondary' ? 'secondary' : ''}`;

    if (state.status === 'busy') {
      const label = state.action === 'signing-out' ? this.t('signingOut') : this.t('redirecting');
      return html`<div part="base" lang=${this.language}>
        <button part="button" class=${buttonClass} type="button" disabled aria-busy="true">${label}</button>
      </div>`;
    }

    if (state.status === 'signed-in') {
      const { name, loa } = state.citizen;
      return html`<div part="base" lang=${this.language} @keydown=${this.onKeydown} @focusout=${this.onFocusOut}>
        <button
          part="button"
          class=${buttonClass}
          type="button"
          aria-expanded=${this.menuOpen ? 'true' : 'false'}
          aria-controls="menu"
          aria-label=${this.t('menu', { name })}
          @click=${this.toggleMenu}
        >
          ${name} <span class="caret" aria-hidden="true"></span>
        </button>
        <div part="menu" id="menu" class=${this.menuAlignStart ? 'align-start' : ''} ?hidden=${!this.menuOpen}>
          <p>${this.t('signedInAs', { name })}${loa ? html`<br /><small>${this.t(`loa.${loa}`)}</small>` : nothing}</p>
          <button part="sign-out" class="button secondary" type="button" @click=${this.signOut}>${this.t('signOut')}</button>
        </div>
      </div>`;
    }

    return html`<div part="base" lang=${this.language}>
      ${state.error
        ? html`<p part="error" class="message error" role="alert">${this.t(`error.${state.error}`)}</p>`
        : nothing}
      <button part="button" class=${buttonClass} type="button" @click=${this.signIn}>
        ${state.error && state.error !== 'expired' ? this.t('tryAgain') : this.t('signIn')}
      </button>
      ${this.noHint ? nothing : html`<p part="hint" class="hint">${this.t('signInHint')}</p>`}
    </div>`;
  }
}

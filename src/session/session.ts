import type { UserManager } from 'oidc-client-ts';

/** Levels of assurance of NIA, weakest first (`acr` of the broker's tokens). */
export type Loa = 'loalow' | 'loasubstantial' | 'loahigh';

/** What widgets may know of the signed-in citizen (from the broker's id_token). */
export interface Citizen {
  name: string;
  given_name?: string;
  family_name?: string;
  email?: string;
  birthdate?: string;
  address?: { formatted?: string; locality?: string; postal_code?: string };
  loa?: Loa;
}

/**
 * Why the last sign-in or renewal failed, in the terms a citizen's message needs:
 * `cancelled` at NIA; `idp-unavailable` (NIA did not answer the broker);
 * `broker-unavailable` (the town's sign-in service did not answer);
 * `stale` (a callback that is old, already used, or not ours);
 * `expired` (the session ran out and could not be renewed); `failed` otherwise.
 */
export type SessionError = 'cancelled' | 'idp-unavailable' | 'broker-unavailable' | 'stale' | 'expired' | 'failed';

export type SessionState =
  | { status: 'signed-out'; error?: SessionError }
  | { status: 'busy'; action: 'signing-in' | 'completing' | 'signing-out' }
  | { status: 'signed-in'; citizen: Citizen };

export interface SignInOptions {
  /** Minimum level of assurance for this sign-in (the broker may require more). */
  loa?: Loa;
  /** Sign in in a popup window instead of leaving the page. */
  popup?: boolean;
  /** Language of the sign-in pages. */
  lang?: string;
}

interface StoredUser {
  access_token?: string;
  refresh_token?: string;
  id_token?: string;
  expires_at?: number;
  profile?: Record<string, unknown>;
}

/** Parameters of an OAuth callback; removed from the address once handled. */
const CALLBACK_PARAMS = ['code', 'state', 'session_state', 'iss', 'error', 'error_description', 'error_uri'];
const RENEW_MARGIN_SECONDS = 30;

function citizenFrom(profile: Record<string, unknown> | undefined): Citizen | undefined {
  if (!profile) return undefined;
  const given = typeof profile.given_name === 'string' ? profile.given_name : undefined;
  const family = typeof profile.family_name === 'string' ? profile.family_name : undefined;
  const name = typeof profile.name === 'string' ? profile.name : [given, family].filter(Boolean).join(' ');
  return {
    name,
    given_name: given,
    family_name: family,
    email: typeof profile.email === 'string' ? profile.email : undefined,
    birthdate: typeof profile.birthdate === 'string' ? profile.birthdate : undefined,
    address: typeof profile.address === 'object' && profile.address ? (profile.address as Citizen['address']) : undefined,
    loa: typeof profile.acr === 'string' ? (profile.acr as Loa) : undefined,
  };
}

/**
 * The page's address without OAuth callback parameters: where the citizen
 * returns to. The fragment (the place on the page) is kept in the sign-in's
 * state and restored afterwards; a redirect URI may not carry one.
 */
export function pageAddress({ withFragment = true }: { withFragment?: boolean } = {}): string {
  const url = new URL(window.location.href);
  for (const name of CALLBACK_PARAMS) url.searchParams.delete(name);
  if (!withFragment) url.hash = '';
  return url.href;
}

const redirectUri = () => pageAddress({ withFragment: false });

function errorFromCallback(error: unknown): SessionError {
  const { error: code, error_description: description, message } = error as { error?: string; error_description?: string; message?: string };
  if (description === 'cancelled') return 'cancelled';
  if (code === 'temporarily_unavailable' || description === 'upstream_unavailable') return 'idp-unavailable';
  if (description === 'invalid_state' || /no matching state/i.test(message ?? '')) return 'stale';
  if (code === 'access_denied') return 'failed';
  if (error instanceof TypeError || /network|failed to fetch|timeout/i.test(message ?? '')) return 'broker-unavailable';
  return 'failed';
}

/**
 * What widgets use of a session. {@link ObecSession} is the real one; a
 * Storybook fixture or a site with its own sign-in can hand the portal any
 * object of this shape. It fires `change` when `state` changes, and
 * `obec-sign-in` / `obec-sign-out` (detail: the citizen).
 */
export interface CitizenSession extends EventTarget {
  readonly state: SessionState;
  readonly citizen: Citizen | undefined;
  signIn(options?: SignInOptions): Promise<void>;
  signOut(): Promise<void>;
  accessToken(): Promise<string | undefined>;
}

/**
 * The citizen's session with the town's identity broker, one per page and
 * shared by every widget (through the portal's context) and by every tab of
 * the site (through localStorage and its `storage` event).
 *
 * oidc-client-ts (authorization code + PKCE) is imported only when it has
 * work to do: a sign-in, a callback in the address, a renewal, a sign-out. A
 * page where nobody signs in never downloads it; a returning citizen's name
 * is read from storage without it.
 */
export class ObecSession extends EventTarget implements CitizenSession {
  private manager?: Promise<UserManager>;
  private current: SessionState;
  private readonly storageKey: string;

  constructor(
    readonly authority: string,
    readonly clientId: string,
    private readonly storage: Storage = localStorage,
  ) {
    super();
    this.storageKey = `oidc.user:${authority}:${clientId}`;
    this.current = this.fromStorage();
    window.addEventListener('storage', (event) => {
      if (event.key !== this.storageKey && event.key !== null) return;
      const before = this.citizen;
      this.update(this.fromStorage());
      if (before && this.current.status === 'signed-out') this.announce('obec-sign-out', before);
      if (!before && this.current.status === 'signed-in') this.announce('obec-sign-in');
    });
    const callback = this.callbackKind();
    if (callback === 'sign-in') void this.completeCallback();
    if (callback === 'sign-out') void this.completeSignOut();
    if (callback === 'stale') {
      history.replaceState(history.state, '', pageAddress());
      if (this.current.status !== 'signed-in') this.current = { status: 'signed-out', error: 'stale' };
    }
  }

  get state(): SessionState {
    return this.current;
  }

  get citizen(): Citizen | undefined {
    return this.current.status === 'signed-in' ? this.current.citizen : undefined;
  }

  private stored(): StoredUser | undefined {
    try {
      const raw = this.storage.getItem(this.storageKey);
      return raw ? (JSON.parse(raw) as StoredUser) : undefined;
    } catch {
      return undefined;
    }
  }

  private fromStorage(): SessionState {
    const user = this.stored();
    const citizen = citizenFrom(user?.profile);
    if (!user || !citizen) return { status: 'signed-out' };
    const usable = (user.expires_at ?? 0) > Date.now() / 1000 || Boolean(user.refresh_token);
    return usable ? { status: 'signed-in', citizen } : { status: 'signed-out', error: 'expired' };
  }

  private update(state: SessionState): void {
    this.current = state;
    this.dispatchEvent(new Event('change'));
  }

  private announce(type: 'obec-sign-in' | 'obec-sign-out', citizen = this.citizen): void {
    this.dispatchEvent(new CustomEvent(type, { detail: citizen }));
  }

  /**
   * Whether this page load is the broker sending the browser back with a
   * `state` this browser stored: from a sign-in (with `code` or `error`) or
   * from a sign-out. Other `?state=` parameters of the site are left alone.
   */
  private callbackKind(): 'sign-in' | 'sign-out' | 'stale' | undefined {
    const params = new URL(window.location.href).searchParams;
    const state = params.get('state');
    if (state === null) return undefined;
    const answer = params.has('code') || params.has('error');
    if (this.storage.getItem(`oidc.${state}`) === null) {
      // our broker's answer to a sign-in this browser no longer waits for: used, expired or forged
      return answer && params.get('iss') === this.authority ? 'stale' : undefined;
    }
    return answer ? 'sign-in' : 'sign-out';
  }

  private async completeSignOut(): Promise<void> {
    let returnTo = pageAddress();
    try {
      const response = await (await this.userManager()).signoutCallback(window.location.href);
      returnTo = (response?.userState as { returnTo?: string } | undefined)?.returnTo ?? returnTo;
    } finally {
      history.replaceState(history.state, '', returnTo);
    }
  }

  private userManager(): Promise<UserManager> {
    this.manager ??= import('oidc-client-ts').then(
      ({ UserManager, WebStorageStateStore }) =>
        new UserManager({
          authority: this.authority,
          client_id: this.clientId,
          redirect_uri: redirectUri(),
          popup_redirect_uri: redirectUri(),
          post_logout_redirect_uri: redirectUri(),
          response_type: 'code',
          scope: 'openid profile email phone address',
          userStore: new WebStorageStateStore({ store: this.storage }),
          stateStore: new WebStorageStateStore({ store: this.storage }),
          automaticSilentRenew: false,
          monitorSession: false,
          loadUserInfo: false,
          // keep `acr` (the level of assurance) in the profile; drop the other protocol claims
          filterProtocolClaims: ['nbf', 'jti', 'auth_time', 'nonce', 'amr', 'azp', 'at_hash'],
          // No separate revocation: the broker's refresh tokens end with its session, which sign-out ends.
          revokeTokensOnSignout: false,
          fetchRequestCredentials: 'omit',
        }),
    );
    return this.manager;
  }

  private async completeCallback(): Promise<void> {
    this.update({ status: 'busy', action: 'completing' });
    const isPopup = window.opener !== null && window.opener !== window && window.name.startsWith('obec-sign-in');
    try {
      const manager = await this.userManager();
      const user = await manager.signinCallback(window.location.href);
      if (isPopup) return; // oidc-client-ts hands the result to the opener and closes this window
      const { returnTo, scrollY } = (user?.state ?? {}) as { returnTo?: string; scrollY?: number };
      history.replaceState(history.state, '', returnTo ?? pageAddress());
      if (typeof scrollY === 'number') requestAnimationFrame(() => window.scrollTo(0, scrollY));
      this.update(this.fromStorage());
      this.announce('obec-sign-in');
    } catch (error) {
      history.replaceState(history.state, '', pageAddress());
      this.update({ status: 'signed-out', error: errorFromCallback(error) });
    }
  }

  /** Sends the citizen to sign in (at NIA, through the broker) and back to this very page and place. */
  async signIn({ loa, popup = false, lang }: SignInOptions = {}): Promise<void> {
    this.update({ status: 'busy', action: 'signing-in' });
    try {
      const manager = await this.userManager();
      const args = { acr_values: loa, ui_locales: lang, state: { returnTo: pageAddress(), scrollY: window.scrollY } };
      if (popup) {
        await manager.signinPopup({ ...args, popupWindowTarget: 'obec-sign-in' });
        this.update(this.fromStorage());
        this.announce('obec-sign-in');
      } else {
        await manager.signinRedirect(args);
      }
    } catch (error) {
      const message = (error as Error).message ?? '';
      if (/popup.*closed/i.test(message)) this.update({ status: 'signed-out', error: 'cancelled' });
      else this.update({ status: 'signed-out', error: errorFromCallback(error) });
    }
  }

  /** Signs the citizen out here, at the broker, and at NIA (its single sign-on would sign them in again). */
  async signOut(): Promise<void> {
    const citizen = this.citizen;
    this.update({ status: 'busy', action: 'signing-out' });
    try {
      const manager = await this.userManager();
      const user = await manager.getUser();
      this.announce('obec-sign-out', citizen);
      await manager.signoutRedirect({ id_token_hint: user?.id_token, post_logout_redirect_uri: redirectUri(), state: { returnTo: pageAddress() } });
    } catch (error) {
      // The broker did not answer: forget the session here at least.
      console.warn('obec-widgets: signing out at the identity broker failed; signed out on this site only.', error);
      this.storage.removeItem(this.storageKey);
      this.update({ status: 'signed-out', error: 'broker-unavailable' });
    }
  }

  /**
   * A valid access token for the town API, renewed with the refresh token
   * when it is about to expire; undefined when nobody is signed in.
   */
  async accessToken(): Promise<string | undefined> {
    const user = this.stored();
    if (!user?.access_token) return undefined;
    if ((user.expires_at ?? 0) - RENEW_MARGIN_SECONDS > Date.now() / 1000) return user.access_token;
    if (!user.refresh_token) {
      this.update({ status: 'signed-out', error: 'expired' });
      return undefined;
    }
    try {
      const renewed = await (await this.userManager()).signinSilent();
      return renewed?.access_token;
    } catch (error) {
      const kind = errorFromCallback(error);
      if (kind !== 'broker-unavailable') this.storage.removeItem(this.storageKey);
      this.update({ status: 'signed-out', error: kind === 'broker-unavailable' ? kind : 'expired' });
      return undefined;
    }
  }
}

import { ContextProvider } from '@lit/context';
import { css, html, LitElement, type PropertyValues } from 'lit';
import { property } from 'lit/decorators.js';
import { ApiClient } from '../../src/api/api-client.js';
import { loadConfigProblems, parseConfig, type ConfigIssue } from '../../src/config/config-schema.js';
import { ensureContextRoot, runtimeContext, type ObecRuntime } from '../../src/config/runtime.js';
import { resolveLang } from '../../src/i18n/lang.js';
import { VERSION } from '../../src/version.js';

const PAGE_PROVIDER = Symbol.for('obec-widgets.page-portal');
/** Marks the document whose visit was counted: once per page load, however many portals or library copies. */
const VISIT_COUNTED = Symbol.for('obec-widgets.visit');

type ObecSession = import('../../src/session/session.js').ObecSession;
type CitizenSession = import('../../src/session/session.js').CitizenSession;
const sessions = new Map<string, Promise<ObecSession>>();

/** One session per identity broker and client on the page, however many portals name them. */
function sessionFor(authority: string, clientId: string): Promise<ObecSession> {
  const key = `${authority} ${clientId}`;
  let session = sessions.get(key);
  if (!session) {
    session = import('../../src/session/session.js').then(({ ObecSession }) => new ObecSession(authority, clientId));
    sessions.set(key, session);
  }
  return session;
}

/**
 * Resolves a path (`/api`, `./api`, `../api`) against the page, so the same
 * markup works on any host; anything else must already be an absolute URL.
 */
function absolute(url: string | undefined, base: string): string | undefined {
  if (url === undefined || !/^\.{0,2}\//.test(url) || url.startsWith('//')) return url;
  try {
    return new URL(url, base).href;
  } catch {
    return url;
  }
}

/**
 * @summary The configuration of all obec widgets on a page: backend, identity
 * broker, language and theme. Place one anywhere on the page; widgets find it
 * wherever they stand (header, sidebar, article), inside it or not.
 *
 * @description Long or structured settings can go into a JSON block inside the
 * element (`<script type="application/json">{"timeout": 20000}</script>`);
 * attributes win over the JSON. Every wrong or missing setting is reported once
 * in the console, naming the attribute and what was expected, and as a
 * localized message in each widget that needs it.
 *
 * Each page load with `api` set is counted once for the town's usage
 * indicators: `POST {api}/visits` with the page's origin and path only (no
 * query, no cookie, nothing about the visitor). The attribute
 * `count-visits="off"` turns that off.
 *
 * @attribute count-visits - `off`: this page's visits are not counted. Default: counted.
 *
 * @slot - Widgets or any other content; the portal itself renders nothing of its own.
 *
 * @event obec-config-change - The validated configuration changed; `detail` is the shared runtime
 * (`config`, `issues`, `lang`, `theme`, `api`).
 */
export class ObecPortal extends LitElement {
  static version = VERSION;
  static override styles = css`
    :host {
      display: contents;
    }
  `;

  /** Base URL of the town backend API, absolute or relative to the page (`/api`). */
  @property() api?: string;

  /** Issuer URL of the town's identity broker (OIDC authority). */
  @property() authority?: string;

  /** The client id this website is registered under at the identity broker. */
  @property({ attribute: 'client-id' }) clientId?: string;

  /** Language of all widgets: `cs` or `en`. Default: `<html lang>`, then Czech. */
  @property() override lang = '';

  /** `light` (the gov.cz look, default), `dark`, or `auto` to follow the device. */
  @property() theme?: string;

  /** Milliseconds one API call may take before the widget reports a timeout (1000–120000, default 15000). */
  @property() timeout?: string;

  /**
   * A `fetch` implementation for all API calls. Not an attribute: Storybook
   * fixtures and tests pass their own.
   */
  @property({ attribute: false }) fetch?: typeof fetch;

  /**
   * Supplies the access token for API calls instead of the built-in session
   * (for sites that sign citizens in by other means). Not an attribute.
   */
  @property({ attribute: false }) getAccessToken?: () => Promise<string | undefined> | string | undefined;

  /**
   * A session object to use instead of the built-in one: Storybook fixtures,
   * or a site that signs citizens in by its own means. Not an attribute.
   */
  @property({ attribute: false }) session?: CitizenSession;

  private loadedSession?: ObecSession;

  private readonly provider = new ContextProvider(this, { context: runtimeContext });

  /**
   * What this portal shares with the widgets (validated `config`, `issues`,
   * `lang`, `theme`, the `api` client and the citizen's `session`), for
   * scripts of the host page.
   */
  get runtime(): ObecRuntime | undefined {
    return this.provider.value;
  }
  private pageProvider?: ContextProvider<typeof runtimeContext>;
  private readonly darkQuery = matchMedia('(prefers-color-scheme: dark)');
  private readonly htmlLangObserver = new MutationObserver(() => this.publish());
  private readonly reported = new Set<string>();

  constructor() {
    super();
    ensureContextRoot();
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.darkQuery.addEventListener('change', this.publishBound);
    this.htmlLangObserver.observe(this.ownerDocument.documentElement, { attributes: true, attributeFilter: ['lang'] });
    this.publish();
    this.claimPage();
    this.countVisit();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.darkQuery.removeEventListener('change', this.publishBound);
    this.htmlLangObserver.disconnect();
    this.releasePage();
  }

  protected override updated(changed: PropertyValues<this>): void {
    if (changed.size > 0 && this.hasUpdated) this.publish();
  }

  protected override render() {
    return html`<slot @slotchange=${this.publishBound}></slot>`;
  }

  private readonly publishBound = () => this.publish();

  /**
   * The first portal on the page also serves widgets that are not its
   * descendants: it provides the context from `<html>`, where every widget's
   * request ends up.
   */
  private claimPage(): void {
    const root = this.ownerDocument.documentElement as HTMLElement & { [PAGE_PROVIDER]?: ObecPortal };
    if (root[PAGE_PROVIDER] && root[PAGE_PROVIDER] !== this && root[PAGE_PROVIDER].isConnected) return;
    root[PAGE_PROVIDER] = this;
    this.pageProvider ??= new ContextProvider(root, { context: runtimeContext });
    this.pageProvider.setValue(this.provider.value, true);
    this.pageProvider.hostConnected();
  }

  private releasePage(): void {
    const root = this.ownerDocument.documentElement as HTMLElement & { [PAGE_PROVIDER]?: ObecPortal };
    if (root[PAGE_PROVIDER] !== this || !this.pageProvider) return;
    delete root[PAGE_PROVIDER];
    root.removeEventListener('context-request', this.pageProvider.onContextRequest);
    root.removeEventListener('context-provider', this.pageProvider.onProviderRequest);
    this.pageProvider.clearCallbacks();
    this.pageProvider = undefined;
  }

  /** Settings from the JSON block, or an issue when it cannot be read. */
  private readJson(): { values: Record<string, unknown>; issue?: ConfigIssue } {
    const script = this.querySelector(':scope > script[type="application/json"]');
    if (!script?.textContent?.trim()) return { values: {} };
    try {
      const values: unknown = JSON.parse(script.textContent);
      if (values && typeof values === 'object' && !Array.isArray(values)) return { values: values as Record<string, unknown> };
    } catch {
      // reported below
    }
    return { values: {}, issue: { setting: 'json', attribute: 'script[type="application/json"]', problem: 'json' } };
  }

  private publish(): void {
    const json = this.readJson();
    const attributes: Record<string, unknown> = {
      api: this.api,
      authority: this.authority,
      clientId: this.clientId,
      lang: this.lang || undefined,
      theme: this.theme,
      timeout: this.timeout === undefined ? undefined : this.timeout.trim() === '' ? NaN : Number(this.timeout),
    };
    const defined = Object.fromEntries(Object.entries(attributes).filter(([, value]) => value !== undefined));
    const raw: Record<string, unknown> = { ...json.values, ...defined };
    for (const key of ['api', 'authority'] as const) {
      if (typeof raw[key] === 'string') raw[key] = absolute(raw[key] as string, this.ownerDocument.baseURI);
    }
    const { config, issues } = parseConfig(raw);
    if (json.issue) issues.unshift(json.issue);
    for (const issue of issues) this.report(issue, raw[issue.setting]);

    const { authority, clientId } = config;
    const loaded = this.loadedSession?.authority === authority && this.loadedSession?.clientId === clientId ? this.loadedSession : undefined;
    const session = this.session ?? loaded;
    if (!this.session && authority && clientId && !loaded) {
      void sessionFor(authority, clientId).then((created) => {
        this.loadedSession = created;
        this.publish();
      });
    }
    const theme = config.theme ?? 'light';
    const runtime: ObecRuntime = {
      config,
      issues,
      lang: resolveLang(config.lang, this.ownerDocument),
      theme: theme === 'auto' ? (this.darkQuery.matches ? 'dark' : 'light') : theme,
      api: config.api
        ? new ApiClient({
            baseUrl: config.api,
            timeoutMs: config.timeout,
            fetch: this.fetch,
            getAccessToken: () => (this.getAccessToken ? this.getAccessToken() : session?.accessToken()),
          })
        : undefined,
      session,
    };
    this.provider.setValue(runtime);
    this.pageProvider?.setValue(runtime);
    this.dispatchEvent(new CustomEvent('obec-config-change', { detail: runtime }));
  }

  /**
   * One page view for the indicators; a failure is ignored, it must never get
   * in the page's way. A beacon: it outlives the page, and its JSON goes as
   * text/plain, a simple cross-origin request with no preflight.
   */
  private countVisit(): void {
    const page = this.ownerDocument as Document & { [VISIT_COUNTED]?: boolean };
    const api = this.runtime?.api?.baseUrl;
    if (!api || page[VISIT_COUNTED] || this.getAttribute('count-visits') == 'off') return;
    page[VISIT_COUNTED] = true;
    navigator.sendBeacon(api + '/visits', JSON.stringify({ page: location.origin + location.pathname }));
  }

  private report(issue: ConfigIssue, received: unknown): void {
    const key = `${issue.setting}=${JSON.stringify(received)}`;
    if (this.reported.has(key)) return;
    this.reported.add(key);
    void loadConfigProblems().then(({ consoleLine }) => console.error(consoleLine(issue, received)));
  }

}

import { ContextConsumer } from '@lit/context';
import { html, LitElement, nothing, type CSSResultGroup, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { ApiError } from '../api/api-error.js';
import type { ConfigProblem } from '../config/config-problems.js';
import { attributeOf, loadConfigProblems, type ConfigIssue, type SettingName } from '../config/config-schema.js';
import { ensureContextRoot, runtimeContext, type ObecRuntime } from '../config/runtime.js';
import { coreMessages, type CoreMessageKey } from '../i18n/core-messages.js';
import { resolveLang, toLang, type Lang } from '../i18n/lang.js';
import { catalogFor, loadCatalog, Translator, type Catalogs, type MessageCatalog, type Params } from '../i18n/translator.js';
import { controlStyles, hostStyles, tokenStyles } from '../theme/tokens.js';
import { VERSION } from '../version.js';

const reported = new Set<string>();

/** One console error per distinct problem on the page, however many widgets meet it. */
export function reportOnce(key: string, message: string): void {
  if (reported.has(key)) return;
  reported.add(key);
  console.error(message);
}

/**
 * The base of every obec widget. It finds the page's `<obec-portal>` through
 * context (wherever the widget stands on the page), loads its messages in the
 * page's language, applies the theme, and shows a localized message instead
 * of the widget when a setting the widget needs is missing or wrong.
 *
 * A widget implements {@link renderWidget} instead of `render`, lists the
 * settings it cannot work without in `requiredSettings` and its message
 * catalogues in `catalogs`, and translates with {@link msg}.
 */
export abstract class ObecElement extends LitElement {
  static version = VERSION;
  static override styles: CSSResultGroup = [tokenStyles, hostStyles, controlStyles];

  /** Settings of `<obec-portal>` this widget cannot work without. */
  static requiredSettings: readonly SettingName[] = [];

  /** Message catalogues the widget renders with; loaded for the page's language before the first render. */
  static catalogs: readonly Catalogs<MessageCatalog>[] = [coreMessages];

  /**
   * Language of this widget only (`cs` or `en`); by default the portal's
   * `lang`, then `<html lang>`, then Czech.
   */
  @property() override lang = '';

  /** What the portal shares; undefined until one is found. */
  @state() protected runtime?: ObecRuntime;

  @state() private portalMissing = false;
  @state() private configProblem?: ConfigProblem & { blocking: boolean };
  private configProblemKey = '';
  @state() private loadedLang?: Lang;

  protected readonly internals: ElementInternals = this.attachInternals();

  constructor() {
    super();
    ensureContextRoot();
    new ContextConsumer(this, {
      context: runtimeContext,
      subscribe: true,
      callback: (runtime) => {
        this.runtime = runtime;
        this.portalMissing = false;
      },
    });
  }

  override connectedCallback(): void {
    super.connectedCallback();
    // The portal may still be on its way (the loader imports it on demand);
    // only a page with no portal element at all is a configuration error.
    queueMicrotask(() => {
      if (!this.runtime && !this.ownerDocument.querySelector('obec-portal')) this.portalMissing = true;
    });
  }

  /** The language the widget speaks now. */
  get language(): Lang {
    return toLang(this.lang) ?? this.runtime?.lang ?? resolveLang(undefined, this.ownerDocument);
  }

  /** Translates a key of one of this widget's catalogues. */
  protected msg<M extends MessageCatalog>(catalogs: Catalogs<M>, key: keyof M & string, params?: Params): string {
    return new Translator(this.language, catalogs).t(key, params);
  }

  /** Translates a key of the core catalogue. */
  protected coreMsg(key: CoreMessageKey, params?: Params): string {
    return this.msg(coreMessages, key, params);
  }

  /** The citizen-facing message for a failed API call. */
  protected errorMessage(error: ApiError): string {
    return this.coreMsg(error.messageKey, { count: error.fields.length });
  }

  private readonly onSessionChange = () => this.requestUpdate();
  private watchedSession?: EventTarget;

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.watchedSession?.removeEventListener('change', this.onSessionChange);
    this.watchedSession = undefined;
  }

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    // every widget follows the citizen's session: signed in, out, in another tab
    if (this.runtime?.session !== this.watchedSession) {
      this.watchedSession?.removeEventListener('change', this.onSessionChange);
      this.watchedSession = this.runtime?.session;
      this.watchedSession?.addEventListener('change', this.onSessionChange);
    }
    if (changed.has('runtime')) {
      try {
        if (this.runtime?.theme === 'dark') this.internals.states.add('dark');
        else this.internals.states.delete('dark');
      } catch {
        // Browsers without custom states keep the light look.
      }
    }
    this.loadMessages();
    this.checkConfiguration();
  }

  private loadMessages(): void {
    const lang = this.language;
    if (this.loadedLang === lang) return;
    const catalogs = (this.constructor as typeof ObecElement).catalogs;
    if (catalogs.every((catalog) => catalogFor(catalog, lang))) {
      this.loadedLang = lang;
      return;
    }
    Promise.all(catalogs.map((catalog) => loadCatalog(catalog, lang))).then(
      () => this.requestUpdate(),
      (error: unknown) => {
        // Without the translation the widget still works, in Czech.
        console.error(`obec-widgets: <${this.localName}> could not load its "${lang}" messages.`, error);
        this.loadedLang = lang;
      },
    );
  }

  /**
   * Problems with the settings: `blocking` ones (a setting this widget needs is
   * wrong or missing, or there is no portal) keep the widget from working;
   * the others (a wrong theme, an unknown key) leave it working on defaults.
   */
  private issues(): { issues: ConfigIssue[] | 'no-portal'; blocking: boolean } {
    if (this.portalMissing) return { issues: 'no-portal', blocking: true };
    if (!this.runtime) return { issues: [], blocking: false };
    const required = (this.constructor as typeof ObecElement).requiredSettings;
    const isRequired = (issue: ConfigIssue) => required.includes(issue.setting as SettingName);
    const blocking = this.runtime.issues.filter(isRequired);
    for (const setting of required) {
      if (this.runtime.config[setting] === undefined && !blocking.some((issue) => issue.setting === setting)) {
        blocking.push({ setting, attribute: attributeOf(setting), problem: 'missing' });
      }
    }
    if (blocking.length > 0) return { issues: blocking, blocking: true };
    return { issues: this.runtime.issues.filter((issue) => !isRequired(issue)), blocking: false };
  }

  private checkConfiguration(): void {
    const { issues, blocking } = this.issues();
    const lang = this.language;
    const key = issues === 'no-portal' || issues.length > 0 ? `${lang}:${blocking}:${JSON.stringify(issues)}` : '';
    if (key === this.configProblemKey) return;
    this.configProblemKey = key;
    if (!key) {
      this.configProblem = undefined;
      return;
    }
    void loadConfigProblems().then(({ describeProblem, consoleLine, noPortalLine }) => {
      if (key !== this.configProblemKey) return; // the configuration changed meanwhile
      if (issues === 'no-portal') reportOnce('no-portal', noPortalLine(this.localName));
      else for (const issue of issues) if (issue.problem === 'missing') reportOnce(`missing:${issue.setting}`, consoleLine(issue, undefined));
      this.configProblem = { ...describeProblem(lang, issues, blocking), blocking };
    });
  }

  protected override render(): TemplateResult | typeof nothing {
    const problem = this.configProblem;
    if (problem?.blocking) {
      return html`<div part="config-error" class="message error" role="alert" lang=${this.language}>
        <strong>${problem.title}</strong>
        ${problem.lines.map((line) => html`<p>${line}</p>`)}
        <p>${problem.contact}</p>
      </div>`;
    }
    if (!this.runtime || this.issues().blocking || this.loadedLang !== this.language) return nothing;
    if (!problem) return this.renderWidget();
    return html`<div part="config-warning" class="message error notice" lang=${this.language}>
        <strong>${problem.title}</strong>
        ${problem.lines.map((line) => html`<p>${line}</p>`)}
      </div>
      ${this.renderWidget()}`;
  }

  /** The widget itself, rendered once the configuration it needs is valid and its messages are loaded. */
  protected abstract renderWidget(): TemplateResult | typeof nothing;
}

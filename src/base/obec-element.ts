import { ContextConsumer } from '@lit/context';
import { html, LitElement, nothing, type CSSResultGroup, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { attributeOf, EXPECTED, EXPECTED_EN, type ConfigIssue, type SettingName } from '../config/config-schema.js';
import { ensureContextRoot, runtimeContext, type ObecRuntime } from '../config/runtime.js';
import { coreMessages } from '../i18n/core-messages.js';
import { resolveLang, toLang, type Lang } from '../i18n/lang.js';
import { Translator, type Catalogs, type MessageCatalog, type Params } from '../i18n/translator.js';
import { controlStyles, hostStyles, tokenStyles } from '../theme/tokens.js';
import { VERSION } from '../version.js';
import type { ApiError } from '../api/api-error.js';

const reported = new Set<string>();

/** One console error per distinct problem on the page, however many widgets meet it. */
export function reportOnce(key: string, message: string): void {
  if (reported.has(key)) return;
  reported.add(key);
  console.error(message);
}

/**
 * The base of every obec widget. It finds the page's `<obec-portal>` through
 * context (wherever the widget stands on the page), translates, applies the
 * theme, and shows a localized message instead of the widget when a setting
 * the widget needs is missing or wrong.
 *
 * A widget implements {@link renderWidget} instead of `render`, lists the
 * settings it cannot work without in `requiredSettings`, and passes its own
 * message catalogues to {@link msg}.
 */
export abstract class ObecElement extends LitElement {
  static version = VERSION;
  static override styles: CSSResultGroup = [tokenStyles, hostStyles, controlStyles];

  /** Settings of `<obec-portal>` this widget cannot work without. */
  static requiredSettings: readonly SettingName[] = [];

  /**
   * Language of this widget only (`cs` or `en`); by default the portal's
   * `lang`, then `<html lang>`, then Czech.
   */
  @property() override lang = '';

  /** What the portal shares; undefined until one is found. */
  @state() protected runtime?: ObecRuntime;

  @state() private portalMissing = false;

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

  /** Translates a key of this widget's catalogues (falling back to the core messages). */
  protected msg<M extends MessageCatalog>(catalogs: Catalogs<M>, key: keyof M & string, params?: Params): string {
    return new Translator(this.language, catalogs).t(key, params);
  }

  /** Translates a key of the core catalogue. */
  protected coreMsg(key: keyof (typeof coreMessages)['cs'], params?: Params): string {
    return this.msg(coreMessages, key, params);
  }

  /** The citizen-facing message for a failed API call. */
  protected errorMessage(error: ApiError): string {
    return this.coreMsg(error.messageKey, { count: error.fields.length });
  }

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    if (changed.has('runtime')) {
      const dark = this.runtime?.theme === 'dark';
      try {
        if (dark) this.internals.states.add('dark');
        else this.internals.states.delete('dark');
      } catch {
        // Browsers without custom states keep the light look.
      }
    }
  }

  /** Problems with the settings this widget needs: wrong ones first, then missing ones. */
  protected get configIssues(): ConfigIssue[] {
    if (!this.runtime) return [];
    const required = (this.constructor as typeof ObecElement).requiredSettings;
    const issues: ConfigIssue[] = this.runtime.issues.filter(
      (issue) => issue.problem === 'json' || required.includes(issue.setting as SettingName),
    );
    for (const setting of required) {
      if (this.runtime.config[setting] === undefined && !issues.some((issue) => issue.setting === setting)) {
        issues.push({ setting, attribute: attributeOf(setting), problem: 'missing' });
        reportOnce(
          `missing:${setting}`,
          `obec-widgets: <${this.localName}> needs the "${attributeOf(setting)}" attribute on <obec-portal>: expected ${EXPECTED_EN[setting]}.`,
        );
      }
    }
    return issues;
  }

  protected override render(): TemplateResult | typeof nothing {
    if (this.portalMissing) {
      reportOnce('portal', `obec-widgets: <${this.localName}> found no <obec-portal> on the page; add one with the "api" attribute.`);
      return this.renderConfigProblem([this.coreMsg('config.missingPortal')]);
    }
    if (!this.runtime) return nothing;
    const issues = this.configIssues;
    if (issues.length > 0) {
      return this.renderConfigProblem(
        issues.map((issue) => {
          const expected =
            issue.problem === 'json'
              ? this.coreMsg('expected.json')
              : issue.setting in EXPECTED
                ? this.coreMsg(EXPECTED[issue.setting as SettingName])
                : this.coreMsg('expected.unknown');
          return this.coreMsg(issue.problem === 'missing' ? 'config.missing' : 'config.invalid', {
            attribute: issue.attribute,
            expected,
          });
        }),
      );
    }
    return this.renderWidget();
  }

  private renderConfigProblem(lines: string[]): TemplateResult {
    return html`<div part="config-error" class="message error" role="alert" lang=${this.language}>
      <strong>${this.coreMsg('config.title')}</strong>
      ${lines.map((line) => html`<p>${line}</p>`)}
      <p>${this.coreMsg('config.contact')}</p>
    </div>`;
  }

  /** The widget itself, rendered once the configuration it needs is valid. */
  protected abstract renderWidget(): TemplateResult | typeof nothing;
}

import { Task } from '@lit/task';
import { html, type TemplateResult } from 'lit';
import { ApiError } from '../../src/api/api-error.js';
import { ObecElement } from '../../src/base/obec-element.js';
import { panelStyles } from '../../src/theme/tokens.js';
import type { SettingName } from '../../src/config/config-schema.js';
import { HealthSchema } from '../../src/contract/health.js';
import { diagnosticsMessages, type DiagnosticsMessages } from './obec-diagnostics.messages.js';
import { diagnosticsStyles } from './obec-diagnostics.styles.js';

/**
 * @summary A set-up check for the web agency: shows the configuration every
 * widget on the page shares, how many widgets there are, and whether the town
 * backend answers. Put it on a staging page while embedding; remove it after.
 *
 * @csspart base - The panel.
 * @csspart settings - The list of effective settings.
 * @csspart citizen - The signed-in citizen's name.
 * @csspart status - The backend connection message.
 * @csspart recheck - The "check again" button.
 * @csspart config-error - The message shown instead of the widget when `api` is missing or wrong.
 *
 * @cssproperty --obec-color-primary - Buttons and links (default gov.cz blue `#2362a2`).
 * @cssproperty --obec-color-surface - Panel background.
 * @cssproperty --obec-color-border - Panel border.
 * @cssproperty --obec-color-focus - Focus ring.
 *
 * @cssstate dark - The dark theme is in effect.
 */
export class ObecDiagnostics extends ObecElement {
  static override styles = [ObecElement.styles, panelStyles, diagnosticsStyles];
  static override requiredSettings: readonly SettingName[] = ['api'];
  static override catalogs = [...ObecElement.catalogs, diagnosticsMessages];

  private readonly health = new Task(this, {
    task: async ([api], { signal }) => {
      if (!api) return undefined;
      return api.get('/health', HealthSchema, { signal });
    },
    args: () => [this.runtime?.api] as const,
  });

  private t(key: keyof DiagnosticsMessages, params?: Record<string, string | number>) {
    return this.msg(diagnosticsMessages, key, params);
  }

  private widgetCount(): number {
    return [...this.ownerDocument.querySelectorAll('*')].filter(
      (element) => element.localName.startsWith('obec-') && element.localName !== 'obec-portal',
    ).length;
  }

  private setting(value: string | undefined): TemplateResult {
    return value ? html`${value}` : html`<span class="muted">${this.t('notSet')}</span>`;
  }

  protected override renderWidget(): TemplateResult {
    const { config, lang, theme } = this.runtime!;
    return html`<section part="base" lang=${this.language} aria-labelledby="title">
      <h2 id="title">${this.t('title')}</h2>
      <h3>${this.t('settings')}</h3>
      <dl part="settings">
        <dt>${this.t('api')}</dt>
        <dd>${this.setting(config.api)}</dd>
        <dt>${this.t('authority')}</dt>
        <dd>${this.setting(config.authority)}</dd>
        <dt>${this.t('clientId')}</dt>
        <dd>${this.setting(config.clientId)}</dd>
        <dt>${this.t('language')}</dt>
        <dd>${this.t(`lang.${lang}`)}</dd>
        <dt>${this.t('theme')}</dt>
        <dd>${this.t(`theme.${theme}`)}</dd>
        <dt>${this.t('citizen')}</dt>
        <dd part="citizen">${this.runtime!.session?.citizen?.name ?? html`<span class="muted">${this.t('nobody')}</span>`}</dd>
      </dl>
      <p>${this.t('widgets', { count: this.widgetCount() })}</p>
      <h3>${this.t('backend')}</h3>
      <div part="status" role="status" aria-live="polite">
        ${this.health.render({
          initial: () => html`<p>${this.t('checking')}</p>`,
          pending: () => html`<p>${this.t('checking')}</p>`,
          complete: (health) => html`<p class="message success">${this.t('ok', { version: health?.version ?? '' })}</p>`,
          error: (error) =>
            html`<p class="message error">
              ${error instanceof ApiError ? this.errorMessage(error) : this.coreMsg('error.server')}
            </p>`,
        })}
      </div>
      <button part="recheck" class="button secondary" type="button" @click=${() => this.health.run()}>
        ${this.t('recheck')}
      </button>
    </section>`;
  }
}

/**
 * The shared core, free of side effects: importing it registers no element.
 * Build your own widget on {@link ObecElement} and register it with {@link defineElement}.
 */
export { ObecElement, reportOnce } from './base/obec-element.js';
export { defineElement } from './define.js';
export { VERSION } from './version.js';
export { ApiClient, type ApiClientOptions, type HttpMethod, type RequestOptions } from './api/api-client.js';
export { ApiError, type ApiErrorKind } from './api/api-error.js';
export {
  ConfigSchema,
  parseConfig,
  attributeOf,
  type ObecConfig,
  type ConfigIssue,
  type SettingName,
} from './config/config-schema.js';
export { runtimeContext, ensureContextRoot, type ObecRuntime } from './config/runtime.js';
export { Translator, defineMessages, formatNumber, type Catalogs, type Message, type MessageCatalog } from './i18n/translator.js';
export { resolveLang, toLang, LANGS, DEFAULT_LANG, type Lang } from './i18n/lang.js';
export { coreMessages } from './i18n/core-messages.js';
export { TOKENS, tokenStyles, hostStyles, controlStyles, panelStyles } from './theme/tokens.js';
export * from './contract/index.js';

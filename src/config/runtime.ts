import { ContextRoot, createContext } from '@lit/context';
import type { ApiClient } from '../api/api-client.js';
import type { Lang } from '../i18n/lang.js';
import type { CitizenSession } from '../session/session.js';
import type { ConfigIssue, ObecConfig } from './config-schema.js';

/**
 * What `<obec-portal>` shares with every widget on the page: the validated
 * configuration, what was wrong with it, the resolved language and theme, and
 * the API client built from it.
 */
export interface ObecRuntime {
  readonly config: Readonly<ObecConfig>;
  readonly issues: readonly ConfigIssue[];
  readonly lang: Lang;
  /** The theme in effect (`auto` already resolved from the device setting). */
  readonly theme: 'light' | 'dark';
  /** Present when `api` is configured and valid. */
  readonly api?: ApiClient;
  /**
   * The citizen's session, present once `authority` and `client-id` are
   * configured and the session module has loaded (or when the page set one).
   */
  readonly session?: CitizenSession;
}

/**
 * The context key is global per major version, so widgets and a portal from
 * two copies of the same major version still find each other.
 */
export const runtimeContext = createContext<ObecRuntime>(Symbol.for('obec-widgets.runtime@0'));

const ROOT_KEY = Symbol.for('obec-widgets.context-root');

/**
 * Buffers context requests from widgets that connect before any portal does,
 * and replays them when a portal appears. Attached once per document, however
 * many copies of the library run.
 */
export function ensureContextRoot(doc: Document = document): void {
  const marked = doc as Document & { [ROOT_KEY]?: ContextRoot };
  if (marked[ROOT_KEY]) return;
  const root = new ContextRoot();
  root.attach(doc as unknown as HTMLElement);
  marked[ROOT_KEY] = root;
}

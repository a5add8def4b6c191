/**
 * Storybook fixtures: a fake town backend behind `<obec-portal>.fetch`, the
 * portal wrapper the global decorator puts around each story, and the three
 * looks of the theme toolbar. Nothing here opens a network connection.
 */
import { html, nothing, type TemplateResult } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { styleMap } from 'lit/directives/style-map.js';
import { action } from 'storybook/actions';
import { expect, waitFor } from 'storybook/test';
import '../components/obec-portal/obec-portal.js';
import type { CitizenSession } from '../src/session/session.js';

/** The API base URL every story uses; only the fixture fetch ever "answers" it. */
export const API = 'https://obec.example/api';

/** How the fake backend answers `GET {api}/health`. */
export type Backend =
  /** `200 {"status":"ok","version":"0.1.0"}` */
  | 'ok'
  /** Never answers and ignores aborts: the widget keeps "checking". */
  | 'pending'
  /** `fetch` rejects with `TypeError: Failed to fetch`, as with a wrong host, DNS or CORS problem. */
  | 'unreachable'
  /** `500` with the contract's error body. */
  | 'error500'
  /** `200` with a body that does not match the health contract. */
  | 'schema'
  /** Answers only when aborted, so the API client's own timeout fires. */
  | 'timeout';

export const BACKENDS: readonly Backend[] = ['ok', 'pending', 'unreachable', 'error500', 'schema', 'timeout'];

const logRequest = action('fetch');
const logConfig = action('obec-config-change');

function onConfigChange(event: Event): void {
  const { config, issues, lang, theme } = (event as CustomEvent<{ config: unknown; issues: unknown; lang: string; theme: string }>).detail;
  logConfig({ config, issues, lang, theme });
}

function json(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
}

function abortError(signal: AbortSignal): unknown {
  return signal.reason ?? new DOMException('The operation was aborted.', 'AbortError');
}

/** Settles after `ms`, or rejects as `fetch` does when `signal` aborts first. */
function wait(ms: number, signal: AbortSignal | null | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(abortError(signal));
    const timer = ms === Infinity ? undefined : setTimeout(resolve, ms);
    signal?.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        reject(abortError(signal));
      },
      { once: true },
    );
  });
}

/**
 * A `fetch` for `<obec-portal .fetch=…>` that answers from fixtures instead of
 * a server. Unknown paths get the contract's 404 body.
 */
export function fixtureFetch(backend: Backend, { delayMs = 150 } = {}): typeof fetch {
  return async (input, init) => {
    const request = new Request(input, init);
    const { pathname } = new URL(request.url);
    logRequest(`${request.method} ${request.url}`, backend);
    const signal = init?.signal;

    if (!pathname.endsWith('/health')) {
      await wait(delayMs, signal);
      return json({ error: { code: 'not_found', message: `No fixture for ${pathname}` } }, 404);
    }
    switch (backend) {
      case 'ok':
        await wait(delayMs, signal);
        return json({ status: 'ok', version: '0.1.0' });
      case 'pending':
        return new Promise<Response>(() => {});
      case 'unreachable':
        await wait(delayMs, signal);
        throw new TypeError('Failed to fetch');
      case 'error500':
        await wait(delayMs, signal);
        return json({ error: { code: 'internal', message: 'Database connection lost' } }, 500);
      case 'schema':
        await wait(delayMs, signal);
        return json({ healthy: true, build: 42 });
      case 'timeout':
        await wait(Infinity, signal);
        throw new Error('unreachable');
    }
  };
}

/** Values of the theme toolbar. */
export type ThemeChoice = 'gov' | 'town' | 'dark';

/**
 * A town's own brand, set on the page around the widgets through the public
 * `--obec-*` tokens. #1d5c3a on white is 7.9:1 (white on it the same), the
 * amber focus ring #b45309 5.0:1 and the border #5b7a67 4.7:1 on white.
 */
export const TOWN_TOKENS: Readonly<Record<string, string>> = {
  '--obec-color-primary': '#1d5c3a',
  '--obec-color-primary-hover': '#143f28',
  '--obec-color-on-primary': '#ffffff',
  '--obec-color-text': '#1f2a24',
  '--obec-color-text-muted': '#4a5a50',
  '--obec-color-surface': '#ffffff',
  '--obec-color-surface-alt': '#edf5f0',
  '--obec-color-border': '#5b7a67',
  '--obec-color-focus': '#b45309',
  '--obec-radius': '12px',
  'font-family': "'Trebuchet MS', 'Segoe UI', system-ui, sans-serif",
};

/** The page around the widgets for each look: gov.cz needs no overrides at all. */
export function pageStyles(choice: ThemeChoice): Record<string, string> {
  const base = { padding: '16px', 'border-radius': '8px' };
  switch (choice) {
    case 'town':
      return { ...base, ...TOWN_TOKENS, background: '#f7faf8', color: '#1f2a24' };
    case 'dark':
      return { ...base, background: '#0d1013', color: '#eef1f4', 'font-family': 'Roboto, Arial, sans-serif' };
    default:
      return { ...base, background: '#ffffff', color: '#262626', 'font-family': 'Roboto, Arial, sans-serif' };
  }
}

/** How a story wants its `<obec-portal>` (the `portal` story parameter). */
export interface PortalFixture {
  backend?: Backend;
  api?: string | null;
  lang?: string;
  /** Overrides the toolbar's choice (`dark` there sets `theme="dark"`). */
  theme?: string;
  timeout?: string;
  authority?: string;
  clientId?: string;
  /** Text of a `<script type="application/json">` block inside the portal. */
  json?: string;
  /** A fixture session (see fixture-session.ts) instead of a real sign-in. */
  session?: CitizenSession;
  /** A fetch of its own instead of the health fixture (e.g. fee-fixtures.ts). */
  fetch?: typeof fetch;
}

/** The JSON settings block, built as a node because Lit cannot bind inside `<script>`. */
export function jsonBlock(text: string): HTMLScriptElement {
  const script = document.createElement('script');
  script.type = 'application/json';
  script.textContent = text;
  return script;
}

/** `<obec-portal>` with fixture settings around `content`. */
export function portal(fixture: PortalFixture, choice: ThemeChoice, content: unknown = nothing): TemplateResult {
  const theme = fixture.theme ?? (choice === 'dark' ? 'dark' : undefined);
  const api = fixture.api === null ? undefined : (fixture.api ?? API);
  return html`<obec-portal
    api=${ifDefined(api)}
    authority=${ifDefined(fixture.authority)}
    client-id=${ifDefined(fixture.clientId)}
    lang=${ifDefined(fixture.lang)}
    theme=${ifDefined(theme)}
    timeout=${ifDefined(fixture.timeout)}
    .fetch=${fixture.fetch ?? fixtureFetch(fixture.backend ?? 'ok')}
    .session=${fixture.session}
    @obec-config-change=${onConfigChange}
    >${fixture.json === undefined ? nothing : jsonBlock(fixture.json)}${content}</obec-portal
  >`;
}

/** The page wrapper carrying the toolbar's look. */
export function page(choice: ThemeChoice, content: unknown, dark = choice === 'dark'): TemplateResult {
  return html`<div class="obec-story-page" data-look=${choice} style=${styleMap(pageStyles(dark ? 'dark' : choice))}>
    ${content}
  </div>`;
}

/**
 * For play functions: waits until the widget's shadow DOM reads `text`
 * (widgets render asynchronously, and retries take a few seconds).
 */
export async function expectWidgetText(
  root: HTMLElement,
  text: string,
  { selector = 'obec-diagnostics', timeout = 8000 } = {},
): Promise<void> {
  await waitFor(
    () => {
      const widget = root.querySelector(selector);
      const shown = (widget?.shadowRoot?.textContent ?? '').replace(/\s+/g, ' ');
      expect(shown).toContain(text);
    },
    { timeout },
  );
}

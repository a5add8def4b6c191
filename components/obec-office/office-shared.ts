import { css, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import * as z from 'zod/mini';
import type { ApiClient } from '../../src/api/api-client.js';
import { ApiError, type ApiErrorKind } from '../../src/api/api-error.js';
import { ObecElement } from '../../src/base/obec-element.js';
import type { SettingName } from '../../src/config/config-schema.js';
import { ErrorBodySchema } from '../../src/contract/error.js';
import type { Role, StaffMe } from '../../src/contract/office.js';

/**
 * What the sections of `<obec-office>` share: the base class, calls that
 * carry a file (CSV imports) or answer one (exports), and the office look
 * (tables, toolbars, forms).
 */

const KINDS: Record<number, ApiErrorKind> = { 400: 'invalid', 401: 'unauthorized', 403: 'forbidden', 404: 'not-found', 409: 'conflict', 413: 'invalid', 415: 'invalid', 422: 'invalid', 429: 'rate-limited' };

/** A call with the page's fetch and the signed-in person's token, answering the raw response; failures as {@link ApiError}. */
async function send(api: ApiClient, method: string, path: string, init: { query?: Record<string, string | number | boolean | undefined>; body?: BodyInit; contentType?: string; accept?: string; signal?: AbortSignal }): Promise<Response> {
  const { fetch: fetchImpl = globalThis.fetch.bind(globalThis), getAccessToken } = api.options;
  const url = new URL(api.baseUrl + path);
  for (const [name, value] of Object.entries(init.query ?? {})) if (value !== undefined && value !== '') url.searchParams.set(name, String(value));
  const headers: Record<string, string> = { Accept: init.accept ?? 'application/json' };
  if (init.contentType) headers['Content-Type'] = init.contentType;
  const token = await getAccessToken?.();
  if (token) headers.Authorization = `Bearer ${token}`;
  let response: Response;
  try {
    response = await fetchImpl(url.href, { method, headers, body: init.body, signal: init.signal, credentials: 'omit' });
  } catch (cause) {
    if (init.signal?.aborted) throw new ApiError('aborted', 'Request aborted', { cause });
    throw new ApiError('unreachable', `${method} ${path} could not reach the server`, { cause });
  }
  if (response.ok) return response;
  const body: unknown = await response.json().catch(() => undefined);
  const parsed = z.safeParse(ErrorBodySchema, body);
  throw new ApiError(response.status >= 500 ? 'server' : (KINDS[response.status] ?? 'request'), parsed.success ? (parsed.data.error.message ?? parsed.data.error.code) : `${method} ${path} answered ${response.status}`, {
    status: response.status,
    code: parsed.success ? parsed.data.error.code : undefined,
    fields: parsed.success ? parsed.data.error.fields : undefined,
  });
}

/** Sends a file (a CSV import) as the request body and checks the JSON answer against `schema`. */
export async function upload<T>(api: ApiClient, path: string, file: Blob, schema: z.ZodMiniType<T>, query?: Record<string, string | boolean | undefined>, signal?: AbortSignal): Promise<T> {
  const response = await send(api, 'POST', path, { body: file, contentType: file.type || 'text/csv', query, signal });
  const parsed = z.safeParse(schema, await response.json().catch(() => undefined));
  if (!parsed.success) throw new ApiError('schema', `POST ${path}: response does not match the contract`, { status: response.status, cause: parsed.error });
  return parsed.data;
}

/**
 * Downloads an export (CSV, zip) with the staff member's token and hands it
 * to the browser as a file: a link with `Authorization` cannot be a plain
 * `<a href>`. The file name comes from `Content-Disposition`, else `fallbackName`.
 */
export async function download(api: ApiClient, path: string, fallbackName: string, query?: Record<string, string | number | boolean | undefined>): Promise<string> {
  const response = await send(api, 'GET', path, { query, accept: '*/*' });
  const name = /filename="?([^";]+)"?/.exec(response.headers.get('Content-Disposition') ?? '')?.[1] ?? fallbackName;
  const url = URL.createObjectURL(await response.blob());
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
  return name;
}

/** One problem of an error summary: what is wrong, and the id of the field its link focuses (none: no link). */
export interface SummaryProblem {
  text: string;
  field?: string;
}

/**
 * A section of `<obec-office>` (fees, polls, forms, reports, staff, audit
 * log): an element the office shell shows in a tab, given who is signed in.
 * It loads its own data through the page's API client.
 */
export abstract class OfficeSection extends ObecElement {
  static override requiredSettings: readonly SettingName[] = ['api'];

  /** The signed-in staff member, set by `<obec-office>`. */
  @property({ attribute: false }) me?: StaffMe;

  /** Whether the signed-in person has `role` (admins have every role). */
  protected can(role: Role): boolean {
    return !!this.me && (this.me.roles.includes('admin') || this.me.roles.includes(role));
  }

  protected get api(): ApiClient | undefined {
    return this.runtime?.api;
  }

  /** Said to screen readers: the section renders it in a polite live region. */
  @state() protected announcement = '';

  /** What takes focus once it is rendered (the opened detail, a result, the error summary): a selector. */
  protected focusAfterRender?: string;

  private loadedFor?: ApiClient;

  /** Loads the section's data: once the page's API client is there, and again for another one. */
  protected loadData(_api: ApiClient): void {}

  /** Announces `text`, again even when it is the same as the last one. */
  protected announce(text: string): void {
    this.announcement = this.announcement === text ? `${text}\u00a0` : text;
  }

  /** The localized reason of a failed call. */
  protected reason(error: unknown): string {
    return error instanceof ApiError ? this.errorMessage(error) : this.coreMsg('error.server');
  }

  /**
   * The error summary of a refusal: its title, a failure that belongs to no
   * field, and a link per problem that focuses the problem's field (`reveal`
   * first opens what hides it). `id` tells several summaries apart; the
   * section moves focus to it (`focusAfterRender`).
   */
  protected errorSummary(
    title: string,
    problems: readonly SummaryProblem[],
    { failure = '', id = 'error-summary', reveal }: { failure?: string; id?: string; reveal?: (field: string) => void } = {},
  ): TemplateResult | typeof nothing {
    if (problems.length === 0 && !failure) return nothing;
    const follow = (event: Event, field: string) => {
      event.preventDefault();
      reveal?.(field);
      this.renderRoot.querySelector<HTMLElement>(`#${CSS.escape(field)}`)?.focus();
    };
    return html`<div part="error-summary" class="error-summary" id=${id} tabindex="-1" aria-labelledby="${id}-title">
      <strong id="${id}-title">${title}</strong>
      ${failure ? html`<p>${failure}</p>` : nothing}
      ${problems.length > 0
        ? html`<ul>
            ${problems.map(({ text, field }) =>
              field ? html`<li><a href="#${field}" @click=${(event: Event) => follow(event, field)}>${text}</a></li>` : html`<li>${text}</li>`,
            )}
          </ul>`
        : nothing}
    </div>`;
  }

  /** A load that failed: why, and a button that tries again. */
  protected loadFailed(text: string, retryLabel: string, retry: () => unknown): TemplateResult {
    return html`<div class="message error" role="alert">
      <p>${text}</p>
      <button part="button" type="button" class="button secondary" @click=${retry}>${retryLabel}</button>
    </div>`;
  }

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    const api = this.api;
    if (api && api !== this.loadedFor) {
      this.loadedFor = api;
      this.loadData(api);
    }
  }

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    const selector = this.focusAfterRender;
    const target = selector ? this.renderRoot.querySelector<HTMLElement>(selector) : null;
    if (target) {
      this.focusAfterRender = undefined;
      target.focus();
    }
  }
}

/** The office look: tables, toolbars, form rows, state badges. */
export const officeStyles = css`
  :host {
    display: block;
  }
  h3 {
    margin: var(--_space-l) 0 var(--_space-s);
    font-size: 1.1em;
  }
  .toolbar {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_space-s);
    align-items: end;
    margin: var(--_space-s) 0;
  }
  .field {
    display: flex;
    flex-direction: column;
    gap: var(--_space-xs);
    margin-bottom: var(--_space-s);
  }
  .field label {
    font-weight: 600;
  }
  .error-summary {
    margin: var(--_space-m) 0;
    padding: var(--_space-m);
    border: 4px solid var(--_color-error);
    border-radius: var(--_radius);
  }
  .error-summary > strong {
    display: block;
  }
  .error-summary ul {
    margin: var(--_space-s) 0 0;
    padding-left: 1.25em;
  }
  .error-summary a {
    color: var(--_color-error);
    font-weight: 700;
  }
  .hint {
    color: var(--_color-text-muted);
    font-size: 0.875em;
  }
  input,
  select,
  textarea {
    font: inherit;
    color: var(--_color-text);
    background: var(--_color-surface);
    border: 1px solid var(--_color-border);
    border-radius: var(--_radius);
    padding: var(--_space-xs) var(--_space-s);
    min-height: 2.25em;
    box-sizing: border-box;
  }
  textarea {
    min-height: 12em;
    width: 100%;
    font-family: ui-monospace, monospace;
  }
  input:focus-visible,
  select:focus-visible,
  textarea:focus-visible,
  button:focus-visible,
  a:focus-visible,
  [tabindex]:focus-visible {
    outline: var(--_focus-ring);
    outline-offset: 2px;
  }
  [aria-invalid='true'] {
    border-color: var(--_color-error);
  }
  .error-text {
    color: var(--_color-error);
  }
  .table-wrap {
    overflow-x: auto;
  }
  table {
    border-collapse: collapse;
    width: 100%;
    font-size: 0.9375em;
  }
  caption {
    text-align: start;
    font-weight: 600;
    padding: var(--_space-xs) 0;
  }
  th,
  td {
    text-align: start;
    vertical-align: top;
    padding: var(--_space-xs) var(--_space-s);
    border-bottom: 1px solid var(--_color-border);
  }
  th {
    background: var(--_color-surface-alt);
  }
  td.number,
  th.number {
    text-align: end;
    font-variant-numeric: tabular-nums;
  }
  tr.refused td {
    background: var(--_color-error-surface);
  }
  .badge {
    display: inline-block;
    padding: 0 var(--_space-xs);
    border: 1px solid currentColor;
    border-radius: var(--_radius);
    font-size: 0.875em;
  }
  .button.small {
    min-height: 2em;
    padding: 0 var(--_space-s);
  }
  .link-button {
    background: none;
    border: none;
    padding: 0;
    font: inherit;
    color: var(--_color-primary);
    text-decoration: underline;
    cursor: pointer;
  }
`;

import * as z from 'zod/mini';
import { ErrorBodySchema } from '../contract/error.js';
import { ApiError, type ApiErrorKind } from './api-error.js';

export type HttpMethod = 'GET' | 'HEAD' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface ApiClientOptions {
  /** Absolute base URL of the backend API, e.g. `https://obec.example/api`. */
  baseUrl: string;
  /** Milliseconds one attempt may take before it counts as timed out. */
  timeoutMs?: number;
  /** How many times a safe call is tried again after a transient failure. */
  retries?: number;
  /** First back-off delay in milliseconds; doubles on every retry. */
  retryDelayMs?: number;
  /** The fetch to use; tests and Storybook fixtures pass their own. */
  fetch?: typeof fetch;
  /** Supplies the bearer token of the signed-in citizen, if any. */
  getAccessToken?: () => Promise<string | undefined> | string | undefined;
}

export interface RequestOptions<T> {
  method?: HttpMethod;
  /** Path below the base URL, e.g. `/fees`. */
  path: string;
  /** The schema the response body must match. */
  schema: z.ZodMiniType<T>;
  query?: Record<string, string | number | boolean | undefined>;
  body?: unknown;
  signal?: AbortSignal;
  timeoutMs?: number;
  /**
   * Makes a POST or PATCH safe to retry: the server applies a request with the
   * same key at most once. Calls without one are never retried.
   */
  idempotencyKey?: string;
}

const SAFE_METHODS = new Set<HttpMethod>(['GET', 'HEAD', 'PUT', 'DELETE']);
const RETRY_STATUSES = new Set([408, 429, 502, 503, 504]);
const MAX_RETRY_AFTER_SECONDS = 10;

const statusKinds: Record<number, ApiErrorKind> = {
  400: 'invalid',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not-found',
  409: 'conflict',
  412: 'conflict',
  422: 'invalid',
  429: 'rate-limited',
};

function kindOf(status: number): ApiErrorKind {
  if (status >= 500) return 'server';
  return statusKinds[status] ?? 'request';
}

/** A lost connection, a timeout, or a status that says "later": the same call may then succeed. */
function worthRetrying(error: ApiError): boolean {
  if (error.kind === 'unreachable' || error.kind === 'timeout') return true;
  return error.status !== undefined && RETRY_STATUSES.has(error.status);
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal!.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/**
 * The one way widgets talk to the backend: `fetch` with a timeout per attempt,
 * cancellation through `AbortSignal`, retries only where repeating cannot do
 * harm (safe methods, or a POST with an idempotency key), every response body
 * validated against its contract schema, and every failure turned into a
 * typed {@link ApiError}.
 */
export class ApiClient {
  readonly baseUrl: string;
  private readonly timeoutMs: number;
  private readonly retries: number;
  private readonly retryDelayMs: number;
  private readonly fetchImpl: typeof fetch;

  /** The options it was built with (a widget uploading a file reuses its fetch and token). */
  constructor(readonly options: ApiClientOptions) {
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
    this.timeoutMs = options.timeoutMs ?? 15_000;
    this.retries = options.retries ?? 2;
    this.retryDelayMs = options.retryDelayMs ?? 400;
    this.fetchImpl = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  }

  get<T>(path: string, schema: z.ZodMiniType<T>, options: Omit<RequestOptions<T>, 'path' | 'schema' | 'method'> = {}) {
    return this.request({ ...options, method: 'GET', path, schema });
  }

  post<T>(path: string, body: unknown, schema: z.ZodMiniType<T>, options: Omit<RequestOptions<T>, 'path' | 'schema' | 'method' | 'body'> = {}) {
    return this.request({ ...options, method: 'POST', path, body, schema });
  }

  async request<T>(request: RequestOptions<T>): Promise<T> {
    const method = request.method ?? 'GET';
    const retriable = SAFE_METHODS.has(method) || request.idempotencyKey !== undefined;
    const attempts = retriable ? this.retries + 1 : 1;
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.attempt(method, request);
      } catch (error) {
        if (!(error instanceof ApiError) || !worthRetrying(error) || attempt >= attempts) throw error;
        const backoff = this.retryDelayMs * 2 ** (attempt - 1) * (0.75 + Math.random() * 0.5);
        const retryAfter = Math.min(error.details.retryAfterSeconds ?? 0, MAX_RETRY_AFTER_SECONDS) * 1000;
        try {
          await sleep(Math.max(backoff, retryAfter), request.signal);
        } catch (reason) {
          throw new ApiError('aborted', 'Request aborted', { cause: reason });
        }
      }
    }
  }

  private url(path: string, query: RequestOptions<unknown>['query']): string {
    const url = new URL(this.baseUrl + (path.startsWith('/') ? path : `/${path}`));
    for (const [name, value] of Object.entries(query ?? {})) {
      if (value !== undefined) url.searchParams.set(name, String(value));
    }
    return url.href;
  }

  private async attempt<T>(method: HttpMethod, request: RequestOptions<T>): Promise<T> {
    if (request.signal?.aborted) throw new ApiError('aborted', 'Request aborted', { cause: request.signal.reason });
    const timeout = new AbortController();
    const timer = setTimeout(() => timeout.abort(), request.timeoutMs ?? this.timeoutMs);
    const onAbort = () => timeout.abort();
    request.signal?.addEventListener('abort', onAbort, { once: true });

    const headers: Record<string, string> = { Accept: 'application/json' };
    if (request.body !== undefined) headers['Content-Type'] = 'application/json';
    if (request.idempotencyKey) headers['Idempotency-Key'] = request.idempotencyKey;
    const token = await this.options.getAccessToken?.();
    if (token) headers.Authorization = `Bearer ${token}`;

    let response: Response;
    try {
      response = await this.fetchImpl(this.url(request.path, request.query), {
        method,
        headers,
        body: request.body === undefined ? undefined : JSON.stringify(request.body),
        signal: timeout.signal,
        credentials: 'omit',
      });
    } catch (cause) {
      if (request.signal?.aborted) throw new ApiError('aborted', 'Request aborted', { cause });
      if (timeout.signal.aborted) throw new ApiError('timeout', `${method} ${request.path} timed out`, { cause });
      if (typeof navigator !== 'undefined' && navigator.onLine === false) {
        throw new ApiError('offline', 'The browser is offline', { cause });
      }
      throw new ApiError('unreachable', `${method} ${request.path} could not reach the server`, { cause });
    } finally {
      clearTimeout(timer);
      request.signal?.removeEventListener('abort', onAbort);
    }

    const body = await this.readBody(response);
    if (!response.ok) throw this.errorFrom(response, body, method, request.path);
    const parsed = z.safeParse(request.schema, body);
    if (!parsed.success) {
      throw new ApiError('schema', `${method} ${request.path}: response does not match the contract`, {
        status: response.status,
        cause: parsed.error,
      });
    }
    return parsed.data;
  }

  private async readBody(response: Response): Promise<unknown> {
    if (response.status === 204) return undefined;
    const text = await response.text().catch(() => '');
    if (text === '') return undefined;
    try {
      return JSON.parse(text);
    } catch {
      return text;
    }
  }

  private errorFrom(response: Response, body: unknown, method: HttpMethod, path: string): ApiError {
    const parsed = z.safeParse(ErrorBodySchema, body);
    const retryAfter = Number(response.headers.get('Retry-After'));
    return new ApiError(
      kindOf(response.status),
      `${method} ${path} answered ${response.status}${parsed.success ? ` ${parsed.data.error.code}` : ''}`,
      {
        status: response.status,
        code: parsed.success ? parsed.data.error.code : undefined,
        fields: parsed.success ? parsed.data.error.fields : undefined,
        retryAfterSeconds: Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : undefined,
      },
    );
  }
}

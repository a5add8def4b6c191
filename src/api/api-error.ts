import type { FieldError } from '../contract/error.js';
import type { CoreMessageKey } from '../i18n/core-messages.js';

/** Why a call failed, in the terms a citizen-facing message needs. */
export type ApiErrorKind =
  | 'offline'
  | 'unreachable'
  | 'timeout'
  | 'aborted'
  | 'invalid'
  | 'unauthorized'
  | 'forbidden'
  | 'not-found'
  | 'conflict'
  | 'rate-limited'
  | 'request'
  | 'server'
  | 'schema';

const messageKeys: Record<ApiErrorKind, CoreMessageKey> = {
  offline: 'error.offline',
  unreachable: 'error.unreachable',
  timeout: 'error.timeout',
  aborted: 'error.aborted',
  invalid: 'error.invalid',
  unauthorized: 'error.unauthorized',
  forbidden: 'error.forbidden',
  'not-found': 'error.notFound',
  conflict: 'error.conflict',
  'rate-limited': 'error.rateLimited',
  request: 'error.request',
  server: 'error.server',
  schema: 'error.schema',
};

/**
 * A failed API call. `kind` says what happened, `code` is the server's
 * machine-readable error code, `fields` the fields it refused.
 * `messageKey` picks the citizen-facing message from the core catalogue.
 */
export class ApiError extends Error {
  override readonly name = 'ApiError';

  constructor(
    readonly kind: ApiErrorKind,
    message: string,
    readonly details: {
      status?: number;
      code?: string;
      fields?: readonly FieldError[];
      retryAfterSeconds?: number;
      cause?: unknown;
    } = {},
  ) {
    super(message, { cause: details.cause });
  }

  get status(): number | undefined {
    return this.details.status;
  }

  get code(): string | undefined {
    return this.details.code;
  }

  get fields(): readonly FieldError[] {
    return this.details.fields ?? [];
  }

  /** The core message for this failure; `invalid` is plural by the number of refused fields. */
  get messageKey(): CoreMessageKey {
    return messageKeys[this.kind];
  }

  /** Whether trying the same call again later can succeed. */
  get transient(): boolean {
    return ['offline', 'unreachable', 'timeout', 'rate-limited', 'server'].includes(this.kind);
  }
}

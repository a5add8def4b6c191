import type { Loa, StandardClaims } from './claims.js';

/** A citizen as the upstream identity provider vouched for them. */
export interface UpstreamIdentity {
  subject: string;
  claims: StandardClaims;
  loa: Loa;
}

export class UpstreamError extends Error {
  constructor(
    /** `unreachable`: the provider did not answer; `rejected`: its answer failed our checks. */
    readonly kind: 'unreachable' | 'rejected',
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** The identity provider behind the broker: NIA, or a standard OIDC server. */
export interface Upstream {
  readonly name: string;
  /** Where to send the browser to sign in; `codeVerifier` is this sign-in's PKCE secret. */
  authorizationUrl(request: { state: string; nonce: string; loa: Loa; forceAuthn: boolean; codeVerifier: string }): Promise<string>;
  /** Redeems the code from the callback and checks what came back. */
  complete(code: string, expected: { nonce: string; loa: Loa; codeVerifier: string }): Promise<UpstreamIdentity>;
  /** Where to send the browser to end the upstream single sign-on session, if the provider has one. */
  endSessionUrl(state: string): Promise<string | undefined>;
}

/** `fetch` with a time limit, failures turned into UpstreamError('unreachable'). */
export async function fetchUpstream(url: string, init: RequestInit = {}, timeoutMs = 10_000): Promise<Response> {
  try {
    return await fetch(url, { ...init, signal: AbortSignal.timeout(timeoutMs) });
  } catch (cause) {
    throw new UpstreamError('unreachable', `${new URL(url).origin} did not answer`, { cause });
  }
}

/** Reads a JSON answer, or throws UpstreamError naming what was wrong. */
export async function jsonFrom<T>(response: Response, what: string): Promise<T> {
  if (response.status >= 500) throw new UpstreamError('unreachable', `${what} answered ${response.status}`);
  const body = (await response.json().catch(() => undefined)) as T | undefined;
  if (!response.ok || body === undefined) throw new UpstreamError('rejected', `${what} answered ${response.status}`);
  return body;
}

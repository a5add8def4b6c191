import { createHash } from 'node:crypto';
import { calculateJwkThumbprint, createRemoteJWKSet, jwtVerify } from 'jose';
import type { StandardClaims } from './claims.js';
import { fetchUpstream, jsonFrom, UpstreamError, type Upstream } from './upstream.js';

interface Discovery {
  issuer: string;
  authorization_endpoint: string;
  token_endpoint: string;
  end_session_endpoint?: string;
  jwks_uri: string;
}

export interface StandardOidcOptions {
  issuer: string;
  clientId: string;
  clientSecret?: string;
  redirectUri: string;
  postLogoutRedirectUri: string;
}

const STANDARD_CLAIMS = ['given_name', 'family_name', 'name', 'birthdate', 'address', 'email', 'phone_number'] as const;

/**
 * A plain OpenID Connect identity server as the broker's upstream, for towns
 * that already run one (Keycloak, Entra ID, …): discovery at
 * `/.well-known/openid-configuration`, code flow with PKCE (and a client
 * secret when the server issued one), the id_token verified against the
 * server's keys, `sub` as the subject.
 */
export function standardOidcUpstream(options: StandardOidcOptions): Upstream {
  let discovery: Discovery | undefined;
  let keys: ReturnType<typeof createRemoteJWKSet> | undefined;

  async function discover(): Promise<Discovery> {
    if (discovery) return discovery;
    const url = `${options.issuer.replace(/\/+$/, '')}/.well-known/openid-configuration`;
    discovery = await jsonFrom<Discovery>(await fetchUpstream(url), 'OIDC discovery');
    keys = createRemoteJWKSet(new URL(discovery.jwks_uri));
    return discovery;
  }

  return {
    name: 'oidc',

    async authorizationUrl({ state, nonce, loa, forceAuthn, codeVerifier }) {
      const { authorization_endpoint } = await discover();
      const url = new URL(authorization_endpoint);
      url.search = new URLSearchParams({
        client_id: options.clientId,
        redirect_uri: options.redirectUri,
        response_type: 'code',
        scope: 'openid profile email phone address',
        state,
        nonce,
        acr_values: loa,
        code_challenge: createHash('sha256').update(codeVerifier).digest('base64url'),
        code_challenge_method: 'S256',
        ...(forceAuthn ? { prompt: 'login' } : {}),
      }).toString();
      return url.href;
    },

    async complete(code, expected) {
      const { token_endpoint, issuer } = await discover();
      const response = await fetchUpstream(token_endpoint, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
        body: new URLSearchParams({
          grant_type: 'authorization_code',
          code,
          redirect_uri: options.redirectUri,
          client_id: options.clientId,
          code_verifier: expected.codeVerifier,
          ...(options.clientSecret ? { client_secret: options.clientSecret } : {}),
        }),
      });
      const tokens = await jsonFrom<{ id_token?: string }>(response, 'OIDC token endpoint');
      if (!tokens.id_token) throw new UpstreamError('rejected', 'the identity server returned no id_token');
      let payload: Record<string, unknown>;
      try {
        ({ payload } = await jwtVerify(tokens.id_token, keys!, { issuer, audience: options.clientId, clockTolerance: 60 }));
      } catch (cause) {
        throw new UpstreamError('rejected', 'the id_token did not verify', { cause });
      }
      if (payload.nonce !== expected.nonce) throw new UpstreamError('rejected', 'the id_token nonce does not match');
      if (typeof payload.sub !== 'string' || !payload.sub) throw new UpstreamError('rejected', 'the id_token has no sub');
      const claims = Object.fromEntries(STANDARD_CLAIMS.filter((name) => payload[name] !== undefined).map((name) => [name, payload[name]])) as StandardClaims;
      // a subject that cannot collide with NIA pseudonyms if a town switches upstreams
      const subject = `oidc:${await calculateJwkThumbprint({ kty: 'oct', k: Buffer.from(issuer).toString('base64url') })}:${payload.sub}`;
      return { subject, claims, loa: expected.loa };
    },

    async endSessionUrl(state) {
      const { end_session_endpoint } = await discover();
      if (!end_session_endpoint) return undefined;
      const url = new URL(end_session_endpoint);
      url.search = new URLSearchParams({ client_id: options.clientId, post_logout_redirect_uri: options.postLogoutRedirectUri, state }).toString();
      return url.href;
    },
  };
}

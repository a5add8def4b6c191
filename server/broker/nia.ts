import { compactDecrypt, createRemoteJWKSet, jwtVerify, type CryptoKey, type KeyObject } from 'jose';
import { claimsFromNia, NIA_REQUESTED_CLAIMS } from './claims.js';
import { fetchUpstream, jsonFrom, UpstreamError, type Upstream, type UpstreamIdentity } from './upstream.js';

interface NiaDiscovery {
  issuer: string;
  authorization_endpoint: string;
  token_endpoint: string;
  end_session_endpoint?: string;
  jwks_uri: string;
}

export interface NiaOptions {
  /** NIA's base URL: https://nia.identita.gov.cz, https://tnia.identita.gov.cz, or the simulator. */
  baseUrl: string;
  /** The town's SeP "unique URL", registered in the NIA portal. */
  clientId: string;
  /** The broker's callback, registered in the NIA portal as the SeP's redirect URL. */
  redirectUri: string;
  /** The issuer NIA writes into id_tokens (a URN, not a URL). */
  issuer: string;
  /** The private key of the encryption certificate registered for the SeP. */
  decryptionKey: CryptoKey | KeyObject;
}

const DISCOVERY_TTL_MS = 60 * 60 * 1000;

/**
 * NIA's dialect of OpenID Connect, spoken by the broker so the widgets never
 * have to: discovery at `/fpsts/oidc/openid-configuration`; attributes only
 * when named in the `claims` parameter; a JWE id_token (RSA-OAEP /
 * A256CBC-HS512) decrypted with the town's key, whose inner RS256 JWS is
 * verified against NIA's keys; no `sub` (the subject is `PersonIdentifier`);
 * logout by `endsession` with `client_id` alone. NIA ignores PKCE and
 * `redirect_uri` at the token endpoint, so this leg is protected by the
 * broker's own single-use `state` and the `nonce` checked here.
 */
export function niaUpstream(options: NiaOptions): Upstream {
  let discovery: { value: NiaDiscovery; at: number } | undefined;
  let keys: ReturnType<typeof createRemoteJWKSet> | undefined;

  /** NIA's metadata; `fresh` asks NIA again, which tells at the start of a sign-in whether it answers at all. */
  async function discover({ fresh = false } = {}): Promise<NiaDiscovery> {
    if (!fresh && discovery && Date.now() - discovery.at < DISCOVERY_TTL_MS) return discovery.value;
    const url = `${options.baseUrl.replace(/\/+$/, '')}/fpsts/oidc/openid-configuration`;
    const value = await jsonFrom<NiaDiscovery>(await fetchUpstream(url, {}, 5_000), 'NIA discovery');
    if (!value.authorization_endpoint || !value.token_endpoint || !value.jwks_uri) {
      throw new UpstreamError('rejected', 'NIA discovery lacks endpoints');
    }
    discovery = { value, at: Date.now() };
    keys = createRemoteJWKSet(new URL(value.jwks_uri), { timeoutDuration: 10_000 });
    return value;
  }

  return {
    name: 'nia',

    async authorizationUrl({ state, nonce, loa, forceAuthn }) {
      // Ask NIA now: a citizen sent to a NIA that is down would be stranded on a browser error page.
      const { authorization_endpoint } = await discover({ fresh: true });
      const url = new URL(authorization_endpoint);
      url.search = new URLSearchParams({
        client_id: options.clientId,
        redirect_uri: options.redirectUri,
        response_type: 'code',
        scope: ['openid', loa, ...(forceAuthn ? ['forceauthn'] : [])].join(' '),
        state,
        nonce,
        claims: JSON.stringify({ id_token: Object.fromEntries(NIA_REQUESTED_CLAIMS.map((claim) => [claim, null])) }),
      }).toString();
      return url.href;
    },

    async complete(code, expected): Promise<UpstreamIdentity> {
      const { token_endpoint } = await discover();
      const response = await fetchUpstream(token_endpoint, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
        body: new URLSearchParams({ grant_type: 'authorization_code', code, client_id: options.clientId, redirect_uri: options.redirectUri }),
      });
      const tokens = await jsonFrom<{ id_token?: string }>(response, 'NIA token endpoint');
      if (!tokens.id_token) throw new UpstreamError('rejected', 'NIA returned no id_token');

      let inner: string;
      try {
        const { plaintext, protectedHeader } = await compactDecrypt(tokens.id_token, options.decryptionKey, {
          keyManagementAlgorithms: ['RSA-OAEP'],
          contentEncryptionAlgorithms: ['A256CBC-HS512'],
        });
        if (protectedHeader.alg !== 'RSA-OAEP') throw new Error(`unexpected alg ${protectedHeader.alg}`);
        inner = new TextDecoder().decode(plaintext);
      } catch (cause) {
        // "padding error" here usually means the key does not match the registered certificate
        throw new UpstreamError('rejected', 'the NIA id_token could not be decrypted with the SeP key', { cause });
      }

      let claims: Record<string, unknown>;
      try {
        ({ payload: claims } = await jwtVerify(inner, keys!, {
          issuer: options.issuer,
          audience: options.clientId,
          algorithms: ['RS256'],
          clockTolerance: 60,
        }));
      } catch (cause) {
        if ((cause as { code?: string }).code === 'ERR_JWKS_TIMEOUT') throw new UpstreamError('unreachable', 'NIA keys did not load', { cause });
        throw new UpstreamError('rejected', 'the NIA id_token signature or claims did not verify', { cause });
      }
      if (claims.nonce !== expected.nonce) throw new UpstreamError('rejected', 'the NIA id_token nonce does not match');
      const { subject, claims: standard } = claimsFromNia(claims);
      return { subject, claims: standard, loa: expected.loa };
    },

    async endSessionUrl(state) {
      const { end_session_endpoint } = await discover();
      if (!end_session_endpoint) return undefined;
      const url = new URL(end_session_endpoint);
      // client_id only: NIA refuses id_token_hint (erc=202)
      url.search = new URLSearchParams({ client_id: options.clientId, state }).toString();
      return url.href;
    },
  };
}

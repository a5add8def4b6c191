import { createHash, randomBytes } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { createLocalJWKSet, errors as joseErrors, jwtVerify, type JWK } from 'jose';
import Provider, { type Configuration, type KoaContextWithOIDC } from 'oidc-provider';
import type { Config } from '../config.js';
import type { Citizen } from '../http/api-route.js';
import { unauthorized } from '../http/problem.js';
import { recordUsage } from '../office/usage.js';
import type { Database } from '../storage/database.js';
import { databaseAdapter, sweepExpired } from './adapter.js';
import { loaFromAcrValues, stronger, type Loa, type StandardClaims } from './claims.js';
import { cookieKeys, signingKeys } from './keys.js';
import { ASSETS, errorPage, loggedOutPage, logoutPage, PAGE_CSP } from './pages.js';
import { UpstreamError, type Upstream } from './upstream.js';

/** The scopes and claims widgets may ask for. */
const CLAIMS = {
  openid: ['sub', 'acr'],
  profile: ['given_name', 'family_name', 'name', 'birthdate'],
  email: ['email'],
  phone: ['phone_number'],
  address: ['address', 'ruian_address_id'],
};

const FLIGHT_MINUTES = 10;


export interface Broker {
  provider: Provider;
  /** Mounts `/oidc` (the provider) and `/broker` (interactions, upstream callback, sign-out return). */
  mount(app: FastifyInstance): Promise<void>;
  /** Verifies an API request's bearer token: this broker's signature, issuer, audience = the API, not expired. */
  verifyAccessToken(authorization: string | undefined): Promise<Citizen>;
}

const random = () => randomBytes(24).toString('base64url');

function cookie(request: FastifyRequest, name: string): string | undefined {
  const header = request.headers.cookie ?? '';
  for (const part of header.split(';')) {
    const [key, ...value] = part.trim().split('=');
    if (key === name) return decodeURIComponent(value.join('='));
  }
  return undefined;
}

function setCookie(reply: FastifyReply, name: string, value: string, path: string, secure: boolean, maxAge = FLIGHT_MINUTES * 60) {
  reply.header(
    'Set-Cookie',
    `${name}=${encodeURIComponent(value)}; Path=${path}; HttpOnly; SameSite=Lax; Max-Age=${maxAge}${secure ? '; Secure' : ''}`,
  );
}

/** True when `uri` is a page on one of the client's origins (no fragment). */
function onOrigins(uri: string, origins: readonly string[]): boolean {
  try {
    const url = new URL(uri);
    return !url.hash && origins.includes(url.origin);
  } catch {
    return false;
  }
}

/**
 * The town's identity broker. Widgets speak standard OpenID Connect to it
 * (authorization code + PKCE, public clients, refresh tokens, JWT access
 * tokens for the API); it signs citizens in at the upstream provider (NIA, or
 * a standard OIDC server). Everything it remembers lives in the database.
 */
export async function createBroker({ config, db, upstream }: { config: Config; db: Database; upstream: Upstream }): Promise<Broker> {
  const keys = await signingKeys(db);
  const secure = config.PUBLIC_URL.startsWith('https:');
  // Cookies are told apart by host, not port or issuer: each broker names its own,
  // so two brokers on one host (a county's proxy, a test) never overwrite each other's.
  const tag = createHash('sha256').update(config.issuerUrl).digest('base64url').slice(0, 8);
  const UPSTREAM_COOKIE = `obec_upstream_${tag}`;
  const LOGOUT_COOKIE = `obec_logout_${tag}`;
  const originsOf = new Map(config.brokerClients.map((client) => [client.client_id, client.origins]));

  const configuration: Configuration = {
    adapter: databaseAdapter(db),
    clients: config.brokerClients.map((client) => ({
      client_id: client.client_id,
      client_name: client.client_name,
      token_endpoint_auth_method: 'none',
      application_type: 'web',
      grant_types: ['authorization_code', 'refresh_token'],
      response_types: ['code'],
      // any page of the site may be the return address (see redirectUriAllowed below)
      redirect_uris: client.origins.map((origin) => `${origin}/`),
      post_logout_redirect_uris: client.origins.map((origin) => `${origin}/`),
    })),
    jwks: { keys: keys as JWK[] as never },
    cookies: {
      keys: await cookieKeys(db),
      names: { session: `obec_session_${tag}`, interaction: `obec_interaction_${tag}`, resume: `obec_resume_${tag}` },
      long: { secure, sameSite: 'lax' },
      short: { secure, sameSite: 'lax' },
    },
    claims: CLAIMS,
    scopes: ['openid', 'offline_access', 'profile', 'email', 'phone', 'address'],
    acrValues: ['loalow', 'loasubstantial', 'loahigh'],
    pkce: { required: () => true },
    conformIdTokenClaims: false,
    findAccount: async (_ctx, subject) => {
      const [row] = await db.query<{ claims: StandardClaims; loa: Loa }>('select claims, loa from accounts where subject = $1', [subject]);
      if (!row) return undefined;
      return { accountId: subject, claims: async () => ({ sub: subject, ...row.claims }) };
    },
    interactions: { url: (_ctx, interaction) => `/broker/interaction/${interaction.uid}` },
    features: {
      devInteractions: { enabled: false },
      revocation: { enabled: true },
      rpInitiatedLogout: {
        enabled: true,
        logoutSource: async (ctx, form) => {
          ctx.type = 'html';
          ctx.set('Content-Security-Policy', PAGE_CSP);
          ctx.body = logoutPage(form);
        },
      },
      resourceIndicators: {
        enabled: true,
        defaultResource: () => config.apiUrl,
        useGrantedResource: () => true,
        getResourceServerInfo: (_ctx, resource) => {
          if (resource !== config.apiUrl) throw new Error('unknown resource');
          return {
            scope: 'openid profile email phone address',
            audience: config.apiUrl,
            accessTokenFormat: 'jwt',
            accessTokenTTL: 10 * 60,
            jwt: { sign: { alg: 'RS256' } },
          };
        },
      },
    },
    // The API's authorization rules need the level of assurance of the sign-in behind a token.
    extraTokenClaims: async (ctx) => {
      const source = ctx.oidc.entities.AuthorizationCode ?? ctx.oidc.entities.RefreshToken;
      return source?.acr ? { acr: source.acr } : undefined;
    },
    // The page that embeds the widget talks to the token endpoint with fetch.
    clientBasedCORS: (_ctx, origin, client) => originsOf.get(client.clientId)?.includes(origin) ?? false,
    // Refresh tokens without the offline_access ceremony: they renew the session of a
    // town site that lives on another site than the broker, and end with that session.
    issueRefreshToken: async (_ctx, client) => client.grantTypeAllowed('refresh_token'),
    ttl: {
      AccessToken: 10 * 60,
      AuthorizationCode: 60,
      IdToken: 10 * 60,
      Interaction: FLIGHT_MINUTES * 60,
      Session: 8 * 60 * 60,
      Grant: 8 * 60 * 60,
      RefreshToken: 8 * 60 * 60,
    },
    renderError: async (ctx, out) => {
      ctx.type = 'html';
      ctx.set('Content-Security-Policy', PAGE_CSP);
      ctx.body = errorPage('Přihlášení se nepodařilo', `Požadavek na přihlašovací službu obce byl chybný (${out.error}).`);
    },
  };

  const provider = new Provider(config.issuerUrl, configuration);
  provider.proxy = config.TRUST_PROXY;
  provider.Client.prototype.redirectUriAllowed = function (uri: string) {
    return onOrigins(uri, originsOf.get(this.clientId) ?? []);
  };
  provider.Client.prototype.postLogoutRedirectUriAllowed = function (uri: string) {
    return onOrigins(uri, originsOf.get(this.clientId) ?? []);
  };

  // After the broker has ended its own session, send the browser on to end the
  // upstream single sign-on too (at NIA a local sign-out alone would sign the
  // same person in again silently), and back to the widget's page afterwards.
  provider.use(async (ctx: KoaContextWithOIDC, next) => {
    await next();
    if (ctx.oidc?.route !== 'end_session_confirm' || ![302, 303].includes(ctx.status)) return;
    const returnTo = ctx.response.get('Location');
    let upstreamLogout: string | undefined;
    const state = random();
    try {
      upstreamLogout = await upstream.endSessionUrl(state);
    } catch (error) {
      ctx.oidc.provider.emit('obec.upstream_logout_unavailable', error);
    }
    if (!upstreamLogout) return;
    await db.query('insert into pending_logouts (state, return_to) values ($1, $2)', [state, returnTo]);
    ctx.cookies.set(LOGOUT_COOKIE, state, { path: '/broker', httpOnly: true, sameSite: 'lax', secure, maxAge: FLIGHT_MINUTES * 60_000, signed: false });
    ctx.redirect(upstreamLogout);
  });

  const jwks = createLocalJWKSet({ keys: keys.map(({ kty, n, e, kid, alg, use }) => ({ kty, n, e, kid, alg, use })) });

  async function verifyAccessToken(authorization: string | undefined): Promise<Citizen> {
    const token = /^Bearer\s+(\S+)$/i.exec(authorization ?? '')?.[1];
    if (!token) throw unauthorized('missing_token', 'An access token of the town identity broker is required');
    try {
      const { payload } = await jwtVerify(token, jwks, { issuer: config.issuerUrl, audience: config.apiUrl, algorithms: ['RS256'] });
      if (typeof payload.sub !== 'string') throw unauthorized('invalid_token', 'The token has no subject');
      return { subject: payload.sub, loa: (loaFromAcrValues(payload.acr) ?? 'loalow') as Loa, scope: String(payload.scope ?? '').split(' ') };
    } catch (error) {
      if (error instanceof joseErrors.JWTExpired) throw unauthorized('token_expired', 'The access token has expired');
      if (error instanceof joseErrors.JWTClaimValidationFailed && error.claim === 'aud') {
        throw unauthorized('wrong_audience', 'The access token is not meant for this API');
      }
      if (error instanceof Error && 'status' in error) throw error;
      throw unauthorized('invalid_token', 'The access token is not valid');
    }
  }

  async function mount(app: FastifyInstance): Promise<void> {
    const callback = provider.callback();

    // oidc-provider reads the raw request body itself: no Fastify parsing on /oidc.
    await app.register(async (oidc) => {
      oidc.removeAllContentTypeParsers();
      oidc.addContentTypeParser('*', (_request, _payload, done) => done(null));
      const handler = async (request: FastifyRequest, reply: FastifyReply) => {
        reply.hijack();
        const raw = request.raw as typeof request.raw & { originalUrl?: string };
        raw.originalUrl = raw.url;
        raw.url = raw.url!.slice('/oidc'.length) || '/';
        await callback(raw, reply.raw);
      };
      oidc.all('/oidc', handler);
      oidc.all('/oidc/*', handler);
    });

    for (const [name, asset] of Object.entries(ASSETS)) {
      app.get(`/broker/assets/${name}`, async (_request, reply) => reply.type(asset.type).header('Cache-Control', 'public, max-age=3600').send(asset.body));
    }

    const html = (reply: FastifyReply, status: number, body: string) =>
      reply.code(status).type('text/html; charset=utf-8').header('Content-Security-Policy', PAGE_CSP).send(body);

    /** Ends the browser's interaction with an OAuth error the widget turns into a message. */
    async function finishWithError(request: FastifyRequest, reply: FastifyReply, error: string, reason: string) {
      reply.hijack();
      await provider.interactionFinished(request.raw, reply.raw, { error, error_description: reason }, { mergeWithLastSubmission: false });
    }

    // The provider hands the browser here when it needs a sign-in or consent.
    app.get('/broker/interaction/:uid', async (request, reply) => {
      const details = await provider.interactionDetails(request.raw, reply.raw).catch(() => undefined);
      if (!details) return html(reply, 400, errorPage('Přihlášení vypršelo', 'Přihlašování trvalo příliš dlouho nebo už bylo dokončeno.'));

      if (details.prompt.name === 'login') {
        const loa = stronger(config.NIA_LOA, loaFromAcrValues(details.params.acr_values) ?? config.NIA_LOA);
        const state = random();
        const nonce = random();
        const codeVerifier = randomBytes(32).toString('base64url');
        try {
          const target = await upstream.authorizationUrl({
            state,
            nonce,
            loa,
            codeVerifier,
            forceAuthn: String(details.params.prompt ?? '').split(' ').includes('login'),
          });
          await db.query('insert into upstream_logins (state, interaction_uid, nonce, loa, code_verifier) values ($1, $2, $3, $4, $5)', [
            state,
            details.uid,
            nonce,
            loa,
            codeVerifier,
          ]);
          setCookie(reply, UPSTREAM_COOKIE, state, '/broker', secure);
          return reply.redirect(target, 303);
        } catch (error) {
          request.log.warn({ upstream: upstream.name, reason: (error as Error).message }, 'upstream sign-in unavailable');
          return finishWithError(request, reply, 'temporarily_unavailable', 'upstream_unavailable');
        }
      }

      // The citizen consented at NIA to the town receiving their data, and the
      // widgets are the town's own: grant what was asked without asking again.
      const { prompt, params, session, grantId } = details;
      const grant = grantId
        ? await provider.Grant.find(grantId)
        : new provider.Grant({ accountId: session!.accountId, clientId: params.client_id as string });
      if (!grant) return finishWithError(request, reply, 'access_denied', 'grant_expired');
      const missing = prompt.details as { missingOIDCScope?: string[]; missingOIDCClaims?: string[]; missingResourceScopes?: Record<string, string[]> };
      if (missing.missingOIDCScope) grant.addOIDCScope(missing.missingOIDCScope.join(' '));
      if (missing.missingOIDCClaims) grant.addOIDCClaims(missing.missingOIDCClaims);
      for (const [resource, scopes] of Object.entries(missing.missingResourceScopes ?? {})) grant.addResourceScope(resource, scopes.join(' '));
      const savedGrantId = await grant.save();
      reply.hijack();
      await provider.interactionFinished(request.raw, reply.raw, { consent: { grantId: savedGrantId } }, { mergeWithLastSubmission: true });
    });

    // The upstream provider sends the browser back here (the redirect URL registered at NIA).
    app.get('/broker/callback', async (request, reply) => {
      const query = request.query as Record<string, string | undefined>;
      const flight = cookie(request, UPSTREAM_COOKIE);
      const [row] = flight
        ? await db.query<{ interaction_uid: string }>(
            `select interaction_uid from upstream_logins
             where state = $1 and used_at is null and created_at > now() - interval '${FLIGHT_MINUTES} minutes'`,
            [flight],
          )
        : [];
      if (!row) {
        return html(reply, 400, errorPage('Neplatný návrat z přihlášení', 'Tento odkaz na dokončení přihlášení je neplatný nebo už vypršel.'));
      }
      // The state in the URL must be the one this browser was sent out with.
      const error =
        query.state !== flight ? 'invalid_state' : query.error ? (query.error === 'access_denied' ? 'cancelled' : 'upstream_error') : query.code ? null : 'invalid_callback';
      await db.query('update upstream_logins set code = $2, error = $3 where state = $1', [flight, error ? null : query.code, error]);
      setCookie(reply, UPSTREAM_COOKIE, '', '/broker', secure, 0);
      return reply.redirect(`/broker/interaction/${row.interaction_uid}/resume`, 303);
    });

    // Back within the interaction (its cookie is scoped to this path): redeem the upstream code.
    app.get('/broker/interaction/:uid/resume', async (request, reply) => {
      const details = await provider.interactionDetails(request.raw, reply.raw).catch(() => undefined);
      if (!details) return html(reply, 400, errorPage('Přihlášení vypršelo', 'Přihlašování trvalo příliš dlouho nebo už bylo dokončeno.'));
      const [flight] = await db.query<{ nonce: string; loa: Loa; code: string | null; error: string | null; code_verifier: string }>(
        `update upstream_logins set used_at = now()
         where interaction_uid = $1 and used_at is null and created_at > now() - interval '${FLIGHT_MINUTES} minutes'
           and (code is not null or error is not null)
         returning nonce, loa, code, error, code_verifier`,
        [details.uid],
      );
      if (!flight) return finishWithError(request, reply, 'access_denied', 'invalid_state');
      if (flight.error) return finishWithError(request, reply, 'access_denied', flight.error);
      try {
        const identity = await upstream.complete(flight.code!, { nonce: flight.nonce, loa: flight.loa, codeVerifier: flight.code_verifier });
        await db.query(
          `insert into accounts (subject, claims, loa) values ($1, $2, $3)
           on conflict (subject) do update set claims = excluded.claims, loa = excluded.loa, last_seen_at = now()`,
          [identity.subject, JSON.stringify(identity.claims), identity.loa],
        );
        await recordUsage(db, 'sign_in');
        reply.hijack();
        await provider.interactionFinished(
          request.raw,
          reply.raw,
          { login: { accountId: identity.subject, acr: identity.loa, amr: [upstream.name], remember: true } },
          { mergeWithLastSubmission: false },
        );
      } catch (error) {
        const unreachable = error instanceof UpstreamError && error.kind === 'unreachable';
        request.log.warn({ upstream: upstream.name, reason: (error as Error).message }, 'upstream sign-in failed');
        return finishWithError(request, reply, unreachable ? 'temporarily_unavailable' : 'access_denied', unreachable ? 'upstream_unavailable' : 'upstream_rejected');
      }
    });

    // The upstream provider's sign-out sends the browser here (the logout URL registered at NIA).
    app.get('/broker/logged-out', async (request, reply) => {
      const state = (request.query as Record<string, string | undefined>).state ?? cookie(request, LOGOUT_COOKIE);
      const [row] = state
        ? await db.query<{ return_to: string }>(
            `update pending_logouts set used_at = now()
             where state = $1 and used_at is null and created_at > now() - interval '${FLIGHT_MINUTES} minutes'
             returning return_to`,
            [state],
          )
        : [];
      setCookie(reply, LOGOUT_COOKIE, '', '/broker', secure, 0);
      if (!row) return html(reply, 200, loggedOutPage());
      return reply.redirect(row.return_to, 303);
    });

    // Expired sessions, codes and sign-ins in flight are invisible already; sweep them now and then.
    const sweep = setInterval(() => void sweepExpired(db).catch(() => undefined), 60 * 60 * 1000);
    sweep.unref();
    app.addHook('onClose', async () => clearInterval(sweep));
  }

  return { provider, mount, verifyAccessToken };
}

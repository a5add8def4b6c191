/**
 * NIA simulator: a local server speaking the OpenID Connect dialect of NIA
 * (Národní identitní autorita), as described in
 * shared/research/nia-oidc.md. It lets the identity broker, the demo and the
 * tests sign test citizens in without the real NIA.
 *
 * Reproduced: discovery at /fpsts/oidc/openid-configuration (any casing of
 * "fpsts", no /.well-known/), the URN issuer, code flow without client
 * secret, PKCE and redirect_uri ignored at the token endpoint, the id_token as
 * a JWE (RSA-OAEP + A256CBC-HS512, no kid) wrapping an RS256 JWS, attributes
 * released only through the `claims` parameter, eIDAS claim names, no `sub`,
 * the per-SeP PersonIdentifier `CZ/CZ/<uuid>`, userinfo `{}`, levels of
 * assurance through scopes, the identity-means choice filtered by LoA, the
 * consent page, one SSO session across all SePs, and the logout rules
 * (id_token_hint → erc=202, front-channel only, redirect to the SeP's
 * registered logout URL).
 */
import { createHash, createPublicKey, randomBytes, X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CompactEncrypt, SignJWT, calculateJwkThumbprint, exportJWK, generateKeyPair, importSPKI } from 'jose';
import type { CryptoKey, JSONWebKeySet, JWK } from 'jose';
import { ageOn, defaultCitizens, formatAddress } from './citizens.js';
import type { TestCitizen } from './citizens.js';
import {
  STYLESHEET_PATH,
  backChannelLogoutPage,
  consentPage,
  errorPage,
  indexPage,
  meansPage,
  protocolErrorPage,
  signInPage,
} from './pages.js';

export type { TestCitizen, CitizenAddress } from './citizens.js';
export { defaultCitizens, formatAddress } from './citizens.js';

// ---------------------------------------------------------------------------
// Public types

export interface SepRegistration {
  /** The SeP's "unique URL" registered in the NIA portal; used as client_id. */
  clientId: string;
  /** Registered redirect URLs (exact match at authorize). */
  redirectUris: string[];
  /** Registered logout URL: endsession redirects the browser here. */
  logoutUrl: string;
  /**
   * PEM SPKI RSA public key ("-----BEGIN PUBLIC KEY-----"), standing in for
   * the certificate a town uploads to the NIA portal. A PEM certificate
   * ("-----BEGIN CERTIFICATE-----") is accepted too.
   */
  encryptionKey: string;
}

export interface NiaSimulatorOptions {
  /** Default 127.0.0.1. */
  host?: string;
  /** Default 0: any free port. */
  port?: number;
  seps?: SepRegistration[];
  /** Default: the built-in test citizens (`defaultCitizens()`). */
  citizens?: TestCitizen[];
  /**
   * Base URL written into discovery (e.g. when reached through a proxy or a
   * container port mapping). Default: http://host:port.
   */
  publicUrl?: string;
  /** Lifetime of authorization codes. Default 60 s. */
  codeTtlSeconds?: number;
  /** Clock in milliseconds (tests move it). Default Date.now. */
  now?: () => number;
}

export interface NiaSimulator {
  /** Base URL, e.g. http://127.0.0.1:8082 (no trailing slash). */
  url: string;
  /** Registers or replaces a SeP; throws SepValidationError when invalid. */
  register(sep: SepRegistration): void;
  close(): Promise<void>;
  /** The public signing key set served at …/openid-configuration-jwks. */
  signingJwks(): JSONWebKeySet;
}

// ---------------------------------------------------------------------------
// Dialect constants

export const NIA_ISSUER = 'urn:microsoft:cgg2010:fpsts';
export const OIDC_BASE_PATH = '/fpsts/oidc';
export const ERC_202 = 'erc=202 Invalid OpenID Connect protocol request';
export const SSO_COOKIE = 'nia_sim_sso';
export const NIA_SCOPES = [
  'openid',
  'forceauthn',
  'ispassive',
  'publicsector',
  'privatesector',
  'loalow',
  'loasubstantial',
  'loahigh',
  'loamin',
  'loamax',
  'loabetter',
  'loaexact',
] as const;

export interface NiaClaimInfo {
  /** Claim name in the id_token (and in the `claims` request parameter). */
  name: string;
  /** Czech label shown on the consent page. */
  label: string;
  /** Value format the simulator produces. */
  format: string;
  /** false: advertised in discovery, but the simulator never releases it. */
  released: boolean;
}

/**
 * The eIDAS-style claims of NIA. Attributes are released only when the
 * authorize request names them in `claims` → `id_token`; userinfo is `{}` and
 * there is no `sub`. A claim the citizen has no value for (e.g. the senior's
 * eMail) is left out of the id_token.
 */
export const NIA_CLAIMS: readonly NiaClaimInfo[] = [
  {
    name: 'PersonIdentifier',
    label: 'Identifikátor osoby pro tuto službu',
    format: '"CZ/CZ/<uuid>": pseudonym per SeP, lowercase UUID v4 shape, derived from the citizen and the client_id',
    released: true,
  },
  { name: 'CurrentGivenName', label: 'Jméno', format: 'string', released: true },
  { name: 'CurrentFamilyName', label: 'Příjmení', format: 'string', released: true },
  { name: 'DateOfBirth', label: 'Datum narození', format: '"YYYY-MM-DD"', released: true },
  { name: 'PlaceOfBirth', label: 'Místo narození', format: 'string (town)', released: true },
  { name: 'countryCodeOfBirth', label: 'Stát narození', format: '"CZ" (ISO 3166-1 alpha-2)', released: true },
  {
    name: 'CurrentAddress',
    label: 'Adresa pobytu',
    format: '"Street No, PSČ Town", e.g. "Návesní 12, 123 45 Javorná Lhota" (unverified assumption)',
    released: true,
  },
  { name: 'tradresaid', label: 'Kód adresního místa (RÚIAN)', format: 'digits as a string', released: true },
  { name: 'age', label: 'Věk', format: 'integer, from DateOfBirth and today', released: true },
  {
    name: 'isAgeOver',
    label: 'Věk nad hranicí',
    format: 'not released by the simulator (request format unverified)',
    released: false,
  },
  { name: 'idtype', label: 'Druh dokladu', format: '"ID" (občanský průkaz)', released: true },
  { name: 'idnumber', label: 'Číslo dokladu', format: 'digits as a string', released: true },
  { name: 'fullids', label: 'Úplné identifikátory', format: 'not released by the simulator (format unverified)', released: false },
  { name: 'phonenumber', label: 'Telefonní číslo', format: '"+420…"; absent when the citizen has none', released: true },
  { name: 'eMail', label: 'E-mail', format: 'string; absent when the citizen has none', released: true },
];

const CLAIMS_BY_NAME = new Map(NIA_CLAIMS.map((c) => [c.name, c]));

export type Loa = 'low' | 'substantial' | 'high';
const LOA_RANK: Record<Loa, number> = { low: 1, substantial: 2, high: 3 };
const LOA_LABEL: Record<Loa, string> = { low: 'nízká', substantial: 'značná', high: 'vysoká' };

export interface IdentityMeans {
  id: string;
  name: string;
  loa: Loa;
}

/** The identity means offered on the choice page, filtered by the requested LoA. */
export const IDENTITY_MEANS: readonly IdentityMeans[] = [
  { id: 'eop', name: 'eObčanka', loa: 'high' },
  { id: 'mep', name: 'Mobilní klíč eGovernmentu', loa: 'substantial' },
  { id: 'niaid', name: 'NIA ID', loa: 'substantial' },
  { id: 'bankid', name: 'Bankovní identita', loa: 'substantial' },
  { id: 'mojeid', name: 'mojeID', loa: 'substantial' },
];

const ID_TOKEN_TTL_SECONDS = 5 * 60;
const ACCESS_TOKEN_TTL_SECONDS = 60 * 60;
const FLOW_TTL_MS = 30 * 60 * 1000;
const MAX_BODY_BYTES = 64 * 1024;

const FLOW_PATHS = {
  means: '/sim/flow/means',
  signin: '/sim/flow/signin',
  consent: '/sim/flow/consent',
} as const;

// ---------------------------------------------------------------------------
// Helpers

export class SepValidationError extends Error {
  override name = 'SepValidationError';
}

function absoluteUrl(value: unknown, what: string, httpOnly: boolean): URL {
  if (typeof value !== 'string' || value === '') throw new SepValidationError(`${what} must be a non-empty string`);
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new SepValidationError(`${what} must be an absolute URL: ${value}`);
  }
  if (httpOnly && url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new SepValidationError(`${what} must be an http(s) URL: ${value}`);
  }
  if (url.hash) throw new SepValidationError(`${what} must not contain a fragment: ${value}`);
  return url;
}

/** Validates a registration and returns it normalized with the SPKI PEM of the key. */
export function validateSepRegistration(input: unknown): SepRegistration {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    throw new SepValidationError('the registration must be a JSON object');
  }
  const sep = input as Record<string, unknown>;
  absoluteUrl(sep.clientId, 'clientId', false);
  if (!Array.isArray(sep.redirectUris) || sep.redirectUris.length === 0) {
    throw new SepValidationError('redirectUris must be a non-empty array of absolute http(s) URLs');
  }
  for (const uri of sep.redirectUris) absoluteUrl(uri, 'redirectUris[]', true);
  absoluteUrl(sep.logoutUrl, 'logoutUrl', true);
  if (typeof sep.encryptionKey !== 'string') {
    throw new SepValidationError('encryptionKey must be a PEM RSA public key (-----BEGIN PUBLIC KEY-----)');
  }
  const pem = sep.encryptionKey.trim();
  let spki: string;
  try {
    if (pem.startsWith('-----BEGIN PUBLIC KEY-----')) {
      const key = createPublicKey({ key: pem, format: 'pem' });
      if (key.asymmetricKeyType !== 'rsa') throw new Error('not RSA');
      const bits = key.asymmetricKeyDetails?.modulusLength ?? 0;
      if (bits < 2048) throw new Error('RSA modulus shorter than 2048 bits');
      spki = key.export({ type: 'spki', format: 'pem' }).toString();
    } else if (pem.startsWith('-----BEGIN CERTIFICATE-----')) {
      const key = new X509Certificate(pem).publicKey;
      if (key.asymmetricKeyType !== 'rsa') throw new Error('not RSA');
      spki = key.export({ type: 'spki', format: 'pem' }).toString();
    } else {
      throw new Error('not a PEM public key');
    }
  } catch (error) {
    throw new SepValidationError(
      `encryptionKey must be a PEM RSA public key (-----BEGIN PUBLIC KEY-----), at least 2048 bits: ${
        (error as Error).message
      }`,
    );
  }
  return {
    clientId: sep.clientId as string,
    redirectUris: [...(sep.redirectUris as string[])],
    logoutUrl: sep.logoutUrl as string,
    encryptionKey: spki,
  };
}

/**
 * PersonIdentifier of a citizen at one SeP: "CZ/CZ/" + a UUID v4-shaped
 * digest of the citizen's secret id and the client_id. Same citizen + same
 * SeP → same value; another SeP → another value.
 */
export function personIdentifier(citizenSecretId: string, clientId: string): string {
  const bytes = createHash('sha256').update(`nia-sim-pairwise\n${citizenSecretId}\n${clientId}`).digest().subarray(0, 16);
  bytes[6] = (bytes[6]! & 0x0f) | 0x40;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `CZ/CZ/${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** Value of one claim for a citizen at a SeP; undefined = not released. */
export function claimValue(
  name: string,
  citizen: TestCitizen,
  clientId: string,
  today: Date,
): string | number | undefined {
  switch (name) {
    case 'PersonIdentifier':
      return personIdentifier(citizen.secretId, clientId);
    case 'CurrentGivenName':
      return citizen.givenName;
    case 'CurrentFamilyName':
      return citizen.familyName;
    case 'DateOfBirth':
      return citizen.dateOfBirth;
    case 'PlaceOfBirth':
      return citizen.placeOfBirth;
    case 'countryCodeOfBirth':
      return citizen.countryCodeOfBirth;
    case 'CurrentAddress':
      return formatAddress(citizen.address);
    case 'tradresaid':
      return citizen.tradresaid;
    case 'age':
      return ageOn(citizen.dateOfBirth, today);
    case 'idtype':
      return citizen.idtype;
    case 'idnumber':
      return citizen.idnumber;
    case 'phonenumber':
      return citizen.phonenumber;
    case 'eMail':
      return citizen.eMail;
    default:
      return undefined;
  }
}

function randomId(): string {
  return randomBytes(32).toString('base64url');
}

function parseCookies(header: string | undefined): Map<string, string> {
  const cookies = new Map<string, string>();
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq <= 0) continue;
    const name = part.slice(0, eq).trim();
    if (!cookies.has(name)) cookies.set(name, part.slice(eq + 1).trim());
  }
  return cookies;
}

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > MAX_BODY_BYTES) throw new HttpError(413, 'request body too large');
    chunks.push(buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function mediaType(req: IncomingMessage): string {
  return (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
}

/** Pages must work under script-src 'self'; style-src 'self' (they need neither inline). */
const PAGE_CSP =
  "default-src 'none'; style-src 'self'; img-src 'self'; base-uri 'none'; frame-ancestors 'none'";

function sendHtml(res: ServerResponse, status: number, html: string, headers: Record<string, string | string[]> = {}): void {
  res.writeHead(status, {
    'Content-Type': 'text/html; charset=utf-8',
    'Content-Security-Policy': PAGE_CSP,
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    ...headers,
  });
  res.end(html);
}

function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
    ...headers,
  });
  res.end(JSON.stringify(body));
}

function redirect(res: ServerResponse, status: 302 | 303, location: string, headers: Record<string, string | string[]> = {}): void {
  res.writeHead(status, { Location: location, 'Cache-Control': 'no-store', ...headers });
  res.end();
}

function withParams(base: string, params: Record<string, string | undefined>): string {
  const url = new URL(base);
  for (const [key, value] of Object.entries(params)) if (value !== undefined) url.searchParams.set(key, value);
  return url.href;
}

// ---------------------------------------------------------------------------
// State

interface AuthRequest {
  clientId: string;
  redirectUri: string;
  state: string | undefined;
  nonce: string | undefined;
  /** Claim names requested in claims.id_token (known to NIA), in request order. */
  claims: string[];
  loa: Loa;
}

interface Flow {
  id: string;
  request: AuthRequest;
  step: 'means' | 'signin' | 'consent';
  means: IdentityMeans | undefined;
  sid: string | undefined;
  expiresAt: number;
}

interface SsoSession {
  sid: string;
  citizenKey: string;
  means: IdentityMeans;
  /** Seconds since epoch. */
  authTime: number;
  consents: Set<string>;
}

interface CodeGrant {
  request: AuthRequest;
  citizenKey: string;
  authTime: number;
  expiresAt: number;
}

interface RegisteredSep {
  registration: SepRegistration;
  key: Promise<CryptoKey>;
}

// ---------------------------------------------------------------------------
// Server

export async function startNiaSimulator(options: NiaSimulatorOptions = {}): Promise<NiaSimulator> {
  const host = options.host ?? '127.0.0.1';
  const now = options.now ?? Date.now;
  const codeTtlMs = (options.codeTtlSeconds ?? 60) * 1000;
  const citizens = options.citizens ?? defaultCitizens(new Date(now()));
  if (citizens.length === 0) throw new Error('the simulator needs at least one test citizen');
  const citizensByKey = new Map(citizens.map((c) => [c.key, c]));
  if (citizensByKey.size !== citizens.length) throw new Error('test citizens must have unique keys');

  const stylesheet = readFileSync(new URL('./simulator.css', import.meta.url));

  const { privateKey, publicKey } = await generateKeyPair('RS256', { modulusLength: 2048 });
  const publicJwk: JWK = await exportJWK(publicKey);
  const kid = await calculateJwkThumbprint(publicJwk);
  const jwks: JSONWebKeySet = { keys: [{ ...publicJwk, kid, use: 'sig', alg: 'RS256' }] };

  const seps = new Map<string, RegisteredSep>();
  const flows = new Map<string, Flow>();
  const sessions = new Map<string, SsoSession>();
  const codes = new Map<string, CodeGrant>();
  const accessTokens = new Map<string, number>();

  function register(input: SepRegistration): void {
    const sep = validateSepRegistration(input);
    const key = importSPKI(sep.encryptionKey, 'RSA-OAEP');
    key.catch(() => undefined); // surfaced at the token endpoint, if ever
    seps.set(sep.clientId, { registration: sep, key });
  }
  for (const sep of options.seps ?? []) register(sep);

  let baseUrl = '';
  const oidcUrl = (endpoint: string): string => `${baseUrl}${OIDC_BASE_PATH}/${endpoint}`;

  function sweep(): void {
    const t = now();
    for (const [id, flow] of flows) if (flow.expiresAt <= t) flows.delete(id);
    for (const [code, grant] of codes) if (grant.expiresAt <= t) codes.delete(code);
    for (const [token, expiresAt] of accessTokens) if (expiresAt <= t) accessTokens.delete(token);
  }

  function sessionOf(req: IncomingMessage): SsoSession | undefined {
    const sid = parseCookies(req.headers.cookie).get(SSO_COOKIE);
    return sid === undefined ? undefined : sessions.get(sid);
  }

  function citizenName(c: TestCitizen): string {
    return `${c.givenName} ${c.familyName}`;
  }

  // ---- authorize -----------------------------------------------------------

  /** Parses and checks an authorize request; a string is the reason it is invalid. */
  function parseAuthorize(query: URLSearchParams): { request: AuthRequest; scopes: Set<string> } | string {
    for (const name of new Set(query.keys())) {
      if (query.getAll(name).length > 1) return `parametr ${name} je v požadavku vícekrát`;
    }
    const clientId = query.get('client_id');
    if (!clientId) return 'chybí client_id';
    const sep = seps.get(clientId);
    if (!sep) return `client_id ${clientId} není registrováno (POST /sim/seps)`;
    const redirectUri = query.get('redirect_uri');
    if (!redirectUri) return 'chybí redirect_uri';
    if (!sep.registration.redirectUris.includes(redirectUri)) {
      return `redirect_uri ${redirectUri} není mezi návratovými adresami registrovanými pro ${clientId}`;
    }
    const responseType = query.get('response_type');
    if (responseType !== 'code') return `response_type musí být "code", přišlo ${JSON.stringify(responseType)}`;
    const scopes = new Set((query.get('scope') ?? '').split(' ').filter(Boolean));
    if (!scopes.has('openid')) return 'scope musí obsahovat openid';
    const state = query.get('state') ?? undefined;
    const nonce = query.get('nonce') ?? undefined;
    const claimsParam = query.get('claims');
    const claims: string[] = [];
    if (claimsParam !== null) {
      let parsed: unknown;
      try {
        parsed = JSON.parse(claimsParam);
      } catch {
        return 'parametr claims není platný JSON';
      }
      if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
        return 'parametr claims musí být objekt JSON';
      }
      const idToken = (parsed as Record<string, unknown>).id_token;
      if (idToken !== undefined && idToken !== null) {
        if (typeof idToken !== 'object' || Array.isArray(idToken)) return 'claims.id_token musí být objekt JSON';
        for (const [name, spec] of Object.entries(idToken as Record<string, unknown>)) {
          if (spec !== null && (typeof spec !== 'object' || Array.isArray(spec))) {
            return `claims.id_token.${name} musí být null nebo objekt`;
          }
          if (CLAIMS_BY_NAME.has(name)) claims.push(name);
        }
      }
    }
    let loa: Loa | undefined;
    for (const level of ['low', 'substantial', 'high'] as const) {
      if (scopes.has(`loa${level}`) && (loa === undefined || LOA_RANK[level] > LOA_RANK[loa])) loa = level;
    }
    return {
      request: { clientId, redirectUri, state, nonce, claims, loa: loa ?? 'substantial' },
      scopes,
    };
  }

  function newFlow(request: AuthRequest, step: Flow['step'], sid?: string): Flow {
    const flow: Flow = { id: randomId(), request, step, means: undefined, sid, expiresAt: now() + FLOW_TTL_MS };
    flows.set(flow.id, flow);
    return flow;
  }

  function meansFor(loa: Loa): IdentityMeans[] {
    return IDENTITY_MEANS.filter((m) => LOA_RANK[m.loa] >= LOA_RANK[loa]);
  }

  function renderMeans(res: ServerResponse, flow: Flow): void {
    const offered = meansFor(flow.request.loa);
    sendHtml(
      res,
      200,
      meansPage({
        flowId: flow.id,
        action: FLOW_PATHS.means,
        clientId: flow.request.clientId,
        requiredLoaLabel: LOA_LABEL[flow.request.loa],
        means: offered.map((m) => ({ id: m.id, name: m.name, loaLabel: LOA_LABEL[m.loa] })),
        filtered: offered.length < IDENTITY_MEANS.length,
      }),
    );
  }

  function renderConsent(res: ServerResponse, flow: Flow, session: SsoSession, headers: Record<string, string | string[]> = {}): void {
    const citizen = citizensByKey.get(session.citizenKey)!;
    const today = new Date(now());
    sendHtml(
      res,
      200,
      consentPage({
        flowId: flow.id,
        action: FLOW_PATHS.consent,
        clientId: flow.request.clientId,
        citizenName: citizenName(citizen),
        meansName: session.means.name,
        rows: flow.request.claims.map((name) => {
          const value = CLAIMS_BY_NAME.get(name)!.released
            ? claimValue(name, citizen, flow.request.clientId, today)
            : undefined;
          return { claim: name, label: CLAIMS_BY_NAME.get(name)!.label, value: value === undefined ? undefined : String(value) };
        }),
      }),
      headers,
    );
  }

  function issueCode(request: AuthRequest, session: SsoSession): string {
    const code = randomId();
    codes.set(code, { request, citizenKey: session.citizenKey, authTime: session.authTime, expiresAt: now() + codeTtlMs });
    return withParams(request.redirectUri, { code, state: request.state });
  }

  function errorRedirectUrl(request: AuthRequest, error: string, description: string): string {
    return withParams(request.redirectUri, { error, error_description: description, state: request.state });
  }

  /** After authentication (or with a usable SSO session): consent, or straight back with a code. */
  function continueWithSession(
    res: ServerResponse,
    request: AuthRequest,
    session: SsoSession,
    status: 302 | 303,
    flow: Flow | undefined,
    headers: Record<string, string | string[]> = {},
  ): void {
    if (session.consents.has(request.clientId)) {
      if (flow) flows.delete(flow.id);
      redirect(res, status, issueCode(request, session), headers);
      return;
    }
    const consentFlow = flow ?? newFlow(request, 'consent', session.sid);
    consentFlow.step = 'consent';
    consentFlow.sid = session.sid;
    renderConsent(res, consentFlow, session, headers);
  }

  function handleAuthorize(req: IncomingMessage, res: ServerResponse, query: URLSearchParams): void {
    if (req.method !== 'GET') {
      sendHtml(res, 405, protocolErrorPage('authorize přijímá jen GET'), { Allow: 'GET' });
      return;
    }
    const parsed = parseAuthorize(query);
    if (typeof parsed === 'string') {
      sendHtml(res, 400, protocolErrorPage(parsed));
      return;
    }
    const { request, scopes } = parsed;
    const forceAuthn = scopes.has('forceauthn');
    const session = sessionOf(req);
    const usable = session !== undefined && !forceAuthn && LOA_RANK[session.means.loa] >= LOA_RANK[request.loa];
    if (scopes.has('ispassive')) {
      if (!usable) {
        redirect(res, 302, errorRedirectUrl(request, 'login_required', 'Passive authentication is not possible: no SSO session'));
      } else if (!session.consents.has(request.clientId)) {
        // Unverified at NIA: OIDC's answer when consent would need a page.
        redirect(res, 302, errorRedirectUrl(request, 'consent_required', 'Passive authentication: consent not given yet'));
      } else {
        redirect(res, 302, issueCode(request, session));
      }
      return;
    }
    if (usable) {
      continueWithSession(res, request, session, 302, undefined);
      return;
    }
    renderMeans(res, newFlow(request, 'means'));
  }

  // ---- flow pages (POST) ---------------------------------------------------

  async function handleFlow(req: IncomingMessage, res: ServerResponse, step: Flow['step']): Promise<void> {
    if (req.method !== 'POST') {
      sendHtml(res, 405, errorPage('Nepovolená metoda', 'Tato adresa přijímá jen odeslaný formulář.'), { Allow: 'POST' });
      return;
    }
    if (mediaType(req) !== 'application/x-www-form-urlencoded') {
      sendHtml(res, 400, errorPage('Chybný formulář', 'Formulář musí být odeslán jako application/x-www-form-urlencoded.'));
      return;
    }
    const form = new URLSearchParams(await readBody(req));
    const flow = flows.get(form.get('flow') ?? '');
    if (!flow || flow.expiresAt <= now() || flow.step !== step) {
      sendHtml(
        res,
        400,
        errorPage('Přihlášení vypršelo', 'Tento přihlašovací požadavek neexistuje, už byl dokončen nebo vypršel. Vraťte se do služby a začněte znovu.'),
      );
      return;
    }
    const action = form.get('action');
    const { request } = flow;
    if (action === 'cancel' && (step === 'means' || step === 'signin')) {
      flows.delete(flow.id);
      redirect(res, 303, errorRedirectUrl(request, 'access_denied', 'User cancelled the authentication'));
      return;
    }
    if (step === 'means') {
      const means = meansFor(request.loa).find((m) => m.id === form.get('means'));
      if (!means) {
        sendHtml(res, 400, errorPage('Neplatná volba', 'Zvolený prostředek neexistuje nebo nesplňuje požadovanou úroveň záruky.'));
        return;
      }
      flow.means = means;
      flow.step = 'signin';
      sendHtml(
        res,
        200,
        signInPage({
          flowId: flow.id,
          action: FLOW_PATHS.signin,
          clientId: request.clientId,
          meansName: means.name,
          citizens: citizens.map((c) => ({ key: c.key, name: citizenName(c), description: c.description })),
        }),
      );
      return;
    }
    if (step === 'signin') {
      const citizen = citizensByKey.get(form.get('citizen') ?? '');
      if ((action !== null && action !== 'signin') || !citizen || !flow.means) {
        sendHtml(res, 400, errorPage('Neplatná volba', 'Vyberte jednu z testovacích osob.'));
        return;
      }
      const previous = sessionOf(req);
      if (previous) sessions.delete(previous.sid);
      const session: SsoSession = {
        sid: randomId(),
        citizenKey: citizen.key,
        means: flow.means,
        authTime: Math.floor(now() / 1000),
        consents: new Set(),
      };
      sessions.set(session.sid, session);
      const cookie = `${SSO_COOKIE}=${session.sid}; Path=/; HttpOnly; SameSite=Lax`;
      continueWithSession(res, request, session, 303, flow, { 'Set-Cookie': cookie });
      return;
    }
    // consent
    const session = flow.sid === undefined ? undefined : sessions.get(flow.sid);
    if (!session) {
      flows.delete(flow.id);
      sendHtml(res, 400, errorPage('Přihlášení skončilo', 'Mezitím proběhlo odhlášení. Vraťte se do služby a přihlaste se znovu.'));
      return;
    }
    if (action === 'refuse') {
      flows.delete(flow.id);
      redirect(res, 303, errorRedirectUrl(request, 'access_denied', 'User refused to release the requested data'));
      return;
    }
    if (action !== 'agree') {
      sendHtml(res, 400, errorPage('Neplatná volba', 'Zvolte Souhlasím, nebo Nesouhlasím.'));
      return;
    }
    session.consents.add(request.clientId);
    flows.delete(flow.id);
    redirect(res, 303, issueCode(request, session));
  }

  // ---- token / userinfo ----------------------------------------------------

  async function handleToken(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (req.method !== 'POST') {
      sendJson(res, 405, { error: 'invalid_request', error_description: 'POST only' }, { Allow: 'POST' });
      return;
    }
    if (mediaType(req) !== 'application/x-www-form-urlencoded') {
      sendJson(res, 400, { error: 'invalid_request', error_description: 'body must be application/x-www-form-urlencoded' });
      return;
    }
    const form = new URLSearchParams(await readBody(req));
    const grantType = form.get('grant_type');
    if (grantType === null) {
      sendJson(res, 400, { error: 'invalid_request', error_description: 'grant_type is missing' });
      return;
    }
    if (grantType !== 'authorization_code') {
      sendJson(res, 400, { error: 'unsupported_grant_type' });
      return;
    }
    const clientId = form.get('client_id');
    const codeValue = form.get('code');
    if (!clientId || !codeValue) {
      sendJson(res, 400, { error: 'invalid_request', error_description: 'client_id and code are required' });
      return;
    }
    const sep = seps.get(clientId);
    if (!sep) {
      sendJson(res, 401, { error: 'invalid_client' });
      return;
    }
    // client_secret, code_verifier and redirect_uri are ignored, as at NIA.
    const grant = codes.get(codeValue);
    if (grant) codes.delete(codeValue); // single use, whatever happens next
    if (!grant || grant.expiresAt <= now() || grant.request.clientId !== clientId) {
      sendJson(res, 400, { error: 'invalid_grant' });
      return;
    }
    const citizen = citizensByKey.get(grant.citizenKey)!;
    const iat = Math.floor(now() / 1000);
    const today = new Date(now());
    const payload: Record<string, unknown> = { auth_time: grant.authTime };
    if (grant.request.nonce !== undefined) payload.nonce = grant.request.nonce;
    for (const name of grant.request.claims) {
      if (!CLAIMS_BY_NAME.get(name)!.released) continue;
      const value = claimValue(name, citizen, clientId, today);
      if (value !== undefined) payload[name] = value;
    }
    const jws = await new SignJWT(payload)
      .setProtectedHeader({ alg: 'RS256', kid, typ: 'JWT' })
      .setIssuer(NIA_ISSUER)
      .setAudience(clientId)
      .setIssuedAt(iat)
      .setExpirationTime(iat + ID_TOKEN_TTL_SECONDS)
      .sign(privateKey);
    const idToken = await new CompactEncrypt(new TextEncoder().encode(jws))
      .setProtectedHeader({ alg: 'RSA-OAEP', enc: 'A256CBC-HS512', cty: 'JWT' })
      .encrypt(await sep.key);
    const accessToken = randomId();
    accessTokens.set(accessToken, now() + ACCESS_TOKEN_TTL_SECONDS * 1000);
    sendJson(
      res,
      200,
      { access_token: accessToken, token_type: 'Bearer', expires_in: ACCESS_TOKEN_TTL_SECONDS, id_token: idToken },
      { Pragma: 'no-cache' },
    );
  }

  function handleUserinfo(req: IncomingMessage, res: ServerResponse): void {
    const match = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '');
    const expiresAt = match ? accessTokens.get(match[1]!) : undefined;
    if (expiresAt === undefined || expiresAt <= now()) {
      sendJson(res, 401, { error: 'invalid_token' }, { 'WWW-Authenticate': 'Bearer error="invalid_token"' });
      return;
    }
    sendJson(res, 200, {});
  }

  // ---- endsession ----------------------------------------------------------

  function handleEndSession(req: IncomingMessage, res: ServerResponse, query: URLSearchParams): void {
    if (req.method !== 'GET') {
      sendHtml(res, 405, protocolErrorPage('endsession přijímá jen GET'), { Allow: 'GET' });
      return;
    }
    if (query.has('id_token_hint')) {
      sendHtml(res, 400, protocolErrorPage('NIA odmítá id_token_hint: pošlete jen client_id.'));
      return;
    }
    const clientId = query.get('client_id');
    const sep = clientId === null ? undefined : seps.get(clientId);
    if (!sep) {
      sendHtml(res, 400, protocolErrorPage(clientId === null ? 'chybí client_id' : `client_id ${clientId} není registrováno`));
      return;
    }
    const cookies = parseCookies(req.headers.cookie);
    const sid = cookies.get(SSO_COOKIE);
    if (sid === undefined) {
      // A server-to-server (back-channel) call: NIA silently does nothing.
      sendHtml(res, 200, backChannelLogoutPage());
      return;
    }
    sessions.delete(sid);
    // post_logout_redirect_uri is ignored (unverified at NIA): always the registered logout URL.
    redirect(res, 302, withParams(sep.registration.logoutUrl, { state: query.get('state') ?? undefined }), {
      'Set-Cookie': `${SSO_COOKIE}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0`,
    });
  }

  // ---- simulator-only ------------------------------------------------------

  async function handleSeps(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (req.method === 'GET') {
      sendJson(res, 200, [...seps.values()].map((s) => s.registration));
      return;
    }
    if (req.method !== 'POST') {
      sendJson(res, 405, { error: 'method_not_allowed' }, { Allow: 'GET, POST' });
      return;
    }
    if (mediaType(req) !== 'application/json') {
      sendJson(res, 415, { error: 'invalid_registration', error_description: 'send the SepRegistration as application/json' });
      return;
    }
    let body: unknown;
    try {
      body = JSON.parse(await readBody(req));
    } catch {
      sendJson(res, 400, { error: 'invalid_registration', error_description: 'the body is not valid JSON' });
      return;
    }
    try {
      const sep = validateSepRegistration(body);
      const replaced = seps.has(sep.clientId);
      register(sep);
      sendJson(res, replaced ? 200 : 201, { registered: true, replaced, clientId: sep.clientId });
    } catch (error) {
      if (!(error instanceof SepValidationError)) throw error;
      sendJson(res, 400, { error: 'invalid_registration', error_description: error.message });
    }
  }

  function handleIndex(req: IncomingMessage, res: ServerResponse): void {
    const session = sessionOf(req);
    const signedIn = session ? citizensByKey.get(session.citizenKey) : undefined;
    sendHtml(
      res,
      200,
      indexPage({
        baseUrl,
        discoveryUrl: oidcUrl('openid-configuration'),
        endpoints: [
          { label: 'authorize', url: oidcUrl('authorize') },
          { label: 'token', url: oidcUrl('token') },
          { label: 'userinfo', url: oidcUrl('userinfo') },
          { label: 'endsession', url: oidcUrl('endsession') },
          { label: 'JWKS', url: oidcUrl('openid-configuration-jwks') },
        ],
        seps: [...seps.values()].map((s) => s.registration),
        citizens: citizens.map((c) => ({
          name: citizenName(c),
          description: c.description,
          dateOfBirth: c.dateOfBirth,
          address: formatAddress(c.address),
          eMail: c.eMail,
        })),
        means: IDENTITY_MEANS.map((m) => ({ id: m.id, name: m.name, loaLabel: LOA_LABEL[m.loa] })),
        signedInAs: signedIn && session ? `${citizenName(signedIn)} (${session.means.name})` : undefined,
      }),
    );
  }

  function discovery(): Record<string, unknown> {
    return {
      issuer: NIA_ISSUER,
      authorization_endpoint: oidcUrl('authorize'),
      token_endpoint: oidcUrl('token'),
      userinfo_endpoint: oidcUrl('userinfo'),
      end_session_endpoint: oidcUrl('endsession'),
      jwks_uri: oidcUrl('openid-configuration-jwks'),
      response_types_supported: ['code'],
      token_endpoint_auth_methods_supported: ['client_secret_post'],
      scopes_supported: [...NIA_SCOPES],
      claims_supported: NIA_CLAIMS.map((c) => c.name),
      claims_parameter_supported: true,
      id_token_signing_alg_values_supported: ['RS256'],
      id_token_encryption_alg_values_supported: ['RSA-OAEP'],
      id_token_encryption_enc_values_supported: ['A256CBC-HS512'],
      subject_types_supported: ['pairwise'],
    };
  }

  // ---- routing -------------------------------------------------------------

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    sweep();
    const url = new URL(req.url ?? '/', 'http://simulator.invalid');
    const path = url.pathname;
    const segments = path.split('/');
    if (segments.length === 4 && segments[0] === '' && segments[1]!.toLowerCase() === 'fpsts' && segments[2] === 'oidc') {
      switch (segments[3]) {
        case 'openid-configuration':
          sendJson(res, 200, discovery(), { 'Cache-Control': 'public, max-age=60' });
          return;
        case 'openid-configuration-jwks':
          sendJson(res, 200, jwks, { 'Cache-Control': 'public, max-age=60' });
          return;
        case 'authorize':
          handleAuthorize(req, res, url.searchParams);
          return;
        case 'token':
          await handleToken(req, res);
          return;
        case 'userinfo':
          handleUserinfo(req, res);
          return;
        case 'endsession':
          handleEndSession(req, res, url.searchParams);
          return;
      }
    }
    switch (path) {
      case '/':
        redirect(res, 302, '/sim/');
        return;
      case '/sim':
      case '/sim/':
        handleIndex(req, res);
        return;
      case STYLESHEET_PATH:
        res.writeHead(200, {
          'Content-Type': 'text/css; charset=utf-8',
          'Cache-Control': 'no-cache',
          'X-Content-Type-Options': 'nosniff',
        });
        res.end(stylesheet);
        return;
      case '/favicon.ico':
        res.writeHead(204, { 'Cache-Control': 'public, max-age=3600' });
        res.end();
        return;
      case '/sim/seps':
        await handleSeps(req, res);
        return;
      case FLOW_PATHS.means:
        await handleFlow(req, res, 'means');
        return;
      case FLOW_PATHS.signin:
        await handleFlow(req, res, 'signin');
        return;
      case FLOW_PATHS.consent:
        await handleFlow(req, res, 'consent');
        return;
    }
    // Includes /.well-known/openid-configuration: NIA has none.
    sendJson(res, 404, { error: 'not_found' });
  }

  const server = createServer((req, res) => {
    route(req, res).catch((error: unknown) => {
      const status = error instanceof HttpError ? error.status : 500;
      if (status === 500) console.error('[nia-simulator]', error);
      if (!res.headersSent) sendJson(res, status, { error: status === 500 ? 'server_error' : (error as Error).message });
      else res.end();
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const hostForUrl = host.includes(':') ? `[${host}]` : host;
  baseUrl = (options.publicUrl ?? `http://${hostForUrl}:${port}`).replace(/\/+$/, '');

  return {
    url: baseUrl,
    register,
    signingJwks: () => structuredClone(jwks),
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}

/**
 * The NIA simulator, driven like a browser with plain fetch (cookies kept by
 * hand, redirects not followed) and like a broker at the token endpoint.
 *
 *   node --import tsx --test tests/nia-simulator/*.test.ts
 */
import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { compactDecrypt, createLocalJWKSet, decodeJwt, exportSPKI, generateKeyPair, jwtVerify } from 'jose';
import type { CryptoKey, JSONWebKeySet, JWTPayload } from 'jose';
import { defaultCitizens, NIA_CLAIMS, startNiaSimulator } from '../../demo/nia-simulator/nia-simulator.js';
import type { NiaSimulator, SepRegistration } from '../../demo/nia-simulator/nia-simulator.js';

const ISSUER = 'urn:microsoft:cgg2010:fpsts';
const ERC = 'erc=202 Invalid OpenID Connect protocol request';
const PERSON_ID = /^CZ\/CZ\/[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const STANDARD_CLAIMS = ['aud', 'auth_time', 'exp', 'iat', 'iss', 'nonce'];

// ---------------------------------------------------------------------------
// A browser made of fetch

class Browser {
  readonly cookies = new Map<string, string>();
  lastSetCookie: string[] = [];

  async request(url: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    if (this.cookies.size) headers.set('cookie', [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; '));
    const res = await fetch(url, { ...init, headers, redirect: 'manual' });
    this.lastSetCookie = res.headers.getSetCookie();
    for (const raw of this.lastSetCookie) {
      const [pair, ...attributes] = raw.split(';');
      const eq = pair!.indexOf('=');
      const name = pair!.slice(0, eq).trim();
      const value = pair!.slice(eq + 1).trim();
      if (attributes.some((a) => /^\s*max-age=0\s*$/i.test(a)) || value === '') this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    return res;
  }

  get(url: string): Promise<Response> {
    return this.request(url);
  }

  post(url: string, form: Record<string, string>): Promise<Response> {
    return this.request(url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(form).toString(),
    });
  }
}

interface Page {
  status: number;
  html: string;
  kind: 'means' | 'signin' | 'consent' | 'other';
  action: string;
  flow: string;
}

async function asPage(res: Response): Promise<Page> {
  const html = await res.text();
  const action = /<form[^>]*\saction="([^"]+)"/.exec(html)?.[1] ?? '';
  const flow = /<input type="hidden" name="flow" value="([^"]+)"/.exec(html)?.[1] ?? '';
  const kind = action.endsWith('/means')
    ? 'means'
    : action.endsWith('/signin')
      ? 'signin'
      : action.endsWith('/consent')
        ? 'consent'
        : 'other';
  return { status: res.status, html, kind, action, flow };
}

function values(html: string, name: string): string[] {
  return [...html.matchAll(new RegExp(`name="${name}" value="([^"]+)"`, 'g'))].map((m) => m[1]!);
}

/** Location of a redirect, with its query as an object. */
function redirectOf(res: Response): { url: URL; params: Record<string, string> } {
  assert.ok(res.status === 302 || res.status === 303, `expected a redirect, got ${res.status}`);
  const url = new URL(res.headers.get('location')!);
  return { url, params: Object.fromEntries(url.searchParams) };
}

// ---------------------------------------------------------------------------
// Fixtures

interface TestSep {
  registration: SepRegistration;
  privateKey: CryptoKey;
}

async function makeSep(name: string): Promise<TestSep> {
  const { publicKey, privateKey } = await generateKeyPair('RSA-OAEP', { modulusLength: 2048, extractable: true });
  return {
    privateKey,
    registration: {
      clientId: `https://${name}.example.cz/nia`,
      redirectUris: [`http://127.0.0.1:9/${name}/callback`, `https://${name}.example.cz/callback?tenant=1`],
      logoutUrl: `https://${name}.example.cz/odhlaseno`,
      encryptionKey: await exportSPKI(publicKey),
    },
  };
}

let sim: NiaSimulator;
let sepA: TestSep;
let sepB: TestSep;
let clockOffset = 0;
let oidc = '';

before(async () => {
  sepA = await makeSep('obec-a');
  sepB = await makeSep('obec-b');
  sim = await startNiaSimulator({
    port: 0,
    seps: [sepA.registration, sepB.registration],
    now: () => Date.now() + clockOffset,
  });
  oidc = `${sim.url}/fpsts/oidc`;
});

after(async () => {
  await sim.close();
});

interface AuthorizeParams {
  sep?: TestSep;
  scope?: string;
  state?: string;
  nonce?: string;
  claims?: unknown;
  redirectUri?: string;
  extra?: Record<string, string>;
}

function authorizeUrl(p: AuthorizeParams = {}): string {
  const sep = p.sep ?? sepA;
  const url = new URL(`${oidc}/authorize`);
  url.searchParams.set('client_id', sep.registration.clientId);
  url.searchParams.set('redirect_uri', p.redirectUri ?? sep.registration.redirectUris[0]!);
  url.searchParams.set('response_type', 'code');
  url.searchParams.set('scope', p.scope ?? 'openid');
  url.searchParams.set('state', p.state ?? 'st-123');
  url.searchParams.set('nonce', p.nonce ?? 'no-456');
  if (p.claims !== undefined) url.searchParams.set('claims', JSON.stringify(p.claims));
  for (const [k, v] of Object.entries(p.extra ?? {})) url.searchParams.set(k, v);
  return url.href;
}

const ALL_CLAIMS = {
  id_token: Object.fromEntries(NIA_CLAIMS.map((c) => [c.name, null])),
};

/** Means page → sign-in → consent (when asked) → the redirect back to the SeP. */
async function signIn(
  browser: Browser,
  params: AuthorizeParams = {},
  choice: { means?: string; citizen?: string } = {},
): Promise<{ code: string; params: Record<string, string>; pages: Page['kind'][] }> {
  const pages: Page['kind'][] = [];
  let res = await browser.get(authorizeUrl(params));
  while (res.status === 200) {
    const page = await asPage(res);
    pages.push(page.kind);
    if (page.kind === 'means') {
      res = await browser.post(sim.url + page.action, { flow: page.flow, means: choice.means ?? 'mep' });
    } else if (page.kind === 'signin') {
      res = await browser.post(sim.url + page.action, {
        flow: page.flow,
        citizen: choice.citizen ?? 'jan-novak',
        action: 'signin',
      });
    } else if (page.kind === 'consent') {
      res = await browser.post(sim.url + page.action, { flow: page.flow, action: 'agree' });
    } else {
      assert.fail(`unexpected page: ${page.html.slice(0, 200)}`);
    }
  }
  const back = redirectOf(res);
  assert.ok(back.params.code, `no code in ${back.url.href}`);
  return { code: back.params.code, params: back.params, pages };
}

async function token(form: Record<string, string>): Promise<Response> {
  return fetch(`${oidc}/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(form).toString(),
  });
}

async function redeem(code: string, sep: TestSep = sepA): Promise<{ body: Record<string, unknown>; res: Response }> {
  const res = await token({ grant_type: 'authorization_code', code, client_id: sep.registration.clientId });
  return { res, body: (await res.json()) as Record<string, unknown> };
}

async function openIdToken(
  idToken: string,
  sep: TestSep = sepA,
): Promise<{ payload: JWTPayload; jweHeader: Record<string, unknown>; jwsKid: string | undefined }> {
  const { plaintext, protectedHeader } = await compactDecrypt(idToken, sep.privateKey);
  const jwks = (await (await fetch(`${oidc}/openid-configuration-jwks`)).json()) as JSONWebKeySet;
  const verified = await jwtVerify(new TextDecoder().decode(plaintext), createLocalJWKSet(jwks), {
    issuer: ISSUER,
    audience: sep.registration.clientId,
    algorithms: ['RS256'],
  });
  return {
    payload: verified.payload,
    jweHeader: protectedHeader as Record<string, unknown>,
    jwsKid: verified.protectedHeader.kid,
  };
}

async function claimsFor(
  browser: Browser,
  params: AuthorizeParams,
  choice: { means?: string; citizen?: string } = {},
): Promise<JWTPayload> {
  const { code } = await signIn(browser, params, choice);
  const { body, res } = await redeem(code, params.sep ?? sepA);
  assert.equal(res.status, 200, JSON.stringify(body));
  return (await openIdToken(body.id_token as string, params.sep ?? sepA)).payload;
}

function attributeKeys(payload: JWTPayload): string[] {
  return Object.keys(payload)
    .filter((k) => !STANDARD_CLAIMS.includes(k))
    .sort();
}

// ---------------------------------------------------------------------------

describe('discovery and keys', () => {
  test('discovery at /fpsts/oidc/ and /FPSTS/oidc/ with the URN issuer and NIA metadata', async () => {
    for (const prefix of ['/fpsts/oidc', '/FPSTS/oidc', '/FpStS/oidc']) {
      const res = await fetch(`${sim.url}${prefix}/openid-configuration`);
      assert.equal(res.status, 200, prefix);
      const d = (await res.json()) as Record<string, unknown>;
      assert.equal(d.issuer, ISSUER);
      assert.equal(d.authorization_endpoint, `${sim.url}/fpsts/oidc/authorize`);
      assert.equal(d.token_endpoint, `${sim.url}/fpsts/oidc/token`);
      assert.equal(d.userinfo_endpoint, `${sim.url}/fpsts/oidc/userinfo`);
      assert.equal(d.end_session_endpoint, `${sim.url}/fpsts/oidc/endsession`);
      assert.equal(d.jwks_uri, `${sim.url}/fpsts/oidc/openid-configuration-jwks`);
      assert.deepEqual(d.response_types_supported, ['code']);
      assert.deepEqual(d.token_endpoint_auth_methods_supported, ['client_secret_post']);
      assert.deepEqual(
        [...(d.scopes_supported as string[])].sort(),
        [
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
        ].sort(),
      );
      assert.deepEqual(
        [...(d.claims_supported as string[])].sort(),
        [
          'PersonIdentifier',
          'CurrentGivenName',
          'CurrentFamilyName',
          'DateOfBirth',
          'PlaceOfBirth',
          'countryCodeOfBirth',
          'CurrentAddress',
          'tradresaid',
          'age',
          'isAgeOver',
          'idtype',
          'idnumber',
          'fullids',
          'phonenumber',
          'eMail',
        ].sort(),
      );
      assert.equal(d.claims_parameter_supported, true);
      assert.deepEqual(d.id_token_signing_alg_values_supported, ['RS256']);
      assert.deepEqual(d.id_token_encryption_alg_values_supported, ['RSA-OAEP']);
      assert.deepEqual(d.id_token_encryption_enc_values_supported, ['A256CBC-HS512']);
      assert.deepEqual(d.subject_types_supported, ['pairwise']);
    }
  });

  test('no /.well-known/openid-configuration (NIA has none)', async () => {
    const res = await fetch(`${sim.url}/.well-known/openid-configuration`);
    assert.equal(res.status, 404);
    await res.body?.cancel();
  });

  test('JWKS publishes one public RS256 signing key with a kid, equal to signingJwks()', async () => {
    for (const prefix of ['/fpsts/oidc', '/FPSTS/oidc']) {
      const jwks = (await (await fetch(`${sim.url}${prefix}/openid-configuration-jwks`)).json()) as JSONWebKeySet;
      assert.equal(jwks.keys.length, 1);
      const key = jwks.keys[0]!;
      assert.equal(key.kty, 'RSA');
      assert.equal(key.alg, 'RS256');
      assert.equal(key.use, 'sig');
      assert.ok(key.kid && key.kid.length > 10);
      assert.ok(key.n && key.e);
      assert.equal(key.d, undefined, 'no private part');
      assert.deepEqual(jwks, sim.signingJwks());
    }
  });
});

describe('the full flow', () => {
  test('id_token: JWE (RSA-OAEP, A256CBC-HS512, no kid) around an RS256 JWS with exactly the requested claims', async () => {
    const browser = new Browser();
    const requested = ['PersonIdentifier', 'CurrentGivenName', 'CurrentFamilyName', 'DateOfBirth', 'CurrentAddress', 'eMail', 'age', 'tradresaid'];
    const { code, params, pages } = await signIn(
      browser,
      {
        state: 'state-abc',
        nonce: 'nonce-xyz',
        claims: { id_token: Object.fromEntries(requested.map((n) => [n, null])) },
        extra: { code_challenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM', code_challenge_method: 'S256' },
      },
      { means: 'eop', citizen: 'jan-novak' },
    );
    assert.deepEqual(pages, ['means', 'signin', 'consent']);
    assert.equal(params.state, 'state-abc');

    const { res, body } = await redeem(code);
    assert.equal(res.status, 200);
    assert.match(res.headers.get('cache-control') ?? '', /no-store/);
    assert.equal(body.token_type, 'Bearer');
    assert.equal(typeof body.access_token, 'string');
    assert.equal(typeof body.expires_in, 'number');
    const idToken = body.id_token as string;
    assert.equal(idToken.split('.').length, 5, 'compact JWE');

    const { payload, jweHeader, jwsKid } = await openIdToken(idToken);
    assert.equal(jweHeader.alg, 'RSA-OAEP');
    assert.equal(jweHeader.enc, 'A256CBC-HS512');
    assert.equal(jweHeader.cty, 'JWT');
    assert.equal('kid' in jweHeader, false, 'no kid in the JWE header');
    assert.equal(jwsKid, sim.signingJwks().keys[0]!.kid);

    assert.equal(payload.iss, ISSUER);
    assert.equal(payload.aud, sepA.registration.clientId);
    assert.equal(payload.nonce, 'nonce-xyz');
    assert.equal(payload.sub, undefined, 'NIA sends no sub');
    assert.equal(typeof payload.iat, 'number');
    assert.ok(payload.exp! > payload.iat! + 60, 'exp some minutes after iat');
    assert.ok(Math.abs((payload.auth_time as number) - Date.now() / 1000) < 60);
    assert.deepEqual(attributeKeys(payload), [...requested].sort());

    const jan = defaultCitizens().find((c) => c.key === 'jan-novak')!;
    assert.match(payload.PersonIdentifier as string, PERSON_ID);
    assert.equal(payload.CurrentGivenName, 'Jan');
    assert.equal(payload.CurrentFamilyName, 'Novák');
    assert.equal(payload.DateOfBirth, jan.dateOfBirth);
    assert.match(payload.DateOfBirth as string, /^\d{4}-\d{2}-\d{2}$/);
    assert.equal(payload.CurrentAddress, 'Návesní 12, 123 45 Javorná Lhota');
    assert.equal(payload.eMail, 'jan.novak@example.cz');
    assert.equal(typeof payload.age, 'number');
    assert.ok(Number.isInteger(payload.age) && (payload.age as number) >= 18);
    assert.match(payload.tradresaid as string, /^\d+$/);
  });

  test('without a claims parameter the id_token carries no attributes at all', async () => {
    const payload = await claimsFor(new Browser(), {});
    assert.deepEqual(Object.keys(payload).sort(), STANDARD_CLAIMS);
  });

  test('every released claim has its NIA format', async () => {
    const payload = await claimsFor(new Browser(), { claims: ALL_CLAIMS }, { citizen: 'zofie-dvorakova' });
    assert.equal(payload.CurrentGivenName, 'Žofie');
    assert.equal(payload.CurrentFamilyName, 'Dvořáková');
    assert.equal(payload.countryCodeOfBirth, 'CZ');
    assert.equal(payload.idtype, 'ID');
    assert.match(payload.idnumber as string, /^\d+$/);
    assert.match(payload.phonenumber as string, /^\+420\d{9}$/);
    assert.match(payload.CurrentAddress as string, /^.+ \d+(\/\d+)?, \d{3} \d{2} .+$/);
    assert.equal(typeof payload.PlaceOfBirth, 'string');
    assert.equal(payload.sub, undefined);
    const released = NIA_CLAIMS.filter((c) => c.released).map((c) => c.name);
    assert.deepEqual(attributeKeys(payload), [...released].sort());
  });

  test('the 16-year-old is 16, the outsider lives in Brno, the senior has no eMail claim', async () => {
    const claims = { id_token: { age: null, DateOfBirth: null, CurrentAddress: null, eMail: null } };
    const minor = await claimsFor(new Browser(), { claims }, { citizen: 'matej-cerny' });
    assert.equal(minor.age, 16);
    assert.match(minor.CurrentAddress as string, /, 123 45 Javorná Lhota$/);

    const outsider = await claimsFor(new Browser(), { claims }, { citizen: 'petr-prochazka' });
    assert.ok((outsider.age as number) >= 18);
    assert.match(outsider.CurrentAddress as string, / Brno$/);

    const browser = new Browser();
    const res = await browser.get(authorizeUrl({ claims }));
    let page = await asPage(res);
    page = await asPage(await browser.post(sim.url + page.action, { flow: page.flow, means: 'niaid' }));
    page = await asPage(await browser.post(sim.url + page.action, { flow: page.flow, citizen: 'marie-stastna', action: 'signin' }));
    assert.equal(page.kind, 'consent');
    assert.match(page.html, /E-mail <code>eMail<\/code><\/th><td><span class="sim-muted">neuvedeno/);
    const back = redirectOf(await browser.post(sim.url + page.action, { flow: page.flow, action: 'agree' }));
    const { body } = await redeem(back.params.code!);
    const senior = (await openIdToken(body.id_token as string)).payload;
    assert.ok((senior.age as number) >= 65);
    assert.equal('eMail' in senior, false);
    assert.deepEqual(attributeKeys(senior), ['CurrentAddress', 'DateOfBirth', 'age']);
  });

  test('custom citizens; age is counted in whole years (the day before a birthday)', async () => {
    const today = new Date();
    const birthday = (yearsAgo: number, dayShift: number): string =>
      new Date(Date.UTC(today.getUTCFullYear() - yearsAgo, today.getUTCMonth(), today.getUTCDate() + dayShift))
        .toISOString()
        .slice(0, 10);
    const base = defaultCitizens()[0]!;
    const custom = await startNiaSimulator({
      seps: [sepA.registration],
      citizens: [
        { ...base, key: 'tomorrow', secretId: 'custom-1', givenName: 'Zítřejší', dateOfBirth: birthday(30, 1), description: 'narozeniny zítra' },
        { ...base, key: 'today', secretId: 'custom-2', givenName: 'Dnešní', dateOfBirth: birthday(30, 0), description: 'narozeniny dnes' },
      ],
    });
    try {
      const ageOf = async (key: string): Promise<unknown> => {
        const browser = new Browser();
        let page = await asPage(await browser.get(authorizeUrl({ claims: { id_token: { age: null } } }).replace(sim.url, custom.url)));
        page = await asPage(await browser.post(custom.url + page.action, { flow: page.flow, means: 'mep' }));
        assert.deepEqual(values(page.html, 'citizen'), ['tomorrow', 'today']);
        page = await asPage(await browser.post(custom.url + page.action, { flow: page.flow, citizen: key, action: 'signin' }));
        const back = redirectOf(await browser.post(custom.url + page.action, { flow: page.flow, action: 'agree' }));
        const res = await fetch(`${custom.url}/fpsts/oidc/token`, {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: new URLSearchParams({ grant_type: 'authorization_code', code: back.params.code!, client_id: sepA.registration.clientId }),
        });
        const { plaintext } = await compactDecrypt(((await res.json()) as { id_token: string }).id_token, sepA.privateKey);
        return decodeJwt(new TextDecoder().decode(plaintext)).age;
      };
      assert.equal(await ageOf('tomorrow'), 29);
      assert.equal(await ageOf('today'), 30);
    } finally {
      await custom.close();
    }
  });

  test('PersonIdentifier is a pseudonym per SeP: stable at one SeP, different at another', async () => {
    const claims = { id_token: { PersonIdentifier: null } };
    const browser = new Browser();
    const atA = await claimsFor(browser, { sep: sepA, claims }, { citizen: 'zofie-dvorakova' });
    const atB = await claimsFor(browser, { sep: sepB, claims });
    const atAAgain = await claimsFor(new Browser(), { sep: sepA, claims }, { citizen: 'zofie-dvorakova' });
    const otherAtA = await claimsFor(new Browser(), { sep: sepA, claims }, { citizen: 'jan-novak' });
    for (const p of [atA, atB, atAAgain, otherAtA]) assert.match(p.PersonIdentifier as string, PERSON_ID);
    assert.notEqual(atA.PersonIdentifier, atB.PersonIdentifier);
    assert.equal(atA.PersonIdentifier, atAAgain.PersonIdentifier);
    assert.notEqual(atA.PersonIdentifier, otherAtA.PersonIdentifier);
  });

  test('consent lists exactly the requested attributes with Czech labels and the citizen’s values', async () => {
    const browser = new Browser();
    let page = await asPage(await browser.get(authorizeUrl({ claims: { id_token: { CurrentFamilyName: null, DateOfBirth: null } } })));
    page = await asPage(await browser.post(sim.url + page.action, { flow: page.flow, means: 'mojeid' }));
    page = await asPage(await browser.post(sim.url + page.action, { flow: page.flow, citizen: 'zofie-dvorakova', action: 'signin' }));
    assert.equal(page.kind, 'consent');
    assert.ok(page.html.includes(sepA.registration.clientId));
    const rows = [...page.html.matchAll(/<tr><th scope="row">([^<]+) <code>([^<]+)<\/code><\/th><td>([^<]*)<\/td><\/tr>/g)].map(
      (m) => [m[1], m[2], m[3]],
    );
    const zofie = defaultCitizens().find((c) => c.key === 'zofie-dvorakova')!;
    assert.deepEqual(rows, [
      ['Příjmení', 'CurrentFamilyName', 'Dvořáková'],
      ['Datum narození', 'DateOfBirth', zofie.dateOfBirth],
    ]);
    assert.match(page.html, />Souhlasím</);
    assert.match(page.html, />Nesouhlasím</);
  });
});

describe('token and userinfo endpoints', () => {
  test('code_verifier, redirect_uri and a client secret are ignored', async () => {
    const { code } = await signIn(new Browser());
    const res = await token({
      grant_type: 'authorization_code',
      code,
      client_id: sepA.registration.clientId,
      code_verifier: 'definitely-not-the-verifier',
      redirect_uri: 'https://attacker.example/elsewhere',
      client_secret: 'whatever',
    });
    assert.equal(res.status, 200);
    const body = (await res.json()) as Record<string, unknown>;
    assert.equal(typeof body.id_token, 'string');
  });

  test('codes are single-use', async () => {
    const { code } = await signIn(new Browser());
    assert.equal((await redeem(code)).res.status, 200);
    const again = await redeem(code);
    assert.equal(again.res.status, 400);
    assert.deepEqual(again.body, { error: 'invalid_grant' });
  });

  test('codes expire after 60 seconds', async () => {
    try {
      const fresh = await signIn(new Browser());
      clockOffset = 59_000;
      assert.equal((await redeem(fresh.code)).res.status, 200, 'still valid after 59 s');
      clockOffset = 0;
      const stale = await signIn(new Browser());
      clockOffset = 61_000;
      const res = await redeem(stale.code);
      assert.equal(res.res.status, 400);
      assert.deepEqual(res.body, { error: 'invalid_grant' });
    } finally {
      clockOffset = 0;
    }
  });

  test('a code issued to another client is invalid_grant (and burnt)', async () => {
    const { code } = await signIn(new Browser(), { sep: sepA });
    const stolen = await redeem(code, sepB);
    assert.equal(stolen.res.status, 400);
    assert.deepEqual(stolen.body, { error: 'invalid_grant' });
    assert.equal((await redeem(code, sepA)).res.status, 400);
  });

  test('bad token requests', async () => {
    const unknownCode = await redeem('no-such-code');
    assert.equal(unknownCode.res.status, 400);
    assert.equal(unknownCode.body.error, 'invalid_grant');

    const { code } = await signIn(new Browser());
    const noGrant = await token({ code, client_id: sepA.registration.clientId });
    assert.equal(noGrant.status, 400);
    assert.equal(((await noGrant.json()) as { error: string }).error, 'invalid_request');
    const wrongGrant = await token({ grant_type: 'refresh_token', code, client_id: sepA.registration.clientId });
    assert.equal(((await wrongGrant.json()) as { error: string }).error, 'unsupported_grant_type');
    const unknownClient = await token({ grant_type: 'authorization_code', code, client_id: 'https://nobody.example/' });
    assert.equal(unknownClient.status, 401);
    assert.equal(((await unknownClient.json()) as { error: string }).error, 'invalid_client');
    const noClient = await token({ grant_type: 'authorization_code', code });
    assert.equal(noClient.status, 400);
    await noClient.body?.cancel();
    // the code survived the requests that never reached it
    assert.equal((await redeem(code)).res.status, 200);
  });

  test('userinfo answers {} to a valid bearer token and 401 otherwise', async () => {
    const { code } = await signIn(new Browser(), { claims: ALL_CLAIMS });
    const { body } = await redeem(code);
    const ok = await fetch(`${oidc}/userinfo`, { headers: { authorization: `Bearer ${body.access_token as string}` } });
    assert.equal(ok.status, 200);
    assert.deepEqual(await ok.json(), {});
    const none = await fetch(`${oidc}/userinfo`);
    assert.equal(none.status, 401);
    await none.body?.cancel();
    const bogus = await fetch(`${oidc}/userinfo`, { headers: { authorization: 'Bearer not-a-token' } });
    assert.equal(bogus.status, 401);
    assert.match(bogus.headers.get('www-authenticate') ?? '', /^Bearer/);
    await bogus.body?.cancel();
  });
});

describe('level of assurance, SSO and its scopes', () => {
  test('loahigh offers only eObčanka; the default and loalow offer all five means', async () => {
    const browser = new Browser();
    const high = await asPage(await browser.get(authorizeUrl({ scope: 'openid loahigh' })));
    assert.equal(high.kind, 'means');
    assert.deepEqual(values(high.html, 'means'), ['eop']);
    assert.match(high.html, /eObčanka/);
    assert.doesNotMatch(high.html, /Mobilní klíč/);
    // a means below the level cannot be forced through the form
    const forced = await browser.post(sim.url + high.action, { flow: high.flow, means: 'mep' });
    assert.equal(forced.status, 400);
    await forced.body?.cancel();

    const all = ['eop', 'mep', 'niaid', 'bankid', 'mojeid'];
    const byDefault = await asPage(await browser.get(authorizeUrl()));
    assert.deepEqual(values(byDefault.html, 'means'), all);
    const low = await asPage(await browser.get(authorizeUrl({ scope: 'openid loalow loamin' })));
    assert.deepEqual(values(low.html, 'means'), all);
    for (const name of ['eObčanka', 'Mobilní klíč eGovernmentu', 'NIA ID', 'Bankovní identita', 'mojeID']) {
      assert.ok(low.html.includes(name), name);
    }
  });

  test('SSO: a second SeP skips the means choice and sign-in, consent only; a consented SeP goes straight back', async () => {
    const browser = new Browser();
    const first = await signIn(browser, { sep: sepA });
    assert.deepEqual(first.pages, ['means', 'signin', 'consent']);
    const second = await signIn(browser, { sep: sepB, state: 'b-state' });
    assert.deepEqual(second.pages, ['consent']);
    assert.equal(second.params.state, 'b-state');
    const third = await signIn(browser, { sep: sepA });
    assert.deepEqual(third.pages, []);
  });

  test('the SSO cookie is HttpOnly, SameSite=Lax, Path=/', async () => {
    const browser = new Browser();
    let page = await asPage(await browser.get(authorizeUrl()));
    page = await asPage(await browser.post(sim.url + page.action, { flow: page.flow, means: 'bankid' }));
    await browser.post(sim.url + page.action, { flow: page.flow, citizen: 'jan-novak', action: 'signin' });
    const cookie = browser.lastSetCookie.find((c) => c.startsWith('nia_sim_sso='));
    assert.ok(cookie, 'sign-in sets the SSO cookie');
    assert.match(cookie, /;\s*HttpOnly/i);
    assert.match(cookie, /;\s*SameSite=Lax/i);
    assert.match(cookie, /;\s*Path=\//i);
  });

  test('a session of substantial level does not satisfy loahigh', async () => {
    const browser = new Browser();
    await signIn(browser, {}, { means: 'mep' });
    const page = await asPage(await browser.get(authorizeUrl({ scope: 'openid loahigh' })));
    assert.equal(page.kind, 'means');
    assert.deepEqual(values(page.html, 'means'), ['eop']);
  });

  test('forceauthn asks again despite the SSO session', async () => {
    const browser = new Browser();
    await signIn(browser);
    const again = await signIn(browser, { scope: 'openid forceauthn' }, { citizen: 'zofie-dvorakova' });
    assert.equal(again.pages[0], 'means');
    assert.ok(again.pages.includes('signin'));
  });

  test('ispassive: login_required without a session, a code with one', async () => {
    const browser = new Browser();
    const passive = { scope: 'openid ispassive', state: 'p-1' };
    const none = redirectOf(await browser.get(authorizeUrl(passive)));
    assert.equal(none.url.origin + none.url.pathname, sepA.registration.redirectUris[0]);
    assert.equal(none.params.error, 'login_required');
    assert.equal(none.params.state, 'p-1');
    assert.equal(none.params.code, undefined);

    await signIn(browser);
    const withSession = redirectOf(await browser.get(authorizeUrl(passive)));
    assert.equal(withSession.params.error, undefined);
    assert.ok(withSession.params.code);
    assert.equal(withSession.params.state, 'p-1');

    const tooWeak = redirectOf(await browser.get(authorizeUrl({ scope: 'openid ispassive loahigh', state: 'p-2' })));
    assert.equal(tooWeak.params.error, 'login_required');
  });

  test('ispassive with a session but no consent for that SeP → consent_required (assumption)', async () => {
    const browser = new Browser();
    await signIn(browser, { sep: sepA });
    const res = redirectOf(await browser.get(authorizeUrl({ sep: sepB, scope: 'openid ispassive', state: 'p-3' })));
    assert.equal(res.params.error, 'consent_required');
    assert.equal(res.params.state, 'p-3');
  });

  test('cancel on the means page and on sign-in, and refused consent → access_denied with state', async () => {
    const expectDenied = (res: Response, state: string): void => {
      const back = redirectOf(res);
      assert.equal(back.url.origin + back.url.pathname, sepA.registration.redirectUris[0]);
      assert.equal(back.params.error, 'access_denied');
      assert.ok(back.params.error_description);
      assert.equal(back.params.state, state);
      assert.equal(back.params.code, undefined);
    };
    const browser = new Browser();
    const means = await asPage(await browser.get(authorizeUrl({ state: 's-cancel-1' })));
    assert.match(means.html, />Zrušit</);
    expectDenied(await browser.post(sim.url + means.action, { flow: means.flow, action: 'cancel' }), 's-cancel-1');
    // the flow is gone after cancelling
    const replay = await browser.post(sim.url + means.action, { flow: means.flow, means: 'mep' });
    assert.equal(replay.status, 400);
    await replay.body?.cancel();

    let page = await asPage(await browser.get(authorizeUrl({ state: 's-cancel-2' })));
    page = await asPage(await browser.post(sim.url + page.action, { flow: page.flow, means: 'mep' }));
    assert.equal(page.kind, 'signin');
    expectDenied(await browser.post(sim.url + page.action, { flow: page.flow, action: 'cancel' }), 's-cancel-2');
    assert.equal(browser.cookies.size, 0, 'no session after a cancelled sign-in');

    page = await asPage(await browser.get(authorizeUrl({ state: 's-refuse' })));
    page = await asPage(await browser.post(sim.url + page.action, { flow: page.flow, means: 'mep' }));
    page = await asPage(await browser.post(sim.url + page.action, { flow: page.flow, citizen: 'jan-novak', action: 'signin' }));
    assert.equal(page.kind, 'consent');
    expectDenied(await browser.post(sim.url + page.action, { flow: page.flow, action: 'refuse' }), 's-refuse');
    // refused consent is not remembered: the next authorize asks again (SSO still skips sign-in)
    const next = await asPage(await browser.get(authorizeUrl()));
    assert.equal(next.kind, 'consent');
  });
});

describe('logout', () => {
  test('endsession with id_token_hint → erc=202 page, and the SSO session stays', async () => {
    const browser = new Browser();
    const { code } = await signIn(browser);
    const { body } = await redeem(code);
    const url = new URL(`${oidc}/endsession`);
    url.searchParams.set('id_token_hint', body.id_token as string);
    url.searchParams.set('client_id', sepA.registration.clientId);
    const res = await browser.get(url.href);
    assert.equal(res.status, 400);
    assert.equal(res.headers.get('location'), null);
    assert.ok((await res.text()).includes(ERC));
    assert.ok(browser.cookies.has('nia_sim_sso'));
    const after = await signIn(browser);
    assert.deepEqual(after.pages, [], 'still signed in');
  });

  test('endsession with client_id → logoutUrl (state passed, post_logout_redirect_uri ignored); next authorize asks again', async () => {
    const browser = new Browser();
    await signIn(browser, { sep: sepA });
    await signIn(browser, { sep: sepB });
    const url = new URL(`${sim.url}/FPSTS/oidc/endsession`);
    url.searchParams.set('client_id', sepB.registration.clientId);
    url.searchParams.set('state', 'bye-1');
    url.searchParams.set('post_logout_redirect_uri', 'https://elsewhere.example/');
    const res = await browser.get(url.href);
    assert.equal(res.status, 302);
    const back = redirectOf(res);
    assert.equal(back.url.origin + back.url.pathname, sepB.registration.logoutUrl);
    assert.deepEqual(back.params, { state: 'bye-1' });
    assert.ok(
      browser.lastSetCookie.some((c) => /^nia_sim_sso=;/.test(c) && /Max-Age=0/i.test(c)),
      'the cookie is cleared',
    );
    // the SSO session is gone for every SeP
    assert.equal(browser.cookies.has('nia_sim_sso'), false);
    assert.equal((await asPage(await browser.get(authorizeUrl({ sep: sepA })))).kind, 'means');
    assert.equal((await asPage(await browser.get(authorizeUrl({ sep: sepB })))).kind, 'means');
  });

  test('a stale cookie left after logout does not sign anyone in', async () => {
    const browser = new Browser();
    await signIn(browser);
    const kept = browser.cookies.get('nia_sim_sso')!;
    const logout = await browser.get(`${oidc}/endsession?client_id=${encodeURIComponent(sepA.registration.clientId)}`);
    assert.equal(logout.status, 302);
    const replay = new Browser();
    replay.cookies.set('nia_sim_sso', kept);
    assert.equal((await asPage(await replay.get(authorizeUrl()))).kind, 'means');
  });

  test('back-channel endsession (no browser cookie) answers 200 and changes nothing', async () => {
    const browser = new Browser();
    await signIn(browser);
    const res = await fetch(`${oidc}/endsession?client_id=${encodeURIComponent(sepA.registration.clientId)}`, {
      redirect: 'manual',
    });
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('location'), null);
    assert.equal(res.headers.getSetCookie().length, 0);
    await res.body?.cancel();
    const after = await signIn(browser);
    assert.deepEqual(after.pages, [], 'the browser session survives');
  });

  test('endsession without or with an unknown client_id → erc=202 page, session kept', async () => {
    const browser = new Browser();
    await signIn(browser);
    for (const query of ['', '?client_id=https%3A%2F%2Fnobody.example%2F']) {
      const res = await browser.get(`${oidc}/endsession${query}`);
      assert.equal(res.status, 400);
      assert.ok((await res.text()).includes(ERC));
    }
    assert.deepEqual((await signIn(browser)).pages, []);
  });
});

describe('bad authorize requests', () => {
  test('→ HTML 400 with erc=202, never a redirect', async () => {
    const base = new URL(authorizeUrl());
    const variant = (edit: (q: URLSearchParams) => void): string => {
      const url = new URL(base);
      edit(url.searchParams);
      return url.href;
    };
    const cases: Record<string, string> = {
      'unknown client_id': variant((q) => q.set('client_id', 'https://unknown.example.cz/')),
      'missing client_id': variant((q) => q.delete('client_id')),
      'unregistered redirect_uri': variant((q) => q.set('redirect_uri', 'https://attacker.example/cb')),
      'redirect_uri of another SeP': variant((q) => q.set('redirect_uri', sepB.registration.redirectUris[0]!)),
      'redirect_uri with an extra path': variant((q) => q.set('redirect_uri', `${sepA.registration.redirectUris[0]!}/x`)),
      'missing redirect_uri': variant((q) => q.delete('redirect_uri')),
      'response_type token': variant((q) => q.set('response_type', 'token')),
      'missing response_type': variant((q) => q.delete('response_type')),
      'scope without openid': variant((q) => q.set('scope', 'loahigh')),
      'missing scope': variant((q) => q.delete('scope')),
      'unparsable claims': variant((q) => q.set('claims', '{"id_token":{PersonIdentifier:null}')),
      'claims not an object': variant((q) => q.set('claims', '["PersonIdentifier"]')),
      'claims.id_token not an object': variant((q) => q.set('claims', '{"id_token":"PersonIdentifier"}')),
      'client_id twice': variant((q) => q.append('client_id', sepB.registration.clientId)),
    };
    for (const [name, url] of Object.entries(cases)) {
      const res = await fetch(url, { redirect: 'manual' });
      assert.equal(res.status, 400, name);
      assert.equal(res.headers.get('location'), null, name);
      assert.match(res.headers.get('content-type') ?? '', /^text\/html/, name);
      assert.ok((await res.text()).includes(ERC), name);
    }
    // the same request, well-formed, is accepted; and a registered redirect_uri with a query works
    assert.equal((await fetch(base, { redirect: 'manual' }).then(asPage)).kind, 'means');
    const withQuery = await signIn(new Browser(), { redirectUri: sepA.registration.redirectUris[1]!, state: 'q' });
    assert.equal(withQuery.params.tenant, '1');
    assert.equal(withQuery.params.state, 'q');
  });
});

describe('registration (stands in for the NIA portal)', () => {
  test('POST /sim/seps validates, registers, replaces; the registered key encrypts the id_token', async () => {
    const post = (body: unknown, type = 'application/json'): Promise<Response> =>
      fetch(`${sim.url}/sim/seps`, { method: 'POST', headers: { 'content-type': type }, body: typeof body === 'string' ? body : JSON.stringify(body) });
    const sepC = await makeSep('obec-c');
    const valid = sepC.registration;
    const ecKey = await exportSPKI((await generateKeyPair('ES256', { extractable: true })).publicKey);
    const smallRsa = generateKeyPairSync('rsa', { modulusLength: 1024 }).publicKey.export({ type: 'spki', format: 'pem' }).toString();
    const invalid: Record<string, unknown> = {
      'not JSON': '{clientId:',
      'an array': [valid],
      'relative clientId': { ...valid, clientId: '/nia' },
      'missing clientId': { ...valid, clientId: undefined },
      'empty redirectUris': { ...valid, redirectUris: [] },
      'redirectUris not an array': { ...valid, redirectUris: 'https://obec-c.example.cz/cb' },
      'relative redirect URI': { ...valid, redirectUris: ['/callback'] },
      'javascript: redirect URI': { ...valid, redirectUris: ['javascript:alert(1)'] },
      'redirect URI with fragment': { ...valid, redirectUris: ['https://obec-c.example.cz/cb#x'] },
      'relative logoutUrl': { ...valid, logoutUrl: 'odhlaseno' },
      'missing encryptionKey': { ...valid, encryptionKey: undefined },
      'garbage encryptionKey': { ...valid, encryptionKey: '-----BEGIN PUBLIC KEY-----\nnope\n-----END PUBLIC KEY-----' },
      'EC encryptionKey': { ...valid, encryptionKey: ecKey },
      '1024-bit RSA encryptionKey': { ...valid, encryptionKey: smallRsa },
    };
    for (const [name, body] of Object.entries(invalid)) {
      const res = await post(body);
      assert.equal(res.status, 400, name);
      const json = (await res.json()) as { error: string; error_description: string };
      assert.equal(json.error, 'invalid_registration', name);
      assert.equal(typeof json.error_description, 'string', name);
    }
    assert.throws(() => sim.register({ ...valid, logoutUrl: 'nope' }), /logoutUrl/);
    // none of those registered anything
    const before = await asPage(await fetch(authorizeUrl({ sep: sepC }), { redirect: 'manual' }));
    assert.equal(before.status, 400);

    const created = await post(valid);
    assert.equal(created.status, 201);
    assert.deepEqual(await created.json(), { registered: true, replaced: false, clientId: valid.clientId });
    const listed = (await (await fetch(`${sim.url}/sim/seps`)).json()) as SepRegistration[];
    assert.ok(listed.some((s) => s.clientId === valid.clientId));

    const payload = await claimsFor(new Browser(), { sep: sepC, claims: { id_token: { CurrentGivenName: null } } });
    assert.equal(payload.CurrentGivenName, 'Jan');

    // replacing with a new key: tokens are now encrypted to the new key only
    const renewed = await makeSep('obec-c');
    const replaced = await post(renewed.registration);
    assert.equal(replaced.status, 200);
    assert.equal(((await replaced.json()) as { replaced: boolean }).replaced, true);
    const { code } = await signIn(new Browser(), { sep: renewed });
    const { body } = await redeem(code, renewed);
    await assert.rejects(compactDecrypt(body.id_token as string, sepC.privateKey));
    assert.equal((await openIdToken(body.id_token as string, renewed)).payload.aud, valid.clientId);
  });
});

describe('pages', () => {
  test('Czech, the simulator header, one stylesheet, no inline script or style, labelled radios, strict CSP', async () => {
    const browser = new Browser();
    const pages: Page[] = [];
    const means = await asPage(await browser.get(authorizeUrl({ claims: ALL_CLAIMS })));
    pages.push(means);
    const signin = await asPage(await browser.post(sim.url + means.action, { flow: means.flow, means: 'eop' }));
    pages.push(signin);
    pages.push(await asPage(await browser.post(sim.url + signin.action, { flow: signin.flow, citizen: 'matej-cerny', action: 'signin' })));
    pages.push(await asPage(await browser.get(`${sim.url}/sim/`)));
    pages.push(await asPage(await browser.get(`${oidc}/authorize?client_id=x`)));
    assert.deepEqual(
      pages.map((p) => p.kind),
      ['means', 'signin', 'consent', 'other', 'other'],
    );
    for (const page of pages) {
      assert.match(page.html, /<html lang="cs">/);
      assert.ok(page.html.includes('Národní identitní autorita — SIMULÁTOR'));
      assert.ok(page.html.includes('(není to skutečná NIA)'));
      assert.match(page.html, /<link rel="stylesheet" href="\/sim\/simulator\.css">/);
      assert.match(page.html, /<h1>/);
      assert.doesNotMatch(page.html, /<script/i);
      assert.doesNotMatch(page.html, /<style/i);
      assert.doesNotMatch(page.html, /\sstyle=/i);
      assert.doesNotMatch(page.html, /\son[a-z]+=/i, 'no inline event handlers');
    }
    // the sign-in page: a fieldset with legend, a label for every radio, every citizen listed
    assert.match(signin.html, /<fieldset[^>]*>\s*<legend>Testovací osoba<\/legend>/);
    const radioIds = [...signin.html.matchAll(/<input type="radio" id="([^"]+)"/g)].map((m) => m[1]!);
    assert.equal(radioIds.length, defaultCitizens().length);
    for (const id of radioIds) assert.ok(signin.html.includes(`<label for="${id}">`), id);
    assert.match(signin.html, /16 let/);
    assert.match(signin.html, /bydlí v Brně/);
    assert.match(signin.html, />Přihlásit</);
    assert.match(means.html, /<fieldset[^>]*>\s*<legend>/);
    // the overview lists the SePs and the citizens
    assert.ok(pages[3]!.html.includes(sepA.registration.clientId));
    assert.ok(pages[3]!.html.includes('Žofie Dvořáková'));

    const res = await fetch(authorizeUrl());
    const csp = res.headers.get('content-security-policy') ?? '';
    assert.match(csp, /style-src 'self'/);
    assert.doesNotMatch(csp, /unsafe-inline/);
    await res.body?.cancel();

    const css = await fetch(`${sim.url}/sim/simulator.css`);
    assert.equal(css.status, 200);
    assert.match(css.headers.get('content-type') ?? '', /^text\/css/);
    const sheet = await css.text();
    assert.match(sheet, /#2362a2/i);
    assert.match(sheet, /:focus-visible/);
  });
});

/**
 * The web page's Cognito sign-in (functions/web/sign-in.ts) through the api handler, with the
 * records on dynalite and a stand-in of the user pool on 127.0.0.1: its JWKS and its token
 * endpoint, which checks the PKCE verifier as Cognito does and signs ID tokens with an RSA key made
 * here. The browser's part (following redirects, keeping cookies) is played by the test.
 */
import { createHash, createHmac, generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createArticleQueries } from '../../adapters/queries';
import { ConfigError } from '../../functions/commons/config';
import { createApiHandler, readApiConfig, type ApiResult } from '../../functions/api';
import { createCognitoSignIn, FLOW_COOKIE, SESSION_COOKIE } from '../../functions/web/sign-in';
import { apiEvent } from '../api/events';
import { putProjected } from '../helpers/projection';
import { startServers, type TestServers } from '../helpers/servers';
import { BRIDGE, BRIDGE_KEY } from './records';

const CLIENT_ID = 'web-client-1';
const BASE_URL = 'https://abc123.execute-api.eu-west-1.amazonaws.com';
const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const other = generateKeyPairSync('rsa', { modulusLength: 2048 });

let servers: TestServers;
let pool: Server;
let domain: string;
let issuer: string;
let handle: (path: string, query?: Record<string, string>, cookies?: string[]) => Promise<ApiResult>;
/** Codes the stand-in pool handed out, with the PKCE challenge each was asked with. */
const codes = new Map<string, { challenge: string; token: string }>();
const tokenRequests: URLSearchParams[] = [];

function jwt(claims: Record<string, unknown>, key: KeyObject = privateKey, header: Record<string, unknown> = { alg: 'RS256', kid: 'k1' }): string {
  const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const signed = `${part(header)}.${part(claims)}`;
  return `${signed}.${sign('RSA-SHA256', Buffer.from(signed), key).toString('base64url')}`;
}

/** The old confusion attack: HMAC keyed with the pool's public key, which anyone can read. */
function hs256WithPublicKey(claims: Record<string, unknown>): string {
  const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const signed = `${part({ alg: 'HS256', kid: 'k1' })}.${part(claims)}`;
  return `${signed}.${createHmac('sha256', publicKey.export({ format: 'pem', type: 'spki' })).update(signed).digest('base64url')}`;
}

const idClaims = (overrides: Record<string, unknown> = {}) => ({
  iss: issuer,
  aud: CLIENT_ID,
  token_use: 'id',
  sub: 'user-1',
  email: 'editor@example.org',
  exp: Math.floor(Date.now() / 1000) + 3600,
  ...overrides,
});

/** `name=value` of a Set-Cookie line, and its attributes. */
function setCookie(result: ApiResult, name: string): string | undefined {
  return (result.cookies ?? []).find((c) => c.startsWith(`${name}=`));
}
const pair = (line: string | undefined) => line?.split(';')[0] ?? '';

beforeAll(async () => {
  servers = await startServers();
  await putProjected(servers.doc, servers.tableName, [BRIDGE]);
  pool = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => {
      body += chunk;
    });
    req.on('end', () => {
      if (req.method === 'GET' && req.url === '/pool/.well-known/jwks.json') {
        res.setHeader('content-type', 'application/json');
        res.end(JSON.stringify({ keys: [{ ...publicKey.export({ format: 'jwk' }), kid: 'k1', alg: 'RS256', use: 'sig' }] }));
        return;
      }
      if (req.method === 'POST' && req.url === '/oauth2/token') {
        const form = new URLSearchParams(body);
        tokenRequests.push(form);
        const issued = codes.get(form.get('code') ?? '');
        const verifier = form.get('code_verifier') ?? '';
        const ok =
          issued &&
          form.get('grant_type') === 'authorization_code' &&
          form.get('client_id') === CLIENT_ID &&
          form.get('redirect_uri') === `${BASE_URL}/auth/callback` &&
          createHash('sha256').update(verifier).digest('base64url') === issued.challenge;
        res.statusCode = ok ? 200 : 400;
        res.setHeader('content-type', 'application/json');
        res.end(JSON.stringify(ok ? { id_token: issued.token, access_token: 'opaque', expires_in: 3600, token_type: 'Bearer' } : { error: 'invalid_grant' }));
        return;
      }
      res.statusCode = 404;
      res.end();
    });
  });
  await new Promise<void>((resolve) => pool.listen(0, '127.0.0.1', resolve));
  domain = `http://127.0.0.1:${(pool.address() as AddressInfo).port}`;
  issuer = `${domain}/pool`;
  const api = createApiHandler({
    queries: createArticleQueries({ doc: servers.doc, tableName: servers.tableName }),
    signIn: createCognitoSignIn({ userPoolId: 'eu-west-1_Test', clientId: CLIENT_ID, domain, baseUrl: BASE_URL, issuer }),
    logger: { error: () => undefined },
  });
  handle = (path, query = {}, cookies = []) => api({ ...apiEvent(path, query), ...(cookies.length ? { cookies } : {}) });
}, 60_000);

afterAll(async () => {
  await new Promise((resolve) => pool?.close(resolve));
  await servers?.stop();
});

/** The whole flow as a browser goes through it; gives the session cookie. */
async function signIn(path: string, query: Record<string, string> = {}): Promise<{ session: string; landing: ApiResult }> {
  const first = await handle(path, query);
  const location = new URL(first.headers.location ?? '');
  const flow = pair(setCookie(first, FLOW_COOKIE));
  const code = `code-${codes.size}`;
  codes.set(code, { challenge: location.searchParams.get('code_challenge') ?? '', token: jwt(idClaims()) });
  const landing = await handle('/auth/callback', { code, state: location.searchParams.get('state') ?? '' }, [flow]);
  return { session: pair(setCookie(landing, SESSION_COOKIE)), landing };
}

describe('the web page behind a Cognito sign-in', () => {
  it('sends a browser without a session to the managed login with PKCE and a state', async () => {
    const result = await handle('/', { ui: 'en' });
    expect(result.statusCode).toBe(302);
    const location = new URL(result.headers.location ?? '');
    expect(`${location.origin}${location.pathname}`).toBe(`${domain}/oauth2/authorize`);
    expect(Object.fromEntries(location.searchParams)).toMatchObject({
      response_type: 'code',
      client_id: CLIENT_ID,
      redirect_uri: `${BASE_URL}/auth/callback`,
      scope: 'openid email',
      code_challenge_method: 'S256',
    });
    expect(location.searchParams.get('state')).toMatch(/^[\w-]{20,}$/);
    expect(setCookie(result, FLOW_COOKIE)).toMatch(/; Path=\/auth\/; Max-Age=600; HttpOnly; Secure; SameSite=Lax$/);
    expect(result.body).toBe('');
  });

  it('exchanges the code, keeps the ID token in an HttpOnly cookie, and returns to the page asked for', async () => {
    const { session, landing } = await signIn(`/article/${encodeURIComponent(BRIDGE_KEY)}`, { ui: 'en' });
    expect(landing.statusCode).toBe(302);
    expect(landing.headers.location).toBe(`/article/${BRIDGE_KEY.split('/').map(encodeURIComponent).join('/')}?ui=en`);
    expect(setCookie(landing, SESSION_COOKIE)).toMatch(/; Path=\/; Max-Age=\d+; HttpOnly; Secure; SameSite=Lax$/);
    expect(setCookie(landing, FLOW_COOKIE)).toMatch(/Max-Age=0/);
    // The verifier went to the token endpoint, never to the browser's address bar.
    expect(tokenRequests.at(-1)?.get('code_verifier')).toMatch(/^[\w-]{43}$/);

    const page = await handle(`/article/${encodeURIComponent(BRIDGE_KEY)}`, { ui: 'en' }, [session]);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(BRIDGE.title!);
    expect(page.body).toContain('<a class="sign-out" href="/auth/sign-out">Sign out</a>');
  });

  it('refuses forged, expired, unsigned, keyless and foreign tokens, and an answer to a sign-in this browser did not start', async () => {
    const bad = [
      jwt(idClaims({ exp: Math.floor(Date.now() / 1000) - 1 })),
      jwt(idClaims({ aud: 'another-client' })),
      jwt(idClaims({ iss: 'https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_Other' })),
      jwt(idClaims({ token_use: 'access' })),
      jwt(idClaims(), other.privateKey),
      jwt(idClaims(), privateKey, { alg: 'none', kid: 'k1' }),
      jwt(idClaims(), privateKey, { alg: 'RS256', kid: 'k2' }),
      jwt(idClaims(), privateKey, { alg: 'RS256' }),
      jwt(idClaims({ exp: undefined })),
      hs256WithPublicKey(idClaims()),
      `${jwt(idClaims()).split('.').slice(0, 2).join('.')}.`,
      'not-a-token',
    ];
    for (const token of bad) {
      const result = await handle('/', {}, [`${SESSION_COOKIE}=${token}`]);
      expect(result.statusCode, token.slice(0, 40)).toBe(302);
      expect(result.headers.location).toMatch(/\/oauth2\/authorize\?/);
    }
    const tampered = jwt(idClaims()).split('.');
    tampered[1] = Buffer.from(JSON.stringify(idClaims({ sub: 'admin' }))).toString('base64url');
    expect((await handle('/', {}, [`${SESSION_COOKIE}=${tampered.join('.')}`])).statusCode).toBe(302);

    const first = await handle('/');
    const flow = pair(setCookie(first, FLOW_COOKIE));
    expect((await handle('/auth/callback', { code: 'whatever', state: 'forged' }, [flow])).statusCode).toBe(400);
    expect((await handle('/auth/callback', { code: 'whatever', state: 'x' })).statusCode).toBe(400);
  });

  it('never sends the browser elsewhere after signing in', async () => {
    const first = await handle('/');
    const [state, verifier] = pair(setCookie(first, FLOW_COOKIE)).split('=')[1]!.split('.');
    const location = new URL(first.headers.location ?? '');
    codes.set('code-evil', { challenge: location.searchParams.get('code_challenge') ?? '', token: jwt(idClaims()) });
    const evil = `${FLOW_COOKIE}=${state}.${verifier}.${Buffer.from('//evil.example/').toString('base64url')}`;
    const landing = await handle('/auth/callback', { code: 'code-evil', state: state! }, [evil]);
    expect(landing.statusCode).toBe(302);
    expect(landing.headers.location).toBe('/');
  });

  it('signs out through the pool, and leaves the JSON API, the stylesheet and the icon to API Gateway', async () => {
    const out = await handle('/auth/sign-out');
    expect(out.statusCode).toBe(302);
    expect(out.headers.location).toBe(`${domain}/logout?client_id=${CLIENT_ID}&logout_uri=${encodeURIComponent(`${BASE_URL}/`)}`);
    expect(setCookie(out, SESSION_COOKIE)).toMatch(/^dateline-session=; Path=\/; Max-Age=0/);
    // The JSON routes are IAM-authorised by API Gateway before the function runs: no cookie needed here.
    expect((await handle('/articles', { limit: '1' })).statusCode).toBe(200);
    expect((await handle('/assets/dateline.css')).statusCode).toBe(200);
    expect((await handle('/favicon.svg')).statusCode).toBe(200);
  });
});

describe('the sign-in for a pool on AWS', () => {
  it("verifies with Cognito's own verifier, which refuses another issuer's token before fetching any key", async () => {
    const onAws = createCognitoSignIn({ userPoolId: 'eu-west-1_Test', clientId: CLIENT_ID, domain, baseUrl: BASE_URL });
    const request = { path: '/', rawQueryString: '', params: {}, cookies: [`${SESSION_COOKIE}=${jwt(idClaims())}`] };
    const answer = await onAws.requireSession(request);
    expect(answer?.statusCode).toBe(302);
    expect(answer?.headers.location).toMatch(/\/oauth2\/authorize\?/);
  });
});

describe('the api configuration', () => {
  it('takes the sign-in from all four variables or none', () => {
    expect(readApiConfig({ TABLE_NAME: 'records' }).signIn).toBeNull();
    const all = {
      TABLE_NAME: 'records',
      COGNITO_USER_POOL_ID: 'eu-west-1_AbC123',
      COGNITO_CLIENT_ID: CLIENT_ID,
      COGNITO_DOMAIN: 'https://dateline-1.auth.eu-west-1.amazoncognito.com',
      WEB_BASE_URL: BASE_URL,
    };
    expect(readApiConfig(all).signIn).toEqual({ userPoolId: 'eu-west-1_AbC123', clientId: CLIENT_ID, domain: all.COGNITO_DOMAIN, baseUrl: BASE_URL });
    expect(() => readApiConfig({ ...all, COGNITO_CLIENT_ID: undefined })).toThrow(ConfigError);
    expect(() => readApiConfig({ ...all, COGNITO_DOMAIN: 'http://insecure.example' })).toThrow(/COGNITO_DOMAIN/);
  });
});

/**
 * Sign-in for the web page on AWS with an Amazon Cognito user pool: the OAuth 2.0 authorization-
 * code flow with PKCE through the pool's managed login, and a session cookie holding the pool's
 * ID token, verified on every page (RS256 signature against the pool's JWKS, issuer, audience,
 * token use, expiry).
 *
 * Why here and not in API Gateway: an HTTP API's JWT authorizer reads a bearer token from a
 * header, which a browser following a link never sends, and an authorizer can only refuse (401),
 * not send the browser to the sign-in page. So the web routes are routed without an authorizer and
 * this module guards them; the JSON routes keep IAM authorisation in API Gateway (infra/constructs/read-api.ts).
 *
 *   GET /auth/callback?code=&state=   the pool sends the browser back here: code -> tokens -> cookie
 *   GET /auth/sign-out                forget the session, then the pool's logout
 * Locally there is no sign-in: the local stack passes no sign-in, and pages are served as they are.
 */
import { createHash, createPublicKey, randomBytes, verify as verifySignature, type JsonWebKey, type KeyObject } from 'node:crypto';
import type { PageResult } from './pages';

export const SESSION_COOKIE = 'dateline-session';
export const FLOW_COOKIE = 'dateline-sign-in';
export const CALLBACK_PATH = '/auth/callback';
export const SIGN_OUT_PATH = '/auth/sign-out';
export const AUTH_PREFIX = '/auth/';

/** How long a sign-in may take between leaving for the pool and coming back. */
const FLOW_SECONDS = 10 * 60;
/** How long fetched signing keys are trusted before the pool's JWKS is read again. */
const JWKS_TTL_MS = 60 * 60 * 1000;

export interface CognitoSignInConfig {
  readonly userPoolId: string;
  readonly clientId: string;
  /** The pool's managed login domain, `https://<prefix>.auth.<region>.amazoncognito.com`. */
  readonly domain: string;
  /** Where the web page is served, `https://<api>.execute-api.<region>.amazonaws.com` (the callback is under it). */
  readonly baseUrl: string;
  /** @default https://cognito-idp.<region>.amazonaws.com/<userPoolId> */
  readonly issuer?: string;
  /** @default globalThis.fetch */
  readonly fetch?: typeof fetch;
  /** @default Date.now */
  readonly now?: () => number;
}

export interface SignInRequest {
  readonly path: string;
  readonly rawQueryString: string;
  readonly params: Readonly<Record<string, string | undefined>>;
  readonly cookies: readonly string[];
}

export interface WebSignIn {
  /** Answers /auth/… paths; null for every other path. */
  handleAuthPath(request: SignInRequest): Promise<PageResult | null>;
  /** null when the request carries a valid session; else the redirect to the sign-in page. */
  requireSession(request: SignInRequest): Promise<PageResult | null>;
}

export class SignInError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'SignInError';
  }
}

const base64url = (bytes: Buffer): string => bytes.toString('base64url');

function cookieValue(cookies: readonly string[], name: string): string | null {
  for (const pair of cookies) {
    const eq = pair.indexOf('=');
    if (eq > 0 && pair.slice(0, eq).trim() === name) return pair.slice(eq + 1).trim();
  }
  return null;
}

/** Only a path on this site (not `//host`, not a scheme): where to go back after signing in. */
function safeReturnPath(path: string): string {
  return path.startsWith('/') && !path.startsWith('//') && !path.startsWith('/\\') ? path : '/';
}

function redirect(location: string, cookies: string[] = []): PageResult {
  return { statusCode: 302, headers: { location, 'cache-control': 'no-store' }, body: '', cookies };
}

function refuse(statusCode: number, message: string, cookies: string[] = []): PageResult {
  return { statusCode, headers: { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' }, body: message, cookies };
}

export function createCognitoSignIn(config: CognitoSignInConfig): WebSignIn {
  const region = config.userPoolId.split('_')[0] ?? '';
  const issuer = config.issuer ?? `https://cognito-idp.${region}.amazonaws.com/${config.userPoolId}`;
  const domain = config.domain.replace(/\/+$/, '');
  const baseUrl = config.baseUrl.replace(/\/+$/, '');
  const redirectUri = `${baseUrl}${CALLBACK_PATH}`;
  const fetchFn = config.fetch ?? globalThis.fetch;
  const now = config.now ?? Date.now;
  const keys = new Map<string, KeyObject>();
  let keysAt = 0;

  const cookie = (name: string, value: string, maxAge: number, path = '/') => `${name}=${value}; Path=${path}; Max-Age=${maxAge}; HttpOnly; Secure; SameSite=Lax`;

  async function signingKey(kid: string): Promise<KeyObject> {
    if (!keys.has(kid) || now() - keysAt > JWKS_TTL_MS) {
      const response = await fetchFn(`${issuer}/.well-known/jwks.json`);
      if (!response.ok) throw new SignInError(`the user pool's signing keys answered ${response.status}`);
      const { keys: jwks } = (await response.json()) as { keys: (JsonWebKey & { kid: string })[] };
      keys.clear();
      for (const jwk of jwks) keys.set(jwk.kid, createPublicKey({ key: jwk, format: 'jwk' }));
      keysAt = now();
    }
    const key = keys.get(kid);
    if (!key) throw new SignInError('the token is signed by a key the user pool does not have');
    return key;
  }

  /** The ID token's claims once signature, issuer, audience, use and expiry hold; throws SignInError otherwise. */
  async function verifyIdToken(token: string): Promise<Record<string, unknown>> {
    const parts = token.split('.');
    if (parts.length !== 3) throw new SignInError('not a JWT');
    const [head, body, signature] = parts as [string, string, string];
    let header: { alg?: string; kid?: string };
    let claims: Record<string, unknown>;
    try {
      header = JSON.parse(Buffer.from(head, 'base64url').toString('utf8'));
      claims = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
    } catch (error) {
      throw new SignInError('the token does not decode', { cause: error });
    }
    // Cognito signs with RS256; anything else (`none`, HMAC with the public key) is refused outright.
    if (header.alg !== 'RS256' || typeof header.kid !== 'string') throw new SignInError(`unexpected token algorithm ${String(header.alg)}`);
    const valid = verifySignature('RSA-SHA256', Buffer.from(`${head}.${body}`), await signingKey(header.kid), Buffer.from(signature, 'base64url'));
    if (!valid) throw new SignInError('bad signature');
    if (claims.iss !== issuer) throw new SignInError('another issuer');
    if (claims.aud !== config.clientId) throw new SignInError('another audience');
    if (claims.token_use !== 'id') throw new SignInError('not an ID token');
    if (typeof claims.exp !== 'number' || claims.exp * 1000 <= now()) throw new SignInError('expired');
    return claims;
  }

  /** Off to the pool's sign-in page, remembering (in a short-lived cookie) the state, the PKCE verifier and where to come back. */
  function toSignIn(request: SignInRequest): PageResult {
    const state = base64url(randomBytes(24));
    const verifier = base64url(randomBytes(32));
    const challenge = base64url(createHash('sha256').update(verifier).digest());
    // API Gateway hands the path over decoded (article keys hold spaces, `%`, Arabic): encoded again per segment.
    const path = request.path.split('/').map(encodeURIComponent).join('/');
    const back = safeReturnPath(request.rawQueryString ? `${path}?${request.rawQueryString}` : path);
    const flow = [state, verifier, base64url(Buffer.from(back, 'utf8'))].join('.');
    const query = new URLSearchParams({
      response_type: 'code',
      client_id: config.clientId,
      redirect_uri: redirectUri,
      scope: 'openid email',
      state,
      code_challenge: challenge,
      code_challenge_method: 'S256',
    });
    return redirect(`${domain}/oauth2/authorize?${query.toString()}`, [cookie(FLOW_COOKIE, flow, FLOW_SECONDS, AUTH_PREFIX)]);
  }

  async function callback(request: SignInRequest): Promise<PageResult> {
    const clearFlow = cookie(FLOW_COOKIE, '', 0, AUTH_PREFIX);
    const [state, verifier, back] = (cookieValue(request.cookies, FLOW_COOKIE) ?? '').split('.');
    const { code } = request.params;
    // The state ties this answer to the sign-in this browser started (no login CSRF).
    if (!state || !verifier || !code || request.params.state !== state) return refuse(400, 'Sign-in failed: start again from the page.', [clearFlow]);
    const response = await fetchFn(`${domain}/oauth2/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'authorization_code', client_id: config.clientId, code, redirect_uri: redirectUri, code_verifier: verifier }).toString(),
    });
    if (!response.ok) return refuse(400, 'Sign-in failed: the code was refused. Start again from the page.', [clearFlow]);
    const tokens = (await response.json()) as { id_token?: string; expires_in?: number };
    if (!tokens.id_token) return refuse(502, 'Sign-in failed: the user pool gave no ID token.', [clearFlow]);
    const claims = await verifyIdToken(tokens.id_token);
    const maxAge = Math.max(0, Math.floor((claims.exp as number) - now() / 1000));
    const target = safeReturnPath(back ? Buffer.from(back, 'base64url').toString('utf8') : '/');
    return redirect(target, [clearFlow, cookie(SESSION_COOKIE, tokens.id_token, maxAge)]);
  }

  return {
    async handleAuthPath(request) {
      if (request.path === CALLBACK_PATH) {
        try {
          return await callback(request);
        } catch (error) {
          if (error instanceof SignInError) return refuse(401, `Sign-in failed: ${error.message}.`);
          throw error;
        }
      }
      if (request.path === SIGN_OUT_PATH) {
        const query = new URLSearchParams({ client_id: config.clientId, logout_uri: `${baseUrl}/` });
        return redirect(`${domain}/logout?${query.toString()}`, [cookie(SESSION_COOKIE, '', 0)]);
      }
      return request.path.startsWith(AUTH_PREFIX) ? refuse(404, 'No such page.') : null;
    },
    async requireSession(request) {
      const token = cookieValue(request.cookies, SESSION_COOKIE);
      if (token) {
        try {
          await verifyIdToken(token);
          return null;
        } catch (error) {
          if (!(error instanceof SignInError)) throw error;
        }
      }
      return toSignIn(request);
    },
  };
}

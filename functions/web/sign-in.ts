/**
 * Sign-in for the web page on AWS with an Amazon Cognito user pool: the OAuth 2.0 authorization-
 * code flow with PKCE through the pool's managed login, and a session cookie holding the pool's
 * ID token, verified on every page with Amazon's aws-jwt-verify (signature against the pool's
 * JWKS, cached and refetched on key rotation; issuer, audience, token use, expiry).
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
import { createHash, randomBytes } from 'node:crypto';
import { CognitoJwtVerifier, JwtVerifier } from 'aws-jwt-verify';
import { validateCognitoJwtFields } from 'aws-jwt-verify/cognito-verifier';
import { FetchError, JwtBaseError, NonRetryableFetchError } from 'aws-jwt-verify/error';
import type { Fetcher } from 'aws-jwt-verify/https';
import type { JwtPayload } from 'aws-jwt-verify/jwt-model';
import { SimpleJwksCache } from 'aws-jwt-verify/jwk';
import type { PageResult } from './pages';

export const SESSION_COOKIE = 'dateline-session';
export const FLOW_COOKIE = 'dateline-sign-in';
export const CALLBACK_PATH = '/auth/callback';
export const SIGN_OUT_PATH = '/auth/sign-out';
export const AUTH_PREFIX = '/auth/';

/** How long a sign-in may take between leaving for the pool and coming back. */
const FLOW_SECONDS = 10 * 60;

export interface CognitoSignInConfig {
  readonly userPoolId: string;
  readonly clientId: string;
  /** The pool's managed login domain, `https://<prefix>.auth.<region>.amazoncognito.com`. */
  readonly domain: string;
  /** Where the web page is served, `https://<api>.execute-api.<region>.amazonaws.com` (the callback is under it). */
  readonly baseUrl: string;
  /**
   * A pool that is not Cognito's own endpoint (a stand-in on 127.0.0.1): its issuer, whose JWKS is
   * `<issuer>/.well-known/jwks.json`, read with `fetch`.
   * @default https://cognito-idp.<region>.amazonaws.com/<userPoolId>, read by aws-jwt-verify's own https fetcher
   */
  readonly issuer?: string;
  /** For the token endpoint (and a stand-in pool's JWKS). @default globalThis.fetch */
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

interface IdTokenVerifier {
  verify(token: string): Promise<JwtPayload>;
}

/**
 * Cognito's own verifier for the pool on AWS. For a stand-in pool (an issuer of its own), the
 * generic verifier with the same Cognito checks, fetching keys through `fetchFn`: the library's
 * fetcher speaks https only.
 */
function createIdTokenVerifier({ userPoolId, clientId, issuer }: CognitoSignInConfig, fetchFn: typeof fetch): IdTokenVerifier {
  if (issuer === undefined) return CognitoJwtVerifier.create({ userPoolId, clientId, tokenUse: 'id' });
  const fetcher: Fetcher = {
    async fetch(uri) {
      const response = await fetchFn(uri);
      if (!response.ok) throw new NonRetryableFetchError(uri, `status code is ${response.status}, expected 200`);
      return response.arrayBuffer();
    },
  };
  return JwtVerifier.create(
    { issuer, jwksUri: `${issuer}/.well-known/jwks.json`, audience: null, customJwtCheck: ({ payload }) => validateCognitoJwtFields(payload, { tokenUse: 'id', clientId }) },
    { jwksCache: new SimpleJwksCache({ fetcher }) },
  );
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
  const domain = config.domain.replace(/\/+$/, '');
  const baseUrl = config.baseUrl.replace(/\/+$/, '');
  const redirectUri = `${baseUrl}${CALLBACK_PATH}`;
  const fetchFn = config.fetch ?? globalThis.fetch;
  const now = config.now ?? Date.now;
  const idTokens = createIdTokenVerifier(config, fetchFn);

  const cookie = (name: string, value: string, maxAge: number, path = '/') => `${name}=${value}; Path=${path}; Max-Age=${maxAge}; HttpOnly; Secure; SameSite=Lax`;

  /** The ID token's claims once signature, issuer, audience, use and expiry hold; throws SignInError otherwise. */
  async function verifyIdToken(token: string): Promise<{ exp: number }> {
    let payload: JwtPayload;
    try {
      payload = await idTokens.verify(token);
    } catch (error) {
      // The pool's keys out of reach is an outage (500, logged), not a bad token.
      if (error instanceof JwtBaseError && !(error instanceof FetchError)) throw new SignInError(error.message, { cause: error });
      throw error;
    }
    // Cognito always sets one; the library checks expiry only when the claim is there.
    if (typeof payload.exp !== 'number') throw new SignInError('the token never expires');
    return { exp: payload.exp };
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
    const maxAge = Math.max(0, Math.floor(claims.exp - now() / 1000));
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

/**
 * The local API and web server: each Node request becomes the API Gateway HTTP API (payload 2.0)
 * event the api handler gets on AWS, and the handler's result becomes the response. So the same
 * handler serves `http://127.0.0.1:3000` and the deployed API.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { APIGatewayProxyEventV2, APIGatewayProxyResultV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import type { LocalLogger } from './logger';
import { closeServer, listen } from './net';

export type ApiHandler = (event: APIGatewayProxyEventV2, context: Context) => Promise<APIGatewayProxyResultV2>;

export interface LocalHttpServerOptions {
  readonly host: string;
  /** 0 picks a free port. */
  readonly port: number;
  readonly handler: ApiHandler;
  readonly logger: LocalLogger;
  /** Largest request body read; bigger ones get 413 (API Gateway's own limit is 10 MB). */
  readonly maxBodyBytes?: number;
  readonly region?: string;
}

export interface LocalHttpServer {
  readonly url: string;
  readonly port: number;
  close(): Promise<void>;
}

export async function startLocalHttpServer(options: LocalHttpServerOptions): Promise<LocalHttpServer> {
  const maxBodyBytes = options.maxBodyBytes ?? 10 * 1024 * 1024;
  let allowedHosts = new Set<string>();
  const server = createServer((req, res) => {
    if (!allowedHosts.has((req.headers.host ?? '').toLowerCase())) {
      send(res, misdirected(req.headers.host, [...allowedHosts]));
      return;
    }
    void serve(req, res, options, maxBodyBytes);
  });
  await listen(server, options.port, options.host);
  const { port } = server.address() as AddressInfo;
  allowedHosts = new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
  return { url: `http://${options.host}:${port}`, port, close: () => closeServer(server) };
}

/**
 * A request named another host: a web page the browser got from elsewhere, its name now pointed at
 * 127.0.0.1 (DNS rebinding), would otherwise read the API and drive the admin routes. Only the
 * names this server is reached by locally are served.
 */
function misdirected(host: string | undefined, allowed: readonly string[]): APIGatewayProxyStructuredResultV2 {
  const message = `This local server answers only requests for ${allowed.join(' or ')}, not for host ${JSON.stringify(host ?? '')}.`;
  return { statusCode: 421, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ message }) };
}

async function serve(req: IncomingMessage, res: ServerResponse, options: LocalHttpServerOptions, maxBodyBytes: number): Promise<void> {
  try {
    const body = await readBody(req, maxBodyBytes);
    if (body === null) {
      send(res, { statusCode: 413, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ message: 'Request Entity Too Large' }) });
      return;
    }
    const event = toApiGatewayEvent(req, body, options.region ?? 'us-east-1');
    const result = await options.handler(event, lambdaContext());
    send(res, normaliseResult(result));
  } catch (error) {
    options.logger.error(`api: ${req.method} ${req.url} failed: ${error instanceof Error ? error.message : String(error)}`);
    // As API Gateway answers when the integration fails.
    send(res, { statusCode: 500, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ message: 'Internal Server Error' }) });
  }
}

/** Builds the HTTP API payload-2.0 event for one request (exported for tests). */
/**
 * The request path as an API Gateway HTTP API hands it to Lambda (`rawPath`, payload 2.0): percent-
 * decoded once, so `%2F` is a `/` and `%25` a `%`. The handlers read keys from it as they are;
 * a path that does not decode (a stray `%`) is passed as it came.
 */
export function gatewayPath(pathname: string): string {
  try {
    return decodeURIComponent(pathname);
  } catch {
    return pathname;
  }
}

export function toApiGatewayEvent(req: Pick<IncomingMessage, 'method' | 'url' | 'headers' | 'socket'>, body: Buffer, region = 'us-east-1'): APIGatewayProxyEventV2 {
  const url = new URL(req.url ?? '/', 'http://localhost');
  const rawQueryString = url.search.replace(/^\?/, '');
  const method = (req.method ?? 'GET').toUpperCase();
  const headers: Record<string, string> = {};
  const cookies: string[] = [];
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined) continue;
    if (name === 'cookie') cookies.push(...(Array.isArray(value) ? value : value.split(/;\s*/)));
    // HTTP APIs join repeated headers with commas and lower-case the names.
    else headers[name] = Array.isArray(value) ? value.join(',') : value;
  }
  const queryStringParameters = queryParameters(url.searchParams);
  const isText = body.length === 0 || isTextual(headers['content-type']);
  const now = new Date();
  const event: APIGatewayProxyEventV2 = {
    version: '2.0',
    routeKey: '$default',
    rawPath: gatewayPath(url.pathname),
    rawQueryString,
    headers,
    requestContext: {
      accountId: 'local',
      apiId: 'local',
      domainName: headers.host ?? 'localhost',
      domainPrefix: (headers.host ?? 'localhost').split('.')[0] ?? 'localhost',
      http: { method, path: gatewayPath(url.pathname), protocol: 'HTTP/1.1', sourceIp: (req.socket.remoteAddress ?? '127.0.0.1').replace(/^::ffff:/, ''), userAgent: headers['user-agent'] ?? '' },
      requestId: randomUUID(),
      routeKey: '$default',
      stage: '$default',
      time: now.toISOString(),
      timeEpoch: now.getTime(),
    },
    isBase64Encoded: !isText,
  };
  if (cookies.length > 0) event.cookies = cookies;
  if (queryStringParameters) event.queryStringParameters = queryStringParameters;
  if (body.length > 0) event.body = isText ? body.toString('utf8') : body.toString('base64');
  return event;
}

/** API Gateway joins repeated query parameters with commas; none at all leaves the field out. */
function queryParameters(params: URLSearchParams): Record<string, string> | undefined {
  const out: Record<string, string> = {};
  for (const name of new Set(params.keys())) out[name] = params.getAll(name).join(',');
  return Object.keys(out).length > 0 ? out : undefined;
}

function isTextual(contentType: string | undefined): boolean {
  if (!contentType) return true;
  return /^(text\/|application\/(json|xml|x-www-form-urlencoded|javascript)|[^;]*\+(json|xml))/i.test(contentType);
}

/**
 * A handler may return a string or an object without `statusCode`: HTTP APIs then answer 200 with
 * the value as JSON. Same here.
 */
function normaliseResult(result: APIGatewayProxyResultV2): APIGatewayProxyStructuredResultV2 {
  if (typeof result === 'string') return { statusCode: 200, headers: { 'content-type': 'application/json' }, body: result };
  if (result && typeof result === 'object' && 'statusCode' in result && typeof result.statusCode === 'number') return result;
  return { statusCode: 200, headers: { 'content-type': 'application/json' }, body: JSON.stringify(result) };
}

function send(res: ServerResponse, result: APIGatewayProxyStructuredResultV2): void {
  const body = result.body === undefined ? Buffer.alloc(0) : Buffer.from(result.body, result.isBase64Encoded ? 'base64' : 'utf8');
  res.statusCode = result.statusCode ?? 200;
  for (const [name, value] of Object.entries(result.headers ?? {})) res.setHeader(name, String(value));
  if (result.cookies && result.cookies.length > 0) res.setHeader('set-cookie', result.cookies);
  res.setHeader('content-length', body.length);
  res.end(body);
}

/** Reads the whole body, or resolves null once it passes `limit` bytes. */
function readBody(req: IncomingMessage, limit: number): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let over = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) over = true;
      else chunks.push(chunk);
    });
    req.on('end', () => resolve(over ? null : Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function lambdaContext(): Context {
  return {
    callbackWaitsForEmptyEventLoop: false,
    functionName: 'dateline-api-local',
    functionVersion: '$LATEST',
    invokedFunctionArn: 'arn:aws:lambda:us-east-1:000000000000:function:dateline-api-local',
    memoryLimitInMB: '512',
    awsRequestId: randomUUID(),
    logGroupName: '/aws/lambda/dateline-api-local',
    logStreamName: 'local',
    getRemainingTimeInMillis: () => 29_000,
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}

/**
 * The local API server turns Node requests into API Gateway HTTP API (payload 2.0) events and the
 * handler's results into responses. A small handler that echoes what it got stands in for the api.
 */
import type { APIGatewayProxyEventV2, APIGatewayProxyResultV2 } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalHttpServer, type ApiHandler, type LocalHttpServer } from '../../local/http';
import { silentLogger } from '../../local/logger';

let server: LocalHttpServer;
let seen: APIGatewayProxyEventV2[] = [];

const echo: ApiHandler = async (event): Promise<APIGatewayProxyResultV2> => {
  seen.push(event);
  if (event.rawPath === '/boom') throw new Error('handler failed');
  // A bare object (no statusCode) is allowed by HTTP APIs; the type does not say so.
  if (event.rawPath === '/plain') return { ok: true } as unknown as APIGatewayProxyResultV2;
  if (event.rawPath === '/binary') return { statusCode: 200, headers: { 'content-type': 'application/octet-stream' }, body: Buffer.from([0, 1, 2, 255]).toString('base64'), isBase64Encoded: true };
  return {
    statusCode: 201,
    headers: { 'content-type': 'application/json; charset=utf-8', 'x-route': encodeURI(event.rawPath) },
    cookies: ['a=1', 'b=2'],
    body: JSON.stringify({ method: event.requestContext.http.method, path: event.rawPath, query: event.queryStringParameters ?? null, body: event.body ?? null }),
  };
};

beforeAll(async () => {
  server = await startLocalHttpServer({ host: '127.0.0.1', port: 0, handler: echo, logger: silentLogger });
});
afterAll(() => server?.close());

describe('local HTTP server', () => {
  it('listens on 127.0.0.1 on the port it was given (0 = a free one)', () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(server.port).toBeGreaterThan(0);
  });

  it('builds a payload-2.0 event: raw path decoded as an HTTP API decodes it, query joined as API Gateway joins it, headers lower-cased', async () => {
    seen = [];
    const response = await fetch(`${server.url}/articles/${encodeURIComponent('أخبار/x y.txt')}?lang=ar&tag=a&tag=b`, { headers: { 'X-Custom': 'v', Cookie: 'c=1; d=2' } });
    expect(response.status).toBe(201);
    expect(response.headers.get('x-route')).toBe(encodeURI('/articles/أخبار/x y.txt'));
    expect(response.headers.getSetCookie()).toEqual(['a=1', 'b=2']);
    const event = seen[0]!;
    expect(event).toMatchObject({
      version: '2.0',
      routeKey: '$default',
      rawPath: '/articles/أخبار/x y.txt',
      rawQueryString: 'lang=ar&tag=a&tag=b',
      queryStringParameters: { lang: 'ar', tag: 'a,b' },
      cookies: ['c=1', 'd=2'],
      isBase64Encoded: false,
      requestContext: { http: { method: 'GET', sourceIp: '127.0.0.1' }, stage: '$default' },
    });
    expect(event.headers['x-custom']).toBe('v');
    expect(event).not.toHaveProperty('body');
  });

  it('passes a text body as text and leaves out an absent query', async () => {
    seen = [];
    const response = await fetch(`${server.url}/echo`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"a":"ب"}' });
    expect(await response.json()).toEqual({ method: 'POST', path: '/echo', query: null, body: '{"a":"ب"}' });
    expect(seen[0]).not.toHaveProperty('queryStringParameters');
  });

  it('passes a binary body base64-encoded and writes a base64 result back as bytes', async () => {
    seen = [];
    const response = await fetch(`${server.url}/binary`, { method: 'PUT', headers: { 'content-type': 'application/octet-stream' }, body: new Uint8Array([9, 8, 7]) });
    expect(seen[0]).toMatchObject({ isBase64Encoded: true, body: Buffer.from([9, 8, 7]).toString('base64') });
    expect([...new Uint8Array(await response.arrayBuffer())]).toEqual([0, 1, 2, 255]);
  });

  it('answers 200 with JSON when the handler returns a bare object, as HTTP APIs do', async () => {
    const response = await fetch(`${server.url}/plain`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ ok: true });
  });

  it('answers 500 when the handler throws, without its message', async () => {
    const response = await fetch(`${server.url}/boom`);
    expect(response.status).toBe(500);
    expect(await response.text()).not.toContain('handler failed');
  });
});

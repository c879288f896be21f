/**
 * The local API and its admin routes answer only requests addressed to 127.0.0.1:<port> or
 * localhost:<port>: a page whose host name was rebound to 127.0.0.1 (DNS rebinding) sends its own
 * name in Host and must not reach them. Raw requests with chosen Host headers against the real
 * local HTTP server, with the real admin routes in front of a stand-in api.
 */
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PREFIX, withLocalAdmin } from '../../local/admin';
import { startLocalHttpServer, type LocalHttpServer } from '../../local/http';
import { silentLogger } from '../../local/logger';

let server: LocalHttpServer;
let handled = 0;

beforeAll(async () => {
  const api = withLocalAdmin(async () => {
    handled += 1;
    return { statusCode: 200, body: 'articles' };
  }, () => null);
  server = await startLocalHttpServer({ host: '127.0.0.1', port: 0, handler: api, logger: silentLogger });
});
afterAll(() => server?.close());

function get(path: string, host: string, method = 'GET'): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: server.port, path, method, headers: { host } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('the Host header', () => {
  it.each(['127.0.0.1', 'localhost', 'LOCALHOST'])('%s:<port> is served', async (name) => {
    const answer = await get('/articles', `${name}:${server.port}`);
    expect(answer).toEqual({ status: 200, body: 'articles' });
  });

  it.each([
    ['a foreign name', () => 'rebound.example'],
    ['a foreign name with the port', () => `rebound.example:${server.port}`],
    ['another port', () => `127.0.0.1:${server.port + 1}`],
    ['no port', () => '127.0.0.1'],
  ])('%s is refused with 421 and a message, before the handler runs', async (_name, host) => {
    const before = handled;
    for (const [path, method] of [['/articles', 'GET'], [`${ADMIN_PREFIX}`, 'GET'], [`${ADMIN_PREFIX}/redrive`, 'POST']] as const) {
      const answer = await get(path, host(), method);
      expect(answer.status).toBe(421);
      expect(JSON.parse(answer.body).message).toMatch(/answers only requests for 127\.0\.0\.1:\d+ or localhost:\d+/);
    }
    expect(handled).toBe(before);
  });
});

/**
 * The api handler with API Gateway HTTP API (payload 2.0) events, over the real queries and
 * dynalite. Events are built the way API Gateway builds them; the records go in through the store.
 */
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDynamoStore } from '../../adapters/dynamo-store';
import { createArticleQueries } from '../../adapters/queries';
import { ConfigError } from '../../functions/commons/config';
import { createApiHandler, readApiConfig, type ApiLogger } from '../../functions/api';
import type { ArticleRecord } from '../../shared/record';
import { startServers, type TestServers } from '../helpers/servers';
import { sampleRecord } from '../ingest/records';

const NOW = new Date('2016-03-15T12:00:00Z');
const AWKWARD_KEY = 'wires/2015/دمشق + حلب 100%.txt';

const damascus = sampleRecord({ key: AWKWARD_KEY });
const hostile = sampleRecord({
  key: 'wires/2015/<b>bold</b>.txt',
  title: '<script>alert("x")</script> & "quotes"',
  published: { value: '2015-09-12', source: 'text' },
});
const english: ArticleRecord = {
  ...sampleRecord({ key: 'wires/2015/geneva.txt', published: { value: '2015-08-20', source: 'dateline' } }),
  language: { code: 'en', confidence: 0.97, script: 'Latn', direction: 'ltr' },
  dateline: { raw: 'GENEVA (Reuters) -', place: 'GENEVA', agency: 'Reuters', agencyCode: 'Reuters', date: null },
  title: 'Talks resume in Geneva',
};

let servers: TestServers;
const logged: string[] = [];
const logger: ApiLogger = { error: (message, details) => logged.push(`${message} ${JSON.stringify(details)}`) };
let handle: ReturnType<typeof createApiHandler>;

beforeAll(async () => {
  servers = await startServers();
  const store = createDynamoStore({ doc: servers.doc, tableName: servers.tableName });
  for (const record of [damascus, hostile, english]) await store.put(record);
  handle = createApiHandler({ queries: createArticleQueries({ doc: servers.doc, tableName: servers.tableName, now: () => NOW }), logger });
});
afterAll(() => servers?.stop());

/** A payload-2.0 event as API Gateway sends it for `GET <rawPath>?<query>`. */
function apiEvent(rawPath: string, query: Record<string, string> = {}, method = 'GET'): APIGatewayProxyEventV2 {
  const rawQueryString = new URLSearchParams(query).toString();
  return {
    version: '2.0',
    routeKey: '$default',
    rawPath,
    rawQueryString,
    headers: { host: 'abc123.execute-api.us-east-1.amazonaws.com', 'user-agent': 'vitest' },
    ...(rawQueryString ? { queryStringParameters: query } : {}),
    requestContext: {
      accountId: '123456789012',
      apiId: 'abc123',
      domainName: 'abc123.execute-api.us-east-1.amazonaws.com',
      domainPrefix: 'abc123',
      http: { method, path: rawPath, protocol: 'HTTP/1.1', sourceIp: '203.0.113.9', userAgent: 'vitest' },
      requestId: 'req-1',
      routeKey: '$default',
      stage: '$default',
      time: '15/Mar/2016:12:00:00 +0000',
      timeEpoch: NOW.getTime(),
    },
    isBase64Encoded: false,
  };
}

const bodyOf = (result: { body: string }) => JSON.parse(result.body) as Record<string, unknown>;

describe('GET /articles/{key}', () => {
  it('returns the record for a percent-encoded key (as the local server passes it)', async () => {
    const result = await handle(apiEvent(`/articles/${encodeURIComponent(AWKWARD_KEY)}`));
    expect(result.statusCode).toBe(200);
    expect(result.headers['content-type']).toMatch(/^application\/json/);
    expect(bodyOf(result)).toEqual(damascus);
  });

  it('returns the record for a decoded key with its slashes (as API Gateway passes it)', async () => {
    const result = await handle(apiEvent(`/articles/${AWKWARD_KEY}`));
    expect(result.statusCode).toBe(200);
    expect((bodyOf(result).source as { key: string }).key).toBe(AWKWARD_KEY);
  });

  it('answers 404 with a message for a key without a record', async () => {
    const result = await handle(apiEvent('/articles/wires%2Fnothing.txt'));
    expect(result.statusCode).toBe(404);
    expect(bodyOf(result).message).toContain('wires/nothing.txt');
  });

  it('answers 400 for a key longer than S3 allows', async () => {
    const long = await handle(apiEvent(`/articles/${'ش'.repeat(600)}`));
    expect(long.statusCode).toBe(400);
    expect(bodyOf(long).message).toMatch(/1024 bytes/);
  });
});

describe('GET /articles', () => {
  it('lists summaries newest first with a cursor that continues the list', async () => {
    const first = await handle(apiEvent('/articles', { since: '2015', limit: '2' }));
    expect(first.statusCode).toBe(200);
    const page = bodyOf(first) as { articles: { key: string; title: string | null; language: string }[]; cursor: string | null };
    expect(page.articles.map((a) => a.key)).toEqual([damascus.source.key, hostile.source.key]);
    expect(page.articles[0]).toMatchObject({ title: damascus.title, language: 'ar', agency: 'SANA', published: '2015-09-30', status: 'ok' });
    expect(page.cursor).toEqual(expect.any(String));

    const second = bodyOf(await handle(apiEvent('/articles', { since: '2015', limit: '2', cursor: page.cursor! }))) as typeof page;
    expect(second.articles.map((a) => a.key)).toEqual([english.source.key]);
    expect(second.cursor).toBeNull();
  });

  it('filters by agency and by language', async () => {
    const reuters = bodyOf(await handle(apiEvent('/articles', { agency: 'reuters', since: '2015' }))) as { articles: { key: string }[] };
    expect(reuters.articles.map((a) => a.key)).toEqual([english.source.key]);
    const arabic = bodyOf(await handle(apiEvent('/articles', { lang: 'ar', since: '2015-09-01', until: '2015-09-20' }))) as { articles: { key: string }[] };
    expect(arabic.articles.map((a) => a.key)).toEqual([hostile.source.key]);
  });

  it.each([
    [{ since: '2015-13' }, /since/],
    [{ limit: '1000' }, /limit/],
    [{ lang: 'ar', agency: 'SANA' }, /cannot be combined/],
    [{ color: 'red' }, /color/],
    [{ cursor: 'not-a-cursor' }, /cursor/],
  ])('answers 400 with a clear message for %j', async (query, message) => {
    const result = await handle(apiEvent('/articles', query));
    expect(result.statusCode).toBe(400);
    expect(bodyOf(result).message).toMatch(message);
  });
});

describe('other requests', () => {
  it('serves an HTML list that escapes article text and forbids scripts', async () => {
    const result = await handle(apiEvent('/'));
    expect(result.statusCode).toBe(200);
    expect(result.headers['content-type']).toMatch(/^text\/html/);
    expect(result.headers['content-security-policy']).toMatch(/default-src 'none'/);
    expect(result.headers['content-security-policy']).not.toMatch(/script-src/);
    expect(result.body).not.toContain('<script>');
    expect(result.body).not.toContain('<b>bold</b>');
    expect(result.body).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &quot;quotes&quot;');
    expect(result.body).toContain(`href="/articles/${encodeURIComponent(AWKWARD_KEY)}"`);
  });

  it('answers 405 to anything but GET and 404 to unknown paths', async () => {
    const post = await handle(apiEvent('/articles', {}, 'POST'));
    expect(post.statusCode).toBe(405);
    expect(post.headers.allow).toBe('GET');
    expect((await handle(apiEvent('/admin'))).statusCode).toBe(404);
  });

  it('answers 500 without details and logs the cause when the database is down', async () => {
    const local = await startServers();
    const failing = createApiHandler({ queries: createArticleQueries({ doc: local.doc, tableName: local.tableName }), logger });
    await local.stopDynamo();
    try {
      logged.length = 0;
      const result = await failing(apiEvent(`/articles/${encodeURIComponent(AWKWARD_KEY)}`));
      expect(result.statusCode).toBe(500);
      expect(bodyOf(result)).toEqual({ message: 'internal error' });
      expect(logged.join('\n')).toMatch(/request failed.*\/articles\//);
    } finally {
      await local.stop();
    }
  });
});

describe('configuration', () => {
  it('needs TABLE_NAME and names it when it is missing', () => {
    expect(() => readApiConfig({})).toThrowError(ConfigError);
    expect(() => readApiConfig({})).toThrowError(/TABLE_NAME/);
    expect(readApiConfig({ TABLE_NAME: 'dateline-articles' })).toEqual({ tableName: 'dateline-articles' });
  });
});

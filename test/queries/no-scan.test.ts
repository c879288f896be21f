/**
 * Every read query against the whole local stack, with a recording proxy between the DynamoDB
 * client and dynalite: the proof, on the wire, that readers only ever send GetItem, Query and
 * BatchGetItem (a batch of GetItems by key, used to check entity hits against their articles): no Scan. Articles go in as users put them: files dropped into the stack's S3 and
 * ingested, plus hand-built records written through the real store.
 */
import { once } from 'node:events';
import { readFile } from 'node:fs/promises';
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDynamoClients, type DynamoClients } from '../../adapters/clients';
import { createArticleQueries } from '../../adapters/queries';
import { createApiHandler } from '../../functions/api';
import { parseEntityQuery, parseListQuery, type ArticleQueries } from '../../shared/queries';
import { makeDataDir, removeDataDir, startTestStack, type TestStack } from '../local/helpers';
import { BRIDGE, BRIDGE_KEY, REPOST, REPOST_KEY, WATER, WATER_KEY } from '../web/records';
import { apiEvent } from '../api/events';

const REPO_ROOT = path.resolve(import.meta.dirname, '..', '..');
const NOW = new Date('2016-04-01T00:00:00Z');

let dataDir: string;
let stack: TestStack;
let proxy: Server;
let clients: DynamoClients;
let queries: ArticleQueries;
/** `X-Amz-Target` of every request the readers sent, e.g. `DynamoDB_20120810.Query`. */
const operations: string[] = [];

/** Forwards every request to dynalite unchanged and remembers which operation it was. */
async function startRecordingProxy(target: string): Promise<Server> {
  const { hostname, port } = new URL(target);
  const server = createServer((req, res) => {
    operations.push(String(req.headers['x-amz-target'] ?? 'unknown'));
    const upstream = request({ hostname, port, method: req.method, path: req.url, headers: req.headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    upstream.on('error', () => res.destroy());
    req.pipe(upstream);
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return server;
}

beforeAll(async () => {
  dataDir = await makeDataDir();
  stack = await startTestStack({ dataDir });
  for (const record of [BRIDGE, WATER, REPOST]) await stack.store.put(record);
  await stack.settle();
  for (const name of ['comment-field-exploit.txt']) {
    const body = await readFile(path.join(REPO_ROOT, 'test', 'fixtures', 'web', name));
    await stack.s3.send(new PutObjectCommand({ Bucket: stack.stack.bucket, Key: `dropped/${name}`, Body: body }));
  }
  await stack.settle();
  proxy = await startRecordingProxy(stack.stack.endpoints.dynamodb);
  clients = createDynamoClients({ endpoint: `http://127.0.0.1:${(proxy.address() as AddressInfo).port}` });
  queries = createArticleQueries({ doc: clients.doc, tableName: stack.stack.table, now: () => new Date() });
}, 120_000);

afterAll(async () => {
  clients?.client.destroy();
  proxy?.closeAllConnections();
  proxy?.close();
  await stack?.stop();
  if (dataDir) await removeDataDir(dataDir);
});

describe('every read path', () => {
  it('answers from GetItem, Query and BatchGetItem only', async () => {
    operations.length = 0;
    // By key.
    expect((await queries.getArticle(BRIDGE_KEY))?.title).toBe(BRIDGE.title);
    expect(await queries.getArticle('no/such/key.txt')).toBeNull();
    // Lists: all, by agency, by language, with dates, and a second page through a cursor.
    const dated = createArticleQueries({ doc: clients.doc, tableName: stack.stack.table, now: () => NOW });
    // The English article states no date: it is listed after the dated ones, and alone with `undated`.
    expect((await dated.listArticles(parseListQuery({}))).articles.map((a) => a.key)).toEqual([REPOST_KEY, BRIDGE_KEY, WATER_KEY, 'dropped/comment-field-exploit.txt']);
    expect((await dated.listArticles(parseListQuery({ undated: true }))).articles.map((a) => a.key)).toEqual(['dropped/comment-field-exploit.txt']);
    expect((await queries.listArticles(parseListQuery({ agency: 'SANA', since: '2016' }))).articles.map((a) => a.key)).toEqual([BRIDGE_KEY, WATER_KEY]);
    const first = await queries.listArticles(parseListQuery({ lang: 'ar', since: '2016-01', until: '2016-03', limit: 1 }));
    const second = await queries.listArticles(parseListQuery({ lang: 'ar', since: '2016-01', until: '2016-03', limit: 1, cursor: first.cursor! }));
    expect([...first.articles, ...second.articles].map((a) => a.key)).toEqual([REPOST_KEY, BRIDGE_KEY]);
    expect((await queries.listArticles(parseListQuery({ lang: 'en' }))).articles.map((a) => a.key)).toEqual(['dropped/comment-field-exploit.txt']);
    // By entity, each type, and by a person's surname.
    const person = await queries.findByEntity(parseEntityQuery({ type: 'person', name: 'دياب' }));
    expect(person.hits.map((h) => h.article.key)).toEqual([REPOST_KEY, BRIDGE_KEY]);
    const org = await queries.findByEntity(parseEntityQuery({ type: 'org', name: 'جامعة حلب' }));
    expect(org.hits.map((h) => h.article.key)).toEqual([REPOST_KEY, BRIDGE_KEY]);
    const place = await queries.findByEntity(parseEntityQuery({ type: 'place', name: 'حلب', limit: 2 }));
    const more = await queries.findByEntity(parseEntityQuery({ type: 'place', name: 'حلب', limit: 2, cursor: place.cursor! }));
    expect([...place.hits, ...more.hits].map((h) => h.article.key)).toEqual([REPOST_KEY, BRIDGE_KEY, WATER_KEY]);
    // Near-duplicates.
    expect((await queries.findDuplicates(REPOST_KEY))?.duplicates.map((d) => d.key)).toEqual([BRIDGE_KEY]);
    // The HTTP API and the web page on top of the same queries.
    const api = createApiHandler({ queries });
    for (const [route, query] of [
      [`/articles/${encodeURIComponent(BRIDGE_KEY)}`, {}],
      ['/articles', { agency: 'SANA', since: '2016' }],
      [`/articles/${encodeURIComponent(REPOST_KEY)}/duplicates`, {}],
      [`/entities/place/${encodeURIComponent('حلب')}/articles`, {}],
      ['/', {}],
      [`/article/${encodeURIComponent(BRIDGE_KEY)}`, {}],
      [`/entity/person/${encodeURIComponent('رنا العلي')}`, {}],
    ] as const) {
      expect((await api(apiEvent(route, query))).statusCode, route).toBe(200);
    }

    const kinds = new Set(operations.map((o) => o.replace(/^DynamoDB_\d+\./, '')));
    expect([...kinds].sort()).toEqual(['BatchGetItem', 'GetItem', 'Query']);
    expect(operations.some((o) => /Scan/.test(o))).toBe(false);
  });
});

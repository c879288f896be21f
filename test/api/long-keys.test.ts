/**
 * Paging over articles whose keys are as long as S3 allows: 1,000 bytes of Arabic, so that a cursor
 * that carried the key twice, or a sort key cut at 1,024 bytes, would show. Through the shared
 * query module, the API handler (JSON and the web page) and with forged cursors, against dynalite.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { runList } from '../../cli/commands/list';
import { createArticleQueries } from '../../adapters/queries';
import { createApiHandler } from '../../functions/api';
import { parseEntityQuery, parseListQuery, type ArticleQueries } from '../../shared/queries';
import { putProjected } from '../helpers/projection';
import { startServers, type TestServers } from '../helpers/servers';
import { sampleRecord } from '../ingest/records';
import { apiEvent } from './events';

const NOW = new Date('2016-03-15T12:00:00Z');
/** `wires/<n>/` (8 bytes) + 496 Arabic letters (2 bytes each); they differ early, as sort keys cut at 1,024 bytes must. */
const longKey = (n: number) => `wires/${n}/${'ش'.repeat(496)}`;
const KEYS = [1, 2, 3].map(longKey);
const pageSize = { limit: '1' };

let servers: TestServers;
let queries: ArticleQueries;
let handle: ReturnType<typeof createApiHandler>;

beforeAll(async () => {
  servers = await startServers({ bucket: 'dateline-long', tableName: 'dateline-long' });
  // Same month and the same published day: the keys alone order them, as far into the key as it takes.
  // Through the change feed, as the local stack writes: lists read the projection's period markers.
  await putProjected(servers.doc, servers.tableName, KEYS.map((key, i) => sampleRecord({ key, sequencer: `00560BDA9E1A2B3C4${i}` })));
  queries = createArticleQueries({ doc: servers.doc, tableName: servers.tableName, now: () => NOW });
  handle = createApiHandler({ queries, logger: { error: () => undefined } });
});
afterAll(() => servers?.stop());

it('the keys are 1,000 bytes', () => {
  expect(KEYS.map((k) => Buffer.byteLength(k))).toEqual([1000, 1000, 1000]);
});

describe('the query module', () => {
  it.each([
    ['every article', {}],
    ['by language', { lang: 'ar' }],
    ['by agency', { agency: 'SANA' }],
  ])('pages %s one at a time', async (_name, filter) => {
    const seen: string[] = [];
    let cursor: string | undefined;
    for (let page = 0; page < 5; page++) {
      const answer = await queries.listArticles(parseListQuery({ ...filter, limit: 1, cursor }));
      seen.push(...answer.articles.map((a) => a.key));
      if (answer.cursor === null) break;
      cursor = answer.cursor;
    }
    expect(seen.sort()).toEqual([...KEYS].sort());
  });

  it('pages a search by entity one at a time', async () => {
    const seen: string[] = [];
    let cursor: string | undefined;
    for (let page = 0; page < 5; page++) {
      const answer = await queries.findByEntity(parseEntityQuery({ type: 'place', name: 'دمشق', limit: 1, cursor }));
      seen.push(...answer.hits.map((h) => h.article.key));
      if (answer.cursor === null) break;
      cursor = answer.cursor;
    }
    expect(seen.sort()).toEqual([...KEYS].sort());
  });
});

describe('the API', () => {
  it('pages GET /articles with the cursor it hands out', async () => {
    const first = await handle(apiEvent('/articles', pageSize));
    const { cursor } = JSON.parse(first.body) as { cursor: string };
    expect(cursor).toEqual(expect.any(String));
    const second = await handle(apiEvent('/articles', { ...pageSize, cursor }));
    expect(second.statusCode).toBe(200);
    expect((JSON.parse(second.body) as { articles: unknown[] }).articles).toHaveLength(1);
  });

  it('pages the web page with such a cursor', async () => {
    // The page shows 20 articles, so three make no next link: the API's cursor (same filters) stands in.
    const { cursor } = JSON.parse((await handle(apiEvent('/articles', pageSize))).body) as { cursor: string };
    const page = await handle(apiEvent('/', { cursor }));
    expect(page.statusCode).toBe(200);
    expect(KEYS.filter((k) => page.body.includes(encodeURIComponent(k)))).toHaveLength(2);
  });

  it('answers 400, not 500, to a forged cursor pointing into another partition', async () => {
    const { cursor } = JSON.parse((await handle(apiEvent('/articles', pageSize))).body) as { cursor: string };
    const content = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as { m: string; p: Record<string, string>; f: string };
    const forged = (value: unknown) => Buffer.from(JSON.stringify(value), 'utf8').toString('base64url');
    const attempts = [
      // A position dated in another month than the partition the cursor names.
      { ...content, p: { ...content.p, d: '2014-01-05T00:00:00.000Z' } },
      // A partition outside the list's range.
      { ...content, m: '2099-01' },
      // A year where the list walks months.
      { ...content, m: '2015' },
      // The old shape: explicit start keys, one of them into another partition.
      { m: content.m, k: { pk: 'A#x', sk: 'A', datePk: 'D#1999-01', dateSk: '1999-01-01T00:00:00.000Z#x' }, f: content.f },
    ];
    for (const attempt of attempts) {
      const answer = await handle(apiEvent('/articles', { ...pageSize, cursor: forged(attempt) }));
      expect(answer.statusCode, JSON.stringify(attempt).slice(0, 80)).toBe(400);
      expect(JSON.parse(answer.body).message).toMatch(/^cursor:/);
    }
  });
});

describe('the CLI', () => {
  it('pages `dateline list --json` with the cursor line it prints', async () => {
    const options = { target: 'local' as const, json: true, stack: 'Dateline', table: servers.tableName, dynamodbPort: Number(new URL(servers.dynamoEndpoint).port), s3Port: Number(new URL(servers.s3Endpoint).port) };
    const seen: string[] = [];
    let cursor: string | null = null;
    for (let page = 0; page < 5; page++) {
      const out: string[] = [];
      const write = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => out.push(String(chunk)) > 0);
      try {
        expect(await runList({ limit: '1', ...(cursor ? { cursor } : {}) }, options)).toBe(0);
      } finally {
        write.mockRestore();
      }
      const lines = out.join('').trim().split('\n').map((line) => JSON.parse(line) as { key?: string; cursor?: string | null });
      seen.push(...lines.flatMap((l) => (l.key ? [l.key] : [])));
      cursor = lines.at(-1)!.cursor ?? null;
      if (cursor === null) break;
    }
    expect(seen.sort()).toEqual([...KEYS].sort());
  });
});

/**
 * The api handler with API Gateway HTTP API (payload 2.0) events, over the real queries and
 * dynalite. Events are built the way API Gateway builds them; the records go in through the store.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDynamoStore } from '../../adapters/dynamo-store';
import { putProjected } from '../helpers/projection';
import { createArticleQueries } from '../../adapters/queries';
import { ConfigError } from '../../functions/commons/config';
import { createApiHandler, readApiConfig, type ApiLogger } from '../../functions/api';
import type { ArticleRecord } from '../../shared/record';
import { startServers, type TestServers } from '../helpers/servers';
import { sampleRecord } from '../ingest/records';
import { BRIDGE, BRIDGE_KEY, REPOST, REPOST_KEY } from '../web/records';
import { apiEvent } from './events';

const NOW = new Date('2016-03-15T12:00:00Z');
const AWKWARD_KEY = 'wires/2015/دمشق + حلب 100%.txt';
/** A key that reads as percent-encoded but is not: decoded twice it would become `…/100A.txt`. */
const ESCAPE_LIKE_KEY = 'wires/2015/100%41.txt';

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
  entities: { person: [], organization: [], place: [{ name: 'Geneva', normalized: 'geneva', aliases: ['GENEVA'], mentions: 2 }] },
};

let servers: TestServers;
const logged: string[] = [];
const logger: ApiLogger = { error: (message, details) => logged.push(`${message} ${JSON.stringify(details)}`) };
let handle: ReturnType<typeof createApiHandler>;

beforeAll(async () => {
  servers = await startServers();
  await putProjected(servers.doc, servers.tableName, [damascus, hostile, english, BRIDGE, REPOST]);
  handle = createApiHandler({ queries: createArticleQueries({ doc: servers.doc, tableName: servers.tableName, now: () => NOW }), logger });
});
afterAll(() => servers?.stop());

const bodyOf = (result: { body: string }) => JSON.parse(result.body) as Record<string, unknown>;

describe('GET /articles/{key}', () => {
  it('returns the record for a percent-encoded key (decoded once on the way, as API Gateway and the local server do)', async () => {
    const result = await handle(apiEvent(`/articles/${encodeURIComponent(AWKWARD_KEY)}`));
    expect(result.statusCode).toBe(200);
    expect(result.headers['content-type']).toMatch(/^application\/json/);
    expect(bodyOf(result)).toEqual(damascus);
  });

  it('reads the key as the gateway hands it, never decoding it a second time', async () => {
    const store = createDynamoStore({ doc: servers.doc, tableName: servers.tableName });
    await store.put(sampleRecord({ key: ESCAPE_LIKE_KEY, sequencer: '0000000000000000AA' }));
    try {
      const result = await handle(apiEvent(`/articles/${encodeURIComponent(ESCAPE_LIKE_KEY)}`));
      expect(result.statusCode).toBe(200);
      expect((bodyOf(result).source as { key: string }).key).toBe(ESCAPE_LIKE_KEY);
    } finally {
      // The other tests list this table: leave only a tombstone, which no list shows.
      await store.remove({ bucket: 'dateline-test', key: ESCAPE_LIKE_KEY, sequencer: '0000000000000000AB', at: NOW.toISOString() });
    }
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
    const first = await handle(apiEvent('/articles', { since: '2015', until: '2015', limit: '2' }));
    expect(first.statusCode).toBe(200);
    const page = bodyOf(first) as { articles: { key: string; title: string | null; language: string }[]; cursor: string | null };
    expect(page.articles.map((a) => a.key)).toEqual([damascus.source.key, hostile.source.key]);
    expect(page.articles[0]).toMatchObject({ title: damascus.title, language: 'ar', agency: 'SANA', published: '2015-09-30', status: 'ok' });
    expect(page.cursor).toEqual(expect.any(String));

    const second = bodyOf(await handle(apiEvent('/articles', { since: '2015', until: '2015', limit: '2', cursor: page.cursor! }))) as typeof page;
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
    [{ color: 'red' }, /color/],
    [{ cursor: 'not-a-cursor' }, /cursor/],
  ])('answers 400 with a clear message for %j', async (query, message) => {
    const result = await handle(apiEvent('/articles', query));
    expect(result.statusCode).toBe(400);
    expect(bodyOf(result).message).toMatch(message);
  });
});

describe('GET /articles/{key}/duplicates', () => {
  it('lists the near-duplicates with their summaries', async () => {
    const result = await handle(apiEvent(`/articles/${encodeURIComponent(REPOST_KEY)}/duplicates`));
    expect(result.statusCode).toBe(200);
    const body = bodyOf(result) as { key: string; duplicates: { key: string; distance: number; article: { headline: string } | null }[] };
    expect(body.key).toBe(REPOST_KEY);
    expect(body.duplicates).toEqual([{ key: BRIDGE_KEY, id: BRIDGE.id, distance: 2, article: expect.objectContaining({ key: BRIDGE_KEY, headline: BRIDGE.title }) }]);
  });

  it('reads a decoded key with slashes (as API Gateway passes it)', async () => {
    const result = await handle(apiEvent(`/articles/${REPOST_KEY}/duplicates`));
    expect(result.statusCode).toBe(200);
    expect((bodyOf(result) as { key: string }).key).toBe(REPOST_KEY);
  });

  it('answers an empty list for an article without near-duplicates, 404 for an unknown key', async () => {
    const none = await handle(apiEvent(`/articles/${encodeURIComponent(AWKWARD_KEY)}/duplicates`));
    expect(none.statusCode).toBe(200);
    expect(bodyOf(none).duplicates).toEqual([]);
    const unknown = await handle(apiEvent('/articles/wires%2Fnothing.txt/duplicates'));
    expect(unknown.statusCode).toBe(404);
    expect(bodyOf(unknown).message).toContain('wires/nothing.txt');
  });
});

describe('GET /entities/{type}/{name}/articles', () => {
  type EntityAnswer = { entity: { type: string; name: string; key: string }; articles: { key: string; entity: { name: string; role: string | null } }[]; cursor: string | null };
  const find = async (type: string, name: string, query: Record<string, string> = {}) => {
    const result = await handle(apiEvent(`/entities/${type}/${encodeURIComponent(name)}/articles`, query));
    return { status: result.statusCode, body: bodyOf(result) as unknown as EntityAnswer & { message?: string } };
  };

  it('finds the articles naming a person, newest first, by the full name or the surname alone', async () => {
    const full = await find('person', 'سامر الخطيب');
    expect(full.status).toBe(200);
    expect(full.body.articles.map((a) => a.key)).toEqual([AWKWARD_KEY, hostile.source.key]);
    expect(full.body.articles[0]!.entity).toMatchObject({ name: 'سامر الخطيب', role: 'مدير المعرض' });
    const surname = await find('person', 'الخطيب');
    expect(surname.body.articles.map((a) => a.key)).toEqual([AWKWARD_KEY, hostile.source.key]);
  });

  it('matches after normalisation: hamza and alef forms, ta marbuta, diacritics, case', async () => {
    const ministry = await find('organization', 'وزاره الثقافة');
    // The key searched is the name's cross-script key (docs/keys.md); hits are checked against the names written.
    expect(ministry.body.entity).toEqual({ type: 'organization', name: 'وزاره الثقافة', key: '~wzr tkf' });
    expect(ministry.body.articles.map((a) => a.key)).toEqual([AWKWARD_KEY, hostile.source.key]);
    const genevaLower = await find('place', 'geneva');
    expect(genevaLower.body.articles.map((a) => a.key)).toEqual([english.source.key]);
    const voweled = await find('place', 'دِمَشْق');
    expect(voweled.body.articles.map((a) => a.key)).toEqual([AWKWARD_KEY, hostile.source.key]);
  });

  it('pages with a cursor and takes since/until', async () => {
    const first = await find('place', 'دمشق', { limit: '1' });
    expect(first.body.articles.map((a) => a.key)).toEqual([AWKWARD_KEY]);
    const second = await find('place', 'دمشق', { limit: '1', cursor: first.body.cursor! });
    expect(second.body.articles.map((a) => a.key)).toEqual([hostile.source.key]);
    // Full in the oldest year: the entity's undated partition (none here) is what a next page reads.
    const third = await find('place', 'دمشق', { limit: '1', cursor: second.body.cursor! });
    expect(third.body).toMatchObject({ articles: [], cursor: null });
    const september = await find('place', 'دمشق', { since: '2015-09-13', until: '2015-09-30' });
    expect(september.body.articles.map((a) => a.key)).toEqual([AWKWARD_KEY]);
  });

  it('answers an empty list for a name no article has', async () => {
    const nobody = await find('person', 'فلان الفلاني');
    expect(nobody.status).toBe(200);
    expect(nobody.body.articles).toEqual([]);
    expect(nobody.body.cursor).toBeNull();
  });

  it.each([
    ['planet', 'دمشق', {}, /type: expected one of person, organization, place/],
    // Names every object has by its prototype are not entity types.
    ['constructor', 'دمشق', {}, /type: expected one of/],
    ['toString', 'دمشق', {}, /type: expected one of/],
    ['__proto__', 'دمشق', {}, /type: expected one of/],
    ['place', 'د', {}, /name: needs at least two letters/],
    ['place', 'دمشق', { since: 'soon' }, /since/],
    ['place', 'دمشق', { limit: '0' }, /limit/],
    ['place', 'دمشق', { sort: 'asc' }, /sort/],
    ['place', 'دمشق', { cursor: 'bm90IGEgY3Vyc29y' }, /cursor/],
  ])('answers 400 for type %s, name %s, %j', async (type, name, query, message) => {
    const result = await find(type, name, query);
    expect(result.status).toBe(400);
    expect(result.body.message).toMatch(message);
  });

  it('refuses a cursor of another entity', async () => {
    const first = await find('place', 'دمشق', { limit: '1' });
    const other = await find('person', 'الخطيب', { limit: '1', cursor: first.body.cursor! });
    expect(other.status).toBe(400);
    expect(other.body.message).toMatch(/other filters/);
  });

  it('answers 404 for a path that is not an entity search', async () => {
    expect((await handle(apiEvent('/entities/place/دمشق'))).statusCode).toBe(404);
    expect((await handle(apiEvent('/entities/place'))).statusCode).toBe(404);
  });
});

describe('the web page', () => {
  const CSP = "default-src 'self'; script-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

  it('serves the list as HTML that escapes article text, under a policy that forbids inline script', async () => {
    const result = await handle(apiEvent('/'));
    expect(result.statusCode).toBe(200);
    expect(result.headers['content-type']).toMatch(/^text\/html/);
    expect(result.headers['content-security-policy']).toBe(CSP);
    expect(result.body).not.toContain('<b>bold</b>');
    expect(result.body).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &quot;quotes&quot;');
    expect(result.body).toContain(`href="/article/${encodeURIComponent(AWKWARD_KEY)}"`);
    // The only script is the page's own file; there is no inline script or handler at all.
    expect(result.body.match(/<script\b[^>]*>/g)).toEqual(['<script src="/assets/dateline.js" defer>']);
    expect(result.body).not.toMatch(/\son[a-z]+=/i);
  });

  it('serves an article page with the text right-to-left, entities marked and linked, and the source', async () => {
    const result = await handle(apiEvent(`/article/${encodeURIComponent(AWKWARD_KEY)}`));
    expect(result.statusCode).toBe(200);
    expect(result.headers['content-security-policy']).toBe(CSP);
    expect(result.body).toMatch(/<section class="text" id="text" dir="rtl" lang="ar"/);
    expect(result.body).toContain(
      `<mark class="entity place" data-entity="place:دمشق"><a href="/entity/place/${encodeURIComponent('دمشق')}">دمشق</a></mark>`,
    );
    expect(result.body).toContain('<span class="role">مدير المعرض</span>');
    expect(result.body).toContain('<dd dir="auto">wires/2015/دمشق + حلب 100%.txt</dd>');
  });

  it('escapes a hostile title on the article page too', async () => {
    const result = await handle(apiEvent(`/article/${encodeURIComponent(hostile.source.key)}`));
    expect(result.statusCode).toBe(200);
    expect(result.body).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
    expect(result.body).not.toContain('<script>alert');
    expect(result.body).toContain('&lt;b&gt;bold&lt;/b&gt;');
  });

  it('serves an entity page listing its articles', async () => {
    const result = await handle(apiEvent(`/entity/person/${encodeURIComponent('الخطيب')}`));
    expect(result.statusCode).toBe(200);
    expect(result.body).toContain(`href="/article/${encodeURIComponent(AWKWARD_KEY)}"`);
    expect(result.body).toContain(`href="/article/${encodeURIComponent(hostile.source.key)}"`);
  });

  it('answers bad filters with the form and a message (400), unknown articles with 404, as HTML', async () => {
    const bad = await handle(apiEvent('/', { since: '2015-13' }));
    expect(bad.statusCode).toBe(400);
    expect(bad.headers['content-type']).toMatch(/^text\/html/);
    expect(bad.body).toMatch(/role="alert"><bdi>since: expected a date/);
    const missing = await handle(apiEvent('/article/nothing%2Fhere.txt'));
    expect(missing.statusCode).toBe(404);
    expect(missing.body).toContain('nothing/here.txt');
    expect((await handle(apiEvent('/entity/planet/x'))).statusCode).toBe(400);
  });

  it('serves its stylesheet and script as files', async () => {
    const css = await handle(apiEvent('/assets/dateline.css'));
    expect(css.statusCode).toBe(200);
    expect(css.headers['content-type']).toMatch(/^text\/css/);
    const js = await handle(apiEvent('/assets/dateline.js'));
    expect(js.statusCode).toBe(200);
    expect(js.headers['content-type']).toMatch(/^text\/javascript/);
    expect(js.body).not.toMatch(/innerHTML|outerHTML|insertAdjacentHTML|document\.write|eval\(/);
  });
});

describe('other requests', () => {
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
    expect(readApiConfig({ TABLE_NAME: 'dateline-articles' })).toEqual({ tableName: 'dateline-articles', signIn: null, records: null });
  });
});

/**
 * The shared read queries against dynalite: records go in through the real store (the ingest write
 * path), lists come back through the byAgency / byLanguage / byDate GSIs, month by month, newest
 * first, in cursor pages. The dates are chosen so that lists cross months, years and a long gap.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectedStore, putProjected } from '../helpers/projection';
import { createArticleQueries } from '../../adapters/queries';
import { InvalidQueryError, parseListQuery, type ArticleQueries } from '../../shared/queries';
import type { ArticleRecord } from '../../shared/record';
import { startServers, type TestServers } from '../helpers/servers';
import { sampleRecord } from '../ingest/records';

/** The clock lists start from: every fixture is older. */
const NOW = new Date('2016-03-15T12:00:00Z');

interface Fixture {
  key: string;
  published: string | null;
  uploadedAt?: string;
  lang?: 'ar' | 'en' | 'und';
  agency?: { raw: string; agency: string | null; agencyCode: string | null } | null;
  status?: ArticleRecord['status'];
}

const SANA = { raw: 'دمشق – سانا', agency: 'سانا', agencyCode: 'SANA' };
const SPA = { raw: 'الرياض 25 شوال 1436 هـ الموافق 10 أغسطس 2015 م واس', agency: 'واس', agencyCode: 'SPA' };
const AFP = { raw: 'PARIS (AFP) -', agency: 'AFP', agencyCode: 'AFP' };
const REUTERS = { raw: 'NEW YORK, Feb 26 -', agency: 'Reuters', agencyCode: 'Reuters' };

// Newest first, as every unfiltered list must return them: the dated by their date of record, then
// the undated (listed apart, in upload order).
const FIXTURES: Fixture[] = [
  { key: 'wires/2016/paris-talks.txt', published: '2016-02-03T09:30:00Z', lang: 'en', agency: AFP },
  { key: 'wires/2016/صحافة.txt', published: '2016-01-20', agency: null },
  { key: 'wires/2015/دمشق مساء.txt', published: '2015-09-30T23:10:00Z', agency: SANA },
  { key: 'wires/2015/damascus+fair.txt', published: '2015-09-30', agency: SANA },
  { key: 'wires/2015/حلب.txt', published: '2015-09-12', agency: SANA },
  { key: 'wires/2015/اللاذقية 100%.txt', published: '2015-09-01', agency: SANA },
  { key: 'wires/2015/riyadh.txt', published: '2015-08-10', agency: SPA },
  { key: 'wires/2015/homs.txt', published: '2015-08-02', agency: SANA },
  { key: 'archive/1987/grain.txt', published: '1987-02-26', lang: 'en', agency: REUTERS },
  { key: 'wires/2015/no-date.txt', published: null, uploadedAt: '2015-07-04T10:00:00Z', agency: SANA },
  { key: 'junk/empty.txt', published: null, uploadedAt: '2015-07-01T08:00:00Z', lang: 'und', agency: null, status: 'rejected' },
];
const dated = (f: Fixture): boolean => f.published !== null;
const NEWEST_FIRST = FIXTURES.map((f) => f.key);

function recordOf(f: Fixture): ArticleRecord {
  const lang = f.lang ?? 'ar';
  const base = sampleRecord({ key: f.key });
  return {
    ...base,
    status: f.status ?? 'ok',
    language: lang === 'ar' ? base.language : { code: lang, confidence: lang === 'und' ? 0 : 0.95, script: lang === 'und' ? 'Zyyy' : 'Latn', direction: 'ltr' },
    dateline: f.agency === undefined ? base.dateline : f.agency === null ? null : { ...f.agency, place: null, date: null },
    published: f.published === null ? null : { value: f.published, source: 'text' },
    source: { ...base.source, uploadedAt: f.uploadedAt ?? '2016-03-01T00:00:00Z' },
  };
}

let servers: TestServers;
let queries: ArticleQueries;

beforeAll(async () => {
  servers = await startServers();
  await putProjected(servers.doc, servers.tableName, FIXTURES.map(recordOf));
  queries = createArticleQueries({ doc: servers.doc, tableName: servers.tableName, now: () => NOW });
});
afterAll(() => servers?.stop());

/** Counts the Query requests sent from now on; the returned function reads the count. */
function countQueries(): () => number {
  let count = 0;
  const name = `count-queries-${Math.random()}`;
  servers.doc.middlewareStack.add(
    (next, context) => async (args) => {
      if (context.commandName === 'QueryCommand') count++;
      return next(args);
    },
    { step: 'initialize', name },
  );
  return () => {
    servers.doc.middlewareStack.remove(name);
    return count;
  };
}

/** Follows cursors until the list ends (bounded: a runaway cursor fails the test). */
async function allPages(query: Record<string, unknown>): Promise<{ keys: string[]; pages: number }> {
  const keys: string[] = [];
  let cursor: string | undefined;
  for (let pages = 1; pages <= 50; pages++) {
    const page = await queries.listArticles(parseListQuery({ ...query, cursor }));
    keys.push(...page.articles.map((a) => a.key));
    if (page.cursor === null) return { keys, pages };
    cursor = page.cursor;
  }
  throw new Error('the list did not end within 50 pages');
}

describe('getArticle', () => {
  it('returns the record for a key with slashes, spaces, + and % and Arabic letters', async () => {
    const record = await queries.getArticle('wires/2015/اللاذقية 100%.txt');
    expect(record?.source.key).toBe('wires/2015/اللاذقية 100%.txt');
    expect(record?.dateline?.agencyCode).toBe('SANA');
  });

  it('returns null for a key never stored', async () => {
    expect(await queries.getArticle('wires/2015/nothing-here.txt')).toBeNull();
  });
});

describe('listArticles', () => {
  it('lists every article newest first across months and years (byDate), empty months costing nothing', async () => {
    const queriesSent = countQueries();
    const page = await queries.listArticles(parseListQuery({ limit: 100 }));
    // Month markers name the 5 months that hold dated articles (1987-02 one of them): one marker
    // Query (and beside it a guess at the current month, 2016-03, which holds nothing), then only
    // those months, however many empty months lie between, then the undated partition.
    expect(page.articles.map((a) => a.key)).toEqual(NEWEST_FIRST);
    expect(page.cursor).toBeNull();
    expect(queriesSent()).toBe(1 + 1 + 6);
  });

  it('pages with cursors without losing or repeating an article', async () => {
    const { keys, pages } = await allPages({ limit: 3 });
    expect(keys).toEqual(NEWEST_FIRST);
    expect(pages).toBeGreaterThanOrEqual(4);
  });

  it('continues inside a month when a page ends in the middle of it', async () => {
    const first = await queries.listArticles(parseListQuery({ since: '2015-09-01', until: '2015-09-30', limit: 2 }));
    expect(first.articles.map((a) => a.key)).toEqual(NEWEST_FIRST.slice(2, 4));
    const queriesSent = countQueries();
    const second = await queries.listArticles(parseListQuery({ since: '2015-09-01', until: '2015-09-30', limit: 2, cursor: first.cursor! }));
    // The month the cursor names is read beside the markers, not after them: one round trip.
    expect(queriesSent()).toBe(2);
    expect(second.articles.map((a) => a.key)).toEqual(NEWEST_FIRST.slice(4, 6));
    // September is exhausted and `since` is September: nothing older may follow.
    expect(second.cursor).toBeNull();
  });

  it('lists one agency, matching its code in any case, and only that agency', async () => {
    const upper = await allPages({ agency: 'SANA', since: '2015', limit: 4 });
    const lower = await allPages({ agency: 'sana', since: '2015', limit: 4 });
    const expected = FIXTURES.filter((f) => f.agency?.agencyCode === 'SANA' && dated(f)).map((f) => f.key);
    expect(upper.keys).toEqual(expected);
    expect(lower.keys).toEqual(expected);
    expect((await allPages({ agency: 'SPA', since: '2015', limit: 10 })).keys).toEqual(['wires/2015/riyadh.txt']);
  });

  it('lists one language', async () => {
    const english = await allPages({ lang: 'en', since: '1987-02', limit: 5 });
    expect(english.keys).toEqual(['wires/2016/paris-talks.txt', 'archive/1987/grain.txt']);
    const arabic = await allPages({ lang: 'ar', since: '2015', limit: 5 });
    expect(arabic.keys).toEqual(FIXTURES.filter((f) => (f.lang ?? 'ar') === 'ar' && dated(f)).map((f) => f.key));
  });

  it('takes whole days, months and years as since/until bounds', async () => {
    const september = await allPages({ since: '2015-09', until: '2015-09', limit: 10 });
    expect(september.keys).toEqual(NEWEST_FIRST.slice(2, 6));
    // An article at 23:10 UTC on the last day is still "until 2015-09-30".
    const lastDay = await allPages({ since: '2015-09-30', until: '2015-09-30', limit: 10 });
    expect(lastDay.keys).toEqual(['wires/2015/دمشق مساء.txt', 'wires/2015/damascus+fair.txt']);
    const year = await allPages({ since: '2015', until: '2015', agency: 'SANA', limit: 10 });
    expect(year.keys).toEqual(FIXTURES.filter((f) => f.agency?.agencyCode === 'SANA' && dated(f)).map((f) => f.key));
    const instant = await allPages({ since: '2015-09-30T23:00:00Z', limit: 10 });
    expect(instant.keys).toEqual(NEWEST_FIRST.slice(0, 3));
  });

  it('never dates an article without a date of record by its upload: it is listed apart', async () => {
    // Uploaded in July 2015, but that is not when they were published.
    expect((await allPages({ since: '2015-07', until: '2015-07', limit: 10 })).keys).toEqual([]);
    expect((await allPages({ until: '2030', limit: 10 })).keys).toEqual(FIXTURES.filter(dated).map((f) => f.key));
    expect((await allPages({ undated: true, limit: 1 })).keys).toEqual(['wires/2015/no-date.txt', 'junk/empty.txt']);
    expect((await allPages({ undated: 'true', agency: 'SANA', limit: 10 })).keys).toEqual(['wires/2015/no-date.txt']);
    expect((await allPages({ undated: true, lang: 'und', limit: 10 })).keys).toEqual(['junk/empty.txt']);
    const [summary] = (await queries.listArticles(parseListQuery({ undated: true, limit: 1 }))).articles;
    expect(summary).toMatchObject({ key: 'wires/2015/no-date.txt', published: null, uploadedAt: '2015-07-04T10:00:00Z' });
  });

  it('reaches an article decades before the rest in one page', async () => {
    const page = await queries.listArticles(parseListQuery({ until: '2014-12', limit: 10 }));
    expect(page.articles.map((a) => a.key)).toEqual(['archive/1987/grain.txt']);
    expect(page.cursor).toBeNull();
  });

  it('drops a deleted article from every list', async () => {
    const projected = await projectedStore(servers.doc, servers.tableName);
    const store = projected.store;
    const extra = recordOf({ key: 'wires/2016/to-delete.txt', published: '2016-02-10', agency: SANA });
    await store.put(extra);
    await projected.settle();
    expect((await allPages({ agency: 'SANA', since: '2016', limit: 10 })).keys).toEqual(['wires/2016/to-delete.txt']);
    await store.remove({ bucket: extra.source.bucket, key: extra.source.key, sequencer: 'FFFFFFFFFFFFFFFFFF', at: '2016-02-11T00:00:00Z' });
    await projected.stop();
    expect((await allPages({ agency: 'SANA', since: '2016', limit: 10 })).keys).toEqual([]);
    expect(await queries.getArticle('wires/2016/to-delete.txt')).toBeNull();
  });
});

describe('bad list queries', () => {
  it.each([
    [{ since: '2015-13' }, /since/],
    [{ until: '2015-02-30' }, /until/],
    [{ since: 'yesterday' }, /since/],
    [{ since: '2015-10', until: '2015-09' }, /since is after until/],
    [{ lang: 'Arabic' }, /lang/],
    [{ limit: 0 }, /limit/],
    [{ limit: 101 }, /limit/],
    [{ limit: 'ten' }, /limit/],
    [{ sort: 'asc' }, /sort/],
    [{ undated: 'yes' }, /undated/],
    [{ undated: true, since: '2015' }, /undated cannot be combined with since or until/],
  ])('refuses %j', (raw, message) => {
    expect(() => parseListQuery(raw)).toThrowError(InvalidQueryError);
    expect(() => parseListQuery(raw)).toThrowError(message);
  });

  it('refuses a cursor that is not one', async () => {
    await expect(queries.listArticles(parseListQuery({ cursor: 'bm90IGEgY3Vyc29y' }))).rejects.toThrowError(InvalidQueryError);
    await expect(queries.listArticles(parseListQuery({ cursor: '%%%' }))).rejects.toThrowError(InvalidQueryError);
  });

  it('refuses a cursor made for other filters', async () => {
    const page = await queries.listArticles(parseListQuery({ agency: 'SANA', limit: 1 }));
    expect(page.cursor).not.toBeNull();
    await expect(queries.listArticles(parseListQuery({ lang: 'ar', limit: 1, cursor: page.cursor! }))).rejects.toThrowError(/other filters/);
  });
});

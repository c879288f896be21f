/**
 * Entity index items kept in step with their article by the projector (functions/projector.ts,
 * fed by the local change feed), against dynalite: a replaced record's old names stop finding it,
 * a deleted one is found by nothing, a stale write leaves nothing behind, leftovers are not
 * listed, and an article projects at most 200 entity items.
 */
import { PutCommand, QueryCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createArticleQueries } from '../../adapters/queries';
import { entityKey, entityPartition, MAX_ENTITY_INDEX_ITEMS } from '../../shared/entity-items';
import { parseEntityQuery, type ArticleQueries } from '../../shared/queries';
import type { ArticleRecord, Entity } from '../../shared/record';
import type { ArticleStore } from '../../shared/ports';
import { projectedStore, type ProjectedStore } from '../helpers/projection';
import { startServers, type TestServers } from '../helpers/servers';
import { manyPeople, sampleRecord } from '../ingest/records';

const KEY = 'wires/2015/lifecycle.txt';
const person = (name: string, aliases: string[] = []): Entity => ({ name, normalized: name, aliases, mentions: 1 });

function version(sequencer: string, published: string, people: Entity[], key = KEY): ArticleRecord {
  return sampleRecord({ key, sequencer, published: { value: published, source: 'text' }, entities: { person: people, organization: [], place: [] } });
}

let servers: TestServers;
let projected: ProjectedStore;
let store: ArticleStore;
let queries: ArticleQueries;

const found = async (name: string) => (await queries.findByEntity(parseEntityQuery({ type: 'person', name }))).hits.map((h) => h.article.key);

beforeAll(async () => {
  servers = await startServers();
  projected = await projectedStore(servers.doc, servers.tableName);
  // Each write waits for its projection, as `dateline drop` does.
  const settled = <A extends unknown[]>(write: (...args: A) => Promise<'written' | 'stale'>) => async (...args: A) => {
    const outcome = await write(...args);
    await projected.settle();
    return outcome;
  };
  const raw = projected.store;
  store = { get: raw.get, holdsNewer: raw.holdsNewer, put: settled(raw.put), replace: settled(raw.replace), remove: settled(raw.remove) };
  queries = createArticleQueries({ doc: servers.doc, tableName: servers.tableName });
});
afterAll(async () => {
  await projected?.stop();
  await servers?.stop();
});

describe('entity index items', () => {
  it('follow the record: replaced, the old names find it no more; deleted, nothing finds it', async () => {
    expect(await store.put(version('0000000000000000A1', '2015-09-30', [person('هالة الشامي', ['الشامي']), person('كريم نصار')]))).toBe('written');
    expect(await found('هالة الشامي')).toEqual([KEY]);
    expect(await found('نصار')).toEqual([KEY]);

    // A new version, another month (the same year partition): one person gone, one new, one kept.
    expect(await store.put(version('0000000000000000A2', '2015-11-02', [person('كريم نصار'), person('جود حداد')]))).toBe('written');
    expect(await found('هالة الشامي')).toEqual([]);
    expect(await found('الشامي')).toEqual([]);
    expect(await found('كريم نصار')).toEqual([KEY]);
    expect(await found('حداد')).toEqual([KEY]);
    const hit = (await queries.findByEntity(parseEntityQuery({ type: 'person', name: 'نصار' }))).hits[0];
    expect(hit?.article.published).toBe('2015-11-02');

    expect(await store.remove({ bucket: 'dateline-test', key: KEY, sequencer: '0000000000000000A3', at: '2015-11-03T00:00:00Z' })).toBe('written');
    expect(await found('كريم نصار')).toEqual([]);
    expect(await found('جود حداد')).toEqual([]);
  });

  it('that outlive their version (the moment before the projector takes them away) are not listed', async () => {
    const key = 'wires/2015/unfinished-cleanup.txt';
    expect(await store.put(version('0000000000000000C1', '2015-07-01', [person('نادر سليم')], key))).toBe('written');
    const [leftover] = (
      await servers.doc.send(new QueryCommand({ TableName: servers.tableName, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': entityPartition('person', entityKey('نادر سليم'), '2015') } }))
    ).Items!;
    expect(leftover).toBeDefined();

    // A delete not yet projected: the tombstone is written, the entity item is still there.
    expect(await store.remove({ bucket: 'dateline-test', key, sequencer: '0000000000000000C2', at: '2015-07-02T00:00:00Z' })).toBe('written');
    await servers.doc.send(new PutCommand({ TableName: servers.tableName, Item: leftover! }));
    expect(await found('نادر سليم')).toEqual([]);

    // Re-created without that person: the leftover item names an article that no longer lists it.
    expect(await store.put(version('0000000000000000C3', '2015-07-01', [person('ليلى داود')], key))).toBe('written');
    await servers.doc.send(new PutCommand({ TableName: servers.tableName, Item: leftover! }));
    expect(await found('نادر سليم')).toEqual([]);
    expect(await found('ليلى داود')).toEqual([key]);
  });

  it('leave nothing behind for a write that lost to a newer one', async () => {
    const key = 'wires/2015/late-event.txt';
    const newer = version('0000000000000000B9', '2015-10-01', [person('سلمى عيسى')], key);
    const older = version('0000000000000000B1', '2015-08-01', [person('رامي قاسم')], key);
    expect(await store.put(newer)).toBe('written');
    expect(await store.put(older)).toBe('stale');
    expect(await found('رامي قاسم')).toEqual([]);
    expect(await found('سلمى عيسى')).toEqual([key]);
    // The same event delivered twice changes nothing either.
    expect(await store.put(newer)).toBe('stale');
    expect(await found('عيسى')).toEqual([key]);
  });

  it(`are capped at ${MAX_ENTITY_INDEX_ITEMS} per article, the most mentioned first`, async () => {
    const key = 'wires/2015/monster.txt';
    const record = sampleRecord({ key, entities: { person: manyPeople(400), organization: [], place: [] } });
    await store.put(record);
    // A test-only count of the article's entity items (the product never scans).
    const { Items } = await servers.doc.send(new ScanCommand({ TableName: servers.tableName, FilterExpression: 'article.#key = :key', ExpressionAttributeNames: { '#key': 'key' }, ExpressionAttributeValues: { ':key': key } }));
    expect(Items?.length).toBe(MAX_ENTITY_INDEX_ITEMS);
    expect(await found('شخص رقم 0 من قائمه طويله جدا')).toEqual([key]);
    expect(await found('شخص رقم 399 من قائمة طويلة جدا')).toEqual([]);
  });

  it('come with markers for the months of the lists the article is in, and none per entity: a search reads the years of the date markers', async () => {
    const months = async (pk: string) =>
      ((await servers.doc.send(new QueryCommand({ TableName: servers.tableName, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': pk } }))).Items ?? []).map((i) => i.sk);
    expect(await months('M#D#')).toEqual(expect.arrayContaining(['2015-09', '2015-10']));
    expect(await months('M#AG#SANA#')).toEqual(expect.arrayContaining(['2015-09']));
    expect(await months('M#L#ar#')).toEqual(expect.arrayContaining(['2015-09']));
    expect(await months(`M#${entityPartition('person', entityKey('سلمى عيسى'), '')}`)).toEqual([]);
    expect(await found('سلمى عيسى')).not.toEqual([]);
  });

  it('are read a year partition at a time, newest first, paged across years and bounded by since and until', async () => {
    const years = ['2009', '2012', '2013', '2021'];
    for (const [i, year] of years.entries()) {
      for (const month of ['03', '11']) {
        const key = `wires/years/${year}-${month}.txt`;
        expect(await store.put(version(`00000000000000${String(i).padStart(2, '0')}${month}F0`, `${year}-${month}-15`, [person('وفاء بركات')], key))).toBe('written');
      }
    }
    const all: string[] = [];
    let cursor: string | undefined;
    for (let page = 0; page < 10; page++) {
      const answer = await queries.findByEntity(parseEntityQuery({ type: 'person', name: 'بركات', limit: 3, ...(cursor ? { cursor } : {}) }));
      all.push(...answer.hits.map((h) => h.article.key));
      if (!answer.cursor) break;
      cursor = answer.cursor;
    }
    // Newest first: 2021-11, 2021-03, 2013-11, ... 2009-03, each once.
    expect(all).toEqual([...years].reverse().flatMap((y) => [`wires/years/${y}-11.txt`, `wires/years/${y}-03.txt`]));

    const bounded = await queries.findByEntity(parseEntityQuery({ type: 'person', name: 'بركات', since: '2012-06', until: '2013-05' }));
    expect(bounded.hits.map((h) => h.article.key)).toEqual(['wires/years/2013-03.txt', 'wires/years/2012-11.txt']);
    expect(bounded.cursor).toBeNull();
  });
});

/**
 * Entity index items kept in step with their article (adapters/entity-index.ts via the store),
 * against dynalite: a replaced record's old names stop finding it, a deleted one is found by
 * nothing, a stale write leaves nothing behind, and an article writes at most 200 index items.
 */
import { GetCommand, PutCommand, QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDynamoStore } from '../../adapters/dynamo-store';
import { createArticleQueries } from '../../adapters/queries';
import { entityKey, entityPartition, MAX_ENTITY_INDEX_ITEMS } from '../../shared/entity-items';
import { articleKey } from '../../shared/items';
import { parseEntityQuery, type ArticleQueries } from '../../shared/queries';
import type { ArticleRecord, Entity } from '../../shared/record';
import type { ArticleStore } from '../../shared/ports';
import { startServers, type TestServers } from '../helpers/servers';
import { manyPeople, sampleRecord } from '../ingest/records';

const KEY = 'wires/2015/lifecycle.txt';
const person = (name: string, aliases: string[] = []): Entity => ({ name, normalized: name, aliases, mentions: 1 });

function version(sequencer: string, published: string, people: Entity[], key = KEY): ArticleRecord {
  return sampleRecord({ key, sequencer, published: { value: published, source: 'text' }, entities: { person: people, organization: [], place: [] } });
}

let servers: TestServers;
let store: ArticleStore;
let queries: ArticleQueries;

const found = async (name: string) => (await queries.findByEntity(parseEntityQuery({ type: 'person', name }))).hits.map((h) => h.article.key);

beforeAll(async () => {
  servers = await startServers();
  store = createDynamoStore({ doc: servers.doc, tableName: servers.tableName });
  queries = createArticleQueries({ doc: servers.doc, tableName: servers.tableName });
});
afterAll(() => servers?.stop());

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

  it('that outlive their version (a write that never got to its record, a clean-up that never ran) are not listed', async () => {
    const key = 'wires/2015/unfinished-cleanup.txt';
    expect(await store.put(version('0000000000000000C1', '2015-07-01', [person('نادر سليم')], key))).toBe('written');
    const [leftover] = (
      await servers.doc.send(new QueryCommand({ TableName: servers.tableName, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': entityPartition('person', entityKey('نادر سليم'), '2015') } }))
    ).Items!;
    expect(leftover).toBeDefined();

    // A delete whose clean-up failed: the tombstone is written, the entity item is still there.
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

  it('are put back for the stored version when an older write staged before it and committed after it', async () => {
    const key = 'wires/2015/race.txt';
    const older = version('0000000000000000D1', '2015-08-01', [person('باسل يوسف'), person('منى الحلبي')], key);
    const newer = version('0000000000000000D2', '2015-08-01', [person('منى الحلبي')], key);
    const partitions = [entityPartition('person', entityKey('باسل يوسف'), '2015'), entityPartition('person', entityKey('منى الحلبي'), '2015')];
    const itemsIn = async () =>
      (await Promise.all(partitions.map((pk) => servers.doc.send(new QueryCommand({ TableName: servers.tableName, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': pk } }))))).flatMap(
        (r) => r.Items ?? [],
      );

    // The older write reads an empty table and writes its index items; the newer one is written
    // whole; then the older one's batch lands once more over the newer one's items (a slow network
    // answering twice), and the older commit is refused.
    const staged = await store.stage(older);
    expect(staged.stale).toBe(false);
    const olderItems = await itemsIn();
    expect(olderItems).toHaveLength(2);
    expect(await store.put(newer)).toBe('written');
    for (const item of olderItems) await servers.doc.send(new PutCommand({ TableName: servers.tableName, Item: item }));
    expect(await staged.commit(older)).toBe('stale');

    const left = await itemsIn();
    expect(left.map((i) => [i.pk, i.sequencer])).toEqual([[partitions[1], '0000000000000000D2'.padEnd(32, '0')]]);
    expect(await found('باسل يوسف')).toEqual([]);
    expect(await found('منى الحلبي')).toEqual([key]);
  });

  it('are rewritten by a newer write whose put had to wait for an older write staged after it', async () => {
    const key = 'wires/2015/race-order.txt';
    const older = version('0000000000000000E1', '2015-08-01', [person('هادي سلوم')], key);
    const newer = version('0000000000000000E2', '2015-08-01', [person('هادي سلوم')], key);
    // The newer stages, the older stages over its items and commits first; the newer commits last.
    const stagedNewer = await store.stage(newer);
    const stagedOlder = await store.stage(older);
    expect(await stagedOlder.commit(older)).toBe('written');
    expect(await stagedNewer.commit(newer)).toBe('written');
    const [item] = (
      await servers.doc.send(new QueryCommand({ TableName: servers.tableName, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': entityPartition('person', entityKey('هادي سلوم'), '2015') } }))
    ).Items!;
    expect(item?.sequencer).toBe('0000000000000000E2'.padEnd(32, '0'));
    expect(await found('هادي سلوم')).toEqual([key]);
  });

  it('of a delivery that staged and died are taken back by its retry (or redrive) when a newer version landed meanwhile', async () => {
    const key = 'wires/2015/died-after-stage.txt';
    const first = version('0000000000000000F1', '2015-08-01', [person('نوال شاهين'), person('سامر عطية')], key);
    const newer = version('0000000000000000F2', '2015-08-01', [person('نوال شاهين')], key);
    await store.stage(first); // and the function dies: no commit
    expect(await store.put(newer)).toBe('written');
    const retried = await store.stage(first);
    expect(retried.stale).toBe(true);
    const left = async (name: string) =>
      (await servers.doc.send(new QueryCommand({ TableName: servers.tableName, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': entityPartition('person', entityKey(name), '2015') } }))).Items ?? [];
    expect(await left('سامر عطية')).toEqual([]);
    expect((await left('نوال شاهين')).map((i) => i.sequencer)).toEqual(['0000000000000000F2'.padEnd(32, '0')]);
  });

  it('put back by a late winner are taken away again where a re-extraction of that version dropped them', async () => {
    const key = 'wires/2015/reextracted.txt';
    await store.put(version('0000000000000000G1', '2015-08-01', [person('ريم داود')], key));
    // The second version's put fails once (a link lands on the item first), goes through on its
    // second attempt, and before it puts its own items back a re-extraction of it is written.
    let puts = 0;
    const doc = new Proxy(servers.doc, {
      get(target, property, receiver) {
        if (property !== 'send') return Reflect.get(target, property, receiver);
        return async (command: { constructor: { name: string }; input: { Item?: Record<string, unknown> } }) => {
          const ours = command.constructor.name === 'PutCommand' && command.input.Item?.pk === articleKey(key).pk;
          if (ours && puts++ === 0) await store.duplicates.link(key, { id: 'dateline-test/other.txt', key: 'wires/2015/other.txt', distance: 3 });
          const answer = await (target.send as (c: unknown) => Promise<unknown>).call(target, command);
          if (ours && puts === 2) {
            expect(await store.replace(version('0000000000000000G2', '2015-08-01', [person('وليد كرم')], key), '0000000000000000G2')).toBe('written');
          }
          return answer;
        };
      },
    }) as DynamoDBDocumentClient;
    const racing = createDynamoStore({ doc, tableName: servers.tableName });
    expect(await racing.put(version('0000000000000000G2', '2015-08-01', [person('سهى نجار')], key))).toBe('written');
    expect(await found('سهى نجار')).toEqual([]);
    expect(await found('وليد كرم')).toEqual([key]);
    const left = await servers.doc.send(
      new QueryCommand({ TableName: servers.tableName, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': entityPartition('person', entityKey('سهى نجار'), '2015') } }),
    );
    expect(left.Items).toEqual([]);
  });

  it(`are capped at ${MAX_ENTITY_INDEX_ITEMS} per article, the most mentioned first`, async () => {
    const key = 'wires/2015/monster.txt';
    const record = sampleRecord({ key, entities: { person: manyPeople(400), organization: [], place: [] } });
    await store.put(record);
    const { Item } = await servers.doc.send(new GetCommand({ TableName: servers.tableName, Key: articleKey(key) }));
    expect((Item?.entityKeys as string[]).length).toBe(MAX_ENTITY_INDEX_ITEMS);
    expect(await found('شخص رقم 0 من قائمه طويله جدا')).toEqual([key]);
    expect(await found('شخص رقم 399 من قائمة طويلة جدا')).toEqual([]);
  });

  it('come with markers for every partition the article is in: months for lists, years for entities', async () => {
    const months = async (pk: string) =>
      ((await servers.doc.send(new QueryCommand({ TableName: servers.tableName, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': pk } }))).Items ?? []).map((i) => i.sk);
    expect(await months('M#D#')).toEqual(expect.arrayContaining(['2015-09', '2015-10']));
    expect(await months('M#AG#SANA#')).toEqual(expect.arrayContaining(['2015-09']));
    expect(await months('M#L#ar#')).toEqual(expect.arrayContaining(['2015-09']));
    expect(await months(`M#${entityPartition('person', entityKey('سلمى عيسى'), '')}`)).toEqual(['2015']);
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

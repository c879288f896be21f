import { GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDynamoStore } from '../../adapters/dynamo-store';
import { agencyPartition, articleKey, fitRecord, ITEM_BYTES_BUDGET, itemSizeBytes, MAX_ITEM_BYTES, recordToItem } from '../../shared/items';
import type { ArticleStore } from '../../shared/ports';
import { startServers, type TestServers } from '../helpers/servers';
import { manyPeople, sampleRecord } from './records';

let servers: TestServers;
let store: ArticleStore;
let n = 0;
const uniqueKey = (name: string) => `store-${++n}/${name}`;
const seq = (value: number) => value.toString(16).toUpperCase().padStart(18, '0');

beforeAll(async () => {
  servers = await startServers();
  store = createDynamoStore({ doc: servers.doc, tableName: servers.tableName });
});
afterAll(() => servers?.stop());

describe('createDynamoStore', () => {
  it('writes a record and reads it back', async () => {
    const record = sampleRecord({ key: uniqueKey('دمشق سانا.txt'), sequencer: seq(10) });
    expect(await store.put(record)).toBe('written');
    expect(await store.get(record.source.key)).toEqual(record);
    expect(await store.get(uniqueKey('never-written'))).toBeNull();
  });

  it('refuses an equal or older sequencer and takes a newer one', async () => {
    const key = uniqueKey('a.txt');
    await store.put(sampleRecord({ key, sequencer: seq(20), title: 'second' }));
    expect(await store.put(sampleRecord({ key, sequencer: seq(20), title: 'same again' }))).toBe('stale');
    expect(await store.put(sampleRecord({ key, sequencer: seq(19), title: 'first' }))).toBe('stale');
    expect((await store.get(key))?.title).toBe('second');
    expect(await store.put(sampleRecord({ key, sequencer: seq(21), title: 'third' }))).toBe('written');
    expect((await store.get(key))?.title).toBe('third');
  });

  it('says ahead of a put whether it would be refused (holdsNewer): an equal or newer sequencer, or a tombstone\'s', async () => {
    const key = uniqueKey('ahead.txt');
    expect(await store.holdsNewer(key, seq(40))).toBe(false);
    await store.put(sampleRecord({ key, sequencer: seq(40) }));
    expect([await store.holdsNewer(key, seq(39)), await store.holdsNewer(key, seq(40)), await store.holdsNewer(key, seq(41))]).toEqual([true, true, false]);
    // Right-padded as the write's condition compares them.
    expect(await store.holdsNewer(key, seq(40).slice(0, 14))).toBe(true);
    await store.remove({ bucket: 'dateline-test', key, sequencer: seq(42), at: '2024-03-01T10:00:00.000Z' });
    expect([await store.holdsNewer(key, seq(41)), await store.holdsNewer(key, seq(43))]).toEqual([true, false]);
  });

  it('compares S3 sequencers of different lengths as AWS says (right-padded)', async () => {
    const key = uniqueKey('lengths.txt');
    await store.put(sampleRecord({ key, sequencer: '00643717F9F8B85354', title: 'newer' }));
    // Shorter but, right-padded, 00643717F9F8B8 < 00643717F9F8B85354: older.
    expect(await store.put(sampleRecord({ key, sequencer: '00643717F9F8B8', title: 'older' }))).toBe('stale');
    expect(await store.put(sampleRecord({ key, sequencer: '00643717F9F8B8535400000001', title: 'newest' }))).toBe('written');
    expect((await store.get(key))?.title).toBe('newest');
  });

  it('hides a removed record, and the tombstone stops an older create', async () => {
    const key = uniqueKey('deleted.txt');
    await store.put(sampleRecord({ key, sequencer: seq(30) }));
    expect(await store.remove({ bucket: 'dateline-test', key, sequencer: seq(31), at: '2024-03-01T10:00:00.000Z' })).toBe('written');
    expect(await store.get(key)).toBeNull();
    expect(await store.put(sampleRecord({ key, sequencer: seq(30) }))).toBe('stale');
    expect(await store.get(key)).toBeNull();
    // An older delete after a newer create leaves the record.
    expect(await store.put(sampleRecord({ key, sequencer: seq(32) }))).toBe('written');
    expect(await store.remove({ bucket: 'dateline-test', key, sequencer: seq(31), at: '2024-03-01T10:00:01.000Z' })).toBe('stale');
    expect(await store.get(key)).not.toBeNull();
  });

  it('lets an unsequenced write replace only an unsequenced item', async () => {
    const key = uniqueKey('unsequenced.txt');
    expect(await store.put(sampleRecord({ key, sequencer: 'Happy Sequencer', title: 'one' }))).toBe('written');
    expect(await store.put(sampleRecord({ key, sequencer: null, title: 'two' }))).toBe('written');
    expect(await store.put(sampleRecord({ key, sequencer: seq(1), title: 'sequenced' }))).toBe('written');
    expect(await store.put(sampleRecord({ key, sequencer: null, title: 'three' }))).toBe('stale');
    expect((await store.get(key))?.title).toBe('sequenced');
  });

  it('puts the article in the agency index and takes it out when deleted', async () => {
    const key = uniqueKey('indexed.txt');
    const record = sampleRecord({ key, sequencer: seq(40), dateline: { raw: 'x', place: null, agency: null, agencyCode: `T${n}`, date: null } });
    await store.put(record);
    const query = () =>
      servers.doc.send(
        new QueryCommand({
          TableName: servers.tableName,
          IndexName: 'byAgency',
          KeyConditionExpression: 'agencyPk = :pk',
          ExpressionAttributeValues: { ':pk': agencyPartition(`T${n}`, '2015-09') },
        }),
      );
    expect((await query()).Items?.map((i) => i.summary.key)).toEqual([key]);
    await store.remove({ bucket: 'dateline-test', key, sequencer: seq(41), at: '2024-03-01T10:00:00.000Z' });
    expect((await query()).Items).toEqual([]);
    const { Item } = await servers.doc.send(new GetCommand({ TableName: servers.tableName, Key: articleKey(key) }));
    expect(Item).toMatchObject({ deleted: true, key });
    expect(Object.keys(Item!).filter((name) => /Pk$|Sk$/.test(name))).toEqual([]);
  });

  it('stores a 10,000-person monster as ingest fits it (the item is the record as fitted, nothing joins it)', async () => {
    const monster = (key: string) => sampleRecord({ key, sequencer: seq(50), entities: { person: manyPeople(10_000), organization: [], place: [] } });
    expect(itemSizeBytes(recordToItem(monster('x')))).toBeGreaterThan(MAX_ITEM_BYTES);
    for (const key of [uniqueKey('fitted-monster.txt')]) {
      expect(await store.put(fitRecord(monster(key)))).toBe('written');
      const stored = await store.get(key);
      expect(stored?.truncated).toEqual({ 'entities.person': 10_000 });
      expect(stored!.entities.person.length).toBeLessThan(10_000);
      expect(stored!.entities.person.length).toBeGreaterThan(1_000);
      const { Item } = await servers.doc.send(new GetCommand({ TableName: servers.tableName, Key: articleKey(key) }));
      expect(itemSizeBytes(Item!)).toBeLessThanOrEqual(ITEM_BYTES_BUDGET);
    }
  });
});

describe('itemSizeBytes against dynalite', () => {
  // dynalite applies DynamoDB's size rules but counts a string's UTF-16 units, not its UTF-8 bytes:
  // for ASCII the two agree, so an ASCII item shows whether the measure matches to the byte.
  const itemOfSize = (target: number, key: string) => {
    const ascii = sampleRecord({
      key,
      lead: '',
      title: 'Book fair opens in Damascus',
      dateline: { raw: 'DAMASCUS, (SANA) -', place: 'DAMASCUS', agency: 'SANA', agencyCode: 'SANA', date: null },
      language: { code: 'en', confidence: 0.99, script: 'Latn', direction: 'ltr' },
      entities: { person: [{ name: 'Samer Khatib', normalized: 'samer khatib', aliases: ['Khatib'], mentions: 3 }], organization: [], place: [] },
      quotes: [{ text: 'A window on the world', speaker: 'Samer Khatib', speakerType: 'person', verb: 'said', paragraph: 2 }],
      dates: [],
      keywords: [{ term: 'book', score: 0.9 }],
    });
    const base = { ...recordToItem(ascii) };
    expect(JSON.stringify(base)).toMatch(/^[\x20-\x7e]*$/);
    const withoutLead = itemSizeBytes(base);
    return { ...base, lead: 'x'.repeat(target - withoutLead) };
  };

  it('agrees with dynalite to the byte at the 400 KB limit', async () => {
    const fits = itemOfSize(MAX_ITEM_BYTES, uniqueKey('at-limit.txt'));
    expect(itemSizeBytes(fits)).toBe(MAX_ITEM_BYTES);
    await servers.doc.send(new PutCommand({ TableName: servers.tableName, Item: fits }));

    const over = itemOfSize(MAX_ITEM_BYTES + 1, uniqueKey('over-limit.txt'));
    await expect(servers.doc.send(new PutCommand({ TableName: servers.tableName, Item: over }))).rejects.toThrow(/maximum allowed size/);
  });
});

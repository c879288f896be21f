/**
 * The DynamoDB integration, run against dynalite (what the local stack and the other tests use)
 * and against Amazon's DynamoDB Local, with the same assertions: the table from shared/table.ts,
 * the store's conditional writes and tombstones, the GSI lists with their cursors, the 400 KB
 * item limit as itemSizeBytes counts it, the 1,024-byte index key limit, and the ingest handler
 * itself with the projector behind it (band items by BatchWriteItem, found by Query and BatchGetItem). Where
 * the two servers differ, the test says which answer is DynamoDB's.
 * Without Java the DynamoDB Local half skips with a notice.
 */
import { DescribeTableCommand, type DynamoDBClient, type Projection } from '@aws-sdk/client-dynamodb';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDynamoClients } from '../../adapters/clients';
import { createArticleQueries } from '../../adapters/queries';
import { createS3ObjectReader } from '../../adapters/s3-objects';
import { createTableInput, ensureTable } from '../../adapters/table-setup';
import { createIngestHandler } from '../../functions/ingest';
import { articleKey, indexSortKey, itemSizeBytes, MAX_ITEM_BYTES, recordToItem } from '../../shared/items';
import type { ArticleStore } from '../../shared/ports';
import { TABLE } from '../../shared/table';
import { projectedStore, type ProjectedStore } from '../helpers/projection';
import { startServers, type TestServers } from '../helpers/servers';
import { nextSequencer, s3Notification, sqsEvent, sqsMessage } from '../ingest/events';
import { recordingLogger, recordingMetrics } from '../ingest/recorders';
import { sampleRecord } from '../ingest/records';
import { ARABIC_ARTICLE } from '../reliability/harness/inputs';
import { dynamoDbLocalUnavailable, startDynalite, startDynamoDbLocal, type DynamoBackend } from './backends';

const TABLE_NAME = 'dateline-conformance';
const seq = (n: number) => n.toString(16).toUpperCase().padStart(18, '0');

describe.each([
  ['dynalite', startDynalite],
  ['DynamoDB Local', startDynamoDbLocal],
] as const)('%s', (name, start) => {
  let backend: DynamoBackend | null = null;
  let client: DynamoDBClient;
  let doc: DynamoDBDocumentClient;
  let store: ArticleStore;
  let projected: ProjectedStore | null = null;
  let n = 0;
  const key = (label: string) => `conformance/${++n}/${label}`;
  const isDynamoDbLocal = name === 'DynamoDB Local';

  beforeAll(async () => {
    backend = await start();
    if (!backend) {
      console.warn(`skipped: DynamoDB Local cannot run here: ${dynamoDbLocalUnavailable()}`);
      return;
    }
    ({ client, doc } = createDynamoClients({ endpoint: backend.endpoint }));
    projected = await projectedStore(doc, TABLE_NAME);
    store = projected.store;
  }, 120_000);
  afterAll(async () => {
    await projected?.stop();
    client?.destroy();
    await backend?.stop();
  });

  /** Skips the test (with the notice printed once above) where the backend could not start. */
  const needsBackend = (context: { skip: () => void }) => {
    if (!backend) context.skip();
  };

  it('creates the table of shared/table.ts, its GSIs with their projections, and finds it on the next start', async (context) => {
    needsBackend(context);
    expect(await ensureTable(client, TABLE_NAME)).toBe('created');
    expect(await ensureTable(client, TABLE_NAME)).toBe('existed');
    const { Table } = await client.send(new DescribeTableCommand({ TableName: TABLE_NAME }));
    expect(Table?.KeySchema).toEqual([
      { AttributeName: TABLE.partitionKey.name, KeyType: 'HASH' },
      { AttributeName: TABLE.sortKey.name, KeyType: 'RANGE' },
    ]);
    const projection = (p: Projection | undefined) => [p?.ProjectionType, [...(p?.NonKeyAttributes ?? [])].sort()];
    expect(Table?.GlobalSecondaryIndexes?.map((i) => [i.IndexName, projection(i.Projection), i.IndexStatus]).sort()).toEqual(
      (createTableInput(TABLE, TABLE_NAME).GlobalSecondaryIndexes ?? []).map((i) => [i.IndexName, projection(i.Projection), 'ACTIVE']).sort(),
    );
  });

  it('writes a record and reads it back, strongly consistent', async (context) => {
    needsBackend(context);
    const record = sampleRecord({ key: key('دمشق سانا.txt'), sequencer: seq(10) });
    expect(await store.put(record)).toBe('written');
    expect(await store.get(record.source.key)).toEqual(record);
    expect(await store.get(key('never-written.txt'))).toBeNull();
  });

  it('refuses an equal or older sequencer, takes a newer one, and compares lengths right-padded', async (context) => {
    needsBackend(context);
    const k = key('order.txt');
    expect(await store.put(sampleRecord({ key: k, sequencer: '00643717F9F8B85354', title: 'second' }))).toBe('written');
    expect(await store.put(sampleRecord({ key: k, sequencer: '00643717F9F8B85354', title: 'again' }))).toBe('stale');
    expect(await store.put(sampleRecord({ key: k, sequencer: '00643717F9F8B8', title: 'older' }))).toBe('stale');
    expect(await store.put(sampleRecord({ key: k, sequencer: '00643717F9F8B8535400000001', title: 'newest' }))).toBe('written');
    expect((await store.get(k))?.title).toBe('newest');
  });

  it('hides a removed record; its tombstone stops an older create, a newer one brings it back', async (context) => {
    needsBackend(context);
    const k = key('deleted.txt');
    await store.put(sampleRecord({ key: k, sequencer: seq(30) }));
    expect(await store.remove({ bucket: 'dateline-test', key: k, sequencer: seq(31), at: '2024-03-01T10:00:00.000Z' })).toBe('written');
    expect(await store.get(k)).toBeNull();
    expect(await store.put(sampleRecord({ key: k, sequencer: seq(30) }))).toBe('stale');
    expect(await store.remove({ bucket: 'dateline-test', key: k, sequencer: seq(29), at: '2024-03-01T10:00:01.000Z' })).toBe('stale');
    expect(await store.put(sampleRecord({ key: k, sequencer: seq(32) }))).toBe('written');
    expect(await store.get(k)).not.toBeNull();
  });

  it('lets an unsequenced write replace only an unsequenced item', async (context) => {
    needsBackend(context);
    const k = key('unsequenced.txt');
    expect(await store.put(sampleRecord({ key: k, sequencer: null, title: 'one' }))).toBe('written');
    expect(await store.put(sampleRecord({ key: k, sequencer: null, title: 'two' }))).toBe('written');
    expect(await store.put(sampleRecord({ key: k, sequencer: seq(1), title: 'sequenced' }))).toBe('written');
    expect(await store.put(sampleRecord({ key: k, sequencer: null, title: 'three' }))).toBe('stale');
  });

  it('lists by agency through the GSI, newest first, page by page with the cursor, without deleted records', async (context) => {
    needsBackend(context);
    const agency = `CONF${name.length}`;
    const dates = ['2015-09-28', '2015-09-29', '2015-09-30', '2015-10-01'];
    const keys = dates.map((date) => key(`agency-${date}.txt`));
    for (const [i, date] of dates.entries()) {
      await store.put(sampleRecord({ key: keys[i], sequencer: seq(100 + i), published: { value: date, source: 'text' }, dateline: { raw: 'x', place: null, agency: null, agencyCode: agency, date: null } }));
    }
    await store.remove({ bucket: 'dateline-test', key: keys[1]!, sequencer: seq(200), at: '2024-03-01T10:00:00.000Z' });
    // The month markers a list reads first are the projector's.
    await projected!.settle();
    const queries = createArticleQueries({ doc, tableName: TABLE_NAME, now: () => new Date('2016-01-01T00:00:00Z') });
    const first = await queries.listArticles({ agency, since: '2015-09', limit: 2 });
    expect(first.articles.map((a) => a.key)).toEqual([keys[3], keys[2]]);
    expect(first.cursor).not.toBeNull();
    const second = await queries.listArticles({ agency, since: '2015-09', limit: 2, cursor: first.cursor! });
    expect(second.articles.map((a) => a.key)).toEqual([keys[0]]);
  });

  it('takes an item of exactly 400 KB as itemSizeBytes counts it, and refuses one byte more', async (context) => {
    needsBackend(context);
    // ASCII only: there dynalite's count (UTF-16 units) and DynamoDB's (UTF-8 bytes) agree.
    const ascii = sampleRecord({
      key: key('limit.txt'),
      lead: '',
      title: 'Book fair opens in Damascus',
      dateline: { raw: 'DAMASCUS, (SANA) -', place: 'DAMASCUS', agency: 'SANA', agencyCode: 'SANA', date: null },
      language: { code: 'en', confidence: 0.99, script: 'Latn', direction: 'ltr' },
      entities: { person: [{ name: 'Samer Khatib', normalized: 'samer khatib', aliases: [], mentions: 3 }], organization: [], place: [] },
      quotes: [],
      dates: [],
      keywords: [{ term: 'book', score: 0.9 }],
    });
    const base = { ...recordToItem(ascii) };
    expect(JSON.stringify(base)).toMatch(/^[\x20-\x7e]*$/);
    const sized = (target: number) => ({ ...base, lead: 'x'.repeat(target - itemSizeBytes(base)) });
    const put = (item: object) => doc.send(new PutCommand({ TableName: TABLE_NAME, Item: item }));
    await put(sized(MAX_ITEM_BYTES));
    await expect(put(sized(MAX_ITEM_BYTES + 1))).rejects.toThrow(/size/i);
  });

  it('counts Arabic text in UTF-8 bytes, as itemSizeBytes does (dynalite counts UTF-16 units and is laxer)', async (context) => {
    needsBackend(context);
    const base = { ...recordToItem(sampleRecord({ key: key('arabic-limit.txt'), lead: '' })) };
    // Two bytes a letter in UTF-8, one unit in UTF-16: DynamoDB counts the bytes.
    const over = { ...base, lead: 'س'.repeat(Math.ceil((MAX_ITEM_BYTES + 2 - itemSizeBytes(base)) / 2)) };
    expect(itemSizeBytes(over)).toBeGreaterThan(MAX_ITEM_BYTES);
    const answer = await doc.send(new PutCommand({ TableName: TABLE_NAME, Item: over })).then(
      () => 'accepted',
      (error: Error) => error.message,
    );
    if (isDynamoDbLocal) expect(answer).toMatch(/size/i);
    else expect(answer).toBe('accepted');
  });

  it('takes the longest S3 key (1,024 bytes of Arabic): index sort keys are cut to 1,024 bytes', async (context) => {
    needsBackend(context);
    const prefix = 'conformance/longest/';
    const longKey = `${prefix}${'ع'.repeat((1024 - prefix.length) / 2)}`;
    expect(Buffer.byteLength(longKey)).toBe(1024);
    expect(Buffer.byteLength(indexSortKey('2015-09-30T00:00:00.000Z', longKey))).toBeLessThanOrEqual(1024);
    expect(await store.put(sampleRecord({ key: longKey, sequencer: seq(5) }))).toBe('written');
    expect((await store.get(longKey))?.source.key).toBe(longKey);
  });

  describe('the ingest handler on this server', () => {
    let s3: TestServers;
    beforeAll(async () => {
      if (backend) s3 = await startServers({ bucket: 'dateline-conformance', tableName: 'dateline-unused' });
    });
    afterAll(() => s3?.stop());

    it('projects near-duplicate band items, which readers find both ways, and takes them away on delete', async (context) => {
      needsBackend(context);
      const handler = createIngestHandler({ store, objects: createS3ObjectReader(s3.s3), maxBytes: 1024 * 1024, logger: recordingLogger(), metrics: recordingMetrics() });
      const upload = async (k: string, body: string) => {
        const { ETag } = await s3.s3.send(new PutObjectCommand({ Bucket: s3.bucket, Key: k, Body: body }));
        return { eventName: 'ObjectCreated:Put', bucket: s3.bucket, key: k, etag: ETag!.replace(/"/g, ''), size: Buffer.byteLength(body), sequencer: nextSequencer() };
      };
      const run = async (...changes: Parameters<typeof s3Notification>) => {
        const response = await handler(sqsEvent(...changes.map((c) => sqsMessage(s3Notification(c)))));
        expect(response.batchItemFailures).toEqual([]);
        await projected!.settle();
      };
      const queries = createArticleQueries({ doc, tableName: TABLE_NAME });
      const duplicatesOf = async (k: string) => (await queries.getArticle(k))?.duplicates.map((d) => d.key);
      const original = key('original.txt');
      const copy = key('republished.txt');
      await run(await upload(original, ARABIC_ARTICLE));
      await run(await upload(copy, `${ARABIC_ARTICLE}\nوأضاف المصدر أن العمل مستمر.\n`));
      expect(await duplicatesOf(copy)).toEqual([original]);
      expect(await duplicatesOf(original)).toEqual([copy]);

      await run({ eventName: 'ObjectRemoved:Delete', bucket: s3.bucket, key: copy, sequencer: nextSequencer() });
      expect(await store.get(copy)).toBeNull();
      expect(await duplicatesOf(original)).toEqual([]);
      expect(articleKey(original).pk).toBe(`A#${original}`);
    });
  });
});

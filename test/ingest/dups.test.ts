/**
 * Near-duplicates end to end: the real ingest handler, s3rver holding the objects, dynalite the
 * table, the local change feed and the projector writing the band items, the real SDK clients over
 * 127.0.0.1, and the reader finding near-duplicates as it reads (adapters/near-duplicates.ts). An
 * article we wrote, then its edited re-publication (diacritics added, a sentence rewritten, a
 * newspaper byline): each lists the other, once, however often the events come; an unrelated
 * article lists nothing; replacing or deleting an article takes its band items away.
 */
import { PutCommand, QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createArticleQueries } from '../../adapters/queries';
import { createS3ObjectReader } from '../../adapters/s3-objects';
import { ensureTable } from '../../adapters/table-setup';
import { createIngestHandler } from '../../functions/ingest';
import { bandPartition, indexAnchors } from '../../shared/duplicates';
import { extractRecord } from '../../shared/extract/index';
import { bandItems } from '../../shared/items';
import type { ArticleRecord } from '../../shared/record';
import type { ArticleQueries } from '../../shared/queries';
import type { ArticleStore } from '../../shared/ports';
import { projectedStore, type ProjectedStore } from '../helpers/projection';
import { startServers, type TestServers } from '../helpers/servers';
import { nextSequencer, s3Notification, sqsEvent, sqsMessage, type ObjectChange } from './events';
import { createdEvent, ingestFixture } from './objects';
import { recordingLogger, recordingMetrics } from './recorders';

const ORIGINAL = ingestFixture('dups-homs-water.ar.txt');
const REPUBLISHED = ingestFixture('dups-homs-water-republished.ar.txt');
const UNRELATED = ingestFixture('dups-latakia-olive-harvest.ar.txt');

let servers: TestServers;
let store: ArticleStore;
let projected: ProjectedStore;
let queries: ArticleQueries;
let tableName: string;
let tables = 0;
/** What the store sent to DynamoDB, by command, for the test that counts Queries. */
const sent = new Map<string, number>();
let keys = 0;
const uniqueKey = (name: string) => `dups-${++keys}/${name}`;

/** The real DocumentClient, counting the commands that pass through it. */
function counting(doc: DynamoDBDocumentClient): DynamoDBDocumentClient {
  return new Proxy(doc, {
    get(target, property, receiver) {
      if (property !== 'send') return Reflect.get(target, property, receiver);
      return (command: { constructor: { name: string } }, ...rest: unknown[]) => {
        sent.set(command.constructor.name, (sent.get(command.constructor.name) ?? 0) + 1);
        return (target.send as (...args: unknown[]) => unknown).call(target, command, ...rest);
      };
    },
  });
}

beforeAll(async () => {
  servers = await startServers();
});
afterAll(() => servers?.stop());
// A table of its own per test: the same stories in two tests would be near-duplicates of each other.
beforeEach(async () => {
  tableName = `dups-table-${++tables}`;
  await ensureTable(servers.dynamo, tableName);
  projected = await projectedStore(servers.doc, tableName);
  store = projected.store;
  queries = createArticleQueries({ doc: counting(servers.doc), tableName });
});
afterEach(() => projected?.stop());

const handler = () =>
  createIngestHandler({ store, objects: createS3ObjectReader(servers.s3), maxBytes: 1024 * 1024, logger: recordingLogger(), metrics: recordingMetrics() });

const created = (key: string, body: Uint8Array): Promise<ObjectChange> => createdEvent(servers.s3, servers.bucket, key, body);

const removed = (key: string): ObjectChange => ({ eventName: 'ObjectRemoved:Delete', bucket: servers.bucket, key, sequencer: nextSequencer() });

async function deliver(...changes: ObjectChange[]): Promise<void> {
  const response = await handler()(sqsEvent(...changes.map((change) => sqsMessage(s3Notification(change)))));
  expect(response).toEqual({ batchItemFailures: [] });
  await projected.settle();
}

/** The keys of an article's near-duplicates as a reader gets them. */
const duplicatesOf = async (key: string) => (await queries.getArticle(key))?.duplicates.map((d) => d.key);

/** The record extraction gives an object, as the handler would write it. */
function recordOf(change: ObjectChange, body: Uint8Array): ArticleRecord {
  const source = { bucket: change.bucket, key: change.key, versionId: null, etag: change.etag ?? null, size: body.length, contentType: null, sequencer: change.sequencer, uploadedAt: null, metadata: {} };
  return extractRecord({ bytes: body, source, now: '2024-03-04T09:31:00.000Z' });
}

/** Every index item the table holds for an object key (a Query per partition the record names). */
async function indexItemsOf(key: string, partitions: readonly string[]): Promise<string[]> {
  const found: string[] = [];
  for (const pk of partitions) {
    const { Items } = await servers.doc.send(
      new QueryCommand({ TableName: tableName, KeyConditionExpression: 'pk = :pk AND sk = :sk', ExpressionAttributeValues: { ':pk': pk, ':sk': key } }),
    );
    found.push(...(Items ?? []).map((item) => String(item.pk)));
  }
  return found;
}

describe('a re-published article', () => {
  it('and the original list each other; an unrelated article lists nothing', async () => {
    const original = await created(uniqueKey('homs-water.txt'), ORIGINAL);
    const unrelated = await created(uniqueKey('latakia-olives.txt'), UNRELATED);
    await deliver(original, unrelated);
    expect(await duplicatesOf(original.key)).toEqual([]);

    const republished = await created(uniqueKey('homs-water-republished.txt'), REPUBLISHED);
    await deliver(republished);

    sent.clear();
    const second = await queries.getArticle(republished.key);
    // One Query per anchor it is indexed under, one BatchGetItem of the candidates, and the GetItem.
    expect(sent.get('QueryCommand') ?? 0).toBeLessThanOrEqual(indexAnchors(second!).length);
    expect(sent.get('BatchGetCommand')).toBe(1);
    expect(second?.duplicates).toEqual([{ id: `${servers.bucket}/${original.key}`, key: original.key, distance: expect.any(Number) }]);
    const first = await queries.getArticle(original.key);
    expect(first?.duplicates).toEqual([{ id: `${servers.bucket}/${republished.key}`, key: republished.key, distance: second?.duplicates[0]?.distance }]);
    expect(await duplicatesOf(unrelated.key)).toEqual([]);
    // Ingest stores no links: they are found as the record is read.
    expect((await store.get(original.key))?.duplicates).toEqual([]);

    // The same events again (SQS delivers at least once), and the original's own event: still one each.
    await deliver(republished, republished, original);
    expect(await duplicatesOf(republished.key)).toHaveLength(1);
    expect(await duplicatesOf(original.key)).toHaveLength(1);
    const answer = await queries.findDuplicates(original.key);
    expect(answer?.duplicates.map((d) => [d.key, d.article?.key])).toEqual([[republished.key, republished.key]]);
  });

  it('loses its band items, and its place in the other list, when deleted or replaced by something unrelated', async () => {
    const original = await created(uniqueKey('homs-water.txt'), ORIGINAL);
    const republished = await created(uniqueKey('homs-water-republished.txt'), REPUBLISHED);
    await deliver(original);
    await deliver(republished);
    const stored = await store.get(original.key);
    const partitions = [...new Set(indexAnchors(stored!).map(bandPartition))];
    expect(partitions.length).toBeGreaterThan(0);
    expect(await indexItemsOf(original.key, partitions)).toEqual(partitions);
    expect(await duplicatesOf(republished.key)).toEqual([original.key]);

    await deliver(removed(original.key));
    expect(await store.get(original.key)).toBeNull();
    expect(await indexItemsOf(original.key, partitions)).toEqual([]);
    expect(await duplicatesOf(republished.key)).toEqual([]);

    // The re-publication replaced by an unrelated text: its old band items go.
    const before = await store.get(republished.key);
    const oldPartitions = indexAnchors(before!).map(bandPartition);
    const replaced = await created(republished.key, UNRELATED);
    await deliver(replaced);
    const after = await store.get(republished.key);
    const kept = new Set(indexAnchors(after!).map(bandPartition));
    expect(await indexItemsOf(republished.key, oldPartitions.filter((pk) => !kept.has(pk)))).toEqual([]);
    expect(await indexItemsOf(republished.key, [...kept])).toEqual([...kept]);
  });

  it('does not list a band item of a version that is not the stored one', async () => {
    const original = await created(uniqueKey('homs-water.txt'), ORIGINAL);
    await deliver(original);
    const replaced = await created(original.key, UNRELATED);
    await deliver(replaced);
    // A band item of the replaced version, as if the projector had not yet taken it away.
    for (const item of bandItems(recordOf(original, ORIGINAL))) await servers.doc.send(new PutCommand({ TableName: tableName, Item: { ...item } }));

    const republished = await created(uniqueKey('homs-water-republished.txt'), REPUBLISHED);
    await deliver(republished);
    expect(await duplicatesOf(republished.key)).toEqual([]);
  });
});

/**
 * Near-duplicates end to end: the real ingest handler, s3rver holding the objects, dynalite the
 * table, the real SDK clients over 127.0.0.1. An article we wrote, then its edited re-publication
 * (diacritics added, a sentence rewritten, a newspaper byline): the second record lists the first,
 * the first gets the back-link, once, however often the events come; an unrelated article links
 * nothing; replacing or deleting an article takes its index items and back-links away.
 */
import { PutCommand, QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createDynamoStore } from '../../adapters/dynamo-store';
import { createS3ObjectReader } from '../../adapters/s3-objects';
import { ensureTable } from '../../adapters/table-setup';
import { createIngestHandler } from '../../functions/ingest';
import { bandPartition, QUERY_ANCHORS } from '../../shared/duplicates';
import { extractRecord } from '../../shared/extract/index';
import { bandItems } from '../../shared/items';
import type { ArticleRecord } from '../../shared/record';
import type { ArticleStore } from '../../shared/ports';
import { startServers, type TestServers } from '../helpers/servers';
import { nextSequencer, s3Notification, sqsEvent, sqsMessage, type ObjectChange } from './events';
import { createdEvent, ingestFixture } from './objects';
import { recordingLogger, recordingMetrics } from './recorders';

const ORIGINAL = ingestFixture('dups-homs-water.ar.txt');
const REPUBLISHED = ingestFixture('dups-homs-water-republished.ar.txt');
const UNRELATED = ingestFixture('dups-latakia-olive-harvest.ar.txt');

let servers: TestServers;
let store: ArticleStore;
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
  store = createDynamoStore({ doc: counting(servers.doc), tableName });
});

const handler = () =>
  createIngestHandler({ store, objects: createS3ObjectReader(servers.s3), maxBytes: 1024 * 1024, logger: recordingLogger(), metrics: recordingMetrics() });

const created = (key: string, body: Uint8Array): Promise<ObjectChange> => createdEvent(servers.s3, servers.bucket, key, body);

const removed = (key: string): ObjectChange => ({ eventName: 'ObjectRemoved:Delete', bucket: servers.bucket, key, sequencer: nextSequencer() });

async function deliver(...changes: ObjectChange[]): Promise<void> {
  const response = await handler()(sqsEvent(...changes.map((change) => sqsMessage(s3Notification(change)))));
  expect(response).toEqual({ batchItemFailures: [] });
}

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
  it('lists the original, which gets the back-link; an unrelated article links nothing', async () => {
    const original = await created(uniqueKey('homs-water.txt'), ORIGINAL);
    const unrelated = await created(uniqueKey('latakia-olives.txt'), UNRELATED);
    await deliver(original, unrelated);
    expect((await store.get(original.key))?.duplicates).toEqual([]);

    const republished = await created(uniqueKey('homs-water-republished.txt'), REPUBLISHED);
    sent.clear();
    await deliver(republished);
    expect(sent.get('QueryCommand') ?? 0).toBeLessThanOrEqual(QUERY_ANCHORS);

    const second = await store.get(republished.key);
    expect(second?.duplicates).toEqual([{ id: `${servers.bucket}/${original.key}`, key: original.key, distance: expect.any(Number) }]);
    const first = await store.get(original.key);
    expect(first?.duplicates).toEqual([{ id: `${servers.bucket}/${republished.key}`, key: republished.key, distance: second?.duplicates[0]?.distance }]);
    expect((await store.get(unrelated.key))?.duplicates).toEqual([]);

    // The same events again (SQS delivers at least once), and the original's own event: still one link each.
    await deliver(republished, republished, original);
    expect((await store.get(republished.key))?.duplicates).toHaveLength(1);
    expect((await store.get(original.key))?.duplicates).toHaveLength(1);
  });

  it('loses its links and its index items when deleted, or replaced by something unrelated', async () => {
    const original = await created(uniqueKey('homs-water.txt'), ORIGINAL);
    const republished = await created(uniqueKey('homs-water-republished.txt'), REPUBLISHED);
    await deliver(original);
    await deliver(republished);
    const stored = await store.get(original.key);
    const partitions = [...new Set([...(stored?.fingerprints.anchors ?? [])].map(bandPartition))];
    expect(partitions.length).toBeGreaterThan(0);
    expect(await indexItemsOf(original.key, partitions)).toEqual(partitions);
    expect((await store.get(republished.key))?.duplicates.map((d) => d.key)).toEqual([original.key]);

    await deliver(removed(original.key));
    expect(await store.get(original.key)).toBeNull();
    expect(await indexItemsOf(original.key, partitions)).toEqual([]);
    expect((await store.get(republished.key))?.duplicates).toEqual([]);

    // The re-publication replaced by an unrelated text: its old index items go, and nothing links it.
    const before = await store.get(republished.key);
    const oldPartitions = (before?.fingerprints.anchors ?? []).map(bandPartition);
    const replaced = await created(republished.key, UNRELATED);
    await deliver(replaced);
    const after = await store.get(republished.key);
    const kept = new Set((after?.fingerprints.anchors ?? []).map(bandPartition));
    expect(await indexItemsOf(republished.key, oldPartitions.filter((pk) => !kept.has(pk)))).toEqual([]);
  });

  it('is not linked to a deleted original, even though the original was indexed', async () => {
    const original = await created(uniqueKey('homs-water.txt'), ORIGINAL);
    await deliver(original);
    await deliver(removed(original.key));
    const republished = await created(uniqueKey('homs-water-republished.txt'), REPUBLISHED);
    await deliver(republished);
    expect((await store.get(republished.key))?.duplicates).toEqual([]);
  });

  it('ignores and removes index items left over from an older version of an object', async () => {
    const original = await created(uniqueKey('homs-water.txt'), ORIGINAL);
    await deliver(original);
    const replaced = await created(original.key, UNRELATED);
    await deliver(replaced);
    // As if a crash had stopped the replacing write before it removed the old version's items.
    const leftovers = bandItems(recordOf(original, ORIGINAL));
    for (const item of leftovers) await servers.doc.send(new PutCommand({ TableName: tableName, Item: { ...item } }));

    const republished = await created(uniqueKey('homs-water-republished.txt'), REPUBLISHED);
    await deliver(republished);
    expect((await store.get(republished.key))?.duplicates).toEqual([]);
    const queried = new Set((recordOf(republished, REPUBLISHED).fingerprints.anchors ?? []).map(bandPartition));
    const found = await indexItemsOf(original.key, leftovers.map((item) => item.pk).filter((pk) => queried.has(pk)));
    const current = new Set((await store.get(original.key))?.fingerprints.anchors?.map(bandPartition));
    expect(found.filter((pk) => !current.has(pk))).toEqual([]);
  });

  it('adds the back-link on the retry when a write stopped before it', async () => {
    const original = await created(uniqueKey('homs-water.txt'), ORIGINAL);
    await deliver(original);
    const republished = await created(uniqueKey('homs-water-republished.txt'), REPUBLISHED);
    const failing: ArticleStore = {
      ...store,
      duplicates: {
        ...store.duplicates,
        link: () => Promise.reject(new Error('the process stopped here')),
      },
    };
    const firstTry = createIngestHandler({ store: failing, objects: createS3ObjectReader(servers.s3), maxBytes: 1024 * 1024, logger: recordingLogger(), metrics: recordingMetrics() });
    const message = sqsMessage(s3Notification(republished));
    expect((await firstTry(sqsEvent(message))).batchItemFailures).toEqual([{ itemIdentifier: message.messageId }]);
    expect((await store.get(republished.key))?.duplicates.map((d) => d.key)).toEqual([original.key]);
    expect((await store.get(original.key))?.duplicates).toEqual([]);

    await deliver(republished);
    expect((await store.get(original.key))?.duplicates.map((d) => d.key)).toEqual([republished.key]);
  });

  it('keeps twins paired when one back-link is refused because the other was not stored yet, and the other is stored right then', async () => {
    const first = await created(uniqueKey('homs-water.txt'), ORIGINAL);
    const second = await created(uniqueKey('homs-water-republished.txt'), REPUBLISHED);
    const ingest = (changes: ObjectChange, on: ArticleStore) =>
      createIngestHandler({ store: on, objects: createS3ObjectReader(servers.s3), maxBytes: 1024 * 1024, logger: recordingLogger(), metrics: recordingMetrics() })(
        sqsEvent(sqsMessage(s3Notification(changes))),
      );

    // The second article's ingest writes its index items, then waits before its search.
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let reachedSearch!: () => void;
    const atSearch = new Promise<void>((resolve) => (reachedSearch = resolve));
    const waiting: ArticleStore = {
      ...store,
      duplicates: {
        ...store.duplicates,
        find: async (record) => {
          reachedSearch();
          await gate;
          return store.duplicates.find(record);
        },
      },
    };
    const secondDone = ingest(second, waiting);
    await atSearch;

    // The first finds the second's index items (no record yet: a link), is written, and its back-link
    // is refused; right then the second goes on, finds the first, is written linking to it, and
    // waits for the pair's lease while the first drops its forward link (also the second's back-link).
    const racing: ArticleStore = {
      ...store,
      duplicates: {
        ...store.duplicates,
        link: async (target, entry) => {
          const linked = await store.duplicates.link(target, entry);
          if (linked === 'refused' && target === second.key) {
            // The second goes on in its own handler: it is written, then waits for this pair's
            // lease (held here) to add its back-link.
            release();
            for (let i = 0; i < 200 && !(await store.get(second.key)); i++) await new Promise((resolve) => setTimeout(resolve, 10));
            expect(await store.get(second.key)).not.toBeNull();
          }
          return linked;
        },
      },
    };
    expect(await ingest(first, racing)).toEqual({ batchItemFailures: [] });
    expect(await secondDone).toEqual({ batchItemFailures: [] });
    expect((await store.get(second.key))?.duplicates.map((d) => d.key)).toEqual([first.key]);
    expect((await store.get(first.key))?.duplicates.map((d) => d.key)).toEqual([second.key]);
  });

  it('takes a back-link away again when its article was deleted between its write and the back-link', async () => {
    const original = await created(uniqueKey('homs-water.txt'), ORIGINAL);
    await deliver(original);
    const republished = await created(uniqueKey('homs-water-republished.txt'), REPUBLISHED);
    // The republished record is written with its link; before its back-link lands, a delete of it
    // is written and cleaned up (nothing to unlink yet on the original).
    const racing: ArticleStore = {
      ...store,
      duplicates: {
        ...store.duplicates,
        link: async (target, entry) => {
          if (entry.key === republished.key && !removing) {
            // The delete runs in its own handler: its tombstone lands, its clean-up waits for the pair.
            removing = store.remove({ bucket: servers.bucket, key: republished.key, sequencer: nextSequencer(), at: '2024-03-04T10:00:00.000Z' });
            for (let i = 0; i < 200 && (await store.get(republished.key)); i++) await new Promise((resolve) => setTimeout(resolve, 10));
          }
          return store.duplicates.link(target, entry);
        },
      },
    };
    let removing: Promise<unknown> | null = null;
    const response = await createIngestHandler({ store: racing, objects: createS3ObjectReader(servers.s3), maxBytes: 1024 * 1024, logger: recordingLogger(), metrics: recordingMetrics() })(
      sqsEvent(sqsMessage(s3Notification(republished))),
    );
    expect(response).toEqual({ batchItemFailures: [] });
    expect(await removing).toBe('written');
    expect(await store.get(republished.key)).toBeNull();
    expect((await store.get(original.key))?.duplicates).toEqual([]);
  });
});

/**
 * The ingest handler end to end against real servers: s3rver holds the objects, dynalite the table,
 * and the real SDK clients talk to both over 127.0.0.1. Events are shaped as AWS delivers them.
 */
import { CreateBucketCommand, DeleteObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDynamoStore } from '../../adapters/dynamo-store';
import { createS3ObjectReader } from '../../adapters/s3-objects';
import { ensureTable } from '../../adapters/table-setup';
import { createIngestHandler } from '../../functions/ingest';
import type { ArticleStore, ObjectReader } from '../../shared/ports';
import { encodeS3Key, normalizeSequencer } from '../../shared/s3-event';
import { startServers, type TestServers } from '../helpers/servers';
import { nextSequencer, s3Notification, sqsEvent, sqsMessage, type ObjectChange } from './events';
import { createdEvent, ingestFixture, uploadObject } from './objects';
import { countingReader, recordingLogger, recordingMetrics } from './recorders';

const ARABIC_ARTICLE = ingestFixture('homs-school-reopens.ar.txt');
const ENGLISH_ARTICLE = ingestFixture('port-strike.en.txt');
const MAX_BYTES = 1024 * 1024;

let servers: TestServers;
let store: ArticleStore;
let reader: ObjectReader;
let keys = 0;
const uniqueKey = (name: string) => `handler-${++keys}/${name}`;

beforeAll(async () => {
  servers = await startServers();
  store = createDynamoStore({ doc: servers.doc, tableName: servers.tableName });
  reader = createS3ObjectReader(servers.s3);
});
afterAll(() => servers?.stop());

function ingest(options: { maxBytes?: number; objects?: ObjectReader; store?: ArticleStore; clock?: () => Date } = {}) {
  const logger = recordingLogger();
  const metrics = recordingMetrics();
  const handler = createIngestHandler({
    store: options.store ?? store,
    objects: options.objects ?? reader,
    maxBytes: options.maxBytes ?? MAX_BYTES,
    logger,
    metrics,
    clock: options.clock ?? (() => new Date('2024-03-04T09:31:00.000Z')),
  });
  return { handler, logger, metrics };
}

const upload = (key: string, body: Uint8Array | string, bucket = servers.bucket) => uploadObject(servers.s3, bucket, key, body);

/** Uploads an object and returns the created event S3 would send for it. */
const created = (key: string, body: Uint8Array | string = ARABIC_ARTICLE): Promise<ObjectChange> => createdEvent(servers.s3, servers.bucket, key, body);

const removed = (key: string, extra: Partial<ObjectChange> = {}): ObjectChange => ({
  eventName: 'ObjectRemoved:Delete',
  bucket: servers.bucket,
  key,
  sequencer: nextSequencer(),
  ...extra,
});

const batchOf = (...changes: ObjectChange[]) => sqsEvent(...changes.map((change) => sqsMessage(s3Notification(change))));

describe('an object created', () => {
  it('becomes a record with the source of the event and the object', async () => {
    const change = await created(uniqueKey('homs.txt'));
    const { handler, metrics, logger } = ingest();
    expect(await handler(batchOf(change))).toEqual({ batchItemFailures: [] });

    const record = await store.get(change.key);
    expect(record).toMatchObject({
      status: 'ok',
      id: `${servers.bucket}/${change.key}`,
      source: { bucket: servers.bucket, key: change.key, etag: change.etag, size: change.size, sequencer: change.sequencer, contentType: 'text/plain; charset=utf-8' },
      language: { code: 'ar' },
    });
    expect(metrics.counts).toEqual({ RecordWritten: 1 });
    expect(metrics.published).toBe(1);
    expect(logger.lines).toContainEqual({
      level: 'info',
      message: 'record written',
      attributes: expect.objectContaining({ outcome: 'written', action: 'created', key: change.key, sequencer: normalizeSequencer(change.sequencer), status: 'ok' }),
    });
  });

  it.each([
    ['spaces', 'annual report 2024.txt'],
    ['a plus sign', 'a+b=c.txt'],
    ['a percent sign', '100% sure.txt'],
    ['Arabic letters and digits', 'أخبار/دمشق سانا ١٤٣٦.txt'],
    ['all of them', 'مزيج + 50% mixed.txt'],
  ])('is found under its decoded key when the key has %s', async (_label, name) => {
    const change = await created(uniqueKey(name), ENGLISH_ARTICLE);
    // The event carries the key as S3 encodes it: a space as `+`, a `+` as `%2B`, UTF-8 escapes.
    const body = s3Notification(change);
    expect(body).toContain(encodeS3Key(change.key));
    if (name.includes(' ')) expect(encodeS3Key(change.key)).toContain('+');

    const { handler } = ingest();
    expect(await handler(sqsEvent(sqsMessage(body)))).toEqual({ batchItemFailures: [] });
    expect((await store.get(change.key))?.source.key).toBe(change.key);
  });

  it('keeps a malformed escape of a hand-made event as it was, and warns', async () => {
    const change = await created(uniqueKey('50%.txt'), ENGLISH_ARTICLE);
    // S3 itself would have written `50%25.txt`; this event carries the `%` bare.
    const body = s3Notification(change).replace(encodeS3Key(change.key), change.key);
    const { handler, logger } = ingest();
    expect(await handler(sqsEvent(sqsMessage(body)))).toEqual({ batchItemFailures: [] });
    expect((await store.get(change.key))?.source.key).toBe(change.key);
    expect(logger.lines).toContainEqual(
      expect.objectContaining({ level: 'warn', attributes: expect.objectContaining({ key: change.key, keyProblem: expect.stringContaining('%') }) }),
    );
  });

  it('gives an empty object a record too', async () => {
    const change = await created(uniqueKey('empty.txt'), new Uint8Array(0));
    const { handler } = ingest();
    expect(await handler(batchOf(change))).toEqual({ batchItemFailures: [] });
    const record = await store.get(change.key);
    expect(record?.source.size).toBe(0);
    expect(record?.status).not.toBe('ok');
    expect(record?.problems.length).toBeGreaterThan(0);
  });
});

describe('objects over the size limit', () => {
  it('are rejected from the event size alone: only the byte of the read that says it is current', async () => {
    const change = await created(uniqueKey('big.txt'), 'x'.repeat(5_000));
    const counting = countingReader(reader);
    const { handler, metrics } = ingest({ maxBytes: 1_000, objects: counting });
    expect(await handler(batchOf(change))).toEqual({ batchItemFailures: [] });

    expect(counting.calls).toBe(1);
    expect(counting.bytesRead).toBeLessThanOrEqual(1);
    const record = await store.get(change.key);
    expect(record).toMatchObject({ status: 'rejected', source: { size: 5_000, key: change.key } });
    expect(record?.problems.map((p) => p.code)).toEqual(['too-large']);
    expect(metrics.counts).toEqual({ RecordWritten: 1, RecordRejected: 1 });
  });

  it('are rejected after reading no more than the limit + 1 when the event understated the size', async () => {
    const change = await created(uniqueKey('understated.txt'), 'y'.repeat(5_000));
    const counting = countingReader(reader);
    const { handler } = ingest({ maxBytes: 1_000, objects: counting });
    expect(await handler(batchOf({ ...change, size: 10 }))).toEqual({ batchItemFailures: [] });

    expect(counting.calls).toBe(1);
    expect(counting.bytesRead).toBe(1_001);
    const record = await store.get(change.key);
    expect(record).toMatchObject({ status: 'rejected', source: { size: 5_000 } });
    expect(record?.problems.map((p) => p.code)).toEqual(['too-large']);
  });
});

describe('duplicates and order', () => {
  it('writes once when the same event comes twice, and leaves the record unchanged', async () => {
    const change = await created(uniqueKey('twice.txt'));
    const first = ingest();
    await first.handler(batchOf(change));
    const stored = await store.get(change.key);

    // Redelivered (received before): skipped before extracting; an extraction asks the clock for its time.
    let clockReads = 0;
    const second = ingest({ clock: () => (clockReads++, new Date('2024-03-04T09:32:00.000Z')) });
    const redelivery = sqsMessage(s3Notification(change));
    const retried = { ...redelivery, attributes: { ...redelivery.attributes, ApproximateReceiveCount: '2' } };
    expect(await second.handler(sqsEvent(retried))).toEqual({ batchItemFailures: [] });
    expect(second.metrics.counts).toEqual({ StaleEvent: 1 });
    expect(clockReads).toBe(0);
    // A first delivery of the same event is refused by the write's condition alone.
    const third = ingest();
    expect(await third.handler(batchOf(change))).toEqual({ batchItemFailures: [] });
    expect(third.metrics.counts).toEqual({ StaleEvent: 1 });
    expect(second.logger.lines).toContainEqual(
      expect.objectContaining({ attributes: expect.objectContaining({ outcome: 'stale', key: change.key, sequencer: normalizeSequencer(change.sequencer) }) }),
    );
    expect(await store.get(change.key)).toEqual(stored);
  });

  it('ignores an older event arriving after a newer one', async () => {
    const key = uniqueKey('order.txt');
    const older = await created(key, ENGLISH_ARTICLE);
    const newer = { ...older, sequencer: nextSequencer() };
    await ingest().handler(batchOf(newer));
    const { handler, metrics } = ingest();
    await handler(batchOf(older));
    expect(metrics.counts).toEqual({ StaleEvent: 1 });
    expect((await store.get(key))?.source.sequencer).toBe(newer.sequencer);
  });

  it('skips the event of a version that was overwritten since: the newer event has the say', async () => {
    const key = uniqueKey('overwritten.txt');
    const first = await created(key, ENGLISH_ARTICLE);
    const second = await created(key, ARABIC_ARTICLE);
    await ingest().handler(batchOf(second));
    const { handler, metrics, logger } = ingest();
    expect(await handler(batchOf(first))).toEqual({ batchItemFailures: [] });
    expect(metrics.counts).toEqual({ ObjectGone: 1 });
    expect(logger.lines.map((l) => l.message)).toContain('object changed or gone, skipping');
    expect((await store.get(key))?.source.etag).toBe(second.etag);
  });

  it('keeps a deleted object deleted when an older create arrives after the delete', async () => {
    const key = uniqueKey('delete-then-old-create.txt');
    const create = await created(key);
    await ingest().handler(batchOf(removed(key)));
    expect(await store.get(key)).toBeNull();

    const { handler, metrics } = ingest();
    await handler(batchOf(create));
    expect(metrics.counts).toEqual({ StaleEvent: 1 });
    expect(await store.get(key)).toBeNull();
  });

  it('brings the record back when a newer create follows a delete', async () => {
    const key = uniqueKey('recreated.txt');
    await ingest().handler(batchOf(await created(key)));
    await ingest().handler(batchOf(removed(key)));
    expect(await store.get(key)).toBeNull();

    const again = await created(key, ENGLISH_ARTICLE);
    const { handler, metrics } = ingest();
    await handler(batchOf(again));
    expect(metrics.counts).toEqual({ RecordWritten: 1 });
    expect((await store.get(key))?.source.sequencer).toBe(again.sequencer);
  });

  it('handles two batches for the same key at once', async () => {
    const key = uniqueKey('concurrent.txt');
    const change = await created(key);
    const later = { ...change, sequencer: nextSequencer() };
    const { handler, metrics } = ingest();
    const results = await Promise.all([handler(batchOf(change)), handler(batchOf(later))]);
    expect(results).toEqual([{ batchItemFailures: [] }, { batchItemFailures: [] }]);
    expect((await store.get(key))?.source.sequencer).toBe(later.sequencer);
    expect((metrics.counts.RecordWritten ?? 0) + (metrics.counts.StaleEvent ?? 0)).toBe(2);
  });
});

describe('removals', () => {
  it('removes the record', async () => {
    const key = uniqueKey('removed.txt');
    await ingest().handler(batchOf(await created(key)));
    const { handler, metrics } = ingest();
    expect(await handler(batchOf(removed(key, { eventName: 'ObjectRemoved:DeleteMarkerCreated', versionId: 'marker-1' })))).toEqual({ batchItemFailures: [] });
    expect(metrics.counts).toEqual({ RecordRemoved: 1 });
    expect(await store.get(key)).toBeNull();
  });

  it('keeps the key indexed when only an old version was deleted and the object is still there', async () => {
    const key = uniqueKey('version-deleted.txt');
    await ingest().handler(batchOf(await created(key)));
    const { handler, metrics } = ingest();
    await handler(batchOf(removed(key, { versionId: 'an-old-version' })));
    expect(metrics.counts).toEqual({ RecordWritten: 1 });
    expect((await store.get(key))?.status).toBe('ok');
  });

  it('removes the record when the deleted version was the last one', async () => {
    const key = uniqueKey('last-version-deleted.txt');
    await ingest().handler(batchOf(await created(key)));
    expect(await store.get(key)).not.toBeNull();
    await servers.s3.send(new DeleteObjectCommand({ Bucket: servers.bucket, Key: key }));
    const { handler, metrics } = ingest();
    await handler(batchOf(removed(key, { versionId: 'the-only-version' })));
    expect(metrics.counts).toEqual({ RecordRemoved: 1 });
    expect(await store.get(key)).toBeNull();
  });

  it('acknowledges events that do not change the object, and changes nothing', async () => {
    const key = uniqueKey('restored.txt');
    await ingest().handler(batchOf(await created(key)));
    const before = await store.get(key);
    const { handler, metrics } = ingest();
    expect(await handler(batchOf({ ...removed(key), eventName: 'ObjectRestore:Completed' }))).toEqual({ batchItemFailures: [] });
    expect(metrics.counts).toEqual({ EventIgnored: 1 });
    expect(await store.get(key)).toEqual(before);
  });
});

describe('partial batch failure', () => {
  it('reports only the garbage message of a batch with two good ones', async () => {
    const one = await created(uniqueKey('good-1.txt'));
    const two = await created(uniqueKey('good-2.txt'), ENGLISH_ARTICLE);
    const garbage = sqsMessage('{"not":"an S3 event"}', 'garbage-1');
    const { handler, metrics, logger } = ingest();
    const response = await handler(sqsEvent(sqsMessage(s3Notification(one)), garbage, sqsMessage(s3Notification(two))));

    expect(response).toEqual({ batchItemFailures: [{ itemIdentifier: 'garbage-1' }] });
    expect(await store.get(one.key)).not.toBeNull();
    expect(await store.get(two.key)).not.toBeNull();
    expect(metrics.counts).toEqual({ RecordWritten: 2, MessageFailed: 1 });
    expect(logger.lines).toContainEqual(
      expect.objectContaining({ level: 'error', attributes: expect.objectContaining({ messageId: 'garbage-1', error: expect.stringMatching(/UnrecognizedMessageError/) }) }),
    );
  });

  it('acknowledges the S3 test event', async () => {
    const { handler, metrics } = ingest();
    const body = JSON.stringify({ Service: 'Amazon S3', Event: 's3:TestEvent', Time: '2024-03-04T09:00:00.000Z', Bucket: servers.bucket, RequestId: 'R', HostId: 'H' });
    expect(await handler(sqsEvent(sqsMessage(body)))).toEqual({ batchItemFailures: [] });
    expect(metrics.counts).toEqual({ TestEvent: 1 });
  });

  it('reports every message for retry when the database goes down mid-batch', async () => {
    const own = await startServers({ bucket: 'dateline-fault', tableName: 'dateline-fault' });
    try {
      const ownStore = createDynamoStore({ doc: own.doc, tableName: own.tableName });
      const ownReader = createS3ObjectReader(own.s3);
      // The database stops while the batch is being read: every write after that fails.
      const stopping: ObjectReader = {
        read: (...args) => ownReader.read(...args),
        async readCurrent(...args) {
          await own.stopDynamo();
          return ownReader.readCurrent(...args);
        },
      };
      const changes = await Promise.all(
        ['down-1.txt', 'down-2.txt'].map(async (key) => {
          const { ETag } = await own.s3.send(new PutObjectCommand({ Bucket: own.bucket, Key: key, Body: ENGLISH_ARTICLE }));
          return { eventName: 'ObjectCreated:Put', bucket: own.bucket, key, etag: ETag!.replace(/"/g, ''), size: ENGLISH_ARTICLE.length, sequencer: nextSequencer() };
        }),
      );
      const testEvent = sqsMessage(JSON.stringify({ Service: 'Amazon S3', Event: 's3:TestEvent', Bucket: own.bucket }), 'test-event');
      const { handler, metrics } = ingest({ store: ownStore, objects: stopping });
      const response = await handler(sqsEvent(sqsMessage(s3Notification(changes[0]!), 'down-1'), testEvent, sqsMessage(s3Notification(changes[1]!), 'down-2')));

      expect(response.batchItemFailures.map((f) => f.itemIdentifier).sort()).toEqual(['down-1', 'down-2']);
      expect(metrics.counts).toEqual({ TestEvent: 1, MessageFailed: 2 });
    } finally {
      await own.stop();
    }
  });

  it('reports all messages, without throwing, when the whole batch fails', async () => {
    const { handler } = ingest();
    const response = await handler(sqsEvent(sqsMessage('Test message.', 'bad-1'), sqsMessage('{"message":"foo1"}', 'bad-2')));
    expect(response).toEqual({ batchItemFailures: [{ itemIdentifier: 'bad-1' }, { itemIdentifier: 'bad-2' }] });
  });
});

describe('a notification with several records', () => {
  it('processes them in order within the message', async () => {
    const key = uniqueKey('several.txt');
    const create = await created(key);
    const remove = removed(key);
    const { handler, metrics } = ingest();
    expect(await handler(sqsEvent(sqsMessage(s3Notification(create, remove))))).toEqual({ batchItemFailures: [] });
    expect(metrics.counts).toEqual({ RecordWritten: 1, RecordRemoved: 1 });
    expect(await store.get(key)).toBeNull();
  });
});

describe('a bucket other than the test bucket', () => {
  it('is read from the bucket the event names', async () => {
    await servers.s3.send(new CreateBucketCommand({ Bucket: 'other-bucket' }));
    const key = uniqueKey('elsewhere.txt');
    const { etag, size } = await upload(key, ENGLISH_ARTICLE, 'other-bucket');
    const { handler } = ingest();
    await handler(batchOf({ eventName: 'ObjectCreated:Copy', bucket: 'other-bucket', key, etag, size, sequencer: nextSequencer() }));
    expect(await store.get(key)).toMatchObject({ id: `other-bucket/${key}`, source: { bucket: 'other-bucket' } });
  });

  it('creates the table idempotently', async () => {
    expect(await ensureTable(servers.dynamo, servers.tableName)).toBe('existed');
  });
});

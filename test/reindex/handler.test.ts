/**
 * Reindex messages through the real ingest handler, against s3rver and dynalite: a record of an
 * older extractor is re-extracted (sequencer and upload time kept), one of the running version is
 * left alone unless forced, a missing or deleted record is acknowledged, and a reindex that races
 * a newer S3 event never overwrites the newer record.
 */
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDynamoStore } from '../../adapters/dynamo-store';
import { createS3ObjectReader } from '../../adapters/s3-objects';
import { createIngestHandler } from '../../functions/ingest';
import { EXTRACTOR_VERSION } from '../../shared/extract';
import { articleKey } from '../../shared/items';
import type { ArticleStore, ObjectReader } from '../../shared/ports';
import { parseMessageBody, reindexMessageBody } from '../../shared/s3-event';
import { startServers, type TestServers } from '../helpers/servers';
import { nextSequencer, s3Notification, sqsEvent, sqsMessage, type ObjectChange } from '../ingest/events';
import { createdEvent, ingestFixture } from '../ingest/objects';
import { recordingLogger, recordingMetrics } from '../ingest/recorders';

const ARABIC_ARTICLE = ingestFixture('homs-school-reopens.ar.txt');
const ENGLISH_ARTICLE = ingestFixture('port-strike.en.txt');
const MAX_BYTES = 1024 * 1024;

let servers: TestServers;
let store: ArticleStore;
let keys = 0;
const uniqueKey = (name: string) => `reindex-${++keys}/${name}`;

beforeAll(async () => {
  servers = await startServers();
  store = createDynamoStore({ doc: servers.doc, tableName: servers.tableName });
});
afterAll(() => servers?.stop());

function ingest(objects: ObjectReader = createS3ObjectReader(servers.s3)) {
  const logger = recordingLogger();
  const metrics = recordingMetrics();
  return { handler: createIngestHandler({ store, objects, maxBytes: MAX_BYTES, logger, metrics }), logger, metrics };
}

const created = (key: string, body: Uint8Array): Promise<ObjectChange> => createdEvent(servers.s3, servers.bucket, key, body);

const deliver = async (change: ObjectChange) => expect(await ingest().handler(sqsEvent(sqsMessage(s3Notification(change))))).toEqual({ batchItemFailures: [] });
const reindexEvent = (key: string, force = false) => sqsEvent(sqsMessage(reindexMessageBody(servers.bucket, key, force)));

/** As an older extractor would have left it. */
const makeOld = (key: string) =>
  servers.doc.send(
    new UpdateCommand({ TableName: servers.tableName, Key: articleKey(key), UpdateExpression: 'SET #e.#v = :v', ExpressionAttributeNames: { '#e': 'extractor', '#v': 'version' }, ExpressionAttributeValues: { ':v': '0.0.0' } }),
  );

describe('a reindex message', () => {
  it('parses as its own kind', () => {
    expect(parseMessageBody(reindexMessageBody('b', 'k/a.txt', true))).toEqual({ kind: 'reindex', bucket: 'b', key: 'k/a.txt', force: true });
    expect(parseMessageBody(reindexMessageBody('b', 'k/a.txt'))).toMatchObject({ kind: 'reindex', force: false });
  });

  it('re-extracts a record of an older extractor, keeping its sequencer and upload time', async () => {
    const change = await created(uniqueKey('homs.txt'), ARABIC_ARTICLE);
    await deliver(change);
    const before = (await store.get(change.key))!;
    await makeOld(change.key);

    const { handler, logger } = ingest();
    expect(await handler(reindexEvent(change.key))).toEqual({ batchItemFailures: [] });
    const after = (await store.get(change.key))!;
    expect(after.extractor.version).toBe(EXTRACTOR_VERSION);
    expect(after.source).toEqual(before.source);
    expect(after.title).toEqual(before.title);
    expect(logger.lines.map((l) => l.message)).toContain('record written');
  });

  it('leaves a record of the running extractor alone, unless forced', async () => {
    const change = await created(uniqueKey('port.txt'), ENGLISH_ARTICLE);
    await deliver(change);
    const before = (await store.get(change.key))!;

    const plain = ingest();
    expect(await plain.handler(reindexEvent(change.key))).toEqual({ batchItemFailures: [] });
    expect(plain.logger.lines.map((l) => l.message)).toEqual(['up to date']);
    expect((await store.get(change.key))!.extractor.extractedAt).toBe(before.extractor.extractedAt);

    const forced = ingest();
    expect(await forced.handler(reindexEvent(change.key, true))).toEqual({ batchItemFailures: [] });
    expect(forced.logger.lines.map((l) => l.message)).toContain('record written');
    expect((await store.get(change.key))!.source.sequencer).toBe(before.source.sequencer);
  });

  it('acknowledges a key without a record, or with a deleted one', async () => {
    const never = ingest();
    expect(await never.handler(reindexEvent(uniqueKey('never.txt')))).toEqual({ batchItemFailures: [] });
    expect(never.logger.lines.map((l) => l.message)).toEqual(['nothing to reindex']);

    const change = await created(uniqueKey('gone.txt'), ENGLISH_ARTICLE);
    await deliver(change);
    await deliver({ eventName: 'ObjectRemoved:Delete', bucket: servers.bucket, key: change.key, sequencer: nextSequencer() });
    const gone = ingest();
    expect(await gone.handler(reindexEvent(change.key, true))).toEqual({ batchItemFailures: [] });
    expect(gone.logger.lines.map((l) => l.message)).toEqual(['nothing to reindex']);
    expect(await store.get(change.key)).toBeNull();
  });

  it('loses to a newer S3 event that lands while it re-extracts', async () => {
    const key = uniqueKey('race.txt');
    const first = await created(key, ENGLISH_ARTICLE);
    await deliver(first);
    await makeOld(key);

    // The reindex reads the old version; before it writes, the object is replaced and its event ingested.
    const real = createS3ObjectReader(servers.s3);
    let newer: ObjectChange | null = null;
    const racing: ObjectReader = {
      readCurrent: (ref, maxBytes) => real.readCurrent(ref, maxBytes),
      async read(ref, maxBytes) {
        const content = await real.read(ref, maxBytes);
        newer = await created(key, ARABIC_ARTICLE);
        await deliver(newer);
        return content;
      },
    };
    const { handler, logger } = ingest(racing);
    expect(await handler(reindexEvent(key))).toEqual({ batchItemFailures: [] });
    expect(logger.lines.map((l) => l.attributes.outcome)).toEqual(['stale']);

    const stored = (await store.get(key))!;
    expect(newer).not.toBeNull();
    expect(stored.source.sequencer).toBe(newer!.sequencer);
    expect(stored.source.etag).toBe(newer!.etag);
    expect(stored.language.code).toBe('ar');
  });
});

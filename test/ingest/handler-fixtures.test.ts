/**
 * Every real AWS event sample through the ingest handler, against s3rver and dynalite: first as
 * delivered (their objects do not exist here), then with their objects uploaded to s3rver under the
 * sample's bucket and key (the sample's ETag and size patched to the uploaded object's).
 */
import { CreateBucketCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import type { SQSEvent } from 'aws-lambda';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDynamoStore } from '../../adapters/dynamo-store';
import { createS3ObjectReader } from '../../adapters/s3-objects';
import { ensureTable } from '../../adapters/table-setup';
import { createIngestHandler } from '../../functions/ingest';
import { startServers, type TestServers } from '../helpers/servers';
import { awsEventFixtures } from './aws-fixtures';
import { sqsEvent, sqsMessage } from './events';
import { recordingLogger, recordingMetrics } from './recorders';

const ARTICLE = readFileSync(path.join(import.meta.dirname, '../fixtures/ingest/homs-school-reopens.ar.txt'));
const MAX_BYTES = 1024 * 1024;

interface Expected {
  readonly counts: Record<string, number>;
  readonly failures?: number;
}

/** As delivered, with a 1 MiB limit and none of the samples' objects in s3rver. */
const AS_DELIVERED: Record<string, Expected> = {
  // Not there (1,305,107 bytes by the event: over the limit, but gone first, or small enough to
  // read): no longer the current version, acknowledged; a later event will say what happened.
  's3-base.json': { counts: { ObjectGone: 1 } },
  's3-glacier.json': { counts: { ObjectGone: 1 } },
  's3-decoded-key.json': { counts: { ObjectGone: 1 } },
  's3-sqs-event.json': { counts: { ObjectGone: 1 } },
  's3-delete-object.json': { counts: { RecordRemoved: 1 } },
  's3-s3-lifecycle-event.json': { counts: { RecordRemoved: 1 } },
  's3-test-event.json': { counts: { TestEvent: 1 } },
  // Not bucket notifications: failed, for SQS to retry and then dead-letter.
  's3-object-iam-user.json': { counts: { MessageFailed: 1 }, failures: 1 },
  's3-object-temp-credentials.json': { counts: { MessageFailed: 1 }, failures: 1 },
  'sqs-base.json': { counts: { MessageFailed: 2 }, failures: 2 },
};

type Notification = { Records?: { eventName: string; s3: { bucket: { name: string }; object: { key: string; urlDecodedKey?: string; size?: number; eTag?: string } } }[] };

const isSqsEvent = (json: unknown): json is SQSEvent =>
  Array.isArray((json as { Records?: unknown[] }).Records) && (json as { Records: { eventSource?: string }[] }).Records[0]?.eventSource === 'aws:sqs';

const decodedKey = (object: { key: string; urlDecodedKey?: string }) => object.urlDecodedKey ?? decodeURIComponent(object.key.replace(/\+/g, ' '));

let servers: TestServers;
let tables = 0;

beforeAll(async () => {
  servers = await startServers();
});
afterAll(() => servers?.stop());

/** A handler writing to a table of its own: several samples share a key and a sequencer. */
async function freshIngest() {
  const tableName = `fixtures-${++tables}`;
  await ensureTable(servers.dynamo, tableName);
  const store = createDynamoStore({ doc: servers.doc, tableName });
  const logger = recordingLogger();
  const metrics = recordingMetrics();
  const handler = createIngestHandler({ store, objects: createS3ObjectReader(servers.s3), maxBytes: MAX_BYTES, logger, metrics });
  return { handler, store, metrics, logger };
}

const asSqsEvent = (json: unknown): SQSEvent => (isSqsEvent(json) ? json : sqsEvent(sqsMessage(JSON.stringify(json))));

describe('the AWS event samples through the handler', () => {
  const fixtures = awsEventFixtures();

  // An empty table would register no test at all, which vitest counts as a failed suite.
  const absent = [{ name: '(samples absent)', json: null as unknown }];
  it.skipIf(fixtures.length === 0).each(fixtures.length > 0 ? fixtures : absent)('$name, as delivered', async ({ name, json }) => {
    const expected = AS_DELIVERED[name];
    expect(expected, `no expectation for ${name}`).toBeDefined();
    const { handler, metrics, store } = await freshIngest();
    const event = asSqsEvent(json);

    const response = await handler(event);
    expect(response.batchItemFailures).toHaveLength(expected?.failures ?? 0);
    expect(metrics.counts).toEqual(expected?.counts);

    for (const notification of event.Records.map((r) => safeJson(r.body) as Notification)) {
      for (const record of notification?.Records ?? []) {
        const stored = await store.get(decodedKey(record.s3.object));
        // None of the samples' objects is in the bucket: removed or not current, no record either way.
        expect(stored).toBeNull();
      }
    }
  });

  const withCreatedObjects = fixtures.filter(({ json }) => notificationsOf(json).some((n) => n.Records?.some((r) => r.eventName.startsWith('ObjectCreated'))));

  it.skipIf(withCreatedObjects.length === 0).each(withCreatedObjects.length > 0 ? withCreatedObjects : absent)('$name, with its object in the bucket', async ({ json }) => {
    const notifications = notificationsOf(structuredClone(json));
    for (const notification of notifications) {
      for (const record of notification.Records ?? []) {
        const bucket = record.s3.bucket.name;
        await servers.s3.send(new CreateBucketCommand({ Bucket: bucket })).catch((error: Error) => {
          if (error.name !== 'BucketAlreadyOwnedByYou' && error.name !== 'BucketAlreadyExists') throw error;
        });
        const { ETag } = await servers.s3.send(new PutObjectCommand({ Bucket: bucket, Key: decodedKey(record.s3.object), Body: ARTICLE }));
        record.s3.object.eTag = ETag!.replace(/"/g, '');
        record.s3.object.size = ARTICLE.length;
      }
    }
    const event = isSqsEvent(json)
      ? { Records: json.Records.map((r, i) => ({ ...r, body: JSON.stringify(notifications[i]) })) }
      : asSqsEvent(notifications[0]);

    const { handler, metrics, store } = await freshIngest();
    expect(await handler(event)).toEqual({ batchItemFailures: [] });
    expect(metrics.counts).toEqual({ RecordWritten: 1 });
    const record = notifications[0]!.Records![0]!;
    const stored = await store.get(decodedKey(record.s3.object));
    expect(stored).toMatchObject({
      status: 'ok',
      source: { bucket: record.s3.bucket.name, key: decodedKey(record.s3.object), size: ARTICLE.length },
      language: { code: 'ar' },
    });
  });
});

/** The notifications a sample holds: itself, or the bodies of its SQS messages (parsed, in place). */
function notificationsOf(json: unknown): Notification[] {
  if (isSqsEvent(json)) {
    const parsed = json.Records.map((r) => safeJson(r.body) as Notification);
    return parsed.filter((n) => n !== null && typeof n === 'object');
  }
  return [json as Notification];
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

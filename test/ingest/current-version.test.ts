/**
 * "Is the event's version still the current one?" (adapters/s3-objects.ts `isCurrentVersion`), and
 * the ingest handler asking it before a create's record is written. s3rver has no versioning, so
 * the version-id answers come from a stand-in on 127.0.0.1 that answers HeadObject as a versioned
 * bucket does (200 with `x-amz-version-id`; 404 with `x-amz-delete-marker` after a delete); the
 * ETag answers (an unversioned bucket, the local stack) come from s3rver.
 */
import { DeleteObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createS3Client } from '../../adapters/clients';
import { createDynamoStore } from '../../adapters/dynamo-store';
import { createS3ObjectReader, isCurrentVersion } from '../../adapters/s3-objects';
import { createIngestHandler } from '../../functions/ingest';
import type { ObjectReader } from '../../shared/ports';
import { startServers, type TestServers } from '../helpers/servers';
import { s3Notification, sqsEvent, sqsMessage } from './events';
import { createdEvent, ingestFixture, uploadObject } from './objects';
import { recordingLogger, recordingMetrics } from './recorders';

const ARTICLE = ingestFixture('port-strike.en.txt');
const MAX_BYTES = 1024 * 1024;

let servers: TestServers;
beforeAll(async () => {
  servers = await startServers({ bucket: 'dateline-current', tableName: 'dateline-current' });
});
afterAll(() => servers?.stop());

describe('isCurrentVersion against s3rver (no versions: the ETag tells)', () => {
  it('is true for the ETag the key holds and false for an older one', async () => {
    const first = await uploadObject(servers.s3, servers.bucket, 'etag.txt', 'first bytes');
    expect(await isCurrentVersion(servers.s3, { bucket: servers.bucket, key: 'etag.txt', etag: first.etag })).toBe(true);
    await uploadObject(servers.s3, servers.bucket, 'etag.txt', 'second bytes');
    expect(await isCurrentVersion(servers.s3, { bucket: servers.bucket, key: 'etag.txt', etag: first.etag })).toBe(false);
  });

  it('is false once the key is deleted (NoSuchKey)', async () => {
    const { etag } = await uploadObject(servers.s3, servers.bucket, 'deleted.txt', 'bytes');
    await servers.s3.send(new DeleteObjectCommand({ Bucket: servers.bucket, Key: 'deleted.txt' }));
    expect(await isCurrentVersion(servers.s3, { bucket: servers.bucket, key: 'deleted.txt', etag })).toBe(false);
    expect(await isCurrentVersion(servers.s3, { bucket: servers.bucket, key: 'deleted.txt' })).toBe(false);
  });
});

describe('isCurrentVersion against a versioned bucket (stand-in)', () => {
  const objects = new Map<string, string>(); // path -> current version id; absent = a delete marker
  let standIn: Server;
  let s3: S3Client;
  beforeAll(async () => {
    standIn = createServer((request, response) => {
      const version = objects.get(decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname));
      if (request.method !== 'HEAD') response.writeHead(405).end();
      else if (version === undefined) response.writeHead(404, { 'x-amz-delete-marker': 'true', 'x-amz-version-id': 'marker' }).end();
      else response.writeHead(200, { 'x-amz-version-id': version, ETag: '"same-bytes"', 'Content-Length': '5' }).end();
    });
    await new Promise<void>((resolve) => standIn.listen(0, '127.0.0.1', resolve));
    s3 = createS3Client({ endpoint: `http://127.0.0.1:${(standIn.address() as AddressInfo).port}` });
  });
  afterAll(async () => {
    s3?.destroy();
    await new Promise((resolve) => standIn?.close(resolve));
  });

  it('compares version ids, not ETags: the same bytes uploaded again are another version', async () => {
    objects.set('/articles/a.txt', 'v2');
    expect(await isCurrentVersion(s3, { bucket: 'articles', key: 'a.txt', versionId: 'v2', etag: 'same-bytes' })).toBe(true);
    expect(await isCurrentVersion(s3, { bucket: 'articles', key: 'a.txt', versionId: 'v1', etag: 'same-bytes' })).toBe(false);
  });

  it('is false when a delete marker is current', async () => {
    objects.delete('/articles/a.txt');
    expect(await isCurrentVersion(s3, { bucket: 'articles', key: 'a.txt', versionId: 'v2' })).toBe(false);
  });
});

describe('ingest', () => {
  it('does not bring back a deleted object when its create is redriven after the tombstone expired', async () => {
    const store = createDynamoStore({ doc: servers.doc, tableName: servers.tableName });
    const real = createS3ObjectReader(servers.s3);
    const change = await createdEvent(servers.s3, servers.bucket, 'redriven.txt', ARTICLE);
    // A versioned bucket keeps serving the deleted version (90 days): the reader does the same.
    const kept = await real.read({ bucket: servers.bucket, key: 'redriven.txt', etag: change.etag ?? null }, MAX_BYTES);
    await servers.s3.send(new DeleteObjectCommand({ Bucket: servers.bucket, Key: 'redriven.txt' }));
    const versioned: ObjectReader = { isCurrent: (ref) => real.isCurrent(ref), read: async () => kept };

    const logger = recordingLogger();
    const metrics = recordingMetrics();
    const handler = createIngestHandler({ store, objects: versioned, maxBytes: MAX_BYTES, logger, metrics });
    expect(await handler(sqsEvent(sqsMessage(s3Notification(change))))).toEqual({ batchItemFailures: [] });

    expect(await store.get('redriven.txt')).toBeNull();
    expect(metrics.counts).toEqual({ ObjectGone: 1 });
    expect(logger.lines.map((l) => l.message)).toEqual(['object changed or gone, skipping']);
  });
});

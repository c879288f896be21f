/**
 * "Is the event's version still the current one?", answered by the read itself
 * (adapters/s3-objects.ts `readCurrent`: one GET of the key without a version, its answer compared
 * with the event's version id or ETag), and the ingest handler skipping a create whose version is
 * gone. s3rver has no versioning, so the version-id answers come from a stand-in on 127.0.0.1 that
 * answers GetObject as a versioned bucket does (206 with `x-amz-version-id`; 404 with
 * `x-amz-delete-marker` after a delete); the ETag answers (an unversioned bucket, the local stack)
 * come from s3rver.
 */
import { DeleteObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createS3Client } from '../../adapters/clients';
import { createDynamoStore } from '../../adapters/dynamo-store';
import { createS3ObjectReader } from '../../adapters/s3-objects';
import { createIngestHandler } from '../../functions/ingest';
import type { ObjectReader } from '../../shared/ports';
import { startServers, type TestServers } from '../helpers/servers';
import { s3Notification, sqsEvent, sqsMessage } from './events';
import { createdEvent, ingestFixture, uploadObject } from './objects';
import { recordingLogger, recordingMetrics } from './recorders';

const ARTICLE = ingestFixture('port-strike.en.txt');
const MAX_BYTES = 1024 * 1024;
const decode = (bytes: Uint8Array | undefined) => (bytes ? new TextDecoder().decode(bytes) : null);

let servers: TestServers;
beforeAll(async () => {
  servers = await startServers({ bucket: 'dateline-current', tableName: 'dateline-current' });
});
afterAll(() => servers?.stop());

describe('readCurrent against s3rver (no versions: the ETag tells)', () => {
  it('reads the key while it holds the event\'s ETag, and nothing once another upload replaced it', async () => {
    const reader = createS3ObjectReader(servers.s3);
    const first = await uploadObject(servers.s3, servers.bucket, 'etag.txt', 'first bytes');
    const current = await reader.readCurrent({ bucket: servers.bucket, key: 'etag.txt', etag: first.etag }, MAX_BYTES);
    expect(decode(current?.bytes)).toBe('first bytes');
    await uploadObject(servers.s3, servers.bucket, 'etag.txt', 'second bytes');
    expect(await reader.readCurrent({ bucket: servers.bucket, key: 'etag.txt', etag: first.etag }, MAX_BYTES)).toBeNull();
  });

  it('reads nothing once the key is deleted (NoSuchKey)', async () => {
    const reader = createS3ObjectReader(servers.s3);
    const { etag } = await uploadObject(servers.s3, servers.bucket, 'deleted.txt', 'bytes');
    await servers.s3.send(new DeleteObjectCommand({ Bucket: servers.bucket, Key: 'deleted.txt' }));
    expect(await reader.readCurrent({ bucket: servers.bucket, key: 'deleted.txt', etag }, MAX_BYTES)).toBeNull();
    expect(await reader.readCurrent({ bucket: servers.bucket, key: 'deleted.txt' }, MAX_BYTES)).toBeNull();
  });
});

describe('readCurrent against a versioned bucket (stand-in)', () => {
  const objects = new Map<string, string>(); // path -> current version id; absent = a delete marker
  const requests: { method: string; url: string }[] = [];
  let standIn: Server;
  let s3: S3Client;
  beforeAll(async () => {
    standIn = createServer((request, response) => {
      requests.push({ method: request.method ?? '', url: request.url ?? '' });
      const version = objects.get(decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname));
      if (request.method !== 'GET') response.writeHead(405).end();
      else if (version === undefined) {
        response.writeHead(404, { 'x-amz-delete-marker': 'true', 'x-amz-version-id': 'marker', 'Content-Type': 'application/xml' });
        response.end('<?xml version="1.0" encoding="UTF-8"?><Error><Code>NoSuchKey</Code><Message>The specified key does not exist.</Message></Error>');
      } else response.writeHead(206, { 'x-amz-version-id': version, ETag: '"same-bytes"', 'Content-Range': 'bytes 0-4/5', 'Content-Length': '5' }).end('bytes');
    });
    await new Promise<void>((resolve) => standIn.listen(0, '127.0.0.1', resolve));
    s3 = createS3Client({ endpoint: `http://127.0.0.1:${(standIn.address() as AddressInfo).port}` });
  });
  afterAll(async () => {
    s3?.destroy();
    await new Promise((resolve) => standIn?.close(resolve));
  });

  it('compares version ids, not ETags: the same bytes uploaded again are another version', async () => {
    const reader = createS3ObjectReader(s3);
    objects.set('/articles/a.txt', 'v2');
    requests.length = 0;
    expect(decode((await reader.readCurrent({ bucket: 'articles', key: 'a.txt', versionId: 'v2', etag: 'same-bytes' }, MAX_BYTES))?.bytes)).toBe('bytes');
    expect(await reader.readCurrent({ bucket: 'articles', key: 'a.txt', versionId: 'v1', etag: 'same-bytes' }, MAX_BYTES)).toBeNull();
    // One request each, and never for a version by its id (a versioned bucket would serve v1).
    expect(requests.map((r) => r.method)).toEqual(['GET', 'GET']);
    expect(requests.some((r) => r.url.includes('versionId'))).toBe(false);
  });

  it('reads nothing when a delete marker is current', async () => {
    objects.delete('/articles/a.txt');
    expect(await createS3ObjectReader(s3).readCurrent({ bucket: 'articles', key: 'a.txt', versionId: 'v2' }, MAX_BYTES)).toBeNull();
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
    const versioned: ObjectReader = { readCurrent: (ref, maxBytes) => real.readCurrent(ref, maxBytes), read: async () => kept };

    const logger = recordingLogger();
    const metrics = recordingMetrics();
    const handler = createIngestHandler({ store, objects: versioned, maxBytes: MAX_BYTES, logger, metrics });
    expect(await handler(sqsEvent(sqsMessage(s3Notification(change))))).toEqual({ batchItemFailures: [] });

    expect(await store.get('redriven.txt')).toBeNull();
    expect(metrics.counts).toEqual({ ObjectGone: 1 });
    expect(logger.lines.map((l) => l.message)).toEqual(['object changed or gone, skipping']);
  });
});

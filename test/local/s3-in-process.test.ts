/**
 * The local stack's projector reads articles and writes mirror rows through s3rver's store in
 * process (local/s3-in-process.ts) instead of the S3 adapters the Lambda uses. Both must give the
 * same answers, so each case runs against both, on one s3rver on 127.0.0.1: the adapters through
 * the real SDK client, the in-process pair through the store. What one writes the other reads.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { GetObjectCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createS3Client } from '../../adapters/clients';
import { createS3MirrorStore } from '../../adapters/s3-mirror';
import { createS3ObjectReader } from '../../adapters/s3-objects';
import { createInProcessMirrorStore, createInProcessObjectReader } from '../../local/s3-in-process';
import { startLocalS3Server, type LocalS3Server } from '../../local/s3-server';
import type { MirrorStore, ObjectReader } from '../../shared/ports';

const BUCKET = 'dateline-conformance';
let directory: string;
let server: LocalS3Server;
let s3: S3Client;

beforeAll(async () => {
  directory = await mkdtemp(path.join(tmpdir(), 'dateline-in-process-'));
  server = await startLocalS3Server({ host: '127.0.0.1', port: 0, directory, buckets: [BUCKET], onChange: () => {} });
  s3 = createS3Client({ endpoint: server.endpoint });
});
afterAll(async () => {
  s3?.destroy();
  await server?.close();
  if (directory) await rm(directory, { recursive: true, force: true });
});

const implementations: [string, () => { mirror: MirrorStore; reader: ObjectReader }][] = [
  ['S3 adapters over the SDK', () => ({ mirror: createS3MirrorStore(s3, BUCKET), reader: createS3ObjectReader(s3) })],
  ['in process through the store', () => ({ mirror: createInProcessMirrorStore(server.store, BUCKET), reader: createInProcessObjectReader(server.store) })],
];

async function readOverSdk(key: string): Promise<string | null> {
  try {
    const answer = await s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: key }));
    return (await answer.Body?.transformToString('utf8')) ?? null;
  } catch (error) {
    if ((error as { name?: string }).name === 'NoSuchKey') return null;
    throw error;
  }
}

describe.each(implementations)('mirror store and object reader: %s', (name, make) => {
  const prefix = name.startsWith('S3') ? 'sdk' : 'local';

  it('puts a row that a GetObject reads back, replaces it, and deletes it (twice without error)', async () => {
    const { mirror } = make();
    const key = `records/month=2026-12/${prefix}-row.json`;
    await mirror.put(key, '{"key":"a.txt","title":"أول"}\n');
    expect(await readOverSdk(key)).toBe('{"key":"a.txt","title":"أول"}\n');
    await mirror.put(key, '{"key":"a.txt","title":"ثان"}\n');
    expect(await readOverSdk(key)).toBe('{"key":"a.txt","title":"ثان"}\n');
    await mirror.delete(key);
    expect(await readOverSdk(key)).toBeNull();
    await expect(mirror.delete(key)).resolves.toBeUndefined();
  });

  it('reads an uploaded article with its metadata, at most maxBytes of it, and only while the ETag matches', async () => {
    const { reader } = make();
    const key = `articles/${prefix}-article.txt`;
    const body = 'دمشق - كتب مراسلنا: نص مقال قصير كتبناه للاختبار.';
    const put = await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: key, Body: body, ContentType: 'text/plain; charset=utf-8', Metadata: { published: '2026-12-01' } }));
    const etag = put.ETag ?? '';

    const whole = await reader.read({ bucket: BUCKET, key, etag }, 1024);
    expect(whole && new TextDecoder().decode(whole.bytes)).toBe(body);
    expect(whole?.metadata).toEqual({ published: '2026-12-01' });
    expect(whole?.size).toBe(Buffer.byteLength(body));
    expect(whole?.contentType).toBe('text/plain; charset=utf-8');

    const head = await reader.read({ bucket: BUCKET, key }, 10);
    expect(head?.bytes.length).toBeLessThanOrEqual(11);
    expect(head?.bytes.length).toBeGreaterThanOrEqual(10);

    await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: key, Body: `${body} ثم عُدّل.` }));
    expect(await reader.read({ bucket: BUCKET, key, etag }, 1024)).toBeNull();
    expect(await reader.read({ bucket: BUCKET, key: `articles/${prefix}-missing.txt` }, 1024)).toBeNull();
  });
});

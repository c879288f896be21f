/**
 * The local S3 endpoint reports one change per object for every operation that changes objects,
 * with what S3 would put in its event: real SDK calls against s3rver on 127.0.0.1.
 */
import { createHash } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  CompleteMultipartUploadCommand,
  CopyObjectCommand,
  CreateMultipartUploadCommand,
  DeleteObjectCommand,
  DeleteObjectsCommand,
  HeadObjectCommand,
  PutObjectCommand,
  UploadPartCommand,
  type S3Client,
} from '@aws-sdk/client-s3';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createS3Client } from '../../adapters/clients';
import { decodeS3Key, parseNotification, unquoteEtag } from '../../shared/s3-event';
import { SequencerClock, toS3EventRecord, type ObjectChange } from '../../local/s3-events';
import { startLocalS3Server, type LocalS3Server } from '../../local/s3-server';

const BUCKET = 'dateline-articles';
let directory: string;
let server: LocalS3Server;
let s3: S3Client;
let changes: ObjectChange[] = [];

beforeAll(async () => {
  directory = await mkdtemp(path.join(tmpdir(), 'dateline-s3-server-'));
  server = await startLocalS3Server({ host: '127.0.0.1', port: 0, directory, buckets: [BUCKET], onChange: (c) => changes.push(c) });
  s3 = createS3Client({ endpoint: server.endpoint });
});
afterAll(async () => {
  s3?.destroy();
  await server?.close();
  await rm(directory, { recursive: true, force: true });
});
beforeEach(() => {
  changes = [];
});

const md5 = (data: string | Buffer): string => createHash('md5').update(data).digest('hex');
const put = (key: string, body: string | Buffer) => s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: key, Body: body, ContentType: 'text/plain; charset=utf-8' }));

describe('local S3 server events', () => {
  it('reports a put with its size and ETag', async () => {
    await put('one.txt', 'hello');
    expect(changes).toEqual([expect.objectContaining({ kind: 'Put', bucket: BUCKET, key: 'one.txt', size: 5, eTag: md5('hello') })]);
  });

  it('reports a copy with the ETag s3rver leaves out of its own event', async () => {
    await put('source.txt', 'copied text');
    changes = [];
    await s3.send(new CopyObjectCommand({ Bucket: BUCKET, Key: 'copy of source.txt', CopySource: `${BUCKET}/source.txt` }));
    expect(changes).toEqual([expect.objectContaining({ kind: 'Copy', key: 'copy of source.txt', size: 11, eTag: md5('copied text') })]);
  });

  it('reports a completed multipart upload once, with S3’s multipart ETag that a HEAD also shows', async () => {
    const key = 'big/مقال طويل.txt';
    const parts = [Buffer.alloc(5 * 1024 * 1024, 'ا'), Buffer.from('the end')];
    const { UploadId } = await s3.send(new CreateMultipartUploadCommand({ Bucket: BUCKET, Key: key }));
    const etags: string[] = [];
    for (const [i, body] of parts.entries()) {
      const part = await s3.send(new UploadPartCommand({ Bucket: BUCKET, Key: key, UploadId, PartNumber: i + 1, Body: body }));
      etags.push(part.ETag ?? '');
    }
    expect(changes).toEqual([]);
    const completed = await s3.send(
      new CompleteMultipartUploadCommand({ Bucket: BUCKET, Key: key, UploadId, MultipartUpload: { Parts: etags.map((ETag, i) => ({ ETag, PartNumber: i + 1 })) } }),
    );

    const expected = `${createHash('md5').update(Buffer.concat(parts.map((p) => createHash('md5').update(p).digest()))).digest('hex')}-2`;
    expect(changes).toEqual([expect.objectContaining({ kind: 'CompleteMultipartUpload', key, size: parts[0]!.length + parts[1]!.length, eTag: expected })]);
    expect(unquoteEtag(completed.ETag ?? '')).toBe(expected);
    const head = await s3.send(new HeadObjectCommand({ Bucket: BUCKET, Key: key }));
    expect(unquoteEtag(head.ETag ?? '')).toBe(expected);
  });

  it('reports a browser form POST as a Post', async () => {
    const form = new FormData();
    form.append('key', 'posted file.txt');
    form.append('file', new Blob(['from a form'], { type: 'text/plain' }), 'posted file.txt');
    const response = await fetch(`${server.endpoint}/${BUCKET}`, { method: 'POST', body: form });
    expect(response.status).toBe(204);
    expect(changes).toEqual([expect.objectContaining({ kind: 'Post', key: 'posted file.txt', size: 11, eTag: md5('from a form') })]);
  });

  it('reports a delete of an object that existed, and nothing for one that did not', async () => {
    await put('gone.txt', 'x');
    changes = [];
    await s3.send(new DeleteObjectCommand({ Bucket: BUCKET, Key: 'gone.txt' }));
    await s3.send(new DeleteObjectCommand({ Bucket: BUCKET, Key: 'never-was.txt' }));
    expect(changes).toEqual([expect.objectContaining({ kind: 'Delete', key: 'gone.txt' })]);
    expect(changes[0]).not.toHaveProperty('size');
  });

  it('reports each object of a multi-object delete (s3rver itself reports none)', async () => {
    const keys = ['batch/a.txt', 'batch/b c.txt', 'batch/د.txt'];
    for (const key of keys) await put(key, key);
    changes = [];
    await s3.send(new DeleteObjectsCommand({ Bucket: BUCKET, Delete: { Objects: [...keys, 'batch/missing.txt'].map((Key) => ({ Key })) } }));
    expect(changes.map((c) => [c.kind, c.key]).sort()).toEqual(keys.map((k) => ['Delete', k]).sort());
  });

  it('keeps keys with spaces, +, % and Arabic letters exact, and the shaped event decodes back to them', async () => {
    const keys = ['with space.txt', 'c++ notes.txt', '100% real.txt', 'أخبار/دمشق – سانا.txt', 'a+b=c&d?.txt'];
    for (const key of keys) await put(key, `body of ${key}`);
    expect(changes.map((c) => c.key)).toEqual(keys);

    const clock = new SequencerClock();
    for (const change of changes) {
      const parsed = parseNotification({ Records: [toS3EventRecord(change, { sequencer: clock.next(), region: 'us-east-1' })] });
      if (parsed.kind !== 'records') throw new Error('expected records');
      expect(parsed.records[0]?.key).toBe(change.key);
      expect(decodeS3Key(parsed.records[0]?.rawKey ?? '').key).toBe(change.key);
      expect(parsed.records[0]?.rawKey).not.toMatch(/[ ]/);
    }
  });
});

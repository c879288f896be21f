/**
 * The whole local stack, end to end: files put with the real SDK into s3rver become records in
 * dynalite through the shaped events, the queue and the same ingest handler as on Lambda; and the
 * records read back through the API server.
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import {
  CompleteMultipartUploadCommand,
  CreateBucketCommand,
  CopyObjectCommand,
  CreateMultipartUploadCommand,
  DeleteObjectCommand,
  DeleteObjectsCommand,
  PutObjectCommand,
  UploadPartCommand,
} from '@aws-sdk/client-s3';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { decodeS3Key } from '../../shared/s3-event';
import type { S3NotificationRecord } from '../../local/s3-events';
import { makeDataDir, removeDataDir, SHARED_DIR, startTestStack, type TestStack } from './helpers';

let t: TestStack;
let dataDir: string;

beforeAll(async () => {
  dataDir = await makeDataDir();
  t = await startTestStack({ dataDir });
});
afterAll(async () => {
  await t?.stop();
  await removeDataDir(dataDir);
});
beforeEach(() => {
  t.events.length = 0;
});

const md5 = (data: string | Buffer): string => createHash('md5').update(data).digest('hex');
const put = (key: string, body: string | Buffer, contentType = 'text/plain; charset=utf-8') =>
  t.s3.send(new PutObjectCommand({ Bucket: t.stack.bucket, Key: key, Body: body, ContentType: contentType }));
const eventsFor = (key: string): S3NotificationRecord[] => t.events.filter((e) => decodeS3Key(e.s3.object.key).key === key);

const ARABIC = `دمشق-سانا

قال مدير المؤسسة العامة للنقل إن الحافلات الجديدة ستعمل على خطوط المدينة ابتداء من الأسبوع المقبل، بعد انتهاء تجهيز محطات الوقود والصيانة.

وأضاف أن المؤسسة ستراجع جداول الرحلات كل شهر بحسب أعداد الركاب.
`;
const ENGLISH = `BEIRUT (Reuters) - The city council approved a plan on Monday to extend night bus services to the southern suburbs, officials said.

The plan adds four routes and will be reviewed after six months.
`;

describe('the local stack ingests what is dropped', () => {
  it('turns the SANA example into an ok Arabic record', async (context) => {
    const file = path.join(SHARED_DIR, 'examples', 'sana-moscow.txt');
    if (!existsSync(file)) {
      console.warn(`skipped: ${file} is absent`);
      context.skip();
    }
    await put('sana-moscow.txt', await readFile(file));
    await t.settle();
    const record = await t.store.get('sana-moscow.txt');
    expect(record).toMatchObject({ status: 'ok', language: { code: 'ar', direction: 'rtl' }, source: { bucket: t.stack.bucket, key: 'sana-moscow.txt' } });
    expect(eventsFor('sana-moscow.txt').map((e) => e.eventName)).toEqual(['ObjectCreated:Put']);
  });

  it('removes the record when the file is deleted', async () => {
    await put('to delete.txt', ENGLISH);
    await t.settle();
    expect(await t.store.get('to delete.txt')).not.toBeNull();

    await t.s3.send(new DeleteObjectCommand({ Bucket: t.stack.bucket, Key: 'to delete.txt' }));
    await t.settle();
    expect(await t.store.get('to delete.txt')).toBeNull();
    expect(eventsFor('to delete.txt').map((e) => e.eventName)).toEqual(['ObjectCreated:Put', 'ObjectRemoved:Delete']);
  });

  it('replaces the record when a new version is uploaded, with growing sequencers', async () => {
    const key = 'أخبار/نسخة 1+2 100%.txt';
    await put(key, ENGLISH);
    await put(key, ARABIC);
    await t.settle();
    const record = await t.store.get(key);
    expect(record).toMatchObject({ source: { key, etag: md5(ARABIC), size: Buffer.byteLength(ARABIC) }, language: { code: 'ar' } });

    const sequencers = eventsFor(key).map((e) => e.s3.object.sequencer);
    expect(sequencers).toHaveLength(2);
    expect(sequencers[0]! < sequencers[1]!).toBe(true);
    expect(record?.source.sequencer).toBe(sequencers[1]);
  });

  it('shapes each event as S3 does: encoded key, bucket ARN, quoted-free eTag, one per object', async () => {
    const key = 'folder/red flower + 50% أخبار.txt';
    await put(key, ENGLISH);
    await t.settle();
    expect(eventsFor(key)).toEqual([
      expect.objectContaining({
        eventSource: 'aws:s3',
        eventName: 'ObjectCreated:Put',
        s3: expect.objectContaining({
          bucket: expect.objectContaining({ name: t.stack.bucket, arn: `arn:aws:s3:::${t.stack.bucket}` }),
          object: {
            key: 'folder/red+flower+%2B+50%25+%D8%A3%D8%AE%D8%A8%D8%A7%D8%B1.txt',
            size: Buffer.byteLength(ENGLISH),
            eTag: md5(ENGLISH),
            sequencer: expect.stringMatching(/^[0-9A-F]{18}$/),
          },
        }),
      }),
    ]);
  });

  it('ingests a copy, a multipart upload and a multi-object delete through their own events', async () => {
    await put('original.txt', ARABIC);
    await t.s3.send(new CopyObjectCommand({ Bucket: t.stack.bucket, Key: 'copy of original.txt', CopySource: `${t.stack.bucket}/original.txt` }));

    const key = 'multipart article.txt';
    const parts = [Buffer.from(ENGLISH.repeat(Math.ceil((5 * 1024 * 1024) / ENGLISH.length))), Buffer.from('\nThe end.\n')];
    const { UploadId } = await t.s3.send(new CreateMultipartUploadCommand({ Bucket: t.stack.bucket, Key: key, ContentType: 'text/plain' }));
    const uploaded = [];
    for (const [i, body] of parts.entries()) {
      const { ETag } = await t.s3.send(new UploadPartCommand({ Bucket: t.stack.bucket, Key: key, UploadId, PartNumber: i + 1, Body: body }));
      uploaded.push({ ETag, PartNumber: i + 1 });
    }
    await t.s3.send(new CompleteMultipartUploadCommand({ Bucket: t.stack.bucket, Key: key, UploadId, MultipartUpload: { Parts: uploaded } }));
    await t.settle();

    expect(eventsFor('copy of original.txt').map((e) => [e.eventName, e.s3.object.eTag])).toEqual([['ObjectCreated:Copy', md5(ARABIC)]]);
    expect(eventsFor(key).map((e) => [e.eventName, e.s3.object.eTag])).toEqual([['ObjectCreated:CompleteMultipartUpload', expect.stringMatching(/^[0-9a-f]{32}-2$/)]]);
    expect(await t.store.get('copy of original.txt')).toMatchObject({ source: { etag: md5(ARABIC) }, language: { code: 'ar' } });
    const big = await t.store.get(key);
    expect(big?.source).toMatchObject({ etag: eventsFor(key)[0]?.s3.object.eTag, size: parts[0]!.length + parts[1]!.length });
    expect(big?.status).not.toBe('error');

    await t.s3.send(new DeleteObjectsCommand({ Bucket: t.stack.bucket, Delete: { Objects: [{ Key: 'original.txt' }, { Key: 'copy of original.txt' }, { Key: key }] } }));
    await t.settle();
    for (const k of ['original.txt', 'copy of original.txt', key]) {
      expect(eventsFor(k).filter((e) => e.eventName === 'ObjectRemoved:Delete'), k).toHaveLength(1);
      expect(await t.store.get(k), k).toBeNull();
    }
  });

  it('ingests the articles bucket only, as the deployed notification does', async () => {
    await t.s3.send(new CreateBucketCommand({ Bucket: 'someone-elses-bucket' }));
    await t.s3.send(new PutObjectCommand({ Bucket: 'someone-elses-bucket', Key: 'stray.txt', Body: ENGLISH }));
    await put('mine.txt', ENGLISH);
    await t.settle();
    expect(t.events.map((e) => [e.s3.bucket.name, e.s3.object.key])).toEqual([[t.stack.bucket, 'mine.txt']]);
    expect(await t.store.get('stray.txt')).toBeNull();
  });

  it('moves a message the handler keeps failing to the dead-letter list, with the handler’s error', async () => {
    const id = t.stack.queue.send('this is not an S3 notification');
    await t.settle();
    const dead = t.stack.queue.deadLetters().find((d) => d.messageId === id);
    expect(dead).toMatchObject({ receiveCount: 5, body: 'this is not an S3 notification', reason: expect.stringContaining('not JSON') });
    expect(t.stack.counters().MessageFailed).toBeGreaterThanOrEqual(5);
  });

  it('serves the records through the API server with the real api handler', async () => {
    const key = 'api/خبر للقراءة.txt';
    await put(key, ARABIC);
    await t.settle();
    const response = await fetch(`${t.stack.endpoints.api}/articles/${encodeURIComponent(key)}`);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ source: { key }, language: { code: 'ar' } });

    const page = await fetch(`${t.stack.endpoints.api}/`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(await page.text()).toContain('خبر للقراءة');
  });
});

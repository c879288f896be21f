/**
 * What the local stack keeps across a restart: its data, the events still queued at a clean stop,
 * growing sequencers; what it repairs after a crash (reconcile); and that the examples come once.
 */
import { existsSync } from 'node:fs';
import { readdir, readFile, rm } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import { DeleteObjectCommand, DeleteObjectsCommand, ListObjectsV2Command, PutObjectCommand } from '@aws-sdk/client-s3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { decodeS3Key } from '../../shared/s3-event';
import { EXAMPLES_DIR } from '../../local/seed';
import { makeDataDir, removeDataDir, startTestStack, type TestStack } from './helpers';

let dataDir: string;
const running: TestStack[] = [];

beforeEach(async () => {
  dataDir = await makeDataDir();
});
afterEach(async () => {
  await Promise.all(running.splice(0).map((t) => t.stop()));
  await removeDataDir(dataDir);
});

async function start(seed = false): Promise<TestStack> {
  const t = await startTestStack({ dataDir, seed });
  running.push(t);
  return t;
}

async function stop(t: TestStack): Promise<void> {
  running.splice(running.indexOf(t), 1);
  await t.stop();
}

const put = (t: TestStack, key: string, body: string) => t.s3.send(new PutObjectCommand({ Bucket: t.stack.bucket, Key: key, Body: body, ContentType: 'text/plain; charset=utf-8' }));
const md5 = (data: string): string => createHash('md5').update(data).digest('hex');

const FIRST = 'AMMAN (Reuters) - Jordan opened a new border crossing for trucks on Sunday, the transport ministry said.\n';
const SECOND = 'عمان-بترا\n\nافتتح الأردن اليوم معبراً حدودياً جديداً للشاحنات، بحسب وزارة النقل.\n';

describe('the local stack across restarts', () => {
  it('keeps its records, resumes the events queued at stop, and keeps sequencers growing', async () => {
    const first = await start();
    await put(first, 'kept.txt', FIRST);
    await first.settle();
    const firstSequencer = first.events[0]?.s3.object.sequencer;

    await first.stack.queue.pause();
    await put(first, 'queued.txt', SECOND);
    await stop(first);
    const saved = JSON.parse(await readFile(`${dataDir}/queue.json`, 'utf8')) as { messages: { body: string }[] };
    expect(saved.messages).toHaveLength(1);

    const second = await start();
    // The queued event is resumed, so the reconcile leaves queued.txt alone.
    expect(second.stack.reconciled).toEqual({ created: 0, removed: 0 });
    await second.settle();
    expect(await second.store.get('kept.txt')).toMatchObject({ source: { etag: md5(FIRST) } });
    expect(await second.store.get('queued.txt')).toMatchObject({ source: { etag: md5(SECOND) }, language: { code: 'ar' } });
    expect(second.events).toEqual([]);

    await put(second, 'kept.txt', SECOND);
    await second.settle();
    const secondSequencer = second.events[0]?.s3.object.sequencer;
    expect(firstSequencer! < secondSequencer!).toBe(true);
    expect(await second.store.get('kept.txt')).toMatchObject({ source: { etag: md5(SECOND), sequencer: secondSequencer } });
  });

  it('repairs the table after events were lost: re-ingests changed files and drops records of deleted ones', async () => {
    const first = await start();
    await put(first, 'changed.txt', FIRST);
    await put(first, 'removed.txt', FIRST);
    await put(first, 'untouched.txt', FIRST);
    await first.settle();

    await first.stack.queue.pause();
    await put(first, 'changed.txt', SECOND);
    await first.s3.send(new DeleteObjectCommand({ Bucket: first.stack.bucket, Key: 'removed.txt' }));
    await stop(first);
    // As after a crash: the queue never reached the disk.
    await rm(`${dataDir}/queue.json`);

    const second = await start();
    expect(second.stack.reconciled).toEqual({ created: 1, removed: 1 });
    await second.settle();
    expect(await second.store.get('changed.txt')).toMatchObject({ source: { etag: md5(SECOND) } });
    expect(await second.store.get('removed.txt')).toBeNull();
    expect(await second.store.get('untouched.txt')).toMatchObject({ source: { etag: md5(FIRST) } });
    expect(second.events.map((e) => [e.eventName, decodeS3Key(e.s3.object.key).key]).sort()).toEqual([
      ['ObjectCreated:Put', 'changed.txt'],
      ['ObjectRemoved:Delete', 'removed.txt'],
    ]);
  });

  it('puts the example articles in on the very first start only, and ingests them', async () => {
    const examples = (await readdir(EXAMPLES_DIR)).sort();
    const first = await start(true);
    expect(first.stack.seeded).toEqual(examples.map((name) => `examples/${name}`));
    await first.settle();
    const languages: Record<string, string | undefined> = {};
    for (const key of first.stack.seeded) languages[key] = (await first.store.get(key))?.language.code;
    expect(Object.values(languages).filter((code) => code === 'ar').length).toBeGreaterThanOrEqual(2);
    expect(Object.values(languages).filter((code) => code === 'en').length).toBeGreaterThanOrEqual(1);

    // Deleting every example does not bring them back on the next start.
    await first.s3.send(new DeleteObjectsCommand({ Bucket: first.stack.bucket, Delete: { Objects: first.stack.seeded.map((Key) => ({ Key })) } }));
    await first.settle();
    await stop(first);

    const second = await start(true);
    expect(second.stack.seeded).toEqual([]);
    const listed = await second.s3.send(new ListObjectsV2Command({ Bucket: second.stack.bucket }));
    expect(listed.KeyCount ?? 0).toBe(0);
  });

  it('writes its state into the data folder', async () => {
    const t = await start();
    await put(t, 'x.txt', FIRST);
    await t.settle();
    await stop(t);
    for (const name of ['s3', 'dynamodb', 'queue.json', 'dead-letters.json', 'local-state.json']) expect(existsSync(`${dataDir}/${name}`), name).toBe(true);
  });
});

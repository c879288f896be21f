/**
 * Faults through the real local pipeline. The database going down is real (dynalite's process is stopped
 * in the middle of a batch and started again on the same port and data). Throttling and S3 read
 * failures cannot be produced by the local servers, so a fault layer on the ingest side's real SDK
 * clients answers chosen requests with the service's own error response (harness/faults.ts): the
 * SDK parses it into its exception and its retry strategy decides, as against AWS.
 */
import { DeleteObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { articleKey } from '../../shared/items';
import { isMarker, projectionOf } from '../../shared/projection';
import { compareWithBucket, describeAll } from './harness/final-state';
import { S3_INTERNAL_ERROR, THROTTLED, UNPROCESSED_ALL } from './harness/faults';
import { ARABIC_ARTICLE, ENGLISH_ARTICLE } from './harness/inputs';
import { startPipeline, type Pipeline, type PipelineOptions } from './harness/pipeline';

const running: Pipeline[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((p) => p.stop()));
});

async function pipeline(options: PipelineOptions = {}): Promise<Pipeline> {
  const p = await startPipeline(options);
  running.push(p);
  return p;
}

const put = (p: Pipeline, key: string, body: string) => p.s3.send(new PutObjectCommand({ Bucket: p.bucket, Key: key, Body: body }));

async function expectTableMatchesBucket(p: Pipeline): Promise<void> {
  const report = await compareWithBucket({ s3: p.s3, doc: p.doc, bucket: p.bucket, tableName: p.table, events: p.events });
  expect(describeAll(report), [...report.reasons].map(([k, why]) => `${k}: ${why}`).join('\n')).toBe('lost 0, duplicated 0, stale 0, index 0');
}

/** Waits (bounded) until `condition` holds; the test then asserts on what it needs. */
async function until(condition: () => boolean, attempts = 400): Promise<void> {
  for (let i = 0; i < attempts && !condition(); i++) await sleep(25);
}

/** How many times each message was handed to the handler. */
function receivesByMessage(p: Pipeline): Map<string, number> {
  const receives = new Map<string, number>();
  for (const batch of p.batches) for (const id of batch.messageIds) receives.set(id, (receives.get(id) ?? 0) + 1);
  return receives;
}

describe('the database stopped in the middle of a batch and started again', () => {
  it('fails the unwritten messages, retries them once it is back, and loses nothing', async () => {
    const p = await pipeline({ batchSize: 10, maxReceives: 8, maxBackoffMs: 400 });
    await p.queue.pause();
    const keys = Array.from({ length: 10 }, (_, i) => `outage/article ${i}.txt`);
    for (const [i, key] of keys.entries()) await put(p, key, i % 2 ? ARABIC_ARTICLE : `${ENGLISH_ARTICLE}\nEdition ${i}.\n`);

    // The fourth write of the batch stops the server; the writes after it find nothing listening.
    let stopping: Promise<void> | null = null;
    p.dynamoFaults.setRule(({ operation }) => {
      if (operation === 'PutItem' && p.dynamoFaults.count('PutItem') === 4) stopping = p.stopDynamo();
      return null;
    });
    p.queue.start();
    await until(() => (p.counters().MessageFailed ?? 0) > 0);
    expect(stopping).not.toBeNull();
    await stopping;
    expect(p.counters().MessageFailed).toBeGreaterThan(0);

    await p.startDynamo();
    expect(await p.settle()).toBe(true);

    expect(p.queue.deadLetters()).toEqual([]);
    for (const key of keys) expect(await p.store.get(key), key).toMatchObject({ status: 'ok', source: { key } });
    // Every message delivered at least once; those the outage failed more than once.
    const receives = receivesByMessage(p);
    expect(receives.size).toBe(keys.length);
    expect([...receives.values()].some((n) => n > 1)).toBe(true);
    expect(p.logs.filter((l) => l.level === 'error').map((l) => l.message)).toContain('message failed, left for SQS to retry');
    for (const batch of p.batches) expect(batch.thrown).toBeNull();
    await expectTableMatchesBucket(p);
  });
});

describe('throttling', () => {
  it('is retried by the SDK with backoff: a throttled write succeeds on its next attempt, no message fails', async () => {
    const p = await pipeline();
    const throttledOnce = new Set<string>();
    p.dynamoFaults.setRule(({ operation, key }) => {
      if (operation !== 'PutItem' || key === null || throttledOnce.has(key)) return null;
      throttledOnce.add(key);
      return THROTTLED;
    });
    const keys = ['throttle/one.txt', 'throttle/two.txt', 'throttle/three.txt'];
    for (const key of keys) await put(p, key, ENGLISH_ARTICLE);
    expect(await p.settle()).toBe(true);

    for (const key of keys) {
      expect(p.dynamoFaults.injected('PutItem', articleKey(key).pk)).toBe(1);
      expect(p.dynamoFaults.count('PutItem', articleKey(key).pk)).toBe(2);
      // The call as ingest saw it: two attempts, with a backoff between them, and no error.
      const [call] = p.dynamoFaults.calls.filter((c) => c.operation === 'PutItem' && c.key === articleKey(key).pk);
      expect(call).toMatchObject({ attempts: 2, error: null });
      expect(call!.totalRetryDelayMs).toBeGreaterThan(0);
      expect(await p.store.get(key)).toMatchObject({ status: 'ok' });
    }
    expect(p.counters().MessageFailed).toBeUndefined();
    await expectTableMatchesBucket(p);
  });

  it('that outlasts the SDK attempts fails the message, and the queue retries it until the write goes through', async () => {
    const p = await pipeline({ maxReceives: 5 });
    const key = 'throttle/persistent.txt';
    const pk = articleKey(key).pk;
    let throttles = 0;
    p.dynamoFaults.setRule(({ operation, key: k }) => (operation === 'PutItem' && k === pk && throttles++ < 3 ? THROTTLED : null));
    await put(p, key, ARABIC_ARTICLE);
    expect(await p.settle()).toBe(true);

    expect(p.dynamoFaults.injected('PutItem', pk)).toBe(3);
    const ended = p.dynamoFaults.calls.filter((c) => c.operation === 'PutItem' && c.key === pk);
    // Two attempts each (the local clients' maxAttempts): throttled twice, then throttled once and written.
    expect(ended.map((c) => [c.attempts, c.error])).toEqual([
      [2, 'ProvisionedThroughputExceededException'],
      [2, null],
    ]);
    expect(p.counters().MessageFailed).toBe(1);
    expect(p.logs.find((l) => l.level === 'error')?.attributes.error).toMatch(/^ProvisionedThroughputExceededException: /);
    expect(await p.store.get(key)).toMatchObject({ status: 'ok', language: { code: 'ar' } });
    expect(p.queue.deadLetters()).toEqual([]);
  });
});

describe('S3 read failures', () => {
  it('are retried (by the SDK, then by the queue) until the read succeeds', async () => {
    const p = await pipeline();
    const key = 'flaky/read.txt';
    let failures = 0;
    p.s3Faults.setRule(({ operation, key: k }) => (operation === 'GetObject' && k === key && failures++ < 3 ? S3_INTERNAL_ERROR : null));
    await put(p, key, ENGLISH_ARTICLE);
    expect(await p.settle()).toBe(true);

    expect(p.s3Faults.injected('GetObject', key)).toBe(3);
    expect(p.s3Faults.count('GetObject', key)).toBe(4);
    expect(p.counters().MessageFailed).toBe(1);
    expect(await p.store.get(key)).toMatchObject({ status: 'ok' });
    expect(p.queue.deadLetters()).toEqual([]);
  });

  it('that never stop end in the dead-letter list with the reason; the rest of the batch is written; a redrive recovers it', async () => {
    const p = await pipeline({ maxReceives: 5 });
    const broken = 'broken/always-fails.txt';
    p.s3Faults.setRule(({ operation, key }) => (operation === 'GetObject' && key === broken ? S3_INTERNAL_ERROR : null));
    await p.queue.pause();
    await put(p, 'broken/neighbour-1.txt', ENGLISH_ARTICLE);
    await put(p, broken, ARABIC_ARTICLE);
    await put(p, 'broken/neighbour-2.txt', ARABIC_ARTICLE);
    p.queue.start();
    expect(await p.settle()).toBe(true);

    // Partial batch failure: the neighbours were written at once.
    expect(await p.store.get('broken/neighbour-1.txt')).toMatchObject({ status: 'ok' });
    expect(await p.store.get('broken/neighbour-2.txt')).toMatchObject({ status: 'ok' });
    expect(await p.store.get(broken)).toBeNull();
    const dead = p.queue.deadLetters();
    expect(dead).toHaveLength(1);
    expect(dead[0]).toMatchObject({ receiveCount: 5, reason: expect.stringMatching(/^InternalError: We encountered an internal error/) });
    expect(JSON.parse(dead[0]!.body).Records[0].s3.object.key).toBe('broken/always-fails.txt');
    // Five receives, two SDK attempts each.
    expect(p.s3Faults.injected('GetObject', broken)).toBe(10);
    expect(p.logs.filter((l) => l.level === 'error' && l.attributes.messageId === dead[0]!.messageId)).toHaveLength(5);

    p.s3Faults.setRule(null);
    expect(await p.queue.redrive()).toBe(1);
    expect(await p.settle()).toBe(true);
    expect(await p.store.get(broken)).toMatchObject({ status: 'ok', language: { code: 'ar' } });
    expect(p.queue.deadLetters()).toEqual([]);
    await expectTableMatchesBucket(p);
  });
});

describe('UnprocessedItems of a batch write (the projector writes index items in batches)', () => {
  /** The article's index items as the projector derives them, and which of them are in the table. */
  const projection = async (p: Pipeline, key: string): Promise<{ expected: string[]; present: string[] }> => {
    const { Item } = await p.doc.send(new GetCommand({ TableName: p.table, Key: articleKey(key), ConsistentRead: true }));
    const items = projectionOf(Item).filter((i) => !isMarker(i));
    const found = await Promise.all(items.map((i) => p.doc.send(new GetCommand({ TableName: p.table, Key: { pk: i.pk, sk: i.sk }, ConsistentRead: true }))));
    return { expected: items.map((i) => i.pk), present: items.filter((_, n) => found[n]?.Item !== undefined).map((i) => i.pk) };
  };

  it('are sent again with backoff until DynamoDB takes them', async () => {
    const p = await pipeline();
    const key = 'batch/taken.txt';
    let unprocessed = 0;
    p.dynamoFaults.setRule(({ operation }) => (operation === 'BatchWriteItem' && unprocessed++ < 2 ? UNPROCESSED_ALL : null));
    await put(p, key, ARABIC_ARTICLE);
    expect(await p.settle()).toBe(true);

    // The first batch handed back twice, then taken: three calls, no error for the SDK to retry.
    const batches = p.dynamoFaults.seen.filter((s) => s.operation === 'BatchWriteItem');
    expect(batches.slice(0, 3).map((s) => s.injected)).toEqual(['UnprocessedItems', 'UnprocessedItems', null]);
    expect(p.dynamoFaults.calls.filter((c) => c.operation === 'BatchWriteItem' && c.error !== null)).toEqual([]);
    const { expected, present } = await projection(p, key);
    expect(expected.length).toBeGreaterThan(0);
    expect(present).toEqual(expected);
    expect(p.counters().MessageFailed).toBeUndefined();
    await expectTableMatchesBucket(p);
  });

  it('that stay unprocessed fail the change after the batch retries; the record stands and the retried change projects it', async () => {
    const p = await pipeline();
    const key = 'batch/stubborn.txt';
    let unprocessed = 0;
    // One attempt's worth of batch retries (five), then DynamoDB takes them again.
    p.dynamoFaults.setRule(({ operation }) => (operation === 'BatchWriteItem' && unprocessed++ < 5 ? UNPROCESSED_ALL : null));
    await put(p, key, ARABIC_ARTICLE);
    expect(await p.settle()).toBe(true);
    // Ingest wrote its one item once; the projector's failure is the change feed's to retry.
    expect(p.counters().MessageFailed).toBeUndefined();
    expect(p.dynamoFaults.seen.filter((s) => s.operation === 'PutItem' && s.key === articleKey(key).pk)).toHaveLength(1);
    expect(p.logs.find((l) => l.level === 'error')?.attributes.error).toMatch(/^UnprocessedItemsError: /);
    expect(p.dynamoFaults.injected('BatchWriteItem')).toBe(5);
    expect(p.changes.deadLetters()).toEqual([]);
    const { expected, present } = await projection(p, key);
    expect(present).toEqual(expected);
    await expectTableMatchesBucket(p);
  });
});

describe('a projection interrupted after the record was written', () => {
  const DYNAMO_INTERNAL_ERROR = { statusCode: 500, code: 'InternalServerError', message: 'Internal server error (injected).' } as const;

  it('of a delete is retried until the old index items are gone, and ingest is never asked again', async () => {
    const p = await pipeline();
    const key = 'projection/deleted.txt';
    await put(p, key, ARABIC_ARTICLE);
    expect(await p.settle()).toBe(true);
    // The projector's batches fail three times, then go through.
    let failures = 0;
    p.dynamoFaults.setRule(({ operation }) => (operation === 'BatchWriteItem' && failures++ < 3 ? DYNAMO_INTERNAL_ERROR : null));
    await p.s3.send(new DeleteObjectCommand({ Bucket: p.bucket, Key: key }));
    expect(await p.settle()).toBe(true);
    p.dynamoFaults.setRule(null);
    expect(p.counters().MessageFailed).toBeUndefined();
    const { Item: tombstone } = await p.doc.send(new GetCommand({ TableName: p.table, Key: articleKey(key), ConsistentRead: true }));
    expect(tombstone).toMatchObject({ deleted: true });
    await expectTableMatchesBucket(p);
  });

  it('of a replacement holds back the next change of the key, which is projected after it, in order', async () => {
    // Enough receives for the changes to wait out the block without being dead-lettered.
    const p = await pipeline({ changeMaxReceives: 200 });
    const key = 'projection/replaced.txt';
    await put(p, key, ARABIC_ARTICLE);
    expect(await p.settle()).toBe(true);
    // Every projector batch fails until two more versions are written: both changes wait, in order.
    let blocked = true;
    p.dynamoFaults.setRule(({ operation }) => (operation === 'BatchWriteItem' && blocked ? DYNAMO_INTERNAL_ERROR : null));
    await put(p, key, ENGLISH_ARTICLE);
    // Ingested before the next version lands: a create whose object has moved on is skipped (it is no longer current).
    expect(await p.queue.idle(30_000)).toBe(true);
    await put(p, key, `${ENGLISH_ARTICLE}\n\nA closing paragraph added in a later version.\n`);
    expect(await p.queue.idle(30_000)).toBe(true);
    expect(p.changes.depth).toBe(2);
    blocked = false;
    expect(await p.settle()).toBe(true);
    expect(p.changes.deadLetters()).toEqual([]);
    await expectTableMatchesBucket(p);
  });
});


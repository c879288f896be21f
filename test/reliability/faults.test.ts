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

describe('UnprocessedItems of a batch write (the entity index items and month markers ingest writes in batches)', () => {
  const entityItemsOf = async (p: Pipeline, key: string): Promise<{ partitions: string[]; sortKey: string }> => {
    const { Item } = await p.doc.send(new GetCommand({ TableName: p.table, Key: articleKey(key), ConsistentRead: true }));
    return { partitions: (Item?.entityKeys ?? []) as string[], sortKey: String(Item?.dateSk) };
  };
  const presentEntityItems = async (p: Pipeline, written: { partitions: string[]; sortKey: string }): Promise<string[]> => {
    const found = await Promise.all(written.partitions.map((pk) => p.doc.send(new GetCommand({ TableName: p.table, Key: { pk, sk: written.sortKey }, ConsistentRead: true }))));
    return written.partitions.filter((_, i) => found[i]?.Item !== undefined);
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
    const written = await entityItemsOf(p, key);
    expect(written.partitions.length).toBeGreaterThan(0);
    expect(await presentEntityItems(p, written)).toEqual(written.partitions);
    expect(p.counters().MessageFailed).toBeUndefined();
    await expectTableMatchesBucket(p);
  });

  it('that stay unprocessed fail the message after the batch retries, before the record is written; the retry writes both', async () => {
    const p = await pipeline();
    const key = 'batch/stubborn.txt';
    let unprocessed = 0;
    // One message attempt's worth of batch retries (five), then DynamoDB takes them again.
    p.dynamoFaults.setRule(({ operation }) => (operation === 'BatchWriteItem' && unprocessed++ < 5 ? UNPROCESSED_ALL : null));
    await put(p, key, ARABIC_ARTICLE);
    expect(await p.settle()).toBe(true);
    expect(p.counters().MessageFailed).toBe(1);
    expect(p.logs.find((l) => l.level === 'error')?.attributes.error).toMatch(/^UnprocessedItemsError: /);
    expect(p.dynamoFaults.injected('BatchWriteItem')).toBe(5);
    // The first attempt stopped before the record's put: no record without its entity items.
    const puts = p.dynamoFaults.seen.filter((s) => s.operation === 'PutItem' && s.key === articleKey(key).pk);
    expect(puts).toHaveLength(1);
    expect(p.queue.deadLetters()).toEqual([]);
    expect(await p.store.get(key)).toMatchObject({ status: 'ok' });
    const written = await entityItemsOf(p, key);
    expect(await presentEntityItems(p, written)).toEqual(written.partitions);
    await expectTableMatchesBucket(p);
  });
});

describe('a clean-up interrupted after the record was written', () => {
  const DYNAMO_INTERNAL_ERROR = { statusCode: 500, code: 'InternalServerError', message: 'Internal server error (injected).' } as const;


  it('of a delete is finished by the retry, which finds the tombstone already written', async () => {
    const p = await pipeline();
    const key = 'cleanup/deleted.txt';
    await put(p, key, ARABIC_ARTICLE);
    expect(await p.settle()).toBe(true);
    const { Item } = await p.doc.send(new GetCommand({ TableName: p.table, Key: articleKey(key), ConsistentRead: true }));
    expect((Item?.entityKeys as string[]).length).toBeGreaterThan(0);

    // Every entity item delete fails until the first delivery has failed for it.
    p.dynamoFaults.setRule(({ operation, key }) => (operation === 'DeleteItem' && key?.startsWith('E#') && !p.counters().MessageFailed ? DYNAMO_INTERNAL_ERROR : null));
    await p.s3.send(new DeleteObjectCommand({ Bucket: p.bucket, Key: key }));
    expect(await p.settle()).toBe(true);
    p.dynamoFaults.setRule(null);
    expect(p.counters().MessageFailed).toBe(1);
    expect(p.counters().StaleEvent).toBe(1);
    const { Item: tombstone } = await p.doc.send(new GetCommand({ TableName: p.table, Key: articleKey(key), ConsistentRead: true }));
    expect(tombstone).toMatchObject({ deleted: true });
    // The list is taken off once the retry carried it out.
    expect(tombstone?.cleanup).toBeUndefined();
    await expectTableMatchesBucket(p);
  });

  it('of a replacement is carried on by a newer version, when the first one never gets to finish it', async () => {
    const p = await pipeline();
    const key = 'cleanup/replaced.txt';
    await put(p, key, ARABIC_ARTICLE);
    expect(await p.settle()).toBe(true);
    // The Arabic version's entity items cannot be deleted: the English version's message fails on
    // its clean-up every time, until the queue dead-letters it, the clean-up list left on its item.
    p.dynamoFaults.setRule(({ operation, key }) => (operation === 'DeleteItem' && key?.startsWith('E#') ? DYNAMO_INTERNAL_ERROR : null));
    await put(p, key, ENGLISH_ARTICLE);
    expect(await p.settle()).toBe(true);
    expect(p.queue.deadLetters()).toHaveLength(1);
    const read = async () => (await p.doc.send(new GetCommand({ TableName: p.table, Key: articleKey(key), ConsistentRead: true }))).Item;
    expect(await read()).toMatchObject({ language: { code: 'en' }, cleanup: [expect.objectContaining({ entities: expect.arrayContaining([expect.stringMatching(/^E#/)]) })] });

    // A third version: it takes the owed clean-up on, and carries it out.
    p.dynamoFaults.setRule(null);
    await put(p, key, `${ENGLISH_ARTICLE}\n\nA closing paragraph added in a later version.\n`);
    expect(await p.settle()).toBe(true);
    expect((await read())?.cleanup).toBeUndefined();
    await expectTableMatchesBucket(p);

    // The dead letter, redriven, is older than what is stored: it changes nothing.
    expect(await p.queue.redrive()).toBe(1);
    expect(await p.settle()).toBe(true);
    await expectTableMatchesBucket(p);
  });
});

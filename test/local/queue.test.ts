import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseSqsEvent } from '../../shared/s3-event';
import { silentLogger } from '../../local/logger';
import { LocalQueue, readDeadLetters, redriveStoppedQueue, type BatchConsumer } from '../../local/queue';

let directory: string;
const queues: LocalQueue[] = [];

beforeEach(async () => {
  directory = await mkdtemp(path.join(tmpdir(), 'dateline-queue-'));
});
afterEach(async () => {
  await Promise.all(queues.splice(0).map((q) => q.stop()));
  await rm(directory, { recursive: true, force: true });
});

async function openQueue(consumer: BatchConsumer, overrides: { batchSize?: number; maxReceives?: number } = {}): Promise<LocalQueue> {
  const queue = await LocalQueue.open({
    name: 'dateline-ingest',
    region: 'us-east-1',
    accountId: '123456789000',
    directory,
    consumer,
    visibilityTimeoutMs: 2,
    maxBackoffMs: 20,
    logger: silentLogger,
    ...overrides,
  });
  queues.push(queue);
  return queue;
}

/** A consumer that records every batch and fails the bodies it is told to, `times` times each. */
function recordingConsumer(failures: Record<string, number> = {}) {
  const batches: SQSEvent[] = [];
  const consumer: BatchConsumer = async (event) => {
    batches.push(event);
    const response: SQSBatchResponse = { batchItemFailures: [] };
    for (const record of event.Records) {
      const left = failures[record.body] ?? 0;
      if (left > 0) {
        failures[record.body] = left - 1;
        response.batchItemFailures.push({ itemIdentifier: record.messageId });
      }
    }
    return response;
  };
  return { consumer, batches };
}

describe('LocalQueue', () => {
  it('delivers every message once, in batches of at most batchSize, as SQS records', async () => {
    const { consumer, batches } = recordingConsumer();
    const queue = await openQueue(consumer, { batchSize: 3 });
    const bodies = Array.from({ length: 8 }, (_, i) => JSON.stringify({ n: i }));
    for (const body of bodies) queue.send(body);

    expect(await queue.idle(10_000)).toBe(true);
    expect(batches.every((b) => b.Records.length <= 3)).toBe(true);
    expect(batches.flatMap((b) => b.Records.map((r) => r.body)).sort()).toEqual([...bodies].sort());
    const record = batches[0]?.Records[0];
    expect(() => parseSqsEvent(batches[0])).not.toThrow();
    expect(record).toMatchObject({ eventSource: 'aws:sqs', eventSourceARN: 'arn:aws:sqs:us-east-1:123456789000:dateline-ingest', awsRegion: 'us-east-1' });
    expect(record?.attributes.ApproximateReceiveCount).toBe('1');
    expect(queue.depth).toBe(0);
  });

  it('retries only the failed items of a batch, counting receives', async () => {
    const { consumer, batches } = recordingConsumer({ flaky: 2 });
    const queue = await openQueue(consumer);
    queue.send('steady');
    queue.send('flaky');

    expect(await queue.idle(10_000)).toBe(true);
    const deliveries = batches.flatMap((b) => b.Records.map((r) => [r.body, r.attributes.ApproximateReceiveCount]));
    expect(deliveries.filter(([body]) => body === 'steady')).toEqual([['steady', '1']]);
    expect(deliveries.filter(([body]) => body === 'flaky')).toEqual([
      ['flaky', '1'],
      ['flaky', '2'],
      ['flaky', '3'],
    ]);
    expect(queue.deadLetters()).toEqual([]);
  });

  it('moves a message to the dead-letter list after maxReceives, keeps it on disk, and redrives it', async () => {
    const failures = { poison: 3 };
    const { consumer, batches } = recordingConsumer(failures);
    const queue = await openQueue(consumer, { maxReceives: 3 });
    const id = queue.send('poison');

    expect(await queue.idle(10_000)).toBe(true);
    expect(batches).toHaveLength(3);
    expect(queue.deadLetters()).toEqual([expect.objectContaining({ messageId: id, body: 'poison', receiveCount: 3, reason: expect.stringContaining('batch item failure') })]);
    expect(await readDeadLetters(directory)).toEqual(queue.deadLetters());

    // The poison is cured (failures used up): a redrive delivers it once more, and it is gone.
    expect(await queue.redrive()).toBe(1);
    expect(await queue.idle(10_000)).toBe(true);
    expect(batches).toHaveLength(4);
    expect(batches[3]?.Records[0]?.attributes.ApproximateReceiveCount).toBe('1');
    expect(queue.deadLetters()).toEqual([]);
    expect(await readDeadLetters(directory)).toEqual([]);
  });

  it('redrives the dead letters of a stopped queue into its next run', async () => {
    const failing = await openQueue(async (event) => ({ batchItemFailures: event.Records.map((r) => ({ itemIdentifier: r.messageId })) }), { maxReceives: 1 });
    failing.send('first');
    failing.send('second');
    expect(await failing.idle(10_000)).toBe(true);
    await failing.stop();
    const [first] = await readDeadLetters(directory);

    expect(await redriveStoppedQueue(directory, [first!.messageId])).toBe(1);
    expect((await readDeadLetters(directory)).map((d) => d.body)).toEqual(['second']);
    const { consumer, batches } = recordingConsumer();
    const next = await openQueue(consumer);
    expect(await next.idle(10_000)).toBe(true);
    expect(batches.flatMap((b) => b.Records.map((r) => [r.body, r.attributes.ApproximateReceiveCount]))).toEqual([['first', '1']]);
  });

  it('retries the whole batch when the handler throws, with the error as the reason', async () => {
    const receives: Record<string, number> = {};
    const queue = await openQueue(
      async (event) => {
        // Retried messages come back on their own timers, so how they group into batches varies.
        for (const record of event.Records) receives[record.body] = (receives[record.body] ?? 0) + 1;
        throw new Error('database is down');
      },
      { maxReceives: 2 },
    );
    queue.send('a');
    queue.send('b');

    expect(await queue.idle(10_000)).toBe(true);
    expect(receives).toEqual({ a: 2, b: 2 });
    expect(queue.deadLetters().map((d) => [d.body, d.reason])).toEqual([
      ['a', 'the handler threw: database is down'],
      ['b', 'the handler threw: database is down'],
    ]);
  });

  it('treats a response naming an unknown message as a failed batch, as Lambda does', async () => {
    const seen: string[] = [];
    const queue = await openQueue(
      async (event) => {
        seen.push(...event.Records.map((r) => r.attributes.ApproximateReceiveCount));
        return { batchItemFailures: seen.length === 1 ? [{ itemIdentifier: 'not-in-this-batch' }] : [] };
      },
    );
    queue.send('x');
    expect(await queue.idle(10_000)).toBe(true);
    expect(seen).toEqual(['1', '2']);
  });

  it('writes pending messages on stop and resumes them on the next open', async () => {
    let release: () => void = () => undefined;
    let entered: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const inside = new Promise<void>((resolve) => (entered = resolve));
    const first = await openQueue(async (event) => {
      entered();
      await gate;
      return { batchItemFailures: event.Records.map((r) => ({ itemIdentifier: r.messageId })) };
    });
    first.send('one');
    first.send('two');
    // Let the first batch start, then stop while it is in flight: stop waits for it.
    await inside;
    const stopping = first.stop();
    release();
    await stopping;
    const saved = JSON.parse(await readFile(first.queueFile, 'utf8')) as { messages: { body: string; receiveCount: number }[] };
    expect(saved.messages.map((m) => [m.body, m.receiveCount])).toEqual([
      ['one', 1],
      ['two', 1],
    ]);

    const { consumer, batches } = recordingConsumer();
    const second = await openQueue(consumer);
    expect(await second.idle(10_000)).toBe(true);
    expect(batches.flatMap((b) => b.Records.map((r) => [r.body, r.attributes.ApproximateReceiveCount]))).toEqual([
      ['one', '2'],
      ['two', '2'],
    ]);
  });
});

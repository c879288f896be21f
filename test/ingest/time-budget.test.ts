/**
 * One article cannot sink its batch (functions/commons/time-budget.ts): the real handler, s3rver
 * and dynalite, with a Lambda context whose remaining time the test sets (and, where it matters,
 * the clock the budget reads, so that nothing depends on how fast this machine is).
 */
import type { Context } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDynamoStore } from '../../adapters/dynamo-store';
import { createS3ObjectReader } from '../../adapters/s3-objects';
import { createIngestHandler } from '../../functions/ingest';
import type { TimeBudgetOptions } from '../../functions/commons/time-budget';
import { createTagger } from '../../shared/ner/tagger';
import type { ArticleStore, ObjectReader } from '../../shared/ports';
import { loadNerModel } from '../../models/load';
import { startServers, type TestServers } from '../helpers/servers';
import { s3Notification, sqsEvent, sqsMessage, type ObjectChange } from './events';
import { createdEvent, ingestFixture } from './objects';
import { recordingLogger, recordingMetrics } from './recorders';

const ARTICLE = ingestFixture('homs-school-reopens.ar.txt');

let servers: TestServers;
let store: ArticleStore;
let reader: ObjectReader;
let keys = 0;
const uniqueKey = (name: string) => `budget-${++keys}/${name}`;

beforeAll(async () => {
  servers = await startServers();
  store = createDynamoStore({ doc: servers.doc, tableName: servers.tableName });
  reader = createS3ObjectReader(servers.s3);
});
afterAll(() => servers?.stop());

/** A Lambda context as the runtime passes it, with the remaining time on the given clock. */
function lambdaContext(endsAt: number, clock: () => number): Context {
  return {
    callbackWaitsForEmptyEventLoop: false,
    functionName: 'dateline-ingest',
    functionVersion: '$LATEST',
    invokedFunctionArn: 'arn:aws:lambda:eu-west-1:123456789012:function:dateline-ingest',
    memoryLimitInMB: '1024',
    awsRequestId: 'c6af9ac6-7b61-11e6-9a41-93e812345678',
    logGroupName: '/aws/lambda/dateline-ingest',
    logStreamName: '2024/03/04/[$LATEST]abcdef',
    getRemainingTimeInMillis: () => endsAt - clock(),
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}

function ingest(timeBudget: TimeBudgetOptions, options: { objects?: ObjectReader; ner?: boolean } = {}) {
  const logger = recordingLogger();
  const metrics = recordingMetrics();
  const ner = options.ner ? { ar: createTagger(loadNerModel('ar')), en: createTagger(loadNerModel('en')) } : undefined;
  const handler = createIngestHandler({
    store,
    objects: options.objects ?? reader,
    maxBytes: 1 << 20,
    logger,
    metrics,
    clock: () => new Date('2024-03-04T09:31:00.000Z'),
    timeBudget,
    ...(ner ? { ner } : {}),
  });
  return { handler, logger, metrics };
}

const created = (key: string): Promise<ObjectChange> => createdEvent(servers.s3, servers.bucket, key, ARTICLE);
const messageOf = (change: ObjectChange, id: string) => sqsMessage(s3Notification(change), id);

/** A clock that stands still unless moved, and one that moves a second each time it is read. */
const frozenClock = (at = 0) => () => at;
function slowClock(stepMs: number): () => number {
  let now = 0;
  return () => (now += stepMs);
}

describe('the time left in the invocation', () => {
  it('too little to extract: every message goes back as a batch item failure, nothing is written', async () => {
    const [a, b] = [await created(uniqueKey('a.txt')), await created(uniqueKey('b.txt'))];
    const clock = frozenClock();
    const { handler, metrics, logger } = ingest({ reserveMs: 8_000, clock });

    const response = await handler(sqsEvent(messageOf(a, 'late-a'), messageOf(b, 'late-b')), lambdaContext(5_000, clock));

    expect(response.batchItemFailures.map((f) => f.itemIdentifier).sort()).toEqual(['late-a', 'late-b']);
    expect(await store.get(a.key)).toBeNull();
    expect(await store.get(b.key)).toBeNull();
    expect(metrics.counts).toMatchObject({ MessageDeferred: 2 });
    expect(logger.lines.filter((l) => l.message.startsWith('message left for a later invocation'))).toHaveLength(2);
  });

  it('runs out while a message is still being read: the handler answers first, listing only that one', async () => {
    const slow = await created(uniqueKey('slow.txt'));
    const fast = await created(uniqueKey('fast.txt'));
    let release = () => {};
    const gate = new Promise<void>((resolve) => (release = resolve));
    // The real reader, held back for one key as a stalled connection would hold it.
    const stalled: ObjectReader = {
      read: (ref, max) => reader.read(ref, max),
      readCurrent: async (ref, max) => (ref.key === slow.key ? gate.then(() => reader.readCurrent(ref, max)) : reader.readCurrent(ref, max)),
    };
    const clock = frozenClock();
    // 4 s left and 3.9 s kept back: extractions may start, and the answer is due 2 s in.
    const { handler, metrics } = ingest({ reserveMs: 3_900, clock }, { objects: stalled });

    const response = await handler(sqsEvent(messageOf(slow, 'stalled'), messageOf(fast, 'quick')), lambdaContext(4_000, clock));

    expect(response.batchItemFailures).toEqual([{ itemIdentifier: 'stalled' }]);
    expect(await store.get(fast.key)).toMatchObject({ status: 'ok' });
    expect(metrics.counts).toMatchObject({ BatchCutShort: 1, RecordWritten: 1 });
    // The message left behind finishes later without harm (its write is conditional on the sequencer).
    release();
    for (let i = 0; i < 100 && !(await store.get(slow.key)); i++) await new Promise((resolve) => setTimeout(resolve, 50));
  });
});

describe('an extraction that would run past its budget', () => {
  it('still gets its record, made without the NER taggers, and says so', async () => {
    const change = await created(uniqueKey('degraded.txt'));
    // Every reading of the clock is a second later: the stages before entities "took" a second,
    // tagging would take about three more, and the article has two.
    const clock = slowClock(1_000);
    const { handler } = ingest({ articleMs: 2_000, reserveMs: 1_000, clock }, { ner: true });

    const response = await handler(sqsEvent(messageOf(change, 'degraded')), lambdaContext(10_000_000, clock));

    expect(response.batchItemFailures).toEqual([]);
    const record = await store.get(change.key);
    expect(record).toMatchObject({ status: 'ok', language: { code: 'ar' } });
    expect(record?.problems.map((p) => p.code)).toContain('extraction-degraded');
    expect(record?.entities.place.length).toBeGreaterThan(0);
  });

  it('with time to spare, the same article is extracted whole', async () => {
    const change = await created(uniqueKey('whole.txt'));
    const clock = slowClock(1_000);
    const { handler } = ingest({ articleMs: 60_000, reserveMs: 1_000, clock }, { ner: true });

    expect(await handler(sqsEvent(messageOf(change, 'whole')), lambdaContext(10_000_000, clock))).toEqual({ batchItemFailures: [] });
    const record = await store.get(change.key);
    expect(record?.problems.map((p) => p.code)).not.toContain('extraction-degraded');
  });
});

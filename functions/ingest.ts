/**
 * The ingest function: SQS batch of S3 event notifications -> one record per object in the table.
 *
 * Per message: parse the body (an S3 notification or the S3 test event), then for each object event
 * - created: one GET of the key's current version (and, for a redelivered message, side by side the
 *   stored sequencer): not the event's version (deleted or replaced since; a newer event follows) ->
 *   acknowledged without a record; the table already has this event or a newer one -> acknowledged
 *   unextracted; over the
 *   size limit -> a `rejected` record (`too-large`), the object unread; else extract, cap to an
 *   item's size, write if newer than what is stored;
 * - removed: write a tombstone if newer. When the event deleted only one version of a versioned
 *   object, the key may still have a current version: that one is read and written instead.
 * A reindex request (`{"dateline":"reindex",...}`, sent by `dateline reindex`) re-extracts a stored
 * record whose extractor version is not the running one, conditional on its sequencer.
 * A message that throws (garbage body, store down) fails alone and is retried by SQS (partial
 * batch response); sequencer-conditional writes make retries and duplicates harmless.
 * The invocation's time is budgeted (commons/time-budget.ts): no extraction starts in the last
 * seconds, each has a deadline past which its record is made without the NER taggers, and the
 * handler answers before the timeout, listing the messages it did not finish.
 *
 * `createIngestHandler` takes every collaborator as an argument: Lambda (`handler` below), the
 * local stack and the tests run the same code against different endpoints.
 */
import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { createDynamoClients, createS3Client } from '../adapters/clients';
import { createDynamoStore } from '../adapters/dynamo-store';
import { lazyNerTaggers } from '../adapters/ner-taggers';
import { createS3ObjectReader } from '../adapters/s3-objects';
import { EXTRACTOR_VERSION, extractRecord, failedRecord, type Deadline, type NerTaggers } from '../shared/extract';
import { fitRecord } from '../shared/items';
import type { ArticleStore, ObjectContent, ObjectReader, WriteOutcome } from '../shared/ports';
import { ArticleRecord, type Problem, type Source } from '../shared/record';
import { normalizeSequencer, parseMessageBody, SqsRecordSchema, type ObjectEvent } from '../shared/s3-event';
import { readIngestConfig } from './commons/config';
import { OutOfTimeError, TimeBudget, type TimeBudgetOptions } from './commons/time-budget';

type LogAttributes = Record<string, unknown>;

/** Only what ingest reads from an SQS record is required, so a local queue need not fake the rest. */
const SqsMessageSchema = SqsRecordSchema.pick({ messageId: true, body: true });

/** The slice of a logger ingest uses; Powertools' `Logger` fits it. */
export interface IngestLogger {
  info(message: string, attributes: LogAttributes): void;
  warn(message: string, attributes: LogAttributes): void;
  error(message: string, attributes: LogAttributes): void;
}

/** The slice of Powertools' `Metrics` ingest uses. */
export interface IngestMetrics {
  addMetric(name: string, unit: typeof MetricUnit.Count, value: number): unknown;
  publishStoredMetrics(): unknown;
}

export interface IngestDependencies {
  readonly store: ArticleStore;
  readonly objects: ObjectReader;
  /** Objects larger than this are rejected unread. */
  readonly maxBytes: number;
  readonly logger: IngestLogger;
  readonly metrics: IngestMetrics;
  /** @default () => new Date() */
  readonly clock?: () => Date;
  /**
   * The NER taggers entity extraction uses (see adapters/ner-taggers.ts for the lazy loader).
   * @default - none: entities come from rules and gazetteers alone
   */
  readonly ner?: NerTaggers;
  /** How the time of an invocation is shared out (see commons/time-budget.ts). */
  readonly timeBudget?: TimeBudgetOptions;
}

export type IngestHandler = (event: SQSEvent, context?: Context) => Promise<SQSBatchResponse>;

/** What became of one object event: the `outcome` of its log line, and the metric counting it. */
const OUTCOMES = {
  RecordWritten: 'written',
  RecordRemoved: 'written',
  StaleEvent: 'stale',
  ObjectGone: 'skipped',
  ReindexSkipped: 'skipped',
} as const;
type OutcomeMetric = keyof typeof OUTCOMES;

/**
 * An object event with the SQS message it came in (for the log lines), and whether that message
 * was received before (`ApproximateReceiveCount` > 1: a retry, whose write may have landed).
 */
type TracedEvent = ObjectEvent & { readonly messageId: string; readonly redelivered: boolean };

export function createIngestHandler(deps: IngestDependencies): IngestHandler {
  const { store, objects, maxBytes, logger, metrics } = deps;
  const now = (): string => (deps.clock?.() ?? new Date()).toISOString();

  function report(metric: OutcomeMetric, message: string, event: TracedEvent, extra: LogAttributes = {}): void {
    logger.info(message, { outcome: OUTCOMES[metric], action: event.action, ...describe(event), ...extra });
    metrics.addMetric(metric, MetricUnit.Count, 1);
  }

  /**
   * The record's write: fitted to an item and put in one conditional PutItem (`expectedSequencer`
   * makes it a re-extraction that replaces only the version it was made from). Its index items
   * follow from the table's stream (functions/projector.ts).
   */
  async function write(record: ArticleRecord, event: TracedEvent, expectedSequencer?: string | null): Promise<void> {
    const fitted = fitRecord(record);
    const outcome = expectedSequencer === undefined ? await store.put(fitted) : await store.replace(fitted, expectedSequencer);
    const attributes = { status: fitted.status, problems: fitted.problems.map((p) => p.code) };
    if (outcome === 'stale') return report('StaleEvent', 'event not newer than the stored record, left as it was', event, attributes);
    report('RecordWritten', 'record written', event, attributes);
    if (fitted.status === 'rejected') metrics.addMetric('RecordRejected', MetricUnit.Count, 1);
    if (fitted.status === 'error') metrics.addMetric('RecordError', MetricUnit.Count, 1);
    if (fitted.truncated) metrics.addMetric('RecordTruncated', MetricUnit.Count, 1);
  }

  /**
   * Reads, extracts and writes the object the event names: its current version, which must be the
   * event's (`current`), or whatever version is current (a delete of one version). For a message
   * received before, whether the table already holds this event's record or a newer one is asked
   * at the same time, so a retry whose write had landed is acknowledged before anything is
   * extracted (the write's condition still decides: that read is eventually consistent). A first
   * delivery does not ask: an outdated create is caught by the read (another version is current),
   * and half a read unit on every event would cost more than the rare duplicate's extraction.
   */
  async function ingestObject(event: TracedEvent, current: boolean, budget: TimeBudget): Promise<'done' | 'gone' | 'stale'> {
    // Over the limit by the event's word: one byte read is enough to learn it is still current.
    const unread = current && event.size !== null && event.size > maxBytes;
    const ref = current ? { bucket: event.bucket, key: event.key, versionId: event.versionId, etag: event.etag } : { bucket: event.bucket, key: event.key };
    const [content, stale] = await Promise.all([objects.readCurrent(ref, unread ? 0 : maxBytes), event.redelivered && store.holdsNewer(event.key, event.sequencer)]);
    if (content === null) return 'gone';
    if (stale) return 'stale';
    const source = sourceOf(event, content);
    if (unread || content.size > maxBytes || content.bytes.length > maxBytes) {
      await write(tooLarge(source, content.size, maxBytes, now(), unread ? 'unread' : 'prefix'), event);
      return 'done';
    }
    budget.ensureTimeToExtract();
    await write(extractSafely(content.bytes, source, now(), deps.ner, budget.extractionDeadline()), event);
    return 'done';
  }

  /**
   * A reindex request (`dateline reindex`): the stored record extracted again from the very version
   * it describes, keeping its sequencer and upload time, and written only while the stored record
   * is still that version (`replace`): an S3 event that landed meanwhile always wins.
   */
  async function reindexObject(request: { bucket: string; key: string; force: boolean }, messageId: string, budget: TimeBudget): Promise<void> {
    const stored = await store.get(request.key);
    const { source } = stored ?? { source: null };
    const event: TracedEvent = {
      eventName: 'dateline:Reindex',
      action: 'created',
      versionOnly: false,
      bucket: request.bucket,
      key: request.key,
      rawKey: request.key,
      keyProblem: null,
      size: source?.size ?? null,
      etag: source?.etag ?? null,
      versionId: source?.versionId ?? null,
      sequencer: normalizeSequencer(source?.sequencer),
      rawSequencer: source?.sequencer ?? null,
      eventTime: source?.uploadedAt ?? now(),
      messageId,
      redelivered: false,
    };
    if (!stored || !source) return report('ReindexSkipped', 'nothing to reindex', event);
    if (stored.extractor.version === EXTRACTOR_VERSION && !request.force) {
      return report('ReindexSkipped', 'up to date', event, { extractorVersion: EXTRACTOR_VERSION });
    }
    const content = await objects.read({ bucket: source.bucket, key: source.key, versionId: source.versionId, etag: source.etag }, maxBytes);
    if (content === null) return report('ObjectGone', 'object changed or gone, skipping', event);
    const current: Source = {
      ...source,
      versionId: content.versionId ?? source.versionId,
      etag: content.etag ?? source.etag,
      size: content.size,
      contentType: content.contentType,
      metadata: content.metadata,
    };
    const tooBig = content.size > maxBytes || content.bytes.length > maxBytes;
    if (!tooBig) budget.ensureTimeToExtract();
    const record = tooBig ? tooLarge(current, content.size, maxBytes, now(), 'prefix') : extractSafely(content.bytes, current, now(), deps.ner, budget.extractionDeadline());
    await write(record, event, source.sequencer);
  }

  async function processObjectEvent(event: TracedEvent, budget: TimeBudget): Promise<void> {
    if (event.keyProblem) logger.warn('object key partly undecodable', describe(event, { keyProblem: event.keyProblem }));
    if (event.action === 'created') {
      // A versioned bucket still serves a deleted or replaced version: an old create (redriven from
      // the dead-letter queue, say) must not bring it back. The event of the change says what happened.
      const outcome = await ingestObject(event, true, budget);
      if (outcome === 'gone') report('ObjectGone', 'object changed or gone, skipping', event);
      if (outcome === 'stale') report('StaleEvent', 'event not newer than the stored record, left as it was', event);
      return;
    }
    if (event.versionOnly) {
      const outcome = await ingestObject(event, false, budget);
      if (outcome === 'stale') return report('StaleEvent', 'event not newer than the stored record, left as it was', event);
      if (outcome === 'done') return;
    }
    const outcome: WriteOutcome = await store.remove({ bucket: event.bucket, key: event.key, sequencer: event.rawSequencer, at: now() });
    if (outcome === 'stale') report('StaleEvent', 'delete not newer than the stored record, left as it was', event);
    else report('RecordRemoved', 'record removed', event);
  }

  async function processMessage(record: SQSRecord, budget: TimeBudget): Promise<void> {
    try {
      const message = parseMessageBody(SqsMessageSchema.parse(record).body);
      if (message.kind === 'test') {
        logger.info('S3 test event acknowledged', { messageId: record.messageId, bucket: message.bucket });
        metrics.addMetric('TestEvent', MetricUnit.Count, 1);
        return;
      }
      if (message.kind === 'reindex') return await reindexObject(message, record.messageId, budget);
      for (const ignored of message.ignored) {
        logger.info('event ignored', { messageId: record.messageId, ...ignored });
        metrics.addMetric('EventIgnored', MetricUnit.Count, 1);
      }
      // One after the other: a message's records may name the same key, in order.
      const redelivered = Number(record.attributes?.ApproximateReceiveCount ?? 1) > 1;
      for (const event of message.records) await processObjectEvent({ ...event, messageId: record.messageId, redelivered }, budget);
    } catch (error) {
      if (error instanceof OutOfTimeError) {
        logger.warn('message left for a later invocation: too little time left', { messageId: record.messageId, remainingMs: Math.round(budget.remainingMs) });
        metrics.addMetric('MessageDeferred', MetricUnit.Count, 1);
        throw error;
      }
      logger.error('message failed, left for SQS to retry', { messageId: record.messageId, error: describeError(error) });
      metrics.addMetric('MessageFailed', MetricUnit.Count, 1);
      throw error;
    }
  }

  return async (event, context) => {
    // A processor per invocation: it keeps per-batch state, and the local stack may call this
    // handler again before an earlier call has finished.
    const processor = new BatchProcessor(EventType.SQS);
    const budget = new TimeBudget(context, deps.timeBudget);
    const finished = new Set<string>();
    const handle = async (record: SQSRecord) => {
      await processMessage(record, budget);
      finished.add(record.messageId);
    };
    // Messages not finished when only the reserve is left go back to the queue, the rest stay done.
    const unfinished = (): SQSBatchResponse => {
      const batchItemFailures = event.Records.filter((r) => !finished.has(r.messageId)).map((r) => ({ itemIdentifier: r.messageId }));
      logger.warn('answering before the timeout', { unfinished: batchItemFailures.map((f) => f.itemIdentifier) });
      metrics.addMetric('BatchCutShort', MetricUnit.Count, 1);
      return { batchItemFailures };
    };
    try {
      // Not throwing on a full failure: listing every message is the same retry for SQS, and the
      // caller (Lambda or the local queue) always gets the list.
      return await budget.answerInTime(processPartialResponse(event, handle, processor, { ...(context ? { context } : {}), throwOnFullBatchFailure: false }), unfinished);
    } finally {
      metrics.publishStoredMetrics();
    }
  };
}

function sourceOf(event: ObjectEvent, content: ObjectContent | null): Source {
  return {
    bucket: event.bucket,
    key: event.key,
    versionId: content?.versionId ?? event.versionId,
    etag: content?.etag ?? event.etag,
    size: content?.size ?? event.size ?? 0,
    contentType: content?.contentType ?? null,
    // As S3 sent it; the table keeps the normalized form for its conditions.
    sequencer: event.rawSequencer,
    // The created event's time is the upload of exactly this version (to the millisecond).
    uploadedAt: event.action === 'created' ? event.eventTime : (content?.lastModified ?? null),
    metadata: content?.metadata ?? {},
  };
}

function tooLarge(source: Source, size: number, maxBytes: number, now: string, read: 'unread' | 'prefix'): ArticleRecord {
  const how = read === 'unread' ? 'it was not read' : `no more than ${maxBytes + 1} bytes of it were read`;
  const problem: Problem = { code: 'too-large', message: `the object is ${size} bytes, over the limit of ${maxBytes}; ${how}` };
  return failedRecord(source, 'rejected', [problem], now);
}

/** The extractor promises never to throw and to return a valid record; a broken promise still ends in a record. */
function extractSafely(bytes: Uint8Array, source: Source, now: string, ner: NerTaggers | undefined, deadline: Deadline): ArticleRecord {
  let record: unknown;
  try {
    record = extractRecord({ bytes, source, now }, { ...(ner ? { ner } : {}), deadline });
  } catch (error) {
    return failedRecord(source, 'error', [{ code: 'extractor-failed', message: describeError(error) }], now);
  }
  const valid = ArticleRecord.safeParse(record);
  if (valid.success) return valid.data;
  return failedRecord(source, 'error', [{ code: 'invalid-record', message: valid.error.message.slice(0, 1000) }], now);
}

function describe(event: TracedEvent, extra: LogAttributes = {}): LogAttributes {
  return { messageId: event.messageId, eventName: event.eventName, bucket: event.bucket, key: event.key, sequencer: event.sequencer, versionId: event.versionId, ...extra };
}

function describeError(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}

// ---------------------------------------------------------------------------------------------
// Lambda entry point. Wired on the first invocation, not at import, so that tests and the local
// stack can import `createIngestHandler` without an environment; a bad configuration fails that
// first invocation (and every one after it) with a `ConfigError` naming the variable.

let wired: IngestHandler | undefined;

function wireFromEnvironment(): IngestHandler {
  const config = readIngestConfig(process.env);
  const logger = new Logger({ serviceName: config.serviceName, logLevel: config.logLevel });
  const metrics = new Metrics({ namespace: config.metricsNamespace, serviceName: config.serviceName });
  const ingest = createIngestHandler({
    store: createDynamoStore({ doc: createDynamoClients().doc, tableName: config.tableName }),
    objects: createS3ObjectReader(createS3Client()),
    maxBytes: config.maxObjectBytes,
    logger,
    metrics,
    // The model files sit next to the bundle (infra copies them); each loads on first use.
    ner: lazyNerTaggers(),
  });
  return (event, context) => {
    if (context) logger.addContext(context);
    return ingest(event, context);
  };
}

export const handler = async (event: SQSEvent, context: Context): Promise<SQSBatchResponse> => (wired ??= wireFromEnvironment())(event, context);

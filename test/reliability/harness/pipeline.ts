/**
 * The local pipeline, assembled from the very parts `startLocalStack` (local/stack.ts) wires, with
 * the handles a reliability test needs and the stack does not expose:
 *
 *   s3rver (local/s3-server) --change--> S3 event shaping (local/s3-events: encoded key, growing
 *   sequencer) --> LocalQueue (local/queue: batches, retries, dead-letter list) --> the ingest
 *   handler (functions/ingest) --> dynalite --change feed (local/change-feed)--> the projector (on a LevelDB folder, as local/dynamo-server runs it,
 *   but in a process of its own: it can be stopped mid-batch and started again, and it runs on the
 *   second core)
 *
 * What it adds: a fault layer on the ingest side's real S3 and DynamoDB clients (faults.ts); a
 * DynamoDB server that can be stopped and started again on the same port and data; events either
 * queued as they happen (as the stack does) or held, so that a test can deliver them in any order,
 * twice, or not at all; the ingest log lines; and every batch the handler answered. Nothing here is
 * a mock: every request goes over 127.0.0.1 to the real servers. No vitest import: scripts/soak.ts
 * uses it too.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { S3Client } from '@aws-sdk/client-s3';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { SQSBatchResponse } from 'aws-lambda';
import { createDynamoClients, createS3Client } from '../../../adapters/clients';
import { createDynamoIndexWriter, createDynamoStore } from '../../../adapters/dynamo-store';
import { createS3ObjectReader } from '../../../adapters/s3-objects';
import { ensureTable } from '../../../adapters/table-setup';
import { createIngestHandler, type IngestLogger } from '../../../functions/ingest';
import { createProjectorHandler } from '../../../functions/projector';
import { openChangeFeed } from '../../../local/change-feed';
import { silentLogger, type LocalLogger } from '../../../local/logger';
import { runAll } from '../../../local/run-all';
import { localIngestObservability } from '../../../local/observability';
import { LocalQueue } from '../../../local/queue';
import { SequencerClock, toS3EventRecord, type ObjectChange, type S3NotificationRecord } from '../../../local/s3-events';
import { startLocalS3Server, type LocalS3Server } from '../../../local/s3-server';
import type { ArticleStore, ObjectReader } from '../../../shared/ports';
import { startDynamoProcess, type DynamoProcess } from './dynamo-process';
import { injectDynamoFaults, injectS3Faults, type FaultLayer } from './faults';

export const HOST = '127.0.0.1';
const REGION = 'us-east-1';

export interface PipelineOptions {
  /** Largest object ingest reads. @default 10 MiB (the deployed default) */
  readonly maxBytes?: number;
  /** `immediate`: every change is queued as it happens (the stack's way); `held`: kept in `held` for the test to deliver. @default 'immediate' */
  readonly delivery?: 'immediate' | 'held';
  /** @default 10 */
  readonly batchSize?: number;
  /** @default 5 */
  readonly maxReceives?: number;
  /** Receives of a change before the feed gives it up (it then stays unprojected). @default 20 */
  readonly changeMaxReceives?: number;
  /** @default 20 */
  readonly visibilityTimeoutMs?: number;
  /** @default 200 */
  readonly maxBackoffMs?: number;
  /** SDK attempts per call on the ingest side. @default 2, as the local stack's clients */
  readonly maxAttempts?: number;
  /** Where the queue's notices go. @default silent */
  readonly logger?: LocalLogger;
}

export interface IngestLogLine {
  readonly level: 'info' | 'warn' | 'error';
  readonly message: string;
  readonly attributes: Record<string, unknown>;
}

/** What the handler answered for one batch, or what it threw. */
export interface BatchOutcome {
  readonly messageIds: readonly string[];
  readonly response: SQSBatchResponse | null;
  readonly thrown: unknown;
}

export interface Pipeline {
  readonly bucket: string;
  readonly table: string;
  readonly endpoints: { readonly s3: string; readonly dynamodb: string };
  /** A user's S3 client (no faults): puts and deletes objects. */
  readonly s3: S3Client;
  /** A reader's DynamoDB clients (no faults). */
  readonly dynamo: DynamoDBClient;
  readonly doc: DynamoDBDocumentClient;
  /** The store over `doc`, for reading records back. */
  readonly store: ArticleStore;
  readonly queue: LocalQueue;
  /** The table's changes on their way to the projector (local/change-feed.ts). */
  readonly changes: LocalQueue;
  /** Fault layers on the ingest side's clients; they also count every request. */
  readonly s3Faults: FaultLayer;
  readonly dynamoFaults: FaultLayer;
  /** The ingest reader's calls: object key and the bytes it gave back. */
  readonly reads: { readonly key: string; readonly maxBytes: number; readonly bytes: number | null }[];
  /** Every S3 event shaped, in the order the changes happened. */
  readonly events: S3NotificationRecord[];
  /** Events not yet queued (`delivery: 'held'`). */
  readonly held: S3NotificationRecord[];
  readonly logs: IngestLogLine[];
  readonly batches: BatchOutcome[];
  /** Queues each event as its own message (one record per message, as S3 sends them). */
  deliver(...records: S3NotificationRecord[]): string[];
  /** Resolves true once the queue and the change feed have nothing left (records written and projected); false after `timeoutMs`. */
  settle(timeoutMs?: number): Promise<boolean>;
  /** Ingest outcome totals (`RecordWritten`, `StaleEvent`, `MessageFailed`, ...). */
  counters(): Record<string, number>;
  /** Stops the DynamoDB server process (its data stays in its folder); requests then fail. */
  stopDynamo(): Promise<void>;
  /** Starts it again on the same port with the same data. */
  startDynamo(): Promise<void>;
  stop(): Promise<void>;
}

export async function startPipeline(options: PipelineOptions = {}): Promise<Pipeline> {
  const directory = await mkdtemp(path.join(tmpdir(), 'dateline-reliability-'));
  const bucket = 'dateline-reliability';
  const table = 'dateline-reliability';
  const delivery = options.delivery ?? 'immediate';
  const events: S3NotificationRecord[] = [];
  const held: S3NotificationRecord[] = [];
  const sequencers = new SequencerClock();
  let queue: LocalQueue | null = null;
  const cleanup: (() => Promise<unknown>)[] = [() => rm(directory, { recursive: true, force: true })];

  const deliver = (...records: S3NotificationRecord[]): string[] =>
    records.map((record) => {
      if (!queue) throw new Error('the queue is not open yet');
      return queue.send(JSON.stringify({ Records: [record] }));
    });

  try {
    const dynamoDirectory = path.join(directory, 'dynamodb');
    let dynamoServer: DynamoProcess | null = await startDynamoProcess({ directory: dynamoDirectory, host: HOST, port: 0 });
    const dynamoPort = dynamoServer.port;
    const dynamoEndpoint = dynamoServer.endpoint;
    cleanup.unshift(async () => dynamoServer?.stop());

    const s3Server: LocalS3Server = await startLocalS3Server({
      host: HOST,
      port: 0,
      directory: path.join(directory, 's3'),
      buckets: [bucket],
      onChange: (change: ObjectChange) => {
        if (change.bucket !== bucket) return;
        // The sequencer is taken when the change is reported, as the stack does.
        const record = toS3EventRecord(change, { sequencer: sequencers.next(), region: REGION });
        events.push(record);
        if (delivery === 'held') held.push(record);
        else deliver(record);
      },
    });
    cleanup.unshift(() => s3Server.close());

    // The user's side: no faults.
    const s3 = createS3Client({ endpoint: s3Server.endpoint });
    const { client: dynamo, doc } = createDynamoClients({ endpoint: dynamoEndpoint });
    cleanup.unshift(async () => {
      s3.destroy();
      dynamo.destroy();
    });
    await ensureTable(dynamo, table);

    // The ingest side: the product's clients, with the fault layer on them.
    const attempts = options.maxAttempts === undefined ? {} : { maxAttempts: options.maxAttempts };
    const ingestS3 = createS3Client({ endpoint: s3Server.endpoint, ...attempts });
    const ingestDynamo = createDynamoClients({ endpoint: dynamoEndpoint, ...attempts });
    cleanup.unshift(async () => {
      ingestS3.destroy();
      ingestDynamo.client.destroy();
    });
    const s3Faults = injectS3Faults(ingestS3);
    const dynamoFaults = injectDynamoFaults(ingestDynamo.client);

    const reads: Pipeline['reads'] = [];
    const s3Reader = createS3ObjectReader(ingestS3);
    const reader: ObjectReader = {
      async read(ref, maxBytes) {
        const content = await s3Reader.read(ref, maxBytes);
        reads.push({ key: ref.key, maxBytes, bytes: content?.bytes.length ?? null });
        return content;
      },
      async readCurrent(ref, maxBytes) {
        const content = await s3Reader.readCurrent(ref, maxBytes);
        reads.push({ key: ref.key, maxBytes, bytes: content?.bytes.length ?? null });
        return content;
      },
    };

    const logs: IngestLogLine[] = [];
    const observability = localIngestObservability(options.logger ?? silentLogger);
    const recording = (level: IngestLogLine['level']): IngestLogger[typeof level] => (message, attributes) => {
      logs.push({ level, message, attributes });
      observability.logger[level](message, attributes);
    };
    // The projector writes through the same faulty client: its failures are retried by the feed.
    const projector = createProjectorHandler({ index: createDynamoIndexWriter({ doc: ingestDynamo.doc, tableName: table }), logger: { info: recording('info'), warn: recording('warn'), error: recording('error') }, metrics: observability.metrics });
    const feed = await openChangeFeed({
      directory: path.join(directory, 'projection'),
      projector,
      region: REGION,
      accountId: '123456789000',
      logger: options.logger ?? silentLogger,
      maxReceives: options.changeMaxReceives ?? 20,
      visibilityTimeoutMs: options.visibilityTimeoutMs ?? 20,
      maxBackoffMs: options.maxBackoffMs ?? 200,
    });
    cleanup.unshift(() => feed.queue.stop());
    const ingest = createIngestHandler({
      store: createDynamoStore({ doc: feed.wrap(ingestDynamo.doc), tableName: table }),
      objects: reader,
      maxBytes: options.maxBytes ?? 10 * 1024 * 1024,
      logger: { info: recording('info'), warn: recording('warn'), error: recording('error') },
      metrics: observability.metrics,
    });

    const batches: BatchOutcome[] = [];
    queue = await LocalQueue.open({
      name: 'dateline-reliability',
      region: REGION,
      accountId: '123456789000',
      directory: path.join(directory, 'queue'),
      consumer: async (event, context) => {
        const messageIds = event.Records.map((r) => r.messageId);
        try {
          const response = await ingest(event, context);
          batches.push({ messageIds, response, thrown: null });
          return response;
        } catch (error) {
          batches.push({ messageIds, response: null, thrown: error });
          throw error;
        }
      },
      failureReason: observability.failureReason,
      batchSize: options.batchSize ?? 10,
      maxReceives: options.maxReceives ?? 5,
      visibilityTimeoutMs: options.visibilityTimeoutMs ?? 20,
      maxBackoffMs: options.maxBackoffMs ?? 200,
      logger: options.logger ?? silentLogger,
    });
    const openQueue = queue;
    cleanup.unshift(() => openQueue.stop());

    const endpoints = { s3: s3Server.endpoint, dynamodb: dynamoEndpoint };
    let stopping: Promise<void> | null = null;
    return {
      bucket,
      table,
      endpoints,
      s3,
      dynamo,
      doc,
      store: createDynamoStore({ doc, tableName: table }),
      queue: openQueue,
      s3Faults,
      dynamoFaults,
      reads,
      events,
      held,
      logs,
      batches,
      deliver,
      changes: feed.queue,
      async settle(timeoutMs = 60_000) {
        const deadline = Date.now() + timeoutMs;
        for (let round = 0; round < 1000; round++) {
          if (!(await openQueue.idle(Math.max(1, deadline - Date.now())))) return false;
          if (!(await feed.queue.idle(Math.max(1, deadline - Date.now())))) return false;
          if (openQueue.depth === 0 && feed.queue.depth === 0) return true;
        }
        return false;
      },
      counters: observability.counters,
      async stopDynamo() {
        const server = dynamoServer;
        dynamoServer = null;
        await server?.stop();
      },
      async startDynamo() {
        dynamoServer ??= await startDynamoProcess({ directory: dynamoDirectory, host: HOST, port: dynamoPort });
      },
      stop: () => (stopping ??= runAll(cleanup)),
    };
  } catch (error) {
    await runAll(cleanup).catch(() => undefined);
    throw error;
  }
}


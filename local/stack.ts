/**
 * The embedded local stack (SPEC §4): s3rver with the bucket, dynalite with the table (from the
 * same definition as the CDK stack), an in-process queue with SQS semantics delivering every S3
 * event to the same ingest handler as on Lambda, and the read API and web page, all on 127.0.0.1.
 * dynalite and ingest run on threads of their own (local/dynamo-server.ts, local/ingest-thread.ts).
 *
 * Start: data-folder lock -> S3 and DynamoDB servers -> table -> API -> queue (paused) -> reconcile
 * bucket vs table -> queue runs -> examples put in on the very first start. Every article put goes
 * through the change feed (local/change-feed.ts) to the projector, as DynamoDB Streams would.
 * Stop: API closed -> queue finishes its batch -> S3 closed (events of requests still running are
 * queued) -> queue and change feed written to disk -> DynamoDB closed -> lock released.
 */
import { mkdir } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { createDynamoClients, createS3Client } from '../adapters/clients';
import { createDynamoIndexWriter, createDynamoStore } from '../adapters/dynamo-store';
import { createArticleQueries } from '../adapters/queries';
import { lazyNerTaggers } from '../adapters/ner-taggers';
import { createS3ObjectReader } from '../adapters/s3-objects';
import { createS3ObjectLinks } from '../adapters/s3-links';
import { ensureTable } from '../adapters/table-setup';
import { createApiHandler } from '../functions/api';
import { createIngestHandler } from '../functions/ingest';
import { createProjectorHandler } from '../functions/projector';
import type { ArticleStore, MirrorStore } from '../shared/ports';
import { decodeS3Key } from '../shared/s3-event';
import { DEFAULT_MAX_OBJECT_BYTES } from '../functions/commons/config';
import { openChangeFeed } from './change-feed';
import { startLocalDynamoServer } from './dynamo-server';
import { withLocalAdmin } from './admin';
import { startLocalHttpServer } from './http';
import { startIngestThreads } from './ingest-thread';
import { lockDataDir } from './lock';
import { silentLogger, type LocalLogger } from './logger';
import { PortInUseError } from './net';
import { localIngestObservability } from './observability';
import { LocalQueue } from './queue';
import { planReconcile } from './reconcile';
import { SequencerClock, toS3EventRecord, type ObjectChange, type S3Notification, type S3NotificationRecord } from './s3-events';
import { createInProcessMirrorStore, createInProcessObjectReader } from './s3-in-process';
import { startLocalS3Server } from './s3-server';
import { runAll } from './run-all';
import { EXAMPLES_DIR, putExampleArticles } from './seed';
import { createLocalRecordsEngine } from './records-engine';
import { readLocalState, writeLocalState } from './state';

export const LOCAL_HOST = '127.0.0.1';
export const LOCAL_REGION = 'us-east-1';
/** s3rver's built-in account; its access key and secret are both `S3RVER`. */
export const LOCAL_ACCOUNT_ID = '123456789000';
export const LOCAL_CREDENTIALS = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' } as const;

export const LOCAL_DEFAULTS = {
  dataDir: '.dateline',
  s3Port: 4569,
  dynamoPort: 4567,
  apiPort: 3000,
  bucket: 'dateline-articles',
  /** The records mirror (shared/mirror.ts), which search, stats and export read. */
  mirrorBucket: 'dateline-mirror',
  table: 'dateline-articles',
  queueName: 'dateline-ingest',
  seed: true,
  maxBytes: DEFAULT_MAX_OBJECT_BYTES,
  batchSize: 10,
  maxReceives: 5,
  visibilityTimeoutMs: 500,
  maxBackoffMs: 10_000,
  ingestThreads: Math.min(4, Math.max(1, availableParallelism() - 2)),
} as const;

export interface LocalStackOptions {
  /** Where everything persists. @default '.dateline' */
  readonly dataDir?: string;
  /** 0 picks a free port (tests). @default 4569 */
  readonly s3Port?: number;
  /** @default 4567 */
  readonly dynamoPort?: number;
  /** @default 3000 */
  readonly apiPort?: number;
  /** @default 'dateline-articles' */
  readonly bucket?: string;
  /** @default 'dateline-articles' */
  readonly table?: string;
  /** Put the example articles into the bucket on the very first start. @default true */
  readonly seed?: boolean;
  /** Folder of the example articles. @default the repository's examples/ */
  readonly examplesDir?: string;
  /** Largest file ingest reads; bigger ones get a `rejected` record. @default 10 MiB, as on Lambda */
  readonly maxBytes?: number;
  /** @default silent */
  readonly logger?: LocalLogger;
  /** Messages per ingest batch. @default 10 */
  readonly batchSize?: number;
  /** Receives before an event goes to the dead-letter list. @default 5 */
  readonly maxReceives?: number;
  /** First retry delay of a failed event, doubled per receive. @default 500 */
  readonly visibilityTimeoutMs?: number;
  /** @default 10000 */
  readonly maxBackoffMs?: number;
  /**
   * Threads the ingest handler runs on (local/ingest-thread.ts), so that extraction and the servers
   * use every core; 0 runs it on the stack's own thread. @default the cores beside the stack's
   * thread and dynalite's (at least 1, at most 4)
   */
  readonly ingestThreads?: number;
  /** Sees every S3 event the stack queues, as the ingest handler will get it (a verbose CLI, tests). */
  readonly onEvent?: (record: S3NotificationRecord) => void;
}

export interface LocalStack {
  readonly endpoints: { readonly s3: string; readonly dynamodb: string; readonly api: string };
  readonly bucket: string;
  /** The records mirror's bucket (shared/mirror.ts). */
  readonly mirrorBucket: string;
  readonly table: string;
  readonly region: string;
  readonly dataDir: string;
  readonly queue: LocalQueue;
  /** The table's store as ingest writes it (its article puts feed the projector); ingest itself writes from its threads. */
  readonly store: ArticleStore;
  /** The table's changes on their way to the projector (local/change-feed.ts): the stream's stand-in. */
  readonly changes: LocalQueue;
  /** Resolves true once both queues are empty (records written and projected); false after `timeoutMs`. */
  settled(timeoutMs?: number): Promise<boolean>;
  /** Keys of the example articles put in on this start (empty unless it was the first). */
  readonly seeded: readonly string[];
  /** Synthetic events queued by the start-up reconcile. */
  readonly reconciled: { readonly created: number; readonly removed: number };
  /** Milliseconds from the call to ready. */
  readonly startupMs: number;
  /** Ingest outcome totals since the start (`RecordWritten`, `RecordRemoved`, `MessageFailed`, ...). */
  counters(): Record<string, number>;
  stop(): Promise<void>;
}

export async function startLocalStack(options: LocalStackOptions = {}): Promise<LocalStack> {
  const began = performance.now();
  const { logger: _logger, onEvent: _onEvent, ...rest } = options;
  const settings = { ...LOCAL_DEFAULTS, ...withoutUndefined(rest) };
  const logger = options.logger ?? silentLogger;
  const dataDir = path.resolve(settings.dataDir);
  await mkdir(dataDir, { recursive: true });
  const unlock = await lockDataDir(dataDir);

  // Changes seen before the queue is open wait here (none in practice: nothing writes yet).
  let publish: (change: ObjectChange) => void;
  const early: ObjectChange[] = [];
  publish = (change) => early.push(change);

  const cleanup: (() => Promise<void>)[] = [unlock];
  const undo = (): Promise<void> => runAll([...cleanup].reverse()).catch(() => undefined);
  try {
    const state = await readLocalState(dataDir);
    const sequencers = new SequencerClock(state.lastSequencer);
    // Side by side, each closed on failure as soon as it is up, even if the other failed.
    const closing = <T extends { close(): Promise<void> }>(server: T): T => {
      cleanup.push(() => server.close());
      return server;
    };
    const [dynamo, s3Server] = await allOrFirstError([
      named('DynamoDB', settings.dynamoPort, startLocalDynamoServer({ host: LOCAL_HOST, port: settings.dynamoPort, directory: path.join(dataDir, 'dynamodb') })).then(closing),
      named('S3', settings.s3Port, startLocalS3Server({ host: LOCAL_HOST, port: settings.s3Port, directory: path.join(dataDir, 's3'), buckets: [settings.bucket, settings.mirrorBucket], onChange: (change) => publish(change) })).then(closing),
    ] as const);

    const s3 = createS3Client({ endpoint: s3Server.endpoint });
    const { client, doc } = createDynamoClients({ endpoint: dynamo.endpoint });
    cleanup.push(async () => {
      s3.destroy();
      client.destroy();
    });
    await ensureTable(client, settings.table);

    // Before any work, so that a taken API port fails the start before anything is ingested.
    // Search and stats: DuckDB over the mirror bucket's files (local/records-engine.ts), as Athena on AWS.
    const records = createLocalRecordsEngine(path.join(dataDir, 's3', settings.mirrorBucket), { cached: true });
    cleanup.push(async () => records.close());
    const apiHandler = createApiHandler({
      queries: createArticleQueries({ doc, tableName: settings.table }),
      objects: createS3ObjectReader(s3),
      // Presigning is offline: links point at s3rver on 127.0.0.1, as they point at S3 on AWS.
      links: createS3ObjectLinks(s3),
      records,
      logger: { error: (message, details) => logger.error(`api: ${message} ${JSON.stringify(details)}`) },
    });
    // `dateline dlq` reaches the running queue through local-only admin routes (local/admin.ts).
    let adminQueue: LocalQueue | null = null;
    const handler = withLocalAdmin(apiHandler, () => adminQueue);
    const api = await named('the API', settings.apiPort, startLocalHttpServer({ host: LOCAL_HOST, port: settings.apiPort, handler, logger, region: LOCAL_REGION }));
    cleanup.push(() => api.close());

    const observability = localIngestObservability(logger);
    // What DynamoDB Streams would do: every article put reaches the projector, in order per key.
    // The API's cached engine reads each row the projector writes or deletes again before its next query.
    // The mirror's rows and the article text they need go through s3rver's store in this process (local/s3-in-process.ts).
    const rowStore = createInProcessMirrorStore(s3Server.store, settings.mirrorBucket);
    const mirrorStore: MirrorStore = {
      put: (key, body) => rowStore.put(key, body).then(() => records.changed(key)),
      delete: (key) => rowStore.delete(key).then(() => records.changed(key)),
    };
    const mirror = { store: mirrorStore, objects: createInProcessObjectReader(s3Server.store), maxBytes: settings.maxBytes };
    const projector = createProjectorHandler({ index: createDynamoIndexWriter({ doc, tableName: settings.table }), mirror, logger: observability.logger, metrics: observability.metrics });
    const feed = await openChangeFeed({ directory: path.join(dataDir, 'projection'), projector, region: LOCAL_REGION, accountId: LOCAL_ACCOUNT_ID, logger });
    cleanup.push(() => feed.queue.stop());
    const store = createDynamoStore({ doc: feed.wrap(doc), tableName: settings.table });
    const ingest = settings.ingestThreads > 0
      ? startIngestThreads({ count: settings.ingestThreads, endpoints: { s3: s3Server.endpoint, dynamodb: dynamo.endpoint }, tableName: settings.table, maxBytes: settings.maxBytes, publish: feed.publish, logger: observability.logger, metrics: observability.metrics })
      : { consumer: createIngestHandler({ store, objects: createS3ObjectReader(s3), maxBytes: settings.maxBytes, logger: observability.logger, metrics: observability.metrics, ner: lazyNerTaggers() }), close: async () => undefined };
    cleanup.push(() => ingest.close());
    const queue = await LocalQueue.open({
      name: settings.queueName,
      region: LOCAL_REGION,
      accountId: LOCAL_ACCOUNT_ID,
      directory: dataDir,
      consumer: ingest.consumer,
      failureReason: observability.failureReason,
      batchSize: settings.batchSize,
      maxReceives: settings.maxReceives,
      visibilityTimeoutMs: settings.visibilityTimeoutMs,
      maxBackoffMs: settings.maxBackoffMs,
      logger,
      paused: true,
    });
    cleanup.push(() => queue.stop());
    adminQueue = queue;

    const enqueue = (change: ObjectChange): void => {
      // The notification is configured on the articles bucket only, as in the CDK stack: a bucket
      // someone makes by hand on the local endpoint must not write into the table.
      if (change.bucket !== settings.bucket) return;
      // One record per message, as S3 sends them to SQS.
      const record = toS3EventRecord(change, { sequencer: sequencers.next(), region: LOCAL_REGION });
      const notification: S3Notification = { Records: [record] };
      queue.send(JSON.stringify(notification));
      options.onEvent?.(record);
    };
    publish = enqueue;
    early.splice(0).forEach(enqueue);

    const plan = await planReconcile({ s3, doc, store, bucket: settings.bucket, tableName: settings.table, pendingKeys: pendingKeys(queue) });
    plan.changes.forEach(enqueue);
    const reconciled = { created: plan.changes.filter((c) => c.kind !== 'Delete').length, removed: plan.changes.filter((c) => c.kind === 'Delete').length };
    if (plan.changes.length > 0) logger.info(`reconcile: ${reconciled.created} file(s) to (re)ingest, ${reconciled.removed} record(s) whose file is gone`);

    queue.start();
    const seeded = settings.seed && state.seededAt === null && plan.objects.length === 0 ? await putExampleArticles(s3, settings.bucket, settings.examplesDir ?? EXAMPLES_DIR) : [];
    if (state.seededAt === null) state.seededAt = new Date().toISOString();

    await writeLocalState(dataDir, { ...state, lastSequencer: sequencers.last });

    let stopping: Promise<void> | null = null;
    // Every step runs even if one before it failed (say the data folder went away): a stop must
    // not leave servers listening. The first failure is reported at the end.
    const stopNow = () =>
      runAll([
        () => api.close(),
        () => queue.pause(),
        () => s3Server.close(),
        () => queue.stop(),
        () => ingest.close(),
        () => feed.queue.stop(),
        () => writeLocalState(dataDir, { ...state, lastSequencer: sequencers.last }),
        async () => {
          s3.destroy();
          client.destroy();
        },
        () => dynamo.close(),
        async () => records.close(),
        unlock,
      ]);
    return {
      endpoints: { s3: s3Server.endpoint, dynamodb: dynamo.endpoint, api: api.url },
      bucket: settings.bucket,
      mirrorBucket: settings.mirrorBucket,
      table: settings.table,
      region: LOCAL_REGION,
      dataDir,
      queue,
      changes: feed.queue,
      store,
      async settled(timeoutMs = 60_000) {
        const deadline = Date.now() + timeoutMs;
        // The ingest queue first (its writes feed the changes), then the changes, until both are still.
        for (let round = 0; round < 1000; round++) {
          if (!(await queue.idle(Math.max(1, deadline - Date.now())))) return false;
          if (!(await feed.queue.idle(Math.max(1, deadline - Date.now())))) return false;
          if (queue.depth === 0 && feed.queue.depth === 0) return true;
        }
        return false;
      },
      seeded,
      reconciled,
      startupMs: Math.round(performance.now() - began),
      counters: observability.counters,
      stop: () => (stopping ??= stopNow()),
    };
  } catch (error) {
    await undo();
    throw error;
  }
}

/** Object keys of the events waiting in the queue (resumed from the last run). */
function pendingKeys(queue: LocalQueue): Set<string> {
  const keys = new Set<string>();
  for (const body of queue.pendingBodies()) {
    try {
      const notification = JSON.parse(body) as S3Notification;
      for (const record of notification.Records ?? []) keys.add(decodeS3Key(record.s3.object.key).key);
    } catch {
      // Not an S3 notification: the handler will say so; it names no key to leave alone.
    }
  }
  return keys;
}


/** Like `Promise.all`, but waits for every promise to settle before rejecting with the first error. */
async function allOrFirstError<T extends readonly unknown[]>(promises: { [K in keyof T]: Promise<T[K]> }): Promise<T> {
  const settled = await Promise.allSettled(promises);
  const failed = settled.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failed) throw failed.reason;
  return settled.map((r) => (r as PromiseFulfilledResult<unknown>).value) as unknown as T;
}

/** Turns "address in use" into a message that names the service and the port. */
async function named<T>(service: string, port: number, starting: Promise<T>): Promise<T> {
  try {
    return await starting;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') throw new PortInUseError(service, port, { cause: error });
    throw error;
  }
}

function withoutUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

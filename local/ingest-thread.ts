/**
 * The ingest handler on threads of its own (worker_threads), so that the local stack's one process
 * extracts on one core while the other serves S3 and DynamoDB and runs the projector. On Lambda
 * every invocation has its own CPU; in one Node process the extraction, which is synchronous,
 * would hold up every server and the projector behind it.
 *
 * The thread (local/ingest-worker.ts) runs the same `createIngestHandler` with its own SDK clients
 * against the stack's endpoints. What it must share with this thread comes back as messages, in
 * the order it happened: each article put the table applied (for the change feed), each log line
 * and metric (for the stack's logger and counters), then the batch's answer. So by the time the
 * queue settles a batch, its changes are in the feed and its failures have their reasons.
 *
 * One batch at a time, as the queue delivers them, shared out over the threads by key (below). A
 * thread that dies fails its batch (the queue retries it) and is started again for the next one.
 */
import { Worker } from 'node:worker_threads';
import type { Context, SQSBatchResponse, SQSEvent } from 'aws-lambda';
import type { IngestLogger, IngestMetrics } from '../functions/ingest';
import type { PublishChange } from './change-feed';
import { parseMessageBody } from '../shared/s3-event';
import type { BatchConsumer } from './queue';

export interface IngestThreadOptions {
  readonly endpoints: { readonly s3: string; readonly dynamodb: string };
  readonly tableName: string;
  readonly maxBytes: number;
  /** Each article put the thread's ingest made, once the table applied it. */
  readonly publish: PublishChange;
  readonly logger: IngestLogger;
  readonly metrics: IngestMetrics;
}

export interface IngestWorkerData {
  readonly endpoints: IngestThreadOptions['endpoints'];
  readonly tableName: string;
  readonly maxBytes: number;
}

type Item = Record<string, unknown>;

export type FromIngestWorker =
  | { readonly kind: 'change'; readonly key: string; readonly oldImage: Item | undefined; readonly newImage: Item }
  | { readonly kind: 'log'; readonly level: keyof IngestLogger; readonly message: string; readonly attributes: Record<string, unknown> }
  | { readonly kind: 'metric'; readonly name: string; readonly value: number }
  | { readonly kind: 'answer'; readonly id: number; readonly response: SQSBatchResponse }
  | { readonly kind: 'threw'; readonly id: number; readonly error: string };

export interface ToIngestWorker {
  readonly id: number;
  readonly event: SQSEvent;
  /** The invocation's context without its functions (they cannot cross threads). */
  readonly context: Record<string, unknown>;
  /** `Date.now()` at which the invocation times out (the context's remaining time). */
  readonly deadline: number;
}

export interface IngestThreads {
  readonly consumer: BatchConsumer;
  close(): Promise<void>;
}

interface IngestThread {
  invoke(event: SQSEvent, context: Context): Promise<SQSBatchResponse>;
  close(): Promise<void>;
}

const WORKER_FILE = new URL('./ingest-worker.mjs', import.meta.url);

/**
 * `count` ingest threads. A batch is shared out by object key (a hash of it picks the thread), so
 * all events of one key go to one thread, in the batch's order: that thread's puts of the key reach
 * the feed in the order the table applied them, and no two threads ever write the same key. A
 * part that throws fails the whole batch, as a thrown handler would (the queue retries it; the
 * other parts' writes are then refused or repeated harmlessly by their conditions).
 */
export function startIngestThreads(options: IngestThreadOptions & { readonly count: number }): IngestThreads {
  const threads = Array.from({ length: Math.max(1, options.count) }, () => ingestThread(options));
  const consumer = async (event: SQSEvent, context: Context): Promise<SQSBatchResponse> => {
    const parts = threads.map((): SQSEvent['Records'] => []);
    for (const record of event.Records) parts[hash(routingKey(record.body)) % threads.length]?.push(record);
    const answers = await Promise.allSettled(parts.map((records, i) => (records.length === 0 ? { batchItemFailures: [] } : threads[i]!.invoke({ Records: records }, context))));
    const failed = answers.find((answer): answer is PromiseRejectedResult => answer.status === 'rejected');
    if (failed) throw failed.reason;
    return { batchItemFailures: answers.flatMap((answer) => (answer.status === 'fulfilled' ? answer.value.batchItemFailures : [])) };
  };
  return { consumer, close: async () => void (await Promise.all(threads.map((thread) => thread.close()))) };
}

/**
 * The object key a message is about, decoded (shared/s3-event.ts reads it as ingest will): an S3
 * event names it URL-encoded and a reindex request as it is, and both must reach the same
 * thread. A message ingest cannot read goes by its body (ingest answers it alike on any thread).
 */
export function routingKey(body: string): string {
  try {
    const message = parseMessageBody(body);
    if (message.kind === 'reindex') return message.key;
    if (message.kind === 'records') return message.records[0]?.key ?? message.ignored[0]?.key ?? body;
    return body;
  } catch {
    return body;
  }
}

/** FNV-1a: spreads keys evenly; nothing depends on its values beyond one run. */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

function ingestThread(options: IngestThreadOptions): IngestThread {
  let worker: Worker | null = null;
  let nextId = 0;
  const waiting = new Map<number, { resolve: (response: SQSBatchResponse) => void; reject: (error: Error) => void }>();

  const failAll = (error: Error): void => {
    for (const { reject } of waiting.values()) reject(error);
    waiting.clear();
  };

  const onMessage = (message: FromIngestWorker): void => {
    switch (message.kind) {
      case 'change':
        return options.publish(message.key, message.oldImage, message.newImage);
      case 'log':
        return options.logger[message.level](message.message, message.attributes);
      case 'metric':
        options.metrics.addMetric(message.name, 'Count', message.value);
        return;
      case 'answer':
        waiting.get(message.id)?.resolve(message.response);
        waiting.delete(message.id);
        return;
      case 'threw':
        waiting.get(message.id)?.reject(new IngestThreadError(message.error));
        waiting.delete(message.id);
        return;
    }
  };

  const started = (): Worker => {
    if (worker) return worker;
    const workerData: IngestWorkerData = { endpoints: options.endpoints, tableName: options.tableName, maxBytes: options.maxBytes };
    const thread = new Worker(WORKER_FILE, { workerData });
    // The stack's servers keep the process alive while it runs; a forgotten thread must not.
    thread.unref();
    thread.on('message', onMessage);
    thread.on('error', (error) => {
      if (worker === thread) worker = null;
      failAll(new IngestThreadError(`the ingest thread failed: ${error.message}`, { cause: error }));
    });
    thread.on('exit', (code) => {
      if (worker === thread) worker = null;
      failAll(new IngestThreadError(`the ingest thread exited (code ${code})`));
    });
    worker = thread;
    return thread;
  };

  return {
    invoke: (event, context) =>
      new Promise((resolve, reject) => {
        const id = nextId++;
        waiting.set(id, { resolve, reject });
        const fields = Object.fromEntries(Object.entries(context).filter(([, value]) => typeof value !== 'function'));
        const message: ToIngestWorker = { id, event, context: fields, deadline: Date.now() + context.getRemainingTimeInMillis() };
        started().postMessage(message);
      }),
    async close() {
      const thread = worker;
      worker = null;
      failAll(new IngestThreadError('the ingest thread was stopped'));
      await thread?.terminate();
    },
  };
}

export class IngestThreadError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'IngestThreadError';
  }
}

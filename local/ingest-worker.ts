/**
 * The ingest thread's side (see local/ingest-thread.ts): the same ingest handler as on Lambda,
 * with its own SDK clients against the stack's servers; what the stack's thread must know goes
 * back as messages, in order.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { Context } from 'aws-lambda';
import { createDynamoClients, createS3Client } from '../adapters/clients';
import { createDynamoStore } from '../adapters/dynamo-store';
import { lazyNerTaggers } from '../adapters/ner-taggers';
import { createS3ObjectReader } from '../adapters/s3-objects';
import { createIngestHandler, type IngestLogger } from '../functions/ingest';
import { feedArticlePuts } from './change-feed';
import type { FromIngestWorker, IngestWorkerData, ToIngestWorker } from './ingest-thread';

const port = parentPort;
if (!port) throw new Error('local/ingest-worker.ts runs as a worker thread (local/ingest-thread.ts)');
const data = workerData as IngestWorkerData;

/** Log attributes are plain data; anything that is not (a class instance) goes as its JSON. */
function send(message: FromIngestWorker): void {
  try {
    port?.postMessage(message);
  } catch {
    port?.postMessage(JSON.parse(JSON.stringify(message)) as FromIngestWorker);
  }
}

const s3 = createS3Client({ endpoint: data.endpoints.s3 });
const { doc } = createDynamoClients({ endpoint: data.endpoints.dynamodb });
const log = (level: keyof IngestLogger): IngestLogger[typeof level] => (message, attributes) => send({ kind: 'log', level, message, attributes });
const ingest = createIngestHandler({
  store: createDynamoStore({ doc: feedArticlePuts(doc, (key, oldImage, newImage) => send({ kind: 'change', key, oldImage, newImage })), tableName: data.tableName }),
  objects: createS3ObjectReader(s3),
  maxBytes: data.maxBytes,
  logger: { info: log('info'), warn: log('warn'), error: log('error') },
  metrics: { addMetric: (name, _unit, value) => send({ kind: 'metric', name, value }), publishStoredMetrics: () => undefined },
  ner: lazyNerTaggers(),
});

port.on('message', async ({ id, event, context, deadline }: ToIngestWorker) => {
  try {
    send({ kind: 'answer', id, response: await ingest(event, contextUntil(context, deadline)) });
  } catch (error) {
    send({ kind: 'threw', id, error: error instanceof Error ? error.message : String(error) });
  }
});

function contextUntil(fields: Record<string, unknown>, deadline: number): Context {
  return {
    ...(fields as Omit<Context, 'getRemainingTimeInMillis' | 'done' | 'fail' | 'succeed'>),
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}

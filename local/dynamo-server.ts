/**
 * The local DynamoDB endpoint: dynalite on a LevelDB folder, so the table and its items survive a
 * restart. Tables become ACTIVE at once (`createTableMs: 0`): the stack creates its table on the
 * first start and must not wait half a second for nothing.
 *
 * dynalite runs on a thread of its own (local/dynamo-worker.mjs): a DynamoDB is another machine,
 * and in the stack's one process its request parsing, validation and LevelDB calls would
 * otherwise take turns with s3rver, the queue and the projector on one event loop, with the
 * second core idle. It is the same HTTP server on the same loopback port, so nothing else changes.
 */
import { mkdir } from 'node:fs/promises';
import { Worker } from 'node:worker_threads';

export interface LocalDynamoServerOptions {
  readonly host: string;
  /** 0 picks a free port. */
  readonly port: number;
  /** The LevelDB folder. */
  readonly directory: string;
}

export interface LocalDynamoServer {
  readonly endpoint: string;
  readonly port: number;
  close(): Promise<void>;
}

type FromDynamoWorker = { kind: 'listening'; port: number } | { kind: 'failed'; code: string | null; message: string } | { kind: 'closed'; message: string | null };

const WORKER_FILE = new URL('./dynamo-worker.mjs', import.meta.url);

export async function startLocalDynamoServer(options: LocalDynamoServerOptions): Promise<LocalDynamoServer> {
  await mkdir(options.directory, { recursive: true });
  const worker = new Worker(WORKER_FILE, { workerData: { host: options.host, port: options.port, directory: options.directory } });
  const next = (): Promise<FromDynamoWorker> =>
    new Promise((resolve, reject) => {
      const onExit = (code: number) => reject(new DynamoServerError(`the DynamoDB thread exited (code ${code})`));
      worker.once('error', reject);
      worker.once('exit', onExit);
      worker.once('message', (message: FromDynamoWorker) => {
        worker.off('error', reject);
        worker.off('exit', onExit);
        resolve(message);
      });
    });
  const started = await next().catch(async (error: unknown) => {
    await worker.terminate();
    throw error;
  });
  if (started.kind !== 'listening') {
    await worker.terminate();
    // Keeps the socket's code (EADDRINUSE), which the stack turns into a message naming the port.
    throw Object.assign(new DynamoServerError(started.message ?? 'the DynamoDB thread did not start'), { code: started.kind === 'failed' ? started.code : null });
  }
  let closing: Promise<void> | null = null;
  const closeNow = async (): Promise<void> => {
    const closed = next();
    worker.postMessage('close');
    const answer = await closed.catch((error: unknown) => ({ kind: 'closed' as const, message: String(error) }));
    await worker.terminate();
    if (answer.kind === 'closed' && answer.message) throw new DynamoServerError(answer.message);
  };
  return { endpoint: `http://${options.host}:${started.port}`, port: started.port, close: () => (closing ??= closeNow()) };
}

export class DynamoServerError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'DynamoServerError';
  }
}

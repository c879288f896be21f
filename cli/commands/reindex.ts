/**
 * `dateline reindex [--stale] [--prefix P] [--force]`: sends the bucket's objects back through the
 * ingest queue, one reindex message each (shared/s3-event.ts), so an improved extractor reaches
 * the whole archive. Ingest re-extracts a record whose `extractor.version` is not its own (every
 * record with `--force`), conditional on the stored sequencer: a newer S3 event always wins.
 *
 * `--stale` first reads each key's record (BatchGetItem, 100 keys a request, only the version) and
 * sends only those of another extractor version, or without a record. Locally the messages go
 * through the running stack's admin route (local/admin.ts); on AWS with SQS SendMessageBatch to the
 * stack output `QueueUrl` (the caller needs `sqs:SendMessage` on it).
 */
import { ListObjectsV2Command } from '@aws-sdk/client-s3';
import { batchGet, UnprocessedItemsError } from '../../adapters/batch';
import { EXTRACTOR_VERSION } from '../../shared/extract';
import { articleKey } from '../../shared/items';
import { reindexMessageBody } from '../../shared/s3-event';
import { LOCAL_DEFAULTS, stackOutputs, withTarget, type GlobalOptions, type Target } from '../context';
import { CliError, messageOf } from '../errors';
import { startProgress, type Progress } from '../progress';

export interface ReindexOptions extends GlobalOptions {
  readonly prefix: string;
  readonly stale: boolean;
  readonly force: boolean;
}

/** Entries per SendMessageBatch (SQS's limit). */
const SEND_BATCH_MAX = 10;
/** Keys per request to the local admin route. */
const LOCAL_BATCH_MAX = 500;
/** Rounds of SendMessageBatch for the entries SQS refuses (throttling) before giving up. */
const SEND_ATTEMPTS = 5;

export async function runReindex(options: ReindexOptions): Promise<number> {
  const result = await withTarget(options, async (target) => {
    const keys = await listKeys(target, options.prefix);
    const toSend = options.stale ? await staleKeys(target, keys) : keys;
    const send = target.kind === 'aws' ? await awsSender(options) : localSender(options);
    const progress = await startProgress('reindexing', toSend.length);
    try {
      for (let i = 0; i < toSend.length; i += send.batchSize) await send.batch(target.bucket, toSend.slice(i, i + send.batchSize), options.force, progress);
    } finally {
      progress.stop();
      send.close();
    }
    return { listed: keys.length, sent: toSend.length, skipped: keys.length - toSend.length };
  });
  process.stdout.write(
    options.json
      ? `${JSON.stringify({ ...result, extractorVersion: EXTRACTOR_VERSION })}\n`
      : `Sent ${result.sent} of ${result.listed} object${result.listed === 1 ? '' : 's'} to be re-extracted (extractor ${EXTRACTOR_VERSION}); skipped ${result.skipped}${options.stale ? ' already up to date' : ''}.\n`,
  );
  return 0;
}

async function listKeys(target: Target, prefix: string): Promise<string[]> {
  const keys: string[] = [];
  let token: string | undefined;
  do {
    const page = await target.s3.send(new ListObjectsV2Command({ Bucket: target.bucket, ...(prefix ? { Prefix: prefix } : {}), ...(token ? { ContinuationToken: token } : {}) }));
    for (const object of page.Contents ?? []) if (object.Key) keys.push(object.Key);
    token = page.IsTruncated ? page.NextContinuationToken : undefined;
  } while (token);
  return keys;
}

/** The keys whose record is missing or from another extractor version. */
async function staleKeys(target: Target, keys: readonly string[]): Promise<string[]> {
  let items: Record<string, unknown>[];
  try {
    items = await batchGet(target.doc, target.table, keys.map((key) => ({ ...articleKey(key) })), { projection: '#pk, #extractor', names: { '#pk': 'pk', '#extractor': 'extractor' } });
  } catch (error) {
    if (error instanceof UnprocessedItemsError) throw new CliError(`DynamoDB left ${error.count} keys unread after retries; try again`);
    throw error;
  }
  // The article item's pk is `A#<key>` (shared/items.ts); a tombstone has no extractor.
  const versions = new Map(items.map((item) => [String(item.pk).slice(2), (item.extractor as { version?: unknown } | undefined)?.version]));
  return keys.filter((key) => versions.get(key) !== EXTRACTOR_VERSION);
}

interface Sender {
  readonly batchSize: number;
  batch(bucket: string, keys: readonly string[], force: boolean, progress: Progress): Promise<void>;
  close(): void;
}

/** Locally: the running stack's queue, through its admin route (its data folder is locked while it runs). */
function localSender(options: ReindexOptions): Sender {
  return {
    batchSize: LOCAL_BATCH_MAX,
    async batch(bucket, keys, force, progress) {
      const { ADMIN_HEADER, REINDEX_PATH } = await import('../../local/admin');
      const url = `http://${LOCAL_DEFAULTS.host}:${options.apiPort ?? LOCAL_DEFAULTS.apiPort}${REINDEX_PATH}`;
      let response: Response;
      try {
        response = await fetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', [ADMIN_HEADER]: '1' },
          body: JSON.stringify({ bucket, keys, ...(force ? { force: true } : {}) }),
          signal: AbortSignal.timeout(30_000),
        });
      } catch (error) {
        throw new CliError(`the local stack's API does not answer at ${url} (${messageOf(error)}): is it running? pass its --api-port`, { cause: error });
      }
      const body = (await response.json().catch(() => ({}))) as { sent?: number; message?: string };
      if (!response.ok || body.sent !== keys.length) throw new CliError(`the running local stack refused the reindex: ${body.message ?? `HTTP ${response.status}`}`);
      for (let i = 0; i < keys.length; i++) progress.tick();
    },
    close() {},
  };
}

/** On AWS: SendMessageBatch to the stack's ingest queue. */
async function awsSender(options: ReindexOptions): Promise<Sender> {
  const [{ SQSClient, SendMessageBatchCommand }, { OUTPUT }] = await Promise.all([import('@aws-sdk/client-sqs'), import('../../infra/outputs')]);
  const url = (await stackOutputs(options.stack, options.region)).get(OUTPUT.queueUrl);
  if (!url) throw new CliError(`stack ${options.stack} has no ${OUTPUT.queueUrl} output: is it a Dateline stack?`);
  const sqs = new SQSClient(options.region ? { region: options.region } : {});
  return {
    batchSize: SEND_BATCH_MAX,
    async batch(bucket, keys, force, progress) {
      const entries = keys.map((key, i) => ({ Id: String(i), MessageBody: reindexMessageBody(bucket, key, force) }));
      let pending = entries;
      for (let attempt = 0; pending.length > 0; attempt++) {
        if (attempt === SEND_ATTEMPTS) throw new CliError(`SQS refused ${pending.length} reindex messages after ${SEND_ATTEMPTS} attempts`);
        const { Failed = [] } = await sqs.send(new SendMessageBatchCommand({ QueueUrl: url, Entries: pending })).catch((error: unknown) => {
          if ((error as { name?: string }).name === 'AccessDenied' || (error as { name?: string }).name === 'AccessDeniedException') {
            throw new CliError(`no permission to send to ${url} (reindex needs sqs:SendMessage on the ingest queue)`, { cause: error });
          }
          throw error;
        });
        const failed = new Set(Failed.map((f) => f.Id));
        for (let i = 0; i < pending.length - failed.size; i++) progress.tick();
        pending = pending.filter((entry) => failed.has(entry.Id));
      }
    },
    close: () => sqs.destroy(),
  };
}

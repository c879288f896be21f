/**
 * What dynalite lacks and DynamoDB has: a stream of the table's changes. On AWS the projector
 * (functions/projector.ts) reads the table's stream (NEW_AND_OLD_IMAGES); locally this feed stands
 * in for it, and the projector runs unchanged:
 *
 * - `feed.doc` wraps the writer's DocumentClient: a PutItem of an article item is sent with
 *   `ReturnValues: 'ALL_OLD'` (which dynalite supports), and once it succeeded its old and new
 *   images go to the feed as a stream record. The writer's code asks for nothing: the caller gets
 *   the answer without the old image, as it would from DynamoDB. Puts of one key go one at a time
 *   through the wrapper, so the feed sees them in the order the table applied them.
 * - the records wait in a LocalQueue grouped by key (one key's changes in order, one at a time, as
 *   a stream shard delivers them), with retries and a dead-letter list of their own
 *   (`<dataDir>/projection/`), and are handed to the projector as a DynamoDBStreamEvent.
 */
import { randomUUID } from 'node:crypto';
import { PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import type { DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import type { ProjectorHandler } from '../functions/projector';
import { ARTICLE_SORT_KEY } from '../shared/items';
import { PREFIX, TABLE } from '../shared/table';
import type { LocalLogger } from './logger';
import { LocalQueue } from './queue';

export interface ChangeFeedOptions {
  /** Folder of the feed's pending changes and dead letters. */
  readonly directory: string;
  readonly projector: ProjectorHandler;
  readonly region: string;
  readonly accountId: string;
  readonly logger: LocalLogger;
  /** @default 25 */
  readonly batchSize?: number;
  /** @default 5 */
  readonly maxReceives?: number;
  /** @default 200 */
  readonly visibilityTimeoutMs?: number;
  /** @default 5000 */
  readonly maxBackoffMs?: number;
  readonly paused?: boolean;
}

export interface ChangeFeed {
  readonly queue: LocalQueue;
  /** A DocumentClient like `doc` whose article puts feed the projector. */
  wrap(doc: DynamoDBDocumentClient): DynamoDBDocumentClient;
  /** A change of an article item the table applied: its old image (none for a new key) and its new one. */
  publish(key: string, oldImage: Item | undefined, newImage: Item): void;
}

type Item = Record<string, unknown>;

/** Where a wrapped client reports each article put the table applied (the feed, or a message to the thread that holds it). */
export type PublishChange = (key: string, oldImage: Item | undefined, newImage: Item) => void;

const isArticleItem = (item: Item | undefined): boolean =>
  !!item && item[TABLE.sortKey.name] === ARTICLE_SORT_KEY && String(item[TABLE.partitionKey.name]).startsWith(PREFIX.article);

const toImage = (item: Item) => marshall(item, { removeUndefinedValues: true, convertClassInstanceToMap: true }) as NonNullable<DynamoDBRecord['dynamodb']>['NewImage'];

export async function openChangeFeed(options: ChangeFeedOptions): Promise<ChangeFeed> {
  let sequence = 0;
  const queue = await LocalQueue.open({
    name: 'dateline-changes',
    region: options.region,
    accountId: options.accountId,
    directory: options.directory,
    batchSize: options.batchSize ?? 25,
    maxReceives: options.maxReceives ?? 5,
    visibilityTimeoutMs: options.visibilityTimeoutMs ?? 200,
    maxBackoffMs: options.maxBackoffMs ?? 5000,
    logger: options.logger,
    paused: options.paused ?? false,
    groupOf: (body) => (JSON.parse(body) as { key: string }).key,
    consumer: async (event) => {
      const bySequence = new Map<string, string>();
      const records = event.Records.map((message) => {
        const { record } = JSON.parse(message.body) as { record: DynamoDBRecord };
        bySequence.set(record.dynamodb?.SequenceNumber ?? '', message.messageId);
        return record;
      });
      const streamEvent: DynamoDBStreamEvent = { Records: records };
      const response = await options.projector(streamEvent);
      return { batchItemFailures: response.batchItemFailures.map((f) => ({ itemIdentifier: bySequence.get(f.itemIdentifier) ?? f.itemIdentifier })) };
    },
  });

  function publish(key: string, oldImage: Item | undefined, newImage: Item): void {
    sequence += 1;
    const keys = { [TABLE.partitionKey.name]: newImage[TABLE.partitionKey.name], [TABLE.sortKey.name]: newImage[TABLE.sortKey.name] };
    const record: DynamoDBRecord = {
      eventID: randomUUID(),
      eventName: oldImage ? 'MODIFY' : 'INSERT',
      eventSource: 'aws:dynamodb',
      awsRegion: options.region,
      dynamodb: {
        Keys: toImage(keys),
        ...(oldImage ? { OldImage: toImage(oldImage) } : {}),
        NewImage: toImage(newImage),
        // Sortable within this process; a stream's sequence numbers are opaque strings too.
        SequenceNumber: `${Date.now()}${String(sequence).padStart(12, '0')}`,
        StreamViewType: 'NEW_AND_OLD_IMAGES',
      },
    };
    queue.send(JSON.stringify({ key, record }));
  }

  return { queue, wrap: (doc) => feedArticlePuts(doc, publish), publish };
}

/**
 * `doc` with its article puts reported to `publish` once the table applied them: sent with
 * `ReturnValues: 'ALL_OLD'`, one put of a key at a time, so the order `publish` sees is the order
 * the table applied (for the puts made through this client; a key's writers share one).
 */
export function feedArticlePuts(doc: DynamoDBDocumentClient, publish: PublishChange): DynamoDBDocumentClient {
  const tails = new Map<string, Promise<unknown>>();
  function oneAtATime<T>(key: string, work: () => Promise<T>): Promise<T> {
    const run = (tails.get(key) ?? Promise.resolve()).catch(() => undefined).then(work);
    tails.set(key, run);
    void run.finally(() => {
      if (tails.get(key) === run) tails.delete(key);
    }).catch(() => undefined);
    return run;
  }

  const send = (command: unknown, ...rest: unknown[]): Promise<unknown> => {
    if (!(command instanceof PutCommand) || !isArticleItem(command.input.Item)) return (doc.send as (...args: unknown[]) => Promise<unknown>)(command, ...rest);
    const item = command.input.Item as Item;
    const key = String(item[TABLE.partitionKey.name]).slice(PREFIX.article.length);
    return oneAtATime(key, async () => {
      const output = await doc.send(new PutCommand({ ...command.input, ReturnValues: 'ALL_OLD' }));
      publish(key, output.Attributes, item);
      const { Attributes: _old, ...rest } = output;
      return rest;
    });
  };
  return new Proxy(doc, { get: (target, property, receiver) => (property === 'send' ? send : Reflect.get(target, property, receiver)) });
}

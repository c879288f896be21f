/**
 * BatchGetItem and BatchWriteItem in chunks (100 keys, 25 writes), each chunk sent again with
 * backoff for what DynamoDB leaves unprocessed (throttling), a bounded number of times; past that
 * an `UnprocessedItemsError`, so the caller fails (a message is retried) rather than reading a
 * missing answer as "no item". One loop for the store, the queries and the CLI.
 */
import { BatchGetCommand, BatchWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

type Item = Record<string, unknown>;
export type WriteRequest = { PutRequest: { Item: Item } } | { DeleteRequest: { Key: Item } };

const BATCH_WRITE_MAX = 25;
const BATCH_GET_MAX = 100;
const BATCH_ATTEMPTS = 5;

/** Items a batch left unprocessed after every retry: the message fails and SQS retries it. */
export class UnprocessedItemsError extends Error {
  constructor(readonly count: number) {
    super(`${count} items were still unprocessed after retries`);
    this.name = 'UnprocessedItemsError';
  }
}

export const chunks = <T>(list: readonly T[], size: number): T[][] => Array.from({ length: Math.ceil(list.length / size) }, (_, i) => list.slice(i * size, (i + 1) * size));

const backoff = (attempt: number) => new Promise((resolve) => setTimeout(resolve, 25 * 2 ** attempt));

export async function batchWrite(doc: DynamoDBDocumentClient, tableName: string, requests: readonly WriteRequest[]): Promise<void> {
  for (const chunk of chunks(requests, BATCH_WRITE_MAX)) {
    let pending: WriteRequest[] = chunk;
    for (let attempt = 0; pending.length > 0; attempt++) {
      if (attempt === BATCH_ATTEMPTS) throw new UnprocessedItemsError(pending.length);
      if (attempt > 0) await backoff(attempt);
      const { UnprocessedItems } = await doc.send(new BatchWriteCommand({ RequestItems: { [tableName]: pending } }));
      pending = (UnprocessedItems?.[tableName] ?? []) as WriteRequest[];
    }
  }
}

export interface BatchGetOptions {
  readonly projection: string;
  readonly names: Record<string, string>;
  /** Strongly consistent reads. @default false */
  readonly consistent?: boolean;
}

/** The items of `keys` that exist (in no particular order), with the attributes `projection` names. */
export async function batchGet(doc: DynamoDBDocumentClient, tableName: string, keys: readonly Item[], options: BatchGetOptions): Promise<Item[]> {
  const found: Item[] = [];
  for (const chunk of chunks(keys, BATCH_GET_MAX)) {
    let pending: Item[] = chunk;
    for (let attempt = 0; pending.length > 0; attempt++) {
      if (attempt === BATCH_ATTEMPTS) throw new UnprocessedItemsError(pending.length);
      if (attempt > 0) await backoff(attempt);
      const { Responses, UnprocessedKeys } = await doc.send(
        new BatchGetCommand({
          RequestItems: { [tableName]: { Keys: pending, ProjectionExpression: options.projection, ExpressionAttributeNames: options.names, ...(options.consistent ? { ConsistentRead: true } : {}) } },
        }),
      );
      found.push(...((Responses?.[tableName] ?? []) as Item[]));
      pending = (UnprocessedKeys?.[tableName]?.Keys ?? []) as Item[];
    }
  }
  return found;
}

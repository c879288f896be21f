/**
 * `ArticleStore` over DynamoDB (or dynalite): every write is one PutItem of the article item (or
 * its tombstone), conditional on the S3 sequencer, so a duplicate or out-of-order event cannot undo
 * a newer one:
 *   write if   no item yet
 *          or the stored item has no sequencer (it cannot claim to be newer)
 *          or the stored sequencer < this one
 * A re-extraction (`replace`) writes only over the very version it was made from. Nothing else is
 * written here: the index items are a projection of the article items (functions/projector.ts).
 *
 * `createDynamoIndexWriter` is the projector's side: puts and deletes in BatchWriteItem calls.
 */
import { GetCommand, PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { articleKey, itemToRecord, recordToItem, tombstoneItem } from '../shared/items';
import type { ArticleStore, IndexWriter, WriteOutcome } from '../shared/ports';
import { normalizeSequencer } from '../shared/s3-event';
import { TABLE } from '../shared/table';
import { batchWrite } from './batch';
import { isConditionFailure } from './conditions';

export interface DynamoStoreOptions {
  readonly doc: DynamoDBDocumentClient;
  readonly tableName: string;
}

type Condition = { ConditionExpression: string; ExpressionAttributeNames: Record<string, string>; ExpressionAttributeValues?: Record<string, unknown> };

const NAMES = { '#pk': TABLE.partitionKey.name, '#seq': 'sequencer' };

/** No item, an item without a sequencer, or an older one (a null sequencer is newer than nothing only). */
function olderThan(sequencer: string | null): Condition {
  const none = 'attribute_not_exists(#pk) OR attribute_not_exists(#seq)';
  if (sequencer === null) return { ConditionExpression: none, ExpressionAttributeNames: NAMES };
  return { ConditionExpression: `${none} OR #seq < :seq`, ExpressionAttributeNames: NAMES, ExpressionAttributeValues: { ':seq': sequencer } };
}

/** The stored item is the live version `sequencer` (the table keeps sequencers normalized). */
function isVersion(sequencer: string | null): Condition {
  const live = 'attribute_exists(#pk) AND attribute_not_exists(deleted)';
  if (sequencer === null) return { ConditionExpression: `${live} AND attribute_not_exists(#seq)`, ExpressionAttributeNames: NAMES };
  return { ConditionExpression: `${live} AND #seq = :seq`, ExpressionAttributeNames: NAMES, ExpressionAttributeValues: { ':seq': sequencer } };
}

/** `olderThan` read the other way: the stored item has a sequencer, and one at least `sequencer`. */
export function holdsSequencer(stored: Record<string, unknown> | undefined, sequencer: string | null): boolean {
  if (stored?.sequencer === undefined) return false;
  return sequencer === null || String(stored.sequencer) >= sequencer;
}

export function createDynamoStore({ doc, tableName }: DynamoStoreOptions): ArticleStore {
  async function putIf(item: object, condition: Condition): Promise<WriteOutcome> {
    try {
      await doc.send(new PutCommand({ TableName: tableName, Item: { ...item }, ...condition }));
      return 'written';
    } catch (error) {
      if (isConditionFailure(error)) return 'stale';
      throw error;
    }
  }

  return {
    put: (record) => putIf(recordToItem(record), olderThan(normalizeSequencer(record.source.sequencer))),
    replace: (record, expectedSequencer) => putIf(recordToItem(record), isVersion(normalizeSequencer(expectedSequencer))),
    remove(ref) {
      const tombstone = tombstoneItem(ref);
      return putIf(tombstone, olderThan(tombstone.sequencer ?? null));
    },
    async holdsNewer(key, sequencer) {
      const { Item: stored } = await doc.send(
        new GetCommand({ TableName: tableName, Key: articleKey(key), ProjectionExpression: '#seq', ExpressionAttributeNames: { '#seq': NAMES['#seq'] } }),
      );
      return holdsSequencer(stored, normalizeSequencer(sequencer));
    },
    async get(key) {
      // Strongly consistent: a reader right after ingest sees what was written.
      const { Item: stored } = await doc.send(new GetCommand({ TableName: tableName, Key: articleKey(key), ConsistentRead: true }));
      return stored ? itemToRecord(stored) : null;
    },
  };
}

/** The projector's writes: one BatchWriteItem per 25 puts or deletes (both are idempotent). */
export function createDynamoIndexWriter({ doc, tableName }: DynamoStoreOptions): IndexWriter {
  return {
    apply: ({ puts, deletes }) =>
      batchWrite(doc, tableName, [...deletes.map((key) => ({ DeleteRequest: { Key: { ...key } } })), ...puts.map((item) => ({ PutRequest: { Item: { ...item } } }))]),
  };
}

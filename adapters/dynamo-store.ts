/**
 * `ArticleStore` over DynamoDB (or dynalite). Every write is conditional on the S3 sequencer, so a
 * duplicate or out-of-order event cannot undo a newer one:
 *   write if   no item yet
 *          or the stored item has no sequencer (it cannot claim to be newer)
 *          or the stored sequencer < this one
 * A delete writes a tombstone under the same condition, so an older create arriving after the
 * delete cannot bring the record back; the tombstone expires by TTL after 7 days. A write without
 * a sequencer (only hand-made events lack one) replaces only items that have none either.
 */
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { articleKey, itemToRecord, recordToItem, tombstoneItem } from '../shared/items';
import type { ArticleStore, WriteOutcome } from '../shared/ports';
import { TABLE } from '../shared/table';

export interface DynamoStoreOptions {
  readonly doc: DynamoDBDocumentClient;
  readonly tableName: string;
}

export function createDynamoStore({ doc, tableName }: DynamoStoreOptions): ArticleStore {
  async function putIfNewer(item: Record<string, unknown> & { sequencer?: string }): Promise<WriteOutcome> {
    const names = { '#pk': TABLE.partitionKey.name, '#seq': 'sequencer' };
    const condition =
      item.sequencer === undefined
        ? { ConditionExpression: 'attribute_not_exists(#pk) OR attribute_not_exists(#seq)', ExpressionAttributeNames: names }
        : {
            ConditionExpression: 'attribute_not_exists(#pk) OR attribute_not_exists(#seq) OR #seq < :seq',
            ExpressionAttributeNames: names,
            ExpressionAttributeValues: { ':seq': item.sequencer },
          };
    try {
      await doc.send(new PutCommand({ TableName: tableName, Item: item, ...condition }));
      return 'written';
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException || (error as Error | undefined)?.name === 'ConditionalCheckFailedException') {
        return 'stale';
      }
      throw error;
    }
  }

  return {
    put: (record) => putIfNewer({ ...recordToItem(record) }),
    remove: (ref) => putIfNewer({ ...tombstoneItem(ref) }),
    async get(key) {
      // Strongly consistent: a reader right after ingest sees what was written.
      const { Item } = await doc.send(new GetCommand({ TableName: tableName, Key: articleKey(key), ConsistentRead: true }));
      return Item ? itemToRecord(Item) : null;
    },
  };
}

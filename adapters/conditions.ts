/**
 * Conditional writes the store shares: telling a refused condition from a failure, and deleting
 * index items only while they belong to a given version of their article.
 */
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

export const isConditionFailure = (error: unknown): boolean =>
  error instanceof ConditionalCheckFailedException || (error as Error | undefined)?.name === 'ConditionalCheckFailedException';

/**
 * Deletes each item (by its key) unless it holds a newer sequencer than `sequencer`: items written
 * by that version, an older one, or none (no sequencer, or NULL) go; a newer version of the
 * article may have written the same item since, and a blind delete would take it from it.
 */
export function deleteIfNotNewer(doc: DynamoDBDocumentClient, tableName: string, keys: readonly Record<string, string>[], sequencer: string | null): Promise<unknown> {
  return Promise.all(
    keys.map(async (key) => {
      try {
        await doc.send(
          new DeleteCommand({
            TableName: tableName,
            Key: key,
            ConditionExpression: `attribute_not_exists(#seq) OR attribute_type(#seq, :null)${sequencer === null ? '' : ' OR #seq <= :seq'}`,
            ExpressionAttributeNames: { '#seq': 'sequencer' },
            ExpressionAttributeValues: { ':null': 'NULL', ...(sequencer === null ? {} : { ':seq': sequencer }) },
          }),
        );
      } catch (error) {
        if (!isConditionFailure(error)) throw error;
      }
    }),
  );
}

/**
 * The read indexes written beside every article item: entity index items (shared/entity-items.ts)
 * and the month markers of every month partition the article is in (shared/month-markers.ts).
 * The store calls these around its conditional put (adapters/dynamo-store.ts):
 *   1. `write`  before the put: the record's entity items (each carrying the record's sequencer)
 *               and markers, idempotent puts in batches, so a retry after a crash finds them written;
 *   2. `drop`   once a put replaced a record (or a remove did): the old record's entity items the
 *               new one has not, each deleted only while it still holds the old version's sequencer
 *               (or an older one): a newer version writing the same item meanwhile keeps it;
 * (A put refused as stale takes back what step 1 wrote: the store's `undoIndex`.)
 * Markers are never removed (shared/month-markers.ts); this writer skips markers it has written
 * before, so a busy month's marker is put once per container, not once per article.
 */
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { entityIndexItems } from '../shared/entity-items';
import type { ArticleItem } from '../shared/items';
import type { WriteRequest } from './batch';
import { MONTH_MARKER_PREFIX, monthMarkersOf } from '../shared/month-markers';
import type { ArticleRecord } from '../shared/record';
import { TABLE } from '../shared/table';

type Item = Record<string, unknown>;

const PK = TABLE.partitionKey.name;
const SK = TABLE.sortKey.name;
/** Markers remembered as written; past this many the memory starts over (a few puts again). */
const MAX_REMEMBERED_MARKERS = 50_000;

const isConditionFailure = (error: unknown): boolean =>
  error instanceof ConditionalCheckFailedException || (error as Error | undefined)?.name === 'ConditionalCheckFailedException';

export interface EntityIndexOptions {
  readonly doc: DynamoDBDocumentClient;
  readonly tableName: string;
  /** The store's BatchWriteItem with retries of unprocessed items. */
  readonly batchWrite: (requests: readonly WriteRequest[]) => Promise<void>;
}

/** What an article item says of its entity index items. */
export interface EntityItemsWritten {
  readonly partitions: readonly string[];
  readonly sortKey: string | null;
}

export function entityItemsOf(stored: object | null | undefined): EntityItemsWritten {
  const item = stored as Item | null | undefined;
  if (!item || item.deleted === true) return { partitions: [], sortKey: null };
  const partitions = Array.isArray(item.entityKeys) ? item.entityKeys.filter((pk): pk is string => typeof pk === 'string') : [];
  return { partitions, sortKey: typeof item.dateSk === 'string' ? item.dateSk : null };
}

/** The partitions `before` has that `after` has not (same sort key), or all of them. */
export function entityPartitionsGone(before: EntityItemsWritten, after: EntityItemsWritten): string[] {
  const kept = new Set(after.sortKey === before.sortKey ? after.partitions : []);
  return before.partitions.filter((pk) => !kept.has(pk));
}

/** An article item with the partitions of its entity index items, and what to write beside it. */
export interface IndexedArticle {
  readonly item: ArticleItem & { readonly entityKeys?: string[] };
  readonly writes: readonly Item[];
}

export function createEntityIndex({ doc, tableName, batchWrite }: EntityIndexOptions) {
  const markersWritten = new Set<string>();
  const markerId = (m: { pk: string; sk: string }) => `${m.pk}\u0000${m.sk}`;

  /** Deletes entity items of one sort key, each only while it holds `sequencer` or an older one. */
  const drop = (partitions: readonly string[], sortKey: string | null, sequencer: string | null): Promise<unknown> =>
    sortKey === null
      ? Promise.resolve()
      : Promise.all(
          partitions.map(async (pk) => {
            try {
              await doc.send(
                new DeleteCommand({
                  TableName: tableName,
                  Key: { [PK]: pk, [SK]: sortKey },
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

  function prepare(record: ArticleRecord, item: ArticleItem): IndexedArticle {
    const entities = entityIndexItems(record).map((entry): Item => ({ ...entry, ...(item.sequencer === undefined ? {} : { sequencer: item.sequencer }) }));
    const markers = monthMarkersOf([item.agencyPk, item.languagePk, item.datePk, ...entities.map((e) => String(e[PK]))]);
    const entityKeys = entities.map((e) => String(e[PK]));
    // DynamoDB has no empty list worth storing: `entityKeys` is left out when there is none.
    return { item: entityKeys.length > 0 ? { ...item, entityKeys } : item, writes: [...entities, ...markers.map((m): Item => ({ ...m }))] };
  }

  return {
    /** The record's article item with `entityKeys`, and its entity items and markers to write. */
    prepare,

    /** Before the conditional put: index items (entity and near-duplicate), and the markers not written before. */
    async write(writes: readonly Item[]): Promise<void> {
      const fresh = writes.filter((w) => !(String(w[PK]).startsWith(MONTH_MARKER_PREFIX) && markersWritten.has(markerId(w as { pk: string; sk: string }))));
      await batchWrite(fresh.map((entry) => ({ PutRequest: { Item: { ...entry } } })));
      if (markersWritten.size > MAX_REMEMBERED_MARKERS) markersWritten.clear();
      for (const w of fresh) if (String(w[PK]).startsWith(MONTH_MARKER_PREFIX)) markersWritten.add(markerId(w as { pk: string; sk: string }));
    },

    drop,
  };
}

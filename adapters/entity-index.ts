/**
 * The read indexes written beside every article item: entity index items (shared/entity-items.ts)
 * and the month markers of every month partition the article is in (shared/month-markers.ts).
 * The store calls these around its conditional put (adapters/dynamo-store.ts):
 *   1. `write`  before the put: the record's entity items (each carrying the record's sequencer)
 *               and markers, idempotent puts in batches, so a retry after a crash finds them written;
 *   2. `drop`   once a put replaced a record (or a remove did): the old record's entity items the
 *               new one has not, each deleted only while it still holds the old version's sequencer
 *               (or an older one): a newer version writing the same item meanwhile keeps it;
 *   3. `undo`   after a put refused as stale: what step 1 wrote that the stored version has not,
 *               and the stored version's own items that step 1 overwrote, put back.
 * Markers are never removed (shared/month-markers.ts); this writer skips markers it has written
 * before, so a busy month's marker is put once per container, not once per article.
 */
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, GetCommand, PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { entityIndexItems } from '../shared/entity-items';
import { articleKey, itemToRecord, type ArticleItem } from '../shared/items';
import { MONTH_MARKER_PREFIX, monthMarkersOf } from '../shared/month-markers';
import type { ArticleRecord } from '../shared/record';
import { TABLE } from '../shared/table';

type Item = Record<string, unknown>;
type WriteRequest = { PutRequest: { Item: Item } } | { DeleteRequest: { Key: Item } };

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
                  ConditionExpression: `attribute_not_exists(#seq)${sequencer === null ? '' : ' OR #seq <= :seq'}`,
                  ExpressionAttributeNames: { '#seq': 'sequencer' },
                  ...(sequencer === null ? {} : { ExpressionAttributeValues: { ':seq': sequencer } }),
                }),
              );
            } catch (error) {
              if (!isConditionFailure(error)) throw error;
            }
          }),
        );

  /** Puts an entity item back unless a newer version wrote it since. */
  async function restore(entry: Item & { sequencer?: string }): Promise<void> {
    try {
      await doc.send(
        new PutCommand({
          TableName: tableName,
          Item: entry,
          ...(entry.sequencer === undefined
            ? { ConditionExpression: 'attribute_not_exists(#seq)', ExpressionAttributeNames: { '#seq': 'sequencer' } }
            : { ConditionExpression: 'attribute_not_exists(#seq) OR #seq <= :seq', ExpressionAttributeNames: { '#seq': 'sequencer' }, ExpressionAttributeValues: { ':seq': entry.sequencer } }),
        }),
      );
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
    }
  }

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

    /** Before the conditional put: entity items, and the markers not written before. */
    async write({ writes }: IndexedArticle): Promise<void> {
      const fresh = writes.filter((w) => !(String(w[PK]).startsWith(MONTH_MARKER_PREFIX) && markersWritten.has(markerId(w as { pk: string; sk: string }))));
      await batchWrite(fresh.map((entry) => ({ PutRequest: { Item: { ...entry } } })));
      if (markersWritten.size > MAX_REMEMBERED_MARKERS) markersWritten.clear();
      for (const w of fresh) if (String(w[PK]).startsWith(MONTH_MARKER_PREFIX)) markersWritten.add(markerId(w as { pk: string; sk: string }));
    },

    drop,

    /**
     * After a put refused as stale: drops what `write` put that the stored version has not, and
     * puts back the stored version's items that `write` overwrote (a race: the check before the
     * write saw an older version). Rare, so it reads the whole stored item to rebuild them.
     */
    async undo(indexed: IndexedArticle): Promise<void> {
      const ours = entityItemsOf(indexed.item);
      if (ours.partitions.length === 0) return;
      const { Item: stored } = await doc.send(new GetCommand({ TableName: tableName, Key: articleKey(indexed.item.source.key), ConsistentRead: true }));
      const theirs = entityItemsOf(stored);
      await drop(entityPartitionsGone(ours, theirs), ours.sortKey, indexed.item.sequencer ?? null);
      const overwritten = new Set(ours.sortKey === theirs.sortKey ? ours.partitions.filter((pk) => theirs.partitions.includes(pk)) : []);
      const record = stored && overwritten.size > 0 ? itemToRecord(stored) : null;
      if (!record || !stored) return;
      const own = prepare(record, stored as ArticleItem).writes.filter((w) => overwritten.has(String(w[PK])) && w[SK] === theirs.sortKey);
      await Promise.all(own.map((entry) => restore(entry)));
    },
  };
}

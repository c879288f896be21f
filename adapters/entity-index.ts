/**
 * The read indexes written beside every article item: entity index items (shared/entity-items.ts)
 * and the month markers of every month partition the article is in (shared/month-markers.ts).
 * The store calls these around its conditional put:
 *   1. `write`  before the put: the record's entity items and markers (idempotent puts), so a
 *               retry after a crash finds them written;
 *   2. `forget` after a put that replaced a record (or a remove): the old record's entity items
 *               the new one has not (the old item lists their partitions in `entityKeys`, and its
 *               `dateSk` is their sort key);
 *   3. `undo`   after a put refused as stale: what step 1 wrote that the stored version has not.
 * Markers are never removed (shared/month-markers.ts); this writer skips markers it has written
 * before, so a busy month's marker is put once per container, not once per article.
 */
import { GetCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { entityIndexItems } from '../shared/entity-items';
import { articleKey, type ArticleItem } from '../shared/items';
import { MONTH_MARKER_PREFIX, monthMarkersOf } from '../shared/month-markers';
import type { ArticleRecord } from '../shared/record';
import { TABLE } from '../shared/table';

type Item = Record<string, unknown>;
type WriteRequest = { PutRequest: { Item: Item } } | { DeleteRequest: { Key: Item } };

const PK = TABLE.partitionKey.name;
const SK = TABLE.sortKey.name;
/** Markers remembered as written; past this many the memory starts over (a few puts again). */
const MAX_REMEMBERED_MARKERS = 50_000;

export interface EntityIndexOptions {
  readonly doc: DynamoDBDocumentClient;
  readonly tableName: string;
  /** The store's BatchWriteItem with retries of unprocessed items. */
  readonly batchWrite: (requests: readonly WriteRequest[]) => Promise<void>;
}

/** What the article item says of its entity index items. */
interface Written {
  readonly partitions: readonly string[];
  readonly sortKey: string | null;
}

function writtenBy(stored: object | null | undefined): Written {
  const item = stored as Item | null | undefined;
  if (!item || item.deleted === true) return { partitions: [], sortKey: null };
  const partitions = Array.isArray(item.entityKeys) ? item.entityKeys.filter((pk): pk is string => typeof pk === 'string') : [];
  return { partitions, sortKey: typeof item.dateSk === 'string' ? item.dateSk : null };
}

/** An article item with the partitions of its entity index items, and what to write beside it. */
export interface IndexedArticle {
  readonly item: ArticleItem & { readonly entityKeys?: string[] };
  readonly writes: readonly Item[];
}

export function createEntityIndex({ doc, tableName, batchWrite }: EntityIndexOptions) {
  const markersWritten = new Set<string>();
  const markerId = (m: { pk: string; sk: string }) => `${m.pk}\u0000${m.sk}`;

  /** Deletes the entity items `before` names that `after` does not (same partition and sort key). */
  function dropMissing(before: Written, after: Written): Promise<void> {
    if (before.sortKey === null) return Promise.resolve();
    const kept = new Set(after.sortKey === before.sortKey ? after.partitions : []);
    const gone = before.partitions.filter((pk) => !kept.has(pk));
    return batchWrite(gone.map((pk) => ({ DeleteRequest: { Key: { [PK]: pk, [SK]: before.sortKey } } })));
  }

  return {
    /** The record's article item with `entityKeys` (DynamoDB has no empty list: left out when none). */
    prepare(record: ArticleRecord, item: ArticleItem): IndexedArticle {
      const entities = entityIndexItems(record);
      const markers = monthMarkersOf([item.agencyPk, item.languagePk, item.datePk, ...entities.map((e) => e.pk)]);
      const entityKeys = entities.map((e) => e.pk);
      return { item: entityKeys.length > 0 ? { ...item, entityKeys } : item, writes: [...entities, ...markers].map((entry): Item => ({ ...entry })) };
    },

    /** Before the conditional put: entity items, and the markers not written before. */
    async write({ writes }: IndexedArticle): Promise<void> {
      const fresh = writes.filter((w) => !(String(w[PK]).startsWith(MONTH_MARKER_PREFIX) && markersWritten.has(markerId(w as { pk: string; sk: string }))));
      await batchWrite(fresh.map((entry) => ({ PutRequest: { Item: { ...entry } } })));
      if (markersWritten.size > MAX_REMEMBERED_MARKERS) markersWritten.clear();
      for (const w of fresh) if (String(w[PK]).startsWith(MONTH_MARKER_PREFIX)) markersWritten.add(markerId(w as { pk: string; sk: string }));
    },

    /** After a put that replaced `old` (or a remove, `current` null). */
    forget(old: object | null, current: object | null): Promise<void> {
      return dropMissing(writtenBy(old), writtenBy(current));
    },

    /** After a put refused as stale: what `write` put that the stored version has not. */
    async undo({ item }: IndexedArticle): Promise<void> {
      const { Item: stored } = await doc.send(
        new GetCommand({ TableName: tableName, Key: articleKey(item.source.key), ConsistentRead: true, ProjectionExpression: 'entityKeys, dateSk, deleted' }),
      );
      await dropMissing(writtenBy(item), writtenBy(stored));
    },
  };
}
